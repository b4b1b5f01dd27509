"""What ProdDesk read of a book: tabs, header rows, columns understood and left alone."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from addin import parse
from addin.owned import find_ownership
from addin.schema import header_key

if TYPE_CHECKING:
    from addin.book import Book


@dataclass(frozen=True)
class TabRead:
    """One tab of a known kind: where its header is and which columns were understood."""

    tab: str
    kind: str
    header_row: int | None
    columns: dict[str, str]
    """The book's header -> ProdDesk's column."""
    left_alone: list[str]
    """Headers of that row that are not ProdDesk columns."""
    readable: bool = True

    def to_dict(self) -> dict[str, Any]:
        """The JSON shape under ``"read"``."""
        return {
            "tab": self.tab,
            "kind": self.kind,
            "header_row": self.header_row,
            "readable": self.readable,
            "columns": dict(self.columns),
            "left_alone": list(self.left_alone),
        }


@dataclass(frozen=True)
class ReadSummary:
    """The tabs read, those that could not be read, and those left alone."""

    tabs: list[TabRead] = field(default_factory=list)
    left_alone: list[str] = field(default_factory=list)

    @property
    def read(self) -> list[TabRead]:
        """The tabs read."""
        return [t for t in self.tabs if t.readable]

    @property
    def unreadable(self) -> list[TabRead]:
        """The tabs of a known kind whose columns could not be matched."""
        return [t for t in self.tabs if not t.readable]

    def to_dict(self) -> dict[str, Any]:
        """``{"tabs": [...], "left_alone": [...]}``: what goes under ``"read"`` in the JSON."""
        return {"tabs": [t.to_dict() for t in self.tabs], "left_alone": list(self.left_alone)}

    def headline(self) -> str:
        """One line for the Checks tab: 'Read 7 of 9 tabs: ... Left alone: 'Notes'.'"""
        total = len(self.tabs) + len(self.left_alone)
        parts = [
            f"Read {len(self.read)} of {total} tab{'s' if total != 1 else ''}: "
            + (", ".join(_named(t) for t in self.read) or "none")
            + "."
        ]
        if self.unreadable:
            parts.append(
                "Could not read: " + ", ".join(f"'{t.tab}'" for t in self.unreadable)
                + " (see below)."
            )
        if self.left_alone:
            parts.append("Left alone: " + ", ".join(f"'{n}'" for n in self.left_alone) + ".")
        return " ".join(parts)

    def lines(self) -> list[str]:
        """The table view's 'Read:' block, one line per tab: how many columns were read,
        those under a header of the book's own (``Dept as Department``), those left alone."""
        out = []
        for t in self.tabs:
            if not t.readable:
                out.append(f"'{t.tab}' ({t.kind}): could not read its columns, see the warning")
                continue
            where = f", header row {t.header_row}" if t.header_row else ""
            line = f"'{t.tab}' ({t.kind}{where})"
            if t.columns:
                count = len(t.columns)
                line += f": {count} column{'s' if count != 1 else ''} read"
                renamed = [
                    f"{header} as {canonical}"
                    for header, canonical in t.columns.items()
                    if header_key(header) != header_key(canonical)
                ]
                if renamed:
                    line += f" ({', '.join(renamed)})"
            if t.left_alone:
                line += "; left alone: " + ", ".join(t.left_alone)
            out.append(line)
        if self.left_alone:
            out.append("Left alone: " + ", ".join(f"'{n}'" for n in self.left_alone))
        return out


def _named(t: TabRead) -> str:
    return t.tab if t.tab == t.kind else f"{t.tab} ({t.kind})"


def read_summary(book: Book) -> ReadSummary:
    """What was read of a book, in its tab order."""
    by_sheet: dict[str, TabRead] = {}
    for kind, table in book.tables.items():
        grid = book.grids.get(table.sheet, [])
        header_cells = grid[table.header_row - 1] if len(grid) >= table.header_row else []
        by_sheet[table.sheet] = _tab_read(table.sheet, kind, table.header_row,
                                          table.columns, header_cells)
    for kind, problem in book.unreadable.items():
        by_sheet[problem.sheet] = TabRead(problem.sheet, kind, None, {}, list(problem.found),
                                          readable=False)
    for sheet in book.special_tabs:
        by_sheet.setdefault(sheet, TabRead(sheet, book.special_tabs[sheet], None, {}, []))
    tabs, left_alone = [], []
    owned = find_ownership(book.grids)  # ProdDesk's tabs by its mark: a user's Checks is theirs
    for name in book.sheet_names:
        if name in by_sheet:
            tabs.append(by_sheet[name])
        elif not owned.owns(name):
            left_alone.append(name)
    return ReadSummary(tabs, left_alone)


def _tab_read(
    sheet: str, kind: str, header_row: int, columns: dict[str, int], cells: list[Any]
) -> TabRead:
    """A read tab: each header cell understood (first canonical at its column) or left alone."""
    at: dict[int, str] = {}
    for canonical, col in columns.items():
        at.setdefault(col, canonical)
    understood: dict[str, str] = {}
    left: list[str] = []
    for c, value in enumerate(cells, start=1):
        if parse.is_blank(value):
            continue
        text = parse.display(value)
        if c in at:
            understood.setdefault(text, at[c])
        else:
            left.append(text)
    return TabRead(sheet, kind, header_row, understood, left)
