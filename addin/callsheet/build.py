"""One shoot day's call sheet content, built from the book (no files, no host).

Everything on the sheet is a display string, so that any host renders it as
text and the JSON output is what the coordinator sees. Problems met on the way
are Findings; they never stop the call sheet being built.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field, fields, is_dataclass
from datetime import date, datetime, time, timedelta
from fractions import Fraction
from typing import Any

from addin import parse
from addin.book import Book
from addin.callsheet.sun import production_zone, sun_times
from addin.days import days_total, shoot_days
from addin.errors import InputError
from addin.model import Finding, Severity, Table

NO_COORDINATES = "no coordinates"
CONTACT_KEYS = (
    ("Producer", "producer"),
    ("Director", "director"),
    ("UPM", "upm"),
    ("1st AD", "first_ad"),
    ("Coordinator", "coordinator"),
)


@dataclass
class SceneLine:
    """One scene of the day (or of the advance schedule)."""

    scene: str
    set: str
    ie: str
    dn: str
    pages: str
    cast: str
    location: str
    notes: str = ""


@dataclass
class CastLine:
    """One cast member working or on hold that day."""

    id: str
    character: str
    actor: str
    status: str
    pickup: str
    hmu: str
    on_set: str
    notes: str = ""


@dataclass
class CrewLine:
    """One crew member on the day, with their call."""

    department: str
    section: str
    """The department on the first person of each department, else empty."""
    name: str
    position: str
    call: str
    phone: str


@dataclass
class LocationLine:
    """One location of the day, with its nearest hospital."""

    name: str
    address: str = ""
    parking: str = ""
    contact: str = ""
    phone: str = ""
    hospital: str = ""
    hospital_address: str = ""
    hospital_phone: str = ""
    notes: str = ""

    @property
    def hospital_line(self) -> str:
        """Hospital, address and phone on one line."""
        parts = (self.hospital, self.hospital_address, self.hospital_phone)
        return " - ".join(p for p in parts if p)


@dataclass
class Contact:
    """A key contact from Settings."""

    role: str
    name: str


@dataclass
class CallSheet:
    """Everything printed on one day's call sheet, as display text."""

    production: str
    company: str
    production_number: str
    day: int
    days_total: int
    date: str
    """ISO date (2026-12-04), empty when the day has no date."""
    date_text: str
    """``Friday, December 4, 2026``."""
    crew_call: str = ""
    shooting_call: str = ""
    lunch: str = ""
    wrap: str = ""
    sunrise: str = ""
    sunset: str = ""
    weather: str = ""
    notes: str = ""
    walkie_channels: str = ""
    safety_notes: str = ""
    office_address: str = ""
    office_phone: str = ""
    producer: str = ""
    director: str = ""
    upm: str = ""
    first_ad: str = ""
    coordinator: str = ""
    total_pages: str = "0"
    scenes: list[SceneLine] = field(default_factory=list)
    cast: list[CastLine] = field(default_factory=list)
    crew: list[CrewLine] = field(default_factory=list)
    locations: list[LocationLine] = field(default_factory=list)
    contacts: list[Contact] = field(default_factory=list)
    advance_title: str = ""
    advance_total_pages: str = ""
    advance: list[SceneLine] = field(default_factory=list)
    version: int = 1
    changes: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    @property
    def day_of(self) -> str:
        """``Day 2 of 4``."""
        return f"Day {self.day} of {self.days_total}"

    def to_dict(self) -> dict[str, Any]:
        """The call sheet as JSON-ready data (lists of dicts, strings, ints)."""
        names: dict[type, tuple[str, ...]] = {}

        def plain(value: Any) -> Any:
            # dataclasses.asdict, without its deep copies (every leaf is a str or an int)
            if isinstance(value, list):
                return [plain(item) for item in value]
            if is_dataclass(value):
                kind = type(value)
                if kind not in names:
                    names[kind] = tuple(f.name for f in fields(value))
                return {name: plain(getattr(value, name)) for name in names[kind]}
            return value

        data = plain(self)
        data["day_of"] = self.day_of
        data["version_text"] = self.version_text
        for line, location in zip(data["locations"], self.locations, strict=True):
            line["hospital_line"] = location.hospital_line
        return data

    @property
    def version_text(self) -> str:
        """``Version 2`` (``Version 1`` for the first issue)."""
        return f"Version {self.version}"


# ------------------------------------------------------------------ the day


def find_day(book: Book, day: int | None = None, on: date | None = None) -> tuple[int, date | None]:
    """The shoot day by number or by date: (day number, its date); InputError when absent."""
    days = shoot_days(book)
    if not days:
        raise InputError(
            f"{book.label} has no shoot days: add a Days tab or a Schedule with a Day column "
            "or End of Day rows."
        )
    numbers = list(days)
    span = f"days {numbers[0]}-{numbers[-1]}" if len(numbers) > 1 else f"day {numbers[0]}"
    if on is not None:
        for number, when in days.items():
            if when == on:
                return number, when
        dated = [d for d in days.values() if d]
        listed = ", ".join(parse.format_date(d) for d in dated) or "none have dates"
        raise InputError(
            f"{book.label} has no shoot day on {on.isoformat()} (shoot days: {listed})."
        )
    if day is None:
        raise InputError("Name the shoot day by number (--day 2) or by date (--date 2026-12-04).")
    if day not in days:
        raise InputError(f"{book.label} has no shoot day {day} ({span}).")
    return day, days[day]


def build_callsheet(
    book: Book, day: int | None = None, on: date | None = None
) -> tuple[CallSheet, list[Finding]]:
    """The call sheet of one shoot day (by number or date) and the problems met building it."""
    number, when = find_day(book, day, on)
    days = shoot_days(book)
    builder = _Builder(book, number, when, days)
    return builder.build(), builder.findings


def swhf(work_days: list[int], day: int) -> str:
    """S, W, H, F or SWF for a cast member on a day, given every day they work; '' when none."""
    if not work_days:
        return ""
    first, last = min(work_days), max(work_days)
    if day in work_days:
        if first == last:
            return "SWF"
        return "S" if day == first else "F" if day == last else "W"
    return "H" if first < day < last else ""


# ------------------------------------------------------------------ helpers


def _text(value: Any) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    if isinstance(value, time):
        return parse.format_time(value)
    if isinstance(value, date):
        return parse.format_date(value)
    return parse.display(value).strip()


def _cast_key(value: Any) -> str:
    ids = parse.parse_cast_ids(value)
    return ids[0] if ids else ""


def _id_order(cast_id: str) -> tuple:
    match = re.match(r"(\d+)(.*)", cast_id)
    return (0, int(match.group(1)), match.group(2)) if match else (1, 0, cast_id)


def _clock(moment: datetime | None) -> str:
    if moment is None:
        return ""
    rounded = (moment + timedelta(seconds=30)).replace(second=0, microsecond=0)
    return parse.format_time(rounded.time())


def _pages(values: list[Any]) -> Fraction:
    return sum((v for v in values if isinstance(v, Fraction | int | float)), Fraction(0))


class _Builder:
    """Collects the day's lines and the findings met on the way."""

    def __init__(self, book: Book, day: int, when: date | None, days: dict[int, date | None]):
        self.book = book
        self.day = day
        self.when = when
        self.days = days
        self.findings: list[Finding] = []

    def build(self) -> CallSheet:
        settings = self.book.settings
        sheet = CallSheet(
            production=_text(settings.get("Production")) or self.book.label.rsplit(".", 1)[0],
            company=_text(settings.get("Company")),
            production_number=_text(settings.get("Production #")),
            day=self.day,
            days_total=days_total(self.days),
            date=self.when.isoformat() if self.when else "",
            date_text=f"{self.when:%A}, {self.when:%B} {self.when.day}, {self.when.year}"
            if self.when
            else "",
            walkie_channels=_text(settings.get("Walkie Channels")),
            safety_notes=_text(settings.get("Safety Notes")),
            office_address=_text(settings.get("Office Address")),
            office_phone=_text(settings.get("Office Phone")),
        )
        for key, attr in CONTACT_KEYS:
            name = _text(settings.get(key))
            setattr(sheet, attr, name)
            if name:
                sheet.contacts.append(Contact(key, name))
        self._day_info(sheet)
        rows = self._scene_rows(self.day)
        sheet.scenes = [self._scene(row, check=True) for row in rows]
        sheet.total_pages = parse.format_eighths(_pages([r.get("Pages") for r in rows]))
        if not rows:
            self._flag(
                Severity.WARNING, "callsheet.no_scenes", self._tab("Schedule"), None, None,
                f"Day {self.day} has no scenes on the schedule.",
            )
        sheet.locations = self._locations(rows)
        sheet.sunrise, sheet.sunset = self._sun(rows, sheet.locations)
        sheet.cast = self._cast(rows)
        sheet.crew = self._crew(sheet.crew_call)
        self._advance(sheet)
        return sheet

    # -- findings

    def _tab(self, kind: str) -> str:
        table = self.book.table(kind)
        return table.sheet if table else kind

    def _flag(
        self,
        severity: Severity,
        rule: str,
        sheet: str,
        row: int | None,
        cell: str | None,
        message: str,
        column: str | None = None,
        suggestion: str | None = None,
    ) -> None:
        self.findings.append(
            Finding(severity, rule, sheet, row, column, cell, message, suggestion)
        )

    def _flag_row(
        self,
        table: Table,
        row: int,
        column: str | None,
        severity: Severity,
        rule: str,
        message: str,
    ) -> None:
        flag = table.flag(row, column, message)
        self._flag(severity, rule, flag.sheet, flag.row, flag.cell, message, flag.column)

    # -- day info

    def _day_info(self, sheet: CallSheet) -> None:
        table = self.book.table("Days")
        record = None
        if table is not None:
            record = next((r for r in table.rows() if r.get("Day") == self.day), None)
        if record is None:
            self._flag(
                Severity.WARNING, "callsheet.no_calls", self._tab("Days"), None, None,
                f"Day {self.day} has no row on the Days tab, so the call sheet has no crew call, "
                "shooting call, lunch or wrap.",
            )
            return
        sheet.crew_call = _text(record.get("Crew Call"))
        sheet.shooting_call = _text(record.get("Shooting Call"))
        sheet.lunch = _text(record.get("Lunch"))
        sheet.wrap = _text(record.get("Wrap"))
        sheet.weather = _text(record.get("Weather"))
        sheet.notes = _text(record.get("Notes"))
        if not sheet.crew_call:
            assert table is not None
            self._flag_row(
                table, record["_row"], "Crew Call", Severity.WARNING, "callsheet.no_calls",
                f"Day {self.day} has no general crew call; crew without their own call show none.",
            )

    # -- scenes

    def _scene_rows(self, day: int) -> list[dict[str, Any]]:
        table = self.book.table("Schedule")
        if table is None:
            return []
        return [r for r in table.rows() if r.get("Day") == day]

    def _cast_ids(self) -> set[str]:
        table = self.book.table("Cast")
        if table is None:
            return set()
        return {_cast_key(v) for v in table.values["Cast #"].tolist() if _cast_key(v)}

    def _scene(self, row: dict[str, Any], check: bool = False) -> SceneLine:
        ids = row.get("Cast") or []
        if check and self.book.table("Cast") is not None:
            known = self._cast_ids()
            schedule = self.book.table("Schedule")
            assert schedule is not None
            for cast_id in ids:
                if cast_id not in known:
                    self._flag_row(
                        schedule, row["_row"], "Cast", Severity.WARNING, "callsheet.unknown_cast",
                        f"Scene {_text(row.get('Scene'))} lists cast #{cast_id}, who is not on "
                        "the Cast tab; the call sheet shows the number only.",
                    )
        pages = row.get("Pages")
        return SceneLine(
            scene=_text(row.get("Scene")),
            set=_text(row.get("Set")),
            ie=_text(row.get("I/E")),
            dn=_text(row.get("D/N")),
            pages=parse.format_eighths(pages) if isinstance(pages, Fraction | int | float) else "",
            cast=", ".join(ids),
            location=_text(row.get("Location")),
            notes=_text(row.get("Notes")),
        )

    # -- locations and sun

    def _locations(self, rows: list[dict[str, Any]]) -> list[LocationLine]:
        names: list[str] = []
        firsts: dict[str, dict[str, Any]] = {}
        for row in rows:
            name = _text(row.get("Location"))
            if name and parse.name_key(name) not in {parse.name_key(n) for n in names}:
                names.append(name)
                firsts[name] = row
        table = self.book.table("Locations")
        known = {parse.name_key(r.get("Location")): r for r in table.rows()} if table else {}
        self._location_rows = known
        lines = []
        for name in names:
            record = known.get(parse.name_key(name))
            if record is None:
                if table is not None:
                    schedule = self.book.table("Schedule")
                    assert schedule is not None
                    self._flag_row(
                        schedule, firsts[name]["_row"], "Location", Severity.WARNING,
                        "callsheet.unknown_location",
                        f"Location '{name}' is not on the {table.sheet} tab, so the call sheet "
                        "has no address, parking or hospital for it.",
                    )
                lines.append(LocationLine(name))
                continue
            lines.append(
                LocationLine(
                    name=_text(record.get("Location")),
                    address=_text(record.get("Address")),
                    parking=_text(record.get("Parking")),
                    contact=_text(record.get("Contact")),
                    phone=_text(record.get("Phone")),
                    hospital=_text(record.get("Hospital")),
                    hospital_address=_text(record.get("Hospital Address")),
                    hospital_phone=_text(record.get("Hospital Phone")),
                    notes=_text(record.get("Notes")),
                )
            )
        return lines

    def _sun(self, rows: list[dict[str, Any]], locations: list[LocationLine]) -> tuple[str, str]:
        if not locations:
            self._flag(
                Severity.WARNING, "callsheet.no_coordinates", self._tab("Schedule"), None, None,
                f"Day {self.day} has no location on the schedule, so sunrise and sunset are "
                "not shown.",
            )
            return NO_COORDINATES, NO_COORDINATES
        first = locations[0]
        record = self._location_rows.get(parse.name_key(first.name)) or {}
        lat, lon = record.get("Latitude"), record.get("Longitude")
        if not _coordinate(lat, 90) or not _coordinate(lon, 180):
            table = self.book.table("Locations")
            message = (
                f"Location '{first.name}' has no latitude and longitude, so sunrise and sunset "
                f"for day {self.day} are not shown."
            )
            if table is not None and record:
                self._flag_row(
                    table, record["_row"], "Latitude", Severity.WARNING,
                    "callsheet.no_coordinates", message,
                )
            else:
                self._flag(
                    Severity.WARNING, "callsheet.no_coordinates", self._tab("Locations"),
                    None, None, message,
                )
            return NO_COORDINATES, NO_COORDINATES
        if self.when is None:
            return "no date", "no date"
        zone_name = self.book.settings.timezone
        zone = production_zone(zone_name)
        if zone is None:
            cell = self.book.settings.cells.get("Timezone")
            self._flag(
                Severity.WARNING, "callsheet.bad_timezone", self._tab("Settings"),
                cell[0] if cell else None, None,
                f"Timezone '{zone_name}' is not a timezone name such as America/Los_Angeles; "
                "sunrise and sunset are shown in UTC.",
            )
            zone = production_zone("UTC")
            assert zone is not None
        rise, set_ = sun_times(float(lat), float(lon), self.when, zone)
        return _clock(rise) or "no sunrise", _clock(set_) or "no sunset"

    # -- cast

    def _work_days(self) -> dict[str, list[int]]:
        table = self.book.table("Schedule")
        days: dict[str, list[int]] = {}
        if table is None:
            return days
        for row in table.rows():
            day = row.get("Day")
            if day is None:
                continue
            for cast_id in row.get("Cast") or []:
                days.setdefault(cast_id, [])
                if day not in days[cast_id]:
                    days[cast_id].append(day)
        return days

    def _cast(self, rows: list[dict[str, Any]]) -> list[CastLine]:
        work = self._work_days()
        ids = {cast_id for row in rows for cast_id in row.get("Cast") or []}
        ids |= {c for c, days in work.items() if swhf(days, self.day) == "H"}
        calls: dict[str, dict[str, Any]] = {}
        calls_table = self.book.table("Cast Calls")
        if calls_table is not None:
            for record in calls_table.rows():
                key = _cast_key(record.get("Cast #"))
                if record.get("Day") == self.day and key:
                    calls.setdefault(key, record)
                    ids.add(key)
        cast_table = self.book.table("Cast")
        people = {}
        if cast_table is not None:
            people = {_cast_key(r.get("Cast #")): r for r in cast_table.rows()}
        lines = []
        for cast_id in sorted(ids, key=_id_order):
            person = people.get(cast_id, {})
            call = calls.get(cast_id, {})
            status = swhf(work.get(cast_id, []), self.day)
            if calls_table is not None and not call and status != "H":
                self._flag(
                    Severity.INFO, "callsheet.no_cast_call", calls_table.sheet, None, None,
                    f"Cast #{cast_id} works on day {self.day} but has no row on the "
                    f"{calls_table.sheet} tab (no pickup, H/MU or on-set time).",
                )
            lines.append(
                CastLine(
                    id=cast_id,
                    character=_text(person.get("Character")),
                    actor=_text(person.get("Actor")),
                    status=status,
                    pickup=_text(call.get("Pickup")),
                    hmu=_text(call.get("H/MU")),
                    on_set=_text(call.get("On Set")),
                    notes=_text(call.get("Notes")),
                )
            )
        return lines

    # -- crew

    def _crew(self, general_call: str) -> list[CrewLine]:
        table = self.book.table("Crew")
        if table is None:
            return []
        people: dict[str, str] = {}
        departments: dict[str, str] = {}
        calls_table = self.book.table("Crew Calls")
        crew_rows = table.rows()
        names = {parse.name_key(r.get("Name")) for r in crew_rows}
        depts = {parse.name_key(r.get("Department")) for r in crew_rows}
        if calls_table is not None:
            for record in calls_table.rows():
                if record.get("Day") != self.day:
                    continue
                who = parse.name_key(record.get("Who"))
                call = _text(record.get("Call"))
                if who in names:
                    people.setdefault(who, call)
                elif who in depts:
                    departments.setdefault(who, call)
                else:
                    self._flag_row(
                        calls_table, record["_row"], "Who", Severity.WARNING,
                        "callsheet.unknown_crew_call",
                        f"'{_text(record.get('Who'))}' on day {self.day} is neither a crew member "
                        "nor a department of the crew list, so this call is not used.",
                    )
        order: list[str] = []
        groups: dict[str, list[dict[str, Any]]] = {}
        for row in crew_rows:
            if not _text(row.get("Name")) or not self._on_day(row):
                continue
            dept = _text(row.get("Department"))
            key = parse.name_key(dept)
            if key not in groups:
                order.append(key)
                groups[key] = []
            groups[key].append(row)
        region = self.book.settings.region
        raw_phones = dict(zip(table.raw["_row"].tolist(), table.raw.get("Phone", []), strict=False))
        lines = []
        for key in order:
            for i, row in enumerate(groups[key]):
                name_key = parse.name_key(row.get("Name"))
                call = people.get(name_key) or departments.get(key) or general_call
                phone = ""
                if row.get("Publish Phone") is True:
                    phone = row.get("Phone") or _text(raw_phones.get(row["_row"]))
                dept = _text(row.get("Department"))
                lines.append(
                    CrewLine(
                        department=dept,
                        section=dept if i == 0 else "",
                        name=_text(row.get("Name")),
                        position=_text(row.get("Position")),
                        call=call,
                        phone=parse.normalize_phone(phone, region) or _text(phone),
                    )
                )
        return lines

    def _on_day(self, row: dict[str, Any]) -> bool:
        if self.when is None:
            return True
        start, end = row.get("Start Date"), row.get("End Date")
        if isinstance(start, date) and start > self.when:
            return False
        return not (isinstance(end, date) and end < self.when)

    # -- advance schedule

    def _advance(self, sheet: CallSheet) -> None:
        later = [d for d in self.days if d > self.day]
        if not later:
            sheet.advance_title = "Last shoot day"
            return
        nxt = later[0]
        when = self.days[nxt]
        rows = self._scene_rows(nxt)
        sheet.advance = [self._scene(row) for row in rows]
        sheet.advance_total_pages = parse.format_eighths(_pages([r.get("Pages") for r in rows]))
        label = f"Day {nxt}"
        if when:
            label += f" - {when:%a} {when:%b} {when.day}, {when.year}"
        sheet.advance_title = label


def _coordinate(value: Any, limit: float) -> bool:
    return (
        isinstance(value, int | float)
        and not isinstance(value, bool)
        and math.isfinite(value)
        and abs(value) <= limit
    )
