"""Sunrise and sunset at a place on a date, in the production's timezone (astral)."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from astral import Observer
from astral.sun import sunrise, sunset


def production_zone(name: str) -> ZoneInfo | None:
    """The IANA timezone of a name such as ``America/Los_Angeles``, or None when unknown."""
    try:
        return ZoneInfo(name.strip())
    except (ZoneInfoNotFoundError, ValueError):
        return None


def sun_times(
    latitude: float, longitude: float, on: date, zone: ZoneInfo
) -> tuple[datetime | None, datetime | None]:
    """(sunrise, sunset) as local times in ``zone``; None where the sun does not rise or set."""
    observer = Observer(latitude=latitude, longitude=longitude)
    times: list[datetime | None] = []
    for event in (sunrise, sunset):
        try:
            times.append(event(observer, date=on, tzinfo=zone))
        except ValueError:  # polar day or night
            times.append(None)
    return times[0], times[1]
