"""GET spreadsheets/{id}: metadata, grid data for `ranges`, field masks."""

from __future__ import annotations

import copy
import json
from functools import cache
from pathlib import Path
from typing import Any

from . import fields
from .model import DEFAULT_COLUMN_PIXELS, DEFAULT_ROW_PIXELS, Book, Sheet, cell_data

RECORDED = Path(__file__).resolve().parent.parent / "data" / "google" / "recorded"


@cache
def recorded_defaults() -> dict[str, Any]:
    """Spreadsheet properties of a fresh Google spreadsheet, from the recorded open_by_key."""
    data = json.loads((RECORDED / "open_by_key.json").read_text(encoding="utf-8"))
    return data["examples"][0]["response"]["body"]["properties"]


def spreadsheet_properties(book: Book) -> dict[str, Any]:
    """Spreadsheet.properties: the book's own keys over Google's defaults."""
    defaults = recorded_defaults()
    out = {
        "title": book.props.get("title", "Untitled spreadsheet"),
        "locale": "en_US",
        "autoRecalc": "ON_CHANGE",
        "timeZone": "Etc/GMT",
        "defaultFormat": copy.deepcopy(defaults["defaultFormat"]),
        "spreadsheetTheme": copy.deepcopy(defaults["spreadsheetTheme"]),
    }
    out.update(copy.deepcopy(book.props))
    return out


def _grid_data(book: Book, sheet: Sheet, bounds: tuple[int, int, int, int]) -> dict[str, Any]:
    row0, row1, col0, col1 = bounds
    default_format = recorded_defaults()["defaultFormat"]
    rows = []
    for r in range(row0, row1):
        values = [
            cell_data(cell, default_format) if (cell := sheet.peek(r, c)) else {}
            for c in range(col0, col1)
        ]
        rows.append(values)
    data: dict[str, Any] = {}
    if row0:
        data["startRow"] = row0
    if col0:
        data["startColumn"] = col0
    data["rowData"] = [{"values": values} for values in rows]
    data["rowMetadata"] = [
        _dimension(sheet.row_meta.get(r), DEFAULT_ROW_PIXELS) for r in range(row0, row1)
    ]
    data["columnMetadata"] = [
        _dimension(sheet.col_meta.get(c), DEFAULT_COLUMN_PIXELS) for c in range(col0, col1)
    ]
    return data


def _dimension(meta: dict[str, Any] | None, default_size: int) -> dict[str, Any]:
    out: dict[str, Any] = {}
    if meta and meta.get("hiddenByUser"):
        out["hiddenByUser"] = True
    out["pixelSize"] = (meta or {}).get("pixelSize", default_size)
    return out


def _prune_row_data(response: dict[str, Any]) -> None:
    """Drop trailing empty cells and rows, as Google does after applying the mask."""
    for sheet in response.get("sheets", []):
        for data in sheet.get("data", []):
            if "rowData" not in data:
                continue
            rows = []
            for row in data["rowData"]:
                values = list(row.get("values", []))
                while values and not values[-1]:
                    values.pop()
                rows.append({"values": values} if values else {})
            while rows and not rows[-1]:
                rows.pop()
            if rows:
                data["rowData"] = rows
            else:
                del data["rowData"]


def spreadsheet_json(book: Book, params: dict[str, list[str]]) -> dict[str, Any]:
    """The Spreadsheet resource for GET spreadsheets/{id} with includeGridData/ranges/fields."""
    mask = ",".join(params.get("fields", []))
    wants_data = (params.get("includeGridData", ["false"])[-1].lower() == "true") or (
        bool(mask) and "data" in mask
    )
    ranges = params.get("ranges", [])
    selected: list[tuple[Sheet, list[tuple[int, int, int, int]]]] = []
    if ranges:
        by_id: dict[int, list[tuple[int, int, int, int]]] = {}
        for text in ranges:
            sheet, span = book.resolve(text)
            by_id.setdefault(sheet.sheet_id, []).append(sheet.clamp(span))
        selected = [(s, by_id[s.sheet_id]) for s in book.sheets if s.sheet_id in by_id]
    else:
        selected = [(s, [(0, s.rows, 0, s.cols)]) for s in book.sheets]
    sheets = []
    for sheet, spans in selected:
        entry: dict[str, Any] = {"properties": copy.deepcopy(sheet.props)}
        if wants_data:
            entry["data"] = [_grid_data(book, sheet, bounds) for bounds in spans]
        if sheet.merges:
            entry["merges"] = [_grid_range(m) for m in sheet.merges]
        sheets.append(entry)
    response: dict[str, Any] = {
        "spreadsheetId": book.spreadsheet_id,
        "properties": spreadsheet_properties(book),
        "sheets": sheets,
    }
    if book.named_ranges:
        response["namedRanges"] = copy.deepcopy(book.named_ranges)
    response["spreadsheetUrl"] = (
        f"https://docs.google.com/spreadsheets/d/{book.spreadsheet_id}/edit"
    )
    if mask:
        response = fields.apply(response, fields.parse(mask))
    _prune_row_data(response)
    return response


def _grid_range(merge: dict[str, int]) -> dict[str, int]:
    out = dict(merge)
    if not out.get("sheetId"):
        out.pop("sheetId", None)
    return out
