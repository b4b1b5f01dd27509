"""The live Excel host through xlwings' own Windows and macOS code (tests/xlwings_platforms).

Like factories/excel.py, but the book is opened by xlwings' ``_xlwindows.py`` or
``_xlmac.py`` over the stand-ins; the inspectors read the stand-in's workbook
model, i.e. what Excel itself would hold, not what the host reports.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from addin.hosts.excel import ExcelHost
from tests.hosts.factories.base import BookSpec, write_book
from tests.xlwings_platforms import Engines
from tests.xlwings_platforms.model import SheetModel, parse_area


class PlatformFactory:
    """Builds book.xlsx with openpyxl and opens it in the stand-in Excel of one platform."""

    file_based = True

    def __init__(self, platform: str) -> None:
        self.engine = Engines(platform)

    def build(self, folder: Path, spec: BookSpec) -> ExcelHost:
        """Write the book and open it as a live book on the platform's xlwings engine."""
        return ExcelHost(self.engine.open(write_book(folder, spec)))

    def reopen(self, host: ExcelHost) -> ExcelHost:
        """A fresh host on the same live book."""
        return ExcelHost(host.book, save_file=host.save_file)

    def _sheet(self, host: ExcelHost, sheet: str) -> SheetModel:
        return self.engine.model_sheet(host.book, sheet)

    def _cell(self, host: ExcelHost, sheet: str, cell: str) -> Any:
        r, c = parse_area(cell)[:2]
        return self._sheet(host, sheet).peek(r, c)

    def fill(self, host: ExcelHost, sheet: str, cell: str) -> str | None:
        """The fill Excel holds for the cell."""
        fill = self._cell(host, sheet, cell).fill
        return None if fill is None else "{:02X}{:02X}{:02X}".format(*fill)

    def links(self, host: ExcelHost, sheet: str) -> dict[str, str]:
        """The internal hyperlinks Excel holds on the tab."""
        from openpyxl.utils import get_column_letter

        return {f"{get_column_letter(c)}{r}": cell.link
                for (r, c), cell in sorted(self._sheet(host, sheet).cells.items()) if cell.link}

    def hidden(self, host: ExcelHost, sheet: str) -> bool:
        """Whether Excel has the tab hidden."""
        return not self._sheet(host, sheet).visible

    def cell_text(self, host: ExcelHost, sheet: str, cell: str) -> Any:
        """What the cell holds (a formula would come back as '<formula>=...')."""
        found = self._cell(host, sheet, cell)
        return f"<formula>{found.formula}" if found.formula else found.value


WINDOWS = PlatformFactory("windows")
MAC = PlatformFactory("mac")
