"""One run, end to end: open the host, read the book, run the rules, publish.

Shared by the CLI, the Excel ribbon, the Google sync and the HTTP server.
"""

from __future__ import annotations

from contextlib import nullcontext
from datetime import date
from pathlib import Path

from rich.console import Console

from addin.book import Book, collector_paused, read_book
from addin.errors import InputError
from addin.hosts.base import Host, SheetContent
from addin.hosts.open import is_google, open_host
from addin.mapping import COLUMNS_TAB, columns_tab_rows, is_columns_tab
from addin.publish import PublishResult, clear, publish
from addin.readout import read_summary
from addin.report import Report
from addin.rules import run_rules


def check_book(book: Book, today: date | None = None) -> Report:
    """Run every rule over a book that is already read."""
    today = today or date.today()
    return Report(book.label, run_rules(book, today), checked_on=today, read=read_summary(book))


def check_host(
    host: Host, today: date | None = None, write: bool = False
) -> tuple[Report, PublishResult | None]:
    """Read and check a host; with ``write`` publish the Checks tab and marks into it."""
    book = read_book(host)
    report = check_book(book, today)
    result = publish(host, book, report) if write else None
    return report, result


def validate_target(
    target: str,
    *,
    today: date | None = None,
    annotate: str | None = None,
    in_place: bool = False,
    credentials: str | None = None,
    status: Console | None = None,
) -> tuple[Report, str | None]:
    """Validate a file or spreadsheet; returns the report and where marks were written.

    A Google spreadsheet is live and shared, so its Checks tab and marks are
    always written into it (``--in-place`` is implied; ``--annotate`` is refused).
    """
    if is_google(target):
        if annotate:
            raise InputError(
                "--annotate writes a marked copy of an Excel file; a Google spreadsheet gets "
                "its Checks tab and marks written into it by plain `proddesk validate URL`."
            )
        in_place = True
    elif annotate and Path(annotate).resolve() == Path(target).resolve():
        raise InputError(
            f"{annotate}: --annotate must name a new file; use --in-place to mark the book itself."
        )
    spinner = (
        status.status("Reading the book...") if status and status.is_terminal else nullcontext()
    )
    with spinner as live:
        host = open_host(target, output=annotate, backup=in_place, credentials=credentials)
        with collector_paused():
            book = read_book(host)
            if live:
                live.update("Checking...")
            report = check_book(book, today)
        written = None
        if annotate or in_place:
            if live:
                live.update("Writing the Checks tab, fills and notes...")
            publish(host, book, report)
            written = annotate or host.label
    return report, written


def clear_target(target: str, *, credentials: str | None = None) -> tuple[int, str]:
    """Remove ProdDesk's tabs and marks from a file or spreadsheet (in place, with a .bak)."""
    host = open_host(target, backup=True, credentials=credentials)
    result = clear(host, read_book(host))
    return result.restored, host.label


def write_columns_tab(target: str, *, credentials: str | None = None) -> tuple[int, str]:
    """Add the ProdDesk Columns tab, pre-filled with what was understood (in place, .bak kept).

    Returns the number of mapping rows written and the book's label. A book that
    already has the tab is refused: it is the coordinator's, never overwritten.
    """
    host = open_host(target, backup=True, credentials=credentials)
    book = read_book(host)
    existing = next((name for name in book.sheet_names if is_columns_tab(name)), None)
    if existing:
        raise InputError(
            f"{host.label} already has a '{existing}' tab; edit your mapping there "
            "(ProdDesk never overwrites it)."
        )
    rows = columns_tab_rows(book)
    host.write_sheets([SheetContent(COLUMNS_TAB, rows, widths=[14, 18, 30])])
    host.save()
    return len(rows) - 1, host.label
