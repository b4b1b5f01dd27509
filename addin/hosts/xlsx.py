"""An .xlsx/.xlsm file as a host, changed in place without a round trip.

The file is held as its zip package. Writes are staged in memory and only the
parts they touch (a sheet's cells, styles, notes, the workbook's tab list, new
tabs) are written again; every other part is copied byte for byte, so shapes,
controls, VBA, threaded comments and everything else ProdDesk does not know
survive. ``save()`` replaces the target file atomically.

Reads (``read_all``, ``sheet_names``) show the book as last saved; staged
changes are visible to ``read_cell_states`` only, and to everyone after save().
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from addin.errors import HostError
from addin.files import write_atomic
from addin.hosts.base import CellState, Grid, Mark, SheetContent
from addin.hosts.xlsx_book import Workbook
from addin.hosts.xlsx_cells import SheetCells
from addin.hosts.xlsx_notes import SheetNotes, comment_text
from addin.hosts.xlsx_open import check_target, read_package, workbook_part
from addin.hosts.xlsx_package import parse_xml
from addin.hosts.xlsx_read import read_batches
from addin.hosts.xlsx_styles import Styles
from addin.hosts.xlsx_writer import build_sheet
from addin.model import parse_a1


@dataclass
class _OpenSheet:
    part: str
    cells: SheetCells
    notes: SheetNotes


class XlsxHost:
    """A workbook file on disk; see the module docstring for what is kept."""

    def __init__(
        self, path: str | Path, output: str | Path | None = None, backup: bool = False
    ) -> None:
        self.path = Path(path)
        self.output = Path(output) if output is not None else None
        self.backup = backup
        self.label = self.path.name
        self._load(self.path)

    def _load(self, source: Path) -> None:
        self._source = source
        self._package = read_package(source)
        self._workbook = Workbook(self._package, workbook_part(self._package))
        self._saved = [(e.name, e.part) for e in self._workbook.worksheets()]
        self._styles: Styles | None = None
        self._open: dict[str, _OpenSheet] = {}

    # reading -------------------------------------------------------------------

    def sheet_names(self) -> list[str]:
        """Worksheet tab names in book order, as last saved."""
        return [name for name, _ in self._saved]

    def read_all(self) -> dict[str, Grid]:
        """Every worksheet's values as last saved (charts and macro sheets left out)."""
        grids: dict[str, Grid] = {}
        for batch in self.read_batches():
            grids.update(batch)
        return {name: grids[name] for name in self.sheet_names()}

    def read_batches(self) -> Iterator[dict[str, Grid]]:
        """``read_all`` in two batches: the largest tab comes last (see ``read_batches``)."""
        return read_batches(
            self._source, self._package, self._saved, self._workbook.worksheets_only
        )

    def read_cell_states(self, cells: dict[str, list[str]]) -> dict[str, dict[str, CellState]]:
        """The current format index and note of the given cells, per tab."""
        states: dict[str, dict[str, CellState]] = {}
        for name, addresses in cells.items():
            sheet = self._sheet(name)
            if sheet is None:
                continue
            states[name] = {}
            for address in addresses:
                row, col = parse_a1(address)
                ref = address.replace("$", "").upper()
                token = {
                    "s": sheet.cells.style(row, col),
                    "cell": sheet.cells.cell(row, col) is not None,
                    "row": sheet.cells.has_row(row),
                    "comment": sheet.notes.xml(ref),
                }
                states[name][address] = CellState(fill=token, note=sheet.notes.text(ref))
        return states

    # staging -------------------------------------------------------------------

    def apply_marks(self, marks: dict[str, dict[str, Mark]]) -> None:
        """Stage a solid fill and a note on cells; cells keep the rest of their format."""
        self._require_writable()
        styles = self._styles_part()
        for name, cells in marks.items():
            sheet = self._sheet(name)
            if sheet is None:
                raise HostError(f"{self.label} has no tab named '{name}' to mark.")
            for address, mark in cells.items():
                row, col = parse_a1(address)
                ref = address.replace("$", "").upper()
                style = styles.with_fill(sheet.cells.style(row, col), mark.fill)
                sheet.cells.set_style(row, col, style)
                if ref not in sheet.notes.threaded:
                    sheet.notes.set(ref, row, col, mark.note)
            sheet.notes.flush()
            self._package.touch(sheet.part)

    def restore_cells(self, states: dict[str, dict[str, CellState]]) -> None:
        """Stage putting back each cell's format index and note as read before marking."""
        self._require_writable()
        for name, cells in states.items():
            sheet = self._sheet(name)
            if sheet is None:
                continue
            for address, state in cells.items():
                row, col = parse_a1(address)
                ref = address.replace("$", "").upper()
                token = state.fill if isinstance(state.fill, dict) else None
                if token is not None:
                    if token.get("cell", True):
                        sheet.cells.set_style(row, col, token.get("s"))
                    else:
                        sheet.cells.drop_if_empty(row, col, drop_row=not token.get("row", True))
                if ref in sheet.notes.threaded:
                    continue
                original = (token or {}).get("comment")
                if state.note is None:
                    sheet.notes.remove(ref, row, col)
                elif original and comment_text(parse_xml(original)) == state.note:
                    sheet.notes.put_back(ref, row, col, original)
                elif sheet.notes.text(ref) != state.note:
                    sheet.notes.set(ref, row, col, state.note)
            sheet.notes.finish()
            self._package.touch(sheet.part)

    def write_sheets(self, sheets: list[SheetContent]) -> None:
        """Stage adding (or replacing) ProdDesk's tabs after the last tab."""
        self._require_writable()
        styles = self._styles_part()
        for content in sheets:
            self._remove(content.name)
            self._workbook.add_worksheet(content.name, build_sheet(content, styles), content.hidden)

    def delete_sheets(self, names: list[str]) -> None:
        """Stage removing tabs; names that do not exist are ignored."""
        self._require_writable()
        for name in names:
            self._remove(name)

    def save(self) -> None:
        """Write every staged change at once, replacing the target file atomically."""
        self._require_writable()
        target = self.output or self.path
        check_target(target)
        for sheet in self._open.values():
            sheet.notes.flush()
        try:
            write_atomic(target, self._package.to_bytes(), backup=self.backup)
        except OSError as exc:
            raise HostError(f"{target.name} could not be saved ({exc.strerror or exc}).") from exc
        self._load(target)

    # helpers -------------------------------------------------------------------

    def _require_writable(self) -> None:
        if self._workbook.strict:
            raise HostError(
                f"{self.label} is saved as 'Strict Open XML', which ProdDesk can read but not "
                "change; save it in Excel as an ordinary Excel Workbook (.xlsx) and try again."
            )

    def _styles_part(self) -> Styles:
        if self._styles is None:
            part = (
                next((t for _, t in self._package.related(self._workbook.part, "/styles")), None)
                or "xl/styles.xml"
            )
            if not self._package.has(part):
                self._package.set_override(
                    part, "application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"
                )
                self._package.add_relationship(
                    self._workbook.part,
                    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles",
                    part,
                )
            self._styles = Styles(self._package, part)
        return self._styles

    def _sheet(self, name: str) -> _OpenSheet | None:
        if name not in self._open:
            entry = self._workbook.find(name)
            if entry is None or entry.part is None:
                return None
            root = self._package.tree(entry.part)
            self._open[name] = _OpenSheet(
                entry.part,
                SheetCells(root, self._workbook.ns),
                SheetNotes(self._package, entry.part, root),
            )
        return self._open[name]

    def _remove(self, name: str) -> None:
        entry = self._workbook.find(name)
        if entry is not None:
            self._open.pop(name, None)
            self._workbook.remove(entry)
