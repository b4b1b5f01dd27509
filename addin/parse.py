"""One place for the mess of values in a coordinator's spreadsheet.

Every function takes any cell value as a host reads it (str, int, float, bool,
date, datetime, time, None or a CellError) and never raises on bad input: it
returns None (or an empty result) for "empty or not readable". Typed values take
a fast path; text goes through small cached parsers, because the same strings
repeat thousands of times in a book.

The formats accepted are the ones listed in the project's WORKBOOK.md,
"Mess that must be tolerated".
"""

from __future__ import annotations

import datetime as dt
import math
import re
import unicodedata
from dataclasses import dataclass
from fractions import Fraction
from functools import lru_cache
from typing import Any

import phonenumbers

from addin.model import ERROR_VALUES, CellError

_CACHE = 65536

# Excel's 1900 date system: serial 1 is 1900-01-01 and the system counts a
# 29 Feb 1900 that never was, so from serial 61 on, day 0 is 1899-12-30.
_EXCEL_EPOCH = dt.date(1899, 12, 30)
SERIAL_MIN = 20000  # 1954-10-03
SERIAL_MAX = 80000  # 2119-01-10

_DATE = dt.date
_DATETIME = dt.datetime
_TIME = dt.time


def is_blank(value: Any) -> bool:
    """Whether a cell is empty: None, "" or only whitespace (a NaN from pandas too)."""
    if value is None:
        return True
    kind = type(value)
    if kind is str:
        return not value or value.isspace()
    if kind is float:
        return math.isnan(value)
    return False


def is_error(value: Any) -> bool:
    """Whether a cell holds a spreadsheet error value such as ``#REF!`` or ``#N/A``."""
    if isinstance(value, CellError):
        return True
    return isinstance(value, str) and value in ERROR_VALUES


def _text(value: Any) -> str | None:
    """The stripped text of a str cell, or None when blank or an error value."""
    if not isinstance(value, str) or isinstance(value, CellError):
        return None
    text = value.strip()
    if not text or text in ERROR_VALUES:
        return None
    return text


def _is_nat(value: Any) -> bool:
    """Whether a date-like value is pandas' "not a time" (it is unequal to itself)."""
    return value != value


def _number(value: Any) -> float | None:
    """A finite int or float (never a bool), as float."""
    kind = type(value)
    if kind is float:
        return value if math.isfinite(value) else None
    if kind is int:
        return float(value)
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        number = float(value)
        return number if math.isfinite(number) else None
    return None


# ---------------------------------------------------------------- dates

def serial_to_date(serial: float) -> dt.date | None:
    """The date of an Excel serial number (1900 system) in 20000..80000, else None."""
    if not SERIAL_MIN <= serial <= SERIAL_MAX:
        return None
    return _EXCEL_EPOCH + dt.timedelta(days=int(serial))


def parse_date(value: Any) -> dt.date | None:
    """A calendar date from a real date, an Excel serial number or text.

    Text: ``12/3/2026``, ``12/3/26``, ``Thu 12/3/26`` (US month first; two-digit
    years 00-68 are 20xx, 69-99 are 19xx), ``2026-12-03``, ``Dec 3, 2026``, ``December 3 2026``,
    ``Thu Dec 3, 2026``, ``3-Dec-2026``, ``3 Dec 26``. A date without a year
    (``Thu Dec 3``) is not readable.
    """
    kind = type(value)
    if kind is _DATE:
        return value
    if kind is _DATETIME:
        return value.date()
    if kind is str:
        return _parse_date_text(value)
    if kind is float or kind is int:
        return serial_to_date(value) if math.isfinite(value) else None
    if isinstance(value, _DATE):
        if _is_nat(value):
            return None
        return value.date() if isinstance(value, _DATETIME) else value
    if isinstance(value, str):
        return None if isinstance(value, CellError) else _parse_date_text(str(value))
    number = _number(value)
    return serial_to_date(number) if number is not None else None


_MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"),
            ("may",), ("jun", "june"), ("jul", "july"), ("aug", "august"),
            ("sep", "sept", "september"), ("oct", "october"), ("nov", "november"),
            ("dec", "december"),
        ],
        start=1,
    )
    for name in names
}
_WEEKDAY = r"(?:(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)[a-z]*\.?,?\s+)?"
_TIME_TAIL = r"(?:[t\s]+\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:\s*[ap]\.?m?\.?)?)?"
_NUMERIC_US = re.compile(_WEEKDAY + r"(\d{1,2})([/.-])(\d{1,2})\2(\d{2}|\d{4})" + _TIME_TAIL)
_ISO = re.compile(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})" + _TIME_TAIL)
_ORDINAL = r"(?:st|nd|rd|th)?"
_MONTH_FIRST = re.compile(
    _WEEKDAY + r"([a-z]+)\.?\s*(\d{1,2})" + _ORDINAL + r",?\s+(\d{4}|\d{2})" + _TIME_TAIL
)
_DAY_FIRST = re.compile(
    _WEEKDAY + r"(\d{1,2})" + _ORDINAL + r"[\s-]+([a-z]+)\.?,?[\s-]+(\d{4}|\d{2})" + _TIME_TAIL
)
_SERIAL_TEXT = re.compile(r"\d{5}(?:\.\d+)?")


def _year(text: str) -> int:
    year = int(text)
    if len(text) == 2:
        year += 2000 if year <= 68 else 1900
    return year


def _make_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


@lru_cache(maxsize=_CACHE)
def _parse_date_text(raw: str) -> dt.date | None:
    text = raw.strip().lower()
    if not text or raw.strip() in ERROR_VALUES:
        return None
    match = _NUMERIC_US.fullmatch(text)
    if match:
        return _make_date(_year(match.group(4)), int(match.group(1)), int(match.group(3)))
    match = _ISO.fullmatch(text)
    if match:
        return _make_date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
    match = _MONTH_FIRST.fullmatch(text)
    if match and match.group(1) in _MONTHS:
        return _make_date(_year(match.group(3)), _MONTHS[match.group(1)], int(match.group(2)))
    match = _DAY_FIRST.fullmatch(text)
    if match and match.group(2) in _MONTHS:
        return _make_date(_year(match.group(3)), _MONTHS[match.group(2)], int(match.group(1)))
    if _SERIAL_TEXT.fullmatch(text):
        return serial_to_date(float(text))
    return None


_TEXT_SEPARATORS = re.compile(r"\s*(?:-{2,}|[—–|;•()\[\]]|\*+|\s-\s)\s*")
_NUMERIC_NO_YEAR = re.compile(r"((?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)[a-z]*\.?,?\s+)?"
                              r"(\d{1,2})/(\d{1,2})")
_MAX_DATE_WORDS = 5
_EIGHTHS = re.compile(r"[0-7]/8")
_PAGE_UNIT_WORD = re.compile(r"(?:pages|page|pgs|pg)\.?")
_PAGE_WORD = re.compile(r"[0-7]/8|[\d/.]+(?:pages|page|pgs|pg|p)\.?")


def date_in_text(text: Any, around: dt.date | None = None) -> dt.date | None:
    """The first date written inside free text, such as a schedule's End of Day row.

    ``END OF DAY 1 -- Thu 12/3/26 -- 6 6/8 pgs`` -> 2026-12-03. The text is cut at
    ``--``, `` - ``, ``|``, ``;``, ``*`` and brackets; each piece is read with
    ``parse_date`` (every form it knows), over runs of up to five words. A date
    without a year (``Thu Dec 3``, ``Thu 12/3``, ``12/3``) takes the year that puts
    it nearest ``around`` (default today). A page count is never a date: ``4 3/8``,
    ``3/8`` and ``6 6/8 pgs`` are eighths of a page, so a bare ``m/8`` with m under 8
    is read as pages; write a weekday (``Fri 1/8``) or the year for January 8.
    """
    if not isinstance(text, str) or isinstance(text, CellError) or not text.strip():
        return None
    for piece in _TEXT_SEPARATORS.split(text.strip().lower()):
        words = piece.split()
        for start in range(len(words)):
            if _is_page_count(words, start):
                continue
            for end in range(min(len(words), start + _MAX_DATE_WORDS), start, -1):
                found = _date_in_words(" ".join(words[start:end]), around)
                if found is not None:
                    return found
    return None


def _is_page_count(words: list[str], start: int) -> bool:
    """Whether the word at ``start`` begins or ends a page count (``4 3/8``, ``6 pgs``)."""
    word = words[start]
    following = words[start + 1] if start + 1 < len(words) else ""
    if _PAGE_WORD.fullmatch(word) or _PAGE_UNIT_WORD.fullmatch(following):
        return True
    return word.isdigit() and _EIGHTHS.fullmatch(following) is not None


def _date_in_words(window: str, around: dt.date | None) -> dt.date | None:
    found = _parse_date_text(window)
    if found is not None:
        return found
    centre = around or dt.date.today()
    numeric = _NUMERIC_NO_YEAR.fullmatch(window)
    if numeric:
        month, day = int(numeric.group(2)), int(numeric.group(3))
        if day == 8 and month < 8 and not numeric.group(1):
            return None  # a page count in eighths
        candidates = [_make_date(year, month, day) for year in _near_years(centre)]
    else:
        candidates = [_parse_date_text(f"{window} {year}") for year in _near_years(centre)]
    dates = [d for d in candidates if d is not None]
    return min(dates, key=lambda d: abs((d - centre).days)) if dates else None


def _near_years(centre: dt.date) -> tuple[int, int, int]:
    return centre.year - 1, centre.year, centre.year + 1


_SLUG_IE = re.compile(
    r"\s*(int\.?\s*/\s*ext|ext\.?\s*/\s*int|int\.?\s*-\s*ext|i\s*/\s*e|int|ext)\.?(?:\s+|$)(.*)",
    re.IGNORECASE | re.DOTALL,
)
_SLUG_PARTS = re.compile(r"\s+[-–—]+\s+")
TIMES_OF_DAY = frozenset({
    "day", "night", "dawn", "dusk", "morning", "afternoon", "evening", "sunrise", "sunset",
    "magic hour", "continuous", "later", "moments later", "same", "day for night",
})


def split_slugline(value: Any) -> tuple[str | None, str | None, str | None]:
    """(I/E, set, D/N) of a scene heading: ``INT. STARLITE DINER - NIGHT`` ->
    (``INT``, ``STARLITE DINER``, ``NIGHT``).

    I/E is ``INT``, ``EXT`` or ``INT/EXT`` (``I/E``, ``EXT/INT``, ``INT.-EXT.`` too);
    D/N is the last `` - `` part when it is a time of day (DAY, NIGHT, DAWN, DUSK,
    MORNING, EVENING, CONTINUOUS, ...). What is not there is None; text that is no
    heading is the set as typed.
    """
    text = display(value).strip() if value is not None else ""
    if not text:
        return None, None, None
    ie = None
    match = _SLUG_IE.fullmatch(text)
    if match:
        word = re.sub(r"[\s.]", "", match.group(1)).upper().replace("-", "/")
        ie = "INT/EXT" if "/" in word else word
        text = match.group(2).strip()
    dn = None
    pieces = _SLUG_PARTS.split(text)
    if len(pieces) > 1 and " ".join(pieces[-1].casefold().split()) in TIMES_OF_DAY:
        dn = pieces[-1].strip().upper()
        text = text[: text.rfind(pieces[-1])].rstrip(" -–—")
    return ie, text or None, dn


# ---------------------------------------------------------------- times

def parse_time(value: Any) -> dt.time | None:
    """A time of day from a real time, a datetime's time part, a fraction of a day or text.

    Numbers: ``0 <= x < 1`` is a fraction of a day (Excel's time cells); a whole
    number 100..2359 is read as typed ``HHMM`` (Excel turns a typed ``0630`` into
    630). Text: ``6:30A``, ``6:30 AM``, ``6:30a``, ``6:30 a.m.``, ``0630``, ``630``,
    ``18:30``, ``6:30P``, ``12:00 PM``, ``7A``, ``7 am``, ``Noon``, ``Midnight``,
    and the time part of ``2026-12-03 06:30``. A bare hour (``7``) is ambiguous
    and not readable.
    """
    kind = type(value)
    if kind is _TIME:
        return value
    if kind is _DATETIME:
        return value.time()
    if kind is str:
        return _parse_time_text(value)
    if kind is _DATE or kind is bool:
        return None
    if isinstance(value, _TIME):
        return value
    if isinstance(value, _DATETIME):
        return None if _is_nat(value) else value.time()
    if isinstance(value, (_DATE, bool)):
        return None
    if isinstance(value, str):
        return None if isinstance(value, CellError) else _parse_time_text(str(value))
    number = _number(value)
    if number is None:
        return None
    if 0 <= number < 1:
        return fraction_to_time(number)
    if number.is_integer() and 100 <= number <= 2359:
        return _hhmm(int(number) // 100, int(number) % 100)
    return None


def fraction_to_time(fraction: float) -> dt.time:
    """The time of a fraction of a day (0.25 -> 06:00), to the nearest second."""
    seconds = min(round(fraction * 86400), 86399)
    return dt.time(seconds // 3600, seconds % 3600 // 60, seconds % 60)


def _hhmm(hour: int, minute: int, second: int = 0) -> dt.time | None:
    if 0 <= hour < 24 and 0 <= minute < 60 and 0 <= second < 60:
        return dt.time(hour, minute, second)
    return None


_AMPM = re.compile(r"(\d{1,2})(?::?(\d{2}))?(?::(\d{2}))?\s*([ap])m?")
_H24 = re.compile(r"(\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?")
_HHMM = re.compile(r"(\d{1,2})(\d{2})")
_DATE_PREFIX = re.compile(r"(?:\d{4}[-/]\d{1,2}[-/]\d{1,2}|\d{1,2}/\d{1,2}/\d{2,4})[t\s]+(.+)")


@lru_cache(maxsize=_CACHE)
def _parse_time_text(raw: str) -> dt.time | None:
    text = raw.strip().lower().replace(".", "")
    if not text:
        return None
    if text in ("noon", "12 noon"):
        return dt.time(12, 0)
    if text == "midnight":
        return dt.time(0, 0)
    prefixed = _DATE_PREFIX.fullmatch(text)
    if prefixed:
        text = prefixed.group(1).strip()
    match = _AMPM.fullmatch(text)
    if match:
        hour, minute = int(match.group(1)), int(match.group(2) or 0)
        second = int(match.group(3) or 0)
        pm = match.group(4) == "p"
        if 1 <= hour <= 12:
            hour = hour % 12 + (12 if pm else 0)
        elif not (pm and 13 <= hour <= 23):  # "18:30 PM" is forgiven, "18:30 AM" is not
            return None
        return _hhmm(hour, minute, second)
    match = _H24.fullmatch(text)
    if match:
        return _hhmm(int(match.group(1)), int(match.group(2)), int(match.group(3) or 0))
    match = _HHMM.fullmatch(text)
    if match:
        return _hhmm(int(match.group(1)), int(match.group(2)))
    return None


# ---------------------------------------------------------------- money and rates

def parse_money(value: Any) -> float | None:
    """An amount of money from a number or text.

    Text: ``$1,250.00``, ``1250``, ``$ 1,250``, ``USD 1250``; ``(200.00)``,
    ``-$200`` and ``$-200`` are negative.
    """
    kind = type(value)
    if kind is float:
        return value if math.isfinite(value) else None
    if kind is int:
        return float(value)
    if kind is str:
        return _parse_money_text(value)
    if isinstance(value, str):
        return None if isinstance(value, CellError) else _parse_money_text(str(value))
    return _number(value)


_AMOUNT = re.compile(r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d*)?|\.\d+")
_CURRENCY = re.compile(r"^(?:usd|us\$|\$)|(?:usd|\$)$")


@lru_cache(maxsize=_CACHE)
def _parse_money_text(raw: str) -> float | None:
    text = raw.strip().lower()
    if not text:
        return None
    negative = False
    if text.startswith("(") and text.endswith(")"):
        negative, text = True, text[1:-1].strip()
    if text.startswith("-"):
        negative, text = not negative, text[1:].strip()
    text = _CURRENCY.sub("", text).strip()
    if text.startswith("-"):
        negative, text = not negative, text[1:].strip()
    if not _AMOUNT.fullmatch(text):
        return None
    amount = float(text.replace(",", ""))
    return -amount if negative else amount


DAYS_IN_A_WEEK = 5
"""A weekly deal covers a 5-day week of 8-hour days, i.e. 40 straight-time hours
(industry-rules.md, "Day rates": weekly overtime is over 40 hours at 1.5x)."""


@dataclass(frozen=True)
class Rate:
    """A crew deal as typed in a Rate cell.

    ``per`` is ``day`` (``$400/12``: ``amount`` for a day guaranteed ``guarantee``
    hours), ``week`` (``$2,500/wk``), ``hour`` (``$38.50/hr``) or ``flat``
    (``$1,500 flat``: a fixed fee for the day, no overtime). ``kit`` is a kit / box
    rental fee on top (``+ $50 kit``, paid per day, or per week on a weekly deal;
    not wages, so no overtime on it); ``has_kit`` is set when a kit is named without
    an amount (``+ kit``).
    """

    amount: float
    guarantee: float | None
    per: str = "day"
    kit: float | None = None
    has_kit: bool = False

    def __str__(self) -> str:
        text = f"${_amount_text(self.amount)}"
        if self.per == "day" and self.guarantee:
            text += f"/{display(self.guarantee)}"
        elif self.per in ("week", "hour"):
            text += {"week": "/wk", "hour": "/hr"}[self.per]
        elif self.per == "flat":
            text += " flat"
        if self.kit is not None:
            text += f" + ${_amount_text(self.kit)} kit"
        elif self.has_kit:
            text += " + kit"
        return text

    @property
    def plain(self) -> bool:
        """Whether this is a day rate without a kit fee (the usual notation)."""
        return self.per == "day" and not self.has_kit

    def reading(self) -> str:
        """What ProdDesk understood, in a coordinator's words."""
        money = f"${_amount_text(self.amount)}"
        hours = display(self.guarantee or 8.0)
        if self.per == "week":
            day = f"${_amount_text(round(self.amount / DAYS_IN_A_WEEK, 2))}"
            text = (f"{money} a week: {day} a day over a {DAYS_IN_A_WEEK}-day week of "
                    f"{hours}-hour days, overtime after {hours} hours")
        elif self.per == "hour":
            text = f"{money} an hour for the hours worked, overtime after 8 hours"
        elif self.per == "flat":
            text = f"a flat {money} for the day, whatever the hours (no overtime)"
        else:
            article = "an" if hours.startswith(("8", "11", "18")) else "a"
            text = f"{money} for {article} {hours}-hour day, overtime after {hours} hours"
        if self.kit is not None:
            text += f", plus a ${_amount_text(self.kit)} kit fee a {self._kit_period()}"
        elif self.has_kit:
            text += ", plus a kit fee with no amount (not counted in day pay)"
        return text

    def _kit_period(self) -> str:
        return "week" if self.per == "week" else "day"


def _amount_text(amount: float) -> str:
    return f"{amount:,.0f}" if float(amount).is_integer() else f"{amount:,.2f}"


def parse_rate(value: Any) -> Rate | None:
    """A crew deal from a number or text.

    Day rates in the ``$R/G`` notation: ``$400/12`` means $400 for a guaranteed
    12-hour day (industry-rules.md, "Day rates"). Accepted: ``400``, ``$400``,
    ``$400/12``, ``400/10``, ``$400 / 12``, ``$400/12hrs``, ``$1,200/10``, ``$400/day``.
    Also weekly ``$2,500/wk`` (``/week``, ``per week``, ``weekly``), hourly
    ``$38.50/hr`` (``/hour``, ``an hour``, ``hourly``), flat ``$1,500 flat`` (``flat
    rate``, ``flat fee``) and a kit fee after any of them: ``$750/12 + kit``,
    ``$750/12 + $50 kit`` (``kit rental``, ``box``, ``box rental``). ``TBD``, ``DOE``,
    blank, a negative amount or a guarantee outside 1..24 hours -> None.
    """
    kind = type(value)
    if kind is str:
        return _parse_rate_text(value)
    if isinstance(value, str):
        return None if isinstance(value, CellError) else _parse_rate_text(str(value))
    number = _number(value)
    if number is None or number < 0:
        return None
    return Rate(number, None)


_RATE = re.compile(
    r"(.+?)\s*(?:/|\bper\b)\s*(?:(\d+(?:\.\d+)?)\s*(?:h|hr|hrs|hour|hours)?\.?|(?:day|dy|d))"
)
_KIT = re.compile(
    r"(.+?)\s*(?:\+|&|\bplus\b)\s*(?:(\S*\d\S*)\s*)?(?:kit|box)(?:\s*(?:rental|fee))?"
    r"(?:\s*(?:/|\bper\b)\s*(?:day|dy|d|wk|week))?\.?"
)
_PER = {
    "week": re.compile(r"(.+?)\s*(?:(?:/|\bper\b|\ba\b)\s*(?:wk|week)\.?|\bweekly)"),
    "hour": re.compile(r"(.+?)\s*(?:(?:/|\bper\b|\ban?\b)\s*(?:hr|hour)\.?|\bhourly)"),
    "flat": re.compile(r"(.+?)\s*(?:/\s*)?\bflat(?:\s*(?:rate|fee|day))?\.?"),
}


@lru_cache(maxsize=_CACHE)
def _parse_rate_text(raw: str) -> Rate | None:
    text = raw.strip().lower()
    kit, has_kit = None, False
    with_kit = _KIT.fullmatch(text)
    if with_kit:
        has_kit, text = True, with_kit.group(1)
        if with_kit.group(2):
            kit = _parse_money_text(with_kit.group(2))
            if kit is None or kit < 0:
                return None
    for per, pattern in _PER.items():
        match = pattern.fullmatch(text)
        if match:
            amount = _parse_money_text(match.group(1))
            if amount is None or amount < 0:
                return None
            return Rate(amount, None, per, kit, has_kit)
    match = _RATE.fullmatch(text)
    amount = _parse_money_text(match.group(1) if match else text)
    if amount is None or amount < 0:
        return None
    guarantee = float(match.group(2)) if match and match.group(2) else None
    if guarantee is not None and not 1 <= guarantee <= 24:
        return None
    return Rate(amount, guarantee, "day", kit, has_kit)


def parse_hours(value: Any) -> float | None:
    """A number of hours: ``12``, ``12.0``, ``12 hrs``, ``10h``, ``10:30`` (10.5).

    Negative or unreadable -> None.
    """
    kind = type(value)
    if kind is float or kind is int:
        return float(value) if math.isfinite(value) and value >= 0 else None
    if kind is str:
        return _parse_hours_text(value)
    if isinstance(value, dt.timedelta):
        hours = value.total_seconds() / 3600
        return hours if hours >= 0 else None
    if isinstance(value, str):
        return None if isinstance(value, CellError) else _parse_hours_text(str(value))
    number = _number(value)
    return number if number is not None and number >= 0 else None


_HOURS = re.compile(r"(\d+(?:\.\d+)?|\.\d+)\s*(?:h|hr|hrs|hour|hours)?\.?")
_HOURS_CLOCK = re.compile(r"(\d+):([0-5]\d)")


@lru_cache(maxsize=_CACHE)
def _parse_hours_text(raw: str) -> float | None:
    text = raw.strip().lower()
    match = _HOURS.fullmatch(text)
    if match:
        return float(match.group(1))
    match = _HOURS_CLOCK.fullmatch(text)
    if match:
        return int(match.group(1)) + int(match.group(2)) / 60
    return None


# ---------------------------------------------------------------- script pages

def parse_pages(value: Any) -> Fraction | None:
    """A page count in eighths: ``1 3/8``, ``3/8``, ``2``, ``2 pgs``, ``4 5/8 pgs``, 1.375.

    Numbers are rounded to the nearest eighth; text fractions are kept exact.
    Negative or unreadable -> None.
    """
    kind = type(value)
    if kind is Fraction:
        return value if value >= 0 else None
    if kind is str:
        return _parse_pages_text(value)
    if isinstance(value, str):
        return None if isinstance(value, CellError) else _parse_pages_text(str(value))
    number = _number(value)
    if number is None or number < 0:
        return None
    return Fraction(math.floor(number * 8 + 0.5), 8)


_PAGES = re.compile(
    r"(?:(\d+)(?:\s+|\s*-\s*))?(\d+)\s*/\s*(\d+)|(\d+(?:\.\d+)?|\.\d+)"
)
_PAGES_UNIT = re.compile(r"\s*(?:pages|page|pgs|pg|p)\.?$")


@lru_cache(maxsize=_CACHE)
def _parse_pages_text(raw: str) -> Fraction | None:
    text = _PAGES_UNIT.sub("", raw.strip().lower()).strip()
    match = _PAGES.fullmatch(text)
    if not match:
        return None
    if match.group(4) is not None:
        return parse_pages(float(match.group(4)))
    denominator = int(match.group(3))
    if denominator == 0:
        return None
    return int(match.group(1) or 0) + Fraction(int(match.group(2)), denominator)


def format_eighths(pages: Fraction | float | int) -> str:
    """Pages the way a script supervisor writes them: ``3 7/8``, ``7/8``, ``2``, ``0``.

    Rounded to the nearest eighth (halves up); eighths are never reduced (``4/8``).
    """
    eighths = math.floor(Fraction(pages) * 8 + Fraction(1, 2))
    sign = "-" if eighths < 0 else ""
    whole, rest = divmod(abs(eighths), 8)
    if not rest:
        return f"{sign}{whole}"
    return f"{sign}{whole} {rest}/8" if whole else f"{sign}{rest}/8"


# ---------------------------------------------------------------- yes / no

_YES = frozenset({"y", "yes", "x", "true", "1", "✓", "✔", "☑", "✅", "on file", "received",
                  "signed", "done", "complete", "completed"})
_NO = frozenset({"n", "no", "false", "0", "✗", "✘", "☐", "missing", "pending", "none"})


def parse_yes_no(value: Any) -> bool | None:
    """A yes/no cell: Y, Yes, X, TRUE, a checkbox, 1, ✓ or a date (received then) -> True.

    N, No, FALSE, 0, Missing, Pending -> False. Blank or unreadable -> None.
    """
    if value is True or value is False:
        return value
    kind = type(value)
    if kind is str:
        return _parse_yes_no_text(value)
    if kind is _DATE or kind is _DATETIME:
        return True
    if isinstance(value, bool):
        return bool(value)
    if isinstance(value, str):
        return None if isinstance(value, CellError) else _parse_yes_no_text(str(value))
    if isinstance(value, _DATE):
        return None if _is_nat(value) else True
    number = _number(value)
    if number is None:
        return None
    if number in (0.0, 1.0):
        return number == 1.0
    return True if serial_to_date(number) else None


@lru_cache(maxsize=_CACHE)
def _parse_yes_no_text(raw: str) -> bool | None:
    text = " ".join(raw.split()).casefold().rstrip(".!")
    if text in _YES:
        return True
    if text in _NO:
        return False
    return True if _parse_date_text(raw) else None


_PAPERWORK_DONE = frozenset({"complete", "completed", "done", "yes", "y", "x", "true", "✓", "✔",
                             "☑", "✅", "received", "on file", "signed"})


def parse_paperwork(value: Any) -> bool:
    """Whether a single Paperwork column says the start paperwork is complete.

    Complete, Done, Yes, Y, X, TRUE, ✓ or a date (real, serial or text) -> True;
    empty, No, Pending, Incomplete, ``Missing I-9`` and anything else -> False
    (WORKBOOK.md, Crew columns).
    """
    if value is True:
        return True
    kind = type(value)
    if kind is str:
        return _parse_paperwork_text(value)
    if isinstance(value, str):
        return False if isinstance(value, CellError) else _parse_paperwork_text(str(value))
    if isinstance(value, _DATE):
        return not _is_nat(value)
    number = _number(value)
    return number is not None and serial_to_date(number) is not None


@lru_cache(maxsize=_CACHE)
def _parse_paperwork_text(raw: str) -> bool:
    text = " ".join(raw.split()).casefold().rstrip(".!")
    return text in _PAPERWORK_DONE or _parse_date_text(raw) is not None


# ---------------------------------------------------------------- contacts

def normalize_phone(value: Any, region: str = "US") -> str | None:
    """A valid phone number formatted for display, or None.

    National format when the number belongs to ``region`` (``(310) 555-0143``),
    international otherwise (``+44 20 7946 0958``). Accepts ``310.555.0143``,
    ``3105550143`` (a number cell too), ``+1 310 555 0143``, ``tel:`` links and
    extensions (``x123`` -> ``ext. 123``). Validity is phonenumbers.is_valid_number.
    """
    kind = type(value)
    if kind is float or kind is int:
        if not math.isfinite(value) or value != int(value) or value <= 0:
            return None
        text = str(int(value))
    elif isinstance(value, str) and not isinstance(value, CellError):
        text = value
    else:
        return None
    return _normalize_phone_text(text, (region or "US").strip().upper())


@lru_cache(maxsize=_CACHE)
def _normalize_phone_text(raw: str, region: str) -> str | None:
    text = raw.strip()
    if not text or len(text) > 60:
        return None
    if text[:4].lower() == "tel:":
        text = text[4:].strip()
    if sum(ch.isdigit() for ch in text) < 5:  # too short for any country; skip the parser
        return None
    try:
        number = phonenumbers.parse(text, region)
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_valid_number(number):
        return None
    style = (
        phonenumbers.PhoneNumberFormat.NATIONAL
        if phonenumbers.region_code_for_number(number) == region
        else phonenumbers.PhoneNumberFormat.INTERNATIONAL
    )
    return phonenumbers.format_number(number, style)


_EMAIL = re.compile(
    r"[a-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*"
    r"@(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z0-9](?:[a-z0-9-]*[a-z0-9])?"
)
_ANGLE = re.compile(r"<([^<>]*)>")


def normalize_email(value: Any) -> str | None:
    """A clean, lower-case email address, or None when blank or not shaped like one.

    Removes spaces anywhere, a ``mailto:`` prefix (and any ``?subject=...``), and
    takes the address out of ``Name <address>``.
    """
    if not isinstance(value, str) or isinstance(value, CellError):
        return None
    return _normalize_email_text(value)


@lru_cache(maxsize=_CACHE)
def _normalize_email_text(raw: str) -> str | None:
    angle = _ANGLE.search(raw)
    text = "".join((angle.group(1) if angle else raw).split()).lower()
    if text.startswith("mailto:"):
        text = text[7:].split("?", 1)[0]
    text = text.strip(";,")
    return text if _EMAIL.fullmatch(text) else None


# ---------------------------------------------------------------- ids and keys

_CAST_SPLIT = re.compile(r"(?:\s*[,;&/+]\s*|\s+and\s+|\s+)")


def parse_cast_ids(value: Any) -> list[str]:
    """Cast numbers of a schedule cell: ``1, 2, 5``, ``1,2 & 5``, ``1 2 5``, ``1/2/5``, 3.0.

    Ids are upper-cased, a ``#`` and leading zeros are dropped (``#01a`` -> ``1A``),
    repeats removed; blank or unreadable -> []. Background entries (``BG``, ``20 BG``,
    ``ATMOS``, ``X``, ``Stand-ins (2)``) are not cast ids: see ``parse_background``.
    """
    kind = type(value)
    if kind is str:
        return list(_parse_cast_text(value))
    if isinstance(value, str):
        return [] if isinstance(value, CellError) else list(_parse_cast_text(str(value)))
    number = _number(value)
    if number is None:
        return []
    return list(_parse_cast_text(display(number)))


@lru_cache(maxsize=_CACHE)
def _parse_cast_text(raw: str) -> tuple[str, ...]:
    return _split_cast_text(raw)[0]


def _cast_tokens(text: str) -> list[str]:
    """Cast ids of text with no background in it, normalised (``#01a`` -> ``1A``)."""
    ids: list[str] = []
    for part in _CAST_SPLIT.split(text.strip()):
        token = part.strip().lstrip("#").upper()
        if token.endswith(".0") and token[:-2].isdigit():
            token = token[:-2]
        stripped = token.lstrip("0")
        token = stripped if stripped and stripped[0].isalnum() and token[:1] == "0" else token
        if token:
            ids.append(token)
    return ids


def parse_background(value: Any) -> list[Background]:
    """The background entries of a schedule's cast cell: ``1, 2, 20 BG, Stand-ins (2)`` ->
    [Background 20, Stand-ins 2].

    Words: ``BG``, ``B/G``, ``Background``, ``Extras``, ``ATMOS``, ``Atmosphere``, ``X``
    (Background) and ``Stand-ins`` / ``Stand-in``. A count before (``20 BG``, at the
    start of the cell or after a comma) or after (``BG x12``, ``BG 12``, ``Stand-ins (2)``,
    ``BG: 12``) is kept; without one the count is None.
    """
    if not isinstance(value, str) or isinstance(value, CellError):
        return []
    return list(_split_cast_text(value)[1])


_BG_WORDS = r"b\s*/\s*g|bg|background|extras?|atmos(?:phere)?|stand[\s-]?ins?|x"
_BG_AFTER = r"(?:\s*(?:[x×:#]\s*)?\(?\s*(\d+)\s*\)?)?"
_BG_CHUNK = re.compile(rf"(?:(\d+)\s*[x×]?\s*)?({_BG_WORDS})\.?{_BG_AFTER}", re.IGNORECASE)
_BG_INSIDE = re.compile(rf"(?<![\w#])({_BG_WORDS})\.?{_BG_AFTER}(?![\w/])", re.IGNORECASE)
_CHUNKS = re.compile(r"\s*[,;&+]\s*|\s+and\s+")


@dataclass(frozen=True)
class Background:
    """Background a scene needs, from its cast cell: ``20 BG`` -> Background, 20."""

    kind: str
    """``Background`` (BG, B/G, Extras, ATMOS, Atmosphere, X) or ``Stand-ins``."""
    count: int | None
    typed: str


def _background_kind(word: str) -> str:
    return "Stand-ins" if word.casefold().startswith("stand") else "Background"


@lru_cache(maxsize=_CACHE)
def _split_cast_text(raw: str) -> tuple[tuple[str, ...], tuple[Background, ...]]:
    """A schedule cast cell split into cast ids and background entries."""
    text = raw.strip()
    if not text or text in ERROR_VALUES:
        return (), ()
    ids: list[str] = []
    background: list[Background] = []
    for chunk in _CHUNKS.split(text):
        whole = _BG_CHUNK.fullmatch(chunk.strip())
        if whole:
            count = whole.group(1) or whole.group(3)
            background.append(
                Background(_background_kind(whole.group(2)), int(count) if count else None,
                           chunk.strip())
            )
            continue
        for found in _BG_INSIDE.finditer(chunk):
            count = found.group(2)
            background.append(
                Background(_background_kind(found.group(1)), int(count) if count else None,
                           found.group(0).strip())
            )
        rest = _BG_INSIDE.sub(" ", chunk)
        for token in _cast_tokens(rest):
            if token not in ids:
                ids.append(token)
    return tuple(ids), tuple(background)


def _fold(text: str) -> str:
    """Casefolded text without accents (José -> jose)."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


@lru_cache(maxsize=_CACHE)
def _name_key_text(text: str) -> str:
    folded = _fold(text)
    kept = "".join(ch for ch in folded if ch.isalnum() or ch.isspace())
    return " ".join(kept.split())


def name_key(text: Any) -> str:
    """A key for matching people: casefolded, accents and punctuation dropped, spaces collapsed.

    ``"  O'Brien,  José "`` -> ``"obrien jose"``.
    """
    if text is None:
        return ""
    return _name_key_text(text if type(text) is str else display(text))


_COMPANY_FORMS = frozenset({"inc", "incorporated", "llc", "ltd", "limited", "co", "corp",
                            "corporation", "company"})


@lru_cache(maxsize=_CACHE)
def _vendor_key_text(text: str) -> str:
    folded = _fold(text).replace("&", " and ").replace("+", " and ")
    folded = folded.replace("'", "").replace("’", "").replace(".", "")
    words = "".join(ch if ch.isalnum() else " " for ch in folded).split()
    while len(words) > 1 and words[-1] in _COMPANY_FORMS:
        words.pop()
    return " ".join(words)


def vendor_key(text: Any) -> str:
    """A key for matching vendors and spotting duplicates.

    Casefolded, ``&``/``+`` read as ``and``, punctuation dropped, trailing company
    forms (Inc, LLC, Ltd, Co, Corp, Corporation, Company) dropped, spaces collapsed:
    ``Acme Grip & Electric`` and ``ACME GRIP AND ELECTRIC, INC.`` give the same key.
    """
    if text is None:
        return ""
    return _vendor_key_text(text if type(text) is str else display(text))


# ---------------------------------------------------------------- display

def format_date(value: dt.date) -> str:
    """``Dec 3, 2026``."""
    return f"{value:%b} {value.day}, {value.year}"


def format_day(value: dt.date) -> str:
    """``Fri Dec 4``: a shoot day in a sentence or a subject line."""
    return f"{value:%a} {value:%b} {value.day}"


def format_time(value: dt.time) -> str:
    """``6:30 AM``, ``12:00 PM``, ``12:15 AM``."""
    hour = value.hour % 12 or 12
    return f"{hour}:{value.minute:02d} {'AM' if value.hour < 12 else 'PM'}"


def display(value: Any) -> str:
    """How a cell value is shown in a message: dates ``Dec 3, 2026``, times ``6:30 AM``,
    whole floats without ``.0``, errors as their text, None as ``""``."""
    kind = type(value)
    if value is None:
        return ""
    if kind is str or isinstance(value, str):
        return str(value)
    if kind is bool:
        return "TRUE" if value else "FALSE"
    if kind is float:
        if not math.isfinite(value):
            return ""
        if value.is_integer():
            return str(int(value))
        return repr(round(value, 10))
    if kind is int:
        return str(value)
    if isinstance(value, _DATE) and _is_nat(value):
        return ""
    if isinstance(value, _DATETIME):
        if value.time() == _TIME(0):
            return format_date(value)
        return f"{format_date(value)} {format_time(value.time())}"
    if isinstance(value, _DATE):
        return format_date(value)
    if isinstance(value, _TIME):
        return format_time(value)
    if isinstance(value, Fraction):
        return format_eighths(value)
    return str(value)
