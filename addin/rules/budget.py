"""Checks on the budget: accounts whose purchase orders exceed what was budgeted."""

from __future__ import annotations

from collections.abc import Iterator

from addin.book import Book
from addin.model import Flag, Severity
from addin.rules import Context, rule
from addin.rules.common import statuses_named

COMMITTED_STATUSES = {"open", "approved", "paid", ""}


def committed_by_account(book: Book) -> dict[str, float]:
    """Account -> total of its Open, Approved and Paid POs (blank status counts as Open)."""
    pos = book.table("POs")
    if pos is None or not pos.has("Account") or not pos.has("Amount"):
        return {}
    accounts, amounts = pos.column("Account"), pos.column("Amount")
    statuses = pos.column("Status") if pos.has("Status") else None
    committed = statuses_named(pos, *COMMITTED_STATUSES) if statuses is not None else None
    totals: dict[str, float] = {}
    for i, (account, amount) in enumerate(zip(accounts, amounts, strict=True)):
        if account is None or amount is None or amount != amount:  # NaN: not an amount
            continue
        if committed is not None and statuses[i] not in committed:
            continue
        key = account.strip()
        # added left to right from the first amount, as pandas sums an object column
        totals[key] = totals[key] + amount if key in totals else amount
    return {key: float(total) for key, total in sorted(totals.items())}


@rule("budget.over", Severity.ERROR, needs=("Budget", "POs"))
def over_budget(ctx: Context) -> Iterator[Flag]:
    """An account whose open, approved and paid POs add up to more than its budget."""
    budget = ctx.book.tables["Budget"]
    if not budget.has("Account") or not budget.has("Budget"):
        return
    totals = committed_by_account(ctx.book)
    for row in budget.rows():
        account, budgeted = row.get("Account"), row.get("Budget")
        if account is None or budgeted is None:
            continue
        spent = totals.get(account.strip(), 0.0)
        if spent > budgeted + 0.005:
            name = f"{account} {row['Description']}" if row.get("Description") else account
            yield budget.flag(
                row["_row"],
                "Budget",
                f"Account {name}: POs total ${spent:,.2f} against a budget of ${budgeted:,.2f}, "
                f"${spent - budgeted:,.2f} over.",
            )
