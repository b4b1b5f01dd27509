"""The day plan: everyone on each shoot day with their call, meals and wrap, as absolute times."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from addin.callsheet.build import build_callsheet
from addin.dayplan import plan
from tests.books import book_of
from tests.callsheet.callsheet_books import grids as callsheet_grids

LA = ZoneInfo("America/Los_Angeles")


def _book() -> dict:
    """Two days around midnight and the fall-back change of Nov 1 2026 (Los Angeles)."""
    return {
        "Settings": [["Setting", "Value"], ["Timezone", "America/Los_Angeles"]],
        "Days": [
            ["Day", "Date", "Crew Call", "Lunch", "2nd Meal", "Est Wrap"],
            [1, "10/31/26", "2:00 PM", "8:00 PM", "2:00 AM", "1:30 AM"],
            [2, "11/1/26", "7:30A", "1:30P", None, "7:30P"],
        ],
        "Crew": [
            ["Name", "Dept", "Title", "Rate"],
            ["Maria Lopez", "Grip", "Key Grip", "$400/12"],
            ["Joe Park", "Grip", "Best Boy Grip", None],
            ["Ana Ruiz", "Camera", "DP", "$900/10"],
        ],
        "Crew Calls": [
            ["Day", "Who", "Call", "Released"],
            [1, "Maria Lopez", None, "11:00 PM"],
            [1, "Grip", "3:00 PM", "12:30 AM"],
            [2, "Camera", "O/C", None],
        ],
        "Schedule": [
            ["Day", "Scene", "Cast"],
            [1, "1", "1"],
            [2, "2", "1"],
        ],
        "Cast": [["Cast #", "Character", "Actor"], [1, "MAYA", "Isabel Reyes"]],
        "Cast Calls": [
            ["Day", "Cast #", "Pickup", "H/MU", "On Set", "Dismissed"],
            [1, 1, "3:00 PM", "2:45 PM", "4:00 PM", "11:45 PM"],
            [2, 1, "9:00 AM", "9:30 AM", "10:30 AM", None],
        ],
    }


def _by(people, name, day):
    return next(p for p in people if p.name == name and p.day == day)


def test_wraps_come_from_the_person_then_the_department_then_the_day() -> None:
    people = plan(book_of(_book()))
    maria, joe = _by(people, "Maria Lopez", 1), _by(people, "Joe Park", 1)
    ana = _by(people, "Ana Ruiz", 1)
    assert (maria.wrap, maria.wrap_source) == (datetime(2026, 10, 31, 23, 0, tzinfo=LA), "own")
    assert (joe.wrap, joe.wrap_source) == (datetime(2026, 11, 1, 0, 30, tzinfo=LA), "department")
    assert (ana.wrap, ana.wrap_source) == (datetime(2026, 11, 1, 1, 30, tzinfo=LA), "day")


def test_calls_and_meals_are_absolute_times_in_the_production_timezone() -> None:
    people = plan(book_of(_book()))
    maria = _by(people, "Maria Lopez", 1)
    # her own row sets only a release, so her call is her department's
    assert maria.call == datetime(2026, 10, 31, 15, 0, tzinfo=LA)
    assert maria.call_source == "department"
    assert maria.cell == "C3" and maria.sheet == "Crew Calls"
    assert maria.lunch == datetime(2026, 10, 31, 20, 0, tzinfo=LA)
    assert maria.second_meal == datetime(2026, 11, 1, 2, 0, tzinfo=LA)  # after midnight
    assert maria.rate == "$400/12" and maria.department == "Grip"
    ana = _by(people, "Ana Ruiz", 1)
    assert (ana.call, ana.call_source, ana.cell) == (
        datetime(2026, 10, 31, 14, 0, tzinfo=LA), "day", "C2"
    )
    # 1:30 AM after a 2 PM call is 11.5 hours of work, in absolute time
    assert (ana.wrap - ana.call).total_seconds() / 3600 == 11.5


def test_a_call_typed_as_a_word_is_no_time_as_on_the_call_sheet() -> None:
    people = plan(book_of(_book()))
    ana = _by(people, "Ana Ruiz", 2)
    assert ana.call is None and ana.call_source == "department" and ana.cell == "C4"
    assert not ana.works


def test_cast_call_is_hair_and_makeup_else_on_set_else_pickup() -> None:
    people = plan(book_of(_book()))
    isabel = _by(people, "Isabel Reyes", 1)
    assert (isabel.kind, isabel.department, isabel.cast_id) == ("cast", "Cast", "1")
    assert (isabel.call, isabel.cell) == (datetime(2026, 10, 31, 14, 45, tzinfo=LA), "D2")
    assert (isabel.wrap, isabel.wrap_source) == (datetime(2026, 10, 31, 23, 45, tzinfo=LA), "own")
    day2 = _by(people, "Isabel Reyes", 2)
    assert (day2.call, day2.cell) == (datetime(2026, 11, 1, 9, 30, tzinfo=LA), "D3")
    assert (day2.wrap, day2.wrap_source) == (datetime(2026, 11, 1, 19, 30, tzinfo=LA), "day")


def test_rest_across_the_fall_back_change_is_counted_in_absolute_hours() -> None:
    people = plan(book_of(_book()))
    wrap, call = _by(people, "Maria Lopez", 1).wrap, _by(people, "Maria Lopez", 2).call
    # 11 PM PDT to 7:30 AM PST: 8.5 h on the clock, 9.5 h of rest
    assert (call.astimezone(UTC) - wrap.astimezone(UTC)).total_seconds() / 3600 == 9.5


def test_the_plan_has_the_call_sheets_people_and_calls() -> None:
    book = book_of(callsheet_grids())
    people = plan(book)
    for day in (1, 2, 3):
        sheet, _ = build_callsheet(book, day)
        planned = [
            (p.name, p.call.strftime("%-I:%M %p") if p.call else "")
            for p in people if p.day == day and p.kind == "crew"
        ]
        printed = sorted((line.name, line.call) for line in sheet.crew)
        assert sorted(planned) == printed
        cast = sorted(p.cast_id for p in people if p.day == day and p.kind == "cast")
        assert cast == sorted(line.id for line in sheet.cast)


def test_on_hold_cast_has_no_call() -> None:
    book = book_of(callsheet_grids())
    owen = _by(plan(book), "Owen Mitchell", 2)
    assert owen.status == "H" and owen.call is None


def test_without_a_timezone_times_are_utc() -> None:
    grids = _book()
    del grids["Settings"]
    maria = _by(plan(book_of(grids)), "Maria Lopez", 1)
    assert maria.call == datetime(2026, 10, 31, 15, 0, tzinfo=UTC)
