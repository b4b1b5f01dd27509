"""The host contract: every spreadsheet ProdDesk works on, batch-shaped.

Live Excel pays per COM call and Google per HTTP request, so a host reads every
tab in one call and stages every write until ``save()``, which commits them
together (an .xlsx file is replaced atomically; Google gets one batched request
per kind). A host never changes a value a person typed: it only adds or
replaces tabs ProdDesk owns, and sets or restores cell fills and notes.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any, Protocol, runtime_checkable

from addin.model import CellRef

Grid = list[list[Any]]
"""Row-major cell values from A1; rows may be ragged. Merged cells carry the
top-left value; error cells are ``CellError`` or the error text (``#REF!``)."""


@dataclass(frozen=True)
class Mark:
    """What ProdDesk puts on a flagged cell: a solid fill and the full note text."""

    fill: str
    note: str


@dataclass
class CellState:
    """A cell's own fill and note before ProdDesk marked it.

    ``fill`` is host-specific and opaque (a style id, a colour object, ...) but
    JSON-serialisable, so that it can be kept in the book and restored exactly.
    """

    fill: Any
    note: str | None


@dataclass
class SheetContent:
    """A tab ProdDesk owns (Checks, its state, a call sheet), written as values.

    Strings are always written as text, never as formulas. ``links`` maps a
    0-based (row, col) of ``rows`` to the cell it should jump to.
    """

    name: str
    rows: Grid
    links: dict[tuple[int, int], CellRef] = field(default_factory=dict)
    widths: list[float] = field(default_factory=list)
    header_rows: int = 1
    frozen_columns: int = 0
    """Columns kept in view when scrolling right (the DOOD's names), beside the header rows."""
    row_fills: dict[int, str] = field(default_factory=dict)
    hidden: bool = False
    wrap_columns: frozenset[int] = frozenset()
    """0-based columns whose long text wraps onto more lines, top-aligned."""
    landscape: bool = False
    """Printed landscape and one page wide (where the host keeps print settings)."""
    autofilter: bool = False
    """Filter buttons on the last header row, over every column and row below it."""


class Host(Protocol):
    """A production book open for reading and staged writing."""

    label: str
    """How the coordinator names this book (file name or spreadsheet title)."""

    def sheet_names(self) -> list[str]:
        """Tab names in book order."""
        ...

    def read_all(self) -> dict[str, Grid]:
        """Every tab's values, in one batch."""
        ...

    def read_cell_states(self, cells: dict[str, list[str]]) -> dict[str, dict[str, CellState]]:
        """The current fill and note of the given A1 cells, per tab."""
        ...

    def apply_marks(self, marks: dict[str, dict[str, Mark]]) -> None:
        """Stage fills and notes on cells, per tab."""
        ...

    def restore_cells(self, states: dict[str, dict[str, CellState]]) -> None:
        """Stage putting back fills and notes exactly as they were read."""
        ...

    def write_sheets(self, sheets: list[SheetContent]) -> None:
        """Stage creating or replacing owned tabs (added after the last tab)."""
        ...

    def delete_sheets(self, names: list[str]) -> None:
        """Stage removing owned tabs; names that do not exist are ignored."""
        ...

    def save(self) -> None:
        """Commit every staged change at once."""
        ...


@runtime_checkable
class ReadsInBatches(Protocol):
    """A host that can give its tabs as they become readable."""

    def read_batches(self) -> Iterator[dict[str, Grid]]:
        """``read_all`` in batches, book order within a batch; together every tab once."""
        ...
