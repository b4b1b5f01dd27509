"""ProdDesk knows its own tabs by the mark it wrote, even after someone renames them."""

from __future__ import annotations

from datetime import date

from addin.book import read_book
from addin.hosts.memory import MemoryHost
from addin.owned import STATE_MARK, find_ownership
from addin.publish import clear, publish
from addin.run import check_book

CREW = [["Name", "Department", "Position", "Email"],
        ["Sam Roe", "Grip", "Key Grip", "jsmith@gmail"]]


def _validate(host: MemoryHost) -> None:
    book = read_book(host)
    publish(host, book, check_book(book, date(2026, 11, 25)))


def _renamed(host: MemoryHost, old: str, new: str) -> MemoryHost:
    """The saved book with one tab renamed, as a coordinator would in Excel."""
    grids = {new if name == old else name: grid for name, grid in host.read_all().items()}
    return MemoryHost(grids)


def test_renamed_checks_and_state_tabs_are_still_proddesks() -> None:
    host = MemoryHost({"Crew": CREW})
    _validate(host)
    assert host.sheet_names() == ["Crew", "Checks", "ProdDesk State"]
    host = _renamed(_renamed(host, "Checks", "To do Nov 25"), "ProdDesk State", "keep")
    owned = find_ownership(host.read_all())
    assert (owned.tabs["checks"], owned.state) == ("To do Nov 25", "keep")
    _validate(host)
    assert host.sheet_names() == ["Crew", "To do Nov 25", "keep"]  # rewritten, not doubled
    clear(host, read_book(host))
    assert host.sheet_names() == ["Crew"]


def test_a_tab_that_merely_has_the_listed_name_is_not_proddesks() -> None:
    """ProdDesk's Checks tab renamed away, then the coordinator calls their own tab Checks."""
    host = MemoryHost({"Crew": CREW})
    _validate(host)
    grids = host.read_all()
    grids["Old checks"] = grids.pop("Checks")
    grids["Checks"] = [["Check #", "Payee"], ["1001", "Acme"]]
    owned = find_ownership(grids)
    assert owned.tabs["checks"] == "Old checks"
    assert not owned.owns("Checks")


def test_the_state_tab_carries_the_mark_and_lists_the_tabs_proddesk_made() -> None:
    host = MemoryHost({"Crew": CREW, "Checks": [["Their own"]]})
    _validate(host)
    state = host.read_all()["ProdDesk State"]
    assert state[0][4] == STATE_MARK
    assert [row[5:7] for row in state[1:] if row[5:7] != [None, None]] == [
        ["ProdDesk Checks", "checks"]
    ]
    assert find_ownership(host.read_all()).owned_names() == ["ProdDesk Checks", "ProdDesk State"]


def test_a_user_tab_named_like_the_state_tab_without_its_header_is_theirs() -> None:
    grids = {"Crew": CREW, "ProdDesk State": [["Tab", "Cell", "Status"]]}
    owned = find_ownership(grids)
    assert owned.state is None
    assert owned.claim_state() == "ProdDesk State 2"


def test_validate_says_it_left_the_coordinators_checks_tab_alone(tmp_path, capsys) -> None:
    import json

    from addin.cli import main
    from tests.books import write_xlsx

    book = write_xlsx(tmp_path / "book.xlsx", {"Crew": CREW, "Checks": [["Check #"], ["1001"]]})
    assert main(["validate", str(book), "--in-place"]) == 1
    capsys.readouterr()
    assert main(["validate", str(book), "--format", "json"]) == 1
    read = json.loads(capsys.readouterr().out)["read"]
    assert read["left_alone"] == ["Checks"]  # theirs; ProdDesk's own tabs are not listed
