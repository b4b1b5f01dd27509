"""A 1st AD's shoot calendar: Days rows without scenes, a Location per day, and the timezone
taken from the first location when Settings has none."""

from __future__ import annotations

import json
from datetime import date, time
from pathlib import Path

from addin.callsheet.build import build_callsheet
from addin.cli import main
from addin.lookups import sunrise
from tests.books import book_of, findings_of
from tests.callsheet.callsheet_books import grids, write_book

NEW_YORK_DINER = ["Diner", "1 Times Sq, New York, NY", 40.7580, -73.9855, "W 44th St",
                  "Mount Sinai West", "1000 10th Ave", "(212) 523-4000"]


def _calendar_book() -> dict:
    """The test book with a Days tab carrying a Location and Set, and a day 4 without scenes."""
    book = grids()
    book["Days"][0] += ["Location", "Set"]
    for row in book["Days"][1:]:
        row += [None, None]
    book["Days"].append([4, "12/8/26", "7:00 AM", None, None, None, None, "Tech scout",
                         "Diner", "SCOUT - DINER"])
    return book


def test_a_days_row_without_scenes_counts_and_has_its_location_hospital_and_sun() -> None:
    sheet, findings = build_callsheet(book_of(_calendar_book()), 4)
    assert (sheet.day_of, sheet.date) == ("Day 4 of 4", "2026-12-08")
    assert sheet.day_set == "SCOUT - DINER"
    assert [(loc.name, loc.hospital) for loc in sheet.locations] == [
        ("Diner", "Hollywood Presbyterian")]
    assert (sheet.sunrise, sheet.sunset) == ("6:47 AM", "4:43 PM")
    assert sheet.scenes == []
    assert "callsheet.no_coordinates" not in [f.rule for f in findings]
    assert build_callsheet(book_of(_calendar_book()), 1)[0].day_of == "Day 1 of 4"


def test_the_days_location_comes_first_then_the_scenes() -> None:
    book = _calendar_book()
    book["Days"][3][8] = "Beach"  # day 3's scenes are at the Beach too: listed once
    book["Days"][1][8] = "Beach"  # day 1: base at the Beach, scenes at the Diner
    sheet, _ = build_callsheet(book_of(book), 1)
    assert [loc.name for loc in sheet.locations] == ["Beach", "Diner", "Parking Lot"]


def test_an_unlisted_days_location_is_flagged_on_the_days_tab() -> None:
    book = _calendar_book()
    book["Days"][4][8] = "Warehouse"
    _, findings = build_callsheet(book_of(book), 4)
    found = [(f.rule, f.sheet, f.cell) for f in findings if f.rule == "callsheet.unknown_location"]
    assert found == [("callsheet.unknown_location", "Days", "I5")]


def _without_timezone(locations_first: list) -> dict:
    book = grids()
    book["Settings"] = [r for r in book["Settings"] if r[0] != "Timezone"]
    book["Locations"][1] = locations_first
    return book


def test_without_a_timezone_setting_the_first_locations_coordinates_give_it() -> None:
    book = book_of(_without_timezone(NEW_YORK_DINER))
    sheet, findings = build_callsheet(book, 1)
    assert sheet.timezone == "America/New_York"
    # New York's sun on its own clock (NOAA: 7:03 AM / 4:28 PM), not Los Angeles' 4:03 AM
    assert (sheet.sunrise, sheet.sunset) == ("7:03 AM", "4:28 PM")
    said = [f for f in findings if f.rule == "callsheet.timezone"]
    assert [(f.severity.value, f.sheet, f.cell) for f in said] == [("info", "Locations", "C2")]
    assert said[0].message == (
        "No Timezone on the Settings tab: sunrise and sunset are in America/New_York, the "
        "timezone at the coordinates of 'Diner'.")
    assert sunrise(book, "Diner", date(2026, 12, 3)).replace(second=0) == time(7, 3)


def test_validate_says_which_timezone_it_took(tmp_path: Path, capsys) -> None:
    path = write_book(tmp_path / "ny.xlsx", _without_timezone(NEW_YORK_DINER))
    main(["validate", str(path), "--format", "json", "--today", "2026-11-25"])
    findings = json.loads(capsys.readouterr().out)["findings"]
    (said,) = [f for f in findings if f["rule"] == "settings.timezone_from_location"]
    assert (said["severity"], said["sheet"], said["cell"]) == ("info", "Locations", "C2")
    assert "America/New_York" in said["message"]
    assert main(["callsheet", str(path), "--day", "1", "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["timezone"] == "America/New_York"


def test_a_timezone_setting_wins_and_is_not_mentioned() -> None:
    book = grids()
    book["Locations"][1] = NEW_YORK_DINER
    sheet, findings = build_callsheet(book_of(book), 1)
    assert sheet.timezone == "America/Los_Angeles"  # as Settings says, even for New York
    assert "callsheet.timezone" not in [f.rule for f in findings]
    assert "settings.timezone_from_location" not in [f[0] for f in findings_of(book)]


def test_no_timezone_and_no_coordinates_is_no_los_angeles_default() -> None:
    book = _without_timezone(["Diner", "1 Times Sq", None, None, None, None, None, None])
    sheet, _ = build_callsheet(book_of(book), 1)
    assert (sheet.timezone, sheet.sunrise, sheet.sunset) == ("", "", "")
