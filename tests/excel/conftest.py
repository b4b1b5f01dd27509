"""The sample book opened through xlwings' real API on the openpyxl-backed test engine."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from addin.resources import sample_book
from tests.xlwings_engine import open_in_engine


@pytest.fixture
def sample_copy(tmp_path: Path) -> Path:
    """A fresh copy of the sample production book."""
    target = tmp_path / "sample.xlsx"
    shutil.copy(sample_book(), target)
    return target


@pytest.fixture
def live_book(sample_copy: Path):
    """The sample book open as a live xlwings Book."""
    return open_in_engine(sample_copy)
