"""Bad input and interruptions: one sentence, nothing sent twice, the others still go."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import openpyxl
import pytest

from addin.cli import main
from addin.distribution.journal import journal_path, read_journal
from addin.distribution.tab import read_distribution
from addin.hosts.xlsx import XlsxHost

PDF = "The_Long_Take_Day01_2026-12-03.pdf"


def send(book: Path, *extra: str) -> int:
    return main(["send", str(book), "--day", "1", "--out", str(book.parent / "callsheets"),
                 *extra])


def one_line_error(capsys) -> str:
    err = capsys.readouterr().err
    assert "Traceback" not in err
    return " ".join(err.split())


def test_no_mail_settings_is_one_sentence_and_nothing_is_made(
    mail_server, sample, capsys, monkeypatch
):
    monkeypatch.delenv("PRODDESK_SMTP_HOST")
    assert send(sample) == 2
    assert "No mail server is set up: set PRODDESK_SMTP_HOST" in one_line_error(capsys)
    assert not (sample.parent / "callsheets").exists()
    assert mail_server.recorder.received == []


def test_a_refused_login_sends_nothing_and_never_shows_the_password(
    mail_server, sample, capsys, monkeypatch
):
    monkeypatch.setenv("PRODDESK_SMTP_PASSWORD", "wrong-secret-xyz")
    assert send(sample) == 2
    err = one_line_error(capsys)
    assert f"127.0.0.1:{mail_server.port} refused the login for priya@slowpanpictures.com " \
           "(535 5.7.8 Authentication credentials invalid)" in err
    assert "app password" in err and "Nothing was sent." in err
    assert "wrong-secret-xyz" not in err
    from addin.logs import LOG_PATH

    assert "wrong-secret-xyz" not in (LOG_PATH.read_text() if LOG_PATH.exists() else "")
    assert mail_server.recorder.received == []
    assert read_distribution(XlsxHost(sample)) == []


def test_a_plain_connection_to_another_machine_is_refused(mail_server, sample, capsys,
                                                          monkeypatch):
    monkeypatch.setenv("PRODDESK_SMTP_HOST", "smtp.example.com")
    monkeypatch.setenv("PRODDESK_SMTP_SECURITY", "none")
    assert send(sample) == 2
    assert "without encryption is refused" in one_line_error(capsys)


def test_an_untrusted_certificate_sends_nothing(mail_server, sample, capsys, monkeypatch):
    monkeypatch.delenv("PRODDESK_SMTP_CA_FILE")
    assert send(sample) == 2
    assert "could not be verified" in one_line_error(capsys)
    assert mail_server.recorder.received == []


def test_an_address_the_server_refuses_is_bounced_and_the_others_still_go(
    mail_server, sample, capsys
):
    mail_server.recorder.refuse = {"rafa@ortizdp.com"}
    assert send(sample) == 1
    assert len(mail_server.recorder.received) == 43
    rows = {r.name: r for r in read_distribution(XlsxHost(sample))}
    assert rows["Rafael Ortiz"].status == (
        "Bounced: 550 5.1.1 <rafa@ortizdp.com>: Recipient address rejected: User unknown")
    assert rows["Mei Tanaka"].status == "Sent"
    first_two = [r.name for r in read_distribution(XlsxHost(sample))[:2]]
    assert set(first_two) == {"Rafael Ortiz", "Jake Smith"}  # to chase first


def test_messy_emails_as_typed_and_a_missing_one(mail_server, sample):
    workbook = openpyxl.load_workbook(sample)
    crew = workbook["Crew"]
    header_row = next(r for r in crew.iter_rows() if any(c.value == "Email" for c in r))
    header = [c.value for c in header_row]
    email, name = header.index("Email") + 1, header.index("Name") + 1
    typed = {"Grace Okafor": " mailto:Grace@SlowPanPictures.com ",
             "Tom Becker": "Tom Becker <tbecker.ad@gmail.com>", "Mei Tanaka": None}
    for row in range(2, crew.max_row + 1):
        who = crew.cell(row, name).value
        if who in typed:
            crew.cell(row, email).value = typed[who]
    workbook.save(sample)
    send(sample)
    to = {r.rcpt_tos[0] for r in mail_server.recorder.received}
    assert {"grace@slowpanpictures.com", "tbecker.ad@gmail.com"} <= to
    rows = {r.name: r for r in read_distribution(XlsxHost(sample))}
    assert rows["Mei Tanaka"].status == "No email"
    assert rows["Grace Okafor"].status == "Sent"


def test_only_names_people_and_departments(mail_server, sample, capsys):
    assert send(sample, "--only", "marcus bell", "Sound") == 0
    to = sorted(r.rcpt_tos[0] for r in mail_server.recorder.received)
    assert to == ["andre.wallace.boom@gmail.com", "julia@brandtsound.com",
                  "marcusbell.grip@gmail.com"]
    capsys.readouterr()
    assert send(sample, "--only", "Catering") == 2
    assert "'Catering' is neither a person nor a department on day 1's call sheet" in \
        one_line_error(capsys)


def test_dry_run_sends_nothing_and_leaves_the_book_alone(mail_server, sample, capsys):
    before = sample.read_bytes()
    assert send(sample, "--dry-run") == 0
    out = capsys.readouterr().out
    assert "Dry run: 44 message(s) would go" in " ".join(out.split())
    assert mail_server.recorder.received == [] and mail_server.recorder.logins == 0
    assert sample.read_bytes() == before


def test_a_send_killed_halfway_sends_only_the_rest_on_the_rerun(mail_server, sample):
    mail_server.recorder.hold_after = 3
    env = {**os.environ, "PRODDESK_LOG": str(sample.parent / "log.txt")}
    said = sample.parent / "said.txt"
    with open(said, "wb") as output:
        child = subprocess.Popen(
            [sys.executable, "-m", "addin.cli", "send", str(sample), "--day", "1", "--out",
             str(sample.parent / "callsheets")], env=env, cwd=Path(__file__).parents[2],
            stdout=output, stderr=subprocess.STDOUT,
        )
    journal = journal_path(sample.parent / "callsheets" / PDF)
    deadline = time.monotonic() + 120
    while len(read_journal(journal)) < 3:
        assert child.poll() is None and time.monotonic() < deadline, said.read_text()
        time.sleep(0.05)
    child.send_signal(signal.SIGKILL)  # no chance to write the tab: only the journal knows
    child.wait()
    assert len(mail_server.recorder.received) == 3
    assert read_distribution(XlsxHost(sample)) == []
    mail_server.recorder.hold_after = None
    mail_server.recorder.released.set()
    send(sample)
    received = [r.rcpt_tos[0] for r in mail_server.recorder.received]
    assert len(received) == 44 and len(set(received)) == 44  # the rest, nobody twice
    rows = read_distribution(XlsxHost(sample))
    assert sum(r.status == "Sent" for r in rows) == 44


def test_a_lost_connection_says_how_many_went_and_the_rerun_sends_the_rest(
    mail_server, sample, capsys
):
    recorder = mail_server.recorder
    original = recorder.handle_DATA

    async def drop_after_five(server, session, envelope):
        if len(recorder.received) == 5:
            recorder.accept_logins = False  # the reconnect is refused too
            server.transport.close()
            return "421 4.4.2 Connection dropped"
        return await original(server, session, envelope)

    recorder.handle_DATA = drop_after_five
    assert send(sample) == 2
    assert "was lost after 5 of 44 messages; run the same send again" in one_line_error(capsys)
    assert sum(r.status == "Sent" for r in read_distribution(XlsxHost(sample))) == 5
    recorder.handle_DATA = original
    recorder.accept_logins = True
    send(sample)
    received = [r.rcpt_tos[0] for r in recorder.received]
    assert len(received) == 44 and len(set(received)) == 44


@pytest.mark.parametrize("day", ["9"])
def test_a_day_that_does_not_exist(mail_server, sample, capsys, day):
    assert main(["send", str(sample), "--day", day, "--out", str(sample.parent / "c")]) == 2
    assert "has no shoot day 9 (days 1-4)" in one_line_error(capsys)


def test_the_book_opened_in_excel_mid_send_keeps_every_send_for_the_next_run(
    mail_server, sample, capsys
):
    recorder = mail_server.recorder
    original = recorder.handle_DATA

    async def coordinator_opens_the_book(server, session, envelope):
        if len(recorder.received) == 10:
            (sample.parent / f"~${sample.name}").write_text("Excel's lock")
        return await original(server, session, envelope)

    recorder.handle_DATA = coordinator_opens_the_book
    assert send(sample) == 2
    err = one_line_error(capsys)
    assert "44 message(s) went, but the Distribution tab could not be written: " \
           "sample_production.xlsx is open in Excel" in err
    assert "Run the same send again then: it writes the tab and sends nobody twice." in err
    (sample.parent / f"~${sample.name}").unlink()
    send(sample)
    assert len(recorder.received) == 44
    assert sum(r.status == "Sent" for r in read_distribution(XlsxHost(sample))) == 44
