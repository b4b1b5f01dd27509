"""The overtime forecast as findings: each shoot day's pay and overtime, per department."""

from __future__ import annotations

from collections.abc import Iterator

from addin.daycost import Unrated, day_message, department_message, forecast, unrated_message
from addin.model import Flag, Severity, Table
from addin.parse import name_key
from addin.rules import Context, rule


@rule("day.overtime", Severity.INFO, needs=("Crew",))
def overtime(ctx: Context) -> Iterator[Flag]:
    """The overtime forecast: each shoot day's pay and overtime per department and in total."""
    crew = ctx.book.tables["Crew"]
    unrated: dict[str, Unrated] = {}
    for day in forecast(ctx.book, ctx.day_plan).values():
        if not day.departments:
            continue  # no planned hours with a rate that day: nothing to forecast
        for person in day.unrated:
            unrated.setdefault(name_key(person.name), person)
        at = _day_cell(ctx.book.table("Days"), day.day, crew)
        for department in day.departments:
            yield _at(at, department_message(day, department))
        yield _at(at, day_message(day))
    if unrated:
        rows = {name_key(r.get("Name")): r["_row"] for r in crew.rows()}
        row = rows.get(next(iter(unrated)), crew.header_row + 1)
        yield crew.flag(row, "Rate", unrated_message(unrated.values()),
                        suggestion="Enter a rate such as $400/12 for each of them.")


def _day_cell(days: Table | None, day: int, crew: Table) -> Flag:
    """Where a day's forecast is noted: its Wrap cell on the Days tab (else its Day cell),
    else the Crew tab."""
    if days is not None and days.has("Day"):
        row = next((r["_row"] for r in days.rows() if r.get("Day") == day), None)
        if row is not None:
            return days.flag(row, "Wrap" if days.has("Wrap") else "Day", "")
    return Flag(crew.sheet, None, None, None, "")


def _at(place: Flag, message: str) -> Flag:
    return Flag(place.sheet, place.row, place.column, place.cell, message)
