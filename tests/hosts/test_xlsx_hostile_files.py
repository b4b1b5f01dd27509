"""Small books that claim huge areas: reading is bounded by the cells that exist.

A 5 KB book can name a merged range over the whole sheet or hold one value in the
sheet's last cell. Either used to make reading walk, or lay out, 17 billion cells (the
second aborted the process with a Rust backtrace). Both go through the real command.
"""

from __future__ import annotations

import re
import subprocess
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path

import openpyxl

ROOT = Path(__file__).resolve().parents[2]


def _book(path: Path, patch: Callable[[bytes], bytes]) -> Path:
    """A crew list and a 'Notes' tab whose sheet XML is then changed by ``patch``."""
    workbook = openpyxl.Workbook()
    crew = workbook.active
    crew.title = "Crew"
    crew.append(["Name", "Department", "Phone"])
    crew.append(["Ann Lee", "Camera", "(310) 555-0143"])
    workbook.create_sheet("Notes")["A1"] = "Wrap party Friday"
    plain = path.with_suffix(".plain.xlsx")
    workbook.save(plain)
    with zipfile.ZipFile(plain) as source, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet2.xml":
                data = patch(data)
            out.writestr(item, data)
    return path


def _validate(book: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "addin.cli", "validate", str(book)],
                          capture_output=True, text=True, timeout=120, cwd=ROOT)


def test_a_merge_over_the_whole_sheet_is_read_within_the_cells_that_exist(tmp_path):
    book = _book(tmp_path / "merged.xlsx", lambda xml: xml.replace(
        b"</sheetData>",
        b'</sheetData><mergeCells count="1"><mergeCell ref="A1:XFD1048576"/></mergeCells>'))
    assert book.stat().st_size < 10_000
    done = _validate(book)
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stdout + done.stderr


def test_one_value_in_the_last_cell_of_the_sheet_is_one_sentence_not_an_abort(tmp_path):
    book = _book(tmp_path / "far.xlsx", lambda xml: xml.replace(
        b"</sheetData>", b'<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is>'
                         b"</c></row></sheetData>"))
    done = _validate(book)
    assert done.returncode == 2
    message = " ".join(done.stderr.split())
    assert "far.xlsx, tab 'Notes': it reaches cell XFD1048576" in message
    assert "Ctrl+End" in message
    assert "panicked" not in done.stderr and "backtrace" not in done.stderr.lower()
    assert "Traceback" not in done.stderr


def test_a_lying_dimension_is_not_trusted(tmp_path):
    book = _book(tmp_path / "dimension.xlsx", lambda xml: re.sub(
        rb'<dimension ref="[^"]+"/>', b'<dimension ref="A1:XFD1048576"/>', xml))
    done = _validate(book)
    assert done.returncode == 0, done.stderr


def test_a_wide_but_honest_tab_is_still_read(tmp_path):
    cells = b"".join(b'<c r="%s1" t="inlineStr"><is><t>v</t></is></c>' % col
                     for col in (b"AAA", b"ABC", b"CZZ"))
    book = _book(tmp_path / "wide.xlsx", lambda xml: re.sub(
        rb"<row r=\"1\"[^>]*>(.*?)</row>", lambda m: m.group(0)[:-6] + cells + b"</row>",
        xml, count=1, flags=re.S))
    assert b"CZZ1" in zipfile.ZipFile(book).read("xl/worksheets/sheet2.xml")
    done = _validate(book)
    assert done.returncode == 0, done.stderr
