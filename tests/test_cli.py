"""The proddesk command end to end on real .xlsx files: output, exit codes, bad input."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import openpyxl
import pytest

from addin.cli import main
from tests.books import write_xlsx

CREW = [["Name", "Department", "Position", "Email", "Phone"],
        ["Pat Lee", "Camera", "DP", "pat@example.com", "(310) 555-0143"],
        ["Sam Roe", "Grip", "Key Grip", "jsmith@gmail", "(310) 555-0144"]]


@pytest.fixture
def book(tmp_path: Path) -> Path:
    return write_xlsx(tmp_path / "The Long Take.xlsx", {"Crew List": CREW})


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_validate_prints_findings_by_tab_and_exits_1_on_errors(book, capsys) -> None:
    code, out, _ = run(capsys, "validate", str(book), "--today", "2026-11-25")
    assert code == 1
    assert "Crew List" in out
    assert "Sam Roe: email 'jsmith@gmail' is not valid." in out
    assert "1 error in The Long Take.xlsx." in out


def test_validate_exits_0_without_errors(tmp_path, capsys) -> None:
    clean = write_xlsx(tmp_path / "clean.xlsx", {"Crew": CREW[:2]})
    code, out, _ = run(capsys, "validate", str(clean))
    assert code == 0
    assert "No problems found in clean.xlsx." in out


def test_json_has_exactly_the_documented_fields(book, capsys) -> None:
    code, out, _ = run(capsys, "validate", str(book), "--format", "json")
    payload = json.loads(out)
    assert code == 1
    assert payload["findings"] == [{
        "severity": "error", "rule": "crew.invalid_email", "sheet": "Crew List", "row": 3,
        "column": "Email", "cell": "D3", "message": "Sam Roe: email 'jsmith@gmail' is not valid.",
        "suggestion": None,
    }]


def test_annotate_writes_a_copy_and_leaves_the_book_alone(book, tmp_path, capsys) -> None:
    before = book.read_bytes()
    out_path = tmp_path / "checked.xlsx"
    code, _, err = run(capsys, "validate", str(book), "--annotate", str(out_path))
    assert code == 1
    assert book.read_bytes() == before
    assert "Checks written to" in err
    workbook = openpyxl.load_workbook(out_path)
    assert workbook.sheetnames == ["Crew List", "Checks", "ProdDesk State"]
    assert workbook["ProdDesk State"].sheet_state == "hidden"
    cell = workbook["Crew List"]["D3"]
    assert cell.value == "jsmith@gmail"
    assert cell.fill.fgColor.rgb.endswith("FFC7CE")
    assert "is not valid" in cell.comment.text
    checks = workbook["Checks"]
    assert checks["A2"].value == "Read 1 of 1 tab: Crew List (Crew)."
    assert checks["C4"].value == "D3"
    assert checks["C4"].hyperlink.location == "'Crew List'!D3"
    assert checks.freeze_panes == "A4"  # title, what was read and the header stay in view


def test_in_place_keeps_a_backup_and_clear_restores(book, capsys) -> None:
    original = book.read_bytes()
    code, _, _ = run(capsys, "validate", str(book), "--in-place")
    assert code == 1
    assert Path(f"{book}.bak").read_bytes() == original
    assert "Checks" in openpyxl.load_workbook(book).sheetnames
    code, out, _ = run(capsys, "clear", str(book))
    assert code == 0
    assert "1 cell(s) restored" in out
    workbook = openpyxl.load_workbook(book)
    assert workbook.sheetnames == ["Crew List"]
    assert workbook["Crew List"]["D3"].comment is None
    assert workbook["Crew List"]["D3"].fill.fill_type is None
    with zipfile.ZipFile(book) as package:
        assert not any("comments" in name for name in package.namelist())


@pytest.mark.parametrize(("make", "sentence"), [
    (lambda p: p.write_text("name,phone\n"), "is not an Excel workbook"),
    (lambda p: p.write_bytes(b"PK\x03\x04truncated"), "damaged"),
])
def test_unusable_files_give_one_sentence_and_exit_2(tmp_path, capsys, make, sentence) -> None:
    path = tmp_path / "book.xlsx"
    make(path)
    code, out, err = run(capsys, "validate", str(path))
    assert code == 2
    assert sentence in err
    assert "Traceback" not in err + out
    assert "book.xlsx" in err


def test_missing_file_and_bad_date(tmp_path, capsys) -> None:
    code, _, err = run(capsys, "validate", str(tmp_path / "nope.xlsx"))
    assert (code, "no such file" in err) == (2, True)
    with pytest.raises(SystemExit) as exit_info:
        main(["validate", "x.xlsx", "--today", "25/11/2026"])
    assert exit_info.value.code == 2


def test_installed_console_script_runs(book) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "addin.cli", "validate", str(book), "--format", "json"],
        capture_output=True, text=True, env={**os.environ, "PRODDESK_LOG": os.devnull},
        check=False,
    )
    assert result.returncode == 1
    assert json.loads(result.stdout)["findings"][0]["rule"] == "crew.invalid_email"


def test_output_cut_short_by_head_stops_quietly(book) -> None:
    """`proddesk validate BOOK --format json | head -1`: no 'unexpected problem', no traceback."""
    script = f'"{sys.executable}" -m addin.cli validate "{book}" --format json | head -c 20'
    result = subprocess.run(
        ["sh", "-c", script], capture_output=True, text=True, check=False,
        env={**os.environ, "PRODDESK_LOG": os.devnull},
    )
    assert result.stdout.startswith("{")
    assert result.stderr == ""
