"""The DOOD tab: the Day Out of Days laid out as text for any host's ``write_sheets``."""

from __future__ import annotations

from addin.book import Book
from addin.dood.build import Dood
from addin.hosts.base import Grid, Host, SheetContent
from addin.parse import format_date

DOOD_KIND = "dood"
DOOD_TAB = "DOOD"
TITLE = "Day Out of Days"
NAME_COLUMNS = ["Cast #", "Character", "Actor"]
TOTAL_COLUMNS = ["Work", "Hold", "Travel", "Drops", "Total", "Start", "Finish"]
HEADER_ROWS = 3
"""The title line, the day labels (``Day 3``) and the dates under them."""


def _day_date(dood: Dood, index: int) -> str:
    when = dood.days[index].when
    return f"{when:%a} {when.month}/{when.day}" if when else ""


def legend(drop_days: int) -> str:
    """The line under the table that says what the codes mean."""
    return (
        "SW start work, W work, WF work finish, SWF start-work-finish, H hold, T travel, "
        f"/D dropped after this day and PU/ picked up again (more than {drop_days} days off; "
        "Settings: DOOD Drop Days)."
    )


def dood_rows(dood: Dood) -> Grid:
    """Title, two header rows, one row per cast member, then the legend; all text or counts."""
    width = len(NAME_COLUMNS) + len(dood.days) + len(TOTAL_COLUMNS)
    title = f"{TITLE} - {dood.production} - made by ProdDesk on {format_date(dood.generated)}"
    rows: Grid = [
        [title] + [""] * (width - 1),
        [*NAME_COLUMNS, *(d.label for d in dood.days), *TOTAL_COLUMNS],
        ["", "", "", *(_day_date(dood, i) for i in range(len(dood.days)))]
        + [""] * len(TOTAL_COLUMNS),
    ]
    for row in dood.rows:
        rows.append([
            row.cast_id, row.character, row.actor, *row.codes,
            row.work, row.hold, row.travel, row.drops, row.total,
            format_date(row.start) if row.start else "",
            format_date(row.finish) if row.finish else "",
        ])
    rows.append([""] * width)
    rows.append([legend(dood.drop_days)] + [""] * (width - 1))
    return rows


def dood_tab(dood: Dood, name: str = DOOD_TAB) -> SheetContent:
    """The DOOD as a ProdDesk tab: header rows and the name columns frozen, widths set."""
    widths = [7, 18, 18] + [7] * len(dood.days) + [6, 6, 6, 6, 6, 13, 13]
    return SheetContent(
        name=name, rows=dood_rows(dood), widths=widths, header_rows=HEADER_ROWS,
        frozen_columns=len(NAME_COLUMNS), landscape=True,
    )


def write_dood_tab(host: Host, book: Book, dood: Dood) -> str:
    """Write (or rewrite) ProdDesk's DOOD tab into the host and save; returns its name.

    The tab is ProdDesk's by the mark in its state tab (``addin.owned``): a ``DOOD`` tab
    of the coordinator's is never replaced, ProdDesk writes ``ProdDesk DOOD`` then.
    """
    from addin.owned import find_ownership
    from addin.publish import write_owned_tabs

    owned = find_ownership(book.grids)
    name = owned.claim(DOOD_KIND, DOOD_TAB)
    write_owned_tabs(host, book.grids, owned, [dood_tab(dood, name)])
    host.save()
    return name
