"""How each stage of ``validate --annotate`` grows with the book: a scaling table.

Usage: ``python bench/bench_scale.py [--scales 1 4 16] [-n 3] [--books DIR]``

Builds (once, into DIR, default ``bench/scale-books``) the messy book of
``make_large_book.py --messy`` at each scale (the crew list and the PO log times K;
about 5,000 flagged cells per 20,000 POs) and times each stage on it, median of N:
the read, building the book, the rules, the JSON, the table view, and the publish
split into its parts on an ``XlsxHost`` (reading the marked cells' own fills and
notes, the fills and notes, the Checks tab, the State tab, the save), then the
whole publish as ``proddesk`` runs it. The table prints each time per scale and
per marked cell; a stage whose time per marked cell grows with the scale is worse
than linear. Publish time per marked cell must stay within 2x between the
smallest and the largest scale (exit code 1 when it does not).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from rich.console import Console

from addin.book import build_book
from addin.hosts.base import CellState
from addin.hosts.open import open_host
from addin.hosts.xlsx import XlsxHost
from addin.publish import publish, state_sheet
from addin.report import Report, mark_for
from addin.rules import run_rules
from addin.views import print_report
from bench.bench_validate import best_of as median_of
from bench.make_large_book import build

TODAY = date(2026, 11, 25)
PER_CELL_TARGET = 2.0


def book_at(scale: int, folder: Path) -> Path:
    """The messy book at this scale, built when it is not there yet."""
    path = folder / f"messy-x{scale}.xlsx"
    if not path.is_file():
        folder.mkdir(parents=True, exist_ok=True)
        build(path, scale=scale, messy=True)
    return path


def stage_times(path: Path, runs: int, out: Path) -> tuple[dict[str, float], int, int]:
    """Median seconds of each stage on one book; and its findings and marked cells."""
    s: dict = {}

    def read() -> None:
        host = open_host(str(path))
        s["grids"], s["label"] = host.read_all(), host.label

    def rules() -> None:
        s["report"] = Report(s["label"], run_rules(s["book"], TODAY), checked_on=TODAY)

    def table() -> None:
        with open(os.devnull, "w") as sink:
            print_report(s["report"], Console(file=sink, width=120))

    def host() -> XlsxHost:
        out.unlink(missing_ok=True)
        return XlsxHost(path, output=out)

    def cell_states() -> None:
        s["host"] = host()
        s["wanted"] = s["report"].marks()
        cells = {sheet: list(c) for sheet, c in s["wanted"].items()}
        s["states"] = s["host"].read_cell_states(cells)

    def fills_and_notes() -> None:
        cell_states()
        marks = {
            sheet: {
                cell: mark_for(sev, msgs, s["states"][sheet].get(cell, CellState(None, None)).note)
                for cell, (sev, msgs) in cells.items()
            }
            for sheet, cells in s["wanted"].items()
        }
        start = time.perf_counter()
        s["host"].apply_marks(marks)
        return time.perf_counter() - start

    def checks_tab() -> None:
        host().write_sheets([s["report"].checks_sheet()])

    def state_tab() -> None:
        host().write_sheets([state_sheet(s["states"])])

    def save() -> float:
        fills_and_notes()
        s["host"].write_sheets([s["report"].checks_sheet(), state_sheet(s["states"])])
        start = time.perf_counter()
        s["host"].save()
        return time.perf_counter() - start

    def whole_publish() -> None:
        publish(host(), s["book"], s["report"])

    times = {
        "read every tab": median_of(runs, read),
        "build_book": median_of(runs, lambda: s.update(book=build_book(s["grids"], s["label"]))),
    }
    times["rules"] = median_of(runs, rules)
    times["JSON"] = median_of(runs, lambda: s["report"].to_json())
    times["table view"] = median_of(runs, table)
    times["publish: own fills+notes read"] = median_of(runs, cell_states)
    times["publish: fills+notes"] = statistics.median(fills_and_notes() for _ in range(runs))
    times["publish: Checks tab"] = median_of(runs, checks_tab)
    times["publish: State tab"] = median_of(runs, state_tab)
    times["publish: save"] = statistics.median(save() for _ in range(runs))
    times["publish (whole)"] = median_of(runs, whole_publish)
    marked = sum(len(c) for c in s["report"].marks().values())
    return times, len(s["report"].findings), marked


def main() -> int:
    """Build the books, time the stages, print the table; 1 when publish is not linear."""
    parser = argparse.ArgumentParser(description="Scaling table of validate --annotate.")
    parser.add_argument("--scales", type=int, nargs="+", default=[1, 4, 16])
    parser.add_argument("-n", "--runs", type=int, default=3, help="median of N (default 3)")
    parser.add_argument("--books", type=Path, default=Path("bench/scale-books"))
    args = parser.parse_args()
    results = {}
    with tempfile.TemporaryDirectory(prefix="proddesk-scale-") as folder:
        out = Path(folder) / "annotated.xlsx"
        for scale in args.scales:
            path = book_at(scale, args.books)
            results[scale] = stage_times(path, args.runs, out)
            print(f"x{scale}: {path} done", file=sys.stderr)
    scales = args.scales
    print(
        f"Median of {args.runs}, {date.today()}, {os.cpu_count()} CPUs, "
        f"load average {os.getloadavg()[0]:.1f} at the end"
    )
    head = "".join(f"{'x' + str(k):>10}" for k in scales)
    per = "".join(f"{'us/mark x' + str(k):>14}" for k in scales)
    print(f"{'stage (seconds)':<32}{head}{per}")
    print(
        f"{'findings / marked cells':<32}"
        + "".join(f"{results[k][1]:>10,}" for k in scales)
        + "".join(f"{results[k][2]:>14,}" for k in scales)
    )
    for stage in results[scales[0]][0]:
        row = "".join(f"{results[k][0][stage]:>10.3f}" for k in scales)
        row += "".join(f"{1e6 * results[k][0][stage] / results[k][2]:>14.1f}" for k in scales)
        print(f"{stage:<32}{row}")
    first, last = scales[0], scales[-1]
    per_cell = [results[k][0]["publish (whole)"] / results[k][2] for k in (first, last)]
    ratio = per_cell[1] / per_cell[0]
    ok = ratio <= PER_CELL_TARGET
    print(
        f"publish per marked cell x{last} / x{first} = {ratio:.2f} "
        f"(target <= {PER_CELL_TARGET})  {'PASS' if ok else 'FAIL'}"
    )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
