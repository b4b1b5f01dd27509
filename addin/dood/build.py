"""The Day Out of Days as plain values, from the book's Schedule, Cast and Cast Calls."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from itertools import pairwise
from typing import Any

from addin.book import Book
from addin.cast_days import cast_key, cast_order, cast_work_days, swhf
from addin.days import shoot_days
from addin.errors import InputError
from addin.model import Finding, Severity, Table
from addin.parse import display, is_blank, parse_date

WORK_CODES = {"S": "SW", "W": "W", "F": "WF", "SWF": "SWF"}
"""The call sheet's SWHF letters for a work day -> the DOOD's codes."""
HOLD, TRAVEL, DROP, PICKUP = "H", "T", "/D", "PU/"
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
    days = shoot_days(book)
    if not days:
        raise InputError(
            f"{book.label}: the book has no shoot days yet (no day numbers on the Schedule "
            "or Days tab and no End of Day rows), so there is no Day Out of Days to make."
        )
    work = cast_work_days(book)
    people = _cast_people(book)
    if not work and not people:
        raise InputError(
            f"{book.label}: no scene on the Schedule lists a cast # and the Cast tab is empty "
            "or missing, so there is no Day Out of Days to make."
        )
    problems = _unknown_cast(book, set(people))
    travel = _travel(book, days, people, problems)
    columns = _columns(days, {when for dates in travel.values() for when in dates
                              if isinstance(when, date)})
    drop_days = book.settings.dood_drop_days
    rows = []
    for cast_id in sorted(set(work) | set(people), key=cast_order):
        person = people.get(cast_id, {})
        character = display(person.get("Character") or "") or (
            "" if person else "(not on the Cast tab)")
        row = DoodRow(cast_id, character, display(person.get("Actor") or ""), [])
        _fill(row, columns, days, work.get(cast_id, []), travel.get(cast_id, set()), drop_days)
        rows.append(row)
    production = display(book.settings.get("Production", "")) or book.label
    return Dood(production, today or date.today(), drop_days, columns, rows, problems)


def _fill(
    row: DoodRow, columns: list[DoodDay], days: dict[int, date | None], worked: list[int],
    travel: set[Any], drop_days: int,
) -> None:
    dropped, drops, pickups = _drops(worked, days, drop_days)
    for column in columns:
        code = swhf(worked, column.number) if column.number is not None else ""
        if code in WORK_CODES:
            row.work += 1
            code = WORK_CODES[code]
            code = (PICKUP if column.number in pickups else "") + code
            code += DROP if column.number in drops else ""
        elif column.number in travel or (column.when is not None and column.when in travel):
            code = TRAVEL
            row.travel += 1
        elif code == HOLD and column.number in dropped:
            code = ""
        elif code == HOLD:
            row.hold += 1
        row.codes.append(code)
    row.drops = len(drops)
    if worked:
        row.start, row.finish = days.get(worked[0]), days.get(worked[-1])


def _drops(
    worked: list[int], days: dict[int, date | None], drop_days: int
) -> tuple[set[int], set[int], set[int]]:
    """(days dropped, work days followed by a drop, work days that pick up) of one member."""
    dropped: set[int] = set()
    drops: set[int] = set()
    pickups: set[int] = set()
    for before, after in pairwise(worked):
        between = [n for n in days if before < n < after]
        first, last = days.get(before), days.get(after)
        off = (last - first).days - 1 if first and last else len(between)
        if off > drop_days:
            dropped.update(between)
            drops.add(before)
            pickups.add(after)
    return dropped, drops, pickups


def _columns(days: dict[int, date | None], travel_dates: set[date]) -> list[DoodDay]:
    """Shoot days in order, with travel dates that are no shoot day's put in date order."""
    columns = [DoodDay(number, when) for number, when in days.items()]
    shot = {when for when in days.values() if when}
    for when in sorted(travel_dates - shot):
        later = next((i for i, c in enumerate(columns) if c.when and c.when > when), None)
        columns.insert(len(columns) if later is None else later, DoodDay(None, when))
    return columns


def _cast_people(book: Book) -> dict[str, dict[str, Any]]:
    cast = book.table("Cast")
    people: dict[str, dict[str, Any]] = {}
    for row in cast.rows() if cast else []:
        key = cast_key(row.get("Cast #"))
        if key:
            people.setdefault(key, row)
    return people


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
            problems.append(_finding(
                schedule, row["_row"], "Cast", Severity.ERROR, "schedule.unknown_cast",
                f"{scene}: cast id{plural} {', '.join(unknown)} not on the Cast List.",
            ))
    return problems


_DAY_NUMBER = re.compile(r"^\s*(?:day|d)\s*#?\s*(\d{1,3})\s*$", re.I)


def _travel(
    book: Book, days: dict[int, date | None], people: dict[str, dict[str, Any]],
    problems: list[Finding],
) -> dict[str, set[Any]]:
    """Cast id -> the shoot day numbers and dates they travel: the Cast tab's Travel
    column (dates or ``Day N``) and the Cast Calls tab's Travel column (yes on a day)."""
    travel: dict[str, set[Any]] = {}
    calls = book.table("Cast Calls")
    if calls is not None and calls.has("Travel"):
        for row, raw in calls.pairs():
            key = cast_key(row.get("Cast #"))
            marked = not is_blank(raw.get("Travel")) and row.get("Travel") is not False
            if key and row.get("Day") in days and marked:  # Y, X, T, "fly in": not No
                travel.setdefault(key, set()).add(row["Day"])
    cast = book.table("Cast")
    if cast is None or not cast.has("Travel"):
        return travel
    for (row, raw) in cast.pairs():
        key = cast_key(row.get("Cast #"))
        if not key or people.get(key) is not row or is_blank(raw.get("Travel")):
            continue
        for part in _travel_parts(raw["Travel"]):
            when = _travel_day(part, days)
            if when is None:
                problems.append(_finding(
                    cast, row["_row"], "Travel", Severity.WARNING, "dood.travel_unreadable",
                    f"Cast #{key}: travel '{display(part)}' is neither a date (1/3/27) nor a "
                    "shoot day (Day 3); it is left off the Day Out of Days.",
                ))
            else:
                travel.setdefault(key, set()).add(when)
    return travel


def _travel_parts(value: Any) -> list[Any]:
    """A Travel cell's entries: split at semicolons, line breaks and commas, keeping a
    comma that belongs to a date (``Jan 19, 2027``)."""
    if not isinstance(value, str):
        return [value]
    pieces = [p.strip() for p in re.split(r"[;\n,]+", value) if p.strip()]
    parts: list[Any] = []
    index = 0
    while index < len(pieces):
        piece = pieces[index]
        joined = f"{piece}, {pieces[index + 1]}" if index + 1 < len(pieces) else None
        if joined and parse_date(piece) is None and parse_date(joined) is not None:
            piece, index = joined, index + 1
        parts.append(piece)
        index += 1
    return parts


def _travel_day(part: Any, days: dict[int, date | None]) -> int | date | None:
    """A travel entry as a shoot day number (``Day 3``, or a shoot day's date) or a date."""
    if isinstance(part, str) and _DAY_NUMBER.match(part):
        number = int(_DAY_NUMBER.match(part).group(1))
        return number if number in days else None
    when = parse_date(part)
    if when is None:
        return None
    return next((n for n, d in days.items() if d == when), when)


def _finding(
    table: Table, row: int, column: str, severity: Severity, rule: str, message: str
) -> Finding:
    flag = table.flag(row, column, message)
    return flag.stamp(rule, severity)


