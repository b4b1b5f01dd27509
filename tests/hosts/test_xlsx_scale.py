"""Marking thousands of cells in an .xlsx: every note written, the drawing edited once.

A first run on a real book marks thousands of cells. Each note needs a box in the
sheet's VML drawing; editing that drawing once per note made annotating quadratic
(minutes for 5,000 notes). These tests build the book with openpyxl the way a
coordinator's book arrives (an existing note from a colleague) and check both what
the user sees (every note there, each box on its own cell, all gone again after
clear) and that the drawing is written once per save, not once per note.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import openpyxl
from openpyxl.comments import Comment

from addin.hosts.base import Mark
from addin.hosts.xlsx import XlsxHost
from addin.hosts.xlsx_package import Package

ROWS = 3000
_SHAPE = re.compile(r"<(?P<p>[\w.-]+:|)shape[\s>].*?</(?P=p)shape>", re.S)


def _po_log(path: Path) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "POs"
    sheet.append(["PO #", "Vendor", "Amount", "Approved By"])
    for n in range(ROWS):
        sheet.append([f"NS2-{10000 + n}", "Apex Grip & Lighting", 3100 + n, None])
    sheet["B5"].comment = Comment("Ask Jess about this one", "Jess")
    book.save(path)
    return path


def _vml(path: Path) -> str:
    with zipfile.ZipFile(path) as archive:
        (name,) = [n for n in archive.namelist() if n.endswith(".vml")]
        return archive.read(name).decode()


def test_thousands_of_notes_each_get_their_own_box_and_clear_removes_them(tmp_path, monkeypatch):
    book = _po_log(tmp_path / "pos.xlsx")
    vml_writes: list[str] = []
    write = Package.write

    def counting_write(self: Package, name: str, data: bytes) -> None:
        if name.endswith(".vml"):
            vml_writes.append(name)
        write(self, name, data)

    monkeypatch.setattr(Package, "write", counting_write)
    cells = [f"D{row}" for row in range(2, ROWS + 2)]
    host = XlsxHost(book, output=tmp_path / "checked.xlsx")
    before = host.read_cell_states({"POs": [*cells, "B5"]})
    host.apply_marks({"POs": {c: Mark("FFEB9C", f"No approver on {c}") for c in cells}})
    host.save()
    assert len(vml_writes) <= 1  # the drawing is rewritten once, not once per note

    checked = openpyxl.load_workbook(tmp_path / "checked.xlsx")["POs"]
    assert checked["D2"].comment.text == "No approver on D2"
    assert checked[f"D{ROWS + 1}"].comment.text == f"No approver on D{ROWS + 1}"
    assert checked["B5"].comment.text.startswith("Ask Jess about this one")
    drawing = _vml(tmp_path / "checked.xlsx")
    shapes = _SHAPE.findall(drawing)
    boxes = re.findall(r"<x:Row>(\d+)</x:Row><x:Column>(\d+)</x:Column>", drawing)
    assert len(shapes) == ROWS + 1
    assert {(int(r), int(c)) for r, c in boxes} >= {(row - 1, 3) for row in range(2, ROWS + 2)}
    ids = re.findall(r'id="_x0000_s(\d+)"', drawing)
    assert len(ids) == len(set(ids)) == ROWS + 1

    vml_writes.clear()
    again = XlsxHost(tmp_path / "checked.xlsx")
    again.restore_cells(before)
    again.save()
    assert len(vml_writes) <= 1
    restored = openpyxl.load_workbook(tmp_path / "checked.xlsx")["POs"]
    assert restored["D2"].comment is None
    assert restored[f"D{ROWS + 1}"].comment is None
    assert restored["B5"].comment.text.startswith("Ask Jess about this one")
    assert len(_SHAPE.findall(_vml(tmp_path / "checked.xlsx"))) == 1
