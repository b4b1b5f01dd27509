"""Checks on how the book could be read: tabs not understood, mappings that do not apply."""

from __future__ import annotations

from collections.abc import Iterator

from addin.book import Book
from addin.mapping import MappingEntry
from addin.model import Flag, Severity, a1
from addin.rules import Context, rule
from addin.schema import header_key


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


@rule("book.unknown_mapping", Severity.WARNING, needs=())
def unknown_mapping(ctx: Context) -> Iterator[Flag]:
    """A Columns mapping row naming a tab, column or header the book or ProdDesk lacks."""
    book = ctx.book
    for entry in book.mapping.entries:
        problem, col = entry.problem, entry.key_col
        if problem is None:
            problem, col = _missing_name(book, entry)
        if problem:
            yield Flag(
                sheet=entry.sheet,
                row=entry.row,
                column=None,
                cell=a1(entry.row, col),
                message=f"Columns mapping '{entry.typed}': {problem}.",
                suggestion="Correct the names to match your tab and header exactly, "
                "or delete the row.",
            )


def _missing_name(book: Book, entry: MappingEntry) -> tuple[str | None, int]:
    """Why a well-formed mapping row does not apply to this book (None when it does), and
    the column of the cell to point at."""
    if entry.is_tab:
        if header_key(entry.header) not in {header_key(name) for name in book.sheet_names}:
            return f"the book has no tab '{entry.header}'", entry.name_col
        return None, entry.name_col
    kind = entry.kind or ""
    wanted = header_key(entry.header)
    table = book.tables.get(kind)
    if table is not None:
        grid = book.grids.get(table.sheet, [])
        cells = grid[table.header_row - 1] if len(grid) >= table.header_row else []
        if wanted in {header_key(c) for c in cells if isinstance(c, str)}:
            return None, entry.name_col
        return (
            f"tab '{table.sheet}' has no header '{entry.header}' in its header row "
            f"(row {table.header_row})",
            entry.name_col,
        )
    problem = book.unreadable.get(kind)
    if problem is not None:
        if wanted in {header_key(c) for c in problem.found}:
            return None, entry.name_col
        return f"tab '{problem.sheet}' has no header '{entry.header}'", entry.name_col
    return f"the book has no {kind} tab", entry.key_col
