"""Sending from Google Sheets through the coordinator's own Gmail: the server composes, the
Apps Script sends (``GmailApp.sendEmail``), the server writes the Distribution tab.

    POST /actions/send          {"nonce", "spreadsheet_id", "day", "only", "changed_only",
                                 "reply_to"}
        -> {"day", "version", "pdf_name", "pdf" (base64, once), "messages": [...],
            "unreachable": [...], "already": N}
    POST /actions/send/results  {"nonce", "spreadsheet_id", "day", "version",
                                 "results": [{"name", "department", "email", "call",
                                              "status", "at"}]}
        -> {"tab", "written"}

The messages are the ones ``proddesk send`` would send (``compose_mailing``: same subject,
bodies, Confirm links and the day's one PDF), less the people whose row on the
Distribution tab says they already have this version, so a rerun after an interruption
sends only to the rest. The results are written into the same Distribution tab as the SMTP
route's.
"""

from __future__ import annotations

import base64
from collections.abc import Callable
from datetime import datetime
from typing import Any

from fastapi import FastAPI
from pydantic import BaseModel, Field

from addin.errors import InputError
from addin.google.config import SyncConfig

MAX_RESULTS = 2000
STATUSES = ("Sent", "Bounced: ", "Not sent: ", "No email")


class SendDay(BaseModel):
    """Which day's call sheet to send, to whom."""

    spreadsheet_id: str = Field(max_length=200)
    day: int = Field(ge=1, le=999)
    only: list[str] = Field(default_factory=list, max_length=200)
    changed_only: bool = False
    reply_to: str = Field(default="", max_length=320)


class Result(BaseModel):
    """What happened to one person's message (or why none could go)."""

    name: str = Field(max_length=200)
    department: str = Field(default="", max_length=200)
    email: str = Field(default="", max_length=320)
    call: str = Field(default="", max_length=100)
    status: str = Field(max_length=1000)
    at: datetime | None = None


class Results(BaseModel):
    """The outcome of sending one version of a day's call sheet."""

    spreadsheet_id: str = Field(max_length=200)
    day: int = Field(ge=1, le=999)
    version: int = Field(ge=1, le=999)
    results: list[Result] = Field(max_length=MAX_RESULTS)


def _unreachable_row(person: Any) -> dict[str, str]:
    return {"name": person.name, "department": person.department,
            "email": person.email or person.typed, "call": person.call,
            "status": person.problem or "No email"}


def add_send_routes(app: FastAPI, config: SyncConfig, host_for: Callable[[str], Any],
                    forget: Callable[[str], None]) -> None:
    """Add the Apps Script send routes to ``app`` (signed like every action)."""

    @app.post("/actions/send")
    def compose(request: SendDay) -> dict[str, Any]:
        """The messages still to send for the day's latest call sheet, and its PDF once."""
        from addin import parse
        from addin.book import read_book
        from addin.distribution.issue import day_issue
        from addin.distribution.message import compose_mailing, token_link
        from addin.distribution.settings import ConfirmSettings
        from addin.distribution.tab import read_distribution

        sid = request.spreadsheet_id
        forget(sid)
        host = host_for(sid)
        book = read_book(host)
        issue = day_issue(host, book, request.day, config.state_dir / "callsheets" / sid)
        secrets = config.secrets_for(sid)
        confirm = ConfirmSettings(config.public_url, secrets) if config.public_url else None
        mailing = compose_mailing(
            book, issue, sender=request.reply_to, reply_to=request.reply_to,
            confirm_link=token_link(confirm, sid), only=request.only,
            changed_only=request.changed_only,
        )
        delivered = {r.key for r in read_distribution(host) if r.delivered}
        todo = [m for m in mailing.messages
                if (m.day, m.revision, parse.name_key(m.recipient.name)) not in delivered]
        return {
            "day": issue.day, "version": issue.version, "pdf_name": issue.pdf_name,
            "pdf": base64.b64encode(issue.pdf.read_bytes()).decode("ascii") if todo else "",
            "messages": [m.to_dict() for m in todo],
            "unreachable": [_unreachable_row(p) for p in mailing.unreachable],
            "already": len(mailing.messages) - len(todo),
        }

    @app.post("/actions/send/results")
    def results(request: Results) -> dict[str, Any]:
        """Write what the Apps Script sent into the Distribution tab."""
        from addin.book import build_book
        from addin.distribution.tab import (
            DistributionRow,
            merge,
            read_distribution,
            when,
            write_distribution,
        )
        from addin.timezones import production_tzinfo

        refused = [r.status for r in request.results if not r.status.startswith(STATUSES)]
        if refused:
            raise InputError(f"'{refused[0][:80]}' is not a Distribution status (Sent, "
                             "Bounced: ..., Not sent: ..., No email).")
        sid = request.spreadsheet_id
        forget(sid)
        host = host_for(sid)
        grids = host.read_all()
        zone = production_tzinfo(build_book(grids, host.label))
        rows = [DistributionRow(request.day, request.version, r.name, r.department, r.email,
                                r.call, when(r.at.astimezone(zone)) if r.at else "", r.status)
                for r in request.results]
        tab = write_distribution(host, merge(read_distribution(host, grids), rows), grids)
        return {"tab": tab, "written": len(rows)}

