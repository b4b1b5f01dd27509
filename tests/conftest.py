"""Fixtures shared by the test folders."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from google_support import FakeSheets, start_fake_sheets


@pytest.fixture
def fake(monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeSheets]:
    """The Google Sheets API imitation (tests/fake_sheets) on a free port, with ProdDesk's
    Google host pointed at it."""
    with start_fake_sheets() as running:
        monkeypatch.setenv("PRODDESK_SHEETS_API", running.base_url)
        yield running
