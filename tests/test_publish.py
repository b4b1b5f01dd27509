"""Publishing a report into a book and clearing it: reversible, repeatable, one save each."""

from __future__ import annotations

from addin.book import read_book
from addin.hosts.memory import MemoryHost
from addin.publish import STATE_TAB, clear
from addin.report import CHECKS_TAB
from addin.run import check_host
from tests.books import TODAY

HEADER = ["Name", "Department", "Position", "Email"]


def crew_host() -> MemoryHost:
    host = MemoryHost({"Crew": [HEADER, ["Pat", "Camera", "DP", "pat@"],
                                ["Sam", "Grip", "Key Grip", "sam@example.com"]]})
    sheet = host._staged["Crew"]
    sheet.fills[(2, 4)] = "00FF00"  # the coordinator's own colour coding
    sheet.notes[(2, 4)] = "Asked Pat for a new address"
    host.save()
    return host


def test_publish_writes_checks_tab_fills_and_notes_in_one_save() -> None:
    host = crew_host()
    _, result = check_host(host, TODAY, write=True)
    assert result.marked == 1
    assert host.calls.count("save") == 2  # the set-up save and exactly one publish save
    saved = host.saved
    assert list(saved)[-2:] == [CHECKS_TAB, STATE_TAB]
    assert saved[STATE_TAB].hidden
    checks = saved[CHECKS_TAB].grid()
    assert checks[1][0] == "Read 1 of 1 tab: Crew."
    assert checks[2] == ["Severity", "Tab", "Cell", "Problem", "Suggested fix", "Check"]
    assert checks[3][:4] == ["Error", "Crew", "D2", "Pat: email 'pat@' is not valid."]
    assert saved[CHECKS_TAB].links[(4, 3)] == "'Crew'!D2"
    assert saved["Crew"].fills[(2, 4)] == "FFC7CE"
    assert saved["Crew"].notes[(2, 4)] == (
        "Asked Pat for a new address\n\nProdDesk:\n- Pat: email 'pat@' is not valid."
    )
    assert saved["Crew"].values[(2, 4)] == "pat@"  # a typed value is never changed


def test_running_again_replaces_marks_and_keeps_the_original_colour() -> None:
    host = crew_host()
    check_host(host, TODAY, write=True)
    check_host(host, TODAY, write=True)
    book = read_book(host)
    clear(host, book)
    assert host.saved["Crew"].fills == {(2, 4): "00FF00"}
    assert host.saved["Crew"].notes == {(2, 4): "Asked Pat for a new address"}
    assert list(host.saved) == ["Crew"]


def test_fixed_cells_lose_their_mark_on_the_next_run() -> None:
    host = crew_host()
    check_host(host, TODAY, write=True)
    host._staged["Crew"].values[(2, 4)] = "pat@example.com"
    host._staged["Crew"].values[(3, 4)] = "sam@"
    check_host(host, TODAY, write=True)
    crew = host.saved["Crew"]
    assert crew.fills == {(2, 4): "00FF00", (3, 4): "FFC7CE"}
    assert crew.notes[(2, 4)] == "Asked Pat for a new address"


def test_clear_on_a_book_without_checks_changes_nothing() -> None:
    host = crew_host()
    result = clear(host, read_book(host))
    assert result.restored == 0
    assert host.calls.count("save") == 1
