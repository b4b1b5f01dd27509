"""The Google Sheets host over real HTTP and real gspread, against the local imitation of
the Sheets API (tests/fake_sheets). Inspectors look at the imitation's own model."""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from google_support import FakeSheets, gspread_client, start_fake_sheets

from addin.hosts.gsheets import GoogleSheetsHost
from addin.hosts.gsheets_cells import hex_of
from addin.model import parse_a1
from tests.hosts.factories.base import BookSpec

LINK = re.compile(r'^=HYPERLINK\("#gid=(\d+)&range=([A-Z]+\d+)"')

_running: list[Any] = []


def shared_fake() -> FakeSheets:
    """One imitation server for the whole test session (started on first use)."""
    if not _running:
        context = start_fake_sheets()
        _running.append(context)
        _running.append(context.__enter__())
    return _running[1]


class GoogleFactory:
    """Loads the book into the imitation and opens a GoogleSheetsHost on it."""

    file_based = False

    def build(self, folder: Path, spec: BookSpec) -> GoogleSheetsHost:
        """A spreadsheet holding the book, fills as background colours, notes as notes."""
        fake = shared_fake()
        fills = {t: {a: "#" + c for a, c in cells.items()} for t, cells in spec.fills.items()}
        sid = fake.load_grids(spec.sheets, notes=spec.notes, fills=fills)
        client = gspread_client(fake.base_url)
        if spec.merges:
            book = fake.book(sid)
            requests = []
            for title, spans in spec.merges.items():
                sheet_id = book.sheet_by_title(title).sheet_id
                for span in spans:
                    (r0, c0), (r1, c1) = (parse_a1(x) for x in span.split(":"))
                    grid = {"sheetId": sheet_id, "startRowIndex": r0 - 1, "endRowIndex": r1}
                    grid |= {"startColumnIndex": c0 - 1, "endColumnIndex": c1}
                    requests.append({"mergeCells": {"range": grid, "mergeType": "MERGE_ALL"}})
            client.http_client.batch_update(sid, {"requests": requests})
        return GoogleSheetsHost(client, sid)

    def reopen(self, host: GoogleSheetsHost) -> GoogleSheetsHost:
        """A fresh host on the same spreadsheet."""
        return GoogleSheetsHost(host.client, host.spreadsheet_id)

    def _cell(self, host: GoogleSheetsHost, sheet: str, cell: str) -> Any:
        r, c = parse_a1(cell)
        return shared_fake().book(host.spreadsheet_id).sheet_by_title(sheet).peek(r - 1, c - 1)

    def fill(self, host: GoogleSheetsHost, sheet: str, cell: str) -> str | None:
        """The cell's background colour as 6 hex digits."""
        found = self._cell(host, sheet, cell)
        return hex_of(found.fmt.get("backgroundColor")) if found else None

    def links(self, host: GoogleSheetsHost, sheet: str) -> dict[str, str]:
        """HYPERLINK("#gid=..&range=..") formulas, resolved to the linked tab's title."""
        book = shared_fake().book(host.spreadsheet_id)
        found = {}
        for (r, c), cell in book.sheet_by_title(sheet).cells.items():
            match = LINK.match(cell.formula or "")
            if match:
                target = book.sheet_by_id(int(match.group(1))).title
                from addin.model import a1

                found[a1(r + 1, c + 1)] = f"'{target}'!{match.group(2)}"
        return found

    def hidden(self, host: GoogleSheetsHost, sheet: str) -> bool:
        """Whether the tab is hidden."""
        sheet_ = shared_fake().book(host.spreadsheet_id).sheet_by_title(sheet)
        return bool(sheet_.props.get("hidden"))

    def cell_text(self, host: GoogleSheetsHost, sheet: str, cell: str) -> Any:
        """The stored value, or '<formula>...' for a formula."""
        found = self._cell(host, sheet, cell)
        if found is None:
            return None
        return f"<formula>{found.formula}" if found.formula else found.value


FACTORY = GoogleFactory()
