"""The ProdDesk ribbon tab: one function per button, called by RunPython from macros/excel.

Each button works on the active workbook (``xw.books.active``, never the
add-in), shows progress in the status bar and ends with a message box. A problem
is one sentence in a message box, its details in the log (``addin.logs.LOG_PATH``),
never a Python traceback window; what a button wrote in that run is undone.

Every handler takes optional ``book`` and ``ui`` (and ``today``) so that tests
run them on a workbook they opened and answer the questions themselves.
"""

from __future__ import annotations

import functools
import io
import logging
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import xlwings as xw

from addin import __version__
from addin.errors import AddinError, InputError, TemplateError
from addin.excel.ui import ExcelUI
from addin.logs import LOG_PATH, setup_logging

log = logging.getLogger("addin.excel.ribbon")

CALLSHEET_PREFIX = "Call Sheet D"

HELP = """ProdDesk {version}

Check book: checks the whole book, lists the problems on a Checks tab and marks \
each cell with a fill and a note.
Clear checks: removes the Checks tab and every mark, putting back your own fills and notes.
Call sheet: asks for the shoot day and builds its call sheet into a tab, from your \
'Call Sheet Template' tab if the book has one, else from ProdDesk's template.
Export PDF: saves the call sheet tab you are on as a PDF next to the book.
Day Out of Days: writes the DOOD tab: every cast member's work, hold, drop/pickup and \
travel days, one column per shoot day, with their totals.
Send call sheet: asks for the shoot day, then emails its call sheet to everyone on it \
who has an email, one message each, from your own mailbox (the [mail] settings in \
~/.proddesk/mail.toml), and writes the Distribution tab.
Confirmations: writes the Confirm clicks of the people you sent a call sheet to into the \
Distribution tab (from the ProdDesk server named under [confirm] in ~/.proddesk/mail.toml).
Add missing tabs: adds the production tabs the book lacks, with headers and dropdowns; \
existing tabs are not touched.

The log, for when something goes wrong: {log}"""


def _target(book: xw.Book | None) -> xw.Book:
    if book is not None:
        return book
    try:
        active = xw.books.active
    except Exception as error:
        raise InputError("Open your production book first, then press the button again.") \
            from error
    if active is None or active.name.lower().endswith(".xlam"):
        raise InputError("Open your production book first, then press the button again.")
    return active


def button(title: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Run a handler with progress, one-sentence errors and a fresh function cache after."""

    def wrap(handler: Callable[..., Any]) -> Callable[..., Any]:
        @functools.wraps(handler)
        def run(book: xw.Book | None = None, ui: ExcelUI | None = None, **kwargs: Any) -> Any:
            setup_logging()
            shown: ExcelUI | None = ui
            try:
                target = _target(book)
                shown = shown or ExcelUI(target.app)
                shown.status(f"ProdDesk: {title}...")
                return handler(target, shown, **kwargs)
            except AddinError as error:
                log.warning("%s: %s", title, error)
                _tell(shown, str(error))
            except Exception:
                log.exception("%s failed", title)
                _tell(shown, f"{title} did not work; nothing was changed. "
                             f"The details are in {LOG_PATH}.")
            finally:
                if shown is not None:
                    shown.status(None)
                from addin.excel.udfs import BOOKS

                BOOKS.clear()
            return None

        return run

    return wrap


def _tell(ui: ExcelUI | None, text: str) -> None:
    if ui is None:
        try:
            ui = ExcelUI(xw.apps.active)
        except Exception:
            log.error("no Excel to tell: %s", text)
            return
    ui.message(text, warning=True)


def _book_folder(book: xw.Book) -> Path:
    """The folder the book is saved in (the home folder for a book never saved)."""
    return Path(book.fullname).parent if Path(book.fullname).is_absolute() else Path.home()


def _host(book: xw.Book) -> Any:
    from addin.hosts.excel import ExcelHost

    return ExcelHost(book)


# -- buttons --------------------------------------------------------------------------
@button("Check book")
def check_book(book: xw.Book, ui: ExcelUI, today: date | None = None) -> Any:
    """Validate the active book; Checks tab, fills and notes; a summary in a message box."""
    from addin.run import check_host

    report, result = check_host(_host(book), today, write=True)
    marked = result.marked if result else 0
    ui.message(f"{report.summary()}\n\n{marked} cell(s) marked; the list is on the Checks tab.")
    return report


@button("Clear checks")
def clear_checks(book: xw.Book, ui: ExcelUI) -> Any:
    """Remove the Checks tab and every mark, restoring the book's own fills and notes."""
    from addin.book import read_book
    from addin.publish import clear

    host = _host(book)
    result = clear(host, read_book(host))
    ui.message(f"ProdDesk's checks are cleared; {result.restored} cell(s) put back as they were.")
    return result


def next_shoot_day(days: dict[int, date | None], today: date) -> int:
    """The first shoot day after today; the last one when all are past, the first when undated."""
    numbers = list(days)
    upcoming = [n for n, when in days.items() if when is not None and when > today]
    if upcoming:
        return upcoming[0]
    dated = [n for n, when in days.items() if when is not None]
    return dated[-1] if dated else numbers[0]


def _chosen_day(answer: str) -> tuple[int | None, date | None]:
    from addin.parse import parse_date

    text = answer.strip()
    digits = text.lower().removeprefix("day").strip()
    if digits.isdigit():
        return int(digits), None
    when = parse_date(text)
    if when is None:
        raise InputError(f"'{text}' is not a shoot day; type its number (2) or its date.")
    return None, when


def _ask_day(
    production: Any, ui: ExcelUI, question: str, today: date | None
) -> tuple[int | None, date | None] | None:
    """The shoot day the coordinator types (the next one offered), or None when cancelled."""
    from addin.days import shoot_days

    days = shoot_days(production)
    if not days:
        raise InputError(f"{production.label} has no shoot days on its Days or Schedule tab.")
    answer = ui.ask(question, str(next_shoot_day(days, today or date.today())))
    return None if answer is None else _chosen_day(answer)


@button("Call sheet")
def call_sheet(book: xw.Book, ui: ExcelUI, today: date | None = None) -> Any:
    """Ask for the shoot day, build its call sheet into a tab, offer to export it."""
    from addin.book import read_book
    from addin.callsheet.build import build_callsheet
    from addin.callsheet.render import book_tab
    from addin.owned import find_ownership
    from addin.publish import write_owned_tabs

    host = _host(book)
    production = read_book(host)
    chosen = _ask_day(production, ui, "Which shoot day? (its number, or its date)", today)
    if chosen is None:
        return None
    number, when = chosen
    ui.status("ProdDesk: building the call sheet...")
    sheet, findings = build_callsheet(production, number, when)
    owned = find_ownership(production.grids)
    name = owned.claim_call_sheet(sheet.day)
    write_owned_tabs(host, production.grids, owned, [book_tab(production, sheet, name)])
    host.save()
    problems = f" {len(findings)} problem(s) met, see the Checks button." if findings else ""
    costs = (" It shows the Cost of the day (Settings: Show Costs On Call Sheet), so its PDF "
             "is the production's copy, not the crew's."
             if production.settings.show_costs_on_call_sheet else "")
    if ui.confirm(f"{sheet.day_of}: the call sheet is on the tab '{name}'.{problems}{costs}\n\n"
                  "Export it as a PDF now?"):
        book.sheets[name].activate()
        export_pdf(book, ui)
    return sheet, findings


def _is_own_call_sheet(book: xw.Book, name: str) -> bool:
    """Whether ProdDesk wrote the tab ``name`` as a call sheet (under another name when
    'Call Sheet D2' was the coordinator's)."""
    from addin.owned import find_ownership

    owned = find_ownership(_host(book).read_all())
    return any(kind.startswith("call sheet") and tab == name for kind, tab in owned.tabs.items())


@button("Export PDF")
def export_pdf(book: xw.Book, ui: ExcelUI) -> Path | None:
    """The active call sheet tab as a PDF next to the book, with Excel's own export."""
    sheet = book.sheets.active
    if not (sheet.name.startswith(CALLSHEET_PREFIX) or _is_own_call_sheet(book, sheet.name)):
        raise InputError("Go to a call sheet tab (Call Sheet D1, D2, ...) and press Export PDF.")
    costs = _shows_costs(sheet)
    suffix = " (production copy, with costs)" if costs else ""
    path = _book_folder(book) / f"{Path(book.name).stem} - {sheet.name}{suffix}.pdf"
    try:
        sheet.to_pdf(str(path), show=False, quality="standard")
    except Exception as error:
        reason = str(error) or "this Excel cannot export PDFs"
        raise TemplateError(f"Excel could not save {path.name} as a PDF ({reason}).") from error
    if costs:
        ui.message(f"Saved {path}. It shows the Cost of the day: it is for the production "
                   "office only. For the crew's PDF, set Show Costs On Call Sheet to No on the "
                   "Settings tab and make the call sheet again.")
    else:
        ui.message(f"Saved {path}.")
    return path


def _shows_costs(sheet: xw.Sheet) -> bool:
    """Whether a call sheet tab carries the Cost of the day box (its title is on it)."""
    from addin.callsheet.costs import TITLE

    values = sheet.used_range.value
    rows = values if isinstance(values, list) else [[values]]
    return any(
        isinstance(v, str) and v.startswith(TITLE)
        for row in rows for v in (row if isinstance(row, list) else [row])
    )


@button("Day Out of Days")
def day_out_of_days(book: xw.Book, ui: ExcelUI, today: date | None = None) -> Any:
    """Write ProdDesk's DOOD tab from the schedule, as `proddesk dood` does for a file."""
    from addin.book import read_book
    from addin.dood.build import build_dood
    from addin.dood.tab import write_dood_tab

    host = _host(book)
    production = read_book(host)
    dood = build_dood(production, today)
    name = write_dood_tab(host, production, dood)
    book.sheets[name].activate()
    problems = "".join(f"\n{p.sheet} {p.cell}: {p.message}" for p in dood.problems[:5])
    more = f"\n... and {len(dood.problems) - 5} more." if len(dood.problems) > 5 else ""
    ui.message(f"The Day Out of Days of {len(dood.rows)} cast member(s) over "
               f"{len(dood.days)} day(s) is on the tab '{name}'.{problems}{more}")
    return dood


class _StatusLines(io.TextIOBase):
    """A file for the send's progress lines: each one shown in Excel's status bar."""

    def __init__(self, ui: ExcelUI) -> None:
        self.ui = ui
        self.last = ""
        self._partial = ""

    def write(self, text: str) -> int:
        """Show every complete line as it comes; keep the last one for the message box."""
        *lines, self._partial = (self._partial + text).split("\n")
        for line in (line.strip() for line in lines):
            if line:
                self.last = line
                self.ui.status(f"ProdDesk: {line}")
        return len(text)


@button("Send call sheet")
def send_call_sheet(book: xw.Book, ui: ExcelUI, today: date | None = None) -> int | None:
    """Ask for the shoot day, then email its call sheet to everyone on it who has an email,
    from your own mailbox, as `proddesk send` does (the same code); None when cancelled."""
    from rich.console import Console

    from addin.book import read_book
    from addin.callsheet.build import find_day
    from addin.callsheet.pdf import INSTALL_HINT, PdfError, find_soffice
    from addin.distribution.command import send_day
    from addin.distribution.settings import load_confirm_settings, load_mail_settings
    from addin.parse import format_day

    mail = load_mail_settings()
    confirm = load_confirm_settings()
    if find_soffice() is None:
        raise PdfError(INSTALL_HINT)
    host = _host(book)
    production = read_book(host)
    chosen = _ask_day(production, ui, "Send the call sheet of which shoot day? (its number, "
                      "or its date)", today)
    if chosen is None:
        return None
    number, when = find_day(production, *chosen)
    shown = format_day(when) if when else ""
    if not ui.confirm(f"Email the call sheet of day {number}{' (' + shown + ')' if shown else ''}"
                      f" to everyone on it who has an email, from {mail.sender}?"):
        return None
    progress = _StatusLines(ui)
    code = send_day(host, number, mail=mail, confirm=confirm,
                    folder=_book_folder(book) / "callsheets",
                    out=Console(file=progress, width=300, color_system=None, soft_wrap=True))
    ui.message(progress.last or "Nothing was sent.")
    return code


@button("Confirmations")
def confirmations(book: xw.Book, ui: ExcelUI) -> Any:
    """Pull the confirmations of sent call sheets into the Distribution tab (as
    `proddesk confirmations` does) and say what changed."""
    from addin.distribution.pull_command import pull

    ui.status("ProdDesk: asking the server for confirmations...")
    pulled = pull(_host(book))
    ui.message(pulled.summary())
    return pulled


@button("Add missing tabs")
def add_missing_tabs(book: xw.Book, ui: ExcelUI) -> list[str]:
    """Add every production tab the book lacks, with headers, dropdowns and a frozen header."""
    from addin.excel.tabs import add_tabs, missing_tabs

    wanted = missing_tabs([sheet.name for sheet in book.sheets])
    if not wanted:
        ui.message("The book already has every production tab; nothing was added.")
        return []
    added = add_tabs(book, wanted)
    ui.message(f"Added {len(added)} tab(s): {', '.join(added)}.")
    return added


def show_help(book: xw.Book | None = None, ui: ExcelUI | None = None) -> str:
    """What each button does, the version and where the log is (no book needed)."""
    text = HELP.format(version=__version__, log=LOG_PATH)
    try:
        (ui or ExcelUI(book.app if book is not None else xw.apps.active)).message(text)
    except Exception:
        log.exception("Help could not show its message box")
    return text
