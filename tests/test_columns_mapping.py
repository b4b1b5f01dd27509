"""The coordinator teaches ProdDesk their headers: the Columns section of Settings."""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl

from addin.cli import main
from addin.run import check_book
from tests.books import TODAY, book_of, hot_budget_actuals, write_xlsx
from tests.callsheet.callsheet_books import grids as callsheet_grids

VENDORS = [["Vendor", "Contact", "Phone"], ["Acme Grip & Electric", "Sam", "(310) 555-0199"],
           ["Panavision", "Lee", "(818) 555-0100"]]
COST_REPORT = [["COST REPORT - DETAIL"], [],
               ["ACCT", "LINE ITEM", "BID TOTAL", "ACTUAL TO DATE"],
               ["2000", "Grip & Electric", "$5,000.00", "$4,200.00"]]
SETTINGS = [
    ["Setting", "Value"],
    ["Production", "The Long Take"],
    ["Region", "US"],
    [],
    ["Columns", None],
    ["POs: PO #", "REF #"],
    ["POs: Vendor", "PAYEE"],
    ["POs: Amount", "ACTUAL"],
    ["POs: Account", "LINE"],
    ["POs: Description", "LINE DESCRIPTION"],
    ["Tab: Cost Report Detail", "Budget"],
    ["Budget: Account", "ACCT"],
    ["Budget: Budget", "BID TOTAL"],
    ["Budget: Description", "LINE ITEM"],
]


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def _book(tmp_path: Path, settings: list[list] = SETTINGS) -> Path:
    return write_xlsx(tmp_path / "Actuals.xlsx", {
        "Settings": settings,
        "Vendors": VENDORS,
        "PO Log": hot_budget_actuals(),
        "Cost Report Detail": COST_REPORT,
    })


def test_a_mapped_actuals_book_is_read_and_checked(tmp_path, capsys):
    code, out, err = run(capsys, "validate", str(_book(tmp_path)), "--format", "json",
                         "--today", "2026-11-25")
    payload = json.loads(out)
    found = {(f["rule"], f["sheet"], f["cell"]) for f in payload["findings"]}
    assert code == 1, err
    assert ("po.unknown_vendor", "PO Log", "C5") in found  # 'Acme Grip + Elec'
    assert ("po.unknown_account", "PO Log", "A6") in found  # line 2100 is not budgeted
    assert not [f for f in payload["findings"] if f["rule"].startswith("book.")]
    tabs = {t["tab"]: t for t in payload["read"]["tabs"]}
    assert tabs["PO Log"]["header_row"] == 4
    assert tabs["PO Log"]["columns"] == {
        "LINE": "Account", "LINE DESCRIPTION": "Description", "PAYEE": "Vendor",
        "ACTUAL": "Amount", "REF #": "PO #",
    }
    assert tabs["PO Log"]["left_alone"] == ["CHECK DATE"]
    assert tabs["Cost Report Detail"]["kind"] == "Budget"
    assert tabs["Cost Report Detail"]["columns"]["BID TOTAL"] == "Budget"
    assert tabs["Cost Report Detail"]["left_alone"] == ["ACTUAL TO DATE"]


def test_the_coordinators_header_wins_over_a_built_in_alias():
    book = book_of({
        "Settings": [["Columns"], ["POs: Amount", "ACTUAL"]],
        "POs": [["PO #", "Vendor", "Total", "ACTUAL"], [1001, "Acme", 999, 120]],
    })
    assert book.tables["POs"].rows()[0]["Amount"] == 120.0
    assert book.tables["POs"].headers["Amount"] == "ACTUAL"


def test_a_tab_mapped_to_ignore_is_left_alone():
    book = book_of({
        "Settings": [["Columns"], ["Tab: Old POs", "Ignore"], ["Tab: PO Log 2026", "POs"]],
        "Old POs": [["PO #", "Vendor"], [1, "Acme"]],
        "PO Log 2026": [["PO #", "Vendor"], [7, "Acme"]],
    })
    assert book.tables["POs"].sheet == "PO Log 2026"
    assert check_book(book, TODAY).read.left_alone == ["Old POs"]


def test_mappings_naming_what_does_not_exist_are_findings_at_their_cell(tmp_path, capsys):
    settings = [*SETTINGS[:5],
                ["POs: PO #", "REF #"],
                ["POs: Vendor", "PAYE"],               # B7: no such header
                ["POs: Vendr", "PAYEE"],               # A8: no such ProdDesk column
                ["Tab: Cost Reprt", "Budget"],         # A9: no such tab
                ["Budgett: Account", "ACCT"],          # A10: no such kind of tab
                ["Cast: Actor", "PERFORMER"],          # A11: the book has no Cast tab
                ["POs: Amount", "ACTUAL"]]
    code, out, _ = run(capsys, "validate", str(_book(tmp_path, settings)), "--format", "json")
    assert code == 1  # the mistyped rows are not used; PAYEE (a built-in alias) still is the vendor
    findings = [f for f in json.loads(out)["findings"] if f["rule"] == "book.unknown_mapping"]
    by_cell = {f["cell"]: f["message"] for f in findings}
    assert all(f["sheet"] == "Settings" for f in findings)
    assert by_cell["B7"] == (
        "Columns mapping 'POs: Vendor = PAYE': tab 'PO Log' has no header 'PAYE' "
        "in its header row (row 4)."
    )
    assert by_cell["A8"].startswith(
        "Columns mapping 'POs: Vendr = PAYEE': 'Vendr' is not a POs column ProdDesk knows (PO #,"
    )
    assert by_cell["A9"] == (
        "Columns mapping 'Tab: Cost Reprt = Budget': the book has no tab 'Cost Reprt'."
    )
    assert by_cell["A10"].startswith(
        "Columns mapping 'Budgett: Account = ACCT': 'Budgett' is not a kind of tab"
    )
    assert by_cell["A11"] == (
        "Columns mapping 'Cast: Actor = PERFORMER': the book has no Cast tab."
    )
    assert len(findings) == 5


def test_checks_tab_links_a_bad_mapping_to_its_settings_cell(tmp_path, capsys):
    settings = [*SETTINGS[:5], ["POs: PO #", "REF #"], ["POs: Vendor", "PAYE"]]
    out = tmp_path / "checked.xlsx"
    run(capsys, "validate", str(_book(tmp_path, settings)), "--annotate", str(out))
    workbook = openpyxl.load_workbook(out)
    rows = [[c.value for c in row] for row in workbook["Checks"].iter_rows(min_row=4)]
    bad = next(r for r in rows if r[5] == "book.unknown_mapping")
    assert bad[1:3] == ["Settings", "B7"]
    assert "ProdDesk:" in workbook["Settings"]["B7"].comment.text


def test_call_sheets_use_the_mapping(tmp_path, capsys, monkeypatch):
    book = callsheet_grids()
    book["Crew"][0][2:4] = ["JOB TITLE", "DIGITS"]
    book["Days"][0][2] = "UNIT CALL"
    book["Settings"] += [["Columns", None], ["Crew: Position", "JOB TITLE"],
                         ["Crew: Phone", "DIGITS"], ["Days: Crew Call", "UNIT CALL"]]
    path = write_xlsx(tmp_path / "book.xlsx", book)
    monkeypatch.chdir(tmp_path)
    code = main(["callsheet", str(path), "--day", "1", "--format", "json"])
    data = json.loads(capsys.readouterr().out)
    assert code == 0
    assert data["crew_call"] == "7:00 AM"
    crew = json.dumps(data["crew"])
    assert "DP" in crew and "(310) 555-0143" in crew


def test_a_proddesk_columns_tab_maps_headers_and_tabs_too():
    book = book_of({
        "ProdDesk Columns": [["Tab kind", "ProdDesk column", "Your header"],
                             ["POs", "PO #", "REF #"],
                             ["POs", "Vendor", "PAYEE"],
                             ["Budget", "Tab", "Cost Report Detail"],
                             ["Budget", "Account", "ACCT"],
                             ["Budget", "Budget", "BID TOTAL"],
                             ["POs", "Amount", "ACTUL"]],
        "PO Log": hot_budget_actuals(),
        "Cost Report Detail": COST_REPORT,
    })
    assert book.tables["POs"].headers["Vendor"] == "PAYEE"
    assert book.tables["Budget"].sheet == "Cost Report Detail"
    report = check_book(book, TODAY)
    assert [(f.rule, f.sheet, f.cell) for f in report.findings
            if f.rule.startswith("book.")] == [("book.unknown_mapping", "ProdDesk Columns", "C7")]
    assert "ProdDesk Columns" not in report.read.left_alone


def test_proddesk_columns_writes_the_tab_pre_filled_and_validate_reads_it(tmp_path, capsys):
    path = write_xlsx(tmp_path / "Actuals.xlsx", {
        "Crew List": [["Name", "Dept", "Cell"], ["Pat Lee", "Camera", "(310) 555-0143"]],
        "Vendors": VENDORS,
        "Budget": [["Code", "Item", "Bid"], ["2000", "Grip", 5000]],
    })
    before = path.read_bytes()
    code, out, err = run(capsys, "columns", str(path))
    assert code == 0, err
    assert "Added the ProdDesk Columns tab to Actuals.xlsx" in out
    assert (tmp_path / "Actuals.xlsx.bak").read_bytes() == before
    workbook = openpyxl.load_workbook(path)
    assert workbook.sheetnames == ["Crew List", "Vendors", "Budget", "ProdDesk Columns"]
    rows = [[c.value for c in row] for row in workbook["ProdDesk Columns"].iter_rows()]
    assert rows[0] == ["Tab kind", "ProdDesk column", "Your header"]
    assert ["Crew", "Tab", "Crew List"] in rows
    assert ["Crew", "Department", "Dept"] in rows and ["Crew", "Phone", "Cell"] in rows
    assert ["Budget", "Tab", "Budget"] in rows  # the tab that could not be read, to fill in
    assert ["Budget", "Account", None] in rows

    for row in workbook["ProdDesk Columns"].iter_rows():
        if [c.value for c in row] == ["Budget", "Account", None]:
            row[2].value = "Code"
        if [c.value for c in row] == ["Budget", "Budget", None]:
            row[2].value = "Bid"
    workbook.save(path)
    code, out, _ = run(capsys, "validate", str(path), "--format", "json")
    payload = json.loads(out)
    assert code == 0
    assert not [f for f in payload["findings"] if f["rule"].startswith("book.")]
    tabs = {t["tab"]: t for t in payload["read"]["tabs"]}
    assert tabs["Budget"]["columns"]["Code"] == "Account"
    assert tabs["Budget"]["columns"]["Bid"] == "Budget"
    assert tabs["ProdDesk Columns"]["kind"] == "Columns"


def test_proddesk_columns_never_overwrites_an_existing_tab_and_clear_keeps_it(tmp_path, capsys):
    path = write_xlsx(tmp_path / "b.xlsx", {
        "Crew": [["Name", "Position", "Email"], ["Pat Lee", "DP", "pat@example"]],
        "ProdDesk Columns": [["Tab kind", "ProdDesk column", "Your header"],
                             ["Crew", "Email", "Email"]],
    })
    before = path.read_bytes()
    code, _, err = run(capsys, "columns", str(path))
    assert code == 2
    assert "b.xlsx already has a 'ProdDesk Columns' tab; edit your mapping there" in err
    assert path.read_bytes() == before
    run(capsys, "validate", str(path), "--in-place")
    run(capsys, "clear", str(path))
    assert "ProdDesk Columns" in openpyxl.load_workbook(path).sheetnames


def test_a_column_mapped_twice_uses_the_first_row_and_flags_the_second():
    book = book_of({
        "Settings": [["Columns"], ["POs: Vendor", "PAYEE"], ["POs: Amount", "ACTUAL"],
                     ["pos: vendor", "SUPPLIER"]],
        "POs": [["PO #", "PAYEE", "SUPPLIER", "ACTUAL"], [1001, "Acme", "Other", 120]],
    })
    assert book.tables["POs"].rows()[0]["Vendor"] == "Acme"
    flagged = [(f.cell, f.message) for f in check_book(book, TODAY).findings
               if f.rule == "book.unknown_mapping"]
    assert flagged == [("A4", "Columns mapping 'pos: vendor = SUPPLIER': POs: Vendor is already "
                        "mapped on row 2 ('POs: Vendor = PAYEE'); only that row is used.")]
