"""In-memory spreadsheets: books, sheets and cells, and how a cell reads back."""

from __future__ import annotations

import copy
import random
from dataclasses import dataclass, field
from typing import Any

from . import a1, numfmt
from .errors import ApiError


@dataclass
class Cell:
    """One cell: its value, formula, userEnteredFormat, note and data validation rule."""

    value: Any = None  # str | float | int | bool | None; for formulas the computed value
    formula: str | None = None
    fmt: dict[str, Any] = field(default_factory=dict)
    note: str = ""
    validation: dict[str, Any] | None = None

    @property
    def pattern(self) -> str | None:
        """Number-format pattern, if any."""
        return (self.fmt.get("numberFormat") or {}).get("pattern")

    def has_value(self) -> bool:
        """True when the cell holds a value or formula (empty strings count as nothing)."""
        return self.formula is not None or (self.value is not None and self.value != "")

    def is_blank(self) -> bool:
        """True when nothing at all is stored in the cell."""
        return not (self.has_value() or self.fmt or self.note or self.validation)


@dataclass
class Sheet:
    """A tab: its properties as Google reports them plus the sparse grid."""

    props: dict[str, Any]
    cells: dict[tuple[int, int], Cell] = field(default_factory=dict)
    merges: list[dict[str, int]] = field(default_factory=list)
    row_meta: dict[int, dict[str, Any]] = field(default_factory=dict)
    col_meta: dict[int, dict[str, Any]] = field(default_factory=dict)

    @property
    def title(self) -> str:
        """Tab title."""
        return self.props["title"]

    @property
    def sheet_id(self) -> int:
        """Numeric sheetId."""
        return self.props["sheetId"]

    @property
    def rows(self) -> int:
        """gridProperties.rowCount."""
        return self.props["gridProperties"]["rowCount"]

    @property
    def cols(self) -> int:
        """gridProperties.columnCount."""
        return self.props["gridProperties"]["columnCount"]

    def cell(self, row: int, col: int) -> Cell:
        """The cell at (row, col), created when missing."""
        return self.cells.setdefault((row, col), Cell())

    def peek(self, row: int, col: int) -> Cell | None:
        """The cell at (row, col) if anything is stored there."""
        return self.cells.get((row, col))

    def clamp(self, span: a1.Span) -> tuple[int, int, int, int]:
        """Bounded (row0, row1, col0, col1) of a span, limited to the grid."""
        row0 = span.row0 or 0
        col0 = span.col0 or 0
        row1 = self.rows if span.row1 is None else min(span.row1, self.rows)
        col1 = self.cols if span.col1 is None else min(span.col1, self.cols)
        return row0, max(row1, row0), col0, max(col1, col0)

    def grow(self, rows: int, cols: int) -> None:
        """Make the grid at least rows x cols."""
        grid = self.props["gridProperties"]
        grid["rowCount"] = max(grid["rowCount"], rows)
        grid["columnCount"] = max(grid["columnCount"], cols)

    def used_extent(self) -> tuple[int, int]:
        """(rows, cols) up to the last cell holding a value."""
        keys = [k for k, c in self.cells.items() if c.has_value()]
        if not keys:
            return 0, 0
        return max(r for r, _ in keys) + 1, max(c for _, c in keys) + 1


# Google's size for a row and a column nobody resized (what columnMetadata/rowMetadata report).
DEFAULT_ROW_PIXELS = 21
DEFAULT_COLUMN_PIXELS = 100

DEFAULT_SPREADSHEET_PROPS: dict[str, Any] = {
    "title": "Untitled spreadsheet",
    "locale": "en_US",
    "autoRecalc": "ON_CHANGE",
    "timeZone": "Etc/GMT",
}


@dataclass
class Book:
    """A spreadsheet: properties, sheets in index order, named ranges."""

    spreadsheet_id: str
    props: dict[str, Any]
    sheets: list[Sheet] = field(default_factory=list)
    named_ranges: list[dict[str, Any]] = field(default_factory=list)

    def sheet_by_id(self, sheet_id: int) -> Sheet | None:
        """The sheet with this sheetId, or None."""
        return next((s for s in self.sheets if s.sheet_id == sheet_id), None)

    def sheet_by_title(self, title: str) -> Sheet | None:
        """The sheet with this exact title, or None."""
        return next((s for s in self.sheets if s.title == title), None)

    def reindex(self) -> None:
        """Renumber sheet indexes after a move, insert or delete."""
        for i, sheet in enumerate(self.sheets):
            sheet.props["index"] = i

    def new_sheet_id(self) -> int:
        """A random 9-10 digit sheetId not in use, like Google's."""
        while True:
            candidate = random.randint(100_000_000, 2_147_483_647)
            if self.sheet_by_id(candidate) is None:
                return candidate

    def add_sheet(
        self,
        title: str,
        rows: int = 1000,
        cols: int = 26,
        sheet_id: int | None = None,
        index: int | None = None,
    ) -> Sheet:
        """Append (or insert) a new empty sheet and return it."""
        props = {
            "sheetId": self.new_sheet_id() if sheet_id is None else sheet_id,
            "title": title,
            "index": 0,
            "sheetType": "GRID",
            "gridProperties": {"rowCount": rows, "columnCount": cols},
        }
        sheet = Sheet(props)
        position = len(self.sheets) if index is None else max(0, min(index, len(self.sheets)))
        self.sheets.insert(position, sheet)
        self.reindex()
        return sheet

    def clone(self) -> Book:
        """A deep copy, so a failing batch can be thrown away."""
        return copy.deepcopy(self)

    def resolve(self, text: str) -> tuple[Sheet, a1.Span]:
        """A1 text -> (sheet, span); Google's 400 'Unable to parse range' otherwise."""
        try:
            title, cells, _quoted = a1.split_sheet(text)
        except ValueError:
            raise a1.parse_error(text) from None
        if title is None:
            return self._resolve_bare(text)
        sheet = self.sheet_by_title(title)
        if sheet is None:
            raise a1.parse_error(text)
        if cells is None:
            return sheet, a1.Span(None, None, None, None)
        named = self._named(cells)
        if named is not None:
            return named
        try:
            return sheet, a1.parse_cells(cells)
        except ValueError:
            raise a1.parse_error(text) from None

    def _resolve_bare(self, text: str) -> tuple[Sheet, a1.Span]:
        try:
            span = a1.parse_cells(text)
            visible = [s for s in self.sheets if not s.props.get("hidden")]
            return (visible or self.sheets)[0], span
        except ValueError:
            pass
        named = self._named(text)
        if named is not None:
            return named
        sheet = self.sheet_by_title(text)
        if sheet is None:
            raise a1.parse_error(text)
        return sheet, a1.Span(None, None, None, None)

    def _named(self, name: str) -> tuple[Sheet, a1.Span] | None:
        for named in self.named_ranges:
            if named["name"] == name:
                rng = named["range"]
                sheet = self.sheet_by_id(rng.get("sheetId", 0))
                if sheet is None:
                    return None
                span = a1.Span(
                    rng.get("startRowIndex"),
                    rng.get("endRowIndex"),
                    rng.get("startColumnIndex"),
                    rng.get("endColumnIndex"),
                )
                return sheet, span
        return None

    def grid_range(self, rng: dict[str, Any], where: str) -> tuple[Sheet, int, int, int, int]:
        """GridRange JSON -> (sheet, row0, row1, col0, col1); 400 for an unknown sheetId."""
        sheet = self.sheet_by_id(rng.get("sheetId", 0) or 0)
        if sheet is None:
            raise ApiError(400, f"Invalid {where}: No grid with id: {rng.get('sheetId', 0)}")
        span = a1.Span(
            rng.get("startRowIndex"),
            rng.get("endRowIndex"),
            rng.get("startColumnIndex"),
            rng.get("endColumnIndex"),
        )
        return (sheet, *sheet.clamp(span))


# --- reading a cell back --------------------------------------------------------------------


def json_number(value: float) -> int | float:
    """Integral floats as ints, the way Google's JSON prints them."""
    if isinstance(value, float) and value.is_integer() and abs(value) < 2**53:
        return int(value)
    return value


def rendered(cell: Cell | None, render: str, date_time: str) -> Any:
    """A cell as values.get returns it under valueRenderOption / dateTimeRenderOption."""
    if cell is None or not cell.has_value():
        return ""
    if render == "FORMULA" and cell.formula is not None:
        return cell.formula
    if render == "FORMATTED_VALUE":
        return numfmt.render(cell.value, cell.pattern)
    value = cell.value
    if isinstance(value, bool) or value is None:
        return "" if value is None else value
    if isinstance(value, int | float):
        kind = (cell.fmt.get("numberFormat") or {}).get("type")
        if date_time == "FORMATTED_STRING" and kind in ("DATE", "TIME", "DATE_TIME"):
            return numfmt.render(value, cell.pattern)
        return json_number(value)
    return value


def typed_value(value: Any) -> dict[str, Any]:
    """ExtendedValue JSON for a Python value."""
    if isinstance(value, bool):
        return {"boolValue": value}
    if isinstance(value, int | float):
        return {"numberValue": json_number(value)}
    return {"stringValue": "" if value is None else str(value)}


def with_style_mirrors(fmt: dict[str, Any]) -> dict[str, Any]:
    """Add the *Style mirrors Google reports beside plain colours."""
    out = copy.deepcopy(fmt)
    if "backgroundColor" in out and "backgroundColorStyle" not in out:
        out["backgroundColorStyle"] = {"rgbColor": out["backgroundColor"]}
    if "backgroundColorStyle" in out and "backgroundColor" not in out:
        rgb = out["backgroundColorStyle"].get("rgbColor")
        if rgb is not None:
            out["backgroundColor"] = rgb
    text = out.get("textFormat")
    if isinstance(text, dict) and "foregroundColor" in text:
        text.setdefault("foregroundColorStyle", {"rgbColor": text["foregroundColor"]})
    return out


def cell_data(cell: Cell, default_format: dict[str, Any]) -> dict[str, Any]:
    """CellData JSON, as includeGridData returns it."""
    out: dict[str, Any] = {}
    if cell.has_value():
        if cell.formula is not None:
            out["userEnteredValue"] = {"formulaValue": cell.formula}
        else:
            out["userEnteredValue"] = typed_value(cell.value)
        if cell.value is not None:
            out["effectiveValue"] = typed_value(cell.value)
        out["formattedValue"] = numfmt.render(cell.value, cell.pattern)
    if cell.fmt:
        out["userEnteredFormat"] = with_style_mirrors(cell.fmt)
    if cell.has_value() or cell.fmt:
        out["effectiveFormat"] = _merge(default_format, with_style_mirrors(cell.fmt))
    if cell.note:
        out["note"] = cell.note
    if cell.validation:
        out["dataValidation"] = cell.validation
    return out


def _merge(base: dict[str, Any], over: dict[str, Any]) -> dict[str, Any]:
    out = copy.deepcopy(base)
    for key, value in over.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = _merge(out[key], value)
        else:
            out[key] = copy.deepcopy(value)
    return out
