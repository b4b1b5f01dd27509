"""The atomic writer: whole files, and the permissions a shared office folder needs."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from addin.cli import main
from addin.files import write_atomic
from tests.books import write_xlsx

CREW = [["Name", "Department", "Position", "Email"],
        ["Sam Roe", "Grip", "Key Grip", "jsmith@gmail"]]


@pytest.fixture
def umask() -> Iterator[callable]:
    """Set the process umask for one test, as a coordinator's login would."""
    original = os.umask(0o022)

    def set_mask(mask: int) -> None:
        os.umask(mask)

    yield set_mask
    os.umask(original)


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_a_new_file_gets_the_umask_mode(tmp_path: Path, umask) -> None:
    umask(0o002)
    write_atomic(tmp_path / "callsheets" / "Day01.json", "{}")
    assert mode(tmp_path / "callsheets" / "Day01.json") == 0o664
    umask(0o022)
    write_atomic(tmp_path / "Day02.xlsx", b"PK")
    assert mode(tmp_path / "Day02.xlsx") == 0o644


def test_a_replaced_file_and_its_backup_keep_the_files_own_mode(tmp_path: Path, umask) -> None:
    book = tmp_path / "book.xlsx"
    book.write_bytes(b"old")
    os.chmod(book, 0o664)
    before = book.stat()
    umask(0o077)
    write_atomic(book, b"new", backup=True)
    assert book.read_bytes() == b"new"
    assert mode(book) == 0o664
    assert mode(tmp_path / "book.xlsx.bak") == 0o664
    assert (book.stat().st_uid, book.stat().st_gid) == (before.st_uid, before.st_gid)
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


def test_in_place_and_clear_leave_a_shared_book_readable_by_the_office(
    tmp_path: Path, umask, capsys
) -> None:
    book = write_xlsx(tmp_path / "The Long Take.xlsx", {"Crew List": CREW})
    os.chmod(book, 0o664)
    umask(0o077)
    assert main(["validate", str(book), "--in-place"]) == 1
    assert mode(book) == 0o664
    assert mode(tmp_path / "The Long Take.xlsx.bak") == 0o664
    assert main(["clear", str(book)]) == 0
    assert mode(book) == 0o664
    umask(0o002)
    checked = tmp_path / "checked.xlsx"
    assert main(["validate", str(book), "--annotate", str(checked)]) == 1
    assert mode(checked) == 0o664
    capsys.readouterr()


def test_a_link_at_the_backup_is_refused_and_its_target_untouched(tmp_path: Path) -> None:
    book = tmp_path / "book.xlsx"
    write_xlsx(book, {"Crew": CREW})
    unrelated = tmp_path / "payroll.xlsx"
    unrelated.write_bytes(b"someone else's file")
    (tmp_path / "book.xlsx.bak").symlink_to(unrelated)
    before = book.read_bytes()
    assert main(["validate", str(book), "--in-place"]) == 2
    assert unrelated.read_bytes() == b"someone else's file"
    assert book.read_bytes() == before


def test_the_refusal_is_one_sentence_naming_the_link(tmp_path: Path, capsys) -> None:
    book = tmp_path / "book.xlsx"
    write_xlsx(book, {"Crew": CREW})
    (tmp_path / "book.xlsx.bak").symlink_to(tmp_path / "elsewhere.xlsx")
    assert main(["validate", str(book), "--in-place"]) == 2
    said = " ".join(capsys.readouterr().err.split())
    assert "book.xlsx.bak is a symbolic link" in said
    assert "Traceback" not in said
    assert not (tmp_path / "elsewhere.xlsx").exists()


def test_an_output_that_is_a_link_is_refused(tmp_path: Path) -> None:
    book = tmp_path / "book.xlsx"
    write_xlsx(book, {"Crew": CREW})
    unrelated = tmp_path / "budget.xlsx"
    unrelated.write_bytes(b"keep me")
    out = tmp_path / "checked.xlsx"
    out.symlink_to(unrelated)
    assert main(["validate", str(book), "--annotate", str(out)]) == 2
    assert unrelated.read_bytes() == b"keep me" and out.is_symlink()


def test_a_replaced_backup_is_a_copy_of_the_book(tmp_path: Path) -> None:
    target = tmp_path / "book.xlsx"
    target.write_bytes(b"version 1")
    write_atomic(target, b"version 2", backup=True)
    write_atomic(target, b"version 3", backup=True)
    assert (tmp_path / "book.xlsx.bak").read_bytes() == b"version 2"
    assert not (tmp_path / "book.xlsx.bak").is_symlink()


def test_call_sheet_files_get_the_umask_mode(tmp_path: Path, umask, monkeypatch, capsys) -> None:
    from tests.callsheet.callsheet_books import write_book

    monkeypatch.chdir(tmp_path)
    book = write_book(tmp_path / "book.xlsx")
    os.chmod(book, 0o664)
    umask(0o002)
    assert main(["callsheet", str(book), "--day", "2", "--into-book"]) == 0
    made = sorted((tmp_path / "callsheets").iterdir())
    assert [p.suffix for p in made] == [".json", ".xlsx"]
    assert [mode(p) for p in made] == [0o664, 0o664]
    assert mode(book) == 0o664 and mode(tmp_path / "book.xlsx.bak") == 0o664
    capsys.readouterr()
