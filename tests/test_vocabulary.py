"""The vocabulary of real books (Movie Magic / USS one-liners, Hot Budget cost reports,
Wrapbook-style actuals, a 1st AD's calendar): every alias ProdDesk reads, one row each."""

from __future__ import annotations

from datetime import date, time
from pathlib import Path
from typing import Any

import pytest

from addin.book import find_tabs
from addin.callsheet.build import build_callsheet
from addin.cli import main
from addin.lookups import call_time
from tests.books import book_of, write_xlsx
from tests.callsheet.callsheet_books import grids


@pytest.mark.parametrize(("tab", "kind"), [
    ("Cast Members", "Cast"),
    ("Cost Report Detail", "Budget"),
    ("Calendar", "Days"),
    ("Shooting Calendar", "Days"),
    ("Project", "Settings"),
    ("Payroll", "Crew"),
    ("Crew List 2026", "Crew"),
    ("Shooting Schedule - Blue", "Schedule"),
    ("One-Liner v3", "Schedule"),
    ("Production Budget", "Budget"),
    ("PO Log (Final)", "POs"),
])
def test_tab_names_of_real_books(tab: str, kind: str) -> None:
    assert find_tabs([tab]) == {kind: tab}


def test_an_exact_tab_name_beats_an_alias_further_down_and_a_qualified_one() -> None:
    assert find_tabs(["Payroll", "Crew List", "Budget Detail", "Budget"]) == {
        "Crew": "Crew List", "Budget": "Budget"}


def test_words_that_change_what_a_tab_is_are_not_qualifiers() -> None:
    assert find_tabs(["Crew Notes", "Schedule Ideas"]) == {}


COLUMNS: list[tuple[str, list[str], list[Any], str, Any]] = [
    # tab, header row, data row, canonical column, value read
    ("Cast Members", ["Cast #", "Character", "Actor"], [1, "MAYA", "Isabel Reyes"], "Actor",
     "Isabel Reyes"),
    ("Schedule", ["Scene", "Cast Members"], ["1", "1, 2"], "Cast", ["1", "2"]),
    ("Schedule", ["Scene", "Set", "Description"], ["1", "DINER", "Maya quits."], "Synopsis",
     "Maya quits."),
    ("Schedule", ["Scene", "Set", "Description"], ["1", "DINER", "Maya quits."], "Set", "DINER"),
    ("Schedule", ["Scene", "Script Page"], ["1", "12-14"], "Script Page", "12-14"),
    ("Schedule", ["Scene", "Script Day"], ["1", "D3"], "Script Day", "D3"),
    ("Schedule", ["Scene", "Sequence"], ["1", "SEQ 4"], "Sequence", "SEQ 4"),
    ("PO Log", ["PO #", "Payee"], [1001, "Acme Grip"], "Vendor", "Acme Grip"),
    ("PO Log", ["PO #", "Actual"], [1001, "$1,250.00"], "Amount", 1250.0),
    ("PO Log", ["PO #", "Line"], [1001, 3100], "Account", "3100"),
    ("PO Log", ["PO #", "Line Description"], [1001, "Dolly"], "Description", "Dolly"),
    ("Cost Report", ["Line", "Line Description"], [3100, "Grip"], "Account", "3100"),
    ("Cost Report", ["Line", "Line Description"], [3100, "Grip"], "Description", "Grip"),
    ("Cost Report", ["Line", "Bid Totals"], [3100, "9,000"], "Budget", 9000.0),
    ("Cost Report", ["Line", "Estimate"], [3100, 9000], "Budget", 9000.0),
    ("Cost Report", ["Line", "Actual"], [3100, "$9,400.00"], "Actual", 9400.0),
    ("Cost Report", ["Line", "Variance"], [3100, "(400.00)"], "Variance", -400.0),
    ("Crew", ["Name", "Call"], ["Rita Gomez", "5:00A"], "Call", time(5, 0)),
    ("Calendar", ["Day", "Date", "Location"], [1, "12/3/26", "Diner"], "Location", "Diner"),
    ("Calendar", ["Day", "Date", "Set"], [1, "12/3/26", "DINER"], "Set", "DINER"),
]


@pytest.mark.parametrize(("tab", "header", "row", "column", "value"), COLUMNS)
def test_column_names_of_real_books(
    tab: str, header: list[str], row: list[Any], column: str, value: Any
) -> None:
    book = book_of({tab: [header, row]})
    (table,) = book.tables.values()
    assert table.rows()[0][column] == value


SETTINGS: list[tuple[str, Any, str, Any]] = [
    ("Project", "Night Shift", "Production", "Night Shift"),
    ("Project Title", "Night Shift", "Production", "Night Shift"),
    ("Line Producer", "Ana Ortiz", "Line Producer", "Ana Ortiz"),
    ("Second AD", "Ben Ito", "2nd AD", "Ben Ito"),
    ("Prep Start Date", "11/16/26", "Prep Start", date(2026, 11, 16)),
    ("Shoot Start Date", "12/3/26", "Shoot Start", date(2026, 12, 3)),
    ("Estimated Wrap Date", "Dec 18, 2026", "Wrap Date", date(2026, 12, 18)),
    ("Script Color", "Blue", "Script Color", "Blue"),
    ("Schedule Color", "Pink", "Schedule Color", "Pink"),
]


@pytest.mark.parametrize(("key", "typed", "setting", "value"), SETTINGS)
def test_settings_of_real_books(key: str, typed: Any, setting: str, value: Any) -> None:
    book = book_of({"Project": [["Setting", "Value"], [key, typed]],
                    "Crew": [["Name", "Department"], ["Pat Lee", "Camera"]]})
    assert book.settings.get(setting) == value


def test_settings_reach_the_call_sheet() -> None:
    book = grids()
    book["Settings"] += [["Line Producer", "Ana Ortiz"], ["Second AD", "Ben Ito"],
                         ["Script Color", "Blue"], ["Schedule Color", "Pink"]]
    sheet, _ = build_callsheet(book_of(book), 1)
    assert (sheet.line_producer, sheet.second_ad) == ("Ana Ortiz", "Ben Ito")
    assert (sheet.script_color, sheet.schedule_color) == ("Blue", "Pink")
    assert ("Line Producer", "Ana Ortiz") in [(c.role, c.name) for c in sheet.contacts]


@pytest.mark.parametrize(("header", "cells", "expected"), [
    (["Scene", "Slugline"], ["1", "INT. STARLITE DINER - NIGHT"],
     ("INT", "STARLITE DINER", "NIGHT")),
    (["Scene", "Slugline"], ["2", "EXT. HIGHWAY 9 - DAY"], ("EXT", "HIGHWAY 9", "DAY")),
    (["Scene", "Slugline"], ["3", "INT./EXT. CAR - MOVING - CONTINUOUS"],
     ("INT/EXT", "CAR - MOVING", "CONTINUOUS")),
    (["Scene", "Slugline"], ["4", "INT. HOUSE - KITCHEN"], ("INT", "HOUSE - KITCHEN", None)),
    (["Scene", "Scene Heading"], ["5", "I/E CAR - NIGHT"], ("INT/EXT", "CAR", "NIGHT")),
    (["Scene", "Slugline", "D/N"], ["6", "INT. STARLITE DINER - NIGHT", "N"],
     ("INT", "STARLITE DINER", "N")),
    (["Scene", "I/E", "Slugline"], ["7", "INT", "INT. STARLITE DINER - NIGHT"],
     ("INT", "INT. STARLITE DINER - NIGHT", None)),
])
def test_a_slugline_is_split_into_ie_set_and_dn_when_those_columns_are_missing(
    header: list[str], cells: list[Any], expected: tuple
) -> None:
    row = book_of({"Schedule": [header, cells]}).tables["Schedule"].rows()[0]
    assert (row.get("I/E"), row.get("Set"), row.get("D/N")) == expected


@pytest.mark.parametrize("actor", ["Actor", "Talent"])
def test_in_a_cast_list_name_beside_actor_is_the_character(actor: str) -> None:
    book = book_of({"Cast": [["#", "Name", actor], [1, "MAYA", "Isabel Reyes"]]})
    row = book.tables["Cast"].rows()[0]
    assert (row["Character"], row["Actor"]) == ("MAYA", "Isabel Reyes")


def test_a_cast_list_with_name_alone_keeps_name_as_the_actor() -> None:
    row = book_of({"Cast": [["#", "Name"], [1, "Isabel Reyes"]]}).tables["Cast"].rows()[0]
    assert (row.get("Character"), row["Actor"]) == (None, "Isabel Reyes")


def test_synopsis_and_script_columns_reach_the_call_sheet() -> None:
    book = grids()
    book["Schedule"][0] += ["Description", "Script Page", "Script Day", "Sequence"]
    for row in book["Schedule"][1:]:
        row += [f"Scene {row[1]} synopsis", "12-13", "D1", "4"]
    sheet, _ = build_callsheet(book_of(book), 1)
    scene = sheet.to_dict()["scenes"][0]
    assert (scene["set"], scene["synopsis"]) == ("DINER - COUNTER", "Scene 1 synopsis")
    assert (scene["script_page"], scene["script_day"], scene["sequence"]) == ("12-13", "D1", "4")


def _with_standing_calls() -> dict:
    book = grids()
    book["Crew"][0].append("Call")
    calls = {"Pat Lee": "5:30A", "Kim Day": "0600", "Lou Fox": None}
    for row in book["Crew"][1:]:
        row.append(calls.get(row[0]))
    return book


def test_a_standing_call_in_the_crew_list_is_that_persons_call() -> None:
    book = _with_standing_calls()
    sheet, _ = build_callsheet(book_of(book), 1)
    calls = {c.name: c.call for c in sheet.crew}
    # Sam Roe's own call for day 1 wins; Pat's standing call beats Camera's 6:30 for day 1;
    # Kim's standing 6:00 beats the general call; Lou has none, so the general call
    assert calls["Pat Lee"] == "5:30 AM"
    assert calls["Sam Roe"] == "6:00 AM"
    assert calls["Kim Day"] == "6:00 AM"
    day2 = {c.name: c.call for c in build_callsheet(book_of(book), 2)[0].crew}
    assert (day2["Lou Fox"], day2["Kim Day"]) == ("6:00 AM", "6:00 AM")  # grip's call, standing


def test_pd_calltime_uses_the_same_standing_call() -> None:
    book = book_of(_with_standing_calls())
    assert call_time(book, "Pat Lee", 1) == time(5, 30)
    assert call_time(book, "Sam Roe", 1) == time(6, 0)
    assert call_time(book, "Ann Wu", 1) == time(7, 0)


def test_a_hot_budget_cost_report_and_actuals_log_are_checked_end_to_end(
    tmp_path: Path, capsys
) -> None:
    path = write_xlsx(tmp_path / "actuals.xlsx", {
        "Project": [["Setting", "Value"], ["Project Title", "Night Shift"]],
        "Cost Report Detail": [
            ["Line", "Line Description", "Bid Totals", "Actual", "Variance"],
            [3100, "Grip", "$9,000.00", "$9,400.00", "($400.00)"],
        ],
        "PO Log": [
            ["PO #", "Payee", "Line", "Line Description", "Actual", "Status"],
            [1001, "Acme Grip", 3100, "Dolly", "$6,000.00", "Paid"],
            [1002, "Acme Grip", 3100, "Cranes", "$3,400.00", "Approved"],
            [1003, "Best Boy Rentals", 9999, "Truck", "$100.00", "Open"],
        ],
    })
    code = main(["validate", str(path), "--format", "json", "--today", "2026-11-25"])
    data = __import__("json").loads(capsys.readouterr().out)
    found = {(f["rule"], f["sheet"], f["cell"]) for f in data["findings"]}
    assert code == 1
    assert ("budget.over", "Cost Report Detail", "C2") in found
    assert ("po.unknown_account", "PO Log", "C4") in found
