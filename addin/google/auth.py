"""Google credentials and a gspread client: service-account key files or, against a local
imitation (PRODDESK_SHEETS_API), a bare bearer token. The key's content is never logged."""

from __future__ import annotations

import logging
import os
import stat
import sys
from pathlib import Path
from typing import Any

import gspread
from gspread.http_client import HTTPClient

from addin.errors import ConfigError

log = logging.getLogger("addin.google.auth")

SCOPES = [
    "https://www.googleapis.com/auth/spreadsheets",
    "https://www.googleapis.com/auth/drive.readonly",
]
GOOGLE_BASES = (
    "https://sheets.googleapis.com",
    "https://www.googleapis.com",
    "https://docs.google.com",
)
_warned: set[str] = set()


def api_base() -> str | None:
    """The base URL standing in for Google's hosts (PRODDESK_SHEETS_API), if any."""
    base = os.environ.get("PRODDESK_SHEETS_API", "").strip()
    return base.rstrip("/") or None


def _http_client_class(base: str | None) -> type[HTTPClient]:
    if base is None:
        return HTTPClient

    class RedirectedHTTPClient(HTTPClient):
        """Sends Google's Sheets and Drive URLs to ``base`` instead."""

        def request(self, method: str, endpoint: str, *args: Any, **kwargs: Any) -> Any:
            for prefix in GOOGLE_BASES:
                if endpoint.startswith(prefix):
                    endpoint = base + endpoint[len(prefix) :]
                    break
            return super().request(method, endpoint, *args, **kwargs)

    return RedirectedHTTPClient


def warn_if_readable(path: Path) -> None:
    """Warn once (log and stderr) when a key file can be read by group or others."""
    try:
        mode = path.stat().st_mode
    except OSError:
        return
    if mode & (stat.S_IRGRP | stat.S_IROTH) and str(path) not in _warned:
        _warned.add(str(path))
        message = (
            f"Warning: the key file {path} can be read by other users of this computer; "
            f"run 'chmod 600 {path}' so only you can read it."
        )
        log.warning(message)
        print(message, file=sys.stderr)


def load_credentials(credentials: str | None) -> Any:
    """google-auth credentials from a key file path, GOOGLE_APPLICATION_CREDENTIALS, or
    ``token:VALUE`` (accepted only with PRODDESK_SHEETS_API set)."""
    spec = credentials or os.environ.get("GOOGLE_APPLICATION_CREDENTIALS")
    if not spec:
        raise ConfigError(
            "No Google credentials: pass --credentials KEY.json or set "
            "GOOGLE_APPLICATION_CREDENTIALS to the service-account key file."
        )
    if spec.startswith("token:"):
        if api_base() is None:
            raise ConfigError(
                "A bare token (token:...) is only accepted with PRODDESK_SHEETS_API set; "
                "use a service-account key file."
            )
        from google.oauth2.credentials import Credentials

        return Credentials(token=spec[len("token:") :])
    path = Path(spec).expanduser()
    if not path.is_file():
        raise ConfigError(f"{path}: the Google key file does not exist.")
    warn_if_readable(path)
    from google.oauth2 import service_account

    try:
        return service_account.Credentials.from_service_account_file(str(path), scopes=SCOPES)
    except (ValueError, KeyError, OSError):
        # the exception text may quote the key, so it is neither logged nor shown
        log.info("key file %s could not be used as a service-account key", path)
        raise ConfigError(
            f"{path}: not a usable Google service-account key file (download a JSON key "
            "for the service account from the Google Cloud console)."
        ) from None


def make_client(credentials: str | None, timeout: float = 60.0) -> gspread.Client:
    """A gspread client for the credentials, aimed at PRODDESK_SHEETS_API when set."""
    base = api_base()
    auth = load_credentials(credentials)
    client = gspread.Client(auth=auth, http_client=_http_client_class(base))
    client.set_timeout(timeout)
    if base is not None:
        client.http_client.session.trust_env = False
    return client
