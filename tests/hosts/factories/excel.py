"""The live Excel host, on the openpyxl-backed xlwings engine of tests/xlwings_engine.

A book is written with openpyxl, opened through ``xw.Book`` and wrapped in an
ExcelHost. Re-opening means a fresh ExcelHost on the same live book: in Excel a
save commits into the open book, and the coordinator saves the file. The
inspectors look at the live book's cells directly, not through the host.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from addin.hosts.excel import ExcelHost
from tests.hosts.factories.base import BookSpec, write_book
from tests.xlwings_engine import open_in_engine


class ExcelFactory:
    """Builds book.xlsx with openpyxl, opens it through xlwings, wraps it in an ExcelHost."""

    file_based = True

    def build(self, folder: Path, spec: BookSpec) -> ExcelHost:
        """Write the book (error texts become error cells) and open it as a live book."""
        path = write_book(folder, spec)
        return ExcelHost(open_in_engine(path))

    def reopen(self, host: ExcelHost) -> ExcelHost:
        """A fresh host on the same live book."""
        return ExcelHost(host.book, save_file=host.save_file)

    def _sheet(self, host: ExcelHost, sheet: str) -> Any:
        return host.book.api[sheet]

    def fill(self, host: ExcelHost, sheet: str, cell: str) -> str | None:
        """The solid fill colour of the live cell."""
        fill = self._sheet(host, sheet)[cell].fill
        if fill is None or fill.fill_type != "solid":
            return None
        return str(fill.fgColor.rgb)[-6:].upper()

    def links(self, host: ExcelHost, sheet: str) -> dict[str, str]:
        """The internal hyperlinks of the live tab."""
        ws = self._sheet(host, sheet)
        return {
            cell.coordinate: cell.hyperlink.location
            for row in ws.iter_rows()
            for cell in row
            if cell.hyperlink is not None
        }

    def hidden(self, host: ExcelHost, sheet: str) -> bool:
        """Whether the live tab is hidden."""
        return self._sheet(host, sheet).sheet_state == "hidden"

    def cell_text(self, host: ExcelHost, sheet: str, cell: str) -> Any:
        """The live cell (a formula would come back as '<formula>...')."""
        found = self._sheet(host, sheet)[cell]
        return f"<formula>{found.value}" if found.data_type == "f" else found.value


FACTORY = ExcelFactory()
