"""The Distribution tab: ProdDesk's own, text only, people to chase first, confirmations in."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import openpyxl

from addin.distribution.store import Confirmation
from addin.distribution.tab import (
    DistributionRow,
    apply_confirmations,
    merge,
    read_distribution,
    write_distribution,
)
from addin.hosts.xlsx import XlsxHost
from tests.books import write_xlsx


def row(name: str, status: str, day: int = 2, revision: int = 1, dept: str = "GRIP"):
    return DistributionRow(day, revision, name, dept, f"{name.split()[0].lower()}@x.com",
                           "6:30 AM", "Dec 3, 2026 6:00 PM", status)


def book_with_own_distribution_tab(tmp_path: Path) -> Path:
    return write_xlsx(tmp_path / "book.xlsx", {
        "Crew": [["Name", "Department", "Email"], ["Marcus Bell", "Grip", "m@x.com"]],
        "Distribution": [["Who gets what"], ["Marcus Bell", "=HYPERLINK(\"x\")"]],
    })


def test_written_beside_the_coordinators_own_distribution_tab_as_text(tmp_path):
    path = book_with_own_distribution_tab(tmp_path)
    rows = [row("Marcus Bell", "Sent"), row("=cmd|' /C calc'!A0", "Bounced: 550 5.1.1 unknown")]
    name = write_distribution(XlsxHost(path, backup=True), rows)
    assert name == "ProdDesk Distribution"
    workbook = openpyxl.load_workbook(path)
    assert workbook["Distribution"]["B2"].value == "=HYPERLINK(\"x\")"  # theirs, untouched
    sheet = workbook[name]
    assert sheet.freeze_panes == "A3"
    assert sheet.auto_filter.ref == "A2:H4"
    assert sheet["C3"].value == "=cmd|' /C calc'!A0" and sheet["C3"].data_type == "s"
    assert [c.value for c in sheet[2]] == ["Day", "Version", "Name", "Department", "Email",
                                          "Call", "Sent At", "Status"]
    # the bounce is to chase: it comes first
    assert sheet["H3"].value == "Bounced: 550 5.1.1 unknown"
    again = read_distribution(XlsxHost(path))
    assert {r.name for r in again} == {"Marcus Bell", "=cmd|' /C calc'!A0"}
    assert write_distribution(XlsxHost(path, backup=True), again) == name  # the same tab


def test_people_to_chase_come_first():
    rows = merge([], [row("Ann Confirmed", "Confirmed Dec 3, 2026 9:14 PM"),
                      row("Bob Sent", "Sent"), row("Cy Noemail", "No email"),
                      row("Dee Sent", "Sent", day=3)])
    assert [r.name for r in rows] == ["Cy Noemail", "Dee Sent", "Bob Sent", "Ann Confirmed"]


def test_a_delivered_row_is_never_turned_back():
    rows = merge([row("Bob Sent", "Sent")], [row("Bob Sent", "Bounced: 421 try later")])
    assert rows[0].status == "Sent"


def test_confirmations_apply_to_their_day_and_version_once():
    rows = [row("Marcus Bell", "Sent"), row("Marcus Bell", "Sent", revision=2),
            row("Tony Alvarez", "Sent")]
    at = datetime(2026, 12, 3, 21, 14, tzinfo=ZoneInfo("America/Los_Angeles"))
    later = datetime(2026, 12, 3, 22, 0, tzinfo=ZoneInfo("America/Los_Angeles"))
    updated, applied = apply_confirmations(rows, [
        Confirmation("pd-test", 2, 2, "marcus  bell", at),
        Confirmation("pd-test", 2, 2, "Marcus Bell", later),
        Confirmation("pd-test", 2, 1, "Nobody Here", at),
    ])
    assert len(applied) == 1
    status = {(r.name, r.revision): r.status for r in updated}
    assert status[("Marcus Bell", 2)] == "Confirmed Dec 3, 2026 9:14 PM"
    assert status[("Marcus Bell", 1)] == "Sent"
    assert updated[-1].name == "Marcus Bell" and updated[-1].revision == 2  # confirmed: last


def test_validate_and_clear_keep_the_distribution_tab(sample):
    from addin.cli import main
    from addin.owned import find_ownership

    write_distribution(XlsxHost(sample, backup=True), [row("Marcus Bell", "Sent")])
    main(["validate", str(sample), "--in-place"])
    main(["clear", str(sample)])
    host = XlsxHost(sample)
    assert find_ownership(host.read_all()).tabs == {"distribution": "Distribution"}
    assert [r.name for r in read_distribution(host)] == ["Marcus Bell"]
