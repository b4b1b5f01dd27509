"""Sheets, Sheet and FreezePanes of the openpyxl engine."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from openpyxl.utils import get_column_letter
from xlwings import base_classes

from tests.xlwings_engine.range import MAX_COL, MAX_ROW, Range, parse_address
from tests.xlwings_engine.stats import counted

if TYPE_CHECKING:
    from tests.xlwings_engine.book import Book


class SheetApi:
    """What ``Sheet.api`` gives: the openpyxl worksheet."""

    def __init__(self, worksheet: Any) -> None:
        self.worksheet = worksheet

    @property
    def Name(self) -> str:
        """The tab name, as in COM."""
        return self.worksheet.title


class Sheets(base_classes.Sheets):
    """The tabs of a book."""

    def __init__(self, book: Book) -> None:
        self.book = book

    @property
    def api(self) -> Any:
        """The openpyxl workbook."""
        return self.book.wb

    @property
    @counted("sheets.active")
    def active(self) -> Sheet:
        """The active tab."""
        return Sheet(self.book, self.book.wb.active)

    @counted("sheets.item")
    def __call__(self, name_or_index: int | str) -> Sheet:
        sheets = self.book.wb.worksheets
        if isinstance(name_or_index, int):
            return Sheet(self.book, sheets[name_or_index - 1])
        for ws in sheets:
            if ws.title.lower() == str(name_or_index).lower():
                return Sheet(self.book, ws)
        raise KeyError(name_or_index)

    @counted("sheets.count")
    def __len__(self) -> int:
        return len(self.book.wb.worksheets)

    def __iter__(self):
        for ws in list(self.book.wb.worksheets):
            yield self(ws.title)

    @counted("sheets.add")
    def add(self, before: Sheet | None = None, after: Sheet | None = None,
            name: str | None = None) -> Sheet:
        """A new empty tab (before or after a tab, else before the active one), activated."""
        wb = self.book.wb
        if before is not None:
            index = wb.worksheets.index(before.ws)
        elif after is not None:
            index = wb.worksheets.index(after.ws) + 1
        else:
            index = wb.worksheets.index(wb.active)
        if name is None:
            self.book.sheet_counter += 1
            name = f"Sheet{self.book.sheet_counter}"
        ws = wb.create_sheet(name, index)
        wb.active = ws
        return Sheet(self.book, ws)


class Sheet(base_classes.Sheet):
    """One worksheet."""

    def __init__(self, book: Book, ws: Any) -> None:
        self._book = book
        self.ws = ws

    @property
    def api(self) -> SheetApi:
        """The openpyxl worksheet."""
        return SheetApi(self.ws)

    @property
    def book(self) -> Book:
        """The engine book."""
        return self._book

    @property
    @counted("sheet.name.get")
    def name(self) -> str:
        """The tab name."""
        return self.ws.title

    @name.setter
    @counted("sheet.name.set")
    def name(self, value: str) -> None:
        for ws in self._book.wb.worksheets:
            if ws is not self.ws and ws.title.lower() == value.lower():
                raise ValueError(f"That name is already taken: {value}")
        self.ws.title = value

    @property
    @counted("sheet.index")
    def index(self) -> int:
        """1-based position among the tabs."""
        return self._book.wb.worksheets.index(self.ws) + 1

    @counted("sheet.range")
    def range(self, arg1: Any, arg2: Any = None) -> Range:
        """A range by address, (row, col), (row, col, rows, cols) or two corners."""
        if isinstance(arg1, Range):
            arg1 = arg1.areas[0]
            arg1 = (arg1[0], arg1[1], arg1[2] - arg1[0] + 1, arg1[3] - arg1[1] + 1)
        if isinstance(arg1, str):
            areas = parse_address(arg1)
        elif len(arg1) == 4:
            r, c, nr, nc = arg1
            areas = [(r, c, r + max(nr, 1) - 1, c + max(nc, 1) - 1)]
        else:
            areas = [(arg1[0], arg1[1], arg1[0], arg1[1])]
        if arg2 is not None:
            other = self.range(arg2).areas[0] if not isinstance(arg2, Range) else arg2.areas[0]
            first = areas[0]
            areas = [(min(first[0], other[0]), min(first[1], other[1]),
                      max(first[2], other[2]), max(first[3], other[3]))]
        return Range(self, areas)

    @property
    @counted("sheet.cells")
    def cells(self) -> Range:
        """Every cell of the tab."""
        return Range(self, [(1, 1, MAX_ROW, MAX_COL)])

    @property
    @counted("sheet.used_range")
    def used_range(self) -> Range:
        """From the first to the last cell holding a value or formatting ($A$1 when empty)."""
        ws = self.ws
        cells = [key for key, cell in ws._cells.items() if cell.value is not None or
                 cell.has_style]
        if not cells:
            return Range(self, [(1, 1, 1, 1)])
        rows = [r for r, _ in cells]
        cols = [c for _, c in cells]
        return Range(self, [(min(rows), min(cols), max(rows), max(cols))])

    @counted("sheet.activate")
    def activate(self) -> None:
        """Make this the active tab."""
        self._book.wb.active = self.ws

    def select(self) -> None:
        """Same as activate."""
        self.activate()

    @counted("sheet.clear_contents")
    def clear_contents(self) -> None:
        """Empty every cell."""
        for cell in self.ws._cells.values():
            if type(cell).__name__ != "MergedCell":
                cell.value = None

    @counted("sheet.clear")
    def clear(self) -> None:
        """Empty every cell and drop formatting."""
        self.ws._cells.clear()

    @counted("sheet.delete")
    def delete(self) -> None:
        """Remove the tab; Excel refuses to remove the last visible one."""
        others = [ws for ws in self._book.wb.worksheets
                  if ws is not self.ws and ws.sheet_state == "visible"]
        if not others:
            raise RuntimeError("A workbook must contain at least one visible worksheet.")
        was_active = self._book.wb.active is self.ws
        self._book.wb.remove(self.ws)
        if was_active:
            self._book.wb.active = others[0]

    @counted("sheet.copy")
    def copy(self, before: Sheet | None = None, after: Sheet | None = None) -> None:
        """Copy within the book, named like Excel does ('Crew (2)')."""
        target = (before or after).book
        if target is not self._book:
            raise NotImplementedError("Copying to another book is not supported")
        wb = self._book.wb
        copied = wb.copy_worksheet(self.ws)
        for m in self.ws.merged_cells.ranges:
            if str(m) not in {str(x) for x in copied.merged_cells.ranges}:
                copied.merge_cells(str(m))
        n = 2
        taken = {ws.title.lower() for ws in wb.worksheets}
        while f"{self.ws.title} ({n})".lower() in taken:
            n += 1
        copied.title = f"{self.ws.title} ({n})"
        wb._sheets.remove(copied)
        index = wb.worksheets.index(before.ws) if before else wb.worksheets.index(after.ws) + 1
        wb._sheets.insert(index, copied)
        wb.active = copied

    @property
    @counted("sheet.visible.get")
    def visible(self) -> bool:
        """Whether the tab shows."""
        return self.ws.sheet_state == "visible"

    @visible.setter
    @counted("sheet.visible.set")
    def visible(self, value: bool) -> None:
        if not value:
            others = [ws for ws in self._book.wb.worksheets
                      if ws is not self.ws and ws.sheet_state == "visible"]
            if not others:
                raise RuntimeError("A workbook must contain at least one visible worksheet.")
            if self._book.wb.active is self.ws:
                self._book.wb.active = others[0]
        self.ws.sheet_state = "visible" if value else "hidden"

    @property
    def freeze_panes(self) -> FreezePanes:
        """Frozen rows and columns."""
        return FreezePanes(self)

    @property
    def names(self) -> list:
        """Sheet-scoped names are not modelled."""
        return []

    def autofit(self, axis: str | None = None) -> None:
        """Not modelled."""


class FreezePanes(base_classes.FreezePanes):
    """Freeze rows and columns the way ``Sheet.freeze_panes`` does in xlwings."""

    def __init__(self, sheet: Sheet) -> None:
        self.sheet = sheet

    @counted("sheet.freeze_panes")
    def freeze_at(self, frozen_range: str) -> None:
        """'1:2' freezes rows 1-2, 'A:A' column A, 'B3' rows 1-3 and columns A-B."""
        _r1, _c1, r2, c2 = parse_address(frozen_range)[0]
        row = r2 + 1 if r2 < MAX_ROW else 1
        col = c2 + 1 if c2 < MAX_COL else 1
        self.sheet.ws.freeze_panes = f"{get_column_letter(col)}{row}"

    @counted("sheet.freeze_panes")
    def unfreeze(self) -> None:
        """No frozen panes."""
        self.sheet.ws.freeze_panes = None
