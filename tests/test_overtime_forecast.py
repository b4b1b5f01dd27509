"""day.overtime: each shoot day's forecast pay and overtime, per department and in total."""

from __future__ import annotations

from addin.daycost import forecast
from addin.functions import day_pay
from addin.lookups import day_cost
from addin.parse import parse_rate
from addin.run import check_book
from tests.books import TODAY, book_of


def _grids(settings: list[list] | None = None) -> dict:
    """Two shoot days: day 1 a 10-hour day, day 2 a 13.5-hour day (6 AM to 7:30 PM)."""
    return {
        "Settings": [["Setting", "Value"], ["Timezone", "America/Los_Angeles"],
                     *(settings or [])],
        "Days": [
            ["Day", "Date", "Crew Call", "Lunch", "Est. Wrap"],
            [1, "12/3/26", "7:00A", "1:00P", "5:00P"],
            [2, "Fri 12/4/26", "6:00 AM", "12:00 PM", "7:30 PM"],
        ],
        "Crew List": [
            ["THE LONG TAKE - CREW LIST"],
            [],
            ["Name", "Dept.", "Position", "Rate", "Cell #"],
            ["Marcus Bell", "Grip", "Key Grip", "$400/10", "310-555-0143"],
            ["Lee Chan", "grip ", "Best Boy Grip", "400/10", None],
            ["Ana Diaz", "GRIP", "Dolly Grip", " $400 / 10 ", None],
            ["Bo Li", "Grip", "Grip", "$400/10", None],
            ["CAMERA"],
            ["Nadia Rosen", None, "DP", "$900/10", None],
            ["Sam Ortiz", None, "1st AC", "TBD", None],
            ["Kit Wu", None, "2nd AC", None, None],
        ],
    }


def _overtime(grids: dict) -> list[tuple[str, str]]:
    report = check_book(book_of(grids), TODAY)
    return [(f.cell, f.message) for f in report.findings if f.rule == "day.overtime"]


def test_a_13_5_hour_day_on_400_over_10_for_the_whole_grip_department():
    found = _overtime(_grids())
    # PH(13.5) = 17 pay-hours on a 400/11 base: 618.18 each, 218.18 of it overtime
    assert ("E3", "Day 2 forecast: Grip 4 people, $2,472.72 of which $872.72 overtime "
                  "(13.5 h on $400/10).") in found
    assert ("E3", "Day 2 forecast: CAMERA 1 person, $1,390.91 of which $490.91 overtime "
                  "(13.5 h on $900/10).") in found
    assert ("E3", "Day 2 forecast total: 5 people, $3,863.63 of which $1,363.63 overtime; "
                  "not counted: 2 without a rate.") in found


def test_a_day_within_the_guarantee_has_no_overtime():
    found = _overtime(_grids())
    assert ("E2", "Day 1 forecast: Grip 4 people, $1,600.00, no overtime (10 h on $400/10).") \
        in found
    assert ("E2", "Day 1 forecast total: 5 people, $2,500.00, no overtime; not counted: "
                  "2 without a rate.") in found


def test_crew_without_a_readable_rate_are_named_once():
    found = [(cell, m) for cell, m in _overtime(_grids()) if "have no rate" in m]
    assert found == [("D10", "2 crew have no rate, so the overtime forecast leaves them out: "
                             "Sam Ortiz (CAMERA), Kit Wu (CAMERA).")]


def test_an_unpaid_meal_is_taken_off_the_planned_hours():
    book = book_of(_grids([["Unpaid Meal Minutes", "30"]]))
    grip = forecast(book)[2].department("grip")
    assert grip.hours == "13 h"
    assert grip.pay == 4 * 581.82  # PH(13) = 16 pay-hours


def test_pd_daycost_is_the_days_pay_or_one_departments():
    book = book_of(_grids())
    assert day_cost(book, 2) == 3863.63
    assert day_cost(book, "Day 2", "Grip") == 2472.72
    assert day_cost(book, 1, "camera") == 900.0


def test_a_night_across_the_fall_back_change_counts_the_extra_hour():
    """Oct 31 2026 10 PM to Nov 1 8 AM in Los Angeles is 11 hours (clocks go back at 2 AM)."""
    book = book_of({
        "Settings": [["Setting", "Value"], ["Timezone", "America/Los_Angeles"]],
        "Days": [["Day", "Date", "Crew Call", "Wrap"], [1, "10/31/26", "10:00 PM", "8:00 AM"]],
        "Crew": [["Name", "Department", "Rate"], ["Night Owl", "Electric", "$400/10"]],
    })
    electric = forecast(book)[1].department("Electric")
    assert electric.hours == "11 h"  # not the 10 h the wall clock shows
    assert electric.pay == 454.55  # PH(11) = 12.5 pay-hours at 400/11


def test_forecast_settings_that_cannot_be_read_are_warnings_and_the_defaults_are_used():
    grids = _grids([["Unpaid Meal Minutes", "half an hour"], ["Show Costs On Call Sheet", "maybe"]])
    report = check_book(book_of(grids), TODAY)
    warned = [(f.severity.value, f.cell, f.message) for f in report.findings
              if f.rule == "day.overtime" and f.severity.value == "warning"]
    assert warned == [
        ("warning", "B3", "Unpaid Meal Minutes 'half an hour' is not a number of minutes; the "
                          "forecast takes no meal off."),
        ("warning", "B4", "Show Costs On Call Sheet 'maybe' is not Yes or No; call sheet tabs "
                          "show no costs."),
    ]
    assert forecast(book_of(grids))[2].department("Grip").hours == "13.5 h"  # nothing off


def test_a_department_mixing_its_own_calls_and_a_persons_own_call_counts_each_deal_once():
    """Those who follow Grip's calls are priced as a group per deal; Lee's own 6 AM call
    and Ana's missing rate keep their place in the crew order."""
    book = book_of({
        "Settings": [["Setting", "Value"], ["Timezone", "America/Los_Angeles"]],
        "Days": [["Day", "Date", "Crew Call", "Wrap"], [1, "12/3/26", "7:00A", "8:30P"]],
        "Crew Calls": [["Day", "Who", "Call"], [1, "Lee Chan", "6:00A"]],
        "Crew": [
            ["Name", "Department", "Rate"],
            ["Marcus Bell", "Grip", "$400/10"],
            ["Lee Chan", "Grip", "$400/10"],
            ["Ana Diaz", "Grip", "tbd"],
            ["Bo Li", "grip", "400/10"],
            ["Cy Park", "Grip", "$350/12"],
        ],
    })
    day = forecast(book)[1]
    grip = day.department("Grip")
    assert grip.people == 4
    assert grip.deals == "2 x 13.5 h on $400/10, 14.5 h on $400/10, 13.5 h on $350/12"
    # each person's PD_DAYPAY, the one pay formula, summed
    pay = {(rate, hours): day_pay(parse_rate(rate), hours)
           for rate, hours in (("$400/10", 13.5), ("$400/10", 14.5), ("$350/12", 13.5))}
    assert pay == {("$400/10", 13.5): 618.18, ("$400/10", 14.5): 690.91, ("$350/12", 13.5): 425.0}
    assert grip.pay == round(2 * 618.18 + 690.91 + 425.0, 2)
    assert [(p.name, p.department) for p in day.unrated] == [("Ana Diaz", "Grip")]
