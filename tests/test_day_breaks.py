"""Day-break rows (End of Day) as coordinators type them: wordings, numeric dates, page counts."""

from __future__ import annotations

from datetime import date

import pytest

from addin.callsheet.build import build_callsheet
from addin.days import shoot_days
from addin.run import check_book
from tests.books import TODAY, book_of, findings_of
from tests.callsheet.callsheet_books import grids


def _schedule_with_breaks(*breaks: str) -> dict:
    """The call sheet test book with its Days tab undated and the schedule closed by ``breaks``."""
    book = grids()
    book["Days"] = [[row[0], *row[2:]] for row in book["Days"]]  # the Date column taken out
    book["Schedule"] = [
        ["Scene", "Set", "I/E", "D/N", "Pages", "Cast", "Location"],
        ["1", "DINER - COUNTER", "INT", "DAY", "1 3/8", "1, 2", "Diner"],
        [breaks[0]],
        ["3", "DINER - BOOTH", "INT", "DAY", "7/8", "1", "Diner"],
        [breaks[1]],
    ]
    return book


@pytest.mark.parametrize(("first", "second"), [
    ("END OF DAY 1 -- Thu 12/3/26 -- 6 6/8 pgs", "END OF DAY 2 -- Fri 12/4/26 -- 4 3/8 pgs"),
    ("End Of Shooting Day 1 - Thu 12/3/2026 - 1 3/8 Pgs", "End Of Shooting Day 2 - 12/4/26"),
    ("End Day # 1 -- Thursday, December 3, 2026", "End Day # 2 -- Friday, December 4, 2026"),
    ("END OF DAY #1 | 12/3/2026 | 1 3/8", "END OF DAY #2 | 12/4/2026 | 7/8"),
    ("*** END OF DAY 1 -- 12-3-26 ***", "*** END OF DAY 2 -- Dec 4, 2026 ***"),
    ("End of Day 1 (Thu 12/3) 1 3/8 pgs", "End of Day 2 (Fri 12/4) 7/8 pgs"),
])
def test_day_break_wordings_give_days_and_dates(first: str, second: str) -> None:
    book = book_of(_schedule_with_breaks(first, second))
    rows = book.tables["Schedule"].rows()
    assert [(r["Scene"], r["Day"]) for r in rows] == [("1", 1), ("3", 2)]
    assert shoot_days(book) == {1: date(2026, 12, 3), 2: date(2026, 12, 4), 3: None}


def test_numeric_day_break_dates_reach_the_call_sheet_with_the_whole_crew() -> None:
    book = book_of(_schedule_with_breaks(
        "END OF DAY 1 -- Thu 12/3/26 -- 6 6/8 pgs", "END OF DAY 2 -- Fri 12/4/26 -- 4 3/8 pgs"))
    sheet, _ = build_callsheet(book, 2)
    assert (sheet.date, sheet.date_text) == ("2026-12-04", "Friday, December 4, 2026")
    # Ann Wu's last day is Dec 3; the other five are on from the start
    assert [c.name for c in sheet.crew] == [
        "Pat Lee", "Sam Roe", "Kim Day", "Lou Fox", '=HYPERLINK("http://x","Pat")']


def test_a_page_count_is_never_read_as_a_date() -> None:
    grids_ = _schedule_with_breaks("END OF DAY 1 -- 4 3/8", "END OF DAY 2 -- 6 6/8 pgs")
    assert shoot_days(book_of(grids_)) == {1: None, 2: None, 3: None}
    found = [f for f in findings_of(grids_) if f[0] == "schedule.day_without_date"]
    assert [f[1] for f in found] == ["Schedule", "Schedule"]


def test_a_day_break_date_that_disagrees_with_the_days_tab_is_a_finding() -> None:
    book = grids()
    book["Schedule"] = [
        ["Scene", "Set", "Pages", "Cast", "Location"],
        ["1", "DINER", "1 3/8", "1", "Diner"],
        ["END OF DAY 1 -- Thu 12/3/26 -- 1 3/8 pgs"],
        ["3", "BOOTH", "7/8", "1", "Diner"],
        ["END OF DAY 2 -- Sat 12/5/26 -- 7/8 pgs"],
    ]
    found = [f for f in _findings(book) if f.rule == "schedule.date_mismatch"]
    assert [(f.severity.value, f.sheet, f.cell) for f in found] == [("warning", "Schedule", "A5")]
    assert found[0].message == (
        "The End of Day 2 row (Schedule!A5) says Dec 5, 2026, but the Days tab (Days!B3) says "
        "Dec 4, 2026.")
    assert "Days!B3" in (found[0].suggestion or "")
    sheet, _ = build_callsheet(book_of(book), 2)
    assert sheet.date == "2026-12-04"  # the Days tab wins


def _findings(grids_: dict) -> list:
    return check_book(book_of(grids_), TODAY).findings


def test_a_day_with_only_an_end_of_day_row_still_counts() -> None:
    book = grids()
    del book["Days"]
    book["Schedule"] = [
        ["Scene", "Set", "Pages", "Cast", "Location"],
        ["1", "DINER", "1 3/8", "1", "Diner"],
        ["END OF DAY 1 -- Thu 12/3/26 -- 1 3/8 pgs"],
        ["END OF DAY 2 -- Fri 12/4/26 -- company move, no scenes"],
        ["3", "BOOTH", "7/8", "1", "Diner"],
        ["END OF DAY 3 -- Mon 12/7/26 -- 7/8 pgs"],
    ]
    read = book_of(book)
    assert [r["Day"] for r in read.tables["Schedule"].rows()] == [1, 3]
    assert shoot_days(read) == {
        1: date(2026, 12, 3), 2: date(2026, 12, 4), 3: date(2026, 12, 7)}
    assert build_callsheet(read, 3)[0].day_of == "Day 3 of 3"
    assert build_callsheet(read, 2)[0].date_text == "Friday, December 4, 2026"
