"""Reading a coordinator's own layout: every item of WORKBOOK.md's mess list."""

from __future__ import annotations

from datetime import date, time
from fractions import Fraction

import openpyxl
import pytest

from addin.book import build_book, read_book
from addin.errors import InputError
from addin.hosts.xlsx import XlsxHost
from addin.model import CellError
from addin.rules import run_rules
from tests.books import book_of, write_xlsx

CREW_HEADER = ["Name", "Department", "Position", "Phone", "Email", "Rate"]


def test_tabs_found_by_alias_case_and_space_insensitive() -> None:
    book = book_of({
        "crew  list": [CREW_HEADER, ["Pat", "Camera", "DP", None, None, 500]],
        "PURCHASE ORDERS": [["PO #", "Vendor", "Amount"], [1001, "Acme", 10]],
        "Talent": [["#", "Role", "Talent"], [1, "Mia", "Ana Diaz"]],
        "Notes": [["anything"]],
    })
    assert {k: t.sheet for k, t in book.tables.items()} == {
        "Crew": "crew  list", "POs": "PURCHASE ORDERS", "Cast": "Talent"
    }


def test_column_aliases_ignore_case_spaces_breaks_and_punctuation() -> None:
    book = book_of({"Crew": [
        ["Crew Member", "Dept.", "Job", "Cell\n#", "E-mail", "Day Rate", "Guar", "Local"],
        ["Pat Lee", "Grip", "Key Grip", "(310) 555-0143", "pat@example.com", "$400/12", 12, "80"],
    ]})
    crew = book.tables["Crew"]
    assert crew.headers["Phone"] == "Cell\n#"
    assert crew.headers["Department"] == "Dept."
    row = crew.rows()[0]
    assert (row["Name"], row["Department"], row["Phone"]) == ("Pat Lee", "Grip", "(310) 555-0143")
    assert (row["Rate"].amount, row["Rate"].guarantee, row["Guarantee"]) == (400, 12, 12)


def test_first_and_last_name_columns_make_the_name() -> None:
    book = book_of({"Crew": [["First Name", "Last Name", "Dept", "Position"],
                             ["Ana", "Diaz", "Camera", "DP"]]})
    assert book.tables["Crew"].rows()[0]["Name"] == "Ana Diaz"


def test_banner_rows_above_the_header_are_skipped() -> None:
    book = book_of({"Crew": [
        ["THE LONG TAKE", None, None], ["Crew List - revised 11/20"], [],
        CREW_HEADER, ["Pat", "Camera", "DP"],
    ]})
    crew = book.tables["Crew"]
    assert crew.header_row == 4
    assert [r["_row"] for r in crew.rows()] == [5]


def test_section_rows_set_the_department_of_the_rows_below() -> None:
    book = book_of({"Crew": [
        ["Name", "Position", "Phone"],
        ["CAMERA"], ["Pat", "DP", None], ["Sam", "1st AC", None],
        ["Hair & Makeup"], ["Kim", "Key MUA", None],
    ]})
    rows = book.tables["Crew"].rows()
    assert [(r["Name"], r["Department"]) for r in rows] == [
        ("Pat", "CAMERA"), ("Sam", "CAMERA"), ("Kim", "Hair & Makeup")
    ]


def test_section_rows_fill_only_empty_department_cells() -> None:
    book = book_of({"Crew": [
        CREW_HEADER, ["GRIP"], ["Lee", None, "Key Grip"], ["Max", "Electric", "Gaffer"],
    ]})
    assert [r["Department"] for r in book.tables["Crew"].rows()] == ["GRIP", "Electric"]


def test_blank_repeated_header_and_trailing_note_rows_are_not_data() -> None:
    book = book_of({"POs": [
        ["PO #", "Vendor", "Amount"], [1001, "Acme", 100], [], [None, None, None],
        ["PO #", "Vendor", "Amount"], [1002, "Best Boy Rentals", 50],
        ["Total", None, 150], [], ["* All POs need a signed quote attached."],
    ]})
    assert [r["PO #"] for r in book.tables["POs"].rows()] == ["1001", "1002"]


def test_schedule_day_break_rows_give_day_numbers_and_dates() -> None:
    book = book_of({
        "Settings": [["Shoot Start", date(2026, 12, 3)]],
        "Schedule": [
            ["Sc", "Set Name", "Pgs", "Cast IDs"],
            ["1", "INT. KITCHEN", "1 3/8", "1, 2"], ["4", "EXT. ROAD", "2/8", "1"],
            ["End of Day 1"],
            ["7", "INT. CAR", "3 2/8", "2"],
            ["END OF DAY 2 -- Fri Dec 4 -- 3 2/8 pgs"],
        ],
    })
    rows = book.tables["Schedule"].rows()
    assert [(r["Scene"], r["Day"]) for r in rows] == [("1", 1), ("4", 1), ("7", 2)]
    assert rows[2]["Date"] == date(2026, 12, 4)
    assert rows[0]["Pages"] == Fraction(11, 8)
    assert rows[0]["Cast"] == ["1", "2"]


@pytest.mark.parametrize("value", [
    date(2026, 12, 3), 46359, 46359.0, "12/3/2026", "12/3/26", "2026-12-03", "Dec 3, 2026",
])
def test_dates_in_every_form(value: object) -> None:
    book = book_of({"Vendors": [["Vendor", "COI Expires"], ["Acme", value]]})
    assert book.tables["Vendors"].rows()[0]["COI Expires"] == date(2026, 12, 3)


@pytest.mark.parametrize("value", [time(6, 30), "6:30A", "6:30 AM", "0630", 0.2708333333])
def test_times_in_every_form(value: object) -> None:
    book = book_of({"Days": [["Day", "Date", "Crew Call"], [1, "12/3/2026", value]]})
    assert book.tables["Days"].rows()[0]["Crew Call"] == time(6, 30)


@pytest.mark.parametrize(("value", "amount"), [
    ("$1,250.00", 1250.0), (1250, 1250.0), ("1250", 1250.0), ("(200.00)", -200.0),
])
def test_money_in_every_form(value: object, amount: float) -> None:
    book = book_of({"POs": [["PO #", "Amount"], [1, value]]})
    assert book.tables["POs"].rows()[0]["Amount"] == amount


@pytest.mark.parametrize(("value", "clean"), [
    ("(310) 555-0143", "(310) 555-0143"), ("310.555.0143", "(310) 555-0143"),
    ("+44 20 7946 0958", "+44 20 7946 0958"),
])
def test_phones_in_any_common_format(value: str, clean: str) -> None:
    book = book_of({"Crew": [["Name", "Phone"], ["Pat", value]]})
    assert book.tables["Crew"].rows()[0]["Phone"] == clean


def test_emails_with_spaces_or_mailto() -> None:
    book = book_of({"Crew": [["Name", "Email"], ["Pat", "mailto:Pat@Example.com "],
                             ["Sam", " sam @example.com"]]})
    assert [r["Email"] for r in book.tables["Crew"].rows()] == ["pat@example.com",
                                                               "sam@example.com"]


@pytest.mark.parametrize("value", ["Y", "Yes", "X", "TRUE", True, date(2026, 11, 20)])
def test_yes_no_cells(value: object) -> None:
    book = book_of({"Crew": [["Name", "I-9", "W-4"], ["Pat", value, "No"]]})
    row = book.tables["Crew"].rows()[0]
    assert (row["I-9"], row["W-4"]) == (True, False)


def test_settings_pairs_under_any_alias_tab(tmp_path) -> None:
    book = book_of({"Production Info": [
        ["Setting", "Value"], ["Show", "The Long Take"], ["COI Warning Days", "30"],
        ["PO Approval Threshold", "$5,000"], ["Wrap Date", "12/11/2026"], ["Region", "UK"],
    ], "Crew": [["Name", "Dept"], ["Pat", "Camera"]]})
    settings = book.settings
    assert settings.get("Production") == "The Long Take"
    assert (settings.coi_warning_days, settings.po_approval_threshold) == (30, 5000.0)
    assert settings.wrap_date == date(2026, 12, 11)
    assert settings.region == "GB"


def test_xlsx_merged_cells_formulas_errors_and_hidden_rows(tmp_path) -> None:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "PO Log"
    sheet.append(["THE LONG TAKE - PO LOG"])
    sheet.merge_cells("A1:D1")
    sheet.append(["PO #", "Vendor", "Amount", "Account"])
    sheet.append([1001, "Acme", 250, "2000"])
    sheet.append([1002, "Acme", None, "2000"])
    sheet["C4"].value = "#REF!"
    sheet["C4"].data_type = "e"
    sheet.append([1003, "Best Boy", 75, "2100"])
    sheet.row_dimensions[5].hidden = True
    sheet.append([1004, None, 10, None])
    sheet.merge_cells("B5:B6")
    path = tmp_path / "po.xlsx"
    workbook.save(path)
    book = read_book(XlsxHost(path))
    pos = book.tables["POs"]
    assert pos.header_row == 2
    assert [r["PO #"] for r in pos.rows()] == ["1001", "1002", "1003", "1004"]
    assert pos.raw["Amount"].tolist()[1] == CellError("#REF!")
    assert pos.rows()[1]["Amount"] is None
    assert pos.rows()[3]["Vendor"] == "Best Boy"


def test_xlsx_reads_cached_values_of_formulas(tmp_path) -> None:
    path = tmp_path / "budget.xlsx"
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "Budget"
    sheet.append(["Account", "Budget"])
    sheet.append(["2000", "=1000+500"])
    workbook.save(path)
    # openpyxl writes no cached value; patch one in as Excel would have saved it.
    import zipfile
    with zipfile.ZipFile(path) as source:
        parts = {name: source.read(name) for name in source.namelist()}
    xml = parts["xl/worksheets/sheet1.xml"].decode()
    parts["xl/worksheets/sheet1.xml"] = xml.replace(
        "<f>1000+500</f><v></v>", "<f>1000+500</f><v>1500</v>"
    ).replace("<f>1000+500</f></c>", "<f>1000+500</f><v>1500</v></c>").encode()
    with zipfile.ZipFile(path, "w") as target:
        for name, data in parts.items():
            target.writestr(name, data)
    book = read_book(XlsxHost(path))
    assert book.tables["Budget"].rows()[0]["Budget"] == 1500.0


def test_book_without_known_tabs_is_refused_in_one_sentence(tmp_path) -> None:
    path = write_xlsx(tmp_path / "notes.xlsx", {"Sheet1": [["hello"]]})
    with pytest.raises(InputError, match=r"notes\.xlsx has none of the tabs ProdDesk knows"):
        read_book(XlsxHost(path))


def test_tab_without_a_header_row_is_left_unread_naming_what_it_found(tmp_path) -> None:
    path = write_xlsx(tmp_path / "book.xlsx", {"Crew": [["just", "some"], ["words", "here"]]})
    book = read_book(XlsxHost(path))
    assert "Crew" not in book.tables
    assert str(book.unreadable["Crew"]) == (
        "Tab 'Crew': found just, some but none of Name, Position, Phone; "
        "see Settings > Columns to map them."
    )


def test_settings_with_a_value_column_ignore_hints_beside_empty_values() -> None:
    book = book_of({"Settings": [
        ["Setting", "Value", "Hint"],
        ["Region", None, "Country code for phone numbers, e.g. US"],
        ["Production", "The Long Take", "Title on the call sheet"],
    ], "Crew": [["Name", "Dept"], ["Pat", "Camera"]]})
    assert book.settings.region == "US"
    assert book.settings.get("Production") == "The Long Take"


def _content(book) -> dict:
    return {
        kind: (table.sheet, table.header_row, table.rows(), table.raw.to_dict("list"))
        for kind, table in book.tables.items()
    }


@pytest.mark.parametrize("largest", ["POs", "Settings"])
def test_an_xlsx_read_while_its_largest_tab_is_parsed_gives_the_same_book(tmp_path, largest):
    # The largest tab arrives after the others (it is parsed on a second thread); the
    # book and its findings must not depend on that, even when Settings comes last.
    settings = [["Setting", "Value"], ["Production", "The Long Take"], ["Region", "GB"]]
    if largest == "Settings":
        settings += [[f"Note {i}", "x" * 40] for i in range(600)]
    path = write_xlsx(tmp_path / "book.xlsx", {
        "Settings": settings,
        "Crew": [["Name", "Dept", "Phone"], ["Pat Lee", "Camera", "020 7946 0958"]],
        "Vendors": [["Vendor", "Contact"], ["Acme Grip & Electric", "Sam"]],
        "POs": [["PO #", "Vendor", "Amount", "Account"]]
        + [[1000 + i, "Acme Grip + Elec", 250 + i, "2000"] for i in range(300)],
    })
    host = XlsxHost(path)
    batches = [list(batch) for batch in host.read_batches()]
    assert batches[-1] == [largest]
    streamed = read_book(host)
    at_once = build_book(host.read_all(), host.label)
    assert streamed.sheet_names == at_once.sheet_names == ["Settings", "Crew", "Vendors", "POs"]
    assert streamed.settings == at_once.settings
    assert streamed.settings.region == "GB"
    assert streamed.tables["Crew"].rows()[0]["Phone"] is not None  # read as a UK number
    assert _content(streamed) == _content(at_once)
    assert run_rules(streamed, date(2026, 11, 25)) == run_rules(at_once, date(2026, 11, 25))
