"""The vocabulary everything else speaks: cells, tables, findings, severities."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
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
        return {
            "severity": self.severity.value,
            "rule": self.rule,
            "sheet": self.sheet,
            "row": self.row,
            "column": self.column,
            "cell": self.cell,
            "message": self.message,
            "suggestion": self.suggestion,
        }

    @property
    def sort_key(self) -> tuple:
        """Errors first, then by tab and row."""
        return (self.severity.rank, self.sheet, self.row or 0, self.cell or "", self.rule)


class ColumnStore:
    """A table's columns as read, each normalised on first use and then kept.

    ``raw`` maps every column name (``_row`` included) to its cells as read;
    ``normalisers`` maps a column name to the function turning those cells into
    typed values (columns without one are their raw cells).
    """

    def __init__(
        self,
        raw: dict[str, list[Any]],
        normalisers: dict[str, Callable[[list[Any]], list[Any]]] | None = None,
    ) -> None:
        self.raw = raw
        self._normalisers = normalisers or {}
        self._values: dict[str, list[Any]] = {}
        self._added: list[str] = []

    @property
    def names(self) -> list[str]:
        """The normalised columns in order: those read, then those set later."""
        return [*self.raw, *self._added]

    def value(self, name: str) -> list[Any]:
        """A column's normalised values (shared, read-only); KeyError when unknown."""
        found = self._values.get(name)
        if found is None:
            normalise = self._normalisers.get(name)
            cells = self.raw[name]
            found = normalise(cells) if normalise else cells
            self._values[name] = found
        return found

    def set(self, name: str, values: list[Any]) -> None:
        """Replace or add a normalised column."""
        if name not in self.raw and name not in self._added:
            self._added.append(name)
        self._values[name] = values


@dataclass
class Table:
    """One recognised tab: canonical column names mapped to the sheet's columns.

    ``values`` holds the normalised values (dates, times, floats, Rate, ...; None
    when empty or unreadable), ``raw`` what the cell held as read (CellError for
    error values). Both have one row per data row and a ``_row`` column with the
    1-based sheet row number. Columns are normalised on first use: ``column()``
    gives one as a list without building the DataFrames.
    """

    kind: str
    sheet: str
    header_row: int
    columns: dict[str, int]
    headers: dict[str, str]
    store: ColumnStore
    extra: dict[str, Any] = field(default_factory=dict)
    _frames: dict[str, pd.DataFrame] = field(default_factory=dict, repr=False, compare=False)
    _rows: list[dict[str, Any]] | None = field(default=None, repr=False, compare=False)
    _pairs: list[tuple[dict, dict]] | None = field(default=None, repr=False, compare=False)

    @property
    def values(self) -> pd.DataFrame:
        """The normalised values as a DataFrame (with ``_row``); shared, read-only."""
        frame = self._frames.get("values")
        if frame is None:
            store = self.store
            frame = _frame({name: store.value(name) for name in store.names})
            self._frames["values"] = frame
        return frame

    @property
    def raw(self) -> pd.DataFrame:
        """The cells as read as a DataFrame (with ``_row``); shared, read-only."""
        frame = self._frames.get("raw")
        if frame is None:
            frame = _frame(self.store.raw)
            self._frames["raw"] = frame
        return frame

    def column(self, name: str) -> list[Any]:
        """One column's normalised values, one per data row; shared, read-only."""
        return self.store.value(name)

    def normalise(self) -> None:
        """Normalise every column now rather than when first read."""
        for name in self.store.names:
            self.store.value(name)

    def raw_column(self, name: str) -> list[Any]:
        """One column's cells as read, one per data row; shared, read-only."""
        return self.store.raw[name]

    def set_column(self, name: str, values: list[Any]) -> None:
        """Replace or add a normalised column (before anyone has read the rows)."""
        self.store.set(name, values)
        self._frames.pop("values", None)
        self._rows = None
        self._pairs = None

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
            store = self.store
            self._rows = _records({name: store.value(name) for name in store.names})
        return self._rows

    def pairs(self) -> list[tuple[dict[str, Any], dict[str, Any]]]:
        """(normalised, as read) dicts per data row; shared, read-only."""
        if self._pairs is None:
            self._pairs = list(zip(self.rows(), _records(self.store.raw), strict=True))
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


def _frame(columns: dict[str, list[Any]]) -> pd.DataFrame:
    """Columns as an all-object DataFrame (pandas is loaded only when a frame is asked for)."""
    import pandas as pd

    return pd.DataFrame(columns, dtype=object)


def _records(columns: dict[str, list[Any]]) -> list[dict[str, Any]]:
    """Rows of equal-length columns as dicts."""
    names = list(columns)
    return [dict(zip(names, values, strict=True)) for values in zip(*columns.values(), strict=True)]
