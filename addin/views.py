"""How findings look in a terminal: one table per tab, grouped by check, errors first.

A first run on a real book can find thousands of problems, and nobody reads
thousands of rows on a terminal: each check shows its first few findings and
counts the rest, and the end says where the full list is.
"""

from __future__ import annotations

from collections.abc import Iterator

from rich.console import Console
from rich.table import Table as RichTable
from rich.text import Text

from addin.model import Finding, Severity
from addin.report import Report

STYLES = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}
SHOWN_PER_CHECK = 5
WHERE_THE_REST_IS = (
    "Each check shows its first {shown}. For every finding: add --all, use --format json, "
    "or write the Checks tab with --annotate OUT or --in-place."
)


def grouped(findings: list[Finding]) -> list[tuple[str, list[tuple[str, list[Finding]]]]]:
    """The findings by tab (in name order), then by check (errors first), then by row."""
    by_tab: dict[str, dict[str, list[Finding]]] = {}
    for finding in findings:
        by_tab.setdefault(finding.sheet, {}).setdefault(finding.rule, []).append(finding)
    result = []
    for sheet in sorted(by_tab):
        checks = by_tab[sheet]
        for items in checks.values():
            items.sort(key=lambda f: (f.row or 0, f.cell or ""))
        order = sorted(checks, key=lambda rule: (min(f.severity.rank for f in checks[rule]), rule))
        result.append((sheet, [(rule, checks[rule]) for rule in order]))
    return result


def _rows(
    checks: list[tuple[str, list[Finding]]], shown: int | None
) -> Iterator[tuple[Text, str, str, str] | None]:
    """Table rows per check, a '... and N more' row for what is left out, None between checks."""
    for index, (rule, findings) in enumerate(checks):
        if index:
            yield None
        visible = findings if shown is None else findings[:shown]
        for finding in visible:
            yield (
                Text(finding.severity.value, style=STYLES[finding.severity]),
                finding.cell or "",
                finding.message,
                finding.suggestion or "",
            )
        hidden = len(findings) - len(visible)
        if hidden:
            yield (Text(""), "", f"... and {hidden:,} more ({rule})", "")


def print_report(
    report: Report, console: Console, show_all: bool = False, shown: int = SHOWN_PER_CHECK
) -> None:
    """The findings grouped by tab and check (the first ``shown`` of each unless
    ``show_all``), then the one-line summary and, when some were left out, where they are."""
    cut = False
    for sheet, checks in grouped(report.findings):
        count = sum(len(findings) for _, findings in checks)
        table = RichTable(
            title=f"[bold]{sheet}[/bold] ({count:,} finding{'s' if count != 1 else ''})",
            title_justify="left",
            expand=False,
        )
        table.add_column("", no_wrap=True)
        table.add_column("Cell", no_wrap=True)
        table.add_column("Problem", overflow="fold")
        table.add_column("Suggested fix", overflow="fold")
        for row in _rows(checks, None if show_all else shown):
            if row is None:
                table.add_section()
            else:
                table.add_row(*row)
        cut |= not show_all and any(len(findings) > shown for _, findings in checks)
        console.print(table)
    if report.read is not None:
        console.print(Text("Read:", style="bold"))
        for line in report.read.lines():
            console.print(Text(f"  {line}"))
    style = "bold red" if report.has_errors else ("yellow" if report.findings else "green")
    console.print(Text(report.summary(), style=style))
    if cut:
        console.print(WHERE_THE_REST_IS.format(shown=shown), highlight=False)
