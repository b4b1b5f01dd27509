"""The confirm routes of ``proddesk serve``: the page a Confirm link opens, the button that
records it, and the signed pull of a book's confirmations for ``proddesk confirmations``.

    GET  /confirm/{token}   the page: what is being confirmed, and a Confirm button
    POST /confirm/{token}   records the confirmation (once; a second click says when)
    POST /confirmations     {"nonce", "book"}, signed with that book's secret -> its confirmations

A link is refused with a page: damaged 400, not made with this production's secret 403,
for a production this server does not list 403, past the end of its shoot day 410. The
token is never logged (the paths in the log read ``/confirm/...``).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import UTC, datetime

from fastapi import FastAPI
from fastapi.responses import HTMLResponse
from pydantic import BaseModel, Field

from addin.distribution.page import HEADERS, ask_page, confirmed_page, refusal_page
from addin.distribution.store import Confirmation, ConfirmationStore
from addin.distribution.tokens import Claim, TokenError, read_token, unverified_book
from addin.errors import AddinError
from addin.google.config import SyncConfig
from addin.google.limits import CONFIRM_PREFIX

log = logging.getLogger("addin.google.server")

PULL_PATH = "/confirmations"
_TITLES = {"malformed": "This link is damaged", "forged": "This link is not valid",
           "expired": "This link has expired"}
_STATUS = {"malformed": 400, "forged": 403, "expired": 410}


class Pull(BaseModel):
    """Which book's confirmations to send back."""

    book: str = Field(max_length=200)


def _html(text: str, status: int = 200) -> HTMLResponse:
    return HTMLResponse(text, status_code=status, headers=HEADERS)


def problem_page() -> HTMLResponse:
    """The page for a problem inside the server (details in its log, none on the page)."""
    return _html(refusal_page(
        "Not recorded yet",
        "The confirmation could not be recorded just now; please press Confirm again "
        "in a minute.",
    ), 503)


def add_confirm_routes(
    app: FastAPI,
    config: SyncConfig,
    store: ConfirmationStore,
    on_confirmed: Callable[[Confirmation], None] | None = None,
    clock: Callable[[], datetime] = lambda: datetime.now(UTC),
) -> None:
    """Add the confirm page, its button and the pull to ``app``; ``on_confirmed`` (if given)
    runs after a new confirmation is on disk."""

    def checked(token: str) -> Claim | HTMLResponse:
        try:
            secrets = config.book_secrets(unverified_book(token))
            if not secrets:
                log.info("refused a confirm link: its production is not listed")
                return _html(refusal_page(
                    "This link is not valid",
                    "This confirm link belongs to a production this server does not serve; "
                    "ask the production office for a new call sheet email.",
                ), 403)
            return read_token(secrets, token, clock())
        except TokenError as refused:
            log.info("refused a confirm link: %s", refused.reason)
            return _html(refusal_page(_TITLES[refused.reason], str(refused)),
                         _STATUS[refused.reason])

    @app.get(CONFIRM_PREFIX + "{token}", response_class=HTMLResponse)
    def confirm_page(token: str) -> HTMLResponse:
        """What the link confirms, with a Confirm button (opening the link confirms nothing)."""
        claim = checked(token)
        if isinstance(claim, HTMLResponse):
            return claim
        known = store.find(claim)
        return _html(confirmed_page(claim, known, False) if known else ask_page(claim))

    @app.post(CONFIRM_PREFIX + "{token}", response_class=HTMLResponse)
    def confirm(token: str) -> HTMLResponse:
        """Record the confirmation (once) and say so."""
        claim = checked(token)
        if isinstance(claim, HTMLResponse):
            return claim
        try:
            confirmation, new = store.record(claim, clock())
        except OSError as error:
            log.error("could not record a confirmation in %s: %s", store.path, error)
            return problem_page()
        if new:
            log.info("confirmed: %s day %d revision %d", claim.book, claim.day, claim.revision)
        if new and on_confirmed is not None:
            try:  # the confirmation is on disk either way; the book catches up next time
                on_confirmed(confirmation)
            except AddinError as error:
                log.warning("confirmation recorded, not written into %s: %s", claim.book, error)
            except Exception:
                log.exception("confirmation recorded, but writing it into %s failed",
                              claim.book)
        return _html(confirmed_page(claim, confirmation, new))

    @app.post(PULL_PATH)
    def confirmations(request: Pull) -> dict[str, list[dict[str, object]]]:
        """Every confirmation of the book (signed with its secret; see the guard)."""
        return {"confirmations": [c.to_json() for c in store.for_book(request.book)]}
