"""A Checks tab of 50,000 findings is written whole and stays usable: filter and frozen header.

A first run on a 200,000-PO log can find tens of thousands of problems. The Checks
tab must then hold every one of them (the terminal shows only the first few), with
filter buttons on its header and the header frozen, so the coordinator can filter
to one tab or one check.
"""

from __future__ import annotations

import zipfile
from datetime import date

from lxml import etree
from python_calamine import CalamineWorkbook

from addin.hosts.xlsx import XlsxHost
from addin.model import Finding, Severity
from addin.report import CHECKS_HEADER, CHECKS_TAB, Report
from tests.books import write_xlsx

COUNT = 50_000
NS = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main"}


def _findings() -> list[Finding]:
    findings = []
    for n in range(COUNT):
        row = n + 2
        if n % 5 == 0:
            findings.append(Finding(
                Severity.ERROR, "po.vendor_coi", "POs", row, "Vendor", f"C{row}",
                f"PO NS2-{10000 + n}: Apex Grip & Lighting's certificate of insurance expires "
                "Mar 3, 2027, before the rental ends Mar 20, 2027.",
                "Get a current COI covering the whole rental before pickup.",
            ))
        else:
            findings.append(Finding(
                Severity.WARNING, "po.needs_approval", "POs", row, "Approved By", f"H{row}",
                f"PO NS2-{10000 + n} is $3,100.00, over the $2,500 approval threshold, "
                "and has no approver.",
                "Get the department head's and UPM's approval.",
            ))
    return findings


def test_a_50000_finding_checks_tab_is_complete_filtered_and_frozen(tmp_path):
    book = write_xlsx(tmp_path / "pos.xlsx", {"POs": [["PO #", "Vendor"], ["NS2-10000", "Apex"]]})
    report = Report("pos.xlsx", _findings(), checked_on=date(2026, 11, 25))
    host = XlsxHost(book, output=tmp_path / "checked.xlsx")
    host.write_sheets([report.checks_sheet()])
    host.save()

    rows = CalamineWorkbook.from_path(str(tmp_path / "checked.xlsx")).get_sheet_by_name(
        CHECKS_TAB
    ).to_python()
    assert rows[1] == CHECKS_HEADER
    body = rows[2:]
    assert len(body) == COUNT
    assert sum(1 for r in body if r[5] == "po.vendor_coi") == COUNT // 5
    assert body[0][0] == "Error" and body[-1][0] == "Warning"  # errors first
    assert body[-1][2] == f"H{COUNT + 1}"
    assert {r[3] for r in body} >= {
        f"PO NS2-{10000 + COUNT - 1} is $3,100.00, over the $2,500 approval threshold, "
        "and has no approver."
    }

    with zipfile.ZipFile(tmp_path / "checked.xlsx") as archive:
        sheet = next(
            n for n in archive.namelist()
            if n.startswith("xl/worksheets/") and b"autoFilter" in archive.read(n)
        )
        root = etree.fromstring(archive.read(sheet))
    assert root.find("m:autoFilter", NS).get("ref") == f"A2:F{COUNT + 2}"
    pane = root.find("m:sheetViews/m:sheetView/m:pane", NS)
    assert pane.get("state") == "frozen" and pane.get("ySplit") == "2"


def test_row_heights_count_lines_exactly_as_textwrap_does():
    """The fast line count used for row heights agrees with textwrap on every kind of text."""
    import random
    import textwrap

    from addin.hosts.xlsx_writer import line_count

    rng = random.Random(11)
    words = ["PO", "NS2-10417", "Apex", "Grip", "&", "Lighting's", "certificate", "$3,100.00",
             "over", "the", "approval", "threshold,", "e-mail", "x" * 70, "  ", "\t", "a\nb"]
    for _ in range(3000):
        text = " ".join(rng.choice(words) for _ in range(rng.randint(0, 30)))
        width = rng.choice([10, 38, 57, 60])
        assert line_count(text, width) == max(len(textwrap.wrap(text, width)), 1), (text, width)
