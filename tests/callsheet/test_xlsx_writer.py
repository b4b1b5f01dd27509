"""The written .xlsx: whatever sits below a grown list moves with its rows; text stays text."""

from __future__ import annotations

import io
from pathlib import Path

import openpyxl
import pytest
from openpyxl.comments import Comment
from openpyxl.drawing.image import Image
from openpyxl.formatting.rule import CellIsRule
from openpyxl.styles import PatternFill
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.pagebreak import Break
from PIL import Image as PILImage
from python_calamine import CalamineWorkbook

from addin.callsheet.build import CallSheet, CrewLine, SceneLine, build_callsheet
from addin.callsheet.render import Template
from tests.books import book_of
from tests.callsheet.callsheet_books import grids
from tests.callsheet.test_render import restyled_template

YELLOW = "FFFFFF00"


def dressed_template(path: Path) -> Path:
    """The restyled template with more below its crew rows (9-10) and notes (12).

    A stamp image at D13, a note and a link on the notes cell, a page break after
    row 11, a print title of rows 1-2, and a highlight and a drop-down on the crew rows.
    """
    restyled_template(path)
    wb = openpyxl.load_workbook(path)
    ws = wb["Our Sheet"]
    png = io.BytesIO()
    PILImage.new("RGB", (30, 30), (200, 0, 0)).save(png, "PNG")
    ws.add_image(Image(io.BytesIO(png.getvalue())), "D13")
    ws["A12"].comment = Comment("Read the safety notes", "Coordinator")
    ws["A12"].hyperlink = "https://example.com/safety"
    ws.row_breaks.append(Break(id=11))
    ws.print_title_rows = "1:2"
    fill = PatternFill("solid", start_color=YELLOW, end_color=YELLOW)
    ws.conditional_formatting.add(
        "D9:D10", CellIsRule(operator="equal", formula=['"7:00 AM"'], fill=fill)
    )
    walkie = DataValidation(type="list", formula1='"Yes,No"')
    walkie.add("E9:E10")
    ws.add_data_validation(walkie)
    wb.save(path)
    return path


@pytest.fixture
def grown(tmp_path: Path) -> openpyxl.worksheet.worksheet.Worksheet:
    """Day 1 (five crew on two slots: three rows inserted after row 10) read back."""
    template = Template(dressed_template(tmp_path / "dressed.xlsx"))
    sheet, _ = build_callsheet(book_of(grids()), 1)
    template.save(sheet, tmp_path / "day1.xlsx")
    return openpyxl.load_workbook(tmp_path / "day1.xlsx")["Our Sheet"]


def test_images_below_a_grown_list_move_down_and_the_logo_stays(grown) -> None:
    anchors = sorted((i.anchor._from.row, i.anchor._from.col) for i in grown._images)
    assert anchors == [(0, 0), (15, 3)]  # logo A1; stamp D13 -> D16 (0-based rows)


def test_notes_links_and_page_breaks_move_with_their_rows(grown) -> None:
    assert grown["A15"].value == "Notes: Quiet set"
    assert grown["A15"].comment.text == "Read the safety notes"
    assert grown["A12"].comment is None
    assert grown["A15"].hyperlink.target == "https://example.com/safety"
    assert [b.id for b in grown.row_breaks.brk] == [14]
    assert grown.print_title_rows == "$1:$2"


def test_highlights_and_drop_downs_of_the_list_row_cover_inserted_rows(grown) -> None:
    formats = {str(rng.sqref) for rng in grown.conditional_formatting}
    assert formats == {"D9:D13"}
    assert [str(v.sqref) for v in grown.data_validations.dataValidation] == ["E9:E13"]


def test_two_grown_lists_push_the_rows_below_both(tmp_path: Path) -> None:
    template = Template(restyled_template(tmp_path / "ours.xlsx"))
    sheet, _ = build_callsheet(book_of(grids()), 1)
    scene = sheet.scenes[0]
    sheet.scenes = [SceneLine(str(n), f"SET {n}", "INT", "DAY", "1", "", "") for n in range(5)]
    assert scene.scene == "1"
    template.save(sheet, tmp_path / "day1.xlsx")
    ws = openpyxl.load_workbook(tmp_path / "day1.xlsx")["Our Sheet"]
    # scenes: 5 items on 3 slots (rows 4-6) -> 2 rows after row 6; crew: 3 rows after row 10
    assert [ws[f"B{r}"].value for r in range(4, 9)] == [f"SET {n}" for n in range(5)]
    assert ws["A8"].border.bottom.style == "thick"
    assert (ws["A9"].value, ws["D9"].value) == ("Total", "3 7/8")
    assert ws["B11"].value == "Pat Lee" and ws["B15"].value.startswith("=HYPERLINK")
    assert {f"B{r}:C{r}" for r in range(11, 16)} <= {str(m) for m in ws.merged_cells.ranges}
    assert ws["A17"].value == "Notes: Quiet set"
    assert ws.print_area == "'Our Sheet'!$A$1:$E$17"


def test_awkward_text_is_written_exactly_as_text(tmp_path: Path) -> None:
    template = Template(restyled_template(tmp_path / "ours.xlsx"))
    sheet = CallSheet(
        "  R&D <Films> \x07", "", "", 1, 1, "", "Friday", notes="line 1\nline 2 \ud800"
    )
    sheet.crew = [CrewLine("Grip", "Grip", "=1+1", "Key", "@6 AM", "+1 310")]
    template.save(sheet, tmp_path / "odd.xlsx")
    ws = openpyxl.load_workbook(tmp_path / "odd.xlsx")["Our Sheet"]
    assert ws["C1"].value == "  R&D <Films> "  # a control character cannot be in a cell
    assert (ws["B9"].value, ws["B9"].data_type) == ("=1+1", "s")
    assert (ws["D9"].value, ws["E9"].value) == ("@6 AM", "+1 310")
    assert ws["A12"].value == "Notes: line 1\nline 2 "


def test_other_spreadsheet_readers_open_a_1000_row_call_sheet(tmp_path: Path) -> None:
    template = Template(restyled_template(tmp_path / "ours.xlsx"))
    sheet, _ = build_callsheet(book_of(grids()), 1)
    sheet.crew = [
        CrewLine("Grip", "", f"Grip {n}", "Grip", "7:00 AM", "(310) 555-0100") for n in range(1000)
    ]
    template.save(sheet, tmp_path / "big.xlsx")
    rows = CalamineWorkbook.from_path(str(tmp_path / "big.xlsx")).get_sheet_by_index(0).to_python()
    names = [row[1] for row in rows if str(row[1]).startswith("Grip ")]
    assert names == [f"Grip {n}" for n in range(1000)]
    assert rows[1009][0] == "Notes: Quiet set"  # row 12 + 998 inserted rows
