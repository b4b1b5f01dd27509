"""The Distribution tab through every host (xlsx file, Excel on Windows and macOS through
xlwings' own code, Google through gspread, memory): written, read back, text kept as text."""

from __future__ import annotations

import datetime as dt

import pytest

from addin.distribution.store import Confirmation
from addin.distribution.tab import (
    DistributionRow,
    apply_confirmations,
    read_distribution,
    write_distribution,
)
from tests.hosts.factories import FACTORIES
from tests.hosts.factories.base import BookSpec, Factory

CREW = [["Name", "Department", "Email"], ["Marcus Bell", "Grip", "marcus@x.com"]]
ROWS = [
    DistributionRow(1, 1, "Marcus Bell", "Grip", "marcus@x.com", "6:00 AM",
                    "Dec 2, 2026 6:10 PM", "Sent"),
    DistributionRow(1, 1, '=HYPERLINK("http://x","Tony")', "Grip", "", "7:00 AM", "",
                    "No email"),
]


@pytest.fixture(params=sorted(FACTORIES))
def factory(request: pytest.FixtureRequest) -> Factory:
    return FACTORIES[request.param]


def test_distribution_tab_round_trips_and_takes_a_confirmation(factory, tmp_path):
    host = factory.build(tmp_path, BookSpec({"Crew": CREW}))
    name = write_distribution(host, ROWS)
    again = factory.reopen(host)
    assert again.sheet_names() == ["Crew", name, "ProdDesk State"]  # the state lists it
    assert factory.hidden(again, "ProdDesk State") and not factory.hidden(again, name)
    rows = read_distribution(again)
    assert rows[0].status == "No email"  # to chase first
    assert set(rows) == set(ROWS)
    assert factory.cell_text(again, name, "C3") == '=HYPERLINK("http://x","Tony")'
    at = dt.datetime(2026, 12, 2, 19, 5)
    updated, applied = apply_confirmations(rows, [Confirmation("pd-test", 1, 1, "Marcus Bell", at)])
    assert len(applied) == 1
    write_distribution(again, updated)
    final = read_distribution(factory.reopen(again))
    assert [r.status for r in final] == ["No email", "Confirmed Dec 2, 2026 7:05 PM"]
