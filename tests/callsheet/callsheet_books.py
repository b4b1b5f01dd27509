"""A small production book for call sheet tests: three shoot days, every content rule in play.

Day 1 Thu 2026-12-03 at the Diner (coordinates), day 2 Fri 2026-12-04 at the Diner,
day 3 Mon 2026-12-07 at the Beach (no coordinates, no crew call).
Cast #1 works days 1-3 (S W F), #2 days 1 and 3 (S H F), #3 day 3 only (SWF);
scene 2 lists cast #9 (not on the Cast tab) and the location "Parking Lot" (not listed).
"""

from __future__ import annotations

from copy import deepcopy
from pathlib import Path
from typing import Any

import openpyxl

HYPERLINK = '=HYPERLINK("http://x","Pat")'

GRIDS: dict[str, list[list[Any]]] = {
    "Settings": [
        ["Setting", "Value"],
        ["Production", "Night Shift"],
        ["Company", "Owl Pictures"],
        ["Production #", "NS-01"],
        ["Timezone", "America/Los_Angeles"],
        ["Producer", "Nadia Rosen"],
        ["1st AD", "Tom Becker"],
        ["Walkie Channels", "Ch 1 Production; Ch 2 Private"],
        ["Safety Notes", "Watch the cable runs."],
    ],
    "Schedule": [
        ["Day", "Scene", "Set", "I/E", "D/N", "Pages", "Cast", "Location"],
        [1, "1", "DINER - COUNTER", "INT", "DAY", "1 3/8", "1, 2", "Diner"],
        [1, "2", "DINER - LOT", "EXT", "NIGHT", "2 4/8", "1, 9", "Parking Lot"],
        [2, "3", "DINER - BOOTH", "INT", "DAY", "7/8", "1", "Diner"],
        [3, "4", "BEACH", "EXT", "DAY", "1", "1, 2, 3", "Beach"],
    ],
    "Days": [
        ["Day", "Date", "Crew Call", "Shooting Call", "Lunch", "Wrap", "Weather", "Notes"],
        [1, "2026-12-03", "7:00 AM", "8:00 AM", "1:00 PM", "7:00 PM", "Sunny, 68", "Quiet set"],
        [2, "12/4/2026", "6:30A", "7:30A", "12:30P", "6:30P", "Cloudy", None],
        [3, "Dec 7, 2026", None, None, None, None, None, None],
    ],
    "Cast": [
        ["Cast #", "Character", "Actor", "Phone", "Email"],
        [1, "MAYA", "Isabel Reyes", "(323) 555-0151", "isabel@example.com"],
        [2, "DANIEL", "Owen Mitchell", "(323) 555-0152", "owen@example.com"],
        [3, "ROSE", "Margaret Hale", "(323) 555-0153", "rose@example.com"],
    ],
    "Cast Calls": [
        ["Day", "Cast #", "Pickup", "H/MU", "On Set", "Notes"],
        [1, 1, "6:15 AM", "7:00 AM", "8:00 AM", None],
        [1, 2, "6:45 AM", "7:30 AM", "8:15 AM", "Drives himself"],
        [2, 1, "5:45 AM", "6:30 AM", "7:30 AM", None],
    ],
    "Crew": [
        ["Name", "Department", "Position", "Phone", "Email", "Start Date", "End Date",
         "Publish Phone"],
        ["Pat Lee", "Camera", "DP", "(310) 555-0143", "pat@example.com", None, None, "Y"],
        ["Sam Roe", "Camera", "1st AC", "310.555.0144", "sam@example.com", None, None, "Yes"],
        ["Kim Day", "Grip", "Key Grip", "(310) 555-0145", "kim@example.com", None, None, "N"],
        ["Lou Fox", "Grip", "Grip", "(310) 555-0146", "lou@example.com", "2026-12-04", None, None],
        ["Ann Wu", "Sound", "Mixer", "(310) 555-0147", "ann@example.com", None, "2026-12-03",
         "X"],
        [HYPERLINK, "Sound", "Boom", "(310) 555-0148", "boom@example.com", None, None, None],
    ],
    "Crew Calls": [
        ["Day", "Who", "Call", "Notes"],
        [1, "Camera", "6:30 AM", "Prep"],
        [1, "Sam Roe", "6:00 AM", "Build the rig"],
        [1, "Nobody Here", "5:00 AM", None],
        [2, "grip", "6:00 AM", None],
    ],
    "Locations": [
        ["Location", "Address", "Latitude", "Longitude", "Parking", "Hospital",
         "Hospital Address", "Hospital Phone"],
        ["Diner", "1850 W Sunset Blvd, Los Angeles, CA 90026", 34.0779, -118.2597,
         "Lot on Lemoyne St", "Hollywood Presbyterian", "1300 N Vermont Ave", "(213) 413-3000"],
        ["Beach", "12000 Vista Del Mar, Playa del Rey", None, None, "North lot", "Cedars Marina",
         "4650 Lincoln Blvd", "(310) 823-8911"],
    ],
}


def grids() -> dict[str, list[list[Any]]]:
    """A fresh copy of the test book's grids (tests may change it)."""
    return deepcopy(GRIDS)


def write_book(path: Path, book: dict[str, list[list[Any]]] | None = None) -> Path:
    """The test book as an .xlsx file; text starting with '=' stays text, as a person typed it."""
    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)
    for name, rows in (book or GRIDS).items():
        sheet = workbook.create_sheet(name)
        for r, row in enumerate(rows, start=1):
            for c, value in enumerate(row, start=1):
                if value is None:
                    continue
                cell = sheet.cell(row=r, column=c, value=value)
                if isinstance(value, str):
                    cell.data_type = "s"
    workbook.save(path)
    return path
