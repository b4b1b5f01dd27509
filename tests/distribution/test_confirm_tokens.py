"""Confirm links: signed, URL-safe, refused with a reason when forged, expired or damaged, and
naming a book by a key that survives renaming and copying the file."""

from __future__ import annotations

import base64
import json
import shutil
import sys
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from addin.book import read_book
from addin.distribution.tokens import (
    Claim,
    TokenError,
    book_key,
    confirm_url,
    expires_after,
    issue_token,
    read_token,
    unverified_book,
)
from addin.errors import ConfigError
from addin.hosts.xlsx import XlsxHost
from addin.publish import clear, publish
from addin.run import check_book

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "workbooks" / "sample_production.xlsx"
NEW = "long-take-confirm-secret-2026"
OLD = "long-take-old-secret-2025-xx"
OTHER_SHOW = "night-shift-confirm-secret-9"
DAY_2 = date(2026, 12, 4)
ENDS = expires_after(DAY_2, "America/New_York")
CLAIM = Claim("pd-AbCdEfGhIjKlMnOp", 2, 1, "Jordan Smith", ENDS, DAY_2, "6:30 AM")
BEFORE = datetime(2026, 12, 3, 18, 0, tzinfo=UTC)


def _reason(secrets: list[str], token: str, now: datetime = BEFORE) -> str:
    with pytest.raises(TokenError) as refused:
        read_token(secrets, token, now)
    assert str(refused.value)  # always a sentence for the page
    return refused.value.reason


def test_a_token_reads_back_as_the_claim_it_was_issued_for() -> None:
    token = issue_token(NEW, CLAIM)
    assert read_token([NEW], token, BEFORE) == CLAIM
    assert unverified_book(token) == CLAIM.book


def test_a_token_is_url_safe_compact_and_carries_no_email_or_secret() -> None:
    claim = Claim("1BxiMVs0XRA5nFMdKvBdBZjgmUUqptlbs74OgvE2upms", 12, 3, "Zoë Ångström-Núñez",
                  ENDS, DAY_2, "O/C")
    token = issue_token(NEW, claim)
    assert set(token) <= set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.")
    assert len(token) < 250
    url = confirm_url("https://confirm.example.com/", token)
    assert url == f"https://confirm.example.com/confirm/{token}"
    payload = base64.urlsafe_b64decode(token.split(".")[0] + "==").decode()
    assert NEW not in payload and "@" not in payload
    assert read_token([NEW], token, BEFORE).person == "Zoë Ångström-Núñez"


def test_rotation_accepts_a_link_signed_with_the_old_secret_while_it_is_listed() -> None:
    token = issue_token(OLD, CLAIM)
    assert read_token([NEW, OLD], token, BEFORE) == CLAIM
    assert _reason([NEW], token) == "forged"  # the old secret dropped: its links stop working


def test_a_changed_token_or_another_shows_secret_is_forged() -> None:
    token = issue_token(NEW, CLAIM)
    payload, signature = token.split(".")
    fields = json.loads(base64.urlsafe_b64decode(payload + "=="))
    fields[4] = "Someone Else"  # confirm for another person with Jordan's signature
    changed = base64.urlsafe_b64encode(json.dumps(fields).encode()).rstrip(b"=").decode()
    assert _reason([NEW], f"{changed}.{signature}") == "forged"
    assert _reason([OTHER_SHOW], token) == "forged"
    assert _reason([NEW], issue_token(OTHER_SHOW, CLAIM)) == "forged"


def test_a_link_expires_at_the_end_of_the_shoot_day_in_the_production_timezone() -> None:
    token = issue_token(NEW, CLAIM)
    late_after_wrap = datetime(2026, 12, 4, 23, 59, tzinfo=ENDS.tzinfo)
    assert read_token([NEW], token, late_after_wrap) == CLAIM
    next_morning = datetime(2026, 12, 5, 0, 1, tzinfo=ENDS.tzinfo)
    with pytest.raises(TokenError) as refused:
        read_token([NEW], token, next_morning)
    assert refused.value.reason == "expired"
    assert refused.value.claim == CLAIM
    assert "Day 2" in str(refused.value)
    assert ENDS.astimezone(UTC) == datetime(2026, 12, 5, 5, 0, tzinfo=UTC)


def test_without_a_production_timezone_the_day_ends_when_it_ends_everywhere() -> None:
    ends = expires_after(DAY_2, None)
    assert ends.astimezone(UTC) == datetime(2026, 12, 5, 12, 0, tzinfo=UTC)
    with pytest.raises(ConfigError, match="Mars/Olympus"):
        expires_after(DAY_2, "Mars/Olympus")


def test_an_expired_link_with_a_bad_signature_is_forged_not_expired() -> None:
    token = issue_token(OTHER_SHOW, CLAIM)
    assert _reason([NEW], token, now=ENDS + timedelta(days=30)) == "forged"


@pytest.mark.parametrize(
    "token",
    ["", "abc", "a.b.c", "..", "%%%.###", "é" * 40 + "." + "A" * 43,
     "A" * 5000 + "." + "B" * 43],
)
def test_damaged_links_are_malformed(token: str) -> None:
    assert _reason([NEW], token) == "malformed"
    with pytest.raises(TokenError):
        unverified_book(token)


def test_a_link_cut_short_by_a_mail_client_is_malformed() -> None:
    token = issue_token(NEW, CLAIM)
    assert _reason([NEW], token[:-10]) == "malformed"
    assert _reason([NEW], token.split(".")[0]) == "malformed"


def test_a_confirm_url_needs_a_web_address() -> None:
    with pytest.raises(ConfigError, match="https://"):
        confirm_url("confirm.example.com", "x.y")
    with pytest.raises(ConfigError):
        issue_token("", CLAIM)


def test_a_file_gets_its_book_key_once_and_keeps_it_when_renamed_copied_and_checked(
    tmp_path: Path,
) -> None:
    book = tmp_path / "The Long Take.xlsx"
    shutil.copy(SAMPLE, book)
    before = read_book(XlsxHost(book)).grids
    key = book_key(XlsxHost(book))
    assert key.startswith("pd-") and len(key) == 19
    assert book_key(XlsxHost(book)) == key  # written once, read back after
    after = XlsxHost(book).read_all()
    assert {name: after[name] for name in before} == before  # the coordinator's tabs untouched
    renamed = tmp_path / "TLT final FINAL.xlsx"
    book.rename(renamed)
    copy = tmp_path / "copy for the UPM.xlsx"
    shutil.copy(renamed, copy)
    assert book_key(XlsxHost(renamed)) == book_key(XlsxHost(copy)) == key
    host = XlsxHost(copy, backup=True)  # a later check rewrites the State tab: the key stays
    checked = read_book(host)
    publish(host, checked, check_book(checked, date(2026, 11, 25)))
    assert book_key(XlsxHost(copy)) == key
    another = tmp_path / "another show.xlsx"
    shutil.copy(SAMPLE, another)
    assert book_key(XlsxHost(another)) != key


def test_clearing_checks_keeps_the_key_while_proddesk_tabs_remain(tmp_path: Path) -> None:
    from addin.owned import find_ownership
    from addin.publish import write_owned_tabs

    book = tmp_path / "book.xlsx"
    shutil.copy(SAMPLE, book)
    key = book_key(XlsxHost(book))
    host = XlsxHost(book)
    grids = host.read_all()
    owned = find_ownership(grids)
    name = owned.claim("distribution", "Distribution")
    from addin.hosts.base import SheetContent

    write_owned_tabs(host, grids, owned, [SheetContent(name, [["Name"], ["Jordan Smith"]])])
    host.save()
    host = XlsxHost(book, backup=True)
    checked = read_book(host)
    publish(host, checked, check_book(checked, date(2026, 11, 25)))
    host = XlsxHost(book, backup=True)
    clear(host, read_book(host))
    assert "Distribution" in XlsxHost(book).sheet_names()
    assert book_key(XlsxHost(book)) == key


def test_a_google_spreadsheet_is_keyed_by_its_id(monkeypatch) -> None:
    from google_support import start_fake_sheets

    from addin.hosts.gsheets import open_spreadsheet

    with start_fake_sheets() as fake:
        monkeypatch.setenv("PRODDESK_SHEETS_API", fake.base_url)
        sid = fake.load_xlsx(SAMPLE)
        assert book_key(open_spreadsheet(f"gsheet:{sid}", "token:t")) == sid
        assert all(r["method"] == "GET" for r in fake.requests())  # nothing written
