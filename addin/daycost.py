"""The overtime forecast: what each shoot day's planned hours cost, per department.

Each crew member's pay for a day is ``functions.day_pay`` (the one pay formula, the
one behind ``PD_DAYPAY``) on their rate and planned hours; the overtime is that pay
less the same function at the guarantee (the pay for the hours past the guaranteed
day). The planned hours come from the day plan (``addin.dayplan``: call to wrap,
in absolute time), less the Settings' ``Unpaid Meal Minutes``.

``day.overtime`` (rules/overtime.py), the call sheet's "Cost of the day" box and
``PD_DAYCOST`` all read ``forecast``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import UTC, date
from functools import partial
from typing import Any, NamedTuple
from weakref import ref

from addin import functions
from addin.parse import Rate, display, name_key, parse_rate

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
    """One crew member's forecast pay for one day (a named tuple: a book makes thousands)."""

    name: str
    department: str
    hours: float
    rate: Rate
    pay: float
    overtime: float


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
    people: list[PersonCost] = field(default_factory=list)

    @property
    def pay(self) -> float:
        """The department's day pay, to the cent."""
        return round(sum(p.pay for p in self.people), 2)

    @property
    def overtime(self) -> float:
        """Of ``pay``, the overtime."""
        return round(sum(p.overtime for p in self.people), 2)

    @property
    def hours(self) -> str:
        """The planned hours: ``13.5 h`` when everyone works the same, else ``10-13.5 h``."""
        return hours_span(p.hours for p in self.people)

    @property
    def deals(self) -> str:
        """``13.5 h on $400/10``; with several, ``3 x 13.5 h on $400/10, 12 h on $350/12``;
        with more than three, ``12-13 h on 7 different rates``."""
        groups: dict[tuple[float, str], int] = {}
        for person in self.people:
            key = (person.hours, str(person.rate))
            groups[key] = groups.get(key, 0) + 1
        if len(groups) > MAX_DEALS_NAMED:
            rates = len({rate for _, rate in groups})
            return f"{self.hours} on {rates} different rates"
        parts = [
            f"{'' if count == 1 or len(groups) == 1 else f'{count} x '}"
            f"{hours_text(hours)} on {rate}"
            for (hours, rate), count in groups.items()
        ]
        return ", ".join(parts)


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
        return sum(len(d.people) for d in self.departments)

    @property
    def hours(self) -> str:
        """The planned hours of everyone counted (``13.5 h``, ``10-13.5 h``)."""
        return hours_span(p.hours for d in self.departments for p in d.people)

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
    return (f"Day {day.day} forecast: {cost.department} {people_text(len(cost.people))}, "
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


def forecast(book: Any, people: list[Any] | None = None) -> dict[int, DayCost]:
    """Shoot day -> its forecast, from the day plan (``addin.dayplan.plan``); worked
    out once per book read (a range of ``PD_DAYCOST`` cells costs one).

    Crew only (cast pay is not on the book). A crew member without a readable rate,
    or without a planned call and wrap, is left out and listed on the day. The
    planned hours are call to wrap less the Settings' ``Unpaid Meal Minutes``.
    ``people``: the book's day plan when the caller has it already.
    """
    known = _FORECASTS.get(id(book))
    if known is not None and known[0]() is book:
        return known[1]
    from addin.dayplan import plan

    meal = book.settings.unpaid_meal_minutes / 60
    guarantees = _guarantees(book)
    # a book has few distinct deals, departments and day lengths: each is worked out once
    deals: dict[tuple[str, float | None], Rate | None] = {}
    names: dict[str, tuple[str, str]] = {}
    lengths: dict[tuple[Any, Any], float] = {}
    priced: dict[tuple[tuple[str, float | None], float], PersonCost] = {}
    days: dict[int, DayCost] = {}
    departments: dict[tuple[int, str], DepartmentCost] = {}
    for person in plan(book) if people is None else people:
        if person.kind != "crew":
            continue
        day = days.get(person.day) or days.setdefault(person.day, DayCost(person.day, person.date))
        if person.department not in names:
            shown = department_of(person.department)
            names[person.department] = (shown, name_key(shown))
        department, department_key = names[person.department]
        deal = (person.rate, guarantees.get(name_key(person.name)))
        if deal not in deals:
            deals[deal] = _deal(*deal)
        rate = deals[deal]
        if rate is None:
            day.unrated.append(Unrated(person.name, department))
            continue
        if person.call is None or person.wrap is None:
            day.unplanned.append(person.name)
            continue
        span = (person.call, person.wrap)
        if span not in lengths:
            # in UTC: the difference of two times in one zone would ignore a DST change
            elapsed = person.wrap.astimezone(UTC) - person.call.astimezone(UTC)
            lengths[span] = round(max(elapsed.total_seconds() / 3600 - meal, 0.0), 2)
        hours = lengths[span]
        if (deal, hours) not in priced:
            priced[(deal, hours)] = person_cost("", "", hours, rate)
        same = priced[(deal, hours)]
        cost = PersonCost(person.name, department, hours, rate, same.pay, same.overtime)
        key = (person.day, department_key)
        if key not in departments:
            departments[key] = DepartmentCost(department)
            day.departments.append(departments[key])
        departments[key].people.append(cost)
    result = dict(sorted(days.items()))
    _FORECASTS[id(book)] = (ref(book, partial(_forget, id(book))), result)
    return result


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
