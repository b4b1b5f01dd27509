"""The coordinator's own names for ProdDesk's columns and tabs (the Columns mapping).

Written in the Settings tab, in the rows after a ``Columns`` heading row::

    Columns
    POs: Vendor              PAYEE
    POs: Amount              ACTUAL
    Tab: Cost Report Detail  Budget
    Tab: Old POs             Ignore

or in a ``ProdDesk Columns`` tab with the columns Tab kind / ProdDesk column /
Your header (a tab's kind is a row ``Budget | Tab | Cost Report Detail``).
Whether a named header or tab really exists is only known once the book is
read; ``addin.rules.reading`` reports those that do not.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from addin import parse
from addin.hosts.base import Grid
from addin.schema import TABS, TABS_BY_NAME, header_key

if TYPE_CHECKING:
    from addin.book import Book

COLUMNS_TAB = "ProdDesk Columns"
COLUMNS_TAB_HEADER = ["Tab kind", "ProdDesk column", "Your header"]
COLUMNS_HEADING = "Columns"
TAB_WORD = "Tab"
IGNORE_WORDS = frozenset({"ignore", "none", "leavealone", "skip"})
"""A tab mapped to one of these is left alone (``Tab: Old POs`` = ``Ignore``)."""

_COLUMNS_TAB_KEY = header_key(COLUMNS_TAB)
_KINDS = {
    key: tab.name
    for tab in TABS
    for key in (header_key(tab.name), *(header_key(a) for a in tab.aliases))
}


@dataclass(frozen=True)
class MappingEntry:
    """One row of the mapping, where it was typed, and what ProdDesk made of it.

    ``kind`` and ``column`` are canonical (None when not understood: ``problem``
    says why); for a tab row ``column`` is None and ``header`` is the book's tab name.
    """

    sheet: str
    row: int
    key_col: int
    name_col: int
    """The cell holding the header or tab name that must exist in the book."""
    typed: str
    """The row as typed: ``POs: Vendor = PAYEE``."""
    kind: str | None
    column: str | None
    header: str
    is_tab: bool = False
    problem: str | None = None


@dataclass
class ColumnMapping:
    """Tab name -> kind, and per kind canonical column -> the book's header."""

    tabs: dict[str, str | None] = field(default_factory=dict)
    columns: dict[str, dict[str, str]] = field(default_factory=dict)
    entries: list[MappingEntry] = field(default_factory=list)

    def overrides(self, kind: str) -> dict[str, str]:
        """canonical column -> the coordinator's header, for one tab kind."""
        return self.columns.get(kind, {})

    def add(self, entry: MappingEntry) -> None:
        """Record one row; understood rows join the mapping (the first row for a name wins,
        a later one naming it again is a problem)."""
        if not entry.problem and (entry.kind is not None or entry.is_tab):
            if entry.is_tab:
                taken = next((t for t in self.tabs if header_key(t) == header_key(entry.header)),
                             None)
                if taken is None:
                    self.tabs[entry.header] = entry.kind
            else:
                own = self.columns.setdefault(entry.kind or "", {})
                taken = entry.column if entry.column in own else None
                if taken is None and entry.column:
                    own[entry.column] = entry.header
            if taken is not None:
                first = next(e for e in self.entries if e.is_tab == entry.is_tab and not e.problem
                             and (e.header == taken if entry.is_tab else
                                  (e.kind, e.column) == (entry.kind, entry.column)))
                entry = replace(entry, problem=f"{_named(entry)} is already mapped on row "
                                f"{first.row} ('{first.typed}'); only that row is used")
        self.entries.append(entry)


def is_columns_tab(name: str) -> bool:
    """Whether a tab is the ProdDesk Columns tab (the coordinator's, read as the mapping)."""
    return header_key(name) == _COLUMNS_TAB_KEY


def read_mapping(
    settings: tuple[str, Grid] | None, columns_tab: tuple[str, Grid] | None
) -> ColumnMapping:
    """The mapping from the Settings tab's Columns section and the ProdDesk Columns tab."""
    mapping = ColumnMapping()
    if settings:
        _from_settings(mapping, *settings)
    if columns_tab:
        _from_columns_tab(mapping, *columns_tab)
    return mapping


def _from_settings(mapping: ColumnMapping, sheet: str, grid: Grid) -> None:
    from addin.settings import value_column

    fixed_value_column = value_column(grid)
    in_section = False
    for r, row in enumerate(grid, start=1):
        filled = [(c, v) for c, v in enumerate(row, start=1) if not parse.is_blank(v)]
        if not filled:
            continue
        key_col, key = filled[0]
        key_text = parse.display(key)
        if header_key(key_text) == header_key(COLUMNS_HEADING):
            in_section = True
            continue
        if not in_section or ":" not in key_text:
            continue
        if fixed_value_column:
            value_col = fixed_value_column
            value = row[value_col - 1] if len(row) >= value_col else None
        else:
            value_col, value = filled[1] if len(filled) > 1 else (key_col + 1, None)
        left, _, right = key_text.partition(":")
        typed = f"{key_text.strip()} = {parse.display(value)}"
        name_col = key_col if header_key(left) == header_key(TAB_WORD) else value_col
        mapping.add(_entry((sheet, r, key_col, name_col, typed), left, right, value))


def _from_columns_tab(mapping: ColumnMapping, sheet: str, grid: Grid) -> None:
    for r, row in enumerate(grid, start=1):
        cells = [*row[:3], None, None, None][:3]
        if all(parse.is_blank(v) for v in cells):
            continue
        if [header_key(parse.display(v)) for v in cells] == [
            header_key(h) for h in COLUMNS_TAB_HEADER
        ]:
            continue
        kind_text, column_text, header = (parse.display(v) for v in cells)
        typed = f"{kind_text} | {column_text} | {header}"
        if not header:
            continue  # a row left to fill in (``proddesk columns`` writes them)
        if header_key(column_text) == header_key(TAB_WORD):
            # "Budget | Tab | Cost Report Detail": the tab's kind comes first here
            mapping.add(_entry((sheet, r, 1, 3, typed), TAB_WORD, header, kind_text))
        else:
            mapping.add(_entry((sheet, r, 1, 3, typed), kind_text, column_text, header))


def _entry(
    where: tuple[str, int, int, int, str], left: str, right: str, value: Any
) -> MappingEntry:
    """One mapping row understood: ``left: right = value``; ``where`` is the entry's place."""
    left, right, value = left.strip(), right.strip(), parse.display(value)
    if header_key(left) == header_key(TAB_WORD):
        if not right:
            return MappingEntry(*where, None, None, "", True, "names no tab after 'Tab:'")
        if header_key(value) in IGNORE_WORDS:
            return MappingEntry(*where, None, None, right, True)
        kind = _KINDS.get(header_key(value))
        problem = None if kind else f"'{value}' is not a kind of tab ProdDesk knows ({_kinds()})"
        if kind == "Settings":
            kind, problem = None, "the Settings tab is found by its name only"
        if not value:
            problem = f"gives no kind of tab for '{right}' ({_kinds()}, or Ignore)"
        return MappingEntry(*where, kind, None, right, True, problem)
    kind = _KINDS.get(header_key(left))
    if kind is None or kind == "Settings":
        problem = f"'{left}' is not a kind of tab ProdDesk knows ({_kinds()})"
        return MappingEntry(*where, None, None, value, problem=problem)
    column = _column(kind, right)
    if column is None:
        known = ", ".join(c.name for c in TABS_BY_NAME[kind].columns)
        problem = f"'{right}' is not a {kind} column ProdDesk knows ({known})"
        return MappingEntry(*where, kind, None, value, problem=problem)
    if not value:
        problem = f"gives no header for {kind}: {column}"
        return MappingEntry(*where, kind, column, value, problem=problem)
    return MappingEntry(*where, kind, column, value)


def _column(kind: str, text: str) -> str | None:
    """The canonical column of a tab kind named by its name or one of its aliases."""
    key = header_key(text)
    for column in TABS_BY_NAME[kind].columns:
        if key in {header_key(column.name), *(header_key(a) for a in column.aliases)}:
            return column.name
    return None


def _named(entry: MappingEntry) -> str:
    return f"tab '{entry.header}'" if entry.is_tab else f"{entry.kind}: {entry.column}"


def _kinds() -> str:
    return ", ".join(tab.name for tab in TABS if tab.name != "Settings")


def columns_tab_rows(book: Book) -> list[list[str]]:
    """The ProdDesk Columns tab pre-filled with what was understood of a book.

    One ``Kind | Tab | tab name`` row per tab whose name is not its kind, one
    ``Kind | column | your header`` row per column understood; a tab that could not
    be read gets its key columns with an empty header to fill in.
    """
    from addin.headers import ESSENTIAL_COLUMNS

    rows = [list(COLUMNS_TAB_HEADER)]
    for kind, table in book.tables.items():
        if table.sheet != kind:
            rows.append([kind, TAB_WORD, table.sheet])
        composed = table.columns.get("Name") == table.columns.get("First Name")
        for column, header in table.headers.items():
            if not (composed and column == "Name"):
                rows.append([kind, column, header])
    for kind, problem in book.unreadable.items():
        rows.append([kind, TAB_WORD, problem.sheet])
        for column in ESSENTIAL_COLUMNS.get(kind, ()):
            rows.append([kind, column, problem.understood.get(column, "")])
    return rows
