"""Shoot days: which day numbers the production has and their dates."""

from __future__ import annotations

from datetime import date

from addin.book import Book


def shoot_days(book: Book) -> dict[int, date | None]:
    """Day number -> date, from the Days tab first, then the Schedule; sorted by day.

    A day counts when it has a Days row, a scene, or an End of Day row on the
    Schedule, even one with no scenes before it.
    """
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
    schedule = book.table("Schedule")
    breaks: dict[int, date | None] = schedule.extra.get("break_dates", {}) if schedule else {}
    for day, when in breaks.items():
        if days.get(day) is None:
            days[day] = when
    return dict(sorted(days.items()))


def days_total(days: dict[int, date | None]) -> int:
    """The M of ``Day N of M``: the shoot days counted, never fewer than the highest day number."""
    return max(len(days), max(days, default=0))
