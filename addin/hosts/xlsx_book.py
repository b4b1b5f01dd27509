"""The workbook part: its tabs, adding a worksheet after the last tab, removing one."""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass

from lxml import etree

from addin.errors import HostError
from addin.hosts.xlsx_package import MAIN, REL, STRICT_MAIN, Package, q

WORKSHEET_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet"
WORKSHEET_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"
_BAD_NAME = re.compile(r"[\[\]:*?/\\]")


@dataclass
class SheetEntry:
    """One tab of the workbook as listed in workbook.xml."""

    name: str
    sheet_id: int
    rid: str
    part: str | None
    kind: str
    element: etree._Element


class Workbook:
    """The tab list of one package's workbook part."""

    def __init__(self, package: Package, part: str) -> None:
        self.package = package
        self.part = part
        self.root = package.tree(part)
        self.strict = self.root.tag.startswith(f"{{{STRICT_MAIN}}}")
        self.ns = STRICT_MAIN if self.strict else MAIN

    def entries(self) -> list[SheetEntry]:
        """Every tab in order, of every kind (worksheet, chartsheet, macrosheet, ...)."""
        kinds = {
            rel.get("Id"): rel.get("Type", "").rsplit("/", 1)[-1]
            for rel in self.package.relationships(self.part)
        }
        entries = []
        sheets = self.root.find(q("sheets", self.ns))
        for element in sheets if sheets is not None else []:
            if not isinstance(element.tag, str):
                continue
            rid = next((v for k, v in element.attrib.items() if k.endswith("}id")), "")
            entries.append(
                SheetEntry(
                    name=element.get("name", ""),
                    sheet_id=int(element.get("sheetId", "0")),
                    rid=rid,
                    part=self.package.target(self.part, rid),
                    kind=kinds.get(rid, ""),
                    element=element,
                )
            )
        return entries

    def worksheets(self) -> list[SheetEntry]:
        """The tabs holding cells (not chart, macro or dialog sheets)."""
        return [entry for entry in self.entries() if entry.kind == "worksheet" and entry.part]

    def find(self, name: str) -> SheetEntry | None:
        """The worksheet with this name, or None."""
        return next((e for e in self.worksheets() if e.name == name), None)

    def worksheets_only(self) -> bytes:
        """The package bytes with every tab but worksheets left out of the tab list."""
        root = copy.deepcopy(self.root)
        sheets = root.find(q("sheets", self.ns))
        keep = {e.rid for e in self.worksheets()}
        for element in list(sheets):
            rid = next((v for k, v in element.attrib.items() if k.endswith("}id")), "")
            if rid not in keep:
                sheets.remove(element)
        names = root.find(q("definedNames", self.ns))
        if names is not None:
            root.remove(names)
        data = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
        return self.package.to_bytes({self.part: data})

    def add_worksheet(self, name: str, root: etree._Element, hidden: bool) -> None:
        """Add a worksheet part holding ``root`` as the last tab."""
        if not name or len(name) > 31 or _BAD_NAME.search(name) or name.startswith("'"):
            raise HostError(f"{self.package.label}: '{name}' cannot be used as a tab name.")
        if any(e.name.lower() == name.lower() for e in self.entries()):
            raise HostError(f"{self.package.label} already has a tab named '{name}'.")
        part = self.package.unique_name("xl/worksheets/sheet{}.xml")
        self.package.put_tree(part, root)
        self.package.set_override(part, WORKSHEET_TYPE)
        rid = self.package.add_relationship(self.part, WORKSHEET_REL, part)
        sheets = self.root.find(q("sheets", self.ns))
        sheet_id = max((e.sheet_id for e in self.entries()), default=0) + 1
        element = etree.SubElement(sheets, q("sheet", self.ns), name=name, sheetId=str(sheet_id))
        if hidden:
            element.set("state", "hidden")
        element.set(q("id", REL), rid)
        self.package.touch(self.part)

    def remove(self, entry: SheetEntry) -> None:
        """Remove a tab, its part, and the parts only it used; shift localSheetIds after it."""
        index = self.entries().index(entry)
        entry.element.getparent().remove(entry.element)
        self._shift_names(index)
        self._shift_views(index)
        self.package.remove_relationship(self.part, entry.rid)
        if entry.part:
            self._drop_part(entry.part)
        self.package.touch(self.part)

    def _shift_names(self, index: int) -> None:
        names = self.root.find(q("definedNames", self.ns))
        if names is None:
            return
        for item in list(names):
            local = item.get("localSheetId") if isinstance(item.tag, str) else None
            if local is None or not local.isdigit():
                continue
            if int(local) == index:
                names.remove(item)
            elif int(local) > index:
                item.set("localSheetId", str(int(local) - 1))
        if not any(isinstance(child.tag, str) for child in names):
            self.root.remove(names)

    def _shift_views(self, index: int) -> None:
        remaining = len(self.entries())
        for view in self.root.iter(q("workbookView", self.ns)):
            for attr in ("activeTab", "firstSheet"):
                value = view.get(attr)
                if value is None or not value.isdigit():
                    continue
                number = int(value)
                if number > index or number >= remaining:
                    view.set(attr, str(max(0, number - 1)))

    def _drop_part(self, part: str) -> None:
        """Remove a part and, recursively, the parts nothing else refers to any more."""
        targets = [t for _, t in self.package.related(part, "")]
        rels = f"{part.rsplit('/', 1)[0]}/_rels/{part.rsplit('/', 1)[-1]}.rels"
        self.package.remove(part)
        self.package.drop_override(part)
        self.package.remove(rels)
        still_used = _referenced(self.package)
        for target in targets:
            if self.package.has(target) and target not in still_used:
                self._drop_part(target)


def _referenced(package: Package) -> set[str]:
    """Every part some relationship still points to."""
    used: set[str] = set()
    for name in list(package.names):
        if not name.endswith(".rels"):
            continue
        folder = name.rsplit("_rels/", 1)[0]
        source = folder + name.rsplit("/", 1)[-1][: -len(".rels")]
        used.update(t for _, t in package.related(source, ""))
    return used
