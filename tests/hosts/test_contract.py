"""The host contract: one suite, run over every host registered in factories/."""

from __future__ import annotations

from datetime import date, datetime, time

import pytest

from addin.hosts.base import Mark, SheetContent
from addin.model import CellError, CellRef
from tests.hosts.factories import FACTORIES
from tests.hosts.factories.base import BookSpec, Factory

CREW = [
    ["Name", "Department", "Rate", "Start", "Call"],
    ["Ann Lee", "Camera", 650.0, date(2024, 3, 4), time(7, 30)],
    ["Bo Diaz", "Grip", 525.5, date(2024, 3, 5), time(6, 45)],
    ["Cy Moss", None, 400.0, datetime(2024, 3, 6, 8, 15)],
]


@pytest.fixture(params=sorted(FACTORIES))
def factory(request: pytest.FixtureRequest) -> Factory:
    """Each registered host factory in turn."""
    return FACTORIES[request.param]


def _trim(grid: list[list]) -> list[list]:
    rows = [list(row) for row in grid]
    for row in rows:
        while row and row[-1] is None:
            row.pop()
    while rows and not rows[-1]:
        rows.pop()
    return rows


def _book(factory: Factory, tmp_path, **extra) -> object:
    return factory.build(tmp_path, BookSpec({"Crew": CREW, "Notes": [["x"]]}, **extra))


def test_read_all_round_trips_text_numbers_dates_and_times(factory, tmp_path):
    host = _book(factory, tmp_path)
    grids = host.read_all()
    assert list(grids) == ["Crew", "Notes"] == host.sheet_names()
    crew = _trim(grids["Crew"])
    assert crew == CREW
    assert isinstance(crew[1][2], float)
    assert type(crew[1][3]) is date
    assert type(crew[3][3]) is datetime
    assert crew[1][4] == time(7, 30)


def test_merged_cells_carry_the_top_left_value(factory, tmp_path):
    grid = [["Day 1", None, None], ["Scene", "Set", "Pages"], ["12", None, "1 3/8"]]
    host = factory.build(
        tmp_path, BookSpec({"Schedule": grid}, merges={"Schedule": ["A1:C1", "A3:B3"]})
    )
    rows = _trim(host.read_all()["Schedule"])
    assert rows[0] == ["Day 1", "Day 1", "Day 1"]
    assert rows[2] == ["12", "12", "1 3/8"]


def test_error_cells_read_as_cell_errors(factory, tmp_path):
    grid = [["Name", "Rate"], ["Ann", CellError("#REF!")], ["Bo", CellError("#N/A")]]
    host = factory.build(tmp_path, BookSpec({"Crew": grid}))
    rows = _trim(host.read_all()["Crew"])
    assert isinstance(rows[1][1], CellError) and rows[1][1] == "#REF!"
    assert isinstance(rows[2][1], CellError) and rows[2][1] == "#N/A"
    assert rows[1][0] == "Ann"


def test_marks_survive_save_and_reopen(factory, tmp_path):
    host = _book(factory, tmp_path)
    host.apply_marks(
        {"Crew": {"C2": Mark("FFC7CE", "Rate is above the cap"), "F9": Mark("FFEB9C", "x")}}
    )
    host.save()
    again = factory.reopen(host)
    states = again.read_cell_states({"Crew": ["C2", "F9", "A2"]})["Crew"]
    assert states["C2"].note == "Rate is above the cap"
    assert states["F9"].note == "x"
    assert states["A2"].note is None
    assert factory.fill(again, "Crew", "C2") == "FFC7CE"
    assert factory.fill(again, "Crew", "F9") == "FFEB9C"
    assert factory.fill(again, "Crew", "A2") is None
    assert _trim(again.read_all()["Crew"]) == CREW


def test_restore_gives_back_exactly_the_earlier_fills_and_notes(factory, tmp_path):
    host = _book(
        factory, tmp_path, fills={"Crew": {"B2": "00B0F0"}}, notes={"Crew": {"B2": "Day player"}}
    )
    cells = {"Crew": ["A2", "B2", "H12"]}
    before = host.read_cell_states(cells)
    assert before["Crew"]["B2"].note == "Day player"
    host.apply_marks({"Crew": {a: Mark("FFC7CE", f"problem at {a}") for a in cells["Crew"]}})
    host.save()
    marked = factory.reopen(host)
    assert marked.read_cell_states(cells)["Crew"]["B2"].note == "problem at B2"
    assert factory.fill(marked, "Crew", "B2") == "FFC7CE"
    marked.restore_cells(before)
    marked.save()
    restored = factory.reopen(marked)
    assert restored.read_cell_states(cells) == before
    assert factory.fill(restored, "Crew", "B2") == "00B0F0"
    assert factory.fill(restored, "Crew", "A2") is None
    assert _trim(restored.read_all()["Crew"]) == CREW


def test_write_sheets_adds_a_tab_after_the_others_with_text_kept_as_text(factory, tmp_path):
    host = _book(factory, tmp_path)
    rows = [
        ["Severity", "Message", "Cell"],
        ["error", "=1+1", "Crew!C2"],
        ["warning", '=HYPERLINK("http://x","y")', 3.0],
    ]
    host.write_sheets(
        [SheetContent("Checks", rows, links={(1, 2): CellRef("Crew", 2, 3)}, widths=[10, 50, 12])]
    )
    host.save()
    again = factory.reopen(host)
    assert again.sheet_names() == ["Crew", "Notes", "Checks"]
    checks = _trim(again.read_all()["Checks"])
    assert checks == rows
    assert factory.cell_text(again, "Checks", "B2") == "=1+1"
    assert factory.links(again, "Checks") == {"C2": "'Crew'!C2"}


def test_write_sheets_replaces_an_owned_tab_and_can_hide_one(factory, tmp_path):
    host = _book(factory, tmp_path)
    host.write_sheets(
        [SheetContent("Checks", [["old"]]), SheetContent("State", [["{}"]], hidden=True)]
    )
    host.save()
    again = factory.reopen(host)
    again.write_sheets([SheetContent("Checks", [["new"], ["row 2"]])])
    again.save()
    final = factory.reopen(again)
    assert final.sheet_names()[:2] == ["Crew", "Notes"]
    assert set(final.sheet_names()) == {"Crew", "Notes", "Checks", "State"}
    assert _trim(final.read_all()["Checks"]) == [["new"], ["row 2"]]
    assert factory.hidden(final, "State")
    assert not factory.hidden(final, "Checks")


def test_delete_sheets_removes_owned_tabs_and_ignores_missing_ones(factory, tmp_path):
    host = _book(factory, tmp_path)
    host.write_sheets(
        [SheetContent("Checks", [["a"]]), SheetContent("State", [["b"]], hidden=True)]
    )
    host.save()
    again = factory.reopen(host)
    again.delete_sheets(["Checks", "State", "Not There"])
    again.save()
    final = factory.reopen(again)
    assert final.sheet_names() == ["Crew", "Notes"]
    assert _trim(final.read_all()["Crew"]) == CREW


def test_nothing_is_visible_before_save(factory, tmp_path):
    host = _book(factory, tmp_path)
    host.apply_marks({"Crew": {"A2": Mark("FFC7CE", "check")}})
    host.write_sheets([SheetContent("Checks", [["a"]])])
    untouched = factory.reopen(host)
    assert untouched.sheet_names() == ["Crew", "Notes"]
    assert untouched.read_cell_states({"Crew": ["A2"]})["Crew"]["A2"].note is None
    assert factory.fill(untouched, "Crew", "A2") is None
    host.save()
    assert factory.reopen(host).sheet_names() == ["Crew", "Notes", "Checks"]


def test_cell_states_are_json_serialisable(factory, tmp_path):
    import json

    host = _book(factory, tmp_path, fills={"Crew": {"A3": "92D050"}})
    states = host.read_cell_states({"Crew": ["A3", "Z99"]})
    for state in states["Crew"].values():
        json.dumps(state.fill)


# -- ProdDesk's own tabs: known by its mark, never by name alone ----------------------

THEIR_CHECKS = [["Check #", "Payee", "Amount"], ["1001", "Acme Grip & Electric", 500.0]]
THEIR_STATE = [["State", "Capital"], ["CA", "Sacramento"]]
BAD_CREW = [["Name", "Department", "Position", "Email"],
            ["Sam Roe", "Grip", "Key Grip", "jsmith@gmail"]]


def _validate(host) -> None:
    from addin.book import read_book
    from addin.publish import publish
    from addin.run import check_book

    book = read_book(host)
    publish(host, book, check_book(book, date(2026, 11, 25)))


def _clear(host) -> None:
    from addin.book import read_book
    from addin.publish import clear

    clear(host, read_book(host))


def test_a_coordinators_own_checks_and_state_tabs_are_never_replaced(factory, tmp_path):
    host = factory.build(tmp_path, BookSpec(
        {"Crew": BAD_CREW, "Checks": THEIR_CHECKS, "ProdDesk State": THEIR_STATE},
        notes={"Checks": {"B2": "Paid by wire"}},
    ))
    _validate(host)
    again = factory.reopen(host)
    names = again.sheet_names()
    assert names[:3] == ["Crew", "Checks", "ProdDesk State"]
    assert set(names[3:]) == {"ProdDesk Checks", "ProdDesk State 2"}
    grids = again.read_all()
    assert _trim(grids["Checks"]) == THEIR_CHECKS
    assert _trim(grids["ProdDesk State"]) == THEIR_STATE
    assert grids["ProdDesk Checks"][0][0].startswith("ProdDesk checks of")
    assert factory.hidden(again, "ProdDesk State 2")
    _validate(again)  # a second run rewrites its own tabs, takes no new names
    twice = factory.reopen(again)
    assert set(twice.sheet_names()) == set(names)
    assert twice.read_cell_states({"Checks": ["B2"]})["Checks"]["B2"].note == "Paid by wire"
    _clear(twice)
    cleared = factory.reopen(twice)
    assert cleared.sheet_names() == ["Crew", "Checks", "ProdDesk State"]
    assert _trim(cleared.read_all()["Checks"]) == THEIR_CHECKS
    assert cleared.read_cell_states({"Checks": ["B2"]})["Checks"]["B2"].note == "Paid by wire"


def test_tabs_of_an_earlier_proddesk_are_still_its_own(factory, tmp_path):
    """A book checked by a version that wrote no mark: Checks and ProdDesk State by
    their layout are ProdDesk's, so they are replaced (not doubled) and cleared."""
    old_checks = [["ProdDesk checks of book.xlsx, Nov 2, 2026: 1 error"],
                  ["Severity", "Tab", "Cell", "Problem", "Suggested fix", "Check"],
                  ["Error", "Crew", "D2", "Sam Roe: email is not valid.", "", "crew.invalid_email"]]
    old_state = [["Tab", "Cell", "Original fill", "Original note"], ["Crew", "D2", "null", ""]]
    host = factory.build(tmp_path, BookSpec(
        {"Crew": BAD_CREW, "Checks": old_checks, "ProdDesk State": old_state}
    ))
    _validate(host)
    again = factory.reopen(host)
    assert set(again.sheet_names()) == {"Crew", "Checks", "ProdDesk State"}
    assert again.read_all()["Checks"][0][0].endswith("Nov 25, 2026: 1 error")
    _clear(again)
    assert factory.reopen(again).sheet_names() == ["Crew"]
