"""``proddesk send``: the day's call sheet to everyone on it, one message each.

Settings first (nothing is made or sent without a usable mail server), then the day's
call sheet and PDF as ``proddesk callsheet --pdf`` makes them, then one message per
person over one SMTP connection. Each accepted message is recorded at once (the
journal beside the PDF), and the Distribution tab is written at the end, also when the
send stops halfway; a rerun sends only to the people who do not have this version yet.
"""

from __future__ import annotations

import argparse
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from rich.console import Console

from addin.distribution.tab import NO_EMAIL, DistributionRow, merge, when

if TYPE_CHECKING:
    from collections.abc import Iterable

    from addin.distribution.message import Mailing, Outgoing
    from addin.distribution.recipients import Recipient
    from addin.distribution.settings import ConfirmSettings, MailSettings
    from addin.hosts.base import Host

EXIT_OK, EXIT_SOME_NOT_SENT = 0, 1


def row_for(person: Recipient, day: int, version: int, sent_at: str, status: str
            ) -> DistributionRow:
    """The Distribution row of one person for one version."""
    return DistributionRow(day, version, person.name, person.department,
                           person.email or person.typed, person.call, sent_at, status)


def run(args: argparse.Namespace, out: Console, err: Console) -> int:
    """Run ``proddesk send``; 0 when every message went, 1 when some could not be sent."""
    from addin.callsheet.pdf import INSTALL_HINT, PdfError, find_soffice
    from addin.distribution.settings import load_confirm_settings, load_mail_settings
    from addin.hosts.open import is_google, open_host

    mail = None if args.dry_run else load_mail_settings(args.config)
    confirm = load_confirm_settings(args.config)
    google = is_google(args.book)
    if not google and find_soffice() is None:
        raise PdfError(INSTALL_HINT)  # before anything is made or sent
    host = open_host(args.book, backup=True, credentials=args.credentials)
    if not args.dry_run and getattr(host, "path", None) is not None:
        from addin.hosts.xlsx_open import check_target

        check_target(host.path)  # open in Excel or read-only: refused before anything goes
    return send_day(host, args.day, mail=mail, confirm=confirm, folder=Path(args.out),
                    out=out, only=args.only, changed_only=args.changed_only,
                    dry_run=args.dry_run)


def send_day(host: Host, day: int, *, mail: MailSettings | None,
             confirm: ConfirmSettings | None, folder: Path, out: Console,
             only: Iterable[str] = (), changed_only: bool = False, dry_run: bool = False
             ) -> int:
    """Send day ``day``'s call sheet from an open book (``proddesk send``'s and Excel's Send
    call sheet button's one path): 0 when every message went, 1 when some could not be sent.
    ``mail`` may be None only for a dry run."""
    from addin.book import read_book
    from addin.distribution.issue import day_issue
    from addin.distribution.journal import Journal, journal_path, read_journal
    from addin.distribution.message import compose_mailing, token_link
    from addin.distribution.smtp import connect, send_all
    from addin.distribution.tab import read_distribution
    from addin.timezones import production_tzinfo

    book = read_book(host)
    zone = production_tzinfo(book)  # "Sent at" in the production's time, as confirmations are
    issue = day_issue(host, book, day, folder)
    book_id = _book_id(host) if confirm else ""
    sender = mail.sender if mail else "(your mailbox)"
    mailing = compose_mailing(
        book, issue, sender=sender, reply_to=mail.reply_to if mail else sender,
        confirm_link=token_link(confirm, book_id), only=only,
        changed_only=changed_only,
    )
    grids = host.read_all()  # as now: a Google call sheet tab or a new book id was saved
    journal = journal_path(issue.pdf)
    rows = merge(read_distribution(host, grids), read_journal(journal))
    delivered = {r.key for r in rows if r.delivered}
    todo = [m for m in mailing.messages
            if (m.day, m.revision, _key(m.recipient.name)) not in delivered]
    _print_heading(mailing, out)
    if dry_run:
        _print_dry_run(todo, mailing, out)
        return EXIT_OK
    assert mail is not None
    unreachable = [row_for(p, issue.day, issue.version, "", p.problem or NO_EMAIL)
                   for p in mailing.unreachable]
    if not todo:
        out.print(f"  Everyone with an email already has version {issue.version}: nothing "
                  "sent.", highlight=False)
    made: list[DistributionRow] = []
    record = Journal(journal)
    bounced = 0

    def report(outgoing: Outgoing, status: str, at: datetime) -> None:
        nonlocal bounced
        row = row_for(outgoing.recipient, outgoing.day, outgoing.revision,
                      when(at.astimezone(zone)), status)
        record.record(row)
        made.append(row)
        bounced += status != "Sent"
        person = outgoing.recipient
        out.print(f"  {len(made)}/{len(todo)} {status}: {person.name} <{person.email}>",
                  highlight=False)

    pdf = issue.pdf.read_bytes()
    server = connect(mail) if todo else None  # a refused login changes nothing in the book
    try:
        if server is not None:
            send_all(mail, todo, pdf, report, server)
    finally:  # what went is in the tab even when the send stopped halfway
        tab = _write_tab(host, merge(rows, [*unreachable, *made]), grids, len(made))
    sent = len(made) - bounced
    out.print(f"Sent {sent} message(s); {bounced} refused by the server; "
              f"{len(unreachable)} without an email mail can go to. Distribution tab '{tab}' "
              f"in {host.label}.", highlight=False)
    return EXIT_SOME_NOT_SENT if bounced or any(
        p.problem != NO_EMAIL for p in mailing.unreachable) else EXIT_OK


def _write_tab(host: Host, rows: list[DistributionRow], grids: dict, went: int) -> str:
    """Write the Distribution tab; when the book cannot be saved now, say that the messages
    went and that the next run writes the tab (the journal has every one)."""
    from addin.distribution.tab import write_distribution
    from addin.errors import HostError

    try:
        return write_distribution(host, rows, grids)
    except HostError as error:
        raise HostError(f"{went} message(s) went, but the Distribution tab could not be "
                        f"written: {error} Run the same send again then: it writes the tab "
                        "and sends nobody twice.") from None


def _key(name: str) -> str:
    from addin import parse

    return parse.name_key(name)


def _book_id(host: object) -> str:
    from addin.distribution import tokens

    return tokens.book_key(host)


def _print_heading(mailing: Mailing, out: Console) -> None:
    sheet = mailing.issue.sheet
    version = f" (version {sheet.version})" if sheet.version > 1 else ""
    state = "made now" if mailing.issue.made else "as made before"
    out.print(f"{sheet.production}, {sheet.day_of}{version}: call sheet {mailing.issue.pdf} "
              f"({state}).", highlight=False)
    for person in mailing.unreachable:
        where = "" if person.cell in person.problem else f" ({person.cell})"
        out.print(f"  {person.name}: {person.problem}{where}.", highlight=False)
    if mailing.unchanged:
        names = ", ".join(p.name for p in mailing.unchanged)
        out.print(f"  Left out (nothing of theirs changed): {names}.", highlight=False)


def _print_dry_run(todo: list[Outgoing], mailing: Mailing, out: Console) -> None:
    out.print(f"Dry run: {len(todo)} message(s) would go; nothing is sent and the book is "
              "not changed.", highlight=False)
    for outgoing in todo:
        out.print(f"  To {outgoing.recipient.name} <{outgoing.recipient.email}>: "
                  f"{outgoing.subject}", highlight=False)
