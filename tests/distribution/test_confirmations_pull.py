"""`proddesk confirmations BOOK`: the confirm clicks recorded by a running `proddesk serve` come
into an Excel book's Distribution tab (over signed HTTP, or from the store file on the same
machine), in the production's time, once, saying what changed."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from google_support import serve_app

from addin.distribution import tab
from addin.distribution.store import STORE_NAME
from addin.distribution.tokens import Claim, book_key, confirm_url, expires_after, issue_token
from addin.google.config import load_config
from addin.google.server import create_app
from addin.hosts.xlsx import XlsxHost

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "workbooks" / "sample_production.xlsx"
SECRET = "long-take-confirm-secret-2026"
OTHER = "night-shift-confirm-secret-9"
SOON = datetime.now(UTC).date() + timedelta(days=1)
ZONE = "America/New_York"  # the sample book's Settings Timezone


@dataclass
class Office:
    """The coordinator's book (sent, with a Distribution tab) and the server crew click on."""

    book: Path
    key: str
    url: str
    state: Path
    config: Path

    def click(self, person: str, day: int = 1, revision: int = 1, secret: str = SECRET) -> None:
        claim = Claim(self.key, day, revision, person, expires_after(SOON, ZONE), SOON, "7:00 AM")
        link = confirm_url(self.url, issue_token(secret, claim))
        answer = httpx.post(link, content=b"", timeout=20, trust_env=False)
        assert answer.status_code == 200, answer.text

    def pull(self, *extra: str) -> subprocess.CompletedProcess:
        """Run `proddesk confirmations` on the book; its stderr with the line wrapping undone."""
        env = {**os.environ, "PRODDESK_MAIL_CONFIG": str(self.config), "PRODDESK_LOG": os.devnull}
        for name in ("PRODDESK_CONFIRM_URL", "PRODDESK_CONFIRM_SECRETS"):
            env.pop(name, None)
        done = subprocess.run(
            [sys.executable, "-m", "addin.cli", "confirmations", str(self.book), *extra],
            capture_output=True, text=True, timeout=120, cwd=ROOT, env=env)
        done.stderr = " ".join(done.stderr.split())
        return done

    def rows(self) -> dict[str, str]:
        return {row.name: row.status for row in tab.read_distribution(XlsxHost(self.book))}


def _sent(book: Path) -> None:
    """The Distribution tab `proddesk send` leaves after day 1 went to three people."""
    sent = "Dec 2, 2026 6:05 PM"
    rows = [
        tab.DistributionRow(1, 1, "Jordan Smith", "Camera", "jordan@example.com", "7:00 AM",
                            sent, tab.SENT),
        tab.DistributionRow(1, 1, "Ana Diaz", "Grip", "ana@example.com", "6:30 AM", sent,
                            tab.SENT),
        tab.DistributionRow(1, 1, "Marcus Bell", "Electric", "", "7:00 AM", "", tab.NO_EMAIL),
    ]
    tab.write_distribution(XlsxHost(book, backup=True), rows)


@pytest.fixture
def office(tmp_path: Path) -> Iterator[Office]:
    book = tmp_path / "The Long Take.xlsx"
    shutil.copy(SAMPLE, book)
    key = book_key(XlsxHost(book))
    _sent(book)
    server_config = tmp_path / "productions.toml"
    server_config.write_text(
        f'state_dir = "state"\n[[book]]\nname = "The Long Take"\nkey = "{key}"\n'
        f'secrets = ["{SECRET}"]\n')
    with serve_app(create_app(load_config(server_config))) as url:
        mail = tmp_path / "mail.toml"
        mail.write_text(f'[confirm]\nbase_url = "{url}"\nsecrets = ["{SECRET}"]\n')
        yield Office(book, key, url, tmp_path / "state", mail)


def test_clicks_come_into_the_distribution_tab_once(office: Office) -> None:
    office.click("Jordan Smith")
    office.click("Ana Diaz")
    done = office.pull()
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("2 new confirmations: Jordan Smith (Day 1), Ana Diaz (Day 1).")
    assert "2 of 3 rows of the Distribution tab are confirmed" in done.stdout
    rows = office.rows()
    assert rows["Jordan Smith"].startswith("Confirmed ")
    assert rows["Marcus Bell"] == tab.NO_EMAIL
    stamp = rows["Jordan Smith"].removeprefix("Confirmed ")
    now_there = datetime.now(UTC).astimezone(expires_after(SOON, ZONE).tzinfo)
    assert stamp.startswith(f"{now_there:%b} {now_there.day}, {now_there.year} ")
    assert (office.book.parent / (office.book.name + ".bak")).exists()
    again = office.pull()
    assert again.stdout.startswith("No new confirmations.")
    assert office.rows() == rows


def test_the_people_to_chase_come_first_after_a_pull(office: Office) -> None:
    office.click("Jordan Smith")
    office.pull()
    names = [row.name for row in tab.read_distribution(XlsxHost(office.book))]
    assert names.index("Ana Diaz") < names.index("Jordan Smith")


def test_a_click_for_someone_not_on_the_tab_is_said_not_written(office: Office) -> None:
    office.click("Jordan Smith", revision=2)  # a version this book's tab has no row for
    done = office.pull()
    assert "No new confirmations." in done.stdout
    assert "Not on the Distribution tab, so not written: Jordan Smith (Day 1 v2)" in done.stdout


def test_the_store_on_this_machine_gives_the_same_result(office: Office) -> None:
    office.click("Ana Diaz")
    done = office.pull("--store", str(office.state))
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("1 new confirmation: Ana Diaz (Day 1).")
    assert office.rows()["Ana Diaz"].startswith("Confirmed ")
    assert office.pull("--store", str(office.state / STORE_NAME)).stdout.startswith(
        "No new confirmations.")


def test_a_wrong_secret_or_an_unlisted_book_is_one_sentence_and_changes_nothing(
    office: Office,
) -> None:
    office.click("Ana Diaz")
    before = office.book.read_bytes()
    office.config.write_text(f'[confirm]\nbase_url = "{office.url}"\nsecrets = ["{OTHER}"]\n')
    refused = office.pull()
    assert refused.returncode == 2
    assert "refused the request" in refused.stderr and "Traceback" not in refused.stderr
    assert OTHER not in refused.stderr + refused.stdout
    office.config.write_text('[confirm]\nbase_url = "http://127.0.0.1:9"\nsecrets = ["x"]\n')
    unreachable = office.pull()
    assert unreachable.returncode == 2 and "cannot be reached" in unreachable.stderr
    assert office.book.read_bytes() == before


def test_a_book_the_server_does_not_list_is_told_how_to_list_it(tmp_path: Path,
                                                               office: Office) -> None:
    other = tmp_path / "Night Shift.xlsx"
    shutil.copy(SAMPLE, other)
    key = book_key(XlsxHost(other))
    _sent(other)
    office.book = other
    refused = office.pull()
    assert refused.returncode == 2
    assert f'[[book]] with key = "{key}"' in refused.stderr


def test_a_book_never_sent_says_to_send_first(tmp_path: Path, office: Office) -> None:
    fresh = tmp_path / "fresh.xlsx"
    shutil.copy(SAMPLE, fresh)
    office.book = fresh
    done = office.pull()
    assert done.returncode == 2
    assert "send a call sheet first" in done.stderr
    assert fresh.read_bytes() == SAMPLE.read_bytes()  # no key written, nothing saved


def test_no_confirm_settings_and_no_store_is_one_sentence(office: Office) -> None:
    office.config.write_text("")
    done = office.pull()
    assert done.returncode == 2
    assert "No confirm server is set up" in done.stderr


def test_the_key_can_be_asked_for_before_the_first_send(tmp_path: Path, office: Office) -> None:
    fresh = tmp_path / "fresh.xlsx"
    shutil.copy(SAMPLE, fresh)
    office.book = fresh
    done = office.pull("--key")
    assert done.returncode == 0, done.stderr
    key = book_key(XlsxHost(fresh))
    assert f'key = "{key}"' in done.stdout and "[[book]]" in done.stdout
    assert office.pull("--key").stdout == done.stdout  # written once
