"""Issue 12 leftover: a day with no background prints no empty background header row.

The messy book's day 1 has 12 diners and 2 stand-ins; days 2 and 3 have none. All
three days go through ``proddesk callsheet --all --pdf`` with a real LibreOffice; the
PDFs are read back with pdftotext and the .xlsx files with openpyxl.
"""

from __future__ import annotations

import os
from pathlib import Path

import openpyxl
import pytest

from addin.book import read_book
from addin.callsheet.build import build_callsheet
from addin.callsheet.render import book_tab
from addin.hosts.xlsx import XlsxHost
from tests.callsheet.callsheet_books import write_book
from tests.callsheet.test_command import callsheet
from tests.callsheet.test_pdf import pdf_text
from tests.callsheet.test_sheet_content import messy_grids

NAMES = ["Night_Shift_Day01_2026-12-03", "Night_Shift_Day02_2026-12-04"]


@pytest.fixture(scope="module")
def rendered(tmp_path_factory) -> dict:
    tmp_path = tmp_path_factory.mktemp("background")
    book = write_book(tmp_path / "book.xlsx", messy_grids())
    cwd = Path.cwd()
    os.chdir(tmp_path)
    try:
        code, output = callsheet(str(book), "--all", "--pdf")
    finally:
        os.chdir(cwd)
    assert code == 0, output
    return {"folder": tmp_path / "callsheets", "book": book}


def _background_header(path: Path) -> tuple[int, list[int], list[tuple]]:
    """(the row holding BACKGROUND, the hidden rows, the rows shown) of a call sheet .xlsx."""
    sheet = openpyxl.load_workbook(path).active
    hidden = [r for r, d in sheet.row_dimensions.items() if d.hidden]
    shown = [tuple(c.value for c in row) for row in sheet.iter_rows() if row[0].row not in hidden]
    header = next(row[0].row for row in sheet.iter_rows() if row[1].value == "BACKGROUND")
    return header, sorted(hidden), shown


def test_a_day_without_background_has_no_background_header_in_the_pdf(rendered) -> None:
    day1, day2 = (pdf_text(rendered["folder"] / f"{name}.pdf") for name in NAMES)
    day1_lines = day1.splitlines()
    assert any("BACKGROUND" in line and "WHAT" in line and "COUNT" in line
               for line in day1_lines)
    assert any("Background" in line and "diners" in line and "12" in line for line in day1_lines)
    assert "BACKGROUND" not in day2 and "WHAT" not in day2
    assert "Isabel Reyes" in day2 and "DINER - BOOTH" in day2  # the rest is still there


def test_the_xlsx_hides_the_empty_background_rows_only_on_such_days(rendered) -> None:
    header1, hidden1, shown1 = _background_header(rendered["folder"] / f"{NAMES[0]}.xlsx")
    header, hidden2, shown2 = _background_header(rendered["folder"] / f"{NAMES[1]}.xlsx")
    assert not set(hidden1) & {header1, header1 + 1}  # (the crew's copy hides the cost rows)
    assert any("BACKGROUND" in row for row in shown1)
    # the header and its one empty slot row are what is left out, nothing else
    assert [r for r in hidden2 if r < header + 5] == [header, header + 1]
    assert not any("BACKGROUND" in row for row in shown2)
    assert any("CAST" in row for row in shown2) and any("SCENES" in row for row in shown2)


def test_the_tab_in_the_book_leaves_the_empty_background_rows_out(rendered) -> None:
    book = read_book(XlsxHost(rendered["book"]))
    with_bg = book_tab(book, build_callsheet(book, 1)[0], "Call Sheet D1").rows
    without = book_tab(book, build_callsheet(book, 2)[0], "Call Sheet D2").rows
    assert any("BACKGROUND" in row for row in with_bg)
    assert not any("BACKGROUND" in row for row in without)
    assert any("CAST" in row for row in without)


def test_a_coordinators_row_above_the_background_that_is_no_header_stays(tmp_path) -> None:
    from addin.callsheet.render import plan_grid, plan_render, read_layout

    grid = [
        ["{{ production }}", None],
        ["TOTAL", "{{ total_pages }}"],  # right above the background row: not its header
        ["{{ background.kind }}", "{{ background.count }}"],
        ["CAST", None],
    ]
    layout = read_layout(grid, "Ours", "ours.xlsx")
    book = read_book(XlsxHost(write_book(tmp_path / "b.xlsx", messy_grids())))
    plan = plan_render(layout, build_callsheet(book, 2)[0])
    assert plan.hidden == [3]  # only the empty background slot
    assert plan_grid(layout, plan) == [["Night Shift", None], ["TOTAL", "7/8"], ["CAST", None]]
