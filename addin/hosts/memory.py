"""An in-memory book: the reference host and the test double for every other."""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from typing import Any

from addin.hosts.base import CellState, Grid, Mark, SheetContent
from addin.model import parse_a1


@dataclass
class MemorySheet:
    """One tab: values by (row, col), 1-based, plus fills, notes and visibility."""

    values: dict[tuple[int, int], Any] = field(default_factory=dict)
    fills: dict[tuple[int, int], str] = field(default_factory=dict)
    notes: dict[tuple[int, int], str] = field(default_factory=dict)
    links: dict[tuple[int, int], str] = field(default_factory=dict)
    hidden: bool = False

    @classmethod
    def from_grid(cls, grid: Grid) -> MemorySheet:
        """A tab holding a row-major grid from A1."""
        sheet = cls()
        for r, row in enumerate(grid, start=1):
            for c, value in enumerate(row, start=1):
                if value is not None and value != "":
                    sheet.values[(r, c)] = value
        return sheet

    def grid(self) -> Grid:
        """The values as a row-major grid from A1."""
        if not self.values:
            return []
        height = max(r for r, _ in self.values)
        width = max(c for _, c in self.values)
        rows = [[None] * width for _ in range(height)]
        for (r, c), value in self.values.items():
            rows[r - 1][c - 1] = value
        return rows


class MemoryHost:
    """A book held in dicts; ``save()`` publishes the staged state as the saved one."""

    def __init__(self, sheets: dict[str, Grid] | None = None, label: str = "memory book") -> None:
        self.label = label
        self.saved: dict[str, MemorySheet] = {
            name: MemorySheet.from_grid(grid) for name, grid in (sheets or {}).items()
        }
        self._staged = copy.deepcopy(self.saved)
        self.calls: list[str] = []

    def sheet_names(self) -> list[str]:
        """Tab names in book order."""
        return list(self._staged)

    def read_all(self) -> dict[str, Grid]:
        """Every tab's values."""
        self.calls.append("read_all")
        return {name: sheet.grid() for name, sheet in self._staged.items()}

    def read_cell_states(self, cells: dict[str, list[str]]) -> dict[str, dict[str, CellState]]:
        """Current fill and note of the given cells."""
        self.calls.append("read_cell_states")
        states: dict[str, dict[str, CellState]] = {}
        for name, addresses in cells.items():
            sheet = self._staged.get(name)
            if sheet is None:
                continue
            states[name] = {}
            for address in addresses:
                key = parse_a1(address)
                states[name][address] = CellState(sheet.fills.get(key), sheet.notes.get(key))
        return states

    def apply_marks(self, marks: dict[str, dict[str, Mark]]) -> None:
        """Stage fills and notes."""
        self.calls.append("apply_marks")
        for name, cells in marks.items():
            sheet = self._staged[name]
            for address, mark in cells.items():
                key = parse_a1(address)
                sheet.fills[key] = mark.fill
                sheet.notes[key] = mark.note

    def restore_cells(self, states: dict[str, dict[str, CellState]]) -> None:
        """Stage putting fills and notes back."""
        self.calls.append("restore_cells")
        for name, cells in states.items():
            sheet = self._staged.get(name)
            if sheet is None:
                continue
            for address, state in cells.items():
                key = parse_a1(address)
                _set_or_drop(sheet.fills, key, state.fill)
                _set_or_drop(sheet.notes, key, state.note)

    def write_sheets(self, sheets: list[SheetContent]) -> None:
        """Stage creating or replacing tabs."""
        self.calls.append("write_sheets")
        for content in sheets:
            sheet = MemorySheet.from_grid(content.rows)
            sheet.hidden = content.hidden
            for (r, c), target in content.links.items():
                sheet.links[(r + 1, c + 1)] = f"'{target.sheet}'!{target.a1}"
            for r, colour in content.row_fills.items():
                for c in range(1, len(content.rows[r]) + 1):
                    sheet.fills[(r + 1, c)] = colour
            self._staged.pop(content.name, None)
            self._staged[content.name] = sheet

    def delete_sheets(self, names: list[str]) -> None:
        """Stage removing tabs."""
        self.calls.append("delete_sheets")
        for name in names:
            self._staged.pop(name, None)

    def save(self) -> None:
        """Commit the staged state."""
        self.calls.append("save")
        self.saved = copy.deepcopy(self._staged)


def _set_or_drop(store: dict, key: Any, value: Any) -> None:
    if value is None:
        store.pop(key, None)
    else:
        store[key] = value
