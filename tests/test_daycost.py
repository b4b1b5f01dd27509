"""The overtime forecast's money: the same pay as PD_DAYPAY, overtime above the guarantee."""

from __future__ import annotations

import pytest

from addin import functions
from addin.daycost import (
    DayCost,
    DepartmentCost,
    Unrated,
    day_message,
    department_message,
    person_cost,
    unrated_message,
)
from addin.parse import parse_rate


def _grip(name: str, hours: float = 13.5, rate: str = "$400/10"):
    return person_cost(name, "Grip", hours, parse_rate(rate))


def test_a_13_5_hour_day_on_400_over_10():
    cost = _grip("Marcus Bell")
    # PH(13.5) = 8 + 1.5*4 + 2*1.5 = 17 pay-hours on a 400/11 base
    assert cost.pay == 618.18 == functions.day_pay("$400/10", 13.5)
    assert cost.overtime == 218.18


def test_a_whole_grip_department_on_a_13_5_hour_day():
    grip = DepartmentCost("Grip", [_grip(n) for n in ("Marcus", "Lee", "Ana", "Bo")])
    assert grip.pay == 4 * 618.18 == 2472.72
    assert grip.overtime == 4 * 218.18 == 872.72
    day = DayCost(2, None, [grip])
    assert department_message(day, grip) == (
        "Day 2 forecast: Grip 4 people, $2,472.72 of which $872.72 overtime "
        "(13.5 h on $400/10)."
    )
    assert day_message(day) == (
        "Day 2 forecast total: 4 people, $2,472.72 of which $872.72 overtime."
    )


@pytest.mark.parametrize(
    ("rate", "hours", "pay", "overtime"),
    [
        ("$400/10", 10, 400.0, 0.0),  # the guarantee itself
        ("$400/10", 8, 400.0, 0.0),  # a short day still pays the guarantee
        ("$400/12", 14, 514.29, 114.29),  # the reference's table: 14 h on $400/12
        ("$400/8", 12, 700.0, 300.0),
        ("$2,500/wk", 10, 687.5, 187.5),  # $500/8 a day
        ("$38.50/hr", 10, 423.5, 115.5),  # the hours past 8 (at 1.5x)
        ("$1,500 flat", 14, 1500.0, 0.0),  # a flat fee has no overtime
        ("$750/12 + $50 kit", 13, 907.14, 107.14),  # the kit fee is not overtime
    ],
)
def test_other_deals_pay_as_pd_daypay(rate, hours, pay, overtime):
    cost = person_cost("Someone", "Camera", hours, parse_rate(rate))
    assert cost.pay == pay == functions.day_pay(rate, hours)
    assert cost.overtime == overtime


def test_mixed_department_names_each_deal():
    camera = DepartmentCost("Camera", [
        person_cost("A", "Camera", 13.5, parse_rate("$400/10")),
        person_cost("B", "Camera", 13.5, parse_rate("$400/10")),
        person_cost("C", "Camera", 12, parse_rate("$350/12")),
    ])
    day = DayCost(1, None, [camera])
    assert department_message(day, camera) == (
        "Day 1 forecast: Camera 3 people, $1,586.36 of which $436.36 overtime "
        "(2 x 13.5 h on $400/10, 12 h on $350/12)."
    )
    assert camera.hours == "12-13.5 h"


def test_a_day_without_overtime_and_people_left_out():
    art = DepartmentCost("Art", [person_cost("Dee", "Art", 10, parse_rate("$400/10"))])
    day = DayCost(3, None, [art], unrated=[Unrated("Zed", "Art")], unplanned=["Yu"])
    assert department_message(day, art) == (
        "Day 3 forecast: Art 1 person, $400.00, no overtime (10 h on $400/10)."
    )
    assert day_message(day) == (
        "Day 3 forecast total: 1 person, $400.00, no overtime; not counted: 1 without a rate "
        "and 1 without a call or wrap."
    )


def test_crew_without_a_rate_are_named_once():
    assert unrated_message([Unrated("Ana Diaz", "Grip"), Unrated("Bo Li", "No department")]) == (
        "2 crew have no rate, so the overtime forecast leaves them out: Ana Diaz (Grip), Bo Li."
    )
