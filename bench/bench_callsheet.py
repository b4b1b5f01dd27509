"""Time call sheets on a large book against a baseline measured in the same run.

Usage: ``python bench/bench_callsheet.py bench/large.xlsx [--days 150] [--pdf]``

Figures (seconds):

- (e) one day's call sheet .xlsx (build + render + save), after the book is read;
- (f) every shoot day's call sheet .xlsx, in one ``make_callsheets`` call;
- (g) the baseline: writing the same number of copies of the template with openpyxl
  alone (load once, save N times);
- (h) with ``--pdf``: the PDFs of all days, in one LibreOffice run.

Targets: (e) <= 0.5 s and f/g <= 2.0; (h) is one LibreOffice process whatever the
number of days.
"""

from __future__ import annotations

import argparse
import io
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import openpyxl

from addin.book import read_book
from addin.callsheet.command import add_pdfs, default_template, make_callsheets
from addin.days import shoot_days
from addin.hosts.xlsx import XlsxHost
from addin.resources import workbook


def _timed(action) -> tuple[float, object]:
    start = time.perf_counter()
    result = action()
    return time.perf_counter() - start, result


def template_copies(count: int, folder: Path) -> None:
    """The baseline: openpyxl loads the template once and saves it ``count`` times."""
    data = workbook("callsheet_template.xlsx").read_bytes()
    for i in range(count):
        openpyxl.load_workbook(io.BytesIO(data)).save(folder / f"copy{i}.xlsx")


def main(argv: list[str] | None = None) -> int:
    """Print the figures and PASS/FAIL per target; exit 1 when one fails."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("book", type=Path)
    parser.add_argument("--days", type=int, default=None, help="limit the number of days")
    parser.add_argument("--pdf", action="store_true", help="also time the PDFs of all days")
    args = parser.parse_args(argv)

    read_seconds, book = _timed(lambda: read_book(XlsxHost(args.book)))
    days = list(shoot_days(book))[: args.days]
    template = default_template()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        one, _ = _timed(lambda: make_callsheets(book, [days[0]], folder / "one", template))
        (folder / "all").mkdir()
        every, written = _timed(lambda: make_callsheets(book, days, folder / "all", template))
        (folder / "copies").mkdir()
        copies, _ = _timed(lambda: template_copies(len(days), folder / "copies"))
        pdf = None
        if args.pdf:
            pdf, _ = _timed(lambda: add_pdfs(written))

    ratio = every / copies
    print(f"Book: {args.book} ({len(days)} shoot days), read in {read_seconds:.3f} s")
    print(f"(e) one day's call sheet .xlsx              {one:8.3f}")
    print(f"(f) all {len(days):>3} days' call sheets .xlsx       {every:8.3f}")
    print(f"(g) {len(days):>3} template copies with openpyxl    {copies:8.3f}")
    if pdf is not None:
        print(f"(h) PDFs of all days, one LibreOffice run   {pdf:8.3f}")
    print(f"e     = {one:5.2f} s (target <= 0.5)  {'PASS' if one <= 0.5 else 'FAIL'}")
    print(f"f/g   = {ratio:5.2f}   (target <= 2.0)  {'PASS' if ratio <= 2.0 else 'FAIL'}")
    return 0 if one <= 0.5 and ratio <= 2.0 else 1


if __name__ == "__main__":
    sys.exit(main())
