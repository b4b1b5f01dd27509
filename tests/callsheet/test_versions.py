"""A new call sheet version only when its content changed; a failed run leaves nothing."""

from __future__ import annotations

import os
from pathlib import Path

import openpyxl
import pytest

from addin.cli import main
from tests.callsheet.callsheet_books import write_book

DAY2 = "Night_Shift_Day02_2026-12-04"


@pytest.fixture
def book(tmp_path: Path, monkeypatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return write_book(tmp_path / "book.xlsx")


def files() -> list[str]:
    folder = Path("callsheets")
    return sorted(p.name for p in folder.iterdir()) if folder.is_dir() else []


def test_a_rerun_with_the_same_content_makes_no_new_version(book: Path, capsys) -> None:
    assert main(["callsheet", str(book), "--day", "2"]) == 0
    assert main(["callsheet", str(book), "--day", "2"]) == 0
    assert files() == [f"{DAY2}.json", f"{DAY2}.xlsx"]
    out = capsys.readouterr().out
    assert "version 2" not in out.lower()
    assert "No changes since version 1" not in out


def test_a_rerun_only_to_add_the_pdf_adds_it_to_version_1(book: Path, capsys) -> None:
    assert main(["callsheet", str(book), "--day", "2"]) == 0
    before = (Path("callsheets") / f"{DAY2}.xlsx").read_bytes()
    assert main(["callsheet", str(book), "--day", "2", "--pdf"]) == 0
    assert files() == [f"{DAY2}.json", f"{DAY2}.pdf", f"{DAY2}.xlsx"]
    assert (Path("callsheets") / f"{DAY2}.xlsx").read_bytes() == before
    assert f"PDF:        callsheets/{DAY2}.pdf" in capsys.readouterr().out


def test_a_changed_day_still_gets_version_2(book: Path) -> None:
    assert main(["callsheet", str(book), "--day", "2"]) == 0
    wb = openpyxl.load_workbook(book)
    days = wb["Days"]
    row = next(r for r in days.iter_rows(min_row=2) if r[0].value == 2)
    row[2].value = "5:00 AM"
    wb.save(book)
    assert main(["callsheet", str(book), "--day", "2"]) == 0
    assert f"{DAY2}_v2.xlsx" in files()


def test_without_libreoffice_a_pdf_run_writes_nothing(book: Path, monkeypatch, capsys) -> None:
    monkeypatch.setenv("PRODDESK_SOFFICE", str(book.parent / "no-soffice-here"))
    assert main(["callsheet", str(book), "--day", "2", "--pdf"]) == 2
    assert files() == []
    assert "libreoffice" in capsys.readouterr().err.lower()
    monkeypatch.delenv("PRODDESK_SOFFICE")
    assert main(["callsheet", str(book), "--day", "2"]) == 0
    assert files() == [f"{DAY2}.json", f"{DAY2}.xlsx"]  # version 1, not a false version 2


def test_a_locked_book_with_into_book_leaves_no_version_behind(book: Path, capsys) -> None:
    lock = book.parent / f"~${book.name}"
    lock.write_bytes(b"")
    assert main(["callsheet", str(book), "--day", "2", "--into-book"]) == 2
    assert "is open in Excel" in " ".join(capsys.readouterr().err.split())
    assert files() == []
    os.unlink(lock)
    assert main(["callsheet", str(book), "--day", "2", "--into-book"]) == 0
    assert files() == [f"{DAY2}.json", f"{DAY2}.xlsx"]
