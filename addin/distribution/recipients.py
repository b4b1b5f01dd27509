"""Who gets a day's call sheet: every crew and cast member on it, with their email.

The people are the call sheet's own (``addin.callsheet.build``: the crew working that
day and the cast working or on hold), never a second reckoning; this module only adds
each one's email from the Crew or Cast tab, as typed (spaces, ``mailto:`` and
``Name <address>`` are read by ``parse.normalize_email``).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from addin import parse
from addin.errors import InputError

if TYPE_CHECKING:
    from addin.book import Book
    from addin.callsheet.build import CallSheet, CastLine

CAST_DEPARTMENT = "Cast"
NO_EMAIL = "No email"


@dataclass(frozen=True)
class Recipient:
    """One person on the day's call sheet."""

    name: str
    department: str
    """The crew department, or ``Cast``."""
    email: str
    """The address mail goes to; empty when there is none that mail can use."""
    typed: str
    """The email cell as typed in the book."""
    call: str
    """Their own call as on the call sheet (a cast member's pickup, else H/MU, else on set)."""
    cell: str = ""
    """``Crew!E12``: where the email is (or belongs)."""
    cast_id: str = ""
    problem: str = ""
    """Why no message can go to them (``No email``, an invalid address); empty when one can."""

    @property
    def key(self) -> str:
        """How the person is named in Confirm links and the Distribution tab: their name."""
        return self.name


TRAVEL_DAY = "Travel day"


def cast_call(line: CastLine) -> str:
    """A cast member's call: their pickup, else their H/MU, else their on-set time; on a
    hold day "On hold", on a travel day without a call "Travel day"."""
    if line.status == "H":
        return "On hold"
    call = line.pickup or line.hmu or line.on_set
    return call or (TRAVEL_DAY if line.status == "T" else "")


def day_recipients(book: Book, sheet: CallSheet) -> list[Recipient]:
    """Everyone on ``sheet`` (crew, then cast), each with their email or why there is none;
    a name the crew list has twice is one person (their first row)."""
    people: list[Recipient] = []
    crew = book.table("Crew")
    by_name: dict[str, tuple[dict[str, Any], dict[str, Any]]] = {}
    if crew is not None:
        for row, raw in crew.pairs():
            by_name.setdefault(parse.name_key(row.get("Name")), (row, raw))
    seen: set[str] = set()
    for line in sheet.crew:
        key = parse.name_key(line.name)
        if key in seen:  # listed twice on the crew list: one message
            continue
        seen.add(key)
        people.append(_person(line.name, line.department, line.call, crew, by_name.get(key)))
    cast = book.table("Cast")
    by_id: dict[str, tuple[dict[str, Any], dict[str, Any]]] = {}
    if cast is not None:
        for row, raw in cast.pairs():
            ids = parse.parse_cast_ids(row.get("Cast #"))
            if ids:
                by_id.setdefault(ids[0], (row, raw))
    for line in sheet.cast:
        name = line.actor or line.character or f"Cast #{line.id}"
        person = _person(name, CAST_DEPARTMENT, cast_call(line), cast, by_id.get(line.id))
        people.append(_with_id(person, line.id))
    return people


def _with_id(person: Recipient, cast_id: str) -> Recipient:
    return replace(person, cast_id=cast_id)


def _person(name: str, department: str, call: str, table: Any,
            found: tuple[dict[str, Any], dict[str, Any]] | None) -> Recipient:
    if found is None or table is None or not table.has("Email"):
        tab = table.sheet if table is not None else ("Cast" if department == CAST_DEPARTMENT
                                                      else "Crew")
        return Recipient(name, department, "", "", call, tab, problem=NO_EMAIL)
    row, raw = found
    cell = f"{table.sheet}!{table.cell(row['_row'], 'Email')}"
    typed = parse.display(raw.get("Email")).strip() if not parse.is_blank(
        raw.get("Email")) else ""
    email = row.get("Email") or ""
    if not typed:
        return Recipient(name, department, "", "", call, cell, problem=NO_EMAIL)
    if not email:
        problem = f"Not sent: '{typed}' ({cell}) is not an email address mail can go to"
        return Recipient(name, department, "", typed, call, cell, problem=problem)
    return Recipient(name, department, email, typed, call, cell)


def select(people: list[Recipient], only: Iterable[str], day: int) -> list[Recipient]:
    """The people named by ``--only`` (names or departments, any case); all without it.
    InputError for a name or department that is not on the day's call sheet."""
    wanted = [w for w in only if w.strip()]
    if not wanted:
        return people
    chosen: list[Recipient] = []
    for word in wanted:
        key = parse.name_key(word)
        matches = [p for p in people
                   if key in (parse.name_key(p.name), parse.name_key(p.department))]
        if not matches:
            raise InputError(f"'{word}' is neither a person nor a department on day {day}'s "
                             "call sheet; nothing was sent.")
        chosen += [p for p in matches if p not in chosen]
    return [p for p in people if p in chosen]
