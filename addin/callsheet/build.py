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
from addin.calls import cast_on_day, crew_on_day, dates_reversed, day_calls
from addin.callsheet.sun import production_zone, sun_times
from addin.cast_days import cast_days, cast_key, cast_order, works
from addin.days import days_total, shoot_days
from addin.errors import InputError
from addin.model import Finding, Severity, Table
from addin.schema import header_key
from addin.timezones import production_timezone

NO_COORDINATES = ""
"""Sunrise and sunset without coordinates: left blank (the reason is a build problem)."""
CALL_WORDS = {"OC": "O/C", "ONCALL": "O/C", "TBD": "TBD", "TBA": "TBA", "WN": "W/N", "NW": "N/W"}
"""Calls typed as a word, printed as such: on call, to be decided, will notify, not working."""
BACKGROUND_HEADERS = {"background": "Background", "bg": "Background", "extras": "Background",
                      "atmosphere": "Background", "atmos": "Background",
                      "standins": "Stand-ins", "standin": "Stand-ins"}
SAFETY_HEADERS = ("safetynotes", "safety")
EQUIPMENT_HEADERS = ("specialequipment", "equipment", "specialequip", "specialequip#")
CONTACT_KEYS = (
    ("Producer", "producer"),
    ("Director", "director"),
    ("Line Producer", "line_producer"),
    ("UPM", "upm"),
    ("1st AD", "first_ad"),
    ("2nd AD", "second_ad"),
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
    synopsis: str = ""
    """The schedule's Synopsis (a one-liner's ``Description``)."""
    script_page: str = ""
    script_day: str = ""
    sequence: str = ""
    background: str = ""
    """``12 Background; 2 Stand-ins`` (the Schedule's Background / Stand-ins columns)."""
    description: str = ""
    """Set, synopsis and notes on lines of their own (what the shipped template prints)."""


@dataclass
class BackgroundLine:
    """Background or stand-ins one scene needs."""

    scene: str
    kind: str
    """``Background`` or ``Stand-ins``."""
    count: str
    what: str


@dataclass
class DepartmentNote:
    """A department's note for the day (Crew Calls notes, Days tab ``<Dept> Notes`` columns)."""

    department: str
    text: str


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
    notes: str = ""


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
    phone: str = ""


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
    """The day's safety notes (Days tab) then the standing ones (Settings)."""
    special_equipment: str = ""
    office_address: str = ""
    office_phone: str = ""
    producer: str = ""
    director: str = ""
    upm: str = ""
    first_ad: str = ""
    coordinator: str = ""
    line_producer: str = ""
    second_ad: str = ""
    script_color: str = ""
    """The script revision colour from Settings (``Blue``)."""
    schedule_color: str = ""
    total_pages: str = "0"
    scenes: list[SceneLine] = field(default_factory=list)
    cast: list[CastLine] = field(default_factory=list)
    crew: list[CrewLine] = field(default_factory=list)
    locations: list[LocationLine] = field(default_factory=list)
    contacts: list[Contact] = field(default_factory=list)
    background: list[BackgroundLine] = field(default_factory=list)
    background_total: str = ""
    timezone: str = ""
    """The IANA timezone of sunrise and sunset (Settings, else the first location's)."""
    day_set: str = ""
    """The Days tab's Set for the day (a day without scenes still has one)."""
    """The day's background: ``20 Background, 2 Stand-ins`` (the most any one scene needs)."""
    department_notes: list[DepartmentNote] = field(default_factory=list)
    advance_title: str = ""
    advance_total_pages: str = ""
    advance: list[SceneLine] = field(default_factory=list)
    version: int = 1
    revised: str = ""
    """``REVISED - Version 2 - Dec 2, 2026 4:15 PM`` on a later version, else empty."""
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
        office = "  |  ".join(p for p in (self.office_address, self.office_phone) if p)
        data["office_line"] = f"Office: {office}" if office else ""
        data["production_number_line"] = (
            f"Production # {self.production_number}" if self.production_number else ""
        )
        data["changes_title"] = (
            f"CHANGES SINCE VERSION {self.version - 1}" if self.changes else ""
        )
        data["problems_title"] = "BUILD PROBLEMS (see the book)" if self.problems else ""
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
    book: Book, day: int | None = None, on: date | None = None, *, all_phones: bool = False
) -> tuple[CallSheet, list[Finding]]:
    """The call sheet of one shoot day (by number or date) and the problems met building it.

    ``all_phones``: every crew phone (the department heads' copy), not only the
    published ones.
    """
    number, when = find_day(book, day, on)
    days = shoot_days(book)
    builder = _Builder(book, number, when, days, all_phones)
    return builder.build(), builder.findings


def background_total(lines: list[BackgroundLine]) -> str:
    """The day's background by kind: the largest count any one scene asks for (the same
    background usually works several scenes); a kind without counts is named alone."""
    most: dict[str, int | None] = {}
    for line in lines:
        count = int(line.count) if line.count.isdigit() else None
        known = most.get(line.kind)
        most[line.kind] = count if known is None else max(known, count or 0)
    return ", ".join(f"{n} {kind}" if n else kind for kind, n in most.items())


# ------------------------------------------------------------------ helpers


def _text(value: Any) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    if isinstance(value, time):
        return parse.format_time(value)
    if isinstance(value, date):
        return parse.format_date(value)
    return parse.display(value).strip()


def _clock(moment: datetime | None) -> str:
    if moment is None:
        return ""
    rounded = (moment + timedelta(seconds=30)).replace(second=0, microsecond=0)
    return parse.format_time(rounded.time())


def _pages(values: list[Any]) -> Fraction:
    return sum((v for v in values if isinstance(v, Fraction | int | float)), Fraction(0))


class _Builder:
    """Collects the day's lines and the findings met on the way."""

    def __init__(
        self, book: Book, day: int, when: date | None, days: dict[int, date | None],
        all_phones: bool = False,
    ):
        self.all_phones = all_phones
        self.book = book
        self.day = day
        self.when = when
        self.days = days
        self.findings: list[Finding] = []
        self.timezone = ""
        self._day_record: dict[str, Any] | None = None
        self._extra_columns: dict[str, dict[str, int]] = {}
        self._bad_phones: set[int] = set()
        """Crew rows whose phone was flagged already."""
        self._notes: list[DepartmentNote] = []
        """Crew Calls notes, in the tab's order."""
        self._department_notes: list[DepartmentNote] = []
        """The Days tab's ``<Department> Notes`` columns."""

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
            script_color=_text(settings.get("Script Color")),
            schedule_color=_text(settings.get("Schedule Color")),
        )
        for key, attr in CONTACT_KEYS:
            name = _text(settings.get(key))
            setattr(sheet, attr, name)
            if name:
                sheet.contacts.append(Contact(key, name))
        self._day_info(sheet)
        rows = self._scene_rows(self.day)
        sheet.scenes = [self._scene(row, check=True) for row in rows]
        sheet.background = self._background(rows)
        sheet.background_total = background_total(sheet.background)
        sheet.total_pages = parse.format_eighths(_pages([r.get("Pages") for r in rows]))
        if not rows:
            self._flag(
                Severity.WARNING, "callsheet.no_scenes", self._tab("Schedule"), None, None,
                f"Day {self.day} has no scenes on the schedule.",
            )
        sheet.locations = self._locations(rows)
        sheet.sunrise, sheet.sunset = self._sun(rows, sheet.locations)
        sheet.timezone = self.timezone
        sheet.cast = self._cast()
        sheet.crew = self._crew(sheet.crew_call)
        self._contact_phones(sheet)
        sheet.department_notes = self._notes + self._department_notes
        self._advance(sheet)
        return sheet

    # -- columns ProdDesk has no canonical name for (read from the tab itself)

    def _extras(self, table: Table) -> dict[str, int]:
        """header_key -> 1-based column of the tab's header cells that are not canonical."""
        known = self._extra_columns.get(table.sheet)
        if known is not None:
            return known
        grid = self.book.grids.get(table.sheet) or []
        known = {}
        if 0 < table.header_row <= len(grid):
            used = set(table.columns.values())
            known = {
                header_key(value): c
                for c, value in enumerate(grid[table.header_row - 1], start=1)
                if c not in used and value is not None and header_key(value)
            }
        self._extra_columns[table.sheet] = known
        return known

    def _cell(self, table: Table, row: int, col: int) -> str:
        grid = self.book.grids.get(table.sheet) or []
        line = grid[row - 1] if 0 < row <= len(grid) else []
        return _text(line[col - 1]) if col - 1 < len(line) else ""

    def _header(self, table: Table, col: int) -> str:
        return self._cell(table, table.header_row, col)

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
        assert table is not None
        self._day_record = record
        sheet.day_set = _text(record.get("Set"))
        sheet.crew_call = self._call(table, record, "Crew Call")
        sheet.shooting_call = self._call(table, record, "Shooting Call")
        sheet.lunch = self._call(table, record, "Lunch")
        sheet.wrap = self._call(table, record, "Wrap")
        sheet.weather = _text(record.get("Weather"))
        sheet.notes = _text(record.get("Notes"))
        extras = self._extras(table)
        row = record["_row"]
        day_safety = next(
            (self._cell(table, row, extras[k]) for k in SAFETY_HEADERS if k in extras), ""
        )
        sheet.safety_notes = "  ".join(t for t in (day_safety, sheet.safety_notes) if t)
        sheet.special_equipment = next(
            (self._cell(table, row, extras[k]) for k in EQUIPMENT_HEADERS if k in extras), ""
        )
        for key, col in extras.items():
            if key.endswith("notes") and key not in SAFETY_HEADERS and key != "notes":
                text = self._cell(table, row, col)
                department = self._header(table, col)[: -len("notes")].strip(" -:")
                if text:
                    self._department_notes.append(DepartmentNote(department, text))
        if not sheet.crew_call:
            assert table is not None
            self._flag_row(
                table, record["_row"], "Crew Call", Severity.WARNING, "callsheet.no_calls",
                f"Day {self.day} has no general crew call; crew without their own call show none.",
            )

    def _call(self, table: Table, record: dict[str, Any], column: str) -> str:
        """A call as printed: the time, a call word (O/C, TBD, W/N, N/W) or, flagged, the text."""
        value = record.get(column)
        if value is not None:
            return _text(value)
        raw = self._raw(table, record["_row"], column)
        if not raw:
            return ""
        word = CALL_WORDS.get(re.sub(r"[^A-Z]", "", raw.upper()))
        if word:
            return raw.strip().upper() if word == "TBA" else word
        self._flag_row(
            table, record["_row"], column, Severity.WARNING, "callsheet.unreadable_call",
            f"'{raw}' is not a time nor O/C, TBD, W/N or N/W; the call sheet prints it as typed.",
        )
        return raw

    def _raw(self, table: Table, row: int, column: str) -> str:
        col = table.columns.get(column)
        return self._cell(table, row, col) if col else ""

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
        return {cast_key(v) for v in table.values["Cast #"].tolist() if cast_key(v)}

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
        schedule = self.book.table("Schedule")
        assert schedule is not None
        extras = self._extras(schedule)
        synopsis = _text(row.get("Synopsis"))
        if not synopsis and "synopsis" in extras:
            synopsis = self._cell(schedule, row["_row"], extras["synopsis"])
        background = "; ".join(
            f"{line.count} {line.kind}".strip() + (f" ({line.what})" if line.what else "")
            for line in self._background([row])
        )
        set_ = _text(row.get("Set"))
        notes = _text(row.get("Notes"))
        return SceneLine(
            scene=_text(row.get("Scene")),
            set=set_,
            ie=_text(row.get("I/E")),
            dn=_text(row.get("D/N")),
            pages=parse.format_eighths(pages) if isinstance(pages, Fraction | int | float) else "",
            cast=", ".join(ids),
            location=_text(row.get("Location")),
            notes=notes,
            synopsis=synopsis,
            background=background,
            description="\n".join(t for t in (set_, synopsis, notes and f"NOTE: {notes}") if t),
            script_page=_text(row.get("Script Page")),
            script_day=_text(row.get("Script Day")),
            sequence=_text(row.get("Sequence")),
        )

    def _background(self, rows: list[dict[str, Any]]) -> list[BackgroundLine]:
        """Background and stand-ins of the scenes: ``12``, ``12 diners``, ``diners`` as typed."""
        schedule = self.book.table("Schedule")
        if schedule is None:
            return []
        columns = [(c, BACKGROUND_HEADERS[k]) for k, c in self._extras(schedule).items()
                   if k in BACKGROUND_HEADERS]
        lines = []
        for row in rows:
            for col, kind in columns:
                text = self._cell(schedule, row["_row"], col)
                if not text:
                    continue
                match = re.match(r"(\d+)\s*[x×]?\s*(.*)", text)
                count, what = (match.group(1), match.group(2).strip()) if match else ("", text)
                lines.append(BackgroundLine(_text(row.get("Scene")), kind, count, what))
            if schedule.has("Cast"):  # BG, 20 BG, ATMOS, X, Stand-ins (2) typed among the cast
                for entry in parse.parse_background(self._raw(schedule, row["_row"], "Cast")):
                    count = "" if entry.count is None else str(entry.count)
                    lines.append(BackgroundLine(_text(row.get("Scene")), entry.kind, count, ""))
        return lines

    # -- locations and sun

    def _locations(self, rows: list[dict[str, Any]]) -> list[LocationLine]:
        """The day's locations: the Days tab's for the day first, then the scenes' in order."""
        names: list[str] = []
        firsts: dict[str, dict[str, Any]] = {}
        days_tab = self.book.table("Days")
        day_location = _text((self._day_record or {}).get("Location"))
        if day_location:
            names.append(day_location)
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
                    source = self.book.table("Schedule") if name in firsts else days_tab
                    first = firsts.get(name) or self._day_record or {}
                    assert source is not None
                    self._flag_row(
                        source, first["_row"], "Location", Severity.WARNING,
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
                f"Day {self.day} has no location on the schedule or the Days tab, so sunrise and "
                "sunset are not shown.",
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
            return "", ""
        chosen = production_timezone(self.book)
        zone = production_zone(chosen.name) if chosen.name else None
        if zone is None:
            cell = self.book.settings.cells.get("Timezone")
            self._flag(
                Severity.WARNING, "callsheet.bad_timezone", self._tab("Settings"),
                cell[0] if cell else None, None,
                f"Timezone '{chosen.name}' is not a timezone name such as America/Los_Angeles; "
                "sunrise and sunset are shown in UTC." if chosen.name else
                "No Timezone on the Settings tab and none found at the locations' coordinates; "
                "sunrise and sunset are shown in UTC.",
            )
            zone = production_zone("UTC")
            assert zone is not None
        elif not chosen.from_settings and chosen.row is not None:
            locations = self.book.table("Locations")
            assert locations is not None
            self._flag_row(
                locations, chosen.row, "Latitude", Severity.INFO, "callsheet.timezone",
                f"No Timezone on the Settings tab: sunrise and sunset are in {chosen.said()}.",
            )
        self.timezone = zone.key
        rise, set_ = sun_times(float(lat), float(lon), self.when, zone)
        return _clock(rise) or "no sunrise", _clock(set_) or "no sunset"

    # -- cast

    def _cast(self) -> list[CastLine]:
        plan = cast_days(self.book)
        calls = cast_on_day(self.book, self.day, plan)
        calls_table = self.book.table("Cast Calls")
        cast_table = self.book.table("Cast")
        people = {}
        if cast_table is not None:
            people = {cast_key(r.get("Cast #")): r for r in cast_table.rows()}
        lines = []
        for cast_id in sorted(calls, key=cast_order):
            person = people.get(cast_id, {})
            call = calls.get(cast_id, {})
            status = plan.code(cast_id, self.day)
            if calls_table is not None and call and self.day in plan.dropped.get(cast_id, ()):
                before = max(d for d in plan.work[cast_id] if d < self.day)
                after = min(d for d in plan.work[cast_id] if d > self.day)
                self._flag_row(
                    calls_table, call["_row"], "Cast #", Severity.WARNING,
                    "callsheet.dropped_cast_call",
                    f"Cast #{cast_id} has a {calls_table.sheet} row for day {self.day}, but "
                    f"the Day Out of Days drops them between day {before} and day {after} "
                    f"(more than {plan.drop_days} days off; Settings: DOOD Drop Days). They "
                    "are listed with no status; schedule a scene or remove the row.",
                )
            if calls_table is not None and not call and works(status):
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
        calls = day_calls(self.book, self.day)
        printed: dict[tuple[str, int, str], str] = {}

        def shown(kind: str, record: dict[str, Any], column: str) -> str:
            """A call as printed, each cell read (and flagged) once."""
            key = (kind, record["_row"], column)
            if key not in printed:
                source = self.book.table(kind)
                assert source is not None
                printed[key] = (
                    general_call if kind == "Days" else self._call(source, record, column)
                )
            return printed[key]

        calls_table = self.book.table("Crew Calls")
        crew_rows = table.rows()
        names = {parse.name_key(r.get("Name")) for r in crew_rows}
        depts = {parse.name_key(r.get("Department")) for r in crew_rows}
        person_notes: dict[str, str] = {}
        if calls_table is not None:
            for record in calls_table.rows():
                if record.get("Day") != self.day:
                    continue
                who = parse.name_key(record.get("Who"))
                call = shown("Crew Calls", record, "Call")
                note = _text(record.get("Notes"))
                if who in names:
                    if note:
                        person_notes.setdefault(who, note)
                        self._notes.append(DepartmentNote(_text(record.get("Who")), note))
                elif who in depts:
                    if note:
                        heading = _text(record.get("Who"))
                        self._notes.append(
                            DepartmentNote(heading, f"{call} call: {note}" if call else note)
                        )
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
            if not _text(row.get("Name")) or not self._on_day(table, row):
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
        uncalled: dict[str, list[str]] = {}
        for key in order:
            for i, row in enumerate(groups[key]):
                name_key = parse.name_key(row.get("Name"))
                name = _text(row.get("Name"))
                call = next((c for source in calls.sources(row) if (c := shown(*source))), "")
                dept = _text(row.get("Department"))
                if not call:
                    uncalled.setdefault(dept or "(no department)", []).append(name)
                for column, what in (("Department", "department"), ("Position", "position")):
                    if not _text(row.get(column)):
                        self._flag_row(
                            table, row["_row"], column, Severity.WARNING,
                            f"callsheet.no_{what}",
                            f"{name} has no {what}; the call sheet lists them "
                            + ("at the end, without a department." if what == "department"
                               else "without a position."),
                        )
                phone = ""
                if self.all_phones or row.get("Publish Phone") is True:
                    phone = self._phone(table, row, raw_phones.get(row["_row"]), region)
                lines.append(
                    CrewLine(
                        department=dept,
                        section=dept if i == 0 else "",
                        name=name,
                        position=_text(row.get("Position")),
                        call=call,
                        phone=phone,
                        notes=person_notes.get(name_key, ""),
                    )
                )
        for dept, people_left in uncalled.items():
            self._flag(
                Severity.WARNING, "callsheet.no_crew_call", self._tab("Crew Calls"), None, None,
                f"{dept} has no call on day {self.day} (no Crew Calls row and no general crew "
                f"call), so {', '.join(people_left)} show no call.",
            )
        lines.sort(key=lambda line: not line.department)  # no department: at the end
        return lines

    def _phone(self, table: Table, row: dict[str, Any], raw: Any, region: str) -> str:
        """The phone as printed; one that is not a valid number is flagged and marked."""
        phone = row.get("Phone")
        if phone:
            return parse.normalize_phone(phone, region) or _text(phone)
        typed = _text(raw)
        if not typed:
            return ""
        if row["_row"] in self._bad_phones:
            return f"{typed} ?"
        self._bad_phones.add(row["_row"])
        self._flag_row(
            table, row["_row"], "Phone", Severity.WARNING, "callsheet.bad_phone",
            f"{_text(row.get('Name'))}'s phone '{typed}' is not a valid number; the call sheet "
            f"prints it marked '{typed} ?' so nobody takes it for a good one.",
        )
        return f"{typed} ?"

    def _contact_phones(self, sheet: CallSheet) -> None:
        """Key contacts' phones from the crew list (published ones, or all on the heads' copy)."""
        table = self.book.table("Crew")
        if table is None or not sheet.contacts:
            return
        region = self.book.settings.region
        raw_phones = dict(zip(table.raw["_row"].tolist(), table.raw.get("Phone", []), strict=False))
        by_name = {parse.name_key(r.get("Name")): r for r in table.rows()}
        for contact in sheet.contacts:
            row = by_name.get(parse.name_key(contact.name))
            if row is not None and (self.all_phones or row.get("Publish Phone") is True):
                contact.phone = self._phone(table, row, raw_phones.get(row["_row"]), region)

    def _on_day(self, table: Table, row: dict[str, Any]) -> bool:
        if self.when is not None and dates_reversed(row):
            start, end = row["Start Date"], row["End Date"]
            self._flag_row(
                table, row["_row"], "End Date", Severity.WARNING, "callsheet.crew_left_off",
                f"{_text(row.get('Name'))} is left off day {self.day}'s call sheet: their end "
                f"date {parse.format_date(end)} is before their start date "
                f"{parse.format_date(start)}.",
            )
        return crew_on_day(row, self.when)

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
