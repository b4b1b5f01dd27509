"""Rendering into a template: the coordinator's styling survives, lists grow, values stay text."""

from __future__ import annotations

import io
import time
import zipfile
from pathlib import Path

import openpyxl
import pytest
from openpyxl.drawing.image import Image
from openpyxl.styles import Border, Font, PatternFill, Side
from PIL import Image as PILImage

from addin.book import read_book
from addin.callsheet.build import build_callsheet
from addin.callsheet.render import Template
from addin.errors import TemplateError
from addin.hosts.xlsx import XlsxHost
from tests.books import book_of
from tests.callsheet.callsheet_books import HYPERLINK, grids

ROOT = Path(__file__).resolve().parents[2]
SHIPPED = ROOT / "workbooks" / "callsheet_template.xlsx"
SAMPLE = ROOT / "workbooks" / "sample_production.xlsx"
RED = "FFC00000"
THICK = Side(style="thick", color="FF0000FF")


def restyled_template(path: Path) -> Path:
    """A coordinator's own template: Georgia title on red, a logo, merged and tall crew rows."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Our Sheet"
    png = io.BytesIO()
    PILImage.new("RGB", (90, 40), (20, 120, 200)).save(png, "PNG")
    logo = Image(io.BytesIO(png.getvalue()))
    ws.add_image(logo, "A1")
    ws["C1"] = "{{ production }}"
    ws["C1"].font = Font(name="Georgia", size=20, bold=True, color="FFFFFFFF")
    ws["C1"].fill = PatternFill("solid", start_color=RED, end_color=RED)
    ws["C2"] = "{{ day_of }} - {{ date_text }}"
    ws["A4"], ws["B4"], ws["D4"] = "{{ scene.scene }}", "{{ scene.set }}", "{{ scene.pages }}"
    ws["A5"], ws["B5"], ws["D5"] = "{{ scene.scene }}", "{{ scene.set }}", "{{ scene.pages }}"
    ws["A6"], ws["B6"], ws["D6"] = "{{ scene.scene }}", "{{ scene.set }}", "{{ scene.pages }}"
    for r in (4, 5, 6):
        ws[f"A{r}"].border = Border(bottom=THICK)
    ws["A7"], ws["D7"] = "Total", "{{ total_pages }}"
    ws["A9"] = "{{ crew.section }}"
    ws["B9"] = "{{ crew.name }}"
    ws["D9"] = "{{ crew.call }}"
    ws["E9"] = "{{ crew.phone }}"
    ws.merge_cells("B9:C9")
    ws.row_dimensions[9].height = 22
    ws["A10"] = "{{ crew.section }}"
    ws["B10"] = "{{ crew.name }}"
    ws["D10"] = "{{ crew.call }}"
    ws["E10"] = "{{ crew.phone }}"
    ws.merge_cells("B10:C10")
    ws.row_dimensions[10].height = 22
    for r in (9, 10):
        for col in "ABCDE":
            ws[f"{col}{r}"].font = Font(name="Courier New", size=11, italic=True)
            ws[f"{col}{r}"].border = Border(top=THICK, bottom=THICK)
    ws["A12"] = "Notes: {{ notes }}"
    ws["A12"].font = Font(name="Georgia", size=9, color="FF00AA00")
    ws.merge_cells("A12:E12")
    ws.row_dimensions[12].height = 40
    ws.column_dimensions["B"].width = 31
    ws.print_area = "A1:E12"
    ws.page_setup.orientation = "landscape"
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    wb.create_sheet("Instructions")["A1"] = "How to fill in this template"
    wb.save(path)
    return path


@pytest.fixture
def rendered(tmp_path: Path) -> tuple[Path, openpyxl.worksheet.worksheet.Worksheet]:
    template = Template(restyled_template(tmp_path / "ours.xlsx"))
    sheet, _ = build_callsheet(book_of(grids()), 1)
    out = tmp_path / "out" / "day1.xlsx"
    template.save(sheet, out)
    return out, openpyxl.load_workbook(out)["Our Sheet"]


def test_fields_are_filled(rendered) -> None:
    _, ws = rendered
    assert ws["C1"].value == "Night Shift"
    assert ws["C2"].value == "Day 1 of 3 - Thursday, December 3, 2026"
    assert ws["D7"].value == "3 7/8"


def test_the_coordinators_styling_and_logo_survive(rendered) -> None:
    out, ws = rendered
    assert ws.parent.sheetnames == ["Our Sheet"]
    assert (ws["C1"].font.name, ws["C1"].font.sz, ws["C1"].font.b) == ("Georgia", 20, True)
    assert ws["C1"].fill.fgColor.rgb == RED
    assert ws.column_dimensions["B"].width == 31
    assert ws.page_setup.orientation == "landscape"
    assert ws.sheet_properties.pageSetUpPr.fitToPage is True
    assert len(ws._images) == 1
    media = [n for n in zipfile.ZipFile(out).namelist() if n.startswith("xl/media/")]
    assert len(media) == 1


def test_unused_slots_are_emptied_but_keep_their_borders(rendered) -> None:
    _, ws = rendered
    assert [(ws[f"A{r}"].value, ws[f"B{r}"].value) for r in (4, 5, 6)] == [
        ("1", "DINER - COUNTER"), ("2", "DINER - LOT"), (None, None)]
    assert ws["A6"].border.bottom.style == "thick"


def test_a_longer_list_inserts_rows_formatted_like_the_template_row(rendered) -> None:
    _, ws = rendered
    # five crew members on day 1, two slots: three rows inserted after row 10
    assert [(ws[f"A{r}"].value, ws[f"B{r}"].value, ws[f"D{r}"].value) for r in range(9, 14)] == [
        ("Camera", "Pat Lee", "6:30 AM"), (None, "Sam Roe", "6:00 AM"),
        ("Grip", "Kim Day", "7:00 AM"), ("Sound", "Ann Wu", "7:00 AM"),
        (None, HYPERLINK, "7:00 AM")]
    merged = {str(r) for r in ws.merged_cells.ranges}
    for r in range(9, 14):
        assert f"B{r}:C{r}" in merged
        assert ws.row_dimensions[r].height == 22
        assert (ws[f"B{r}"].font.name, ws[f"B{r}"].font.i) == ("Courier New", True)
        assert ws[f"E{r}"].border.top.style == "thick"


def test_rows_below_a_grown_list_move_down_with_their_format(rendered) -> None:
    _, ws = rendered
    assert ws["A15"].value == "Notes: Quiet set"
    assert ws["A15"].font.name == "Georgia"
    assert "A15:E15" in {str(r) for r in ws.merged_cells.ranges}
    assert ws.row_dimensions[15].height == 40
    assert ws.print_area == "'Our Sheet'!$A$1:$E$15"


def test_a_formula_looking_name_lands_as_text(rendered) -> None:
    out, ws = rendered
    cell = ws["B13"]
    assert (cell.value, cell.data_type) == (HYPERLINK, "s")
    sheet_xml = zipfile.ZipFile(out).read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in sheet_xml and "<f " not in sheet_xml


def test_a_template_without_placeholders_is_refused(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    wb.active["A1"] = "CALL SHEET"
    wb.save(tmp_path / "plain.xlsx")
    with pytest.raises(TemplateError, match=r"plain.xlsx has no placeholders"):
        Template(tmp_path / "plain.xlsx")


def test_two_lists_on_one_row_are_refused(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    wb.active["A1"], wb.active["B1"] = "{{ crew.name }}", "{{ cast.actor }}"
    wb.save(tmp_path / "mixed.xlsx")
    with pytest.raises(TemplateError, match=r"row 1 repeats for more than one list"):
        Template(tmp_path / "mixed.xlsx")


def test_an_unknown_placeholder_is_a_warning_and_left_empty(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    wb.active["A1"], wb.active["A2"] = "{{ production }}", "Email: {{ crew.email }}"
    wb.save(tmp_path / "typo.xlsx")
    template = Template(tmp_path / "typo.xlsx")
    sheet, _ = build_callsheet(book_of(grids()), 1)
    plan = template.save(sheet, tmp_path / "typo_out.xlsx")
    assert [(f.rule, f.cell) for f in plan.findings] == [("callsheet.unknown_placeholder", "A2")]
    values = [c.value for c in openpyxl.load_workbook(tmp_path / "typo_out.xlsx").active["A"]]
    assert values[:2] == ["Night Shift", "Email: "]
    assert not any("@" in str(v) for v in values)


def test_problems_are_listed_only_when_asked(tmp_path: Path) -> None:
    template = Template(SHIPPED)
    sheet, findings = build_callsheet(book_of(grids()), 1)
    quiet = _texts(_written(template, sheet, tmp_path / "quiet.xlsx"))
    assert not any("lists cast #9" in t for t in quiet)
    sheet.problems = [f.message for f in findings]
    loud = _texts(_written(template, sheet, tmp_path / "loud.xlsx", show_problems=True))
    assert any(t.startswith("Scene 2 lists cast #9") for t in loud)


def _written(template: Template, sheet, path: Path, show_problems: bool = False):
    """The call sheet tab of the file the template writes, read back with openpyxl."""
    template.save(sheet, path, show_problems)
    return openpyxl.load_workbook(path).active


def _texts(ws) -> list[str]:
    return [str(c.value) for row in ws.iter_rows() for c in row if c.value is not None]


def test_the_shipped_template_on_the_sample_book(tmp_path: Path) -> None:
    book = read_book(XlsxHost(SAMPLE))
    sheet, _ = build_callsheet(book, 1)
    ws = _written(Template(SHIPPED), sheet, tmp_path / "day1.xlsx")
    texts = _texts(ws)
    assert not any("{{" in t for t in texts)
    for expected in ("The Long Take", "Thursday, December 3, 2026", "Day 1 of 4", "7:00 AM",
                     "6:43 AM", "4:43 PM", "STARLITE DINER - COUNTER", "6 6/8", "Isabel Reyes",
                     "Marcus Bell", "(310) 555-0117",
                     "ADVANCE SCHEDULE: Day 2 - Fri Dec 4, 2026"):
        assert expected in texts, expected
    assert "(310) 555-0101" not in texts  # the producer does not publish her phone
    assert not any("@" in t for t in texts)


def test_one_day_renders_fast_on_a_1000_crew_book(tmp_path: Path) -> None:
    book = grids()
    crew = [book["Crew"][0]]
    for i in range(1000):
        crew.append([f"Crew Member {i}", f"Dept {i // 50}", "Tech", "(310) 555-0143", None,
                     None, None, "Y"])
    book["Crew"] = crew
    parsed = book_of(book)
    template = Template(SHIPPED)
    start = time.perf_counter()
    sheet, _ = build_callsheet(parsed, 1)
    template.save(sheet, tmp_path / "big.xlsx")
    elapsed = time.perf_counter() - start
    assert len(sheet.crew) == 1000
    assert elapsed < 1.0  # target 0.5 s; headroom for slow CI machines
    ws = openpyxl.load_workbook(tmp_path / "big.xlsx").active
    names = [c.value for c in ws["C"] if isinstance(c.value, str) and c.value.startswith("Crew M")]
    assert len(names) == 1000
