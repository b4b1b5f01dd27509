"""Error values (#REF!, #N/A, #DIV/0!) in any column ProdDesk reads."""

from __future__ import annotations

from collections.abc import Iterator

from addin.model import Flag, Severity
from addin.rules import Context, rule

REPORTED_ELSEWHERE = {("POs", "Amount")}
"""Columns whose error values another rule already names (po.amount_invalid)."""


@rule("cell.error_value", Severity.ERROR, needs=())
def error_value(ctx: Context) -> Iterator[Flag]:
    """A formula in a column ProdDesk reads shows an error value instead of a result."""
    for kind, table in ctx.book.tables.items():
        for row_number, column, value in table.extra.get("errors", []):
            if (kind, column) in REPORTED_ELSEWHERE or column not in table.columns:
                continue
            yield table.flag(
                row_number,
                column,
                f"{table.headers[column]} on row {row_number} shows the error {value} "
                "instead of a value.",
                suggestion="Fix the formula (did a row or tab it pointed to get deleted?).",
            )
