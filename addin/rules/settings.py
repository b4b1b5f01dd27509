"""Checks on the production's settings as the rest of the book completes them."""

from __future__ import annotations

from collections.abc import Iterator

from addin.model import Flag, Severity
from addin.rules import Context, rule
from addin.timezones import production_timezone


@rule("settings.timezone_from_location", Severity.INFO, needs=("Locations",))
def timezone_from_location(ctx: Context) -> Iterator[Flag]:
    """No Timezone in Settings: says which timezone the first location's coordinates give."""
    chosen = production_timezone(ctx.book)
    if chosen.name is None or chosen.from_settings or chosen.row is None:
        return
    locations = ctx.book.tables["Locations"]
    yield locations.flag(
        chosen.row,
        "Latitude",
        f"No Timezone on the Settings tab, so sunrise, sunset and call sheet times use "
        f"{chosen.said()}.",
        suggestion=f"Add 'Timezone' with the value {chosen.name} (or your own) to the Settings "
        "tab to make it explicit.",
    )
