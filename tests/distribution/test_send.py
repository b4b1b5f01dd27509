"""`proddesk send` against a real SMTP server: every message read back off the wire."""

from __future__ import annotations

import subprocess
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from addin.book import read_book
from addin.cli import main
from addin.distribution.tab import read_distribution
from addin.hosts.xlsx import XlsxHost
from tests.distribution.mail_server import USER


def pdf_text(data: bytes) -> str:
    return subprocess.run(["pdftotext", "-layout", "-", "-"], input=data, capture_output=True,
                          check=True).stdout.decode()


def send(book: Path, *extra: str) -> int:
    return main(["send", str(book), "--day", "1", "--out", str(book.parent / "callsheets"),
                 *extra])


def test_sample_day_1_one_message_per_person_then_a_rerun_sends_nothing(
    mail_server, sample, capsys
):
    assert send(sample) == 1  # Jake Smith's 'jsmith@gmail' cannot be sent to
    received = mail_server.recorder.received
    book = read_book(XlsxHost(sample))
    crew = {r["Name"]: r for r in book.table("Crew").rows()}
    cast = {r["Actor"]: r for r in book.table("Cast").rows()}
    assert mail_server.recorder.logins == 1  # one connection for the whole send
    assert len(received) == 44
    to = [r.rcpt_tos for r in received]
    assert all(len(t) == 1 for t in to)  # one message per person: nobody sees another address
    assert len({t[0] for t in to}) == 44
    by_name = {}
    for item in received:
        message = item.message
        assert item.mail_from == USER
        assert message["From"] == f"Priya Shah <{USER}>"
        assert message["Reply-To"] == "office@slowpanpictures.com"
        assert "Cc" not in message and "Bcc" not in message
        name = next(n for n in [*crew, *cast] if f"Hi {n.split()[0]}," in
                    message.get_body(("plain",)).get_content())
        by_name[name] = message
    grace = by_name["Grace Okafor"]
    assert grace["To"].addresses[0].addr_spec == crew["Grace Okafor"]["Email"]
    assert grace["Subject"] == "The Long Take: Call Sheet Day 1, Thu Dec 3 (your call 7:00 AM)"
    marcus = by_name["Marcus Bell"]
    assert marcus["Subject"].endswith("(your call 6:00 AM)")  # his own call, not the general
    text = marcus.get_body(("plain",)).get_content()
    assert "Your call: 6:00 AM" in text
    assert "General crew call: 7:00 AM" in text
    for needle in ("Location: ", "Parking: ", "Nearest hospital: ", "Weather: ", "Sunrise: "):
        assert needle in text, needle
    html = marcus.get_body(("html",)).get_content()
    assert "<th align=\"left\">Your call</th><td>6:00 AM</td>" in html
    isabel = by_name["Isabel Reyes"]
    assert isabel["To"] == f"Isabel Reyes <{cast['Isabel Reyes']['Email']}>"
    assert "Pickup: 6:15 AM" in isabel.get_body(("plain",)).get_content()
    attachments = list(grace.iter_attachments())
    assert [a.get_filename() for a in attachments] == ["The_Long_Take_Day01_2026-12-03.pdf"]
    sheet_text = pdf_text(attachments[0].get_content())
    assert "The Long Take" in sheet_text and "Marcus Bell" in sheet_text
    assert "@" not in sheet_text.replace(USER, "")  # no email addresses on the call sheet
    assert crew["Grace Okafor"]["Phone"] == "(310) 555-0103"
    assert "(310) 555-0103" in sheet_text  # Publish Phone: yes
    assert "(310) 555-0134" not in sheet_text  # Bianca Moretti, Publish Phone: no
    assert all(next(m.iter_attachments()).get_content() == attachments[0].get_content()
               for m in by_name.values())

    rows = read_distribution(XlsxHost(sample))
    assert len(rows) == 45
    assert rows[0].name == "Jake Smith" and rows[0].status.startswith("Not sent: 'jsmith@gmail'")
    assert {r.status for r in rows[1:]} == {"Sent"}
    assert {r.name for r in rows} == {*by_name, "Jake Smith"}
    assert all(r.day == 1 and r.revision == 1 for r in rows)
    # "Sent at" is the production's time (Los Angeles), as the confirmations are
    now = datetime.now(ZoneInfo("America/Los_Angeles")).replace(tzinfo=None)
    sent = datetime.strptime(rows[1].sent_at, "%b %d, %Y %I:%M %p")
    assert abs(sent - now) < timedelta(minutes=5)
    capsys.readouterr()

    assert send(sample) == 1
    assert len(received) == 44  # nothing new
    assert "already has version 1: nothing sent" in capsys.readouterr().out
    assert len(read_distribution(XlsxHost(sample))) == 45
