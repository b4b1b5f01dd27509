"""What the book has, the PDF shows; nothing dropped silently; revisions, copies and the logo.

A messy book built the way coordinators type (reversed dates, a missing position,
a short phone, O/C and TBD calls, extra columns for synopsis, background, safety,
special equipment and department notes) goes through ``proddesk callsheet`` with
a real LibreOffice; the PDFs are read back with pdftotext.
"""

from __future__ import annotations

import io
import os
import subprocess
import zipfile
from pathlib import Path

import openpyxl
import pytest
from openpyxl.drawing.image import Image
from PIL import Image as PILImage

from tests.callsheet.callsheet_books import grids, write_book
from tests.callsheet.test_command import callsheet
from tests.callsheet.test_pdf import logged_soffice, pdf_text

DAY1 = "Night_Shift_Day01_2026-12-03"


def messy_grids() -> dict:
    """The test book with every situation of issue 12 typed in."""
    book = grids()
    book["Settings"] += [["Director", "Eva Stone"]]
    book["Crew"][0].append("Notes")
    book["Crew"] += [
        ["Rae Cole", "Grip", "Best Boy", "(310) 555-0160", None, "2026-12-10", "2026-12-01", "Y"],
        ["Nia Park", "Art", None, "(310) 555-0161", None, None, None, "Y"],
        ["Al Bad", "Camera", "2nd AC", "(310) 555-014", None, None, None, "Y"],
        ["Tom Becker", "Production", "1st AD", "(310) 555-0150", None, None, None, "Y"],
    ]
    book["Crew Calls"] += [[1, "Pat Lee", "O/C", None], [1, "Grip", "TBD", None],
                           [1, "Sound", "n/w", None]]
    days = book["Days"]
    days[0] += ["Safety Notes", "Special Equipment", "Camera Notes"]
    days[1] += ["Stunt: car hit at 2 PM", "Technocrane", "Two bodies all day"]
    days[2] += [None, None, None]
    days[3] += [None, None, None]
    schedule = book["Schedule"]
    schedule[0] += ["Notes", "Synopsis", "Background", "Stand-ins"]
    schedule[1] += ["Safety diver on set", "Maya meets Daniel", "12 diners", "2"]
    for line in schedule[2:]:
        line += [None, None, None, None]
    locations = book["Locations"]
    locations[0] += ["Contact", "Phone", "Notes"]
    locations[1] += ["Georgia Pappas", "(213) 555-0181", "Owner on site; no open flames"]
    locations[2] += [None, None, None]
    return book


@pytest.fixture(scope="module")
def run(tmp_path_factory) -> dict:
    """Day 1 with --pdf --copies crew,heads --show-problems, in one LibreOffice run."""
    tmp_path = tmp_path_factory.mktemp("content")
    book = write_book(tmp_path / "book.xlsx", messy_grids())
    wrapper, log = logged_soffice(tmp_path)
    cwd = Path.cwd()
    os.environ["PRODDESK_SOFFICE"] = str(wrapper)
    os.chdir(tmp_path)
    try:
        code, output = callsheet(str(book), "--day", "1", "--pdf", "--copies", "crew,heads",
                                 "--show-problems")
    finally:
        os.chdir(cwd)
        del os.environ["PRODDESK_SOFFICE"]
    out = tmp_path / "callsheets"
    return {
        "code": code, "output": output, "runs": log.read_text().splitlines(),
        "crew": pdf_text(out / f"{DAY1}.pdf"), "heads": pdf_text(out / f"{DAY1}_heads.pdf"),
        "folder": out, "book": book,
    }


def flat(text: str) -> str:
    return " ".join(text.split())


def test_nobody_is_dropped_silently(run) -> None:
    assert run["code"] == 0
    output = flat(run["output"])
    assert "Rae Cole is left off day 1's call sheet: their end date Dec 1, 2026 is before" in output
    assert "Nia Park has no position" in output
    assert "Al Bad's phone '(310) 555-014' is not a valid number" in output
    crew = flat(run["crew"])
    assert "Rae Cole is left off" in crew  # --show-problems puts them on the sheet
    assert "BUILD PROBLEMS" in crew
    assert "Nia Park" in crew
    assert "(310) 555-014 ?" in crew  # flagged, not printed as if it were fine


def test_a_key_contacts_bad_phone_is_marked_too(tmp_path: Path) -> None:
    from addin.book import read_book
    from addin.callsheet.build import build_callsheet
    from addin.hosts.xlsx import XlsxHost

    book = messy_grids()
    book["Crew"][-1][3] = "555-01"  # Tom Becker, the 1st AD in Settings
    sheet, findings = build_callsheet(read_book(XlsxHost(write_book(tmp_path / "b.xlsx", book))),
                                      1)
    assert [(c.role, c.phone) for c in sheet.contacts if c.name == "Tom Becker"] == [
        ("1st AD", "555-01 ?")]
    assert [f.cell for f in findings if f.rule == "callsheet.bad_phone"].count("D11") == 1


def test_calls_typed_as_words_are_printed_as_such(run) -> None:
    lines = run["crew"].splitlines()
    assert any("Pat Lee" in line and "O/C" in line for line in lines)
    assert any("Kim Day" in line and "TBD" in line for line in lines)
    assert any("Ann Wu" in line and "N/W" in line for line in lines)


def test_what_the_book_has_the_sheet_shows(run) -> None:
    crew = flat(run["crew"])
    for expected in (
        "Maya meets Daniel", "NOTE: Safety diver on set",  # synopsis and scene notes
        "Georgia Pappas", "(213) 555-0181", "Owner on site; no open flames",  # location
        "Stunt: car hit at 2 PM", "Watch the cable runs.",  # the day's safety, then standing
        "Technocrane", "Two bodies all day",  # special equipment, a department's column
        "Prep", "Build the rig",  # Crew Calls notes (department, person)
        "Tom Becker (310) 555-0150",  # a key contact with the phone
        "diners", "Stand-ins",
    ):
        assert expected in crew, expected
    lines = run["crew"].splitlines()
    assert any("Background" in line and "diners" in line and "12" in line for line in lines)
    assert any("Stand-ins" in line and " 2" in line for line in lines)


def test_nothing_of_proddesks_on_the_crew_copy(run) -> None:
    for text in (run["crew"], run["heads"]):
        for leftover in ("YOUR LOGO HERE", "no coordinates", "PRODDESK CHECKS", "ProdDesk",
                         "{{"):
            assert leftover not in text


def test_without_show_problems_there_is_no_problem_box(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    book = write_book(tmp_path / "book.xlsx", messy_grids())
    code, _ = callsheet(str(book), "--day", "1")
    wb = openpyxl.load_workbook(tmp_path / "callsheets" / f"{DAY1}.xlsx")
    cells = [str(c.value) for row in wb.active.iter_rows() for c in row if c.value]
    assert code == 0
    assert not any("BUILD PROBLEMS" in c or "Rae Cole" in c for c in cells)


def test_heads_copy_has_every_phone_and_both_come_from_one_libreoffice_run(run) -> None:
    assert len(run["runs"]) == 1 and run["runs"][0].count(".xlsx") == 2
    assert "(310) 555-0145" in run["heads"]  # Kim Day, Publish Phone N
    assert "(310) 555-0145" not in run["crew"]
    assert "(310) 555-0143" in run["crew"]  # published
    assert "Heads copy" in run["output"]


def test_every_page_names_production_day_date_and_version(run) -> None:
    pages = run["crew"].split("\f")
    pages = [p for p in pages if p.strip()]
    assert len(pages) >= 2
    for page in pages:
        assert "Night Shift" in page and "Day 1 of 3" in page
        assert "Thursday, December 3, 2026" in page and "Version 1" in page
    wb = openpyxl.load_workbook(run["folder"] / f"{DAY1}.xlsx")
    assert wb.active.print_title_rows == "$1:$4"


def test_a_revision_is_unmistakable(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    book = messy_grids()
    path = write_book(tmp_path / "book.xlsx", book)
    callsheet(str(path), "--day", "1")
    book["Days"][1][2] = "7:30 AM"
    write_book(path, book)
    code, _ = callsheet(str(path), "--day", "1", "--pdf")
    text = pdf_text(tmp_path / "callsheets" / f"{DAY1}_v2.pdf")
    first = text.split("\f")[0]
    assert code == 0
    assert "REVISED - Version 2 - " in first and "changes marked *" in first
    assert "7:30 AM *" in first  # the changed call is marked
    assert first.index("CHANGES SINCE VERSION 1") < first.index("GENERAL CREW CALL")
    assert "Crew call: 7:00 AM -> 7:30 AM" in first
    data = (tmp_path / "callsheets" / f"{DAY1}_v2.json").read_text()
    assert '"crew_call": "7:30 AM"' in data  # the kept content is unmarked


def png(color: tuple[int, int, int]) -> bytes:
    out = io.BytesIO()
    PILImage.new("RGB", (300, 120), color).save(out, "PNG")
    return out.getvalue()


def pdf_images(path: Path) -> int:
    """Images drawn on the PDF's first page (the header with the logo repeats on each page)."""
    listing = subprocess.run(["pdfimages", "-f", "1", "-l", "1", "-list", str(path)],
                             capture_output=True, text=True, check=True).stdout.splitlines()
    return len(listing) - 2


def test_the_coordinators_logo_from_the_settings_tab_or_a_file(tmp_path: Path,
                                                                monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    book = write_book(tmp_path / "book.xlsx", messy_grids())
    wb = openpyxl.load_workbook(book)
    wb["Settings"].add_image(Image(io.BytesIO(png((200, 20, 20)))), "D2")
    wb.save(book)
    callsheet(str(book), "--day", "1", "--pdf", "--out", "with_image")
    pdf = tmp_path / "with_image" / f"{DAY1}.pdf"
    assert pdf_images(pdf) == 1
    with zipfile.ZipFile(pdf.with_suffix(".xlsx")) as archive:
        assert any(n.startswith("xl/media/") for n in archive.namelist())

    (tmp_path / "logo.png").write_bytes(png((20, 200, 20)))
    by_path = messy_grids()
    by_path["Settings"].append(["Logo", "logo.png"])
    write_book(tmp_path / "book2.xlsx", by_path)
    callsheet(str(tmp_path / "book2.xlsx"), "--day", "1", "--pdf", "--out", "with_file")
    assert pdf_images(tmp_path / "with_file" / f"{DAY1}.pdf") == 1

    by_path["Settings"][-1] = ["Logo", "missing.png"]
    write_book(tmp_path / "book3.xlsx", by_path)
    code, output = callsheet(str(tmp_path / "book3.xlsx"), "--day", "1", "--pdf", "--out", "none")
    assert code == 0 and "'missing.png' is not an image file" in flat(output)
    assert pdf_images(tmp_path / "none" / f"{DAY1}.pdf") == 0


def test_the_crew_header_repeats_on_every_page_the_crew_runs_to(tmp_path: Path,
                                                                monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    book = messy_grids()
    departments = ["Camera", "Grip", "Electric", "Art"]
    book["Crew"] += [
        [f"Person {i:03d}", departments[i % 4], "Technician", f"(310) 555-{1000 + i}", None,
         None, None, "Y"]
        for i in range(150)
    ]
    write_book(tmp_path / "book.xlsx", book)
    code, _ = callsheet(str(tmp_path / "book.xlsx"), "--day", "1", "--pdf")
    pages = [p for p in pdf_text(tmp_path / "callsheets" / f"{DAY1}.pdf").split("\f")
             if p.strip()]
    crew_pages = [p for p in pages if "Person " in p]
    assert code == 0 and len(crew_pages) >= 3
    assert "Person" not in pages[0]  # the crew starts page 2
    for page in crew_pages:
        header = next(line for line in page.splitlines() if "DEPARTMENT" in line)
        assert all(word in header for word in ("NAME", "POSITION", "CALL", "PHONE"))
        assert "Night Shift" in page and "Day 1 of 3" in page
    text = "".join(crew_pages)
    assert all(f"Person {i:03d}" in text for i in range(150))  # nobody lost at a break
