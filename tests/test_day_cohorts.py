"""The rest and meal checks plan a department's crew as one cohort: the findings still name
and count exactly the people on each day, with their own calls and dates."""

from __future__ import annotations

from typing import Any

from addin.dayplan import plan
from tests.books import book_of
from tests.test_day_rules import _book, _findings

CREW = [
    ["Name", "Department", "Position", "Start Date", "End Date"],
    ["Maria Lopez", "Grip", "Key Grip", None, None],
    ["Joe Park", "Grip", "Best Boy", None, None],
    ["Lee Chan", "Grip", "Dolly Grip", "12/3/26", "12/7/26"],
    ["Ray Ortiz", "Grip", "Grip", "12/4/26", None],
    ["Sam Bell", "Grip", "Grip", None, "12/3/26"],
    ["Ana Ruiz", "Camera", "DP", None, None],
]


def _crew_book(days: list[list[Any]], crew_calls: list[list[Any]]) -> dict:
    return _book(days, crew_calls, Crew=[list(row) for row in CREW])


def test_a_department_forced_call_names_only_those_working_both_days_in_crew_order() -> None:
    # Grip wraps at 11 PM on Day 1 and the day calls 7 AM on Day 2: 8 h of rest. Joe has his
    # own call on Day 1 with the same wrap; Ray starts on Day 2, Sam ends on Day 1.
    grids = _crew_book(
        [[1, "12/3/26", "7:00 AM", "1:00 PM", "7:00 PM"],
         [2, "12/4/26", "7:00 AM", "1:00 PM", "7:00 PM"]],
        [[1, "Grip", None, "11:00 PM"], [1, "Joe Park", "8:00 AM", "11:00 PM"]],
    )
    found = _findings(grids, "day.turnaround")
    assert [(f[1], f[2], f[3][:49], f[4]) for f in found] == [(
        "Days", "C3", "Maria Lopez, Joe Park and Lee Chan (Grip): 8 h of",
        "Call Maria Lopez, Joe Park and Lee Chan at 9:00 AM or later on Day 2.",
    )]


def test_someone_with_their_own_call_after_the_short_rest_gets_their_own_finding() -> None:
    grids = _crew_book(
        [[1, "12/3/26", "7:00 AM", "1:00 PM", "7:00 PM"],
         [2, "12/4/26", "7:00 AM", "1:00 PM", "7:00 PM"]],
        [[1, "Grip", None, "11:00 PM"], [2, "Lee Chan", "6:00 AM", None]],
    )
    found = _findings(grids, "day.turnaround")
    assert [(f[1], f[2], f[4]) for f in found] == [  # Ray starts on Day 2, Sam ends on Day 1
        ("Crew Calls", "C3", "Call Lee Chan at 9:00 AM or later on Day 2."),
        ("Days", "C3", "Call Maria Lopez and Joe Park at 9:00 AM or later on Day 2."),
    ]
    assert "7 h of rest" in found[0][3] and "8 h of rest" in found[1][3]


def test_a_department_meal_penalty_counts_the_people_on_each_day() -> None:
    grids = _crew_book(
        [[1, "12/3/26", "7:00 AM", "1:30 PM", "6:00 PM"],
         [2, "12/4/26", "7:00 AM", "1:30 PM", "6:00 PM"],
         [3, "12/8/26", "7:00 AM", "1:30 PM", "6:00 PM"]],
        [[1, "Maria Lopez", "6:00 AM", None]],
    )
    usual = "lunch at 1:30 PM is 6.5 h after their 7:00 AM call: "
    assert [f[3] for f in _findings(grids, "day.meal_penalty")] == [
        # Day 1: Maria's own 6 AM call (7.5 h: 3 half hours), then Joe, Lee and Sam
        "Day 1: Grip lunch at 1:30 PM is 7.5 h after their 6:00 AM call: 1 person, forecast "
        f"meal penalty $110 (1 x $110); {usual}3 people, forecast meal penalty $75 (3 x $25); "
        "$185 in all.",
        f"Day 1: Camera {usual}1 person, forecast meal penalty $25 (1 x $25).",
        f"Day 2: Grip {usual}4 people, forecast meal penalty $100 (4 x $25).",  # Ray in, Sam out
        f"Day 2: Camera {usual}1 person, forecast meal penalty $25 (1 x $25).",
        f"Day 3: Grip {usual}3 people, forecast meal penalty $75 (3 x $25).",  # Lee has ended
        f"Day 3: Camera {usual}1 person, forecast meal penalty $25 (1 x $25).",
    ]


def test_the_plan_lists_each_cohort_member_on_their_own_days_in_crew_order() -> None:
    grids = _crew_book(
        [[1, "12/3/26", "7:00 AM", "1:00 PM", "7:00 PM"],
         [2, "12/4/26", "7:00 AM", "1:00 PM", "7:00 PM"],
         [3, "12/8/26", "7:00 AM", "1:00 PM", "7:00 PM"]],
        [[2, "Grip", "6:00 AM", None], [2, "Joe Park", "8:00 AM", None]],
    )
    book = book_of(grids)
    assert [(p.day, p.name, p.call_source, p.cell) for p in plan(book)] == [
        (1, "Maria Lopez", "day", "C2"), (1, "Joe Park", "day", "C2"),
        (1, "Lee Chan", "day", "C2"), (1, "Sam Bell", "day", "C2"),
        (1, "Ana Ruiz", "day", "C2"),
        (2, "Maria Lopez", "department", "C2"), (2, "Joe Park", "own", "C3"),
        (2, "Lee Chan", "department", "C2"), (2, "Ray Ortiz", "department", "C2"),
        (2, "Ana Ruiz", "day", "C3"),
        (3, "Maria Lopez", "day", "C4"), (3, "Joe Park", "day", "C4"),
        (3, "Ray Ortiz", "day", "C4"), (3, "Ana Ruiz", "day", "C4"),
    ]
    from addin.dayplan import cohort_plan

    cohorts = cohort_plan(book)
    assert sorted(len(c.members) for c in cohorts.cohorts) == [1, 4]  # Joe is planned alone
