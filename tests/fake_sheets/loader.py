"""Build a Book from an .xlsx file (openpyxl) or from a dict of grids."""

from __future__ import annotations

import datetime as dt
import secrets
import string
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import openpyxl
from openpyxl.utils.cell import range_boundaries

from . import a1, numfmt
from .model import Book, Cell, Sheet
from .values_api import write_value

_ID_CHARS = string.ascii_letters + string.digits + "-_"


def new_spreadsheet_id() -> str:
    """A 44-character id shaped like Google's."""
    return "1" + "".join(secrets.choice(_ID_CHARS) for _ in range(43))


def rgb_color(hex_text: str) -> dict[str, float]:
    """'FFRRGGBB' / '#RRGGBB' -> Google Color with zero channels omitted (float32 values)."""
    text = hex_text.lstrip("#")[-6:]
    out = {}
    for name, i in (("red", 0), ("green", 2), ("blue", 4)):
        value = _float32(int(text[i : i + 2], 16) / 255)
        if value:
            out[name] = value
    return out


def _float32(value: float) -> float | int:
    import struct

    target = struct.unpack("f", struct.pack("f", value))[0]
    for digits in range(1, 10):
        short = float(f"{value:.{digits}g}")
        if struct.unpack("f", struct.pack("f", short))[0] == target:
            return int(short) if short.is_integer() else short
    return value


def hex_color(color: Mapping[str, Any]) -> str:
    """Google Color -> 'FFRRGGBB' for openpyxl."""
    parts = [round(float(color.get(k, 0)) * 255) for k in ("red", "green", "blue")]
    return "FF" + "".join(f"{p:02X}" for p in parts)


def _excel_pattern(number_format: str) -> str | None:
    if not number_format or number_format == "General":
        return None
    return numfmt.EXCEL_ALIASES.get(number_format, number_format) or None


def _store_python(cell: Cell, value: Any, number_format: str | None) -> None:
    """A Python value from openpyxl or a dict grid, as Google would hold the imported cell."""
    pattern = _excel_pattern(number_format or "")
    if isinstance(value, dt.datetime | dt.date | dt.time | dt.timedelta):
        cell.value = numfmt.to_serial(value)
        if pattern is None or numfmt.format_type(pattern) not in ("DATE", "TIME", "DATE_TIME"):
            if isinstance(value, dt.datetime) and (value.hour or value.minute or value.second):
                pattern = "M/d/yyyy H:mm:ss"
            elif isinstance(value, dt.datetime | dt.date):
                pattern = "M/d/yyyy"
            else:
                pattern = "h:mm AM/PM"
    else:  # text is text, even when it starts with "=": formulas come only as formula cells
        cell.value = value
    if pattern and isinstance(cell.value, int | float) and not isinstance(cell.value, bool):
        cell.fmt["numberFormat"] = {"type": numfmt.format_type(pattern), "pattern": pattern}


def load_xlsx(path: str | Path, spreadsheet_id: str | None = None) -> Book:
    """Read values, number formats, fills, notes, merges, hidden rows and widths of a workbook."""
    path = Path(path)
    formulas = openpyxl.load_workbook(path)
    cached = openpyxl.load_workbook(path, data_only=True)
    book = Book(spreadsheet_id or new_spreadsheet_id(), {"title": path.stem})
    for ws in formulas.worksheets:
        values_ws = cached[ws.title]
        sheet = book.add_sheet(
            ws.title,
            max(ws.max_row, 1000),
            max(ws.max_column, 26),
            sheet_id=0 if not book.sheets else None,
        )
        if ws.sheet_state != "visible":
            sheet.props["hidden"] = True
        for row in ws.iter_rows():
            for xl in row:
                _load_cell(sheet, xl, values_ws)
        for merged in ws.merged_cells.ranges:
            c0, r0, c1, r1 = range_boundaries(str(merged))
            sheet.merges.append(
                {
                    "sheetId": sheet.sheet_id,
                    "startRowIndex": r0 - 1,
                    "endRowIndex": r1,
                    "startColumnIndex": c0 - 1,
                    "endColumnIndex": c1,
                }
            )
        for index, dim in ws.row_dimensions.items():
            if dim.hidden:
                sheet.row_meta.setdefault(index - 1, {})["hiddenByUser"] = True
            if dim.ht:
                sheet.row_meta.setdefault(index - 1, {})["pixelSize"] = round(dim.ht * 4 / 3)
        for letters, dim in ws.column_dimensions.items():
            if dim.width and dim.customWidth:
                sheet.col_meta.setdefault(a1.col_index(letters), {})["pixelSize"] = round(
                    dim.width * 7 + 5
                )
            if dim.hidden:
                sheet.col_meta.setdefault(a1.col_index(letters), {})["hiddenByUser"] = True
        if ws.freeze_panes:
            col, row = _split_ref(ws.freeze_panes)
            if row:
                sheet.props["gridProperties"]["frozenRowCount"] = row
            if col:
                sheet.props["gridProperties"]["frozenColumnCount"] = col
    if any(s.props.get("hidden") for s in book.sheets) and all(
        s.props.get("hidden") for s in book.sheets
    ):
        book.sheets[0].props.pop("hidden", None)
    return book


def _split_ref(ref: str) -> tuple[int, int]:
    span = a1.parse_cells(ref)
    return span.col0 or 0, span.row0 or 0


def _load_cell(sheet: Sheet, xl: Any, values_ws: Any) -> None:
    if xl.value is None and not _fill(xl) and xl.comment is None:
        return
    cell = sheet.cell(xl.row - 1, xl.column - 1)
    if isinstance(xl.value, str) and xl.data_type == "f":
        cell.formula = xl.value
        cached = values_ws.cell(row=xl.row, column=xl.column).value
        if cached is not None:
            holder = Cell()
            _store_python(holder, cached, xl.number_format)
            cell.value, cell.fmt = holder.value, holder.fmt
        else:
            from .formula import evaluate

            cell.value = evaluate(xl.value, sheet)
    elif xl.value is not None:
        _store_python(cell, xl.value, xl.number_format)
    fill = _fill(xl)
    if fill:
        cell.fmt["backgroundColor"] = rgb_color(fill)
    if xl.font is not None and xl.font.b:
        cell.fmt.setdefault("textFormat", {})["bold"] = True
    if xl.comment is not None:
        cell.note = xl.comment.text


def _fill(xl: Any) -> str | None:
    fill = xl.fill
    if fill is None or fill.fill_type != "solid":
        return None
    color = fill.fgColor
    if color is None or color.type != "rgb" or not isinstance(color.rgb, str):
        return None
    return color.rgb


def load_grids(
    grids: Mapping[str, Sequence[Sequence[Any]]],
    spreadsheet_id: str | None = None,
    title: str = "Production Book",
    user_entered: bool = False,
    notes: Mapping[str, Mapping[str, str]] | None = None,
    fills: Mapping[str, Mapping[str, str]] | None = None,
) -> Book:
    """A Book from {tab title: rows}; Python dates become date cells, strings stay text
    unless user_entered=True. notes/fills: {tab: {"A1": "text" / "#RRGGBB"}}."""
    book = Book(spreadsheet_id or new_spreadsheet_id(), {"title": title})
    for title_, rows in grids.items():
        width = max((len(r) for r in rows), default=0)
        sheet = book.add_sheet(
            title_, max(len(rows), 1000), max(width, 26), sheet_id=0 if not book.sheets else None
        )
        for r, line in enumerate(rows):
            for c, value in enumerate(line):
                if value is None or value == "":
                    continue
                if isinstance(value, str):
                    write_value(sheet, r, c, value, "USER_ENTERED" if user_entered else "RAW")
                else:
                    _store_python(sheet.cell(r, c), value, None)
        for ref, text in (notes or {}).get(title_, {}).items():
            span = a1.parse_cells(ref)
            sheet.cell(span.row0 or 0, span.col0 or 0).note = text
        for ref, color in (fills or {}).get(title_, {}).items():
            span = a1.parse_cells(ref)
            for r in range(span.row0 or 0, span.row1 or 1):
                for c in range(span.col0 or 0, span.col1 or 1):
                    sheet.cell(r, c).fmt["backgroundColor"] = rgb_color(color)
    if not book.sheets:
        book.add_sheet("Sheet1", sheet_id=0)
    return book
