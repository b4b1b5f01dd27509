"""The overtime forecast as findings: each shoot day's pay and overtime, per department."""

from __future__ import annotations

from collections.abc import Iterator

from addin.daycost import Unrated, day_message, department_message, forecast, unrated_message
from addin.model import Flag, Severity, Table, a1
from addin.parse import display, name_key, parse_yes_no
from addin.rules import Context, rule


@rule("day.overtime", Severity.INFO, needs=("Crew",))
def overtime(ctx: Context) -> Iterator[Flag]:
    """The overtime forecast: each shoot day's pay and overtime per department and in total
    (a warning for its Settings that cannot be read)."""
    yield from _unreadable_settings(ctx)
    crew = ctx.book.tables["Crew"]
    unrated: dict[str, Unrated] = {}
    for day in forecast(ctx.book, ctx.day_cohorts).values():
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


def _unreadable_settings(ctx: Context) -> Iterator[Flag]:
    """The forecast's Settings that cannot be read, each a warning naming its default."""
    settings = ctx.settings
    sheet = next((n for n, what in ctx.book.special_tabs.items() if what == "Settings"), "")
    grid = ctx.book.grids.get(sheet) or []
    checks = {
        "Unpaid Meal Minutes": (settings.get("Unpaid Meal Minutes") is None,
                                "is not a number of minutes; the forecast takes no meal off",
                                "Write the minutes, e.g. 30."),
        "Show Costs On Call Sheet": (
            parse_yes_no(settings.get("Show Costs On Call Sheet")) is None,
            "is not Yes or No; call sheet tabs show no costs", "Write Yes or No."),
    }
    for key, (unreadable, why, fix) in checks.items():
        if key not in settings.cells or not unreadable:
            continue
        row, col = settings.cells[key]
        line = grid[row - 1] if row <= len(grid) else []
        typed = display(line[col - 1] if col <= len(line) else None).strip()
        if typed:
            yield Flag(sheet, row, None, a1(row, col), f"{key} '{typed}' {why}.", fix,
                       Severity.WARNING)


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
