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
