"""Build a large, realistic production book for the validate benchmark.

Usage: ``python bench/make_large_book.py bench/large.xlsx [--seed N] [--scale K] [--messy]``

The book follows the workbook contract (tab and column names as in the project's
WORKBOOK.md): Settings, a 1,000-person crew list in 20 departments with section
rows, Cast, 300 vendors, 20,000 POs, Budget, Locations, a 150-day schedule of 6
scenes a day, Days, Cast Calls and Crew Calls. About 1% of the rows carry the
mistakes coordinators make (typos in vendor names, unknown accounts, missing
approvers, bad phones and emails, expired insurance...), so that
``proddesk validate --annotate`` writes a few hundred marks. The same seed
always gives the same book.

``--scale K`` multiplies the crew list and the PO log by K (the other tabs keep
their size), so that a stage whose time grows faster than the book shows.
``--messy`` writes the book a first run on a real production meets: most POs
lack an approver and one vendor in eight' insurance (COI) lapses in the
middle of the shoot, so about 5,000 cells are flagged at scale 1 (and about
5,000 per 20,000 POs at any scale).
"""

from __future__ import annotations

import argparse
import random
from datetime import date, time, timedelta
from pathlib import Path

import openpyxl
from openpyxl.styles import Font
from rapidfuzz import fuzz

TODAY = date(2026, 11, 25)
PREP_START = date(2026, 9, 1)
SHOOT_START = date(2026, 11, 2)
WRAP = date(2027, 7, 30)
SHOOT_DAYS = 150
SCENES_PER_DAY = 6
CREW = 1000
CAST = 40
VENDORS = 300
POS = 20_000
LOCATIONS = 20

AREA_CODES = [
    "310",
    "323",
    "213",
    "818",
    "424",
    "626",
    "562",
    "714",
    "949",
    "917",
    "212",
    "646",
    "718",
    "347",
    "404",
    "678",
    "504",
    "312",
    "773",
    "615",
]
FIRST = [
    "James",
    "Maria",
    "Robert",
    "Linda",
    "Michael",
    "Sofia",
    "David",
    "Grace",
    "Daniel",
    "Aisha",
    "Carlos",
    "Emma",
    "Kenji",
    "Olivia",
    "Marcus",
    "Priya",
    "Thomas",
    "Hannah",
    "Luis",
    "Chloe",
    "Andre",
    "Nina",
    "Samuel",
    "Ava",
    "Omar",
    "Ruby",
    "Victor",
    "Zoe",
    "Peter",
    "Leah",
    "Hector",
    "Iris",
    "Felix",
    "Mei",
    "Tobias",
    "Nora",
    "Ivan",
    "Lucia",
    "Jonah",
    "Tessa",
]
LAST = [
    "Smith",
    "Garcia",
    "Johnson",
    "Nguyen",
    "Brown",
    "Martinez",
    "Lee",
    "Patel",
    "Walker",
    "Kim",
    "Lopez",
    "Young",
    "Hernandez",
    "King",
    "Wright",
    "Scott",
    "Green",
    "Baker",
    "Adams",
    "Nelson",
    "Hill",
    "Campbell",
    "Mitchell",
    "Roberts",
    "Carter",
    "Phillips",
    "Evans",
    "Turner",
    "Torres",
    "Parker",
    "Collins",
    "Edwards",
    "Stewart",
    "Morris",
    "Murphy",
    "Cook",
    "Rogers",
    "Morgan",
    "Cooper",
    "Reed",
    "Bailey",
    "Bell",
    "Gomez",
    "Kelly",
    "Howard",
    "Ward",
    "Cox",
    "Diaz",
    "Richardson",
    "Wood",
]
DEPARTMENTS = {
    "PRODUCTION": ["Production Supervisor", "Production Coordinator", "APOC", "Office PA"],
    "DIRECTING": ["1st AD", "2nd AD", "2nd 2nd AD", "Set PA"],
    "CAMERA": ["DP", "A Camera Operator", "1st AC", "2nd AC", "Loader"],
    "GRIP": ["Key Grip", "Best Boy Grip", "Dolly Grip", "Grip"],
    "ELECTRIC": ["Gaffer", "Best Boy Electric", "Electrician", "Genny Operator"],
    "SOUND": ["Sound Mixer", "Boom Operator", "Utility Sound"],
    "ART": ["Production Designer", "Art Director", "Art PA"],
    "SET DRESSING": ["Set Decorator", "Leadman", "Set Dresser"],
    "PROPS": ["Property Master", "Assistant Props"],
    "WARDROBE": ["Costume Designer", "Costume Supervisor", "Set Costumer"],
    "HAIR & MAKEUP": ["Dept Head Makeup", "Key Hair", "Makeup Artist"],
    "LOCATIONS": ["Location Manager", "Key Assistant Location Manager", "Location Scout"],
    "TRANSPORTATION": ["Transportation Coordinator", "Captain", "Driver"],
    "CATERING": ["Chef", "Catering Assistant"],
    "CRAFT SERVICES": ["Key Craft Service", "Craft Service Assistant"],
    "SPECIAL EFFECTS": ["SFX Coordinator", "SFX Technician"],
    "STUNTS": ["Stunt Coordinator", "Stunt Performer"],
    "SCRIPT": ["Script Supervisor"],
    "ACCOUNTING": ["Production Accountant", "1st Assistant Accountant", "Payroll Accountant"],
    "MEDIC": ["Set Medic"],
}
VENDOR_WORDS = [
    "Apex",
    "Blue Moon",
    "Canyon",
    "Delta",
    "Echo Park",
    "Falcon",
    "Golden State",
    "Harbor",
    "Indigo",
    "Juniper",
    "Keystone",
    "Lakeside",
    "Meridian",
    "Northstar",
    "Orchard",
    "Pacific",
    "Quartz",
    "Redwood",
    "Summit",
    "Tidewater",
    "Union Square",
    "Vista",
    "Westside",
    "Yellowjacket",
    "Zephyr",
    "Copper",
    "Silverline",
    "Ironwood",
    "Bayview",
    "Crescent",
    "Driftwood",
    "Evergreen",
    "Foxhollow",
    "Granite",
    "Highland",
    "Ivy Lane",
    "Jetstream",
    "Kingfisher",
    "Lantern",
    "Mesa",
    "Nightingale",
    "Oakridge",
    "Pinnacle",
    "Riverbend",
    "Sagebrush",
]
VENDOR_KINDS = [
    ("Grip & Lighting", "Equipment"),
    ("Camera Rentals", "Equipment"),
    ("Expendables", "Supplies"),
    ("Picture Cars", "Vehicles"),
    ("Production Trucks", "Vehicles"),
    ("Catering Co.", "Catering"),
    ("Prop House", "Props"),
    ("Costume Rentals", "Wardrobe"),
    ("Sound Services", "Equipment"),
    ("Security", "Services"),
    ("Portable Restrooms", "Services"),
    ("Stage Rentals", "Facilities"),
    ("Walkie Rentals", "Equipment"),
    ("Fuel Services", "Services"),
]
ACCOUNT_NAMES = [
    "Story & Rights",
    "Producers",
    "Director",
    "Cast",
    "Travel & Living",
    "Fringes",
    "Production Staff",
    "Extras",
    "Set Design",
    "Set Construction",
    "Set Operations",
    "Electrical",
    "Camera",
    "Special Effects",
    "Set Dressing",
    "Property",
    "Wardrobe",
    "Makeup & Hair",
    "Sound",
    "Transportation",
    "Locations",
    "Picture Vehicles",
    "Stunts",
    "Film & Lab",
    "Tests",
    "Second Unit",
    "Stage Rentals",
    "Catering",
    "Craft Service",
    "Editorial",
    "Music",
    "Post Sound",
    "Titles",
    "VFX",
    "Insurance",
    "Legal",
    "Publicity",
    "General Expense",
    "Office Rentals",
    "Medical",
]
STATUSES = ["Open", "Approved", "Paid", "Paid", "Closed", "Void"]
APPROVERS = ["K. Walsh (UPM)", "R. Ortega", "J. Pryce", "UPM"]
SETS = [
    "KITCHEN",
    "LIVING ROOM",
    "PRECINCT - BULLPEN",
    "ROOFTOP",
    "DINER",
    "ALLEY",
    "CAR (MOVING)",
    "HOSPITAL CORRIDOR",
    "WAREHOUSE",
    "BEACH",
    "MOTEL ROOM",
    "OFFICE TOWER LOBBY",
    "PARKING GARAGE",
    "BACKYARD",
    "BAR",
    "COURTROOM",
]


def _phone(rng: random.Random, used: set[str]) -> str:
    while True:
        number = (rng.choice(AREA_CODES), rng.randint(201, 989), rng.randint(0, 9999))
        if number[1] in (555, 911, 411, 611):
            continue
        styles = ["({}) {}-{:04d}", "{}.{}.{:04d}", "{}-{}-{:04d}"]
        text = rng.choice(styles).format(*number)
        key = "".join(ch for ch in text if ch.isdigit())
        if key not in used:
            used.add(key)
            return text


def _chance(rng: random.Random, p: float) -> bool:
    return rng.random() < p


def _settings(book: openpyxl.Workbook) -> None:
    sheet = book.create_sheet("Settings")
    rows = [
        ("Setting", "Value"),
        ("Production", "NIGHT SHIFT (Season 2)"),
        ("Company", "Lanternfish Pictures LLC"),
        ("Production #", "NS2-0417"),
        ("Timezone", "America/Los_Angeles"),
        ("Region", "US"),
        ("Office Address", "4024 Radford Ave, Studio City, CA 91604"),
        ("Office Phone", "(818) 762-3300"),
        ("Producer", "Dana Whitfield"),
        ("Director", "Rafael Ortega"),
        ("UPM", "Karen Walsh"),
        ("1st AD", "Miles Okafor"),
        ("Coordinator", "Jess Tran"),
        ("Walkie Channels", "1 Production, 2 Open, 3 Transpo, 4 Grip/Electric"),
        ("Safety Notes", "Closed-toe shoes on set. Hydrate."),
        ("COI Warning Days", 14),
        ("PO Approval Threshold", 2500),
        ("Prep Start", PREP_START),
        ("Shoot Start", SHOOT_START),
        ("Wrap Date", WRAP),
    ]
    for row in rows:
        sheet.append(row)


def _people(rng: random.Random, count: int, used: set[str]) -> list[tuple[str, str]]:
    names: list[tuple[str, str]] = []
    while len(names) < count:
        first = rng.choice(FIRST)
        last = rng.choice(LAST)
        initial = chr(ord("A") + rng.randint(0, 25))
        full = f"{first} {initial}. {last}"
        if full not in used:
            used.add(full)
            names.append((full, f"{first}.{initial}{last}".lower()))
    return names


def _crew(
    book: openpyxl.Workbook, rng: random.Random, phones: set[str], used: set[str], crew: int
) -> None:
    sheet = book.create_sheet("Crew")
    sheet.append(["NIGHT SHIFT (Season 2) - CREW LIST"])
    sheet.merge_cells("A1:L1")
    sheet["A1"].font = Font(bold=True, size=14)
    sheet.append(["Revised 11/20/26 - CONFIDENTIAL"])
    sheet.append([])
    header = [
        "Name",
        "Department",
        "Position",
        "Cell #",
        "E-mail",
        "Rate",
        "Start Date",
        "End Date",
        "Union",
        "Paperwork",
        "Publish Phone",
        "Notes",
    ]
    sheet.append(header)
    people = _people(rng, crew, used)
    per_department = crew // len(DEPARTMENTS)
    index = 0
    earlier: list[list] = []
    for department, positions in DEPARTMENTS.items():
        sheet.append([department])
        for n in range(per_department):
            name, handle = people[index]
            index += 1
            position = positions[0] if n == 0 else rng.choice(positions[1:] or positions)
            day_rate = rng.choice([350, 400, 450, 525, 600, 650, 750, 900, 1100])
            rate = f"${day_rate}/{rng.choice([10, 12])}" if _chance(rng, 0.6) else day_rate
            start = PREP_START + timedelta(days=rng.randint(0, 70))
            end = WRAP - timedelta(days=rng.randint(0, 20))
            email = f"{handle}@gmail.com"
            phone = _phone(rng, phones)
            paperwork: object = "Complete" if _chance(rng, 0.8) else start - timedelta(days=3)
            union = rng.choice(
                ["IATSE 600", "IATSE 80", "IATSE 728", "Teamsters 399", "DGA", "Non-union", ""]
            )
            row = [
                name,
                None,
                position,
                phone,
                email,
                rate,
                start,
                end,
                union,
                paperwork,
                "Y" if _chance(rng, 0.7) else "N",
                None,
            ]
            _crew_mistake(rng, row, earlier)
            earlier.append(row)
            sheet.append(row)
    sheet.append([])
    sheet.append(["* Rates subject to change. Contact accounting with questions."])


def _crew_mistake(rng: random.Random, row: list, earlier: list[list]) -> None:
    """About 1% of each kind of mistake a crew list collects."""
    roll = rng.random()
    if roll < 0.010:
        row[4] = row[4].replace("@", " at ")
    elif roll < 0.020:
        row[3] = row[3][:-2]
    elif roll < 0.025:
        row[5] = "TBD"
    elif roll < 0.030:
        row[6], row[7] = row[7], row[6]
    elif roll < 0.040:
        row[9] = rng.choice(["Pending", "Missing I-9", ""])
    elif roll < 0.043 and earlier:
        row[4] = rng.choice(earlier)[4]
    elif roll < 0.046:
        row[2] = None


def _cast(book: openpyxl.Workbook, rng: random.Random, phones: set[str], used: set[str]) -> None:
    sheet = book.create_sheet("Cast")
    sheet.append(["Cast #", "Character", "Actor", "Phone", "Email", "Agent", "Union", "Notes"])
    for number, (name, handle) in enumerate(_people(rng, CAST, used), start=1):
        sheet.append(
            [
                number,
                f"CHARACTER {number}",
                name,
                _phone(rng, phones),
                f"{handle}@talentmail.com",
                rng.choice(["CAA", "WME", "UTA", "Gersh"]),
                "SAG-AFTRA",
                None,
            ]
        )


def _vendor_names(rng: random.Random) -> list[tuple[str, str]]:
    names: list[tuple[str, str]] = []
    keys: list[str] = []
    while len(names) < VENDORS:
        kind, category = rng.choice(VENDOR_KINDS)
        name = f"{rng.choice(VENDOR_WORDS)} {kind}"
        key = name.lower()
        if any(fuzz.ratio(key, k) >= 85 for k in keys):
            continue
        keys.append(key)
        names.append((name, category))
    return names


def _vendors(
    book: openpyxl.Workbook, rng: random.Random, phones: set[str], messy: bool
) -> tuple[list[str], set[str]]:
    sheet = book.create_sheet("Vendors")
    sheet.append(
        [
            "Vendor",
            "Category",
            "Contact",
            "Phone #",
            "Email",
            "Address",
            "W-9",
            "COI Expires",
            "Notes",
        ]
    )
    names = _vendor_names(rng)
    risky: set[str] = set()
    for i, (name, category) in enumerate(names):
        domain = "".join(ch for ch in name.lower() if ch.isalnum())[:18]
        contact = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
        coi: object = date(2027, 9, 1) + timedelta(days=rng.randint(0, 300))
        w9: object = "Yes"
        email = f"orders@{domain}.com"
        if i % 100 == 7:
            coi = date(2026, 10, 1) + timedelta(days=rng.randint(0, 40))
            risky.add(name)
        elif i % 100 == 19:
            coi = TODAY + timedelta(days=rng.randint(1, 12))
            risky.add(name)
        elif i % 100 == 31:
            w9 = None
        elif i % 100 == 43:
            contact = None
        elif i % 100 == 59:
            email = email.replace("@", "")
        elif messy and i % 8 == 1:  # insured today, lapsing before the rentals end
            coi = SHOOT_START + timedelta(days=rng.randint(60, 200))
        sheet.append(
            [
                name,
                category,
                contact,
                _phone(rng, phones),
                email,
                f"{rng.randint(100, 9999)} {rng.choice(LAST)} Blvd, Los Angeles, CA",
                w9,
                coi,
                None,
            ]
        )
    return [name for name, _ in names], risky


def _accounts() -> list[tuple[str, str]]:
    accounts = []
    for i in range(60):
        name = ACCOUNT_NAMES[i % len(ACCOUNT_NAMES)]
        suffix = "" if i < len(ACCOUNT_NAMES) else " - Additional"
        accounts.append((f"{1100 + i * 100}", f"{name}{suffix}"))
    return accounts


def _typo(rng: random.Random, name: str) -> str:
    at = rng.randint(1, len(name) - 2)
    return name[:at] + name[at + 1 :] if rng.random() < 0.5 else name[:at] + "x" + name[at:]


def _pos(
    book: openpyxl.Workbook,
    rng: random.Random,
    vendors: list[str],
    risky: set[str],
    accounts: list[tuple[str, str]],
    count: int,
    messy: bool,
) -> dict[str, float]:
    sheet = book.create_sheet("POs")
    sheet.append(
        [
            "PO #",
            "Date",
            "Vendor",
            "Description",
            "Account",
            "Amount",
            "Status",
            "Approved By",
            "Start",
            "End",
            "Invoice #",
            "Notes",
        ]
    )
    safe = [v for v in vendors if v not in risky]
    committed: dict[str, float] = {}
    for n in range(count):
        number = f"NS2-{10000 + n}"
        when = PREP_START + timedelta(days=rng.randint(0, (WRAP - PREP_START).days))
        vendor = rng.choice(vendors if _chance(rng, 0.004) else safe)
        account = rng.choice(accounts)[0]
        value = round(rng.lognormvariate(6.5, 1.0), 2)
        amount: object = value
        status = rng.choice(STATUSES)
        approver = rng.choice(APPROVERS) if value > 1000 else None
        if messy and _chance(rng, 0.85):
            value = amount = round(rng.lognormvariate(7.2, 1.0), 2)
            approver = None
        start = when + timedelta(days=rng.randint(0, 10))
        end = min(start + timedelta(days=rng.randint(1, 30)), WRAP)
        roll = rng.random()
        if roll < 0.003:
            vendor = _typo(rng, vendor)
        elif roll < 0.005:
            account = str(rng.choice([999, 8850, 12345]))
        elif roll < 0.0065:
            amount = rng.choice(["TBD", "#REF!", "see invoice"])
        elif roll < 0.0075:
            status = rng.choice(["Pending", "On hold", "Cancelled"])
        elif roll < 0.009:
            amount, approver = round(rng.uniform(2600, 9000), 2), None
        elif roll < 0.010:
            when = rng.choice([date(2026, 6, 15), date(2027, 9, 2)])
        elif roll < 0.011 and n > 100:
            number = f"NS2-{10000 + n - rng.randint(1, 100)}"
        shown_amount: object = amount
        if isinstance(amount, float) and _chance(rng, 0.05):
            shown_amount = f"${amount:,.2f}"
        sheet.append(
            [
                number,
                when,
                vendor,
                f"{rng.choice(['Rental', 'Purchase', 'Service'])} - week {rng.randint(1, 40)}",
                account,
                shown_amount,
                status,
                approver,
                start,
                end,
                f"INV-{rng.randint(1000, 99999)}",
                None,
            ]
        )
        if isinstance(amount, float) and status in ("Open", "Approved", "Paid"):
            committed[account] = committed.get(account, 0.0) + amount
    return committed


def _budget(
    book: openpyxl.Workbook,
    rng: random.Random,
    accounts: list[tuple[str, str]],
    committed: dict[str, float],
) -> None:
    sheet = book.create_sheet("Budget")
    sheet.append(["Account", "Description", "Budget"])
    for i, (account, description) in enumerate(accounts):
        spent = committed.get(account, 0.0)
        budget = round(spent * (0.95 if i in (3, 27) else rng.uniform(1.1, 1.4)), -2)
        sheet.append([account, description, budget])
    sheet.append(["TOTAL", None, "=SUM(C2:C61)"])


def _locations(book: openpyxl.Workbook, rng: random.Random) -> list[str]:
    sheet = book.create_sheet("Locations")
    sheet.append(
        [
            "Location",
            "Address",
            "Latitude",
            "Longitude",
            "Parking",
            "Contact",
            "Phone",
            "Hospital",
            "Hospital Address",
            "Hospital Phone",
            "Notes",
        ]
    )
    names = []
    for i in range(LOCATIONS):
        kind = rng.choice(["House", "Stage", "Lot", "Diner"])
        name = f"{rng.choice(VENDOR_WORDS)} {kind} {i + 1}"
        names.append(name)
        sheet.append(
            [
                name,
                f"{rng.randint(100, 9999)} {rng.choice(LAST)} St, Los Angeles, CA",
                round(34.0 + rng.uniform(-0.2, 0.2), 5),
                round(-118.3 + rng.uniform(-0.3, 0.3), 5),
                "Crew parking at the lot on the corner",
                rng.choice(FIRST),
                "(323) 464-1200",
                "Cedars-Sinai Medical Center",
                "8700 Beverly Blvd, Los Angeles, CA 90048",
                "(310) 423-3277",
                None,
            ]
        )
    return names


def _shoot_dates() -> list[date]:
    dates = []
    day = SHOOT_START
    while len(dates) < SHOOT_DAYS:
        if day.weekday() < 5:
            dates.append(day)
        day += timedelta(days=1)
    return dates


def _schedule(book: openpyxl.Workbook, rng: random.Random, locations: list[str]) -> dict:
    sheet = book.create_sheet("Schedule")
    sheet.append(
        ["Day", "Date", "Scene", "Set", "I/E", "D/N", "Pages", "Cast", "Location", "Notes"]
    )
    cast_by_day: dict[int, set[int]] = {}
    scene = 1
    for day, when in enumerate(_shoot_dates(), start=1):
        location = rng.choice(locations)
        cast_by_day[day] = set()
        for _ in range(SCENES_PER_DAY):
            ids = sorted(rng.sample(range(1, CAST + 1), rng.randint(1, 5)))
            cast_by_day[day].update(ids)
            cast_text = ", ".join(str(i) for i in ids)
            where = location
            if _chance(rng, 0.01):
                cast_text += f", {CAST + rng.randint(1, 9)}"
            elif _chance(rng, 0.01):
                where = f"{location} (TBD)"
            eighths = rng.randint(1, 30)
            whole, part = divmod(eighths, 8)
            pages = f"{whole} {part}/8" if whole and part else (f"{part}/8" if part else whole)
            sheet.append(
                [
                    day,
                    when,
                    f"{scene}{rng.choice(['', '', 'A'])}",
                    rng.choice(SETS),
                    rng.choice(["INT", "EXT"]),
                    rng.choice(["D", "N"]),
                    pages,
                    cast_text,
                    where,
                    None,
                ]
            )
            scene += 1
    return cast_by_day


def _days(book: openpyxl.Workbook, rng: random.Random) -> None:
    sheet = book.create_sheet("Days")
    sheet.append(["Day", "Date", "Crew Call", "Shooting Call", "Lunch", "Wrap", "Weather", "Notes"])
    for day, when in enumerate(_shoot_dates(), start=1):
        call = time(rng.choice([6, 7, 14, 16]), rng.choice([0, 30]))
        text_call = rng.random() < 0.2
        sheet.append(
            [
                day,
                when,
                call.strftime("%-I:%M%p")[:-1] if text_call else call,
                time((call.hour + 1) % 24, call.minute),
                time((call.hour + 6) % 24, 0),
                time((call.hour + 12) % 24, 0),
                rng.choice(["Sunny 72/55", "Cloudy 65/50", "Rain 58/49"]),
                None,
            ]
        )


def _cast_calls(book: openpyxl.Workbook, cast_by_day: dict[int, set[int]]) -> None:
    sheet = book.create_sheet("Cast Calls")
    sheet.append(["Day", "Cast #", "Pickup", "H/MU", "On Set", "Notes"])
    for day, ids in cast_by_day.items():
        for number in sorted(ids):
            sheet.append([day, number, time(5, 30), time(6, 0), time(7, 30), None])


def _crew_calls(book: openpyxl.Workbook, rng: random.Random) -> None:
    sheet = book.create_sheet("Crew Calls")
    sheet.append(["Day", "Who", "Call", "Notes"])
    for day in range(1, SHOOT_DAYS + 1):
        for department in rng.sample(list(DEPARTMENTS), 3):
            sheet.append([day, department.title(), time(rng.choice([5, 6]), 30), "Pre-call"])


def build(path: Path, seed: int = 2026, scale: int = 1, messy: bool = False) -> None:
    """Write the large book to ``path``; the same seed gives the same content.

    ``scale`` multiplies the crew and the POs; ``messy`` gives thousands of findings.
    """
    rng = random.Random(seed)
    phones: set[str] = set()
    people: set[str] = set()
    book = openpyxl.Workbook()
    book.remove(book.active)
    _settings(book)
    _crew(book, rng, phones, people, CREW * scale)
    _cast(book, rng, phones, people)
    vendors, risky = _vendors(book, rng, phones, messy)
    accounts = _accounts()
    committed = _pos(book, rng, vendors, risky, accounts, POS * scale, messy)
    _budget(book, rng, accounts, committed)
    locations = _locations(book, rng)
    cast_by_day = _schedule(book, rng, locations)
    _days(book, rng)
    _cast_calls(book, cast_by_day)
    _crew_calls(book, rng)
    book.save(path)


def main() -> None:
    """Command line: the output path and an optional seed."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("out", help="where to write the .xlsx")
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--scale", type=int, default=1, help="crew and POs times K (default 1)")
    parser.add_argument(
        "--messy", action="store_true", help="thousands of findings (POs lacking approvers, COIs)"
    )
    args = parser.parse_args()
    build(Path(args.out), args.seed, args.scale, args.messy)
    print(f"Wrote {args.out}")


if __name__ == "__main__":
    main()
