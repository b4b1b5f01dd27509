"""Header rows far down a tab, and what to say when a tab's header cannot be found."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from addin import parse
from addin.errors import InputError
from addin.hosts.base import Grid
from addin.schema import TabSpec

FAR_SEARCH_ROWS = 500
"""How far down a header row is looked for when none is among the first rows."""
FAR_MIN_COLUMNS = 3
FAR_MIN_SHARE = 0.6
"""A row further down is the header only when it names the tab's key column, at least
FAR_MIN_COLUMNS known columns, and known columns make up FAR_MIN_SHARE of its text
cells: a contact block's ``Name | Title | Cell | Email`` does, a data row does not."""

ESSENTIAL_COLUMNS: dict[str, tuple[str, ...]] = {
    "Crew": ("Name", "Position", "Phone"),
    "Cast": ("Cast #", "Character", "Actor"),
    "Vendors": ("Vendor", "Contact", "Phone"),
    "POs": ("PO #", "Vendor", "Amount"),
    "Budget": ("Account", "Description", "Budget"),
    "Locations": ("Location", "Address"),
    "Schedule": ("Scene", "Set", "Pages"),
    "Days": ("Day", "Date", "Crew Call"),
    "Cast Calls": ("Day", "Cast #", "On Set"),
    "Crew Calls": ("Day", "Who", "Call"),
}
"""The columns named when a tab cannot be read: what a coordinator would map first."""

MAPPING_HINT = "see Settings > Columns to map them"

RowMatch = tuple[dict[str, int], dict[str, str]]


@dataclass(eq=False)
class UnreadableTab(InputError):
    """A tab found by name whose header row could not be found (a finding, not a refusal)."""

    kind: str
    sheet: str
    row: int
    """The 1-based row described (the likeliest header), 1 for an empty tab."""
    found: list[str] = field(default_factory=list)
    """The text of that row's filled cells."""
    understood: dict[str, str] = field(default_factory=dict)
    """canonical column -> header, for the columns of that row that were understood."""
    message: str = ""
    suggestion: str | None = None

    def __str__(self) -> str:
        return self.message


def far_header(
    grid: Grid, spec: TabSpec, start: int, match: Callable[[list[Any]], RowMatch],
    has_key: Callable[[dict[str, int]], bool],
) -> tuple[int, dict[str, int], dict[str, str]] | None:
    """The first row from ``start`` on that matches well enough to be the header."""
    for r in range(start, min(len(grid), FAR_SEARCH_ROWS)):
        row = grid[r]
        texts = sum(1 for v in row if isinstance(v, str) and v.strip())
        if texts < FAR_MIN_COLUMNS:
            continue
        columns, headers = match(row)
        if (
            len(columns) >= FAR_MIN_COLUMNS
            and len(columns) >= texts * FAR_MIN_SHARE
            and has_key(columns)
        ):
            return r, columns, headers
    return None


def unreadable(
    grid: Grid, spec: TabSpec, sheet: str, best_row: int, headers: dict[str, str]
) -> UnreadableTab:
    """Why a tab cannot be read: the row that looked most like a header and what it lacks."""
    row = best_row if best_row >= 0 and len(headers) >= 2 else _fullest_row(grid)
    headers = headers if row == best_row else {}
    if row is None:
        return UnreadableTab(
            spec.name, sheet, 1,
            message=f"Tab '{sheet}' is empty, so its {spec.name} checks did not run.",
        )
    found = [parse.display(v) for v in grid[row] if not parse.is_blank(v)]
    essential = ESSENTIAL_COLUMNS.get(spec.name, tuple(c.name for c in spec.columns[:3]))
    shown = ", ".join(found[:6]) + (f" and {len(found) - 6} more" if len(found) > 6 else "")
    missing = [c for c in essential if c not in headers]
    if len(missing) == len(essential):
        lacks = f"none of {', '.join(essential)}"
    elif spec.key and spec.key not in headers:
        lacks = f"no {spec.key} column"
    else:
        lacks = f"only {', '.join(c for c in essential if c in headers)} of {', '.join(essential)}"
    first_missing = spec.key if spec.key and spec.key not in headers else (missing or essential)[0]
    return UnreadableTab(
        spec.name, sheet, row + 1, found, dict(headers),
        message=f"Tab '{sheet}': found {shown} but {lacks}; {MAPPING_HINT}.",
        suggestion=(
            f"In the Settings tab, below a row reading 'Columns', add a row "
            f"'{spec.name}: {first_missing}' whose value is your header for it "
            "(one row per column), or rename the header."
        ),
    )


def _fullest_row(grid: Grid) -> int | None:
    """The 0-based row with the most text cells among the first rows that have any.

    None when the tab is empty as far as a header is looked for.
    """
    for start, stop in ((0, 15), (15, FAR_SEARCH_ROWS)):
        best, most = None, 0.0
        for r in range(start, min(stop, len(grid))):
            row = grid[r]
            score = sum(1 for v in row if isinstance(v, str) and v.strip()) or 0.5 * sum(
                1 for v in row if not parse.is_blank(v)
            )
            if score > most:
                best, most = r, score
        if best is not None:
            return best
    return None
