"""Time ``proddesk validate`` on a large book against baselines measured in the same run.

Usage: ``python bench/bench_validate.py bench/large.xlsx [-n 3] [--profile DIR]``

Figures (median of N, seconds):

- (a) ``proddesk validate BOOK --format json`` end to end, in-process;
- (b) the plain read of every tab with python-calamine (the floor for reading);
- (c) openpyxl ``load_workbook`` + ``save`` (what a naive annotate would cost);
- (d) ``proddesk validate BOOK --annotate OUT`` end to end, in-process;
- (e) and (f): (a) and (b) as whole processes (a fresh ``python``, imports included);
- (g) ``proddesk --version`` and (h) ``python -c "import openpyxl"``, whole processes;
- (t) the table view of the findings (``print_report`` to a 120-column console).

Targets are ratios, so they hold on any machine: a/b <= 1.5, d/c <= 1.0, e/f <= 2.5,
g/h <= 2.0; and the table view t <= 0.2 s.
The run also splits (a) into its stages (open+read, build_book, run_rules,
output) and adds the publish stage of (d). The exit code is 1 when a target
is missed. ``--profile DIR`` writes cProfile stats of (a) and (d) to DIR
(keep it outside the repository).
"""

from __future__ import annotations

import argparse
import contextlib
import cProfile
import os
import platform
import pstats
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import openpyxl
from python_calamine import CalamineWorkbook

from addin.book import build_book
from addin.cli import main as proddesk
from addin.hosts.open import open_host
from addin.publish import publish
from addin.report import Report
from addin.rules import run_rules
from addin.views import print_report

TODAY = date(2026, 11, 25)
TARGETS = {"a/b": 1.5, "d/c": 1.0, "e/f": 2.5, "g/h": 2.0}
TABLE_VIEW_SECONDS = 0.2
PROCESS_CALAMINE = (
    "import sys\nfrom python_calamine import CalamineWorkbook\n"
    "w = CalamineWorkbook.from_path(sys.argv[1])\n"
    "for n in w.sheet_names:\n    w.get_sheet_by_name(n).to_python()\n"
)


def best_of(runs: int, job: Callable[[], object]) -> float:
    """The median wall time of ``runs`` calls of ``job``, in seconds (the machine is
    shared, so the median of a few runs is steadier than one run or the best)."""
    return timed(runs, job)[0]


def _cpu() -> float:
    own, children = (
        resource.getrusage(resource.RUSAGE_SELF),
        resource.getrusage(resource.RUSAGE_CHILDREN),
    )
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def timed(runs: int, job: Callable[[], object]) -> tuple[float, float]:
    """Median wall seconds and median CPU seconds (this process and the processes it ran)
    of ``runs`` calls; CPU time barely moves when other work shares the machine."""
    walls, cpus = [], []
    for _ in range(runs):
        start, cpu = time.perf_counter(), _cpu()
        job()
        walls.append(time.perf_counter() - start)
        cpus.append(_cpu() - cpu)
    return statistics.median(walls), statistics.median(cpus)


def process(*argv: str) -> None:
    """Run a fresh Python process to its end, output discarded."""
    subprocess.run([sys.executable, *argv], stdout=subprocess.DEVNULL, check=False)


def table_view(path: Path) -> Callable[[], None]:
    """(t) The table view of the book's findings, printed to a discarded 120-column console."""
    from rich.console import Console

    host = open_host(str(path))
    book = build_book(host.read_all(), host.label)
    report = Report(host.label, run_rules(book, TODAY), checked_on=TODAY)

    def job() -> None:
        with open(os.devnull, "w") as sink:
            print_report(report, Console(file=sink, width=120))

    return job


@contextlib.contextmanager
def _quiet():
    with (
        open(os.devnull, "w") as sink,
        contextlib.redirect_stdout(sink),
        contextlib.redirect_stderr(sink),
    ):
        yield


def validate_args(path: Path) -> list[str]:
    """The arguments of (a)."""
    return ["validate", str(path), "--format", "json", "--today", TODAY.isoformat()]


def validate_json(path: Path) -> None:
    """(a) ``proddesk validate --format json`` in-process, output discarded."""
    with _quiet():
        proddesk(validate_args(path))


def calamine_read(path: Path) -> None:
    """(b) Every tab's values with python-calamine."""
    workbook = CalamineWorkbook.from_path(str(path))
    for name in workbook.sheet_names:
        workbook.get_sheet_by_name(name).to_python()


def openpyxl_round_trip(path: Path, out: Path) -> None:
    """(c) openpyxl load and save."""
    openpyxl.load_workbook(path).save(out)


def validate_annotate(path: Path, out: Path) -> None:
    """(d) ``proddesk validate --annotate OUT`` in-process, output discarded."""
    out.unlink(missing_ok=True)
    with _quiet():
        proddesk([*validate_args(path), "--annotate", str(out)])


def stages(path: Path, runs: int, out: Path) -> dict[str, float]:
    """Best-of times of each stage of (a), and the publish stage of (d)."""
    state: dict[str, object] = {}

    def read() -> None:
        host = open_host(str(path))
        state["grids"] = host.read_all()
        state["label"] = host.label

    def build() -> None:
        state["book"] = build_book(state["grids"], state["label"])  # type: ignore[arg-type]

    def rules() -> None:
        state["findings"] = run_rules(state["book"], TODAY)  # type: ignore[arg-type]

    def output() -> None:
        report = Report(state["label"], state["findings"], checked_on=TODAY)  # type: ignore[arg-type]
        with _quiet():
            print(report.to_json())
        state["report"] = report

    def write() -> None:
        out.unlink(missing_ok=True)
        host = open_host(str(path), output=out)
        state["marked"] = publish(host, state["book"], state["report"]).marked  # type: ignore[arg-type]

    times = {}
    for name, job in (
        ("open+read", read),
        ("build_book", build),
        ("run_rules", rules),
        ("output", output),
        ("publish (d)", write),
    ):
        times[name] = best_of(runs, job)
    times["marks"] = float(state["marked"])  # type: ignore[arg-type]
    return times


def profile(directory: Path, path: Path, out: Path) -> None:
    """cProfile stats of (a) and (d) into ``directory``; prints the top entries."""
    directory.mkdir(parents=True, exist_ok=True)
    for label, job in (
        ("validate", lambda: validate_json(path)),
        ("annotate", lambda: validate_annotate(path, out)),
    ):
        profiler = cProfile.Profile()
        profiler.runcall(job)
        target = directory / f"{label}.prof"
        profiler.dump_stats(target)
        print(f"\n== {label}: {target} (top 20 by cumulative time)")
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(20)


def main() -> int:
    """Run the benchmark; exit code 1 when a ratio target is missed."""
    parser = argparse.ArgumentParser(description="Benchmark proddesk validate on a large book.")
    parser.add_argument("book", type=Path)
    parser.add_argument("-n", "--runs", type=int, default=3, help="median of N (default 3)")
    parser.add_argument("--profile", type=Path, metavar="DIR", help="write cProfile stats here")
    args = parser.parse_args()
    path: Path = args.book
    if not path.is_file():
        print(f"{path} not found; build it with: python bench/make_large_book.py {path}")
        return 2
    with tempfile.TemporaryDirectory(prefix="proddesk-bench-") as folder:
        out = Path(folder) / "annotated.xlsx"
        copy = Path(folder) / "openpyxl.xlsx"
        validate_json(path)  # warm-up: imports and rule registration are not measured
        jobs: dict[str, tuple[str, Callable[[], None]]] = {
            "a": ("proddesk validate --format json", lambda: validate_json(path)),
            "b": ("calamine read of every tab", lambda: calamine_read(path)),
            "c": ("openpyxl load + save", lambda: openpyxl_round_trip(path, copy)),
            "d": ("proddesk validate --annotate OUT", lambda: validate_annotate(path, out)),
            "e": (
                "(a) as a whole process",
                lambda: process("-m", "addin.cli", *validate_args(path)),
            ),
            "f": ("(b) as a whole process", lambda: process("-c", PROCESS_CALAMINE, str(path))),
            "g": (
                "proddesk --version, whole process",
                lambda: process("-m", "addin.cli", "--version"),
            ),
            "h": ('python -c "import openpyxl"', lambda: process("-c", "import openpyxl")),
            "t": ("table view of the findings", table_view(path)),
        }
        measured = {key: (label, timed(args.runs, job)) for key, (label, job) in jobs.items()}
        figures = {key: (label, wall) for key, (label, (wall, _)) in measured.items()}
        cpu = {key: seconds for key, (_, (_, seconds)) in measured.items()}
        split = stages(path, args.runs, out)
        if args.profile:
            profile(args.profile, path, out)
    size = path.stat().st_size / 1e6
    print(
        f"Book: {path} ({size:.1f} MB), median of {args.runs}, {date.today()}, "
        f"{platform.python_implementation()} {platform.python_version()}, "
        f"{os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f} at the end"
    )
    print()
    print(f"{'':4}{'figure':<36}{'seconds':>9}{'CPU s':>9}")
    for key, (label, seconds) in figures.items():
        print(f"({key}) {label:<36}{seconds:>9.3f}{cpu[key]:>9.3f}")
    print()
    print(f"Split of (a), and the publish stage of (d) ({int(split.pop('marks'))} cells marked):")
    for name, seconds in split.items():
        print(f"    {name:<36}{seconds:>9.3f}")
    print()
    failed = False
    seconds = figures["t"][1]
    failed |= seconds > TABLE_VIEW_SECONDS
    print(
        f"t   = {seconds:5.3f} s (target <= {TABLE_VIEW_SECONDS})  "
        f"{'PASS' if seconds <= TABLE_VIEW_SECONDS else 'FAIL'}   CPU {cpu['t']:5.3f} s"
    )
    for ratio, target in TARGETS.items():
        top, bottom = ratio.split("/")
        value = figures[top][1] / figures[bottom][1]
        ok = value <= target
        failed |= not ok
        print(
            f"{ratio} = {value:5.2f}  (target <= {target})  {'PASS' if ok else 'FAIL'}   "
            f"CPU ratio {cpu[top] / cpu[bottom]:5.2f}"
        )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
