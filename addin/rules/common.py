"""Checks shared by several tabs."""

from __future__ import annotations

from collections.abc import Iterator

from addin import parse
from addin.model import Flag, Table
from addin.rules import Context

ROW_NAMES = {"Crew": "Name", "Vendors": "Vendor", "Cast": "Actor", "Locations": "Location"}


def row_name(kind: str, row: dict) -> str:
    """How a row is named in a message: the person or vendor, else 'Row N'."""
    return parse.display(row.get(ROW_NAMES.get(kind, ""))) or f"Row {row['_row']}"


def invalid_contact(ctx: Context, kind: str, column: str, noun: str) -> Iterator[Flag]:
    """Flags for a phone or email column whose filled cells could not be read as one."""
    table = ctx.book.tables[kind]
    if not table.has(column):
        return
    region = ctx.settings.region
    hint = f" for region {region}" if noun == "phone" else ""
    for row, raw in table.pairs():
        value = raw[column]
        if row[column] is None and not parse.is_blank(value) and not parse.is_error(value):
            yield table.flag(
                row["_row"],
                column,
                f"{row_name(kind, row)}: {noun} '{parse.display(value)}' is not valid{hint}.",
            )


def statuses_named(table: Table, *names: str) -> set:
    """The distinct Status cells whose trimmed, case-folded text is one of ``names``.

    ``""`` among the names matches blank cells. Empty when the tab has no Status.
    """
    if not table.has("Status"):
        return set()
    wanted = set(names)
    return {s for s in set(table.column("Status")) if str(s or "").strip().casefold() in wanted}
