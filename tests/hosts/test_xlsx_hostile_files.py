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


def _with_doctype(xml: bytes, doctype: bytes, cell: bytes) -> bytes:
    head, rest = xml.split(b"?>", 1) if xml.startswith(b"<?xml") else (b"", xml)
    rest = rest.replace(b"</sheetData>", b'<row r="5"><c r="A5" t="inlineStr"><is><t>' + cell
                        + b"</t></is></c></row></sheetData>")
    return (head + b"?>" if head else b"") + doctype + rest


def test_entities_in_a_note_are_never_expanded_or_fetched(tmp_path):
    """The notes part is read with lxml when ProdDesk adds its note below the user's."""
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-PAYROLL")
    workbook = openpyxl.Workbook()
    crew = workbook.active
    crew.title = "Crew"
    crew.append(["Name", "Department", "Phone"])
    crew.append(["Ann Lee", None, "(310) 555-0143"])
    crew["A2"].comment = openpyxl.comments.Comment("PLACEHOLDER", "Coordinator")
    plain = tmp_path / "plain.xlsx"
    workbook.save(plain)
    doctype = (b'<!DOCTYPE comments [<!ENTITY leak SYSTEM "' + secret.as_uri().encode()
               + b'"><!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>')
    book = tmp_path / "entities.xlsx"
    with zipfile.ZipFile(plain) as source, zipfile.ZipFile(book, "w", zipfile.ZIP_DEFLATED) as out:
        parts = source.namelist()
        assert any("comment" in name for name in parts)
        for name in parts:
            data = source.read(name)
            if re.search(r"comments?/comment\d*\.xml$|comments\d*\.xml$", name):
                head, rest = data.split(b"?>", 1) if data.startswith(b"<?xml") else (b"", data)
                data = ((head + b"?>") if head else b"") + doctype + rest.replace(
                    b"PLACEHOLDER", b"&leak;&b;")
            out.writestr(name, data)
    out_book = tmp_path / "checked.xlsx"
    done = subprocess.run([sys.executable, "-m", "addin.cli", "validate", str(book),
                           "--annotate", str(out_book)],
                          capture_output=True, text=True, timeout=120, cwd=ROOT)
    assert done.returncode in (0, 1), done.stderr
    assert "Traceback" not in done.stderr
    with zipfile.ZipFile(out_book) as checked:
        written = b"".join(checked.read(name) for name in checked.namelist())
    assert b"has no department" in written  # ProdDesk's note is there
    assert b"TOP-SECRET-PAYROLL" not in written
    assert b"a" * 100 not in written


def test_the_safe_parser_keeps_entities_unexpanded():
    from addin.hosts.xlsx_package import parse_xml

    root = parse_xml(b'<!DOCTYPE l [<!ENTITY x SYSTEM "file:///etc/passwd">'
                     b'<!ENTITY a "aaaa">]><l>&x;&a;</l>')
    assert "root:" not in (root.text or "") and "aaaa" not in (root.text or "")


def test_a_zip_bomb_part_is_refused_before_it_is_unpacked(tmp_path):
    book = _book(tmp_path / "plain.xlsx", lambda xml: xml)
    bomb = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(book) as source, zipfile.ZipFile(bomb, "w",
                                                          zipfile.ZIP_DEFLATED) as out:
        for item in source.infolist():
            out.writestr(item, source.read(item.filename))
        with out.open("xl/media/huge.bin", "w", force_zip64=True) as huge:
            block = b"\0" * (1 << 24)
            for _ in range(65):  # 1040 MiB of zeros, about 1 MB packed
                huge.write(block)
    assert bomb.stat().st_size < 5_000_000
    done = _validate(bomb)
    assert done.returncode == 2
    assert "part xl/media/huge.bin unpacks to" in " ".join(done.stderr.split())
    assert "Traceback" not in done.stderr
