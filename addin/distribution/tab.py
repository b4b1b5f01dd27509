"""The Distribution tab: who was sent which call sheet, and who confirmed.

One row per person and call sheet version, under a title row and a frozen header with
filter buttons (like the Checks tab)::

    Day | Version | Name | Department | Email | Call | Sent At | Status

``Status`` is ``Sent``, ``Confirmed <when>``, ``Bounced: <the server's reason>``,
``No email`` or ``Not sent: <why>``. Rows are sorted so that the people still to chase
come first: problems, then sent but not confirmed, then confirmed; the latest day first.
The tab is ProdDesk's own (``addin.owned``, kind ``distribution``): a tab of yours named
``Distribution`` is left alone and ProdDesk writes ``ProdDesk Distribution``. Every value is
written as text, never as a formula, through the host (an .xlsx file atomically, Excel,
Google).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import datetime, tzinfo
from typing import TYPE_CHECKING

from addin import parse
from addin.distribution.store import Confirmation
from addin.hosts.base import Grid, SheetContent

if TYPE_CHECKING:
    from addin.hosts.base import Host

KIND = "distribution"
TAB = "Distribution"
TITLE = "ProdDesk distribution of "
HEADER = ["Day", "Version", "Name", "Department", "Email", "Call", "Sent At", "Status"]
SENT, CONFIRMED, BOUNCED, NO_EMAIL, NOT_SENT = "Sent", "Confirmed", "Bounced", "No email", \
    "Not sent"
WIDTHS = [6, 8, 24, 18, 32, 12, 20, 48]


@dataclass(frozen=True)
class DistributionRow:
    """One person and one version of one day's call sheet."""

    day: int
    revision: int
    name: str
    department: str
    email: str
    call: str
    sent_at: str
    status: str

    @property
    def key(self) -> tuple[int, int, str]:
        """(day, version, the person's name as compared)."""
        return (self.day, self.revision, parse.name_key(self.name))

    @property
    def delivered(self) -> bool:
        """Whether the message went out (Sent or Confirmed): never send it again."""
        return self.status == SENT or self.status.startswith(CONFIRMED)

    @property
    def confirmed(self) -> bool:
        """Whether the person confirmed."""
        return self.status.startswith(CONFIRMED)


def when(moment: datetime) -> str:
    """``Dec 3, 2026 9:14 PM`` (in the moment's own timezone)."""
    return f"{parse.format_date(moment.date())} {parse.format_time(moment.time())}"


def _rank(row: DistributionRow) -> int:
    if row.confirmed:
        return 2
    return 1 if row.status == SENT else 0


def sorted_rows(rows: Iterable[DistributionRow]) -> list[DistributionRow]:
    """People to chase first (problems, then not confirmed), the latest day first."""
    return sorted(rows, key=lambda r: (_rank(r), -r.day, -r.revision, r.department.casefold(),
                                       r.name.casefold()))


def merge(rows: Iterable[DistributionRow], updates: Iterable[DistributionRow]
          ) -> list[DistributionRow]:
    """``rows`` with ``updates`` put in (same day, version and person replaced); a delivered
    or confirmed row is never turned back by a later attempt."""
    merged = {row.key: row for row in rows}
    for row in updates:
        known = merged.get(row.key)
        if known is not None and (known.confirmed or (known.delivered and not row.delivered)):
            continue
        merged[row.key] = row
    return sorted_rows(merged.values())


def apply_confirmations(
    rows: Iterable[DistributionRow], confirmations: Iterable[Confirmation],
    zone: tzinfo | None = None,
) -> tuple[list[DistributionRow], list[Confirmation]]:
    """The rows with each confirmation written into its person's row for that day and version
    (``Confirmed <when>``, in ``zone`` when given; the first confirmation is kept), and the
    confirmations that changed a row (already confirmed or unknown people change nothing)."""
    by_key = {row.key: row for row in rows}
    applied: list[Confirmation] = []
    for confirmation in confirmations:
        key = (confirmation.day, confirmation.revision, parse.name_key(confirmation.person))
        row = by_key.get(key)
        if row is None or row.confirmed:
            continue
        at = confirmation.confirmed_at.astimezone(zone) if zone else confirmation.confirmed_at
        by_key[key] = replace(row, status=f"{CONFIRMED} {when(at)}")
        applied.append(confirmation)
    return sorted_rows(by_key.values()), applied


def sheet_content(rows: Iterable[DistributionRow], label: str, name: str = TAB) -> SheetContent:
    """The tab as written: title, header, one text row per person and version."""
    grid: Grid = [[f"{TITLE}{label}: people still to chase come first"], list(HEADER)]
    for row in sorted_rows(rows):
        grid.append([str(row.day), str(row.revision), row.name, row.department, row.email,
                     row.call, row.sent_at, row.status])
    return SheetContent(name, grid, widths=list(WIDTHS), header_rows=2, autofilter=True,
                        wrap_columns=frozenset({7}))


def is_distribution_tab(grid: Grid) -> bool:
    """A tab laid out as ProdDesk's Distribution tab (its title row, then its header)."""
    if len(grid) < 2 or not grid[0] or not str(grid[0][0] or "").startswith(TITLE):
        return False
    header = ["" if v is None else str(v) for v in grid[1]]
    return header[: len(HEADER)] == HEADER


def find_tab(grids: dict[str, Grid]) -> str | None:
    """The name of ProdDesk's Distribution tab in the book, None when it has none."""
    from addin.owned import find_ownership

    owned = find_ownership(grids)
    name = owned.tabs.get(KIND)
    if name is not None and is_distribution_tab(grids.get(name, [])):
        return name
    return next((n for n, grid in grids.items()
                 if not owned.owns(n) and is_distribution_tab(grid)), None)


def rows_of(grid: Grid) -> list[DistributionRow]:
    """The rows of a Distribution tab's grid (unreadable lines are skipped)."""
    rows = []
    for line in grid[2:]:
        cells = ["" if v is None else parse.display(v).strip() for v in line]
        cells += [""] * (len(HEADER) - len(cells))
        try:
            day, revision = int(float(cells[0])), int(float(cells[1]))
        except ValueError:
            continue
        if cells[2]:
            rows.append(DistributionRow(day, revision, *cells[2:8]))
    return rows


def read_distribution(host: Host, grids: dict[str, Grid] | None = None
                      ) -> list[DistributionRow]:
    """The Distribution tab's rows ([] when the book has no such tab)."""
    grids = host.read_all() if grids is None else grids
    name = find_tab(grids)
    return rows_of(grids[name]) if name else []


def write_distribution(host: Host, rows: Iterable[DistributionRow],
                       grids: dict[str, Grid] | None = None) -> str:
    """Write the Distribution tab (sorted) into the book and save it; returns the tab's name.
    ``grids``: the book's tabs as just read, else they are read here."""
    from addin.owned import find_ownership
    from addin.publish import write_owned_tabs

    grids = host.read_all() if grids is None else grids
    owned = find_ownership(grids)
    existing = find_tab(grids)
    if existing is not None and KIND not in owned.tabs:
        owned.tabs[KIND] = existing  # renamed, or its registry line lost: it is ours
    name = owned.claim(KIND, TAB)
    write_owned_tabs(host, grids, owned, [sheet_content(rows, host.label, name)])
    host.save()
    return name
