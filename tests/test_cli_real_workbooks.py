"""`proddesk validate --in-place` and `clear` on real Excel files: nothing of the book is lost.

Each real workbook of tests/data/real (origins in its README.md) first gets a Crew
tab with mistakes in it; then the CLI marks it in place and clears it again, and
the package is compared part by part with the book before.
"""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import pytest

from addin.cli import main
from addin.hosts.base import SheetContent
from addin.hosts.xlsx import XlsxHost

REAL = Path(__file__).resolve().parent / "data" / "real"
FILES = sorted(p.name for p in REAL.iterdir() if p.suffix in {".xlsx", ".xlsm", ".xltx"})
CREW = SheetContent("Crew", [
    ["Name", "Department", "Position", "Email", "Phone"],
    ["Ann Lee", "Camera", "DP", "ann@", "(310) 555-0143"],
    ["Bo Diaz", "Grip", "Key Grip", "bo@example.com", "555"],
])
# Parts ProdDesk may rewrite: the workbook's tab list, styles, and the marked tab's own parts.
REWRITTEN = ("[Content_Types].xml", "xl/workbook.xml", "xl/_rels/workbook.xml.rels",
             "xl/styles.xml", "docProps/app.xml")


def parts(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as package:
        return {name: package.read(name) for name in package.namelist()}


def with_crew(name: str, folder: Path) -> Path:
    book = folder / name
    shutil.copyfile(REAL / name, book)
    host = XlsxHost(book)
    host.write_sheets([CREW])
    host.save()
    return book


@pytest.mark.parametrize("name", [f for f in FILES if "strict" not in f])
def test_in_place_then_clear_keeps_every_part(name, tmp_path, capsys) -> None:
    book = with_crew(name, tmp_path)
    before = parts(book)
    values = XlsxHost(book).read_all()

    code = main(["validate", str(book), "--in-place", "--today", "2026-11-25"])
    capsys.readouterr()
    if code == 2:  # the real book has a tab ProdDesk cannot read: it must be untouched
        assert parts(book) == before
        return
    assert code == 1
    assert parts(Path(f"{book}.bak")) == before
    marked = parts(book)
    assert set(before) <= set(marked), "a part of the book was lost"
    untouched = {p for p in before if p not in REWRITTEN and "sheet" not in p
                 and "comments" not in p and "vmlDrawing" not in p}
    assert all(marked[p] == before[p] for p in untouched)

    assert main(["clear", str(book)]) == 0
    capsys.readouterr()
    cleared = parts(book)
    assert set(cleared) == set(before)
    assert all(cleared[p] == before[p] for p in untouched)
    assert XlsxHost(book).read_all() == values


def test_strict_open_xml_book_is_never_written(tmp_path, capsys) -> None:
    book = tmp_path / "strict.xlsx"
    shutil.copyfile(REAL / "poi__SampleSS.strict.xlsx", book)
    before = book.read_bytes()
    code = main(["validate", str(book), "--in-place"])
    err = capsys.readouterr().err
    assert code == 2
    assert book.read_bytes() == before
    assert "strict.xlsx" in err
