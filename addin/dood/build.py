"""The Day Out of Days as plain values, from the book's Schedule, Cast and Cast Calls."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from addin.book import Book
from addin.cast_days import (
    HOLD,
    TRAVEL,
    CastDays,
    cast_days,
    cast_order,
    cast_people,
    finding,
    works,
)
from addin.errors import InputError
from addin.model import Finding, Severity
from addin.parse import display

TRAVEL_LABEL = "Travel"


@dataclass(frozen=True)
class DoodDay:
    """A column: a shoot day (``number``), or a travel date that is not a shoot day."""

    number: int | None
    when: date | None

    @property
    def label(self) -> str:
        """``Day 3``, or ``Travel`` for a travel date between shoot days."""
        return f"Day {self.number}" if self.number is not None else TRAVEL_LABEL


@dataclass
class DoodRow:
    """One cast member: a code per column and the totals."""

    cast_id: str
    character: str
    actor: str
    codes: list[str]
    work: int = 0
    hold: int = 0
    travel: int = 0
    drops: int = 0
    start: date | None = None
    finish: date | None = None

    @property
    def total(self) -> int:
        """Days on the payroll: work, hold and travel."""
        return self.work + self.hold + self.travel


@dataclass
class Dood:
    """The whole Day Out of Days, and the problems met while making it."""

    production: str
    generated: date
    drop_days: int
    days: list[DoodDay]
    rows: list[DoodRow]
    problems: list[Finding] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """The JSON shape documented in README ("Day Out of Days")."""

        def iso(value: date | None) -> str | None:
            return value.isoformat() if value else None

        return {
            "production": self.production,
            "generated": self.generated.isoformat(),
            "drop_days": self.drop_days,
            "days": [
                {"day": d.number, "date": iso(d.when), "label": d.label} for d in self.days
            ],
            "cast": [
                {
                    "cast_id": r.cast_id, "character": r.character, "actor": r.actor,
                    "codes": r.codes, "work": r.work, "hold": r.hold, "travel": r.travel,
                    "drops": r.drops, "total": r.total, "start": iso(r.start),
                    "finish": iso(r.finish),
                }
                for r in self.rows
            ],
            "problems": [f.to_dict() for f in self.problems],
        }


def build_dood(book: Book, today: date | None = None) -> Dood:
    """The book's Day Out of Days; InputError when it has no shoot days or no cast."""
    plan = cast_days(book)
    days = plan.days
    if not days:
        raise InputError(
            f"{book.label}: the book has no shoot days yet (no day numbers on the Schedule "
            "or Days tab and no End of Day rows), so there is no Day Out of Days to make."
        )
    people = cast_people(book)
    if not plan.work and not people:
        raise InputError(
            f"{book.label}: no scene on the Schedule lists a cast # and the Cast tab is empty "
            "or missing, so there is no Day Out of Days to make."
        )
    problems = _unknown_cast(book, set(people)) + plan.problems
    columns = _columns(days, {when for dates in plan.travel.values() for when in dates
                              if isinstance(when, date)})
    rows = []
    for cast_id in sorted(set(plan.work) | set(people), key=cast_order):
        person = people.get(cast_id, {})
        character = display(person.get("Character") or "") or (
            "" if person else "(not on the Cast tab)")
        row = DoodRow(cast_id, character, display(person.get("Actor") or ""), [])
        _fill(row, columns, plan)
        rows.append(row)
    production = display(book.settings.get("Production", "")) or book.label
    return Dood(production, today or date.today(), plan.drop_days, columns, rows, problems)


def _fill(row: DoodRow, columns: list[DoodDay], plan: CastDays) -> None:
    """The member's code in each column (``CastDays.code``; travel on other dates) and totals."""
    for column in columns:
        if column.number is not None:
            code = plan.code(row.cast_id, column.number)
        else:
            code = TRAVEL if plan.travels(row.cast_id, None, column.when) else ""
        row.work += works(code)
        row.travel += code == TRAVEL
        row.hold += code == HOLD
        row.codes.append(code)
    worked = plan.work.get(row.cast_id, [])
    row.drops = len(plan.drops.get(row.cast_id, ()))
    if worked:
        row.start, row.finish = plan.days.get(worked[0]), plan.days.get(worked[-1])


def _columns(days: dict[int, date | None], travel_dates: set[date]) -> list[DoodDay]:
    """Shoot days in order, with travel dates that are no shoot day's put in date order."""
    columns = [DoodDay(number, when) for number, when in days.items()]
    shot = {when for when in days.values() if when}
    for when in sorted(travel_dates - shot):
        later = next((i for i, c in enumerate(columns) if c.when and c.when > when), None)
        columns.insert(len(columns) if later is None else later, DoodDay(None, when))
    return columns


def _unknown_cast(book: Book, known: set[str]) -> list[Finding]:
    """Scenes listing a cast # the Cast tab does not have, in validate's words."""
    schedule = book.table("Schedule")
    if schedule is None or book.table("Cast") is None:
        return []
    problems = []
    for row in schedule.rows():
        unknown = [i for i in row.get("Cast") or [] if i not in known]
        if unknown and row.get("Day") is not None:
            scene = f"Scene {row['Scene']}" if row.get("Scene") else f"Row {row['_row']}"
            plural = "s" if len(unknown) > 1 else ""
            problems.append(finding(
                schedule, row["_row"], "Cast", Severity.ERROR, "schedule.unknown_cast",
                f"{scene}: cast id{plural} {', '.join(unknown)} not on the Cast List.",
            ))
    return problems
