"""Checks on the shooting schedule: cast, locations and days it refers to."""

from __future__ import annotations

from collections.abc import Iterator

from addin import parse
from addin.cast_days import cast_key
from addin.model import Flag, Severity, a1
from addin.rules import Context, rule


@rule("schedule.unknown_cast", Severity.ERROR, needs=("Schedule", "Cast"))
def unknown_cast(ctx: Context) -> Iterator[Flag]:
    """A scene lists a cast id that is not on the cast list."""
    schedule, cast = ctx.book.tables["Schedule"], ctx.book.tables["Cast"]
    if not schedule.has("Cast") or not cast.has("Cast #"):
        return
    known = {cast_key(c) for c in cast.column("Cast #")}  # "#2" and "02" on the Cast tab are 2
    for row in schedule.rows():
        unknown = [i for i in row["Cast"] or [] if i not in known]
        if unknown:
            ids = ", ".join(unknown)
            scene = f"Scene {row['Scene']}" if row.get("Scene") else f"Row {row['_row']}"
            plural = "s" if len(unknown) > 1 else ""
            yield schedule.flag(
                row["_row"],
                "Cast",
                f"{scene}: cast id{plural} {ids} not on the Cast List.",
            )


@rule("schedule.unknown_location", Severity.WARNING, needs=("Schedule", "Locations"))
def unknown_location(ctx: Context) -> Iterator[Flag]:
    """A scene's location is not on the location list."""
    schedule, locations = ctx.book.tables["Schedule"], ctx.book.tables["Locations"]
    if not schedule.has("Location") or not locations.has("Location"):
        return
    known = {parse.name_key(n) for n in locations.column("Location") if n}
    for row in schedule.rows():
        location = row.get("Location")
        if location is not None and parse.name_key(location) not in known:
            scene = f"Scene {row['Scene']}" if row.get("Scene") else f"Row {row['_row']}"
            yield schedule.flag(
                row["_row"],
                "Location",
                f"{scene}: location '{location}' is not on the Locations tab.",
            )


@rule("schedule.day_without_date", Severity.ERROR, needs=("Schedule",))
def day_without_date(ctx: Context) -> Iterator[Flag]:
    """A shoot day with no date anywhere (schedule, Days tab or End of Day row)."""
    schedule = ctx.book.tables["Schedule"]
    reported: set[int] = set()
    for row in schedule.rows():
        day = row.get("Day")
        if day is None or day in reported or ctx.shoot_days.get(day) is not None:
            continue
        reported.add(day)
        yield schedule.flag(
            row["_row"],
            "Date" if schedule.has("Date") else "Day",
            f"Shoot day {day} has no date.",
            suggestion="Enter the date in the Date column or on the Days tab.",
        )


@rule("schedule.date_mismatch", Severity.WARNING, needs=("Schedule", "Days"))
def date_mismatch(ctx: Context) -> Iterator[Flag]:
    """An End of Day row's date disagrees with the Days tab's date for that day."""
    schedule, days = ctx.book.tables["Schedule"], ctx.book.tables["Days"]
    break_dates = schedule.extra.get("break_dates", {})
    cells = schedule.extra.get("break_cells", {})
    if not break_dates or not days.has("Date"):
        return
    for row in days.rows():
        day, listed = row.get("Day"), row.get("Date")
        typed = break_dates.get(day)
        if typed is None or listed is None or typed == listed:
            continue
        sheet_row, col = cells[day]
        days_cell = f"{days.sheet}!{days.cell(row['_row'], 'Date')}"
        yield Flag(
            sheet=schedule.sheet,
            row=sheet_row,
            column=None,
            cell=a1(sheet_row, col),
            message=(
                f"The End of Day {day} row ({schedule.sheet}!{a1(sheet_row, col)}) says "
                f"{parse.display(typed)}, but the Days tab ({days_cell}) says "
                f"{parse.display(listed)}."
            ),
            suggestion=f"Correct one of them; call sheets use the Days tab's date ({days_cell}).",
        )
