"""The Day Out of Days button through xlwings, on every engine, against `proddesk dood`."""

from __future__ import annotations

import datetime as dt

from addin.dood.build import build_dood
from addin.dood.tab import HEADER_ROWS, NAME_COLUMNS, dood_rows
from addin.excel import ribbon
from addin.hosts.excel import ExcelHost
from tests.books import book_of, dood_book, write_xlsx

MADE = dt.date(2026, 12, 2)


def _expected() -> list[list]:
    rows = dood_rows(build_dood(book_of(dood_book()), MADE))
    return [[None if v == "" else v for v in row] for row in rows]


def test_day_out_of_days_button_writes_the_dood_tab(engine, tmp_path):
    book = engine.open(write_xlsx(tmp_path / "Night Shift.xlsx", dood_book()))
    dood = ribbon.day_out_of_days(book, today=MADE)
    assert dood is not None
    live = ExcelHost(book).read_all()
    assert live["DOOD"] == _expected()
    assert live["DOOD"][5][3:9] == ["T", "SW/D", None, None, "PU/WF", "T"]  # drop, pickup, travel
    assert live["DOOD"][4][4:6] == ["SW", "H"]  # the hold
    message = engine.alerts(book.app)[-1]["prompt"]
    assert message.startswith("The Day Out of Days of 5 cast member(s) over 6 day(s) is on "
                              "the tab 'DOOD'.")
    assert "Schedule D11: Scene 7: cast id 4 not on the Cast List." in message
    if engine.platform is not None:
        sheet = engine.model_sheet(book, "DOOD")
        assert (sheet.frozen_rows, sheet.frozen_columns) == (HEADER_ROWS, len(NAME_COLUMNS))
    ribbon.day_out_of_days(book, today=MADE)  # again: the same tab rewritten
    assert [s.name for s in book.sheets].count("DOOD") == 1


def test_day_out_of_days_button_leaves_a_coordinators_dood_tab_alone(engine, tmp_path):
    grids = dood_book()
    grids["DOOD"] = [["my own DOOD"]]
    book = engine.open(write_xlsx(tmp_path / "own.xlsx", grids))
    ribbon.day_out_of_days(book, today=MADE)
    live = ExcelHost(book).read_all()
    assert live["DOOD"] == [["my own DOOD"]]
    assert live["ProdDesk DOOD"] == _expected()


def test_day_out_of_days_button_on_a_book_without_days_says_why(engine, tmp_path):
    book = engine.open(write_xlsx(tmp_path / "empty.xlsx", {"Cast": dood_book()["Cast"]}))
    names = [s.name for s in book.sheets]
    assert ribbon.day_out_of_days(book, today=MADE) is None
    message = engine.alerts(book.app)[-1]["prompt"]
    assert message == ("empty.xlsx: the book has no shoot days yet (no day numbers on the "
                       "Schedule or Days tab and no End of Day rows), so there is no Day Out "
                       "of Days to make.")
    assert [s.name for s in book.sheets] == names
