"""A validation report: the findings, their summary, and how they look in a book."""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date

from addin.hosts.base import Mark, SheetContent
from addin.model import CellRef, Finding, Severity, parse_a1
from addin.readout import ReadSummary

CHECKS_TAB = "Checks"
FILLS = {Severity.ERROR: "FFC7CE", Severity.WARNING: "FFEB9C", Severity.INFO: "DDEBF7"}
SEVERITY_LABELS = {Severity.ERROR: "Error", Severity.WARNING: "Warning", Severity.INFO: "Info"}
NOTE_HEADER = "ProdDesk:"
CHECKS_HEADER = ["Severity", "Tab", "Cell", "Problem", "Suggested fix", "Check"]
CHECKS_WIDTHS = [10, 16, 8, 60, 40, 26]
CHECKS_WRAPPED = frozenset({3, 4})
"""The Problem and Suggested fix columns wrap, so the tab prints one page wide."""


@dataclass
class Report:
    """The findings of one validation of one book."""

    label: str
    findings: list[Finding]
    checked_on: date = field(default_factory=date.today)
    read: ReadSummary | None = None
    """What was read of the book (tabs, columns understood, left alone)."""

    @property
    def counts(self) -> Counter[str]:
        """Number of findings per severity value."""
        return Counter(f.severity.value for f in self.findings)

    @property
    def has_errors(self) -> bool:
        """Whether any finding must be fixed."""
        return any(f.severity is Severity.ERROR for f in self.findings)

    def summary(self) -> str:
        """One line: '3 errors, 5 warnings in book.xlsx'."""
        if not self.findings and not (self.read and self.read.unreadable):
            return f"No problems found in {self.label}."
        return f"{self.tally()} in {self.label}."

    def tally(self) -> str:
        """The findings counted by severity: '3 errors, 5 warnings' ('no problems')."""
        counts = self.counts
        parts = [
            f"{counts[s.value]} {s.value}{'s' if counts[s.value] != 1 else ''}"
            for s in Severity
            if counts[s.value]
        ]
        return ", ".join(parts) or "no problems"

    def flatten(self) -> list[tuple[str, str, str | None]]:
        """(rule, tab, cell) per finding: what tests compare."""
        return [(f.rule, f.sheet, f.cell) for f in self.findings]

    def to_json(self) -> str:
        """The JSON view: ``{"book", "summary", "findings": [...]}``."""
        payload = {
            "book": self.label,
            "summary": dict(self.counts),
            "findings": [f.to_dict() for f in self.findings],
        }
        if self.read is not None:
            payload["read"] = self.read.to_dict()
        return json.dumps(payload, indent=2, ensure_ascii=False)

    def checks_sheet(self) -> SheetContent:
        """The Checks tab: a to-do list, errors first, each row linking to its cell."""
        title = f"ProdDesk checks of {self.label}, {self.checked_on:%b %-d, %Y}: {self.tally()}"
        rows: list[list] = [[title]]
        if self.read is not None:
            rows.append([self.read.headline()])
        rows.append(CHECKS_HEADER)
        header_rows = len(rows)
        links: dict[tuple[int, int], CellRef] = {}
        row_fills: dict[int, str] = {}
        for finding in sorted(self.findings, key=lambda f: f.sort_key):
            index = len(rows)
            rows.append(
                [
                    SEVERITY_LABELS[finding.severity],
                    finding.sheet,
                    finding.cell or "",
                    finding.message,
                    finding.suggestion or "",
                    finding.rule,
                ]
            )
            if finding.cell and finding.row:
                row, col = parse_a1(finding.cell)
                links[(index, 2)] = CellRef(finding.sheet, row, col)
            row_fills[index] = FILLS[finding.severity]
        if not self.findings:
            rows.append(["", "", "", "Nothing to fix. Well done.", "", ""])
        return SheetContent(
            CHECKS_TAB,
            rows,
            links=links,
            widths=CHECKS_WIDTHS,
            header_rows=header_rows,
            row_fills=row_fills,
            wrap_columns=CHECKS_WRAPPED,
            landscape=True,
            autofilter=bool(self.findings),
        )

    def marks(self) -> dict[str, dict[str, tuple[Severity, list[str]]]]:
        """Per tab and cell: the worst severity and the messages for that cell."""
        by_cell: dict[str, dict[str, tuple[Severity, list[str]]]] = defaultdict(dict)
        for finding in self.findings:
            if not finding.cell or not finding.row:
                continue
            worst, messages = by_cell[finding.sheet].get(finding.cell, (finding.severity, []))
            if finding.severity.rank < worst.rank:
                worst = finding.severity
            text = finding.message
            if finding.suggestion:
                text += f" ({finding.suggestion})"
            by_cell[finding.sheet][finding.cell] = (worst, [*messages, text])
        return dict(by_cell)


def mark_for(severity: Severity, messages: list[str], own_note: str | None) -> Mark:
    """The fill and the note text for a flagged cell, keeping the coordinator's own note first."""
    ours = "\n".join([NOTE_HEADER, *(f"- {m}" for m in messages)])
    note = f"{own_note}\n\n{ours}" if own_note else ours
    return Mark(FILLS[severity], note)
