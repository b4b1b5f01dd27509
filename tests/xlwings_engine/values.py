"""Cell values the way Excel's COM interface hands them over and takes them in."""

from __future__ import annotations

import datetime as dt
import math
import re
from typing import Any

# What Range.Value returns through COM for an error cell (the HRESULT-style ints).
COM_ERRORS = {
    "#DIV/0!": -2146826281,
    "#N/A": -2146826246,
    "#NAME?": -2146826259,
    "#NULL!": -2146826288,
    "#NUM!": -2146826252,
    "#REF!": -2146826265,
    "#VALUE!": -2146826273,
}
ERROR_TEXT = {code: text for text, code in COM_ERRORS.items()}
EXCEL_EPOCH = dt.datetime(1899, 12, 30)

_NUMBER = re.compile(r"^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$")
_ISO_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")


def to_com(value: Any, data_type: str) -> Any:
    """An openpyxl cell value as COM returns it: floats, datetimes, error ints, None."""
    if value is None or value == "":
        return None
    if data_type == "e" or (isinstance(value, str) and value in COM_ERRORS and data_type != "s"):
        return COM_ERRORS.get(str(value), COM_ERRORS["#VALUE!"])
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float):
        return float(value)
    if isinstance(value, dt.datetime):
        return value
    if isinstance(value, dt.date):
        return dt.datetime(value.year, value.month, value.day)
    if isinstance(value, dt.time):
        return dt.datetime.combine(EXCEL_EPOCH.date(), value)
    if isinstance(value, dt.timedelta):
        return value.total_seconds() / 86400
    return value


def from_input(value: Any) -> tuple[Any, bool]:
    """What Excel stores when a value is assigned through ``Range.Value``.

    Returns (stored value, quote prefix). Like typing into a cell: ``'x`` is the
    text x, ``=...`` (and ``+``/``-``/``@`` that are not numbers) is a formula,
    number-, boolean- and ISO-date-looking text is converted.
    """
    if value is None or value == "":
        return None, False
    if isinstance(value, bool):
        return value, False
    if isinstance(value, int | float):
        if isinstance(value, float) and math.isnan(value):
            return None, False
        return float(value), False
    if isinstance(value, dt.datetime):
        return value.replace(tzinfo=None), False
    if isinstance(value, dt.date):
        return dt.datetime(value.year, value.month, value.day), False
    if isinstance(value, dt.time):
        return dt.datetime.combine(EXCEL_EPOCH.date(), value), False
    text = str(value)
    if text.startswith("'"):
        return text[1:], True
    stripped = text.strip()
    if _NUMBER.match(stripped):
        return float(stripped), False
    if stripped.upper() in ("TRUE", "FALSE"):
        return stripped.upper() == "TRUE", False
    match = _ISO_DATE.match(stripped)
    if match:
        try:
            return dt.datetime(*(int(part) for part in match.groups())), False
        except ValueError:
            pass
    if text.startswith("="):
        return text, False
    if text[0] in "+-@" and len(text) > 1:
        return "=" + text[1:], False
    return text, False


def clean_element(value: Any, datetime_builder: Any, empty_as: Any,
                  number_builder: Any, err_to_str: bool) -> Any:
    """One COM value after xlwings' reading clean-up (as the Windows engine does it)."""
    if value in ("", None):
        return empty_as
    if isinstance(value, dt.datetime):
        return datetime_builder(
            year=value.year, month=value.month, day=value.day, hour=value.hour,
            minute=value.minute, second=value.second, microsecond=value.microsecond,
            tzinfo=None,
        )
    if number_builder is not None and isinstance(value, float):
        return number_builder(value)
    if isinstance(value, int) and not isinstance(value, bool) and value in ERROR_TEXT:
        return ERROR_TEXT[value] if err_to_str else None
    return value


def prepare_element(value: Any) -> Any:
    """One Python value before it is handed to COM (None and NaN become empty)."""
    if value is None:
        return ""
    if isinstance(value, float) and math.isnan(value):
        return ""
    try:
        import numpy as np

        if isinstance(value, np.number):
            return float(value)
    except ImportError:  # pragma: no cover - numpy comes with pandas
        pass
    return value
