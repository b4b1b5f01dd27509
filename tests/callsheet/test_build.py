"""Call sheet content: each rule of WORKBOOK.md "Call sheets" with exact expected values."""

from __future__ import annotations

from datetime import date

import pytest

from addin.callsheet.build import build_callsheet, find_day
from addin.cast_days import swhf
from addin.errors import InputError
from tests.books import book_of
from tests.callsheet.callsheet_books import HYPERLINK, grids


def sheet_of(day: int, book: dict | None = None):
    return build_callsheet(book_of(book or grids()), day)


def rules(findings) -> list[tuple[str, str, str | None]]:
    return [(f.rule, f.sheet, f.cell) for f in findings]


def test_header_calls_and_day_of_m() -> None:
    sheet, _ = sheet_of(1)
    assert (sheet.production, sheet.company, sheet.production_number) == (
        "Night Shift", "Owl Pictures", "NS-01")
    assert sheet.day_of == "Day 1 of 3"
    assert (sheet.date, sheet.date_text) == ("2026-12-03", "Thursday, December 3, 2026")
    assert (sheet.crew_call, sheet.shooting_call, sheet.lunch, sheet.wrap) == (
        "7:00 AM", "8:00 AM", "1:00 PM", "7:00 PM")
    assert (sheet.weather, sheet.notes) == ("Sunny, 68", "Quiet set")
    assert sheet.walkie_channels == "Ch 1 Production; Ch 2 Private"
    assert sheet.safety_notes == "Watch the cable runs."
    assert [(c.role, c.name) for c in sheet.contacts] == [
        ("Producer", "Nadia Rosen"), ("1st AD", "Tom Becker")]


def test_text_times_on_the_days_tab_are_read() -> None:
    sheet, _ = sheet_of(2)
    assert (sheet.date, sheet.crew_call, sheet.shooting_call, sheet.lunch, sheet.wrap) == (
        "2026-12-04", "6:30 AM", "7:30 AM", "12:30 PM", "6:30 PM")


def test_sunrise_and_sunset_at_the_first_location_in_los_angeles_time() -> None:
    sheet, findings = sheet_of(1)
    assert (sheet.sunrise, sheet.sunset) == ("6:43 AM", "4:43 PM")
    assert "callsheet.no_coordinates" not in [f.rule for f in findings]


def test_sun_follows_the_production_timezone() -> None:
    book = grids()
    book["Settings"][4] = ["Timezone", "America/New_York"]
    sheet, _ = sheet_of(1, book)
    assert (sheet.sunrise, sheet.sunset) == ("9:43 AM", "7:43 PM")


def test_no_coordinates_leaves_sun_times_blank_and_is_a_warning() -> None:
    sheet, findings = sheet_of(3)
    assert (sheet.sunrise, sheet.sunset) == ("", "")  # the crew never reads "no coordinates"
    found = [f for f in findings if f.rule == "callsheet.no_coordinates"]
    assert [(f.severity.value, f.sheet, f.cell) for f in found] == [
        ("warning", "Locations", "C3")]
    assert found[0].message == (
        "Location 'Beach' has no latitude and longitude, so sunrise and sunset for day 3 "
        "are not shown.")


def test_scenes_with_pages_in_eighths_and_the_total() -> None:
    sheet, _ = sheet_of(1)
    assert [(s.scene, s.set, s.ie, s.dn, s.pages, s.cast, s.location) for s in sheet.scenes] == [
        ("1", "DINER - COUNTER", "INT", "DAY", "1 3/8", "1, 2", "Diner"),
        ("2", "DINER - LOT", "EXT", "NIGHT", "2 4/8", "1, 9", "Parking Lot"),
    ]
    assert sheet.total_pages == "3 7/8"


def test_swhf_from_the_whole_schedule() -> None:
    statuses = {day: {c.id: c.status for c in sheet_of(day)[0].cast} for day in (1, 2, 3)}
    assert statuses[1] == {"1": "SW", "2": "SW", "9": "SWF"}
    assert statuses[2] == {"1": "W", "2": "H"}
    assert statuses[3] == {"1": "WF", "2": "WF", "3": "SWF"}


def test_swhf_letters() -> None:
    assert [swhf([2, 4, 7], d) for d in (1, 2, 3, 4, 5, 7, 8)] == ["", "S", "H", "W", "H", "F", ""]
    assert swhf([5], 5) == "SWF"
    assert swhf([], 5) == ""


def test_cast_lines_with_character_actor_and_calls() -> None:
    sheet, _ = sheet_of(1)
    assert [(c.id, c.character, c.actor, c.status, c.pickup, c.hmu, c.on_set, c.notes)
            for c in sheet.cast] == [
        ("1", "MAYA", "Isabel Reyes", "SW", "6:15 AM", "7:00 AM", "8:00 AM", ""),
        ("2", "DANIEL", "Owen Mitchell", "SW", "6:45 AM", "7:30 AM", "8:15 AM", "Drives himself"),
        ("9", "", "", "SWF", "", "", "", ""),
    ]


def test_hold_day_cast_is_listed_without_times() -> None:
    sheet, _ = sheet_of(2)
    assert [(c.id, c.actor, c.status, c.pickup) for c in sheet.cast] == [
        ("1", "Isabel Reyes", "W", "5:45 AM"), ("2", "Owen Mitchell", "H", "")]


def test_crew_calls_person_over_department_over_general() -> None:
    sheet, _ = sheet_of(1)
    assert [(c.name, c.call) for c in sheet.crew] == [
        ("Pat Lee", "6:30 AM"),  # Camera's call
        ("Sam Roe", "6:00 AM"),  # his own call beats Camera's
        ("Kim Day", "7:00 AM"),  # general crew call
        ("Ann Wu", "7:00 AM"),
        (HYPERLINK, "7:00 AM"),
    ]
    day2, _ = sheet_of(2)
    assert [(c.name, c.call) for c in day2.crew] == [
        ("Pat Lee", "6:30 AM"), ("Sam Roe", "6:30 AM"), ("Kim Day", "6:00 AM"),
        ("Lou Fox", "6:00 AM"), (HYPERLINK, "6:30 AM")]


def test_crew_by_department_in_crew_list_order_and_within_their_dates() -> None:
    day1, _ = sheet_of(1)
    assert [(c.section, c.department, c.name) for c in day1.crew] == [
        ("Camera", "Camera", "Pat Lee"), ("", "Camera", "Sam Roe"),
        ("Grip", "Grip", "Kim Day"),  # Lou Fox starts on Dec 4
        ("Sound", "Sound", "Ann Wu"), ("", "Sound", HYPERLINK)]
    day2, _ = sheet_of(2)
    names = [c.name for c in day2.crew]
    assert "Lou Fox" in names and "Ann Wu" not in names  # Ann's last day was Dec 3


def test_phones_only_where_publish_phone_allows_and_never_emails() -> None:
    sheet, _ = sheet_of(2)
    assert {c.name: c.phone for c in sheet.crew} == {
        "Pat Lee": "(310) 555-0143",  # Y
        "Sam Roe": "(310) 555-0144",  # Yes, 310.555.0144 shown formatted
        "Kim Day": "",  # N
        "Lou Fox": "",  # blank
        HYPERLINK: "",  # blank
    }
    assert "@" not in str(sheet.to_dict())


def test_locations_with_parking_and_hospital() -> None:
    sheet, _ = sheet_of(1)
    diner, lot = sheet.locations
    assert (diner.name, diner.address, diner.parking, diner.hospital_line) == (
        "Diner", "1850 W Sunset Blvd, Los Angeles, CA 90026", "Lot on Lemoyne St",
        "Hollywood Presbyterian - 1300 N Vermont Ave - (213) 413-3000")
    assert (lot.name, lot.address) == ("Parking Lot", "")


def test_advance_schedule_is_the_next_shoot_day() -> None:
    sheet, _ = sheet_of(1)
    assert sheet.advance_title == "Day 2 - Fri Dec 4, 2026"
    assert [(s.scene, s.pages) for s in sheet.advance] == [("3", "7/8")]
    assert sheet.advance_total_pages == "7/8"
    last, _ = sheet_of(3)
    assert (last.advance_title, last.advance) == ("Last shoot day", [])


def test_problems_are_findings_and_never_stop_the_call_sheet() -> None:
    sheet, findings = sheet_of(1)
    assert rules(findings) == [
        ("callsheet.unknown_cast", "Schedule", "G3"),
        ("callsheet.unknown_location", "Schedule", "H3"),
        ("callsheet.no_cast_call", "Cast Calls", None),
        ("callsheet.unknown_crew_call", "Crew Calls", "B4"),
    ]
    assert findings[0].message == (
        "Scene 2 lists cast #9, who is not on the Cast tab; the call sheet shows the number only.")
    assert sheet.scenes  # built all the same


def test_day_without_calls_is_a_warning() -> None:
    sheet, findings = sheet_of(3)
    assert sheet.crew_call == ""
    assert ("callsheet.no_calls", "Days", "C4") in rules(findings)
    book = grids()
    del book["Days"][3]
    _, findings = sheet_of(3, book)
    assert ("callsheet.no_calls", "Days", None) in rules(findings)


def test_find_day_by_number_or_date() -> None:
    book = book_of(grids())
    assert find_day(book, day=2) == (2, date(2026, 12, 4))
    assert find_day(book, on=date(2026, 12, 7)) == (3, date(2026, 12, 7))
    with pytest.raises(InputError, match=r"^book.xlsx has no shoot day 9 \(days 1-3\)\.$"):
        find_day(book, day=9)
    with pytest.raises(InputError, match="has no shoot day on 2026-12-05"):
        find_day(book, on=date(2026, 12, 5))


def test_days_from_day_break_rows_without_a_day_column() -> None:
    book = grids()
    del book["Days"]
    book["Schedule"] = [
        ["Scene", "Set", "Pages", "Cast", "Location"],
        ["1", "DINER", "1 3/8", "1", "Diner"],
        ["END OF DAY 1 -- Thu Dec 3, 2026 -- 1 3/8 pgs"],
        ["3", "BOOTH", "7/8", "1, 2", "Diner"],
        ["5", "LOT", "2", "2", "Diner"],
        ["End of Day 2 -- Fri Dec 4, 2026"],
    ]
    sheet, findings = build_callsheet(book_of(book), on=date(2026, 12, 4))
    assert (sheet.day_of, sheet.total_pages) == ("Day 2 of 2", "2 7/8")
    assert [(c.id, c.status) for c in sheet.cast] == [("1", "WF"), ("2", "SWF")]
    assert ("callsheet.no_calls", "Days", None) in rules(findings)


def test_json_shape() -> None:
    data = sheet_of(1)[0].to_dict()
    assert data["day_of"] == "Day 1 of 3"
    assert data["version_text"] == "Version 1"
    assert data["locations"][0]["hospital_line"].startswith("Hollywood Presbyterian")
    assert data["crew"][0] == {"department": "Camera", "section": "Camera", "name": "Pat Lee",
                               "position": "DP", "call": "6:30 AM", "phone": "(310) 555-0143",
                               "notes": ""}
