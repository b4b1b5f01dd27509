"""Books built in the test, in memory or as real .xlsx files."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import openpyxl

from addin.book import Book, build_book
from addin.hosts.memory import MemoryHost
from addin.run import check_book

TODAY = date(2026, 11, 25)


def book_of(grids: dict[str, list[list[Any]]], label: str = "book.xlsx") -> Book:
    """A Book read from grids, the way every host hands them over."""
    return build_book(MemoryHost(grids, label).read_all(), label)


def findings_of(grids: dict[str, list[list[Any]]], today: date = TODAY) -> list[tuple]:
    """(rule, tab, cell) of every finding for a book made of grids."""
    return check_book(book_of(grids), today).flatten()


def write_xlsx(path: Path, grids: dict[str, list[list[Any]]]) -> Path:
    """An .xlsx file holding grids, one tab each, written with openpyxl."""
    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)
    for name, rows in grids.items():
        sheet = workbook.create_sheet(name)
        for row in rows:
            sheet.append(row)
    workbook.save(path)
    return path


def hot_budget_actuals() -> list[list[Any]]:
    """A PO log kept the Hot Budget / actuals way: a title block, then LINE / PAYEE / ACTUAL."""
    return [
        ["THE LONG TAKE - ACTUALS"],
        ["Updated 11/20/26 by Jo"],
        [],
        ["LINE", "LINE DESCRIPTION", "PAYEE", "ACTUAL", "CHECK DATE", "REF #"],
        ["2000", "Grip package", "Acme Grip + Elec", "$4,200.00", "11/18/26", "0412"],
        ["2100", "Camera rental", "Panavision", "(250.00)", "11/19/26", "0413"],
        ["", "", "", "", "", ""],
        ["TOTAL", "", "", "$3,950.00", "", ""],
    ]


def contact_block_crew(header_row: int = 43) -> list[list[Any]]:
    """A crew tab whose first rows are the production's info block; the list starts lower.

    Forty-odd rows of office address, key dates and notes, the way a coordinator keeps
    the front of a contact sheet, then ``Name | Title | Dept | Cell | Email`` on ``header_row``.
    """
    rows: list[list[Any]] = [
        ["THE LONG TAKE"],
        ["CREW CONTACT LIST"],
        [],
        ["Production Office", "1200 Vine St, Hollywood CA"],
        ["Office Phone", "(323) 555-0100"],
        ["Prep Start", "11/30/26"],
        ["Shoot Start", "12/3/26"],
    ]
    while len(rows) < header_row - 3:
        rows.append([f"Note {len(rows)}: parking is on Cole Ave after 6P."])
    rows += [[], ["** PLEASE DO NOT SHARE THIS LIST **"]]
    rows.append(["Name", "Title", "Dept", "Cell", "Email"])
    rows += [
        ["Pat Lee", "DP", "Camera", "(310) 555-0143", "pat@example.com"],
        ["Sam Roe", "Key Grip", "Grip", "(310) 555-0144", "sam@example"],
    ]
    return rows


def dood_book() -> dict[str, list[list[Any]]]:
    """A DOOD-worthy book typed the way a coordinator types one: a Schedule closed by
    day-break rows with text dates, cast ids as ``1, 2`` and ``#3``, a Cast tab under a
    title row with travel dates, a Cast Calls travel day, and an 11-day break mid-shoot.

    Cast 1 works days 1-4 across the break (a drop and a pickup), cast 2 days 1 and 3
    (a hold on day 2), cast 3 days 1 and 4 (dropped between, travels the day before and
    after), cast 5 day 3 only (travels on day 2), cast 4 is not on the Cast tab.
    """
    return {
        "Settings": [["Setting", "Value"], ["Production", "Night Shift"]],
        "Cast": [
            ["NIGHT SHIFT - CAST LIST (rev 2)"],
            ["#", "Role", "Actor", "Travel Dates", "Notes"],
            ["1", "MAYA", "Isabel Reyes", "", ""],
            ["#2", "DANIEL", "Owen Mitchell", "", "local hire"],
            [3.0, "ROSE", "Margaret Hale", "1/3/27, Jan 19, 2027", "flies in from NY"],
            [],
            ["05", "GUEST", "Walt Brennan", "", ""],
            ["* travel booked by Jo"],
        ],
        "Schedule": [
            ["Scene", "Set", "Pages", "Cast"],
            ["1", "INT. DINER - NIGHT", "2", "1, 2"],
            ["2", "EXT. DINER - NIGHT", "1 2/8", "#3"],
            ["END OF DAY 1 -- Mon 1/4/27 -- 3 2/8 pgs", None, None, None],
            ["3", "INT. CAR - NIGHT", "4/8", "1"],
            ["End Of Shooting Day 2 - 1/5/27", None, None, None],
            ["4", "INT. MOTEL - NIGHT", "3", "1, 2"],
            ["5", "INT. MOTEL - NIGHT", "1", "#5"],
            ["END OF DAY 3 -- Wed Jan 6, 2027", None, None, None],
            ["6", "EXT. ROAD - NIGHT", "2", "1,3"],
            ["7", "EXT. ROAD - NIGHT", "1", "4"],
            ["*** END OF DAY 4 *** 1/18/27", None, None, None],
        ],
        "Cast Calls": [
            ["Day", "Cast #", "Pickup", "Travel"],
            ["2", "5", "", "T"],
            ["3", "5", "6:30P", ""],
            ["4", "2", "", "No"],
        ],
    }
