"""The Cost of the day box: on the heads' / production copy when asked, never on the crew's.

The test book's day 2: Camera (Pat, Sam) called 6:30 AM, Grip (Kim, Lou) 6:00 AM, the
day's estimated wrap 8:00 PM; everyone on $400/10 but the boom operator, who has no rate.
The PDFs are made by a real LibreOffice and read back with pdftotext.
"""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import openpyxl
import pytest

from tests.callsheet.callsheet_books import HYPERLINK, grids, write_book
from tests.callsheet.test_command import callsheet
from tests.callsheet.test_pdf import pdf_text

DAY2 = "Night_Shift_Day02_2026-12-04"
CAMERA = "Camera 2 people 13.5 h $1,236.36 $436.36 OT"  # 618.18 each, 218.18 of it overtime
GRIP = "Grip 2 people 14 h $1,309.10 $509.10 OT"  # PH(14) = 18 pay-hours: 654.55 each
TOTAL = "DAY TOTAL 4 people 13.5-14 h $2,545.46 $945.46 OT"


def costed_grids(settings: list[list] | None = None) -> dict:
    """The call sheet test book with rates, and a day 2 that runs to 8 PM."""
    book = grids()
    book["Settings"] += settings or []
    book["Crew"][0].append("Rate")
    for line, rate in zip(book["Crew"][1:], ["$400/10", "400/10", "$400/10", "$400 / 10",
                                             "$400/10", None], strict=True):
        line.append(rate)
    book["Days"][2][5] = "8:00P"
    return book


def flat(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture(scope="module")
def made(tmp_path_factory) -> dict:
    """Day 2 with --pdf --show-costs (the heads' copy comes with it)."""
    folder = tmp_path_factory.mktemp("costs")
    book = write_book(folder / "book.xlsx", costed_grids())
    code, output = callsheet(str(book), "--day", "2", "--pdf", "--show-costs",
                             "--out", str(folder / "callsheets"))
    out = folder / "callsheets"
    return {"code": code, "output": output, "folder": out, "book": book,
            "crew": flat(pdf_text(out / f"{DAY2}.pdf")),
            "heads": flat(pdf_text(out / f"{DAY2}_heads.pdf"))}


def test_the_heads_copy_has_the_cost_of_the_day(made) -> None:
    assert made["code"] == 0
    heads = made["heads"]
    assert "COST OF THE DAY (forecast from rates and planned hours; production only)" in heads
    assert CAMERA in heads
    assert GRIP in heads
    assert TOTAL in heads
    assert f"Not counted (no rate: {HYPERLINK})." in heads  # a name typed as a formula: text


def test_the_crew_copy_never_has_it(made) -> None:
    crew = made["crew"]
    assert "Pat Lee" in crew  # the same sheet ...
    for text in ("COST OF THE DAY", "$1,236.36", "DAY TOTAL", "Not counted"):
        assert text not in crew  # ... without a cent of it


def test_a_later_run_without_show_costs_makes_the_heads_copy_again_without_it(made) -> None:
    code, _ = callsheet(str(made["book"]), "--day", "2", "--copies", "crew,heads",
                        "--out", str(made["folder"]))
    assert code == 0
    assert not (made["folder"] / f"{DAY2}_v2.xlsx").exists()  # the crew's content is the same
    heads = openpyxl.load_workbook(made["folder"] / f"{DAY2}_heads.xlsx").active
    text = [c for row in heads.iter_rows(values_only=True) for c in row if c]
    assert "Kim Day" in text
    assert not [c for c in text if "COST OF THE DAY" in str(c) or "$1,236.36" in str(c)]


def test_json_carries_the_box_only_when_asked(tmp_path, capsys) -> None:
    book = write_book(tmp_path / "book.xlsx", costed_grids())
    callsheet(str(book), "--day", "2", "--format", "json")
    assert "costs" not in json.loads(capsys.readouterr().out)
    callsheet(str(book), "--day", "2", "--format", "json", "--show-costs")
    data = json.loads(capsys.readouterr().out)
    assert data["costs"][0] == {"department": "Camera", "people": "2 people", "hours": "13.5 h",
                                "pay": "$1,236.36", "overtime": "$436.36 OT"}
    assert data["costs"][-1]["pay"] == "$2,545.46"


def test_a_template_without_a_place_for_it_gets_the_box_below(tmp_path) -> None:
    template = openpyxl.Workbook()
    sheet = template.active
    sheet["A1"], sheet["A3"], sheet["B3"] = "{{ production }} - {{ day_of }}", "{{ crew.name }}", \
        "{{ crew.call }}"
    sheet.print_area = "A1:D3"
    template.save(tmp_path / "ours.xlsx")
    book = write_book(tmp_path / "book.xlsx", costed_grids())
    code, _ = callsheet(str(book), "--day", "2", "--show-costs", "--template",
                        str(tmp_path / "ours.xlsx"), "--out", str(tmp_path / "out"))
    assert code == 0
    heads = openpyxl.load_workbook(tmp_path / "out" / f"{DAY2}_heads.xlsx").active
    column = [row[0] for row in heads.iter_rows(values_only=True)]
    box = column[column.index("COST OF THE DAY (forecast from rates and planned hours; "
                              "production only)"):]
    assert box[1:4] == ["Camera: 2 people, 13.5 h, $1,236.36, $436.36 OT",
                        "Grip: 2 people, 14 h, $1,309.10, $509.10 OT",
                        "DAY TOTAL: 4 people, 13.5-14 h, $2,545.46, $945.46 OT"]
    crew = openpyxl.load_workbook(tmp_path / "out" / f"{DAY2}.xlsx").active
    assert not [c for row in crew.iter_rows(values_only=True) for c in row
                if c and "COST" in str(c)]
    with zipfile.ZipFile(tmp_path / "out" / f"{DAY2}_heads.xlsx") as archive:
        workbook = archive.read("xl/workbook.xml").decode()
    last = len(column)
    assert f"$A$1:$D${last}" in workbook  # the print area takes the box in


def test_the_tab_in_the_book_has_it_when_the_settings_say_so(tmp_path) -> None:
    book = write_book(tmp_path / "book.xlsx",
                      costed_grids([["Show Costs On Call Sheet", "Yes"]]))
    code, _ = callsheet(str(book), "--day", "2", "--into-book", "--out", str(tmp_path / "out"))
    assert code == 0
    tab = openpyxl.load_workbook(book)["Call Sheet D2"]
    rows = [" ".join(str(c) for c in row if c) for row in tab.iter_rows(values_only=True)]
    assert CAMERA in rows
    crew_file = openpyxl.load_workbook(tmp_path / "out" / f"{DAY2}.xlsx").active
    assert not [c for row in crew_file.iter_rows(values_only=True) for c in row
                if c and "COST" in str(c)]


def test_without_the_setting_the_tab_in_the_book_has_none(tmp_path) -> None:
    book = write_book(tmp_path / "book.xlsx", costed_grids())
    callsheet(str(book), "--day", "2", "--into-book", "--out", str(tmp_path / "out"))
    tab = openpyxl.load_workbook(book)["Call Sheet D2"]
    assert not [c for row in tab.iter_rows(values_only=True) for c in row
                if c and "COST" in str(c)]


def test_the_book_template_fields_exist(tmp_path: Path) -> None:
    template = openpyxl.load_workbook(
        Path(__file__).resolve().parents[2] / "workbooks" / "callsheet_template.xlsx").active
    texts = {c for row in template.iter_rows(values_only=True) for c in row if c}
    assert {"{{ costs_title }}", "{{ cost.department }}", "{{ cost.pay }}",
            "{{ cost.overtime }}", "{{ costs_note }}"} <= texts


def _hidden_rows(path: Path) -> set[int]:
    sheet = openpyxl.load_workbook(path).active
    return {r for r, d in sheet.row_dimensions.items() if d.hidden}


def test_the_crew_copy_leaves_out_the_boxs_empty_rows_and_the_heads_copy_shows_them(
    tmp_path,
) -> None:
    """No three blank rows where the box would be on the crew's copy."""
    book = write_book(tmp_path / "book.xlsx", costed_grids())
    code, _ = callsheet(str(book), "--day", "2", "--show-costs", "--out", str(tmp_path))
    assert code == 0
    crew, heads = (tmp_path / f"{DAY2}{copy}.xlsx" for copy in ("", "_heads"))
    title_row = next(
        c.row for row in openpyxl.load_workbook(heads).active.iter_rows() for c in row
        if c.value == "COST OF THE DAY (forecast from rates and planned hours; production only)"
    )
    assert {title_row, title_row + 1} <= _hidden_rows(crew)
    assert not _hidden_rows(heads) & set(range(title_row, title_row + 5))
