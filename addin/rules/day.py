"""Checks on the planned shoot days, per person: turnaround, weekly rest and meal penalties.

They read the day plan (``addin/dayplan.py``: everyone on each day's call sheet with
their call, meals and wrap as absolute times), as cohorts: a department's crew who follow
its calls are checked once per day and named in the findings. Rules and figures from
industry-rules.md (copied into ``addin/functions.py`` with their sources); each
minimum is a Settings value with that default, since contracts differ.

A person's *week* ends at a weekend: two or more calendar days without work for
them between two of their shoot days (Friday to Monday). The weekly rest is
measured across it; a single day off is covered by the daily turnaround.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from itertools import pairwise
from operator import itemgetter
from typing import Any

from addin import functions
from addin.dayplan import DayCohorts, PersonDay, Rank
from addin.model import Flag, Severity, a1
from addin.parse import display, format_day, format_time
from addin.rules import Context, rule

WEEKEND_DAYS = 3
"""Days between two shoot days' dates that leave two or more days off (Friday to Monday)."""


def _hours(hours: float) -> str:
    return display(round(hours, 2))


def _clock(moment: datetime) -> str:
    return format_time(moment.time())


def _when(moment: datetime) -> str:
    """``11:00 PM Sat Oct 31``."""
    return f"{_clock(moment)} {format_day(moment)}"


NAMES_SHOWN = 3
"""People named in one finding before ``and N others``."""


def _names(names: list[str]) -> str:
    """``Maria Lopez``, ``Maria Lopez and Joe Park``, ``A, B, C and 9 others``."""
    if len(names) > NAMES_SHOWN + 1:
        return f"{', '.join(names[:NAMES_SHOWN])} and {len(names) - NAMES_SHOWN} others"
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"


Short = tuple[PersonDay, PersonDay, float, float, str]
"""A forced call: the day before, the day after, the hours of rest, the minimum, who."""

Found = tuple[tuple, PersonDay, PersonDay, float, float]
"""A forced call before its person is named: (its group, before, after, rest, minimum)."""


_FORCED: list[tuple[DayCohorts, dict[str, dict[tuple, list[Short]]]]] = []
"""The forced calls of the last plan checked (both rest rules read one pass over it)."""


class _RestCheck:
    """The turnaround and weekly rest minimums, and the rest between two planned days."""

    def __init__(self, ctx: Context):
        self.daily = {kind: ctx.settings.turnaround_hours(kind) for kind in ("crew", "cast")}
        self.weekly = {kind: ctx.settings.weekly_rest_hours(kind) for kind in ("crew", "cast")}
        self.shorter, self.late_call = functions.CAST_WEEKLY_REST_LATE_CALL
        self.rests: dict[tuple[datetime, datetime, str], float] = {}

    def shorts(self, before: PersonDay, after: PersonDay) -> tuple[Found | None, Found | None]:
        """(the turnaround short, the weekly rest short) from ``before``'s wrap to ``after``'s
        call, counted by ``functions.turnaround``; None where the rest is enough."""
        wrap, call = before.wrap, after.call
        if wrap is None or call is None or call <= wrap:
            return None, None
        kind = before.kind
        key = (wrap, call, kind)
        rest = self.rests.get(key)
        if rest is None:
            rest = self.rests[key] = functions.turnaround(wrap, call, kind)
        group = (before.day, after.day, *key, after.sheet, after.cell, after.department)
        daily = weekly = None
        if rest < self.daily[kind]:
            daily = (group, before, after, rest, self.daily[kind])
        if rest < self.weekly[after.kind] and _weekend(before, after):
            minimum = self.weekly[after.kind]
            if after.kind == "cast" and call.time() >= self.late_call:
                minimum = max(minimum - self.shorter, 0.0)
            if rest < minimum:
                weekly = (group, before, after, rest, minimum)
        return daily, weekly


def _work_days(cohorts: DayCohorts) -> dict[tuple[str, str], list[tuple[Rank, PersonDay]]]:
    """Each person planned one by one: their shoot days with a call, in day order."""
    people: dict[tuple[str, str], list[tuple[Rank, PersonDay]]] = {}
    for rank, person in cohorts.people:
        if person.call is not None:
            key = (person.kind, person.cast_id or person.name.casefold())
            people.setdefault(key, []).append((rank, person))
    return people


def _forced_calls(ctx: Context) -> dict[str, dict[tuple, list[Short]]]:
    """Forced calls by rule (``turnaround``, ``weekly rest``), grouped by the same days,
    wrap, call, cell and department, people in plan order: the rest from each wrap to the
    person's next call under the minimum of its kind. A cohort's days are checked once,
    then each member gets the forced calls of the days they work."""
    cohorts = ctx.day_cohorts
    if _FORCED and _FORCED[0][0] is cohorts:
        return _FORCED[0][1]
    check = _RestCheck(ctx)
    people: list[tuple[Rank, Any]] = [
        (days[0][0], [person for _, person in days]) for days in _work_days(cohorts).values()
    ]
    for cohort in cohorts.cohorts:
        work = [(at, line) for at, line in enumerate(cohort.days) if line.call is not None]
        where = [at for at, _ in work]
        pairs = [check.shorts(before, after) for (_, before), (_, after) in pairwise(work)]
        hits = [[(k, found[n]) for k, found in enumerate(pairs) if found[n]] for n in (0, 1)]
        starts = [[k for k, _ in found] for found in hits]
        for member in cohort.members:
            first, last = bisect_left(where, member.first), bisect_left(where, member.last)
            if first < last:
                mine = [found[bisect_left(at, first):bisect_left(at, last - 1)]
                        for found, at in zip(hits, starts, strict=True)]
                people.append(((where[first], member.index), (member.name, mine)))
    people.sort(key=itemgetter(0))
    found: dict[str, dict[tuple, list[Short]]] = {"turnaround": {}, "weekly rest": {}}
    both = (found["turnaround"], found["weekly rest"])
    for _, days in people:
        if isinstance(days, tuple):  # a cohort member: their forced calls are known
            name, mine = days
            for shorts, hits in zip(both, mine, strict=True):
                for _, (group, before, after, rest, minimum) in hits:
                    shorts.setdefault(group, []).append((before, after, rest, minimum, name))
            continue
        for before, after in pairwise(days):
            for shorts, hit in zip(both, check.shorts(before, after), strict=True):
                if hit is not None:
                    group, _, _, rest, minimum = hit
                    shorts.setdefault(group, []).append(
                        (before, after, rest, minimum, after.name)
                    )
    _FORCED[:] = [(cohorts, found)]
    return found


def _short_flag(shorts: list[Short], what: str) -> Flag:
    before, after, hours, minimum, _ = shorts[0]
    assert before.wrap is not None and after.call is not None
    names = _names([short[4] for short in shorts])
    who = f"{names} ({after.department})" if after.department else names
    over = " over the weekend" if what == "weekly rest" else ""
    legal = (before.wrap.astimezone(UTC) + timedelta(hours=minimum)).astimezone(after.call.tzinfo)
    on = "" if legal.date() == after.call.date() else f" on {format_day(legal)}"
    return after.flag(
        f"{who}: {_hours(hours)} h of rest{over} between Day {before.day}'s wrap "
        f"({_when(before.wrap)}) and Day {after.day}'s call ({_when(after.call)}), under the "
        f"{_hours(minimum)} h {before.kind} {what}: a forced call {_hours(minimum - hours)} h "
        "short.",
        suggestion=f"Call {names} at {_clock(legal)}{on} or later on Day {after.day}.",
    )


@rule("day.turnaround", Severity.ERROR, needs=())
def turnaround(ctx: Context) -> Iterator[Flag]:
    """Less rest between a person's wrap and their next call than the turnaround minimum
    (Turnaround Crew Hours, default 10; Turnaround Cast Hours, default 12): a forced call."""
    for shorts in _forced_calls(ctx)["turnaround"].values():
        yield _short_flag(shorts, "turnaround")


def _weekend(before: PersonDay, after: PersonDay) -> bool:
    """Whether two of a person's shoot days have two or more calendar days off between them."""
    if before.date is None or after.date is None:
        return False
    return (after.date - before.date).days >= WEEKEND_DAYS


@rule("day.weekly_rest", Severity.ERROR, needs=())
def weekly_rest(ctx: Context) -> Iterator[Flag]:
    """Less rest over a person's weekend (two or more days off between shoot days) than the
    weekly minimum (Weekly Rest Crew Hours, default 54; Weekly Rest Cast Hours, default 56,
    2 hours less when the new week's first call is 6 AM or later)."""
    found = _forced_calls(ctx)["weekly rest"]
    _FORCED.clear()  # the turnaround check (registered first) has read it too
    for shorts in found.values():
        yield _short_flag(shorts, "weekly rest")


def meal_penalty_amount(half_hours: int, schedule: tuple[float, ...]) -> float:
    """Dollars for a meal ``half_hours`` half hours late: the schedule's 1st, 2nd, ... amount,
    its last repeating (25, 35, 50: 1 -> 25, 3 -> 110, 4 -> 160)."""
    return sum(schedule[min(i, len(schedule) - 1)] for i in range(half_hours))


def _meal_misses(person: PersonDay, interval: float) -> list[tuple[str, str, int]]:
    """(what was late, its Days column, half hours late) for each late or missing meal;
    the half hours are ``functions.meal_due``'s (``PD_MEALDUE``)."""
    assert person.call is not None
    start, since = person.call, f"their {_clock(person.call)} call"
    end = person.wrap
    meals = [(m, name, column) for m, name, column in (
        (person.lunch, "lunch", "Lunch"), (person.second_meal, "second meal", "Second Meal"),
    ) if m is not None and m > person.call and (end is None or m < end)]
    misses = []
    for meal, name, column in meals:
        late = functions.meal_due(start, meal, interval)
        if late:
            misses.append(
                (f"{name} at {_clock(meal)} is {_span(start, meal)} h after {since}", column, late)
            )
        start = meal + timedelta(minutes=functions.MEAL_MINUTES)
        since = f"the end of {name} ({_clock(start)})"
    late = functions.meal_due(start, end, interval) if end is not None and end > start else 0
    if late:
        assert end is not None
        missing, column = ("second meal", "Second Meal") if meals else ("lunch", "Lunch")
        misses.append(
            (f"no {missing}: the {_clock(end)} wrap is {_span(start, end)} h after {since}",
             column, late)
        )
    return misses


def _span(start: datetime, end: datetime) -> str:
    """Hours between two moments, in absolute time: ``6.5``."""
    return _hours((end.astimezone(UTC) - start.astimezone(UTC)).total_seconds() / 3600)


def _money(amount: float) -> str:
    return f"${amount:,.2f}".replace(".00", "")


HOURS_SETTINGS = {
    "Turnaround Crew Hours": functions.REST_HOURS["crew"],
    "Turnaround Cast Hours": functions.REST_HOURS["cast"],
    "Weekly Rest Crew Hours": functions.WEEKLY_REST_HOURS["crew"],
    "Weekly Rest Cast Hours": functions.WEEKLY_REST_HOURS["cast"],
    "Meal Interval Hours": functions.MEAL_INTERVAL_HOURS,
}


@rule("day.unreadable_setting", Severity.WARNING, needs=())
def unreadable_setting(ctx: Context) -> Iterator[Flag]:
    """A turnaround, weekly rest or meal setting that is not a number of hours or a list of
    dollar amounts: the checks use its default."""
    settings = ctx.settings
    sheet = next((n for n, what in ctx.book.special_tabs.items() if what == "Settings"), "")
    grid = ctx.book.grids.get(sheet) or []
    for key, default in HOURS_SETTINGS.items():
        if key not in settings.cells or settings.get(key) is not None:
            continue
        row, col = settings.cells[key]
        line = grid[row - 1] if row <= len(grid) else []
        typed = line[col - 1] if col <= len(line) else None
        if display(typed).strip():
            yield Flag(
                sheet, row, None, a1(row, col),
                f"{key} '{display(typed)}' is not a number of hours; the default "
                f"{_hours(default)} h is used.", suggestion=f"Write it like {_hours(default)}.",
            )
    for kind in ("crew", "cast"):
        key = f"Meal Penalty {kind.title()}"
        if settings.meal_penalties(kind) is None:
            row, col = settings.cells[key]
            default = ", ".join(display(a) for a in functions.MEAL_PENALTIES[kind])
            yield Flag(
                sheet, row, None, a1(row, col),
                f"{key} '{display(settings.get(key))}' is not a list of dollar amounts; meal "
                f"penalties are forecast with the default {default}.",
                suggestion=f"Write the amounts for the 1st, 2nd and later half hours, e.g. "
                f"{default}.",
            )


@rule("day.meal_penalty", Severity.WARNING, needs=("Days",))
def meal_penalty(ctx: Context) -> Iterator[Flag]:
    """A meal planned later than Meal Interval Hours (default 6) after a person's call or the
    end of the last meal, or work planned past it without a meal: the forecast meal penalty
    (Meal Penalty Crew / Meal Penalty Cast, default 25, 35, 50 dollars per half hour), one
    finding per department and day."""
    interval = ctx.settings.meal_interval_hours
    schedules = {
        kind: ctx.settings.meal_penalties(kind) or functions.MEAL_PENALTIES[kind]
        for kind in ("crew", "cast")
    }
    days = ctx.book.tables["Days"]
    day_rows = {}
    for row in days.rows():
        day_rows.setdefault(row.get("Day"), row)
    known: dict[tuple, tuple] = {}

    def misses_of(person: PersonDay) -> tuple:
        plan = (person.call, person.lunch, person.second_meal, person.wrap)
        if plan not in known:
            known[plan] = tuple(_meal_misses(person, interval))
        return known[plan]

    late: list[tuple[Rank, PersonDay, tuple, int]] = []
    """(place in the plan, the line, its misses, how many people it stands for)."""
    cohorts = ctx.day_cohorts
    for rank, person in cohorts.people:
        if person.call is not None and person.day in day_rows and misses_of(person):
            late.append((rank, person, misses_of(person), 1))
    for cohort in cohorts.cohorts:
        counts, firsts = cohort.presence()
        for at, line in enumerate(cohort.days):
            first = firsts[at]
            if line.call is None or line.day not in day_rows or first is None:
                continue
            if misses_of(line):
                late.append(((at, first), line, misses_of(line), counts[at]))
    late.sort(key=itemgetter(0))
    groups: dict[tuple[int, str], dict[tuple, list[Any]]] = {}
    for _, person, misses, count in late:
        parts = groups.setdefault((person.day, person.department), {})
        part = parts.setdefault(misses, [person.kind, 0])
        part[1] += count
    for (day, department), parts in groups.items():
        texts, total, column = [], 0.0, None
        for misses, (kind, count) in parts.items():
            schedule = schedules[kind]
            each = sum(meal_penalty_amount(halves, schedule) for _, _, halves in misses)
            total += each * count
            column = column or misses[0][1]
            noun = "person" if count == 1 else "people"
            reasons = " and ".join(text for text, _, _ in misses)
            texts.append(
                f"{reasons}: {count} {noun}, forecast meal penalty {_money(each * count)} "
                f"({count} x {_money(each)})"
            )
        in_all = f"; {_money(total)} in all" if len(texts) > 1 else ""
        row = day_rows[day]
        where = column if days.has(column or "") else "Lunch" if days.has("Lunch") else None
        yield days.flag(
            row["_row"], where,
            f"Day {day}: {department or 'No department'} " + "; ".join(texts) + in_all + ".",
            suggestion=f"Plan the meal within {_hours(interval)} h of the call (or of the end "
            "of the last meal), or a second meal before the wrap.",
        )
