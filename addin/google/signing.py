"""Signed requests: ``X-ProdDesk-Timestamp`` (unix seconds) and ``X-ProdDesk-Signature``
(hex HMAC-SHA256 of ``timestamp + "." + body`` with the shared secret). Stale requests
(over 5 minutes) and replays (a signature already seen within the window) are refused."""

from __future__ import annotations

import hashlib
import hmac
import threading
import time

WINDOW_SECONDS = 300
TIMESTAMP_HEADER = "X-ProdDesk-Timestamp"
SIGNATURE_HEADER = "X-ProdDesk-Signature"


def sign(secret: str, timestamp: str, body: bytes) -> str:
    """The hex signature of a request body at a timestamp."""
    message = timestamp.encode() + b"." + body
    return hmac.new(secret.encode(), message, hashlib.sha256).hexdigest()


def signed_headers(secret: str, body: bytes, timestamp: float | None = None) -> dict[str, str]:
    """Headers that sign ``body`` now (or at ``timestamp``): what the Apps Script sends."""
    stamp = str(int(time.time() if timestamp is None else timestamp))
    return {TIMESTAMP_HEADER: stamp, SIGNATURE_HEADER: sign(secret, stamp, body)}


class Verifier:
    """Checks signatures and remembers the ones seen within the window."""

    def __init__(self, secret: str, window: float = WINDOW_SECONDS) -> None:
        self._secret = secret
        self.window = window
        self._seen: dict[str, float] = {}
        self._lock = threading.Lock()

    def check(self, timestamp: str | None, signature: str | None, body: bytes) -> str | None:
        """None when the request is signed, fresh and new; else why it is refused."""
        if not timestamp or not signature:
            return "The request is not signed."
        try:
            stamp = float(timestamp)
        except ValueError:
            return "The request's timestamp is not a number of seconds."
        now = time.time()
        if abs(now - stamp) > self.window:
            return "The request is too old (or its clock is off by more than 5 minutes)."
        if not hmac.compare_digest(sign(self._secret, timestamp, body), signature.lower()):
            return "The request's signature does not match."
        with self._lock:
            self._seen = {s: t for s, t in self._seen.items() if now - t <= self.window}
            if signature.lower() in self._seen:
                return "The request was already received once (replay)."
            self._seen[signature.lower()] = now
        return None
