"""``proddesk callsheet``: a shoot day's call sheet as xlsx, PDF, JSON or a tab in the book.

Also ``make_callsheets`` (shared by the CLI, the demo and later the ribbon) and
``demo_callsheet`` for ``proddesk demo``.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import logging
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from rich.console import Console
from rich.table import Table as RichTable
from rich.text import Text

from addin.callsheet.pdf import (
    INSTALL_HINT,
    PdfError,
    convert_to_pdf,
    find_soffice,
    font_warning,
    missing_fonts,
)
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
    from addin.hosts.base import Host
    from addin.model import Finding

log = logging.getLogger(__name__)
TEMPLATE_FILE = "callsheet_template.xlsx"
TEMPLATE_KEY = "template_digest"
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
    reused: bool = False
    """The content is that of the latest version: its files are used again, none written."""
    made: list[Path] = field(default_factory=list)
    """Files this run created (removed again when the run fails)."""


def discard(written: list[Written]) -> None:
    """Remove every file a failed run created, so that it leaves no version behind."""
    for item in written:
        for path in item.made:
            path.unlink(missing_ok=True)
        item.made = []


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
    show_costs: bool = False,
) -> list[Written]:
    """Build, version and render the call sheets of ``days`` into ``folder`` as .xlsx files.

    A day whose content changed since its latest version gets the next version,
    with the changes since the previous one listed first and marked on the sheet;
    nothing earlier is overwritten. A day whose content (and template) is unchanged
    reuses the latest version's files. The crew's copy (published phones) is always
    made; with ``heads`` in ``copies`` also the department heads' (every phone,
    ``..._heads.xlsx``); ``show_costs`` puts the Cost of the day on that copy only,
    made again on every run (costs follow rates and hours, which the crew's copy does
    not show). When one day fails, the files made in this call are removed.
    """
    from addin.callsheet.build import build_callsheet
    from addin.callsheet.costs import cost_box, has_cost_box
    from addin.callsheet.marks import mark_changed
    from addin.daycost import forecast as day_forecast

    written: list[Written] = []
    fingerprint = template_fingerprint(template)
    forecast = day_forecast(book) if show_costs else {}
    try:
        for day in days:
            sheet, findings = build_callsheet(book, day)
            sheet.problems = [f.message for f in findings] if show_problems else []
            item = _version(sheet, findings, folder, template, fingerprint, show_problems)
            written.append(item)
            kept = item.copies.get("heads")
            if "heads" in copies and (
                kept is None or show_costs or has_cost_box(kept)
            ):
                heads, _ = build_callsheet(book, day, all_phones=True)
                heads.version, heads.revised = sheet.version, sheet.revised
                heads.changes, heads.problems = sheet.changes, sheet.problems
                heads_data = heads.to_dict()
                earlier = _previous_content(folder, item.xlsx, sheet.version)
                if earlier:
                    heads_data = mark_changed(earlier, heads_data)
                if show_costs:
                    heads_data.update(cost_box(forecast.get(day)))
                item.copies["heads"] = item.xlsx.with_name(f"{item.xlsx.stem}_heads.xlsx")
                item.copies.pop("heads pdf", None)  # made again with --pdf
                if kept is None:
                    item.made.append(item.copies["heads"])
                template.save(heads, item.copies["heads"], show_problems, heads_data)
    except BaseException:
        discard(written)
        raise
    return written


def _version(
    sheet: CallSheet,
    findings: list[Finding],
    folder: Path,
    template: Template,
    fingerprint: str,
    show_problems: bool,
) -> Written:
    """The day's call sheet as a new version, or the latest one when nothing changed."""
    from addin.callsheet.marks import mark_changed, revised_banner

    stem = file_stem(sheet.production, sheet.day, sheet.date)
    latest = latest_version(folder, stem)
    previous = load_content(version_path(folder, stem, latest)) if latest else None
    if previous is not None:
        # stamped as the latest version, the call sheet equals its record when unchanged
        sheet.version, sheet.revised = latest, previous.get("revised", "")
        sheet.changes = list(previous.get("changes", []))
        if same_content(previous, sheet.to_dict(), fingerprint):
            return _reused(sheet, findings, version_path(folder, stem, latest))
        sheet.revised, sheet.changes = "", []
    sheet.version = latest + 1
    sheet.revised = revised_banner(sheet.version)
    if latest:
        if previous is None:
            sheet.changes = [
                f"Version {latest}'s content file is missing, so changes are not listed."
            ]
        else:
            sheet.changes = changes(previous, sheet.to_dict()) or [
                f"Version {latest} was made from another template."
            ]
    data = sheet.to_dict()  # once per day: the changes, the render and the sidecar
    shown = mark_changed(previous, data) if previous else data
    data[TEMPLATE_KEY] = fingerprint
    path = version_path(folder, stem, sheet.version)
    item = Written(sheet, findings, path, None, sheet.changes, made=[path])
    try:
        plan = template.save(sheet, path, show_problems, shown)
        item.made.append(save_content(path, data))
    except BaseException:
        discard([item])
        raise
    item.findings = findings + plan.findings
    return item


def _reused(sheet: CallSheet, findings: list[Finding], path: Path) -> Written:
    """The latest version, unchanged: its stamp, change list and files are used again."""
    pdf = path.with_suffix(".pdf")
    item = Written(sheet, findings, path, pdf if pdf.exists() else None, sheet.changes,
                   reused=True)
    heads = path.with_name(f"{path.stem}_heads.xlsx")
    if heads.exists():
        item.copies["heads"] = heads
        if heads.with_suffix(".pdf").exists():
            item.copies["heads pdf"] = heads.with_suffix(".pdf")
    return item


def _previous_content(folder: Path, path: Path | None, version: int) -> dict | None:
    """The recorded content of the version before ``version`` (for the change marks)."""
    if path is None or version <= 1:
        return None
    stem = path.stem.removesuffix(f"_v{version}")
    return load_content(version_path(folder, stem, version - 1))


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
    todo = [w for w in files if w.pdf is None or "heads" in w.copies]
    todo = [w for w in todo if w.pdf is None or "heads pdf" not in w.copies]
    sources = [w.xlsx for w in todo if w.pdf is None and w.xlsx]
    sources += [w.copies["heads"] for w in todo if "heads" in w.copies
                and "heads pdf" not in w.copies]
    convert_to_pdf(sources)  # one LibreOffice run for every day and copy; a reused PDF is kept
    for item in todo:
        if item.pdf is None and item.xlsx:
            item.pdf = item.xlsx.with_suffix(".pdf")
            item.made.append(item.pdf)
        if "heads" in item.copies and "heads pdf" not in item.copies:
            item.copies["heads pdf"] = item.copies["heads"].with_suffix(".pdf")
            item.made.append(item.copies["heads pdf"])


def run(args: argparse.Namespace, out: Console, err: Console) -> int:
    """Run ``proddesk callsheet``; 0 when made (problems found never stop it)."""
    from addin.book import read_book
    from addin.callsheet.build import build_callsheet
    from addin.callsheet.costs import cost_box
    from addin.callsheet.render import Template
    from addin.daycost import forecast as day_forecast
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
    copies = args.copies
    if args.show_costs and "heads" not in copies:
        copies = (*copies, "heads")  # the costs go on the heads' copy, never the crew's
    if google and args.pdf and book.settings.show_costs_on_call_sheet:
        raise InputError(
            "The Settings say Show Costs On Call Sheet, so the call sheet tab carries the Cost "
            "of the day and its PDF cannot go to the crew; set it to No for the crew's PDF."
        )
    from addin.callsheet.logo import book_logo

    logo, logo_problem = book_logo(book, None if google else Path(args.book))
    if logo:
        template = template.with_logo(logo)
    if args.format == "json":
        payloads = []
        forecast = day_forecast(book) if args.show_costs else {}
        for day in days:
            sheet, findings = build_callsheet(book, day)
            sheet.problems = [f.message for f in findings] if args.show_problems else []
            costs = cost_box(forecast.get(day)) if args.show_costs else {}
            payloads.append({**sheet.to_dict(), **costs,
                             "findings": [f.to_dict() for f in findings]})
        data = payloads[0] if not args.all else {"callsheets": payloads}
        print(json.dumps(data, indent=2, ensure_ascii=False))
        return 0
    if args.pdf and not google and find_soffice() is None:
        raise PdfError(INSTALL_HINT)  # before anything is written
    written = make_callsheets(
        book, days, Path(args.out), template, show_problems=args.show_problems,
        copies=copies, show_costs=args.show_costs,
    )
    if logo_problem and written:
        from addin.callsheet.logo import settings_tab
        from addin.model import Finding, Severity

        written[0].findings.append(Finding(
            Severity.WARNING, "callsheet.no_logo", settings_tab(book) or "Settings", None, None,
            None, logo_problem,
        ))
    try:  # a run that fails leaves nothing: no new version, no PDF, no record
        if args.pdf and not google:
            add_pdfs(written, template)
        tabs = write_into_book(host, book, written, args.show_problems) if into_book else {}
        if args.pdf and google:
            google_pdfs(host, written, tabs)
    except BaseException:
        discard(written)
        raise
    for item in written:
        print_written(item, out)
        if into_book:
            out.print(f"  Tab '{tabs[item.sheet.day]}' written into {host.label}.")
    return 0


def google_pdfs(host: Host, written: list[Written], tabs: dict[int, str]) -> None:
    """PDFs of the written call sheets that have none yet, from Google's own export of
    their tabs in the spreadsheet (``tabs``: the tab names by day)."""
    for item in written:
        if item.xlsx and item.pdf is None:
            item.pdf = item.xlsx.with_suffix(".pdf")
            write_atomic(item.pdf, host.export_pdf(tabs[item.sheet.day]))  # type: ignore[attr-defined]
            item.made.append(item.pdf)


def write_into_book(host: Host, book: Book, written: list[Written], show: bool
                    ) -> dict[int, str]:
    """Write each call sheet as ProdDesk's tab in the book; the tab names by day."""
    from addin.callsheet.render import book_tab
    from addin.publish import write_owned_tabs

    owned = find_ownership(book.grids)
    tabs = {w.sheet.day: owned.claim_call_sheet(w.sheet.day) for w in written}
    write_owned_tabs(host, book.grids, owned, [
        book_tab(book, w.sheet, tabs[w.sheet.day], show) for w in written
    ])
    host.save()
    return tabs


def template_fingerprint(template: Template) -> str:
    """A digest of the template file: a new template makes a new version."""
    return hashlib.sha256(Path(template.path).read_bytes()).hexdigest()[:16]


def same_content(previous: dict, current: dict, fingerprint: str) -> bool:
    """Whether a version's recorded content is the call sheet about to be made; records
    without a template digest (earlier ProdDesk versions) match any template."""
    if previous.get(TEMPLATE_KEY, fingerprint) != fingerprint:
        return False
    recorded = {k: v for k, v in previous.items() if k != TEMPLATE_KEY}
    return recorded == json.loads(json.dumps(current, ensure_ascii=False))


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
    if item.reused:
        console.print(f"  Nothing changed since version {sheet.version} was made: "
                      "its files are used again.")
    elif sheet.version > 1:
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
