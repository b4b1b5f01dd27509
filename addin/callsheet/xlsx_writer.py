"""Write call sheet .xlsx files fast: one skeleton package, only the changed parts rebuilt.

``SheetPackage`` takes the template saved once by openpyxl with only its call
sheet tab (the skeleton) and, for each call sheet, copies every part of it as it
is except the few a render changes:

- the sheet: rows outside the lists move down below grown lists, list rows are
  cloned from the template's list row (its styles, height and one-row merges),
  values are inline strings (never formulas); merges, hyperlinks, conditional
  formats, data validations, the auto filter, page breaks and ``<dimension>``
  follow their rows;
- the print area and other defined names on the sheet in ``xl/workbook.xml``;
- image and chart anchors in the sheet's drawing, and its notes (comments).

Row arithmetic: a template row ``r`` lands on ``r`` plus the rows inserted after
list rows above it. A range ending on a list's last row (print area, conditional
format, data validation) grows over the inserted rows; a merge does not.
"""

from __future__ import annotations

import copy
import re
from bisect import bisect_left, bisect_right
from pathlib import Path
from typing import TYPE_CHECKING

from lxml import etree

from addin.files import write_atomic
from addin.hosts.xlsx_package import Package, parse_xml, q
from addin.model import column_index, column_letter, parse_a1

if TYPE_CHECKING:
    from addin.callsheet.render import Insertion

XDR = "http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing"
MARKER = "@@proddesk-rows@@"
_DECLARATION = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
_ROW = re.compile(r"<row\b([^>]*?)(?:/>|>(.*?)</row>)", re.S)
_CELL = re.compile(r"<c\b([^>]*?)(/>|>.*?</c>)", re.S)
_ATTR = re.compile(r'\s([\w:]+)="([^"]*)"')
_REF = re.compile(r"^(\$?[A-Za-z]{0,3}\$?)(\d*)$")
_SHEET_REF = re.compile(
    r"(?P<sheet>'(?:[^']|'')+'|[A-Za-z_][\w.]*)!"
    r"(?P<ref>\$?[A-Za-z]{0,3}\$?\d*(?::\$?[A-Za-z]{0,3}\$?\d*)?)"
)
_VML_ROW = re.compile(r"(<(?:\w+:)?Row>)(\d+)(</(?:\w+:)?Row>)")
_CELL_COL = re.compile(r"[A-Za-z]+")
_HIDDEN = re.compile(r'\shidden="[^"]*"')
_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
"""Characters XML 1.0 (or UTF-8) cannot hold; ``plan_render`` has removed most already."""


class RowShift:
    """Where template rows land once rows are inserted after some of them."""

    def __init__(self, insertions: list[Insertion]) -> None:
        points = sorted((i.after, i.count) for i in insertions)
        self.afters = [after for after, _ in points]
        self.totals = [0]
        for _, count in points:
            self.totals.append(self.totals[-1] + count)

    def __bool__(self) -> bool:
        return bool(self.afters)

    def move(self, row: int) -> int:
        """The final row of template row ``row`` (rows inserted above it push it down)."""
        return row + self.totals[bisect_left(self.afters, row)]

    def stretch(self, row: int) -> int:
        """The final last row of a range ending on ``row``: grows over rows inserted after it."""
        return row + self.totals[bisect_right(self.afters, row)]

    def ref(self, ref: str, grow: bool) -> str:
        """A1 reference or range (``$A$1:$H$74``, ``B9``, ``$1:$4``) with its rows moved."""
        parts = ref.split(":")
        out = []
        for k, part in enumerate(parts):
            match = _REF.match(part)
            if match is None or not match.group(2):
                out.append(part)
                continue
            row = int(match.group(2))
            last = k == len(parts) - 1 and len(parts) > 1
            row = self.stretch(row) if grow and last else self.move(row)
            out.append(f"{match.group(1)}{row}")
        return ":".join(out)

    def sqref(self, sqref: str, grow: bool) -> str:
        """A space-separated list of references with their rows moved."""
        return " ".join(self.ref(part, grow) for part in sqref.split())


class _Cell:
    """One template cell, pre-split so a render only glues strings."""

    __slots__ = ("col", "letter", "style", "tail")

    def __init__(self, attrs: dict[str, str], body: str) -> None:
        ref = attrs.pop("r")
        self.letter = _CELL_COL.match(ref).group(0).upper()
        self.col = column_index(self.letter)
        rest = "".join(f' {k}="{v}"' for k, v in attrs.items())
        self.tail = f'"{rest}{body}'
        self.style = "".join(f' {k}="{v}"' for k, v in attrs.items() if k != "t")


class _Row:
    __slots__ = ("attrs", "cells", "cols")

    def __init__(self, attrs: str, cells: list[_Cell]) -> None:
        self.attrs = attrs
        self.cells = sorted(cells, key=lambda c: c.col)
        self.cols = {c.col for c in self.cells}


class SheetPackage:
    """A one-sheet .xlsx skeleton, parsed once, written again for each call sheet."""

    def __init__(self, data: bytes, sheet: str, label: str) -> None:
        self.sheet = sheet
        self.package = Package(data, label)
        workbook = next(self.package.related("", "/officeDocument"))[1]
        self.workbook_part = workbook
        self.sheet_part = next(self.package.related(workbook, "/worksheet"))[1]
        text = self.package.read(self.sheet_part).decode("utf-8")
        start, end = text.index("<sheetData"), text.find("</sheetData>")
        self.rows = _parse_rows(text[start:end] if end > 0 else "")
        root = parse_xml(self.package.read(self.sheet_part))
        data_el = root.find(q("sheetData"))
        for child in list(data_el):
            data_el.remove(child)
        data_el.text = MARKER
        self.sheet_root = root
        self.workbook_root = self.package.tree(workbook)
        self.drawings = [p for _, p in self.package.related(self.sheet_part, "/drawing")]
        self.comments = [p for _, p in self.package.related(self.sheet_part, "/comments")]
        self.vml = [p for _, p in self.package.related(self.sheet_part, "/vmlDrawing")]

    def save(
        self,
        insertions: list[Insertion],
        values: dict[tuple[int, int], str | None],
        path: Path,
        breaks: list[int] | None = None,
        hidden: list[int] | None = None,
    ) -> None:
        """Write the call sheet to ``path`` (the file is replaced whole or not at all)."""
        write_atomic(path, self.to_bytes(insertions, values, breaks, hidden))

    def to_bytes(
        self,
        insertions: list[Insertion],
        values: dict[tuple[int, int], str | None],
        breaks: list[int] | None = None,
        hidden: list[int] | None = None,
    ) -> bytes:
        """The call sheet as .xlsx bytes: the template's rows, insertions and text values.

        ``breaks``: final rows after which a new page starts (added to the template's);
        ``hidden``: final rows hidden (neither shown nor printed).
        """
        shift = RowShift(insertions)
        replace = {self.sheet_part: self._sheet_xml(shift, insertions, values, breaks or [],
                                                    set(hidden or []))}
        if shift:
            replace[self.workbook_part] = self._workbook_xml(shift)
            for part in self.drawings:
                replace[part] = self._drawing_xml(part, shift)
            for part in self.comments:
                replace[part] = self._comments_xml(part, shift)
            for part in self.vml:
                text = self.package.read(part).decode("utf-8")
                moved = _VML_ROW.sub(
                    lambda m: f"{m.group(1)}{shift.move(int(m.group(2)) + 1) - 1}{m.group(3)}",
                    text,
                )
                replace[part] = moved.encode("utf-8")
        return self.package.to_bytes(replace)

    # the sheet -----------------------------------------------------------------

    def _sheet_xml(
        self,
        shift: RowShift,
        insertions: list[Insertion],
        values: dict[tuple[int, int], str | None],
        breaks: list[int],
        hidden: set[int],
    ) -> bytes:
        root = copy.deepcopy(self.sheet_root)
        merges = self._merges(root, shift, insertions)
        covered = {
            (r, c)
            for c1, r1, c2, r2 in merges
            for r in range(r1, r2 + 1)
            for c in range(c1, c2 + 1)
            if (r, c) != (r1, c1)
        }
        by_row: dict[int, dict[int, str | None]] = {}
        for (r, c), value in values.items():
            if (r, c) not in covered:
                by_row.setdefault(r, {})[c] = value
        rows_xml, bounds = self._rows_xml(shift, insertions, by_row, hidden)
        dimension = root.find(q("dimension"))
        if dimension is not None:
            min_row, min_col, max_row, max_col = bounds
            dimension.set(
                "ref", f"{column_letter(min_col)}{min_row}:{column_letter(max_col)}{max_row}"
            )
        if shift:
            self._move_sheet_refs(root, shift)
        if breaks:
            _add_row_breaks(root, breaks)
        head, tail = _serialise(root).split(MARKER)
        return (_DECLARATION + head + rows_xml + tail).encode("utf-8")

    def _rows_xml(
        self,
        shift: RowShift,
        insertions: list[Insertion],
        by_row: dict[int, dict[int, str | None]],
        hidden: set[int],
    ) -> tuple[str, tuple[int, int, int, int]]:
        sources: list[tuple[int, _Row, bool]] = [
            (shift.move(r), row, True) for r, row in self.rows.items()
        ]
        for insertion in insertions:
            first = shift.move(insertion.after) + 1
            likes = insertion.likes or [insertion.like] * insertion.count
            for k, like_row in enumerate(likes):
                like = self.rows.get(like_row)
                if like is not None:
                    sources.append((first + k, like, False))
        sources.sort(key=lambda s: s[0])
        out: list[str] = []
        min_col, max_col = 1 << 20, 0
        rows_written = []
        for final, row, keep in sources:
            given = by_row.get(final)
            cells = row.cells
            if given and not given.keys() <= row.cols:
                extra = [_Cell({"r": f"{column_letter(c)}1"}, "/>") for c in given
                         if c not in row.cols]
                cells = sorted([*cells, *extra], key=lambda cell: cell.col)
            attrs = row.attrs
            if final in hidden:
                attrs = _HIDDEN.sub("", attrs) + ' hidden="1"'
            parts = [f'<row r="{final}"{attrs}>']
            for cell in cells:
                ref = f'<c r="{cell.letter}{final}'
                if given is not None and cell.col in given:
                    value = given[cell.col]
                    if value is None:
                        parts.append(f'{ref}"{cell.style}/>')
                    else:
                        text = _text(value)
                        parts.append(f'{ref}"{cell.style} t="inlineStr"><is>{text}</is></c>')
                elif keep:
                    parts.append(ref + cell.tail)
                else:
                    parts.append(f'{ref}"{cell.style}/>')
            parts.append("</row>")
            out.append("".join(parts))
            if cells:
                rows_written.append(final)
                min_col = min(min_col, cells[0].col)
                max_col = max(max_col, cells[-1].col)
        if not rows_written:
            return "".join(out), (1, 1, 1, 1)
        return "".join(out), (rows_written[0], min_col, rows_written[-1], max_col)

    def _merges(
        self, root: etree._Element, shift: RowShift, insertions: list[Insertion]
    ) -> list[tuple[int, int, int, int]]:
        """Move the sheet's merges, add the list row's merges on inserted rows; their bounds."""
        holder = root.find(q("mergeCells"))
        if holder is None:
            return []
        bounds: list[tuple[int, int, int, int]] = []
        for merge in holder.iter(q("mergeCell")):
            c1, r1, c2, r2 = _bounds(merge.get("ref", ""))
            if shift:
                r1, r2 = shift.move(r1), shift.move(r2)
                merge.set("ref", f"{column_letter(c1)}{r1}:{column_letter(c2)}{r2}")
            bounds.append((c1, r1, c2, r2))
        one_row: dict[int, list[tuple[int, int]]] = {}
        for c1, r1, c2, r2 in bounds:
            if r1 == r2:
                one_row.setdefault(r1, []).append((c1, c2))
        for insertion in insertions:
            first = shift.move(insertion.after) + 1
            likes = insertion.likes or [insertion.like] * insertion.count
            for row, like_row in zip(range(first, first + insertion.count), likes, strict=True):
                for c1, c2 in one_row.get(shift.move(like_row), ()):
                    ref = f"{column_letter(c1)}{row}:{column_letter(c2)}{row}"
                    etree.SubElement(holder, q("mergeCell"), ref=ref)
                    bounds.append((c1, row, c2, row))
        holder.set("count", str(len(bounds)))
        return bounds

    @staticmethod
    def _move_sheet_refs(root: etree._Element, shift: RowShift) -> None:
        for tag in ("conditionalFormatting", "dataValidation"):
            for item in root.iter(q(tag)):
                if item.get("sqref"):
                    item.set("sqref", shift.sqref(item.get("sqref"), grow=True))
        for item in root.iter(q("autoFilter")):
            item.set("ref", shift.ref(item.get("ref", ""), grow=True))
        for item in root.iter(q("hyperlink")):
            if item.get("ref"):
                item.set("ref", shift.sqref(item.get("ref"), grow=False))
        for breaks in root.iter(q("rowBreaks")):
            for brk in breaks.iter(q("brk")):
                brk.set("id", str(shift.move(int(brk.get("id", "0")))))

    # other parts ---------------------------------------------------------------

    def _workbook_xml(self, shift: RowShift) -> bytes:
        root = copy.deepcopy(self.workbook_root)

        def moved(match: re.Match[str]) -> str:
            sheet = match.group("sheet")
            name = sheet[1:-1].replace("''", "'") if sheet.startswith("'") else sheet
            if name != self.sheet:
                return match.group(0)
            return f"{sheet}!{shift.ref(match.group('ref'), grow=True)}"

        for name in root.iter(q("definedName")):
            if name.text:
                name.text = _SHEET_REF.sub(moved, name.text)
        return _serialise(root, declaration=True)

    def _drawing_xml(self, part: str, shift: RowShift) -> bytes:
        root = copy.deepcopy(self.package.tree(part))
        for corner in ("from", "to"):
            for point in root.iter(q(corner, XDR)):
                row = point.find(q("row", XDR))
                if row is not None and row.text is not None:
                    # Anchor rows are 0-based.
                    row.text = str(shift.move(int(row.text) + 1) - 1)
        return _serialise(root, declaration=True)

    def _comments_xml(self, part: str, shift: RowShift) -> bytes:
        root = copy.deepcopy(self.package.tree(part))
        for comment in root.iter(q("comment")):
            comment.set("ref", shift.ref(comment.get("ref", ""), grow=False))
        return _serialise(root, declaration=True)


_AFTER_ROW_BREAKS = ("colBreaks", "customProperties", "cellWatches", "ignoredErrors",
                     "smartTags", "drawing", "legacyDrawing", "legacyDrawingHF", "drawingHF",
                     "picture", "oleObjects", "controls", "webPublishItems", "tableParts",
                     "extLst")
"""What follows ``rowBreaks`` in a worksheet (the schema's order)."""


def _add_row_breaks(root: etree._Element, rows: list[int]) -> None:
    """Manual page breaks after these rows, with the sheet's own."""
    holder = root.find(q("rowBreaks"))
    if holder is None:
        holder = etree.Element(q("rowBreaks"))
        following = next(
            (child for child in root if etree.QName(child).localname in _AFTER_ROW_BREAKS), None
        )
        if following is None:
            root.append(holder)
        else:
            following.addprevious(holder)
    for row in rows:
        etree.SubElement(holder, q("brk"), id=str(row), max="16383", man="1")
    holder[:] = sorted(holder, key=lambda brk: int(brk.get("id", "0")))
    count = str(len(holder))
    holder.set("count", count)
    holder.set("manualBreakCount", count)


def _parse_rows(sheet_data: str) -> dict[int, _Row]:
    rows: dict[int, _Row] = {}
    for match in _ROW.finditer(sheet_data):
        attrs = dict(_ATTR.findall(match.group(1)))
        number = int(attrs.pop("r"))
        attrs.pop("spans", None)
        cells = [
            _Cell(dict(_ATTR.findall(cell.group(1))), cell.group(2))
            for cell in _CELL.finditer(match.group(2) or "")
        ]
        rows[number] = _Row("".join(f' {k}="{v}"' for k, v in attrs.items()), cells)
    return rows


def _text(value: str) -> str:
    """``<t>`` of an inline string: escaped, spaces kept, never read as a formula."""
    text = _ILLEGAL.sub("", value).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    if "\r" in text:
        text = text.replace("\r", "&#13;")
    if text != text.strip():
        return f'<t xml:space="preserve">{text}</t>'
    return f"<t>{text}</t>"


def _bounds(ref: str) -> tuple[int, int, int, int]:
    """(first column, first row, last column, last row) of ``B9:C9`` or ``B9``."""
    first, _, last = ref.partition(":")
    row1, col1 = parse_a1(first.replace("$", ""))
    row2, col2 = parse_a1((last or first).replace("$", ""))
    return col1, row1, col2, row2


def _serialise(root: etree._Element, declaration: bool = False) -> str | bytes:
    if declaration:
        return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    return etree.tostring(root, encoding="unicode")

