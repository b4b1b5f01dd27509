"""The message itself: book values as text, escaped in HTML, never breaking a header."""

from __future__ import annotations

from pathlib import Path

import openpyxl

from addin.book import read_book
from addin.distribution.issue import day_issue
from addin.distribution.message import compose_mailing
from addin.hosts.xlsx import XlsxHost


def rows_where(sheet, column: str):
    header = next(r for r in sheet.iter_rows() if any(c.value == column for c in r))
    index = [c.value for c in header].index(column)
    return [r[index] for r in sheet.iter_rows(min_row=header[0].row + 1)]


def test_book_values_are_text_in_the_body_and_escaped_in_html(sample: Path, tmp_path):
    workbook = openpyxl.load_workbook(sample)
    for cell in rows_where(workbook["Locations"], "Parking"):
        if cell.value:
            cell.value = '<img src=x onerror=alert(1)> Lot "B" & C'
    settings = workbook["Settings"]
    for row in settings.iter_rows():
        if row[0].value == "Production":
            row[1].value = "The Long\nTake"
    workbook.save(sample)
    host = XlsxHost(sample)
    book = read_book(host)
    issue = day_issue(host, book, 1, tmp_path / "cs")
    mailing = compose_mailing(book, issue, sender="Priya <p@x.com>", reply_to="o@x.com",
                              only=["Sound"])
    message = mailing.messages[0]
    assert message.subject.startswith("The Long Take: Call Sheet Day 1")
    assert 'Parking: <img src=x onerror=alert(1)> Lot "B" & C' in message.text
    assert "<img" not in message.html
    assert "&lt;img src=x onerror=alert(1)&gt; Lot &quot;B&quot; &amp; C" in message.html
    mime = message.to_email(b"%PDF-1.4 test")
    assert "\n" not in mime["Subject"]
    assert mime["To"].addresses[0].addr_spec == message.recipient.email
    assert mime["Reply-To"] == "o@x.com"


def test_a_name_listed_twice_on_the_crew_list_gets_one_message(sample: Path, tmp_path):
    workbook = openpyxl.load_workbook(sample)
    crew = workbook["Crew"]
    names = rows_where(crew, "Name")
    marcus = next(c for c in names if c.value == "Marcus Bell")
    crew.append([cell.value for cell in crew[marcus.row]])
    workbook.save(sample)
    host = XlsxHost(sample)
    book = read_book(host)
    issue = day_issue(host, book, 1, tmp_path / "cs")
    assert [line.name for line in issue.sheet.crew].count("Marcus Bell") == 2
    mailing = compose_mailing(book, issue, sender="p@x.com", reply_to="p@x.com",
                              only=["Marcus Bell"])
    assert [m.recipient.name for m in mailing.messages] == ["Marcus Bell"]


def test_a_cast_member_on_a_travel_day_is_told_it_is_their_travel_day(sample: Path, tmp_path):
    """The DOOD's T (a Cast `Travel` column) reaches the call sheet and the message."""
    workbook = openpyxl.load_workbook(sample)
    cast = workbook["Cast"]
    header = next(r for r in cast.iter_rows() if any(c.value == "Actor" for c in r))
    column = len(header) + 1
    cast.cell(header[0].row, column, "Travel")
    theo = next(c for c in rows_where(cast, "Actor") if c.value == "Jamal Whitfield")
    cast.cell(theo.row, column, "Day 2")  # flies in the day before his one work day
    workbook.save(sample)
    host = XlsxHost(sample)
    book = read_book(host)
    issue = day_issue(host, book, 2, tmp_path / "cs")
    assert [c.status for c in issue.sheet.cast if c.actor == "Jamal Whitfield"] == ["T"]
    mailing = compose_mailing(book, issue, sender="p@x.com", reply_to="p@x.com",
                              only=["Jamal Whitfield"])
    message = mailing.messages[0]
    assert message.subject == "The Long Take: Call Sheet Day 2, Fri Dec 4 (your travel day)"
    assert "Your call: Travel day (not shooting this day)" in message.text
