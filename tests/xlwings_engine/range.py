"""Range, Note and Font of the openpyxl engine: cells of one worksheet, Excel-like."""

from __future__ import annotations

import copy
import re
from typing import TYPE_CHECKING, Any

from openpyxl.comments import Comment
from openpyxl.styles import Alignment, PatternFill
from openpyxl.styles.colors import COLOR_INDEX
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.hyperlink import Hyperlink
from xlwings import base_classes
from xlwings.utils import hex_to_rgb, int_to_rgb

from tests.xlwings_engine.stats import count, counted
from tests.xlwings_engine.values import from_input, to_com

if TYPE_CHECKING:
    from tests.xlwings_engine.sheet import Sheet

MAX_ROW = 1_048_576
MAX_COL = 16_384
Area = tuple[int, int, int, int]
"""First row, first column, last row, last column (1-based, inclusive)."""
_ALIGNMENT_KEYS = (
    "horizontal", "vertical", "wrap_text", "shrink_to_fit", "indent", "text_rotation"
)

_CELL = re.compile(r"^\$?([A-Za-z]{1,3})?\$?(\d+)?$")
# Default Office theme colours (no tint), for fills that name a theme colour.
_THEME = ["FFFFFF", "000000", "E7E6E6", "44546A", "4472C4", "ED7D31", "A5A5A5", "FFC000",
          "5B9BD5", "70AD47"]


def parse_address(address: str) -> list[Area]:
    """'A1', '$A$1:$B$2', 'A:C', '2:3', 'A1,C3:D4' -> areas."""
    areas = []
    for part in address.replace("$", "").split(","):
        ends = [_parse_end(end) for end in part.strip().split(":")]
        (r1, c1), (r2, c2) = ends[0], ends[-1]
        if r1 is None:
            r1, r2 = 1, MAX_ROW
        if c1 is None:
            c1, c2 = 1, MAX_COL
        areas.append((min(r1, r2), min(c1, c2), max(r1, r2), max(c1, c2)))
    return areas


def _parse_end(text: str) -> tuple[int | None, int | None]:
    match = _CELL.match(text)
    if not match or not (match.group(1) or match.group(2)):
        raise ValueError(f"not a cell address: {text!r}")
    col = match.group(1)
    row = match.group(2)
    col_index = None
    if col:
        col_index = 0
        for ch in col.upper():
            col_index = col_index * 26 + ord(ch) - 64
    return (int(row) if row else None), col_index


def area_address(area: Area) -> str:
    """'$A$1:$B$2' (or '$A$1' for one cell), as Excel's Range.Address."""
    r1, c1, r2, c2 = area
    first = f"${get_column_letter(c1)}${r1}"
    if (r1, c1) == (r2, c2):
        return first
    return f"{first}:${get_column_letter(c2)}${r2}"


class RangeApi:
    """What ``Range.api`` gives: the openpyxl worksheet and the range's areas."""

    def __init__(self, worksheet: Any, areas: list[Area]) -> None:
        self.worksheet = worksheet
        self.areas = areas

    @property
    def Address(self) -> str:
        """The address, as in COM."""
        return ",".join(area_address(a) for a in self.areas)


class Range(base_classes.Range):
    """One or more rectangular areas of a worksheet."""

    def __init__(self, sheet: Sheet, areas: list[Area]) -> None:
        self._sheet = sheet
        self.areas = areas
        self.options: dict[str, Any] = {}

    # -- geometry ---------------------------------------------------------------
    @property
    def ws(self) -> Any:
        """The openpyxl worksheet."""
        return self._sheet.ws

    @property
    def sheet(self) -> Sheet:
        """The engine sheet."""
        return self._sheet

    @property
    def api(self) -> RangeApi:
        """The openpyxl worksheet and the areas."""
        return RangeApi(self.ws, self.areas)

    @property
    def coords(self) -> tuple[str, int, int, int, int]:
        """(sheet name, row, column, rows, columns) of the first area."""
        r1, c1, r2, c2 = self.areas[0]
        return self._sheet.ws.title, r1, c1, r2 - r1 + 1, c2 - c1 + 1

    @property
    @counted("range.row")
    def row(self) -> int:
        """First row."""
        return self.areas[0][0]

    @property
    @counted("range.column")
    def column(self) -> int:
        """First column."""
        return self.areas[0][1]

    @property
    @counted("range.shape")
    def shape(self) -> tuple[int, int]:
        """(rows, columns) of the first area."""
        r1, c1, r2, c2 = self.areas[0]
        return r2 - r1 + 1, c2 - c1 + 1

    @counted("range.count")
    def __len__(self) -> int:
        return sum((r2 - r1 + 1) * (c2 - c1 + 1) for r1, c1, r2, c2 in self.areas)

    @property
    @counted("range.address")
    def address(self) -> str:
        """'$A$1:$B$2'."""
        return ",".join(area_address(a) for a in self.areas)

    @counted("range.address")
    def get_address(self, row_absolute: bool, col_absolute: bool, external: bool) -> str:
        """The address with or without $ signs (and the book and sheet when external)."""
        text = self.api.Address
        if not row_absolute:
            text = re.sub(r"\$(\d)", r"\1", text)
        if not col_absolute:
            text = re.sub(r"\$([A-Z])", r"\1", text)
        if external:
            text = f"[{self._sheet.book.name}]{self._sheet.ws.title}!{text}"
        return text

    @counted("range.item")
    def __call__(self, row: int, col: int | None = None) -> Range:
        r1, c1, _r2, c2 = self.areas[0]
        if col is None:
            width = c2 - c1 + 1
            row, col = (row - 1) // width + 1, (row - 1) % width + 1
        r, c = r1 + row - 1, c1 + col - 1
        return Range(self._sheet, [(r, c, r, c)])

    @property
    def has_array(self) -> bool:
        """Array formulas are not modelled."""
        return False

    @counted("range.end")
    def end(self, direction: str) -> Range:
        """Ctrl+arrow from the first cell."""
        step = {"down": (1, 0), "up": (-1, 0), "right": (0, 1), "left": (0, -1)}[direction]
        r, c = self.areas[0][:2]

        def filled(row: int, col: int) -> bool:
            return 1 <= row <= MAX_ROW and 1 <= col <= MAX_COL and self._value_at(row, col) \
                is not None

        nr, nc = r + step[0], c + step[1]
        if filled(r, c) and filled(nr, nc):
            while filled(nr + step[0], nc + step[1]):
                nr, nc = nr + step[0], nc + step[1]
        else:
            limit = (self.ws.max_row, self.ws.max_column)
            while 1 <= nr <= MAX_ROW and 1 <= nc <= MAX_COL and not filled(nr, nc):
                if (step[0] > 0 and nr > limit[0]) or (step[1] > 0 and nc > limit[1]):
                    nr = MAX_ROW if step[0] > 0 else nr
                    nc = MAX_COL if step[1] > 0 else nc
                    break
                nr, nc = nr + step[0], nc + step[1]
            nr, nc = max(1, min(nr, MAX_ROW)), max(1, min(nc, MAX_COL))
        return Range(self._sheet, [(nr, nc, nr, nc)])

    # -- values -----------------------------------------------------------------
    def _cells(self) -> list[tuple[int, int]]:
        return [
            (r, c)
            for r1, c1, r2, c2 in self.areas
            for r in range(r1, r2 + 1)
            for c in range(c1, c2 + 1)
        ]

    def _value_at(self, row: int, col: int) -> Any:
        cell = self.ws._cells.get((row, col))
        if cell is None:
            return None
        if cell.data_type == "f":
            return self._sheet.book.cached_value(self.ws, row, col)
        return to_com(cell.value, cell.data_type)

    @property
    @counted("range.value.get")
    def raw_value(self) -> Any:
        """A scalar for one cell, else a tuple of row tuples (as COM)."""
        r1, c1, r2, c2 = self.areas[0]
        rows = tuple(
            tuple(self._value_at(r, c) for c in range(c1, c2 + 1)) for r in range(r1, r2 + 1)
        )
        return rows[0][0] if (r1, c1) == (r2, c2) else rows

    @raw_value.setter
    @counted("range.value.set")
    def raw_value(self, data: Any) -> None:
        r1, c1, r2, c2 = self.areas[0]
        if not isinstance(data, list | tuple):
            data = [[data] * (c2 - c1 + 1) for _ in range(r2 - r1 + 1)]
        elif data and not isinstance(data[0], list | tuple):
            data = [data]
        for i, row in enumerate(data):
            for j, value in enumerate(row):
                self._store(r1 + i, c1 + j, value)

    def _store(self, row: int, col: int, value: Any, as_formula: bool = False) -> None:
        cell = self.ws.cell(row=row, column=col)
        if type(cell).__name__ == "MergedCell":
            return
        stored, quoted = from_input(value)
        self._sheet.book.forget_cached(self.ws, row, col)
        cell.value = stored
        if isinstance(stored, str) and (quoted or not stored.startswith("=")):
            cell.data_type = "s"
        if quoted:
            cell.quotePrefix = True
        if hasattr(stored, "year") and cell.number_format == "General":
            cell.number_format = "yyyy-mm-dd h:mm" if stored.hour or stored.minute else "m/d/yyyy"

    @counted("range.clear_contents")
    def clear_contents(self) -> None:
        """Empty the cells, keep their formatting."""
        for r, c in self._cells():
            cell = self.ws._cells.get((r, c))
            if cell is not None and type(cell).__name__ != "MergedCell":
                cell.value = None

    @counted("range.clear")
    def clear(self) -> None:
        """Empty the cells and drop their formatting."""
        for r, c in self._cells():
            self.ws._cells.pop((r, c), None)

    @property
    @counted("range.formula.get")
    def formula(self) -> Any:
        """The formula, or the constant as text, of the first cell."""
        r, c = self.areas[0][:2]
        cell = self.ws._cells.get((r, c))
        if cell is None or cell.value is None:
            return ""
        return cell.value if cell.data_type == "f" else str(cell.value)

    @formula.setter
    @counted("range.formula.set")
    def formula(self, value: Any) -> None:
        rows = value if isinstance(value, list | tuple) else [[value]]
        r1, c1 = self.areas[0][:2]
        for i, row in enumerate(rows):
            for j, item in enumerate(row if isinstance(row, list | tuple) else [row]):
                self._store(r1 + i, c1 + j, item)

    @property
    @counted("range.number_format.get")
    def number_format(self) -> str:
        """The first cell's number format."""
        r, c = self.areas[0][:2]
        return self.ws.cell(row=r, column=c).number_format

    @number_format.setter
    @counted("range.number_format.set")
    def number_format(self, value: str) -> None:
        for r, c in self._cells():
            self.ws.cell(row=r, column=c).number_format = value

    # -- formatting -------------------------------------------------------------
    @property
    @counted("range.color.get")
    def color(self) -> tuple[int, int, int] | None:
        """The fill colour shared by all cells, else None (Excel gives no single colour)."""
        colours = {self._fill_at(r, c) for r, c in self._cells()}
        return colours.pop() if len(colours) == 1 else None

    @color.setter
    @counted("range.color.set")
    def color(self, value: Any) -> None:
        if isinstance(value, str):
            value = hex_to_rgb(value)
        elif isinstance(value, int):
            value = int_to_rgb(value)
        fill = PatternFill(fill_type=None)
        if value is not None:
            hex_rgb = "FF{:02X}{:02X}{:02X}".format(*value)
            fill = PatternFill(fill_type="solid", fgColor=hex_rgb, bgColor=hex_rgb)
        for r, c in self._cells():
            self.ws.cell(row=r, column=c).fill = fill

    @property
    @counted("range.wrap_text.get")
    def wrap_text(self) -> bool | None:
        """Whether every cell wraps its text; None when they differ."""
        wraps = {bool(self.ws.cell(row=r, column=c).alignment.wrap_text) for r, c in self._cells()}
        return wraps.pop() if len(wraps) == 1 else None

    @wrap_text.setter
    @counted("range.wrap_text.set")
    def wrap_text(self, value: bool) -> None:
        self._align(wrap_text=bool(value))

    @property
    @counted("range.vertical_alignment.get")
    def vertical_alignment(self) -> str | None:
        """The vertical alignment every cell shares ('bottom' by default); None when they differ."""
        found = {
            self.ws.cell(row=r, column=c).alignment.vertical or "bottom" for r, c in self._cells()
        }
        return found.pop() if len(found) == 1 else None

    @vertical_alignment.setter
    @counted("range.vertical_alignment.set")
    def vertical_alignment(self, value: str) -> None:
        self._align(vertical=value)

    def _align(self, **change: Any) -> None:
        for r, c in self._cells():
            cell = self.ws.cell(row=r, column=c)
            settings = {key: getattr(cell.alignment, key) for key in _ALIGNMENT_KEYS}
            cell.alignment = Alignment(**{**settings, **change})

    def _fill_at(self, row: int, col: int) -> tuple[int, int, int] | None:
        cell = self.ws._cells.get((row, col))
        if cell is None or not cell.has_style or cell.fill.fill_type != "solid":
            return None
        colour = cell.fill.fgColor
        if colour.type == "rgb" and isinstance(colour.rgb, str):
            hex_rgb = colour.rgb[-6:]
        elif colour.type == "indexed" and colour.indexed < len(COLOR_INDEX):
            hex_rgb = COLOR_INDEX[colour.indexed][-6:]
        elif colour.type == "theme" and colour.theme < len(_THEME):
            hex_rgb = _THEME[colour.theme]
        else:
            return None
        return hex_to_rgb(hex_rgb)

    @property
    @counted("range.font")
    def font(self) -> Font:
        """The font of the cells."""
        return Font(self)

    @property
    @counted("range.column_width.get")
    def column_width(self) -> float | None:
        """The width of the first column."""
        letter = get_column_letter(self.areas[0][1])
        return self.ws.column_dimensions[letter].width

    @column_width.setter
    @counted("range.column_width.set")
    def column_width(self, value: float) -> None:
        _, c1, _, c2 = self.areas[0]
        for c in range(c1, c2 + 1):
            self.ws.column_dimensions[get_column_letter(c)].width = value

    @property
    @counted("range.row_height.get")
    def row_height(self) -> float | None:
        """The height of the first row."""
        return self.ws.row_dimensions[self.areas[0][0]].height

    @row_height.setter
    @counted("range.row_height.set")
    def row_height(self, value: float) -> None:
        r1, _, r2, _ = self.areas[0]
        for r in range(r1, r2 + 1):
            self.ws.row_dimensions[r].height = value

    def autofit(self, axis: str | None = None) -> None:
        """Not modelled: widths stay as they are."""
        count("range.autofit")

    # -- merged cells -----------------------------------------------------------
    def _merged(self) -> list[Area]:
        return [(m.min_row, m.min_col, m.max_row, m.max_col) for m in self.ws.merged_cells.ranges]

    @property
    @counted("range.merge_area")
    def merge_area(self) -> Range:
        """The merged area holding the first cell, or the first cell."""
        r, c = self.areas[0][:2]
        for area in self._merged():
            if area[0] <= r <= area[2] and area[1] <= c <= area[3]:
                return Range(self._sheet, [area])
        return Range(self._sheet, [(r, c, r, c)])

    @property
    @counted("range.merge_cells")
    def merge_cells(self) -> bool | None:
        """True when every cell is merged, False when none is, None (Null) when mixed."""
        merged = self._merged()
        total = inside = 0
        for r1, c1, r2, c2 in self.areas:
            total += (r2 - r1 + 1) * (c2 - c1 + 1)
            for m in merged:
                rows = min(r2, m[2]) - max(r1, m[0]) + 1
                cols = min(c2, m[3]) - max(c1, m[1]) + 1
                if rows > 0 and cols > 0:
                    inside += rows * cols
        if inside == 0:
            return False
        return True if inside == total else None

    @counted("range.merge")
    def merge(self, across: bool) -> None:
        """Merge the first area (or each of its rows when ``across``)."""
        r1, c1, r2, c2 = self.areas[0]
        rows = [(r, r) for r in range(r1, r2 + 1)] if across else [(r1, r2)]
        for top, bottom in rows:
            self.ws.merge_cells(start_row=top, start_column=c1, end_row=bottom, end_column=c2)

    @counted("range.unmerge")
    def unmerge(self) -> None:
        """Unmerge every merged area that overlaps the range."""
        r1, c1, r2, c2 = self.areas[0]
        for m in self._merged():
            if m[0] <= r2 and r1 <= m[2] and m[1] <= c2 and c1 <= m[3]:
                self.ws.unmerge_cells(start_row=m[0], start_column=m[1], end_row=m[2],
                                      end_column=m[3])

    # -- notes and links --------------------------------------------------------
    @property
    @counted("range.note.get")
    def note(self) -> Note | None:
        """The first cell's note, or None."""
        r, c = self.areas[0][:2]
        cell = self.ws._cells.get((r, c))
        return Note(self, r, c) if cell is not None and cell.comment is not None else None

    @counted("range.note.add")
    def add_note(self, text: str) -> Note:
        """A new note on the first cell."""
        r, c = self.areas[0][:2]
        self.ws.cell(row=r, column=c).comment = Comment(text, "ProdDesk")
        return Note(self, r, c)

    @property
    @counted("range.hyperlink.get")
    def hyperlink(self) -> str:
        """The first cell's link address ('#Sheet!A1' for a place in the book)."""
        r, c = self.areas[0][:2]
        link = self.ws.cell(row=r, column=c).hyperlink
        if link is None:
            raise ValueError("The cell doesn't seem to contain a hyperlink!")
        return link.target or f"#{link.location}"

    @counted("range.hyperlink.add")
    def add_hyperlink(self, address: str, text_to_display: str, screen_tip: str) -> None:
        """Link the first cell; an address starting with '#' jumps inside the book."""
        r, c = self.areas[0][:2]
        cell = self.ws.cell(row=r, column=c)
        ref = cell.coordinate
        if address.startswith("#"):
            cell.hyperlink = Hyperlink(ref=ref, location=address[1:], tooltip=screen_tip,
                                       display=text_to_display)
        else:
            cell.hyperlink = Hyperlink(ref=ref, target=address, tooltip=screen_tip,
                                       display=text_to_display)
        cell.value = text_to_display
        cell.data_type = "s"
        cell.style = "Hyperlink"

    @property
    def table(self) -> None:
        """Tables are not modelled."""
        return None


class Note(base_classes.Note):
    """A cell note (an openpyxl comment)."""

    def __init__(self, rng: Range, row: int, col: int) -> None:
        self._cell = rng.ws.cell(row=row, column=col)

    @property
    def api(self) -> Any:
        """The openpyxl comment."""
        return self._cell.comment

    @property
    @counted("note.text.get")
    def text(self) -> str:
        """The note's text."""
        return self._cell.comment.text

    @text.setter
    @counted("note.text.set")
    def text(self, value: str) -> None:
        author = self._cell.comment.author if self._cell.comment else "ProdDesk"
        self._cell.comment = Comment(value, author)

    @property
    @counted("note.author")
    def author(self) -> str:
        """Who wrote the note."""
        return self._cell.comment.author

    @counted("note.delete")
    def delete(self) -> None:
        """Remove the note."""
        self._cell.comment = None


class Font(base_classes.Font):
    """The font of a range: bold, italic, size, colour, name."""

    def __init__(self, rng: Range) -> None:
        self._range = rng

    @property
    def api(self) -> Any:
        """The first cell's openpyxl font."""
        r, c = self._range.areas[0][:2]
        return self._range.ws.cell(row=r, column=c).font

    def _get(self, attribute: str) -> Any:
        return getattr(self.api, attribute)

    def _set(self, **changes: Any) -> None:
        for r, c in self._range._cells():
            cell = self._range.ws.cell(row=r, column=c)
            font = copy.copy(cell.font)
            for attribute, value in changes.items():
                setattr(font, attribute, value)
            cell.font = font

    @property
    @counted("font.bold.get")
    def bold(self) -> bool:
        """Bold or not."""
        return bool(self._get("b"))

    @bold.setter
    @counted("font.bold.set")
    def bold(self, value: bool) -> None:
        self._set(b=value)

    @property
    @counted("font.italic.get")
    def italic(self) -> bool:
        """Italic or not."""
        return bool(self._get("i"))

    @italic.setter
    @counted("font.italic.set")
    def italic(self, value: bool) -> None:
        self._set(i=value)

    @property
    @counted("font.size.get")
    def size(self) -> float | None:
        """Point size."""
        return self._get("sz")

    @size.setter
    @counted("font.size.set")
    def size(self, value: float) -> None:
        self._set(sz=value)

    @property
    @counted("font.name.get")
    def name(self) -> str | None:
        """Typeface."""
        return self._get("name")

    @name.setter
    @counted("font.name.set")
    def name(self, value: str) -> None:
        self._set(name=value)
