"""What a host factory offers the contract suite."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

import openpyxl
from openpyxl.comments import Comment
from openpyxl.styles import PatternFill

from addin.hosts.base import Grid, Host


@dataclass
class BookSpec:
    """A book to build: tab grids, merged ranges, and a coordinator's own fills and notes."""

    sheets: dict[str, Grid]
    merges: dict[str, list[str]] = field(default_factory=dict)
    fills: dict[str, dict[str, str]] = field(default_factory=dict)
    notes: dict[str, dict[str, str]] = field(default_factory=dict)


def write_book(folder: Path, spec: BookSpec) -> Path:
    """The book written with openpyxl as ``folder/book.xlsx``: values, merges, fills, notes."""
    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)
    for name, grid in spec.sheets.items():
        sheet = workbook.create_sheet(name)
        for r, row in enumerate(grid, start=1):
            for c, value in enumerate(row, start=1):
                if value is not None:
                    sheet.cell(r, c, value)
        for span in spec.merges.get(name, []):
            sheet.merge_cells(span)
        for address, colour in spec.fills.get(name, {}).items():
            sheet[address].fill = PatternFill("solid", fgColor=colour)
        for address, text in spec.notes.get(name, {}).items():
            sheet[address].comment = Comment(text, "Coordinator")
    path = folder / "book.xlsx"
    workbook.save(path)
    return path


class Factory(Protocol):
    """Builds hosts of one kind and looks at their saved result."""

    file_based: bool

    def build(self, folder: Path, spec: BookSpec) -> Host:
        """A host holding the book (created in ``folder`` when the host needs files)."""
        ...

    def reopen(self, host: Host) -> Host:
        """A fresh host on what ``host`` last saved."""
        ...

    def fill(self, host: Host, sheet: str, cell: str) -> str | None:
        """The saved solid fill colour of a cell as 6 hex digits, or None."""
        ...

    def links(self, host: Host, sheet: str) -> dict[str, str]:
        """The saved internal links of a tab: A1 address -> "'Tab'!A1" target."""
        ...

    def hidden(self, host: Host, sheet: str) -> bool:
        """Whether the saved tab is hidden."""
        ...

    def cell_text(self, host: Host, sheet: str, cell: str) -> Any:
        """What the saved cell holds as a person sees it (a formula would start with '=')."""
        ...
