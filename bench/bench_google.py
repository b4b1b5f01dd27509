"""Count Google Sheets API requests of a sync cycle, beside a straightforward gspread approach.

Usage: ``python bench/bench_google.py [BOOK.xlsx]`` (default: the sample production).

Both run against the local imitation of the Sheets API (``tests/fake_sheets``) over
real HTTP, and the counts come from its request log. Targets: a sync cycle uses
at most 2 reads and 2 writes, an unchanged cycle no writes, however many tabs.
"""

from __future__ import annotations

import os
import sys
import tempfile
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from google_support import gspread_client, start_fake_sheets

from addin.book import read_book
from addin.google.config import load_config
from addin.google.sync import run_cycle
from addin.hosts.xlsx import XlsxHost
from addin.report import FILLS
from addin.run import check_book

ROOT = Path(__file__).resolve().parent.parent
TODAY = date(2026, 11, 25)
READS = ("spreadsheets.get", "values.get", "values.batchGet")


def counts(fake) -> tuple[int, int]:
    """(reads, writes) in the imitation's log since it was last cleared."""
    kinds = [r["kind"] for r in fake.requests()]
    reads = sum(kind in READS for kind in kinds)
    return reads, len(kinds) - reads


def proddesk_cycles(fake, book: Path, folder: Path) -> list[tuple[int, int]]:
    """Counts of a first sync cycle and of an unchanged second one."""
    sid = fake.load_xlsx(book)
    config_path = folder / "productions.toml"
    config_path.write_text(
        f'credentials = "token:t"\nstate_dir = "{folder / "state"}"\n'
        f'history_dir = "{folder / "history"}"\n'
        f'[[production]]\nname = "Bench"\nspreadsheet = "{sid}"\ndays_ahead = 2\n'
    )
    config = load_config(config_path)
    result = []
    for _ in range(2):
        fake.clear_requests()
        run_cycle(config)
        result.append(counts(fake))
    return result


def straightforward(fake, book: Path) -> tuple[int, int]:
    """Read each tab, then write each mark and the Checks tab, one gspread call at a time."""
    findings = check_book(read_book(XlsxHost(book)), TODAY).findings
    sid = fake.load_xlsx(book)
    fake.clear_requests()
    spreadsheet = gspread_client(fake.base_url).open_by_key(sid)
    for worksheet in spreadsheet.worksheets():
        worksheet.get_all_values()
    for finding in findings:
        worksheet = spreadsheet.worksheet(finding.sheet)
        colour = FILLS[finding.severity]
        rgb = {k: int(colour[i:i + 2], 16) / 255 for k, i in (("red", 0), ("green", 2),
                                                                ("blue", 4))}
        worksheet.format(finding.cell, {"backgroundColor": rgb})
        worksheet.update_note(finding.cell, finding.message)
    checks = spreadsheet.add_worksheet("Checks", rows=len(findings) + 2, cols=6)
    checks.update([[f.severity.value, f.sheet, f.cell, f.message] for f in findings], "A1",
                  raw=True)
    return counts(fake)


def main(argv: list[str] | None = None) -> int:
    """Print the counts; exit 1 when ProdDesk's targets are missed."""
    args = argv if argv is not None else sys.argv[1:]
    book = Path(args[0]) if args else ROOT / "workbooks" / "sample_production.xlsx"
    with start_fake_sheets() as fake, tempfile.TemporaryDirectory() as tmp:
        os.environ["PRODDESK_SHEETS_API"] = fake.base_url
        (first, unchanged) = proddesk_cycles(fake, book, Path(tmp))
        naive = straightforward(fake, book)
    print(f"Book: {book.name}")
    rows = [
        ("ProdDesk sync cycle, book changed", first),
        ("ProdDesk sync cycle, nothing changed", unchanged),
        ("straightforward gspread (tab by tab, mark by mark)", naive),
    ]
    print(f"{'':52}reads  writes")
    for label, (reads, writes) in rows:
        print(f"{label:52}{reads:5}  {writes:6}")
    ok = first[0] <= 2 and first[1] <= 2 and unchanged[1] == 0
    print(f"targets (<= 2 reads, <= 2 writes, unchanged: 0 writes): {'PASS' if ok else 'FAIL'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
