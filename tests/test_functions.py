"""Sheet functions: the numbers a coordinator would check against the rules by hand."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from addin.functions import (
    SHEET_NAMES,
    as_grid,
    base_hourly,
    coi_status,
    day_pay,
    meal_due,
    over_ranges,
    pages_total,
    phone,
    turnaround,
    turnaround_status,
)
from addin.model import CellError
from addin.parse import Rate

# industry-rules.md, "Day rates": deal, base, pay at 8, 10, 12 and 14 hours.
RATE_TABLE = [
    ("$400/8", 50.00, 400.00, 550.00, 700.00, 900.00),
    ("$400/10", 36.36, 400.00, 400.00, 509.09, 654.55),
    ("$400/12", 28.57, 400.00, 400.00, 400.00, 514.29),
]


@pytest.mark.parametrize(("deal", "base", "pay8", "pay10", "pay12", "pay14"), RATE_TABLE)
def test_rate_table_of_industry_rules(deal, base, pay8, pay10, pay12, pay14):
    assert base_hourly(deal) == base
    assert [day_pay(deal, hours) for hours in (8, 10, 12, 14)] == [pay8, pay10, pay12, pay14]


@pytest.mark.parametrize(
    ("rate", "expected"),
    [("$800/10", 72.73), ("400", 50.0), (400, 50.0), ("$1,200/12", 85.71),
     (Rate(400.0, 10.0), 36.36), ("$400/12hrs", 28.57)],
)
def test_base_hourly(rate, expected):
    assert base_hourly(rate) == expected


@pytest.mark.parametrize(
    ("rate", "hours", "seventh", "expected"),
    [
        ("$400/10", 13.5, False, 618.18),  # 400/11 * (8 + 6 + 3)
        ("$400/10", 13.5, True, 836.36),  # 400/11 * (12 + 11)
        ("$400/10", 6, True, 581.82),  # guarantee floor: 400/11 * (12 + 4)
        ("$400/8", 8, True, 600.00),
        ("$400/8", 12, True, 1000.00),
        ("$400/10", 6, False, 400.00),
        ("$400/10", "12 hrs", False, 509.09),
        ("400", "10h", False, 550.00),
        ("$400/12", 0, False, 400.00),
        ("$400/12", 24, False, 1085.71),  # 400/14 * (8 + 6 + 24)
    ],
)
def test_day_pay(rate, hours, seventh, expected):
    assert day_pay(rate, hours, seventh_day=seventh) == expected


@pytest.mark.parametrize(
    ("rate", "hours", "message"),
    [
        ("TBD", 10, "PD_DAYPAY: rate 'TBD' is not a rate (write it like $400/12)"),
        ("DOE", 10, "PD_DAYPAY: rate 'DOE' is not a rate (write it like $400/12)"),
        ("", 10, "PD_DAYPAY: the rate is empty"),
        (None, 10, "PD_DAYPAY: the rate is empty"),
        (CellError("#REF!"), 10, "PD_DAYPAY: the rate cell holds the error #REF!"),
        ("$400/10", "lots", "PD_DAYPAY: hours 'lots' is not a number of hours"),
        ("$400/10", None, "PD_DAYPAY: the hours worked are empty"),
        ("$400/10", 30, "PD_DAYPAY: hours '30' is more than a day"),
        ("$400/10", -2, "PD_DAYPAY: hours '-2' is not a number of hours"),
    ],
)
def test_day_pay_refuses_bad_input_with_a_sentence(rate, hours, message):
    with pytest.raises(ValueError) as caught:
        day_pay(rate, hours)
    assert str(caught.value) == message


def test_base_hourly_names_itself_in_errors():
    with pytest.raises(ValueError, match=r"^PD_BASEHOURLY: rate 'TBD' is not a rate"):
        base_hourly("TBD")


@pytest.mark.parametrize(
    ("wrap", "call", "expected"),
    [
        ("11:00 PM", "7:00 AM", 8.0),
        ("7:00 PM", "6:30 AM", 11.5),
        (dt.time(19, 0), dt.time(7, 0), 12.0),
        ("2:00A", "7:00A", 5.0),  # a night shoot wrapping after midnight
        ("7:00 AM", "7:00 AM", 24.0),
        (0.875, 0.25, 9.0),
        ("1915", "0630", 11.25),
        (dt.datetime(2026, 12, 3, 23, 0), dt.datetime(2026, 12, 4, 9, 30), 10.5),
        (dt.datetime(2026, 12, 4, 19, 0), dt.datetime(2026, 12, 7, 7, 0), 60.0),
        ("12/3/2026 11:00 PM", "12/4/2026 9:30 AM", 10.5),
        ("Dec 3, 2026 11:00 PM", "Dec 4, 2026 9:30 AM", 10.5),
        ("2026-12-03T23:00", "2026-12-04 09:30", 10.5),
        (46359.95833333333, 46360.375, 10.0),  # serial date-times: 11 PM, 9 AM
    ],
)
def test_turnaround(wrap, call, expected):
    assert turnaround(wrap, call) == expected


@pytest.mark.parametrize(
    ("call", "lunch", "expected"),
    [
        ("6:30 AM", None, dt.time(12, 30)),
        ("10:00 PM", "", dt.time(4, 0)),  # a night call's meal is due after midnight
        ("6:30 AM", "12:30 PM", 0),
        ("6:30 AM", "1:00 PM", 1),  # 6.5 h: one half hour late ($25 at SAG-AFTRA rates)
        ("6:30 AM", "1:01 PM", 2),  # a part of a half hour counts whole
        ("6:00 AM", "1:30 PM", 3),  # 1 h 30 min late ($110)
        ("6:00 PM", "12:30 AM", 1),  # the lunch after midnight
        ("12/3/2026 6:30 AM", "12/3/2026 1:00 PM", 1),
    ],
)
def test_meal_due(call, lunch, expected):
    assert meal_due(call, lunch) == expected


def test_meal_due_counts_a_daylight_saving_change():
    la = ZoneInfo("America/Los_Angeles")
    call = dt.datetime(2026, 10, 31, 22, 0, tzinfo=la)
    lunch = dt.datetime(2026, 11, 1, 4, 30, tzinfo=la)  # 6.5 h on the clock, 7.5 h worked
    assert meal_due(call, lunch) == 3
    assert meal_due(call, lunch, 7.5) == 0


@pytest.mark.parametrize(
    ("call", "lunch", "message"),
    [
        ("soon", None, "PD_MEALDUE: call 'soon' is not a time"),
        ("", None, "PD_MEALDUE: the call time is empty"),
        ("6:30 AM", "late", "PD_MEALDUE: lunch 'late' is not a time"),
        ("12/3/2026 6:30 AM", "12/2/2026 1:00 PM",
         "PD_MEALDUE: lunch '12/2/2026 1:00 PM' is before the call '12/3/2026 6:30 AM'"),
    ],
)
def test_meal_due_refuses_bad_input(call, lunch, message):
    with pytest.raises(ValueError) as refused:
        meal_due(call, lunch)
    assert str(refused.value).startswith(message)


def test_turnaround_counts_a_daylight_saving_change():
    """Clocks spring forward at 2 AM on Mar 8, 2026 in Los Angeles: 10 PM to 8 AM is 9 h."""
    wrap, call = dt.datetime(2026, 3, 7, 22, 0), dt.datetime(2026, 3, 8, 8, 0)
    assert turnaround(wrap, call) == 10.0
    assert turnaround(wrap, call, tz="America/Los_Angeles") == 9.0
    la = ZoneInfo("America/Los_Angeles")
    assert turnaround(wrap.replace(tzinfo=la), call.replace(tzinfo=la)) == 9.0
    assert turnaround_status(wrap, call, tz="America/Los_Angeles") == "FORCED CALL: 9.0 h of 10 h"


@pytest.mark.parametrize(
    ("wrap", "call", "rest_class", "expected"),
    [
        ("7:00 PM", "6:30 AM", "crew", "OK 11.5 h"),
        ("11:00 PM", "7:00 AM", "crew", "FORCED CALL: 8.0 h of 10 h"),
        ("9:00 PM", "7:00 AM", "crew", "OK 10.0 h"),
        ("7:00 PM", "6:30 AM", "cast", "FORCED CALL: 11.5 h of 12 h"),
        ("7:00 PM", "7:00 AM", "Cast", "OK 12.0 h"),
        ("7:00 PM", "7:00 AM", "SAG-AFTRA", "OK 12.0 h"),
        ("7:45 PM", "6:00 AM", "crew", "OK 10.25 h"),
    ],
)
def test_turnaround_status(wrap, call, rest_class, expected):
    assert turnaround_status(wrap, call, rest_class) == expected


@pytest.mark.parametrize(
    ("wrap", "call", "rest_class", "message"),
    [
        ("late", "7:00 AM", "crew", "PD_TURNAROUND: wrap 'late' is not a time"),
        ("11 PM", "", "crew", "PD_TURNAROUND: the next call time is empty"),
        ("11 PM", "7 AM", "extras", "PD_TURNAROUND: rest class 'extras' is not crew or cast"),
        (
            dt.datetime(2026, 12, 4, 9, 0),
            dt.datetime(2026, 12, 3, 23, 0),
            "crew",
            "PD_TURNAROUND: next call 'Dec 3, 2026 11:00 PM' is before the wrap "
            "'Dec 4, 2026 9:00 AM'",
        ),
    ],
)
def test_turnaround_refuses_bad_input(wrap, call, rest_class, message):
    with pytest.raises(ValueError) as caught:
        turnaround(wrap, call, rest_class)
    assert str(caught.value) == message


def test_turnaround_refuses_an_unknown_time_zone():
    with pytest.raises(ValueError, match=r"^PD_TURNAROUND: time zone 'Mars/Base' is not"):
        turnaround(dt.datetime(2026, 1, 1, 22), dt.datetime(2026, 1, 2, 8), tz="Mars/Base")


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        (["1 3/8", "2 4/8"], "3 7/8"),
        (["3/8", "4/8"], "7/8"),
        (["1", 1.0], "2"),
        ([], "0"),
        ([None, "", "  "], "0"),
        (["4 5/8 pgs", 0.125, "2/8"], "5"),
        ([["1 3/8"], ["2/8"]], "1 5/8"),
        (("1/8" for _ in range(3)), "3/8"),
        ("2 3/8", "2 3/8"),
    ],
)
def test_pages_total(values, expected):
    assert pages_total(values) == expected


def test_pages_total_names_the_bad_value():
    with pytest.raises(ValueError) as caught:
        pages_total(["1 3/8", "half"])
    assert str(caught.value) == "PD_PAGES: 'half' is not a page count (write it like 1 3/8)"


@pytest.mark.parametrize(
    ("text", "region", "expected"),
    [
        ("310.555.0143", "US", "(310) 555-0143"),
        (3105550143.0, "US", "(310) 555-0143"),
        ("+44 20 7946 0958", "US", "+44 20 7946 0958"),
        ("020 7946 0958", "GB", "020 7946 0958"),
        ("", "US", ""),
        (None, "US", ""),
    ],
)
def test_phone(text, region, expected):
    assert phone(text, region) == expected


def test_phone_refuses_an_invalid_number():
    with pytest.raises(ValueError) as caught:
        phone("555-0143")
    assert str(caught.value) == "PD_PHONE: '555-0143' is not a valid phone number for US"


AS_OF = dt.date(2026, 12, 3)


@pytest.mark.parametrize(
    ("expiry", "expected"),
    [
        (None, "Missing"),
        ("", "Missing"),
        ("requested", "Missing"),
        (CellError("#N/A"), "Missing"),
        (dt.date(2026, 12, 2), "Expired"),
        ("11/30/26", "Expired"),
        (dt.date(2026, 12, 3), "Expiring today"),
        (dt.date(2026, 12, 4), "Expiring in 1 day"),
        ("12/10/2026", "Expiring in 7 days"),
        (dt.datetime(2026, 12, 17, 0, 0), "Expiring in 14 days"),
        (dt.date(2026, 12, 18), "Current"),
        (46387, "Current"),  # Dec 31, 2026 as an Excel serial
    ],
)
def test_coi_status(expiry, expected):
    assert coi_status(expiry, AS_OF) == expected


def test_coi_status_warning_days_come_from_settings():
    assert coi_status(dt.date(2026, 12, 30), AS_OF, warning_days=30) == "Expiring in 27 days"
    assert coi_status(dt.date(2026, 12, 30), AS_OF, warning_days=14) == "Current"
    assert coi_status("12/30/2026", "12/3/2026", 30) == "Expiring in 27 days"


def test_coi_status_needs_an_as_of_date():
    with pytest.raises(ValueError, match=r"^PD_COISTATUS: as-of date 'today' is not a date$"):
        coi_status(dt.date(2026, 12, 30), "today")


def _shown(func, *args):
    try:
        return func(*args)
    except ValueError as error:
        return str(error)


def test_over_ranges_answers_a_column_with_messages_in_place_and_blanks_blank():
    cells = as_grid([["310.555.0143"], ["12"], [None], ["+44 20 7946 0958"]])
    assert over_ranges("PD_PHONE", lambda v: _shown(phone, v), cells) == [
        ["(310) 555-0143"],
        ["PD_PHONE: '12' is not a valid phone number for US"],
        [""],
        ["+44 20 7946 0958"],
    ]


def test_over_ranges_repeats_single_cells_and_refuses_uneven_ranges():
    rates, hours = as_grid(["$400/10", "TBD"]), as_grid(13.5)
    assert over_ranges("PD_DAYPAY", lambda r, h: _shown(day_pay, r, h), rates, hours) == [
        [618.18],
        ["PD_DAYPAY: rate 'TBD' is not a rate (write it like $400/12)"],
    ]
    assert over_ranges("PD_DAYPAY", day_pay, as_grid(["$400/10"]), as_grid(12)) == 509.09
    uneven = over_ranges("PD_DAYPAY", day_pay, as_grid(["a", "b"]), as_grid(["c", "d", "e"]))
    assert uneven == "PD_DAYPAY: the ranges are not the same size"


def test_seventh_day_is_read_as_yes_or_no():
    assert day_pay("$400/10", 13.5, "Y") == day_pay("$400/10", 13.5, True) == 836.36
    assert day_pay("$400/10", 13.5, "no") == day_pay("$400/10", 13.5, None) == 618.18
    with pytest.raises(ValueError, match=r"^PD_DAYPAY: 7th day 'maybe' is not yes or no$"):
        day_pay("$400/10", 13.5, "maybe")


def test_sheet_names_are_unique_and_prefixed():
    names = list(SHEET_NAMES.values())
    assert len(set(names)) == len(names)
    assert all(name.startswith("PD_") for name in names)
