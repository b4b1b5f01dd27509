"""The worksheet XML of a tab ProdDesk owns (Checks, its state, a call sheet).

Strings are inline strings, so a value such as ``=HYPERLINK(...)`` stays text;
numbers and booleans keep their type; dates and times are serial numbers with a
date format. Header rows are bold and frozen; links jump inside the book.
"""

from __future__ import annotations

import datetime as dt
import functools
import math
import re
import textwrap
from typing import Any

from lxml import etree

from addin.hosts.base import SheetContent
from addin.hosts.xlsx_package import MAIN, REL, q
from addin.hosts.xlsx_styles import DATE_FORMAT, DATETIME_FORMAT, TIME_FORMAT, Styles
from addin.model import a1, column_letter

_EPOCH = dt.datetime(1899, 12, 30)
_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_MAX_TEXT = 32767


def serial(value: dt.date | dt.datetime | dt.time) -> float:
    """Excel's serial number of a date, date-time or time of day."""
    if isinstance(value, dt.datetime):
        delta = value.replace(tzinfo=None) - _EPOCH
        return delta.days + delta.seconds / 86400 + delta.microseconds / 86400e6
    if isinstance(value, dt.date):
        return float((value - _EPOCH.date()).days)
    return (
        value.hour * 3600 + value.minute * 60 + value.second
    ) / 86400 + value.microsecond / 86400e6


def _number_format(value: Any) -> int:
    if isinstance(value, dt.datetime):
        return DATETIME_FORMAT
    if isinstance(value, dt.date):
        return DATE_FORMAT
    if isinstance(value, dt.time):
        return TIME_FORMAT
    return 0


def _sheet_ref(name: str) -> str:
    return "'" + name.replace("'", "''") + "'"


def build_sheet(content: SheetContent, styles: Styles) -> etree._Element:
    """The ``<worksheet>`` element holding a ProdDesk tab."""
    root = etree.Element(q("worksheet"), nsmap={None: MAIN, "r": REL})
    if content.landscape:
        etree.SubElement(etree.SubElement(root, q("sheetPr")), q("pageSetUpPr"), fitToPage="1")
    view = etree.SubElement(
        etree.SubElement(root, q("sheetViews")), q("sheetView"), workbookViewId="0"
    )
    if content.rows and (content.header_rows > 0 or content.frozen_columns > 0):
        _freeze(view, content.header_rows, content.frozen_columns)
    etree.SubElement(root, q("sheetFormatPr"), defaultRowHeight="15")
    if content.widths:
        cols = etree.SubElement(root, q("cols"))
        for index, width in enumerate(content.widths, start=1):
            if width:
                etree.SubElement(
                    cols,
                    q("col"),
                    min=str(index),
                    max=str(index),
                    width=f"{float(width):g}",
                    customWidth="1",
                )
        if len(cols) == 0:
            root.remove(cols)
    root.append(_sheet_data(content, _StyleCache(styles)))
    filtered = filter_range(content)
    if filtered:
        etree.SubElement(root, q("autoFilter"), ref=filtered)
    if content.links:
        links = etree.SubElement(root, q("hyperlinks"))
        for (r, c), target in sorted(content.links.items()):
            value = (
                content.rows[r][c] if r < len(content.rows) and c < len(content.rows[r]) else None
            )
            link = etree.SubElement(
                links,
                q("hyperlink"),
                ref=a1(r + 1, c + 1),
                location=f"{_sheet_ref(target.sheet)}!{target.a1}",
            )
            if value not in (None, ""):
                link.set("display", _ILLEGAL.sub("", str(value))[:255])
    etree.SubElement(
        root,
        q("pageMargins"),
        left="0.7",
        right="0.7",
        top="0.75",
        bottom="0.75",
        header="0.3",
        footer="0.3",
    )
    if content.landscape:
        etree.SubElement(
            root, q("pageSetup"), orientation="landscape", fitToWidth="1", fitToHeight="0"
        )
    return root


def _freeze(view: etree._Element, rows: int, columns: int) -> None:
    """A frozen pane over the top ``rows`` and the left ``columns``."""
    split = {"xSplit": str(columns)} if columns else {}
    if rows:
        split["ySplit"] = str(rows)
    pane = "bottomRight" if rows and columns else "bottomLeft" if rows else "topRight"
    etree.SubElement(
        view, q("pane"), **split, topLeftCell=a1(rows + 1, columns + 1), activePane=pane,
        state="frozen",
    )


def filter_range(content: SheetContent) -> str | None:
    """The A1 range of a tab's filter: its last header row down to its last row."""
    if (
        not content.autofilter
        or not content.header_rows
        or len(content.rows) <= content.header_rows
    ):
        return None
    width = max(len(row) for row in content.rows[content.header_rows - 1 :])
    return f"A{content.header_rows}:{column_letter(max(width, 1))}{len(content.rows)}"


_PLAIN = re.compile(r"[^-\t\n\r\x0b\x0c]*")


def line_count(text: str, width: int) -> int:
    """How many lines ``textwrap.wrap(text, width)`` gives (at least 1), counted without
    building them for plain sentences: words between single spaces, none wider than a line."""
    if len(text) <= width and "\t" not in text:  # a tab widens to 8 columns
        return 1
    words = text.split(" ")
    if (
        not _PLAIN.fullmatch(text)
        or "" in words  # leading, trailing or repeated spaces
        or max(map(len, words)) > width
    ):
        return max(len(_wrapper(width).wrap(text)), 1)
    lines, used = 1, len(words[0])
    for word in words[1:]:
        if used + 1 + len(word) <= width:
            used += 1 + len(word)
        else:
            lines, used = lines + 1, len(word)
    return lines


@functools.lru_cache(maxsize=16)
def _wrapper(width: int) -> textwrap.TextWrapper:
    return textwrap.TextWrapper(width)


LINE_HEIGHT = 15.0
"""Points per line of the default 11-point font."""


def _wrapped_lines(content: SheetContent, values: list[Any]) -> int:
    """How many lines the tallest wrapped cell of a row takes at its column's width."""
    lines = 1
    for c in content.wrap_columns:
        if c < len(values) and values[c] not in (None, "") and c < len(content.widths):
            # a column N characters wide holds a little under N characters of text
            width = max(int(content.widths[c] * 0.95), 1)
            lines = max(lines, line_count(str(values[c]), width))
    return lines


class _StyleCache:
    """``Styles.owned`` remembered per combination, since a tab repeats a handful of them."""

    def __init__(self, styles: Styles) -> None:
        self.styles = styles
        self.known: dict[tuple, int] = {}

    def __call__(
        self, bold: bool, fill: str | None, number_format: int, top: bool, wrap: bool
    ) -> int:
        key = (bold, fill, number_format, top, wrap)
        style = self.known.get(key)
        if style is None:
            style = self.known[key] = self.styles.owned(bold, fill, number_format, top, wrap)
        return style


_ESCAPE = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", "\r": "&#13;"})


def _sheet_data(content: SheetContent, style_of: _StyleCache) -> etree._Element:
    """The ``<sheetData>`` of a tab, written as text and parsed once (thousands of rows
    cost a string each instead of several lxml calls per cell)."""
    top = bool(content.wrap_columns)  # beside wrapped text, every cell starts at the top
    width = max(map(len, content.rows), default=0)
    letters = [column_letter(c) for c in range(1, width + 1)]
    wrapped = [c in content.wrap_columns for c in range(width)]
    parts = [f'<sheetData xmlns="{MAIN}">']
    for r, values in enumerate(content.rows):
        bold = r < content.header_rows
        fill = content.row_fills.get(r)
        number = str(r + 1)
        cells = [
            _cell_xml(letters[c] + number, value, style_of, bold, fill, top, wrapped[c])
            for c, value in enumerate(values)
        ]
        cells = [cell for cell in cells if cell]
        if not cells:
            continue
        lines = _wrapped_lines(content, values)
        height = (  # Excel and LibreOffice do not grow a row for wrapped text on opening
            f' ht="{LINE_HEIGHT * lines:g}" customHeight="1"' if lines > 1 else ""
        )
        parts.append(f'<row r="{number}"{height}>{"".join(cells)}</row>')
    parts.append("</sheetData>")
    return etree.fromstring("".join(parts))


def _cell_xml(
    ref: str,
    value: Any,
    style_of: _StyleCache,
    bold: bool,
    fill: str | None,
    top: bool,
    wrap: bool,
) -> str:
    """One ``<c>`` element as text; "" for an empty cell without a fill."""
    empty = value is None or (isinstance(value, str) and value == "")
    if isinstance(value, float) and (math.isnan(value) or math.isinf(value)):
        value = str(value)
    number_format = 0 if empty else _number_format(value)
    style = style_of(bold, fill, number_format, top, wrap and not empty)
    if empty and not fill:
        return ""
    head = f'<c r="{ref}" s="{style}"' if style else f'<c r="{ref}"'
    if empty:
        return head + "/>"
    if isinstance(value, bool):
        return f'{head} t="b"><v>{"1" if value else "0"}</v></c>'
    if isinstance(value, int | float):
        text = repr(float(value)) if isinstance(value, float) else str(value)
        return f"{head}><v>{text}</v></c>"
    if isinstance(value, dt.date | dt.time):
        return f"{head}><v>{serial(value)!r}</v></c>"
    text = _ILLEGAL.sub("", str(value))[:_MAX_TEXT]
    space = ' xml:space="preserve"' if text != text.strip() else ""
    return f'{head} t="inlineStr"><is><t{space}>{text.translate(_ESCAPE)}</t></is></c>'
