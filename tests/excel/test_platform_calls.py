"""Round trips to Excel as marked cells grow, counted by the platform stand-ins.

A note is one call on Windows (plus its Range) and one Apple event on a Mac:
Excel's object model adds a note to one cell at a time. Everything else —
fills, reading what was there, removing notes — goes in batches of cells
whose joined address Excel accepts, so it grows with the number of batches.
"""

from __future__ import annotations

import pytest
from openpyxl.utils import get_column_letter

from addin.hosts.base import Mark
from addin.hosts.excel import ExcelHost, address_chunks
from tests.hosts.factories.base import BookSpec, write_book
from tests.xlwings_platforms import PLATFORMS, Engines

# The calls one note costs, per platform and step: Windows needs the cell's
# Range, then AddComment; reading back is Comment.Parent, Range.Address, Text().
PER_NOTE = {
    "windows": {"mark": ["Worksheet.Range()", "Range.AddComment()"],
                "restore": ["Comment.Parent", "Range.Address", "Comment.Text()"]},
    "mac": {"mark": ["add_comment"], "restore": ["Excel_comment_text"]},
}
PER_BATCH = 10  # read a fill (4), write one (3), clear notes (2): about 9 on Windows
FIXED = 60


def _marked_book(platform: Engines, tmp_path, n: int):
    rows = [[f"r{r}c{c}" for c in range(1, 11)] for r in range(1, n // 10 + 2)]
    book = platform.open(write_book(tmp_path, BookSpec({"Crew": rows})))
    cells = [f"{get_column_letter(c)}{r}" for r in range(2, n // 10 + 2) for c in range(1, 11)]
    return book, cells[:n]


def _calls(platform: Engines, book, n: int, cells: list[str]) -> dict[str, dict[str, int]]:
    model = PLATFORMS[platform.name].model(book.app)
    host = ExcelHost(book)
    model.calls.clear()
    before = host.read_cell_states({"Crew": cells})
    host.apply_marks({"Crew": {a: Mark("FFC7CE", f"Problem at {a}") for a in cells}})
    host.save()
    mark = dict(model.calls)
    model.calls.clear()
    again = ExcelHost(book)
    again.restore_cells(before)
    again.save()
    return {"mark": mark, "restore": dict(model.calls)}


@pytest.mark.parametrize("name", sorted(PLATFORMS))
@pytest.mark.parametrize("n", [50, 5000])
def test_marks_cost_one_call_per_note_and_batches_for_the_rest(name, n, tmp_path):
    platform = Engines(name)
    book, cells = _marked_book(platform, tmp_path, n)
    batches = len(address_chunks(cells))
    calls = _calls(platform, book, n, cells)
    for step, counted in calls.items():
        per_note = {kind: counted.get(kind, 0) for kind in PER_NOTE[name][step]}
        rest = counted["total"] - sum(per_note.values())
        assert all(count <= n + 2 * batches for count in per_note.values()), (step, per_note)
        assert rest <= FIXED + PER_BATCH * batches, (step, rest, batches)
    sheet = platform.model_sheet(book, "Crew")
    assert all(cell.note is None and cell.fill is None for cell in sheet.cells.values())
