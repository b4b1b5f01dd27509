"""Turnaround, weekly rest and meal penalties, forecast from the planned calls of each day."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from addin.rules import run_rules
from addin.rules.day import meal_penalty_amount
from tests.books import TODAY, book_of


def _findings(grids: dict[str, list[list[Any]]], rule: str) -> list[tuple]:
    return [
        (f.severity.value, f.sheet, f.cell, f.message, f.suggestion)
        for f in run_rules(book_of(grids), TODAY) if f.rule == rule
    ]


def _book(days: list[list[Any]], crew_calls: list[list[Any]] = (), **tabs: Any) -> dict:
    grids = {
        "Settings": [["Setting", "Value"], ["Timezone", "America/Los_Angeles"],
                     *tabs.pop("settings", [])],
        "Days": [["Day", "Date", "Crew Call", "Lunch", "Wrap"], *days],
        "Crew": [
            ["Name", "Department", "Position"],
            ["Maria Lopez", "Grip", "Key Grip"],
            ["Joe Park", "Grip", "Best Boy"],
            ["Lee Chan", "Grip", "Dolly Grip"],
            ["Ray Ortiz", "Grip", "Grip"],
            ["Ana Ruiz", "Camera", "DP"],
        ],
        "Crew Calls": [["Day", "Who", "Call", "Wrap"], *crew_calls],
    }
    grids.update(tabs)
    return grids


def test_ten_hour_crew_turnaround_broken_by_half_an_hour_across_the_fall_back_change() -> None:
    # Sat Oct 31 2026 11 PM PDT to Sun Nov 1 7:30 AM PST: 8.5 h on the clock, 9.5 h of rest
    grids = _book(
        [[1, "10/31/26", "1:00 PM", "7:00 PM", "10:00 PM"],
         [2, "11/1/26", "7:30 AM", "1:00 PM", "6:00 PM"]],
        [[1, "Maria Lopez", None, "11:00 PM"]],
    )
    assert _findings(grids, "day.turnaround") == [(
        "error", "Days", "C3",
        "Maria Lopez (Grip): 9.5 h of rest between Day 1's wrap (11:00 PM Sat Oct 31) and "
        "Day 2's call (7:30 AM Sun Nov 1), under the 10 h crew turnaround: a forced call "
        "0.5 h short.",
        "Call Maria Lopez at 8:00 AM or later on Day 2.",
    )]


def test_a_department_wrap_and_the_settings_minimum() -> None:
    grids = _book(
        [[1, "12/3/26", "7:00 AM", "1:00 PM", "6:00 PM"],
         [2, "12/4/26", "6:00 AM", "12:00 PM", "5:00 PM"]],
        [[1, "Camera", None, "9:00 PM"], [2, "Ana Ruiz", "7:00 AM", None]],
    )
    assert _findings(grids, "day.turnaround") == []  # 10 h of rest exactly is enough
    grids["Settings"].append(["Turnaround Crew Hours", "11"])
    found = _findings(grids, "day.turnaround")
    assert [(sheet, cell, suggestion) for _, sheet, cell, _, suggestion in found] == [
        ("Crew Calls", "C3", "Call Ana Ruiz at 8:00 AM or later on Day 2.")
    ]
    assert "10 h of rest" in found[0][3] and "under the 11 h crew turnaround" in found[0][3]
    assert "a forced call 1 h short" in found[0][3]


def _cast_book(settings: list[list[Any]] = ()) -> dict:
    return _book(
        [[1, "12/3/26", "7:00 AM", "1:00 PM", "7:00 PM"],
         [2, "12/4/26", "7:00 AM", "1:00 PM", "7:00 PM"]],
        settings=list(settings),
        Schedule=[["Day", "Scene", "Cast"], [1, "1", "1"], [2, "2", "1"]],
        Cast=[["Cast #", "Character", "Actor"], [1, "MAYA", "Isabel Reyes"]],
        **{"Cast Calls": [
            ["Day", "Cast #", "Pickup", "H/MU", "On Set", "Release"],
            [1, 1, "6:30 AM", "7:00 AM", "8:00 AM", "9:00 PM"],
            [2, 1, "7:30 AM", "8:00 AM", "9:00 AM", None],
        ]},
    )


def test_a_cast_members_twelve_hours() -> None:
    assert _findings(_cast_book(), "day.turnaround") == [(
        "error", "Cast Calls", "D3",
        "Isabel Reyes (Cast): 11 h of rest between Day 1's wrap (9:00 PM Thu Dec 3) and Day 2's "
        "call (8:00 AM Fri Dec 4), under the 12 h cast turnaround: a forced call 1 h short.",
        "Call Isabel Reyes at 9:00 AM or later on Day 2.",
    )]
    assert _findings(_cast_book([["Turnaround Cast Hours", "11 hrs"]]), "day.turnaround") == []


def test_weekly_rest_over_a_weekend() -> None:
    grids = _book(
        [[1, "12/4/26", "4:00 PM", "10:00 PM", "2:00 AM"],   # Friday into Saturday morning
         [2, "12/7/26", "7:00 AM", "1:00 PM", "6:00 PM"]],   # Monday
    )
    found = _findings(grids, "day.weekly_rest")  # the whole crew works the general call
    assert [f[2:] for f in found] == [
        ("C3",
         "Maria Lopez, Joe Park, Lee Chan and Ray Ortiz (Grip): 53 h of rest over the weekend "
         "between Day 1's wrap (2:00 AM Sat Dec 5) and Day 2's call (7:00 AM Mon Dec 7), under "
         "the 54 h crew weekly rest: a forced call 1 h short.",
         "Call Maria Lopez, Joe Park, Lee Chan and Ray Ortiz at 8:00 AM or later on Day 2."),
        ("C3",
         "Ana Ruiz (Camera): 53 h of rest over the weekend between Day 1's wrap (2:00 AM Sat "
         "Dec 5) and Day 2's call (7:00 AM Mon Dec 7), under the 54 h crew weekly rest: a forced "
         "call 1 h short.",
         "Call Ana Ruiz at 8:00 AM or later on Day 2."),
    ]
    assert _findings(grids, "day.turnaround") == []
    grids["Settings"].append(["Weekly Rest Crew Hours", "48"])
    assert _findings(grids, "day.weekly_rest") == []


def test_cast_weekly_rest_is_56_hours_before_a_call_earlier_than_6_am() -> None:
    grids = _cast_book()
    grids["Days"][1:] = [[1, "12/4/26", "7:00 AM", "1:00 PM", "7:00 PM"],
                         [2, "12/7/26", "7:00 AM", "1:00 PM", "7:00 PM"]]
    calls = grids["Cast Calls"]
    calls[1][5] = "11:00 PM"  # Friday
    calls[2][2:5] = ["4:30 AM", "5:30 AM", "6:30 AM"]  # Monday, 54.5 h later
    found = _findings(grids, "day.weekly_rest")
    assert [f[3].split(", under ")[1] for f in found] == [
        "the 56 h cast weekly rest: a forced call 1.5 h short."
    ]
    calls[2][3] = "6:00 AM"  # H/MU at 6 AM: 55 h of rest, the 54 h minimum
    assert _findings(grids, "day.weekly_rest") == []


def test_a_lunch_six_and_a_half_hours_after_a_department_call() -> None:
    grids = _book(
        [[1, "12/3/26", "7:00 AM", "1:00 PM", "6:00 PM"],
         [2, "12/4/26", "7:00 AM", "1:00 PM", "6:00 PM"]],
        [[2, "Grip", "6:30 AM", None]],
    )
    assert _findings(grids, "day.meal_penalty") == [(
        "warning", "Days", "D3",
        "Day 2: Grip lunch at 1:00 PM is 6.5 h after their 6:30 AM call: 4 people, forecast "
        "meal penalty $100 (4 x $25).",
        "Plan the meal within 6 h of the call (or of the end of the last meal), or a second "
        "meal before the wrap.",
    )]


def test_work_past_six_hours_after_lunch_without_a_second_meal() -> None:
    grids = _book(
        [[1, "12/3/26", "7:00 AM", "1:00 PM", "9:00 PM"]],
        [[1, "Ana Ruiz", "6:00 AM", None]],
        settings=[["Meal Penalty Crew", "$10, $12.50, $15"]],
    )
    found = _findings(grids, "day.meal_penalty")
    # the others: 9 PM is 7.5 h after the end of lunch (1:30 PM), 3 half hours: 10 + 12.50 + 15
    assert [f[3] for f in found] == [
        "Day 1: Grip no second meal: the 9:00 PM wrap is 7.5 h after the end of lunch (1:30 PM): "
        "4 people, forecast meal penalty $150 (4 x $37.50).",
        "Day 1: Camera lunch at 1:00 PM is 7 h after their 6:00 AM call and no second meal: "
        "the 9:00 PM wrap is 7.5 h after the end of lunch (1:30 PM): 1 person, forecast meal "
        "penalty $60 (1 x $60).",
    ]


def test_an_unreadable_penalty_schedule_is_said_and_the_default_used() -> None:
    grids = _book(
        [[1, "12/3/26", "7:00 AM", "1:30 PM", "6:00 PM"]],
        settings=[["Meal Penalty Crew", "lots"], ["Turnaround Cast Hours", "twelve"]],
    )
    assert [f[1:4] for f in _findings(grids, "day.unreadable_setting")] == [
        ("Settings", "B3", "Meal Penalty Crew 'lots' is not a list of dollar amounts; meal "
                           "penalties are forecast with the default 25, 35, 50."),
        ("Settings", "B4", "Turnaround Cast Hours 'twelve' is not a number of hours; the "
                           "default 12 h is used."),
    ]
    messages = [f[3] for f in _findings(grids, "day.meal_penalty")]
    assert [m.split(" is 6.5 h after their 7:00 AM call: ")[1] for m in messages] == [
        "4 people, forecast meal penalty $100 (4 x $25).",
        "1 person, forecast meal penalty $25 (1 x $25).",
    ]


def test_people_with_the_same_forced_call_share_one_finding() -> None:
    grids = _book(
        [[1, "12/3/26", "7:00 AM", "1:00 PM", "7:00 PM"],
         [2, "12/4/26", "7:00 AM", "1:00 PM", "7:00 PM"]],
        [[1, "Grip", None, "11:00 PM"]],
    )
    for n in range(3):
        grids["Crew"].append([f"Extra Grip {n + 1}", "Grip", "Grip"])
    found = _findings(grids, "day.turnaround")
    assert [f[3][:70] for f in found] == [
        "Maria Lopez, Joe Park, Lee Chan and 4 others (Grip): 8 h of rest betwe"
    ]


def test_penalty_schedule_amounts() -> None:
    schedule = (25.0, 35.0, 50.0)
    assert [meal_penalty_amount(n, schedule) for n in (0, 1, 2, 3, 4)] == [0, 25, 60, 110, 160]


def test_a_cast_weekly_rest_setting_keeps_the_two_hours_off_after_6_am() -> None:
    grids = _cast_book([["Weekly Rest Cast Hours", "60"]])
    grids["Days"][1:] = [[1, "12/4/26", "7:00 AM", "1:00 PM", "7:00 PM"],
                         [2, "12/7/26", "7:00 AM", "1:00 PM", "7:00 PM"]]
    grids["Cast Calls"][1][5] = "11:00 PM"  # Friday; Monday's H/MU at 8 AM is 57 h later
    found = _findings(grids, "day.weekly_rest")
    assert [f[3].split(", under ")[1] for f in found] == [
        "the 58 h cast weekly rest: a forced call 1 h short."
    ]


def test_the_annotated_sample_lists_the_turnaround_and_the_meal_penalty(tmp_path) -> None:
    import openpyxl

    from addin.cli import main
    from tests.sample_day_findings import SAMPLE_DAY_ROWS, day_rows

    sample = Path(__file__).resolve().parents[1] / "workbooks" / "sample_production.xlsx"
    out = tmp_path / "checked.xlsx"
    assert main(["validate", str(sample), "--annotate", str(out), "--today", "2026-11-25"]) == 1
    sheet = openpyxl.load_workbook(out)["Checks"]
    assert day_rows([list(r) for r in sheet.iter_rows(values_only=True)]) == SAMPLE_DAY_ROWS
