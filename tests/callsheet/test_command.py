"""``proddesk callsheet`` end to end on real .xlsx files.

Until the subcommand is registered in addin/cli.py these tests parse with the
command's own ``add_parser`` and call its ``run``, exactly as ``main`` does.
"""

from __future__ import annotations

import argparse
import io
import json
from pathlib import Path

import openpyxl
import pytest
from rich.console import Console

from addin.book import read_book
from addin.callsheet.arguments import add_parser
from addin.callsheet.command import demo_callsheet
from addin.errors import InputError, TemplateError
from addin.hosts.xlsx import XlsxHost
from tests.callsheet.callsheet_books import HYPERLINK, write_book

DAY2 = "Night_Shift_Day02_2026-12-04"


def callsheet(*argv: str) -> tuple[int, str]:
    parser = argparse.ArgumentParser(prog="proddesk")
    add_parser(parser.add_subparsers(dest="command"))
    args = parser.parse_args(["callsheet", *argv])
    buffer = io.StringIO()
    console = Console(file=buffer, width=200)
    return args.run(args, console, console), buffer.getvalue()


@pytest.fixture
def book(tmp_path: Path, monkeypatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return write_book(tmp_path / "book.xlsx")


def cells(path: Path) -> list[str]:
    ws = openpyxl.load_workbook(path).active
    return [str(c.value) for row in ws.iter_rows() for c in row if c.value is not None]


def test_day_by_number_into_the_callsheets_folder(book: Path) -> None:
    code, out = callsheet(str(book), "--day", "2")
    assert code == 0
    path = Path("callsheets") / f"{DAY2}.xlsx"
    assert path.exists()
    assert f"Call sheet: {path}" in out
    assert "Day 2 of 3, Friday, December 4, 2026" in out
    assert "Day 2 of 3" in cells(path)


def test_out_folder_and_day_by_date_with_pdf(book: Path, tmp_path: Path) -> None:
    code, out = callsheet(str(book), "--date", "2026-12-04", "--pdf", "--out", "somewhere")
    assert code == 0
    assert (tmp_path / "somewhere" / f"{DAY2}.xlsx").exists()
    assert (tmp_path / "somewhere" / f"{DAY2}.pdf").stat().st_size > 1000
    assert "PDF:" in out


def test_all_days_show_the_problems_found(book: Path) -> None:
    code, out = callsheet(str(book), "--all")
    assert code == 0
    assert sorted(p.name for p in Path("callsheets").glob("*.xlsx")) == [
        "Night_Shift_Day01_2026-12-03.xlsx", f"{DAY2}.xlsx", "Night_Shift_Day03_2026-12-07.xlsx"]
    assert "Schedule!G3" in out
    assert "Scene 2 lists cast #9, who is not on the Cast tab" in out
    assert "Day 3 has no general crew call" in out


def test_problems_go_on_the_sheet_only_with_show_problems(book: Path) -> None:
    callsheet(str(book), "--day", "1", "--out", "quiet")
    callsheet(str(book), "--day", "1", "--out", "loud", "--show-problems")
    name = "Night_Shift_Day01_2026-12-03.xlsx"
    problem = (
        "Scene 2 lists cast #9, who is not on the Cast tab; the call sheet shows the number only."
    )
    assert problem not in cells(Path("quiet") / name)
    assert problem in cells(Path("loud") / name)


def test_a_revision_is_reported_with_its_changes(book: Path) -> None:
    callsheet(str(book), "--day", "2")
    workbook = openpyxl.load_workbook(book)
    workbook["Days"]["C3"] = "6:00A"  # day 2's crew call moves
    workbook.save(book)
    _, out = callsheet(str(book), "--day", "2")
    assert "(version 2)" in out
    assert "Changes since version 1:" in out and "Crew call: 6:30 AM -> 6:00 AM" in out
    assert (Path("callsheets") / f"{DAY2}_v2.xlsx").exists()
    _, out = callsheet(str(book), "--day", "2")
    assert "Nothing changed since version 2 was made: its files are used again." in out
    assert not (Path("callsheets") / f"{DAY2}_v3.xlsx").exists()


def test_json_is_the_content_with_findings_and_writes_no_file(book: Path, capsys) -> None:
    code, _ = callsheet(str(book), "--day", "1", "--format", "json")
    data = json.loads(capsys.readouterr().out)
    assert code == 0 and not Path("callsheets").exists()
    assert (data["day_of"], data["crew_call"], data["total_pages"]) == (
        "Day 1 of 3", "7:00 AM", "3 7/8")
    assert [c["status"] for c in data["cast"]] == ["SW", "SW", "SWF"]
    assert data["findings"][0]["rule"] == "callsheet.unknown_cast"
    callsheet(str(book), "--all", "--format", "json")
    every = json.loads(capsys.readouterr().out)
    assert [d["day"] for d in every["callsheets"]] == [1, 2, 3]


def test_into_book_writes_an_owned_tab_as_text(book: Path) -> None:
    code, out = callsheet(str(book), "--day", "2", "--into-book")
    assert code == 0
    assert "Tab 'Call Sheet D2' written into book.xlsx." in out
    assert Path("book.xlsx.bak").exists()
    ws = openpyxl.load_workbook(book)["Call Sheet D2"]
    values = [c.value for row in ws.iter_rows() for c in row if c.value is not None]
    assert "Night Shift" in values and "Day 2 of 3" in values
    assert HYPERLINK in values  # as text: openpyxl would give a formula without the leading '='
    assert ws.cell(*next((c.row, c.column) for row in ws.iter_rows() for c in row
                         if c.value == HYPERLINK)).data_type == "s"
    again = read_book(XlsxHost(book))  # the tab is ProdDesk's: not read as data
    assert "Call Sheet D2" not in again.tables


def test_own_template(book: Path, tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    wb.active["A1"], wb.active["A2"] = "{{ production }} {{ day_of }}", "{{ crew.name }}"
    wb.save(tmp_path / "ours.xlsx")
    callsheet(str(book), "--day", "2", "--template", "ours.xlsx")
    shown = cells(Path("callsheets") / f"{DAY2}.xlsx")
    assert shown[:3] == ["Night Shift Day 2 of 3", "Pat Lee", "Sam Roe"]


def test_unusable_input_is_one_sentence(book: Path, tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"^book.xlsx has no shoot day 9 \(days 1-3\)\.$"):
        callsheet(str(book), "--day", "9")
    openpyxl.Workbook().save(tmp_path / "empty.xlsx")
    with pytest.raises(TemplateError, match=r"empty\.xlsx has no placeholders"):
        callsheet(str(book), "--day", "2", "--template", "empty.xlsx")
    with pytest.raises(InputError, match="--format json prints"):
        callsheet(str(book), "--day", "2", "--format", "json", "--pdf")


def test_demo_writes_day_one_and_can_run_again(tmp_path: Path) -> None:
    sample = Path(__file__).resolve().parents[2] / "workbooks" / "sample_production.xlsx"
    console = Console(file=io.StringIO(), width=200)
    folder = tmp_path / "proddesk-demo"
    folder.mkdir()
    first = demo_callsheet(sample, folder, console)
    again = demo_callsheet(sample, folder, console)
    assert [p.name for p in again] == [p.name for p in first] == [
        "The_Long_Take_Day01_2026-12-03.xlsx", "The_Long_Take_Day01_2026-12-03.pdf"]
    assert not list(folder.glob("*_v2.*"))


def test_into_book_never_replaces_the_coordinators_own_call_sheet_tab(book: Path) -> None:
    workbook = openpyxl.load_workbook(book)
    theirs = workbook.create_sheet("Call Sheet D2")
    theirs["A1"], theirs["B3"] = "My own call sheet, typed by hand", "Pat Lee 6:00A"
    workbook.save(book)
    code, out = callsheet(str(book), "--day", "2", "--into-book")
    assert code == 0
    assert "Tab 'ProdDesk Call Sheet D2' written into book.xlsx." in out
    again = openpyxl.load_workbook(book)
    assert again["Call Sheet D2"]["A1"].value == "My own call sheet, typed by hand"
    assert again["Call Sheet D2"]["B3"].value == "Pat Lee 6:00A"
    ours = [c.value for row in again["ProdDesk Call Sheet D2"].iter_rows() for c in row]
    assert "Day 2 of 3" in ours
    code, out = callsheet(str(book), "--day", "2", "--into-book")  # rewrites its own tab
    assert "Tab 'ProdDesk Call Sheet D2' written" in out
    names = openpyxl.load_workbook(book).sheetnames
    assert names.count("ProdDesk Call Sheet D2") == 1 and "ProdDesk Call Sheet D2 2" not in names
    from addin.cli import main

    assert main(["validate", str(book), "--in-place"]) in (0, 1)
    assert main(["clear", str(book)]) == 0  # clear leaves call sheet tabs alone
    names = openpyxl.load_workbook(book).sheetnames
    assert "Call Sheet D2" in names and "ProdDesk Call Sheet D2" in names
    assert "Checks" not in names
    code, out = callsheet(str(book), "--day", "2", "--into-book")  # still known as its own
    assert "Tab 'ProdDesk Call Sheet D2' written" in out
    assert "ProdDesk Call Sheet D2 2" not in openpyxl.load_workbook(book).sheetnames
