"""Start-up stays light: a command loads only the libraries it uses.

In Excel every ribbon press starts a Python process, so what ``proddesk`` imports
before doing anything is paid on every click. Each case runs the command in a
fresh interpreter and then looks at what it loaded (behaviour, not timing).
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from tests.books import write_xlsx

HEAVY = ("gspread", "google", "fastapi", "uvicorn", "starlette", "xlwings", "pandas")

_PROBE = """
import contextlib, io, json, sys
from addin.cli import main
with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
    try:
        main(json.loads(sys.argv[1]))
    except SystemExit:
        pass
print(json.dumps(sorted({name.split(".")[0] for name in sys.modules})))
"""


def _loaded_by(argv: list[str]) -> set[str]:
    result = subprocess.run(
        [sys.executable, "-c", _PROBE, json.dumps(argv)],
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    return set(json.loads(result.stdout.strip().splitlines()[-1]))


@pytest.fixture
def book(tmp_path):
    return write_xlsx(
        tmp_path / "book.xlsx",
        {
            "Crew": [["Name", "Department", "Email"], ["Sam Roe", "Grip", "jsmith@gmail"]],
            "Cast": [["Cast #", "Character", "Actor"], [1, "DANA", "Ana Ruiz"]],
            "Schedule": [["Day", "Scene", "Cast", "Location"], [1, "12", "1, 7", "Diner"]],
            "Locations": [["Location", "Address"], ["Diner", "1 Main St"]],
        },
    )


def test_version_loads_none_of_the_heavy_libraries():
    loaded = _loaded_by(["--version"])
    assert "addin" in loaded
    assert not loaded & {*HEAVY, "openpyxl", "lxml", "python_calamine"}


@pytest.mark.parametrize("extra", [[], ["--format", "json"]])
def test_validating_an_xlsx_loads_no_google_server_excel_or_pandas(book, extra):
    loaded = _loaded_by(["validate", str(book), *extra])
    assert "python_calamine" in loaded  # the book really was read
    assert not loaded & set(HEAVY)
