"""The production's timezone: the Settings tab's, else the one at the first location's
coordinates (timezonefinder, offline), never a silent default."""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache
from typing import Any
from zoneinfo import ZoneInfo

from addin.book import Book
from addin.parse import display


@dataclass(frozen=True)
class ProductionZone:
    """Which IANA timezone the production uses and where it came from."""

    name: str | None
    """``America/New_York``; None when the book gives no way to know."""
    location: str = ""
    """The location whose coordinates gave the zone; empty when Settings names it."""
    row: int | None = None
    """That location's row on the Locations tab."""

    @property
    def from_settings(self) -> bool:
        """Whether the Settings tab's Timezone names the zone."""
        return self.name is not None and not self.location

    def said(self) -> str:
        """How the choice reads in a finding: ``America/New_York, the timezone at 'Diner'``."""
        if self.name is None:
            return "no timezone"
        if self.from_settings:
            return f"{self.name} (the Settings tab's Timezone)"
        return f"{self.name}, the timezone at the coordinates of '{self.location}'"


def _coordinate(value: Any, limit: float) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value) if math.isfinite(value) and abs(value) <= limit else None


@lru_cache(maxsize=1)
def _finder() -> Any:
    from timezonefinder import TimezoneFinder  # its boundary data loads on first use only

    return TimezoneFinder()


def zone_at(latitude: float, longitude: float) -> str | None:
    """The IANA timezone at a point on land (or its territorial waters), else None."""
    return _finder().timezone_at(lat=latitude, lng=longitude)


def production_timezone(book: Book) -> ProductionZone:
    """The Settings tab's Timezone; without one, the zone at the first location (in the
    Locations tab's order) that has a latitude and longitude; else no zone."""
    typed = book.settings.get("Timezone")
    if typed is not None and display(typed).strip():
        return ProductionZone(display(typed).strip())
    locations = book.table("Locations")
    for row in locations.rows() if locations is not None else []:
        lat = _coordinate(row.get("Latitude"), 90)
        lon = _coordinate(row.get("Longitude"), 180)
        if lat is None or lon is None:
            continue
        name = zone_at(lat, lon)
        if name:
            return ProductionZone(name, display(row.get("Location")), row["_row"])
    return ProductionZone(None)


def production_tzinfo(book: Book) -> ZoneInfo | None:
    """The production's timezone (``production_timezone``) as a tzinfo; None when the book
    gives none (or names one that does not exist)."""
    from addin.callsheet.sun import production_zone

    name = production_timezone(book).name
    return production_zone(name) if name else None
