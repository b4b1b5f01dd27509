"""A real SMTP server for the tests: aiosmtpd on 127.0.0.1 with STARTTLS and AUTH.

aiosmtpd is the SMTP server library of the aio-libs project (RFC 5321 with ESMTP,
STARTTLS per RFC 3207 and AUTH LOGIN/PLAIN per RFC 4954, its own code unchanged); only
the mailbox behind it is ours: ``MailRecorder`` keeps every accepted message as bytes,
and refuses at RCPT the addresses it is told to, as a real server refuses an unknown
mailbox (``550 5.1.1``). The certificate is made per test run (``cryptography``) for
127.0.0.1, and the client trusts it as its own certificate authority.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import ipaddress
import socket
import ssl
import threading
from dataclasses import dataclass, field
from email import message_from_bytes, policy
from email.message import EmailMessage
from pathlib import Path

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword

USER, PASSWORD = "priya@slowpanpictures.com", "app-password-1234"


def self_signed(folder: Path) -> tuple[Path, Path]:
    """A certificate and key for 127.0.0.1 and localhost, valid for a day."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "localhost")])
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder().subject_name(name).issuer_name(name)
        .public_key(key.public_key()).serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=5))
        .not_valid_after(now + dt.timedelta(days=1))
        .add_extension(x509.SubjectAlternativeName([
            x509.DNSName("localhost"), x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
            critical=False)
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    cert_path, key_path = folder / "smtp-cert.pem", folder / "smtp-key.pem"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(key.private_bytes(serialization.Encoding.PEM,
                                           serialization.PrivateFormat.PKCS8,
                                           serialization.NoEncryption()))
    return cert_path, key_path


@dataclass
class Received:
    """One message as the server accepted it."""

    mail_from: str
    rcpt_tos: list[str]
    raw: bytes

    @property
    def message(self) -> EmailMessage:
        """The message parsed back."""
        return message_from_bytes(self.raw, policy=policy.default)  # type: ignore[return-value]


@dataclass
class MailRecorder:
    """The mailbox behind the server: records what it accepts."""

    refuse: set[str] = field(default_factory=set)
    received: list[Received] = field(default_factory=list)
    logins: int = 0
    accept_logins: bool = True
    hold_after: int | None = None
    """After this many messages, DATA stalls until ``release`` (a send stuck halfway)."""
    released: threading.Event = field(default_factory=threading.Event)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def authenticate(self, server, session, envelope, mechanism, auth_data) -> AuthResult:
        ok = (self.accept_logins and isinstance(auth_data, LoginPassword)
              and auth_data.login.decode() == USER and auth_data.password.decode() == PASSWORD)
        if ok:
            with self.lock:
                self.logins += 1
        return AuthResult(success=ok, handled=False)  # aiosmtpd then answers 535 itself

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.lower() in self.refuse:
            return f"550 5.1.1 <{address}>: Recipient address rejected: User unknown"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        if self.hold_after is not None and len(self.received) >= self.hold_after:
            while not self.released.is_set():
                await asyncio.sleep(0.05)
            return "451 4.3.0 Try again later"
        with self.lock:
            self.received.append(Received(envelope.mail_from, list(envelope.rcpt_tos),
                                          envelope.original_content or envelope.content))
        return "250 2.0.0 OK queued"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class MailServer:
    """aiosmtpd running in a thread, AUTH required over TLS. ``security``: ``starttls``
    (STARTTLS required, as on port 587), ``ssl`` (TLS from the first byte, as on 465) or
    ``none`` (no TLS offered at all, as an old relay)."""

    def __init__(self, folder: Path, security: str = "starttls") -> None:
        self.cert, key = self_signed(folder)
        self.security = security
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(self.cert, key)
        self.recorder = MailRecorder()
        self.port = free_port()
        tls = {"starttls": {"tls_context": context, "require_starttls": True},
               # aiosmtpd counts only STARTTLS as TLS for AUTH; here every byte is TLS
               "ssl": {"ssl_context": context, "auth_require_tls": False},
               "none": {"auth_require_tls": False}}[security]
        self.controller = Controller(
            self.recorder, hostname="127.0.0.1", port=self.port, auth_required=True,
            authenticator=self.recorder.authenticate, **tls,
        )

    def env(self) -> dict[str, str]:
        """The environment that points ProdDesk at this server."""
        return {
            "PRODDESK_SMTP_HOST": "127.0.0.1", "PRODDESK_SMTP_PORT": str(self.port),
            "PRODDESK_SMTP_USER": USER, "PRODDESK_SMTP_PASSWORD": PASSWORD,
            "PRODDESK_SMTP_FROM": f"Priya Shah <{USER}>",
            "PRODDESK_SMTP_REPLY_TO": "office@slowpanpictures.com",
            "PRODDESK_SMTP_SECURITY": "ssl" if self.security == "ssl" else "starttls",
            "PRODDESK_SMTP_CA_FILE": str(self.cert),
        }

    def __enter__(self) -> MailServer:
        self.controller.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.recorder.released.set()
        self.controller.stop()
