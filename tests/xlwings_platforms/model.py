"""One in-memory workbook model that both platform stand-ins answer from.

Excel keeps a cell's value (a double, text, a boolean or an error), its number
format and its formatting; each platform then hands the value over in its own
types (COM variants on Windows, Apple events on macOS). This module holds only
the platform-neutral part: cells, merged areas, notes, fills, tabs, the frozen
rows of a window, list validations, message boxes and a call counter.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import openpyxl
from openpyxl.utils import column_index_from_string, get_column_letter

from tests.xlwings_engine.values import COM_ERRORS, EXCEL_EPOCH, from_input

EPOCH = EXCEL_EPOCH
ERRORS = tuple(COM_ERRORS)
CURRENCY_SIGNS = ("$", "€", "£", "¥", "[$")


class ErrorValue(str):
    """An error cell (#REF!, #N/A, ...)."""


@dataclass
class Cell:
    """What Excel keeps for one cell."""

    value: Any = None
    number_format: str = "General"
    formula: str | None = None
    fill: tuple[int, int, int] | None = None
    note: str | None = None
    bold: bool = False
    wrap: bool = False
    valign: str = "bottom"
    link: str | None = None

    def used(self) -> bool:
        """Whether the cell counts towards the used range (a value or formatting)."""
        return self.value is not None or self.fill is not None or self.bold or self.wrap


@dataclass
class SheetModel:
    """One worksheet."""

    name: str
    cells: dict[tuple[int, int], Cell] = field(default_factory=dict)
    merges: list[tuple[int, int, int, int]] = field(default_factory=list)
    widths: dict[int, float] = field(default_factory=dict)
    visible: bool = True
    frozen_rows: int = 0
    frozen_columns: int = 0
    validations: list[tuple[str, str]] = field(default_factory=list)

    def cell(self, row: int, col: int) -> Cell:
        """The cell, created empty on first touch."""
        return self.cells.setdefault((row, col), Cell())

    def peek(self, row: int, col: int) -> Cell:
        """The cell without creating it."""
        return self.cells.get((row, col)) or Cell()

    def used_box(self) -> tuple[int, int, int, int]:
        """(top, left, bottom, right) of the used range; A1 when the tab is empty."""
        used = [k for k, c in self.cells.items() if c.used()]
        for r1, c1, r2, c2 in self.merges:
            used += [(r1, c1), (r2, c2)]
        if not used:
            return 1, 1, 1, 1
        rows = [r for r, _ in used]
        cols = [c for _, c in used]
        return min(rows), min(cols), max(rows), max(cols)

    def merge_at(self, row: int, col: int) -> tuple[int, int, int, int] | None:
        """The merged area holding the cell, if any."""
        for area in self.merges:
            if area[0] <= row <= area[2] and area[1] <= col <= area[3]:
                return area
        return None


@dataclass
class BookModel:
    """One open workbook."""

    name: str
    fullname: str
    sheets: list[SheetModel]
    active: int = 0
    saves: int = 0

    def sheet(self, name: str) -> SheetModel:
        """The tab of that name (Excel compares names without case)."""
        for sheet in self.sheets:
            if sheet.name.lower() == name.lower():
                return sheet
        raise KeyError(name)


@dataclass
class AppModel:
    """One Excel application: its books, message boxes, questions and a call counter."""

    books: list[BookModel] = field(default_factory=list)
    active_book: int = 0
    alerts: list[dict[str, Any]] = field(default_factory=list)
    alert_answers: list[str] = field(default_factory=list)
    inputs: list[str | None] = field(default_factory=list)
    asked: list[dict[str, Any]] = field(default_factory=list)
    status_bar: Any = False
    screen_updating: bool = True
    display_alerts: bool = True
    calls: Counter = field(default_factory=Counter)

    def count(self, kind: str) -> None:
        """One round trip to Excel (a property read or write, or a method call)."""
        self.calls[kind] += 1
        self.calls["total"] += 1

    def book(self) -> BookModel:
        """The active workbook."""
        return self.books[self.active_book]


# -- addresses ------------------------------------------------------------------------
_CELL = re.compile(r"^\$?([A-Za-z]{1,3})\$?(\d+)$")
_ROWS = re.compile(r"^\$?(\d+):\$?(\d+)$")
_COLS = re.compile(r"^\$?([A-Za-z]{1,3}):\$?([A-Za-z]{1,3})$")
MAX_ROW, MAX_COL = 1048576, 16384


def parse_area(text: str) -> tuple[int, int, int, int]:
    """'B2', 'A1:C3', '$A$1', '1:3' or 'A:C' as (top, left, bottom, right)."""
    text = text.strip()
    if m := _ROWS.match(text):
        return int(m[1]), 1, int(m[2]), MAX_COL
    if m := _COLS.match(text):
        return 1, column_index_from_string(m[1].upper()), MAX_ROW, \
            column_index_from_string(m[2].upper())
    parts = text.split(":")
    if len(parts) > 2:
        raise ValueError(text)
    corners = []
    for part in parts:
        m = _CELL.match(part.strip())
        if not m:
            raise ValueError(text)
        corners.append((int(m[2]), column_index_from_string(m[1].upper())))
    (r1, c1), (r2, c2) = corners[0], corners[-1]
    return min(r1, r2), min(c1, c2), max(r1, r2), max(c1, c2)


def parse_areas(text: str) -> list[tuple[int, int, int, int]]:
    """A comma-joined multi-area address as its areas."""
    return [parse_area(part) for part in text.split(",")]


def area_address(area: tuple[int, int, int, int], absolute: bool = True) -> str:
    """An area as Excel writes it ($A$1 or $A$1:$C$3)."""
    d = "$" if absolute else ""
    r1, c1, r2, c2 = area
    first = f"{d}{get_column_letter(c1)}{d}{r1}"
    if (r1, c1) == (r2, c2):
        return first
    return f"{first}:{d}{get_column_letter(c2)}{d}{r2}"


# -- typing a value -------------------------------------------------------------------
def typed(value: Any) -> tuple[Any, str | None]:
    """What a cell holds after a value is assigned: (value, formula).

    Like typing, as the home-made engine models it (tests/xlwings_engine/values.py
    ``from_input``): "'x" is the text x, "=..." a formula (not calculated here),
    number-looking text a number, TRUE/FALSE a boolean; error texts are errors.
    """
    result, as_text = from_input(value)
    if isinstance(result, str) and not as_text:
        if result.startswith("="):
            return None, result
        if result in ERRORS:
            return ErrorValue(result), None
    return (None if result == "" else result), None


def is_currency(number_format: str) -> bool:
    """Whether Excel treats the number format as Currency (Range.Value gives a Currency)."""
    return any(sign in number_format for sign in CURRENCY_SIGNS)


# -- loading an .xlsx -----------------------------------------------------------------
def load_xlsx(path: Path) -> BookModel:
    """The workbook file as Excel would hold it after opening it."""
    formulas = openpyxl.load_workbook(path)
    cached = openpyxl.load_workbook(path, data_only=True)
    sheets = []
    for ws in formulas.worksheets:
        values = cached[ws.title]
        sheet = SheetModel(ws.title, visible=ws.sheet_state == "visible")
        for row in ws.iter_rows():
            for xc in row:
                if xc.value is None and xc.comment is None and not _fill_of(xc):
                    continue
                cell = sheet.cell(xc.row, xc.column)
                raw = values.cell(xc.row, xc.column).value
                if isinstance(xc.value, str) and xc.value.startswith("="):
                    cell.formula = xc.value
                if xc.data_type == "e" or (isinstance(raw, str) and raw in ERRORS):
                    cell.value = ErrorValue(raw)
                elif isinstance(raw, str):
                    cell.value = raw
                else:
                    cell.value = typed(raw)[0]
                cell.number_format = xc.number_format
                cell.fill = _fill_of(xc)
                cell.note = xc.comment.text if xc.comment is not None else None
                cell.bold = bool(xc.font and xc.font.b)
        for merged in ws.merged_cells.ranges:
            sheet.merges.append((merged.min_row, merged.min_col, merged.max_row, merged.max_col))
        for letter, dim in ws.column_dimensions.items():
            if dim.width:
                sheet.widths[column_index_from_string(letter)] = dim.width
        if ws.freeze_panes:
            sheet.frozen_rows = int(re.sub(r"\D", "", ws.freeze_panes)) - 1
            sheet.frozen_columns = column_index_from_string(re.sub(r"\d", "", ws.freeze_panes)) - 1
        for dv in ws.data_validations.dataValidation:
            if dv.type == "list" and dv.formula1:
                sheet.validations.append((str(dv.sqref), dv.formula1.strip('"')))
        sheets.append(sheet)
    path = Path(path).resolve()
    return BookModel(path.name, str(path), sheets)


def _fill_of(xc: Any) -> tuple[int, int, int] | None:
    fill = xc.fill
    if fill is None or fill.fill_type != "solid":
        return None
    rgb = str(fill.fgColor.rgb)[-6:]
    return int(rgb[0:2], 16), int(rgb[2:4], 16), int(rgb[4:6], 16)
