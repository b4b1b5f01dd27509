"""An .xlsx zip package held in memory: parts, relationships and content types.

Only parts that were changed are serialised again; every other part is written
back byte for byte, in its original order, so nothing ProdDesk does not
understand (shapes, controls, VBA, embeddings, ...) is ever lost.
"""

from __future__ import annotations

import io
import posixpath
import zipfile
import zlib
from collections.abc import Iterator

from lxml import etree

from addin.errors import InputError

PKG_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
CT_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
STRICT_MAIN = "http://purl.oclc.org/ooxml/spreadsheetml/main"

_PARSER = etree.XMLParser(
    resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False
)
"""For every XML ProdDesk reads from a book or template: no entities expanded, no DTD or
network fetched (no XXE, no billion laughs), and libxml2's size and depth limits kept."""
MAX_PART_BYTES = 1 << 30
"""The largest part a book may unpack to (1 GiB); a zip bomb declares more."""


def parse_xml(data: bytes | str) -> etree._Element:
    """Parse XML from a book or template with the safe parser (see ``_PARSER``)."""
    return etree.fromstring(data.encode("utf-8") if isinstance(data, str) else data, _PARSER)


def safe_iterparse(data: bytes, events: tuple[str, ...]) -> etree.iterparse:
    """``etree.iterparse`` over ``data`` with the safe parser's settings."""
    return etree.iterparse(io.BytesIO(data), events=events, resolve_entities=False,
                           no_network=True, load_dtd=False, huge_tree=False)


def q(tag: str, ns: str = MAIN) -> str:
    """The Clark name of a tag, ``{namespace}tag``."""
    return f"{{{ns}}}{tag}"


def rels_name(part: str) -> str:
    """The relationships part of a part: xl/workbook.xml -> xl/_rels/workbook.xml.rels."""
    folder, name = posixpath.split(part)
    return posixpath.join(folder, "_rels", f"{name}.rels")


def resolve(source_part: str, target: str) -> str:
    """The zip name a relationship target of ``source_part`` points to."""
    if target.startswith("/"):
        return target.lstrip("/")
    folder = posixpath.dirname(source_part)
    return posixpath.normpath(posixpath.join(folder, target))


def relative(source_part: str, target_part: str) -> str:
    """The relationship target from ``source_part`` to ``target_part``."""
    return posixpath.relpath(target_part, posixpath.dirname(source_part) or ".")


class Package:
    """The parts of one zip package; reads lazily, keeps changes in memory."""

    def __init__(self, data: bytes, label: str) -> None:
        self.label = label
        self._zip = zipfile.ZipFile(io.BytesIO(data))
        self._infos = {info.filename: info for info in self._zip.infolist()}
        for info in self._infos.values():
            if info.file_size > MAX_PART_BYTES:
                raise InputError(
                    f"{label}: part {info.filename} unpacks to {info.file_size:,} bytes, more "
                    "than a workbook holds; the file is not a book ProdDesk will open."
                )
        self.names: list[str] = list(self._infos)
        self._bytes: dict[str, bytes] = {}
        self._trees: dict[str, etree._Element] = {}
        self.changed: set[str] = set()

    def has(self, name: str) -> bool:
        """Whether the package holds this part."""
        return name in self._bytes or name in self._trees or name in self._infos

    def size(self, name: str) -> int:
        """A part's size in bytes, uncompressed, as the zip records it (0 when unknown)."""
        info = self._infos.get(name)
        return info.file_size if info is not None else 0

    def read(self, name: str) -> bytes:
        """The bytes of a part (serialised again if its tree was changed)."""
        if name in self._trees and name in self.changed:
            return _serialise(self._trees[name])
        if name not in self._bytes:
            try:
                self._bytes[name] = self._zip.read(self._infos[name])
            except KeyError:
                raise
            except (zipfile.BadZipFile, zlib.error, EOFError, OSError) as exc:
                raise InputError(
                    f"{self.label} is damaged (part {name} cannot be read); open it in Excel "
                    "to repair it, or use a backup copy."
                ) from exc
        return self._bytes[name]

    def tree(self, name: str) -> etree._Element:
        """The parsed XML of a part; call ``touch`` after changing it."""
        if name not in self._trees:
            try:
                self._trees[name] = parse_xml(self.read(name))
            except etree.XMLSyntaxError as exc:
                raise InputError(
                    f"{self.label} is damaged (part {name} is not valid XML); open it in Excel "
                    "to repair it, or use a backup copy."
                ) from exc
        return self._trees[name]

    def touch(self, name: str) -> None:
        """Mark a parsed part as changed."""
        self.changed.add(name)

    def write(self, name: str, data: bytes) -> None:
        """Add or replace a part with raw bytes."""
        self._trees.pop(name, None)
        self._bytes[name] = data
        self.changed.add(name)
        if name not in self.names:
            self.names.append(name)

    def put_tree(self, name: str, root: etree._Element) -> None:
        """Add or replace a part with an XML tree."""
        self._bytes.pop(name, None)
        self._trees[name] = root
        self.changed.add(name)
        if name not in self.names:
            self.names.append(name)

    def remove(self, name: str) -> None:
        """Drop a part (and nothing else)."""
        self._bytes.pop(name, None)
        self._trees.pop(name, None)
        self.changed.discard(name)
        if name in self.names:
            self.names.remove(name)

    def unique_name(self, pattern: str) -> str:
        """The first free part name for a pattern such as ``xl/worksheets/sheet{}.xml``."""
        taken = {n.lower() for n in self.names}
        number = 1
        while pattern.format(number).lower() in taken:
            number += 1
        return pattern.format(number)

    # relationships -------------------------------------------------------------

    def relationships(self, part: str) -> list[etree._Element]:
        """The Relationship elements of a part (empty when it has none)."""
        name = rels_name(part)
        if not self.has(name):
            return []
        return list(self.tree(name).iter(q("Relationship", PKG_RELS)))

    def related(self, part: str, type_suffix: str) -> Iterator[tuple[str, str]]:
        """(rId, target part) of internal relationships whose type ends with the suffix."""
        for rel in self.relationships(part):
            if rel.get("TargetMode") == "External":
                continue
            if rel.get("Type", "").endswith(type_suffix):
                yield rel.get("Id"), resolve(part, rel.get("Target", ""))

    def target(self, part: str, rid: str) -> str | None:
        """The part a relationship id of ``part`` points to."""
        for rel in self.relationships(part):
            if rel.get("Id") == rid and rel.get("TargetMode") != "External":
                return resolve(part, rel.get("Target", ""))
        return None

    def add_relationship(self, part: str, rel_type: str, target_part: str) -> str:
        """Relate ``part`` to ``target_part``; returns the new rId."""
        name = rels_name(part)
        if not self.has(name):
            self.put_tree(name, etree.Element(q("Relationships", PKG_RELS), nsmap={None: PKG_RELS}))
        root = self.tree(name)
        ids = {rel.get("Id") for rel in root}
        number = len(ids) + 1
        while f"rId{number}" in ids:
            number += 1
        rid = f"rId{number}"
        etree.SubElement(
            root,
            q("Relationship", PKG_RELS),
            Id=rid,
            Type=rel_type,
            Target=relative(part, target_part),
        )
        self.touch(name)
        return rid

    def remove_relationship(self, part: str, rid: str) -> None:
        """Drop one relationship of ``part``; drops the rels part when it is left empty."""
        name = rels_name(part)
        if not self.has(name):
            return
        root = self.tree(name)
        for rel in list(root):
            if rel.get("Id") == rid:
                root.remove(rel)
                self.touch(name)
        if len(root) == 0:
            self.remove(name)

    # content types -------------------------------------------------------------

    def set_override(self, part: str, content_type: str) -> None:
        """Declare the content type of one part."""
        root = self.tree("[Content_Types].xml")
        partname = "/" + part
        for item in root.iter(q("Override", CT_NS)):
            if item.get("PartName", "").lower() == partname.lower():
                item.set("ContentType", content_type)
                break
        else:
            etree.SubElement(
                root, q("Override", CT_NS), PartName=partname, ContentType=content_type
            )
        self.touch("[Content_Types].xml")

    def ensure_default(self, extension: str, content_type: str) -> None:
        """Declare a content type for an extension unless one is declared."""
        root = self.tree("[Content_Types].xml")
        for item in root.iter(q("Default", CT_NS)):
            if item.get("Extension", "").lower() == extension:
                return
        default = etree.Element(q("Default", CT_NS), Extension=extension, ContentType=content_type)
        root.insert(0, default)
        self.touch("[Content_Types].xml")

    def drop_override(self, part: str) -> None:
        """Forget the content type of a removed part."""
        root = self.tree("[Content_Types].xml")
        for item in list(root.iter(q("Override", CT_NS))):
            if item.get("PartName", "").lower() == "/" + part.lower():
                root.remove(item)
                self.touch("[Content_Types].xml")

    # output --------------------------------------------------------------------

    def to_bytes(self, replace: dict[str, bytes] | None = None) -> bytes:
        """The whole package as zip bytes; unchanged parts are copied as they were.

        ``replace`` swaps the bytes of some parts in the output only.
        """
        replace = replace or {}
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
            for name in self.names:
                original = self._infos.get(name)
                info = zipfile.ZipInfo(
                    name, original.date_time if original else (1980, 1, 1, 0, 0, 0)
                )
                info.compress_type = original.compress_type if original else zipfile.ZIP_DEFLATED
                if original is not None:
                    info.external_attr = original.external_attr
                archive.writestr(info, replace.get(name) or self.read(name))
        return out.getvalue()


def _serialise(root: etree._Element) -> bytes:
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
