"""Checks on the PO log: numbers, vendors, amounts, accounts, status, approval, dates."""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache

from rapidfuzz import process

from addin import parse
from addin.model import Flag, Severity
from addin.rules import Context, rule
from addin.rules.vendors import vendor_directory

KNOWN_STATUSES = ("Open", "Approved", "Paid", "Closed", "Void")
SUGGESTION_CUTOFF = 60


def _po(row: dict) -> str:
    number = row.get("PO #")
    return f"PO {number}" if number else f"PO on row {row['_row']}"


@rule("po.duplicate_number", Severity.ERROR, needs=("POs",))
def duplicate_number(ctx: Context) -> Iterator[Flag]:
    """The same PO number used twice (PO numbers are never reused)."""
    pos = ctx.book.tables["POs"]
    if not pos.has("PO #"):
        return
    numbers = pos.values["PO #"]
    repeated = numbers.notna() & numbers.duplicated(keep="first")
    first_rows = pos.values.loc[numbers.notna()].drop_duplicates("PO #").set_index("PO #")["_row"]
    for row in pos.values.loc[repeated].to_dict("records"):
        yield pos.flag(
            row["_row"],
            "PO #",
            f"PO number {row['PO #']} is used twice (first on row {first_rows[row['PO #']]}).",
            suggestion="Give this PO the next free number.",
        )


@rule("po.unknown_vendor", Severity.ERROR, needs=("POs", "Vendors"))
def unknown_vendor(ctx: Context) -> Iterator[Flag]:
    """A PO's vendor is not on the vendor list."""
    pos = ctx.book.tables["POs"]
    if not pos.has("Vendor"):
        return
    directory = vendor_directory(ctx)
    names = [row["Vendor"] for row in directory.values()]

    @cache
    def closest(name: str) -> str | None:
        found = process.extractOne(
            name, names, score_cutoff=SUGGESTION_CUTOFF, processor=parse.vendor_key
        )
        return found[0] if found else None

    for row in pos.rows():
        vendor = row.get("Vendor")
        if vendor is None or parse.vendor_key(vendor) in directory:
            continue
        suggestion = closest(vendor)
        hint = f" Did you mean '{suggestion}'?" if suggestion else ""
        yield pos.flag(
            row["_row"],
            "Vendor",
            f"{_po(row)}: vendor '{vendor}' is not on the Vendor List.{hint}",
            suggestion=suggestion,
        )


@rule("po.vendor_coi", Severity.ERROR, needs=("POs", "Vendors"))
def vendor_coi(ctx: Context) -> Iterator[Flag]:
    """A PO's vendor's insurance (COI) has expired or ends before the rental does."""
    pos = ctx.book.tables["POs"]
    if not pos.has("Vendor") or not ctx.book.tables["Vendors"].has("COI Expires"):
        return
    directory = vendor_directory(ctx)
    for row in pos.rows():
        vendor = directory.get(parse.vendor_key(row["Vendor"])) if row.get("Vendor") else None
        expires = vendor and vendor.get("COI Expires")
        if not expires or str(row.get("Status") or "").strip().casefold() == "void":
            continue
        end = row.get("End")
        if expires < ctx.today:
            problem = f"expired {parse.display(expires)}"
        elif end is not None and expires < end:
            problem = (
                f"expires {parse.display(expires)}, before the rental ends {parse.display(end)}"
            )
        else:
            continue
        yield pos.flag(
            row["_row"],
            "Vendor",
            f"{_po(row)}: {vendor['Vendor']}'s certificate of insurance {problem}.",
            suggestion="Get a current COI covering the whole rental before pickup.",
        )


@rule("po.amount_invalid", Severity.ERROR, needs=("POs",))
def amount_invalid(ctx: Context) -> Iterator[Flag]:
    """A PO amount that is missing, not a number, or an error value such as #REF!."""
    pos = ctx.book.tables["POs"]
    if not pos.has("Amount"):
        return
    for row, value in zip(pos.rows(), pos.raw["Amount"].tolist(), strict=True):
        if row["Amount"] is not None:
            continue
        if parse.is_blank(value):
            problem = "has no amount"
        elif parse.is_error(value):
            problem = f"amount is the error value {parse.display(value)}"
        else:
            problem = f"amount '{parse.display(value)}' is not a number"
        yield pos.flag(row["_row"], "Amount", f"{_po(row)} {problem}.")


@rule("po.unknown_account", Severity.ERROR, needs=("POs", "Budget"))
def unknown_account(ctx: Context) -> Iterator[Flag]:
    """A PO charged to an account that is not in the budget."""
    pos, budget = ctx.book.tables["POs"], ctx.book.tables["Budget"]
    if not pos.has("Account") or not budget.has("Account"):
        return
    accounts = {a.strip() for a in budget.values["Account"].tolist() if a}
    for row in pos.rows():
        account = row.get("Account")
        if account is not None and account.strip() not in accounts:
            yield pos.flag(
                row["_row"],
                "Account",
                f"{_po(row)}: account {account} is not in the budget.",
            )


@rule("po.unknown_status", Severity.WARNING, needs=("POs",))
def unknown_status(ctx: Context) -> Iterator[Flag]:
    """A PO status other than Open, Approved, Paid, Closed or Void."""
    pos = ctx.book.tables["POs"]
    if not pos.has("Status"):
        return
    known = {s.casefold() for s in KNOWN_STATUSES}
    for row in pos.rows():
        status = row.get("Status")
        if status is not None and status.strip().casefold() not in known:
            yield pos.flag(
                row["_row"],
                "Status",
                f"{_po(row)}: status '{status}' is not one of {', '.join(KNOWN_STATUSES)}.",
            )


@rule("po.needs_approval", Severity.WARNING, needs=("POs",))
def needs_approval(ctx: Context) -> Iterator[Flag]:
    """A PO over the approval threshold with no approver."""
    pos = ctx.book.tables["POs"]
    if not pos.has("Amount") or not pos.has("Approved By"):
        return
    threshold = ctx.settings.po_approval_threshold
    for row in pos.rows():
        amount = row["Amount"]
        void = str(row.get("Status") or "").strip().casefold() == "void"
        if amount is not None and amount > threshold and row["Approved By"] is None and not void:
            yield pos.flag(
                row["_row"],
                "Approved By",
                f"{_po(row)} is ${amount:,.2f}, over the ${threshold:,.0f} approval threshold, "
                "and has no approver.",
                suggestion="Get the department head's and UPM's approval.",
            )


@rule("po.date_out_of_range", Severity.WARNING, needs=("POs",))
def date_out_of_range(ctx: Context) -> Iterator[Flag]:
    """A PO dated before prep starts or after wrap."""
    pos = ctx.book.tables["POs"]
    start, wrap = ctx.settings.prep_start, ctx.settings.wrap_date
    if not pos.has("Date") or (start is None and wrap is None):
        return
    for row in pos.rows():
        when = row["Date"]
        if when is None:
            continue
        if start is not None and when < start:
            problem = f"before prep starts ({parse.display(start)})"
        elif wrap is not None and when > wrap:
            problem = f"after the wrap date ({parse.display(wrap)})"
        else:
            continue
        yield pos.flag(
            row["_row"], "Date", f"{_po(row)} is dated {parse.display(when)}, {problem}."
        )
