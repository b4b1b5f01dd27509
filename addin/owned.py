"""Which tabs are ProdDesk's own: known by the mark it wrote, never by their name alone.

ProdDesk's hidden state tab carries a mark in its header row (``STATE_MARK``) and
lists every tab ProdDesk created (its Checks tab, its call sheet tabs) by name and
kind. The mark is plain cell text, so it works the same in an .xlsx file, in live
Excel and on Google Sheets, and it moves with the tab when someone renames it.
The Checks tab is also known by its own layout (title row, then its header row
right under it or under the line saying what was read), so a renamed Checks tab
is still found.

A tab ProdDesk did not create is never replaced or deleted: when its name is taken
ProdDesk picks another (``ProdDesk Checks``, then ``ProdDesk Checks 2``, ...).

Books from earlier versions (no mark) are recognised by their layout: a tab named
``ProdDesk State`` whose header row is the state header, a ``Checks`` tab with
ProdDesk's title and header, and a ``Call Sheet D<N>`` tab that carries the
bundled template's "Made with ProdDesk" line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from addin.hosts.base import Grid, SheetContent

STATE_TAB = "ProdDesk State"
STATE_HEADER = ["Tab", "Cell", "Original fill", "Original note"]
STATE_MARK = "ProdDesk keeps this tab to undo its marks; please leave it as it is."
REGISTRY_HEADER = ["ProdDesk tab", "Kind"]
"""Columns F:G of the state tab: the tabs ProdDesk created (A:D hold the cell states)."""
REGISTRY_COLUMN = 5
BOOK_ID_HEADER = "Book id"
"""Column I of the state tab: I1 says ``Book id``, I2 holds the book's id (see ``book_id``)."""
BOOK_ID_COLUMN = 8

CHECKS_KIND = "checks"
CHECKS_TITLE = "ProdDesk checks of "
MAX_TAB_NAME = 31  # Excel's limit; Google allows more
_LEGACY_CALL_SHEET = re.compile(r"^Call Sheet D(\d+)$")
_LEGACY_CALL_SHEET_TEXT = "Made with ProdDesk"


def call_sheet_kind(day: int) -> str:
    """The kind under which a day's call sheet tab is recorded: ``call sheet 2``."""
    return f"call sheet {day}"


def call_sheet_name(day: int) -> str:
    """The name a day's call sheet tab gets when it is free: ``Call Sheet D2``."""
    return f"Call Sheet D{day}"


def _row(grid: Grid, index: int) -> list[str]:
    if index >= len(grid):
        return []
    return ["" if v is None else str(v) for v in grid[index]]


def _trimmed(row: list[str]) -> list[str]:
    while row and row[-1] == "":
        row = row[:-1]
    return row


def is_state_tab(name: str, grid: Grid, *, legacy: bool = True) -> bool:
    """ProdDesk's state tab: the header row with the mark (or, from earlier versions,
    the header row alone under the name ``ProdDesk State``)."""
    header = _trimmed(_row(grid, 0))
    if header[:4] != STATE_HEADER:
        return False
    if header[4:5] == [STATE_MARK]:
        return True
    return legacy and len(header) == 4 and name == STATE_TAB


def is_checks_tab(grid: Grid) -> bool:
    """A tab laid out as ProdDesk's Checks tab: its title row and its header row."""
    from addin.report import CHECKS_HEADER

    title = _row(grid, 0)
    if not title or not title[0].startswith(CHECKS_TITLE):
        return False
    # the header row follows the title, or the line saying what was read under it
    return any(_trimmed(_row(grid, index)) == CHECKS_HEADER for index in (1, 2))


def _is_legacy_call_sheet(name: str, grid: Grid) -> int | None:
    match = _LEGACY_CALL_SHEET.match(name)
    if not match:
        return None
    if any(_LEGACY_CALL_SHEET_TEXT in str(v) for row in grid for v in row if v):
        return int(match.group(1))
    return None


@dataclass
class Ownership:
    """The tabs of one book that ProdDesk created, by kind, and the names it may use."""

    names: list[str]
    state: str | None = None
    tabs: dict[str, str] = field(default_factory=dict)
    """kind (``checks``, ``call sheet 2``) -> the tab's name in the book."""
    book_id: str | None = None
    """The random id ProdDesk gave this book file once (confirm links name it); kept in the
    state tab so that a renamed or copied file keeps it."""

    def owns(self, name: str) -> bool:
        """Whether ProdDesk created the tab called ``name``."""
        return name == self.state or name in self.tabs.values()

    def owned_names(self) -> list[str]:
        """Every tab of the book that ProdDesk created, in book order."""
        return [n for n in self.names if self.owns(n)]

    def claim(self, kind: str, preferred: str) -> str:
        """The name to write the ``kind`` tab under: its own tab, else a free name."""
        current = self.tabs.get(kind)
        if current is not None and current in self.names:
            return current
        name = self._free(preferred)
        self.tabs[kind] = name
        self.names.append(name)
        return name

    def claim_call_sheet(self, day: int) -> str:
        """The name to write day ``day``'s call sheet tab under."""
        return self.claim(call_sheet_kind(day), call_sheet_name(day))

    def call_sheet(self, day: int) -> str | None:
        """The name of day ``day``'s call sheet tab that ProdDesk wrote, if any."""
        return self.tabs.get(call_sheet_kind(day))

    def claim_state(self) -> str:
        """The name of ProdDesk's state tab: the existing one, else a free name."""
        if self.state is None or self.state not in self.names:
            self.state = self._free(STATE_TAB)
            self.names.append(self.state)
        return self.state

    def release(self, kind: str) -> None:
        """Forget the ``kind`` tab (it is being deleted)."""
        name = self.tabs.pop(kind, None)
        if name in self.names:
            self.names.remove(name)

    def _free(self, preferred: str) -> str:
        taken = {n.casefold() for n in self.names}  # Excel and Google compare names so
        base = preferred if preferred.startswith("ProdDesk") else f"ProdDesk {preferred}"
        for candidate in [preferred, base] + [f"{base} {n}" for n in range(2, 100)]:
            candidate = candidate[:MAX_TAB_NAME]
            if candidate.casefold() not in taken:
                return candidate
        raise RuntimeError(f"no free tab name for {preferred}")



def find_ownership(grids: dict[str, Grid]) -> Ownership:
    """Which tabs of the book ProdDesk created, from the marks it wrote."""
    names = list(grids)
    marked = [n for n in names if is_state_tab(n, grids[n], legacy=False)]
    legacy = [n for n in names if is_state_tab(n, grids[n])]
    state = (marked or legacy or [None])[0]
    owned = Ownership(names, state)
    if state is not None:
        grid = grids[state]
        for index in range(1, len(grid)):
            name, kind = ([*_row(grid, index)[REGISTRY_COLUMN:], "", ""])[:2]
            if name in grids and kind:
                owned.tabs.setdefault(kind, name)
        if _row(grid, 0)[BOOK_ID_COLUMN:BOOK_ID_COLUMN + 1] == [BOOK_ID_HEADER]:
            owned.book_id = (_row(grid, 1)[BOOK_ID_COLUMN:] or [""])[0].strip() or None
    checks = owned.tabs.get(CHECKS_KIND)
    if checks is not None and not is_checks_tab(grids[checks]):
        del owned.tabs[CHECKS_KIND]  # a tab of theirs now has that name
    if CHECKS_KIND not in owned.tabs:
        found = [n for n in names if not owned.owns(n) and is_checks_tab(grids[n])]
        if found:  # renamed, or written by an earlier version
            owned.tabs[CHECKS_KIND] = found[0]
    if not marked:
        for name in names:
            day = _is_legacy_call_sheet(name, grids[name])
            if day is not None:
                owned.tabs.setdefault(call_sheet_kind(day), name)
    return owned


def state_sheet_rows(owned: Ownership, cell_rows: Grid) -> SheetContent:
    """The hidden state tab: the marked header, the cell states in A:D, the tabs
    ProdDesk created in F:G and the book's id in I."""
    registry = [[name, kind] for kind, name in owned.tabs.items()]
    rows: Grid = [[*STATE_HEADER, STATE_MARK, *REGISTRY_HEADER]]
    height = max(len(cell_rows), len(registry), 1 if owned.book_id else 0)
    for index in range(height):
        cells = list(cell_rows[index]) if index < len(cell_rows) else []
        cells = [*(cells + [""] * 4)[:4], ""]
        rows.append(cells + (registry[index] if index < len(registry) else []))
    if owned.book_id:
        rows[0] += ["", BOOK_ID_HEADER]
        rows[1] = [*(rows[1] + [""] * BOOK_ID_COLUMN)[:BOOK_ID_COLUMN], owned.book_id]
    return SheetContent(owned.claim_state(), rows, hidden=True)


def named(content: SheetContent, name: str) -> SheetContent:
    """The same tab content under another name."""
    return replace(content, name=name)
