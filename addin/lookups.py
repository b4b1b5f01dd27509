"""Sheet functions that look things up in the production book, as pure Python.

Each takes a ``Book`` (read once by the caller) and cell values, returns one
value, or raises ValueError with one sentence naming the sheet function and the
value (``PD_CALLTIME: nobody named 'Zed' on the Crew or Cast tab``). The Excel
UDFs (addin/excel/udfs.py) and the Google HTTP API bind these under the names in
``SHEET_NAMES``.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from addin import functions
from addin.book import Book
from addin.calls import cast_call, day_calls
from addin.callsheet.sun import production_zone, sun_times
from addin.cast_days import cast_days, cast_key
from addin.days import shoot_days
from addin.model import Table
from addin.parse import (
    display,
    is_blank,
    is_error,
    name_key,
    parse_cast_ids,
    parse_date,
    parse_money,
    serial_to_date,
    vendor_key,
)
from addin.rules.budget import committed_by_account
from addin.timezones import production_timezone

SHEET_NAMES = {
    "call_time": "PD_CALLTIME",
    "coi_status": "PD_COISTATUS",
    "budget_left": "PD_BUDGETLEFT",
    "next_po": "PD_NEXTPO",
    "swhf": "PD_SWHF",
    "sunrise": "PD_SUNRISE",
    "sunset": "PD_SUNSET",
    "day_cost": "PD_DAYCOST",
}

LAST_DAY_NUMBER = 999
"""A number up to this is a shoot day number; above it, an Excel date serial."""


def _fail(name: str, message: str) -> ValueError:
    return ValueError(f"{SHEET_NAMES[name]}: {message}")


def _quoted(value: Any) -> str:
    return repr(display(value))


def _table(name: str, book: Book, kind: str) -> Table:
    table = book.table(kind)
    if table is None:
        raise _fail(name, f"the book has no {kind} tab")
    return table


def _same(a: Any, b: Any) -> bool:
    return not is_blank(a) and not is_blank(b) and name_key(a) == name_key(b)


def _key_text(value: Any) -> str:
    """An account or id as text: 2000, 2000.0 and '2000' are the same."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip().casefold()


def resolve_day(name: str, book: Book, day: Any) -> tuple[int, dt.date | None]:
    """A shoot day given as its number (2, '2', 'Day 2') or its date -> (number, date)."""
    days = shoot_days(book)
    if is_blank(day) or is_error(day):
        raise _fail(name, "the day is empty" if is_blank(day) else f"the day cell holds {day}")
    number: int | None = None
    when: dt.date | None = None
    if isinstance(day, (int, float)) and not isinstance(day, bool):
        if day <= LAST_DAY_NUMBER:
            number = int(day) if float(day).is_integer() else None
        else:
            when = serial_to_date(day)
    elif isinstance(day, str) and re.fullmatch(r"\s*(day\s*)?#?\s*\d{1,3}\s*", day, re.I):
        number = int(re.sub(r"\D", "", day))
    else:
        when = parse_date(day)
    if when is not None:
        number = next((n for n, d in days.items() if d == when), None)
        if number is None:
            raise _fail(name, f"{display(when)} is not a shoot day in the book")
    if number is None:
        raise _fail(name, f"day {_quoted(day)} is not a shoot day number or a date")
    if number not in days:
        raise _fail(name, f"day {number} is not a shoot day in the book")
    return number, days[number]


def _day_row(table: Table | None, number: int) -> dict[str, Any] | None:
    if table is None or not table.has("Day"):
        return None
    return next((row for row in table.rows() if row.get("Day") == number), None)


def call_time(book: Book, name: Any, day: Any) -> dt.time:
    """A person's call on a shoot day.

    Crew: their own override on Crew Calls for the day, else their standing call
    (the Crew tab's Call column), else their department's, else the day's general
    crew call (``addin.calls``). Cast (by actor, character or cast #): the
    H/MU call on Cast Calls, else On Set, else Pickup.
    """
    if is_blank(name):
        raise _fail("call_time", "the name is empty")
    number, _ = resolve_day("call_time", book, day)
    crew = book.table("Crew")
    person = next((r for r in crew.rows() if _same(r.get("Name"), name)), None) if crew else None
    if person is not None:
        return _crew_call(book, person, number)
    cast_id = _cast_id(book, name)
    if cast_id is None:
        raise _fail("call_time", f"nobody named {_quoted(name)} on the Crew or Cast tab")
    calls = book.table("Cast Calls")
    for row in calls.rows() if calls else []:
        if row.get("Day") == number and _key_text(row.get("Cast #")) == cast_id:
            found = cast_call(row)
            if found is not None:
                return found[0]
    raise _fail("call_time", f"{display(name)} has no call on day {number} on the Cast Calls tab")


def _crew_call(book: Book, person: dict[str, Any], number: int) -> dt.time:
    call = day_calls(book, number).of(person)
    if call is None:
        raise _fail("call_time", f"day {number} has no general crew call on the Days tab")
    return call


def _cast_id(book: Book, name: Any) -> str | None:
    cast = book.table("Cast")
    for row in cast.rows() if cast else []:
        if _same(row.get("Actor"), name) or _same(row.get("Character"), name):
            return _key_text(row.get("Cast #"))
        if not is_blank(row.get("Cast #")) and _key_text(row["Cast #"]) == _key_text(name):
            return _key_text(row["Cast #"])
    return None


def vendor_coi_status(book: Book, vendor: Any, as_of: Any = None) -> str:
    """The COI status of a vendor named as on the Vendors tab, on ``as_of`` (default today).

    Names match ignoring case, punctuation and company suffixes (``Inc.``, ``LLC``);
    the warning window is the book's ``COI Warning Days`` setting.
    """
    if is_blank(vendor):
        raise _fail("coi_status", "the vendor name is empty")
    table = _table("coi_status", book, "Vendors")
    key = vendor_key(vendor)
    row = next((r for r in table.rows() if vendor_key(r.get("Vendor")) == key), None)
    if row is None:
        raise _fail("coi_status", f"no vendor named {_quoted(vendor)} on the Vendors tab")
    when = dt.date.today() if is_blank(as_of) else as_of
    try:
        return functions.coi_status(row.get("COI Expires"), when, book.settings.coi_warning_days)
    except ValueError:
        raise _fail("coi_status", f"as-of date {_quoted(as_of)} is not a date") from None


def budget_left(book: Book, account: Any) -> float:
    """An account's budget minus its Open, Approved and Paid POs (as the budget check counts)."""
    if is_blank(account):
        raise _fail("budget_left", "the account is empty")
    budget = _table("budget_left", book, "Budget")
    key = _key_text(account)
    line = next((r for r in budget.rows() if _key_text(r.get("Account")) == key), None)
    if line is None:
        raise _fail("budget_left", f"account {_quoted(account)} is not on the Budget tab")
    if not isinstance(line.get("Budget"), (int, float)):
        raise _fail("budget_left", f"account {_quoted(account)} has no budget amount")
    spent = committed_by_account(book).get(str(line["Account"]).strip(), 0.0)
    return round(float(line["Budget"]) - spent, 2)


_PO_NUMBER = re.compile(r"^(.*?)(\d+)(\D*)$")


def next_po(book: Book) -> str:
    """The PO number after the highest one on the POs tab, same prefix and width (LT-1030)."""
    table = _table("next_po", book, "POs")
    best: tuple[int, str, int, str] | None = None
    for row in table.rows():
        value = row.get("PO #")
        if is_blank(value):
            continue
        match = _PO_NUMBER.match(_key_text(value).upper() if not isinstance(value, str)
                                 else value.strip())
        if match and (best is None or int(match.group(2)) > best[0]):
            best = (int(match.group(2)), match.group(1), len(match.group(2)), match.group(3))
    if best is None:
        raise _fail("next_po", "the POs tab has no PO numbers yet")
    number, prefix, width, suffix = best
    return f"{prefix}{number + 1:0{width}d}{suffix}"


def swhf(book: Book, cast_id: Any, day: Any) -> str:
    """A cast member's code on a shoot day, as the call sheet and the DOOD print it
    (``CastDays.code``: SW, W, WF, SWF, H, T, PU/W, W/D...; "" when off)."""
    if is_blank(cast_id):
        raise _fail("swhf", "the cast # is empty")
    ids = parse_cast_ids(cast_id)
    key = _key_text(ids[0]) if len(ids) == 1 else _cast_id(book, cast_id)
    key = _key_text(cast_key(key)) if key else None  # '#2' on the Cast tab is cast 2
    cast = book.table("Cast")
    known = {_key_text(cast_key(r.get("Cast #"))) for r in cast.rows()} if cast else set()
    plan = cast_days(book)
    ids_of = {_key_text(k): k for k in {*plan.work, *plan.travel}}
    if key is None or (key not in known and key not in ids_of):
        raise _fail("swhf", f"cast # {_quoted(cast_id)} is not on the Cast tab")
    number, _ = resolve_day("swhf", book, day)
    return plan.code(ids_of.get(key, key), number)


def _sun(name: str, book: Book, location: Any, on: Any) -> tuple[dt.time | None, dt.time | None]:
    if is_blank(location):
        raise _fail(name, "the location is empty")
    table = _table(name, book, "Locations")
    row = next((r for r in table.rows() if _same(r.get("Location"), location)), None)
    if row is None:
        raise _fail(name, f"no location named {_quoted(location)} on the Locations tab")
    latitude, longitude = parse_money(row.get("Latitude")), parse_money(row.get("Longitude"))
    if latitude is None or longitude is None:
        raise _fail(name, f"{display(location)} has no latitude and longitude")
    when = parse_date(on)
    if when is None:
        raise _fail(name, f"date {_quoted(on)} is not a date")
    chosen = production_timezone(book)
    if chosen.name is None:
        raise _fail(name, "the book has no Timezone setting and no location coordinates")
    zone = production_zone(chosen.name)
    if zone is None:
        raise _fail(name, f"the Timezone setting {chosen.name!r} is not a timezone")
    rise, set_ = sun_times(latitude, longitude, when, zone)
    return (
        rise.time().replace(microsecond=0) if rise else None,
        set_.time().replace(microsecond=0) if set_ else None,
    )


def sunrise(book: Book, location: Any, on: Any) -> dt.time:
    """Sunrise at a location of the Locations tab on a date, in the production's timezone."""
    rise, _ = _sun("sunrise", book, location, on)
    if rise is None:
        raise _fail("sunrise", f"the sun does not rise at {display(location)} that day")
    return rise


def sunset(book: Book, location: Any, on: Any) -> dt.time:
    """Sunset at a location of the Locations tab on a date, in the production's timezone."""
    _, set_ = _sun("sunset", book, location, on)
    if set_ is None:
        raise _fail("sunset", f"the sun does not set at {display(location)} that day")
    return set_


def day_cost(book: Book, day: Any, department: Any = None) -> float:
    """A shoot day's forecast crew pay (``addin.daycost``), or one department's.

    The pay of everyone with a rate and a planned call and wrap, as ``day.overtime``
    and the call sheet's Cost of the day count it (0 for a day nobody with a rate works).
    """
    from addin.daycost import forecast

    number, _ = resolve_day("day_cost", book, day)
    cost = forecast(book).get(number)
    if is_blank(department):
        return cost.pay if cost else 0.0
    found = cost.department(department) if cost else None
    if found is None:
        raise _fail("day_cost", f"nobody in {_quoted(department)} with a rate works day {number}")
    return found.pay
