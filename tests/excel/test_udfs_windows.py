"""Every PD_ function as Excel on Windows runs it: VBA -> xlwings' COM server -> ``call_udf``.

The calls go through xlwings' own ``udfs.call_udf`` and ``_xlwindows.py`` (with
the COM stand-in below them): arguments arrive as COM hands them over — numbers
as floats, dates as pywintypes datetimes with a time zone, a cell reference as
a COM Range (a currency-formatted cell then reads as ``Decimal``), a missing
optional argument as COM's "missing" code — and the answer goes back as the
2-D list xlwings returns to VBA.
"""

from __future__ import annotations

import pytest

from tests.xlwings_platforms import PLATFORMS, Engines
from tests.xlwings_platforms.windows_com import UTC, TimeType, call_udf

MISSING = -2147352572  # what VBA passes for an omitted optional argument


def _date(y: int, m: int, d: int, hour: int = 0) -> TimeType:
    return TimeType(y, m, d, hour, tzinfo=UTC)


@pytest.fixture
def excel(sample_copy):
    """Call a PD_ function from a cell of the sample book open in (stand-in) Windows Excel."""
    book = PLATFORMS["windows"].open(sample_copy)
    caller = book.sheets["Crew"].range("P2").api

    def call(name: str, *args):
        return call_udf(name, args, book.api, caller)

    call.book = book
    return call


def test_pure_functions(excel):
    assert excel("PD_BASEHOURLY", "$400/10") == [[36.36]]
    assert excel("PD_DAYPAY", "$400/10", 13.5, MISSING) == [[618.18]]
    assert excel("PD_DAYPAY", "$400/10", 13.5, True) == [[836.36]]
    wrap, call = _date(1899, 12, 30, 23), _date(1899, 12, 30, 7)
    assert excel("PD_TURNAROUND", wrap, call, MISSING) == [[8.0]]
    assert excel("PD_TURNAROUNDSTATUS", wrap, call, MISSING) == [["FORCED CALL: 8.0 h of 10 h"]]
    call = _date(1899, 12, 30, 6).replace(minute=30)
    assert excel("PD_MEALDUE", call, MISSING) == [["12:30 PM"]]
    assert excel("PD_MEALDUE", call, _date(1899, 12, 30, 13)) == [[1]]
    assert excel("PD_PAGES", "1 3/8") == [["1 3/8"]]
    assert excel("PD_PHONE", "310.555.0143", MISSING) == [["(310) 555-0143"]]
    assert excel("PD_DAYPAY", "TBD", 10.0, MISSING)[0][0].startswith(
        "PD_DAYPAY: rate 'TBD' is not a rate")


def test_lookups_on_the_sample_book(excel):
    assert excel("PD_NEXTPO", None) == [["LT-1030"]]
    assert excel("PD_BUDGETLEFT", 2000.0, None) == [[1334.6]]
    assert excel("PD_CALLTIME", "Marcus Bell", 1.0, None) == [["6:00 AM"]]
    assert excel("PD_COISTATUS", "Backlot Prop House", None, _date(2026, 12, 3)) == [["Expired"]]
    assert excel("PD_SWHF", 9.0, _date(2026, 12, 8), None) == [["SWF"]]
    assert excel("PD_SUNRISE", "Starlite Diner", _date(2026, 12, 3), None) == [["6:42 AM"]]
    assert excel("PD_SUNSET", "Starlite Diner", _date(2026, 12, 3), None) == [["4:43 PM"]]
    assert excel("PD_DAYCOST", 1.0, None, MISSING) == [[21033.19]]
    assert excel("PD_DAYCOST", _date(2026, 12, 3), None, "GRIP") == [[1889.29]]


def test_cell_references_arrive_as_com_ranges(excel):
    book = excel.book
    crew = book.sheets["Crew"]
    names = crew.range("A1:A60").value
    row = names.index("Marcus Bell") + 1
    answer = excel("PD_CALLTIME", crew.range(f"A{row}").api, 1.0, None)
    assert answer == [["6:00 AM"]]
    budget = book.sheets["Budget"]
    assert budget.range("C2").api.Value.__class__.__name__ == "Decimal"  # Currency via COM
    sheet = Engines("windows").model_sheet(book, "Budget")
    sheet.cell(2, 5).value, sheet.cell(2, 5).number_format = 13.5, '"$"#,##0.00'
    assert excel("PD_DAYPAY", "$400/10", budget.range("E2").api, MISSING) == [[618.18]]
    pages = book.sheets["Schedule"]
    assert excel("PD_PAGES", pages.range("G2:G3").api)[0][0].count("/") == 1
