"""Cells of an existing worksheet part: reading and setting a cell's format index.

Rows and cells are indexed once per sheet, so marking hundreds of cells on a
20,000-row sheet is a dictionary look-up each. Cells and rows are created in
their sorted place when a marked cell does not exist yet.
"""

from __future__ import annotations

import re

from lxml import etree

from addin.hosts.xlsx_package import q
from addin.model import a1, column_index

_REF = re.compile(r"^([A-Za-z]+)(\d+)$")
_CONTENT = frozenset({"v", "f", "is"})


def _col_of(ref: str | None, previous: int) -> int:
    match = _REF.match(ref or "")
    return column_index(match.group(1)) if match else previous + 1


class SheetCells:
    """The ``<row>`` and ``<c>`` elements of one worksheet tree."""

    def __init__(self, root: etree._Element, ns: str) -> None:
        self.root = root
        self.ns = ns
        self.data = root.find(q("sheetData", ns))
        if self.data is None:
            self.data = etree.SubElement(root, q("sheetData", ns))
        self._rows: dict[int, etree._Element] = {}
        number = 0
        for row in self.data.iterchildren(q("row", ns)):
            r = row.get("r")
            number = int(r) if r and r.isdigit() else number + 1
            self._rows[number] = row
        self._cells: dict[int, dict[int, etree._Element]] = {}

    def _row_cells(self, row: int) -> dict[int, etree._Element]:
        if row not in self._cells:
            cells: dict[int, etree._Element] = {}
            element = self._rows.get(row)
            col = 0
            if element is not None:
                for cell in element.iterchildren(q("c", self.ns)):
                    col = _col_of(cell.get("r"), col)
                    cells[col] = cell
            self._cells[row] = cells
        return self._cells[row]

    def has_row(self, row: int) -> bool:
        """Whether the sheet has a ``<row>`` element for this row."""
        return row in self._rows

    def cell(self, row: int, col: int) -> etree._Element | None:
        """The ``<c>`` element of a cell, or None."""
        return self._row_cells(row).get(col)

    def style(self, row: int, col: int) -> int | None:
        """The cell's format index, or None when it has none."""
        cell = self.cell(row, col)
        value = cell.get("s") if cell is not None else None
        return int(value) if value is not None and value.isdigit() else None

    def ensure(self, row: int, col: int) -> etree._Element:
        """The cell's element, created (with its row) when missing."""
        cell = self.cell(row, col)
        if cell is not None:
            return cell
        row_element = self._rows.get(row)
        if row_element is None:
            row_element = self._new_row(row)
        cell = etree.Element(q("c", self.ns), r=a1(row, col))
        cells = self._row_cells(row)
        after = [c for c in cells if c > col]
        if after:
            cells[min(after)].addprevious(cell)
        else:
            row_element.append(cell)
        cells[col] = cell
        spans = row_element.get("spans")
        if spans and ":" in spans:
            low, high = (int(x) for x in spans.split(":", 1))
            row_element.set("spans", f"{min(low, col)}:{max(high, col)}")
        return cell

    def _new_row(self, row: int) -> etree._Element:
        element = etree.Element(q("row", self.ns), r=str(row))
        after = [r for r in self._rows if r > row]
        if after:
            self._rows[min(after)].addprevious(element)
        else:
            self.data.append(element)
        self._rows[row] = element
        self._cells[row] = {}
        return element

    def set_style(self, row: int, col: int, style: int | None) -> None:
        """Set (or with None remove) a cell's format index."""
        if style is None:
            cell = self.cell(row, col)
            if cell is not None:
                cell.attrib.pop("s", None)
            return
        self.ensure(row, col).set("s", str(style))

    def drop_if_empty(self, row: int, col: int, drop_row: bool) -> None:
        """Remove a cell ProdDesk created (and its row) if it still holds nothing."""
        cell = self.cell(row, col)
        if cell is not None and not any(
            etree.QName(child).localname in _CONTENT for child in cell if isinstance(child.tag, str)
        ):
            cell.getparent().remove(cell)
            del self._row_cells(row)[col]
        element = self._rows.get(row)
        if drop_row and element is not None and len(element) == 0:
            self.data.remove(element)
            del self._rows[row]
