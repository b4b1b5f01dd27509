"""One message per person: their own call, the day's facts, the Confirm link, the PDF.

``compose_mailing`` gives every person on the day's call sheet either an ``Outgoing``
message or the reason none can go (no email, an invalid address); ``compose_messages``
is its list of messages. The same messages go out over SMTP (``smtp.send_all``) and,
on Google Sheets, through the coordinator's Gmail (Apps Script): ``Outgoing.to_dict``.
Values from the book go into the bodies as text; the HTML body escapes every one.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from email import policy
from email.errors import HeaderParseError
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid
from pathlib import Path
from typing import TYPE_CHECKING, Any

from addin import parse
from addin.distribution.issue import Issue
from addin.distribution.recipients import (
    CAST_DEPARTMENT,
    TRAVEL_DAY,
    Recipient,
    day_recipients,
    select,
)

if TYPE_CHECKING:
    from addin.book import Book
    from addin.callsheet.build import CallSheet
    from addin.distribution.settings import ConfirmSettings

MAIL_POLICY = policy.default.clone(max_line_length=998)
"""RFC 5322's own line limit: a long subject stays on one line (folded at 78, Python's
email puts it on a line of its own after ``Subject:``, which some readers show with a
leading space)."""
ConfirmLink = Callable[[Recipient, Issue], str]
"""Makes a person's Confirm link for one issue ('' when links are not set up)."""


@dataclass
class Outgoing:
    """One message to one person."""

    recipient: Recipient
    day: int
    revision: int
    subject: str
    text: str
    html: str
    sender: str
    reply_to: str
    pdf: Path
    pdf_name: str
    confirm_url: str = ""
    changes: list[str] = field(default_factory=list)
    """What changed for this person since the previous version (empty for version 1)."""

    def to_email(self, pdf_bytes: bytes | None = None) -> EmailMessage:
        """The message as MIME: text and HTML alternatives, the PDF attached.

        ``pdf_bytes``: the PDF already read (one read for a whole send), else read here.
        """
        message = EmailMessage(policy=MAIL_POLICY)
        message["Subject"] = self.subject
        message["From"] = self.sender
        message["To"] = _to(self.recipient)
        message["Reply-To"] = self.reply_to
        message["Date"] = format_datetime(datetime.now().astimezone())
        message["Message-ID"] = make_msgid(domain=_domain(self.sender))
        message.set_content(self.text)
        message.add_alternative(self.html, subtype="html")
        data = pdf_bytes if pdf_bytes is not None else self.pdf.read_bytes()
        message.add_attachment(data, maintype="application", subtype="pdf",
                               filename=self.pdf_name)
        return message

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready fields (without the PDF's bytes) for the Apps Script route."""
        person = self.recipient
        return {
            "name": person.name, "department": person.department, "email": person.email,
            "call": person.call, "day": self.day, "revision": self.revision,
            "subject": self.subject, "text": self.text, "html": self.html,
            "sender": self.sender, "reply_to": self.reply_to, "pdf_name": self.pdf_name,
            "confirm_url": self.confirm_url, "changes": list(self.changes),
        }


@dataclass
class Mailing:
    """Everyone on one issue of a day's call sheet: a message each, or why not."""

    issue: Issue
    messages: list[Outgoing]
    unreachable: list[Recipient]
    """People with no email, or one mail cannot go to (``problem`` says which)."""
    unchanged: list[Recipient] = field(default_factory=list)
    """With ``changed_only``: people left out because nothing of theirs changed."""


def _domain(sender: str) -> str:
    from email.utils import parseaddr

    address = parseaddr(sender)[1]
    return address.rsplit("@", 1)[-1] if "@" in address else "proddesk.local"


def short_date(sheet: CallSheet) -> str:
    """``Fri Dec 4`` (empty when the day has no date)."""
    if not sheet.date:
        return ""
    return parse.format_day(date.fromisoformat(sheet.date))


def subject(sheet: CallSheet, person: Recipient) -> str:
    """``The Long Take: Call Sheet Day 2, Fri Dec 4 (your call 6:30 AM)``; a later version
    says ``REVISED Call Sheet``."""
    revised = "REVISED " if sheet.version > 1 else ""
    when = f", {short_date(sheet)}" if sheet.date else ""
    if person.call == "On hold":
        call = " (you are on hold)"
    elif person.call == TRAVEL_DAY:
        call = " (your travel day)"
    else:
        call = f" (your call {person.call})" if person.call else ""
    text = f"{sheet.production}: {revised}Call Sheet Day {sheet.day}{when}{call}"
    return " ".join(text.split())  # a line break typed in a cell never splits the header


def person_changes(previous: dict[str, Any] | None, sheet: CallSheet,
                   person: Recipient) -> list[str]:
    """What changed for this person since the previous version: the date, their call, the
    locations, and the scenes (a cast member: the scenes they are in)."""
    if previous is None:
        return []
    from addin.callsheet.revisions import changes

    current = sheet.to_dict()
    lines = changes(previous, current)
    mine = [line for line in lines if line.startswith(("Date:", "Location "))]
    mine[:0] = _own_call_change(previous, current, person)
    if person.department == CAST_DEPARTMENT:
        scenes = {s["scene"] for s in [*previous.get("scenes", []), *current.get("scenes", [])]
                  if person.cast_id in parse.parse_cast_ids(s.get("cast", ""))}
        mine += [line for line in lines if any(line.startswith(f"Scene {s} ") for s in scenes)]
    else:
        mine += [line for line in lines if line.startswith("Scene ")]
    return mine


def _own_call_change(previous: dict[str, Any], current: dict[str, Any],
                     person: Recipient) -> list[str]:
    if person.department == CAST_DEPARTMENT:
        before = {c["id"]: c for c in previous.get("cast", [])}.get(person.cast_id)
        after = {c["id"]: c for c in current.get("cast", [])}.get(person.cast_id)
        fields = (("status", "status"), ("pickup", "pickup"), ("hmu", "H/MU"),
                  ("on_set", "on set"))
    else:
        key = parse.name_key(person.name)
        before = {parse.name_key(c["name"]): c for c in previous.get("crew", [])}.get(key)
        after = {parse.name_key(c["name"]): c for c in current.get("crew", [])}.get(key)
        fields = (("call", "call"),)
    if before is None:
        return ["You are new on this call sheet."] if after is not None else []
    if after is None:
        return []
    return [f"Your {label}: {before.get(k) or '(none)'} -> {after.get(k) or '(none)'}"
            for k, label in fields if before.get(k, "") != after.get(k, "")]


def _facts(sheet: CallSheet, person: Recipient) -> list[tuple[str, str]]:
    """(label, value) lines of the body, in call sheet order; empty values left out."""
    cast = next((c for c in sheet.cast if c.id == person.cast_id), None) \
        if person.department == CAST_DEPARTMENT else None
    lines: list[tuple[str, str]] = []
    if cast is not None:
        for label, value in (("Pickup", cast.pickup), ("Hair/Makeup", cast.hmu),
                             ("On set", cast.on_set)):
            lines.append((label, value))
        if cast.status == "H":
            lines.append(("Your call", "On hold (not working this day)"))
        elif person.call == TRAVEL_DAY:
            lines.append(("Your call", "Travel day (not shooting this day)"))
    else:
        lines.append(("Your call", person.call))
    lines += [("General crew call", sheet.crew_call), ("Shooting call", sheet.shooting_call)]
    for index, place in enumerate(sheet.locations):
        label = "Location" if index == 0 else f"Location {index + 1}"
        lines.append((label, ", ".join(p for p in (place.name, place.address) if p)))
        lines.append(("Parking", place.parking))
        lines.append(("Nearest hospital", place.hospital_line))
    lines += [("Weather", sheet.weather), ("Sunrise", sheet.sunrise), ("Sunset", sheet.sunset)]
    return [(label, value) for label, value in lines if value]


def _greeting(person: Recipient) -> str:
    first = person.name.split()[0] if person.name.split() else person.name
    return f"Hi {first},"


def text_body(sheet: CallSheet, person: Recipient, confirm_url: str,
              changes: list[str]) -> str:
    """The plain-text body."""
    when = f", {sheet.date_text}" if sheet.date_text else ""
    lines = [_greeting(person), ""]
    if sheet.version > 1:
        lines += [f"REVISED call sheet (version {sheet.version}) for {sheet.day_of}{when}."]
        if changes:
            lines += ["What changed for you:", *(f"  - {c}" for c in changes)]
        else:
            lines += ["Nothing of yours changed; other parts of the day did."]
    else:
        lines.append(f"Here is the call sheet for {sheet.day_of}{when}.")
    lines.append("")
    lines += [f"{label}: {value}" for label, value in _facts(sheet, person)]
    lines.append("")
    if confirm_url:
        lines += ["Please confirm that you got it:", confirm_url, ""]
    lines.append("The call sheet is attached as a PDF. Reply to this message with any questions.")
    return "\n".join(lines) + "\n"


def html_body(sheet: CallSheet, person: Recipient, confirm_url: str,
              changes: list[str]) -> str:
    """The HTML body: the same content, every value escaped."""
    e = html.escape
    when = f", {sheet.date_text}" if sheet.date_text else ""
    parts = [f"<p>{e(_greeting(person))}</p>"]
    if sheet.version > 1:
        parts.append(f"<p><strong>REVISED call sheet (version {sheet.version})</strong> for "
                     f"{e(sheet.day_of + when)}.</p>")
        if changes:
            items = "".join(f"<li>{e(c)}</li>" for c in changes)
            parts.append(f"<p>What changed for you:</p><ul>{items}</ul>")
        else:
            parts.append("<p>Nothing of yours changed; other parts of the day did.</p>")
    else:
        parts.append(f"<p>Here is the call sheet for {e(sheet.day_of + when)}.</p>")
    rows = "".join(f"<tr><th align=\"left\">{e(label)}</th><td>{e(value)}</td></tr>"
                   for label, value in _facts(sheet, person))
    parts.append(f"<table>{rows}</table>")
    if confirm_url:
        parts.append(f"<p><a href=\"{e(confirm_url, quote=True)}\">Confirm that you got the "
                     "call sheet</a></p>")
    parts.append("<p>The call sheet is attached as a PDF. Reply to this message with any "
                 "questions.</p>")
    return "<html><body>" + "".join(parts) + "</body></html>"


def no_link(person: Recipient, issue: Issue) -> str:
    """No Confirm link (confirm links are not set up)."""
    return ""


def compose_mailing(
    book: Book,
    issue: Issue,
    *,
    sender: str,
    reply_to: str,
    confirm_link: ConfirmLink = no_link,
    only: Iterable[str] = (),
    changed_only: bool = False,
) -> Mailing:
    """A message for each person on the issue's call sheet who has an email (``only``: the
    people or departments named; ``changed_only``: those whose call, location or scenes
    changed since the previous version), and the people no message can go to."""
    sheet = issue.sheet
    people = select(day_recipients(book, sheet), only, sheet.day)
    messages: list[Outgoing] = []
    unreachable: list[Recipient] = []
    unchanged: list[Recipient] = []
    for person in people:
        changed = person_changes(issue.previous, sheet, person)
        if changed_only and issue.previous is not None and not changed:
            unchanged.append(person)
            continue
        if person.problem:
            unreachable.append(person)
            continue
        link = confirm_link(person, issue)
        messages.append(Outgoing(
            person, sheet.day, sheet.version, subject(sheet, person),
            text_body(sheet, person, link, changed), html_body(sheet, person, link, changed),
            sender, reply_to, issue.pdf, issue.pdf_name, link, changed,
        ))
    return Mailing(issue, messages, unreachable, unchanged)


def compose_messages(book: Book, issue: Issue, **options: Any) -> list[Outgoing]:
    """The messages of ``compose_mailing`` (same options)."""
    return compose_mailing(book, issue, **options).messages


def token_link(confirm: ConfirmSettings | None, book_id: str) -> ConfirmLink:
    """Confirm links signed with the confirm settings' secret, for the book ``book_id``,
    expiring at the end of the shoot day (a day without a date: in a week); ``no_link``
    when confirm links are not set up."""
    if confirm is None:
        return no_link

    def link(person: Recipient, issue: Issue) -> str:
        from addin.distribution import tokens

        sheet = issue.sheet
        shot = date.fromisoformat(sheet.date) if sheet.date else None
        expires = (tokens.expires_after(shot, sheet.timezone or None) if shot
                   else datetime.now().astimezone() + timedelta(days=7))
        claim = tokens.Claim(book_id, issue.day, issue.version, person.key, expires, shot,
                             person.call)
        return tokens.confirm_url(confirm.base_url, tokens.issue_token(confirm.secret, claim))

    return link


def _to(person: Recipient) -> Address | str:
    """``Marcus Bell <marcusbell.grip@gmail.com>``: the name as on the book (one line), else
    the bare address when the name cannot be a display name."""
    name = " ".join(person.name.split())
    try:
        return Address(display_name=name, addr_spec=person.email)
    except (ValueError, IndexError, HeaderParseError):
        return person.email
