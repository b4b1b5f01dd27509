"""Revisions: a regenerated day gets _v2, a version stamp and the list of what changed."""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl

from addin.callsheet.command import default_template, make_callsheets
from addin.callsheet.revisions import file_stem, latest_version
from tests.books import book_of
from tests.callsheet.callsheet_books import grids

STEM = "Night_Shift_Day01_2026-12-03"


def texts(path: Path) -> list[str]:
    ws = openpyxl.load_workbook(path).active
    return [str(c.value) for row in ws.iter_rows() for c in row if c.value is not None]


def test_file_names() -> None:
    assert file_stem("The Long Take", 2, "2026-12-04") == "The_Long_Take_Day02_2026-12-04"
    assert file_stem("Rosie's / Night: Pt 2", 11, "") == "Rosie_s_Night_Pt_2_Day11"


def test_first_version_has_no_suffix_and_keeps_its_content(tmp_path: Path) -> None:
    (first,) = make_callsheets(book_of(grids()), [1], tmp_path, default_template())
    assert first.xlsx == tmp_path / f"{STEM}.xlsx"
    assert first.sheet.version == 1 and first.changes == []
    content = json.loads((tmp_path / f"{STEM}.json").read_text())
    assert content["crew_call"] == "7:00 AM" and content["version"] == 1
    assert "Version 1" in texts(first.xlsx)


def test_a_revision_lists_what_changed_and_overwrites_nothing(tmp_path: Path) -> None:
    template = default_template()
    (first,) = make_callsheets(book_of(grids()), [1], tmp_path, template)
    before = first.xlsx.read_bytes()

    book = grids()
    book["Days"][1][2] = "6:00 AM"  # general crew call 7:00 -> 6:00
    book["Crew Calls"][2] = [1, "Sam Roe", "5:30 AM", None]  # Sam 6:00 -> 5:30
    book["Schedule"][2][5] = "3"  # scene 2: 2 4/8 -> 3 pages
    book["Schedule"].append([1, "7", "DINER - ROOF", "EXT", "DAY", "4/8", "1", "Beach"])
    book["Cast Calls"][1][2] = "6:00 AM"  # Maya's pickup 6:15 -> 6:00
    book["Crew"][5][6] = "2026-12-02"  # Ann Wu now ends the day before
    (second,) = make_callsheets(book_of(book), [1], tmp_path, template)

    assert second.xlsx == tmp_path / f"{STEM}_v2.xlsx"
    assert first.xlsx.read_bytes() == before
    assert second.sheet.version == 2
    assert second.changes == [
        "Crew call: 7:00 AM -> 6:00 AM",
        "Location Beach added",
        "Scene 7 added",
        "Scene 2 pages: 2 4/8 -> 3",
        "Cast #1 MAYA pickup: 6:15 AM -> 6:00 AM",
        "Ann Wu (Sound) removed",
        "Sam Roe (Camera) call: 6:00 AM -> 5:30 AM",
    ]  # Kim and the boom follow the general call, so they are not listed one by one
    shown = texts(second.xlsx)
    assert "Version 2" in shown
    assert "Crew call: 7:00 AM -> 6:00 AM" in shown
    assert "Sam Roe (Camera) call: 6:00 AM -> 5:30 AM" in shown

    (third,) = make_callsheets(book_of(book), [1], tmp_path, template)  # nothing changed
    assert third.reused and third.xlsx.name == f"{STEM}_v2.xlsx"
    assert third.sheet.version == 2 and third.changes == second.changes
    assert latest_version(tmp_path, STEM) == 2


def test_a_missing_content_file_is_said_not_guessed(tmp_path: Path) -> None:
    template = default_template()
    make_callsheets(book_of(grids()), [1], tmp_path, template)
    (tmp_path / f"{STEM}.json").unlink()
    (second,) = make_callsheets(book_of(grids()), [1], tmp_path, template)
    assert second.changes == ["Version 1's content file is missing, so changes are not listed."]
