"""Fixtures for sending: a real SMTP server and a fresh copy of the sample book."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.distribution.mail_server import MailServer

SAMPLE = Path(__file__).resolve().parents[2] / "workbooks" / "sample_production.xlsx"


@pytest.fixture
def mail_server(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """The server, with ProdDesk's environment pointing at it (and no config file)."""
    with MailServer(tmp_path) as server:
        for name, value in server.env().items():
            monkeypatch.setenv(name, value)
        monkeypatch.delenv("PRODDESK_MAIL_CONFIG", raising=False)
        monkeypatch.delenv("PRODDESK_CONFIRM_URL", raising=False)
        monkeypatch.setattr("addin.distribution.settings.DEFAULT_CONFIG",
                            tmp_path / "no-mail.toml")
        yield server


@pytest.fixture
def sample(tmp_path: Path) -> Path:
    """A copy of the sample production book."""
    return Path(shutil.copy(SAMPLE, tmp_path / "sample_production.xlsx"))
