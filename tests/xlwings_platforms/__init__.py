"""xlwings' own platform engines (``_xlwindows.py``, ``_xlmac.py``) over stand-ins below them.

    from tests.xlwings_platforms import PLATFORMS
    platform = PLATFORMS["windows"]
    book = platform.open(path)        # xw.Book through xlwings' real Windows code
    platform.alerts(book.app)         # the message boxes Excel showed
    platform.model(book.app).calls    # round trips to Excel, by kind
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import xlwings as xw

from tests.xlwings_platforms.model import AppModel


@dataclass
class Platform:
    """One of xlwings' desktop engines, run over a stand-in for what lies below it."""

    name: str
    engine: Callable[[], Any]
    start: Callable[[AppModel], Any]
    stop: Callable[[], None]

    def open(self, path: Path) -> xw.Book:
        """Start a fresh Excel with the file open, through ``xw.Book`` on this engine."""
        self.stop()
        self.start(AppModel())
        engine = xw.main.Engine(impl=self.engine())
        engine.activate()
        # what xlwings' __init__ registers on that platform (conversion looks it up)
        xw.engines.engines_by_name["excel"] = engine
        return xw.Book(str(path))

    def model(self, app: xw.App) -> AppModel:
        """The application model behind an xlwings App."""
        return _models[self.name](app)

    def alerts(self, app: xw.App) -> list[dict]:
        """The message boxes shown: prompt, title, buttons, mode."""
        return [a for a in self.model(app).alerts if "prompt" in a]


def _windows_engine() -> Any:
    from tests.xlwings_platforms import windows_com

    return windows_com.load().engine


def _windows_start(app: AppModel) -> Any:
    from tests.xlwings_platforms import windows_com

    return windows_com.start_excel(app)


def _windows_stop() -> None:
    from tests.xlwings_platforms import windows_com

    windows_com.stop_all()


def _windows_model(app: xw.App) -> AppModel:
    return app.api._inner._app


def _mac_engine() -> Any:
    from tests.xlwings_platforms import mac_appscript

    return mac_appscript.load().engine


def _mac_start(app: AppModel) -> Any:
    from tests.xlwings_platforms import mac_appscript

    return mac_appscript.start_excel(app)


def _mac_stop() -> None:
    from tests.xlwings_platforms import mac_appscript

    mac_appscript.stop_all()


def _mac_model(app: xw.App) -> AppModel:
    return app.api._excel.model


_models: dict[str, Callable[[xw.App], AppModel]] = {"windows": _windows_model, "mac": _mac_model}

PLATFORMS: dict[str, Platform] = {
    "windows": Platform("windows", _windows_engine, _windows_start, _windows_stop),
    "mac": Platform("mac", _mac_engine, _mac_start, _mac_stop),
}


# -- every engine the Excel tests run on, behind one small interface --------------------
class Engines:
    """How a test opens a book, reads message boxes and counts Excel round trips per engine."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.platform = PLATFORMS.get(name)

    def open(self, path: Path) -> xw.Book:
        """The file open as a live xlwings Book on this engine."""
        if self.platform is None:
            from tests.xlwings_engine import open_in_engine

            return open_in_engine(path)
        return self.platform.open(path)

    def alerts(self, app: xw.App) -> list[dict]:
        """The message boxes shown so far."""
        if self.platform is None:
            from tests.xlwings_engine import alerts

            return alerts(app)
        return self.platform.alerts(app)

    def reset_calls(self, app: xw.App) -> None:
        """Start counting round trips again."""
        if self.platform is None:
            from tests.xlwings_engine import reset_stats

            reset_stats()
        else:
            self.platform.model(app).calls.clear()

    def calls(self, app: xw.App) -> int:
        """Round trips to Excel since the last reset."""
        if self.platform is None:
            from tests.xlwings_engine import engine_stats

            return engine_stats()["total"]
        return self.platform.model(app).calls["total"]

    def model_sheet(self, book: xw.Book, name: str) -> Any:
        """The stand-in's own record of a tab (platform engines only)."""
        app = self.platform.model(book.app)
        return next(b for b in app.books if b.name == book.name).sheet(name)


ENGINE_NAMES = ["openpyxl", *PLATFORMS]
