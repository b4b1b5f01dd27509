"""The table view of many findings: grouped by tab and check, the first few of each shown.

A first run on a real crew list finds dozens of the same mistake; the screen shows
the first five of each check, counts the rest, and says where the full list is.
"""

from __future__ import annotations

import pytest

from addin.cli import main
from tests.books import write_xlsx

HEADER = ["Name", "Department", "Position", "Email", "Phone"]
BAD_EMAILS = [f"Crew Member {n:02d}" for n in range(1, 13)]  # 12 typed 'name at gmail.com'
BAD_PHONES = ["Phone Person A", "Phone Person B"]


@pytest.fixture
def messy_book(tmp_path):
    rows = [HEADER]
    for n, name in enumerate(BAD_EMAILS):
        rows.append([name, "Grip", "Grip", f"member{n} at gmail.com", f"(310) 555-01{n:02d}"])
    for n, name in enumerate(BAD_PHONES):
        rows.append([name, "Camera", "2nd AC", f"phone{n}@gmail.com", f"(626) 506-6{n}"])
    return write_xlsx(tmp_path / "Night Shift.xlsx", {"Crew": rows})


@pytest.fixture(autouse=True)
def wide_terminal(monkeypatch):
    monkeypatch.setenv("COLUMNS", "200")


def test_each_check_shows_its_first_five_and_counts_the_rest(messy_book, capsys):
    code = main(["validate", str(messy_book), "--today", "2026-11-25"])
    out = capsys.readouterr().out
    assert code == 1
    assert "Crew (14 findings)" in out
    for name in BAD_EMAILS[:5]:
        assert f"{name}: email" in out
    for name in BAD_EMAILS[5:]:
        assert f"{name}: email" not in out
    assert "... and 7 more (crew.invalid_email)" in out
    for name in BAD_PHONES:  # a check with two findings shows both, with nothing counted
        assert f"{name}: phone" in out
    assert "more (crew.invalid_phone)" not in out
    assert "14 errors in Night Shift.xlsx." in out
    assert "--all" in out and "--format json" in out and "Checks tab" in out


def test_all_prints_every_finding(messy_book, capsys):
    main(["validate", str(messy_book), "--today", "2026-11-25", "--all"])
    out = capsys.readouterr().out
    for name in BAD_EMAILS + BAD_PHONES:
        assert name in out
    assert "more (crew" not in out
    assert "--all" not in out


def test_a_short_list_has_no_pointer_to_the_rest(tmp_path, capsys):
    book = write_xlsx(
        tmp_path / "small.xlsx",
        {"Crew": [HEADER, ["Sam Roe", "Grip", "Key Grip", "jsmith@gmail", "(310) 555-0144"]]},
    )
    main(["validate", str(book)])
    out = capsys.readouterr().out
    assert "Sam Roe: email 'jsmith@gmail' is not valid." in out
    assert "more (" not in out and "--all" not in out
