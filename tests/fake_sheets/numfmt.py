"""Number formats: render a value the way Google shows it, and parse what a user types."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

EPOCH = dt.datetime(1899, 12, 30)
MONTHS = [
    "January", "February", "March", "April", "May", "June", "July",
    "August", "September", "October", "November", "December",
]  # fmt: skip
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]

# Excel's locale-dependent built-in short date, shown by Google (en_US) as M/d/yyyy.
EXCEL_ALIASES = {"mm-dd-yy": "M/d/yyyy", "m/d/yy": "M/d/yyyy", "General": ""}


def to_serial(value: dt.datetime | dt.date | dt.time | dt.timedelta) -> float:
    """Python date/time -> Sheets serial number (days since 1899-12-30)."""
    if isinstance(value, dt.timedelta):
        return value.total_seconds() / 86400
    if isinstance(value, dt.time):
        return (value.hour * 3600 + value.minute * 60 + value.second) / 86400
    if not isinstance(value, dt.datetime):
        value = dt.datetime(value.year, value.month, value.day)
    delta = value.replace(tzinfo=None) - EPOCH
    serial = delta.days + delta.seconds / 86400
    return float(int(serial)) if serial == int(serial) else serial


def from_serial(serial: float) -> dt.datetime:
    """Sheets serial -> datetime, rounded to the second."""
    return EPOCH + dt.timedelta(seconds=round(serial * 86400))


def format_type(pattern: str) -> str:
    """NumberFormat.type for a pattern: DATE, TIME, DATE_TIME, CURRENCY, PERCENT, TEXT, NUMBER."""
    bare = re.sub(r'"[^"]*"|\\.|\[(?!\$)[^\]]*\]|AM/PM|am/pm|A/P|a/p', "", pattern)
    has_date = bool(re.search(r"[yYdD]", bare)) or bool(
        re.search(r"M", bare) or (re.search(r"m", bare) and not re.search(r"[hHsS]", bare))
    )
    has_time = bool(re.search(r"[hHsS]", bare))
    if has_date and has_time:
        return "DATE_TIME"
    if has_date:
        return "DATE"
    if has_time:
        return "TIME"
    if any(sign in pattern for sign in "$€£"):
        return "CURRENCY"
    if "%" in bare:
        return "PERCENT"
    if bare.strip() == "@":
        return "TEXT"
    return "NUMBER"


def general(value: float) -> str:
    """A number in Google's automatic format."""
    if value == int(value) and abs(value) < 1e15:
        return str(int(value))
    return f"{value:.15g}"


def render(value: Any, pattern: str | None) -> str:
    """Formatted value of a cell value under a number-format pattern."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, str):
        return value
    if not pattern:
        return general(value)
    sections = _split_sections(pattern)
    if value < 0 and len(sections) > 1:
        return _render_section(-value, sections[1])
    if value == 0 and len(sections) > 2:
        return _render_section(value, sections[2])
    text = _render_section(abs(value), sections[0])
    return "-" + text if value < 0 else text


def _split_sections(pattern: str) -> list[str]:
    sections, current, quoted = [], "", False
    for ch in pattern:
        if ch == '"':
            quoted = not quoted
        if ch == ";" and not quoted:
            sections.append(current)
            current = ""
        else:
            current += ch
    sections.append(current)
    return sections


_TOKEN = re.compile(
    r'"(?P<q>[^"]*)"|\\(?P<esc>.)|\[\$(?P<cur>[^\]-]*)[^\]]*\]|\[[^\]]*\]|_.|\*.'
    r"|(?P<ampm>AM/PM|am/pm|A/P|a/p)|(?P<dt>y+|Y+|m+|M+|d+|D+|h+|H+|s+|S+)"
    r"|(?P<num>(?:[0#?]|\.[0#?])[0#?,.]*(?:[eE][+-][0#]+)?)|(?P<lit>.)",
    re.DOTALL,
)


def _tokens(section: str) -> list[tuple[str, str]]:
    out = []
    for m in _TOKEN.finditer(section):
        if m.group("q") is not None:
            out.append(("lit", m.group("q")))
        elif m.group("esc") is not None:
            out.append(("lit", m.group("esc")))
        elif m.group("cur") is not None:
            out.append(("lit", m.group("cur")))
        elif m.group("ampm"):
            out.append(("ampm", m.group("ampm")))
        elif m.group("dt"):
            out.append(("dt", m.group("dt")))
        elif m.group("num"):
            out.append(("num", m.group("num")))
        elif m.group("lit") is not None and m.group("lit") != "@":
            out.append(("lit", m.group("lit")))
    return out


def _render_section(value: float, section: str) -> str:
    tokens = _tokens(section)
    if any(kind in ("dt", "ampm") for kind, _ in tokens):
        return _render_date(value, tokens)
    percent = any(kind == "lit" and text == "%" for kind, text in tokens)
    if percent:
        value *= 100
    out = []
    for kind, text in tokens:
        out.append(_render_number(value, text) if kind == "num" else text)
    return "".join(out)


def _render_number(value: float, spec: str) -> str:
    if "e" in spec.lower():
        mantissa = spec.lower().split("e")[0]
        decimals = len(mantissa.split(".")[1]) if "." in mantissa else 0
        return f"{value:.{decimals}E}"
    integer, _, fraction = spec.partition(".")
    grouping = "," in integer
    decimals = len(fraction.replace(",", ""))
    min_digits = integer.count("0")
    text = f"{value:,.{decimals}f}" if grouping else f"{value:.{decimals}f}"
    head, _, tail = text.partition(".")
    if fraction and set(fraction) <= {"#"}:
        tail = tail.rstrip("0")
    digits = head.replace(",", "")
    if digits == "0" and min_digits == 0:
        head = ""
    elif len(digits) < min_digits:
        head = digits.rjust(min_digits, "0")
    return head + ("." + tail if tail or (fraction and "0" in fraction) else "")


def _render_date(value: float, tokens: list[tuple[str, str]]) -> str:
    moment = from_serial(value)
    twelve = any(kind == "ampm" for kind, _ in tokens)
    out = []
    for i, (kind, text) in enumerate(tokens):
        if kind == "lit":
            out.append(text)
        elif kind == "ampm":
            am = moment.hour < 12
            word = {"AM/PM": ("AM", "PM"), "am/pm": ("am", "pm"), "A/P": ("A", "P")}
            pair = word.get(text, ("a", "p"))
            out.append(pair[0] if am else pair[1])
        else:
            out.append(_date_part(text, moment, twelve, tokens, i))
    return "".join(out)


def _date_part(
    text: str, moment: dt.datetime, twelve: bool, tokens: list[tuple[str, str]], i: int
) -> str:
    low, n = text.lower(), len(text)
    if low[0] == "y":
        return str(moment.year)[-2:] if n <= 2 else str(moment.year)
    if low[0] == "d":
        if n >= 4:
            return DAYS[moment.weekday()]
        if n == 3:
            return DAYS[moment.weekday()][:3]
        return f"{moment.day:02d}" if n == 2 else str(moment.day)
    if low[0] == "h":
        hour = moment.hour
        if twelve:
            hour = hour % 12 or 12
        return f"{hour:02d}" if n == 2 else str(hour)
    if low[0] == "s":
        return f"{moment.second:02d}" if n == 2 else str(moment.second)
    if text[0] == "m" and _is_minute(tokens, i):
        return f"{moment.minute:02d}" if n == 2 else str(moment.minute)
    if n >= 4:
        return MONTHS[moment.month - 1]
    if n == 3:
        return MONTHS[moment.month - 1][:3]
    return f"{moment.month:02d}" if n == 2 else str(moment.month)


def _is_minute(tokens: list[tuple[str, str]], i: int) -> bool:
    before = [t for k, t in tokens[:i] if k == "dt"]
    after = [t for k, t in tokens[i + 1 :] if k == "dt"]
    return bool(before and before[-1][0] in "hH") or bool(after and after[0][0] in "sS")


# --- what a user types (valueInputOption=USER_ENTERED) --------------------------------------

_NUMBER = re.compile(r"^[+-]?(\d{1,3}(,\d{3})+|\d+)?(\.\d+)?([eE][+-]?\d+)?$")
_DATE_PATTERNS = [
    (re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4}|\d{2})$"), "mdy", "M/d/yyyy"),
    (re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$"), "ymd", "yyyy-mm-dd"),
    (re.compile(r"^(\d{4})/(\d{1,2})/(\d{1,2})$"), "ymd", "yyyy/mm/dd"),
]
_MONTH_NAME = re.compile(r"^([A-Za-z]{3,9})\.? (\d{1,2}),? (\d{4})$")
_TIME = re.compile(r"^(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([AaPp][Mm]?)?$")


def parse_user_entered(text: str) -> tuple[Any, dict[str, str] | None, str | None]:
    """Typed text -> (value, numberFormat or None, formula or None), as the Sheets UI does."""
    if text.startswith("=") and len(text) > 1:
        return None, None, text
    if text.startswith("'"):
        return text[1:], None, None
    stripped = text.strip()
    if stripped.upper() in ("TRUE", "FALSE"):
        return stripped.upper() == "TRUE", None, None
    number = _parse_number(stripped)
    if number is not None:
        return number
    parsed = _parse_date_time(stripped)
    if parsed is not None:
        return parsed
    return text, None, None


def _parse_number(text: str) -> tuple[Any, dict[str, str] | None, None] | None:
    body, currency, percent = text, False, False
    negative = body.startswith("-") or (body.startswith("(") and body.endswith(")"))
    body = body.strip("()").lstrip("-")
    if body.startswith("$"):
        currency, body = True, body[1:]
    elif body.endswith("%"):
        percent, body = True, body[:-1]
    if not body or not _NUMBER.match(body) or body in "+-.":
        return None
    value = float(body.replace(",", ""))
    if negative:
        value = -value
    if currency:
        return value, {"type": "CURRENCY", "pattern": '"$"#,##0.00'}, None
    if percent:
        decimals = len(body.split(".")[1]) if "." in body else 0
        pattern = "0." + "0" * decimals + "%" if decimals else "0%"
        return value / 100, {"type": "PERCENT", "pattern": pattern}, None
    if "," in body:
        return value, {"type": "NUMBER", "pattern": "#,##0" + (".00" if "." in body else "")}, None
    if "e" in body.lower():
        return value, {"type": "SCIENTIFIC", "pattern": "0.00E+00"}, None
    return (int(value) if value == int(value) else value), None, None


def _parse_date_time(text: str) -> tuple[float, dict[str, str], None] | None:
    date_part, _, time_part = text.partition(" ")
    date = _parse_date(text)
    if date is not None:
        serial, pattern = date
        return serial, {"type": "DATE", "pattern": pattern}, None
    time = _parse_time(text)
    if time is not None:
        serial, pattern = time
        return serial, {"type": "TIME", "pattern": pattern}, None
    date, time = _parse_date(date_part), _parse_time(time_part)
    if date is not None and time is not None:
        pattern = f"{date[1]} {time[1].replace('h:', 'H:') if 'AM' not in time[1] else time[1]}"
        return date[0] + time[0], {"type": "DATE_TIME", "pattern": pattern}, None
    return None


def _parse_date(text: str) -> tuple[float, str] | None:
    for regex, order, pattern in _DATE_PATTERNS:
        m = regex.match(text)
        if not m:
            continue
        a, b, c = (int(g) for g in m.groups())
        year, month, day = (c, a, b) if order == "mdy" else (a, b, c)
        if year < 100:
            year += 2000 if year < 30 else 1900
        try:
            return to_serial(dt.date(year, month, day)), pattern
        except ValueError:
            return None
    m = _MONTH_NAME.match(text)
    if m:
        names = [name[:3].lower() for name in MONTHS]
        if m.group(1)[:3].lower() in names:
            month = names.index(m.group(1)[:3].lower()) + 1
            try:
                day = dt.date(int(m.group(3)), month, int(m.group(2)))
            except ValueError:
                return None
            return to_serial(day), "mmm d, yyyy"
    return None


def _parse_time(text: str) -> tuple[float, str] | None:
    m = _TIME.match(text)
    if not m:
        return None
    hour, minute = int(m.group(1)), int(m.group(2))
    second = int(m.group(3) or 0)
    suffix = (m.group(4) or "").upper()
    if suffix:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if suffix.startswith("P") else 0)
    if hour > 23 or minute > 59 or second > 59:
        return None
    serial = (hour * 3600 + minute * 60 + second) / 86400
    seconds = ":ss" if m.group(3) else ""
    pattern = f"h:mm{seconds} AM/PM" if suffix else f"h:mm{seconds}"
    return serial, pattern
