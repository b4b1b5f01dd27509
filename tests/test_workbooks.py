"""The shipped workbooks: rebuilt by their script, shaped by the book contract, mistakes seeded."""

from __future__ import annotations

import importlib.util
import json
import sys
import zipfile
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from openpyxl.worksheet.worksheet import Worksheet
from python_calamine import CalamineWorkbook

from addin.parse import format_time

WORKBOOKS = Path(__file__).resolve().parents[1] / "workbooks"
TEMPLATE = WORKBOOKS / "production_template.xlsx"
SAMPLE = WORKBOOKS / "sample_production.xlsx"
MISTAKES = WORKBOOKS / "sample_mistakes.json"

# The tabs and canonical headers of the book contract (copied from WORKBOOK.md, "Tabs" and
# "Columns"; Crew uses the single Paperwork column), with the day-planning columns (README, "Day
# planning": Second Meal, and the Wrap of a person or department).
CANONICAL: dict[str, list[str]] = {
    "Settings": ["Setting", "Value"],
    "Crew": ["Name", "Department", "Position", "Phone", "Email", "Rate", "Guarantee",
             "Start Date", "End Date", "Union", "Paperwork", "Publish Phone", "Notes"],
    "Cast": ["Cast #", "Character", "Actor", "Phone", "Email", "Agent", "Union", "Notes"],
    "Vendors": ["Vendor", "Category", "Contact", "Phone", "Email", "Address", "W-9",
                "COI Expires", "Notes"],
    "POs": ["PO #", "Date", "Vendor", "Description", "Account", "Amount", "Status",
            "Approved By", "Start", "End", "Invoice #", "Notes"],
    "Budget": ["Account", "Description", "Budget"],
    "Locations": ["Location", "Address", "Latitude", "Longitude", "Parking", "Contact", "Phone",
                  "Hospital", "Hospital Address", "Hospital Phone", "Notes"],
    "Schedule": ["Day", "Date", "Scene", "Set", "I/E", "D/N", "Pages", "Cast", "Location",
                 "Notes"],
    "Days": ["Day", "Date", "Crew Call", "Shooting Call", "Lunch", "Second Meal", "Wrap",
             "Weather", "Notes"],
    "Cast Calls": ["Day", "Cast #", "Pickup", "H/MU", "On Set", "Wrap", "Notes"],
    "Crew Calls": ["Day", "Who", "Call", "Wrap", "Notes"],
}

SETTINGS_KEYS = [
    "Production", "Company", "Production #", "Timezone", "Region", "Office Address",
    "Office Phone", "Producer", "Director", "UPM", "1st AD", "Coordinator", "Walkie Channels",
    "Safety Notes", "COI Warning Days", "PO Approval Threshold", "Prep Start", "Shoot Start",
    "Wrap Date", "Turnaround Crew Hours", "Turnaround Cast Hours", "Weekly Rest Crew Hours",
    "Weekly Rest Cast Hours", "Meal Interval Hours", "Meal Penalty Crew", "Meal Penalty Cast",
]

DROPDOWNS = {
    ("POs", "Status"): ["Open", "Approved", "Paid", "Closed", "Void"],
    ("Schedule", "I/E"): ["INT", "EXT", "INT/EXT"],
    ("Schedule", "D/N"): ["DAY", "NIGHT", "DAWN", "DUSK"],
    ("Vendors", "W-9"): ["Yes", "No"],
    ("Crew", "Publish Phone"): ["Yes", "No"],
}

SHOOT_DAYS = {1: date(2026, 12, 3), 2: date(2026, 12, 4), 3: date(2026, 12, 7),
              4: date(2026, 12, 8)}


def _load_script():
    spec = importlib.util.spec_from_file_location("build_workbooks",
                                                  WORKBOOKS / "build_workbooks.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while being built
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def rebuilt(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The three files, built afresh by the script."""
    return _load_script().build_all(tmp_path_factory.mktemp("rebuilt"))


def _values(path: Path) -> dict[str, list[tuple]]:
    wb = openpyxl.load_workbook(path)
    return {ws.title: list(ws.iter_rows(values_only=True)) for ws in wb.worksheets}


def _header_row(ws: Worksheet, first: str) -> int:
    for row in ws.iter_rows(min_row=1, max_row=15):
        if row[0].value == first:
            return row[0].row
    raise AssertionError(f"no header row in {ws.title}")


def _data_rows(ws: Worksheet, key: str) -> list[dict[str, Any]]:
    """Rows below the header that have a value in the key column, as header -> value."""
    header_row = _header_row(ws, CANONICAL[ws.title][0])
    headers = [c.value for c in ws[header_row]]
    rows = []
    for values in ws.iter_rows(min_row=header_row + 1, values_only=True):
        record = dict(zip(headers, values, strict=False))
        if record.get(key) not in (None, ""):
            rows.append(record)
    return rows


# ---------------------------------------------------------------- rebuilt == committed


@pytest.mark.parametrize("name", ["template", "sample"])
def test_committed_workbook_is_what_the_script_builds(rebuilt: dict[str, Path], name: str):
    committed = TEMPLATE if name == "template" else SAMPLE
    assert _values(rebuilt[name]) == _values(committed)


def test_committed_mistakes_are_what_the_script_builds(rebuilt: dict[str, Path]):
    assert json.loads(rebuilt["mistakes"].read_text()) == json.loads(MISTAKES.read_text())


def test_building_twice_gives_the_same_bytes(rebuilt: dict[str, Path], tmp_path: Path):
    again = _load_script().build_all(tmp_path)
    for name, path in rebuilt.items():
        assert again[name].read_bytes() == path.read_bytes(), name


# ---------------------------------------------------------------- the template


def test_template_has_every_tab_with_canonical_bold_frozen_headers():
    wb = openpyxl.load_workbook(TEMPLATE)
    assert wb.sheetnames == list(CANONICAL)
    for tab, headers in CANONICAL.items():
        ws = wb[tab]
        row = [c.value for c in ws[1]][: len(headers)]
        assert row == headers, tab
        assert all(c.font.bold for c in ws[1] if c.value), tab
        assert ws.freeze_panes == "A2", tab
        assert all(ws.column_dimensions[c.column_letter].width >= 6 for c in ws[1]), tab
        if tab != "Settings":
            assert ws.max_row == 1, f"{tab} should hold no data"


def test_template_settings_lists_every_key_with_empty_value_and_a_hint():
    ws = openpyxl.load_workbook(TEMPLATE)["Settings"]
    rows = list(ws.iter_rows(min_row=2, values_only=True))
    assert [r[0] for r in rows] == SETTINGS_KEYS
    assert all(r[1] is None for r in rows)
    assert all(isinstance(r[2], str) and r[2] for r in rows)


def _list_choices(ws: Worksheet, column: str, row: int) -> list[str] | None:
    letter = openpyxl.utils.get_column_letter(CANONICAL[ws.title].index(column) + 1)
    for dv in ws.data_validations.dataValidation:
        if dv.type == "list" and f"{letter}{row}" in dv.sqref:
            return dv.formula1.strip('"').split(",")
    return None


@pytest.mark.parametrize(("tab", "column"), list(DROPDOWNS))
def test_template_has_dropdowns_for_fixed_values(tab: str, column: str):
    ws = openpyxl.load_workbook(TEMPLATE)[tab]
    for row in (2, 500):
        assert _list_choices(ws, column, row) == DROPDOWNS[(tab, column)]


@pytest.mark.parametrize(
    ("tab", "column", "looks_like"),
    [("POs", "Date", "yyyy"), ("POs", "Amount", "$"), ("Budget", "Budget", "$"),
     ("Vendors", "COI Expires", "yyyy"), ("Crew", "Start Date", "yyyy"),
     ("Days", "Crew Call", "AM/PM"), ("Cast Calls", "On Set", "AM/PM")],
)
def test_template_formats_date_money_and_time_columns(tab: str, column: str, looks_like: str):
    ws = openpyxl.load_workbook(TEMPLATE)[tab]
    letter = openpyxl.utils.get_column_letter(CANONICAL[tab].index(column) + 1)
    assert looks_like in ws.column_dimensions[letter].number_format


# ---------------------------------------------------------------- the sample


@pytest.fixture(scope="module")
def sample() -> openpyxl.Workbook:
    """The committed sample production, as openpyxl reads it."""
    return openpyxl.load_workbook(SAMPLE)


def test_sample_has_every_tab_and_the_expected_sizes(sample: openpyxl.Workbook):
    assert sample.sheetnames == list(CANONICAL)
    assert 38 <= len(_data_rows(sample["Crew"], "Position")) <= 45
    assert len(_data_rows(sample["Cast"], "Cast #")) == 8
    assert len(_data_rows(sample["Vendors"], "Vendor")) == 12
    assert len(_data_rows(sample["POs"], "PO #")) == 30
    assert len(_data_rows(sample["Budget"], "Account")) == 12
    assert len(_data_rows(sample["Locations"], "Location")) == 3


def test_sample_crew_looks_like_a_coordinators_list(sample: openpyxl.Workbook):
    ws = sample["Crew"]
    assert "A1" in {str(r).split(":")[0] for r in ws.merged_cells.ranges}
    assert _header_row(ws, "Name") == 2
    assert ws.freeze_panes == "A3"
    sections = [
        row[0] for row in ws.iter_rows(min_row=3, values_only=True)
        if row[0] and all(v is None for v in row[1:])
    ]
    assert {"PRODUCTION", "CAMERA", "GRIP", "ELECTRIC", "SOUND", "ART", "WARDROBE",
            "HAIR & MAKEUP", "LOCATIONS", "TRANSPORTATION"} <= set(sections)
    people = _data_rows(ws, "Position")
    assert all(p["Department"] is None for p in people)
    assert any(isinstance(p["Rate"], str) and "/" in p["Rate"] for p in people)
    assert any(isinstance(p["Rate"], int | float) for p in people)
    assert {p["Publish Phone"] for p in people} == {"Yes", "No"}


def test_sample_settings_dates_and_days(sample: openpyxl.Workbook):
    settings = {r[0]: r[1] for r in sample["Settings"].iter_rows(min_row=2, values_only=True)}
    assert list(settings) == SETTINGS_KEYS
    assert all(v not in (None, "") for v in settings.values())
    assert settings["Timezone"] == "America/Los_Angeles"
    assert settings["Prep Start"] == datetime(2026, 11, 16)
    assert settings["Shoot Start"] == datetime(2026, 12, 3)
    assert settings["Wrap Date"] == datetime(2026, 12, 11)
    days = {r["Day"]: r["Date"].date() for r in _data_rows(sample["Days"], "Day")}
    assert days == SHOOT_DAYS
    scenes = _data_rows(sample["Schedule"], "Scene")
    assert {s["Day"] for s in scenes} == set(SHOOT_DAYS)
    assert all(s["Date"].date() == SHOOT_DAYS[s["Day"]] for s in scenes)


def test_sample_schedule_locations_are_on_the_locations_tab(sample: openpyxl.Workbook):
    locations = _data_rows(sample["Locations"], "Location")
    for place in locations:
        assert 33.7 < place["Latitude"] < 34.4 and -118.7 < place["Longitude"] < -118.0
        assert place["Hospital"] and place["Hospital Address"] and place["Hospital Phone"]
    names = {p["Location"] for p in locations}
    assert {s["Location"] for s in _data_rows(sample["Schedule"], "Scene")} == names


# ---------------------------------------------------------------- the seeded mistakes


def _shown(value: Any) -> str:
    if isinstance(value, datetime):
        return f"{value.month}/{value.day}/{value.year}"
    if isinstance(value, time):
        return format_time(value)
    return str(value)


def test_mistakes_point_at_cells_holding_the_mistaken_value(sample: openpyxl.Workbook):
    mistakes = json.loads(MISTAKES.read_text())
    assert 10 <= len(mistakes) <= 16
    assert len({(m["sheet"], m["cell"]) for m in mistakes}) == len(mistakes)
    for m in mistakes:
        assert set(m) == {"rule", "sheet", "cell", "what"}
        ws = sample[m["sheet"]]
        cell = ws[m["cell"]]
        assert cell.row <= ws.max_row and cell.column <= ws.max_column, m
        if m["rule"] == "po.needs_approval":
            assert cell.value is None, "the approver cell is the one left blank"
        else:
            assert cell.value is not None, m
            assert _shown(cell.value) in m["what"], m


def test_the_ref_error_is_a_real_error_cell(sample: openpyxl.Workbook):
    mistake = next(m for m in json.loads(MISTAKES.read_text())
                   if m["rule"] == "po.amount_invalid")
    cell = sample[mistake["sheet"]][mistake["cell"]]
    assert (cell.value, cell.data_type) == ("#REF!", "e")
    sheet_xml = f"xl/worksheets/sheet{sample.sheetnames.index(mistake['sheet']) + 1}.xml"
    with zipfile.ZipFile(SAMPLE) as package:
        xml = package.read(sheet_xml).decode()
    assert f'<c r="{mistake["cell"]}"' in xml
    tag = xml.split(f'<c r="{mistake["cell"]}"', 1)[1].split(">", 1)[0]
    assert 't="e"' in tag
    # python-calamine turns error cells into blanks: the reader must use another path for them.
    grid = CalamineWorkbook.from_path(str(SAMPLE)).get_sheet_by_name(mistake["sheet"]).to_python()
    assert grid[cell.row - 1][cell.column - 1] in ("", None)


def test_duplicates_in_the_sample_are_really_duplicated(sample: openpyxl.Workbook):
    numbers = [r["PO #"] for r in _data_rows(sample["POs"], "PO #")]
    assert len(numbers) - len(set(numbers)) == 1
    cast = {str(r["Cast #"]) for r in _data_rows(sample["Cast"], "Cast #")}
    unknown = [
        s for s in _data_rows(sample["Schedule"], "Scene")
        if not {i.strip() for i in str(s["Cast"]).split(",")} <= cast
    ]
    assert len(unknown) == 1
