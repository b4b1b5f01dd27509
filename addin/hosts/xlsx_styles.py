"""styles.xml: cell formats with a solid fill, bold headers and date formats.

A marked cell keeps its own format: its ``<xf>`` is cloned with only the fill
changed. Formats and fills are reused when an identical one already exists, so
running ProdDesk again does not grow the file.
"""

from __future__ import annotations

import copy

from lxml import etree

from addin.hosts.xlsx_package import MAIN, Package, q

DATE_FORMAT = 14
DATETIME_FORMAT = 22
TIME_FORMAT = 21

_MINIMAL = (
    f'<styleSheet xmlns="{MAIN}"><fonts count="1"><font><sz val="11"/><name val="Calibri"/>'
    '</font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill>'
    '<patternFill patternType="gray125"/></fill></fills><borders count="1"><border><left/>'
    '<right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf '
    'numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="1"><xf '
    'numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/></cellXfs></styleSheet>'
)


def argb(colour: str) -> str:
    """'FFC7CE' or '#ffc7ce' -> 'FFFFC7CE'."""
    value = colour.strip().lstrip("#").upper()
    return value if len(value) == 8 else "FF" + value[-6:].rjust(6, "0")


class Styles:
    """The cell formats of one workbook."""

    def __init__(self, package: Package, part: str) -> None:
        self.package = package
        self.part = part
        if not package.has(part):
            package.put_tree(part, etree.fromstring(_MINIMAL))
        self.root = package.tree(part)
        self._cache: dict[tuple, int] = {}

    def _section(self, tag: str) -> etree._Element:
        found = self.root.find(q(tag))
        if found is None:
            raise KeyError(tag)
        return found

    def _index_of(self, tag: str, element: etree._Element) -> int:
        """The index of an equal child in a section, appending it when there is none."""
        section = self._section(tag)
        wanted = signature(element)
        children = [c for c in section if isinstance(c.tag, str)]
        for index, child in enumerate(children):
            if signature(child) == wanted:
                return index
        section.append(element)
        section.set("count", str(len(children) + 1))
        self.package.touch(self.part)
        return len(children)

    def _xf(self, index: int) -> etree._Element:
        xfs = [c for c in self._section("cellXfs") if isinstance(c.tag, str)]
        return xfs[index] if index < len(xfs) else xfs[0]

    def fill_id(self, colour: str) -> int:
        """The index of a solid fill of this colour."""
        fill = etree.Element(q("fill"))
        pattern = etree.SubElement(fill, q("patternFill"), patternType="solid")
        etree.SubElement(pattern, q("fgColor"), rgb=argb(colour))
        etree.SubElement(pattern, q("bgColor"), indexed="64")
        return self._index_of("fills", fill)

    def with_fill(self, base: int | None, colour: str) -> int:
        """A cell format like ``base`` (0 when None) but with a solid fill."""
        key = ("fill", base or 0, argb(colour))
        if key not in self._cache:
            xf = copy.deepcopy(self._xf(base or 0))
            xf.tail = None
            xf.set("fillId", str(self.fill_id(colour)))
            xf.set("applyFill", "1")
            self._cache[key] = self._index_of("cellXfs", xf)
        return self._cache[key]

    def _bold_font(self) -> int:
        fonts = [c for c in self._section("fonts") if isinstance(c.tag, str)]
        font = copy.deepcopy(fonts[0])
        font.tail = None
        for old in font.findall(q("b")):
            font.remove(old)
        font.insert(0, etree.Element(q("b")))
        return self._index_of("fonts", font)

    def owned(
        self,
        bold: bool = False,
        fill: str | None = None,
        number_format: int = 0,
        top: bool = False,
        wrap: bool = False,
    ) -> int:
        """A cell format for a ProdDesk tab: bold, filled, a number format, top-aligned, wrapped."""
        key = ("owned", bold, argb(fill) if fill else None, number_format, top, wrap)
        if key not in self._cache:
            xf = copy.deepcopy(self._xf(0))
            xf.tail = None
            for child in list(xf):
                xf.remove(child)
            if bold:
                xf.set("fontId", str(self._bold_font()))
                xf.set("applyFont", "1")
            if fill:
                xf.set("fillId", str(self.fill_id(fill)))
                xf.set("applyFill", "1")
            if number_format:
                xf.set("numFmtId", str(number_format))
                xf.set("applyNumberFormat", "1")
            if top or wrap:
                alignment = etree.QName(etree.QName(xf).namespace, "alignment")
                aligned = etree.SubElement(xf, alignment, vertical="top")
                if wrap:
                    aligned.set("wrapText", "1")
                xf.set("applyAlignment", "1")
            self._cache[key] = self._index_of("cellXfs", xf)
        return self._cache[key]


def signature(element: etree._Element) -> tuple:
    """What an element says, independent of namespace prefixes and whitespace."""
    return (
        element.tag,
        tuple(sorted(element.attrib.items())),
        (element.text or "").strip(),
        tuple(signature(c) for c in element if isinstance(c.tag, str)),
    )
