"""Text that looks like a formula, typed into the book, is written back out as text everywhere
ProdDesk writes: the Checks tab, cell notes, call sheets (xlsx and the book's own tab) and the
Google Sheets writes. A spreadsheet would otherwise run it when the coordinator opens the file.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import openpyxl
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from google_support import start_fake_sheets

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "workbooks" / "sample_production.xlsx"
CREW_NAME = '=HYPERLINK("http://evil.example/x","Nadia Rosen")'
PO_VENDOR = "+cmd|' /C calc'!A0"
OWN_LINK = re.compile(r'=HYPERLINK\("#gid=\d+&range=\$?[A-Z]+\$?\d+","[A-Z]+\d+"\)')


def _as_text(cell: openpyxl.cell.Cell, text: str) -> None:
    cell.value = text
    cell.data_type = "s"  # what a person typing '=... in Excel gets: a text cell


@pytest.fixture(scope="module")
def book(tmp_path_factory) -> Path:
    """The sample with a formula-looking crew name and PO vendor, both typed as text."""
    path = tmp_path_factory.mktemp("formula") / "book.xlsx"
    workbook = openpyxl.load_workbook(SAMPLE)
    _as_text(workbook["Crew"]["A4"], CREW_NAME)
    _as_text(workbook["POs"]["C2"], PO_VENDOR)
    workbook.save(path)
    with zipfile.ZipFile(path) as saved:
        assert not any(b"<f>" in saved.read(n) and b"HYPERLINK" in saved.read(n)
                       for n in saved.namelist() if n.startswith("xl/worksheets/"))
    return path


def _proddesk(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "addin.cli", *args], capture_output=True,
                          text=True, timeout=300, cwd=ROOT)


def _formulas(package: Path) -> list[str]:
    """Every formula in every worksheet of an .xlsx."""
    found = []
    with zipfile.ZipFile(package) as z:
        for name in z.namelist():
            if name.startswith("xl/worksheets/") and name.endswith(".xml"):
                found += re.findall(r"<(?:\w+:)?f[ >][^<]*", z.read(name).decode("utf-8"))
    return found


def _everything(package: Path) -> str:
    with zipfile.ZipFile(package) as z:
        return "".join(z.read(n).decode("utf-8", "replace") for n in z.namelist()
                       if n.endswith(".xml") or n.endswith(".vml"))


def test_checks_tab_and_notes_hold_the_values_as_text(book, tmp_path):
    out = tmp_path / "checked.xlsx"
    done = _proddesk("validate", str(book), "--annotate", str(out), "--today", "2026-11-25")
    assert done.returncode in (0, 1), done.stderr
    assert _formulas(out) == _formulas(book)  # ProdDesk added no formula anywhere
    checked = openpyxl.load_workbook(out)
    sheet = next(ws for ws in checked.worksheets if "Checks" in ws.title)
    texts = [c.value for row in sheet.iter_rows() for c in row if isinstance(c.value, str)]
    assert any("cmd|" in text for text in texts), "the PO's vendor is named in the Checks tab"
    assert all(c.data_type != "f" for row in sheet.iter_rows() for c in row)
    xml = _everything(out)
    assert "evil.example" in xml  # the name is still there, as the text it is


def test_call_sheets_hold_the_values_as_text(book, tmp_path):
    work = tmp_path / "book.xlsx"
    shutil.copy(book, work)
    done = _proddesk("callsheet", str(work), "--day", "1", "--out", str(tmp_path / "cs"),
                     "--into-book")
    assert done.returncode == 0, done.stderr
    [sheet] = list((tmp_path / "cs").glob("*.xlsx"))
    text = _everything(sheet)
    assert "evil.example" in text, "the producer is on the call sheet"
    assert not [f for f in _formulas(sheet) if "HYPERLINK" in f or "cmd" in f]
    assert _formulas(work) == _formulas(book)  # the Call Sheet D1 tab in the book too


def test_google_writes_hold_the_values_as_text(book, tmp_path, monkeypatch):
    with start_fake_sheets() as fake:
        monkeypatch.setenv("PRODDESK_SHEETS_API", fake.base_url)
        sid = fake.load_xlsx(book)
        done = subprocess.run(
            [sys.executable, "-m", "addin.cli", "validate", f"gsheet:{sid}", "--credentials",
             "token:t", "--today", "2026-11-25"], capture_output=True, text=True, timeout=300,
            cwd=ROOT, env={**__import__("os").environ, "PRODDESK_SHEETS_API": fake.base_url})
        assert done.returncode in (0, 1), done.stderr
        done = subprocess.run(
            [sys.executable, "-m", "addin.cli", "callsheet", f"gsheet:{sid}", "--day", "1",
             "--credentials", "token:t", "--out", str(tmp_path / "cs")], capture_output=True,
            text=True, timeout=300, cwd=ROOT,
            env={**__import__("os").environ, "PRODDESK_SHEETS_API": fake.base_url})
        assert done.returncode == 0, done.stderr
        spreadsheet = fake.book(sid)
        owned = [s for s in spreadsheet.sheets if "Checks" in s.title or "Call Sheet" in s.title]
        assert len(owned) >= 2
        values = []
        for sheet in owned:
            for (row, col) in list(sheet.cells):
                cell = sheet.cells[(row, col)]
                if cell.formula is not None:  # only ProdDesk's own jump-to-cell links
                    assert OWN_LINK.fullmatch(cell.formula), (sheet.title, row, cell.formula)
                values.append(cell.value)
        assert any(isinstance(v, str) and "cmd|" in v for v in values)
        assert any(isinstance(v, str) and "evil.example" in v for v in values)
