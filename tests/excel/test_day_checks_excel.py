"""Check book in Excel (xlwings' own Windows and macOS code over the stand-ins) lists the
sample's forced call and meal penalty in the Checks tab, as the file path does."""

from __future__ import annotations

import datetime as dt

import pytest

from addin.excel import ribbon
from addin.hosts.excel import ExcelHost
from addin.report import CHECKS_TAB
from tests.sample_day_findings import SAMPLE_DAY_ROWS, day_rows
from tests.xlwings_platforms import PLATFORMS, Engines


@pytest.fixture(params=sorted(PLATFORMS))
def platform(request: pytest.FixtureRequest) -> Engines:
    """Each of xlwings' desktop engines over its stand-in."""
    return Engines(request.param)


def test_check_book_lists_the_turnaround_and_the_meal_penalty(platform, sample_copy):
    book = platform.open(sample_copy)
    ribbon.check_book(book, today=dt.date(2026, 11, 25))
    assert day_rows(ExcelHost(book).read_all()[CHECKS_TAB]) == SAMPLE_DAY_ROWS
