"""Build the workbooks ProdDesk ships: the empty production template and the sample production.

Run ``python workbooks/build_workbooks.py``. It writes, next to itself:

- ``production_template.xlsx``: every tab of the book contract (WORKBOOK.md) with its
  canonical headers, dropdowns and number formats, ready for a coordinator to fill in;
- ``sample_production.xlsx``: "The Long Take", a four-day indie shoot in Los Angeles, laid
  out the way a real coordinator's book is (banner row, department section rows, End of
  Day rows) with a handful of seeded mistakes;
- ``sample_mistakes.json``: one entry per seeded mistake (rule id, tab, cell, what is wrong),
  checked against ``proddesk validate --today 2026-11-25``.

The output is deterministic: fixed dates, fixed file timestamps, no randomness.
"""

from __future__ import annotations

import io
import json
import re
import sys
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, time
from fractions import Fraction
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

HERE = Path(__file__).resolve().parent
TEMPLATE = "production_template.xlsx"
SAMPLE = "sample_production.xlsx"
MISTAKES = "sample_mistakes.json"

# A fixed instant for the file's own metadata, so that rebuilding changes no byte.
FIXED_STAMP = "2026-11-16T09:00:00Z"
FIXED_ZIP_TIME = (2026, 11, 16, 9, 0, 0)

# ---------------------------------------------------------------- the contract's tabs

HEADERS: dict[str, list[str]] = {
    "Settings": ["Setting", "Value", "Hint"],
    "Crew": [
        "Name", "Department", "Position", "Phone", "Email", "Rate", "Guarantee",
        "Start Date", "End Date", "Union", "Paperwork", "Publish Phone", "Notes",
    ],
    "Cast": ["Cast #", "Character", "Actor", "Phone", "Email", "Agent", "Union", "Notes"],
    "Vendors": [
        "Vendor", "Category", "Contact", "Phone", "Email", "Address", "W-9", "COI Expires",
        "Notes",
    ],
    "POs": [
        "PO #", "Date", "Vendor", "Description", "Account", "Amount", "Status", "Approved By",
        "Start", "End", "Invoice #", "Notes",
    ],
    "Budget": ["Account", "Description", "Budget"],
    "Locations": [
        "Location", "Address", "Latitude", "Longitude", "Parking", "Contact", "Phone",
        "Hospital", "Hospital Address", "Hospital Phone", "Notes",
    ],
    "Schedule": ["Day", "Date", "Scene", "Set", "I/E", "D/N", "Pages", "Cast", "Location", "Notes"],
    "Days": ["Day", "Date", "Crew Call", "Shooting Call", "Lunch", "Second Meal", "Wrap",
             "Weather", "Notes"],
    "Cast Calls": ["Day", "Cast #", "Pickup", "H/MU", "On Set", "Wrap", "Notes"],
    "Crew Calls": ["Day", "Who", "Call", "Wrap", "Notes"],
}

SETTINGS_HINTS: dict[str, str] = {
    "Production": "Title of the film or show",
    "Company": "Production company",
    "Production #": "Job or production number",
    "Timezone": "IANA name, e.g. America/Los_Angeles",
    "Region": "Country code for phone numbers, e.g. US",
    "Office Address": "Production office street address",
    "Office Phone": "Production office phone",
    "Producer": "Name",
    "Director": "Name",
    "UPM": "Unit production manager",
    "1st AD": "First assistant director",
    "Coordinator": "Production coordinator",
    "Walkie Channels": "e.g. Ch 1 Production; Ch 2 Private",
    "Safety Notes": "Printed on every call sheet",
    "COI Warning Days": "Warn this many days before a COI expires (14 if empty)",
    "PO Approval Threshold": "POs above this amount need an approver (2500 if empty)",
    "Prep Start": "First day of prep (date)",
    "Shoot Start": "First shoot day (date)",
    "Wrap Date": "Last day of wrap (date)",
    "Turnaround Crew Hours": "Minimum rest between wrap and next call, crew (10 if empty)",
    "Turnaround Cast Hours": "Minimum rest between wrap and next call, cast (12 if empty)",
    "Weekly Rest Crew Hours": "Minimum rest over a weekend, crew (54 if empty)",
    "Weekly Rest Cast Hours": "Rest over a weekend, cast (56 if empty; 2 h less after 6 AM)",
    "Meal Interval Hours": "A meal is due this many hours after call (6 if empty)",
    "Meal Penalty Crew": "Dollars per half hour late, e.g. 25, 35, 50 (the default)",
    "Meal Penalty Cast": "Dollars per half hour late, e.g. 25, 35, 50 (SAG-AFTRA, the default)",
}

DROPDOWNS: dict[tuple[str, str], list[str]] = {
    ("POs", "Status"): ["Open", "Approved", "Paid", "Closed", "Void"],
    ("Schedule", "I/E"): ["INT", "EXT", "INT/EXT"],
    ("Schedule", "D/N"): ["DAY", "NIGHT", "DAWN", "DUSK"],
    ("Vendors", "W-9"): ["Yes", "No"],
    ("Crew", "Publish Phone"): ["Yes", "No"],
}

DATE_FORMAT = "m/d/yyyy"
MONEY_FORMAT = '"$"#,##0.00'
TIME_FORMAT = "h:mm AM/PM"
COORDINATE_FORMAT = "0.0000"

FORMATS: dict[tuple[str, str], str] = {
    ("Crew", "Start Date"): DATE_FORMAT,
    ("Crew", "End Date"): DATE_FORMAT,
    ("Vendors", "COI Expires"): DATE_FORMAT,
    ("POs", "Date"): DATE_FORMAT,
    ("POs", "Start"): DATE_FORMAT,
    ("POs", "End"): DATE_FORMAT,
    ("POs", "Amount"): MONEY_FORMAT,
    ("Budget", "Budget"): MONEY_FORMAT,
    ("Locations", "Latitude"): COORDINATE_FORMAT,
    ("Locations", "Longitude"): COORDINATE_FORMAT,
    ("Schedule", "Date"): DATE_FORMAT,
    ("Days", "Date"): DATE_FORMAT,
    ("Days", "Crew Call"): TIME_FORMAT,
    ("Days", "Shooting Call"): TIME_FORMAT,
    ("Days", "Lunch"): TIME_FORMAT,
    ("Days", "Second Meal"): TIME_FORMAT,
    ("Days", "Wrap"): TIME_FORMAT,
    ("Cast Calls", "Pickup"): TIME_FORMAT,
    ("Cast Calls", "H/MU"): TIME_FORMAT,
    ("Cast Calls", "On Set"): TIME_FORMAT,
    ("Cast Calls", "Wrap"): TIME_FORMAT,
    ("Crew Calls", "Call"): TIME_FORMAT,
    ("Crew Calls", "Wrap"): TIME_FORMAT,
}

WIDTHS: dict[str, float] = {
    "Setting": 24, "Value": 48, "Hint": 52,
    "Name": 22, "Department": 16, "Position": 30, "Phone": 16, "Email": 32, "Rate": 11,
    "Guarantee": 11, "Start Date": 12, "End Date": 12, "Union": 14, "Paperwork": 14,
    "Publish Phone": 9, "Notes": 40,
    "Cast #": 8, "Character": 18, "Actor": 20, "Agent": 34,
    "Vendor": 32, "Category": 18, "Contact": 20, "Address": 44, "W-9": 7, "COI Expires": 12,
    "PO #": 10, "Date": 12, "Description": 52, "Account": 10, "Amount": 13, "Status": 11,
    "Approved By": 16, "Start": 12, "End": 12, "Invoice #": 12, "Budget": 14,
    "Location": 22, "Latitude": 10, "Longitude": 11, "Parking": 44, "Hospital": 36,
    "Hospital Address": 42, "Hospital Phone": 16,
    "Day": 6, "Scene": 7, "Set": 40, "I/E": 9, "D/N": 8, "Pages": 8, "Cast": 12,
    "Crew Call": 10, "Shooting Call": 10, "Lunch": 10, "Second Meal": 10, "Wrap": 10, "Weather": 28,
    "Pickup": 10, "H/MU": 10, "On Set": 10, "Who": 22, "Call": 10,
}

TEMPLATE_ROWS = 1000
"""How far down the template's dropdowns reach."""

HEADER_FONT = Font(bold=True)
HEADER_FILL = PatternFill("solid", fgColor="D9E1F2")
BANNER_FONT = Font(bold=True, size=14)
SECTION_FONT = Font(bold=True, color="1F3864")
SECTION_FILL = PatternFill("solid", fgColor="EDEDED")
DAY_BREAK_FILL = PatternFill("solid", fgColor="FFF2CC")


# ---------------------------------------------------------------- shared formatting


def style_tab(ws: Worksheet, tab: str, header_row: int, last_row: int) -> None:
    """Bold, frozen header row; column widths, number formats and dropdowns for one tab."""
    headers = HEADERS[tab]
    for col, header in enumerate(headers, start=1):
        cell = ws.cell(header_row, col, header)
        cell.font = HEADER_FONT
        cell.fill = HEADER_FILL
        cell.alignment = Alignment(vertical="center", wrap_text=True)
        letter = get_column_letter(col)
        ws.column_dimensions[letter].width = WIDTHS.get(header, 14)
        number_format = FORMATS.get((tab, header))
        if number_format:
            ws.column_dimensions[letter].number_format = number_format
        choices = DROPDOWNS.get((tab, header))
        if choices:
            rule = DataValidation(
                type="list", formula1='"' + ",".join(choices) + '"', allow_blank=True,
                showErrorMessage=False,
            )
            rule.promptTitle = header
            rule.prompt = "One of: " + ", ".join(choices)
            rule.add(f"{letter}{header_row + 1}:{letter}{last_row}")
            ws.add_data_validation(rule)
    ws.freeze_panes = ws.cell(header_row + 1, 1).coordinate


def save_deterministic(wb: Workbook, path: Path) -> None:
    """Save a workbook so that the same content always gives the same bytes."""
    buffer = io.BytesIO()
    wb.save(buffer)
    buffer.seek(0)
    out = io.BytesIO()
    with zipfile.ZipFile(buffer) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "docProps/core.xml":
                text = data.decode("utf-8")
                text = re.sub(
                    r"(<dcterms:(?:created|modified)[^>]*>)[^<]*(</dcterms:)",
                    lambda m: m.group(1) + FIXED_STAMP + m.group(2), text,
                )
                data = text.encode("utf-8")
            info = zipfile.ZipInfo(item.filename, date_time=FIXED_ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o600 << 16
            dst.writestr(info, data)
    path.write_bytes(out.getvalue())


def _new_workbook() -> Workbook:
    wb = Workbook()
    wb.remove(wb.active)
    wb.properties.creator = "ProdDesk"
    wb.properties.lastModifiedBy = "ProdDesk"
    return wb


# ---------------------------------------------------------------- the template


def build_template(path: Path) -> None:
    """Write the empty production book: every tab, canonical headers, dropdowns, formats."""
    wb = _new_workbook()
    for tab in HEADERS:
        ws = wb.create_sheet(tab)
        style_tab(ws, tab, 1, TEMPLATE_ROWS)
        if tab == "Settings":
            for row, (key, hint) in enumerate(SETTINGS_HINTS.items(), start=2):
                ws.cell(row, 1, key).font = HEADER_FONT
                ws.cell(row, 3, hint).font = Font(italic=True, color="808080")
            _settings_formats(ws, {key: row for row, key in enumerate(SETTINGS_HINTS, start=2)})
    save_deterministic(wb, path)


def _settings_formats(ws: Worksheet, rows: dict[str, int]) -> None:
    for key in ("Prep Start", "Shoot Start", "Wrap Date"):
        ws.cell(rows[key], 2).number_format = DATE_FORMAT
    ws.cell(rows["PO Approval Threshold"], 2).number_format = MONEY_FORMAT


# ---------------------------------------------------------------- the sample's data

D = date  # shorter rows below

SETTINGS: dict[str, Any] = {
    "Production": "The Long Take",
    "Company": "Slow Pan Pictures LLC",
    "Production #": "LT-2601",
    "Timezone": "America/Los_Angeles",
    "Region": "US",
    "Office Address": "6121 Sunset Blvd, Suite 210, Los Angeles, CA 90028",
    "Office Phone": "(323) 555-0100",
    "Producer": "Nadia Rosen",
    "Director": "Eli Marchetti",
    "UPM": "Grace Okafor",
    "1st AD": "Tom Becker",
    "Coordinator": "Priya Shah",
    "Walkie Channels": "Ch 1 Production; Ch 2 Private; Ch 3 Transpo; Ch 5 Grip/Electric; "
    "Ch 6 Camera; Ch 8 Art",
    "Safety Notes": "No one in the water on the beach day without the safety diver. "
    "Watch your step around cable runs in the diner. Report every injury to the 1st AD.",
    "COI Warning Days": 14,
    "PO Approval Threshold": 2500,
    "Prep Start": D(2026, 11, 16),
    "Shoot Start": D(2026, 12, 3),
    "Wrap Date": D(2026, 12, 11),
    "Turnaround Crew Hours": 10,
    "Turnaround Cast Hours": 12,
    "Weekly Rest Crew Hours": 54,
    "Weekly Rest Cast Hours": 56,
    "Meal Interval Hours": 6,
    "Meal Penalty Crew": "25, 35, 50",
    "Meal Penalty Cast": "25, 35, 50",
}

PREP, WRAP = D(2026, 11, 16), D(2026, 12, 11)
SHOOT_START, SHOOT_END = D(2026, 12, 3), D(2026, 12, 8)


@dataclass
class Row:
    """One data row: values by header, and the mistakes seeded in it."""

    values: dict[str, Any]
    mistakes: list[tuple[str, str, str]] = field(default_factory=list)
    """(rule, column whose cell is flagged, what is wrong)."""


def crew(name: str, position: str, phone: str, email: str, rate: Any, guarantee: Any,
         start: date | None, end: date | None, union: str, paperwork: Any = "Complete",
         publish: str = "Yes", notes: str | None = None) -> Row:
    """One crew row (Department left empty: the section row above gives it)."""
    return Row({
        "Name": name, "Position": position, "Phone": phone, "Email": email, "Rate": rate,
        "Guarantee": guarantee, "Start Date": start, "End Date": end, "Union": union,
        "Paperwork": paperwork, "Publish Phone": publish, "Notes": notes,
    })


def _seed(row: Row, rule: str, column: str, what: str) -> Row:
    row.mistakes.append((rule, column, what))
    return row


CREW: list[tuple[str, list[Row]]] = [
    ("PRODUCTION", [
        crew("Nadia Rosen", "Producer", "(310) 555-0101", "nadia@slowpanpictures.com", 750, None,
             PREP, WRAP, "Non-union", publish="No"),
        crew("Eli Marchetti", "Director", "(310) 555-0102", "eli.marchetti@gmail.com", 1000, None,
             PREP, WRAP, "DGA", publish="No"),
        crew("Grace Okafor", "Unit Production Manager", "(310) 555-0103",
             "grace@slowpanpictures.com", 650, 12, PREP, WRAP, "DGA", D(2026, 11, 16)),
        crew("Tom Becker", "1st Assistant Director", "(310) 555-0104", "tbecker.ad@gmail.com",
             "$700/12", 12, D(2026, 11, 30), SHOOT_END, "DGA"),
        crew("Marisol Vega", "2nd Assistant Director", "(310) 555-0105", "marisol.vega@yahoo.com",
             "$500/12", 12, D(2026, 12, 2), SHOOT_END, "DGA", "Done"),
        crew("Priya Shah", "Production Coordinator", "(310) 555-0106",
             "office@slowpanpictures.com", 400, 10, PREP, WRAP, "Non-union", D(2026, 11, 16)),
        _seed(crew("Jake Smith", "Assistant Production Coordinator", "(310) 555-0107",
                   "jsmith@gmail", 300, 10, D(2026, 11, 23), WRAP, "Non-union"),
              "crew.invalid_email", "Email",
              "Jake Smith's email 'jsmith@gmail' has no domain ending (.com)"),
        crew("Devon Price", "Key Set PA", "(310) 555-0108", "devonprice.pa@gmail.com", "$250/12",
             12, SHOOT_START, SHOOT_END, "Non-union"),
        crew("Aaliyah Brooks", "Set PA", "(310) 555-0109", "aaliyah.brooks@gmail.com", "$225/12",
             12, SHOOT_START, SHOOT_END, "Non-union", "Yes"),
        crew("Sam Whitaker", "Office PA", "(310) 555-0110", "sam.whitaker@outlook.com", 200, 10,
             PREP, WRAP, "Non-union"),
        crew("Hannah Lee", "Script Supervisor", "(310) 555-0111", "hannahlee.scripty@gmail.com",
             "$550/12", 12, SHOOT_START, SHOOT_END, "IATSE 871"),
    ]),
    ("CAMERA", [
        crew("Rafael Ortiz", "Director of Photography", "(310) 555-0112", "rafa@ortizdp.com",
             1200, 12, D(2026, 11, 23), SHOOT_END, "IATSE 600", D(2026, 11, 20)),
        crew("Mei Tanaka", "1st AC", "(310) 555-0113", "mei.tanaka.ac@gmail.com", "$450/12", 12,
             D(2026, 12, 2), SHOOT_END, "IATSE 600"),
        crew("Chris Duval", "2nd AC", "(310) 555-0114", "chrisduval2nd@gmail.com", "$375/12", 12,
             SHOOT_START, SHOOT_END, "IATSE 600"),
        crew("Jordan Kim", "DIT", "(310) 555-0115", "jordan@kimdatalab.com", "$500/12", 12,
             SHOOT_START, SHOOT_END, "IATSE 600", "Done"),
        crew("Lucas Ferreira", "Still Photographer", "(310) 555-0116", "lucas@ferreirastills.com",
             400, 10, D(2026, 12, 7), D(2026, 12, 7), "Non-union", notes="Day 3 only"),
    ]),
    ("GRIP", [
        crew("Marcus Bell", "Key Grip", "(310) 555-0117", "marcusbell.grip@gmail.com", "$550/12",
             12, D(2026, 12, 2), SHOOT_END, "IATSE 80", notes="Pre-rig at the diner 12/2"),
        crew("Tony Alvarez", "Best Boy Grip", "(310) 555-0118", "tony.alvarez80@gmail.com",
             "$450/12", 12, SHOOT_START, SHOOT_END, "IATSE 80"),
        crew("Kevin O'Neill", "Dolly Grip", "(310) 555-0119", "kevin.oneill.grip@gmail.com",
             "$450/12", 12, SHOOT_START, SHOOT_END, "IATSE 80"),
        crew("Ray Simmons", "Grip", "(310) 555-0120", "raysimmons@icloud.com", "$400/12", 12,
             SHOOT_START, SHOOT_END, "Non-union", "Yes"),
    ]),
    ("ELECTRIC", [
        crew("Lena Fischer", "Gaffer", "(310) 555-0121", "lena@fischerlighting.com", "$550/12",
             12, D(2026, 12, 2), SHOOT_END, "IATSE 728"),
        _seed(crew("Omar Haddad", "Best Boy Electric", "(310) 555-0122", "omar.haddad@gmail.com",
                   "$450/12", 12, D(2026, 12, 1), SHOOT_END, "IATSE 728", "Missing I-9",
                   notes="Picks up the lighting package 12/1"),
              "crew.paperwork_on_shoot", "Paperwork",
              "Omar Haddad starts 12/1 and works the shoot but his paperwork says 'Missing I-9'"),
        crew("Ben Carter", "Set Lighting Technician", "(310) 555-0123",
             "bencarter.sparky@gmail.com", "$400/12", 12, SHOOT_START, SHOOT_END, "IATSE 728"),
        crew("Nico Russo", "Set Lighting Technician", "(310) 555-0124", "nico.russo@outlook.com",
             "$400/12", 12, SHOOT_START, SHOOT_END, "Non-union"),
    ]),
    ("SOUND", [
        crew("Julia Brandt", "Production Sound Mixer", "(310) 555-0125",
             "julia@brandtsound.com", "$650/12", 12, SHOOT_START, SHOOT_END, "IATSE 695",
             notes="Kit rental $150/day on her own invoice"),
        crew("Andre Wallace", "Boom Operator", "(310) 555-0126", "andre.wallace.boom@gmail.com",
             "$450/12", 12, SHOOT_START, SHOOT_END, "IATSE 695"),
    ]),
    ("ART", [
        crew("Sofia Marin", "Production Designer", "(310) 555-0127", "sofia@marindesign.studio",
             600, 10, PREP, WRAP, "Non-union", D(2026, 11, 16)),
        crew("Pete Lindqvist", "Art Director", "(310) 555-0128", "pete.lindqvist@gmail.com", 450,
             10, D(2026, 11, 23), WRAP, "Non-union"),
        crew("Carla Nunez", "Set Decorator", "(310) 555-0129", "carla.nunez.sets@gmail.com", 400,
             10, D(2026, 11, 23), WRAP, "Non-union"),
        crew("Zoe Hart", "Prop Master", "(310) 555-0130", "zoe.hart.props@gmail.com", "$450/12",
             12, D(2026, 11, 30), D(2026, 12, 9), "IATSE 44"),
        _seed(crew("Kai Nakamura", "Art PA", "(310) 555-0131", "kai.nakamura@gmail.com", "TBD", 12,
                   SHOOT_START, SHOOT_END, "Non-union"),
              "crew.invalid_rate", "Rate", "Kai Nakamura's rate is 'TBD', not an amount"),
    ]),
    ("WARDROBE", [
        crew("Rosa Delgado", "Costume Designer", "(310) 555-0132", "rosa@delgadocostume.com", 500,
             10, PREP, WRAP, "Non-union"),
        crew("Imani Scott", "Key Costumer", "(310) 555-0133", "imani.scott.wardrobe@gmail.com",
             "$400/12", 12, D(2026, 12, 1), D(2026, 12, 9), "IATSE 705"),
    ]),
    ("HAIR & MAKEUP", [
        crew("Bianca Moretti", "Key Makeup Artist", "(310) 555-0134", "bianca@morettimua.com",
             "$500/12", 12, SHOOT_START, SHOOT_END, "IATSE 706", publish="No"),
        _seed(crew("Tasha Green", "Key Hair Stylist", "(310) 555-014", "tasha.green.hair@gmail.com",
                   "$500/12", 12, SHOOT_START, SHOOT_END, "IATSE 706"),
              "crew.invalid_phone", "Phone",
              "Tasha Green's phone '(310) 555-014' is missing a digit"),
    ]),
    ("LOCATIONS", [
        crew("Derek Huang", "Location Manager", "(310) 555-0135", "derek.huang.locations@gmail.com",
             550, 10, PREP, WRAP, "Teamsters 399", D(2026, 11, 16)),
        crew("Felix Stone", "Assistant Location Manager", "(310) 555-0136",
             "felix.stone@outlook.com", 400, 12, D(2026, 11, 23), WRAP, "Teamsters 399"),
    ]),
    ("TRANSPORTATION", [
        crew("Gus Petrov", "Transportation Coordinator", "(310) 555-0137", "gus.petrov@gmail.com",
             450, 12, D(2026, 11, 23), WRAP, "Teamsters 399"),
        crew("Luis Romero", "Driver", "(310) 555-0138", "luis.romero.driver@gmail.com", "$400/12",
             12, SHOOT_START, SHOOT_END, "Teamsters 399", notes="Class A license"),
    ]),
    ("CRAFT SERVICE", [
        crew("Nina Alvarado", "Craft Service", "(310) 555-0139", "nina.alvarado.crafty@gmail.com",
             "$300/12", 12, SHOOT_START, SHOOT_END, "Non-union", "Yes"),
    ]),
    ("MEDIC", [
        crew("Frank Ochoa", "Set Medic", "(310) 555-0140", "frank.ochoa.emt@gmail.com", "$450/12",
             12, SHOOT_START, SHOOT_END, "Non-union"),
    ]),
]


def cast(number: int, character: str, actor: str, phone: str, email: str, agent: str,
         union: str = "SAG-AFTRA", notes: str | None = None) -> Row:
    """One cast row."""
    return Row({"Cast #": number, "Character": character, "Actor": actor, "Phone": phone,
                "Email": email, "Agent": agent, "Union": union, "Notes": notes})


CAST: list[Row] = [
    cast(1, "MAYA", "Isabel Reyes", "(323) 555-0151", "isabel.reyes.actor@gmail.com",
         "Brightline Talent - Jess Pollard"),
    cast(2, "DANIEL", "Owen Mitchell", "(323) 555-0152", "owenmitchell@gmail.com",
         "Harbor Artists - Ron Baxter"),
    cast(3, "ROSE", "Margaret Hale", "(323) 555-0153", "margaret.hale@icloud.com",
         "Brightline Talent - Jess Pollard"),
    cast(4, "THEO", "Jamal Whitfield", "(323) 555-0154", "jamal.whitfield.actor@gmail.com",
         "Crescent Management - Ana Ruiz"),
    cast(5, "OFFICER RUIZ", "Victor Salas", "(323) 555-0155", "victorsalas.actor@gmail.com",
         "Harbor Artists - Ron Baxter"),
    cast(6, "CLAIRE", "Emma Lindgren", "(323) 555-0156", "emma.lindgren@gmail.com",
         "Crescent Management - Ana Ruiz"),
    cast(7, "LUCY", "Keiko Mori", "(323) 555-0157", "keiko.mori.actor@gmail.com",
         "Self-represented", "Non-union"),
    cast(8, "TRUCKER", "Walt Brennan", "(323) 555-0158", "walt.brennan@yahoo.com",
         "Harbor Artists - Ron Baxter"),
]


def vendor(name: str, category: str, contact: str, phone: str, email: str, address: str,
           w9: str, coi: date, notes: str | None = None) -> Row:
    """One vendor row."""
    return Row({"Vendor": name, "Category": category, "Contact": contact, "Phone": phone,
                "Email": email, "Address": address, "W-9": w9, "COI Expires": coi,
                "Notes": notes})


VENDORS: list[Row] = [
    vendor("Acme Grip & Electric", "Grip & Electric", "Ray Donnelly", "(818) 555-0161",
           "rentals@acmegrip.com", "7100 Valjean Ave, Van Nuys, CA 91406", "Yes",
           D(2027, 6, 30)),
    vendor("Lens Lab Camera Rentals", "Camera", "Erin Walsh", "(818) 555-0162",
           "rentals@lenslab.com", "2900 W Olive Ave, Burbank, CA 91505", "Yes", D(2027, 3, 31)),
    vendor("Good Eats Catering", "Catering", "Maria Santos", "(818) 555-0163",
           "orders@goodeatscatering.com", "4520 San Fernando Rd, Glendale, CA 91204", "Yes",
           D(2027, 1, 31), "45 crew lunches; vegetarian and gluten-free counts day before"),
    vendor("Valley Picture Cars", "Picture Cars", "Hector Ruiz", "(818) 555-0164",
           "hector@valleypicturecars.com", "11250 Sherman Way, Sun Valley, CA 91352", "Yes",
           D(2027, 2, 28)),
    vendor("Studio Expendables Supply", "Expendables", "Dana Cole", "(818) 555-0165",
           "sales@studioexpendables.com", "1025 N Highland Ave, Los Angeles, CA 90038", "Yes",
           D(2027, 4, 30)),
    vendor("Channel One Radio Rentals", "Walkies", "Sean Park", "(818) 555-0166",
           "sean@channelonerentals.com", "3300 W Burbank Blvd, Burbank, CA 91505", "Yes",
           D(2027, 5, 31)),
    vendor("Hollywood Production Trucks", "Production Trucks", "Linda Vo", "(818) 555-0167",
           "dispatch@hollywoodprodtrucks.com", "7500 San Fernando Rd, Sun Valley, CA 91352",
           "Yes", D(2027, 8, 31)),
    vendor("Silverline Honeywagons", "Honeywagons & Restrooms", "Paul Greer", "(818) 555-0168",
           "paul@silverlinehoneywagons.com", "8800 Lankershim Blvd, Sun Valley, CA 91352", "Yes",
           D(2027, 3, 15)),
    vendor("FilmLA", "Permits", "Coordinator Desk", "(818) 555-0169", "permits@filmla-desk.com",
           "6255 W Sunset Blvd, 12th Floor, Hollywood, CA 90028", "Yes", D(2027, 12, 31)),
    _seed(vendor("Backlot Prop House", "Props", "Vince Amato", "(818) 555-0170",
                 "vince@backlotprops.com", "5450 W San Fernando Rd, Los Angeles, CA 90039", "Yes",
                 D(2026, 10, 31), "Used on the teaser; new COI requested"),
          "vendor.coi_expired", "COI Expires",
          "Backlot Prop House's certificate of insurance expired 10/31/2026"),
    _seed(vendor("Thread & Needle Costume Rentals", "Wardrobe", "Alma Reyes", "(818) 555-0171",
                 "alma@threadandneedle.la", "3620 Eagle Rock Blvd, Los Angeles, CA 90065", "No",
                 D(2027, 2, 28)),
          "vendor.w9_missing", "W-9", "Thread & Needle Costume Rentals: W-9 is 'No'"),
    _seed(vendor("ACME GRIP AND ELECTRIC, INC.", "Grip & Electric", "Accounts Receivable",
                 "(818) 555-0172", "ar@acmegrip.com", "7100 Valjean Ave, Van Nuys, CA 91406",
                 "Yes", D(2027, 6, 30), "Added from their invoice"),
          "vendor.duplicate", "Vendor",
          "'ACME GRIP AND ELECTRIC, INC.' is Acme Grip & Electric listed a second time"),
]

GRACE = "Grace Okafor"


def po(number: str, when: date, vendor_name: str, description: str, account: Any, amount: Any,
       status: str, approver: str | None = None, start: date | None = None,
       end: date | None = None, invoice: str | None = None, notes: str | None = None) -> Row:
    """One PO row."""
    return Row({"PO #": number, "Date": when, "Vendor": vendor_name, "Description": description,
                "Account": account, "Amount": amount, "Status": status, "Approved By": approver,
                "Start": start, "End": end, "Invoice #": invoice, "Notes": notes})


REF_ERROR = "#REF!"
RENT_START, RENT_END = D(2026, 12, 2), D(2026, 12, 9)

POS: list[Row] = [
    po("LT-1001", D(2026, 11, 17), "Studio Expendables Supply",
       "Office supplies: toner, paper, binders", 2000, 385.40, "Paid", invoice="SE-5521"),
    po("LT-1002", D(2026, 11, 18), "Channel One Radio Rentals",
       "Walkies (30) + surveillance headsets, shoot week", 2000, 960, "Approved", GRACE,
       RENT_START, RENT_END),
    po("LT-1003", D(2026, 11, 18), "FilmLA", "Film permits, 4 shoot days", 3500, 1975, "Paid",
       GRACE, invoice="FLA-26-88123"),
    po("LT-1004", D(2026, 11, 19), "Lens Lab Camera Rentals",
       "Camera package: Alexa Mini LF, Cooke S4 primes, 4-day week", 3000, 9800, "Approved",
       GRACE, RENT_START, RENT_END),
    po("LT-1005", D(2026, 11, 19), "Lens Lab Camera Rentals",
       "Media (2x 1TB) and camera expendables", 3000, 1150, "Approved", GRACE),
    po("LT-1006", D(2026, 11, 20), "Acme Grip & Electric", "Grip package + Fisher dolly", 3100,
       5400, "Approved", GRACE, RENT_START, RENT_END),
    po("LT-1007", D(2026, 11, 20), "Acme Grip & Electric",
       "Lighting package: LED panels, 2x 4K HMI, distro", 3200, 6200, "Approved", GRACE,
       RENT_START, RENT_END),
    po("LT-1008", D(2026, 11, 20), "Hollywood Production Trucks", "5-ton grip/electric truck",
       3400, 2400, "Approved", GRACE, RENT_START, RENT_END),
    _seed(po("LT-1009", D(2026, 11, 21), "Hollywood Production Trucks",
             "Camera cube truck + 15-passenger van", 3400, 3850, "Open", None, RENT_START,
             RENT_END),
          "po.needs_approval", "Approved By",
          "PO LT-1009 is $3,850.00, over the $2,500 threshold, with no approver"),
    po("LT-1010", D(2026, 11, 21), "Silverline Honeywagons", "3-room honeywagon, 4 shoot days",
       3400, 2200, "Approved", GRACE, SHOOT_START, SHOOT_END),
    po("LT-1011", D(2026, 11, 23), "Good Eats Catering", "Catering Days 1-2, 45 crew", 3600,
       3200, "Approved", GRACE, D(2026, 12, 3), D(2026, 12, 4)),
    po("LT-1012", D(2026, 11, 23), "Good Eats Catering", "Catering Days 3-4, 45 crew", 3600,
       3400, "Approved", GRACE, D(2026, 12, 7), D(2026, 12, 8)),
    po("LT-1013", D(2026, 11, 23), "Good Eats Catering", "Craft service, 4 shoot days", 3600, 900,
       "Open", None, SHOOT_START, SHOOT_END),
    _seed(po("LT-1014", D(2026, 11, 24), "Valley Picture Cars",
             "1972 Chevy C10 pickup (Maya's truck), Days 2 and 4", 3400, REF_ERROR, "Open", None,
             D(2026, 12, 4), D(2026, 12, 8), notes="Amount was a formula to the quote tab"),
          "po.amount_invalid", "Amount", "PO LT-1014's amount is the error value #REF!"),
    po("LT-1015", D(2026, 11, 24), "Thread & Needle Costume Rentals",
       "Waitress uniforms (6) and police uniform rental", 2700, 780, "Open", None,
       D(2026, 11, 30), WRAP),
    _seed(po("LT-1016", D(2026, 11, 24), "Acme Grip + Elec",
             "12x12 butterfly and frames, beach day", 3100, "$1,250.00", "Open", None,
             D(2026, 12, 8), D(2026, 12, 8)),
          "po.unknown_vendor", "Vendor",
          "PO LT-1016's vendor 'Acme Grip + Elec' is not on the vendor list "
          "(suggest 'Acme Grip & Electric')"),
    po("LT-1017", D(2026, 11, 24), "Studio Expendables Supply",
       "Grip and electric expendables: tape, gels, diffusion", 3200, "$1,480.50", "Approved",
       GRACE),
    _seed(po("LT-1018", D(2026, 11, 24), "Studio Expendables Supply",
             "Hair and makeup kit supplies", "2850", 415.75, "Open"),
          "po.unknown_account", "Account",
          "PO LT-1018's account 2850 is not on the Budget tab (2800 is Hair & Makeup)"),
    po("LT-1019", D(2026, 11, 25), "Channel One Radio Rentals",
       "Spare walkie batteries and 2 repeaters", 2000, 320, "Open", None, RENT_START, RENT_END),
    _seed(po("LT-1019", D(2026, 11, 25), "Studio Expendables Supply",
             "Diner dressing: napkin dispensers, ketchup bottles, menus", 2500, 265.80, "Open"),
          "po.duplicate_number", "PO #", "PO number LT-1019 is used twice"),
    po("LT-1020", D(2026, 11, 25), "FilmLA", "Parking posting and fire safety officer, Day 4",
       3500, 1140, "Approved", GRACE),
    po("LT-1021", D(2026, 11, 22), "Valley Picture Cars",
       "LAPD-style cruiser (picture car) with driver, Day 2", 3400, 1650, "Open", None,
       D(2026, 12, 4), D(2026, 12, 4)),
    po("LT-1022", D(2026, 11, 18), "Studio Expendables Supply",
       "Art department supplies: paint, foam core, tape", 2200, 640, "Paid", invoice="SE-5540"),
    po("LT-1023", D(2026, 11, 19), "Acme Grip & Electric",
       "Pre-rig stands and cable, house day", 3200, 850, "Approved", GRACE, D(2026, 12, 5),
       D(2026, 12, 7)),
    po("LT-1024", D(2026, 11, 20), "Lens Lab Camera Rentals",
       "Wireless follow focus and video village", 3000, 1375, "Approved", GRACE, RENT_START,
       RENT_END),
    po("LT-1025", D(2026, 11, 21), "Silverline Honeywagons",
       "Restroom trailer and handwash station, beach day", 3500, 780, "Approved", GRACE,
       D(2026, 12, 8), D(2026, 12, 8)),
    po("LT-1026", D(2026, 11, 22), "Studio Expendables Supply",
       "Set dressing: dinnerware, diner signage vinyl", 2500, "$1,120.00", "Approved", GRACE),
    po("LT-1027", D(2026, 11, 22), "Studio Expendables Supply",
       "Wardrobe supplies: steamer, rolling racks, tags", 2700, 295, "Paid", invoice="SE-5561"),
    po("LT-1028", D(2026, 11, 23), "Hollywood Production Trucks", "Stakebed for art, prep week",
       3400, 950, "Approved", GRACE, D(2026, 11, 30), RENT_END),
    po("LT-1029", D(2026, 11, 24), "Studio Expendables Supply",
       "Sound expendables: batteries, lav tape, moleskin", 3300, 310, "Closed",
       invoice="SE-5570"),
]

BUDGET: list[Row] = [
    Row({"Account": 2000, "Description": "Production Office & Supplies", "Budget": 3000}),
    Row({"Account": 2200, "Description": "Art Department", "Budget": 2500}),
    Row({"Account": 2500, "Description": "Set Dressing & Props", "Budget": 4500}),
    Row({"Account": 2700, "Description": "Wardrobe", "Budget": 3000}),
    Row({"Account": 2800, "Description": "Hair & Makeup", "Budget": 1500}),
    Row({"Account": 3000, "Description": "Camera", "Budget": 16000}),
    Row({"Account": 3100, "Description": "Grip", "Budget": 9000}),
    Row({"Account": 3200, "Description": "Electric", "Budget": 9500}),
    Row({"Account": 3300, "Description": "Production Sound", "Budget": 4000}),
    Row({"Account": 3400, "Description": "Transportation", "Budget": 12000}),
    Row({"Account": 3500, "Description": "Locations & Permits", "Budget": 14000}),
    _seed(Row({"Account": 3600, "Description": "Catering & Craft Service", "Budget": 7000}),
          "budget.over", "Budget",
          "Account 3600 Catering & Craft Service: budget 7000, POs total 7,500.00 (500.00 over)"),
]

HOLLYWOOD_PRES = ("Hollywood Presbyterian Medical Center",
                  "1300 N Vermont Ave, Los Angeles, CA 90027", "(213) 413-3000")

LOCATIONS: list[Row] = [
    Row({"Location": "Starlite Diner", "Address": "1850 W Sunset Blvd, Los Angeles, CA 90026",
         "Latitude": 34.0779, "Longitude": -118.2597,
         "Parking": "Crew parking in the lot at 1820 W Sunset; trucks on Lemoyne St",
         "Contact": "Georgia Pappas", "Phone": "(213) 555-0181",
         "Hospital": HOLLYWOOD_PRES[0], "Hospital Address": HOLLYWOOD_PRES[1],
         "Hospital Phone": HOLLYWOOD_PRES[2], "Notes": "Owner on site; no open flames"}),
    Row({"Location": "Micheltorena House",
         "Address": "1120 Micheltorena St, Los Angeles, CA 90026",
         "Latitude": 34.0862, "Longitude": -118.2765,
         "Parking": "Crew parking at Sunset Junction lot, 3900 Sunset Blvd; shuttle runs",
         "Contact": "David Levin", "Phone": "(213) 555-0182",
         "Hospital": "Kaiser Permanente Los Angeles Medical Center",
         "Hospital Address": "4867 W Sunset Blvd, Los Angeles, CA 90027",
         "Hospital Phone": "(323) 783-4011", "Notes": "Quiet after 9 PM; neighbors notified"}),
    Row({"Location": "Dockweiler Beach",
         "Address": "12000 Vista Del Mar, Playa Del Rey, CA 90293",
         "Latitude": 33.9306, "Longitude": -118.4353,
         "Parking": "North lot off Vista Del Mar; permit on the dashboard",
         "Contact": "LA County Beaches & Harbors", "Phone": "(213) 555-0183",
         "Hospital": "Cedars-Sinai Marina del Rey Hospital",
         "Hospital Address": "4650 Lincoln Blvd, Marina Del Rey, CA 90292",
         "Hospital Phone": "(310) 823-8911", "Notes": "Tide tables with the 2nd AD"}),
]

DAY_DATES = {1: D(2026, 12, 3), 2: D(2026, 12, 4), 3: D(2026, 12, 7), 4: D(2026, 12, 8)}
DINER, HOUSE, BEACH = "Starlite Diner", "Micheltorena House", "Dockweiler Beach"


def scene(day: int, number: str, set_name: str, ie: str, dn: str, pages: str, cast_ids: str,
          location: str, notes: str | None = None) -> Row:
    """One scene on the schedule."""
    return Row({"Day": day, "Date": DAY_DATES[day], "Scene": number, "Set": set_name, "I/E": ie,
                "D/N": dn, "Pages": pages, "Cast": cast_ids, "Location": location,
                "Notes": notes})


SCHEDULE: list[Row] = [
    scene(1, "3", "STARLITE DINER - COUNTER", "INT", "DAY", "2 1/8", "1, 3, 7", DINER),
    scene(1, "4", "STARLITE DINER - KITCHEN", "INT", "DAY", "1 3/8", "1, 3", DINER),
    scene(1, "12", "STARLITE DINER - BOOTH", "INT", "NIGHT", "2 4/8", "1, 2", DINER,
          "Windows blacked out"),
    scene(1, "13", "STARLITE DINER - BOOTH", "INT", "NIGHT", "6/8", "1, 2, 8", DINER,
          "Windows blacked out"),
    scene(2, "2", "STARLITE DINER - COUNTER", "INT", "DAY", "3/8", "1, 7", DINER),
    scene(2, "1", "STARLITE DINER - PARKING LOT", "EXT", "DUSK", "1 2/8", "1", DINER,
          "Picture car: Maya's pickup"),
    scene(2, "20", "STARLITE DINER - DINING ROOM", "INT", "NIGHT", "3 1/8", "1, 2, 5", DINER),
    scene(2, "21", "STARLITE DINER - PARKING LOT", "EXT", "NIGHT", "1 5/8", "2, 5", DINER,
          "Picture car: police cruiser"),
    scene(3, "7", "ROSE'S HOUSE - LIVING ROOM", "INT", "DAY", "2 6/8", "1, 3", HOUSE),
    scene(3, "8", "ROSE'S HOUSE - KITCHEN", "INT", "DAY", "1 1/8", "1, 3, 4", HOUSE),
    scene(3, "15", "ROSE'S HOUSE - PORCH", "EXT", "DUSK", "1 4/8", "1, 4", HOUSE),
    scene(3, "16", "THEO'S CAR - MICHELTORENA ST", "INT/EXT", "NIGHT", "7/8", "1, 4", HOUSE,
          "Poor man's process"),
    scene(4, "24", "BEACH - SHORELINE", "EXT", "DAWN", "2 2/8", "1, 2", BEACH,
          "Safety diver on set"),
    _seed(scene(4, "25", "BEACH - PARKING LOT", "EXT", "DAY", "1 6/8", "2, 6, 9", BEACH),
          "schedule.unknown_cast", "Cast",
          "Scene 25 lists cast #9, who is not on the Cast tab (cast '2, 6, 9')"),
    scene(4, "26", "BEACH - LIFEGUARD TOWER", "EXT", "DAY", "3/8", "1, 2, 6", BEACH),
    scene(4, "27", "BEACH - SHORELINE", "EXT", "DUSK", "1 4/8", "1", BEACH),
]

DAYS: list[Row] = [
    Row({"Day": 1, "Date": DAY_DATES[1], "Crew Call": time(7, 0), "Shooting Call": time(8, 0),
         "Lunch": time(12, 0), "Wrap": time(18, 30), "Weather": "Sunny, high 68 / low 49",
         "Notes": "Night scenes shot day-for-night inside; windows blacked out"}),
    _seed(Row({"Day": 2, "Date": DAY_DATES[2], "Crew Call": time(12, 0),
               "Shooting Call": time(13, 0), "Lunch": time(18, 0), "Wrap": time(23, 30),
               "Weather": "Clear, high 66 / low 48", "Notes": "Split day; walkaway lunch at 6 PM"}),
          "day.meal_penalty", "Lunch",
          "Day 2's 6:00 PM lunch is 6.5 h after Camera's 11:30 AM call (Crew Calls): 4 people, "
          "a $100 meal penalty"),
    Row({"Day": 3, "Date": DAY_DATES[3], "Crew Call": time(7, 0), "Shooting Call": time(8, 0),
         "Lunch": time(13, 0), "Wrap": time(18, 30), "Weather": "Partly cloudy, high 64 / low 47",
         "Notes": "Residential street: keep noise down before 8 AM"}),
    Row({"Day": 4, "Date": DAY_DATES[4], "Crew Call": time(5, 30),
         "Shooting Call": time(6, 30), "Lunch": time(10, 30), "Wrap": time(17, 0),
         "Weather": "Marine layer until 10 AM, high 63 / low 50",
         "Notes": "Dawn on the beach; bring layers"}),
]


def cast_call(day: int, number: int, pickup: time, hmu: time, on_set: time,
              notes: str | None = None, wrap: time | None = None) -> Row:
    """One cast member's calls on one day (``wrap``: their own release)."""
    return Row({"Day": day, "Cast #": number, "Pickup": pickup, "H/MU": hmu, "On Set": on_set,
                "Wrap": wrap, "Notes": notes})


CAST_CALLS: list[Row] = [
    cast_call(1, 1, time(6, 15), time(7, 0), time(8, 0)),
    cast_call(1, 3, time(6, 45), time(7, 30), time(8, 15)),
    cast_call(1, 7, time(7, 0), time(7, 45), time(8, 30)),
    cast_call(1, 2, time(12, 0), time(12, 45), time(13, 45)),
    cast_call(1, 8, time(13, 0), time(13, 45), time(15, 0), "Drives himself"),
    cast_call(2, 1, time(11, 15), time(12, 0), time(13, 0)),
    cast_call(2, 7, time(11, 30), time(12, 15), time(13, 0)),
    cast_call(2, 2, time(16, 0), time(16, 45), time(18, 45)),
    cast_call(2, 5, time(16, 30), time(17, 15), time(18, 45), "Police uniform from wardrobe"),
    cast_call(3, 1, time(6, 15), time(7, 0), time(8, 0), "Stays for the porch pickup shot",
              wrap=time(19, 30)),
    cast_call(3, 3, time(6, 30), time(7, 15), time(8, 0)),
    cast_call(3, 4, time(9, 0), time(9, 45), time(10, 30)),
    _seed(cast_call(4, 1, time(4, 30), time(5, 15), time(6, 30)),
          "day.turnaround", "H/MU",
          "Isabel Reyes is released at 7:30 PM on Day 3 and in makeup at 5:15 AM on Day 4: "
          "9.75 h of rest, under the 12 h cast turnaround"),
    cast_call(4, 2, time(4, 45), time(5, 30), time(6, 30)),
    cast_call(4, 6, time(8, 0), time(8, 45), time(10, 0)),
]

CREW_CALLS: list[Row] = [
    Row({"Day": 1, "Who": "Hair & Makeup", "Call": time(6, 30), "Notes": "Cast in at 7:00 AM"}),
    Row({"Day": 1, "Who": "Marcus Bell", "Call": time(6, 0), "Notes": "Rig the booth wall"}),
    Row({"Day": 2, "Who": "Camera", "Call": time(11, 30), "Notes": "Prep the car mount"}),
    Row({"Day": 4, "Who": "Hair & Makeup", "Call": time(4, 45), "Notes": "Dawn call"}),
    Row({"Day": 4, "Who": "Transportation", "Call": time(4, 30), "Notes": "Park the trucks"}),
]


# ---------------------------------------------------------------- writing the sample


@dataclass
class Mistake:
    """One seeded mistake: where it is and which rule must report it."""

    rule: str
    sheet: str
    cell: str
    what: str

    def to_dict(self) -> dict[str, str]:
        """The JSON shape of sample_mistakes.json."""
        return {"rule": self.rule, "sheet": self.sheet, "cell": self.cell, "what": self.what}


def _put(ws: Worksheet, row: int, col: int, value: Any) -> None:
    cell = ws.cell(row, col)
    if value == REF_ERROR:
        cell.value = value
        cell.data_type = "e"
    else:
        cell.value = value


def write_rows(ws: Worksheet, tab: str, first_row: int, rows: Iterable[Row],
               mistakes: list[Mistake]) -> int:
    """Write data rows from first_row on, recording the seeded mistakes; returns the next row."""
    headers = HEADERS[tab]
    r = first_row
    for row in rows:
        for col, header in enumerate(headers, start=1):
            value = row.values.get(header)
            if value is not None:
                _put(ws, r, col, value)
        for rule, column, what in row.mistakes:
            address = f"{get_column_letter(headers.index(column) + 1)}{r}"
            mistakes.append(Mistake(rule, ws.title, address, what))
        r += 1
    return r


def _apply_formats(ws: Worksheet, tab: str, first_row: int, last_row: int) -> None:
    """Number formats on the written cells (column styles only cover new entries)."""
    for col, header in enumerate(HEADERS[tab], start=1):
        number_format = FORMATS.get((tab, header))
        if not number_format:
            continue
        for r in range(first_row, last_row + 1):
            cell = ws.cell(r, col)
            if cell.value is not None and cell.data_type != "s":
                cell.number_format = number_format


def _settings_tab(wb: Workbook) -> None:
    ws = wb.create_sheet("Settings")
    style_tab(ws, "Settings", 1, len(SETTINGS) + 1)
    rows = {}
    for r, (key, value) in enumerate(SETTINGS.items(), start=2):
        ws.cell(r, 1, key).font = HEADER_FONT
        ws.cell(r, 2, value)
        ws.cell(r, 3, SETTINGS_HINTS[key]).font = Font(italic=True, color="808080")
        rows[key] = r
    _settings_formats(ws, rows)


def _crew_tab(wb: Workbook, mistakes: list[Mistake]) -> None:
    ws = wb.create_sheet("Crew")
    width = len(HEADERS["Crew"])
    banner = ws.cell(1, 1, "THE LONG TAKE - CREW LIST (rev. 11/24/2026)")
    banner.font = BANNER_FONT
    banner.alignment = Alignment(horizontal="center")
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=width)
    r = 3
    for section, people in CREW:
        ws.cell(r, 1, section).font = SECTION_FONT
        for col in range(1, width + 1):
            ws.cell(r, col).fill = SECTION_FILL
        r = write_rows(ws, "Crew", r + 1, people, mistakes)
    style_tab(ws, "Crew", 2, r + 200)
    _apply_formats(ws, "Crew", 3, r)


def _schedule_tab(wb: Workbook, mistakes: list[Mistake]) -> None:
    ws = wb.create_sheet("Schedule")
    r = 2
    for day, when in DAY_DATES.items():
        scenes = [s for s in SCHEDULE if s.values["Day"] == day]
        r = write_rows(ws, "Schedule", r, scenes, mistakes)
        pages = sum((_eighths(s.values["Pages"]) for s in scenes), Fraction(0))
        text = f"END OF DAY {day} -- {when:%a %b} {when.day} -- {_format_pages(pages)} pgs"
        ws.cell(r, 1, text).font = HEADER_FONT
        for col in range(1, len(HEADERS["Schedule"]) + 1):
            ws.cell(r, col).fill = DAY_BREAK_FILL
        r += 1
    style_tab(ws, "Schedule", 1, r + 200)
    _apply_formats(ws, "Schedule", 2, r)


def _eighths(text: str) -> Fraction:
    whole, _, frac = text.rpartition(" ") if " " in text else ("0", "", text)
    if "/" not in frac:
        return Fraction(int(frac))
    num, den = frac.split("/")
    return int(whole) + Fraction(int(num), int(den))


def _format_pages(pages: Fraction) -> str:
    eighths = int(pages * 8)
    whole, rest = divmod(eighths, 8)
    if not rest:
        return str(whole)
    return f"{whole} {rest}/8" if whole else f"{rest}/8"


def _plain_tab(wb: Workbook, tab: str, rows: list[Row], mistakes: list[Mistake]) -> None:
    ws = wb.create_sheet(tab)
    last = write_rows(ws, tab, 2, rows, mistakes)
    style_tab(ws, tab, 1, last + 200)
    _apply_formats(ws, tab, 2, last)


def build_sample(path: Path) -> list[Mistake]:
    """Write the sample production book; returns the mistakes seeded in it."""
    wb = _new_workbook()
    mistakes: list[Mistake] = []
    _settings_tab(wb)
    _crew_tab(wb, mistakes)
    _plain_tab(wb, "Cast", CAST, mistakes)
    _plain_tab(wb, "Vendors", VENDORS, mistakes)
    _plain_tab(wb, "POs", POS, mistakes)
    _plain_tab(wb, "Budget", BUDGET, mistakes)
    _plain_tab(wb, "Locations", LOCATIONS, mistakes)
    _schedule_tab(wb, mistakes)
    _plain_tab(wb, "Days", DAYS, mistakes)
    _plain_tab(wb, "Cast Calls", CAST_CALLS, mistakes)
    _plain_tab(wb, "Crew Calls", CREW_CALLS, mistakes)
    save_deterministic(wb, path)
    return mistakes


def build_all(folder: Path = HERE) -> dict[str, Path]:
    """Build the template, the sample and the mistakes list into folder; returns their paths."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = {"template": folder / TEMPLATE, "sample": folder / SAMPLE,
             "mistakes": folder / MISTAKES}
    build_template(paths["template"])
    mistakes = build_sample(paths["sample"])
    paths["mistakes"].write_text(
        json.dumps([m.to_dict() for m in mistakes], indent=2) + "\n", encoding="utf-8"
    )
    return paths


def main(argv: list[str] | None = None) -> int:
    """Command line entry: build everything next to this script (or into the folder given)."""
    args = sys.argv[1:] if argv is None else argv
    folder = Path(args[0]) if args else HERE
    for path in build_all(folder).values():
        print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
