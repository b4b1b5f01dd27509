"""The tabs and columns ProdDesk understands, with their aliases and value kinds.

Copied from the book contract (WORKBOOK.md). A kind names how ``book.py``
normalises a column's cells; see ``NORMALISERS`` there.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache


@dataclass(frozen=True)
class Column:
    """A canonical column: its aliases and the kind of value it holds."""

    name: str
    aliases: tuple[str, ...] = ()
    kind: str = "text"


@dataclass(frozen=True)
class TabSpec:
    """A canonical tab: its aliases and columns."""

    name: str
    aliases: tuple[str, ...]
    columns: tuple[Column, ...] = field(default_factory=tuple)
    key: str | None = None
    """The column a data row cannot be without (used to spot section and note rows)."""


def C(name: str, *aliases: str, kind: str = "text") -> Column:
    """Shorthand for the tables below."""
    return Column(name, aliases, kind)


WRAP_ALIASES = ("Release", "Released", "Dismissed", "Out")
"""A person's or a department's own wrap on Crew Calls and Cast Calls."""

DOCUMENT_COLUMNS = ("Deal Memo", "I-9", "W-4", "NDA", "Covid Waiver")

TABS: tuple[TabSpec, ...] = (
    TabSpec(
        "Settings", ("Production", "Production Info", "Info", "Setup", "Project", "Project Info")
    ),
    TabSpec(
        "Crew",
        ("Crew List", "Contact List", "Crew Contacts", "Payroll"),
        (
            C("Name", "Crew Member", "Full Name"),
            C("First Name", "First"),
            C("Last Name", "Last", "Surname"),
            C("Department", "Dept"),
            C("Position", "Title", "Role", "Job"),
            C("Phone", "Cell", "Cell #", "Mobile", "Phone #", kind="phone"),
            C("Email", "E-mail", "Email Address", kind="email"),
            C("Rate", "Day Rate", kind="rate"),
            C("Guarantee", "Hours", "Guar", kind="hours"),
            C("Start Date", "Start", kind="date"),
            C("End Date", "End", "Wrap", kind="date"),
            C("Union", "Local"),
            C("Paperwork", "Startwork", "Start Paperwork", "Docs", kind="paperwork"),
            *(C(doc, kind="yesno") for doc in DOCUMENT_COLUMNS),
            C("Publish Phone", "Phone on Call Sheet", "Publish Cell", "Show Phone", kind="yesno"),
            C("Call", "Call Time", "Standing Call", kind="time"),
            C("Notes"),
        ),
        key="Name",
    ),
    TabSpec(
        "Cast",
        ("Cast List", "Talent", "Cast Members"),
        (
            C("Cast #", "#", "ID", "No", kind="id"),
            C("Character", "Role"),
            C("Actor", "Talent", "Name"),
            C("Phone", "Cell", kind="phone"),
            C("Email", kind="email"),
            C("Agent"),
            C("Union"),
            C("Travel", "Travel Days", "Travel Dates"),
            C("Notes"),
        ),
        key="Cast #",
    ),
    TabSpec(
        "Vendors",
        ("Vendor List", "Suppliers"),
        (
            C("Vendor", "Company", "Vendor Name"),
            C("Category", "Service", "Type"),
            C("Contact"),
            C("Phone", "Phone #", kind="phone"),
            C("Email", kind="email"),
            C("Address"),
            C("W-9", "W9", "W-9 On File", kind="yesno"),
            C("COI Expires", "COI Exp", "COI Expiration", "Insurance Expiry", kind="date"),
            C("Notes"),
        ),
        key="Vendor",
    ),
    TabSpec(
        "POs",
        ("PO Log", "Purchase Orders", "PO"),
        (
            C("PO #", "PO", "PO Number", kind="id"),
            C("Date", "PO Date", kind="date"),
            C("Vendor", "Payee"),
            C("Description", "Desc", "Item", "Line Description"),
            C("Account", "Acct", "Acct #", "Account Code", "Budget Line", "Line", kind="id"),
            C("Amount", "Total", "Cost", "Actual", kind="money"),
            C("Status"),
            C("Approved By", "Approver"),
            C("Start", "Rental Start", kind="date"),
            C("End", "Rental End", kind="date"),
            C("Invoice #"),
            C("Notes"),
        ),
        key="PO #",
    ),
    TabSpec(
        "Budget",
        ("Budget Summary", "Cost Report", "Accounts"),
        (
            C("Account", "Acct", "Acct #", "Line", "Line #", kind="id"),
            C("Description", "Line Description"),
            C("Budget", "Estimate", "Budgeted", "Amount", "Bid Totals", "Bid Total", kind="money"),
            C("Actual", "Actuals", kind="money"),
            C("Variance", kind="money"),
        ),
        key="Account",
    ),
    TabSpec(
        "Locations",
        ("Location List", "Sets"),
        (
            C("Location", "Name", "Set", "Location Name"),
            C("Address"),
            C("Latitude", "Lat", kind="number"),
            C("Longitude", "Lon", "Lng", "Long", kind="number"),
            C("Parking"),
            C("Contact"),
            C("Phone", kind="phone"),
            C("Hospital", "Nearest Hospital"),
            C("Hospital Address"),
            C("Hospital Phone", kind="phone"),
            C("Notes"),
        ),
        key="Location",
    ),
    TabSpec(
        "Schedule",
        ("Shooting Schedule", "Stripboard", "One-Liner", "One Liner"),
        (
            C("Day", "Shoot Day", "Day #", kind="day"),
            C("Date", kind="date"),
            C("Scene", "Sc", "Scene #", kind="id"),
            C("Set", "Set Name", "Scene Heading", "Slugline"),
            C("Synopsis", "Description", "Scene Description"),
            C("Script Page", "Script Pages", "Script Pg"),
            C("Script Day", "Story Day"),
            C("Sequence", "Seq"),
            C("I/E", "Int/Ext"),
            C("D/N", "Day/Night", "Time of Day"),
            C("Pages", "Pgs", "Length", kind="pages"),
            C("Cast", "Cast #s", "Cast IDs", "Cast Members", kind="cast_ids"),
            C("Location"),
            C("Notes"),
        ),
        key="Scene",
    ),
    TabSpec(
        "Days",
        ("Day Info", "Shoot Days", "Call Times", "Calendar", "Shoot Calendar",
         "Shooting Calendar"),
        (
            C("Day", kind="day"),
            C("Date", kind="date"),
            C("Crew Call", "General Call", "General Crew Call", kind="time"),
            C("Shooting Call", "Shoot Call", "First Shot", kind="time"),
            C("Lunch", "Meal", kind="time"),
            C("Second Meal", "2nd Meal", "Second Lunch", kind="time"),
            C("Wrap", "Est Wrap", kind="time"),
            C("Weather"),
            C("Location", "Locations"),
            C("Set", "Sets"),
            C("Notes"),
        ),
        key="Day",
    ),
    TabSpec(
        "Cast Calls",
        ("Talent Calls",),
        (
            C("Day", kind="day"),
            C("Cast #", "#", "ID", kind="id"),
            C("Pickup", kind="time"),
            C("H/MU", "Hair/Makeup", "Makeup", kind="time"),
            C("On Set", "Set Call", kind="time"),
            C("Wrap", *WRAP_ALIASES, kind="time"),
            C("Travel", "Travel Day", kind="yesno"),
            C("Notes"),
        ),
        key="Cast #",
    ),
    TabSpec(
        "Crew Calls",
        ("Dept Calls", "Department Calls"),
        (
            C("Day", kind="day"),
            C("Who", "Name", "Department"),
            C("Call", kind="time"),
            C("Wrap", *WRAP_ALIASES, kind="time"),
            C("Notes"),
        ),
        key="Who",
    ),
)

TABS_BY_NAME = {tab.name: tab for tab in TABS}

SETTINGS_KEYS: dict[str, tuple[tuple[str, ...], str]] = {
    "Production": (
        ("Title", "Show", "Production Title", "Production Name", "Project", "Project Title",
         "Project Name"),
        "text",
    ),
    "Company": (("Production Company",), "text"),
    "Production #": (("Production Number", "Prod #", "Job #"), "text"),
    "Timezone": (("Time Zone", "TZ"), "text"),
    "Region": (("Country",), "text"),
    "Office Address": ((), "text"),
    "Office Phone": ((), "text"),
    "Producer": ((), "text"),
    "Line Producer": ((), "text"),
    "Director": ((), "text"),
    "UPM": (("Unit Production Manager",), "text"),
    "1st AD": (("First AD", "1st Assistant Director"), "text"),
    "2nd AD": (("Second AD", "2nd Assistant Director"), "text"),
    "Coordinator": (("Production Coordinator", "POC"), "text"),
    "Walkie Channels": (("Walkies", "Channels"), "text"),
    "Safety Notes": (("Safety",), "text"),
    "COI Warning Days": ((), "int"),
    "PO Approval Threshold": (("Approval Threshold",), "money"),
    "Prep Start": (("Prep Start Date",), "date"),
    "Shoot Start": (("Shoot Start Date",), "date"),
    "Wrap Date": (("Wrap", "Estimated Wrap Date", "Est Wrap Date"), "date"),
    "Script Color": (("Script Revision", "Script Colour"), "text"),
    "Schedule Color": (("Schedule Revision", "Schedule Colour"), "text"),
    "Turnaround Crew Hours": (("Crew Turnaround", "Crew Turnaround Hours"), "hours"),
    "Turnaround Cast Hours": (("Cast Turnaround", "Cast Turnaround Hours"), "hours"),
    "Weekly Rest Crew Hours": (("Crew Weekly Rest", "Crew Weekend Rest"), "hours"),
    "Weekly Rest Cast Hours": (("Cast Weekly Rest", "Cast Weekend Rest"), "hours"),
    "Meal Interval Hours": (("Meal Interval", "Meal Hours"), "hours"),
    "Meal Penalty Crew": (("Crew Meal Penalty", "Crew Meal Penalties"), "text"),
    "Meal Penalty Cast": (("Cast Meal Penalty", "Cast Meal Penalties"), "text"),
    "Unpaid Meal Minutes": (("Unpaid Meal", "Unpaid Lunch Minutes"), "int"),
    "Show Costs On Call Sheet": (("Show Costs", "Costs On Call Sheet"), "text"),
    "DOOD Drop Days": (("Drop Days", "Drop/Pickup Days", "Drop Pickup Days"), "int"),
}

OWNED_TABS = ("Checks", "ProdDesk State")
"""Tabs ProdDesk writes; call sheet tabs start with ``Call Sheet``."""

_NOT_WORD = re.compile(r"[^0-9a-z#]+")


@lru_cache(maxsize=65536)
def header_key(text: object) -> str:
    """How header and tab names are compared: case, spaces, breaks and punctuation ignored."""
    return _NOT_WORD.sub("", str(text).casefold())


def is_owned_tab(name: str) -> bool:
    """Whether ProdDesk made this tab (it never reads its own tabs as data)."""
    key = header_key(name)
    return (
        key in {header_key(t) for t in OWNED_TABS}
        or key.startswith(("callsheet", "proddeskchecks", "proddeskstate", "proddeskcallsheet"))
    )
