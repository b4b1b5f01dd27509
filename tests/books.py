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
