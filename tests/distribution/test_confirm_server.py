"""A crew member's Confirm link through a running `proddesk serve` (real uvicorn, real HTTP):
opening the link confirms nothing, the button records once, forged, expired, damaged and
foreign links get a page saying why, and the token never reaches the log."""

from __future__ import annotations

import json
import logging
import sys
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import httpx
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from google_support import serve_app

from addin.distribution.store import STORE_NAME, read_confirmations
from addin.distribution.tokens import Claim, confirm_url, expires_after, issue_token
from addin.google.config import load_config
from addin.google.server import create_app
from addin.google.signing import signed_headers

SHOW = "long-take-confirm-secret-2026"
SHOW_OLD = "long-take-old-secret-2025-xx"
OTHER = "night-shift-confirm-secret-9"
KEY = "pd-AbCdEfGhIjKlMnOp"
OTHER_KEY = "pd-NightShiftBook00"
TOMORROW = datetime.now(UTC).date() + timedelta(days=1)


@dataclass
class Served:
    url: str
    state: Path

    def link(self, person: str = "Jordan Smith", *, secret: str = SHOW, book: str = KEY,
             day: int = 2, revision: int = 1, shoot: date = TOMORROW, call: str = "6:30 AM"
             ) -> str:
        claim = Claim(book, day, revision, person, expires_after(shoot, "America/New_York"),
                      shoot, call)
        return confirm_url(self.url, issue_token(secret, claim))

    def stored(self) -> list:
        return read_confirmations(self.state / STORE_NAME)


def _config(tmp: Path) -> Path:
    path = tmp / "productions.toml"
    path.write_text(
        'state_dir = "state"\n'
        f'[[book]]\nname = "The Long Take (Excel)"\nkey = "{KEY}"\n'
        f'secrets = ["{SHOW}", "{SHOW_OLD}"]\n'
        f'[[book]]\nname = "Night Shift"\nkey = "{OTHER_KEY}"\nsecrets = ["{OTHER}"]\n'
    )
    return path


@pytest.fixture
def served(tmp_path: Path) -> Iterator[Served]:
    config = load_config(_config(tmp_path))
    with serve_app(create_app(config)) as url:
        yield Served(url, tmp_path / "state")


def _get(url: str) -> httpx.Response:
    return httpx.get(url, timeout=20, trust_env=False)


def _click(url: str) -> httpx.Response:
    """What the browser sends when the Confirm button is pressed."""
    return httpx.post(url, content=b"", timeout=20, trust_env=False,
                      headers={"Content-Type": "application/x-www-form-urlencoded"})


def test_opening_the_link_shows_what_to_confirm_and_records_nothing(served: Served) -> None:
    link = served.link()
    for _ in range(3):  # Safe Links, Gmail's prefetch, then the person
        page = _get(link)
        assert page.status_code == 200
    text = page.text
    when = f"{TOMORROW:%a} {TOMORROW:%b} {TOMORROW.day}"
    assert f"Jordan Smith, please confirm that you received the call sheet for Day 2, {when}: " \
           "your call 6:30 AM" in text
    assert '<form method="post"><button type="submit">Confirm</button></form>' in text
    assert page.headers["Cache-Control"] == "no-store"
    assert page.headers["Referrer-Policy"] == "no-referrer"
    assert served.stored() == []


def test_the_button_confirms_once_and_a_second_click_says_when(served: Served) -> None:
    link = served.link()
    first = _click(link)
    assert first.status_code == 200
    assert "Jordan Smith, you confirmed the call sheet for Day 2" in first.text
    [confirmation] = served.stored()
    assert (confirmation.book, confirmation.day, confirmation.revision, confirmation.person) \
        == (KEY, 2, 1, "Jordan Smith")
    again = _click(link)
    assert again.status_code == 200
    assert "you already confirmed the call sheet for Day 2" in again.text
    local = confirmation.confirmed_at.astimezone(
        expires_after(TOMORROW, "America/New_York").tzinfo)
    hour = local.hour % 12 or 12
    assert f"at {hour}:{local.minute:02d} {'AM' if local.hour < 12 else 'PM'}" in again.text
    assert "already confirmed" in _get(link).text  # the link itself now says so too
    assert len(served.stored()) == 1


def test_each_revision_and_person_is_confirmed_on_its_own(served: Served) -> None:
    assert _click(served.link(revision=1)).status_code == 200
    revised = _click(served.link(revision=2))
    assert "you confirmed the call sheet for Day 2" in revised.text and "(revision 2)" in \
        revised.text
    _click(served.link("Sam Roe"))
    assert [(c.person, c.revision) for c in served.stored()] == [
        ("Jordan Smith", 1), ("Jordan Smith", 2), ("Sam Roe", 1)]


def test_a_link_signed_with_the_old_secret_still_works_during_a_rotation(served: Served) -> None:
    assert "you confirmed" in _click(served.link(secret=SHOW_OLD)).text


def test_forged_links_get_403_and_record_nothing(served: Served) -> None:
    other_shows_secret = served.link(secret=OTHER)
    page = _click(other_shows_secret)
    assert page.status_code == 403
    assert "not made by ProdDesk for this production" in page.text
    link = served.link()
    _payload, signature = link.rsplit("/", 1)[1].split(".")
    tampered = served.link("Someone Else").rsplit(".", 1)[0] + "." + signature
    assert _click(tampered).status_code == 403
    assert _get(tampered).status_code == 403
    assert served.stored() == []


def test_an_expired_link_gets_410_with_a_sentence(served: Served) -> None:
    last_week = datetime.now(UTC).date() - timedelta(days=7)
    link = served.link(shoot=last_week)
    for answer in (_get(link), _click(link)):
        assert answer.status_code == 410
        assert "This confirm link was for Day 2 and expired at the end of that day" in \
            answer.text
    assert served.stored() == []


def test_a_damaged_or_foreign_link_gets_a_page_not_a_traceback(served: Served) -> None:
    cut = served.link()[:-12]
    assert _click(cut).status_code == 400
    assert "incomplete or damaged" in _get(cut).text
    assert _get(served.url + "/confirm/%3Cscript%3E").status_code == 400
    unknown_book = served.link(book="pd-NotListedHere000")
    answer = _click(unknown_book)
    assert answer.status_code == 403
    assert "a production this server does not serve" in answer.text
    assert served.stored() == []


def test_values_on_the_page_are_html_escaped(served: Served) -> None:
    page = _get(served.link('<img src=x onerror="alert(1)">', call="<b>6:30</b>"))
    assert "<img" not in page.text and "<b>" not in page.text
    assert "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;" in page.text


def test_a_confirmation_survives_a_server_restart(tmp_path: Path) -> None:
    config = load_config(_config(tmp_path))
    with serve_app(create_app(config)) as url:
        link = Served(url, tmp_path / "state").link()
        assert "you confirmed" in _click(link).text
    with serve_app(create_app(load_config(_config(tmp_path)))) as url:
        again = _click(link.replace(link.split("/confirm/")[0], url))
        assert "already confirmed" in again.text
    assert len(read_confirmations(tmp_path / "state" / STORE_NAME)) == 1


def test_the_token_and_secret_never_reach_the_log(served: Served, caplog) -> None:
    caplog.set_level(logging.DEBUG)
    link = served.link()
    token = link.rsplit("/", 1)[1]
    for answer in (_get(link), _click(link), _click(link[:-5]), _click(served.link(secret=OTHER))):
        assert answer.status_code in (200, 400, 403)
    server_side = ("addin", "uvicorn", "fastapi", "starlette")  # not this test's own client
    logged = "\n".join(r.getMessage() for r in caplog.records if r.name.startswith(server_side))
    assert "refused a confirm link: forged" in logged
    for secret_text in (token, token[:40], token.split(".")[1], SHOW):
        assert secret_text not in logged
    stored = (served.state / STORE_NAME).read_text()
    assert token.split(".")[0] not in stored and SHOW not in stored


def _pull(served: Served, book: str, secret: str) -> httpx.Response:
    body = json.dumps({"nonce": uuid.uuid4().hex, "book": book}).encode()
    return httpx.post(served.url + "/confirmations", content=body, timeout=20,
                      trust_env=False,
                      headers={"Content-Type": "application/json",
                               **signed_headers(secret, body)})


def test_a_books_confirmations_are_pulled_only_with_its_own_secret(served: Served) -> None:
    _click(served.link())
    _click(served.link(book=OTHER_KEY, secret=OTHER, person="Night Crew"))
    pulled = _pull(served, KEY, SHOW)
    assert pulled.status_code == 200
    assert [c["person"] for c in pulled.json()["confirmations"]] == ["Jordan Smith"]
    assert _pull(served, KEY, OTHER).status_code == 401  # another show's secret
    refused = _pull(served, "pd-NotListedHere000", SHOW)
    assert refused.status_code == 403 and "[[book]]" in refused.json()["error"]


def test_a_slow_confirm_body_is_refused_and_logged_without_its_token(tmp_path: Path,
                                                                     caplog) -> None:
    import socket

    caplog.set_level(logging.INFO, logger="addin.google.server")
    app = create_app(load_config(_config(tmp_path)), body_seconds=0.5)
    with serve_app(app) as url:
        token = Served(url, tmp_path / "state").link().rsplit("/", 1)[1]
        port = int(url.rsplit(":", 1)[1])
        with socket.create_connection(("127.0.0.1", port), timeout=10) as conn:
            conn.sendall(f"POST /confirm/{token} HTTP/1.1\r\nHost: x\r\n"
                         "Content-Length: 100\r\n\r\nab".encode())
            answer = conn.recv(65536)
    assert b" 408 " in answer.split(b"\r\n")[0]
    logged = "\n".join(r.getMessage() for r in caplog.records)
    assert "refused /confirm/...: the body did not arrive" in logged
    assert token[:20] not in logged
    assert read_confirmations(tmp_path / "state" / STORE_NAME) == []


def test_a_listed_book_needs_a_real_key_and_a_secret(tmp_path: Path) -> None:
    from addin.errors import ConfigError

    path = tmp_path / "productions.toml"
    path.write_text('[[book]]\nname = "TLT"\nkey = "The Long Take.xlsx"\nsecret = "x"\n')
    with pytest.raises(ConfigError, match=r"book\[0\]\.key must be the book's key"):
        load_config(path)
    path.write_text(f'[[book]]\nname = "TLT"\nkey = "{KEY}"\n')
    with pytest.raises(ConfigError, match="'TLT' has no secret"):
        create_app(load_config(path))
    path.write_text(f'[[book]]\nname = "TLT"\nkey = "{KEY}"\nsecret = "short"\n')
    with pytest.raises(ConfigError, match="at least 16 characters"):
        load_config(path)


def test_a_click_turns_the_google_books_row_into_confirmed(tmp_path: Path, monkeypatch) -> None:
    from google_support import start_fake_sheets

    from addin.distribution import tab
    from addin.hosts.gsheets import open_spreadsheet

    sample = Path(__file__).resolve().parents[2] / "workbooks" / "sample_production.xlsx"
    with start_fake_sheets() as fake:
        monkeypatch.setenv("PRODDESK_SHEETS_API", fake.base_url)
        sid = fake.load_xlsx(sample)
        sent = [tab.DistributionRow(1, 1, "Jordan Smith", "Camera", "j@example.com",
                                    "7:00 AM", "Dec 2, 2026 6:05 PM", tab.SENT),
                tab.DistributionRow(1, 1, "Ana Diaz", "Grip", "a@example.com", "6:30 AM",
                                    "Dec 2, 2026 6:05 PM", tab.SENT)]
        tab.write_distribution(open_spreadsheet(f"gsheet:{sid}", "token:t"), sent)
        path = tmp_path / "productions.toml"
        path.write_text('credentials = "token:t"\nstate_dir = "state"\n'
                        "[retry]\ntries = 2\nbase = 0.01\ncap = 0.05\n"
                        f'[[production]]\nname = "Sample"\nspreadsheet = "{sid}"\n'
                        f'secrets = ["{SHOW}"]\n')
        with serve_app(create_app(load_config(path))) as url:
            link = Served(url, tmp_path / "state").link(book=sid, day=1)
            assert _get(link).status_code == 200
            rows = tab.read_distribution(open_spreadsheet(f"gsheet:{sid}", "token:t"))
            assert all(row.status == tab.SENT for row in rows)  # opening confirms nothing
            assert "you confirmed" in _click(link).text
            rows = {r.name: r.status
                    for r in tab.read_distribution(open_spreadsheet(f"gsheet:{sid}", "token:t"))}
            assert rows["Jordan Smith"].startswith("Confirmed ")
            assert rows["Ana Diaz"] == tab.SENT
            assert "already confirmed" in _click(link).text
            writes = [r for r in fake.requests() if r["method"] == "POST"]
            _click(link)
            assert [r for r in fake.requests() if r["method"] == "POST"] == writes  # no rewrite


def test_a_store_that_cannot_be_written_or_a_bug_gets_a_page_to_try_again(
    tmp_path: Path, monkeypatch
) -> None:
    from addin.distribution.store import ConfirmationStore

    state = tmp_path / "state"

    def disk_full(self, data):
        raise OSError(28, "No space left on device")

    with serve_app(create_app(load_config(_config(tmp_path)))) as url:
        link = Served(url, state).link()
        monkeypatch.setattr(ConfirmationStore, "_append", disk_full)
        refused = _click(link)
        assert refused.status_code == 503 and "press Confirm again" in refused.text
        monkeypatch.undo()
        assert "you confirmed" in _click(link).text  # the next press, once there is room

        def broken(self, claim):
            raise RuntimeError("a bug")

        monkeypatch.setattr(ConfirmationStore, "find", broken)
        page = _get(link)
        assert page.status_code == 503 and "press Confirm again" in page.text
        assert "Traceback" not in page.text and "a bug" not in page.text
