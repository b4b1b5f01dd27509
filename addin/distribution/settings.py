"""Mail and confirm-link configuration: a TOML file, overridden by the environment.

    [mail]
    host = "smtp.gmail.com"        # PRODDESK_SMTP_HOST
    port = 587                     # PRODDESK_SMTP_PORT (587 STARTTLS, 465 SSL)
    user = "priya@gmail.com"       # PRODDESK_SMTP_USER
    password = "app password"      # PRODDESK_SMTP_PASSWORD (better kept in the environment)
    from = "Priya Shah <priya@gmail.com>"   # PRODDESK_SMTP_FROM (default: user)
    reply_to = "office@slowpan.com"         # PRODDESK_SMTP_REPLY_TO (default: from)
    security = "starttls"          # PRODDESK_SMTP_SECURITY: starttls | ssl | none (localhost only)
    ca_file = "office-ca.pem"      # PRODDESK_SMTP_CA_FILE: trust a private certificate authority

    [confirm]
    base_url = "https://proddesk.example.com"   # PRODDESK_CONFIRM_URL: where `proddesk serve` runs
    secrets = ["new", "old"]                    # PRODDESK_CONFIRM_SECRETS (comma-separated)

The file is ``--config FILE``, else ``PRODDESK_MAIL_CONFIG``, else ``~/.proddesk/mail.toml``
when it exists (productions.toml may hold the same two tables). The password and the secrets
are never logged or printed: their ``repr`` hides them.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from email.utils import parseaddr
from pathlib import Path
from typing import Any

from addin.errors import ConfigError

DEFAULT_CONFIG = Path.home() / ".proddesk" / "mail.toml"
LOCAL_HOSTS = frozenset({"localhost", "127.0.0.1", "::1"})
SECURITY = ("starttls", "ssl", "none")
SETUP_HINT = (
    "set PRODDESK_SMTP_HOST, PRODDESK_SMTP_USER and PRODDESK_SMTP_PASSWORD, or a [mail] table "
    "in --config FILE (README: Send the call sheet)"
)


@dataclass(frozen=True)
class MailSettings:
    """How to reach the coordinator's own mailbox over SMTP."""

    host: str
    port: int
    user: str
    password: str = field(repr=False)
    sender: str
    """The From address (``Name <address>`` or a bare address)."""
    reply_to: str
    security: str
    """``starttls``, ``ssl`` or ``none`` (plain, only to this machine)."""
    ca_file: str | None = None

    @property
    def sender_address(self) -> str:
        """The bare address of the From header."""
        return parseaddr(self.sender)[1]


@dataclass(frozen=True)
class ConfirmSettings:
    """Where Confirm links point and the secrets that sign them (the first signs new ones)."""

    base_url: str
    secrets: tuple[str, ...] = field(repr=False)

    @property
    def secret(self) -> str:
        """The secret new links are signed with."""
        return self.secrets[0]


def config_path(path: str | Path | None, env: Mapping[str, str] | None = None) -> Path | None:
    """The configuration file to read: the one named, else the environment's, else the default
    when it exists; None when there is none."""
    env = os.environ if env is None else env
    named = path or env.get("PRODDESK_MAIL_CONFIG")
    if named:
        return Path(named).expanduser()
    return DEFAULT_CONFIG if DEFAULT_CONFIG.is_file() else None


def read_config(path: Path | None) -> dict[str, Any]:
    """The TOML file's tables; {} without a file. ConfigError when it cannot be read."""
    if path is None:
        return {}
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError(f"The configuration file {path} does not exist.") from None
    except (OSError, UnicodeDecodeError) as error:
        raise ConfigError(f"The configuration file {path} cannot be read ({error}).") from None
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"The configuration file {path} is not valid TOML ({error}).") from None


def _table(config: dict[str, Any], name: str, path: Path | None) -> dict[str, Any]:
    table = config.get(name, {})
    if not isinstance(table, dict):
        raise ConfigError(f"In {path}, '{name}' must be a table ([{name}]).")
    return table


def _value(table: dict[str, Any], env: Mapping[str, str], key: str, variable: str) -> Any:
    return env.get(variable) or table.get(key)


def load_mail_settings(
    path: str | Path | None = None, env: Mapping[str, str] | None = None
) -> MailSettings:
    """The SMTP settings; ConfigError naming what is missing when they cannot be used."""
    env = os.environ if env is None else env
    file = config_path(path, env)
    mail = _table(read_config(file), "mail", file)
    where = f" in {file}" if file else ""
    host = str(_value(mail, env, "host", "PRODDESK_SMTP_HOST") or "").strip()
    user = str(_value(mail, env, "user", "PRODDESK_SMTP_USER") or "").strip()
    password = str(_value(mail, env, "password", "PRODDESK_SMTP_PASSWORD") or "")
    if not host:
        raise ConfigError(f"No mail server is set up{where}: {SETUP_HINT}.")
    security = str(_value(mail, env, "security", "PRODDESK_SMTP_SECURITY") or "").lower()
    port_text = _value(mail, env, "port", "PRODDESK_SMTP_PORT")
    try:
        port = int(port_text) if port_text not in (None, "") else (465 if security == "ssl"
                                                                    else 587)
    except (TypeError, ValueError):
        raise ConfigError(f"The mail port '{port_text}'{where} is not a number.") from None
    security = security or ("ssl" if port == 465 else "starttls")
    if security not in SECURITY:
        raise ConfigError(f"The mail security '{security}'{where} is not one of "
                          f"{', '.join(SECURITY)}.")
    if security == "none" and host.lower() not in LOCAL_HOSTS:
        raise ConfigError(f"Mail to {host} without encryption is refused (your password would "
                          "cross the network in clear): use port 587 (STARTTLS) or 465 (SSL).")
    if security != "none" and not (user and password):
        missing = "user" if not user else "password"
        raise ConfigError(f"The mail {missing} for {host} is not set{where}: {SETUP_HINT}.")
    sender = str(_value(mail, env, "from", "PRODDESK_SMTP_FROM") or user).strip()
    if not parseaddr(sender)[1] or "@" not in parseaddr(sender)[1]:
        raise ConfigError(f"The mail From address '{sender}'{where} is not an email address: "
                          "set from = \"Your Name <you@example.com>\".")
    reply_to = str(_value(mail, env, "reply_to", "PRODDESK_SMTP_REPLY_TO") or sender).strip()
    ca_file = _value(mail, env, "ca_file", "PRODDESK_SMTP_CA_FILE")
    return MailSettings(host, port, user, password, sender, reply_to, security,
                        str(ca_file) if ca_file else None)


def load_confirm_settings(
    path: str | Path | None = None, env: Mapping[str, str] | None = None
) -> ConfirmSettings | None:
    """The confirm-link settings, or None when no base URL is set (messages then carry no
    Confirm link). ConfigError when a base URL is set without a secret."""
    env = os.environ if env is None else env
    file = config_path(path, env)
    confirm = _table(read_config(file), "confirm", file)
    base_url = str(_value(confirm, env, "base_url", "PRODDESK_CONFIRM_URL") or "").strip()
    if not base_url:
        return None
    listed = env.get("PRODDESK_CONFIRM_SECRETS")
    secrets: Any = listed.split(",") if listed else confirm.get("secrets", confirm.get("secret"))
    if isinstance(secrets, str):
        secrets = [secrets]
    secrets = tuple(s.strip() for s in secrets or () if isinstance(s, str) and s.strip())
    if not secrets:
        where = f" in {file}" if file else ""
        raise ConfigError(f"Confirm links to {base_url} need a secret{where}: set secrets = "
                          "[\"...\"] under [confirm] or PRODDESK_CONFIRM_SECRETS.")
    if not base_url.startswith(("https://", "http://")):
        raise ConfigError(f"The confirm base_url '{base_url}' must start with https://.")
    return ConfirmSettings(base_url.rstrip("/"), secrets)
