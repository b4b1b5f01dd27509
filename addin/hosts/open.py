"""Open the right host for what the coordinator named: a file path or a Google Sheets URL."""

from __future__ import annotations

import re
from pathlib import Path

from addin.errors import InputError
from addin.hosts.base import Host

GOOGLE_URL = re.compile(r"^https://docs\.google\.com/spreadsheets/d/([A-Za-z0-9_-]+)")


def is_google(target: str) -> bool:
    """Whether the target names a Google spreadsheet (URL or ``gsheet:ID``)."""
    return bool(GOOGLE_URL.match(target)) or target.startswith("gsheet:")


def open_host(
    target: str,
    *,
    output: str | Path | None = None,
    backup: bool = False,
    credentials: str | None = None,
) -> Host:
    """The host for an .xlsx/.xlsm path or a Google spreadsheet URL."""
    if is_google(target):
        from addin.hosts.gsheets import open_spreadsheet

        return open_spreadsheet(target, credentials=credentials)
    path = Path(target)
    if not path.exists():
        raise InputError(f"{target}: no such file.")
    from addin.hosts.xlsx import XlsxHost

    return XlsxHost(path, output=output, backup=backup)
