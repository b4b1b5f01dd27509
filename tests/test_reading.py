"""Tabs whose columns ProdDesk cannot match are findings, not refusals; far header rows."""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl

from addin.book import build_book
from addin.cli import main
from addin.hosts.memory import MemoryHost
from addin.run import check_book
from tests.books import TODAY, book_of, contact_block_crew, hot_budget_actuals, write_xlsx

VENDORS = [["Vendor", "Contact", "Phone"], ["Acme Grip & Electric", "Sam", "(310) 555-0199"]]
CREW = [["Name", "Department", "Position", "Email"],
        ["Pat Lee", "Camera", "DP", "pat@example"]]


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def _messy_book(tmp_path: Path) -> Path:
    return write_xlsx(tmp_path / "Real Book.xlsx", {
        "Crew": CREW,
        "Vendors": VENDORS,
        "PO Log": hot_budget_actuals(),
        # "BID TOTAL" is a budget column ProdDesk reads (tests/test_vocabulary.py), so this
        # cost report is unreadable only through headers nobody taught it
        "Cost Report": [["COST REPORT"], ["ACCT", "LINE ITEM", "ORIGINAL", "SPENT TO DATE"]],
    })


def test_an_unreadable_tab_is_a_finding_and_the_other_tabs_are_still_checked(tmp_path, capsys):
    code, out, err = run(capsys, "validate", str(_messy_book(tmp_path)), "--format", "json",
                         "--today", "2026-11-25")
    assert code == 1, err  # the crew email error still counts: the book was checked
    findings = json.loads(out)["findings"]
    rules = {(f["rule"], f["sheet"]) for f in findings}
    assert ("crew.invalid_email", "Crew") in rules
    unreadable = [f for f in findings if f["rule"] == "book.unreadable_tab"]
    assert {f["sheet"] for f in unreadable} == {"PO Log", "Cost Report"}
    po_log = next(f for f in unreadable if f["sheet"] == "PO Log")
    assert po_log["severity"] == "warning"
    assert po_log["cell"] == "A4"  # the row that looked most like the header
    assert po_log["message"].startswith(
        "Tab 'PO Log': found LINE, LINE DESCRIPTION, PAYEE, ACTUAL, CHECK DATE, REF # but "
    )
    assert po_log["message"].endswith("; see Settings > Columns to map them.")
    assert "PO #" in po_log["message"]
    assert "'POs: PO #'" in po_log["suggestion"]
    assert not any(f["rule"].startswith(("po.", "budget.")) for f in findings)


def test_unreadable_tab_message_names_what_is_missing_not_a_row_limit():
    book = book_of({"PO Log": [["PAYEE", "ACTUAL", "LINE"], ["Acme", 100, "2000"]]})
    (finding,) = check_book(book, TODAY).findings
    # PAYEE / ACTUAL / LINE may be built-in aliases of Vendor / Amount / Account; either
    # way the message names what it found and what is missing
    assert finding.message == (
        "Tab 'PO Log': found PAYEE, ACTUAL, LINE but none of PO #, Vendor, Amount; "
        "see Settings > Columns to map them."
    ) or finding.message.startswith("Tab 'PO Log': found PAYEE, ACTUAL, LINE but no PO # column")
    assert "first 15 rows" not in finding.message


def test_a_book_whose_only_tab_is_unreadable_exits_0_with_the_warning(tmp_path, capsys,
                                                                     monkeypatch):
    monkeypatch.setenv("COLUMNS", "250")
    path = write_xlsx(tmp_path / "po.xlsx", {"PO Log": [["PAYEE", "ACTUAL"], ["Acme", 100]]})
    code, out, _ = run(capsys, "validate", str(path))
    assert code == 0
    assert "Tab 'PO Log': found PAYEE, ACTUAL" in out
    assert "No problems found" not in out


def test_an_empty_tab_of_a_known_kind_is_an_info_finding():
    book = book_of({"Crew": CREW, "POs": []})
    findings = check_book(book, TODAY).findings
    empty = [f for f in findings if f.rule == "book.unreadable_tab"]
    assert [(f.severity.value, f.message) for f in empty] == [
        ("info", "Tab 'POs' is empty, so its POs checks did not run.")
    ]


def test_a_contact_block_header_on_row_43_is_found(tmp_path):
    book = book_of({"Crew List": contact_block_crew(43)})
    crew = book.tables["Crew"]
    assert crew.header_row == 43
    assert [r["Name"] for r in crew.rows()] == ["Pat Lee", "Sam Roe"]
    assert [r["_row"] for r in crew.rows()] == [44, 45]
    findings = check_book(book, TODAY).flatten()
    assert ("crew.invalid_email", "Crew List", "E45") in findings


def test_a_far_row_that_only_mentions_a_column_is_not_taken_for_the_header():
    rows = [["CREW"]] + [[f"Note {i}"] for i in range(30)]
    rows.append(["Name", "was", "changed", "on", "11/20", "by", "Jo"])  # a remark, not a header
    book = book_of({"Crew": rows})
    assert "Crew" not in book.tables
    assert "Crew" in book.unreadable


def test_the_first_rows_still_win_over_a_far_header():
    grid = [["Name", "Position", "Phone"], ["Pat Lee", "DP", "(310) 555-0143"]]
    grid += [[None]] * 40 + [["Name", "Title", "Dept", "Cell", "Email"], ["Sam", "Grip", "G"]]
    book = build_book(MemoryHost({"Crew": grid}).read_all(), "b.xlsx")
    assert book.tables["Crew"].header_row == 1


def test_a_tab_whose_only_text_is_far_down_is_described_by_that_row():
    book = book_of({"POs": [[None]] * 20 + [["PAYEE", "ACTUAL"], ["Acme", 100]]})
    problem = book.unreadable["POs"]
    assert (problem.row, problem.found) == (21, ["PAYEE", "ACTUAL"])


def _book_with_extras(tmp_path: Path) -> Path:
    return write_xlsx(tmp_path / "Real Book.xlsx", {
        "Settings": [["Setting", "Value"], ["Production", "The Long Take"]],
        "Crew List": contact_block_crew(43),
        "Vendors": VENDORS,
        "PO Log": hot_budget_actuals(),
        "Notes": [["Call Jo about the van"]],
        "Old POs": [["whatever"]],
    })


def test_json_says_what_was_read_tab_by_tab(tmp_path, capsys):
    code, out, _ = run(capsys, "validate", str(_book_with_extras(tmp_path)), "--format", "json")
    assert code == 1  # Sam Roe's email on row 45
    read = json.loads(out)["read"]
    tabs = {t["tab"]: t for t in read["tabs"]}
    assert list(tabs) == ["Settings", "Crew List", "Vendors", "PO Log"]
    assert tabs["Crew List"] == {
        "tab": "Crew List", "kind": "Crew", "header_row": 43, "readable": True,
        "columns": {"Name": "Name", "Title": "Position", "Dept": "Department",
                    "Cell": "Phone", "Email": "Email"},
        "left_alone": [],
    }
    assert tabs["Vendors"]["columns"] == {"Vendor": "Vendor", "Contact": "Contact",
                                          "Phone": "Phone"}
    assert tabs["PO Log"]["readable"] is False
    assert tabs["PO Log"]["left_alone"] == ["LINE", "LINE DESCRIPTION", "PAYEE", "ACTUAL",
                                            "CHECK DATE", "REF #"]
    assert read["left_alone"] == ["Notes", "Old POs"]


def test_columns_a_tab_has_beyond_proddesks_are_listed_as_left_alone():
    book = book_of({"Crew": [["Name", "Dept", "Shoe Size", "Phone"], ["Pat", "Cam", 9, ""]]})
    read = check_book(book, TODAY).read
    (crew,) = read.tabs
    assert crew.columns == {"Name": "Name", "Dept": "Department", "Phone": "Phone"}
    assert crew.left_alone == ["Shoe Size"]


def test_table_view_has_a_read_block_and_no_all_clear_when_a_tab_was_unreadable(
    tmp_path, capsys, monkeypatch
):
    monkeypatch.setenv("COLUMNS", "250")
    code, out, _ = run(capsys, "validate", str(_book_with_extras(tmp_path)))
    assert code == 1
    read_block = out[out.index("Read:"):]
    assert ("'Crew List' (Crew, header row 43): 5 columns read (Title as Position, "
            "Dept as Department, Cell as Phone)") in out
    assert "'PO Log' (POs): could not read its columns, see the warning" in read_block
    assert "Left alone: 'Notes', 'Old POs'" in read_block
    assert "No problems found" not in out


def test_checks_tab_says_what_was_read_under_its_title(tmp_path, capsys):
    book = _book_with_extras(tmp_path)
    out = tmp_path / "checked.xlsx"
    run(capsys, "validate", str(book), "--annotate", str(out))
    checks = openpyxl.load_workbook(out)["Checks"]
    assert checks["A2"].value == (
        "Read 3 of 6 tabs: Settings, Crew List (Crew), Vendors. "
        "Could not read: 'PO Log' (see below). Left alone: 'Notes', 'Old POs'."
    )
    assert [c.value for c in checks[3]] == ["Severity", "Tab", "Cell", "Problem",
                                            "Suggested fix", "Check"]
    rows = [[c.value for c in row] for row in checks.iter_rows(min_row=4)]
    assert ["Warning", "PO Log", "A4"] in [r[:3] for r in rows]
    assert "Nothing to fix. Well done." not in [r[3] for r in rows]
