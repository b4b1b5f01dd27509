"""A big save to Google: split under the request size limit, the Checks tab all or nothing.

Runs the real gspread client over real HTTP against the Sheets API imitation, with
a small size limit so that a 300-PO log already needs several requests. Its fault
injection fails one part of the save to show what the coordinator is left with.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


from addin.book import read_book
from addin.errors import HostError
from addin.hosts.gsheets import GoogleSheetsHost, open_spreadsheet
from addin.hosts.gsheets_batches import WRITING
from addin.publish import STATE_TAB, clear
from addin.run import check_host

POS = 300
LIMIT = 60_000
COLLEAGUE_NOTE = "Jess: chase the invoice"


@pytest.fixture
def sid(fake):
    rows = [["PO #", "Date", "Vendor", "Amount", "Approved By"]]
    for n in range(POS):  # mostly lacking approvers, the way a first real log arrives
        rows.append([f"NS2-{10000 + n}", "11/2/2026", "Apex Grip & Lighting", 3100 + n, None])
    return fake.load_grids({"POs": rows}, notes={"POs": {"B5": COLLEAGUE_NOTE}})


def _host(sid: str) -> GoogleSheetsHost:
    opened = open_spreadsheet(f"gsheet:{sid}", "token:t")
    return GoogleSheetsHost(opened.client, sid, retry=opened.retry, max_body=LIMIT)


def _saves(fake) -> list[dict]:
    return [r for r in fake.requests() if r["kind"] == "spreadsheets.batchUpdate"]


def _approver_notes(fake, sid) -> list[str]:
    sheet = fake.book(sid).sheet_by_title("POs")
    cells = [sheet.peek(r, 4) for r in range(1, POS + 1)]
    return [cell.note for cell in cells if cell is not None and cell.note]


def test_a_save_too_big_for_one_request_is_split_into_the_fewest(fake, sid):
    fake.clear_requests()
    _, result = check_host(_host(sid), write=True)
    assert result.marked == POS
    saves = _saves(fake)
    total = sum(s["body_size"] for s in saves)
    assert all(s["body_size"] <= LIMIT for s in saves)
    assert 1 < len(saves) <= total // LIMIT + 2  # the fewest, give or take the tab swap
    titles = [s.title for s in fake.book(sid).sheets]
    assert "Checks" in titles and STATE_TAB in titles
    assert not any(WRITING in t for t in titles)
    checks = fake.book(sid).sheet_by_title("Checks")
    assert checks.peek(POS + 1, 3).value and "approval threshold" in checks.peek(POS + 1, 3).value
    assert len(_approver_notes(fake, sid)) == POS


def test_a_failure_while_the_tabs_are_written_leaves_the_book_as_it_was(fake, sid):
    fake.add_fault(status=400, match=":batchUpdate", after=1)  # the 2nd part fails
    with pytest.raises(HostError, match="as they were before"):
        check_host(_host(sid), write=True)
    titles = [s.title for s in fake.book(sid).sheets]
    assert titles == ["POs"]  # no Checks tab, no half-written tab left behind
    assert _approver_notes(fake, sid) == []


def test_a_failure_in_the_marks_keeps_the_complete_checks_tab_and_loses_no_note(fake, sid):
    fake.clear_requests()
    check_host(_host(sid), write=True)
    parts = len(_saves(fake))
    assert parts >= 3
    clear(_host(sid), read_book(_host(sid)))
    fake.add_fault(status=400, match=":batchUpdate", after=parts - 1)  # the last part fails
    with pytest.raises(HostError, match="Checks tab was written"):
        check_host(_host(sid), write=True)
    checks = fake.book(sid).sheet_by_title("Checks")
    assert "approval threshold" in checks.peek(POS + 1, 3).value
    assert 0 < len(_approver_notes(fake, sid)) < POS

    check_host(_host(sid), write=True)  # running again marks the rest
    assert len(_approver_notes(fake, sid)) == POS
    clear(_host(sid), read_book(_host(sid)))  # and clear still gives every cell back
    assert _approver_notes(fake, sid) == []
    assert fake.book(sid).sheet_by_title("POs").peek(4, 1).note == COLLEAGUE_NOTE
    assert [s.title for s in fake.book(sid).sheets] == ["POs"]
