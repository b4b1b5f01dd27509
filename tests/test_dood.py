"""The Day Out of Days: codes, drop/pickup, travel and totals, and `proddesk dood` on files."""

from __future__ import annotations

import json
import subprocess
from datetime import date
from pathlib import Path

import openpyxl
import pytest

from addin import lookups
from addin.book import read_book
from addin.callsheet.build import build_callsheet
from addin.cli import main
from addin.days import shoot_days
from addin.dood.build import build_dood
from addin.dood.tab import dood_rows
from addin.hosts.xlsx import XlsxHost
from tests.books import book_of, dood_book, findings_of, write_xlsx

SAMPLE = Path(__file__).parent.parent / "workbooks" / "sample_production.xlsx"
MADE = date(2026, 12, 2)

# Travel (1/3), Day 1 (1/4), Day 2 (1/5), Day 3 (1/6), Day 4 (1/18), Travel (1/19)
EXPECTED_CODES = {
    "1": ["", "SW", "W", "W/D", "PU/WF", ""],
    "2": ["", "SW", "H", "WF", "", ""],
    "3": ["T", "SW/D", "", "", "PU/WF", "T"],
    "4": ["", "", "", "", "SWF", ""],
    "5": ["", "", "T", "SWF", "", ""],
}


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_codes_hold_drop_pickup_and_travel_on_a_messy_book() -> None:
    dood = build_dood(book_of(dood_book()), MADE)
    assert [(d.label, d.when) for d in dood.days] == [
        ("Travel", date(2027, 1, 3)), ("Day 1", date(2027, 1, 4)), ("Day 2", date(2027, 1, 5)),
        ("Day 3", date(2027, 1, 6)), ("Day 4", date(2027, 1, 18)), ("Travel", date(2027, 1, 19)),
    ]
    assert {row.cast_id: row.codes for row in dood.rows} == EXPECTED_CODES
    assert [(r.cast_id, r.character, r.actor) for r in dood.rows] == [
        ("1", "MAYA", "Isabel Reyes"), ("2", "DANIEL", "Owen Mitchell"),
        ("3", "ROSE", "Margaret Hale"), ("4", "(not on the Cast tab)", ""),
        ("5", "GUEST", "Walt Brennan"),
    ]


def test_totals_like_movie_magic() -> None:
    dood = build_dood(book_of(dood_book()), MADE)
    totals = {r.cast_id: (r.work, r.hold, r.travel, r.drops, r.total, r.start, r.finish)
              for r in dood.rows}
    assert totals == {
        "1": (4, 0, 0, 1, 4, date(2027, 1, 4), date(2027, 1, 18)),
        "2": (2, 1, 0, 0, 3, date(2027, 1, 4), date(2027, 1, 6)),
        "3": (2, 0, 2, 1, 4, date(2027, 1, 4), date(2027, 1, 18)),
        "4": (1, 0, 0, 0, 1, date(2027, 1, 18), date(2027, 1, 18)),
        "5": (1, 0, 1, 0, 2, date(2027, 1, 6), date(2027, 1, 6)),
    }


def test_drop_days_setting_holds_instead_of_dropping() -> None:
    grids = dood_book()
    grids["Settings"].append(["DOOD Drop Days", "14"])  # 13 days off for cast 3: held now
    dood = build_dood(book_of(grids), MADE)
    rows = {r.cast_id: r for r in dood.rows}
    assert dood.drop_days == 14
    assert rows["3"].codes == ["T", "SW", "H", "H", "WF", "T"]
    assert (rows["3"].hold, rows["3"].drops, rows["3"].total) == (2, 0, 6)
    assert rows["1"].codes == ["", "SW", "W", "W", "WF", ""]


def test_unknown_cast_is_said_as_validate_says_it() -> None:
    dood = build_dood(book_of(dood_book()), MADE)
    assert [(p.rule, p.sheet, p.cell, p.message) for p in dood.problems] == [
        ("schedule.unknown_cast", "Schedule", "D11", "Scene 7: cast id 4 not on the Cast List."),
    ]
    validate = [f for f in findings_of(dood_book()) if f[0] == "schedule.unknown_cast"]
    assert validate == [("schedule.unknown_cast", "Schedule", "D11")]


def test_validate_reads_cast_numbers_typed_with_hash_or_zero_as_the_call_sheet_does() -> None:
    # '#2' and '05' on the Cast tab are cast 2 and 5, not unknown cast on the Schedule
    found = [f for f in findings_of(dood_book()) if f[0] == "schedule.unknown_cast"]
    assert ("schedule.unknown_cast", "Schedule", "D2") not in found
    assert ("schedule.unknown_cast", "Schedule", "D8") not in found


def test_unreadable_travel_is_a_warning_naming_the_cell() -> None:
    grids = dood_book()
    grids["Cast"][2][3] = "next week; Day 2"
    dood = build_dood(book_of(grids), MADE)
    assert [(p.rule, p.cell, p.message) for p in dood.problems][1:] == [(
        "dood.travel_unreadable", "D3",
        "Cast #1: travel 'next week' is neither a date (1/3/27) nor a shoot day (Day 3); "
        "it is left off the Day Out of Days.",
    )]
    assert next(r for r in dood.rows if r.cast_id == "1").codes[2] == "W"  # works on day 2


def _codes_everywhere(book) -> dict[tuple[str, int], tuple[str, str, str]]:
    """(cast id, shoot day) -> (the call sheet's status, the DOOD's code, PD_SWHF's value)."""
    dood = build_dood(book, MADE)
    codes = {}
    for index, day in enumerate(dood.days):
        if day.number is None:  # a travel date that is no shoot day has no call sheet
            continue
        sheet, _ = build_callsheet(book, day.number)
        on_sheet = {line.id: line.status for line in sheet.cast}
        for row in dood.rows:
            codes[(row.cast_id, day.number)] = (
                on_sheet.get(row.cast_id, ""), row.codes[index],
                lookups.swhf(book, row.cast_id, day.number),
            )
    return codes


def test_call_sheet_dood_and_pd_swhf_give_the_same_code_every_day() -> None:
    book = book_of(dood_book())
    codes = _codes_everywhere(book)
    assert len(codes) == 5 * 4
    for (cast_id, day), (sheet, dood, function) in codes.items():
        assert sheet == dood == function, (cast_id, day, sheet, dood, function)
    # a dropped day is no hold: cast 3 is not on days 2 and 3's call sheets
    listed = {day: [line.id for line in build_callsheet(book, day)[0].cast] for day in (2, 3, 4)}
    assert listed == {2: ["1", "2", "5"], 3: ["1", "2", "5"], 4: ["1", "2", "3", "4"]}
    assert {c: codes[(c, 4)][0] for c in ("1", "2", "3", "4")} == {
        "1": "PU/WF", "2": "", "3": "PU/WF", "4": "SWF"}  # cast 2: a Cast Calls row only
    assert codes[("1", 3)][0] == "W/D" and codes[("5", 2)][0] == "T"


def test_the_sample_agrees_everywhere_too() -> None:
    book = read_book(XlsxHost(SAMPLE))
    codes = _codes_everywhere(book)
    assert all(sheet == dood == function for sheet, dood, function in codes.values())
    assert sum(dood == "H" for _, dood, _ in codes.values()) == 2  # the sample holds cast 2, 3


def test_tab_rows_are_text_with_title_and_dated_header() -> None:
    rows = dood_rows(build_dood(book_of(dood_book()), MADE))
    assert rows[0][0] == "Day Out of Days - Night Shift - made by ProdDesk on Dec 2, 2026"
    assert rows[1] == ["Cast #", "Character", "Actor", "Travel", "Day 1", "Day 2", "Day 3",
                       "Day 4", "Travel", "Work", "Hold", "Travel", "Drops", "Total", "Start",
                       "Finish"]
    assert rows[2][3:9] == ["Sun 1/3", "Mon 1/4", "Tue 1/5", "Wed 1/6", "Mon 1/18", "Tue 1/19"]
    assert rows[5] == ["3", "ROSE", "Margaret Hale", "T", "SW/D", "", "", "PU/WF", "T",
                       2, 0, 2, 1, 4, "Jan 4, 2027", "Jan 18, 2027"]
    assert rows[-1][0].startswith("SW start work, W work, WF work finish")


def test_no_shoot_days_is_one_sentence_exit_2(tmp_path, capsys) -> None:
    book = write_xlsx(tmp_path / "empty.xlsx", {"Cast": dood_book()["Cast"]})
    code, _, err = run(capsys, "dood", str(book))
    assert code == 2
    assert "empty.xlsx: the book has no shoot days yet (no day numbers on the Schedule or " \
           "Days tab and no End of Day rows), so there is no Day Out of Days to make." \
           in " ".join(err.split())
    assert not (tmp_path / "empty.xlsx.bak").exists()


def test_no_cast_is_one_sentence_exit_2(tmp_path, capsys) -> None:
    grids = dood_book()
    del grids["Cast"], grids["Cast Calls"]
    for row in grids["Schedule"][1:]:
        row[3] = None
    code, _, err = run(capsys, "dood", str(write_xlsx(tmp_path / "nocast.xlsx", grids)))
    assert code == 2
    assert "nocast.xlsx: no scene on the Schedule lists a cast # and the Cast tab is empty " \
           "or missing, so there is no Day Out of Days to make." in " ".join(err.split())


def _tab(path: Path, name: str) -> list[tuple]:
    workbook = openpyxl.load_workbook(path)
    return [tuple("" if v is None else v for v in row)
            for row in workbook[name].iter_rows(values_only=True)]


def test_dood_writes_its_tab_into_the_book_and_keeps_a_backup(tmp_path, capsys) -> None:
    book = write_xlsx(tmp_path / "Night Shift.xlsx", dood_book())
    code, out, err = run(capsys, "dood", str(book), "--today", "2026-12-02")
    assert code == 0
    assert "Day Out of Days for 5 cast member(s) over 6 day(s) written to the tab 'DOOD' of " \
           "Night Shift.xlsx." in out
    assert "Schedule D11: Scene 7: cast id 4 not on the Cast List." in err
    assert (tmp_path / "Night Shift.xlsx.bak").exists()
    rows = _tab(book, "DOOD")
    assert rows[3][:9] == ("1", "MAYA", "Isabel Reyes", "", "SW", "W", "W/D", "PU/WF", "")
    assert rows[4][3:11] == ("", "SW", "H", "WF", "", "", 2, 1)
    sheet = openpyxl.load_workbook(book)["DOOD"]
    assert sheet.freeze_panes == "D4"  # header rows and the name columns stay in view
    assert sheet.column_dimensions["B"].width == 18
    code, _, _ = run(capsys, "dood", str(book), "--today", "2026-12-03")  # again: rewritten
    names = openpyxl.load_workbook(book).sheetnames
    assert names.count("DOOD") == 1 and "ProdDesk DOOD" not in names
    assert _tab(book, "DOOD")[0][0].endswith("Dec 3, 2026")


def test_a_dood_tab_of_the_coordinators_is_never_replaced(tmp_path, capsys) -> None:
    grids = dood_book()
    grids["DOOD"] = [["my own day out of days"], ["1", "SW", "W"]]
    book = write_xlsx(tmp_path / "own.xlsx", grids)
    assert run(capsys, "dood", str(book))[0] == 0
    assert _tab(book, "DOOD") == [("my own day out of days", "", ""), ("1", "SW", "W")]
    assert _tab(book, "ProdDesk DOOD")[1][0] == "Cast #"
    assert run(capsys, "dood", str(book))[0] == 0
    assert openpyxl.load_workbook(book).sheetnames.count("ProdDesk DOOD") == 1


def test_names_from_the_book_are_written_as_text_never_formulas(tmp_path, capsys) -> None:
    book = write_xlsx(tmp_path / "f.xlsx", dood_book())
    workbook = openpyxl.load_workbook(book)
    typed = workbook["Cast"]["B3"]
    typed.value, typed.data_type = '=HYPERLINK("http://x","MAYA")', "s"  # text typed as '=...
    workbook.save(book)
    assert run(capsys, "dood", str(book))[0] == 0
    cell = openpyxl.load_workbook(book)["DOOD"]["B4"]
    assert (cell.value, cell.data_type) == ('=HYPERLINK("http://x","MAYA")', "s")


def test_out_writes_a_copy_that_libreoffice_opens(tmp_path, capsys) -> None:
    book = write_xlsx(tmp_path / "Night Shift.xlsx", dood_book())
    before = book.read_bytes()
    out = tmp_path / "dood copy.xlsx"
    code, _, _ = run(capsys, "dood", str(book), "--out", str(out), "--today", "2026-12-02")
    assert code == 0
    assert book.read_bytes() == before and not (tmp_path / "Night Shift.xlsx.bak").exists()
    subprocess.run(
        ["soffice", "--headless", "--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76,1,,"
         "0,false,true,false,false,false,-1", "--outdir", str(tmp_path), str(out)],
        check=True, capture_output=True, timeout=180,
    )
    csv = (tmp_path / "dood copy-DOOD.csv").read_text().splitlines()
    assert csv[0].startswith('"Day Out of Days - Night Shift - made by ProdDesk on Dec 2, 2026"')
    assert csv[5] == '3,ROSE,Margaret Hale,T,SW/D,,,PU/WF,T,2,0,2,1,4,"Jan 4, 2027","Jan 18, 2027"'


def test_format_json_prints_the_documented_shape_and_writes_nothing(tmp_path, capsys) -> None:
    book = write_xlsx(tmp_path / "Night Shift.xlsx", dood_book())
    before = book.read_bytes()
    code, out, _ = run(capsys, "dood", str(book), "--format", "json", "--today", "2026-12-02")
    assert code == 0 and book.read_bytes() == before
    data = json.loads(out)
    assert list(data) == ["production", "generated", "drop_days", "days", "cast", "problems"]
    assert (data["production"], data["generated"], data["drop_days"]) == (
        "Night Shift", "2026-12-02", 10)
    assert data["days"][0] == {"day": None, "date": "2027-01-03", "label": "Travel"}
    assert data["days"][4] == {"day": 4, "date": "2027-01-18", "label": "Day 4"}
    assert data["cast"][0] == {
        "cast_id": "1", "character": "MAYA", "actor": "Isabel Reyes",
        "codes": ["", "SW", "W", "W/D", "PU/WF", ""], "work": 4, "hold": 0, "travel": 0,
        "drops": 1, "total": 4, "start": "2027-01-04", "finish": "2027-01-18",
    }
    assert data["problems"][0]["cell"] == "D11"


@pytest.mark.parametrize("argv, sentence", [
    (["--out", "{book}"], "--out must name a new file"),
    (["--out", "x.xlsx", "--format", "json"], "--format json prints the Day Out of Days only"),
])
def test_contradicting_options_are_refused(tmp_path, capsys, argv, sentence) -> None:
    book = write_xlsx(tmp_path / "b.xlsx", dood_book())
    code, _, err = run(capsys, "dood", str(book), *[a.format(book=book) for a in argv])
    assert code == 2 and sentence in " ".join(err.split())


def test_sample_book_dood_covers_every_shoot_day() -> None:
    book = read_book(XlsxHost(SAMPLE))
    dood = build_dood(book, MADE)
    assert [d.number for d in dood.days] == list(shoot_days(book))


def test_clear_leaves_the_dood_tab_alone(tmp_path, capsys) -> None:
    book = write_xlsx(tmp_path / "c.xlsx", dood_book())
    assert run(capsys, "dood", str(book))[0] == 0
    assert run(capsys, "validate", str(book), "--in-place")[0] == 1
    assert run(capsys, "clear", str(book))[0] == 0
    names = openpyxl.load_workbook(book).sheetnames
    assert "DOOD" in names and "Checks" not in names
    assert run(capsys, "dood", str(book))[0] == 0  # still known as ProdDesk's: rewritten
    assert openpyxl.load_workbook(book).sheetnames.count("DOOD") == 1


def test_the_empty_production_template_has_no_days_yet(tmp_path, capsys) -> None:
    template = Path(__file__).parent.parent / "workbooks" / "production_template.xlsx"
    book = tmp_path / "new show.xlsx"
    book.write_bytes(template.read_bytes())
    code, _, err = run(capsys, "dood", str(book))
    assert code == 2
    assert "new show.xlsx: the book has no shoot days yet" in " ".join(err.split())
    assert book.read_bytes() == template.read_bytes()


def test_the_day_plan_leaves_a_dropped_cast_member_off_as_the_call_sheet_does() -> None:
    from addin.dayplan import plan

    book = book_of(dood_book())
    days = {(p.name, p.day): p.status for p in plan(book) if p.kind == "cast"}
    assert [day for name, day in days if name == "Margaret Hale"] == [1, 4]  # not 2, 3
    assert days[("Owen Mitchell", 2)] == "H" and days[("Isabel Reyes", 4)] == "PU/WF"


def test_a_cast_calls_row_on_a_dropped_day_is_listed_and_said() -> None:
    grids = dood_book()
    grids["Cast Calls"].append(["2", "#3", "5:00P", ""])  # cast 3 is dropped on day 2
    sheet, findings = build_callsheet(book_of(grids), 2)
    assert [(c.id, c.status, c.pickup) for c in sheet.cast if c.id == "3"] == [("3", "", "5:00 PM")]
    [found] = [f for f in findings if f.rule == "callsheet.dropped_cast_call"]
    assert (found.severity.value, found.sheet, found.cell) == ("warning", "Cast Calls", "B5")
    assert found.message == (
        "Cast #3 has a Cast Calls row for day 2, but the Day Out of Days drops them between "
        "day 1 and day 4 (more than 10 days off; Settings: DOOD Drop Days). They are listed "
        "with no status; schedule a scene or remove the row.")
