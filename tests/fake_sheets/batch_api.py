"""spreadsheets:batchUpdate: the structural and formatting requests a host sends."""

from __future__ import annotations

import copy
import random
from collections.abc import Callable
from typing import Any

from . import fields, formula
from .errors import ApiError
from .model import Book, Cell, Sheet, typed_value

# Requests Google knows that this imitation accepts without storing anything.
ACCEPTED_UNSTORED = {
    "updateBorders",
    "autoResizeDimensions",
    "addConditionalFormatRule",
    "updateConditionalFormatRule",
    "deleteConditionalFormatRule",
    "setBasicFilter",
    "clearBasicFilter",
    "addProtectedRange",
    "deleteProtectedRange",
    "addBanding",
    "deleteBanding",
    "sortRange",
}


class RequestError(Exception):
    """A request in the batch is invalid; becomes 'Invalid requests[i].kind: message'."""


def batch_update(book: Book, body: dict[str, Any]) -> tuple[Book, dict[str, Any]]:
    """Apply all requests atomically to a copy; return (new book, response)."""
    work = book.clone()
    replies = []
    for i, request in enumerate(body.get("requests") or []):
        if not isinstance(request, dict) or len(request) != 1:
            raise ApiError(400, f"Invalid requests[{i}]: No request set.")
        ((kind, payload),) = request.items()
        handler = HANDLERS.get(kind)
        if handler is None and kind not in ACCEPTED_UNSTORED:
            message = (
                f'Invalid JSON payload received. Unknown name "{kind}" at '
                f"'requests[{i}]': Cannot find field."
            )
            raise ApiError(
                400,
                message,
                [
                    {
                        "@type": "type.googleapis.com/google.rpc.BadRequest",
                        "fieldViolations": [{"field": f"requests[{i}]", "description": message}],
                    }
                ],
            )
        try:
            reply = handler(work, payload or {}) if handler else None
        except RequestError as error:
            raise ApiError(400, f"Invalid requests[{i}].{kind}: {error}") from None
        replies.append({kind: reply} if reply is not None else {})
    response: dict[str, Any] = {"spreadsheetId": book.spreadsheet_id, "replies": replies}
    if str(body.get("includeSpreadsheetInResponse")).lower() == "true":
        from .sheets_api import spreadsheet_json

        response["updatedSpreadsheet"] = spreadsheet_json(work, {})
    return work, response


def _sheet(book: Book, sheet_id: Any) -> Sheet:
    sheet = book.sheet_by_id(int(sheet_id or 0))
    if sheet is None:
        raise RequestError(f"No grid with id: {sheet_id or 0}")
    return sheet


def _span(book: Book, rng: dict[str, Any]) -> tuple[Sheet, int, int, int, int]:
    sheet = _sheet(book, rng.get("sheetId"))
    rows, cols = sheet.rows, sheet.cols
    r0 = rng.get("startRowIndex") or 0
    r1 = rows if rng.get("endRowIndex") is None else rng["endRowIndex"]
    c0 = rng.get("startColumnIndex") or 0
    c1 = cols if rng.get("endColumnIndex") is None else rng["endColumnIndex"]
    if r1 > rows or c1 > cols or r0 < 0 or c0 < 0:
        raise RequestError(
            f"Range ({sheet.title}!...) exceeds grid limits. Max rows: {rows}, max columns: {cols}"
        )
    return sheet, r0, r1, c0, c1


def _clean_props(props: dict[str, Any]) -> None:
    """Drop proto3 defaults (zero counts, false flags) as Google does."""
    grid = props.get("gridProperties", {})
    for key in ("frozenRowCount", "frozenColumnCount", "hideGridlines"):
        if not grid.get(key):
            grid.pop(key, None)
    if not props.get("hidden"):
        props.pop("hidden", None)


def _get_path(data: dict[str, Any], path: str) -> tuple[bool, Any]:
    node: Any = data
    for name in path.split("."):
        if not isinstance(node, dict) or name not in node:
            return False, None
        node = node[name]
    return True, node


def _set_path(data: dict[str, Any], path: str, present: bool, value: Any) -> None:
    names = path.split(".")
    node = data
    for name in names[:-1]:
        node = node.setdefault(name, {})
    if present:
        node[names[-1]] = copy.deepcopy(value)
    else:
        node.pop(names[-1], None)


def _apply_mask(target: dict[str, Any], source: dict[str, Any], mask: str) -> list[str]:
    """Copy masked paths from source to target ('*' copies everything); return the paths."""
    if mask.strip() == "*":
        target.clear()
        target.update(copy.deepcopy(source))
        return list(source)
    applied = fields.paths(mask)
    for path in applied:
        present, value = _get_path(source, path)
        _set_path(target, path, present, value)
    return applied


# --- sheets ---------------------------------------------------------------------------------


def add_sheet(book: Book, payload: dict[str, Any]) -> dict[str, Any]:
    """addSheet -> {'properties': {...}} with a fresh sheetId."""
    props = payload.get("properties") or {}
    title = props.get("title")
    if title is None:
        n = len(book.sheets) + 1
        while book.sheet_by_title(f"Sheet{n}"):
            n += 1
        title = f"Sheet{n}"
    if not str(title).strip():
        raise RequestError("The sheet name cannot be empty.")
    if book.sheet_by_title(title):
        raise RequestError(
            f'A sheet with the name "{title}" already exists. Please enter another name.'
        )
    sheet_id = props.get("sheetId")
    if sheet_id is not None and book.sheet_by_id(sheet_id):
        raise RequestError(f"Sheet with id {sheet_id} already exists.")
    grid = props.get("gridProperties") or {}
    sheet = book.add_sheet(
        title, grid.get("rowCount", 1000), grid.get("columnCount", 26), sheet_id, props.get("index")
    )
    for key in ("frozenRowCount", "frozenColumnCount", "hideGridlines"):
        if grid.get(key):
            sheet.props["gridProperties"][key] = grid[key]
    for key in ("hidden", "tabColor", "tabColorStyle", "rightToLeft"):
        if props.get(key):
            sheet.props[key] = props[key]
    return {"properties": copy.deepcopy(sheet.props)}


def delete_sheet(book: Book, payload: dict[str, Any]) -> None:
    """deleteSheet."""
    sheet = _sheet(book, payload.get("sheetId"))
    if len(book.sheets) == 1:
        raise RequestError("You can't remove all the sheets in a document.")
    book.sheets.remove(sheet)
    book.named_ranges = [
        n for n in book.named_ranges if n["range"].get("sheetId", 0) != sheet.sheet_id
    ]
    book.reindex()


def duplicate_sheet(book: Book, payload: dict[str, Any]) -> dict[str, Any]:
    """duplicateSheet -> {'properties': {...}}; default name 'Copy of <title>'."""
    source = _sheet(book, payload.get("sourceSheetId"))
    title = payload.get("newSheetName") or f"Copy of {source.title}"
    if book.sheet_by_title(title):
        raise RequestError(
            f'A sheet with the name "{title}" already exists. Please enter another name.'
        )
    new_id = payload.get("newSheetId")
    if new_id is not None and book.sheet_by_id(new_id):
        raise RequestError(f"Sheet with id {new_id} already exists.")
    sheet = copy.deepcopy(source)
    sheet.props["sheetId"] = book.new_sheet_id() if new_id is None else new_id
    sheet.props["title"] = title
    sheet.props.pop("hidden", None)
    for merge in sheet.merges:
        merge["sheetId"] = sheet.sheet_id
    index = payload.get("insertSheetIndex")
    position = source.props["index"] + 1 if index is None else index
    book.sheets.insert(max(0, min(position, len(book.sheets))), sheet)
    book.reindex()
    return {"properties": copy.deepcopy(sheet.props)}


def update_sheet_properties(book: Book, payload: dict[str, Any]) -> None:
    """updateSheetProperties with a fields mask (title, hidden, gridProperties.*, index, ...)."""
    props = payload.get("properties") or {}
    sheet = _sheet(book, props.get("sheetId"))
    mask = payload.get("fields")
    if not mask:
        raise RequestError("At least one field must be updated, but none was specified.")
    old_index = sheet.props["index"]
    updated = copy.deepcopy(sheet.props)
    _apply_mask(updated, props, mask)
    updated["sheetId"] = sheet.sheet_id
    updated.setdefault("sheetType", "GRID")
    title = updated.get("title")
    if not title or not str(title).strip():
        raise RequestError("The sheet name cannot be empty.")
    other = book.sheet_by_title(title)
    if other is not None and other is not sheet:
        raise RequestError(
            f'A sheet with the name "{title}" already exists. Please enter another name.'
        )
    if updated.get("hidden") and all(s.props.get("hidden") for s in book.sheets if s is not sheet):
        raise RequestError("You can't hide all the sheets in a document.")
    if "tabColorStyle" in updated and "tabColor" not in updated:
        rgb = updated["tabColorStyle"].get("rgbColor")
        if rgb is not None:
            updated["tabColor"] = rgb
    if "tabColor" in updated:
        updated["tabColorStyle"] = {"rgbColor": updated["tabColor"]}
    _clean_props(updated)
    sheet.props = updated
    new_index = updated.get("index", old_index)
    sheet.props["index"] = old_index
    if new_index != old_index:
        book.sheets.remove(sheet)
        position = new_index if new_index <= old_index else new_index - 1
        book.sheets.insert(max(0, min(position, len(book.sheets))), sheet)
    book.reindex()


def update_spreadsheet_properties(book: Book, payload: dict[str, Any]) -> None:
    """updateSpreadsheetProperties (title, locale, timeZone, ...)."""
    mask = payload.get("fields")
    if not mask:
        raise RequestError("At least one field must be updated, but none was specified.")
    _apply_mask(book.props, payload.get("properties") or {}, mask)


# --- cells ----------------------------------------------------------------------------------


def _cell_json(cell: Cell) -> dict[str, Any]:
    out: dict[str, Any] = {}
    if cell.formula is not None:
        out["userEnteredValue"] = {"formulaValue": cell.formula}
    elif cell.value is not None:
        out["userEnteredValue"] = typed_value(cell.value)
    if cell.fmt:
        out["userEnteredFormat"] = copy.deepcopy(cell.fmt)
    if cell.note:
        out["note"] = cell.note
    if cell.validation:
        out["dataValidation"] = copy.deepcopy(cell.validation)
    return out


def _store_cell(sheet: Sheet, row: int, col: int, data: dict[str, Any], paths: list[str]) -> None:
    cell = sheet.cell(row, col)
    value = data.get("userEnteredValue") or {}
    cell.formula = value.get("formulaValue")
    if cell.formula is not None:
        cell.value = formula.evaluate(cell.formula, sheet)
    elif "numberValue" in value:
        cell.value = value["numberValue"]
    elif "boolValue" in value:
        cell.value = value["boolValue"]
    elif "stringValue" in value:
        cell.value = value["stringValue"] or None
    else:
        cell.value = None
    fmt = data.get("userEnteredFormat") or {}
    for path in paths:
        if path.endswith("backgroundColor"):
            fmt.pop("backgroundColorStyle", None)
        elif path.endswith("backgroundColorStyle"):
            rgb = (fmt.get("backgroundColorStyle") or {}).get("rgbColor")
            if rgb is None:
                fmt.pop("backgroundColor", None)
            else:
                fmt["backgroundColor"] = rgb
        elif path.endswith("foregroundColor"):
            (fmt.get("textFormat") or {}).pop("foregroundColorStyle", None)
    cell.fmt = _prune(fmt)
    cell.note = data.get("note") or ""
    cell.validation = data.get("dataValidation") or None
    if cell.is_blank():
        del sheet.cells[(row, col)]


def _prune(node: Any) -> Any:
    """Remove empty dicts left behind by cleared mask paths."""
    if isinstance(node, dict):
        out = {k: _prune(v) for k, v in node.items()}
        return {k: v for k, v in out.items() if v != {} or k in ("rgbColor", "foregroundColor")}
    return node


def _update_cell(sheet: Sheet, row: int, col: int, source: dict[str, Any], mask: str) -> None:
    existing = sheet.peek(row, col)
    current = _cell_json(existing) if existing else {}
    paths = _apply_mask(current, source, mask)
    _store_cell(sheet, row, col, current, paths)


def repeat_cell(book: Book, payload: dict[str, Any]) -> None:
    """repeatCell: the same CellData over a range, under a fields mask."""
    sheet, r0, r1, c0, c1 = _span(book, payload.get("range") or {})
    mask = payload.get("fields")
    if not mask:
        raise RequestError("At least one field must be updated, but none was specified.")
    source = payload.get("cell") or {}
    for r in range(r0, r1):
        for c in range(c0, c1):
            _update_cell(sheet, r, c, source, mask)


def update_cells(book: Book, payload: dict[str, Any]) -> None:
    """updateCells: rows of CellData from `start` or over `range`, under a fields mask."""
    mask = payload.get("fields")
    if not mask:
        raise RequestError("At least one field must be updated, but none was specified.")
    rows = payload.get("rows") or []
    if "range" in payload:
        sheet, r0, r1, c0, c1 = _span(book, payload["range"])
    else:
        start = payload.get("start") or {}
        sheet = _sheet(book, start.get("sheetId"))
        r0, c0 = start.get("rowIndex", 0), start.get("columnIndex", 0)
        r1 = r0 + len(rows)
        c1 = c0 + max((len(row.get("values") or []) for row in rows), default=0)
        if r1 > sheet.rows or c1 > sheet.cols:
            raise RequestError("Range exceeds grid limits.")
    for r in range(r0, r1):
        values = (rows[r - r0].get("values") or []) if r - r0 < len(rows) else []
        for c in range(c0, c1):
            source = values[c - c0] if c - c0 < len(values) else {}
            _update_cell(sheet, r, c, source, mask)


def update_dimension_properties(book: Book, payload: dict[str, Any]) -> None:
    """updateDimensionProperties: pixelSize / hiddenByUser of rows or columns."""
    rng = payload.get("range") or {}
    sheet = _sheet(book, rng.get("sheetId"))
    rows = rng.get("dimension") == "ROWS"
    meta = sheet.row_meta if rows else sheet.col_meta
    limit = sheet.rows if rows else sheet.cols
    start = rng.get("startIndex") or 0
    end = limit if rng.get("endIndex") is None else rng["endIndex"]
    if end > limit:
        raise RequestError("Range exceeds grid limits.")
    for i in range(start, end):
        entry = meta.setdefault(i, {})
        _apply_mask(entry, payload.get("properties") or {}, payload.get("fields") or "*")
        if not entry.get("hiddenByUser"):
            entry.pop("hiddenByUser", None)


def _overlaps(a: dict[str, int], b: dict[str, int]) -> bool:
    return (
        a["startRowIndex"] < b["endRowIndex"]
        and b["startRowIndex"] < a["endRowIndex"]
        and a["startColumnIndex"] < b["endColumnIndex"]
        and b["startColumnIndex"] < a["endColumnIndex"]
    )


def merge_cells(book: Book, payload: dict[str, Any]) -> None:
    """mergeCells (MERGE_ALL, MERGE_ROWS, MERGE_COLUMNS); only the top-left value stays."""
    sheet, r0, r1, c0, c1 = _span(book, payload.get("range") or {})
    kind = payload.get("mergeType") or "MERGE_ALL"
    if kind == "MERGE_ROWS":
        pieces = [(r, r + 1, c0, c1) for r in range(r0, r1)]
    elif kind == "MERGE_COLUMNS":
        pieces = [(r0, r1, c, c + 1) for c in range(c0, c1)]
    else:
        pieces = [(r0, r1, c0, c1)]
    for a, b, c, d in pieces:
        merge = {
            "sheetId": sheet.sheet_id,
            "startRowIndex": a,
            "endRowIndex": b,
            "startColumnIndex": c,
            "endColumnIndex": d,
        }
        if any(_overlaps(merge, m) for m in sheet.merges):
            raise RequestError("You can't merge cells that are already merged.")
        sheet.merges.append(merge)
        for (r, col), cell in list(sheet.cells.items()):
            if a <= r < b and c <= col < d and (r, col) != (a, c):
                cell.value, cell.formula = None, None


def unmerge_cells(book: Book, payload: dict[str, Any]) -> None:
    """unmergeCells: remove every merge that lies within the range."""
    sheet, r0, r1, c0, c1 = _span(book, payload.get("range") or {})
    area = {"startRowIndex": r0, "endRowIndex": r1, "startColumnIndex": c0, "endColumnIndex": c1}
    sheet.merges = [m for m in sheet.merges if not _overlaps(m, area)]


def set_data_validation(book: Book, payload: dict[str, Any]) -> None:
    """setDataValidation: store (or clear, when rule is absent) the rule on each cell."""
    sheet, r0, r1, c0, c1 = _span(book, payload.get("range") or {})
    rule = payload.get("rule")
    for r in range(r0, r1):
        for c in range(c0, c1):
            cell = sheet.cell(r, c)
            cell.validation = copy.deepcopy(rule) if rule else None
            if cell.is_blank():
                del sheet.cells[(r, c)]


def add_named_range(book: Book, payload: dict[str, Any]) -> dict[str, Any]:
    """addNamedRange -> {'namedRange': {... namedRangeId ...}}."""
    named = copy.deepcopy(payload.get("namedRange") or {})
    if any(n["name"] == named.get("name") for n in book.named_ranges):
        raise RequestError(f"Named range with name {named.get('name')} already exists.")
    _sheet(book, named.get("range", {}).get("sheetId"))
    named["namedRangeId"] = named.get("namedRangeId") or str(random.randint(10**8, 2**31 - 1))
    if not named["range"].get("sheetId"):
        named["range"].pop("sheetId", None)
    ordered = {
        "namedRangeId": named["namedRangeId"],
        "name": named["name"],
        "range": named["range"],
    }
    book.named_ranges.append(ordered)
    return {"namedRange": copy.deepcopy(ordered)}


def delete_named_range(book: Book, payload: dict[str, Any]) -> None:
    """deleteNamedRange by namedRangeId."""
    book.named_ranges = [
        n for n in book.named_ranges if n["namedRangeId"] != payload.get("namedRangeId")
    ]


def _shift(sheet: Sheet, rows: bool, at: int, count: int) -> None:
    """Insert (count > 0) or delete (count < 0) rows or columns at `at`."""
    moved: dict[tuple[int, int], Cell] = {}
    for (r, c), cell in sheet.cells.items():
        pos = r if rows else c
        if count < 0 and at <= pos < at - count:
            continue
        if pos >= at:
            pos += count
        moved[(pos, c) if rows else (r, pos)] = cell
    sheet.cells = moved
    meta = sheet.row_meta if rows else sheet.col_meta
    shifted = {
        (i + count if i >= at else i): v
        for i, v in meta.items()
        if not (count < 0 and at <= i < at - count)
    }
    meta.clear()
    meta.update(shifted)
    key = "rowCount" if rows else "columnCount"
    sheet.props["gridProperties"][key] += count


def insert_dimension(book: Book, payload: dict[str, Any]) -> None:
    """insertDimension: new empty rows/columns."""
    rng = payload.get("range") or {}
    sheet = _sheet(book, rng.get("sheetId"))
    start, end = rng.get("startIndex") or 0, rng.get("endIndex") or 0
    _shift(sheet, rng.get("dimension") == "ROWS", start, end - start)


def delete_dimension(book: Book, payload: dict[str, Any]) -> None:
    """deleteDimension: remove rows/columns and what they held."""
    rng = payload.get("range") or {}
    sheet = _sheet(book, rng.get("sheetId"))
    start = rng.get("startIndex") or 0
    rows = rng.get("dimension") == "ROWS"
    end = rng.get("endIndex") or (sheet.rows if rows else sheet.cols)
    _shift(sheet, rows, start, -(end - start))


def append_dimension(book: Book, payload: dict[str, Any]) -> None:
    """appendDimension: grow the grid."""
    sheet = _sheet(book, payload.get("sheetId"))
    rows = payload.get("dimension") == "ROWS"
    _shift(sheet, rows, sheet.rows if rows else sheet.cols, int(payload.get("length") or 0))


HANDLERS: dict[str, Callable[[Book, dict[str, Any]], Any]] = {
    "addSheet": add_sheet,
    "deleteSheet": delete_sheet,
    "duplicateSheet": duplicate_sheet,
    "updateSheetProperties": update_sheet_properties,
    "updateSpreadsheetProperties": update_spreadsheet_properties,
    "repeatCell": repeat_cell,
    "updateCells": update_cells,
    "updateDimensionProperties": update_dimension_properties,
    "mergeCells": merge_cells,
    "unmergeCells": unmerge_cells,
    "setDataValidation": set_data_validation,
    "addNamedRange": add_named_range,
    "deleteNamedRange": delete_named_range,
    "insertDimension": insert_dimension,
    "deleteDimension": delete_dimension,
    "appendDimension": append_dimension,
}
