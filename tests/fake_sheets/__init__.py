"""A local imitation of the Google Sheets API v4 (and Drive v3 export) for tests.

Modules, one job each: a1 (A1 notation), numfmt (number formats, typed input),
model (books, sheets, cells), formula (plausible formula values), values_api,
sheets_api, batch_api (the endpoints), fields (field masks), loader (xlsx/dict in),
export (xlsx/PDF/CSV out), faults (request log and injected faults), server (HTTP).
What it models and where that knowledge comes from: README.md beside this file.
"""

from .loader import load_grids, load_xlsx, new_spreadsheet_id
from .model import Book, Cell, Sheet
from .server import FakeSheetsServer, State

__all__ = [
    "Book",
    "Cell",
    "FakeSheetsServer",
    "Sheet",
    "State",
    "load_grids",
    "load_xlsx",
    "new_spreadsheet_id",
]
