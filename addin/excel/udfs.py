"""ProdDesk's sheet functions for Excel: thin xlwings wrappers of functions.py and lookups.py.

``setup_addin.py install`` sets this module as the xlwings UDF module; xlwings
then generates one VBA function per ``PD_...`` below (Windows only: xlwings
UDFs do not run on macOS).

Every value argument may be one cell, a literal or a range: a range answers with
a range of the same shape (a column in, a column out; Excel 365 spills it), a
one-cell range with one value. A value that cannot be used gives its sentence in
the cell (``PD_DAYPAY: rate 'TBD' is not a rate``), never ``#VALUE!``. Functions
that look things up in the book receive the calling cell (xlwings' reserved
``caller`` argument) and read its workbook once per recalculation (see
``BookCache``).
"""

from __future__ import annotations

import datetime as dt
import logging
import time
from collections.abc import Callable
from typing import Any

import xlwings as xw

from addin import functions, lookups
from addin.book import Book, read_book
from addin.errors import AddinError
from addin.hosts.excel import normalise
from addin.parse import format_time

log = logging.getLogger("addin.excel.udfs")

Grid = list[list[Any]]


class BookCache:
    """The production book of each open workbook, read once per recalculation.

    Excel recalculates a sheet as one burst of UDF calls, so a recalculation is
    told apart by time: a cached book is reused while calls keep coming less
    than ``quiet`` seconds apart (and for at most ``max_age`` seconds), and read
    again on the first call after a pause. ``reads`` counts the reads.
    """

    def __init__(
        self,
        read: Callable[[Any], Book] | None = None,
        clock: Callable[[], float] = time.monotonic,
        quiet: float = 1.0,
        max_age: float = 30.0,
    ) -> None:
        self._read = read or _read_workbook
        self._clock = clock
        self.quiet = quiet
        self.max_age = max_age
        self._entries: dict[str, tuple[Book, float, float]] = {}
        self.reads = 0

    def book_of(self, caller: Any) -> Book:
        """The production book of the workbook holding the calling cell."""
        workbook = caller.sheet.book
        key = workbook.fullname
        now = self._clock()
        entry = self._entries.get(key)
        if entry is not None and now - entry[2] <= self.quiet and now - entry[1] <= self.max_age:
            self._entries[key] = (entry[0], entry[1], now)
            return entry[0]
        book = self._read(workbook)
        self.reads += 1
        self._entries[key] = (book, now, now)
        return book

    def clear(self) -> None:
        """Forget every cached book (after ProdDesk itself changed one)."""
        self._entries.clear()


def _read_workbook(workbook: xw.Book) -> Book:
    from addin.hosts.excel import ExcelHost

    return read_book(ExcelHost(workbook))


BOOKS = BookCache()


# -- plumbing -----------------------------------------------------------------------
def _out(value: Any) -> Any:
    """A result as Excel can show it: times as text (7:00 AM), everything else as is."""
    if isinstance(value, dt.time):
        return format_time(value)
    return value


def _grid(value: Any) -> Grid:
    return [[normalise(v) for v in row] for row in functions.as_grid(value)]


def _call(name: str, func: Callable[..., Any], *args: Any) -> Any:
    """One answer: the result, or the sentence of what is wrong (logged if unexpected)."""
    try:
        return _out(func(*args))
    except (ValueError, AddinError) as error:
        return str(error)
    except Exception:
        log.exception("%s failed on %r", name, args)
        return f"{name}: ProdDesk could not work this out; the log has the details"


def _each(name: str, func: Callable[..., Any], *values: Any) -> Any:
    """``func`` over cells or ranges: a range answers a range, blank rows stay blank."""
    return functions.over_ranges(
        name, lambda *args: _call(name, func, *args), *(_grid(v) for v in values)
    )


def _with_book(name: str, caller: Any, func: Callable[..., Any], *values: Any) -> Any:
    """A lookup function over cells or ranges, on the caller's book read once."""
    if caller is None:
        return f"{name}: use it in a cell of the production book"
    try:
        book = BOOKS.book_of(caller)
    except AddinError as error:
        return f"{name}: {error}"
    except Exception:
        log.exception("%s could not read the book", name)
        return f"{name}: ProdDesk could not read this workbook; the log has the details"
    return _each(name, lambda *args: func(book, *args), *values)


# -- pure functions -----------------------------------------------------------------
@xw.func
@xw.arg("rate", ndim=2)
def PD_BASEHOURLY(rate):
    """Straight-time hourly base of a day rate: $400/10 gives 36.36."""
    return _each("PD_BASEHOURLY", functions.base_hourly, rate)


@xw.func
@xw.arg("rate", ndim=2)
@xw.arg("hours", ndim=2)
@xw.arg("seventh_day", ndim=2)
def PD_DAYPAY(rate, hours, seventh_day=False):
    """Gross pay for a day: $400/10 for 13.5 hours gives 618.18, on a 7th day 836.36."""
    return _each("PD_DAYPAY", functions.day_pay, rate, hours, seventh_day)


@xw.func
@xw.arg("call", ndim=2)
@xw.arg("lunch", ndim=2)
def PD_MEALDUE(call, lunch=None):
    """When the meal is due (call + 6 h); with a lunch, how many half hours late it is."""
    return _each("PD_MEALDUE", functions.meal_due, call, lunch)


@xw.func
@xw.arg("wrap", ndim=2)
@xw.arg("next_call", ndim=2)
def PD_TURNAROUND(wrap, next_call, rest_class="crew"):
    """Hours of rest between a wrap and the next call (crew or cast)."""
    return _each("PD_TURNAROUND", functions.turnaround, wrap, next_call, rest_class or "crew")


@xw.func
@xw.arg("wrap", ndim=2)
@xw.arg("next_call", ndim=2)
def PD_TURNAROUNDSTATUS(wrap, next_call, rest_class="crew"):
    """OK 11.5 h, or FORCED CALL: 8.0 h of 10 h."""
    return _each(
        "PD_TURNAROUNDSTATUS", functions.turnaround_status, wrap, next_call, rest_class or "crew"
    )


@xw.func
@xw.arg("pages", ndim=2)
def PD_PAGES(pages):
    """Total of a range of page counts, in eighths: 3 7/8."""
    return _call("PD_PAGES", functions.pages_total, _grid(pages))


@xw.func
@xw.arg("text", ndim=2)
def PD_PHONE(text, region="US"):
    """A phone number written the usual way: (310) 555-0143."""
    return _each("PD_PHONE", functions.phone, text, region or "US")


# -- lookups in the book ------------------------------------------------------------
@xw.func(volatile=True)  # recalculated when any cell changes
@xw.arg("name", ndim=2)
@xw.arg("day", ndim=2)
def PD_CALLTIME(name, day, caller):
    """A crew or cast member's call on a shoot day (day number or date)."""
    return _with_book("PD_CALLTIME", caller, lookups.call_time, name, day)


@xw.func(volatile=True)  # recalculated when any cell changes
@xw.arg("vendor", ndim=2)
@xw.arg("as_of", ndim=2)
def PD_COISTATUS(vendor, caller, as_of=None):
    """A vendor's insurance certificate status: Current, Expiring in N days, Expired, Missing."""
    return _with_book("PD_COISTATUS", caller, lookups.vendor_coi_status, vendor, as_of)


@xw.func(volatile=True)  # recalculated when any cell changes
@xw.arg("account", ndim=2)
def PD_BUDGETLEFT(account, caller):
    """An account's budget minus its POs (Void ones left out)."""
    return _with_book("PD_BUDGETLEFT", caller, lookups.budget_left, account)


@xw.func(volatile=True)  # recalculated when any cell changes
def PD_NEXTPO(caller):
    """The next PO number after the highest on the POs tab."""
    return _with_book("PD_NEXTPO", caller, lookups.next_po)


@xw.func(volatile=True)  # recalculated when any cell changes
@xw.arg("cast_id", ndim=2)
@xw.arg("day", ndim=2)
def PD_SWHF(cast_id, day, caller):
    """A cast member's code on a shoot day, as on the call sheet and the DOOD (SW, W, WF, SWF,
    H, T, PU/W, W/D...; empty when off or dropped)."""
    return _with_book("PD_SWHF", caller, lookups.swhf, cast_id, day)


@xw.func(volatile=True)  # recalculated when any cell changes
@xw.arg("location", ndim=2)
@xw.arg("on", ndim=2)
def PD_SUNRISE(location, on, caller):
    """Sunrise at a location of the Locations tab on a date."""
    return _with_book("PD_SUNRISE", caller, lookups.sunrise, location, on)


@xw.func(volatile=True)  # recalculated when any cell changes
@xw.arg("location", ndim=2)
@xw.arg("on", ndim=2)
def PD_SUNSET(location, on, caller):
    """Sunset at a location of the Locations tab on a date."""
    return _with_book("PD_SUNSET", caller, lookups.sunset, location, on)


@xw.func(volatile=True)  # recalculated when any cell changes
@xw.arg("day", ndim=2)
@xw.arg("department", ndim=2)
def PD_DAYCOST(day, caller, department=None):
    """A shoot day's forecast crew pay (rates and planned hours), or one department's."""
    return _with_book("PD_DAYCOST", caller, lookups.day_cost, day, department)


UDF_NAMES = [
    "PD_BASEHOURLY", "PD_DAYPAY", "PD_TURNAROUND", "PD_TURNAROUNDSTATUS", "PD_MEALDUE",
    "PD_PAGES", "PD_PHONE",
    "PD_CALLTIME", "PD_COISTATUS", "PD_BUDGETLEFT", "PD_NEXTPO", "PD_SWHF", "PD_SUNRISE",
    "PD_SUNSET", "PD_DAYCOST",
]
