"""Checks on the crew list: names, contacts, rates, dates, paperwork, duplicates."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterator
from datetime import date, timedelta

from addin import parse
from addin.model import Flag, Severity
from addin.rules import Context, rule
from addin.rules.common import invalid_contact, row_name
from addin.schema import DOCUMENT_COLUMNS

STANDARD_GUARANTEES = (8.0, 10.0, 12.0)
PAPERWORK_LEAD_DAYS = 7


def _who(row: dict) -> str:
    return row_name("Crew", row)


@rule("crew.missing_name", Severity.ERROR, needs=("Crew",))
def missing_name(ctx: Context) -> Iterator[Flag]:
    """A crew row has details but no name."""
    crew = ctx.book.tables["Crew"]
    for row in crew.rows():
        if row.get("Name") is None:
            yield crew.flag(row["_row"], "Name", f"Row {row['_row']} has crew details but no name.")


@rule("crew.missing_position", Severity.WARNING, needs=("Crew",))
def missing_position(ctx: Context) -> Iterator[Flag]:
    """A crew member has no position or no department, so the call sheet cannot place them."""
    crew = ctx.book.tables["Crew"]
    for row in crew.rows():
        if row.get("Name") is None:
            continue
        missing = [
            c for c in ("Position", "Department")
            if (crew.has(c) or c == "Department") and row.get(c) is None
        ]
        if missing:
            what = " and ".join(m.lower() for m in missing)
            column = next((c for c in missing if crew.has(c)), "Name")
            yield crew.flag(row["_row"], column, f"{_who(row)} has no {what}.")


@rule("crew.invalid_email", Severity.ERROR, needs=("Crew",))
def invalid_email(ctx: Context) -> Iterator[Flag]:
    """An email address that mail cannot be sent to."""
    yield from invalid_contact(ctx, "Crew", "Email", "email")


@rule("crew.invalid_phone", Severity.ERROR, needs=("Crew",))
def invalid_phone(ctx: Context) -> Iterator[Flag]:
    """A phone number that is not a valid number for the production's region."""
    yield from invalid_contact(ctx, "Crew", "Phone", "phone")


@rule("crew.rate_missing", Severity.WARNING, needs=("Crew",))
def rate_missing(ctx: Context) -> Iterator[Flag]:
    """A crew member with no rate entered."""
    crew = ctx.book.tables["Crew"]
    if not crew.has("Rate"):
        return
    for row, raw in crew.pairs():
        if row.get("Name") is not None and parse.is_blank(raw["Rate"]):
            yield crew.flag(row["_row"], "Rate", f"{_who(row)} has no rate.")


@rule("crew.invalid_rate", Severity.ERROR, needs=("Crew",))
def invalid_rate(ctx: Context) -> Iterator[Flag]:
    """A rate that is not an amount (e.g. 'TBD'); $400/12, /wk, /hr, flat and kit notations
    are understood."""
    crew = ctx.book.tables["Crew"]
    if not crew.has("Rate"):
        return
    for row, raw in crew.pairs():
        if (
            row["Rate"] is None
            and not parse.is_blank(raw["Rate"])
            and not parse.is_error(raw["Rate"])
        ):
            yield crew.flag(
                row["_row"],
                "Rate",
                f"{_who(row)}: rate '{parse.display(raw['Rate'])}' is not a rate.",
                suggestion=(
                    "Enter a rate such as 400, $400/12 (amount / guaranteed hours), $2,500/wk, "
                    "$38.50/hr, $1,500 flat or $750/12 + $50 kit."
                ),
            )


@rule("crew.rate_read", Severity.INFO, needs=("Crew",))
def rate_read(ctx: Context) -> Iterator[Flag]:
    """A weekly, hourly, flat or kit-fee rate: says how ProdDesk read it for day pay."""
    crew = ctx.book.tables["Crew"]
    if not crew.has("Rate"):
        return
    for row, raw in crew.pairs():
        rate = row["Rate"]
        if rate is None or rate.plain:
            continue
        yield crew.flag(
            row["_row"],
            "Rate",
            f"{_who(row)}: rate '{parse.display(raw['Rate'])}' read as {rate.reading()}.",
            suggestion="If that is not the deal, write the rate another way "
            "(e.g. $500/10 for a day rate).",
        )


@rule("crew.unusual_guarantee", Severity.WARNING, needs=("Crew",))
def unusual_guarantee(ctx: Context) -> Iterator[Flag]:
    """A guaranteed day that is not 8, 10 or 12 hours."""
    crew = ctx.book.tables["Crew"]
    for row in crew.rows():
        hours, column = row.get("Guarantee"), "Guarantee"
        if hours is None and row.get("Rate") is not None:
            hours, column = row["Rate"].guarantee, "Rate"
        if hours is not None and hours not in STANDARD_GUARANTEES:
            yield crew.flag(
                row["_row"],
                column,
                f"{_who(row)} has a guarantee of {parse.display(hours)} hours; "
                "days are usually guaranteed at 8, 10 or 12 hours.",
            )


@rule("crew.dates_reversed", Severity.ERROR, needs=("Crew",))
def dates_reversed(ctx: Context) -> Iterator[Flag]:
    """A start date after the end date."""
    crew = ctx.book.tables["Crew"]
    for row in crew.rows():
        start, end = row.get("Start Date"), row.get("End Date")
        if start and end and start > end:
            yield crew.flag(
                row["_row"],
                "Start Date",
                f"{_who(row)} starts {parse.display(start)}, after their end date "
                f"{parse.display(end)}.",
            )


def _paperwork_complete(row: dict, columns: list[str]) -> bool:
    if "Paperwork" in columns:
        return bool(row.get("Paperwork"))
    documents = [c for c in DOCUMENT_COLUMNS if c in columns]
    return all(row.get(c) for c in documents)


def _works_a_shoot_day(row: dict, shoot_dates: list[date]) -> bool:
    """Whether a shoot day falls between the row's start and end (``shoot_dates`` sorted)."""
    start, end = row.get("Start Date"), row.get("End Date")
    first = bisect_left(shoot_dates, start) if start is not None else 0
    return first < len(shoot_dates) and (end is None or shoot_dates[first] <= end)


def _paperwork_findings(ctx: Context, on_shoot: bool) -> Iterator[Flag]:
    crew = ctx.book.tables["Crew"]
    columns = [c for c in ("Paperwork", *DOCUMENT_COLUMNS) if crew.has(c)]
    if not columns:
        return
    horizon = ctx.today + timedelta(days=PAPERWORK_LEAD_DAYS)
    for row, raw in crew.pairs():
        if row.get("Name") is None or _paperwork_complete(row, columns):
            continue
        start = row.get("Start Date")
        if start is not None and start > horizon:
            continue
        if _works_a_shoot_day(row, ctx.shoot_dates) != on_shoot:
            continue
        if "Paperwork" in columns:
            column = "Paperwork"
            what = (
                f"start paperwork is not complete ('{parse.display(raw['Paperwork']) or 'blank'}')"
            )
        else:
            missing = [c for c in DOCUMENT_COLUMNS if c in columns and not row.get(c)]
            column = missing[0]
            what = f"start paperwork is missing ({', '.join(missing)})"
        if on_shoot:
            when = "works on the shoot"
        else:
            when = f"starts {parse.display(start)}" if start else "is on the crew list"
        yield crew.flag(row["_row"], column, f"{_who(row)} {when} but {what}.")


@rule("crew.paperwork_on_shoot", Severity.ERROR, needs=("Crew",))
def paperwork_on_shoot(ctx: Context) -> Iterator[Flag]:
    """Start paperwork incomplete for someone who works a shoot day and starts within a week."""
    yield from _paperwork_findings(ctx, on_shoot=True)


@rule("crew.paperwork_incomplete", Severity.WARNING, needs=("Crew",))
def paperwork_incomplete(ctx: Context) -> Iterator[Flag]:
    """Start paperwork incomplete for someone starting within a week or already started."""
    yield from _paperwork_findings(ctx, on_shoot=False)


@rule("crew.duplicate_person", Severity.WARNING, needs=("Crew",))
def duplicate_person(ctx: Context) -> Iterator[Flag]:
    """The same person listed twice (same email, same phone or same name)."""
    crew = ctx.book.tables["Crew"]
    seen: dict[tuple[str, str], int] = {}
    for row in crew.rows():
        keys = [
            ("email", row.get("Email")),
            ("phone", row.get("Phone")),
            ("name", parse.name_key(row["Name"]) if row.get("Name") else None),
        ]
        earlier = next(
            ((label, seen[(label, key)]) for label, key in keys if key and (label, key) in seen),
            None,
        )
        for label, key in keys:
            if key:
                seen.setdefault((label, key), row["_row"])
        if earlier:
            label, first_row = earlier
            column = {"email": "Email", "phone": "Phone", "name": "Name"}[label]
            yield crew.flag(
                row["_row"],
                column,
                f"{_who(row)} looks like a duplicate of row {first_row} (same {label}).",
                suggestion=f"Remove one of rows {first_row} and {row['_row']}.",
            )
