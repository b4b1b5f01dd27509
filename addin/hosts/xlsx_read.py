"""Reading every worksheet's values fast: calamine for values, a scan for error cells.

calamine turns error cells (``#REF!``, ``#N/A``) into empty strings, so every
sheet's XML is searched for error cells (``t="e"``), which are given back as
``CellError``.

calamine parses a sheet without holding the GIL, so the largest sheet (a PO log
of 20,000 rows takes most of the time) is parsed on a second thread, with its own
calamine reader, while this thread reads the other sheets and scans for errors.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from io import BytesIO
from pathlib import Path
from typing import Any

from python_calamine import CalamineWorkbook

from addin.errors import InputError
from addin.hosts.base import Grid
from addin.hosts.xlsx_package import Package, safe_iterparse
from addin.model import CellError, a1, column_index

_REF = re.compile(r"^([A-Za-z]+)(\d+)$")
_CELL_TAG = re.compile(rb"<(?:\w+:)?c\s")
_REF_ATTR = re.compile(rb"\br=[\"']([A-Za-z]+)(\d+)[\"']")
_ERROR_TYPE = re.compile(rb"t=(?:\"e\"|'e')")
_VALUE = re.compile(rb"<(?:\w+:)?v>([^<]*)</(?:\w+:)?v>")
_LAST_ROW = re.compile(rb"<(?:\w+:)?row\b[^>]*?\br=[\"'](\d+)[\"']")
_ANY_WIDE_REF = re.compile(rb"r=[\"'][A-Z]{3}")  # a literal prefix: one fast pass
_WIDE_REF = re.compile(rb"\br=[\"']([A-Z]{3})(\d+)[\"']")
MAX_CELLS = 25_000_000
"""The most cells a tab may span (rows x columns from A1): a reader lays a tab out in full."""

ErrorCell = tuple[int, int, CellError]
"""(0-based row, 0-based column, the error)."""
_Sheet = tuple[Grid, list]
"""A sheet as calamine gives it: rows with "" for blanks, and its merged ranges."""


def read_batches(
    path: Path,
    package: Package,
    sheets: list[tuple[str, str]],
    worksheets_only: Callable[[], bytes],
) -> Iterator[dict[str, Grid]]:
    """The values of the given (tab name, part) worksheets, as grids from A1, in two batches.

    The first batch holds every tab but the largest, which is still being parsed on
    a second thread while the caller works on the first; the second holds the
    largest. ``worksheets_only`` gives the package without chart, macro and dialog
    sheets, for books that calamine cannot open whole (old Excel 4 macro sheets).
    """
    if not sheets:
        return
    for name, part in sheets:
        _check_extent(path, name, package.read(part))
    opener = _calamine_opener(path, worksheets_only)
    largest, *others = sorted(sheets, key=lambda sheet: package.size(sheet[1]), reverse=True)
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="proddesk-read") as pool:
        in_background = pool.submit(_read_sheets, opener, [largest[0]], path)
        read = _read_sheets(opener, [name for name, _ in others], path)
        errors = {name: _error_cells(package.read(part)) for name, part in sheets}
        if read:
            yield {name: _grid(*read[name], errors[name]) for name, _ in sheets if name in read}
        grid, merged = in_background.result()[largest[0]]
        yield {largest[0]: _grid(grid, merged, errors[largest[0]])}


def _grid(grid: Grid, merged: list, errors: list[ErrorCell]) -> Grid:
    """calamine's rows with None for blanks, the error cells, and merged areas filled."""
    _blanks_to_none(grid)
    for row, col, error in errors:
        _put(grid, row, col, error)
    _fill_merged(grid, merged)
    return grid


def _calamine_opener(
    path: Path, worksheets_only: Callable[[], bytes]
) -> Callable[[], CalamineWorkbook]:
    """A function giving a new calamine reader of the book (one per thread)."""
    try:
        CalamineWorkbook.from_path(str(path))
        return lambda: CalamineWorkbook.from_path(str(path))
    except Exception:  # calamine raises its own error types
        try:
            data = worksheets_only()
            CalamineWorkbook.from_filelike(BytesIO(data))
        except Exception as exc:
            raise InputError(
                f"{path.name} is damaged or not a workbook Excel saved; open it in Excel to "
                "repair it, or use a backup copy."
            ) from exc
        return lambda: CalamineWorkbook.from_filelike(BytesIO(data))


def _read_sheets(
    opener: Callable[[], CalamineWorkbook], names: list[str], path: Path
) -> dict[str, _Sheet]:
    read: dict[str, _Sheet] = {}
    name = ""
    try:
        workbook = opener() if names else None
        for name in names:
            sheet = workbook.get_sheet_by_name(name)
            read[name] = sheet.to_python(skip_empty_area=False), sheet.merged_cell_ranges or []
    except BaseException as exc:  # a panic inside calamine is a BaseException
        if isinstance(exc, KeyboardInterrupt | SystemExit):
            raise
        raise InputError(
            f"{path.name} is damaged (the tab '{name}' cannot be read); open it in Excel "
            "to repair it, or use a backup copy."
        ) from exc
    return read


def _check_extent(path: Path, name: str, xml: bytes) -> None:
    """Refuse a tab whose cells span more than MAX_CELLS, before any reader lays it out.

    calamine builds a tab as one rectangle up to its last cell, so a single stray value at
    XFD1048576 asks for 17 billion cells and aborts the process. The last row is the last
    ``<row r=...>`` (rows are stored in order); only three-letter columns (AAA and beyond)
    are searched for, in one pass. The sheet's ``<dimension>`` is not trusted (calamine
    ignores it too).
    """
    rows = 0
    at = xml.rfind(b"row")
    while at > 0 and not (xml[at - 1 : at] in (b"<", b":") and xml[at + 3 : at + 4].isspace()):
        at = xml.rfind(b"row", 0, at)
    last_row = _LAST_ROW.match(xml, xml.rfind(b"<", 0, at)) if at > 0 else None
    if last_row:
        rows = int(last_row.group(1))
    cols, far = 1, a1(max(rows, 1), 1)
    for wide in _WIDE_REF.finditer(xml) if _ANY_WIDE_REF.search(xml) else ():
        col = column_index(wide.group(1).decode())
        if col > cols:
            cols, far = col, wide.group(1).decode() + wide.group(2).decode()
    if rows * cols > MAX_CELLS:
        raise InputError(
            f"{path.name}, tab '{name}': it reaches cell {far}, {rows:,} rows by {cols:,} "
            "columns, more than ProdDesk reads in one tab. Press Ctrl+End on that tab to find "
            "the stray cell far from the table, delete those rows and columns, save, and run "
            "again."
        )


def _put(grid: Grid, row: int, col: int, value: Any) -> None:
    while len(grid) <= row:
        grid.append([])
    line = grid[row]
    if len(line) <= col:
        line.extend([None] * (col + 1 - len(line)))
    line[col] = value


def _fill_merged(grid: Grid, merged: list) -> None:
    """Each merged area's top-left value into its cells, within the cells the tab has.

    A merge reaching past the tab's last row or column adds nothing a table could use, and
    one over the whole sheet (A1:XFD1048576) would otherwise be 17 billion cells.
    """
    width = max((len(row) for row in grid), default=0)
    for (r0, c0), (r1, c1) in merged:
        top_left = grid[r0][c0] if r0 < len(grid) and c0 < len(grid[r0]) else None
        if top_left is None:
            continue
        for r in range(r0, min(r1, len(grid) - 1) + 1):
            for c in range(c0, min(c1, width - 1) + 1):
                _put(grid, r, c, top_left)


def _blanks_to_none(grid: Grid) -> None:
    """calamine's "" for an empty cell becomes None, in place (a row at a time in C)."""
    for row in grid:
        i = -1
        for _ in range(row.count("")):
            i = row.index("", i + 1)
            row[i] = None


def _error_cells(xml: bytes) -> list[ErrorCell]:
    """The error cells of a sheet's XML."""
    cells: list[ErrorCell] = []
    found = _ERROR_TYPE.search(xml)
    while found:
        at = found.start()
        start = xml.rfind(b"<", 0, at)
        close = xml.find(b">", at)
        if close < 0:
            break
        tag = xml[start : close + 1]
        if _CELL_TAG.match(tag):
            ref = _REF_ATTR.search(tag)
            if ref is None:  # cells without addresses: walk the whole sheet instead
                return _error_cells_slowly(xml)
            value = None
            if not tag.endswith(b"/>"):
                end = xml.find(b"</c>", close)
                match = _VALUE.search(xml, close, end if end >= 0 else len(xml))
                value = match.group(1).decode() if match else None
            row, col = int(ref.group(2)), column_index(ref.group(1).decode())
            cells.append((row - 1, col - 1, CellError(value or "#N/A")))
        found = _ERROR_TYPE.search(xml, close)
    return cells


def _error_cells_slowly(xml: bytes) -> list[ErrorCell]:
    cells: list[ErrorCell] = []
    row = 0
    col = 0
    for event, element in safe_iterparse(xml, events=("start", "end")):
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
                cells.append((row - 1, col - 1, CellError(value or "#N/A")))
            element.clear()
        elif tag == "row":
            element.clear()
    return cells
