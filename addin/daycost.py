"""The overtime forecast: what each shoot day's planned hours cost, per department.

Each crew member's pay for a day is ``functions.day_pay`` (the one pay formula, the
one behind ``PD_DAYPAY``) on their rate and planned hours; the overtime is that pay
less the same function at the guarantee (the pay for the hours past the guaranteed
day). The planned hours come from the day plan (``addin.dayplan``: call to wrap,
in absolute time), less the Settings' ``Unpaid Meal Minutes``. The plan's cohorts
(a department's crew who follow its calls) are priced once per day and deal, with
their number of people, not person by person.

``day.overtime`` (rules/overtime.py), the call sheet's "Cost of the day" box and
``PD_DAYCOST`` all read ``forecast``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import UTC, date
from functools import lru_cache, partial
from operator import itemgetter
from typing import TYPE_CHECKING, Any, NamedTuple
from weakref import ref

from addin import functions
from addin.parse import Rate, display, name_key, parse_rate

if TYPE_CHECKING:
    from addin.dayplan import CohortMember, DayCohorts, PersonDay

NO_DEPARTMENT = "No department"
MAX_DEALS_NAMED = 3
"""A department's message names each hours-and-rate pair up to this many."""


def money(amount: float) -> str:
    """``$2,472.72``."""
    return f"-${-amount:,.2f}" if amount < 0 else f"${amount:,.2f}"


def hours_text(hours: float) -> str:
    """``13.5 h``, ``10 h``, ``9.25 h``."""
    text = f"{hours:.2f}".rstrip("0").rstrip(".")
    return f"{text} h"


def hours_span(hours: Iterable[float]) -> str:
    """``13.5 h`` when every value is the same, else ``10-13.5 h``; empty for none."""
    known = sorted(set(hours))
    if not known:
        return ""
    low, high = known[0], known[-1]
    return hours_text(low) if low == high else f"{hours_text(low)[:-2]}-{hours_text(high)}"


class PersonCost(NamedTuple):
    """One crew member's forecast pay for one day, or ``count`` crew members' who work the
    same hours on the same deal (each paid ``pay``, of which ``overtime``)."""

    name: str
    department: str
    hours: float
    rate: Rate
    pay: float
    overtime: float
    count: int = 1


def person_cost(name: str, department: str, hours: float, rate: Rate) -> PersonCost:
    """Pay and overtime for ``hours`` on ``rate``, both from ``functions.day_pay``.

    Overtime is the pay above what the same deal pays for its guaranteed day (8 hours
    for weekly and hourly deals, whose day has no other guarantee): $400/10 for 13.5 h
    pays 618.18, of which 218.18 overtime. A flat fee has none.
    """
    pay = functions.day_pay(rate, hours)
    guaranteed = 0.0 if rate.per == "flat" else rate.guarantee or functions.DEFAULT_GUARANTEE
    straight = pay if rate.per == "flat" else functions.day_pay(rate, min(hours, guaranteed))
    return PersonCost(name, department, hours, rate, pay, round(pay - straight, 2))


@dataclass
class DepartmentCost:
    """A department's forecast for one day."""

    department: str
    groups: list[PersonCost] = field(default_factory=list)
    """Its people, those on the same deal and hours as one entry with their count, in the
    order the first of each is on the Crew tab."""

    @property
    def people(self) -> int:
        """How many crew are counted."""
        return sum(g.count for g in self.groups)

    @property
    def pay(self) -> float:
        """The department's day pay, to the cent."""
        return round(sum(g.count * g.pay for g in self.groups), 2)

    @property
    def overtime(self) -> float:
        """Of ``pay``, the overtime."""
        return round(sum(g.count * g.overtime for g in self.groups), 2)

    @property
    def hours(self) -> str:
        """The planned hours: ``13.5 h`` when everyone works the same, else ``10-13.5 h``."""
        return hours_span(g.hours for g in self.groups)

    @property
    def deals(self) -> str:
        """``13.5 h on $400/10``; with several, ``3 x 13.5 h on $400/10, 12 h on $350/12``;
        with more than three, ``12-13 h on 7 different rates``."""
        groups: dict[tuple[float, str], int] = {}
        for group in self.groups:
            key = (group.hours, _rate_text(group.rate))
            groups[key] = groups.get(key, 0) + group.count
        if len(groups) > MAX_DEALS_NAMED:
            rates = len({rate for _, rate in groups})
            return f"{self.hours} on {rates} different rates"
        parts = [
            f"{'' if count == 1 or len(groups) == 1 else f'{count} x '}"
            f"{hours_text(hours)} on {rate}"
            for (hours, rate), count in groups.items()
        ]
        return ", ".join(parts)


@lru_cache(maxsize=1024)
def _rate_text(rate: Rate) -> str:
    """``$400/10`` (a book has few distinct rates, and each department's message names them)."""
    return str(rate)


@dataclass
class Unrated:
    """A crew member who works a day but has no readable rate."""

    name: str
    department: str


@dataclass
class DayCost:
    """One shoot day's forecast: its departments in crew-list order."""

    day: int
    date: date | None
    departments: list[DepartmentCost] = field(default_factory=list)
    unrated: list[Unrated] = field(default_factory=list)
    """Working crew left out for want of a readable rate."""
    unplanned: list[str] = field(default_factory=list)
    """Working crew left out for want of a call or a wrap."""

    @property
    def pay(self) -> float:
        """The day's forecast pay."""
        return round(sum(d.pay for d in self.departments), 2)

    @property
    def overtime(self) -> float:
        """Of ``pay``, the overtime."""
        return round(sum(d.overtime for d in self.departments), 2)

    @property
    def people(self) -> int:
        """How many crew are counted."""
        return sum(d.people for d in self.departments)

    @property
    def hours(self) -> str:
        """The planned hours of everyone counted (``13.5 h``, ``10-13.5 h``)."""
        return hours_span(g.hours for d in self.departments for g in d.groups)

    def department(self, name: Any) -> DepartmentCost | None:
        """A department by name (case and spacing ignored)."""
        key = name_key(name)
        return next((d for d in self.departments if name_key(d.department) == key), None)


def people_text(count: int) -> str:
    """``1 person``, ``4 people``."""
    return f"{count} {'person' if count == 1 else 'people'}"


def department_message(day: DayCost, cost: DepartmentCost) -> str:
    """``Day 2 forecast: Grip 4 people, $2,472.73 of which $872.73 overtime (13.5 h on
    $400/10)``."""
    return (f"Day {day.day} forecast: {cost.department} {people_text(cost.people)}, "
            f"{_pay_text(cost.pay, cost.overtime)} ({cost.deals}).")


def day_message(day: DayCost) -> str:
    """``Day 2 forecast total: 18 people, $8,123.45 of which $1,234.56 overtime.``"""
    text = f"Day {day.day} forecast total: {people_text(day.people)}, "
    text += _pay_text(day.pay, day.overtime)
    left_out = []
    if day.unrated:
        left_out.append(f"{len(day.unrated)} without a rate")
    if day.unplanned:
        left_out.append(f"{len(day.unplanned)} without a call or wrap")
    if left_out:
        text += f"; not counted: {' and '.join(left_out)}"
    return text + "."


def _pay_text(pay: float, overtime: float) -> str:
    if overtime:
        return f"{money(pay)} of which {money(overtime)} overtime"
    return f"{money(pay)}, no overtime"


def unrated_message(people: Iterable[Unrated]) -> str:
    """``2 crew have no rate, so the forecast leaves them out: Ana Diaz (Grip), Bo Li.``"""
    listed = list(people)
    names = ", ".join(
        f"{p.name} ({p.department})" if p.department != NO_DEPARTMENT else p.name for p in listed
    )
    verb = "has" if len(listed) == 1 else "have"
    return (f"{len(listed)} crew {verb} no rate, so the overtime forecast leaves them out: "
            f"{names}.")


def department_of(value: Any) -> str:
    """The department as shown in the forecast (``No department`` when blank)."""
    return display(value).strip() or NO_DEPARTMENT


_FORECASTS: dict[int, tuple[ref, dict[int, DayCost]]] = {}
"""id(book) -> (the book, weakly; its forecast): the forecast of each book still in use."""


def forecast(book: Any, cohorts: DayCohorts | None = None) -> dict[int, DayCost]:
    """Shoot day -> its forecast, from the day plan's cohorts (``addin.dayplan.cohort_plan``);
    worked out once per book read (a range of ``PD_DAYCOST`` cells costs one).

    Crew only (cast pay is not on the book). A crew member without a readable rate,
    or without a planned call and wrap, is left out and listed on the day. The
    planned hours are call to wrap less the Settings' ``Unpaid Meal Minutes``.
    A cohort's members on the same deal are priced once per day, with their count.
    ``cohorts``: the book's cohort plan when the caller has it already.
    """
    known = _FORECASTS.get(id(book))
    if known is not None and known[0]() is book:
        return known[1]
    from addin.dayplan import cohort_plan

    plan = cohort_plan(book) if cohorts is None else cohorts
    pricing = _Pricing(book)
    result = pricing.days(_entries(plan, pricing))
    _FORECASTS[id(book)] = (ref(book, partial(_forget, id(book))), result)
    return result


class _Entry(NamedTuple):
    """Crew members on one day who share a plan line and a deal: one person, or a cohort's
    members on the same deal (named only when the forecast lists them)."""

    index: int
    """The Crew tab index of the first of them (the plan's order)."""
    line: PersonDay
    deal: tuple[str, float | None]
    count: int
    name: str


def _entries(plan: DayCohorts, pricing: _Pricing) -> list[list[_Entry]]:
    """Each shoot day's crew entries (by day position), in plan order."""
    from addin.dayplan import presence

    positions = max([at + 1 for (at, _), _ in plan.people[-1:]]
                    + [len(c.days) for c in plan.cohorts[:1]], default=0)
    by_day: list[list[_Entry]] = [[] for _ in range(positions)]
    for (at, index), line in plan.people:
        if line.kind == "crew":
            by_day[at].append(_make(_Entry, (index, line, pricing.deal_of(line.name, line.rate),
                                              1, line.name)))
    for cohort in plan.cohorts:
        same_deal: dict[tuple[str, float | None], list[CohortMember]] = {}
        for member in cohort.members:
            same_deal.setdefault(pricing.deal_of(member.name, member.rate), []).append(member)
        for deal, members in same_deal.items():
            counts, firsts = presence(members, len(cohort.days))
            named = pricing.rate(deal) is None
            for at, (count, first) in enumerate(zip(counts, firsts, strict=True)):
                if not count or first is None:
                    continue
                line = cohort.days[at]
                if named or line.call is None or line.wrap is None:
                    by_day[at] += [_make(_Entry, (m.index, line, deal, 1, m.name))
                                   for m in members if m.first <= at < m.last]
                else:
                    by_day[at].append(_make(_Entry, (first, line, deal, count, "")))
    for entries in by_day:
        entries.sort(key=itemgetter(0))
    return by_day


class _Pricing:
    """A book's deals, departments and day lengths, each worked out once (a book has few)."""

    def __init__(self, book: Any) -> None:
        self.meal = book.settings.unpaid_meal_minutes / 60
        self.guarantees = _guarantees(book)
        self.deals: dict[tuple[str, float | None], Rate | None] = {}
        self.names: dict[str, tuple[str, str]] = {}
        self.lengths: dict[tuple[Any, Any], float] = {}
        self.priced: dict[tuple[tuple[str, float | None], float], PersonCost] = {}

    def deal_of(self, name: str, rate: str) -> tuple[str, float | None]:
        """A crew member's deal: their rate as typed and their Guarantee column's hours."""
        return (rate, self.guarantees.get(name_key(name)))

    def rate(self, deal: tuple[str, float | None]) -> Rate | None:
        """The deal's rate, None when it is no rate."""
        if deal not in self.deals:
            self.deals[deal] = _deal(*deal)
        return self.deals[deal]

    def department(self, typed: str) -> tuple[str, str]:
        """(the department as shown, its key)."""
        if typed not in self.names:
            shown = department_of(typed)
            self.names[typed] = (shown, name_key(shown))
        return self.names[typed]

    def hours(self, line: PersonDay) -> float:
        """The planned hours of a line with a call and a wrap, less the unpaid meal."""
        span = (line.call, line.wrap)
        if span not in self.lengths:
            assert line.call is not None and line.wrap is not None
            # in UTC: the difference of two times in one zone would ignore a DST change
            elapsed = line.wrap.astimezone(UTC) - line.call.astimezone(UTC)
            self.lengths[span] = round(max(elapsed.total_seconds() / 3600 - self.meal, 0.0), 2)
        return self.lengths[span]

    def cost(self, deal: tuple[str, float | None], hours: float, rate: Rate) -> PersonCost:
        """One person's pay and overtime on ``deal`` for ``hours``."""
        if (deal, hours) not in self.priced:
            self.priced[(deal, hours)] = person_cost("", "", hours, rate)
        return self.priced[(deal, hours)]

    def days(self, by_day: list[list[_Entry]]) -> dict[int, DayCost]:
        """Each shoot day's forecast from its entries (``_entries``)."""
        result: dict[int, DayCost] = {}
        for entries in by_day:
            if entries:
                first = entries[0].line
                result[first.day] = self.day(DayCost(first.day, first.date), entries)
        return dict(sorted(result.items()))

    def day(self, day: DayCost, entries: list[_Entry]) -> DayCost:
        """``day`` with its entries priced, departments in order of their first person."""
        departments: dict[str, tuple[DepartmentCost, dict[Any, int]]] = {}
        names, deals, lengths, priced = self.names, self.deals, self.lengths, self.priced
        for _, line, deal, count, name in entries:
            department, department_key = names.get(line.department) or self.department(
                line.department)
            rate = deals[deal] if deal in deals else self.rate(deal)
            if rate is None:
                day.unrated.append(Unrated(name, department))
                continue
            if line.call is None or line.wrap is None:
                day.unplanned.append(name)
                continue
            span = (line.call, line.wrap)
            hours = lengths[span] if span in lengths else self.hours(line)
            if department_key not in departments:
                departments[department_key] = (DepartmentCost(department), {})
                day.departments.append(departments[department_key][0])
            cost, places = departments[department_key]
            key = (deal, hours)
            if key in places:
                group = cost.groups[places[key]]
                cost.groups[places[key]] = group._replace(count=group.count + count)
            else:
                places[key] = len(cost.groups)
                same = priced[key] if key in priced else self.cost(deal, hours, rate)
                cost.groups.append(_make(PersonCost, ("", department, hours, rate, same.pay,
                                                      same.overtime, count)))
        return day


_make = tuple.__new__
"""Makes a named tuple from its fields without the checks of its constructor (a big book
makes tens of thousands)."""


def _deal(typed: str, guarantee: float | None) -> Rate | None:
    """The rate as typed, with the Guarantee column's hours when the rate names none
    (``$650`` with 12 in Guarantee is ``$650/12``); None when it is no rate."""
    rate = parse_rate(typed) if typed else None
    if rate is not None and rate.per == "day" and not rate.guarantee and guarantee:
        return replace(rate, guarantee=guarantee)
    return rate


def _guarantees(book: Any) -> dict[str, float]:
    """name_key(crew member) -> the hours of their Guarantee column, where typed."""
    crew = book.table("Crew")
    if crew is None or not crew.has("Guarantee"):
        return {}
    return {
        name_key(row.get("Name")): float(row["Guarantee"])
        for row in crew.rows() if isinstance(row.get("Guarantee"), (int, float))
    }


def _forget(key: int, _: ref) -> None:
    _FORECASTS.pop(key, None)
