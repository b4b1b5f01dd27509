"""Shoot days: which day numbers the production has and their dates."""

from __future__ import annotations

from datetime import date

from addin.book import Book


def shoot_days(book: Book) -> dict[int, date | None]:
    """Day number -> date, from the Days tab first, then the Schedule; sorted by day."""
    days: dict[int, date | None] = {}
    for kind in ("Days", "Schedule"):
        table = book.table(kind)
        if table is None or "Day" not in table.store.names:
            continue
        numbers = table.column("Day")
        dates = table.column("Date") if "Date" in table.store.names else [None] * len(numbers)
        for day, when in zip(numbers, dates, strict=True):
            if day is not None and days.get(day) is None:
                days[day] = when
    return dict(sorted(days.items()))
