"""Command line: serve one workbook until Ctrl-C."""

from __future__ import annotations

import argparse

from .loader import load_grids, load_xlsx
from .server import FakeSheetsServer


def main(argv: list[str] | None = None) -> int:
    """`python tests/fake_sheets.py --port PORT --load BOOK.xlsx [--id ID]`."""
    parser = argparse.ArgumentParser(description="Local imitation of Google Sheets API v4.")
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--load", help="an .xlsx workbook to serve")
    parser.add_argument("--id", dest="spreadsheet_id", help="spreadsheet id to serve it under")
    parser.add_argument("--token", help="accept only this bearer token")
    args = parser.parse_args(argv)
    server = FakeSheetsServer((args.host, args.port))
    server.state.token = args.token
    if args.load:
        book = load_xlsx(args.load, args.spreadsheet_id)
    else:
        book = load_grids({"Sheet1": []}, args.spreadsheet_id, title="Untitled spreadsheet")
    server.state.add_book(book)
    print(f"Serving {book.props['title']!r} as spreadsheet id {book.spreadsheet_id}")
    print(f"Base URL {server.base_url}  (Ctrl-C to stop)", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
    return 0
