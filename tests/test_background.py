"""Background typed in a scene's cast cell (BG, 20 BG, ATMOS, X, Stand-ins (2)): not cast ids,
not errors, and on the call sheet as background with counts."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from addin.callsheet.build import build_callsheet
from addin.cli import main
from addin.parse import parse_background, parse_cast_ids
from tests.books import book_of, findings_of
from tests.callsheet.callsheet_books import grids, write_book


@pytest.mark.parametrize(("cell", "ids", "background"), [
    ("1, 2, BG", ["1", "2"], [("Background", None)]),
    ("1, 2, 20 BG", ["1", "2"], [("Background", 20)]),
    ("20 BG", [], [("Background", 20)]),
    ("1,2 & BG x12", ["1", "2"], [("Background", 12)]),
    ("3, ATMOS", ["3"], [("Background", None)]),
    ("3; Atmosphere (8)", ["3"], [("Background", 8)]),
    ("1, X", ["1"], [("Background", None)]),
    ("4, 20 BG, Stand-ins (2)", ["4"], [("Background", 20), ("Stand-ins", 2)]),
    ("Stand-ins", [], [("Stand-ins", None)]),
    ("1 2 5 BG", ["1", "2", "5"], [("Background", None)]),  # 5 is a cast id here
    ("12 Extras, B/G", [], [("Background", 12), ("Background", None)]),
    ("1/2/5", ["1", "2", "5"], []),
    ("#01a, 2", ["1A", "2"], []),
])
def test_background_in_a_cast_cell_is_not_a_cast_id(cell: str, ids: list, background: list) -> None:
    assert parse_cast_ids(cell) == ids
    assert [(b.kind, b.count) for b in parse_background(cell)] == background


def _book_with_background() -> dict:
    book = grids()
    book["Schedule"][1][6] = "1, 2, 20 BG"  # scene 1, day 1
    book["Schedule"][2][6] = "1, 9, BG x12, Stand-ins (2)"  # scene 2, day 1
    book["Schedule"][3][6] = "1, ATMOS"  # scene 3, day 2
    return book


def test_background_is_no_unknown_cast_finding() -> None:
    found = [f for f in findings_of(_book_with_background()) if f[0] == "schedule.unknown_cast"]
    assert found == [("schedule.unknown_cast", "Schedule", "G3")]  # only cast #9


def test_background_is_on_the_call_sheet_per_scene_with_a_day_total() -> None:
    sheet, findings = build_callsheet(book_of(_book_with_background()), 1)
    assert [(b.scene, b.kind, b.count) for b in sheet.background] == [
        ("1", "Background", "20"), ("2", "Background", "12"), ("2", "Stand-ins", "2")]
    assert sheet.background_total == "20 Background, 2 Stand-ins"
    assert [s.cast for s in sheet.scenes] == ["1, 2", "1, 9"]
    assert [s.background for s in sheet.scenes] == ["20 Background", "12 Background; 2 Stand-ins"]
    assert [c.id for c in sheet.cast] == ["1", "2", "9"]
    assert not any("BG" in f.message or "ATMOS" in f.message for f in findings)
    day2, _ = build_callsheet(book_of(_book_with_background()), 2)
    assert (day2.background_total, [c.id for c in day2.cast]) == ("Background", ["1", "2"])


def test_callsheet_json_carries_the_background(tmp_path: Path, capsys) -> None:
    path = write_book(tmp_path / "bg.xlsx", _book_with_background())
    assert main(["callsheet", str(path), "--day", "1", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["background_total"] == "20 Background, 2 Stand-ins"
    assert data["background"][0] == {"scene": "1", "kind": "Background", "count": "20", "what": ""}
