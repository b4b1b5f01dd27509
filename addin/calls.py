"""Who is called when: who works a shoot day and a crew member's call on it (the one
lookup of each).

Used by the call sheet's crew and cast lists (which print call words such as O/C
too), by ``PD_CALLTIME`` (which needs a time) and by the day plan (``dayplan.py``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, time
from typing import Any

from addin.book import Book
from addin.cast_days import CastDays, cast_days, cast_key
from addin.parse import name_key

CallSource = tuple[str, dict[str, Any], str]
"""Where a call may be read: (tab kind, its row, the column)."""


@dataclass
class DayCalls:
    """The calls of one shoot day, from the Crew Calls, Crew and Days tabs."""

    day: int
    general: dict[str, Any] | None = None
    """The day's row on the Days tab (its Crew Call is the general call)."""
    people: dict[str, dict[str, Any]] = field(default_factory=dict)
    """name_key(person) -> their Crew Calls row for the day (the first one)."""
    departments: dict[str, dict[str, Any]] = field(default_factory=dict)
    """name_key(department) -> the department's Crew Calls row for the day (the first one)."""

    def sources(self, person: dict[str, Any]) -> list[CallSource]:
        """Where a crew member's call comes from, first found first: their own row on Crew
        Calls for the day, their standing call (the Crew tab's Call column), their
        department's row for the day, the day's general crew call."""
        found: list[CallSource] = []
        own = self.people.get(name_key(person.get("Name")))
        if own is not None:
            found.append(("Crew Calls", own, "Call"))
        found.append(("Crew", person, "Call"))
        department = self.departments.get(name_key(person.get("Department")))
        if department is not None:
            found.append(("Crew Calls", department, "Call"))
        if self.general is not None:
            found.append(("Days", self.general, "Crew Call"))
        return found

    def of(self, person: dict[str, Any]) -> time | None:
        """A crew member's call as a time: the first source that holds one."""
        return next(
            (row[column] for _, row, column in self.sources(person)
             if isinstance(row.get(column), time)),
            None,
        )


def dates_reversed(person: dict[str, Any]) -> bool:
    """Whether a crew member's start date is after their end date."""
    start, end = person.get("Start Date"), person.get("End Date")
    return isinstance(start, date) and isinstance(end, date) and start > end


def crew_on_day(person: dict[str, Any], when: date | None) -> bool:
    """Whether a crew member works a shoot day on ``when``: their start and end dates include
    it, or they have none (a day without a date has everyone); reversed dates leave them off."""
    if when is None:
        return True
    if dates_reversed(person):
        return False
    start, end = person.get("Start Date"), person.get("End Date")
    if isinstance(start, date) and start > when:
        return False
    return not (isinstance(end, date) and end < when)


CAST_CALL_COLUMNS = ("H/MU", "On Set", "Pickup")
"""A cast member's call on a Cast Calls row: their hair/makeup call, else on set, else pickup."""


def cast_call(record: dict[str, Any]) -> tuple[time, str] | None:
    """(the call, its column) of a Cast Calls row (``CAST_CALL_COLUMNS``), None without one."""
    return next(
        ((record[c], c) for c in CAST_CALL_COLUMNS if isinstance(record.get(c), time)), None
    )


def cast_on_day(
    book: Book,
    day: int,
    cast: CastDays | None = None,
    records: list[dict[str, Any]] | None = None,
) -> dict[str, dict[str, Any]]:
    """Cast id -> their Cast Calls row for the day ({} without one), for everyone on the day's
    call sheet: everyone with a code that day (``CastDays.on_day``: working, on hold, travelling;
    not dropped), or with a Cast Calls row for the day. Unordered. ``cast`` is
    ``cast_days(book)`` and ``records`` the day's Cast Calls rows, when already known."""
    cast = cast_days(book) if cast is None else cast
    found: dict[str, dict[str, Any]] = {cast_id: {} for cast_id in cast.on_day(day)}
    if records is None:
        calls = book.table("Cast Calls")
        records = [r for r in calls.rows() if r.get("Day") == day] if calls is not None else []
    for record in records:
        key = cast_key(record.get("Cast #"))
        if key and not found.get(key):
            found[key] = record
    return found


def crew_keys(book: Book) -> tuple[set[str], set[str]]:
    """(name keys, department keys) of the Crew tab: who a Crew Calls row may name."""
    crew = book.table("Crew")
    rows = crew.rows() if crew is not None else []
    names = {name_key(r.get("Name")) for r in rows} - {""}
    return names, {name_key(r.get("Department")) for r in rows} - {""}


def day_calls(
    book: Book, day: int, keys: tuple[set[str], set[str]] | None = None
) -> DayCalls:
    """The calls of shoot day ``day`` (``keys``: ``crew_keys(book)`` when already known)."""
    calls = DayCalls(day)
    days = book.table("Days")
    if days is not None and days.has("Day"):
        calls.general = next((r for r in days.rows() if r.get("Day") == day), None)
    overrides = book.table("Crew Calls")
    if overrides is None:
        return calls
    names, departments = crew_keys(book) if keys is None else keys
    for record in overrides.rows():
        if record.get("Day") != day:
            continue
        who = name_key(record.get("Who"))
        if who in names:
            calls.people.setdefault(who, record)
        elif who in departments:
            calls.departments.setdefault(who, record)
    return calls
