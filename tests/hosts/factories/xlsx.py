"""The .xlsx file host; books are built with openpyxl and inspected with openpyxl."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import openpyxl

from addin.hosts.xlsx import XlsxHost
from tests.hosts.factories.base import BookSpec, write_book


class XlsxFactory:
    """Builds a book.xlsx and an XlsxHost on it; re-opening reads the saved file."""

    file_based = True

    def build(self, folder: Path, spec: BookSpec) -> XlsxHost:
        """Write the book with openpyxl (error texts become error cells) and open it."""
        path = write_book(folder, spec)
        return XlsxHost(path)

    def reopen(self, host: XlsxHost) -> XlsxHost:
        """A fresh host on the file the host saves to."""
        return XlsxHost(host.output or host.path)

    def _sheet(self, host: XlsxHost, sheet: str) -> Any:
        return openpyxl.load_workbook(host.output or host.path)[sheet]

    def fill(self, host: XlsxHost, sheet: str, cell: str) -> str | None:
        """The solid fill colour openpyxl sees."""
        fill = self._sheet(host, sheet)[cell].fill
        if fill is None or fill.fill_type != "solid":
            return None
        return str(fill.fgColor.rgb)[-6:].upper()

    def links(self, host: XlsxHost, sheet: str) -> dict[str, str]:
        """The internal hyperlinks openpyxl sees."""
        ws = self._sheet(host, sheet)
        return {link.ref: link.location for link in ws._hyperlinks} | {
            cell.coordinate: cell.hyperlink.location
            for row in ws.iter_rows()
            for cell in row
            if cell.hyperlink is not None
        }

    def hidden(self, host: XlsxHost, sheet: str) -> bool:
        """Whether the tab's state is hidden."""
        return self._sheet(host, sheet).sheet_state == "hidden"

    def cell_text(self, host: XlsxHost, sheet: str, cell: str) -> Any:
        """The cell as openpyxl reads it (a formula would come back as '=...' typed 'f')."""
        found = self._sheet(host, sheet)[cell]
        return f"<formula>{found.value}" if found.data_type == "f" else found.value


FACTORY = XlsxFactory()
