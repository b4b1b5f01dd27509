"""An xlwings engine backed by openpyxl, so that Excel code is tested without Excel.

    from tests.xlwings_engine import activate, engine_stats, reset_stats
    activate()                       # xw.engines.active is now "openpyxl"
    book = xw.Book("book.xlsx")      # the real xlwings API from here on
"""

from __future__ import annotations

from pathlib import Path

import xlwings as xw

from tests.xlwings_engine.book import Engine
from tests.xlwings_engine.stats import engine_stats, reset_stats

__all__ = ["ENGINE_NAME", "activate", "alerts", "engine_stats", "open_in_engine", "reset_stats"]

ENGINE_NAME = "openpyxl"


def activate() -> xw.main.Engine:
    """Register the engine once and make it the active one; returns it."""
    if ENGINE_NAME not in [engine.name for engine in xw.engines]:
        xw.engines.add(xw.main.Engine(impl=Engine()))
    engine = xw.engines[ENGINE_NAME]
    engine.activate()
    return engine


def alerts(app: xw.App) -> list[dict]:
    """The message boxes the app showed: prompt, title, buttons, mode."""
    return app.impl.alerts


def open_in_engine(path: Path) -> xw.Book:
    """Open a file on the engine, closing books and forgetting message boxes of earlier tests."""
    activate()
    app = xw.apps.active or xw.App(add_book=False)
    for book in list(app.books):
        book.close()
    app.impl.alerts.clear()
    app.impl.alert_answers.clear()
    return app.books.open(path)
