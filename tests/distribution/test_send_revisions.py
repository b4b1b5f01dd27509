"""Revised call sheets and Confirm links, read back from the real SMTP server."""

from __future__ import annotations

import datetime as dt
import re
import subprocess
from pathlib import Path

import openpyxl

from addin.cli import main
from addin.distribution.tab import read_distribution
from addin.distribution.tokens import read_token
from addin.hosts.xlsx import XlsxHost
from addin.owned import find_ownership


def send(book: Path, *extra: str) -> int:
    return main(["send", str(book), "--day", "1", "--out", str(book.parent / "callsheets"),
                 *extra])


def set_marcus_call(book: Path, call: dt.time) -> None:
    workbook = openpyxl.load_workbook(book)
    calls = workbook["Crew Calls"]
    row = next(r for r in calls.iter_rows() if r[1].value == "Marcus Bell")
    row[2].value = call
    workbook.save(book)


def text(message) -> str:
    return message.get_body(("plain",)).get_content()


def test_a_revision_goes_as_revised_to_those_it_changed_and_never_twice(mail_server, sample):
    recorder = mail_server.recorder
    send(sample)
    assert len(recorder.received) == 44
    set_marcus_call(sample, dt.time(5, 30))
    send(sample, "--changed-only")
    assert len(recorder.received) == 45
    marcus = recorder.received[-1].message
    assert marcus["To"] == "Marcus Bell <marcusbell.grip@gmail.com>"
    assert marcus["Subject"] == ("The Long Take: REVISED Call Sheet Day 1, Thu Dec 3 "
                                 "(your call 5:30 AM)")
    assert "REVISED call sheet (version 2)" in text(marcus)
    assert "  - Your call: 6:00 AM -> 5:30 AM" in text(marcus)
    attachment = next(marcus.iter_attachments())
    assert attachment.get_filename() == "The_Long_Take_Day01_2026-12-03_v2.pdf"
    pdf = subprocess.run(["pdftotext", "-", "-"], input=attachment.get_content(),
                         capture_output=True, check=True).stdout.decode()
    assert "REVISED - Version 2" in pdf
    rows = read_distribution(XlsxHost(sample))
    assert [(r.name, r.status) for r in rows if r.revision == 2] == [("Marcus Bell", "Sent")]

    send(sample)  # now the rest get version 2; Marcus has it already
    version_2 = [r for r in recorder.received[45:]]
    assert len(version_2) == 43
    assert "marcusbell.grip@gmail.com" not in {r.rcpt_tos[0] for r in version_2}
    grace = next(r.message for r in version_2 if r.rcpt_tos == ["grace@slowpanpictures.com"])
    assert "REVISED" in grace["Subject"]
    assert "Nothing of yours changed; other parts of the day did." in text(grace)
    rows = read_distribution(XlsxHost(sample))
    assert sum(r.revision == 2 and r.status == "Sent" for r in rows) == 44
    assert sum(r.revision == 1 and r.status == "Sent" for r in rows) == 44


def test_each_message_carries_its_own_signed_confirm_link(mail_server, sample, monkeypatch):
    monkeypatch.setenv("PRODDESK_CONFIRM_URL", "https://confirm.slowpan.example/")
    monkeypatch.setenv("PRODDESK_CONFIRM_SECRETS", "new-secret,old-secret")
    send(sample, "--only", "Grip")
    book_id = find_ownership(XlsxHost(sample).read_all()).book_id
    assert book_id and book_id.startswith("pd-")
    people = {}
    for item in mail_server.recorder.received:
        message = item.message
        body = text(message)
        link = re.search(r"https://confirm\.slowpan\.example/confirm/(\S+)", body)
        assert link, body
        assert link.group(0) in message.get_body(("html",)).get_content()
        now = dt.datetime(2026, 12, 3, 12, tzinfo=dt.UTC)
        claim = read_token(["new-secret"], link.group(1), now)
        people[claim.person] = claim
        assert (claim.book, claim.day, claim.revision) == (book_id, 1, 1)
        assert claim.shoot_date == dt.date(2026, 12, 3)
    assert set(people) == {"Marcus Bell", "Tony Alvarez", "Kevin O'Neill", "Ray Simmons"}
    assert people["Marcus Bell"].call == "6:00 AM"
    assert {r.name for r in read_distribution(XlsxHost(sample))} == set(people)
