"""Checks on the vendor list: contacts, insurance (COI), W-9s, duplicates."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

from rapidfuzz import fuzz, process

from addin import parse
from addin.model import Flag, Severity
from addin.rules import Context, rule
from addin.rules.common import invalid_contact, statuses_named

DUPLICATE_SIMILARITY = 92


def _vendors(ctx: Context) -> Iterator[dict]:
    for row in ctx.book.tables["Vendors"].rows():
        if row.get("Vendor") is not None:
            yield row


@rule("vendor.missing_contact", Severity.WARNING, needs=("Vendors",))
def missing_contact(ctx: Context) -> Iterator[Flag]:
    """A vendor with no contact person."""
    vendors = ctx.book.tables["Vendors"]
    if not vendors.has("Contact"):
        return
    for row in _vendors(ctx):
        if row.get("Contact") is None:
            yield vendors.flag(row["_row"], "Contact", f"Vendor '{row['Vendor']}' has no contact.")


@rule("vendor.invalid_email", Severity.ERROR, needs=("Vendors",))
def invalid_email(ctx: Context) -> Iterator[Flag]:
    """A vendor email address that mail cannot be sent to."""
    yield from invalid_contact(ctx, "Vendors", "Email", "email")


@rule("vendor.invalid_phone", Severity.ERROR, needs=("Vendors",))
def invalid_phone(ctx: Context) -> Iterator[Flag]:
    """A vendor phone number that is not valid for the production's region."""
    yield from invalid_contact(ctx, "Vendors", "Phone", "phone")


@rule("vendor.coi_missing", Severity.WARNING, needs=("Vendors",))
def coi_missing(ctx: Context) -> Iterator[Flag]:
    """No certificate of insurance expiry date on file for a vendor."""
    vendors = ctx.book.tables["Vendors"]
    if not vendors.has("COI Expires"):
        return
    for row, raw in vendors.pairs():
        if (
            row.get("Vendor") is not None
            and row["COI Expires"] is None
            and not parse.is_error(raw["COI Expires"])
        ):
            shown = parse.display(raw["COI Expires"])
            detail = f" ('{shown}' is not a date)" if shown else ""
            yield vendors.flag(
                row["_row"],
                "COI Expires",
                f"Vendor '{row['Vendor']}' has no certificate of insurance on file{detail}.",
                suggestion="Request a COI naming the production as additional insured.",
            )


@rule("vendor.coi_expired", Severity.ERROR, needs=("Vendors",))
def coi_expired(ctx: Context) -> Iterator[Flag]:
    """A vendor's certificate of insurance has expired."""
    vendors = ctx.book.tables["Vendors"]
    if not vendors.has("COI Expires"):
        return
    for row in _vendors(ctx):
        expires = row["COI Expires"]
        if expires is not None and expires < ctx.today:
            yield vendors.flag(
                row["_row"],
                "COI Expires",
                f"Vendor '{row['Vendor']}': certificate of insurance expired "
                f"{parse.display(expires)}.",
                suggestion="Request a current COI before using this vendor.",
            )


@rule("vendor.coi_expiring", Severity.WARNING, needs=("Vendors",))
def coi_expiring(ctx: Context) -> Iterator[Flag]:
    """A vendor's certificate of insurance expires within the COI warning days."""
    vendors = ctx.book.tables["Vendors"]
    if not vendors.has("COI Expires"):
        return
    horizon = ctx.today + timedelta(days=ctx.settings.coi_warning_days)
    for row in _vendors(ctx):
        expires = row["COI Expires"]
        if expires is not None and ctx.today <= expires <= horizon:
            days = (expires - ctx.today).days
            yield vendors.flag(
                row["_row"],
                "COI Expires",
                f"Vendor '{row['Vendor']}': certificate of insurance expires "
                f"{parse.display(expires)}, in {days} day{'s' if days != 1 else ''}.",
                suggestion="Ask the vendor for the renewed COI now.",
            )


def paid_vendor_keys(ctx: Context) -> set[str]:
    """vendor_key of every vendor with a Paid PO."""
    pos = ctx.book.table("POs")
    if pos is None or not pos.has("Status") or not pos.has("Vendor"):
        return set()
    paid = statuses_named(pos, "paid")
    vendors = {v for v, s in zip(pos.column("Vendor"), pos.column("Status"), strict=True)
               if s in paid}
    return {parse.vendor_key(v) for v in vendors if v}


def _w9_findings(ctx: Context, paid: bool) -> Iterator[Flag]:
    vendors = ctx.book.tables["Vendors"]
    if not vendors.has("W-9"):
        return
    paid_keys = paid_vendor_keys(ctx)
    for row in _vendors(ctx):
        if row["W-9"]:
            continue
        if (parse.vendor_key(row["Vendor"]) in paid_keys) != paid:
            continue
        if paid:
            message = f"Vendor '{row['Vendor']}' has been paid but has no W-9 on file."
        else:
            message = f"Vendor '{row['Vendor']}' has no W-9 on file."
        yield vendors.flag(row["_row"], "W-9", message, suggestion="Collect a W-9 before payment.")


@rule("vendor.w9_missing", Severity.WARNING, needs=("Vendors",))
def w9_missing(ctx: Context) -> Iterator[Flag]:
    """No W-9 on file for a vendor (collect one from every vendor)."""
    yield from _w9_findings(ctx, paid=False)


@rule("vendor.w9_missing_paid", Severity.ERROR, needs=("Vendors",))
def w9_missing_paid(ctx: Context) -> Iterator[Flag]:
    """A vendor was paid (a PO is Paid) with no W-9 on file."""
    yield from _w9_findings(ctx, paid=True)


@rule("vendor.duplicate", Severity.WARNING, needs=("Vendors",))
def duplicate(ctx: Context) -> Iterator[Flag]:
    """The same vendor listed twice under slightly different names."""
    vendors = ctx.book.tables["Vendors"]
    seen: list[tuple[str, str, int]] = []
    seen_keys: list[str] = []
    for row in _vendors(ctx):
        key = parse.vendor_key(row["Vendor"])
        similar = process.extract(
            key, seen_keys, scorer=fuzz.ratio, processor=None,
            score_cutoff=DUPLICATE_SIMILARITY, limit=None,
        )
        first = min((index for _, _, index in similar), default=None)
        if key in seen_keys:
            first = min(seen_keys.index(key), len(seen) if first is None else first)
        match = seen[first] if first is not None else None
        if match:
            yield vendors.flag(
                row["_row"],
                "Vendor",
                f"Vendor '{row['Vendor']}' looks like a duplicate of "
                f"'{match[1]}' (row {match[2]}).",
                suggestion=f"Keep one entry for '{match[1]}'.",
            )
        else:
            seen.append((key, row["Vendor"], row["_row"]))
            seen_keys.append(key)


def vendor_directory(ctx: Context) -> dict[str, dict]:
    """vendor_key -> the vendor's row, first entry wins."""
    directory: dict[str, dict] = {}
    for row in _vendors(ctx):
        directory.setdefault(parse.vendor_key(row["Vendor"]), row)
    return directory
