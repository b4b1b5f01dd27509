"""`proddesk sync` keeps ProdDesk's DOOD tab up to date: rebuilt when the schedule or cast
changed, never made for a book that has none (the Sheets API imitation over real HTTP,
through gspread, as the coordinator's edits and ProdDesk's writes both go)."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from google_support import gspread_client

from addin.cli import main
from addin.google.config import load_config
from addin.google.sync import run_cycle
from addin.parse import format_date
from tests.books import dood_book

WRITES = ("spreadsheets.batchUpdate", "values.batchUpdate", "values.update", "values.clear")


def _config(tmp_path: Path, sid: str):
    path = tmp_path / "productions.toml"
    path.write_text('credentials = "token:t"\nshared_secret = "s3cret-for-tests"\n'
                    "[retry]\ntries = 3\nbase = 0.01\ncap = 0.05\n"
                    f'[[production]]\nname = "Night Shift"\nspreadsheet = "{sid}"\n'
                    "days_ahead = 0\n")
    return load_config(path)


def _row(fake, sid: str, title: str, row: int) -> list:
    sheet = fake.book(sid).sheet_by_title(title)
    width = max(c for _, c in sheet.cells) + 1
    return [getattr(sheet.cells.get((row, c)), "value", None) for c in range(width)]


def _edit(fake, sid: str, tab: str, cell: str, value: str) -> None:
    """The coordinator types into a cell (gspread, as typed in the browser)."""
    sheet = gspread_client(fake.base_url).open_by_key(sid).worksheet(tab)
    sheet.update_acell(cell, value)


def test_sync_rebuilds_the_dood_tab_when_the_schedule_changes(fake, tmp_path, capsys):
    sid = fake.load_grids(dood_book(), title="Night Shift")
    url = f"https://docs.google.com/spreadsheets/d/{sid}/edit"
    assert main(["dood", url, "--today", "2020-01-06", "--credentials", "token:t"]) == 0
    capsys.readouterr()
    cast3 = _row(fake, sid, "DOOD", 5)
    assert cast3[:9] == ["3", "ROSE", "Margaret Hale", "T", "SW/D", None, None, "PU/WF", "T"]
    config = _config(tmp_path, sid)

    # scene 3 on day 2 now has cast 3 too: held from day 1 to 2, then dropped to day 4
    _edit(fake, sid, "Schedule", "D5", "1, 3")
    [outcome] = run_cycle(config)
    assert (outcome.status, outcome.dood) == ("published", "DOOD")
    assert _row(fake, sid, "DOOD", 5)[:9] == [
        "3", "ROSE", "Margaret Hale", "T", "SW", "W/D", None, "PU/WF", "T"]
    made_today = f"made by ProdDesk on {format_date(date.today())}"
    assert _row(fake, sid, "DOOD", 0)[0].endswith(made_today)
    titles = [s.title for s in fake.book(sid).sheets]
    assert titles.count("DOOD") == 1 and "ProdDesk DOOD" not in titles

    fake.clear_requests()  # nothing changed since: nothing written
    [again] = run_cycle(config)
    assert again.status == "unchanged"
    assert not any(r["kind"] in WRITES for r in fake.requests())


def test_a_change_that_leaves_the_dood_as_it_is_does_not_rewrite_it(fake, tmp_path, capsys):
    sid = fake.load_grids(dood_book(), title="Night Shift")
    url = f"https://docs.google.com/spreadsheets/d/{sid}/edit"
    assert main(["dood", url, "--today", "2020-01-06", "--credentials", "token:t"]) == 0
    _edit(fake, sid, "Cast", "E4", "local hire, drives himself")  # a note: not on the DOOD
    [outcome] = run_cycle(_config(tmp_path, sid))
    assert (outcome.status, outcome.dood) == ("published", None)
    title = _row(fake, sid, "DOOD", 0)[0]
    assert title == "Day Out of Days - Night Shift - made by ProdDesk on Jan 6, 2020"


def test_a_book_without_a_dood_tab_gets_none_from_sync(fake, tmp_path):
    sid = fake.load_grids(dood_book(), title="Night Shift")
    [outcome] = run_cycle(_config(tmp_path, sid))
    assert (outcome.status, outcome.dood) == ("published", None)
    titles = [s.title for s in fake.book(sid).sheets]
    assert "Checks" in titles and not any("DOOD" in t for t in titles)


def test_the_coordinators_own_dood_tab_is_never_touched_by_sync(fake, tmp_path):
    grids = dood_book()
    grids["DOOD"] = [["my own day out of days"], ["1", "SW", "W"]]
    sid = fake.load_grids(grids, title="Night Shift")
    _edit(fake, sid, "Schedule", "D5", "1, 3")
    [outcome] = run_cycle(_config(tmp_path, sid))
    assert outcome.dood is None
    assert _row(fake, sid, "DOOD", 0)[0] == "my own day out of days"
    assert fake.book(sid).sheet_by_title("ProdDesk DOOD") is None
