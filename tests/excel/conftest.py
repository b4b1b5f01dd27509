"""The sample book opened through xlwings' real API, on every engine the Excel tests cover.

``openpyxl`` is the fast home-made engine of tests/xlwings_engine; ``windows``
and ``mac`` are xlwings' own ``_xlwindows.py`` / ``_xlmac.py`` over the
stand-ins of tests/xlwings_platforms.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from addin.resources import sample_book
from tests.xlwings_platforms import ENGINE_NAMES, Engines


@pytest.fixture(params=ENGINE_NAMES)
def engine(request: pytest.FixtureRequest) -> Engines:
    """Each xlwings engine in turn."""
    return Engines(request.param)


@pytest.fixture
def sample_copy(tmp_path: Path) -> Path:
    """A fresh copy of the sample production book."""
    target = tmp_path / "sample.xlsx"
    shutil.copy(sample_book(), target)
    return target


@pytest.fixture
def live_book(engine: Engines, sample_copy: Path):
    """The sample book open as a live xlwings Book."""
    return engine.open(sample_copy)
