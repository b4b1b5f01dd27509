"""Drive export: the book as xlsx (openpyxl), PDF (LibreOffice), CSV or TSV."""

from __future__ import annotations

import csv
import io
import re
import subprocess
import tempfile
import threading
from pathlib import Path

import openpyxl
from openpyxl.comments import Comment
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter

from .loader import hex_color
from .model import DEFAULT_COLUMN_PIXELS, Book, Sheet, rendered

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PDF = "application/pdf"
CSV = "text/csv"
TSV = "text/tab-separated-values"
_SOFFICE_LOCK = threading.Lock()


def _excel_format(pattern: str) -> str:
    """Google pattern -> Excel number format (Excel wants lower-case month tokens)."""
    return re.sub(r"AM/PM|M", lambda m: m.group() if m.group() == "AM/PM" else "m", pattern)


def to_xlsx(book: Book, sheet_ids: list[int] | None = None) -> bytes:
    """The book (or some of its tabs) as an .xlsx file."""
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    chosen = [s for s in book.sheets if sheet_ids is None or s.sheet_id in sheet_ids]
    for sheet in chosen:
        _write_sheet(wb.create_sheet(sheet.title[:31]), sheet)
    if chosen and all(s.props.get("hidden") for s in chosen):
        wb.worksheets[0].sheet_state = "visible"
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def _write_sheet(ws, sheet: Sheet) -> None:
    if sheet.props.get("hidden"):
        ws.sheet_state = "hidden"
    for (r, c), cell in sorted(sheet.cells.items()):
        xl = ws.cell(row=r + 1, column=c + 1)
        if cell.formula is not None:
            xl.value = cell.value if cell.value not in (None, "") else None
        elif cell.value is not None:
            xl.value = cell.value
        if isinstance(xl.value, str):
            xl.data_type = "s"
        if cell.pattern:
            xl.number_format = _excel_format(cell.pattern)
        background = cell.fmt.get("backgroundColor")
        if background:
            color = hex_color(background)
            xl.fill = PatternFill(fill_type="solid", fgColor=color, bgColor=color)
        if (cell.fmt.get("textFormat") or {}).get("bold"):
            xl.font = Font(bold=True)
        if cell.note:
            xl.comment = Comment(cell.note, "ProdDesk")
    for merge in sheet.merges:
        ws.merge_cells(
            start_row=merge["startRowIndex"] + 1,
            end_row=merge["endRowIndex"],
            start_column=merge["startColumnIndex"] + 1,
            end_column=merge["endColumnIndex"],
        )
    for index, meta in sheet.row_meta.items():
        if meta.get("hiddenByUser"):
            ws.row_dimensions[index + 1].hidden = True
    _, used_cols = sheet.used_extent()
    for index in sorted(set(range(used_cols)) | set(sheet.col_meta)):
        meta = sheet.col_meta.get(index, {})
        letter = get_column_letter(index + 1)
        # Every column gets Google's width (its own or the 100 px default), not the
        # narrower default of the program that renders the export.
        pixels = meta.get("pixelSize", DEFAULT_COLUMN_PIXELS)
        ws.column_dimensions[letter].width = max(1.0, (pixels - 5) / 7)
        if meta.get("hiddenByUser"):
            ws.column_dimensions[letter].hidden = True
    frozen_rows = sheet.props["gridProperties"].get("frozenRowCount", 0)
    frozen_cols = sheet.props["gridProperties"].get("frozenColumnCount", 0)
    if frozen_rows or frozen_cols:
        ws.freeze_panes = f"{get_column_letter(frozen_cols + 1)}{frozen_rows + 1}"


def to_pdf(book: Book, sheet_ids: list[int] | None = None, timeout: float = 120) -> bytes:
    """The book (or some tabs) as a PDF, through `soffice --headless --convert-to pdf`."""
    with tempfile.TemporaryDirectory(prefix="fake-sheets-pdf-") as tmp:
        folder = Path(tmp)
        source = folder / "export.xlsx"
        source.write_bytes(to_xlsx(book, sheet_ids))
        profile = (folder / "profile").as_uri()
        command = [
            "soffice",
            f"-env:UserInstallation={profile}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(folder),
            str(source),
        ]
        with _SOFFICE_LOCK:
            subprocess.run(command, capture_output=True, timeout=timeout, check=False)
        result = folder / "export.pdf"
        if not result.exists():
            raise RuntimeError("LibreOffice did not produce a PDF")
        return result.read_bytes()


def to_delimited(book: Book, delimiter: str, sheet_id: int | None = None) -> bytes:
    """The first tab (or the given one) as CSV/TSV of formatted values."""
    sheet = book.sheet_by_id(sheet_id) if sheet_id is not None else book.sheets[0]
    if sheet is None:
        sheet = book.sheets[0]
    rows, cols = sheet.used_extent()
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    for r in range(rows):
        writer.writerow(
            [rendered(sheet.peek(r, c), "FORMATTED_VALUE", "SERIAL_NUMBER") for c in range(cols)]
        )
    return buffer.getvalue().rstrip("\r\n").encode("utf-8")


def export(book: Book, mime_type: str, sheet_id: int | None = None) -> tuple[bytes, str]:
    """Bytes and Content-Type for a Drive export mimeType; ValueError for other types."""
    ids = [sheet_id] if sheet_id is not None else None
    if mime_type == PDF:
        return to_pdf(book, ids), PDF
    if mime_type == XLSX:
        return to_xlsx(book, ids), XLSX
    if mime_type == CSV:
        return to_delimited(book, ",", sheet_id), "text/csv"
    if mime_type == TSV:
        return to_delimited(book, "\t", sheet_id), TSV
    raise ValueError(mime_type)
