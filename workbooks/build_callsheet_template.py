"""Build ``callsheet_template.xlsx``: the call sheet layout ProdDesk fills in.

Run ``python workbooks/build_callsheet_template.py``. The template is an ordinary
workbook a coordinator can restyle in Excel: cells hold ``{{ placeholders }}``,
and a row holding ``{{ crew.name }}`` (any ``list.field``) repeats once per item.
Every placeholder is listed in workbooks/README.md.

Layout (columns A-H, US Letter portrait, fit to one page wide). Page 1: a header
(rows 1-4, repeated on every page) with the logo space, the production, date,
day and version; the REVISED banner and the changes (empty on version 1); the
calls box; notes, safety, special equipment, weather, walkies; key contacts with
phones; department notes; locations (contact, phone, parking, notes, nearest
hospital with its phone on a line of its own); scenes (set, synopsis, notes) with
total pages; background and stand-ins; cast. Page 2: the crew by department, the
advance schedule, with --show-costs (the heads' copy only) the Cost of the day and,
with --show-problems, the build problems.
"""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.worksheet.pagebreak import Break
from openpyxl.worksheet.worksheet import Worksheet

HERE = Path(__file__).resolve().parent
OUTPUT = HERE / "callsheet_template.xlsx"

INK = "1F2A44"
BAND = "D9E1F2"
SAFETY = "FDE9E7"
WHITE = "FFFFFF"
FONT = "Arial"
WIDTHS = {"A": 8, "B": 16, "C": 30, "D": 9, "E": 9, "F": 11, "G": 14, "H": 20}
SLOTS = {"location": 1, "scene": 4, "cast": 4, "crew": 16, "advance": 3, "change": 1,
         "problem": 1, "contact": 5, "department_note": 1, "background": 1, "cost": 1}
REVISED = "C00000"

thin = Side(style="thin", color="8EA0C0")
medium = Side(style="medium", color=INK)
GRID = Border(left=thin, right=thin, top=thin, bottom=thin)
BOX = Border(left=medium, right=medium, top=medium, bottom=medium)


def _style(
    ws: Worksheet,
    ref: str,
    *,
    size: float = 9,
    bold: bool = False,
    color: str = "000000",
    fill: str | None = None,
    align: str = "left",
    wrap: bool = False,
    border: Border | None = GRID,
    italic: bool = False,
) -> None:
    """Style every cell of a range (and merge it when it spans more than one cell)."""
    if ":" in ref:
        ws.merge_cells(ref)
    for row in ws[ref] if ":" in ref else [[ws[ref]]]:
        for cell in row:
            cell.font = Font(name=FONT, size=size, bold=bold, color=color, italic=italic)
            cell.alignment = Alignment(horizontal=align, vertical="center", wrap_text=wrap)
            if fill:
                cell.fill = PatternFill("solid", start_color=fill, end_color=fill)
            if border is not None:
                cell.border = border


def _put(ws: Worksheet, ref: str, value: str, **style: object) -> None:
    ws[ref.split(":")[0]] = value
    _style(ws, ref, **style)  # type: ignore[arg-type]


def _title(ws: Worksheet, row: int, text: str) -> None:
    _put(ws, f"A{row}:H{row}", text, size=10, bold=True, color=WHITE, fill=INK)
    ws.row_dimensions[row].height = 16


def _headers(ws: Worksheet, row: int, cells: list[tuple[str, str]]) -> None:
    for ref, text in cells:
        _put(ws, ref.format(r=row), text, size=8, bold=True, fill=BAND, align="center")


def _list_rows(
    ws: Worksheet, row: int, name: str, cells: list[tuple[str, str, str]], height: float = 15,
    border: Border | None = GRID,
) -> int:
    """``SLOTS[name]`` rows of ``{{ name.field }}`` cells; returns the next free row.

    A field given as ``a/b/c`` puts ``a``, ``b`` and ``c`` on lines of their own in the cell.
    """
    for r in range(row, row + SLOTS[name]):
        for ref, field, align in cells:
            text = "\n".join(f"{{{{ {name}.{part} }}}}" for part in field.split("/") if part)
            _put(ws, ref.format(r=r), text, align=align, wrap=True, border=border)
        ws.row_dimensions[r].height = height
    return row + SLOTS[name]


def _field_row(ws: Worksheet, row: int, label: str, value: str, height: float = 15,
               fill: str | None = None) -> None:
    _put(ws, f"A{row}:B{row}", label, size=8, bold=True, fill=BAND)
    _put(ws, f"C{row}:H{row}", value, wrap=True, fill=fill)
    ws.row_dimensions[row].height = height


def build(path: Path = OUTPUT) -> Path:
    """Write the call sheet template."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Call Sheet"
    for column, width in WIDTHS.items():
        ws.column_dimensions[column].width = width
    ws.sheet_view.showGridLines = False

    # header (rows 1-4 repeat on every page): the logo space stays empty without a logo
    _put(ws, "A1:B4", "{{ logo }}", size=8, align="center", border=None)
    _put(ws, "C1:F1", "{{ production }}", size=18, bold=True, color=INK, border=None)
    _put(ws, "C2:F2", "{{ company }}", size=10, border=None)
    _put(ws, "C3:F3", "{{ production_number_line }}", size=9, border=None)
    _put(ws, "C4:F4", "{{ office_line }}", size=8, border=None)
    _put(ws, "G1:H1", "CALL SHEET", size=16, bold=True, color=WHITE, fill=INK, align="center")
    _put(ws, "G2:H2", "{{ date_text }}", size=10, bold=True, align="center")
    _put(ws, "G3:H3", "{{ day_of }}", size=12, bold=True, color=INK, align="center")
    _put(ws, "G4:H4", "{{ version_text }}", size=8, bold=True, align="center")
    ws.row_dimensions[1].height = 26
    for r in (2, 3, 4):
        ws.row_dimensions[r].height = 16

    # a revision says so first: banner, then what changed
    _put(ws, "A5:H5", "{{ revised }}", size=11, bold=True, color=REVISED, align="center",
         border=None)
    ws.row_dimensions[5].height = 16
    _put(ws, "A6:H6", "{{ changes_title }}", size=8, bold=True, color=REVISED, border=None)
    ws.row_dimensions[6].height = 12
    row = _list_rows(ws, 7, "change", [("A{r}:H{r}", "text", "left")], 13, border=None)

    # calls box
    labels = [("A{r}:B{r}", "GENERAL CREW CALL"), ("C{r}", "SHOOTING CALL"),
              ("D{r}:E{r}", "LUNCH"), ("F{r}", "EST. WRAP"), ("G{r}", "SUNRISE"),
              ("H{r}", "SUNSET")]
    _headers(ws, row, labels)
    row += 1
    _put(ws, f"A{row}:B{row}", "{{ crew_call }}", size=20, bold=True, color=INK, align="center",
         border=BOX)
    for ref, field in (("C{r}", "shooting_call"), ("D{r}:E{r}", "lunch"), ("F{r}", "wrap"),
                       ("G{r}", "sunrise"), ("H{r}", "sunset")):
        _put(ws, ref.format(r=row), f"{{{{ {field} }}}}", size=12, bold=True, align="center")
    ws.row_dimensions[row].height = 30
    row += 1
    _field_row(ws, row, "NOTES", "{{ notes }}", 28)
    _field_row(ws, row + 1, "SAFETY", "{{ safety_notes }}", 28, SAFETY)
    _field_row(ws, row + 2, "SPECIAL EQUIPMENT", "{{ special_equipment }}")
    _field_row(ws, row + 3, "WEATHER", "{{ weather }}")
    _field_row(ws, row + 4, "WALKIE CHANNELS", "{{ walkie_channels }}")
    row += 5
    _headers(ws, row, [("A{r}:B{r}", "KEY CONTACTS"), ("C{r}", "NAME"), ("D{r}:F{r}", "PHONE"),
                       ("G{r}:H{r}", "")])
    row = _list_rows(ws, row + 1, "contact", [("A{r}:B{r}", "role", "left"),
                                              ("C{r}", "name", "left"),
                                              ("D{r}:F{r}", "phone", "left"),
                                              ("G{r}:H{r}", "", "left")], 13)
    _headers(ws, row, [("A{r}:B{r}", "DEPARTMENT NOTES"), ("C{r}:H{r}", "")])
    row = _list_rows(ws, row + 1, "department_note", [("A{r}:B{r}", "department", "left"),
                                                      ("C{r}:H{r}", "text", "left")], 13)

    row += 1
    _title(ws, row, "LOCATIONS")
    _headers(ws, row + 1, [("A{r}:B{r}", "LOCATION / CONTACT"), ("C{r}", "ADDRESS"),
                           ("D{r}:F{r}", "PARKING / NOTES"), ("G{r}:H{r}", "NEAREST HOSPITAL")])
    row = _list_rows(ws, row + 2, "location", [("A{r}:B{r}", "name/contact/phone", "left"),
                                               ("C{r}", "address", "left"),
                                               ("D{r}:F{r}", "parking/notes", "left"),
                                               ("G{r}:H{r}",
                                                "hospital/hospital_address/hospital_phone",
                                                "left")], 48)

    scene_cells = [("A{r}", "scene", "center"), ("B{r}:C{r}", "description", "left"),
                   ("D{r}", "ie", "center"), ("E{r}", "dn", "center"),
                   ("F{r}", "pages", "center"), ("G{r}", "cast", "center"),
                   ("H{r}", "location", "left")]
    scene_headers = [("A{r}", "SC"), ("B{r}:C{r}", "SET / SYNOPSIS / NOTES"), ("D{r}", "I/E"),
                     ("E{r}", "D/N"), ("F{r}", "PAGES"), ("G{r}", "CAST"),
                     ("H{r}", "LOCATION")]
    row += 1
    _title(ws, row, "SCENES")
    _headers(ws, row + 1, scene_headers)
    row = _list_rows(ws, row + 2, "scene", scene_cells, 34)
    _put(ws, f"A{row}:E{row}", "TOTAL PAGES", size=8, bold=True, align="right", fill=BAND)
    _put(ws, f"F{row}", "{{ total_pages }}", bold=True, align="center", fill=BAND)
    _put(ws, f"G{row}:H{row}", "", fill=BAND)
    row += 1
    _headers(ws, row, [("A{r}", "SC"), ("B{r}", "BACKGROUND"), ("C{r}", "WHAT"),
                       ("D{r}", "COUNT"), ("E{r}:H{r}", "{{ background_total }}")])
    row = _list_rows(ws, row + 1, "background", [("A{r}", "scene", "center"),
                                                 ("B{r}", "kind", "left"),
                                                 ("C{r}", "what", "left"),
                                                 ("D{r}", "count", "center"),
                                                 ("E{r}:H{r}", "", "left")], 13)

    row += 1
    _title(ws, row, "CAST")
    _headers(ws, row + 1, [("A{r}", "#"), ("B{r}", "CHARACTER"), ("C{r}", "ACTOR"),
                           ("D{r}", "STATUS"), ("E{r}", "PICKUP"), ("F{r}", "H/MU"),
                           ("G{r}", "ON SET"), ("H{r}", "NOTES")])
    row = _list_rows(ws, row + 2, "cast", [("A{r}", "id", "center"), ("B{r}", "character", "left"),
                                           ("C{r}", "actor", "left"), ("D{r}", "status", "center"),
                                           ("E{r}", "pickup", "center"), ("F{r}", "hmu", "center"),
                                           ("G{r}", "on_set", "center"),
                                           ("H{r}", "notes", "left")])

    # the crew starts page 2; its column header repeats on each page it runs to
    ws.row_breaks.append(Break(id=row))
    row += 1
    _title(ws, row, "CREW")
    _headers(ws, row + 1, [("A{r}:B{r}", "DEPARTMENT"), ("C{r}", "NAME"),
                           ("D{r}:F{r}", "POSITION"), ("G{r}", "CALL"), ("H{r}", "PHONE")])
    row = _list_rows(ws, row + 2, "crew", [("A{r}:B{r}", "section", "left"),
                                           ("C{r}", "name", "left"),
                                           ("D{r}:F{r}", "position", "left"),
                                           ("G{r}", "call", "center"),
                                           ("H{r}", "phone", "left")], 13.5)

    row += 1
    _title(ws, row, "ADVANCE SCHEDULE: {{ advance_title }}")
    _headers(ws, row + 1, scene_headers)
    advance_cells = [(ref, "set" if field == "description" else field, align)
                     for ref, field, align in scene_cells]
    row = _list_rows(ws, row + 2, "advance", advance_cells)
    _put(ws, f"A{row}:E{row}", "TOTAL PAGES", size=8, bold=True, align="right", fill=BAND)
    _put(ws, f"F{row}", "{{ advance_total_pages }}", bold=True, align="center", fill=BAND)
    _put(ws, f"G{row}:H{row}", "", fill=BAND)

    # the Cost of the day: filled on the production's copy only (--show-costs), else empty
    row += 2
    _put(ws, f"A{row}:H{row}", "{{ costs_title }}", size=8, bold=True, color=INK, border=None)
    ws.row_dimensions[row].height = 12
    row = _list_rows(ws, row + 1, "cost", [("A{r}:B{r}", "department", "left"),
                                           ("C{r}", "people", "left"),
                                           ("D{r}:E{r}", "hours", "center"),
                                           ("F{r}:G{r}", "pay", "right"),
                                           ("H{r}", "overtime", "right")], 13, border=None)
    _put(ws, f"A{row}:H{row}", "{{ costs_note }}", size=8, italic=True, border=None)
    ws.row_dimensions[row].height = 12

    row += 2
    _put(ws, f"A{row}:H{row}", "{{ problems_title }}", size=8, bold=True, color=REVISED,
         border=None)
    ws.row_dimensions[row].height = 12
    row = _list_rows(ws, row + 1, "problem", [("A{r}:H{r}", "text", "left")], 13, border=None)
    _put(ws, f"A{row}:H{row}", "No forced calls without UPM approval. All calls subject to change.",
         size=7, italic=True, color="6B7A99", align="center", border=None)

    ws.print_area = f"A1:H{row}"
    ws.print_title_rows = "1:4"
    ws.page_setup.orientation = "portrait"
    ws.page_setup.paperSize = ws.PAPERSIZE_LETTER
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = ws.page_margins.right = 0.4
    ws.page_margins.top = ws.page_margins.bottom = 0.4
    ws.oddFooter.center.text = "&P of &N"
    ws.oddFooter.center.size = 7
    wb.properties.creator = "ProdDesk"
    wb.save(path)
    return path


if __name__ == "__main__":
    print(build())
