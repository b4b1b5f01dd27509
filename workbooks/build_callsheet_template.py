"""Build ``callsheet_template.xlsx``: the call sheet layout ProdDesk fills in.

Run ``python workbooks/build_callsheet_template.py``. The template is an ordinary
workbook a coordinator can restyle in Excel: cells hold ``{{ placeholders }}``,
and a row holding ``{{ crew.name }}`` (any ``list.field``) repeats once per item.
Every placeholder is listed in workbooks/README.md.

Layout (columns A-H, US Letter portrait, fit to one page wide): a header with a
logo box, the production and the day; the calls box (crew call, shooting call,
lunch, wrap, sunrise, sunset); weather, key contacts, walkies and safety;
locations with parking and nearest hospital; scenes with total pages; cast;
crew by department; the advance schedule; notes, changes and problems.
"""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.worksheet.worksheet import Worksheet

HERE = Path(__file__).resolve().parent
OUTPUT = HERE / "callsheet_template.xlsx"

INK = "1F2A44"
BAND = "D9E1F2"
SAFETY = "FDE9E7"
WHITE = "FFFFFF"
FONT = "Arial"
WIDTHS = {"A": 8, "B": 16, "C": 30, "D": 9, "E": 9, "F": 11, "G": 14, "H": 20}
SLOTS = {"location": 2, "scene": 8, "cast": 8, "crew": 16, "advance": 4, "change": 1, "problem": 1}

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
    ws: Worksheet, row: int, name: str, cells: list[tuple[str, str, str]], height: float = 15
) -> int:
    """``SLOTS[name]`` rows of ``{{ name.field }}`` cells; returns the next free row.

    A field given as ``a/b/c`` puts ``a``, ``b`` and ``c`` on lines of their own in the cell.
    """
    for r in range(row, row + SLOTS[name]):
        for ref, field, align in cells:
            text = "\n".join(f"{{{{ {name}.{part} }}}}" for part in field.split("/"))
            _put(ws, ref.format(r=r), text, align=align, wrap=True)
        ws.row_dimensions[r].height = height
    return row + SLOTS[name]


def build(path: Path = OUTPUT) -> Path:
    """Write the call sheet template."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Call Sheet"
    for column, width in WIDTHS.items():
        ws.column_dimensions[column].width = width
    ws.sheet_view.showGridLines = False

    # header
    _put(ws, "A1:B4", "YOUR LOGO HERE\n(replace with your logo)", size=8, color="8EA0C0",
         align="center", wrap=True, border=Border(left=thin, right=thin, top=thin, bottom=thin),
         italic=True)
    _put(ws, "C1:F1", "{{ production }}", size=18, bold=True, color=INK, border=None)
    _put(ws, "C2:F2", "{{ company }}", size=10, border=None)
    _put(ws, "C3:F3", "Production # {{ production_number }}", size=9, border=None)
    _put(ws, "C4:F4", "Office: {{ office_address }}  |  {{ office_phone }}", size=8, border=None)
    _put(ws, "G1:H1", "CALL SHEET", size=16, bold=True, color=WHITE, fill=INK, align="center")
    _put(ws, "G2:H2", "{{ date_text }}", size=10, bold=True, align="center")
    _put(ws, "G3:H3", "{{ day_of }}", size=12, bold=True, color=INK, align="center")
    _put(ws, "G4:H4", "{{ version_text }}", size=8, italic=True, align="center")
    ws.row_dimensions[1].height = 26
    for r in (2, 3, 4):
        ws.row_dimensions[r].height = 16
    ws.row_dimensions[5].height = 6

    # calls box
    labels = [("A6:B6", "GENERAL CREW CALL"), ("C6", "SHOOTING CALL"), ("D6:E6", "LUNCH"),
              ("F6", "EST. WRAP"), ("G6", "SUNRISE"), ("H6", "SUNSET")]
    _headers(ws, 6, labels)
    _put(ws, "A7:B7", "{{ crew_call }}", size=20, bold=True, color=INK, align="center",
         border=BOX)
    for ref, field in (("C7", "shooting_call"), ("D7:E7", "lunch"), ("F7", "wrap"),
                       ("G7", "sunrise"), ("H7", "sunset")):
        _put(ws, ref, f"{{{{ {field} }}}}", size=12, bold=True, align="center")
    ws.row_dimensions[7].height = 30
    info = [("WEATHER", "{{ weather }}", None),
            ("KEY CONTACTS", "Producer: {{ producer }}   Director: {{ director }}   "
             "UPM: {{ upm }}   1st AD: {{ first_ad }}   Coordinator: {{ coordinator }}", None),
            ("WALKIE CHANNELS", "{{ walkie_channels }}", None),
            ("SAFETY", "{{ safety_notes }}", SAFETY)]
    for r, (label, value, fill) in enumerate(info, start=8):
        _put(ws, f"A{r}:B{r}", label, size=8, bold=True, fill=BAND)
        _put(ws, f"C{r}:H{r}", value, wrap=True, fill=fill)
        ws.row_dimensions[r].height = 15
    ws.row_dimensions[11].height = 28

    row = 13
    _title(ws, row, "LOCATIONS")
    _headers(ws, row + 1, [("A{r}:B{r}", "LOCATION"), ("C{r}", "ADDRESS"),
                           ("D{r}:F{r}", "PARKING"), ("G{r}:H{r}", "NEAREST HOSPITAL")])
    row = _list_rows(ws, row + 2, "location", [("A{r}:B{r}", "name/contact/phone", "left"),
                                               ("C{r}", "address", "left"),
                                               ("D{r}:F{r}", "parking", "left"),
                                               ("G{r}:H{r}",
                                                "hospital/hospital_address/hospital_phone",
                                                "left")], 48)

    scene_cells = [("A{r}", "scene", "center"), ("B{r}:C{r}", "set", "left"),
                   ("D{r}", "ie", "center"), ("E{r}", "dn", "center"),
                   ("F{r}", "pages", "center"), ("G{r}", "cast", "center"),
                   ("H{r}", "location", "left")]
    scene_headers = [("A{r}", "SC"), ("B{r}:C{r}", "SET / DESCRIPTION"), ("D{r}", "I/E"),
                     ("E{r}", "D/N"), ("F{r}", "PAGES"), ("G{r}", "CAST"),
                     ("H{r}", "LOCATION")]
    row += 1
    _title(ws, row, "SCENES")
    _headers(ws, row + 1, scene_headers)
    row = _list_rows(ws, row + 2, "scene", scene_cells)
    _put(ws, f"A{row}:E{row}", "TOTAL PAGES", size=8, bold=True, align="right", fill=BAND)
    _put(ws, f"F{row}", "{{ total_pages }}", bold=True, align="center", fill=BAND)
    _put(ws, f"G{row}:H{row}", "", fill=BAND)

    row += 2
    _title(ws, row, "CAST")
    _headers(ws, row + 1, [("A{r}", "#"), ("B{r}", "CHARACTER"), ("C{r}", "ACTOR"),
                           ("D{r}", "STATUS"), ("E{r}", "PICKUP"), ("F{r}", "H/MU"),
                           ("G{r}", "ON SET"), ("H{r}", "NOTES")])
    row = _list_rows(ws, row + 2, "cast", [("A{r}", "id", "center"), ("B{r}", "character", "left"),
                                           ("C{r}", "actor", "left"), ("D{r}", "status", "center"),
                                           ("E{r}", "pickup", "center"), ("F{r}", "hmu", "center"),
                                           ("G{r}", "on_set", "center"),
                                           ("H{r}", "notes", "left")])

    row += 1
    _title(ws, row, "CREW")
    _headers(ws, row + 1, [("A{r}:B{r}", "DEPARTMENT"), ("C{r}", "NAME"),
                           ("D{r}:F{r}", "POSITION"), ("G{r}", "CALL"), ("H{r}", "PHONE")])
    row = _list_rows(ws, row + 2, "crew", [("A{r}:B{r}", "section", "left"),
                                           ("C{r}", "name", "left"),
                                           ("D{r}:F{r}", "position", "left"),
                                           ("G{r}", "call", "center"),
                                           ("H{r}", "phone", "left")])

    row += 1
    _title(ws, row, "ADVANCE SCHEDULE: {{ advance_title }}")
    _headers(ws, row + 1, scene_headers)
    row = _list_rows(ws, row + 2, "advance", scene_cells)
    _put(ws, f"A{row}:E{row}", "TOTAL PAGES", size=8, bold=True, align="right", fill=BAND)
    _put(ws, f"F{row}", "{{ advance_total_pages }}", bold=True, align="center", fill=BAND)
    _put(ws, f"G{row}:H{row}", "", fill=BAND)

    row += 2
    _title(ws, row, "NOTES")
    _put(ws, f"A{row + 1}:H{row + 1}", "{{ notes }}", wrap=True)
    ws.row_dimensions[row + 1].height = 30
    row += 2
    _put(ws, f"A{row}:H{row}", "CHANGES SINCE THE LAST VERSION", size=8, bold=True, fill=BAND)
    row = _list_rows(ws, row + 1, "change", [("A{r}:H{r}", "text", "left")])
    _put(ws, f"A{row}:H{row}", "PRODDESK CHECKS", size=8, bold=True, fill=BAND)
    row = _list_rows(ws, row + 1, "problem", [("A{r}:H{r}", "text", "left")])
    _put(ws, f"A{row}:H{row}", "Made with ProdDesk from the production book. "
         "No forced calls without UPM approval. All calls subject to change.",
         size=7, italic=True, color="6B7A99", align="center", border=None)

    ws.print_area = f"A1:H{row}"
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
