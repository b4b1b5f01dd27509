"""Cell notes of one worksheet: the legacy comments part and its VML drawing.

Excel shows a note from two parts: ``commentsN.xml`` holds the text and a VML
shape in ``vmlDrawingN.vml`` holds the box. Notes are merged into the sheet's
existing parts when it has them (the VML may also carry form controls, which
stay untouched); the VML is edited as text because Excel's VML is often not
well-formed XML. Cells with a threaded comment keep their note: the legacy note
there is Excel's copy of the thread.
"""

from __future__ import annotations

import re

from lxml import etree

from addin.hosts.xlsx_package import MAIN, REL, Package, parse_xml, q

COMMENTS_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments"
VML_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/vmlDrawing"
COMMENTS_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.comments+xml"
VML_TYPE = "application/vnd.openxmlformats-officedocument.vmlDrawing"
AUTHOR = "ProdDesk"

_AFTER_LEGACY = frozenset(
    {
        "legacyDrawingHF",
        "drawingHF",
        "picture",
        "oleObjects",
        "controls",
        "webPublishItems",
        "tableParts",
        "extLst",
        "AlternateContent",
    }
)
_SHAPE = re.compile(r"<(?P<p>[\w.-]+:|)shape[\s>].*?</(?P=p)shape>", re.S)
_SHAPE_ID = re.compile(r"_x0000_s(\d+)")
_IDMAP = re.compile(r"<(?:[\w.-]+:)?idmap\b[^>]*\bdata=\"([\d,\s]*)\"")
_NS = (
    ' xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office"'
    ' xmlns:x="urn:schemas-microsoft-com:office:excel"'
)
_SHAPETYPE = (
    f'<v:shapetype{_NS} id="_x0000_t202" coordsize="21600,21600" o:spt="202" '
    'path="m,l,21600r21600,l21600,xe"><v:stroke joinstyle="miter"/>'
    '<v:path gradientshapeok="t" o:connecttype="rect"/></v:shapetype>'
)
_NEW_VML = (
    '<xml xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office"'
    ' xmlns:x="urn:schemas-microsoft-com:office:excel"><o:shapelayout v:ext="edit">'
    '<o:idmap v:ext="edit" data="{idmap}"/></o:shapelayout>' + _SHAPETYPE + "</xml>"
)


def _note_shape(shape_id: int, row0: int, col0: int) -> str:
    top = max(row0 - 1, 0)
    return (
        f'<v:shape{_NS} id="_x0000_s{shape_id}" type="#_x0000_t202" style="position:absolute;'
        "margin-left:59.25pt;margin-top:1.5pt;width:180pt;height:80pt;z-index:1;"
        'visibility:hidden" fillcolor="#ffffe1" o:insetmode="auto"><v:fill color2="#ffffe1"/>'
        '<v:shadow on="t" color="black" obscured="t"/><v:path o:connecttype="none"/>'
        '<v:textbox style="mso-direction-alt:auto"><div style="text-align:left"></div>'
        '</v:textbox><x:ClientData ObjectType="Note"><x:MoveWithCells/><x:SizeWithCells/>'
        f"<x:Anchor>{col0 + 1}, 15, {top}, 10, {col0 + 4}, 15, {top + 5}, 4</x:Anchor>"
        f"<x:AutoFill>False</x:AutoFill><x:Row>{row0}</x:Row><x:Column>{col0}</x:Column>"
        "</x:ClientData></v:shape>"
    )


def comment_text(comment: etree._Element) -> str:
    """The plain text of a ``<comment>`` (runs joined, phonetic hints left out)."""
    text = comment.find(q("text"))
    if text is None:
        return ""
    parts = [
        t.text or ""
        for t in text.iter(q("t"))
        if etree.QName(t.getparent()).localname in ("text", "r")
    ]
    return "".join(parts)


class SheetNotes:
    """Reading and changing the notes of one worksheet part."""

    def __init__(self, package: Package, sheet_part: str, sheet_root: etree._Element) -> None:
        self.package = package
        self.sheet_part = sheet_part
        self.sheet_root = sheet_root
        self.comments_part = next(
            (t for _, t in package.related(sheet_part, "/comments") if package.has(t)), None
        )
        self.vml_part = self._find_vml()
        self.threaded: set[str] = set()
        for _, part in package.related(sheet_part, "/threadedComment"):
            if package.has(part):
                self.threaded.update(
                    el.get("ref", "")
                    for el in package.tree(part).iter()
                    if isinstance(el.tag, str) and etree.QName(el).localname == "threadedComment"
                )
        self._comments: dict[str, etree._Element] | None = None
        self._vml: _Drawing | None = None
        self._author_id: str | None = None

    def _find_vml(self) -> str | None:
        legacy = self.sheet_root.find(q("legacyDrawing"))
        if legacy is not None:
            part = self.package.target(self.sheet_part, legacy.get(q("id", REL), ""))
            if part and self.package.has(part):
                return part
        return None

    def _by_ref(self) -> dict[str, etree._Element]:
        if self._comments is None:
            self._comments = {}
            if self.comments_part:
                root = self.package.tree(self.comments_part)
                for comment in root.iter(q("comment")):
                    self._comments[comment.get("ref", "")] = comment
        return self._comments

    def text(self, ref: str) -> str | None:
        """The note text of a cell, or None."""
        comment = self._by_ref().get(ref)
        return comment_text(comment) if comment is not None else None

    def xml(self, ref: str) -> str | None:
        """The cell's ``<comment>`` element as text, to put it back exactly later."""
        comment = self._by_ref().get(ref)
        return (
            etree.tostring(comment, encoding="unicode", with_tail=False)
            if comment is not None
            else None
        )

    def set(self, ref: str, row: int, col: int, note: str) -> None:
        """Give a cell this note text (replacing the text of an existing note)."""
        comment = self._by_ref().get(ref)
        if comment is None:
            comment = self._new_comment(ref, row, col)
        text = comment.find(q("text"))
        if text is None:
            text = etree.SubElement(comment, q("text"))
        for child in list(text):
            text.remove(child)
        t = etree.SubElement(text, q("t"))
        t.text = _xml_safe(note)
        t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
        self.package.touch(self.comments_part)

    def put_back(self, ref: str, row: int, col: int, xml: str) -> None:
        """Put a cell's original ``<comment>`` element back."""
        original = parse_xml(xml)
        comment = self._by_ref().get(ref)
        if comment is None:
            comment = self._new_comment(ref, row, col)
        comment.addprevious(original)
        comment.getparent().remove(comment)
        self._by_ref()[ref] = original
        self.package.touch(self.comments_part)

    def remove(self, ref: str, row: int, col: int) -> None:
        """Remove a cell's note and its box."""
        comment = self._by_ref().pop(ref, None)
        if comment is None:
            return
        comment.getparent().remove(comment)
        self.package.touch(self.comments_part)
        if self.vml_part:
            self._drawing().remove_note(row - 1, col - 1)

    def flush(self) -> None:
        """Write the note boxes added or removed so far into the VML part (once per batch)."""
        if self._vml is not None and self.vml_part:
            if self._vml.changed:
                self._set_vml(self._vml.text())
            self._vml = None

    def finish(self) -> None:
        """Write the note boxes; drop the comments and VML parts when they are left empty."""
        self.flush()
        if self.comments_part and not self._by_ref():
            self._unlink(self.comments_part)
            self.comments_part = None
        elif self.comments_part:
            self._drop_unused_author()
        if self.vml_part and not _SHAPE.search(self._vml_text()):
            legacy = self.sheet_root.find(q("legacyDrawing"))
            if legacy is not None:
                self.sheet_root.remove(legacy)
            self._unlink(self.vml_part)
            self.vml_part = None

    def _drop_unused_author(self) -> None:
        authors = self.package.tree(self.comments_part).find(q("authors"))
        names = list(authors.iter(q("author"))) if authors is not None else []
        if not names or names[-1].text != AUTHOR:
            return
        index = str(len(names) - 1)
        if all(c.get("authorId") != index for c in self._by_ref().values()):
            authors.remove(names[-1])
            self.package.touch(self.comments_part)

    # parts ---------------------------------------------------------------------

    def _unlink(self, part: str) -> None:
        for rel in self.package.relationships(self.sheet_part):
            if self.package.target(self.sheet_part, rel.get("Id")) == part:
                self.package.remove_relationship(self.sheet_part, rel.get("Id"))
        self.package.remove(part)
        self.package.drop_override(part)
        self.package.touch(self.sheet_part)

    def _new_comment(self, ref: str, row: int, col: int) -> etree._Element:
        if self.comments_part is None:
            self.comments_part = self.package.unique_name("xl/comments{}.xml")
            root = etree.Element(q("comments"), nsmap={None: MAIN})
            etree.SubElement(root, q("authors"))
            etree.SubElement(root, q("commentList"))
            self.package.put_tree(self.comments_part, root)
            self.package.set_override(self.comments_part, COMMENTS_TYPE)
            self.package.add_relationship(self.sheet_part, COMMENTS_REL, self.comments_part)
        root = self.package.tree(self.comments_part)
        if self._author_id is None:
            authors = root.find(q("authors"))
            names = [a.text or "" for a in authors.iter(q("author"))]
            if AUTHOR not in names:
                etree.SubElement(authors, q("author")).text = AUTHOR
                names.append(AUTHOR)
            self._author_id = str(names.index(AUTHOR))
        comment = etree.SubElement(
            root.find(q("commentList")), q("comment"), ref=ref, authorId=self._author_id
        )
        etree.SubElement(comment, q("text"))
        self._by_ref()[ref] = comment
        self._add_box(row, col)
        return comment

    def _vml_text(self) -> str:
        return self.package.read(self.vml_part).decode("utf-8", "surrogateescape")

    def _set_vml(self, text: str) -> None:
        self.package.write(self.vml_part, text.encode("utf-8", "surrogateescape"))

    def _drawing(self) -> _Drawing:
        if self._vml is None:
            self._vml = _Drawing(self._vml_text())
        return self._vml

    def _add_box(self, row: int, col: int) -> None:
        if self.vml_part is None:
            self._new_vml()
        self._drawing().add_note(row - 1, col - 1)

    def _new_vml(self) -> None:
        self._vml = None
        used = [0]
        for name in self.package.names:
            if name.endswith(".vml"):
                text = self.package.read(name).decode("utf-8", "surrogateescape")
                for found in _IDMAP.findall(text):
                    used += [int(n) for n in re.findall(r"\d+", found)]
        self.vml_part = self.package.unique_name("xl/drawings/vmlDrawing{}.vml")
        self.package.write(self.vml_part, _NEW_VML.format(idmap=max(used) + 1).encode())
        self.package.ensure_default("vml", VML_TYPE)
        rid = self.package.add_relationship(self.sheet_part, VML_REL, self.vml_part)
        legacy = etree.Element(q("legacyDrawing"))
        legacy.set(q("id", REL), rid)
        for child in self.sheet_root:
            if isinstance(child.tag, str) and etree.QName(child).localname in _AFTER_LEGACY:
                child.addprevious(legacy)
                break
        else:
            self.sheet_root.append(legacy)
        self.package.touch(self.sheet_part)


class _Drawing:
    """A VML drawing's text, split once into its shapes, so adding or removing a note's
    box costs the same however many boxes the drawing holds; ``text()`` joins it again."""

    def __init__(self, vml: str) -> None:
        self._vml = vml
        self._spans = [(m.start(), m.end()) for m in _SHAPE.finditer(vml)]
        self._dropped: set[int] = set()
        self._notes: dict[tuple[int, int], list[int]] = {}
        for index, (start, end) in enumerate(self._spans):
            shape = vml[start:end]
            if 'ObjectType="Note"' not in shape:
                continue
            row, col = _NOTE_ROW.search(shape), _NOTE_COLUMN.search(shape)
            if row and col:
                self._notes.setdefault((int(row.group(1)), int(col.group(1))), []).append(index)
        self._added: list[str | None] = []
        self._added_at: dict[tuple[int, int], list[int]] = {}
        idmap = _IDMAP.search(vml)
        block = int(idmap.group(1).split(",")[0]) if idmap and idmap.group(1).strip() else 1
        self._next_id = max([*(int(n) for n in _SHAPE_ID.findall(vml)), block * 1024]) + 1
        self._needs_type = "_x0000_t202" not in vml
        self.changed = False

    def add_note(self, row0: int, col0: int) -> None:
        """Add a note box for the cell at zero-based ``row0``, ``col0``."""
        self._added_at.setdefault((row0, col0), []).append(len(self._added))
        self._added.append(_note_shape(self._next_id, row0, col0))
        self._next_id += 1
        self.changed = True

    def remove_note(self, row0: int, col0: int) -> None:
        """Remove the first note box of that cell, if it has one."""
        key = (row0, col0)
        if self._notes.get(key):
            self._dropped.add(self._notes[key].pop(0))
            self.changed = True
        elif self._added_at.get(key):
            self._added[self._added_at[key].pop(0)] = None
            self.changed = True

    def text(self) -> str:
        """The drawing with the boxes added and without those removed."""
        vml, pieces, at = self._vml, [], 0
        for index, (start, end) in enumerate(self._spans):
            if index in self._dropped:
                pieces.append(vml[at:start])
                at = end
        pieces.append(vml[at:])
        joined = "".join(pieces)
        added = "".join(shape for shape in self._added if shape)
        if self._needs_type and added:
            first = _SHAPE.search(joined)
            spot = first.start() if first else joined.rfind("</xml>")
            joined = joined[:spot] + _SHAPETYPE + joined[spot:]
        end = joined.rfind("</xml>")
        return joined[:end] + added + joined[end:]


_NOTE_ROW = re.compile(r"<(?:[\w.-]+:)?Row>\s*(\d+)\s*</")
_NOTE_COLUMN = re.compile(r"<(?:[\w.-]+:)?Column>\s*(\d+)\s*</")
_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _xml_safe(text: str) -> str:
    """Text without the control characters XML cannot hold."""
    return _ILLEGAL.sub("", text)
