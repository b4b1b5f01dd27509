"""Benchmark: `proddesk send` to 150 people over one SMTP connection with the day's one PDF.

    python bench/bench_send.py [-n 3] [--people 150]

Builds a book with PEOPLE crew members working day 1 (each with an email), starts a real
SMTP server (aiosmtpd on 127.0.0.1 with STARTTLS and AUTH, as in the tests), and measures,
median of N:

(p) the day's call sheet and its PDF, made as `proddesk send` makes them (`day_issue`:
    build, render, one LibreOffice run), in a fresh folder each time;
(c) composing every message (`compose_mailing`: recipients, subjects, text and HTML);
(m) turning them into MIME bytes (headers, both bodies, the PDF in base64), client side;
(s) sending them all (`send_all`: one connection, one login, the PDF read once and
    attached to each message), read back by the server.

and once (r) the same messages with a new connection (TLS handshake and login) for
each, the baseline that one connection saves. It prints the time per message,
(s)/PEOPLE, against (p), and checks that the whole
send used one login and delivered one message per person (exit 1 when not).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import openpyxl

from addin.book import read_book
from addin.distribution.issue import day_issue
from addin.distribution.message import compose_mailing
from addin.distribution.settings import load_mail_settings
from addin.distribution.smtp import send_all
from addin.hosts.xlsx import XlsxHost
from tests.distribution.mail_server import MailServer

DEPARTMENTS = ("Camera", "Grip", "Electric", "Sound", "Art", "Wardrobe", "Hair & Makeup",
               "Locations", "Transportation", "Production")


def make_book(path: Path, people: int) -> Path:
    """A book whose day 1 has ``people`` crew members, each with an email."""
    workbook = openpyxl.Workbook()
    settings = workbook.active
    settings.title = "Settings"
    for row in (["Setting", "Value"], ["Production", "Bench Take"],
                ["Timezone", "America/Los_Angeles"]):
        settings.append(row)
    crew = workbook.create_sheet("Crew")
    crew.append(["Name", "Department", "Position", "Phone", "Email", "Publish Phone"])
    for index in range(people):
        dept = DEPARTMENTS[index % len(DEPARTMENTS)]
        crew.append([f"Person {index:03d} Crew", dept, "Technician",
                     f"(323) 555-{1000 + index:04d}", f"person{index:03d}@example.com",
                     "Yes" if index % 2 else "No"])
    locations = workbook.create_sheet("Locations")
    locations.append(["Location", "Address", "Parking", "Nearest Hospital", "Latitude",
                      "Longitude"])
    locations.append(["Starlite Diner", "1200 W Sunset Blvd, Los Angeles, CA", "Lot B",
                      "Good Samaritan Hospital", 34.0703, -118.2507])
    schedule = workbook.create_sheet("Schedule")
    schedule.append(["Day", "Scene", "Set", "I/E", "D/N", "Pages", "Cast", "Location"])
    for scene in range(1, 7):
        schedule.append([1, str(scene), "DINER", "INT", "DAY", "1 2/8", "", "Starlite Diner"])
    days = workbook.create_sheet("Days")
    days.append(["Day", "Date", "Crew Call", "Shooting Call", "Weather"])
    days.append([1, dt.date(2026, 12, 3), dt.time(7, 0), dt.time(8, 0), "Clear, 64F"])
    workbook.save(path)
    return path


def median_of(n: int, run) -> float:
    times = []
    for _ in range(n):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=3)
    parser.add_argument("--people", type=int, default=150)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-send-") as tmp:
        folder = Path(tmp)
        book_path = make_book(folder / "bench.xlsx", args.people)
        host = XlsxHost(book_path)
        book = read_book(host)
        runs = iter(range(10_000))
        p = median_of(args.n, lambda: day_issue(host, book, 1, folder / f"cs{next(runs)}"))
        issue = day_issue(host, book, 1, folder / "cs-send")
        with MailServer(folder) as server:
            settings = load_mail_settings(None, server.env())
            mailing = None

            def compose():
                nonlocal mailing
                mailing = compose_mailing(book, issue, sender=settings.sender,
                                          reply_to=settings.reply_to)

            c = median_of(args.n, compose)
            assert mailing is not None
            pdf = issue.pdf.read_bytes()
            m = median_of(args.n, lambda: [o.to_email(pdf).as_bytes()
                                           for o in mailing.messages])
            sends = []
            for _ in range(args.n):
                server.recorder.received.clear()
                logins = server.recorder.logins
                start = time.perf_counter()
                send_all(settings, mailing.messages, issue.pdf.read_bytes(),
                         lambda *_: None)
                sends.append(time.perf_counter() - start)
                one_login = server.recorder.logins - logins == 1
                delivered = len({r.rcpt_tos[0] for r in server.recorder.received})
            s = statistics.median(sends)
            logins = server.recorder.logins
            start = time.perf_counter()
            for outgoing in mailing.messages:  # the baseline: a connection per message
                send_all(settings, [outgoing], pdf, lambda *_: None)
            r = time.perf_counter() - start
            each_own = server.recorder.logins - logins == args.people
        size = issue.pdf.stat().st_size
    load = os.getloadavg()[0]
    print(f"{args.people} people, day 1, PDF {size / 1024:.0f} KiB, median of {args.n}, "
          f"{dt.date.today()}, CPython {sys.version.split()[0]}, {os.cpu_count()} CPUs, "
          f"load average {load:.1f} at the end\n")
    print(f"(p) the day's call sheet + PDF (LibreOffice)   {p:8.3f} s")
    print(f"(c) composing {args.people} messages                   {c:8.3f} s")
    print(f"(m) MIME bytes of the {args.people} (a part of s)       {m:8.3f} s")
    print(f"(s) sending {args.people} messages, one connection      {s:8.3f} s")
    print(f"(r) the same, a new connection per message     {r:8.3f} s  (once)")
    per = s / args.people
    print(f"\nper message: {per * 1000:.1f} ms = {per / p:.4f} of (p); "
          f"all {args.people} = {s / p:.2f} x (p)")
    print(f"one connection against one per message: s/r = {s / r:.2f}")
    ok = one_login and delivered == args.people and each_own
    print(f"one login for the whole send: {'PASS' if one_login else 'FAIL'}; "
          f"{delivered} of {args.people} delivered: {'PASS' if ok else 'FAIL'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
