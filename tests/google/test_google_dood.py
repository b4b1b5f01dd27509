"""`proddesk dood URL`: the DOOD tab written into a Google spreadsheet (the Sheets API
imitation over real HTTP, through gspread)."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


from addin.cli import main
from tests.books import dood_book


def _values(fake, sid: str, title: str) -> list[list]:
    sheet = fake.book(sid).sheet_by_title(title)
    height = max(r for r, _ in sheet.cells) + 1
    width = max(c for _, c in sheet.cells) + 1
    return [[getattr(sheet.cells.get((r, c)), "value", None) for c in range(width)]
            for r in range(height)]


def test_dood_on_a_url_writes_its_tab_into_the_spreadsheet(fake, capsys):
    sid = fake.load_grids(dood_book(), title="Night Shift")
    url = f"https://docs.google.com/spreadsheets/d/{sid}/edit"
    assert main(["dood", url, "--today", "2026-12-02", "--credentials", "token:t"]) == 0
    out = capsys.readouterr().out
    assert "written to the tab 'DOOD' of Night Shift." in out
    rows = _values(fake, sid, "DOOD")
    assert rows[0][0] == "Day Out of Days - Night Shift - made by ProdDesk on Dec 2, 2026"
    assert rows[3][:9] == ["1", "MAYA", "Isabel Reyes", None, "SW", "W", "W/D", "PU/WF", None]
    assert fake.book(sid).sheet_by_title("DOOD").props["gridProperties"]["frozenColumnCount"] == 3


def test_dood_on_a_url_refuses_out(fake, capsys):
    sid = fake.load_grids(dood_book())
    url = f"https://docs.google.com/spreadsheets/d/{sid}/edit"
    assert main(["dood", url, "--out", "x.xlsx", "--credentials", "token:t"]) == 2
    assert "--out writes a copy of an Excel file" in capsys.readouterr().err
    assert fake.book(sid).sheet_by_title("DOOD") is None
