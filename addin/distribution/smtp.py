"""Sending over the coordinator's own mailbox: one SMTP connection for the whole send.

STARTTLS on 587 (required: a server that does not offer it gets no password), SSL on
465, plain only to this machine. Connection and login problems are one sentence
(``MailError``) before anything is sent; a refused recipient or message is that
person's ``Bounced`` status with the server's reason, and the others still go. The
password is handed to ``smtplib`` only; it is never logged or printed.
"""

from __future__ import annotations

import logging
import smtplib
import ssl
from collections.abc import Callable, Iterable
from datetime import datetime

from addin.distribution.message import Outgoing
from addin.distribution.settings import MailSettings
from addin.errors import ConfigError

log = logging.getLogger(__name__)
TIMEOUT = 30.0
SETUP = "README: Send the call sheet"


class MailError(ConfigError):
    """The mail server cannot be reached or refuses the login."""


Report = Callable[[Outgoing, str, datetime], None]
"""Called after each message: the message, its status (``Sent``, ``Bounced: ...``), when."""


def _reason(error: smtplib.SMTPResponseException) -> str:
    text = error.smtp_error.decode("utf-8", "replace") if isinstance(
        error.smtp_error, bytes) else str(error.smtp_error)
    return f"{error.smtp_code} {' '.join(text.split())}"


def connect(settings: MailSettings) -> smtplib.SMTP:
    """An open, logged-in connection; MailError (one sentence) when it cannot be had."""
    where = f"The mail server {settings.host}:{settings.port}"
    context = ssl.create_default_context(cafile=settings.ca_file)
    try:
        if settings.security == "ssl":
            server: smtplib.SMTP = smtplib.SMTP_SSL(settings.host, settings.port,
                                                    timeout=TIMEOUT, context=context)
        else:
            server = smtplib.SMTP(settings.host, settings.port, timeout=TIMEOUT)
        server.ehlo()
        if settings.security == "starttls":
            if not server.has_extn("starttls"):
                server.close()
                raise MailError(f"{where} does not offer STARTTLS, so ProdDesk will not send "
                                "your password over it; use port 465 (SSL) or ask your mail "
                                "provider for the STARTTLS port. Nothing was sent.")
            server.starttls(context=context)
            server.ehlo()
        if settings.user and settings.password:
            server.login(settings.user, settings.password)
    except MailError:
        raise
    except smtplib.SMTPAuthenticationError as error:
        raise MailError(f"{where} refused the login for {settings.user} ({_reason(error)}). "
                        "Gmail and Microsoft 365 need an app password, not your usual one "
                        f"({SETUP}). Nothing was sent.") from None
    except smtplib.SMTPNotSupportedError:
        raise MailError(f"{where} does not accept a login (no AUTH); check the host and port "
                        f"({SETUP}). Nothing was sent.") from None
    except ssl.SSLCertVerificationError as error:
        raise MailError(f"The certificate of the {where[4:]} could not be verified "
                        f"({error.verify_message}); check the host name, or set ca_file for "
                        "a private certificate authority. Nothing was sent.") from None
    except (smtplib.SMTPException, OSError) as error:
        raise MailError(f"Cannot reach the {where[4:]} ({type(error).__name__}: {error}); "
                        "check the host and port and your network. Nothing was sent.") from None
    return server


def send_all(settings: MailSettings, messages: Iterable[Outgoing], pdf: bytes,
             report: Report, server: smtplib.SMTP | None = None) -> int:
    """Send every message over one connection (the PDF read once, attached to each);
    ``report`` is called after each one. Returns how many the server accepted.
    ``server``: a connection already opened by ``connect`` (closed here at the end).

    A connection lost halfway is opened again once; when that fails too, MailError says
    how many went (those are reported, so a rerun sends only the rest).
    """
    todo = list(messages)
    server = server or connect(settings)
    accepted = 0
    try:
        for index, outgoing in enumerate(todo):
            mime = outgoing.to_email(pdf)
            try:
                status = _send(server, settings, mime)
            except smtplib.SMTPServerDisconnected:
                log.warning("mail connection lost after %d messages; reconnecting", index)
                server = _reconnect(settings, index, len(todo))
                status = _send(server, settings, mime)
            accepted += status == "Sent"
            report(outgoing, status, datetime.now().astimezone())
    finally:
        try:
            server.quit()
        except (smtplib.SMTPException, OSError):
            server.close()
    return accepted


def _reconnect(settings: MailSettings, sent: int, total: int) -> smtplib.SMTP:
    try:
        return connect(settings)
    except MailError:
        raise MailError(f"The connection to the mail server {settings.host} was lost after "
                        f"{sent} of {total} messages; run the same send again to send the "
                        "rest (no one gets it twice).") from None


def _send(server: smtplib.SMTP, settings: MailSettings, mime) -> str:
    """``Sent``, or ``Bounced: <the server's reason>`` when it refused this message."""
    try:
        server.send_message(mime, from_addr=settings.sender_address)
    except smtplib.SMTPRecipientsRefused as error:
        reasons = [f"{code} {' '.join(msg.decode('utf-8', 'replace').split())}"
                   for code, msg in error.recipients.values()]
        return f"Bounced: {'; '.join(reasons)}"
    except (smtplib.SMTPDataError, smtplib.SMTPSenderRefused) as error:
        return f"Bounced: {_reason(error)}"
    return "Sent"
