"""The openpyxl-backed xlwings engine acts like Excel for what ProdDesk uses, and counts calls."""

from __future__ import annotations

from datetime import date, datetime, time

import openpyxl
import pytest
import xlwings as xw
from openpyxl.comments import Comment
from openpyxl.styles import PatternFill

from addin.errors import HostError
from addin.hosts.base import Mark, SheetContent
from addin.hosts.excel import ExcelHost
from addin.model import CellError, CellRef
from tests.xlwings_engine import alerts, engine_stats, open_in_engine, reset_stats


@pytest.fixture
def book(tmp_path) -> xw.Book:
    """A crew tab with a banner merged over A1:C1, a fill, a note and an error cell."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Crew"
    ws.append(["Crew list"])
    ws.append(["Name", "Start", "Rate"])
    ws.append(["Ann", date(2024, 3, 4), 650])
    ws.append(["Bo", datetime(2024, 3, 5, 6, 45), "#REF!"])
    ws.append(["Cy", time(7, 30), 400.5])
    ws.merge_cells("A1:C1")
    ws["A3"].fill = PatternFill("solid", fgColor="00B0F0")
    ws["B3"].comment = Comment("Day player", "Coordinator")
    wb.create_sheet("Vendors").append(["Vendor"])
    path = tmp_path / "book.xlsx"
    wb.save(path)
    return open_in_engine(path)


def test_values_come_back_as_excel_gives_them(book):
    crew = book.sheets["Crew"]
    rows = crew.used_range.options(ndim=2).value
    assert rows[2] == ["Ann", datetime(2024, 3, 4), 650.0]
    assert isinstance(rows[2][2], float)
    assert rows[3][1] == datetime(2024, 3, 5, 6, 45)
    assert rows[4][1] == datetime(1899, 12, 30, 7, 30)
    assert rows[3][2] is None  # errors are None unless asked for as text
    assert crew.range("C4").options(err_to_str=True).value == "#REF!"
    assert crew.range("C4").raw_value == -2146826265
    assert crew.used_range.address == "$A$1:$C$5"
    assert xw.books.active.name == "book.xlsx"


def test_writing_parses_like_typing_unless_quoted(book):
    sheet = book.sheets["Vendors"]
    sheet.range("A2").value = [["'=1+1", "123", "'123", "=1+1", "2026-12-03", None]]
    assert sheet.range("A2").value == "=1+1"
    assert sheet.range("B2").value == 123.0
    assert sheet.range("C2").value == "123"
    assert sheet.range("D2").formula == "=1+1"
    assert sheet.range("E2").value == datetime(2026, 12, 3)
    assert sheet.range("F2").value is None


def test_merged_cells_hold_their_value_top_left(book):
    crew = book.sheets["Crew"]
    assert crew.range("A1:C1").value == ["Crew list", None, None]
    assert crew.range("B1").merge_area.address == "$A$1:$C$1"
    assert crew.range("A1:C1").merge_cells is True
    assert crew.range("A1:C2").merge_cells is None
    assert crew.range("A2:C5").merge_cells is False


def test_colours_and_notes_get_set_and_delete(book):
    crew = book.sheets["Crew"]
    assert crew.range("A3").color == (0, 176, 240)
    assert crew.range("A4").color is None
    crew.range("A4,C5").color = "#FFC7CE"
    assert crew.range("C5").color == (255, 199, 206)
    crew.range("A3").color = None
    assert crew.range("A3").color is None
    assert crew.range("B3").note.text == "Day player"
    assert crew.range("B4").note is None
    crew.range("B4").add_note("Check the rate")
    crew.range("B3").note.text = "Changed"
    assert crew.range("B3").note.text == "Changed"
    crew.range("B4").note.delete()
    assert crew.range("B4").note is None


def test_sheets_add_copy_and_delete_like_excel(book):
    added = book.sheets.add("Checks", after=book.sheets[-1])
    assert [s.name for s in book.sheets] == ["Crew", "Vendors", "Checks"]
    assert book.sheets.active.name == "Checks"
    copied = book.sheets["Crew"].copy(after=book.sheets["Crew"])
    assert copied.name == "Crew (2)"
    assert copied.range("A3").value == "Ann"
    assert copied.range("B1").merge_area.address == "$A$1:$C$1"
    added.delete()
    copied.delete()
    book.sheets["Vendors"].visible = False
    with pytest.raises(RuntimeError):
        book.sheets["Crew"].delete()
    assert [s.name for s in book.sheets] == ["Crew", "Vendors"]


def test_save_and_reopen_with_openpyxl(book, tmp_path):
    sheet = book.sheets.add("Checks", after=book.sheets[-1])
    sheet.range("A1").value = [["Cell"], ["'Crew!C4"]]
    sheet.range("A2").add_hyperlink("#'Crew'!C4", "Crew!C4", "Go there")
    sheet.range("A1").color = (255, 235, 156)
    sheet.range("A1").add_note("Findings")
    sheet.visible = False
    book.save(tmp_path / "saved.xlsx")
    ws = openpyxl.load_workbook(tmp_path / "saved.xlsx")["Checks"]
    assert ws["A2"].value == "Crew!C4"
    assert ws["A2"].hyperlink.location == "'Crew'!C4"
    assert ws["A1"].fill.fgColor.rgb[-6:] == "FFEB9C"
    assert ws["A1"].comment.text == "Findings"
    assert ws.sheet_state == "hidden"
    assert book.name == "saved.xlsx"


def test_alerts_are_recorded(book):
    app = book.app
    app.impl.alert_answers.append("no")
    assert app.alert("Replace the Checks tab?", "ProdDesk", buttons="yes_no") == "no"
    assert app.alert("Done") == "ok"
    assert [a["prompt"] for a in alerts(app)] == ["Replace the Checks tab?", "Done"]
    app.status_bar = "Checking the book..."
    assert app.status_bar == "Checking the book..."


def test_the_counter_counts_and_resets(book):
    reset_stats()
    crew = book.sheets["Crew"]
    crew.range("A2").value = [["a", "b"], ["c", "d"]]
    assert engine_stats()["range.value.set"] == 1
    crew.range("A3").color = (1, 2, 3)
    assert engine_stats()["range.color.set"] == 1
    reset_stats()
    assert engine_stats() == {"total": 0}


def _five_tab_book(tmp_path) -> xw.Book:
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for name in ("Settings", "Crew", "Vendors", "POs", "Schedule"):
        ws = wb.create_sheet(name)
        ws.append([f"{name} header", "B", "C", "D", "E", "F"])
        for r in range(200):
            ws.append([f"{name} {r}", r, r * 1.5, date(2024, 3, 1 + r % 28), "x", None])
    wb["Schedule"].merge_cells("A1:F1")
    path = tmp_path / "five.xlsx"
    wb.save(path)
    return open_in_engine(path)


def test_read_all_and_a_typical_save_take_a_bounded_number_of_calls(tmp_path):
    book = _five_tab_book(tmp_path)
    host = ExcelHost(book)
    reset_stats()
    grids = host.read_all()
    read_calls = engine_stats()["total"]
    assert engine_stats()["range.value.get"] == 5
    assert grids["Schedule"][0] == ["Schedule header"] * 6
    assert read_calls <= 150
    flagged = {"Crew": [f"C{r}" for r in range(2, 42)]}
    host.read_cell_states(flagged)
    reset_stats()
    host.apply_marks({"Crew": {a: Mark("FFC7CE", f"Check {a}") for a in flagged["Crew"]}})
    rows = [["Severity", "Cell"]] + [["error", f"Crew!{a}"] for a in flagged["Crew"]]
    links = {(i + 1, 1): CellRef("Crew", int(a[1:]), 3) for i, a in enumerate(flagged["Crew"])}
    host.write_sheets([SheetContent("Checks", rows, links=links, widths=[10, 20],
                                    row_fills={i + 1: "FFC7CE" for i in range(40)})])
    host.save()
    save_stats = engine_stats()
    assert save_stats["range.value.set"] == 1
    assert save_stats["range.color.set"] <= 4
    assert save_stats["total"] <= 120 + 7 * len(flagged["Crew"])  # a note, a link per cell
    print(f"5-tab book: read_all {read_calls} calls, save {save_stats['total']} calls")


def test_a_refused_change_is_undone_and_reported(tmp_path):
    book = _five_tab_book(tmp_path)
    host = ExcelHost(book)
    host.apply_marks({"Crew": {"C2": Mark("FFC7CE", "Rate")}})
    host.write_sheets([SheetContent("Checks", [["ok"]]), SheetContent("Bad/Name", [["x"]])])
    with pytest.raises(HostError, match="put back"):
        host.save()
    assert [s.name for s in book.sheets] == ["Settings", "Crew", "Vendors", "POs", "Schedule"]
    assert book.sheets["Crew"].range("C2").color is None
    assert book.sheets["Crew"].range("C2").note is None


def test_save_file_writes_the_book_when_asked(tmp_path):
    book = _five_tab_book(tmp_path)
    host = ExcelHost(book, save_file=True)
    host.write_sheets([SheetContent("Checks", [["Severity"], ["=1+1"]])])
    host.save()
    ws = openpyxl.load_workbook(tmp_path / "five.xlsx")["Checks"]
    assert ws["A2"].value == "=1+1" and ws["A2"].data_type == "s"
    assert ws.freeze_panes == "A2"
    assert ws["A1"].font.b


def test_error_integers_become_cell_errors():
    from addin.hosts.excel import normalise

    assert normalise(-2146826246) == CellError("#N/A")
    assert isinstance(normalise("#REF!"), CellError)
    assert normalise(-2146826246.0) == -2146826246.0
