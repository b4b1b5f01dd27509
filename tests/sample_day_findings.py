"""The sample book's planted turnaround and meal penalty, as every host's Checks tab lists them."""

from __future__ import annotations

from typing import Any

SAMPLE_DAY_ROWS = [
    ("Error", "Cast Calls", "D14",
     "Isabel Reyes (Cast): 9.75 h of rest between Day 3's wrap (7:30 PM Mon Dec 7) and Day 4's "
     "call (5:15 AM Tue Dec 8), under the 12 h cast turnaround: a forced call 2.25 h short.",
     "Call Isabel Reyes at 7:30 AM or later on Day 4.", "day.turnaround"),
    ("Warning", "Days", "E3",
     "Day 2: CAMERA lunch at 6:00 PM is 6.5 h after their 11:30 AM call: 4 people, forecast "
     "meal penalty $100 (4 x $25).",
     "Plan the meal within 6 h of the call (or of the end of the last meal), or a second meal "
     "before the wrap.", "day.meal_penalty"),
]
"""Severity, Tab, Cell, Problem, Suggested fix, Check."""


def day_rows(grid: list[list[Any]]) -> list[tuple]:
    """The Checks tab rows of the day-planning checks, as text (the overtime forecast's
    info rows, a report on every day rather than a planted problem, left out)."""
    rows = [tuple("" if v is None else str(v) for v in row[:6]) for row in grid]
    return [row for row in rows
            if len(row) == 6 and row[5].startswith("day.") and row[5] != "day.overtime"]
