"""The issue's "done when", end to end on the sample book: `proddesk send --day 1` against a
real SMTP server, the Confirm link taken out of a received message and clicked through a
running `proddesk serve` (real uvicorn, real HTTP), `proddesk confirmations` turning that row
into Confirmed, and a rerun of send sending nothing new. Forged, expired and replayed links
change nothing."""

from __future__ import annotations

import re
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from google_support import serve_app

from addin.cli import main
from addin.distribution.tab import SENT, read_distribution
from addin.distribution.tokens import Claim, TokenError, confirm_url, issue_token, read_token
from addin.google.config import load_config
from addin.google.server import create_app
from addin.hosts.xlsx import XlsxHost

SECRET = "long-take-confirm-secret-2026"
LINK = re.compile(r"(http://127\.0\.0\.1:\d+/confirm/[A-Za-z0-9_.-]+)")


def _rows(book: Path) -> dict[str, str]:
    return {row.name: row.status for row in read_distribution(XlsxHost(book))}


def _click(link: str) -> httpx.Response:
    return httpx.post(link, content=b"", timeout=20, trust_env=False)


def test_a_confirm_click_on_a_sent_call_sheet_comes_back_as_confirmed(
    mail_server, sample: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    listed = tmp_path / "productions.toml"
    assert main(["confirmations", str(sample), "--key"]) == 0  # the key, before the first send
    key = re.search(r'key = "(pd-[A-Za-z0-9_-]{16})"', capsys.readouterr().out).group(1)
    listed.write_text(f'state_dir = "state"\n[[book]]\nname = "The Long Take"\nkey = "{key}"\n'
                      f'secrets = ["{SECRET}"]\n')
    with serve_app(create_app(load_config(listed))) as url:
        monkeypatch.setenv("PRODDESK_CONFIRM_URL", url)
        monkeypatch.setenv("PRODDESK_CONFIRM_SECRETS", SECRET)
        out = str(sample.parent / "callsheets")
        assert main(["send", str(sample), "--day", "1", "--out", out]) in (0, 1)
        received = mail_server.recorder.received
        assert received
        message = received[len(received) // 2].message  # someone's own message
        [link] = LINK.findall(message.get_body(("plain",)).get_content())
        assert link in message.get_body(("html",)).get_content()
        claim = read_token([SECRET], link.rsplit("/", 1)[1], datetime.now(UTC))
        assert claim.book == key and claim.day == 1 and claim.revision == 1
        person = claim.person
        assert _rows(sample)[person] == SENT

        page = httpx.get(link, timeout=20, trust_env=False)  # the mail scanner, then the person
        assert page.status_code == 200 and "please confirm" in page.text
        assert "you confirmed" in _click(link).text
        assert "already confirmed" in _click(link).text  # replayed: one record

        forged = issue_token("someone-elses-secret-123", claim)
        assert _click(confirm_url(url, forged)).status_code == 403
        past = Claim(key, 1, 1, "Ana Diaz", datetime.now(UTC) - timedelta(hours=1))
        assert _click(confirm_url(url, issue_token(SECRET, past))).status_code == 410

        capsys.readouterr()
        assert main(["confirmations", str(sample)]) == 0
        said = " ".join(capsys.readouterr().out.split())
        assert said.startswith(f"1 new confirmation: {person} (Day 1).")
        rows = _rows(sample)
        assert rows[person].startswith("Confirmed ")
        assert sum(status.startswith("Confirmed") for status in rows.values()) == 1

        before = len(received)
        assert main(["send", str(sample), "--day", "1", "--out", out]) in (0, 1)
        assert len(mail_server.recorder.received) == before  # the rerun sends nothing new
        assert _rows(sample)[person].startswith("Confirmed ")  # and keeps the confirmation
    with pytest.raises(TokenError):
        read_token([SECRET], forged, datetime.now(UTC))
