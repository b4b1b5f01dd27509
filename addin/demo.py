"""``proddesk demo``: ProdDesk on the bundled sample production."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

from rich.console import Console

from addin.resources import sample_book
from addin.run import validate_target
from addin.views import print_report


def run_demo(folder: Path, console: Console, today: date | None = None) -> int:
    """Validate the sample book into ``folder`` and say what was written where."""
    folder.mkdir(parents=True, exist_ok=True)
    book = folder / "sample_production.xlsx"
    shutil.copyfile(sample_book(), book)
    checked = folder / "sample_production_checked.xlsx"
    checked.unlink(missing_ok=True)
    report, _ = validate_target(str(book), today=today, annotate=str(checked), status=console)
    print_report(report, console)
    console.print()
    console.print("[bold]ProdDesk demo[/bold]")
    console.print(f"  The sample production book:     {book.resolve()}")
    console.print(
        f"  A checked copy (Checks tab, highlighted cells with notes): {checked.resolve()}"
    )
    from addin.callsheet.command import demo_callsheet

    demo_callsheet(book, folder, console)
    console.print("  Open the checked copy in Excel or LibreOffice and start on the Checks tab.")
    return 0
