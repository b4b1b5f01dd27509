"""A Google spreadsheet as a ProdDesk host, in as few Sheets API requests as it allows.

Reading is two requests: one spreadsheets.get whose field mask brings the tab list, merges,
and per cell only the number-format type, fill and note; and one values:batchGet of every
tab (UNFORMATTED_VALUE, serial dates, turned into dates through the formats). Fills and notes
for ``read_cell_states`` come from that first request, so publishing reads nothing more.
Every staged change (new and replaced tabs, their values, links, fills, notes, widths,
frozen rows, deletions) goes out in ONE spreadsheets:batchUpdate, which Google applies
atomically: a Checks tab is written whole or not at all. A save too big for one request
is split into the fewest requests under Google's size limit, still with the Checks tab
all or nothing (see gsheets_batches.py).
"""

from __future__ import annotations

import logging
import random
from typing import Any

import gspread
from gspread.exceptions import APIError

from addin.errors import HostError, InputError
from addin.hosts.base import CellState, Grid, Mark, SheetContent
from addin.hosts.gsheets_batches import MAX_BODY_BYTES, WRITING, NewTab, Staged, plan
from addin.hosts.gsheets_cells import cell_data, read_value, rgb
from addin.hosts.gsheets_retry import Retry, status_of
from addin.hosts.open import GOOGLE_URL
from addin.model import column_letter, parse_a1

log = logging.getLogger("addin.hosts.gsheets")

META_FIELDS = (
    "properties.title,sheets(properties(sheetId,title,index,hidden,gridProperties("
    "rowCount,columnCount)),merges,data.rowData.values(note,userEnteredFormat("
    "numberFormat.type,backgroundColor,backgroundColorStyle)))"
)
FILL_MASKS = ("backgroundColor", "backgroundColorStyle")


def spreadsheet_id(target: str) -> str:
    """The spreadsheet id of a Google Sheets URL or ``gsheet:ID``."""
    match = GOOGLE_URL.match(target)
    if match:
        return match.group(1)
    if target.startswith("gsheet:") and target[7:]:
        return target[7:]
    raise InputError(f"{target}: not a Google Sheets URL or gsheet:ID.")


def open_spreadsheet(
    target: str, credentials: str | None = None, retry: Retry | None = None
) -> GoogleSheetsHost:
    """The host for a spreadsheet URL or ``gsheet:ID`` (credentials: key file path)."""
    from addin.google.auth import make_client

    return GoogleSheetsHost(make_client(credentials), spreadsheet_id(target), retry=retry)


def quote(title: str) -> str:
    """A tab title as an A1 range of the whole tab."""
    return "'" + title.replace("'", "''") + "'"


class GoogleSheetsHost:
    """One Google spreadsheet; ``save()`` sends every staged change in one request."""

    def __init__(
        self,
        client: gspread.Client,
        sid: str,
        retry: Retry | None = None,
        max_body: int = MAX_BODY_BYTES,
    ) -> None:
        self.client = client
        self.spreadsheet_id = sid
        self.retry = retry or Retry()
        self.max_body = max_body
        self._meta: dict[str, Any] | None = None
        self.label = sid
        self._staged = Staged()
        self._staged_names: list[str] | None = None
        self._used_ids: set[int] = set()

    # --- requests -----------------------------------------------------------------------

    def _call(self, what: str, fn: Any) -> Any:
        try:
            return self.retry.call(what, fn)
        except APIError as error:
            raise _host_error(error, self.label) from None
        except PermissionError:
            raise HostError(_no_access(self.spreadsheet_id)) from None

    def _metadata(self) -> dict[str, Any]:
        if self._meta is None:
            params = {"includeGridData": "true", "fields": META_FIELDS}
            http = self.client.http_client
            self._meta = self._call(
                "reading the tabs", lambda: http.fetch_sheet_metadata(self.spreadsheet_id, params)
            )
            self.label = self._meta.get("properties", {}).get("title") or self.spreadsheet_id
            self._used_ids = {s["properties"].get("sheetId", 0) for s in self._meta["sheets"]}
        return self._meta

    def _sheets(self) -> dict[str, dict[str, Any]]:
        return {s["properties"]["title"]: s for s in self._metadata().get("sheets", [])}

    # --- reading ------------------------------------------------------------------------

    def sheet_names(self) -> list[str]:
        """Tab names in book order (with staged additions and deletions)."""
        if self._staged_names is not None:
            return list(self._staged_names)
        return list(self._sheets())

    def read_all(self) -> dict[str, Grid]:
        """Every tab's values in one values:batchGet; dates as dates, merges filled."""
        sheets = self._sheets()
        names = list(sheets)
        if not names:
            return {}
        params = {
            "valueRenderOption": "UNFORMATTED_VALUE",
            "dateTimeRenderOption": "SERIAL_NUMBER",
            "majorDimension": "ROWS",
        }
        http = self.client.http_client
        ranges = [quote(n) for n in names]
        answer = self._call(
            "reading the values",
            lambda: http.values_batch_get(self.spreadsheet_id, ranges, params),
        )
        grids: dict[str, Grid] = {}
        for name, value_range in zip(names, answer.get("valueRanges", []), strict=False):
            kinds = _format_types(sheets[name])
            grid = [
                [read_value(v, kinds.get((r, c))) for c, v in enumerate(row)]
                for r, row in enumerate(value_range.get("values", []))
            ]
            grids[name] = _fill_merges(grid, sheets[name].get("merges", []))
        return grids

    def read_cell_states(self, cells: dict[str, list[str]]) -> dict[str, dict[str, CellState]]:
        """Fills and notes of the given cells, from the metadata already read."""
        sheets = self._sheets()
        states: dict[str, dict[str, CellState]] = {}
        for name, addresses in cells.items():
            if name not in sheets:
                continue
            rows = _row_data(sheets[name])
            states[name] = {}
            for address in addresses:
                r, c = parse_a1(address)
                data = _at(rows, r - 1, c - 1)
                fmt = data.get("userEnteredFormat") or {}
                fill = {k: fmt[k] for k in FILL_MASKS if k in fmt} or None
                states[name][address] = CellState(fill, data.get("note") or None)
        return states

    def export_pdf(self, tab: str) -> bytes:
        """One saved tab as a PDF, made by Google's own export."""
        sheet_id = self._sheet_id(tab)
        if sheet_id is None:
            raise HostError(f"{self.label} has no tab '{tab}' to export.")
        url = f"https://docs.google.com/spreadsheets/d/{self.spreadsheet_id}/export"
        params = {"format": "pdf", "gid": str(sheet_id)}
        http = self.client.http_client
        answer = self._call("exporting a PDF", lambda: http.request("get", url, params=params))
        return answer.content

    # --- staging ------------------------------------------------------------------------

    def _sheet_id(self, name: str) -> int | None:
        sheet = self._sheets().get(name)
        return sheet["properties"].get("sheetId", 0) if sheet else None

    def _names(self) -> list[str]:
        if self._staged_names is None:
            self._staged_names = list(self._sheets())
        return self._staged_names

    def apply_marks(self, marks: dict[str, dict[str, Mark]]) -> None:
        """Stage a fill and a note on each cell."""
        for name, cells in marks.items():
            sid = self._sheet_id(name)
            if sid is None:
                continue
            for address, mark in cells.items():
                cell = {"userEnteredFormat": {"backgroundColor": rgb(mark.fill)}, "note": mark.note}
                self._staged.marks.append(
                    _update_cell(sid, address, cell, "userEnteredFormat.backgroundColor,note")
                )

    def restore_cells(self, states: dict[str, dict[str, CellState]]) -> None:
        """Stage putting back each cell's own fill and note exactly."""
        for name, cells in states.items():
            sid = self._sheet_id(name)
            if sid is None:
                continue
            for address, state in cells.items():
                fill = state.fill or {}
                styled = "backgroundColorStyle" in fill
                key = "backgroundColorStyle" if styled else "backgroundColor"
                cell: dict[str, Any] = {"note": state.note or ""}
                if key in fill:
                    cell["userEnteredFormat"] = {key: fill[key]}
                self._staged.restores.append(
                    _update_cell(sid, address, cell, f"userEnteredFormat.{key},note")
                )

    def _new_id(self) -> int:
        self._metadata()
        while True:
            candidate = random.randint(100_000_000, 2_000_000_000)
            if candidate not in self._used_ids:
                self._used_ids.add(candidate)
                return candidate

    def write_sheets(self, sheets: list[SheetContent]) -> None:
        """Stage creating or replacing owned tabs, values and links included."""
        names = self._names()
        ids = {n: self._sheet_id(n) for n in self._sheets()}
        new_ids = {content.name: self._new_id() for content in sheets}
        ids.update(new_ids)
        for content in sheets:
            if content.name + WRITING in names:  # left by a save that failed half-way
                self._drop(content.name + WRITING)
            if content.name in names:
                self._drop(content.name)
            sid = new_ids[content.name]
            requests = _sheet_requests(content, sid, ids)
            self._staged.tabs.append(NewTab(sid, content.name, content.hidden, requests))
            names.append(content.name)

    def delete_sheets(self, names: list[str]) -> None:
        """Stage removing tabs; names that do not exist are ignored."""
        for name in names:
            if name in self._names():
                self._drop(name)

    def _drop(self, name: str) -> None:
        staged = [op for op in self._staged.tabs if isinstance(op, NewTab) and op.title == name]
        if staged:  # added earlier in this save: simply not added
            self._staged.tabs.remove(staged[-1])
        else:
            self._staged.tabs.append({"deleteSheet": {"sheetId": self._sheet_id(name)}})
        self._names().remove(name)

    def save(self) -> None:
        """Send every staged change: one spreadsheets:batchUpdate (all or nothing), or the
        fewest under Google's size limit with the Checks tab still all or nothing."""
        if not self._staged:
            return
        bodies = plan(self._staged, self.max_body)
        http = self.client.http_client
        self._staged = Staged()
        self._staged_names = None
        self._meta = None
        for index, body in enumerate(bodies.bodies):
            try:
                self._call(
                    "saving", lambda b=body: http.batch_update(self.spreadsheet_id, {"requests": b})
                )
            except HostError as error:
                raise HostError(self._half_saved(bodies, index, http, error)) from None
        log.info(
            "%s: saved %d change(s) in %d request(s)",
            self.label,
            sum(len(b) for b in bodies.bodies),
            len(bodies.bodies),
        )

    def _half_saved(self, bodies: Any, index: int, http: Any, error: HostError) -> str:
        """What a failed part of a split save left, after removing its unfinished tabs."""
        if index == 0:
            return str(error)
        count = len(bodies.bodies)
        if bodies.swap is not None and index > bodies.swap:
            return (
                f"{error} The Checks tab was written, but part {index + 1} of {count} of the "
                "marks was not, so some flagged cells have no fill or note yet; run ProdDesk "
                "again to mark them."
            )
        added = [
            r["addSheet"]["properties"]["sheetId"]
            for body in bodies.bodies[:index]
            for r in body
            if "addSheet" in r
        ]
        cleanup = [{"deleteSheet": {"sheetId": sid}} for sid in added]
        try:
            self.retry.call(
                "tidying up", lambda: http.batch_update(self.spreadsheet_id, {"requests": cleanup})
            )
        except Exception:  # the next save removes what is left (WRITING tabs)
            log.warning("%s: unfinished tabs left for the next save to remove", self.label)
        return (
            f"{error} Part {index + 1} of {count} of the save failed, so the Checks tab and "
            "the marks are as they were before (cells no longer flagged may already have their "
            "own fill and note back); run ProdDesk again."
        )


# --- helpers ----------------------------------------------------------------------------


def _update_cell(sid: int, address: str, cell: dict[str, Any], fields: str) -> dict[str, Any]:
    """An updateCells request for one cell."""
    r, c = parse_a1(address)
    grid = {"sheetId": sid, "startRowIndex": r - 1, "endRowIndex": r}
    grid |= {"startColumnIndex": c - 1, "endColumnIndex": c}
    return {"updateCells": {"range": grid, "rows": [{"values": [cell]}], "fields": fields}}


def _row_data(sheet: dict[str, Any]) -> list[dict[str, Any]]:
    data = sheet.get("data") or [{}]
    return data[0].get("rowData", [])


def _at(rows: list[dict[str, Any]], r: int, c: int) -> dict[str, Any]:
    if r >= len(rows):
        return {}
    values = rows[r].get("values", [])
    return values[c] if c < len(values) else {}


def _format_types(sheet: dict[str, Any]) -> dict[tuple[int, int], str]:
    kinds = {}
    for r, row in enumerate(_row_data(sheet)):
        for c, cell in enumerate(row.get("values", [])):
            kind = (cell.get("userEnteredFormat") or {}).get("numberFormat", {}).get("type")
            if kind:
                kinds[(r, c)] = kind
    return kinds


def _fill_merges(grid: Grid, merges: list[dict[str, int]]) -> Grid:
    for merge in merges:
        r0, r1 = merge.get("startRowIndex", 0), merge["endRowIndex"]
        c0, c1 = merge.get("startColumnIndex", 0), merge["endColumnIndex"]
        top = grid[r0][c0] if r0 < len(grid) and c0 < len(grid[r0]) else None
        if top is None:
            continue
        for r in range(r0, r1):
            while len(grid) <= r:
                grid.append([])
            row = grid[r]
            row.extend([None] * (c1 - len(row)))
            for c in range(c0, c1):
                row[c] = top
    return grid


def _sheet_requests(content: SheetContent, sid: int, ids: dict[str, int | None]) -> list[dict]:
    """addSheet, the values, links, bold header, row fills and widths of one owned tab."""
    width = max((len(row) for row in content.rows), default=1) or 1
    height = max(len(content.rows), 1)
    grid = {"rowCount": height + 20, "columnCount": max(width, len(content.widths), 1)}
    if content.header_rows and len(content.rows) > content.header_rows:
        grid["frozenRowCount"] = content.header_rows
    if content.frozen_columns:
        grid["frozenColumnCount"] = content.frozen_columns
    props: dict[str, Any] = {"sheetId": sid, "title": content.name, "gridProperties": grid}
    if content.hidden:
        props["hidden"] = True
    rows = []
    for r, row in enumerate(content.rows):
        values = []
        for c, value in enumerate(row):
            cell = cell_data(value)
            target = content.links.get((r, c))
            if target is not None and ids.get(target.sheet) is not None:
                link = f"#gid={ids[target.sheet]}&range={target.a1}"
                label = str(value if value is not None else target.a1).replace('"', '""')
                cell["userEnteredValue"] = {"formulaValue": f'=HYPERLINK("{link}","{label}")'}
            values.append(cell)
        rows.append({"values": values})
    requests: list[dict[str, Any]] = [{"addSheet": {"properties": props}}]
    if rows:
        requests.append(
            {
                "updateCells": {
                    "start": {"sheetId": sid, "rowIndex": 0, "columnIndex": 0},
                    "rows": rows,
                    "fields": "userEnteredValue,userEnteredFormat.numberFormat",
                }
            }
        )
    requests.extend(_format_requests(content, sid, width))
    if content.autofilter and content.header_rows and len(content.rows) > content.header_rows:
        span = {"sheetId": sid, "startRowIndex": content.header_rows - 1}
        span |= {"endRowIndex": len(content.rows), "startColumnIndex": 0, "endColumnIndex": width}
        requests.append({"setBasicFilter": {"filter": {"range": span}}})
    for c, chars in enumerate(content.widths):
        requests.append(
            {
                "updateDimensionProperties": {
                    "range": {
                        "sheetId": sid,
                        "dimension": "COLUMNS",
                        "startIndex": c,
                        "endIndex": c + 1,
                    },
                    "properties": {"pixelSize": int(chars * 7 + 5)},
                    "fields": "pixelSize",
                }
            }
        )
    return requests


def _format_requests(content: SheetContent, sid: int, width: int) -> list[dict[str, Any]]:
    """Bold header, row fills and wrapped columns as a few repeatCell requests over ranges
    (rather than a format on every cell, which made a long Checks tab three times bigger)."""

    def repeat(r0: int, r1: int, c0: int, c1: int, fmt: dict, mask: str) -> dict[str, Any]:
        span = {"sheetId": sid, "startRowIndex": r0, "endRowIndex": r1}
        span |= {"startColumnIndex": c0, "endColumnIndex": c1}
        cell = {"userEnteredFormat": fmt}
        return {"repeatCell": {"range": span, "cell": cell, "fields": mask}}

    height = len(content.rows)
    requests = []
    if content.header_rows and height:
        bold = {"textFormat": {"bold": True}}
        rows = min(content.header_rows, height)
        requests.append(repeat(0, rows, 0, width, bold, "userEnteredFormat.textFormat.bold"))
    run_start, run_fill = 0, None
    for r in [*range(height), height]:  # runs of rows with the same fill (errors come first)
        fill = content.row_fills.get(r) if r < height else None
        if fill != run_fill:
            if run_fill is not None:
                fmt = {"backgroundColor": rgb(run_fill)}
                requests.append(
                    repeat(run_start, r, 0, width, fmt, "userEnteredFormat.backgroundColor")
                )
            run_start, run_fill = r, fill
    for c in sorted(content.wrap_columns):
        if c < width and height:
            fmt = {"wrapStrategy": "WRAP", "verticalAlignment": "TOP"}
            mask = "userEnteredFormat.wrapStrategy,userEnteredFormat.verticalAlignment"
            requests.append(repeat(0, height, c, c + 1, fmt, mask))
    return requests


def _no_access(sid: str) -> str:
    return (
        f"Google refused access to spreadsheet {sid}: share it (Editor) with the "
        "service account's e-mail address."
    )


def _host_error(error: APIError, label: str) -> HostError:
    status = status_of(error)
    if status == 404:
        return HostError(f"Google has no spreadsheet {label} (check the URL or id).")
    if status == 403:
        return HostError(_no_access(label))
    if status == 429:
        return HostError(f"Google's request quota is used up for now ({label}); try again later.")
    if status and status >= 500:
        return HostError(f"Google Sheets is not answering properly ({status}) for {label}.")
    message = (error.error or {}).get("message", "") if isinstance(error.error, dict) else ""
    return HostError(f"Google refused the change to {label}: {message or status}.")


__all__ = ["GoogleSheetsHost", "column_letter", "open_spreadsheet", "spreadsheet_id"]
