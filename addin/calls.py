"""Who is called when: a crew member's call on a shoot day (the one lookup of it).

Used by the call sheet's crew list (which prints call words such as O/C too) and
by ``PD_CALLTIME`` (which needs a time).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import time
from typing import Any

from addin.book import Book
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


def day_calls(book: Book, day: int) -> DayCalls:
    """The calls of shoot day ``day``."""
    calls = DayCalls(day)
    days = book.table("Days")
    if days is not None and days.has("Day"):
        calls.general = next((r for r in days.rows() if r.get("Day") == day), None)
    crew, overrides = book.table("Crew"), book.table("Crew Calls")
    if overrides is None:
        return calls
    rows = crew.rows() if crew is not None else []
    names = {name_key(r.get("Name")) for r in rows} - {""}
    departments = {name_key(r.get("Department")) for r in rows} - {""}
    for record in overrides.rows():
        if record.get("Day") != day:
            continue
        who = name_key(record.get("Who"))
        if who in names:
            calls.people.setdefault(who, record)
        elif who in departments:
            calls.departments.setdefault(who, record)
    return calls
