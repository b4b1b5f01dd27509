"""ProdDesk from Python: a book's findings and tabs as pandas DataFrames.

For whole-table work (exports, reports, budget roll-ups in a notebook)::

    from addin import api
    findings = api.findings_frame("Night Shift.xlsx")
    findings.groupby(["sheet", "rule"]).size()
    pos = api.table_frame("Night Shift.xlsx", "POs")

pandas is loaded when one of these runs, not when ProdDesk starts.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from addin.errors import InputError

if TYPE_CHECKING:
    import pandas as pd

    from addin.book import Book

FINDING_COLUMNS = ["severity", "rule", "sheet", "row", "column", "cell", "message", "suggestion"]


def read(target: str, credentials: str | None = None) -> Book:
    """The book of an .xlsx/.xlsm file or a Google Sheets URL, read once."""
    from addin.book import read_book
    from addin.hosts.open import open_host

    return read_book(open_host(target, credentials=credentials))


def findings_frame(
    target: str, today: date | None = None, credentials: str | None = None
) -> pd.DataFrame:
    """Every finding of the book, one row each, with the columns of ``--format json``."""
    import pandas as pd

    from addin.run import check_book

    report = check_book(read(target, credentials), today)
    return pd.DataFrame([f.to_dict() for f in report.findings], columns=FINDING_COLUMNS)


def table_frame(target: str, tab: str, credentials: str | None = None) -> pd.DataFrame:
    """One recognised tab (``"POs"``, ``"Crew"``, ...) as normalised values, with ``_row``
    (the row number in the sheet): dates as dates, amounts as numbers, blanks as None."""
    book = read(target, credentials)
    table = book.table(tab)
    if table is None:
        known = ", ".join(sorted(book.tables)) or "none"
        raise InputError(f"{book.label} has no {tab} tab ProdDesk recognises (it has: {known}).")
    return table.values
