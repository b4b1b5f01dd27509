"""The in-memory reference host."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

from addin.hosts.memory import MemoryHost
from addin.model import parse_a1
from tests.hosts.factories.base import BookSpec


def _merged(spec: BookSpec) -> dict:
    sheets = copy.deepcopy(spec.sheets)
    for name, ranges in spec.merges.items():
        grid = sheets[name]
        for span in ranges:
            (r0, c0), (r1, c1) = (parse_a1(x) for x in span.split(":"))
            value = grid[r0 - 1][c0 - 1]
            for r in range(r0, r1 + 1):
                while len(grid) < r:
                    grid.append([])
                row = grid[r - 1]
                row.extend([None] * (c1 - len(row)))
                for c in range(c0, c1 + 1):
                    row[c - 1] = value
    return sheets


class MemoryFactory:
    """Builds MemoryHosts; re-opening sees only what was saved."""

    file_based = False

    def build(self, folder: Path, spec: BookSpec) -> MemoryHost:
        """A memory host holding the book."""
        host = MemoryHost(_merged(spec), label="memory book")
        for name, cells in spec.fills.items():
            for address, colour in cells.items():
                host.saved[name].fills[parse_a1(address)] = colour
        for name, cells in spec.notes.items():
            for address, text in cells.items():
                host.saved[name].notes[parse_a1(address)] = text
        host._staged = copy.deepcopy(host.saved)
        return host

    def reopen(self, host: MemoryHost) -> MemoryHost:
        """A fresh memory host on the saved state."""
        fresh = MemoryHost(label=host.label)
        fresh.saved = copy.deepcopy(host.saved)
        fresh._staged = copy.deepcopy(host.saved)
        return fresh

    def fill(self, host: MemoryHost, sheet: str, cell: str) -> str | None:
        """The saved fill of a cell."""
        colour = host.saved[sheet].fills.get(parse_a1(cell))
        return colour[-6:].upper() if colour else None

    def links(self, host: MemoryHost, sheet: str) -> dict[str, str]:
        """The saved links of a tab."""
        from addin.model import a1

        return {a1(r, c): target for (r, c), target in host.saved[sheet].links.items()}

    def hidden(self, host: MemoryHost, sheet: str) -> bool:
        """Whether the saved tab is hidden."""
        return host.saved[sheet].hidden

    def cell_text(self, host: MemoryHost, sheet: str, cell: str) -> Any:
        """The saved value of a cell."""
        return host.saved[sheet].values.get(parse_a1(cell))


FACTORY = MemoryFactory()
