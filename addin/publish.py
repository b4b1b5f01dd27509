"""Write a report into a host, and clear it again, restoring what was there before.

Before ProdDesk fills or notes a cell it records the cell's own fill and note in
a hidden tab it owns ("ProdDesk State"); running again reuses that record, so a
coordinator's colour coding survives any number of runs, and ``clear`` puts
back exactly what was there.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from addin.book import Book
from addin.hosts.base import CellState, Grid, Host, SheetContent
from addin.report import CHECKS_TAB, Report, mark_for

STATE_TAB = "ProdDesk State"
STATE_HEADER = ["Tab", "Cell", "Original fill", "Original note"]

CellStates = dict[str, dict[str, CellState]]


@dataclass
class PublishResult:
    """What a publish or clear changed."""

    marked: int = 0
    restored: int = 0


def read_state(grids: dict[str, Grid]) -> CellStates:
    """The original fills and notes recorded by an earlier run, per tab and cell."""
    states: CellStates = {}
    for row in grids.get(STATE_TAB, [])[1:]:
        if len(row) < 2 or not row[0] or not row[1]:
            continue
        fill = json.loads(row[2]) if len(row) > 2 and row[2] not in (None, "") else None
        note = row[3] if len(row) > 3 and row[3] not in (None, "") else None
        states.setdefault(str(row[0]), {})[str(row[1])] = CellState(fill, note)
    return states


def state_sheet(states: CellStates) -> SheetContent:
    """The hidden tab that remembers each marked cell's own fill and note."""
    rows: Grid = [STATE_HEADER]
    for sheet, cells in states.items():
        for cell, state in cells.items():
            rows.append([sheet, cell, json.dumps(state.fill), state.note or ""])
    return SheetContent(STATE_TAB, rows, hidden=True)


def publish(host: Host, book: Book, report: Report) -> PublishResult:
    """Checks tab, fills and notes for the report; earlier marks replaced; one save."""
    previous = read_state(book.grids)
    wanted = {sheet: cells for sheet, cells in report.marks().items() if sheet in book.grids}
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
    host.write_sheets([report.checks_sheet(), state_sheet(originals)])
    host.save()
    return PublishResult(
        marked=sum(len(c) for c in marks.values()),
        restored=sum(len(c) for c in stale.values()),
    )


def clear(host: Host, book: Book) -> PublishResult:
    """Remove the Checks tab and every mark, restoring the original fills and notes."""
    previous = read_state(book.grids)
    restorable = {sheet: cells for sheet, cells in previous.items() if sheet in book.grids}
    if restorable:
        host.restore_cells(restorable)
    owned = [name for name in (CHECKS_TAB, STATE_TAB) if name in book.grids]
    if owned:
        host.delete_sheets(owned)
    if restorable or owned:
        host.save()
    return PublishResult(restored=sum(len(c) for c in restorable.values()))
