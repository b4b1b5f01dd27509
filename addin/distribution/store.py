"""The server's record of confirmations: one JSON line each, appended and synced to disk.

    {"book": "pd-...", "day": 2, "revision": 1, "person": "Jordan Smith",
     "confirmed_at": "2026-12-03T23:14:05+00:00"}

A person confirms a revision of a day once: the first confirmation is kept, a second
click answers with it and writes nothing. The file holds no token, secret or email. A
line cut short by a crash (the last one) is left out when the file is read, and logged.
"""

from __future__ import annotations

import json
import logging
import os
import threading
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from addin.distribution.tokens import Claim
from addin.errors import ConfigError

log = logging.getLogger("addin.distribution.store")

STORE_NAME = "confirmations.jsonl"


@dataclass(frozen=True)
class Confirmation:
    """Someone confirmed they received a revision of a day's call sheet."""

    book: str
    day: int
    revision: int
    person: str
    confirmed_at: datetime
    """Timezone-aware (stored in UTC)."""

    @property
    def key(self) -> tuple[str, int, int, str]:
        """What makes a confirmation the same one: book, day, revision, person."""
        return (self.book, self.day, self.revision, self.person)

    def to_json(self) -> dict[str, Any]:
        """The JSON object of one store line (and of the pull endpoint's answer)."""
        data = asdict(self)
        data["confirmed_at"] = self.confirmed_at.astimezone(UTC).isoformat()
        return data

    @classmethod
    def from_json(cls, data: Any) -> Confirmation:
        """A confirmation from its JSON object; ValueError when it is not one."""
        if not isinstance(data, dict):
            raise ValueError("not an object")
        book, person, when = data.get("book"), data.get("person"), data.get("confirmed_at")
        day, revision = data.get("day"), data.get("revision")
        if not all(isinstance(v, str) and v for v in (book, person, when)):
            raise ValueError("book, person and confirmed_at must be texts")
        if not all(isinstance(v, int) and not isinstance(v, bool) for v in (day, revision)):
            raise ValueError("day and revision must be whole numbers")
        at = datetime.fromisoformat(when)
        if at.tzinfo is None:
            raise ValueError("confirmed_at has no timezone")
        return cls(book, day, revision, person, at)


def _claimed(claim: Claim) -> tuple[str, int, int, str]:
    return (claim.book, claim.day, claim.revision, claim.person)


class ConfirmationStore:
    """The append-only file of confirmations in the server's state dir."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._lock = threading.Lock()
        self._by_key: dict[tuple[str, int, int, str], Confirmation] = {}
        for confirmation in read_confirmations(path):
            self._by_key.setdefault(confirmation.key, confirmation)

    def find(self, claim: Claim) -> Confirmation | None:
        """The confirmation already recorded for a claim, if any."""
        return self._by_key.get(_claimed(claim))

    def record(self, claim: Claim, at: datetime) -> tuple[Confirmation, bool]:
        """Record a claim as confirmed at ``at``; (the confirmation, whether it is new).

        A claim confirmed before is not written again: its first confirmation comes back.
        """
        with self._lock:
            known = self._by_key.get(_claimed(claim))
            if known is not None:
                return known, False
            confirmation = Confirmation(*_claimed(claim), at.astimezone(UTC))
            line = json.dumps(confirmation.to_json(), ensure_ascii=False) + "\n"
            self._append(line.encode("utf-8"))
            self._by_key[confirmation.key] = confirmation
            return confirmation, True

    def for_book(self, book: str) -> list[Confirmation]:
        """Every confirmation of one book, oldest first."""
        found = [c for c in self._by_key.values() if c.book == book]
        return sorted(found, key=lambda c: c.confirmed_at)

    def _append(self, data: bytes) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        flags = os.O_WRONLY | os.O_APPEND | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0)
        descriptor = os.open(self.path, flags, 0o600)
        try:
            os.write(descriptor, data)
            os.fsync(descriptor)
        finally:
            os.close(descriptor)


def read_confirmations(path: Path) -> list[Confirmation]:
    """The confirmations in a store file, in the order written (none when it does not
    exist yet); a damaged line is logged and left out."""
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except FileNotFoundError:
        return []
    except OSError as error:
        raise ConfigError(f"{path}: the confirmations file cannot be read ({error}).") from None
    found = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            found.append(Confirmation.from_json(json.loads(line)))
        except (ValueError, RecursionError):
            log.warning("%s line %d is not a confirmation; left out", path, number)
    return found
