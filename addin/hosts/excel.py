"""A live Excel book through xlwings' public API: batch-shaped reads, staged writes.

Reads take one ``.value`` call per tab (plus a few calls to find merged areas).
Writes are staged and applied together in ``save()``; if Excel refuses one of
them, everything applied in that save is undone and a HostError is raised, so a
book is never left half-written. Tabs are replaced by renaming the old one out
of the way first and deleting it only once everything else succeeded.
"""

from __future__ import annotations

import datetime as dt
import logging
import sys
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import xlwings as xw
from xlwings.utils import int_to_rgb

from addin.errors import HostError
from addin.hosts.base import CellState, Grid, Mark, SheetContent
from addin.model import ERROR_VALUES, CellError, a1, column_letter, parse_a1

# What Range.Value gives through COM for error cells (xlwings turns them into
# text with err_to_str=True; kept here for engines that hand them over raw).
COM_ERRORS = {
    -2146826281: "#DIV/0!",
    -2146826246: "#N/A",
    -2146826259: "#NAME?",
    -2146826288: "#NULL!",
    -2146826252: "#NUM!",
    -2146826265: "#REF!",
    -2146826273: "#VALUE!",
}
EXCEL_EPOCH = dt.date(1899, 12, 30)
XL_COLOR_INDEX_NONE = -4142
"""Interior.ColorIndex of cells without a fill (xlColorIndexNone)."""
MAX_ADDRESS = 250
"""Excel refuses Range() addresses longer than 255 characters."""
MAX_MERGE_CALLS = 400

log = logging.getLogger("addin.hosts.excel")


def normalise(value: Any) -> Any:
    """A value as Excel hands it over -> the contract's types (CellError, float, date, time).

    Windows hands currency-formatted cells over as ``Decimal`` (COM's Currency),
    dates as pywintypes datetimes carrying a time zone, and error cells as COM
    integers; all become what the xlsx host gives for the same cell.
    """
    if isinstance(value, str):
        return CellError(value) if value in ERROR_VALUES else value
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, int) and not isinstance(value, bool) and value in COM_ERRORS:
        return CellError(COM_ERRORS[value])
    if isinstance(value, dt.datetime):
        value = dt.datetime(
            value.year,
            value.month,
            value.day,
            value.hour,
            value.minute,
            value.second,
            value.microsecond,
        )
        if value.date() == EXCEL_EPOCH:
            return value.time()
        if value.time() == dt.time(0):
            return value.date()
    return value


def as_text_safe(value: Any) -> Any:
    """A value to write: strings get a ' prefix so Excel keeps them as typed text."""
    if isinstance(value, str):
        return "'" + value if value else None
    if isinstance(value, dt.time):
        return dt.datetime.combine(EXCEL_EPOCH, value)
    return value


def fill_token(color: Any) -> str | None:
    """An xlwings colour (RGB tuple) as the fill token: 6 hex digits, or None."""
    if color is None:
        return None
    return "{:02X}{:02X}{:02X}".format(*color)


def to_rgb(token: Any) -> tuple[int, int, int] | None:
    """A fill token ('FFC7CE', 'FFFFC7CE', '#FFC7CE' or [r, g, b]) as an RGB tuple."""
    if token is None:
        return None
    if isinstance(token, list | tuple):
        return (int(token[0]), int(token[1]), int(token[2]))
    text = str(token).lstrip("#")[-6:]
    return (int(text[0:2], 16), int(text[2:4], 16), int(text[4:6], 16))


def trim(grid: Grid) -> Grid:
    """Rectangular rows without trailing empty rows and columns ("" counts as empty)."""
    rows = [[None if v == "" else v for v in row] for row in grid]
    height = max(
        (i + 1 for i, row in enumerate(rows) if any(v is not None for v in row)), default=0
    )
    rows = rows[:height]
    width = max((j + 1 for row in rows for j, v in enumerate(row) if v is not None), default=0)
    return [(row + [None] * width)[:width] for row in rows]


def on_mac(thing: xw.Book | xw.Sheet) -> bool:
    """Whether the book or tab is open in Excel for Mac (xlwings' AppleScript engine)."""
    return _engine(thing) == "mac"


def area(sheet: xw.Sheet, address: str) -> xw.Range:
    """A range for any address, multi-area ones included.

    xlwings' macOS ``sheet.range("A3:F3,A5:F5")`` keeps only the text before the
    first colon (the first cell); its Range class takes the whole address.
    """
    if "," in address and ":" in address and on_mac(sheet):
        engine = sys.modules[type(sheet.impl).__module__]
        return xw.Range(impl=engine.Range(sheet.impl, address))
    return sheet.range(address)


def _overlay_errors(values: Grid, shown: Any) -> Grid:
    """Error texts from Excel's displayed text put into the values macOS gives as empty."""
    if not isinstance(shown, list):
        shown = [[shown]]
    elif shown and not isinstance(shown[0], list):
        shown = [shown]
    for r, row in enumerate(shown):
        for c, text in enumerate(row):
            if text in ERROR_VALUES and r < len(values) and c < len(values[r]):
                values[r][c] = text
    return values


def address_chunks(addresses: list[str]) -> list[str]:
    """Comma-joined multi-area addresses, each short enough for Excel."""
    chunks: list[str] = []
    current = ""
    for address in addresses:
        candidate = f"{current},{address}" if current else address
        if len(candidate) > MAX_ADDRESS and current:
            chunks.append(current)
            candidate = address
        current = candidate
    if current:
        chunks.append(current)
    return chunks


class ExcelHost:
    """A production book open in Excel (or any xlwings engine)."""

    def __init__(self, book: xw.Book, save_file: bool = False) -> None:
        self.book = book
        self.save_file = save_file
        self.label = book.name
        self._cells: dict[str, dict[str, CellState]] = {}
        self._sheets: dict[str, SheetContent] = {}
        self._deletes: list[str] = []
        self._known: dict[tuple[str, str], CellState] = {}

    # -- reading ----------------------------------------------------------------
    def _live_names(self) -> list[str]:
        return [sheet.name for sheet in self.book.sheets]

    def sheet_names(self) -> list[str]:
        """Tab names in book order, staged tabs included."""
        names = [n for n in self._live_names() if n not in self._deletes]
        names = [n for n in names if n not in self._sheets]
        return names + list(self._sheets)

    def read_all(self) -> dict[str, Grid]:
        """Every tab's values: one used-range read per tab, merged areas filled."""
        try:
            grids = {sheet.name: self._read_sheet(sheet) for sheet in self.book.sheets}
        except Exception as error:
            raise HostError(f"Excel did not let ProdDesk read {self.label}: {error}") from error
        for name in self._deletes:
            grids.pop(name, None)
        for name, content in self._sheets.items():
            grids.pop(name, None)
            grids[name] = trim(content.rows)
        return grids

    def _read_sheet(self, sheet: xw.Sheet) -> Grid:
        used = sheet.used_range
        top, left = used.row, used.column
        if on_mac(self.book):
            # xlwings' macOS raw_value raises TypeError with err_to_str on several rows;
            # error cells come as empty there, so their text is read from string_value.
            values = _overlay_errors(used.options(ndim=2).value, used.api.string_value.get())
        else:
            values = used.options(ndim=2, err_to_str=True).value
        grid = [[None] * (left - 1) + [normalise(v) for v in row] for row in values]
        grid = [[None] * len(grid[0])] * (top - 1) + grid if grid else grid
        height = top + len(values) - 1
        width = left + (len(values[0]) if values else 1) - 1
        areas: set[tuple[int, int, int, int]] = set()
        _find_merges(sheet, (top, left, height, width), areas, [MAX_MERGE_CALLS])
        height = max([height, *(a[2] for a in areas)])
        width = max([width, *(a[3] for a in areas)])
        grid = [list(row) + [None] * (width - len(row)) for row in grid]
        grid += [[None] * width for _ in range(height - len(grid))]
        for r1, c1, r2, c2 in areas:
            value = grid[r1 - 1][c1 - 1]
            for r in range(r1, r2 + 1):
                for c in range(c1, c2 + 1):
                    grid[r - 1][c - 1] = value
        return trim(grid)

    def read_cell_states(self, cells: dict[str, list[str]]) -> dict[str, dict[str, CellState]]:
        """The fill and note of each cell, staged ones included.

        Notes come from the tab's list of notes and fills from whole groups of
        cells at once where the engine tells "no fill anywhere here" in one
        call, so the calls grow with the notes and fills there are, not with
        the cells asked about.
        """
        states: dict[str, dict[str, CellState]] = {}
        live = set(self._live_names()) - set(self._deletes)
        for name, addresses in cells.items():
            if name not in live:
                continue
            staged = self._cells.get(name, {})
            unread = [a for a in addresses if a not in staged and (name, a) not in self._known]
            if unread:
                self._read_states(self.book.sheets[name], name, unread)
            states[name] = {
                a: CellState(
                    (staged.get(a) or self._known[(name, a)]).fill,
                    (staged.get(a) or self._known[(name, a)]).note,
                )
                for a in addresses
            }
        return states

    def _read_states(self, sheet: xw.Sheet, name: str, addresses: list[str]) -> None:
        try:
            notes = _sheet_notes(sheet)
            fills: dict[str, str | None] = {}
            for group in _groups(addresses):
                _read_fills(sheet, group, fills)
            for address in addresses:
                note = notes.get(address) if notes is not None else _cell_note(sheet, address)
                self._known[(name, address)] = CellState(fills[address], note)
        except Exception as error:
            raise HostError(
                f"Excel did not let ProdDesk read the marks on {name}: {error}"
            ) from error

    # -- staging ----------------------------------------------------------------
    def apply_marks(self, marks: dict[str, dict[str, Mark]]) -> None:
        """Stage fills and notes."""
        names = set(self.sheet_names())
        for name, cells in marks.items():
            if name not in names:
                raise HostError(f"{self.label} has no tab named {name!r} to mark.")
            staged = self._cells.setdefault(name, {})
            for address, mark in cells.items():
                staged[address] = CellState(mark.fill, mark.note)

    def restore_cells(self, states: dict[str, dict[str, CellState]]) -> None:
        """Stage putting fills and notes back; tabs that are gone are ignored."""
        names = set(self.sheet_names())
        for name, cells in states.items():
            if name in names:
                self._cells.setdefault(name, {}).update(
                    {address: CellState(s.fill, s.note) for address, s in cells.items()}
                )

    def write_sheets(self, sheets: list[SheetContent]) -> None:
        """Stage creating or replacing tabs (added after the last tab)."""
        for content in sheets:
            self._sheets.pop(content.name, None)
            self._sheets[content.name] = content

    def delete_sheets(self, names: list[str]) -> None:
        """Stage removing tabs; missing names are ignored."""
        for name in names:
            self._sheets.pop(name, None)
            self._cells.pop(name, None)
            if name not in self._deletes:
                self._deletes.append(name)

    # -- committing -------------------------------------------------------------
    def save(self) -> None:
        """Apply every staged change in one go; on failure undo them and raise HostError."""
        undo: list[Callable[[], None]] = []
        app = self.book.app
        screen = app.screen_updating
        app.screen_updating = False
        try:
            active = self.book.sheets.active.name
            live = self._live_names()
            backups = self._apply(live, undo)
        except Exception as error:
            self._known.clear()
            for step in reversed(undo):
                try:
                    step()
                except Exception:  # undo as much as Excel allows
                    continue
            app.screen_updating = screen
            raise HostError(
                f"Excel refused a change to {self.label}; ProdDesk put back what it had "
                f"changed ({error})."
            ) from error
        leftovers = self._delete(backups)
        self._reactivate(active)
        app.screen_updating = screen
        self._cells, self._sheets, self._deletes = {}, {}, []
        if leftovers:
            raise HostError(
                f"ProdDesk could not remove the tab(s) {', '.join(leftovers)} from "
                f"{self.label}; please delete them by hand."
            )
        if self.save_file:
            self._save_file()

    def _apply(self, live: list[str], undo: list[Callable[[], None]]) -> list[str]:
        for name, cells in self._cells.items():
            if name in live and name not in self._sheets:
                self._apply_cells(name, cells, undo)
        taken = set(live)
        backups = []
        for name in dict.fromkeys([*self._sheets, *self._deletes]):
            if name in live:
                backups.append(self._rename_out_of_the_way(name, taken, undo))
        for content in self._sheets.values():
            self._add_sheet(content, undo)
        return backups

    def _apply_cells(
        self, name: str, cells: dict[str, CellState], undo: list[Callable[[], None]]
    ) -> None:
        sheet = self.book.sheets[name]
        unread = [a for a in cells if (name, a) not in self._known]
        if unread:
            self._read_states(sheet, name, unread)
        before = {a: self._known[(name, a)] for a in cells}
        undo.append(lambda: self._write_cells(sheet, before, cells))
        self._write_cells(sheet, cells, before)
        for address, state in cells.items():
            self._known[(name, address)] = CellState(state.fill, state.note)

    @staticmethod
    def _write_cells(
        sheet: xw.Sheet, cells: dict[str, CellState], current: dict[str, CellState]
    ) -> None:
        by_fill: dict[Any, list[str]] = {}
        for address, state in cells.items():
            by_fill.setdefault(to_rgb(state.fill), []).append(address)
        for rgb, addresses in by_fill.items():
            for chunk in address_chunks(addresses):
                area(sheet, chunk).color = rgb
        changed = {a: s.note for a, s in cells.items() if s.note != current[a].note}
        _clear_notes(sheet, [a for a in changed if current[a].note is not None])
        for address, text in changed.items():
            if text is not None:
                # the engine's own add_note: xlwings' public one first re-reads the
                # cell's shape and note (seven more round trips per cell)
                sheet.range(address).impl.add_note(text)

    def _rename_out_of_the_way(
        self, name: str, taken: set[str], undo: list[Callable[[], None]]
    ) -> str:
        n = 1
        while f"ProdDesk old {n}" in taken:
            n += 1
        backup = f"ProdDesk old {n}"
        taken.add(backup)
        sheet = self.book.sheets[name]
        sheet.name = backup
        undo.append(lambda: setattr(sheet, "name", name))
        return backup

    def _add_sheet(self, content: SheetContent, undo: list[Callable[[], None]]) -> None:
        sheets = self.book.sheets
        sheet = sheets.add(content.name, after=sheets[len(sheets) - 1])
        undo.append(sheet.delete)
        rows = [list(row) for row in content.rows]
        width = max((len(row) for row in rows), default=0)
        if rows and width:
            sheet.range("A1").value = [
                [as_text_safe(v) for v in row] + [None] * (width - len(row)) for row in rows
            ]
            if content.header_rows:
                sheet.range((1, 1), (content.header_rows, width)).font.bold = True
        for (r, c), target in content.links.items():
            text = rows[r][c] if r < len(rows) and c < len(rows[r]) else None
            place = "'{}'!{}".format(target.sheet.replace("'", "''"), target.a1)
            shown = str(text) if text not in (None, "") else place
            sheet.range((r + 1, c + 1)).add_hyperlink("#" + place, shown, f"Go to {place}")
        self._format(sheet, content, width)
        if content.hidden:
            sheet.visible = False

    @staticmethod
    def _format(sheet: xw.Sheet, content: SheetContent, width: int) -> None:
        start = 0
        widths = content.widths
        for i in range(1, len(widths) + 1):
            if i == len(widths) or widths[i] != widths[start]:
                sheet.range((1, start + 1), (1, i)).column_width = widths[start]
                start = i
        by_fill: dict[str, list[str]] = {}
        for r in sorted(content.row_fills):
            by_fill.setdefault(content.row_fills[r], []).append(
                f"{a1(r + 1, 1)}:{a1(r + 1, max(width, 1))}"
            )
        for colour, areas in by_fill.items():
            for chunk in address_chunks(areas):
                area(sheet, chunk).color = to_rgb(colour)
        if content.wrap_columns and content.rows:
            last = len(content.rows)
            sheet.range((1, 1), (last, max(width, 1))).vertical_alignment = "top"
            for col in sorted(content.wrap_columns):
                sheet.range((1, col + 1), (last, col + 1)).wrap_text = True
            sheet.range((1, 1), (last, 1)).rows.autofit()
        if (content.header_rows or content.frozen_columns) and not content.hidden:
            freeze_header(sheet, content.header_rows, content.frozen_columns)

    def _delete(self, backups: list[str]) -> list[str]:
        leftovers = []
        for backup in backups:
            try:
                self.book.sheets[backup].delete()
            except Exception:
                leftovers.append(backup)
        return leftovers

    def _reactivate(self, name: str) -> None:
        try:
            if name in self._live_names():
                self.book.sheets[name].activate()
        except Exception:  # which tab shows is cosmetic
            pass

    def _save_file(self) -> None:
        try:
            if self.book.fullname != self.book.name:
                self.book.save()
        except Exception as error:
            raise HostError(f"Excel could not save {self.label}: {error}") from error


def _engine(thing: xw.Book | xw.Sheet) -> str:
    """'windows', 'mac' or the module of another xlwings engine (asks Excel nothing)."""
    module = type(thing.impl).__module__
    return {"xlwings._xlwindows": "windows", "xlwings._xlmac": "mac"}.get(module, module)


def _groups(addresses: list[str]) -> list[list[str]]:
    """Addresses in groups whose comma-joined address Excel accepts."""
    return [chunk.split(",") for chunk in address_chunks(addresses)]


_MIXED = object()


def _group_fill(sheet: xw.Sheet, address: str) -> Any:
    """The one fill token of every cell of the (multi-area) address, None for no fill at
    all, ``_MIXED`` when cells differ or the engine cannot tell in a call or two."""
    engine = _engine(sheet)
    if engine == "windows":
        interior = area(sheet, address).api.Interior
        index = interior.ColorIndex
        if index == XL_COLOR_INDEX_NONE:
            return None
        colour = interior.Color if index is not None else None
        return _MIXED if colour is None else fill_token(int_to_rgb(colour))
    if engine == "mac":
        interior = area(sheet, address).api.interior_object
        index = interior.color_index.get()
        if getattr(index, "AS_name", None) == "color_index_none":
            return None
        colour = interior.color.get() if isinstance(index, int) else None
        return fill_token(colour) if isinstance(colour, list) else _MIXED
    return _MIXED


def _read_fills(sheet: xw.Sheet, group: list[str], fills: dict[str, str | None]) -> None:
    """The fill of each cell of the group, halving it while its cells differ."""
    if len(group) > 1:
        shared = _group_fill(sheet, ",".join(group))
        if shared is not _MIXED:
            fills.update(dict.fromkeys(group, shared))
            return
        if _engine(sheet) in ("windows", "mac"):
            half = len(group) // 2
            _read_fills(sheet, group[:half], fills)
            _read_fills(sheet, group[half:], fills)
            return
    for address in group:
        fills[address] = fill_token(sheet.range(address).color)


def _sheet_notes(sheet: xw.Sheet) -> dict[str, str] | None:
    """Every note of the tab by cell address, or None where the engine cannot list them."""
    engine = _engine(sheet)
    if engine == "mac":
        return _mac_notes(sheet)
    if engine != "windows":
        return None
    return {note.location.address.replace("$", ""): note.text for note in sheet.notes}


def _mac_notes(sheet: xw.Sheet) -> dict[str, str]:
    """The notes of a tab in Excel for Mac: one event for where they are, one per note.

    (xlwings' ``Sheet.notes`` spends about a dozen events on each.)
    """
    import appscript  # xlwings' own dependency on macOS

    try:
        found = sheet.api.used_range.special_cells(
            type=appscript.k.cell_type_comments
        ).get_address()
    except appscript.reference.CommandError:  # "No cells were found."
        return {}
    notes = {}
    for part in str(found).replace("$", "").split(","):
        first, _, last = part.partition(":")
        (r1, c1), (r2, c2) = parse_a1(first), parse_a1(last or first)
        for r in range(r1, r2 + 1):
            for c in range(c1, c2 + 1):
                address = a1(r, c)
                notes[address] = str(sheet.api.cells[address].Excel_comment.Excel_comment_text())
    return notes


def _cell_note(sheet: xw.Sheet, address: str) -> str | None:
    note = sheet.range(address).note
    return note.text if note is not None else None


def _clear_notes(sheet: xw.Sheet, addresses: list[str]) -> None:
    """Remove the notes of these cells: a call per group where Excel allows, else per cell."""
    engine = _engine(sheet)
    for chunk in address_chunks(addresses):
        if engine == "windows":
            area(sheet, chunk).api.ClearComments()
        elif engine == "mac":
            area(sheet, chunk).api.clear_Excel_comments()
        else:
            for address in chunk.split(","):
                note = sheet.range(address).note
                if note is not None:
                    note.delete()


def freeze_header(sheet: xw.Sheet, rows: int, columns: int = 0) -> None:
    """Freeze the top ``rows`` (and the left ``columns``) where the engine can; Windows
    Excel needs its window.

    A frozen header is a nicety: when neither way works it is logged and skipped.
    """
    letter = column_letter(columns) if columns else ""
    frozen = f"{letter}{rows}" if rows and columns else f"A:{letter}" if columns else f"1:{rows}"
    try:
        sheet.freeze_panes.freeze_at(frozen)  # "C3": rows 1-3 and columns A-C
        return
    except Exception:
        pass
    try:
        sheet.activate()
        if on_mac(sheet):  # Excel for Mac's AppleScript window properties
            window = sheet.book.app.api.active_window
            window.freeze_panes.set(False)
            window.split_column.set(columns)
            window.split_row.set(rows)
            window.freeze_panes.set(True)
            return
        window = sheet.book.app.api.ActiveWindow
        window.FreezePanes = False
        window.SplitColumn = columns
        window.SplitRow = rows
        window.FreezePanes = True
    except Exception:
        log.info("could not freeze the header of %s", sheet.name)


def _find_merges(
    sheet: xw.Sheet,
    region: tuple[int, int, int, int],
    found: set[tuple[int, int, int, int]],
    budget: list[int],
) -> None:
    """Merged areas inside a region, by halving it (Range.MergeCells is True/False/None)."""
    r1, c1, r2, c2 = region
    if budget[0] <= 0 or any(
        a[0] <= r1 and r2 <= a[2] and a[1] <= c1 and c2 <= a[3] for a in found
    ):
        return
    budget[0] -= 1
    state = sheet.range((r1, c1), (r2, c2)).merge_cells
    if state is False:
        return
    if state is True:
        area = sheet.range((r1, c1)).merge_area
        rows, cols = area.shape
        top, left = area.row, area.column
        found.add((top, left, top + rows - 1, left + cols - 1))
    if (r1, c1) == (r2, c2):
        return
    if r2 - r1 >= c2 - c1:
        mid = (r1 + r2) // 2
        halves = [(r1, c1, mid, c2), (mid + 1, c1, r2, c2)]
    else:
        mid = (c1 + c2) // 2
        halves = [(r1, c1, r2, mid), (r1, mid + 1, r2, c2)]
    for half in halves:
        _find_merges(sheet, half, found, budget)
