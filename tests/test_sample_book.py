"""The shipped workbooks through the real CLI: the sample's seeded mistakes, the empty template."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import openpyxl

from addin.cli import main

WORKBOOKS = Path(__file__).resolve().parent.parent / "workbooks"


def validate_json(capsys, path: Path) -> tuple[int, list[dict]]:
    code = main(["validate", str(path), "--format", "json", "--today", "2026-11-25"])
    return code, json.loads(capsys.readouterr().out)["findings"]


REPORTS = {"day.overtime"}
"""Checks that report on the plan (the overtime forecast), whatever the book holds."""


def test_sample_book_lists_each_seeded_mistake_exactly_once_and_nothing_else(capsys) -> None:
    code, findings = validate_json(capsys, WORKBOOKS / "sample_production.xlsx")
    expected = json.loads((WORKBOOKS / "sample_mistakes.json").read_text())
    assert code == 1
    assert Counter(
        (f["rule"], f["sheet"], f["cell"]) for f in findings if f["rule"] not in REPORTS
    ) == Counter((m["rule"], m["sheet"], m["cell"]) for m in expected)


def test_sample_book_forecasts_each_shoot_days_pay(capsys) -> None:
    _, findings = validate_json(capsys, WORKBOOKS / "sample_production.xlsx")
    totals = [f for f in findings if f["rule"] == "day.overtime" and "total" in f["message"]]
    assert [(f["severity"], f["sheet"], f["cell"]) for f in totals] == [
        ("info", "Days", f"G{row}") for row in (2, 3, 4, 5)
    ]
    assert totals[0]["message"] == (
        "Day 1 forecast total: 39 people, $21,033.19 of which $1,883.19 overtime; not counted: "
        "1 without a rate."
    )


def test_empty_production_template_validates_cleanly(capsys) -> None:
    code, findings = validate_json(capsys, WORKBOOKS / "production_template.xlsx")
    assert (code, findings) == (0, [])


def test_demo_writes_a_checked_copy_and_says_where(tmp_path, capsys) -> None:
    code = main(["demo", "--out", str(tmp_path / "demo"), "--today", "2026-11-25"])
    out = capsys.readouterr().out
    checked = tmp_path / "demo" / "sample_production_checked.xlsx"
    assert code == 0
    assert str(checked.resolve()) in out.replace("\n", "")
    workbook = openpyxl.load_workbook(checked)
    assert "Checks" in workbook.sheetnames
    assert workbook["Checks"]["D4"].value  # the first problem on the to-do list
