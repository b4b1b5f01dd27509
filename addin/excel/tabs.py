"""Add the production tabs a live book lacks, from workbooks/production_template.xlsx.

Each new tab gets the template's header rows (as text), bold headers, column
widths, a frozen header row and the template's dropdowns (where Excel lets
ProdDesk add them). Existing tabs are never touched; if Excel refuses a step,
the tabs added in that run are removed again.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import Any

import xlwings as xw

from addin.book import find_tabs
from addin.errors import HostError
from addin.hosts.excel import freeze_header
from addin.resources import production_template

log = logging.getLogger("addin.excel.tabs")


@dataclass
class TemplateTab:
    """One tab of the production template: rows, widths, dropdowns, frozen rows."""

    name: str
    rows: list[list[Any]]
    widths: list[float]
    dropdowns: list[tuple[str, list[str]]] = field(default_factory=list)
    header_rows: int = 1


def template_tabs() -> list[TemplateTab]:
    """The tabs of the bundled production template, in order."""
    import openpyxl
    from openpyxl.utils import get_column_letter

    workbook = openpyxl.load_workbook(production_template())
    tabs = []
    for ws in workbook.worksheets:
        rows = [list(row) for row in ws.iter_rows(values_only=True)]
        widths = [
            ws.column_dimensions[get_column_letter(c)].width or 8.43
            for c in range(1, ws.max_column + 1)
        ]
        dropdowns = [
            (str(dv.sqref), dv.formula1.strip('"').split(","))
            for dv in ws.data_validations.dataValidation
            if dv.type == "list" and dv.formula1
        ]
        frozen = int(ws.freeze_panes[1:]) - 1 if ws.freeze_panes else 1
        tabs.append(TemplateTab(ws.title, rows, widths, dropdowns, frozen))
    return tabs


def missing_tabs(names: list[str]) -> list[TemplateTab]:
    """The template tabs whose kind the book has under no name or alias."""
    found = find_tabs(names)
    return [tab for tab in template_tabs() if tab.name not in found]


def add_tabs(book: xw.Book, tabs: list[TemplateTab]) -> list[str]:
    """Add the tabs after the last one; all of them or, on a refusal, none."""
    added: list[xw.Sheet] = []
    try:
        for tab in tabs:
            sheets = book.sheets
            sheet = sheets.add(tab.name, after=sheets[len(sheets) - 1])
            added.append(sheet)
            _fill(sheet, tab)
    except Exception as error:
        for sheet in reversed(added):
            try:
                sheet.delete()
            except Exception:
                log.exception("could not remove %s again", sheet.name)
        raise HostError(
            f"Excel refused to add the tab {tabs[len(added) - 1].name if added else ''} "
            f"({error}); nothing was added."
        ) from error
    return [tab.name for tab in tabs]


def _fill(sheet: xw.Sheet, tab: TemplateTab) -> None:
    width = max((len(r) for r in tab.rows), default=0)
    rows = [
        [("'" + v if isinstance(v, str) else v) for v in row] + [None] * (width - len(row))
        for row in tab.rows
    ]
    if rows and width:
        sheet.range("A1").value = rows
        sheet.range((1, 1), (tab.header_rows, width)).font.bold = True
    start = 0
    for i in range(1, len(tab.widths) + 1):
        if i == len(tab.widths) or tab.widths[i] != tab.widths[start]:
            sheet.range((1, start + 1), (1, i)).column_width = tab.widths[start]
            start = i
    freeze_header(sheet, tab.header_rows)
    for address, choices in tab.dropdowns:
        _dropdown(sheet, address, choices)


def _dropdown(sheet: xw.Sheet, address: str, choices: list[str]) -> None:
    """A list dropdown: xlwings' own data validation (Windows and macOS), else COM's Validation."""
    target = sheet.range(address)
    try:
        if hasattr(target, "data_validation"):  # xlwings 0.37.5 and later
            target.data_validation.set_list(choices)
            return
        validation = target.api.Validation
        validation.Delete()
        validation.Add(3, 1, 1, ",".join(choices))  # xlValidateList, xlValidAlertStop, xlBetween
    except Exception:
        log.info("no dropdown added on %s!%s", sheet.name, address)
