"""Fill a call sheet template: ``{{ field }}`` cells and repeating list rows.

The template is a workbook whose first sheet with placeholders is the call
sheet. A cell's ``{{ name }}`` is replaced by a field of the call sheet; a row
holding ``{{ crew.name }}`` (any ``list.field``) repeats once per item of that
list. Consecutive rows of the same list are its slots: items fill them, unused
slots are emptied (their formatting stays), and items beyond the last slot get
new rows formatted like it.

``plan_render`` is host-agnostic (cell values and row insertions any host can
apply); ``Template`` writes a plan as an .xlsx file from the template compiled
once (``xlsx_writer``), so every style, merge, image and print setting of the
coordinator's template is kept. Every value is written as text, never a formula.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import openpyxl
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.drawing.image import Image
from openpyxl.utils import get_column_letter
from openpyxl.workbook.workbook import Workbook

from addin.callsheet.build import CallSheet
from addin.callsheet.xlsx_writer import SheetPackage
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
    "background": "background",
    "department_note": "department_notes",
    "cost": "costs",
}
"""Placeholder prefix -> the call sheet's list."""
HIDE_WHEN_EMPTY = {"background": ("background_",), "cost": ("cost_", "costs_")}
"""Lists whose slot rows, and the rows right above and below them that hold only the list's
own fields (these prefixes), are left out when the list has no item and those fields are
empty: a day with no background, the crew's copy without the Cost of the day."""
MAX_TEXT = 32767
LOGO = "logo"
"""``{{ logo }}``: the cell (or merged range) the coordinator's logo is fitted into."""


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
class Pages:
    """How much of the template one printed page holds (points, at the print scale)."""

    body: float
    """Height of rows one page holds below the print titles."""
    heights: dict[int, float]
    default: float
    breaks: list[int]
    """Template rows a manual page break follows."""

    def height(self, row: int) -> float:
        """A template row's height in points."""
        return self.heights.get(row, self.default)


@dataclass
class Layout:
    """Where a template's placeholders are."""

    sheet: str
    grid: Grid
    fields: list[tuple[int, int, str]]
    blocks: list[ListBlock]
    pages: Pages | None = None


@dataclass
class Insertion:
    """Insert ``count`` rows after template row ``after``, formatted like row ``like``."""

    after: int
    count: int
    like: int
    likes: list[int] | None = None
    """Per inserted row, the template row it is formatted like (else ``like`` for all)."""


@dataclass
class RenderPlan:
    """What to write: insertions (bottom-up, template rows) then values (final rows)."""

    insertions: list[Insertion]
    values: dict[tuple[int, int], str | None]
    row_map: dict[int, int]
    """Template row -> final row, for rows outside lists."""
    rows: int
    findings: list[Finding] = field(default_factory=list)
    breaks: list[int] = field(default_factory=list)
    """Final rows a page ends on, before a repeated list header."""
    hidden: list[int] = field(default_factory=list)
    """Final rows left out of the sheet: an empty list's header and slots (``HIDE_WHEN_EMPTY``)."""


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


def context(
    sheet: CallSheet, show_problems: bool = False, data: dict | None = None
) -> tuple[dict[str, str], dict]:
    """(fields, lists) of a call sheet as template text (``data``: its ``to_dict()`` if made)."""
    from addin.callsheet.costs import EMPTY

    data = {**EMPTY, **(sheet.to_dict() if data is None else data)}
    lists = {name: data.pop(key) for name, key in LISTS.items()}
    lists["change"] = [{"text": text} for text in lists["change"]]
    lists["problem"] = [{"text": text} for text in lists["problem"]] if show_problems else []
    fields = {key: "" if value is None else str(value) for key, value in data.items()}
    fields.setdefault(LOGO, "")  # marks where the logo goes; the cell itself stays empty
    return fields, lists


def plan_render(
    layout: Layout,
    sheet: CallSheet,
    show_problems: bool = False,
    label: str = "template",
    data: dict | None = None,
) -> RenderPlan:
    """Cell values and row insertions that turn the template into this day's call sheet.

    ``data`` is the call sheet's ``to_dict()`` when the caller has made it already.
    """
    fields, lists = context(sheet, show_problems, data)
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
    rows_of = {b.name: _paged_rows(layout, b, len(lists[b.name])) for b in layout.blocks}
    """Per list, each of its rows in order: an item's index, or HEADER (a repeated header)."""
    extras = {b.name: max(0, len(rows_of[b.name]) - b.slots) for b in layout.blocks}

    def shift(row: int) -> int:
        return row + sum(extras[b.name] for b in layout.blocks if b.last < row)

    row_map = {r: shift(r) for r in range(1, len(layout.grid) + 1) if r not in block_rows}
    hidden = _hidden_when_empty(layout, lists, block_rows, shift, fields)
    values: dict[tuple[int, int], str | None] = {}
    for r, c, text in layout.fields:
        # Fields take the scalar names; list rows never reach here.
        values[(row_map[r], c)] = fill(text, fields, None, r, c) or None
    insertions: list[Insertion] = []
    breaks: list[int] = []
    for block in layout.blocks:
        items = lists[block.name]
        start = shift(block.first)
        cells = [
            (c, v) for c, v in enumerate(layout.grid[block.first - 1], start=1) if v is not None
        ]
        header = block.first - 1
        header_cells = [
            (c, v if isinstance(v, str) else str(v))
            for c, v in enumerate(layout.grid[header - 1], start=1) if v is not None
        ] if header >= 1 else []
        for k, index in enumerate(rows_of[block.name]):
            if index == HEADER:
                breaks.append(start + k - 1)
                for c, text in header_cells:
                    values[(start + k, c)] = fill(text, fields, None, header, c) or None
                continue
            values_of = {key: "" if v is None else str(v) for key, v in items[index].items()}
            for c, v in cells:
                text = v if isinstance(v, str) else str(v)
                final = fill(text, values_of, block.name, block.first, c)
                values[(start + k, c)] = final or None
        for k in range(len(rows_of[block.name]), block.slots):
            for c, line_value in enumerate(layout.grid[block.first + k - 1], start=1):
                if line_value is not None:
                    values[(start + k, c)] = None
        if extras[block.name]:
            likes = [header if index == HEADER else block.last
                     for index in rows_of[block.name][block.slots:]]
            insertions.append(Insertion(block.last, extras[block.name], block.last, likes))
    total = len(layout.grid) + sum(extras.values())
    added = _added_costs(layout, fields, lists["cost"])
    if added:  # a template without a place for the Cost of the day: it goes below the rest
        last = len(layout.grid)
        below = next((i for i in insertions if i.after == last), None)
        if below is None:
            insertions.append(Insertion(last, len(added), last))
        else:  # the template ends on a list's row: the box follows the list's new rows
            below.likes = (below.likes or [below.like] * below.count) + [last] * len(added)
            below.count += len(added)
        for k, text in enumerate(added, start=1):
            values[(total + k, 1)] = fields_fit(text, total + k, 1)
        total += len(added)
    insertions.sort(key=lambda i: i.after, reverse=True)
    return RenderPlan(insertions, values, row_map, total, findings, breaks, hidden)


def _hidden_when_empty(
    layout: Layout, lists: dict[str, list], block_rows: set[int], shift: Callable[[int], int],
    fields: dict[str, str],
) -> list[int]:
    """Final rows of each empty ``HIDE_WHEN_EMPTY`` list: its slots and its own header and
    footer rows: the row right above it when it holds no placeholder but the list's own
    fields (``{{ background_total }}``, or only text), and the row right below it when it
    holds only the list's own fields (``{{ costs_note }}``)."""
    hidden: list[int] = []
    for block in layout.blocks:
        prefixes = HIDE_WHEN_EMPTY.get(block.name)
        if prefixes is None or lists[block.name]:
            continue
        own_rows = []
        for row in (block.first - 1, block.last + 1):
            found = [f for r, _, text in layout.fields if r == row
                     for f in PLACEHOLDER.findall(text)]
            footer_without_fields = row > block.last and not found
            if 1 <= row <= len(layout.grid) and row not in block_rows and all(
                head.startswith(prefixes) and not sub for head, sub in found
            ) and not footer_without_fields:
                own_rows.append((row, [head for head, _ in found]))
        if any(fields.get(head) for _, heads in own_rows for head in heads):
            continue  # the list is shown on purpose, with its own words ("No crew ...")
        hidden += [shift(row) for row, _ in own_rows]
        hidden += [shift(block.first) + k for k in range(block.slots)]
    return sorted(hidden)


def _added_costs(layout: Layout, fields: dict[str, str], costs: list[dict]) -> list[str]:
    """The Cost of the day as lines of text, when the template has no place for it."""
    placed = any(b.name == "cost" for b in layout.blocks) or any(
        "costs_title" in text for _, _, text in layout.fields
    )
    if placed or not fields.get("costs_title"):
        return []
    lines = ["", fields["costs_title"]]
    lines += [", ".join(v for v in (f"{c['department']}: {c['people']}", c["hours"], c["pay"],
                                     c["overtime"]) if v) for c in costs]
    return lines + ([fields["costs_note"]] if fields.get("costs_note") else [])


HEADER = -1


def _paged_rows(layout: Layout, block: ListBlock, count: int) -> list[int]:
    """The list's rows: item indexes, with HEADER where a new page repeats the column header.

    Only for a list whose section starts a page (a page break at most two rows above
    its first row, the rows between being its title and column header) and when the
    page setup is known; the pages are measured from the template's row heights at
    its print scale, with room to spare so LibreOffice never breaks earlier itself.
    """
    plain = list(range(count))
    pages = layout.pages
    if pages is None or block.first < 2:
        return plain
    above = [b for b in pages.breaks if block.first - 3 <= b < block.first - 1]
    if not above:
        return plain
    room = pages.body - sum(pages.height(r) for r in range(above[-1] + 1, block.first))
    item, header = pages.height(block.first), pages.height(block.first - 1)
    if item <= 0 or pages.body - header < item:
        return plain
    rows: list[int] = []
    for index in range(count):
        if room < item:
            rows.append(HEADER)
            room = pages.body - header
        rows.append(index)
        room -= item
    if HEADER in rows[: block.slots]:
        return plain  # a header would fall on a slot row, whose look is the list's
    return rows


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
    hidden = set(plan.hidden)
    return [line for r, line in enumerate(grid, start=1) if r not in hidden]


# ------------------------------------------------------------------ the .xlsx file


class Template:
    """A call sheet template workbook, compiled once and written again for every call sheet.

    openpyxl reads the template once (its layout and column widths) and saves it
    once with only the call sheet tab: that skeleton keeps every style, merge,
    image and print setting, and each call sheet is written from it by
    ``SheetPackage``, rebuilding only the parts that change.
    """

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        workbook = self._load()
        self.layout = _find_layout(workbook, self.path.name)
        self._sheet = self.layout.sheet
        skeleton = _skeleton(workbook, self._sheet)
        self._package = SheetPackage(skeleton, self._sheet, self.path.name)
        self.fonts = _fonts(skeleton)
        # After the skeleton is saved: reading column_dimensions adds entries to the sheet.
        ws = workbook[self._sheet]
        width = max((len(line) for line in self.layout.grid), default=0)
        self.widths = [  # of the template sheet, for a tab in the book
            ws.column_dimensions[get_column_letter(c)].width or 8.43 for c in range(1, width + 1)
        ]
        self.layout.pages = _pages(ws, self.widths)

    def _load(self) -> Workbook:
        if not self.path.exists():
            raise TemplateError(f"The call sheet template {self.path} does not exist.")
        try:
            return openpyxl.load_workbook(self.path, rich_text=False)
        except Exception as exc:  # openpyxl raises many kinds for a bad file
            raise TemplateError(
                f"{self.path.name} cannot be opened as an Excel workbook ({exc}); "
                "save it from Excel as .xlsx."
            ) from exc

    def with_logo(self, image: bytes) -> Template:
        """This template with the logo fitted into its ``{{ logo }}`` cell (else unchanged)."""
        where = next(
            ((r, c) for r, c, text in self.layout.fields
             if (found := PLACEHOLDER.fullmatch(text.strip())) and found.group(1) == LOGO),
            None,
        )
        if where is None:
            return self
        workbook = self._load()
        ws = workbook[self._sheet]
        first_row, first_col, last_row, last_col = where[0], where[1], where[0], where[1]
        for merged in ws.merged_cells.ranges:
            if (merged.min_row, merged.min_col) == where:
                last_row, last_col = merged.max_row, merged.max_col
        width = sum(
            (ws.column_dimensions[get_column_letter(c)].width or 8.43) * 7 + 5
            for c in range(first_col, last_col + 1)
        )
        height = sum(
            (ws.row_dimensions[r].height or 15) * 4 / 3 for r in range(first_row, last_row + 1)
        )
        try:
            picture = Image(io.BytesIO(image))
        except Exception as exc:  # Pillow raises many kinds for a bad image
            raise TemplateError(f"The logo is not an image Pillow can read ({exc}).") from exc
        scale = min((width - 8) / picture.width, (height - 8) / picture.height)
        picture.width, picture.height = int(picture.width * scale), int(picture.height * scale)
        ws.add_image(picture, f"{get_column_letter(first_col)}{first_row}")
        logo = object.__new__(Template)
        logo.__dict__.update(self.__dict__)
        skeleton = _skeleton(workbook, self._sheet)
        logo._package = SheetPackage(skeleton, self._sheet, self.path.name)
        return logo

    def plan(
        self, sheet: CallSheet, show_problems: bool = False, data: dict | None = None
    ) -> RenderPlan:
        """The render plan of one call sheet (``data``: its ``to_dict()`` when already made)."""
        return plan_render(self.layout, sheet, show_problems, self.path.name, data)

    def save(
        self, sheet: CallSheet, path: Path, show_problems: bool = False, data: dict | None = None
    ) -> RenderPlan:
        """Render one call sheet into a new .xlsx file (only the call sheet tab)."""
        plan = self.plan(sheet, show_problems, data)
        self._package.save(plan.insertions, plan.values, path, plan.breaks, plan.hidden)
        return plan

    def tab(
        self, sheet: CallSheet, name: str, show_problems: bool = False, data: dict | None = None
    ) -> SheetContent:
        """The call sheet as a tab of text for a host's ``write_sheets``."""
        plan = self.plan(sheet, show_problems, data)
        return SheetContent(
            name=name,
            rows=plan_grid(self.layout, plan),
            widths=self.widths,
            header_rows=0,
        )


def _find_layout(workbook: Workbook, label: str) -> Layout:
    first_error: TemplateError | None = None
    for ws in workbook.worksheets:
        grid = [list(row) for row in ws.iter_rows(values_only=True)]
        try:
            return read_layout(grid, ws.title, label)
        except TemplateError as error:
            first_error = first_error or error
            if "no placeholders" not in str(error):
                raise
    assert first_error is not None
    raise first_error


PAPER_INCHES = {1: (8.5, 11.0), 5: (8.5, 14.0), 9: (8.27, 11.69), 8: (11.69, 16.54)}
"""Excel's paper size codes (Letter, Legal, A4, A3) -> width, height in inches."""
SPARE = 0.9
"""Of a page's measured height, how much is filled before the header repeats."""


def _pages(ws: Any, widths: list[float]) -> Pages | None:
    """The printed page of a template sheet, measured; None when its page setup is unusual."""
    setup, margins = ws.page_setup, ws.page_margins
    try:
        paper = PAPER_INCHES[int(setup.paperSize or 1)]
    except (KeyError, ValueError):
        return None
    across, down = paper if setup.orientation != "landscape" else paper[::-1]
    default = float(ws.sheet_format.defaultRowHeight or 15)
    heights = {r: float(d.height) for r, d in ws.row_dimensions.items() if d.height is not None}
    usable_width = (across - (margins.left or 0.7) - (margins.right or 0.7)) * 72
    content = sum(int(w * 7 + 5) for w in widths) * 0.75  # Excel column widths to points
    if ws.sheet_properties.pageSetUpPr is not None and ws.sheet_properties.pageSetUpPr.fitToPage:
        scale = min(1.0, usable_width / content) if content else 1.0
    else:
        scale = (setup.scale or 100) / 100
    titles = 0
    if ws.print_title_rows:
        match = re.search(r"(\d+)\D*$", ws.print_title_rows)
        titles = int(match.group(1)) if match else 0
    body = (down - (margins.top or 0.75) - (margins.bottom or 0.75)) * 72 / scale
    body = body * SPARE - sum(heights.get(r, default) for r in range(1, titles + 1))
    breaks = sorted(b.id for b in ws.row_breaks.brk)
    return Pages(body, heights, default, breaks)


def _fonts(package: bytes) -> list[str]:
    """The font names a workbook's styles use (its cells' fonts), in order."""
    with zipfile.ZipFile(io.BytesIO(package)) as archive:
        styles = archive.read("xl/styles.xml").decode("utf-8")
    fonts = styles[styles.find("<fonts"):styles.find("</fonts>")]
    return list(dict.fromkeys(re.findall(r'<(?:\w+:)?name val="([^"]+)"', fonts)))


def _skeleton(workbook: Workbook, sheet: str) -> bytes:
    """The template saved with only its call sheet tab, the active one."""
    for other in [ws for ws in workbook.worksheets if ws.title != sheet]:
        workbook.remove(other)
    workbook.active = 0
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


TEMPLATE_TAB_NAMES = frozenset({"callsheettemplate", "callsheettemplates", "template"})
"""header_key of the tab names a book's own call sheet template may have."""


def book_tab(book: Any, sheet: CallSheet, name: str, show_problems: bool = False) -> SheetContent:
    """The call sheet as a tab of the book, from its own template tab when it has one.

    The book's "Call Sheet Template" tab (or "Template") gives the layout; without
    one, the bundled template is used. The tab holds the values (as text) and the
    template's column widths. With the Settings' ``Show Costs On Call Sheet`` the tab
    (the production office's copy) carries the Cost of the day.
    """
    from addin.callsheet.command import default_template
    from addin.schema import header_key

    data = None
    if book.settings.show_costs_on_call_sheet:
        from addin.callsheet.costs import cost_box
        from addin.daycost import forecast

        data = {**sheet.to_dict(), **cost_box(forecast(book).get(sheet.day))}
    own = next((t for t in book.sheet_names if header_key(t) in TEMPLATE_TAB_NAMES), None)
    if own is None:
        return default_template().tab(sheet, name, show_problems, data)
    layout = read_layout(book.grids[own], own, book.label)
    plan = plan_render(layout, sheet, show_problems, book.label, data)
    return SheetContent(name=name, rows=plan_grid(layout, plan), header_rows=0)
