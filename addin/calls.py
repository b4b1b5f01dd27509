"""Who is called when: a crew member's call on a shoot day (the one lookup of it).

Used by the call sheet's crew list and by ``PD_CALLTIME``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import time
from typing import Any

from addin.book import Book
from addin.parse import name_key


@dataclass
class DayCalls:
    """The calls of one shoot day, from the Crew Calls, Crew and Days tabs."""

    day: int
    general: time | None = None
    people: dict[str, time] = field(default_factory=dict)
    """name_key(person) -> their own call for the day (Crew Calls)."""
    departments: dict[str, time] = field(default_factory=dict)
    """name_key(department) -> the department's call for the day (Crew Calls)."""
    unknown: list[dict[str, Any]] = field(default_factory=list)
    """Crew Calls rows of the day naming neither a crew member nor a department."""

    def of(self, person: dict[str, Any]) -> time | None:
        """A crew member's call: their own for the day, else their standing call (the Crew
        tab's Call column), else their department's for the day, else the general crew call."""
        standing = person.get("Call")
        return (
            self.people.get(name_key(person.get("Name")))
            or (standing if isinstance(standing, time) else None)
            or self.departments.get(name_key(person.get("Department")))
            or self.general
        )


def day_calls(book: Book, day: int) -> DayCalls:
    """The calls of shoot day ``day``."""
    calls = DayCalls(day)
    days = book.table("Days")
    if days is not None and days.has("Day"):
        record = next((r for r in days.rows() if r.get("Day") == day), None)
        general = record.get("Crew Call") if record else None
        calls.general = general if isinstance(general, time) else None
    crew, overrides = book.table("Crew"), book.table("Crew Calls")
    if overrides is None:
        return calls
    rows = crew.rows() if crew is not None else []
    names = {name_key(r.get("Name")) for r in rows} - {""}
    departments = {name_key(r.get("Department")) for r in rows} - {""}
    for record in overrides.rows():
        if record.get("Day") != day:
            continue
        who, call = name_key(record.get("Who")), record.get("Call")
        if who in names:
            target = calls.people
        elif who in departments:
            target = calls.departments
        else:
            calls.unknown.append(record)
            continue
        if isinstance(call, time):
            target.setdefault(who, call)
    return calls
