"""The small pages a crew member sees after clicking their Confirm link.

The link opens a page with a Confirm button (a GET never confirms: mail scanners such as
Outlook Safe Links and Gmail open links before the person does); the button posts the
confirmation. Every value is HTML-escaped; the pages load nothing from elsewhere.
"""

from __future__ import annotations

from datetime import date, datetime
from html import escape

from addin.distribution.store import Confirmation
from addin.distribution.tokens import Claim
from addin.parse import format_day, format_time

_STYLE = (
    "body{font-family:system-ui,-apple-system,Segoe UI,Arial,sans-serif;margin:0;"
    "background:#f4f4f4;color:#222}main{max-width:32rem;margin:3rem auto;background:#fff;"
    "padding:1.5rem 2rem;border-radius:8px}h1{font-size:1.3rem}p{font-size:1.1rem;"
    "line-height:1.5}button{font-size:1.2rem;padding:.7rem 2.5rem;border:0;border-radius:6px;"
    "background:#1a7f37;color:#fff;cursor:pointer}"
)
HEADERS = {
    "Cache-Control": "no-store",
    "Referrer-Policy": "no-referrer",
    "X-Robots-Tag": "noindex, nofollow",
    "X-Content-Type-Options": "nosniff",
    "Content-Security-Policy": (
        "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; "
        "frame-ancestors 'none'; base-uri 'none'"
    ),
}
"""Sent with every page: nothing cached or indexed, the link never leaks as a Referer."""


def day_label(day: int, shoot_date: date | None) -> str:
    """``Day 2, Fri Dec 4`` (``Day 2`` when the date is not known)."""
    if shoot_date is None:
        return f"Day {day}"
    return f"Day {day}, {format_day(shoot_date)}"


def _when(moment: datetime, claim: Claim) -> str:
    local = moment.astimezone(claim.zone)
    return f"{format_time(local.time())} on {format_day(local)}"


def _sheet(claim: Claim) -> str:
    revision = f" (revision {claim.revision})" if claim.revision > 1 else ""
    call = f": your call {claim.call}" if claim.call.strip() else ""
    return f"the call sheet for {day_label(claim.day, claim.shoot_date)}{revision}{call}"


def _page(title: str, *paragraphs: str, form: bool = False) -> str:
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    button = (
        '<form method="post"><button type="submit">Confirm</button></form>' if form else ""
    )
    return (
        '<!doctype html><html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        '<meta name="robots" content="noindex, nofollow">'
        f"<title>{escape(title)}</title><style>{_STYLE}</style></head>"
        f"<body><main><h1>{escape(title)}</h1>{body}{button}</main></body></html>"
    )


def ask_page(claim: Claim) -> str:
    """The page the link opens: what is being confirmed, and the Confirm button."""
    return _page(
        "Confirm your call sheet",
        f"{escape(claim.person)}, please confirm that you received {escape(_sheet(claim))}.",
        form=True,
    )


def confirmed_page(claim: Claim, confirmation: Confirmation, new: bool) -> str:
    """The answer to the Confirm button (or to a second click)."""
    when = escape(_when(confirmation.confirmed_at, claim))
    if new:
        return _page(
            "Thank you",
            f"{escape(claim.person)}, you confirmed {escape(_sheet(claim))}, at {when}. "
            "The production office can see it.",
        )
    return _page(
        "Already confirmed",
        f"{escape(claim.person)}, you already confirmed {escape(_sheet(claim))}, at {when}. "
        "Nothing else to do.",
    )


def refusal_page(title: str, sentence: str) -> str:
    """A page saying in one sentence why a link cannot be used."""
    return _page(title, escape(sentence))
