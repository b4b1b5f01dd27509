"""validate on a Google spreadsheet (the Sheets API imitation, over real HTTP) lists the
sample's forced call and meal penalty in its Checks tab."""

from __future__ import annotations

from pathlib import Path

from addin.cli import main
from tests.sample_day_findings import SAMPLE_DAY_ROWS, day_rows

SAMPLE = Path(__file__).resolve().parents[2] / "workbooks" / "sample_production.xlsx"


def test_the_checks_tab_lists_the_turnaround_and_the_meal_penalty(fake):
    sid = fake.load_xlsx(SAMPLE)
    url = f"https://docs.google.com/spreadsheets/d/{sid}/edit"
    assert main(["validate", url, "--credentials", "token:t", "--today", "2026-11-25"]) == 1
    checks = fake.book(sid).sheet_by_title("Checks")
    height = max(r for r, _ in checks.cells) + 1
    grid = [[checks.peek(r, c).value for c in range(6)] for r in range(height)]
    assert day_rows(grid) == SAMPLE_DAY_ROWS
