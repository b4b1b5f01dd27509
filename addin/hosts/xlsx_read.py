"""Reading every worksheet's values fast: calamine for values, a scan for error cells.

calamine turns error cells (``#REF!``, ``#N/A``) into empty strings, so sheets
whose XML holds an error cell (``t="e"``) are scanned once more with lxml and
those cells are given back as ``CellError``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from io import BytesIO
from pathlib import Path
from typing import Any

from lxml import etree
from python_calamine import CalamineWorkbook

from addin.errors import InputError
from addin.hosts.base import Grid
from addin.hosts.xlsx_package import Package
from addin.model import CellError, column_index

_REF = re.compile(r"^([A-Za-z]+)(\d+)$")
_CELL_TAG = re.compile(rb"<(?:\w+:)?c\s")
_REF_ATTR = re.compile(rb"\br=[\"']([A-Za-z]+)(\d+)[\"']")
_ERROR_TYPE = re.compile(rb"t=(?:\"e\"|'e')")
_VALUE = re.compile(rb"<(?:\w+:)?v>([^<]*)</(?:\w+:)?v>")


def read_grids(
    path: Path,
    package: Package,
    sheets: list[tuple[str, str]],
    worksheets_only: Callable[[], bytes],
) -> dict[str, Grid]:
    """The values of the given (tab name, part) worksheets, as grids from A1.

    ``worksheets_only`` gives the package without chart, macro and dialog sheets,
    for books that calamine cannot open whole (old Excel 4 macro sheets).
    """
    try:
        workbook = CalamineWorkbook.from_path(str(path))
    except Exception:  # calamine raises its own error types
        try:
            workbook = CalamineWorkbook.from_filelike(BytesIO(worksheets_only()))
        except Exception as exc:
            raise InputError(
                f"{path.name} is damaged or not a workbook Excel saved; open it in Excel to "
                "repair it, or use a backup copy."
            ) from exc
    grids: dict[str, Grid] = {}
    for name, part in sheets:
        try:
            sheet = workbook.get_sheet_by_name(name)
            rows = sheet.to_python(skip_empty_area=False)
            merged = sheet.merged_cell_ranges or []
        except Exception as exc:
            raise InputError(
                f"{path.name} is damaged (the tab '{name}' cannot be read); open it in Excel "
                "to repair it, or use a backup copy."
            ) from exc
        grid: Grid = rows
        _blanks_to_none(grid)
        _put_errors(grid, package.read(part))
        _fill_merged(grid, merged)
        grids[name] = grid
    return grids


def _put(grid: Grid, row: int, col: int, value: Any) -> None:
    while len(grid) <= row:
        grid.append([])
    line = grid[row]
    if len(line) <= col:
        line.extend([None] * (col + 1 - len(line)))
    line[col] = value


def _fill_merged(grid: Grid, merged: list) -> None:
    for (r0, c0), (r1, c1) in merged:
        top_left = grid[r0][c0] if r0 < len(grid) and c0 < len(grid[r0]) else None
        if top_left is None:
            continue
        for r in range(r0, r1 + 1):
            for c in range(c0, c1 + 1):
                _put(grid, r, c, top_left)


def _blanks_to_none(grid: Grid) -> None:
    """calamine's "" for an empty cell becomes None, in place (a row at a time in C)."""
    for row in grid:
        i = -1
        for _ in range(row.count("")):
            i = row.index("", i + 1)
            row[i] = None


def _put_errors(grid: Grid, xml: bytes) -> None:
    found = _ERROR_TYPE.search(xml)
    while found:
        at = found.start()
        start = xml.rfind(b"<", 0, at)
        close = xml.find(b">", at)
        if close < 0:
            return
        tag = xml[start : close + 1]
        if _CELL_TAG.match(tag):
            ref = _REF_ATTR.search(tag)
            if ref is None:  # cells without addresses: walk the whole sheet instead
                _put_errors_slowly(grid, xml)
                return
            value = None
            if not tag.endswith(b"/>"):
                end = xml.find(b"</c>", close)
                match = _VALUE.search(xml, close, end if end >= 0 else len(xml))
                value = match.group(1).decode() if match else None
            row, col = int(ref.group(2)), column_index(ref.group(1).decode())
            _put(grid, row - 1, col - 1, CellError(value or "#N/A"))
        found = _ERROR_TYPE.search(xml, close)


def _put_errors_slowly(grid: Grid, xml: bytes) -> None:
    row = 0
    col = 0
    for event, element in etree.iterparse(BytesIO(xml), events=("start", "end"), huge_tree=True):
        tag = element.tag.rsplit("}", 1)[-1]
        if event == "start":
            if tag == "row":
                r = element.get("r")
                row, col = (int(r) if r and r.isdigit() else row + 1), 0
            continue
        if tag == "c":
            match = _REF.match(element.get("r", ""))
            if match:
                row, col = int(match.group(2)), column_index(match.group(1))
            else:
                col += 1
            if element.get("t") == "e":
                value = next((c.text for c in element if c.tag.endswith("}v")), None)
                _put(grid, row - 1, col - 1, CellError(value or "#N/A"))
            element.clear()
        elif tag == "row":
            element.clear()
