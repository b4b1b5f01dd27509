"""Shoot days: which day numbers the production has and their dates."""

from __future__ import annotations

from datetime import date

from addin.book import Book


def shoot_days(book: Book) -> dict[int, date | None]:
    """Day number -> date, from the Days tab first, then the Schedule; sorted by day."""
    days: dict[int, date | None] = {}
    for kind in ("Days", "Schedule"):
        table = book.table(kind)
        if table is None or "Day" not in table.values.columns:
            continue
        dates = table.values["Date"] if "Date" in table.values.columns else None
        for i, day in enumerate(table.values["Day"].tolist()):
            if day is None:
                continue
            when = dates.iloc[i] if dates is not None else None
            if days.get(day) is None:
                days[day] = when
    return dict(sorted(days.items()))
