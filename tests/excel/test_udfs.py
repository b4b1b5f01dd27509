"""Every sheet function on values, on ranges and on bad input, through the xlwings wrappers."""

from __future__ import annotations

import datetime as dt

from addin.excel import udfs
from addin.excel.udfs import BookCache

TIME = dt.datetime(1899, 12, 30)  # how Excel hands over a time of day


def test_day_pay_for_400_over_10():
    assert udfs.PD_DAYPAY("$400/10", 10) == 400.0
    assert udfs.PD_DAYPAY("$400/10", 13.5) == 618.18
    assert udfs.PD_DAYPAY("$400/10", 13.5, True) == 836.36
    assert udfs.PD_DAYPAY("$400/10", 13.5, "yes") == 836.36


def test_day_pay_over_a_column_keeps_blank_rows_blank():
    rates = [["$400/10"], ["$800/10"], [None], ["TBD"]]
    hours = [[13.5], [10], [None], [12]]
    assert udfs.PD_DAYPAY(rates, hours) == [
        [618.18], [800.0], [""], ["PD_DAYPAY: rate 'TBD' is not a rate (write it like $400/12)"]
    ]
    assert udfs.PD_DAYPAY(rates[:2], 13.5, True) == [[836.36], [1672.73]]


def test_day_pay_bad_input_is_a_sentence():
    assert udfs.PD_DAYPAY("TBD", 10).startswith("PD_DAYPAY: rate 'TBD' is not a rate")
    assert udfs.PD_DAYPAY("$400/10", "lots").startswith("PD_DAYPAY: hours 'lots'")
    assert udfs.PD_DAYPAY("$400/10", 10, "maybe") == "PD_DAYPAY: 7th day 'maybe' is not yes or no"
    assert udfs.PD_DAYPAY([["$400/10"], ["$400/10"]], [[1], [2], [3]]) == (
        "PD_DAYPAY: the ranges are not the same size"
    )


def test_base_hourly_value_range_and_bad():
    assert udfs.PD_BASEHOURLY("$400/10") == 36.36
    assert udfs.PD_BASEHOURLY([["$400/10"], ["$800/10"]]) == [[36.36], [72.73]]
    assert udfs.PD_BASEHOURLY("") == "PD_BASEHOURLY: the rate is empty"


def test_pages_total_of_a_range():
    assert udfs.PD_PAGES([["1 3/8"], ["2 4/8"], [None]]) == "3 7/8"
    assert udfs.PD_PAGES("4/8") == "4/8"
    assert udfs.PD_PAGES([["1 3/8"], ["lots"]]).startswith("PD_PAGES: 'lots' is not a page count")


def test_meal_due_with_excel_times():
    call, lunch = TIME.replace(hour=6, minute=30), TIME.replace(hour=13)
    assert udfs.PD_MEALDUE(call) == "12:30 PM"  # a time of day reads as Excel shows it
    assert udfs.PD_MEALDUE(call, lunch) == 1  # 6.5 h after the call: one half hour late
    assert udfs.PD_MEALDUE(call, TIME.replace(hour=12)) == 0
    assert udfs.PD_MEALDUE([[call], [TIME.replace(hour=5)]], [[lunch], [lunch]]) == [[1], [4]]
    assert udfs.PD_MEALDUE("soon").startswith("PD_MEALDUE: call 'soon' is not a time")


def test_turnaround_with_excel_times():
    wrap, call = TIME.replace(hour=23), TIME.replace(hour=7)
    assert udfs.PD_TURNAROUND(wrap, call) == 8.0
    assert udfs.PD_TURNAROUNDSTATUS(wrap, call) == "FORCED CALL: 8.0 h of 10 h"
    assert udfs.PD_TURNAROUNDSTATUS(wrap, TIME.replace(hour=11), "cast") == "OK 12.0 h"
    late = TIME.replace(hour=20)
    assert udfs.PD_TURNAROUND([[wrap], [late]], [[call], [call]]) == [[8.0], [11.0]]
    assert udfs.PD_TURNAROUND("late", call).startswith("PD_TURNAROUND: wrap 'late' is not a time")
    assert udfs.PD_TURNAROUND(wrap, call, "grip").startswith("PD_TURNAROUND: rest class 'grip'")


def test_phone_value_range_and_bad():
    assert udfs.PD_PHONE("310.555.0143") == "(310) 555-0143"
    assert udfs.PD_PHONE([["310.555.0143"], ["+44 20 7946 0958"]]) == [
        ["(310) 555-0143"], ["+44 20 7946 0958"]
    ]
    assert udfs.PD_PHONE("12").startswith("PD_PHONE: '12' is not a valid phone number")


def test_lookups_on_the_sample_book(live_book):
    caller = live_book.sheets["Crew"].range("P2")
    assert udfs.PD_CALLTIME("Marcus Bell", 1, caller) == "6:00 AM"
    assert udfs.PD_CALLTIME([["Marcus Bell"], ["Nadia Rosen"]], 1, caller) == [
        ["6:00 AM"], ["7:00 AM"]
    ]
    assert udfs.PD_CALLTIME("Zed", 1, caller) == (
        "PD_CALLTIME: nobody named 'Zed' on the Crew or Cast tab"
    )
    assert udfs.PD_COISTATUS("Backlot Prop House", caller, dt.datetime(2026, 12, 3)) == "Expired"
    assert udfs.PD_COISTATUS("Acme Grip & Electric", caller, dt.datetime(2027, 6, 20)) == (
        "Expiring in 10 days"
    )
    assert udfs.PD_COISTATUS("Nobody Inc", caller).startswith("PD_COISTATUS: no vendor named")
    assert udfs.PD_BUDGETLEFT(2000, caller) == 1334.6
    assert udfs.PD_BUDGETLEFT("9999", caller) == (
        "PD_BUDGETLEFT: account '9999' is not on the Budget tab"
    )
    assert udfs.PD_NEXTPO(caller) == "LT-1030"
    assert udfs.PD_SWHF(2, [[1], [2], [3], [4]], caller) == [["SW"], ["W"], ["H"], ["WF"]]
    assert udfs.PD_SWHF(9, dt.datetime(2026, 12, 8), caller) == "SWF"
    assert udfs.PD_SWHF(42, 1, caller) == "PD_SWHF: cast # '42' is not on the Cast tab"
    assert udfs.PD_SUNRISE("Starlite Diner", dt.datetime(2026, 12, 3), caller) == "6:42 AM"
    assert udfs.PD_SUNSET("Starlite Diner", dt.datetime(2026, 12, 3), caller) == "4:43 PM"
    assert udfs.PD_SUNSET("Mars", dt.datetime(2026, 12, 3), caller).startswith(
        "PD_SUNSET: no location named 'Mars'"
    )
    assert udfs.PD_DAYCOST(1, caller) == 21033.19  # the day.overtime forecast of day 1
    assert udfs.PD_DAYCOST([[1], [2]], caller, "Grip") == [[1889.29], [1850.0]]
    assert udfs.PD_DAYCOST(9, caller) == "PD_DAYCOST: day 9 is not a shoot day in the book"
    assert udfs.PD_NEXTPO(None) == "PD_NEXTPO: use it in a cell of the production book"


def test_book_read_once_per_recalculation(live_book):
    now = [0.0]
    cache = BookCache(clock=lambda: now[0])
    caller = live_book.sheets["Crew"].range("P2")
    for _ in range(50):  # one recalculation: a burst of calls
        cache.book_of(caller)
        now[0] += 0.01
    assert cache.reads == 1
    now[0] += 5  # the next recalculation, after a pause
    cache.book_of(caller)
    assert cache.reads == 2
