"""Cell values and colours between ProdDesk and the Sheets API (CellData JSON)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from addin.model import ERROR_VALUES, CellError

EPOCH = dt.datetime(1899, 12, 30)
DATE_TYPES = {"DATE", "TIME", "DATE_TIME"}


def from_serial(serial: float, kind: str) -> Any:
    """A Google serial number read as the date, time or datetime its format shows."""
    moment = EPOCH + dt.timedelta(days=serial)
    moment = moment.replace(microsecond=0) + dt.timedelta(
        seconds=round(moment.microsecond / 1_000_000)
    )
    if kind == "DATE":
        return moment.date()
    if kind == "TIME":
        return moment.time()
    return moment


def to_serial(value: dt.date | dt.datetime | dt.time) -> float:
    """A date, datetime or time as a Google serial number."""
    if isinstance(value, dt.datetime):
        return (value - EPOCH).total_seconds() / 86400
    if isinstance(value, dt.date):
        return float((value - EPOCH.date()).days)
    return (value.hour * 3600 + value.minute * 60 + value.second) / 86400


def read_value(value: Any, kind: str | None) -> Any:
    """A value from values:batchGet (UNFORMATTED_VALUE, SERIAL_NUMBER) as ProdDesk reads it."""
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float):
        if kind in DATE_TYPES:
            return from_serial(float(value), kind)
        return float(value)
    if value == "":
        return None
    if isinstance(value, str) and value in ERROR_VALUES:
        return CellError(value)
    return value


NUMBER_FORMATS = {
    dt.datetime: {"type": "DATE_TIME", "pattern": "yyyy-mm-dd hh:mm"},
    dt.date: {"type": "DATE", "pattern": "yyyy-mm-dd"},
    dt.time: {"type": "TIME", "pattern": "h:mm am/pm"},
}


def cell_data(value: Any) -> dict[str, Any]:
    """CellData for a value ProdDesk writes: text stays text (never a formula), numbers,
    booleans, and dates with a date format."""
    if value is None:
        return {}
    if isinstance(value, bool):
        return {"userEnteredValue": {"boolValue": value}}
    if isinstance(value, int | float):
        return {"userEnteredValue": {"numberValue": value}}
    for kind in (dt.datetime, dt.date, dt.time):
        if isinstance(value, kind):
            return {
                "userEnteredValue": {"numberValue": to_serial(value)},
                "userEnteredFormat": {"numberFormat": NUMBER_FORMATS[kind]},
            }
    return {"userEnteredValue": {"stringValue": str(value)}}


def rgb(hex_colour: str) -> dict[str, float]:
    """'FFC7CE' (or 'FFFFC7CE', '#FFC7CE') as a Sheets Color."""
    digits = hex_colour.lstrip("#")[-6:]
    red, green, blue = (int(digits[i : i + 2], 16) / 255 for i in (0, 2, 4))
    return {"red": red, "green": green, "blue": blue}


def hex_of(colour: dict[str, Any] | None) -> str | None:
    """A Sheets Color as 6 upper-case hex digits (missing channels are 0)."""
    if not colour:
        return None
    return "".join(f"{round(colour.get(c, 0.0) * 255):02X}" for c in ("red", "green", "blue"))
