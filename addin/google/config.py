"""productions.toml: the spreadsheets ProdDesk keeps in sync and serves.

    credentials = "~/keys/proddesk-sa.json"   # or GOOGLE_APPLICATION_CREDENTIALS
    state_dir = ".proddesk-sync"              # hashes of the last cycle
    history_dir = "history"                   # xlsx snapshots of changed books
    interval_minutes = 5
    shared_secret = "..."                     # optional fallback for productions without their own

    [retry]                                   # optional: tries, first wait, cap (seconds)
    tries = 5
    base = 1.0
    cap = 32.0

    [[production]]
    name = "Night Shift"
    spreadsheet = "https://docs.google.com/spreadsheets/d/ID/edit"   # or the bare ID
    days_ahead = 2
    interval_minutes = 5
    secrets = ["new-secret", "old-secret"]    # this production's own (several during a rotation)

    public_url = "https://proddesk.example.com"   # where crew reach this server (confirm links)

    [[book]]                                  # an Excel book whose confirm links this server checks
    name = "Night Shift (Excel)"
    key = "pd-AbCdEfGhIjKlMnOp"               # the book's key: `proddesk confirmations BOOK --key`
    secrets = ["..."]                         # the same secret the coordinator's machine signs with

Each production's ``secrets`` (or one ``secret``) sign the requests of that spreadsheet's
Apps Script only; ``PRODDESK_SECRETS_<N>`` (N the production's position from 1, comma-separated)
overrides them from the environment. ``shared_secret`` (or ``PRODDESK_SHARED_SECRET``) is valid
for every production that has no secret of its own. A ``[[book]]``'s ``secrets`` sign its
confirm links and its coordinator's ``proddesk confirmations`` requests;
``PRODDESK_BOOK_SECRETS_<N>`` overrides them, ``public_url`` (or ``PRODDESK_PUBLIC_URL``) is the
address confirm links point at.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from addin.errors import ConfigError
from addin.hosts.gsheets_retry import Retry
from addin.hosts.open import GOOGLE_URL


@dataclass
class Production:
    """One spreadsheet to keep in sync."""

    name: str
    spreadsheet_id: str
    days_ahead: int = 2
    interval_minutes: float = 5.0
    secrets: tuple[str, ...] = field(default=(), repr=False)


@dataclass
class FileBook:
    """An Excel or .xlsx book (no spreadsheet to act on) whose confirmations this server takes."""

    name: str
    key: str
    """The book's key (``addin.distribution.tokens.book_key``): ``pd-`` and 16 characters."""
    secrets: tuple[str, ...] = field(default=(), repr=False)


@dataclass
class SyncConfig:
    """Everything productions.toml says."""

    path: Path
    productions: list[Production]
    credentials: str | None = None
    state_dir: Path = Path(".proddesk-sync")
    history_dir: Path = Path("history")
    interval_minutes: float = 5.0
    shared_secret: str | None = field(default=None, repr=False)
    retry: Retry = field(default_factory=Retry)
    books: list[FileBook] = field(default_factory=list)
    public_url: str | None = None

    def production(self, spreadsheet_id: str) -> Production | None:
        """The listed production with this spreadsheet id, if any."""
        return next((p for p in self.productions if p.spreadsheet_id == spreadsheet_id), None)

    def secrets_for(self, spreadsheet_id: str | None) -> tuple[str, ...]:
        """The secrets that may sign a request about this spreadsheet (or about none).

        A production with secrets of its own accepts only those; any other request only the
        shared secret, when there is one.
        """
        production = self.production(spreadsheet_id) if spreadsheet_id else None
        if production is not None and production.secrets:
            return production.secrets
        return (self.shared_secret,) if self.shared_secret else ()

    def file_book(self, key: str) -> FileBook | None:
        """The listed Excel book with this key, if any."""
        return next((b for b in self.books if b.key == key), None)

    def book_secrets(self, key: str) -> tuple[str, ...]:
        """The secrets of the production or Excel book a confirm link names (none when it is
        not listed)."""
        if self.production(key) is not None:
            return self.secrets_for(key)
        book = self.file_book(key)
        if book is None:
            return ()
        return book.secrets or ((self.shared_secret,) if self.shared_secret else ())


def _id_of(text: str, where: str) -> str:
    match = GOOGLE_URL.match(text)
    if match:
        return match.group(1)
    if text.startswith("gsheet:"):
        text = text[7:]
    if not _id_like(text):
        raise ConfigError(f"{where}: '{text}' is not a spreadsheet id or Google Sheets URL.")
    return text


def _number(data: dict[str, Any], key: str, default: float, where: str) -> float:
    value = data.get(key, default)
    if isinstance(value, bool) or not isinstance(value, int | float) or value < 0:
        raise ConfigError(f"{where}: {key} must be a number of 0 or more.")
    return value


def _secrets(
    item: dict[str, Any], position: int, where: str, env: str = "PRODDESK_SECRETS"
) -> tuple[str, ...]:
    from_env = os.environ.get(f"{env}_{position}")
    if from_env:
        values: Any = [part.strip() for part in from_env.split(",")]
    elif "secrets" in item:
        values = item["secrets"]
    elif "secret" in item:
        values = [item["secret"]]
    else:
        return ()
    if not isinstance(values, list) or not all(isinstance(v, str) and v for v in values):
        raise ConfigError(f"{where}.secrets must be a list of non-empty texts.")
    if any(len(v) < 16 for v in values):
        raise ConfigError(f"{where}: each secret must be at least 16 characters long.")
    return tuple(values)


def load_config(path: str | Path) -> SyncConfig:
    """Read and check productions.toml; ConfigError names the file and the key."""
    path = Path(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError(f"{path}: no such configuration file.") from None
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"{path}: not valid TOML ({error}).") from None
    base = path.parent
    interval = _number(data, "interval_minutes", 5.0, f"{path}")
    items = data.get("production", [])
    books = _file_books(data.get("book", []), path)
    if not isinstance(items, list) or not (items or books):
        raise ConfigError(f"{path}: lists no [[production]] (each needs name and spreadsheet).")
    productions = []
    for i, item in enumerate(items):
        where = f"{path}: production[{i}]"
        if not isinstance(item.get("spreadsheet"), str):
            raise ConfigError(f"{where}.spreadsheet is missing (a spreadsheet id or URL).")
        sid = _id_of(item["spreadsheet"], f"{where}.spreadsheet")
        productions.append(
            Production(
                name=str(item.get("name") or sid),
                spreadsheet_id=sid,
                days_ahead=int(_number(item, "days_ahead", 2, where)),
                interval_minutes=_number(item, "interval_minutes", interval, where),
                secrets=_secrets(item, i + 1, where),
            )
        )
    retry_data = data.get("retry", {})
    retry = Retry(
        tries=max(1, int(_number(retry_data, "tries", 5, f"{path}: retry"))),
        base=_number(retry_data, "base", 1.0, f"{path}: retry"),
        cap=_number(retry_data, "cap", 32.0, f"{path}: retry"),
    )
    credentials = data.get("credentials")
    if credentials is not None and not str(credentials).startswith("token:"):
        credentials = str((base / Path(credentials).expanduser()).resolve())
    return SyncConfig(
        path=path,
        productions=productions,
        credentials=credentials,
        state_dir=base / data.get("state_dir", ".proddesk-sync"),
        history_dir=base / data.get("history_dir", "history"),
        interval_minutes=interval,
        shared_secret=os.environ.get("PRODDESK_SHARED_SECRET") or data.get("shared_secret"),
        retry=retry,
        books=books,
        public_url=os.environ.get("PRODDESK_PUBLIC_URL") or data.get("public_url"),
    )


def _file_books(items: Any, path: Path) -> list[FileBook]:
    if not isinstance(items, list):
        raise ConfigError(f"{path}: [[book]] must be a list of tables (name, key, secrets).")
    books = []
    for i, item in enumerate(items):
        where = f"{path}: book[{i}]"
        key = item.get("key") if isinstance(item, dict) else None
        if not isinstance(key, str) or not key.startswith("pd-") or not _id_like(key[3:]):
            raise ConfigError(
                f"{where}.key must be the book's key (pd- and 16 letters or digits, as "
                "`proddesk confirmations BOOK --key` prints it)."
            )
        books.append(FileBook(str(item.get("name") or key), key,
                              _secrets(item, i + 1, where, "PRODDESK_BOOK_SECRETS")))
    return books


def _id_like(text: str) -> bool:
    return bool(text) and all(ch.isascii() and (ch.isalnum() or ch in "-_") for ch in text)
