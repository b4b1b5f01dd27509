"""The sheet functions as pure Python: day pay, turnaround, pages, phones, COI status.

Each takes cell values as a host gives them, returns one value, or raises
ValueError with one sentence that names the sheet function and the value
(``PD_DAYPAY: rate 'TBD' is not a rate``). excel/udfs.py and the Google HTTP API
bind these under the names in ``SHEET_NAMES``; ``over_ranges`` lets a function of
one value answer a whole range.

The pay and rest rules are copied from public sources (see each docstring);
union figures change with each contract, so they are parameters with defaults.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Iterable
from fractions import Fraction
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from addin.parse import (
    DAYS_IN_A_WEEK,
    Rate,
    display,
    format_eighths,
    is_blank,
    is_error,
    normalize_phone,
    parse_date,
    parse_hours,
    parse_pages,
    parse_rate,
    parse_time,
    parse_yes_no,
    serial_to_date,
)

SHEET_NAMES = {
    "base_hourly": "PD_BASEHOURLY",
    "day_pay": "PD_DAYPAY",
    "turnaround": "PD_TURNAROUND",
    "turnaround_status": "PD_TURNAROUNDSTATUS",
    "meal_due": "PD_MEALDUE",
    "pages_total": "PD_PAGES",
    "phone": "PD_PHONE",
    "coi_status": "PD_COISTATUS",
}

DEFAULT_GUARANTEE = 8.0

# Minimum rest between wrap and next call, in hours (industry-rules.md, "Turnaround"):
# crew 10 h (IATSE 2021 agreement); cast 12 h (SAG-AFTRA principal performers,
# http://www.sagaftra.org/rest-periods-forced-calls-0).
REST_HOURS = {"crew": 10.0, "cast": 12.0}
# Weekly rest over a weekend (industry-rules.md, "Turnaround"): crew 54 h (IATSE 2021
# agreement); cast 56 h, or 54 h when the new week's first call is 6 AM or later (SAG-AFTRA,
# http://www.sagaftra.org/rest-periods-forced-calls-0).
WEEKLY_REST_HOURS = {"crew": 54.0, "cast": 56.0}
CAST_WEEKLY_REST_LATE_CALL = (2.0, dt.time(6, 0))
"""The cast's weekly rest is this many hours shorter when the new week's first call is at this
time or later (56 -> 54)."""

# Meals (industry-rules.md, "Meals"): a meal within 6 hours of call (California crew; SAG-AFTRA
# performers); SAG-AFTRA penalties $25 for the first half hour late or part of it, $35 for the
# second, $50 for each after (https://www.sagaftra.org/meal-periods). ProdDesk uses the same
# schedule for crew unless Settings says otherwise (Teamsters Local 399: 10, 12.50, 15).
MEAL_INTERVAL_HOURS = 6.0
MEAL_PENALTIES = {"crew": (25.0, 35.0, 50.0), "cast": (25.0, 35.0, 50.0)}
MEAL_MINUTES = 30
"""A meal's length: the next meal's hours count from its end."""

_REST_ALIASES = {
    "crew": "crew", "iatse": "crew",
    "cast": "cast", "talent": "cast", "performer": "cast", "sag": "cast", "sag-aftra": "cast",
    "sagaftra": "cast",
}


def _fail(name: str, message: str) -> ValueError:
    return ValueError(f"{SHEET_NAMES[name]}: {message}")


def _quoted(value: Any) -> str:
    return repr(display(value))


def _rate(name: str, value: Any) -> Rate:
    if isinstance(value, Rate):
        return value
    if is_error(value):
        raise _fail(name, f"the rate cell holds the error {display(value)}")
    if is_blank(value):
        raise _fail(name, "the rate is empty")
    rate = parse_rate(value)
    if rate is None:
        raise _fail(name, f"rate {_quoted(value)} is not a rate (write it like $400/12)")
    return rate


def pay_hours(hours: float) -> float:
    """California daily pay-hours of an H-hour day: hours 0-8 at 1x, 8-12 at 1.5x, over 12 at 2x.

    ``PH(H) = min(H,8) + 1.5*clamp(H-8,0,4) + 2*max(H-12,0)`` (Labor Code §510;
    Wage Order 12; industry-rules.md "Day rates").
    """
    return min(hours, 8.0) + 1.5 * min(max(hours - 8.0, 0.0), 4.0) + 2.0 * max(hours - 12.0, 0.0)


def seventh_day_pay_hours(hours: float) -> float:
    """Pay-hours on the 7th consecutive day of a workweek: first 8 h at 1.5x, over 8 at 2x.

    Source: California Labor Code §510 (https://self-law.org/code/ca/labor-code/510),
    quoted in industry-rules.md.
    """
    return 1.5 * min(hours, 8.0) + 2.0 * max(hours - 8.0, 0.0)


def _day_amount(rate: Rate) -> float:
    """What a day of the deal pays at its guarantee: a weekly deal's day is a fifth of it."""
    return rate.amount / DAYS_IN_A_WEEK if rate.per == "week" else rate.amount


def _base(rate: Rate) -> float:
    if rate.per == "hour":
        return rate.amount
    guarantee = rate.guarantee or DEFAULT_GUARANTEE
    return _day_amount(rate) / pay_hours(guarantee)


def _kit_per_day(rate: Rate) -> float:
    if rate.kit is None:
        return 0.0
    return rate.kit / DAYS_IN_A_WEEK if rate.per == "week" else rate.kit


def base_hourly(rate: Any) -> float:
    """The straight-time hourly base of a day rate, rounded to cents.

    ``$R/G`` pays R for a G-hour day with overtime built in, so the base is
    ``R / PH(G)``: /8 divides by 8, /10 by 11, /12 by 14 ($400/10 -> 36.36,
    $800/10 -> 72.73). Without a guarantee the day is 8 hours. Source:
    industry-rules.md "Day rates" (thefreemeapp.com, silaselias.co/rates).

    A weekly deal (``$2,500/wk``) is 5 days of 8 hours, 40 straight-time hours
    (industry-rules.md: weekly overtime is over 40 hours), so its base is W / 40
    (62.50). An hourly deal (``$38.50/hr``) is its own base. A flat fee has no
    hourly base and is refused. A kit fee is not wages and never counts here.
    """
    deal = _rate("base_hourly", rate)
    if deal.per == "flat":
        raise _fail("base_hourly", f"rate {_quoted(rate)} is a flat fee; it has no hourly base")
    return round(_base(deal), 2)


def day_pay(rate: Any, hours: Any, seventh_day: Any = False) -> float:
    """Gross pay for one day of ``hours`` worked on a ``$R/G`` deal, rounded to cents.

    Regular day: ``base * PH(max(H, G))`` with ``base = R / PH(G)`` (unrounded)
    and the guarantee G as a floor (8 when the rate has none); so $400/10 pays
    400.00 at 10 h, 509.09 at 12 h and 618.18 at 13.5 h.

    7th consecutive day: the same base (the deal's straight-time rate), with the
    first 8 hours at 1.5x and hours over 8 at 2x, the guarantee still a floor:
    ``base * (1.5*min(H',8) + 2*max(H'-8,0))`` with ``H' = max(H, G)``; $400/10
    for 13.5 h on a 7th day pays 836.36.

    ``seventh_day`` is read as yes/no (TRUE, Y, Yes, X, 1; blank is no). Hours are
    used as given (no rounding up to 6-minute units). Sources: industry-rules.md
    "Day rates" (Labor Code §510, Wage Order 12).

    Other deals (ProdDesk's reading, in the README): weekly ``$2,500/wk`` is a day
    of ``W/5`` on an 8-hour guarantee ($500/8; 687.50 for 10 h); hourly
    ``$38.50/hr`` pays ``R * PH(H)`` for the hours worked, no guarantee (423.50 for
    10 h); flat ``$1,500 flat`` pays the fee whatever the hours, no overtime. A kit
    fee (``+ $50 kit``) is added once per day (a fifth of it on a weekly deal), with
    no overtime on it; ``+ kit`` without an amount adds nothing.
    """
    deal = _rate("day_pay", rate)
    seventh = False if is_blank(seventh_day) else parse_yes_no(seventh_day)
    if seventh is None:
        raise _fail("day_pay", f"7th day {_quoted(seventh_day)} is not yes or no")
    if is_blank(hours):
        raise _fail("day_pay", "the hours worked are empty")
    worked = parse_hours(hours)
    if worked is None:
        raise _fail("day_pay", f"hours {_quoted(hours)} is not a number of hours")
    if worked > 24:
        raise _fail("day_pay", f"hours {_quoted(hours)} is more than a day")
    kit = _kit_per_day(deal)
    if deal.per == "flat":
        return round(deal.amount + kit + 1e-9, 2)
    paid = worked if deal.per == "hour" else max(worked, deal.guarantee or DEFAULT_GUARANTEE)
    factor = seventh_day_pay_hours(paid) if seventh else pay_hours(paid)
    return round(_base(deal) * factor + kit + 1e-9, 2)


def _zone(name: str, tz: str | None) -> dt.tzinfo | None:
    if not tz:
        return None
    try:
        return ZoneInfo(tz)
    except (ZoneInfoNotFoundError, ValueError):
        raise _fail(name, f"time zone {tz!r} is not a time zone name") from None


def _moment(name: str, label: str, value: Any) -> dt.datetime | dt.time:
    """A datetime when the value carries a date, else a time of day."""
    if isinstance(value, dt.datetime) and value == value:
        return value
    if type(value) in (int, float) and value >= 1:
        day = serial_to_date(value)
        if day is not None:
            fraction = float(value) % 1
            return dt.datetime.combine(day, dt.time()) + dt.timedelta(days=fraction)
    if isinstance(value, str):
        text = " ".join(value.split())
        day, clock = parse_date(text), parse_time(text)
        if day is not None and clock is not None:
            return dt.datetime.combine(day, clock)
        for cut in range(text.rfind(" "), 0, -1):
            if text[cut] == " ":
                day, clock = parse_date(text[:cut]), parse_time(text[cut + 1:])
                if day is not None and clock is not None:
                    return dt.datetime.combine(day, clock)
    clock = parse_time(value)
    if clock is None:
        if is_blank(value):
            raise _fail(name, f"the {label} time is empty")
        raise _fail(name, f"{label} {_quoted(value)} is not a time")
    return clock


def _as_utc(moment: dt.datetime, zone: dt.tzinfo | None) -> dt.datetime:
    if moment.tzinfo is None:
        if zone is None:
            return moment.replace(tzinfo=dt.UTC)
        moment = moment.replace(tzinfo=zone)
    return moment.astimezone(dt.UTC)


def _rest_minimum(name: str, rest_class: str) -> float:
    key = _REST_ALIASES.get(str(rest_class).strip().casefold())
    if key is None:
        raise _fail(name, f"rest class {rest_class!r} is not crew or cast")
    return REST_HOURS[key]


def _rest_hours(name: str, wrap: Any, next_call: Any, tz: str | None) -> float:
    start = _moment(name, "wrap", wrap)
    end = _moment(name, "next call", next_call)
    if isinstance(start, dt.datetime) and isinstance(end, dt.datetime):
        zone = _zone(name, tz)
        seconds = (_as_utc(end, zone) - _as_utc(start, zone)).total_seconds()
        if seconds < 0:
            raise _fail(
                name, f"next call {_quoted(next_call)} is before the wrap {_quoted(wrap)}"
            )
        return round(seconds / 3600, 2)
    start_time = start.time() if isinstance(start, dt.datetime) else start
    end_time = end.time() if isinstance(end, dt.datetime) else end
    seconds = (
        (end_time.hour - start_time.hour) * 3600
        + (end_time.minute - start_time.minute) * 60
        + (end_time.second - start_time.second)
    ) % 86400
    return round((seconds or 86400) / 3600, 2)


def turnaround(wrap: Any, next_call: Any, rest_class: str = "crew", tz: str | None = None) -> float:
    """Hours of rest between a wrap and the next call, to 2 decimals.

    With two datetimes the rest is measured in absolute time: aware datetimes,
    or naive ones read in ``tz`` (an IANA name), so a daylight saving change is
    counted right. With times of day (or one time), the next call is the first
    time that clock time comes after the wrap, i.e. less than 24 hours later
    (wrap 11:00 PM, call 7:00 AM -> 8.0). ``rest_class`` (crew or cast) is only
    checked here; ``turnaround_status`` compares against its minimum.
    Source: industry-rules.md "Turnaround".
    """
    _rest_minimum("turnaround", rest_class)
    return _rest_hours("turnaround", wrap, next_call, tz)


def _hours_text(hours: float) -> str:
    text = f"{hours:.2f}".rstrip("0")
    return text + "0" if text.endswith(".") else text


def turnaround_status(
    wrap: Any, next_call: Any, rest_class: str = "crew", tz: str | None = None
) -> str:
    """``OK 11.5 h`` or ``FORCED CALL: 8.0 h of 10 h``: the rest against its minimum.

    Minimum rest: crew 10 hours (IATSE 2021 agreement), cast 12 hours (SAG-AFTRA
    principal performers, http://www.sagaftra.org/rest-periods-forced-calls-0).
    Less than the minimum is a forced call, paid with a penalty (industry-rules.md).
    """
    minimum = _rest_minimum("turnaround_status", rest_class)
    hours = _rest_hours("turnaround_status", wrap, next_call, tz)
    if hours >= minimum:
        return f"OK {_hours_text(hours)} h"
    return f"FORCED CALL: {_hours_text(hours)} h of {display(minimum)} h"


def _clock_of(moment: dt.datetime | dt.time) -> dt.time:
    return moment.time() if isinstance(moment, dt.datetime) else moment


def meal_due(call: Any, lunch: Any = None, interval: float = MEAL_INTERVAL_HOURS) -> Any:
    """When a meal is due after a call, or how late a lunch is.

    Without ``lunch``: the time of day ``interval`` hours (6) after the call
    (7:00 AM -> 1:00 PM). With it: the number of half hours the lunch is late, a
    part of one counting whole, 0 when on time (a 6:30 AM call and a 1:00 PM lunch
    -> 1, which SAG-AFTRA's schedule prices at $25). With two times of day, a lunch
    at an earlier clock time than the call is the next day's (6 PM call, 12:30 AM
    lunch); two datetimes are compared in absolute time. Source: industry-rules.md
    "Meals" (a meal within 6 hours of call).
    """
    start = _moment("meal_due", "call", call)
    if is_blank(lunch):
        due = dt.datetime.combine(dt.date(2000, 1, 1), _clock_of(start))
        return (due + dt.timedelta(hours=float(interval))).time()
    meal = _moment("meal_due", "lunch", lunch)
    if isinstance(start, dt.datetime) and isinstance(meal, dt.datetime):
        seconds = (_as_utc(meal, None) - _as_utc(start, None)).total_seconds()
        if seconds < 0:
            raise _fail("meal_due", f"lunch {_quoted(lunch)} is before the call {_quoted(call)}")
    else:
        begin, end = _clock_of(start), _clock_of(meal)
        seconds = ((end.hour - begin.hour) * 3600 + (end.minute - begin.minute) * 60
                   + end.second - begin.second) % 86400
    late_minutes = round(seconds / 60) - round(float(interval) * 60)
    return max(math.ceil(late_minutes / 30), 0)


def _flatten(values: Any) -> Iterable[Any]:
    if isinstance(values, (list, tuple)):
        for value in values:
            yield from _flatten(value)
    else:
        yield values


def pages_total(values: Iterable[Any]) -> str:
    """The total of a range of page counts (``1 3/8``, ``4/8``, 0.5, ...), written in eighths.

    Blank cells count as nothing; ``3/8`` + ``1 4/8`` -> ``1 7/8``.
    """
    total = Fraction(0)
    cells = [values] if isinstance(values, str) or not isinstance(values, Iterable) else values
    for value in _flatten(list(cells)):
        if is_blank(value):
            continue
        pages = parse_pages(value)
        if pages is None:
            message = f"{_quoted(value)} is not a page count (write it like 1 3/8)"
            raise _fail("pages_total", message)
        total += pages
    return format_eighths(total)


def phone(text: Any, region: str = "US") -> str:
    """A phone number written the way the book shows it; blank in, blank out.

    National format inside ``region`` (``(310) 555-0143``), international
    otherwise (``+44 20 7946 0958``).
    """
    if is_blank(text):
        return ""
    number = normalize_phone(text, region or "US")
    if number is None:
        raise _fail("phone", f"{_quoted(text)} is not a valid phone number for {region or 'US'}")
    return number


def coi_status(expiry: Any, as_of: Any, warning_days: int = 14) -> str:
    """A vendor's certificate of insurance status on ``as_of``.

    ``Missing`` (no readable expiry date), ``Expired`` (the expiry is before
    ``as_of``), ``Expiring today``, ``Expiring in 1 day``, ``Expiring in N days``
    (within ``warning_days``, default 14), else ``Current``. Statuses and the
    14-day reminder from industry-rules.md "Paperwork and vendors" (damnjobs.com
    COI expiration tracker).
    """
    today = parse_date(as_of)
    if today is None:
        raise _fail("coi_status", f"as-of date {_quoted(as_of)} is not a date")
    expires = parse_date(expiry)
    if expires is None:
        return "Missing"
    days = (expires - today).days
    if days < 0:
        return "Expired"
    if days <= int(warning_days):
        if days == 0:
            return "Expiring today"
        return f"Expiring in {days} day" + ("" if days == 1 else "s")
    return "Current"


def as_grid(value: Any) -> list[list[Any]]:
    """A cell value or a range as rows: a scalar is one cell, a flat list one column."""
    if isinstance(value, (list, tuple)):
        rows = [list(v) if isinstance(v, (list, tuple)) else [v] for v in value]
        return rows if rows and rows[0] else [[None]]
    return [[value]]


def over_ranges(name: str, answer: Callable[..., Any], *grids: list[list[Any]]) -> Any:
    """``answer`` over cells or ranges (each given ``as_grid``), as Excel and Sheets show it.

    All single cells: one answer. Otherwise the ranges must have one shape and the
    answer has that shape; a single cell is repeated for every position, and a
    position where every range is blank stays blank (``""``). ``answer`` gets one
    value per argument and returns what that cell shows (it handles refusals).
    """
    shapes = {(len(g), len(g[0])) for g in grids if (len(g), len(g[0])) != (1, 1)}
    if not shapes:
        return answer(*(g[0][0] for g in grids))
    if len(shapes) > 1:
        return f"{name}: the ranges are not the same size"
    height, width = shapes.pop()
    ranged = [(len(g), len(g[0])) != (1, 1) for g in grids]
    results = []
    for r in range(height):
        row = []
        for c in range(width):
            pairs = zip(grids, ranged, strict=True)
            args = [g[r][c] if is_range else g[0][0] for g, is_range in pairs]
            blank = all(is_blank(a) for a, is_range in zip(args, ranged, strict=True) if is_range)
            row.append("" if blank else answer(*args))
        results.append(row)
    return results
