"""How findings look in a terminal: one table per tab, errors first."""

from __future__ import annotations

from itertools import groupby

from rich.console import Console
from rich.table import Table as RichTable
from rich.text import Text

from addin.model import Severity
from addin.report import Report

STYLES = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}


def print_report(report: Report, console: Console) -> None:
    """The findings grouped by tab, what was read, then the one-line summary."""
    by_tab = sorted(report.findings, key=lambda f: (f.sheet, f.severity.rank, f.row or 0))
    for sheet, findings in groupby(by_tab, key=lambda f: f.sheet):
        table = RichTable(title=f"[bold]{sheet}[/bold]", title_justify="left", expand=False)
        table.add_column("", no_wrap=True)
        table.add_column("Cell", no_wrap=True)
        table.add_column("Problem", overflow="fold")
        table.add_column("Suggested fix", overflow="fold")
        for finding in findings:
            table.add_row(
                Text(finding.severity.value, style=STYLES[finding.severity]),
                finding.cell or "",
                finding.message,
                finding.suggestion or "",
            )
        console.print(table)
    if report.read is not None:
        console.print(Text("Read:", style="bold"))
        for line in report.read.lines():
            console.print(Text(f"  {line}"))
    style = "bold red" if report.has_errors else ("yellow" if report.findings else "green")
    console.print(Text(report.summary(), style=style))
