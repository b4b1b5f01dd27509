"""Scheduled sync: every cycle, per production, read; if the values changed since the last
cycle, check, publish the Checks tab and marks, refresh the coming days' call sheet tabs and
the DOOD tab when the book has ProdDesk's (all in the one staged save) and keep an xlsx
snapshot. Unchanged books get no write at all."""

from __future__ import annotations

import hashlib
import json
import logging
import re
import signal
import threading
import time
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from addin.book import Book, build_book
from addin.errors import AddinError, InputError
from addin.files import write_atomic
from addin.google.config import Production, SyncConfig
from addin.hosts.base import Grid, Host, SheetContent
from addin.owned import Ownership, find_ownership
from addin.publish import publish
from addin.run import check_book

log = logging.getLogger("addin.google.sync")

@dataclass
class Outcome:
    """What one cycle did to one production."""

    name: str
    status: str  # "unchanged", "published", "skipped"
    reason: str = ""
    callsheets: list[str] = field(default_factory=list)
    dood: str | None = None
    """The DOOD tab rebuilt this cycle, if any."""
    errors: int = 0
    snapshot: Path | None = None


def values_hash(grids: dict[str, Grid], today: date) -> str:
    """A hash of the coordinator's tabs (not ProdDesk's own) and the day it is."""
    owned = find_ownership(grids)
    data = {name: grid for name, grid in grids.items() if not owned.owns(name)}
    text = json.dumps([today.isoformat(), data], default=str, sort_keys=True)
    return hashlib.sha256(text.encode()).hexdigest()


def _state_file(config: SyncConfig, production: Production) -> Path:
    return config.state_dir / f"{production.spreadsheet_id}.json"


def _last_hash(config: SyncConfig, production: Production) -> str | None:
    try:
        return json.loads(_state_file(config, production).read_text())["hash"]
    except (OSError, ValueError, KeyError):
        return None


def _remember(config: SyncConfig, production: Production, digest: str) -> None:
    state = {"hash": digest, "at": datetime.now().isoformat()}
    write_atomic(_state_file(config, production), json.dumps(state))


def snapshot(grids: dict[str, Grid], folder: Path, name: str) -> Path:
    """Write the book's values to folder/<name>/<timestamp>.xlsx."""
    import openpyxl

    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)
    for title, grid in grids.items():
        sheet = workbook.create_sheet(title[:31])
        for row in grid:
            sheet.append([v if v is None or isinstance(v, int | float | date) else str(v)
                          for v in row])
    safe = re.sub(r"[^A-Za-z0-9_.-]+", "_", name).strip("_") or "production"
    target = folder / safe / f"{datetime.now():%Y%m%d-%H%M%S-%f}.xlsx"
    target.parent.mkdir(parents=True, exist_ok=True)
    workbook.save(target)
    return target


def _text_rows(rows: Grid) -> list[list[str]]:
    out = [["" if v is None else str(v).removesuffix(".0") for v in row] for row in rows]
    for row in out:
        while row and row[-1] == "":
            row.pop()
    while out and not out[-1]:
        out.pop()
    return out


def callsheet_tabs(
    book: Book, grids: dict[str, Grid], days_ahead: int, today: date, owned: Ownership
) -> list:
    """Call sheet tabs of the next ``days_ahead`` shoot days whose content changed
    (their names claimed in ``owned``)."""
    if days_ahead <= 0:
        return []
    from addin.callsheet.build import build_callsheet
    from addin.callsheet.render import book_tab
    from addin.days import shoot_days

    upcoming = [d for d, when in shoot_days(book).items() if when is not None and when >= today]
    tabs: list[SheetContent] = []
    for day in upcoming[:days_ahead]:
        sheet, _ = build_callsheet(book, day)
        content = book_tab(book, sheet, owned.claim_call_sheet(day))
        if _text_rows(content.rows) != _text_rows(grids.get(content.name, [])):
            tabs.append(content)
    return tabs


def dood_tabs(book: Book, grids: dict[str, Grid], today: date, owned: Ownership) -> list:
    """ProdDesk's DOOD tab rebuilt, when the book has one (the coordinator asked for it once)
    and what it shows below its made-on line changed; else nothing."""
    from addin.dood.tab import DOOD_KIND, dood_tab

    name = owned.tabs.get(DOOD_KIND)
    if name is None or name not in grids:
        return []
    from addin.dood.build import build_dood

    try:
        made = build_dood(book, today)
    except InputError as error:  # no shoot days or cast any more: the tab is left as it is
        log.info("%s: DOOD tab left as it is: %s", book.label, error)
        return []
    content = dood_tab(made, name)
    if _text_rows(content.rows[1:]) == _text_rows(grids[name][1:]):
        return []
    return [content]


def sync_host(
    host: Host, production: Production, config: SyncConfig, today: date | None = None
) -> Outcome:
    """One cycle on one open spreadsheet."""
    today = today or date.today()
    grids = host.read_all()
    digest = values_hash(grids, today)
    if digest == _last_hash(config, production):
        log.info("%s: unchanged, nothing written", production.name)
        return Outcome(production.name, "unchanged")
    book = build_book(grids, host.label)
    report = check_book(book, today)
    owned = find_ownership(grids)
    tabs = callsheet_tabs(book, grids, production.days_ahead, today, owned)
    dood = dood_tabs(book, grids, today, owned)
    if tabs or dood:
        host.write_sheets(tabs + dood)  # staged: goes out with publish's single save
    publish(host, book, report, owned)
    _remember(config, production, digest)
    path = snapshot(grids, config.history_dir, production.name)
    errors = sum(1 for f in report.findings if f.severity == "error")
    log.info("%s: published %d finding(s), %d call sheet tab(s)%s", production.name,
             len(report.findings), len(tabs), ", the DOOD tab" if dood else "")
    return Outcome(production.name, "published", callsheets=[t.name for t in tabs],
                   dood=dood[0].name if dood else None, errors=errors, snapshot=path)


def sync_production(production: Production, config: SyncConfig, today: date | None = None
                    ) -> Outcome:
    """One cycle on one production; a refusal from Google skips it with a logged reason."""
    from addin.google.auth import make_client
    from addin.hosts.gsheets import GoogleSheetsHost

    try:
        host = GoogleSheetsHost(make_client(config.credentials), production.spreadsheet_id,
                                retry=config.retry)
        return sync_host(host, production, config, today)
    except AddinError as error:
        log.warning("%s: skipped this cycle: %s", production.name, error)
        return Outcome(production.name, "skipped", reason=str(error))


class Stopper:
    """Set by SIGTERM/SIGINT; the cycle finishes the write in progress, then stops."""

    def __init__(self) -> None:
        self.event = threading.Event()

    def install(self) -> None:
        """Catch SIGTERM (and Ctrl-C) in the main thread."""
        if threading.current_thread() is threading.main_thread():
            signal.signal(signal.SIGTERM, lambda *_: self.event.set())
            signal.signal(signal.SIGINT, lambda *_: self.event.set())


def run_cycle(config: SyncConfig, stopper: Stopper | None = None,
              due: dict[str, float] | None = None) -> list[Outcome]:
    """One cycle over the productions that are due (all of them when ``due`` is None)."""
    outcomes = []
    now = time.monotonic()
    for production in config.productions:
        if stopper and stopper.event.is_set():
            break
        if due is not None and due.get(production.spreadsheet_id, 0) > now:
            continue
        outcomes.append(sync_production(production, config))
        if due is not None:
            due[production.spreadsheet_id] = now + production.interval_minutes * 60
    return outcomes


def run_forever(config: SyncConfig, stopper: Stopper, on_cycle: Any = None) -> None:
    """Cycle until stopped, each production at its own interval."""
    due: dict[str, float] = {}
    while not stopper.event.is_set():
        outcomes = run_cycle(config, stopper, due)
        if on_cycle and outcomes:
            on_cycle(outcomes)
        wake = min(due.values(), default=time.monotonic() + 60) - time.monotonic()
        stopper.event.wait(max(1.0, wake))
