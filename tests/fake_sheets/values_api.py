"""spreadsheets.values: get, batchGet, update, batchUpdate, append, clear, batchClear."""

from __future__ import annotations

from typing import Any

from . import a1, formula, numfmt
from .errors import ApiError
from .model import Book, Cell, Sheet, rendered

Params = dict[str, list[str]]


def _param(params: Params, name: str, default: str | None = None) -> str | None:
    values = params.get(name)
    return values[-1] if values else default


def _flag(value: Any) -> bool:
    return str(value).lower() == "true"


def value_range(
    book: Book,
    text: str,
    major: str | None = "ROWS",
    render: str | None = "FORMATTED_VALUE",
    date_time: str | None = "SERIAL_NUMBER",
) -> dict[str, Any]:
    """A ValueRange for one requested range: trailing empties dropped, no 'values' when empty."""
    sheet, span = book.resolve(text)
    row0, row1, col0, col1 = sheet.clamp(span)
    major = major or "ROWS"
    render = render or "FORMATTED_VALUE"
    date_time = date_time or "SERIAL_NUMBER"
    if major not in ("ROWS", "COLUMNS", "DIMENSION_UNSPECIFIED"):
        raise ApiError(400, f"Invalid value at 'major_dimension' ({major})")
    out: dict[str, Any] = {
        "range": a1.format_range(sheet.title, row0, max(row1, row0 + 1), col0, max(col1, col0 + 1)),
        "majorDimension": "COLUMNS" if major == "COLUMNS" else "ROWS",
    }
    grid = [
        [rendered(sheet.peek(r, c), render, date_time) for c in range(col0, col1)]
        for r in range(row0, row1)
    ]
    if major == "COLUMNS":
        grid = [list(column) for column in zip(*grid, strict=False)] if grid else []
    values = _trim(grid)
    if values:
        out["values"] = values
    return out


def _trim(grid: list[list[Any]]) -> list[list[Any]]:
    rows = []
    for line in grid:
        end = len(line)
        while end and line[end - 1] == "":
            end -= 1
        rows.append(line[:end])
    while rows and not rows[-1]:
        rows.pop()
    return rows


def get(book: Book, text: str, params: Params) -> dict[str, Any]:
    """GET values/{range}."""
    return value_range(
        book,
        text,
        _param(params, "majorDimension"),
        _param(params, "valueRenderOption"),
        _param(params, "dateTimeRenderOption"),
    )


def batch_get(book: Book, params: Params) -> dict[str, Any]:
    """GET values:batchGet?ranges=..&ranges=.."""
    ranges = params.get("ranges", [])
    return {
        "spreadsheetId": book.spreadsheet_id,
        "valueRanges": [
            value_range(
                book,
                text,
                _param(params, "majorDimension"),
                _param(params, "valueRenderOption"),
                _param(params, "dateTimeRenderOption"),
            )
            for text in ranges
        ],
    }


def _input_option(value: str | None) -> str:
    if not value:
        raise ApiError(400, "'valueInputOption' is required but not specified")
    if value not in ("RAW", "USER_ENTERED"):
        raise ApiError(
            400,
            f"Invalid value at 'value_input_option' (type.googleapis.com/"
            f'google.apps.sheets.v4.ValueInputOption), "{value}"',
        )
    return value


def _check_values(values: Any, field: str) -> list[list[Any]]:
    if values is None:
        return []
    ok = isinstance(values, list) and all(isinstance(row, list) for row in values)
    if not ok:
        message = (
            f"Invalid value at '{field}' (type.googleapis.com/google.protobuf.ListValue), "
            f"{_proto_text(values)}"
        )
        details = [
            {
                "@type": "type.googleapis.com/google.rpc.BadRequest",
                "fieldViolations": [{"field": field, "description": message}],
            }
        ]
        raise ApiError(400, message, details)
    return values


def _proto_text(value: Any) -> str:
    import json

    return json.dumps(value, ensure_ascii=False)


def write_value(sheet: Sheet, row: int, col: int, raw: Any, option: str) -> None:
    """Store one input value under RAW or USER_ENTERED, keeping the cell's format and note."""
    cell = sheet.cell(row, col)
    cell.formula = None
    if isinstance(raw, bool | int | float):
        cell.value = raw
        return
    text = "" if raw is None else str(raw)
    if option == "RAW" or text == "":
        cell.value = text if text != "" else None
        return
    value, number_format, formula_text = numfmt.parse_user_entered(text)
    if formula_text is not None:
        cell.formula = formula_text
        cell.value = formula.evaluate(formula_text, sheet)
        return
    cell.value = value
    if number_format is not None:
        cell.fmt["numberFormat"] = number_format


def write(
    book: Book, text: str, values: list[list[Any]], major: str | None, option: str
) -> dict[str, Any]:
    """Write a grid at the range's top-left; return the UpdateValuesResponse."""
    sheet, span = book.resolve(text)
    if major == "COLUMNS":
        width = max((len(col) for col in values), default=0)
        values = [[col[i] if i < len(col) else None for col in values] for i in range(width)]
    row0, col0 = span.row0 or 0, span.col0 or 0
    height = len(values)
    width = max((len(row) for row in values), default=0)
    _check_fits(sheet, text, span, row0, col0, height, width)
    updated_rows, updated_cols, updated = set(), set(), 0
    for i, line in enumerate(values):
        for j, raw in enumerate(line):
            if raw is None:
                continue
            write_value(sheet, row0 + i, col0 + j, raw, option)
            updated_rows.add(i)
            updated_cols.add(j)
            updated += 1
    out: dict[str, Any] = {"spreadsheetId": book.spreadsheet_id}
    if updated:
        out["updatedRange"] = a1.format_range(sheet.title, row0, row0 + height, col0, col0 + width)
        out.update(
            updatedRows=len(updated_rows), updatedColumns=len(updated_cols), updatedCells=updated
        )
    else:
        out["updatedRange"] = a1.format_range(sheet.title, row0, row0 + 1, col0, col0 + 1)
    return out


def _check_fits(
    sheet: Sheet, text: str, span: a1.Span, row0: int, col0: int, height: int, width: int
) -> None:
    if span.row1 is not None and row0 + height > span.row1 and span.row1 - row0 > 1:
        raise ApiError(
            400,
            f"Requested writing within range [{text}], but tried writing to row [{row0 + height}]",
        )
    if span.col1 is not None and col0 + width > span.col1 and span.col1 - col0 > 1:
        raise ApiError(
            400,
            f"Requested writing within range [{text}], but tried writing to column "
            f"[{a1.col_letters(col0 + width - 1)}]",
        )
    if row0 + height > sheet.rows or col0 + width > sheet.cols:
        raise ApiError(
            400,
            f"Range ({_q(sheet.title)}!"
            f"{a1.col_letters(col0)}{row0 + 1}) exceeds grid limits. "
            f"Max rows: {sheet.rows}, max columns: {sheet.cols}",
        )


def _q(title: str) -> str:
    return "'" + title.replace("'", "''") + "'"


def update(book: Book, text: str, params: Params, body: dict[str, Any]) -> dict[str, Any]:
    """PUT values/{range}?valueInputOption=..."""
    option = _input_option(_param(params, "valueInputOption"))
    values = _check_values(body.get("values"), "data.values")
    result = write(book, text, values, body.get("majorDimension"), option)
    if _flag(_param(params, "includeValuesInResponse")):
        result["updatedData"] = value_range(
            book,
            result["updatedRange"],
            body.get("majorDimension"),
            _param(params, "responseValueRenderOption"),
            _param(params, "responseDateTimeRenderOption"),
        )
    return result


def batch_update(book: Book, body: dict[str, Any]) -> dict[str, Any]:
    """POST values:batchUpdate."""
    option = _input_option(body.get("valueInputOption"))
    responses = []
    for i, item in enumerate(body.get("data") or []):
        try:
            values = _check_values(item.get("values"), f"data[{i}].values")
            result = write(book, item.get("range", ""), values, item.get("majorDimension"), option)
        except ApiError as error:
            if error.message.startswith("Unable to parse range"):
                raise ApiError(400, f"Invalid data[{i}]: {error.message}") from None
            raise
        if _flag(body.get("includeValuesInResponse")):
            result["updatedData"] = value_range(
                book,
                result["updatedRange"],
                item.get("majorDimension"),
                body.get("responseValueRenderOption"),
                body.get("responseDateTimeRenderOption"),
            )
        responses.append(result)
    rows, cols, sheets = set(), set(), set()
    for result in responses:
        if "updatedCells" not in result:
            continue
        title, cells, _ = a1.split_sheet(result["updatedRange"])
        span = a1.parse_cells(cells or "")
        sheets.add(title)
        rows.update((title, r) for r in range(span.row0 or 0, span.row1 or 0))
        cols.update((title, c) for c in range(span.col0 or 0, span.col1 or 0))
    out: dict[str, Any] = {"spreadsheetId": book.spreadsheet_id}
    if sheets:
        out.update(
            totalUpdatedRows=len(rows),
            totalUpdatedColumns=len(cols),
            totalUpdatedCells=sum(r.get("updatedCells", 0) for r in responses),
            totalUpdatedSheets=len(sheets),
        )
    out["responses"] = responses
    return out


def append(book: Book, text: str, params: Params, body: dict[str, Any]) -> dict[str, Any]:
    """POST values/{range}:append: find the table in the range, write below it."""
    option = _input_option(_param(params, "valueInputOption"))
    values = _check_values(body.get("values"), "data.values")
    if body.get("majorDimension") == "COLUMNS":
        width = max((len(col) for col in values), default=0)
        values = [[col[i] if i < len(col) else None for col in values] for i in range(width)]
    sheet, span = book.resolve(text)
    row0, row1, col0, col1 = sheet.clamp(span)
    table = _find_table(sheet, row0, row1, col0, col1)
    height = len(values)
    width = max((len(row) for row in values), default=0)
    out: dict[str, Any] = {"spreadsheetId": book.spreadsheet_id}
    if table is None:
        start_row, start_col = row0, col0
    else:
        t_row0, t_row1, t_col0, t_col1 = table
        out["tableRange"] = a1.format_range(sheet.title, t_row0, t_row1, t_col0, t_col1)
        start_row, start_col = t_row1, t_col0
    if _param(params, "insertDataOption") == "INSERT_ROWS":
        _shift_rows(sheet, start_row, height)
    sheet.grow(start_row + height, start_col + width)
    target = a1.format_range(sheet.title, start_row, start_row + 1, start_col, start_col + 1)
    result = write(book, target, values, None, option)
    if _flag(_param(params, "includeValuesInResponse")):
        result["updatedData"] = value_range(
            book,
            result["updatedRange"],
            None,
            _param(params, "responseValueRenderOption"),
            _param(params, "responseDateTimeRenderOption"),
        )
    out["updates"] = result
    return out


def _find_table(
    sheet: Sheet, row0: int, row1: int, col0: int, col1: int
) -> tuple[int, int, int, int] | None:
    filled = sorted(
        (r, c)
        for (r, c), cell in sheet.cells.items()
        if cell.has_value() and row0 <= r < row1 and col0 <= c < col1
    )
    if not filled:
        return None
    start_r, start_c = filled[0]
    end_c = start_c + 1
    while end_c < col1 and _filled(sheet, start_r, end_c):
        end_c += 1
    end_r = start_r + 1
    while end_r < row1 and any(_filled(sheet, end_r, c) for c in range(start_c, end_c)):
        end_r += 1
    return start_r, end_r, start_c, end_c


def _filled(sheet: Sheet, row: int, col: int) -> bool:
    cell = sheet.peek(row, col)
    return bool(cell and cell.has_value())


def _shift_rows(sheet: Sheet, at: int, count: int) -> None:
    """Insert `count` empty rows before row `at`."""
    moved: dict[tuple[int, int], Cell] = {}
    for (r, c), cell in sheet.cells.items():
        moved[(r + count if r >= at else r, c)] = cell
    sheet.cells = moved
    sheet.props["gridProperties"]["rowCount"] += count


def clear_range(book: Book, text: str) -> str:
    """Clear values (formats and notes stay) and return the cleared range."""
    sheet, span = book.resolve(text)
    row0, row1, col0, col1 = sheet.clamp(span)
    for (r, c), cell in list(sheet.cells.items()):
        if row0 <= r < row1 and col0 <= c < col1:
            cell.value, cell.formula = None, None
            if cell.is_blank():
                del sheet.cells[(r, c)]
    return a1.format_range(sheet.title, row0, max(row1, row0 + 1), col0, max(col1, col0 + 1))


def clear(book: Book, text: str) -> dict[str, Any]:
    """POST values/{range}:clear."""
    return {"spreadsheetId": book.spreadsheet_id, "clearedRange": clear_range(book, text)}


def batch_clear(book: Book, body: dict[str, Any]) -> dict[str, Any]:
    """POST values:batchClear."""
    cleared = [clear_range(book, text) for text in body.get("ranges") or []]
    return {"spreadsheetId": book.spreadsheet_id, "clearedRanges": cleared}
