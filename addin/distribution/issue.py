"""The day's call sheet as it is sent: the version ``proddesk callsheet --pdf`` makes.

Sending never makes a call sheet of its own: it asks the call sheet command for the
day (``make_callsheets``: a new ``_vN`` when the book changed, else the latest version
again) and its one PDF (the crew's copy: phones only where ``Publish Phone`` allows).
A day that has no call sheet yet gets one made, exactly as ``proddesk callsheet --day N
--pdf`` would have.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from addin.callsheet.revisions import file_stem, load_content, version_path
from addin.errors import InputError

if TYPE_CHECKING:
    from addin.book import Book
    from addin.callsheet.build import CallSheet
    from addin.callsheet.command import Written
    from addin.hosts.base import Host


@dataclass
class Issue:
    """One version of one day's call sheet, ready to send."""

    sheet: CallSheet
    pdf: Path
    previous: dict[str, Any] | None = None
    """The content of the version before (for what changed), None for version 1."""
    made: bool = False
    """Whether this run made the version (else it was made before and is sent again)."""

    @property
    def day(self) -> int:
        """The shoot day."""
        return self.sheet.day

    @property
    def version(self) -> int:
        """The call sheet's version (1, 2 for ``_v2``, ...)."""
        return self.sheet.version

    @property
    def pdf_name(self) -> str:
        """The attachment's file name."""
        return self.pdf.name


def day_issue(host: Host, book: Book, day: int, folder: Path) -> Issue:
    """The day's call sheet (made or reused) with its PDF, in ``folder``; InputError when the
    day does not exist, PdfError when the PDF cannot be made (then nothing is left behind)."""
    from addin.callsheet.build import find_day
    from addin.callsheet.command import (
        add_pdfs,
        default_template,
        discard,
        google_pdfs,
        make_callsheets,
        write_into_book,
    )
    from addin.callsheet.logo import book_logo

    number, _ = find_day(book, day)
    google = hasattr(host, "spreadsheet_id")  # Google makes the PDF from the book's tab
    template = default_template()
    path = getattr(host, "path", None)
    logo, _problem = book_logo(book, None if google or path is None else Path(path))
    if logo:
        template = template.with_logo(logo)
    written = make_callsheets(book, [number], folder, template)
    item: Written = written[0]
    try:
        if not google:
            add_pdfs(written, template)
        elif item.pdf is None:
            google_pdfs(host, written, write_into_book(host, book, written, False))
    except BaseException:
        discard(written)
        raise
    if item.pdf is None:  # pragma: no cover - both routes give the crew copy a PDF
        raise InputError(f"Day {number}'s call sheet has no PDF.")
    sheet = item.sheet
    previous = None
    if sheet.version > 1:
        stem = file_stem(sheet.production, sheet.day, sheet.date)
        previous = load_content(version_path(folder, stem, sheet.version - 1))
    return Issue(sheet, item.pdf, previous, made=not item.reused)
