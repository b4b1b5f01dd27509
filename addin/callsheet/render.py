"""Fill a call sheet template: ``{{ field }}`` cells and repeating list rows.

The template is a workbook whose first sheet with placeholders is the call
sheet. A cell's ``{{ name }}`` is replaced by a field of the call sheet; a row
holding ``{{ crew.name }}`` (any ``list.field``) repeats once per item of that
list. Consecutive rows of the same list are its slots: items fill them, unused
slots are emptied (their formatting stays), and items beyond the last slot get
new rows formatted like it.

``plan_render`` is host-agnostic (cell values and row insertions any host can
apply); ``Template`` applies a plan with openpyxl to a copy of the template
loaded once, so every style, merge, image and print setting of the
coordinator's template is kept. Every value is written as text, never a formula.
"""

from __future__ import annotations

import copy
import io
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import openpyxl
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, MergedCell
from openpyxl.utils.cell import range_boundaries
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.merge import MergedCellRange
from openpyxl.worksheet.worksheet import Worksheet

from addin.callsheet.build import CallSheet
from addin.errors import TemplateError
from addin.hosts.base import Grid, SheetContent
from addin.model import Finding, Severity, a1

PLACEHOLDER = re.compile(r"\{\{\s*([A-Za-z_]\w*)(?:\.([A-Za-z_]\w*))?\s*\}\}")
LISTS = {
    "scene": "scenes",
    "cast": "cast",
    "crew": "crew",
    "location": "locations",
    "advance": "advance",
    "contact": "contacts",
    "change": "changes",
    "problem": "problems",
}
"""Placeholder prefix -> the call sheet's list."""
MAX_TEXT = 32767


@dataclass
class ListBlock:
    """Consecutive template rows (1-based, inclusive) that repeat for one list."""

    name: str
    first: int
    last: int

    @property
    def slots(self) -> int:
        """How many items fit without inserting rows."""
        return self.last - self.first + 1


@dataclass
class Layout:
    """Where a template's placeholders are."""

    sheet: str
    grid: Grid
    fields: list[tuple[int, int, str]]
    blocks: list[ListBlock]


@dataclass
class Insertion:
    """Insert ``count`` rows after template row ``after``, formatted like row ``like``."""

    after: int
    count: int
    like: int


@dataclass
class RenderPlan:
    """What to write: insertions (bottom-up, template rows) then values (final rows)."""

    insertions: list[Insertion]
    values: dict[tuple[int, int], str | None]
    row_map: dict[int, int]
    """Template row -> final row, for rows outside lists."""
    rows: int
    findings: list[Finding] = field(default_factory=list)


def _cell(grid: Grid, row: int, col: int) -> Any:
    line = grid[row - 1] if row - 1 < len(grid) else []
    return line[col - 1] if col - 1 < len(line) else None


def read_layout(grid: Grid, sheet: str, label: str) -> Layout:
    """The placeholders of a template sheet's grid; TemplateError when there are none."""
    fields: list[tuple[int, int, str]] = []
    row_lists: dict[int, str] = {}
    for r, line in enumerate(grid, start=1):
        names = set()
        for c, value in enumerate(line, start=1):
            if not isinstance(value, str) or "{{" not in value:
                continue
            found = PLACEHOLDER.findall(value)
            names |= {prefix for prefix, sub in found if sub and prefix in LISTS}
            fields.append((r, c, value))
        if len(names) > 1:
            raise TemplateError(
                f"{label}: row {r} repeats for more than one list ({', '.join(sorted(names))}); "
                "put each list on rows of its own."
            )
        if names:
            row_lists[r] = names.pop()
    if not fields:
        raise TemplateError(
            f"{label} has no placeholders such as {{{{ production }}}} or {{{{ crew.name }}}}; "
            "see workbooks/README.md for the call sheet template's placeholders."
        )
    blocks: list[ListBlock] = []
    for r in sorted(row_lists):
        if blocks and blocks[-1].name == row_lists[r] and blocks[-1].last == r - 1:
            blocks[-1].last = r
        else:
            blocks.append(ListBlock(row_lists[r], r, r))
    seen: set[str] = set()
    for block in blocks:
        if block.name in seen:
            raise TemplateError(
                f"{label}: the {block.name} list appears twice (again at row {block.first}); "
                "keep its rows together."
            )
        seen.add(block.name)
    fields = [(r, c, v) for r, c, v in fields if r not in row_lists]
    return Layout(sheet, grid, fields, blocks)


def context(sheet: CallSheet, show_problems: bool = False) -> tuple[dict[str, str], dict]:
    """(fields, lists) of a call sheet as template text."""
    data = sheet.to_dict()
    lists = {name: data.pop(key) for name, key in LISTS.items()}
    lists["change"] = [{"text": text} for text in lists["change"]]
    lists["problem"] = [{"text": text} for text in lists["problem"]] if show_problems else []
    fields = {key: "" if value is None else str(value) for key, value in data.items()}
    return fields, lists


def plan_render(
    layout: Layout, sheet: CallSheet, show_problems: bool = False, label: str = "template"
) -> RenderPlan:
    """Cell values and row insertions that turn the template into this day's call sheet."""
    fields, lists = context(sheet, show_problems)
    findings: list[Finding] = []
    unknown: set[str] = set()

    def fill(text: str, values: dict[str, str], prefix: str | None, row: int, col: int) -> str:
        def one(match: re.Match[str]) -> str:
            head, sub = match.group(1), match.group(2)
            if sub is None and head in values and prefix is None:
                return values[head]
            if sub is not None and head == prefix and sub in values:
                return values[sub]
            if match.group(0) not in unknown:
                unknown.add(match.group(0))
                findings.append(
                    Finding(
                        Severity.WARNING, "callsheet.unknown_placeholder", layout.sheet, row,
                        None, a1(row, col),
                        f"The template's {match.group(0)} in {a1(row, col)} is not a call sheet "
                        "field, so it is left empty.",
                    )
                )
            return ""

        result = PLACEHOLDER.sub(one, text)
        return fields_fit(result, row, col)

    def fields_fit(text: str, row: int, col: int) -> str:
        text = ILLEGAL_CHARACTERS_RE.sub("", text)
        if len(text) > MAX_TEXT:
            findings.append(
                Finding(
                    Severity.WARNING, "callsheet.overflow", layout.sheet, row, None,
                    a1(row, col),
                    f"Text for {a1(row, col)} is longer than a cell can hold; it was cut to "
                    f"{MAX_TEXT} characters.",
                )
            )
            text = text[:MAX_TEXT]
        return text

    block_rows = {r for b in layout.blocks for r in range(b.first, b.last + 1)}
    extras = {b.name: max(0, len(lists[b.name]) - b.slots) for b in layout.blocks}

    def shift(row: int) -> int:
        return row + sum(extras[b.name] for b in layout.blocks if b.last < row)

    row_map = {r: shift(r) for r in range(1, len(layout.grid) + 1) if r not in block_rows}
    values: dict[tuple[int, int], str | None] = {}
    for r, c, text in layout.fields:
        # Fields take the scalar names; list rows never reach here.
        values[(row_map[r], c)] = fill(text, fields, None, r, c) or None
    insertions: list[Insertion] = []
    for block in layout.blocks:
        items = lists[block.name]
        start = shift(block.first)
        cells = [
            (c, v) for c, v in enumerate(layout.grid[block.first - 1], start=1) if v is not None
        ]
        for k, item in enumerate(items):
            values_of = {key: "" if v is None else str(v) for key, v in item.items()}
            for c, v in cells:
                text = v if isinstance(v, str) else str(v)
                final = fill(text, values_of, block.name, block.first, c)
                values[(start + k, c)] = final or None
        for k in range(len(items), block.slots):
            for c, line_value in enumerate(layout.grid[block.first + k - 1], start=1):
                if line_value is not None:
                    values[(start + k, c)] = None
        if extras[block.name]:
            insertions.append(Insertion(block.last, extras[block.name], block.last))
    insertions.sort(key=lambda i: i.after, reverse=True)
    total = len(layout.grid) + sum(extras.values())
    return RenderPlan(insertions, values, row_map, total, findings)


def plan_grid(layout: Layout, plan: RenderPlan) -> Grid:
    """The rendered call sheet as a grid of text (for a tab in the book)."""
    width = max((len(line) for line in layout.grid), default=0)
    width = max([width, *(c for _, c in plan.values)])
    grid: Grid = [[None] * width for _ in range(plan.rows)]
    for r, final in plan.row_map.items():
        for c, value in enumerate(layout.grid[r - 1], start=1):
            if value is not None:
                grid[final - 1][c - 1] = value if isinstance(value, str) else str(value)
    for (r, c), value in plan.values.items():
        grid[r - 1][c - 1] = value
    return grid


# ------------------------------------------------------------------ openpyxl


class Template:
    """A call sheet template workbook, loaded once and copied for every call sheet."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        if not self.path.exists():
            raise TemplateError(f"The call sheet template {self.path} does not exist.")
        self._bytes = self.path.read_bytes()
        try:
            self._workbook = self._open()
        except Exception as exc:  # openpyxl raises many kinds for a bad file
            raise TemplateError(
                f"{self.path.name} cannot be opened as an Excel workbook ({exc}); "
                "save it from Excel as .xlsx."
            ) from exc
        self.layout = self._find_layout()
        self._sheet = self.layout.sheet

    def _open(self) -> Workbook:
        # openpyxl workbooks cannot be deep-copied safely (styles, dimensions), so each
        # call sheet starts from the template's bytes, read from disk once per run.
        return openpyxl.load_workbook(io.BytesIO(self._bytes), rich_text=False)

    def _find_layout(self) -> Layout:
        first_error: TemplateError | None = None
        for ws in self._workbook.worksheets:
            grid = [list(row) for row in ws.iter_rows(values_only=True)]
            try:
                return read_layout(grid, ws.title, self.path.name)
            except TemplateError as error:
                first_error = first_error or error
                if "no placeholders" not in str(error):
                    raise
        assert first_error is not None
        raise first_error

    @property
    def widths(self) -> list[float]:
        """Column widths of the template sheet (for a tab in the book)."""
        ws = self._workbook[self._sheet]
        width = max((len(line) for line in self.layout.grid), default=0)
        return [
            ws.column_dimensions[column_letter_of(c)].width or 8.43 for c in range(1, width + 1)
        ]

    def plan(self, sheet: CallSheet, show_problems: bool = False) -> RenderPlan:
        """The render plan of one call sheet."""
        return plan_render(self.layout, sheet, show_problems, self.path.name)

    def render(self, sheet: CallSheet, show_problems: bool = False) -> tuple[Workbook, RenderPlan]:
        """A new workbook: the template filled with this call sheet (only the call sheet tab)."""
        plan = self.plan(sheet, show_problems)
        workbook = self._open()
        for other in [ws for ws in workbook.worksheets if ws.title != self._sheet]:
            workbook.remove(other)
        ws = workbook[self._sheet]
        workbook.active = workbook.worksheets.index(ws)
        apply_plan(ws, plan)
        return workbook, plan

    def save(self, sheet: CallSheet, path: Path, show_problems: bool = False) -> RenderPlan:
        """Render one call sheet into a new .xlsx file."""
        workbook, plan = self.render(sheet, show_problems)
        path.parent.mkdir(parents=True, exist_ok=True)
        workbook.save(path)
        return plan

    def tab(self, sheet: CallSheet, name: str, show_problems: bool = False) -> SheetContent:
        """The call sheet as a tab of text for a host's ``write_sheets``."""
        plan = self.plan(sheet, show_problems)
        return SheetContent(
            name=name,
            rows=plan_grid(self.layout, plan),
            widths=self.widths,
            header_rows=0,
        )


def column_letter_of(col: int) -> str:
    """1 -> 'A' (openpyxl's helper, kept here for one import)."""
    from openpyxl.utils import get_column_letter

    return get_column_letter(col)


def apply_plan(ws: Worksheet, plan: RenderPlan) -> None:
    """Insert the plan's rows into an openpyxl sheet and write its values as text."""
    for insertion in plan.insertions:
        insert_rows_like(ws, insertion.after + 1, insertion.count, insertion.like)
    for (row, col), value in plan.values.items():
        cell = ws.cell(row=row, column=col)
        if isinstance(cell, MergedCell):
            continue
        cell.value = value
        if value is not None:
            cell.data_type = "s"  # never a formula, whatever the text starts with


def insert_rows_like(ws: Worksheet, at: int, count: int, like: int) -> None:
    """Insert ``count`` rows before row ``at``, copying row ``like``'s styles, height and merges.

    Merged ranges, row heights, images, page breaks and the print area below move
    down with their rows (openpyxl's ``insert_rows`` only moves the cells).
    """
    like_merges = [
        (rng.min_col, rng.max_col)
        for rng in ws.merged_cells.ranges
        if rng.min_row == rng.max_row == like
    ]
    ws.insert_rows(at, count)
    ranges = list(ws.merged_cells.ranges)
    for rng in ranges:
        if rng.min_row >= at:
            rng.shift(row_shift=count)
        elif rng.max_row >= at:
            rng.expand(down=count)
    ws.merged_cells.ranges = set(ranges)  # hashes follow the coordinates: rebuild the set
    _shift_dimensions(ws, at, count)
    _shift_drawings(ws, at, count)
    for brk in getattr(ws.row_breaks, "brk", []):
        if brk.id >= at:
            brk.id += count
    _shift_print_area(ws, at, count)
    height = ws.row_dimensions[like].height if like in ws.row_dimensions else None
    styles = [(c, cell._style) for c, cell in enumerate(ws[like], start=1) if cell.has_style]
    covered = {c for first, last in like_merges for c in range(first + 1, last + 1)}
    for row in range(at, at + count):
        if height is not None:
            ws.row_dimensions[row].height = height
        for first, last in like_merges:
            # Added straight to the set: ws.merge_cells checks every range (slow for long
            # lists) and re-derives borders the copied styles already carry.
            ref = f"{column_letter_of(first)}{row}:{column_letter_of(last)}{row}"
            ws.merged_cells.ranges.add(MergedCellRange(ws, ref))
        for col, style in styles:
            if col in covered:
                cell = MergedCell(ws, row, col)
                ws._cells[(row, col)] = cell
            else:
                cell = ws.cell(row=row, column=col)
            cell._style = copy.copy(style)


def _shift_dimensions(ws: Worksheet, at: int, count: int) -> None:
    dims = ws.row_dimensions
    moved = sorted((r for r in list(dims.keys()) if r >= at), reverse=True)
    for r in moved:
        dim = dims.pop(r)
        dim.index = r + count
        dims[r + count] = dim


def _shift_drawings(ws: Worksheet, at: int, count: int) -> None:
    for drawing in [*ws._images, *ws._charts]:
        anchor = drawing.anchor
        if isinstance(anchor, str):
            continue
        start = getattr(anchor, "_from", None)
        # Anchor rows are 0-based: sheet row ``at`` is row ``at - 1`` there.
        if start is not None and start.row >= at - 1:
            start.row += count
            end = getattr(anchor, "to", None)
            if end is not None:
                end.row += count
        elif (
            start is not None
            and getattr(anchor, "to", None) is not None
            and anchor.to.row >= at - 1
        ):
            anchor.to.row += count


def _shift_print_area(ws: Worksheet, at: int, count: int) -> None:
    area = ws.print_area
    if not area:
        return
    ranges = []
    for part in area.split(","):
        ref = part.split("!")[-1].replace("$", "")
        min_col, min_row, max_col, max_row = range_boundaries(ref)
        if max_row is not None and max_row >= at - 1:
            max_row += count
        if min_row is not None and min_row >= at:
            min_row += count
        ranges.append(f"{column_letter_of(min_col)}{min_row}:{column_letter_of(max_col)}{max_row}")
    ws.print_area = ranges


TEMPLATE_TAB_NAMES = frozenset({"callsheettemplate", "callsheettemplates", "template"})
"""header_key of the tab names a book's own call sheet template may have."""


def book_tab(book: Any, sheet: CallSheet, name: str, show_problems: bool = False) -> SheetContent:
    """The call sheet as a tab of the book, from its own template tab when it has one.

    The book's "Call Sheet Template" tab (or "Template") gives the layout; without
    one, the bundled template is used. The tab holds the values (as text) and the
    template's column widths.
    """
    from addin.callsheet.command import default_template
    from addin.schema import header_key

    own = next((t for t in book.sheet_names if header_key(t) in TEMPLATE_TAB_NAMES), None)
    if own is None:
        return default_template().tab(sheet, name, show_problems)
    layout = read_layout(book.grids[own], own, book.label)
    plan = plan_render(layout, sheet, show_problems, book.label)
    return SheetContent(name=name, rows=plan_grid(layout, plan), header_rows=0)
