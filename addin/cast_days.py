"""Which shoot days each cast member works, and the one code of each of their days.

One place for the call sheet's SWHF column, ``PD_SWHF`` and the Day Out of Days:
all three read a cast member's code on a day with ``CastDays.code``, so a dropped
day, a pickup and a hold read the same everywhere.

Codes (Movie Magic's Day Out of Days codes, which the industry rules we were
given name as the call sheet's SWHF codes too): ``SW`` start work, ``W`` work,
``WF`` work finish, ``SWF`` a one-day role, ``H`` hold (a day between two work days
with no scene of theirs), ``T`` travel. A performer off for more days than
``DOOD Drop Days`` (Settings, default 10) between two work days is dropped and
picked up again rather than held: the last work day before the gap gets ``/D``
(``W/D``, ``SW/D``), the first after it ``PU/`` (``PU/W``, ``PU/WF``), and the days
between are no holds (''). The days off are the calendar days between the two
work dates (both dated), else the shoot days between them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from itertools import pairwise
from typing import Any

from addin.book import Book
from addin.days import shoot_days
from addin.model import Finding, Severity, Table
from addin.parse import display, is_blank, parse_cast_ids, parse_date

WORK_CODES = {"S": "SW", "W": "W", "F": "WF", "SWF": "SWF"}
"""The start / work / finish letters of ``swhf`` -> the codes printed."""
HOLD, TRAVEL, DROP, PICKUP = "H", "T", "/D", "PU/"


def cast_key(value: Any) -> str:
    """A cast # as the Schedule's Cast column reads it (``#03`` -> ``3``, ``3.0`` -> ``3``);
    '' when the cell holds no id."""
    ids = parse_cast_ids(value)
    return ids[0] if ids else ""


def cast_order(cast_id: str) -> tuple:
    """Sort key of cast ids in cast # order: 1, 2, 2A, 10, then ids without a number."""
    match = re.match(r"(\d+)(.*)", cast_id)
    return (0, int(match.group(1)), match.group(2)) if match else (1, 0, cast_id)


def cast_work_days(book: Book) -> dict[str, list[int]]:
    """Cast id -> the sorted shoot day numbers on which a Schedule scene lists them."""
    schedule = book.table("Schedule")
    days: dict[str, set[int]] = {}
    for row in schedule.rows() if schedule else []:
        if row.get("Day") is None:
            continue
        for cast_id in row.get("Cast") or []:
            days.setdefault(cast_id, set()).add(row["Day"])
    return {cast_id: sorted(numbers) for cast_id, numbers in days.items()}


def works(code: str) -> bool:
    """Whether a code is a work day (``SW``, ``W``, ``PU/WF``...), not a hold, travel or off."""
    return code.removeprefix(PICKUP).removesuffix(DROP) in WORK_CODES.values()


def swhf(work_days: list[int], day: int) -> str:
    """S, W, H, F or SWF from work days alone (no drops, no travel); '' when none.

    The letters under ``CastDays.code``, which prints them as codes and drops long gaps.
    """
    if not work_days:
        return ""
    first, last = min(work_days), max(work_days)
    if day in work_days:
        if first == last:
            return "SWF"
        return "S" if day == first else "F" if day == last else "W"
    return "H" if first < day < last else ""


@dataclass
class CastDays:
    """Every cast member's work days, drops and travel over the book's shoot days."""

    days: dict[int, date | None]
    """The shoot days (number -> date) in order."""
    work: dict[str, list[int]]
    travel: dict[str, set[int | date]]
    """Cast id -> the shoot day numbers and (other) dates they travel."""
    drop_days: int
    dropped: dict[str, set[int]] = field(default_factory=dict)
    drops: dict[str, set[int]] = field(default_factory=dict)
    pickups: dict[str, set[int]] = field(default_factory=dict)
    problems: list[Finding] = field(default_factory=list)
    """Travel cells that could not be read (``dood.travel_unreadable``)."""

    def code(self, cast_id: str, day: int) -> str:
        """The cast member's code on shoot day ``day`` (the module's codes); '' when off."""
        letter = swhf(self.work.get(cast_id, []), day)
        if letter in WORK_CODES:
            pickup = PICKUP if day in self.pickups.get(cast_id, ()) else ""
            drop = DROP if day in self.drops.get(cast_id, ()) else ""
            return pickup + WORK_CODES[letter] + drop
        if self.travels(cast_id, day, self.days.get(day)):
            return TRAVEL
        if letter == HOLD and day not in self.dropped.get(cast_id, ()):
            return HOLD
        return ""

    def travels(self, cast_id: str, day: int | None, when: date | None) -> bool:
        """Whether the cast member travels on a shoot day (its number) or on a date."""
        marks = self.travel.get(cast_id, set())
        return (day is not None and day in marks) or (when is not None and when in marks)

    def on_day(self, day: int) -> set[str]:
        """The cast with a code on shoot day ``day``: working, on hold or travelling."""
        ids = set(self.work) | set(self.travel)
        return {cast_id for cast_id in ids if self.code(cast_id, day)}


def cast_days(book: Book) -> CastDays:
    """The book's cast days: the Schedule's scenes, the Travel columns, ``DOOD Drop Days``."""
    days = shoot_days(book)
    work = cast_work_days(book)
    problems: list[Finding] = []
    result = CastDays(days, work, _travel(book, days, problems), book.settings.dood_drop_days,
                      problems=problems)
    for cast_id, worked in work.items():
        for before, after in pairwise(worked):
            between = [n for n in days if before < n < after]
            first, last = days.get(before), days.get(after)
            off = (last - first).days - 1 if first and last else len(between)
            if off > result.drop_days:
                result.dropped.setdefault(cast_id, set()).update(between)
                result.drops.setdefault(cast_id, set()).add(before)
                result.pickups.setdefault(cast_id, set()).add(after)
    return result


def cast_people(book: Book) -> dict[str, dict[str, Any]]:
    """Cast id -> the Cast tab's row (the first one of an id typed twice)."""
    cast = book.table("Cast")
    people: dict[str, dict[str, Any]] = {}
    for row in cast.rows() if cast else []:
        key = cast_key(row.get("Cast #"))
        if key:
            people.setdefault(key, row)
    return people


_DAY_NUMBER = re.compile(r"^\s*(?:day|d)\s*#?\s*(\d{1,3})\s*$", re.I)


def _travel(
    book: Book, days: dict[int, date | None], problems: list[Finding]
) -> dict[str, set[int | date]]:
    """Cast id -> the shoot day numbers and dates they travel: the Cast tab's Travel
    column (dates or ``Day N``) and the Cast Calls tab's Travel column (yes on a day)."""
    travel: dict[str, set[int | date]] = {}
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
    people = cast_people(book)
    for (row, raw) in cast.pairs():
        key = cast_key(row.get("Cast #"))
        if not key or people.get(key) is not row or is_blank(raw.get("Travel")):
            continue
        for part in _travel_parts(raw["Travel"]):
            when = _travel_day(part, days)
            if when is None:
                message = (f"Cast #{key}: travel '{display(part)}' is neither a date (1/3/27) "
                           "nor a shoot day (Day 3); it is left off the Day Out of Days.")
                problems.append(finding(cast, row["_row"], "Travel", Severity.WARNING,
                                        "dood.travel_unreadable", message))
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


def finding(
    table: Table, row: int, column: str, severity: Severity, rule: str, message: str
) -> Finding:
    """A finding on a cell of a table, flagged there (its fill and note)."""
    flag = table.flag(row, column, message)
    return flag.stamp(rule, severity)
