"""The Day Out of Days menu item: ProdDesk.gs in node -> `proddesk serve` -> the Sheets API
imitation, on a messy book (text dates in day-break rows, cast ids `1, 2` and `#3`)."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from test_apps_script import Served, serving

from addin.dood.build import build_dood
from addin.dood.tab import dood_rows
from tests.books import book_of, dood_book, write_xlsx


@pytest.fixture(scope="module")
def served_dood(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    tmp = tmp_path_factory.mktemp("serve-dood")
    grids = dood_book()
    grids["DOOD"] = [["the 1st AD's own DOOD"]]
    with serving(write_xlsx(tmp / "Night Shift.xlsx", grids), tmp) as running:
        yield running


def sheet_values(served: Served, title: str) -> list[list]:
    """The tab's stored values as rows ("" for an empty cell), and whether any is a formula."""
    sheet = served.fake.book(served.sid).sheet_by_title(title)
    assert sheet is not None, title
    assert not any(cell.formula for cell in sheet.cells.values()), "a formula was written"
    height = max((r for r, _ in sheet.cells), default=-1) + 1
    width = max((c for _, c in sheet.cells), default=-1) + 1
    return [["" if sheet.cells.get((r, c)) is None or sheet.cells[(r, c)].value is None
             else sheet.cells[(r, c)].value for c in range(width)] for r in range(height)]


def test_day_out_of_days_menu_item_writes_the_dood_tab(served_dood):
    result = served_dood.run([{"fn": "proddeskDayOutOfDays"}])
    [fetch] = result["fetches"]
    assert fetch["url"] == served_dood.url + "/actions/dood" and fetch["code"] == 200
    assert result["toasts"][0]["message"] == "Writing the Day Out of Days…"
    [alert] = result["alerts"]
    assert alert["message"] == (
        'The Day Out of Days of 5 cast member(s) over 6 day(s) is on the tab "ProdDesk DOOD". '
        "Check these: Schedule D11: Scene 7: cast id 4 not on the Cast List.")
    assert sheet_values(served_dood, "DOOD") == [["the 1st AD's own DOOD"]]  # theirs, kept
    live = sheet_values(served_dood, "ProdDesk DOOD")
    assert live == dood_rows(build_dood(book_of(dood_book()), date.today()))
    assert live[5][3:9] == ["T", "SW/D", "", "", "PU/WF", "T"]  # travel, drop, pickup
    assert live[4][4:6] == ["SW", "H"]  # a hold
    props = served_dood.fake.book(served_dood.sid).sheet_by_title("ProdDesk DOOD").props
    assert props["gridProperties"]["frozenRowCount"] == 3
    assert props["gridProperties"]["frozenColumnCount"] == 3


def test_day_out_of_days_again_rewrites_its_own_tab(served_dood):
    served_dood.run([{"fn": "proddeskDayOutOfDays"}])
    served_dood.run([{"fn": "proddeskDayOutOfDays"}])
    titles = [s.title for s in served_dood.fake.book(served_dood.sid).sheets]
    assert titles.count("ProdDesk DOOD") == 1 and "ProdDesk DOOD 2" not in titles
