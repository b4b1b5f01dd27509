"""The vocabulary everything else speaks: cells, tables, findings, severities."""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from enum import StrEnum
from typing import Any

import pandas as pd

ERROR_VALUES = frozenset(
    {
        "#REF!",
        "#N/A",
        "#DIV/0!",
        "#VALUE!",
        "#NAME?",
        "#NUM!",
        "#NULL!",
        "#ERROR!",
        "#SPILL!",
        "#CALC!",
        "#GETTING_DATA",
    }
)


class CellError(str):
    """A spreadsheet error value such as ``#REF!`` read from a cell."""

    __slots__ = ()


class Severity(StrEnum):
    """How urgent a finding is; ordered error > warning > info."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        """0 for the most urgent severity."""
        return {"error": 0, "warning": 1, "info": 2}[self.value]


def column_letter(col: int) -> str:
    """1 -> 'A', 28 -> 'AB'."""
    letters = ""
    while col:
        col, rem = divmod(col - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


def column_index(letters: str) -> int:
    """'A' -> 1, 'AB' -> 28."""
    index = 0
    for ch in letters.upper():
        index = index * 26 + ord(ch) - 64
    return index


_A1 = re.compile(r"^\$?([A-Za-z]{1,3})\$?(\d+)$")


def a1(row: int, col: int) -> str:
    """The A1 address of a 1-based row and column."""
    return f"{column_letter(col)}{row}"


def parse_a1(address: str) -> tuple[int, int]:
    """'B7' -> (7, 2): 1-based row and column."""
    match = _A1.match(address.strip())
    if not match:
        raise ValueError(f"not an A1 cell address: {address!r}")
    return int(match.group(2)), column_index(match.group(1))


@dataclass(frozen=True, order=True)
class CellRef:
    """One cell of one tab, 1-based."""

    sheet: str
    row: int
    col: int

    @property
    def a1(self) -> str:
        """The address without the tab name, e.g. 'C12'."""
        return a1(self.row, self.col)


@dataclass
class Finding:
    """One problem found in the book, with its exact place (fields of WORKBOOK.md)."""

    severity: Severity
    rule: str
    sheet: str
    row: int | None
    column: str | None
    cell: str | None
    message: str
    suggestion: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """The JSON shape of WORKBOOK.md."""
        data = asdict(self)
        data["severity"] = self.severity.value
        return data

    @property
    def sort_key(self) -> tuple:
        """Errors first, then by tab and row."""
        return (self.severity.rank, self.sheet, self.row or 0, self.cell or "", self.rule)


@dataclass
class Table:
    """One recognised tab: canonical column names mapped to the sheet's columns.

    ``values`` holds the normalised values (dates, times, floats, Rate, ...; None
    when empty or unreadable), ``raw`` what the cell held as read (CellError for
    error values). Both have one row per data row and a ``_row`` column with the
    1-based sheet row number.
    """

    kind: str
    sheet: str
    header_row: int
    columns: dict[str, int]
    headers: dict[str, str]
    values: pd.DataFrame
    raw: pd.DataFrame
    extra: dict[str, Any] = field(default_factory=dict)
    _rows: list[dict[str, Any]] | None = field(default=None, repr=False, compare=False)
    _pairs: list[tuple[dict, dict]] | None = field(default=None, repr=False, compare=False)

    def has(self, column: str) -> bool:
        """Whether the tab has this canonical column."""
        return column in self.columns

    def cell(self, row: int, column: str | None) -> str:
        """A1 address of a row's cell in a canonical column, or of the row's first cell."""
        col = self.columns.get(column, None) if column else None
        return a1(row, col if col else self.first_column)

    @property
    def first_column(self) -> int:
        """The leftmost column the tab uses."""
        return min(self.columns.values()) if self.columns else 1

    def flag(
        self,
        row: int,
        column: str | None,
        message: str,
        suggestion: str | None = None,
        severity: Severity | None = None,
    ) -> Flag:
        """A finding about one cell, to be stamped with rule and severity by the runner."""
        header = self.headers.get(column) if column else None
        return Flag(
            sheet=self.sheet,
            row=row,
            column=header,
            cell=self.cell(row, column),
            message=message,
            suggestion=suggestion,
            severity=severity,
        )

    def rows(self) -> list[dict[str, Any]]:
        """The normalised values as one dict per data row (with ``_row``); shared, read-only."""
        if self._rows is None:
            self._rows = _records(self.values)
        return self._rows

    def pairs(self) -> list[tuple[dict[str, Any], dict[str, Any]]]:
        """(normalised, as read) dicts per data row; shared, read-only."""
        if self._pairs is None:
            self._pairs = list(zip(self.rows(), _records(self.raw), strict=True))
        return self._pairs


@dataclass
class Flag:
    """What a rule yields: a finding without its rule id (the runner stamps it)."""

    sheet: str
    row: int | None
    column: str | None
    cell: str | None
    message: str
    suggestion: str | None = None
    severity: Severity | None = None

    def stamp(self, rule: str, default: Severity) -> Finding:
        """The finding, with the rule's id and severity."""
        return Finding(
            severity=self.severity or default,
            rule=rule,
            sheet=self.sheet,
            row=self.row,
            column=self.column,
            cell=self.cell,
            message=self.message,
            suggestion=self.suggestion,
        )


def _records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """Rows of a DataFrame as dicts, without pandas' per-cell boxing."""
    columns = list(frame.columns)
    return [dict(zip(columns, values, strict=True))
            for values in zip(*(frame[c].tolist() for c in columns), strict=True)]
