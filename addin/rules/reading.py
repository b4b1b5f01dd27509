"""Checks on how the book could be read: tabs whose columns were not understood."""

from __future__ import annotations

from collections.abc import Iterator

from addin.model import Flag, Severity, a1
from addin.rules import Context, rule


@rule("book.unreadable_tab", Severity.WARNING, needs=())
def unreadable_tab(ctx: Context) -> Iterator[Flag]:
    """A tab found by name whose header row was not found; its checks did not run."""
    for problem in ctx.book.unreadable.values():
        yield Flag(
            sheet=problem.sheet,
            row=problem.row,
            column=None,
            cell=a1(problem.row, 1),
            message=problem.message,
            suggestion=problem.suggestion,
            severity=None if problem.found else Severity.INFO,
        )
