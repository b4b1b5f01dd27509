"""Checks on the PO log: numbers, vendors, amounts, accounts, status, approval, dates."""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache

from rapidfuzz import process

from addin import parse
from addin.model import Flag, Severity, Table
from addin.rules import Context, rule
from addin.rules.common import statuses_named
from addin.rules.vendors import vendor_directory

KNOWN_STATUSES = ("Open", "Approved", "Paid", "Closed", "Void")
SUGGESTION_CUTOFF = 60


def _po(row: dict) -> str:
    number = row.get("PO #")
    return f"PO {number}" if number else f"PO on row {row['_row']}"


def _po_at(numbers: list, sheet_rows: list[int], i: int) -> str:
    """How the PO of data row ``i`` is named in a message."""
    number = numbers[i] if numbers is not None else None
    return f"PO {number}" if number else f"PO on row {sheet_rows[i]}"


def _numbers(pos: Table) -> list | None:
    return pos.column("PO #") if pos.has("PO #") else None


@rule("po.duplicate_number", Severity.ERROR, needs=("POs",))
def duplicate_number(ctx: Context) -> Iterator[Flag]:
    """The same PO number used twice (PO numbers are never reused)."""
    pos = ctx.book.tables["POs"]
    if not pos.has("PO #"):
        return
    numbers, sheet_rows = pos.column("PO #"), pos.column("_row")
    first_rows: dict = {}
    for number, row in zip(numbers, sheet_rows, strict=True):
        if number is None:
            continue
        first = first_rows.setdefault(number, row)
        if first != row:
            yield pos.flag(
                row,
                "PO #",
                f"PO number {number} is used twice (first on row {first}).",
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
    keys = [parse.vendor_key(name) for name in names]

    @cache
    def closest(name: str) -> str | None:
        found = process.extractOne(
            parse.vendor_key(name), keys, score_cutoff=SUGGESTION_CUTOFF, processor=None
        )
        return names[found[2]] if found else None

    vendors = pos.column("Vendor")
    unknown = {
        v for v in set(vendors) if v is not None and parse.vendor_key(v) not in directory
    }
    if not unknown:
        return
    numbers, sheet_rows = _numbers(pos), pos.column("_row")
    for i, vendor in enumerate(vendors):
        if vendor not in unknown:
            continue
        suggestion = closest(vendor)
        hint = f" Did you mean '{suggestion}'?" if suggestion else ""
        yield pos.flag(
            sheet_rows[i],
            "Vendor",
            f"{_po_at(numbers, sheet_rows, i)}: vendor '{vendor}' is not on the Vendor List.{hint}",
            suggestion=suggestion,
        )


@rule("po.vendor_coi", Severity.ERROR, needs=("POs", "Vendors"))
def vendor_coi(ctx: Context) -> Iterator[Flag]:
    """A PO's vendor's insurance (COI) has expired or ends before the rental does."""
    pos = ctx.book.tables["POs"]
    if not pos.has("Vendor") or not ctx.book.tables["Vendors"].has("COI Expires"):
        return
    directory = vendor_directory(ctx)
    vendors = pos.column("Vendor")
    insured = {}
    for name in set(vendors):
        vendor = directory.get(parse.vendor_key(name)) if name else None
        if vendor and vendor.get("COI Expires"):
            insured[name] = vendor
    if not insured:
        return
    void = statuses_named(pos, "void")
    statuses = pos.column("Status") if pos.has("Status") else None
    ends = pos.column("End") if pos.has("End") else None
    numbers, sheet_rows = _numbers(pos), pos.column("_row")
    for i, name in enumerate(vendors):
        vendor = insured.get(name)
        if vendor is None or (statuses is not None and statuses[i] in void):
            continue
        expires = vendor["COI Expires"]
        end = ends[i] if ends is not None else None
        if expires < ctx.today:
            problem = f"expired {parse.display(expires)}"
        elif end is not None and expires < end:
            problem = (
                f"expires {parse.display(expires)}, before the rental ends {parse.display(end)}"
            )
        else:
            continue
        yield pos.flag(
            sheet_rows[i],
            "Vendor",
            f"{_po_at(numbers, sheet_rows, i)}: {vendor['Vendor']}'s certificate of insurance "
            f"{problem}.",
            suggestion="Get a current COI covering the whole rental before pickup.",
        )


@rule("po.amount_invalid", Severity.ERROR, needs=("POs",))
def amount_invalid(ctx: Context) -> Iterator[Flag]:
    """A PO amount that is missing, not a number, or an error value such as #REF!."""
    pos = ctx.book.tables["POs"]
    if not pos.has("Amount"):
        return
    amounts, raw = pos.column("Amount"), pos.raw_column("Amount")
    numbers, sheet_rows = _numbers(pos), pos.column("_row")
    for i in [i for i, amount in enumerate(amounts) if amount is None]:
        value = raw[i]
        if parse.is_blank(value):
            problem = "has no amount"
        elif parse.is_error(value):
            problem = f"amount is the error value {parse.display(value)}"
        else:
            problem = f"amount '{parse.display(value)}' is not a number"
        yield pos.flag(sheet_rows[i], "Amount", f"{_po_at(numbers, sheet_rows, i)} {problem}.")


@rule("po.unknown_account", Severity.ERROR, needs=("POs", "Budget"))
def unknown_account(ctx: Context) -> Iterator[Flag]:
    """A PO charged to an account that is not in the budget."""
    pos, budget = ctx.book.tables["POs"], ctx.book.tables["Budget"]
    if not pos.has("Account") or not budget.has("Account"):
        return
    accounts = {a.strip() for a in budget.column("Account") if a}
    charged = pos.column("Account")
    unknown = {a for a in set(charged) if a is not None and a.strip() not in accounts}
    if not unknown:
        return
    numbers, sheet_rows = _numbers(pos), pos.column("_row")
    for i, account in enumerate(charged):
        if account in unknown:
            yield pos.flag(
                sheet_rows[i],
                "Account",
                f"{_po_at(numbers, sheet_rows, i)}: account {account} is not in the budget.",
            )


@rule("po.unknown_status", Severity.WARNING, needs=("POs",))
def unknown_status(ctx: Context) -> Iterator[Flag]:
    """A PO status other than Open, Approved, Paid, Closed or Void."""
    pos = ctx.book.tables["POs"]
    if not pos.has("Status"):
        return
    known = {s.casefold() for s in KNOWN_STATUSES}
    statuses = pos.column("Status")
    unknown = {s for s in set(statuses) if s is not None and s.strip().casefold() not in known}
    if not unknown:
        return
    numbers, sheet_rows = _numbers(pos), pos.column("_row")
    for i, status in enumerate(statuses):
        if status in unknown:
            yield pos.flag(
                sheet_rows[i],
                "Status",
                f"{_po_at(numbers, sheet_rows, i)}: status '{status}' is not one of "
                f"{', '.join(KNOWN_STATUSES)}.",
            )


@rule("po.needs_approval", Severity.WARNING, needs=("POs",))
def needs_approval(ctx: Context) -> Iterator[Flag]:
    """A PO over the approval threshold with no approver."""
    pos = ctx.book.tables["POs"]
    if not pos.has("Amount") or not pos.has("Approved By"):
        return
    threshold = ctx.settings.po_approval_threshold
    amounts, approvers = pos.column("Amount"), pos.column("Approved By")
    void = statuses_named(pos, "void")
    statuses = pos.column("Status") if void else None
    numbers, sheet_rows = _numbers(pos), pos.column("_row")
    for i, (amount, approver) in enumerate(zip(amounts, approvers, strict=True)):
        if approver is not None or amount is None or not amount > threshold:
            continue
        if statuses is not None and statuses[i] in void:
            continue
        yield pos.flag(
            sheet_rows[i],
            "Approved By",
            f"{_po_at(numbers, sheet_rows, i)} is ${amount:,.2f}, over the ${threshold:,.0f} "
            "approval threshold, and has no approver.",
            suggestion="Get the department head's and UPM's approval.",
        )


@rule("po.date_out_of_range", Severity.WARNING, needs=("POs",))
def date_out_of_range(ctx: Context) -> Iterator[Flag]:
    """A PO dated before prep starts or after wrap."""
    pos = ctx.book.tables["POs"]
    start, wrap = ctx.settings.prep_start, ctx.settings.wrap_date
    if not pos.has("Date") or (start is None and wrap is None):
        return
    dates = pos.column("Date")
    numbers, sheet_rows = _numbers(pos), pos.column("_row")
    for i, when in enumerate(dates):
        if when is None:
            continue
        if start is not None and when < start:
            problem = f"before prep starts ({parse.display(start)})"
        elif wrap is not None and when > wrap:
            problem = f"after the wrap date ({parse.display(wrap)})"
        else:
            continue
        yield pos.flag(
            sheet_rows[i],
            "Date",
            f"{_po_at(numbers, sheet_rows, i)} is dated {parse.display(when)}, {problem}.",
        )
