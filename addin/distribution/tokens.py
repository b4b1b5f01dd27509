"""Confirm links: a signed token naming the book, the day, the revision and the person.

A token is ``<payload>.<signature>``, both base64url without padding (URL-safe, no
escaping needed). The payload is a compact JSON array::

    [1, book, day, revision, person, expires (unix seconds), shoot date or "", call or ""]

and the signature is HMAC-SHA256 of ``"confirm." + payload`` with the production's
secret (``signing.sign``; the ``confirm`` prefix keeps a token from ever being a valid
request signature, whose prefix is a timestamp of digits). The payload is signed, not
encrypted: it holds only what the confirm page shows the person it was sent to (their
name, the day, their call) and the book's key; never an email address or a secret.

Which secret: each production's own (``secrets`` in productions.toml, several during a
rotation, newest first; ``read_token`` accepts any of them). The server reads the book
key with ``unverified_book`` to pick that production's secrets, then ``read_token``
checks the signature.

A book's key (``book_key``) is the spreadsheet id on Google Sheets. A file or live
Excel book gets a random id (``pd-`` and 16 URL-safe characters) that ProdDesk writes
once into its hidden State tab (``addin.owned``); a renamed, moved or copied file keeps
it, so confirmations of a "Save As" copy still come home. A copy used to start a
different production shares the id until its State tab is deleted.

A link expires at the end of the shoot day in the production's timezone
(``expires_after``): confirming during the night after wrap still works, the next
morning it does not.
"""

from __future__ import annotations

import base64
import binascii
import hmac
import json
import secrets as random
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, timezone
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from addin.errors import AddinError, ConfigError
from addin.google.signing import sign

VERSION = 1
MAX_TOKEN = 1024
"""Longer tokens are refused before any decoding (a real one is about 200 characters)."""
_DOMAIN = "confirm"
_LATEST_ZONE = timezone(timedelta(hours=-12))
"""Without a production timezone, a day ends when it ends everywhere (UTC-12)."""
BOOK_ID_PREFIX = "pd-"


class TokenError(AddinError):
    """A confirm token that cannot be accepted; ``reason`` is malformed, forged or expired."""

    def __init__(self, reason: str, message: str, claim: Claim | None = None) -> None:
        super().__init__(message)
        self.reason = reason
        self.claim = claim
        """For an expired token, what it claimed (its signature was good)."""


@dataclass(frozen=True)
class Claim:
    """What a confirm link says: this person got this revision of this day's call sheet."""

    book: str
    """The book's key (``book_key``)."""
    day: int
    revision: int
    person: str
    """The recipient's name as on the Distribution tab (never their email)."""
    expires: datetime
    """Timezone-aware; the end of the shoot day (``expires_after``)."""
    shoot_date: date | None = None
    """The day's date, for the confirm page ("Day 2, Fri Dec 4")."""
    call: str = ""
    """The person's own call as printed ("6:30 AM"), for the confirm page."""

    @property
    def zone(self) -> timezone:
        """The production's UTC offset on the shoot day, from its expiry (the end of that
        day there); UTC when the claim has no shoot date."""
        if self.shoot_date is None:
            return UTC
        midnight = datetime.combine(self.shoot_date + timedelta(days=1), time(0))
        offset = midnight - self.expires.astimezone(UTC).replace(tzinfo=None)
        return timezone(offset) if abs(offset) <= timedelta(hours=14) else UTC


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _unb64(text: str) -> bytes:
    if not text or not all(ch.isalnum() or ch in "-_" for ch in text) or not text.isascii():
        raise ValueError("not base64url")
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def _signature(secret: str, payload: str) -> bytes:
    return bytes.fromhex(sign(secret, _DOMAIN, payload.encode("ascii")))


def issue_token(secret: str, claim: Claim) -> str:
    """The signed, URL-safe token for a claim."""
    if not secret:
        raise ConfigError("No confirm secret is configured, so confirm links cannot be signed.")
    if claim.expires.tzinfo is None:
        raise ValueError("a claim's expiry must carry its timezone")
    fields = [
        VERSION, claim.book, claim.day, claim.revision, claim.person,
        int(claim.expires.timestamp()),
        claim.shoot_date.isoformat() if claim.shoot_date else "", claim.call,
    ]
    payload = _b64(json.dumps(fields, ensure_ascii=False, separators=(",", ":")).encode())
    return f"{payload}.{_b64(_signature(secret, payload))}"


def _malformed() -> TokenError:
    return TokenError(
        "malformed",
        "This confirm link is incomplete or damaged; open it from the email again "
        "(copy the whole link if it was split across lines).",
    )


def _split(token: str) -> tuple[str, bytes]:
    if not isinstance(token, str) or len(token) > MAX_TOKEN or token.count(".") != 1:
        raise _malformed()
    payload, signature = token.split(".")
    try:
        _unb64(payload)
        given = _unb64(signature)
    except (ValueError, binascii.Error):
        raise _malformed() from None
    if len(given) != 32:
        raise _malformed()
    return payload, given


def _fields(payload: str) -> list[Any]:
    try:
        fields = json.loads(_unb64(payload))
    except (ValueError, binascii.Error, RecursionError):
        raise _malformed() from None
    if not isinstance(fields, list) or len(fields) != 8 or fields[0] != VERSION:
        raise _malformed()
    return fields


def unverified_book(token: str) -> str:
    """The book key a token names, before its signature is checked (to pick the secrets)."""
    book = _fields(_split(token)[0])[1]
    if not isinstance(book, str) or not book:
        raise _malformed()
    return book


def _claim(fields: list[Any]) -> Claim:
    _, book, day, revision, person, expires, shoot_date, call = fields
    texts = (book, person, shoot_date, call)
    numbers = (day, revision, expires)
    if not all(isinstance(v, str) for v in texts) or not book or not person:
        raise _malformed()
    if not all(isinstance(v, int) and not isinstance(v, bool) for v in numbers):
        raise _malformed()
    try:
        when = datetime.fromtimestamp(expires, UTC)
        shot = date.fromisoformat(shoot_date) if shoot_date else None
    except (ValueError, OverflowError, OSError):
        raise _malformed() from None
    return Claim(book, day, revision, person, when, shot, call)


def read_token(secrets: Sequence[str], token: str, now: datetime) -> Claim:
    """The claim of a token signed by one of ``secrets`` and not expired at ``now``;
    else TokenError saying why (malformed, forged, expired)."""
    payload, given = _split(token)
    if not any(hmac.compare_digest(_signature(s, payload), given) for s in secrets if s):
        raise TokenError(
            "forged",
            "This confirm link was not made by ProdDesk for this production "
            "(it may have been changed); ask the production office for a new call sheet email.",
        )
    claim = _claim(_fields(payload))
    if now >= claim.expires:
        raise TokenError(
            "expired",
            f"This confirm link was for Day {claim.day} and expired at the end of that day; "
            "there is nothing left to confirm.",
            claim,
        )
    return claim


def confirm_url(base_url: str, token: str) -> str:
    """The link a recipient clicks: ``https://proddesk.example/confirm/<token>``."""
    base = base_url.strip().rstrip("/")
    if not base.startswith(("https://", "http://")):
        raise ConfigError(
            f"The confirm base URL '{base_url}' must start with https:// (the address at "
            "which `proddesk serve` is reached from the internet)."
        )
    return f"{base}/confirm/{token}"


def expires_after(shoot_date: date, zone: str | None) -> datetime:
    """The end of the shoot day in the production's timezone (an IANA name), when its
    confirm links expire; without a zone, the end of that day in UTC-12."""
    try:
        tz = ZoneInfo(zone) if zone else _LATEST_ZONE
    except (ZoneInfoNotFoundError, ValueError):
        raise ConfigError(
            f"The timezone '{zone}' is not a known timezone name (such as America/New_York)."
        ) from None
    return datetime.combine(shoot_date + timedelta(days=1), time(0), tzinfo=tz)


def new_book_id() -> str:
    """A fresh random book id: ``pd-`` and 16 URL-safe characters (96 random bits)."""
    return BOOK_ID_PREFIX + random.token_urlsafe(12)


def _spreadsheet_id(host: Any) -> str | None:
    sid = getattr(host, "spreadsheet_id", None)
    return sid if isinstance(sid, str) and sid else None


def existing_book_key(host: Any, grids: dict[str, Any] | None = None) -> str | None:
    """The book's key when it has one (a Google spreadsheet always does; a file once
    ``book_key`` wrote it), else None; writes nothing."""
    from addin.owned import find_ownership

    sid = _spreadsheet_id(host)
    return sid or find_ownership(host.read_all() if grids is None else grids).book_id


def book_key(host: Any) -> str:
    """The key confirm links name the book by: the spreadsheet id on Google Sheets; for a
    file or live Excel book its id from the State tab, written there (and saved) the
    first time it is asked for."""
    from addin.owned import find_ownership
    from addin.publish import write_owned_tabs

    sid = _spreadsheet_id(host)
    if sid:
        return sid
    grids = host.read_all()
    owned = find_ownership(grids)
    if not owned.book_id:
        owned.book_id = new_book_id()
        write_owned_tabs(host, grids, owned, [])
        host.save()
    return owned.book_id
