"""Write a report into a host, and clear it again, restoring what was there before.

Before ProdDesk fills or notes a cell it records the cell's own fill and note in
a hidden tab it owns ("ProdDesk State"); running again reuses that record, so a
coordinator's colour coding survives any number of runs, and ``clear`` puts
back exactly what was there. Which tabs are ProdDesk's is decided by
``addin.owned`` (by the mark ProdDesk wrote, never by name alone).
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from addin.book import Book
from addin.hosts.base import CellState, Grid, Host, SheetContent
from addin.owned import (
    CHECKS_KIND,
    STATE_HEADER,
    STATE_TAB,
    Ownership,
    find_ownership,
    named,
    state_sheet_rows,
)
from addin.report import CHECKS_TAB, Report, mark_for

__all__ = [
    "STATE_HEADER", "STATE_TAB", "clear", "publish", "read_state", "state_sheet",
    "write_owned_tabs",
]

CellStates = dict[str, dict[str, CellState]]


@dataclass
class PublishResult:
    """What a publish or clear changed."""

    marked: int = 0
    restored: int = 0


def read_state(grids: dict[str, Grid], owned: Ownership | None = None) -> CellStates:
    """The original fills and notes recorded by an earlier run, per tab and cell."""
    owned = owned or find_ownership(grids)
    states: CellStates = {}
    for row in grids.get(owned.state, [])[1:] if owned.state else []:
        if len(row) < 2 or not row[0] or not row[1]:
            continue
        fill = json.loads(row[2]) if len(row) > 2 and row[2] not in (None, "") else None
        note = row[3] if len(row) > 3 and row[3] not in (None, "") else None
        states.setdefault(str(row[0]), {})[str(row[1])] = CellState(fill, note)
    return states


def state_sheet(states: CellStates, owned: Ownership) -> SheetContent:
    """The hidden tab that lists ProdDesk's tabs and remembers each marked cell's own
    fill and note."""
    rows: Grid = []
    for sheet, cells in states.items():
        for cell, state in cells.items():
            rows.append([sheet, cell, json.dumps(state.fill), state.note or ""])
    return state_sheet_rows(owned, rows)


def publish(
    host: Host, book: Book, report: Report, owned: Ownership | None = None
) -> PublishResult:
    """Checks tab, fills and notes for the report; earlier marks replaced; one save.

    ``owned`` is the book's ownership when tabs were already claimed in this run
    (call sheet tabs staged before), else it is read from the book.
    """
    owned = owned or find_ownership(book.grids)
    previous = read_state(book.grids, owned)
    wanted = {
        sheet: cells
        for sheet, cells in report.marks().items()
        if sheet in book.grids and not owned.owns(sheet)
    }
    unseen = {
        sheet: [c for c in cells if c not in previous.get(sheet, {})]
        for sheet, cells in wanted.items()
    }
    fresh = host.read_cell_states({s: c for s, c in unseen.items() if c})
    originals: CellStates = {}
    marks = {}
    for sheet, cells in wanted.items():
        for cell, (severity, messages) in cells.items():
            state = previous.get(sheet, {}).get(cell) or fresh.get(sheet, {}).get(cell)
            state = state or CellState(None, None)
            originals.setdefault(sheet, {})[cell] = state
            marks.setdefault(sheet, {})[cell] = mark_for(severity, messages, state.note)
    stale = {
        sheet: {c: s for c, s in cells.items() if c not in wanted.get(sheet, {})}
        for sheet, cells in previous.items()
        if sheet in book.grids
    }
    stale = {sheet: cells for sheet, cells in stale.items() if cells}
    if stale:
        host.restore_cells(stale)
    if marks:
        host.apply_marks(marks)
    checks = named(report.checks_sheet(), owned.claim(CHECKS_KIND, CHECKS_TAB))
    host.write_sheets([checks, state_sheet(originals, owned)])
    host.save()
    return PublishResult(
        marked=sum(len(c) for c in marks.values()),
        restored=sum(len(c) for c in stale.values()),
    )


def clear(host: Host, book: Book) -> PublishResult:
    """Remove ProdDesk's Checks tab and every mark, restoring the original fills and notes.

    Only tabs ProdDesk created are removed. Its state tab stays (listing only the
    call sheet tabs) while call sheet tabs it wrote remain in the book.
    """
    owned = find_ownership(book.grids)
    previous = read_state(book.grids, owned)
    restorable = {
        sheet: cells
        for sheet, cells in previous.items()
        if sheet in book.grids and not owned.owns(sheet)
    }
    if restorable:
        host.restore_cells(restorable)
    doomed = [owned.tabs[CHECKS_KIND]] if CHECKS_KIND in owned.tabs else []
    owned.release(CHECKS_KIND)
    rewrite_state = owned.state is not None and bool(owned.tabs) and bool(previous or doomed)
    if owned.state is not None and not owned.tabs:
        doomed.append(owned.state)
    if rewrite_state:
        host.write_sheets([state_sheet({}, owned)])
    if doomed:
        host.delete_sheets(doomed)
    if restorable or doomed or rewrite_state:
        host.save()
    return PublishResult(restored=sum(len(c) for c in restorable.values()))


def write_owned_tabs(
    host: Host, grids: dict[str, Grid], owned: Ownership, tabs: list[SheetContent]
) -> None:
    """Stage tabs ProdDesk creates (named by ``owned.claim``), with the state tab that
    lists them; the recorded fills and notes are kept."""
    host.write_sheets([*tabs, state_sheet(read_state(grids, owned), owned)])
