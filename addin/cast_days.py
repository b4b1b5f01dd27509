"""Which shoot days each cast member works, and their SWHF status on a day.

One place for both the call sheet's SWHF column (and ``PD_SWHF``) and the Day
Out of Days: both read a cast member's work days with ``cast_work_days`` and a
day's status with ``swhf``, so the call sheet's H is the DOOD's H.
"""

from __future__ import annotations

import re
from typing import Any

from addin.book import Book
from addin.parse import parse_cast_ids


def cast_key(value: Any) -> str:
    """A cast # as the Schedule's Cast column reads it (``#03`` -> ``3``, ``3.0`` -> ``3``);
    '' when the cell holds no id."""
    ids = parse_cast_ids(value)
    return ids[0] if ids else ""


def cast_order(cast_id: str) -> tuple:
    """Sort key of cast ids in cast # order: 1, 2, 2A, 10, then ids without a number."""
    match = re.match(r"(\d+)(.*)", cast_id)
    return (0, int(match.group(1)), match.group(2)) if match else (1, 0, cast_id)


def cast_work_days(book: Book) -> dict[str, list[int]]:
    """Cast id -> the sorted shoot day numbers on which a Schedule scene lists them."""
    schedule = book.table("Schedule")
    days: dict[str, set[int]] = {}
    for row in schedule.rows() if schedule else []:
        if row.get("Day") is None:
            continue
        for cast_id in row.get("Cast") or []:
            days.setdefault(cast_id, set()).add(row["Day"])
    return {cast_id: sorted(numbers) for cast_id, numbers in days.items()}


def swhf(work_days: list[int], day: int) -> str:
    """S, W, H, F or SWF for a cast member on a day, given every day they work; '' when none.

    H is a day between their first and last work day on which no scene of theirs is
    shot (the call sheet lists them on hold; the DOOD may drop them instead).
    """
    if not work_days:
        return ""
    first, last = min(work_days), max(work_days)
    if day in work_days:
        if first == last:
            return "SWF"
        return "S" if day == first else "F" if day == last else "W"
    return "H" if first < day < last else ""
