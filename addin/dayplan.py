"""The day plan: each person's planned call, meals and wrap on each shoot day.

One ``PersonDay`` per person on a shoot day's call sheet, with absolute times
(aware datetimes in the production's timezone), so that rest and meal rules
(``rules/day.py``) and cost forecasts count hours right across midnight and a
daylight saving change. Who is on a day, and their call, come from the same
functions as the call sheet's (``addin/calls.py``):

- crew: everyone with a name whose start and end dates include the day (or who
  has none); their call is the first of their own Crew Calls row for the day,
  their standing call (Crew tab), their department's Crew Calls row, the day's
  general crew call. A call typed as a word (``O/C``, ``TBD``) is no time: the
  call is None, as the call sheet prints the word.
- cast: everyone in the day's scenes, on hold between work days, or with a Cast
  Calls row for the day; their call is their H/MU call on that row, else On
  Set, else Pickup (as ``PD_CALLTIME``), None without a row or on hold.

Wrap: the person's own (a ``Wrap`` column on Crew Calls or Cast Calls, also
``Release``, ``Released``, ``Dismissed``, ``Out``), else their department's
(the Crew Calls row whose Who is the department), else the day's estimated
``Wrap`` (Days tab). A wrap, lunch or second meal earlier than the call is on
the next date (a 2 PM call wrapping at 1:30 AM wraps the next morning). Without
a usable timezone the times are read as UTC (no daylight saving).

``cohort_plan`` is the same plan with the crew who follow their department's calls
(no call of their own on any day) kept as one line per department and day, each
member with the run of shoot days their dates cover: the rest and meal checks read it,
so a 1,000-person crew over 150 days is 3,000 lines, not 150,000. ``plan`` expands it.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import Counter
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from functools import lru_cache
from itertools import pairwise
from operator import itemgetter
from typing import Any, NamedTuple

from addin.book import Book
from addin.calls import (
    cast_call,
    cast_on_day,
    crew_keys,
    crew_on_day,
    dates_reversed,
    day_calls,
)
from addin.callsheet.sun import production_zone
from addin.cast_days import CastDays, cast_days, cast_key, cast_order
from addin.days import shoot_days
from addin.model import Flag, Table
from addin.parse import display, is_blank, name_key
from addin.timezones import production_timezone


class PersonDay(NamedTuple):
    """One person on one shoot day: their call, meals and wrap as planned.

    Immutable; a named tuple, because a big book's plan holds 150,000 of them
    (a frozen dataclass took four times as long to make).
    """

    kind: str
    """``crew`` or ``cast``."""
    name: str
    department: str
    """The crew member's department; ``Cast`` for cast."""
    day: int
    date: date | None
    call: datetime | None
    """Aware, in the production's timezone; None without a date or a call time."""
    wrap: datetime | None
    wrap_source: str
    """``own``, ``department`` or ``day`` (``""`` without a wrap)."""
    lunch: datetime | None
    """The day's lunch (Days tab), read against the general crew call."""
    second_meal: datetime | None
    """The day's second meal (Days tab ``Second Meal``), after the lunch."""
    sheet: str
    """The tab of the cell that set the call (for findings)."""
    row: int | None
    column: str | None
    """That cell's header text as in the book."""
    cell: str | None
    call_source: str = ""
    """``own``, ``standing``, ``department`` or ``day``."""
    department_call: datetime | None = None
    """The department's call for the day (Crew Calls), else the general crew call."""
    rate: str = ""
    """The crew member's Rate as typed (``$400/12``), empty for cast."""
    cast_id: str = ""
    status: str = ""
    """The cast member's SWHF letters (``H`` on hold: no call); empty for crew."""

    @property
    def works(self) -> bool:
        """Whether a call time is planned (a hold day or an ``O/C`` call has none)."""
        return self.call is not None

    def flag(self, message: str, suggestion: str | None = None) -> Flag:
        """A finding on the cell that set this person's call."""
        return Flag(self.sheet, self.row, self.column, self.cell, message, suggestion)


def plan_zone(book: Book) -> tzinfo:
    """The production's timezone (``addin.timezones``), UTC when none can be used."""
    chosen = production_timezone(book).name
    return (production_zone(chosen) if chosen else None) or UTC


def moment(
    on: date | None, clock: Any, zone: tzinfo, after: datetime | None = None
) -> datetime | None:
    """``clock`` on the date ``on`` in ``zone``; on the next date when it is before ``after``."""
    if on is None or not isinstance(clock, time):
        return None
    return _moment(on, clock, zone, after)


@lru_cache(maxsize=4096)
def _moment(on: date, clock: time, zone: tzinfo, after: datetime | None) -> datetime:
    when = datetime.combine(on, clock.replace(tzinfo=None), tzinfo=zone)
    if after is not None and when.astimezone(UTC) < after.astimezone(UTC):
        when = datetime.combine(on + timedelta(days=1), clock.replace(tzinfo=None), tzinfo=zone)
    return when


def plan(book: Book) -> list[PersonDay]:
    """Everyone on each shoot day's call sheet, crew then cast, day by day."""
    return cohort_plan(book).lines()


class CohortMember(NamedTuple):
    """A crew member who follows their department's calls on every day they work."""

    index: int
    """Their place on the Crew tab (the plan's order)."""
    name: str
    rate: str
    first: int
    last: int
    """The positions ``first`` to ``last - 1`` of the shoot days they are on."""
    name_place: tuple | None
    """(sheet, row, header, cell) of their Name, for days without a call source."""


class Cohort(NamedTuple):
    """The crew members of one department who follow its calls (no call of their own, no
    Crew Calls row of their own on any day): one plan per shoot day for all of them."""

    days: list[PersonDay]
    """Each shoot day's plan for them (by position), name and rate empty."""
    members: list[CohortMember]
    """In Crew tab order."""

    def presence(self) -> tuple[list[int], list[int | None]]:
        """(how many members are on each shoot day, the Crew tab index of the first of them),
        by day position."""
        return presence(self.members, len(self.days))


def presence(
    members: list[CohortMember], days: int
) -> tuple[list[int], list[int | None]]:
    """(how many of ``members`` (in Crew tab order) are on each of ``days`` shoot day
    positions, the Crew tab index of the first of them there)."""
    change = [0] * (days + 1)
    first: list[int | None] = [None] * days
    free = list(range(days + 1))  # the next day position with no first member yet

    def next_free(at: int) -> int:
        while free[at] != at:
            free[at] = free[free[at]]
            at = free[at]
        return at

    for member in members:
        change[member.first] += 1
        change[member.last] -= 1
        at = next_free(member.first)
        while at < member.last:
            first[at] = member.index
            free[at] = at + 1
            at = next_free(at + 1)
    counts, running = [], 0
    for step in change[:days]:
        running += step
        counts.append(running)
    return counts, first


Rank = tuple[int, int]
"""A line's place in the plan: (day position, place on the day: crew tab index, then cast)."""


class DayCohorts(NamedTuple):
    """The day plan with the crew who follow their department's calls kept as cohorts."""

    people: list[tuple[Rank, PersonDay]]
    """Everyone planned one by one (crew with calls of their own, cast), in plan order."""
    cohorts: list[Cohort]

    def lines(self) -> list[PersonDay]:
        """Every person's line, in plan order (``plan``)."""
        days = max([at + 1 for (at, _), _ in self.people[-1:]] + [len(self.cohorts[0].days)
                   if self.cohorts else 0])
        ranked: list[list[tuple[int, PersonDay]]] = [[] for _ in range(days)]
        for (at, index), line in self.people:
            ranked[at].append((index, line))
        make = tuple.__new__
        for cohort in self.cohorts:
            fields = [list(line) for line in cohort.days]
            for member in cohort.members:
                for at in range(member.first, member.last):
                    line = fields[at]
                    line[1], line[16] = member.name, member.rate
                    if line[10] == "" and member.name_place is not None:
                        named = line.copy()
                        named[10:14] = member.name_place
                        line = named
                    ranked[at].append((member.index, make(PersonDay, line)))
        lines = []
        for day in ranked:
            day.sort(key=itemgetter(0))
            lines += [line for _, line in day]
        return lines


def cohort_plan(book: Book) -> DayCohorts:
    """The day plan (``plan``), with the crew members who follow their department's calls
    planned once per department and day (a cohort) instead of once per person."""
    zone = plan_zone(book)
    cast = cast_days(book)
    memo = _Memo()
    members, keys = _members(book), crew_keys(book)
    cast_rows, crew_rows = _rows_by_day(book, "Cast Calls"), _rows_by_day(book, "Crew Calls")
    days = list(shoot_days(book).items())
    dates = [when for _, when in days]
    groups = _cohort_groups(book, members, keys, dates)
    grouped = {index for group in groups.values() for index, _ in group}
    alone = [(index, member) for index, member in enumerate(members) if index not in grouped]
    people: list[tuple[Rank, PersonDay]] = []
    lines: dict[tuple[str, str], list[PersonDay]] = {key: [] for key in groups}
    for at, (day, when) in enumerate(days):
        planner = _DayPlanner(book, day, when, zone, memo, keys, crew_rows.get(day, []))
        people += [((at, index), line) for index, line in planner.crew(alone)]
        for key, group in groups.items():
            lines[key].append(planner.cohort(group[0][1]))
        after = len(members)
        people += [
            ((at, after + n), line)
            for n, line in enumerate(planner.cast(cast, cast_rows.get(day, [])))
        ]
    cohorts = []
    for key, group in groups.items():
        placeless = any(line.sheet == "" for line in lines[key])
        cohorts.append(Cohort(lines[key], [
            CohortMember(
                index, member.name, member.rate, first, last,
                _name_place(book, member, memo.places) if placeless else None,
            )
            for index, (member, first, last) in (
                (index, (member, *_span(member, dates)))
                for index, member in group
            )
        ]))
    return DayCohorts(people, cohorts)


def _rows_by_day(book: Book, kind: str) -> dict[Any, list[dict[str, Any]]]:
    """Day -> the rows of a Crew Calls or Cast Calls tab for it, in the tab's order."""
    table = book.table(kind)
    rows: dict[Any, list[dict[str, Any]]] = {}
    for record in table.rows() if table is not None else []:
        rows.setdefault(record.get("Day"), []).append(record)
    return rows


def _cohort_groups(
    book: Book, members: list[_Member], keys: tuple[set[str], set[str]], dates: list[Any]
) -> dict[tuple[str, str], list[tuple[int, _Member]]]:
    """(department key, department) -> the members who follow its calls, with their Crew tab
    index. None when the shoot days' dates are missing or out of order (everyone is then
    planned one by one): a member's days are then a run of consecutive positions."""
    if not all(isinstance(when, date) for when in dates) or any(
        a > b for a, b in pairwise(dates)
    ):
        return {}
    overrides = book.table("Crew Calls")
    own = {name_key(r.get("Who")) for r in overrides.rows()} if overrides is not None else set()
    own &= keys[0]
    names = Counter(member.name.casefold() for member in members)
    groups: dict[tuple[str, str], list[tuple[int, _Member]]] = {}
    for index, member in enumerate(members):
        if (
            member.key not in own
            and names[member.name.casefold()] == 1
            and not isinstance(member.standing, time)
            and is_blank(member.typed.get("Call"))
        ):
            groups.setdefault((member.department_key, member.department), []).append(
                (index, member)
            )
    return groups


def _span(member: _Member, dates: list[date]) -> tuple[int, int]:
    """(first, last + 1) positions of the shoot days a member is on (``crew_on_day``)."""
    if dates_reversed(member.row):
        return 0, 0
    start, end = member.dates
    first = bisect_left(dates, start) if isinstance(start, date) else 0
    last = bisect_right(dates, end) if isinstance(end, date) else len(dates)
    return first, max(first, last)


def _name_place(book: Book, member: _Member, places: dict) -> tuple:
    """(sheet, row, header, cell) of a crew member's Name."""
    key = ("Crew", member.row["_row"], "Name")
    if key not in places:
        table = book.table("Crew")
        assert table is not None
        flag = table.flag(member.row["_row"], "Name", "")
        places[key] = (flag.sheet, flag.row, flag.column, flag.cell)
    return places[key]


class _Member(NamedTuple):
    """A crew member as the plan of every day reads them."""

    row: dict[str, Any]
    typed: dict[str, Any]
    name: str
    department: str
    rate: str
    key: str
    """name_key of the name (their own Crew Calls rows)."""
    department_key: str
    dates: tuple
    """(Start Date, End Date) as read."""
    standing: Any
    """Their standing call: the time, else the text typed (``O/C``, ``""``)."""


def _members(book: Book) -> list[_Member]:
    """Every named crew member, in the Crew tab's order."""
    table = book.table("Crew")
    members = []
    for row, typed in table.pairs() if table is not None else []:
        name = display(row.get("Name")).strip()
        if name:
            department = display(row.get("Department")).strip()
            standing = row.get("Call")
            if not isinstance(standing, time):
                standing = display(typed.get("Call"))
            members.append(_Member(
                row, typed, name, department, display(typed.get("Rate")).strip(),
                name_key(row.get("Name")), name_key(row.get("Department")),
                (row.get("Start Date"), row.get("End Date")), standing,
            ))
    return members


class _Memo:
    """What the days of one plan share: cells' places, rows as typed, the cast by id."""

    def __init__(self) -> None:
        self.places: dict[tuple[str, int | None, str], tuple] = {}
        """(tab kind, row, column) -> (sheet, row, header, cell)."""
        self.raw: dict[str, dict[int, dict[str, Any]]] = {}
        """tab kind -> row number -> the row as typed."""
        self.cast: dict[str, dict[str, Any]] | None = None
        """cast id -> their Cast row."""


class _DayPlanner:
    """The plan of one shoot day."""

    def __init__(
        self, book: Book, day: int, when: date | None, zone: tzinfo,
        memo: _Memo,
        keys: tuple[set[str], set[str]],
        records: list[dict[str, Any]],
    ):
        self.book, self.day, self.when, self.zone = book, day, when, zone
        self.calls = day_calls(book, day, keys, records)
        general = self.calls.general or {}
        self.general = general
        self.general_call = moment(when, general.get("Crew Call"), zone)
        anchor = self.general_call
        self.lunch = moment(when, general.get("Lunch"), zone, anchor)
        self.second_meal = moment(when, general.get("Second Meal"), zone, self.lunch or anchor)
        self._raw = memo.raw
        self._places = memo.places
        self._memo = memo
        """(tab kind, row, column) -> place, shared by the days of one plan."""

    def raw(self, kind: str, record: dict[str, Any]) -> dict[str, Any]:
        """The row as typed (before times were read)."""
        if kind not in self._raw:
            table = self.book.table(kind)
            pairs = table.pairs() if table is not None else []
            self._raw[kind] = {row["_row"]: typed for row, typed in pairs}
        return self._raw[kind].get(record["_row"], {})

    def place(self, kind: str, record: dict[str, Any] | None, column: str) -> tuple:
        """(sheet, row, header, cell) of a row's cell."""
        key = (kind, record["_row"] if record is not None else None, column)
        if key not in self._places:
            table: Table | None = self.book.table(kind)
            if table is None or record is None:
                self._places[key] = (table.sheet if table else kind, None, None, None)
            else:
                flag = table.flag(record["_row"], column, "")
                self._places[key] = (flag.sheet, flag.row, flag.column, flag.cell)
        return self._places[key]

    # -- crew

    def crew(self, members: list[tuple[int, _Member]]) -> list[tuple[int, PersonDay]]:
        """The day's lines of these crew members (with their Crew tab index), one by one."""
        on_day: dict[tuple, bool] = {}
        resolved: dict[tuple, tuple] = {}
        people, departments = self.calls.people, self.calls.departments
        day, when, lunch, second_meal = self.day, self.when, self.lunch, self.second_meal
        make = tuple.__new__  # PersonDay's fields in order: a big book makes 150,000 of them
        lines = []
        for index, member in members:
            works = on_day.get(member.dates)
            if works is None:
                works = on_day[member.dates] = crew_on_day(member.row, when)
            if not works:
                continue
            own = people.get(member.key)
            department_row = departments.get(member.department_key)
            key = (id(own) if own else 0, member.standing,
                   id(department_row) if department_row else 0)
            found = resolved.get(key)
            if found is None:  # the same calls and wraps give the same plan
                found = resolved[key] = self._resolve(member.row, department_row)
            call, source, place, wrap, wrap_source, department_call = found
            if place is None:  # their own cell: the standing call, else their name
                place = self.place("Crew", member.row, "Call" if source == "standing" else "Name")
            lines.append((index, make(PersonDay, (
                "crew", member.name, member.department, day, when, call, wrap, wrap_source,
                lunch, second_meal, *place, source, department_call, member.rate, "", "",
            ))))
        return lines

    def cohort(self, member: _Member) -> PersonDay:
        """The day's line of a department's cohort (``member`` is one of them), name and rate
        empty; the sheet is empty when no call source is typed (each member's Name then)."""
        department_row = self.calls.departments.get(member.department_key)
        call, source, place, wrap, wrap_source, department_call = self._resolve(
            member.row, department_row
        )
        place = place or ("", None, None, None)
        return PersonDay(
            "crew", "", member.department, self.day, self.when, call, wrap, wrap_source,
            self.lunch, self.second_meal, *place, source, department_call, "", "", "",
        )

    def _resolve(self, row: dict[str, Any], department_row: dict[str, Any] | None) -> tuple:
        """(call, its source, its place or None for the person's own cell, wrap, wrap source,
        department call) of a crew member: the call sheet's sources, first typed first."""
        names = {"Crew Calls": "own", "Crew": "standing", "Days": "day"}
        call, source, place = None, "", None
        for kind, record, column in self.calls.sources(row):
            value = record.get(column)
            if isinstance(value, time):
                call = moment(self.when, value, self.zone)
            elif is_blank(self.raw(kind, record).get(column)):
                continue
            source = names[kind]
            if kind == "Crew Calls" and record is department_row:
                source = "department"
            place = None if kind == "Crew" else self.place(kind, record, column)
            break
        wrap, wrap_source = self._wrap(row, department_row, call)
        department_call = moment(self.when, (department_row or {}).get("Call"), self.zone)
        return call, source, place, wrap, wrap_source, department_call or self.general_call

    def _wrap(
        self, person: dict[str, Any], department: dict[str, Any] | None, call: datetime | None
    ) -> tuple[datetime | None, str]:
        own = self.calls.people.get(name_key(person.get("Name")))
        anchor = call or self.general_call
        for record, source in ((own, "own"), (department, "department")):
            wrap = moment(self.when, (record or {}).get("Wrap"), self.zone, anchor)
            if wrap is not None:
                return wrap, source
        wrap = moment(self.when, self.general.get("Wrap"), self.zone, anchor)
        return wrap, "day" if wrap is not None else ""

    # -- cast

    def cast(self, cast: CastDays, records: list[dict[str, Any]]) -> list[PersonDay]:
        codes = {cast_id: cast.code(cast_id, self.day) for cast_id in {*cast.work, *cast.travel}}
        coded = {cast_id for cast_id, code in codes.items() if code}
        on_day = cast_on_day(self.book, self.day, cast, records, coded)
        if self._memo.cast is None:
            table = self.book.table("Cast")
            self._memo.cast = {cast_key(r.get("Cast #")): r for r in table.rows()} if table else {}
        people = self._memo.cast
        lines = []
        for cast_id in sorted(on_day, key=cast_order):
            record = on_day[cast_id] or None
            status = codes.get(cast_id, "")  # "" for a Cast Calls row alone
            person = people.get(cast_id, {})
            name = (
                display(person.get("Actor")).strip()
                or display(person.get("Character")).strip()
                or f"Cast #{cast_id}"
            )
            call, column = None, "Cast #"
            found = cast_call(record) if record is not None and status != "H" else None
            if found is not None:
                call, column = moment(self.when, found[0], self.zone), found[1]
            place = self.place("Cast Calls", record, column)
            if record is None:
                place = self.place("Cast", person or None, "Cast #")
            own_wrap = (record or {}).get("Wrap")
            wrap = moment(self.when, own_wrap, self.zone, call or self.general_call)
            wrap_source = "own" if wrap is not None else ""
            if wrap is None and call is not None:
                wrap = moment(self.when, self.general.get("Wrap"), self.zone, call)
                wrap_source = "day" if wrap is not None else ""
            lines.append(
                PersonDay(
                    kind="cast",
                    name=name,
                    department="Cast",
                    day=self.day,
                    date=self.when,
                    call=call,
                    wrap=wrap,
                    wrap_source=wrap_source,
                    lunch=self.lunch,
                    second_meal=self.second_meal,
                    sheet=place[0],
                    row=place[1],
                    column=place[2],
                    cell=place[3],
                    call_source="own" if call is not None else "",
                    department_call=call,
                    cast_id=cast_id,
                    status=status,
                )
            )
        return lines


