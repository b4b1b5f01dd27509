"""The Python API: findings and tabs as DataFrames, for a coordinator's own reports."""

from __future__ import annotations

import subprocess
import sys
from datetime import date

import pytest

from addin import api
from addin.errors import InputError
from tests.books import write_xlsx

POS = [
    ["PO #", "Date", "Vendor", "Amount", "Approved By"],
    ["NS2-1001", date(2026, 11, 2), "Apex Grip & Lighting", "$3,100.00", None],
    ["NS2-1002", date(2026, 11, 3), "Apex Grip & Lighting", 450, None],
    ["NS2-1003", date(2026, 11, 4), "Apex Grip & Lighting", 2900, "K. Walsh (UPM)"],
    ["NS2-1004", date(2026, 11, 5), "Apex Grip & Lighting", 5200.5, None],
]


@pytest.fixture
def book(tmp_path):
    return str(write_xlsx(tmp_path / "Night Shift.xlsx", {"POs": POS}))


def test_findings_frame_has_one_row_per_finding_with_the_json_fields(book):
    frame = api.findings_frame(book, today=date(2026, 11, 25))
    assert list(frame.columns) == api.FINDING_COLUMNS
    approvals = frame[frame["rule"] == "po.needs_approval"]
    assert approvals["cell"].tolist() == ["E2", "E5"]
    assert set(approvals["severity"]) == {"warning"}


def test_table_frame_gives_normalised_values_with_sheet_rows(book):
    frame = api.table_frame(book, "POs")
    assert frame["Amount"].tolist() == [3100.0, 450.0, 2900.0, 5200.5]
    assert frame["_row"].tolist() == [2, 3, 4, 5]
    assert frame["Date"].tolist()[0] == date(2026, 11, 2)


def test_a_tab_the_book_lacks_is_named_in_the_error(book):
    with pytest.raises(InputError, match="has no Crew tab"):
        api.table_frame(book, "Crew")


def test_importing_the_api_does_not_load_pandas():
    probe = "import sys, addin.api; print('pandas' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    assert result.stdout.strip() == "False"
