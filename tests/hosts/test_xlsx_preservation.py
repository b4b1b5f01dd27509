"""Real workbooks keep every part through a full ProdDesk cycle: publish, then clear.

Each file of tests/data/real (made by real Excel; origins in its README.md) gets
a Crew tab, marks on an original tab and on Crew, a Checks tab with links; the
result is compared part by part with the original. Then the marks are restored
and the added tabs deleted, and the original tabs must be as they were.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import zipfile
from collections import Counter
from datetime import date
from pathlib import Path

import openpyxl
import pytest
from lxml import etree
from python_calamine import CalamineWorkbook

from addin.errors import HostError
from addin.hosts.base import Mark, SheetContent
from addin.hosts.xlsx import XlsxHost
from addin.hosts.xlsx_package import rels_name, resolve
from addin.model import CellRef

REAL = Path(__file__).resolve().parents[1] / "data" / "real"
FILES = sorted(p.name for p in REAL.iterdir() if p.suffix in {".xlsx", ".xlsm", ".xltx"})
REFUSED = {"poi__SampleSS.strict.xlsx"}
MARKED = ["A1", "B2", "C3", "Z200"]
CREW_MARKED = ["A2", "C3"]
_SHAPE = re.compile(r"<(?P<p>[\w.-]+:|)shape[\s>].*?</(?P=p)shape>", re.S)
CREW = SheetContent(
    "Crew",
    [
        ["Name", "Department", "Phone", "Start"],
        ["Ann Lee", "Camera", "555-0101", date(2024, 3, 4)],
        ["Bo Diaz", "Grip", '=HYPERLINK("x")', date(2024, 3, 5)],
    ],
    widths=[20, 14, 14, 12],
)


def _parts(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def _rels(parts: dict[str, bytes], part: str) -> dict[str, str]:
    """rId -> target part of one part's internal relationships."""
    name = rels_name(part)
    if name not in parts:
        return {}
    root = etree.fromstring(parts[name])
    return {
        rel.get("Id"): resolve(part, rel.get("Target"))
        for rel in root
        if rel.get("TargetMode") != "External"
    }


def _sheet_part(parts: dict[str, bytes], sheet: str) -> str:
    workbook = resolve("", next(iter(_by_type(parts, "", "/officeDocument"))))
    root = etree.fromstring(parts[workbook])
    for element in root.iter("{*}sheet"):
        if element.get("name") == sheet:
            rid = next(v for k, v in element.attrib.items() if k.endswith("}id"))
            return _rels(parts, workbook)[rid]
    raise AssertionError(f"no tab {sheet}")


def _by_type(parts: dict[str, bytes], part: str, suffix: str) -> list[str]:
    name = rels_name(part)
    if name not in parts:
        return []
    return [
        rel.get("Target")
        for rel in etree.fromstring(parts[name])
        if rel.get("Type", "").endswith(suffix)
    ]


def _elements(
    xml: bytes, ignore: frozenset[str] = frozenset(), text: bool = False, skip_refs=()
) -> Counter:
    """A multiset of (tag, attributes[, text]) of every element, some comments left out."""
    counter: Counter = Counter()

    def walk(element: etree._Element) -> None:
        if not isinstance(element.tag, str):
            return
        if etree.QName(element).localname == "comment" and element.get("ref") in skip_refs:
            return
        attrs = tuple(sorted((k, v) for k, v in element.attrib.items() if k not in ignore))
        counter[(element.tag, attrs, (element.text or "").strip() if text else "")] += 1
        for child in element:
            walk(child)

    walk(etree.fromstring(xml))
    return counter


def _contains(new: Counter, old: Counter) -> bool:
    return not (old - new)


def _readable(path: Path) -> tuple[bool, bool]:
    """Whether openpyxl and calamine can open a file at all."""
    try:
        openpyxl.load_workbook(path, keep_vba=True)
        by_openpyxl = True
    except Exception:
        by_openpyxl = False
    try:
        CalamineWorkbook.from_path(str(path))
        by_calamine = True
    except Exception:
        by_calamine = False
    return by_openpyxl, by_calamine


def _publish(copy: Path) -> tuple[str, dict]:
    """Add Crew, then mark cells on the first tab and on Crew and write Checks."""
    host = XlsxHost(copy)
    first = host.sheet_names()[0]
    host.write_sheets([CREW])
    host.save()
    host = XlsxHost(copy)
    cells = {first: MARKED, "Crew": CREW_MARKED}
    states = host.read_cell_states(cells)
    host.apply_marks(
        {
            first: {a: Mark("FFC7CE", f"ProdDesk: check {a}") for a in MARKED},
            "Crew": {a: Mark("FFEB9C", f"ProdDesk: crew {a}") for a in CREW_MARKED},
        }
    )
    links = {(i + 1, 0): CellRef(first, *divmod_a1(a)) for i, a in enumerate(MARKED)}
    rows = [["Cell", "Message"]] + [[f"{first}!{a}", f"check {a}"] for a in MARKED]
    host.write_sheets([SheetContent("Checks", rows, links=links, row_fills={1: "FFC7CE"})])
    host.save()
    return first, states


def divmod_a1(address: str) -> tuple[int, int]:
    """'B2' -> (2, 2)."""
    from addin.model import parse_a1

    return parse_a1(address)


@pytest.mark.parametrize("name", sorted(set(FILES) - REFUSED))
def test_publish_keeps_every_part_and_clear_gives_the_book_back(name, tmp_path):
    original_path = REAL / name
    copy = tmp_path / name
    shutil.copyfile(original_path, copy)
    before = _parts(original_path)
    values_before = XlsxHost(original_path).read_all()

    first, states = _publish(copy)
    marked = _parts(copy)
    first_part = _sheet_part(before, first)
    notes_parts = set(_rels(marked, first_part).values())
    allowed = {
        "[Content_Types].xml",
        "xl/workbook.xml",
        "xl/_rels/workbook.xml.rels",
        "xl/styles.xml",
        "docProps/app.xml",
        first_part,
        rels_name(first_part),
        *notes_parts,
    }
    assert set(before) <= set(marked), "a part of the book was lost"
    changed = {p for p in before if before[p] != marked[p]}
    assert changed <= allowed, f"parts changed that ProdDesk never touches: {changed - allowed}"
    threaded = _threaded_refs(before, first_part)
    for part in changed:
        if part.endswith(".vml"):
            old_shapes = [
                m.group(0) for m in _SHAPE.finditer(before[part].decode("utf-8", "replace"))
            ]
            text = marked[part].decode("utf-8", "replace")
            assert all(shape in text for shape in old_shapes), f"{part} lost a shape"
            continue
        old = _elements(before[part], frozenset({"s", "spans", "count"}), skip_refs=MARKED)
        new = _elements(marked[part], frozenset({"s", "spans", "count"}), skip_refs=MARKED)
        assert _contains(new, old), f"{part} lost elements: {list((old - new).elements())[:3]}"

    host = XlsxHost(copy)
    after_marks = host.read_cell_states({first: MARKED, "Crew": CREW_MARKED})
    for address in MARKED:
        expected = (
            states[first][address].note if address in threaded else f"ProdDesk: check {address}"
        )
        assert after_marks[first][address].note == expected
    assert after_marks["Crew"]["A2"].note == "ProdDesk: crew A2"
    grids = host.read_all()
    assert grids["Crew"][2][2] == '=HYPERLINK("x")'
    assert host.sheet_names()[-2:] == ["Crew", "Checks"]
    by_openpyxl, by_calamine = _readable(original_path)
    assert _readable(copy) == (by_openpyxl, by_calamine)

    host.restore_cells(states)
    host.delete_sheets(["Crew", "Checks"])
    host.save()
    cleared = _parts(copy)
    assert set(cleared) == set(before), "clearing left parts behind or lost some"
    assert XlsxHost(copy).read_all() == values_before
    assert XlsxHost(copy).read_cell_states({first: MARKED}) == {first: states[first]}
    for part in before:
        if before[part] == cleared[part]:
            continue
        assert part in allowed, f"{part} changed"
        if part.endswith(".vml"):
            old_shapes = sorted(
                m.group(0) for m in _SHAPE.finditer(before[part].decode("utf-8", "replace"))
            )
            new_shapes = sorted(
                m.group(0) for m in _SHAPE.finditer(cleared[part].decode("utf-8", "replace"))
            )
            assert old_shapes == new_shapes
        elif part in ("xl/styles.xml", "[Content_Types].xml"):
            counted = frozenset({"count"})
            assert _contains(
                _elements(cleared[part], counted, text=True),
                _elements(before[part], counted, text=True),
            )
        else:
            assert _elements(cleared[part], frozenset({"spans"}), text=True) == _elements(
                before[part], frozenset({"spans"}), text=True
            ), f"{part} is not as it was"


def _threaded_refs(parts: dict[str, bytes], sheet_part: str) -> set[str]:
    refs: set[str] = set()
    for target in _by_type(parts, sheet_part, "/threadedComment"):
        root = etree.fromstring(parts[resolve(sheet_part, target)])
        refs.update(el.get("ref") for el in root.iter("{*}threadedComment"))
    return refs


def test_a_threaded_comment_keeps_its_note_and_only_gets_the_fill(tmp_path):
    copy = tmp_path / "threads.xlsx"
    shutil.copyfile(REAL / "poi__64759.xlsx", copy)
    host = XlsxHost(copy)
    before = host.read_cell_states({"File": ["C2"]})["File"]["C2"]
    assert before.note and "testing" in before.note
    host.apply_marks({"File": {"C2": Mark("FFC7CE", "ProdDesk note")}})
    host.save()
    after = XlsxHost(copy).read_cell_states({"File": ["C2"]})["File"]["C2"]
    assert after.note == before.note
    assert after.fill != before.fill
    thread = _parts(copy)["xl/threadedComments/threadedComment1.xml"]
    assert thread == _parts(REAL / "poi__64759.xlsx")["xl/threadedComments/threadedComment1.xml"]


@pytest.mark.parametrize("name", sorted(REFUSED))
def test_strict_files_are_read_but_never_written(name, tmp_path):
    copy = tmp_path / name
    shutil.copyfile(REAL / name, copy)
    original = copy.read_bytes()
    host = XlsxHost(copy)
    assert host.read_all()["First Sheet"][0][0] == "Test spreadsheet"
    for attempt in (
        lambda: host.write_sheets([CREW]),
        lambda: host.apply_marks({"First Sheet": {"A1": Mark("FFC7CE", "x")}}),
        host.save,
    ):
        with pytest.raises(HostError) as caught:
            attempt()
        assert name in str(caught.value) and "Strict" in str(caught.value)
    assert copy.read_bytes() == original


@pytest.mark.parametrize(
    "name", ["poi__mv-calculator-final-2-20-2013.xlsm", "excelize__Book1.xlsx"]
)
def test_libreoffice_opens_the_published_book(name, tmp_path):
    copy = tmp_path / name
    shutil.copyfile(REAL / name, copy)
    _publish(copy)
    out = tmp_path / "csv"
    result = subprocess.run(
        [
            "soffice",
            "--headless",
            f"-env:UserInstallation=file://{tmp_path}/lo",
            "--convert-to",
            "csv",
            "--outdir",
            str(out),
            str(copy),
        ],
        capture_output=True,
        timeout=180,
        check=False,
    )
    produced = list(out.glob("*.csv"))
    assert produced, result.stderr.decode(errors="replace")
    assert produced[0].stat().st_size > 0
