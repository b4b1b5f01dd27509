"""The Checks tab of an annotated book reads and prints like a to-do list."""

from __future__ import annotations

import subprocess
from pathlib import Path

import openpyxl
from pypdf import PdfReader

from addin.callsheet.pdf import convert_to_pdf
from addin.cli import main
from addin.report import CHECKS_TAB

SAMPLE = Path(__file__).resolve().parent.parent / "workbooks" / "sample_production.xlsx"


def _annotated(tmp_path: Path) -> Path:
    out = tmp_path / "checked.xlsx"
    code = main(["validate", str(SAMPLE), "--annotate", str(out), "--today", "2026-11-25"])
    assert code == 1  # the sample has errors
    return out


def test_checks_tab_is_set_up_to_print_landscape_one_page_wide(tmp_path):
    sheet = openpyxl.load_workbook(_annotated(tmp_path))[CHECKS_TAB]
    assert sheet["A1"].value == (
        "ProdDesk checks of sample_production.xlsx, Nov 25, 2026: 12 errors, 4 warnings, "
        "53 infos"  # the infos: the overtime forecast of each day
    )
    assert sheet.page_setup.orientation == "landscape"
    assert sheet.sheet_properties.pageSetUpPr.fitToPage
    assert (sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight) == (1, 0)
    long_rows = [
        row for row in range(3, sheet.max_row + 1) if len(sheet.cell(row, 4).value or "") > 70
    ]
    assert long_rows
    for row in long_rows:
        problem = sheet.cell(row, 4)
        assert problem.alignment.wrap_text and problem.alignment.vertical == "top"
        assert sheet.cell(row, 1).alignment.vertical == "top"
        assert sheet.row_dimensions[row].height >= 30  # room for the wrapped lines


def test_checks_tab_prints_one_page_wide_with_every_problem(tmp_path):
    workbook = openpyxl.load_workbook(_annotated(tmp_path))
    for name in [n for n in workbook.sheetnames if n != CHECKS_TAB]:
        del workbook[name]
    only_checks = tmp_path / "checks.xlsx"
    workbook.save(only_checks)
    pdf = convert_to_pdf([only_checks])[0]
    reader = PdfReader(pdf)
    for page in reader.pages:  # the 14 problems, then the overtime forecast's notes
        assert page.mediabox.width > page.mediabox.height  # landscape
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    sheet = workbook[CHECKS_TAB]
    for row in range(3, sheet.max_row + 1):
        assert sheet.cell(row, 3).value in text  # every cell address, none cut off the page
        assert sheet.cell(row, 6).value in text  # the last column (the check's id) too
