"""The send record: one JSON line per message, written the moment the server took it.

It lives beside the call sheet version it sent (``<call sheet>.sent.jsonl``), so an
interrupted send (Ctrl+C, a lost connection, a crash, the book open in Excel) knows on
the next run who already has this version: they are never sent it twice. Each line is
flushed to disk (fsync) before the next message goes.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from addin.distribution.tab import DistributionRow


def journal_path(pdf: Path) -> Path:
    """The record of the sends of one call sheet version, beside its PDF."""
    return pdf.with_name(f"{pdf.stem}.sent.jsonl")


def read_journal(path: Path) -> list[DistributionRow]:
    """The rows recorded so far ([] when none); a torn last line is skipped."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        return []
    rows = []
    for line in lines:
        try:
            data = json.loads(line)
            rows.append(DistributionRow(**data))
        except (ValueError, TypeError):
            continue
    return rows


class Journal:
    """Appends rows durably, one line each."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def record(self, row: DistributionRow) -> None:
        """Append ``row`` and flush it to disk."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        line = json.dumps(row.__dict__, ensure_ascii=False) + "\n"
        with open(self.path, "a", encoding="utf-8") as handle:
            handle.write(line)
            handle.flush()
            os.fsync(handle.fileno())
