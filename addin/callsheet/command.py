"""``proddesk callsheet``: a shoot day's call sheet as xlsx, PDF, JSON or a tab in the book.

Also ``make_callsheets`` (shared by the CLI, the demo and later the ribbon) and
``demo_callsheet`` for ``proddesk demo``.
"""

from __future__ import annotations

import argparse
import json
import logging
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from rich.console import Console
from rich.table import Table as RichTable
from rich.text import Text

from addin.callsheet.pdf import PdfError, convert_to_pdf, font_warning, missing_fonts
from addin.callsheet.revisions import (
    changes,
    file_stem,
    latest_version,
    load_content,
    save_content,
    version_path,
)
from addin.errors import InputError
from addin.files import write_atomic
from addin.owned import call_sheet_name, find_ownership

if TYPE_CHECKING:  # pandas and openpyxl load only when the command runs
    from addin.book import Book
    from addin.callsheet.build import CallSheet
    from addin.callsheet.render import Template
    from addin.model import Finding

log = logging.getLogger(__name__)
TEMPLATE_FILE = "callsheet_template.xlsx"
STYLES = {"error": "bold red", "warning": "yellow", "info": "cyan"}


@dataclass
class Written:
    """One day's call sheet as made: its content, files and the problems met."""

    sheet: CallSheet
    findings: list[Finding]
    xlsx: Path | None = None
    pdf: Path | None = None
    changes: list[str] = field(default_factory=list)
    copies: dict[str, Path] = field(default_factory=dict)
    """Other recipients' copies: ``heads`` (every phone) .xlsx, ``heads pdf`` with --pdf."""


def default_template() -> Template:
    """The call sheet template ProdDesk ships."""
    from addin.callsheet.render import Template
    from addin.resources import workbook

    return Template(workbook(TEMPLATE_FILE))


def tab_name(day: int) -> str:
    """The name of a day's call sheet tab when it is free: ``Call Sheet D2``."""
    return call_sheet_name(day)


def make_callsheets(
    book: Book,
    days: list[int],
    folder: Path,
    template: Template,
    *,
    show_problems: bool = False,
    copies: tuple[str, ...] = ("crew",),
) -> list[Written]:
    """Build, version and render the call sheets of ``days`` into ``folder`` as .xlsx files.

    A day whose call sheet exists gets the next version, with the changes since
    the previous one listed first and marked on the sheet; nothing earlier is
    overwritten. The crew's copy (published phones) is always made; with
    ``heads`` in ``copies`` also the department heads' (every phone, ``..._heads.xlsx``).
    """
    from addin.callsheet.build import build_callsheet
    from addin.callsheet.marks import mark_changed, revised_banner

    written: list[Written] = []
    for day in days:
        sheet, findings = build_callsheet(book, day)
        sheet.problems = [f.message for f in findings] if show_problems else []
        stem = file_stem(sheet.production, sheet.day, sheet.date)
        latest = latest_version(folder, stem)
        sheet.version = latest + 1
        sheet.revised = revised_banner(sheet.version)
        data = sheet.to_dict()  # once per day: the changes, the render and the sidecar
        shown = data
        previous = None
        if latest:
            previous = load_content(version_path(folder, stem, latest))
            if previous is None:
                sheet.changes = [
                    f"Version {latest}'s content file is missing, so changes are not listed."
                ]
            else:
                sheet.changes = changes(previous, data) or [f"No changes since version {latest}."]
            data = sheet.to_dict()
            shown = mark_changed(previous, data) if previous else data
        path = version_path(folder, stem, sheet.version)
        plan = template.save(sheet, path, show_problems, shown)
        item = Written(sheet, findings + plan.findings, path, None, sheet.changes)
        if "heads" in copies:
            heads, _ = build_callsheet(book, day, all_phones=True)
            heads.version, heads.revised = sheet.version, sheet.revised
            heads.changes, heads.problems = sheet.changes, sheet.problems
            heads_data = heads.to_dict()
            if previous:
                heads_data = mark_changed(previous, heads_data)
            item.copies["heads"] = path.with_name(f"{path.stem}_heads.xlsx")
            template.save(heads, item.copies["heads"], show_problems, heads_data)
        save_content(path, data)
        written.append(item)
    return written


def add_pdfs(written: list[Written], template: Template | None = None) -> None:
    """PDFs of the written call sheets, in one LibreOffice run; PdfError when it cannot.

    With the ``template`` they were made from, a font of it that this machine lacks
    is a warning on the first call sheet (its PDF's lines may break differently).
    """
    from addin.model import Finding, Severity

    files = [w for w in written if w.xlsx]
    if template is not None and files:
        for font in missing_fonts(template.fonts):
            message = font_warning(font, template.path.name)
            log.warning(message)
            files[0].findings.append(
                Finding(Severity.WARNING, "callsheet.font_missing", template.path.name, None,
                        None, None, message)
            )
    sources = [path for w in files for path in (w.xlsx, *w.copies.values()) if path]
    convert_to_pdf(sources)  # one LibreOffice run for every day and copy
    for item in files:
        item.pdf = item.xlsx.with_suffix(".pdf") if item.xlsx else None
        if "heads" in item.copies:
            item.copies["heads pdf"] = item.copies["heads"].with_suffix(".pdf")


def add_parser(commands: argparse._SubParsersAction) -> argparse.ArgumentParser:
    """Add the ``callsheet`` subcommand to the CLI's subparsers."""
    parser = commands.add_parser(
        "callsheet", help="make a shoot day's call sheet (xlsx, PDF or JSON)"
    )
    parser.add_argument("book", help="an .xlsx/.xlsm file or a Google Sheets URL")
    which = parser.add_mutually_exclusive_group(required=True)
    which.add_argument("--day", type=int, metavar="N", help="the shoot day number")
    which.add_argument("--date", type=_date_arg, metavar="YYYY-MM-DD", help="the shoot day's date")
    which.add_argument("--all", action="store_true", help="every shoot day")
    parser.add_argument(
        "--out", default="callsheets", metavar="FOLDER", help="folder for the files (callsheets)"
    )
    parser.add_argument("--pdf", action="store_true", help="also make PDFs (LibreOffice)")
    parser.add_argument("--template", metavar="XLSX", help="your own call sheet template")
    parser.add_argument(
        "--format", choices=("xlsx", "json"), default="xlsx",
        help="json prints the call sheet's content and writes no file",
    )
    parser.add_argument(
        "--into-book", action="store_true",
        help="also write the call sheet as a tab 'Call Sheet D<N>' in the book (keeps a .bak)",
    )
    parser.add_argument(
        "--show-problems", action="store_true",
        help="list the problems found on the call sheet's notes area",
    )
    parser.add_argument(
        "--copies", type=_copies_arg, default=("crew",), metavar="crew,heads",
        help="recipients' copies: crew (published phones; always made) and heads (every phone)",
    )
    parser.add_argument("--credentials", help="Google service-account key file")
    parser.set_defaults(run=run)
    return parser


def _copies_arg(text: str) -> tuple[str, ...]:
    names = tuple(dict.fromkeys(part.strip().lower() for part in text.split(",") if part.strip()))
    unknown = [n for n in names if n not in ("crew", "heads")]
    if unknown or not names:
        raise argparse.ArgumentTypeError(
            f"'{text}' is not a list of copies; use crew, heads or crew,heads"
        )
    return names


def _date_arg(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a date like 2026-12-04") from None


def run(args: argparse.Namespace, out: Console, err: Console) -> int:
    """Run ``proddesk callsheet``; 0 when made (problems found never stop it)."""
    from addin.book import read_book
    from addin.callsheet.build import build_callsheet
    from addin.callsheet.render import Template, book_tab
    from addin.hosts.open import is_google, open_host

    if args.format == "json" and (args.pdf or args.into_book):
        raise InputError("--format json prints the call sheet's content only; leave out "
                         "--pdf and --into-book, or run them separately.")
    template = Template(args.template) if args.template else default_template()
    google = is_google(args.book)
    into_book = args.into_book or google  # a Google book gets its tab; no file copy exists
    host = open_host(args.book, backup=into_book, credentials=args.credentials)
    book = read_book(host)
    days = _days(book, args)
    from addin.callsheet.logo import book_logo

    logo, logo_problem = book_logo(book, None if google else Path(args.book))
    if logo:
        template = template.with_logo(logo)
    if args.format == "json":
        payloads = []
        for day in days:
            sheet, findings = build_callsheet(book, day)
            sheet.problems = [f.message for f in findings] if args.show_problems else []
            payloads.append({**sheet.to_dict(), "findings": [f.to_dict() for f in findings]})
        data = payloads[0] if not args.all else {"callsheets": payloads}
        print(json.dumps(data, indent=2, ensure_ascii=False))
        return 0
    written = make_callsheets(
        book, days, Path(args.out), template, show_problems=args.show_problems,
        copies=args.copies,
    )
    if logo_problem and written:
        from addin.callsheet.logo import settings_tab
        from addin.model import Finding, Severity

        written[0].findings.append(Finding(
            Severity.WARNING, "callsheet.no_logo", settings_tab(book) or "Settings", None, None,
            None, logo_problem,
        ))
    tabs: dict[int, str] = {}
    if into_book:
        from addin.publish import write_owned_tabs

        owned = find_ownership(book.grids)
        tabs = {w.sheet.day: owned.claim_call_sheet(w.sheet.day) for w in written}
        write_owned_tabs(host, book.grids, owned, [
            book_tab(book, w.sheet, tabs[w.sheet.day], args.show_problems) for w in written
        ])
        host.save()
    pdf_error: PdfError | None = None
    if args.pdf and google:
        for item in written:
            item.pdf = item.xlsx.with_suffix(".pdf") if item.xlsx else None
            if item.pdf:
                write_atomic(item.pdf, host.export_pdf(tabs[item.sheet.day]))
    elif args.pdf:
        try:
            add_pdfs(written, template)
        except PdfError as error:
            pdf_error = error
    for item in written:
        print_written(item, out)
        if into_book:
            out.print(f"  Tab '{tabs[item.sheet.day]}' written into {host.label}.")
    if pdf_error is not None:
        raise pdf_error
    return 0


def _days(book: Book, args: argparse.Namespace) -> list[int]:
    from addin.days import shoot_days

    if args.all:
        days = list(shoot_days(book))
        if not days:
            raise InputError(f"{book.label} has no shoot days on its Days or Schedule tab.")
        return days
    from addin.callsheet.build import find_day

    number, _ = find_day(book, args.day, args.date)
    return [number]


def print_written(item: Written, console: Console) -> None:
    """What was written for one day, its changes and its problems."""
    sheet = item.sheet
    when = f", {sheet.date_text}" if sheet.date_text else ""
    version = f" (version {sheet.version})" if sheet.version > 1 else ""
    console.print(Text(f"{sheet.day_of}{when}{version}", style="bold"))
    if item.xlsx:
        console.print(f"  Call sheet: {item.xlsx}", highlight=False)
    if item.pdf:
        console.print(f"  PDF:        {item.pdf}", highlight=False)
    for name, path in item.copies.items():
        label = f"{name.replace('heads', 'Heads copy').replace(' pdf', ' PDF')}:"
        console.print(f"  {label:<16}{path}", highlight=False)
    if sheet.version > 1:
        console.print(f"  Changes since version {sheet.version - 1}:")
        for line in item.changes:
            console.print(f"    - {line}", highlight=False)
    if item.findings:
        table = RichTable(show_header=True, expand=False, box=None, pad_edge=False)
        table.add_column("  ", no_wrap=True)
        table.add_column("Where", no_wrap=True)
        table.add_column("Problem", overflow="fold")
        for finding in sorted(item.findings, key=lambda f: f.sort_key):
            where = f"{finding.sheet}!{finding.cell}" if finding.cell else finding.sheet
            table.add_row(
                Text(f"  {finding.severity.value}", style=STYLES[finding.severity.value]),
                where,
                finding.message,
            )
        console.print(table)


def demo_callsheet(book_path: Path, folder: Path, console: Console) -> list[Path]:
    """Day 1's call sheet of the demo book into ``folder`` (xlsx, and PDF when LibreOffice is
    installed); earlier demo call sheets of that day are replaced. Returns the files made."""
    from addin.book import read_book
    from addin.callsheet.build import build_callsheet
    from addin.days import shoot_days
    from addin.hosts.xlsx import XlsxHost

    book = read_book(XlsxHost(book_path))
    first = next(iter(shoot_days(book)), None)
    if first is None:
        return []
    sheet, _ = build_callsheet(book, first)
    stem = file_stem(sheet.production, sheet.day, sheet.date)
    pattern = re.compile(re.escape(stem) + r"(?:_v\d+)?\.(?:xlsx|pdf|json)$")
    for old in folder.glob(f"{stem}*"):
        if pattern.match(old.name):
            old.unlink()
    template = default_template()
    written = make_callsheets(book, [first], folder, template)
    try:
        add_pdfs(written, template)
    except PdfError as error:
        console.print(f"[yellow]{error}[/yellow]", highlight=False)
    item = written[0]
    files = [p for p in (item.xlsx, item.pdf) if p is not None]
    console.print(f"  Day {first}'s call sheet: " + ", ".join(str(p.resolve()) for p in files),
                  highlight=False)
    return files
