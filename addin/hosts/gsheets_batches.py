"""Staged Google Sheets changes as the fewest spreadsheets:batchUpdate requests.

Everything usually goes in one request, which Google applies atomically. A big
save (tens of thousands of marked cells, a Checks tab as long) is split so that
no request body passes ``MAX_BODY_BYTES``, in an order that keeps the Checks
tab all or nothing and never loses a cell's own fill or note when a later
request fails:

1. the new tabs, under a temporary hidden title (their rows in as many pieces
   as needed); the book shows nothing new yet;
2. putting back the cells that are no longer flagged (the old State tab still
   records them, so a failure here leaves them restorable);
3. one request that deletes the old tabs and renames the new ones into place:
   the new Checks tab and State tab appear together, complete;
4. the new marks (the new State tab already records every marked cell's own
   fill and note, so a failure here leaves cells unmarked, never unrecorded).

Requests are packed greedily in that order; each is atomic, so a failure
always leaves a prefix applied.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

MAX_BODY_BYTES = 9_000_000
"""Below the 10 MB Google accepts per request, with room for the body's own JSON."""
WRITING = " (ProdDesk is writing)"
"""Suffix of a new tab's title until the save puts it in place."""


@dataclass
class NewTab:
    """A tab being added: its addSheet request first, then its content requests."""

    sid: int
    title: str
    hidden: bool
    requests: list[dict[str, Any]]


@dataclass
class Staged:
    """What a save sends: restores, marks, and tab changes (deletions and new tabs, in order)."""

    restores: list[dict[str, Any]] = field(default_factory=list)
    marks: list[dict[str, Any]] = field(default_factory=list)
    tabs: list[dict[str, Any] | NewTab] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.restores or self.marks or self.tabs)

    def in_order(self) -> list[dict[str, Any]]:
        """Every request in the one-request order."""
        tabs = [r for op in self.tabs for r in (op.requests if isinstance(op, NewTab) else [op])]
        return [*self.restores, *self.marks, *tabs]


@dataclass
class Plan:
    """The request bodies in sending order; ``swap`` is the index of the one that puts the
    new tabs in place (None when everything is one request)."""

    bodies: list[list[dict[str, Any]]]
    swap: int | None


def _size(request: dict[str, Any]) -> int:
    return len(json.dumps(request, ensure_ascii=False).encode()) + 2


def plan(staged: Staged, limit: int = MAX_BODY_BYTES) -> Plan:
    """The fewest request bodies, each under ``limit`` bytes, in the safe order above."""
    everything = staged.in_order()
    if sum(_size(r) for r in everything) <= limit:
        return Plan([everything], None)
    units: list[list[dict[str, Any]]] = []
    new_tabs = [op for op in staged.tabs if isinstance(op, NewTab)]
    for tab in new_tabs:
        for request in tab.requests:
            units.extend([r] for r in _split(_temporary(request, tab), limit))
    units.extend([r] for r in staged.restores)
    swap = [op for op in staged.tabs if not isinstance(op, NewTab)]
    swap += [
        {
            "updateSheetProperties": {
                "properties": {"sheetId": t.sid, "title": t.title, "hidden": t.hidden},
                "fields": "title,hidden",
            }
        }
        for t in new_tabs
    ]
    swap_unit = len(units)
    units.append(swap)
    units.extend([r] for r in staged.marks)
    bodies: list[list[dict[str, Any]]] = []
    used = limit + 1
    swap_body = 0
    for index, unit in enumerate(units):
        size = sum(_size(r) for r in unit)
        if used + size > limit:
            bodies.append([])
            used = 0
        bodies[-1].extend(unit)
        used += size
        if index == swap_unit:
            swap_body = len(bodies) - 1
    return Plan(bodies, swap_body)


def _temporary(request: dict[str, Any], tab: NewTab) -> dict[str, Any]:
    """The addSheet request under the temporary hidden title; other requests unchanged."""
    if "addSheet" not in request:
        return request
    properties = {**request["addSheet"]["properties"], "title": tab.title + WRITING}
    return {"addSheet": {"properties": {**properties, "hidden": True}}}


def _split(request: dict[str, Any], limit: int) -> list[dict[str, Any]]:
    """A tab's updateCells of all its rows, in pieces of rows that each fit a request."""
    update = request.get("updateCells")
    if not update or "rows" not in update or _size(request) <= limit:
        return [request]
    start = update["start"]
    pieces: list[dict[str, Any]] = []
    rows: list[dict[str, Any]] = []
    first, used, room = start.get("rowIndex", 0), 0, limit - 1000
    for offset, row in enumerate(update["rows"]):
        size = _size(row)
        if rows and used + size > room:
            pieces.append(_piece(update, first, rows))
            first, rows, used = start.get("rowIndex", 0) + offset, [], 0
        rows.append(row)
        used += size
    pieces.append(_piece(update, first, rows))
    return pieces


def _piece(update: dict[str, Any], row_index: int, rows: list[dict[str, Any]]) -> dict[str, Any]:
    start = {**update["start"], "rowIndex": row_index}
    return {"updateCells": {**update, "start": start, "rows": rows}}
