"""Signed requests: ``X-ProdDesk-Timestamp`` (unix seconds) and ``X-ProdDesk-Signature``
(hex HMAC-SHA256 of ``timestamp + "." + body`` with the production's secret). Stale requests
(over 5 minutes) and replays (a signature already seen within the window) are refused.

Headers arrive from anyone: a timestamp must be ASCII digits and a signature 64 ASCII hex
digits before any HMAC work, so a malformed header is a refusal, never an exception.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import threading
import time
from collections.abc import Sequence

WINDOW_SECONDS = 300
TIMESTAMP_HEADER = "X-ProdDesk-Timestamp"
SIGNATURE_HEADER = "X-ProdDesk-Signature"
_TIMESTAMP = re.compile(r"[0-9]{1,12}", re.ASCII)
_SIGNATURE = re.compile(r"[0-9a-fA-F]{64}", re.ASCII)


def sign(secret: str, timestamp: str, body: bytes) -> str:
    """The hex signature of a request body at a timestamp."""
    message = timestamp.encode() + b"." + body
    return hmac.new(secret.encode(), message, hashlib.sha256).hexdigest()


def signed_headers(secret: str, body: bytes, timestamp: float | None = None) -> dict[str, str]:
    """Headers that sign ``body`` now (or at ``timestamp``): what the Apps Script sends."""
    stamp = str(int(time.time() if timestamp is None else timestamp))
    return {TIMESTAMP_HEADER: stamp, SIGNATURE_HEADER: sign(secret, stamp, body)}


class Verifier:
    """Checks signatures against the secrets valid for a request and remembers those seen."""

    def __init__(self, window: float = WINDOW_SECONDS) -> None:
        self.window = window
        self._seen: dict[str, float] = {}
        self._lock = threading.Lock()

    def check(
        self, timestamp: str | None, signature: str | None, body: bytes, secrets: Sequence[str]
    ) -> str | None:
        """None when the request is signed by one of ``secrets``, fresh and new; else why not."""
        if not timestamp or not signature:
            return "The request is not signed."
        if not _TIMESTAMP.fullmatch(timestamp):
            return "The request's timestamp is not a number of seconds."
        if not _SIGNATURE.fullmatch(signature):
            return "The request's signature is not 64 hexadecimal digits."
        now = time.time()
        if abs(now - int(timestamp)) > self.window:
            return "The request is too old (or its clock is off by more than 5 minutes)."
        given = signature.lower().encode("ascii")
        if not any(
            hmac.compare_digest(sign(secret, timestamp, body).encode("ascii"), given)
            for secret in secrets
        ):
            return "The request's signature does not match."
        key = given.decode("ascii")
        with self._lock:
            self._seen = {s: t for s, t in self._seen.items() if now - t <= self.window}
            if key in self._seen:
                return "The request was already received once (replay)."
            self._seen[key] = now
        return None
