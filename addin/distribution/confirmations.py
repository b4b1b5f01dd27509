"""Bringing confirmations home: from the server's store into the book's Distribution tab.

``proddesk confirmations BOOK`` and Excel's Confirmations button pull the book's
confirmations from `proddesk serve` over HTTP (``POST /confirmations``, signed like the Apps
Script requests with the [confirm] secret, which the server must list for the book) or,
when the server runs on this machine, read its store file directly (``--store``). Each one
turns that person's row for that day and version into ``Confirmed <when>`` (in the
production's timezone); a row already confirmed keeps its first time. The server writes a
Google book's confirmations itself as they arrive.
"""

from __future__ import annotations

import json
import urllib.error
import urllib.request
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from addin.distribution import tab
from addin.distribution.store import STORE_NAME, Confirmation, read_confirmations
from addin.distribution.tokens import existing_book_key
from addin.errors import ConfigError, HostError, InputError

MAX_ANSWER = 16 * 1024 * 1024
TIMEOUT = 30.0
Source = Callable[[str], list[Confirmation]]
"""A book key -> the confirmations the server has for that book."""


@dataclass
class Pulled:
    """What a pull changed in the book."""

    book: str
    key: str
    new: list[Confirmation] = field(default_factory=list)
    unmatched: list[Confirmation] = field(default_factory=list)
    """Confirmations whose person, day and version have no row on the Distribution tab."""
    confirmed: int = 0
    rows: int = 0

    def summary(self) -> str:
        """``3 new confirmations: Jordan Smith (Day 2), ... 12 of 30 rows are confirmed.``"""
        if self.new:
            names = ", ".join(f"{c.person} (Day {c.day}"
                              + (f" v{c.revision})" if c.revision > 1 else ")")
                              for c in self.new)
            plural = "s" if len(self.new) != 1 else ""
            head = f"{len(self.new)} new confirmation{plural}: {names}."
        else:
            head = "No new confirmations."
        text = f"{head} {self.confirmed} of {self.rows} rows of the Distribution tab are " \
               "confirmed."
        if self.unmatched:
            left = ", ".join(f"{c.person} (Day {c.day} v{c.revision})" for c in self.unmatched)
            text += f" Not on the Distribution tab, so not written: {left}."
        return text


def server_source(base_url: str, secret: str, timeout: float = TIMEOUT) -> Source:
    """Confirmations pulled from `proddesk serve` at ``base_url``, signed with ``secret``."""
    from addin.google.signing import signed_headers

    def pull(key: str) -> list[Confirmation]:
        body = json.dumps({"nonce": uuid.uuid4().hex, "book": key}).encode()
        request = urllib.request.Request(
            base_url.rstrip("/") + "/confirmations", data=body, method="POST",
            headers={"Content-Type": "application/json", **signed_headers(secret, body)},
        )
        try:
            with urllib.request.urlopen(request, timeout=timeout) as answer:
                data = answer.read(MAX_ANSWER + 1)
        except urllib.error.HTTPError as refused:
            raise _refusal(base_url, key, refused) from None
        except (urllib.error.URLError, OSError) as error:
            reason = getattr(error, "reason", None) or error
            raise HostError(f"The ProdDesk server at {base_url} cannot be reached ({reason}); "
                            "check the [confirm] base_url and that `proddesk serve` runs.") \
                from None
        if len(data) > MAX_ANSWER:
            raise HostError(f"The ProdDesk server at {base_url} answered more than 16 MiB.")
        return _confirmations(data, key, base_url)

    return pull


def _refusal(base_url: str, key: str, refused: urllib.error.HTTPError) -> Exception:
    try:
        said = json.loads(refused.read(65536)).get("error", "")
    except (ValueError, AttributeError, OSError):
        said = ""
    said = f" ({said})" if said else ""
    if refused.code == 403:
        return ConfigError(
            f"The ProdDesk server at {base_url} does not list this book{said}: add it to the "
            f"server's productions.toml as [[book]] with key = \"{key}\" and the [confirm] "
            "secret in its secrets."
        )
    if refused.code == 401:
        return ConfigError(
            f"The ProdDesk server at {base_url} refused the request{said}: the [confirm] "
            f"secret must be one of the secrets of book {key} in the server's productions.toml."
        )
    return HostError(f"The ProdDesk server at {base_url} answered {refused.code}{said}.")


def _confirmations(data: bytes, key: str, where: str) -> list[Confirmation]:
    try:
        items = json.loads(data)["confirmations"]
        found = [Confirmation.from_json(item) for item in items]
    except (ValueError, KeyError, TypeError, RecursionError):
        raise HostError(f"The ProdDesk server at {where} did not answer a list of "
                        "confirmations.") from None
    return [c for c in found if c.book == key]


def store_source(path: str | Path) -> Source:
    """Confirmations read from the server's store on this machine: its confirmations.jsonl
    or the state_dir holding it."""
    store = Path(path).expanduser()
    if store.is_dir():
        store = store / STORE_NAME
    if not store.is_file():
        raise ConfigError(f"{store}: no confirmations file there (it is {STORE_NAME} in the "
                          "server's state_dir).")

    def read(key: str) -> list[Confirmation]:
        return [c for c in read_confirmations(store) if c.book == key]

    return read



def pull_into_book(host: Any, source: Source) -> Pulled:
    """Write the book's new confirmations into its Distribution tab (saved when any row
    changed); what changed."""
    from addin.book import build_book
    from addin.timezones import production_tzinfo

    grids = host.read_all()
    key = existing_book_key(host, grids)
    rows = tab.read_distribution(host, grids)
    if not key or not rows:
        raise InputError(f"{host.label} has no Distribution tab with people on it yet: send a "
                         "call sheet first (`proddesk send`), then pull its confirmations.")
    zone = production_tzinfo(build_book(grids, host.label))
    found = source(key)
    updated, applied = tab.apply_confirmations(rows, found, zone)
    keys = {row.key for row in rows}
    from addin import parse

    unmatched = [c for c in found
                 if (c.day, c.revision, parse.name_key(c.person)) not in keys]
    if applied:
        tab.write_distribution(host, updated, grids)
    return Pulled(host.label, key, applied, unmatched,
                  confirmed=sum(row.confirmed for row in updated), rows=len(updated))
