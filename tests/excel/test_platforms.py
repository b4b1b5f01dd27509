"""What only shows through xlwings' own Windows and macOS code (tests/xlwings_platforms)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import openpyxl
import pytest

from addin.excel import ribbon
from addin.excel.tabs import template_tabs
from addin.hosts.excel import ExcelHost, normalise
from addin.hosts.open import open_host
from addin.model import CellError
from addin.report import CHECKS_TAB
from tests.xlwings_platforms import PLATFORMS, Engines
from tests.xlwings_platforms.windows_com import UTC, TimeType

TODAY = dt.date(2026, 12, 1)


@pytest.fixture(params=sorted(PLATFORMS))
def platform(request: pytest.FixtureRequest) -> Engines:
    """Each of xlwings' desktop engines over its stand-in."""
    return Engines(request.param)


def test_what_windows_hands_over_is_what_the_xlsx_host_gives():
    assert normalise(Decimal("1250.5")) == 1250.5 and type(normalise(Decimal("3"))) is float
    when = normalise(TimeType(2026, 12, 3, tzinfo=UTC))
    assert when == dt.date(2026, 12, 3) and type(when) is dt.date
    assert normalise(TimeType(1899, 12, 30, 6, 30, tzinfo=UTC)) == dt.time(6, 30)
    late = normalise(TimeType(2026, 12, 3, 18, 5, tzinfo=UTC))
    assert late == dt.datetime(2026, 12, 3, 18, 5) and late.tzinfo is None
    assert normalise(-2146826281) == CellError("#DIV/0!")


def test_currency_amounts_read_as_numbers(platform, sample_copy):
    on_file = open_host(str(sample_copy)).read_all()["POs"]
    pos = ExcelHost(platform.open(sample_copy)).read_all()["POs"]
    amount = pos[0].index("Amount")
    assert [row[amount] for row in pos[1:]] == [row[amount] for row in on_file[1:]]
    assert not any(isinstance(row[amount], Decimal) for row in pos[1:])


def test_checks_rows_are_filled_across_every_area(platform, sample_copy):
    book = platform.open(sample_copy)
    ribbon.check_book(book, today=TODAY)
    checks = platform.model_sheet(book, CHECKS_TAB)
    width = max(c for _, c in checks.cells)
    first = {r for (r, c), cell in checks.cells.items() if c == 1 and cell.fill}
    last = {r for (r, c), cell in checks.cells.items() if c == width and cell.fill}
    assert len(first) >= 2 and first == last


def test_new_tabs_get_a_frozen_header_and_their_dropdowns(platform, tmp_path):
    wb = openpyxl.Workbook()
    wb.active.title = "Crew List"
    wb.active.append(["Name", "Dept", "Cell"])
    path = tmp_path / "small.xlsx"
    wb.save(path)
    book = platform.open(path)
    added = ribbon.add_missing_tabs(book)
    wanted = {tab.name: tab for tab in template_tabs() if tab.name in added}
    for name, tab in wanted.items():
        sheet = platform.model_sheet(book, name)
        assert sheet.frozen_rows == tab.header_rows, name
        assert len(sheet.validations) == len(tab.dropdowns), name
    assert any(tab.dropdowns for tab in wanted.values())


def test_the_day_question_is_asked_in_excel_and_cancel_stops(platform, sample_copy):
    book = platform.open(sample_copy)
    model = PLATFORMS[platform.name].model(book.app)
    model.inputs.append(None)
    names = [s.name for s in book.sheets]
    assert ribbon.call_sheet(book, today=TODAY) is None
    assert model.asked[-1]["default"] == "1"
    assert [s.name for s in book.sheets] == names
