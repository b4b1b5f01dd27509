"""The fake Google Sheets API against recorded Google traffic, and driven by real gspread."""

from __future__ import annotations

import datetime as dt
import json
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

import gspread
import openpyxl
import pytest
from google_support import FakeSheets, gspread_client, start_fake_sheets
from gspread.utils import ExportFormat
from openpyxl.comments import Comment
from openpyxl.styles import PatternFill

RECORDED = Path(__file__).parent / "data" / "google" / "recorded"


def recorded(kind: str, index: int = 0) -> dict[str, Any]:
    """One recorded example (request + response) of a call kind."""
    return json.loads((RECORDED / f"{kind}.json").read_text(encoding="utf-8"))["examples"][index]


def send(
    fake: FakeSheets, method: str, path: str, body: Any = None, token: str | None = "t"
) -> tuple[int, Any]:
    """A raw HTTP request to the fake; (status, parsed JSON or None)."""
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(fake.base_url + path, data=data, method=method)
    if token:
        request.add_header("Authorization", f"Bearer {token}")
    if data is not None:
        request.add_header("Content-Type", "application/json")
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            raw = response.read()
            return response.status, json.loads(raw) if raw else None
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read())


def replay(fake: FakeSheets, example: dict[str, Any]) -> tuple[int, Any]:
    """Send a recorded request to the fake exactly as gspread sent it to Google."""
    req = example["request"]
    path = req["path_raw"] + (f"?{req['query_raw']}" if req["query_raw"] else "")
    return send(fake, req["method"], path, req["body"])


def assert_replays(fake: FakeSheets, example: dict[str, Any]) -> None:
    """The fake answers a recorded request with the recorded status and body."""
    status, body = replay(fake, example)
    assert status == example["response"]["status"]
    assert body == example["response"]["body"]


def sid_of(example: dict[str, Any]) -> str:
    """The spreadsheet id in a recorded request."""
    return example["request"]["path_raw"].split("/v4/spreadsheets/")[1].split("/")[0].split(":")[0]


@pytest.fixture
def fake() -> FakeSheets:
    """A running fake server."""
    with start_fake_sheets() as server:
        yield server


def fresh(fake: FakeSheets, example: dict[str, Any], rows: int = 1000, cols: int = 26) -> str:
    """A fresh one-tab spreadsheet (Sheet1, sheetId 0) under the recorded id."""
    sid = sid_of(example)
    fake.load_grids({"Sheet1": []}, spreadsheet_id=sid, title="Test")
    grid = fake.book(sid).sheets[0].props["gridProperties"]
    grid["rowCount"], grid["columnCount"] = rows, cols
    return sid


# --- fidelity against recorded Google responses ---------------------------------------------


def test_update_then_get_matches_google_trailing_empties_omitted(fake: FakeSheets) -> None:
    write = recorded("values_update", 0)
    fresh(fake, write)
    assert_replays(fake, write)
    assert_replays(fake, recorded("values_get", 0))


def test_whole_sheet_clear_and_empty_read_match_google(fake: FakeSheets) -> None:
    clear = recorded("values_clear", 0)
    fresh(fake, clear)
    assert_replays(fake, recorded("values_update", 2))
    assert_replays(fake, clear)
    assert_replays(fake, recorded("values_get", 1))


def test_user_entered_formula_and_dates_under_each_render_option(fake: FakeSheets) -> None:
    write = recorded("values_update", 4)
    fresh(fake, write, rows=2, cols=4)
    assert_replays(fake, write)
    for index in (2, 3, 4):
        assert_replays(fake, recorded("values_get", index))
    formula = recorded("values_get", 5)
    fresh(fake, formula, rows=2, cols=4)
    replay(fake, {**write, "request": {**write["request"], "path_raw": write["request"][
        "path_raw"].replace(sid_of(write), sid_of(formula))}})  # fmt: skip
    assert_replays(fake, formula)


def test_user_entered_leading_zeros_become_a_number(fake: FakeSheets) -> None:
    write = recorded("values_update", 5)
    fresh(fake, write)
    assert_replays(fake, write)
    readback = json.loads((RECORDED / "values_update.json").read_text())[
        "readback_after_user_entered_0042"
    ]
    assert_replays(fake, readback)


def test_open_ended_reversed_and_cell_like_titles_match_google(fake: FakeSheets) -> None:
    fresh(fake, recorded("values_get", 6))
    assert_replays(fake, recorded("values_get", 6))
    fresh(fake, recorded("values_get", 7))
    assert_replays(fake, recorded("values_get", 7))
    cell_like = recorded("values_get", 9)
    sid = fresh(fake, cell_like)
    fake.book(sid).sheets[0].props["title"] = "D3"
    assert_replays(fake, cell_like)


def test_batch_get_batch_update_batch_clear_match_google(fake: FakeSheets) -> None:
    update = recorded("values_batch_update", 0)
    fresh(fake, update)
    assert_replays(fake, update)
    get = recorded("values_batch_get", 0)
    fresh(fake, get)
    replay(fake, {**update, "request": {**update["request"], "path_raw": update["request"][
        "path_raw"].replace(sid_of(update), sid_of(get))}})  # fmt: skip
    assert_replays(fake, get)
    clear = recorded("values_batch_clear", 0)
    fresh(fake, clear)
    assert_replays(fake, clear)


def test_unquoted_emoji_title_range_is_quoted_in_answers(fake: FakeSheets) -> None:
    write = recorded("values_update", 3)
    sid = fresh(fake, write, rows=10, cols=10)
    fake.book(sid).sheets[0].props["title"] = "🌵 test_values_batch_get 1"
    assert_replays(fake, write)
    status, body = send(
        fake, "GET", f"/v4/spreadsheets/{sid}/values:batchGet?ranges=%F0%9F%8C%B5+test_values_"
        "batch_get+1%21A%3AA"
    )  # fmt: skip
    assert status == 200
    assert body["valueRanges"][0] == recorded("values_batch_get", 1)["response"]["body"][
        "valueRanges"][0]  # fmt: skip


def test_append_finds_the_table_like_google(fake: FakeSheets) -> None:
    first = recorded("values_append", 0)
    fresh(fake, first)
    assert_replays(fake, first)
    second = recorded("values_append", 1)
    sid = fresh(fake, second)
    send(fake, "PUT", f"/v4/spreadsheets/{sid}/values/A1?valueInputOption=RAW",
         {"values": [["test_append_row_with_empty_value_and_table_range 1", "",
                      "test_append_row_with_empty_value_and_table_range 3"]]})  # fmt: skip
    assert_replays(fake, second)


def test_add_and_delete_sheet_replies_shaped_like_google(fake: FakeSheets) -> None:
    add = recorded("add_worksheet", 0)
    fresh(fake, add)
    status, body = replay(fake, add)
    expected = add["response"]["body"]
    got = body["replies"][0]["addSheet"]["properties"]
    want = expected["replies"][0]["addSheet"]["properties"]
    assert status == 200 and list(got) == list(want)
    assert {k: v for k, v in got.items() if k != "sheetId"} == {
        k: v for k, v in want.items() if k != "sheetId"
    }
    assert 100_000_000 <= got["sheetId"] < 2**31
    delete = recorded("del_worksheet", 0)
    delete["request"]["body"]["requests"][0]["deleteSheet"]["sheetId"] = got["sheetId"]
    assert_replays(fake, delete)


def test_notes_written_and_read_like_google(fake: FakeSheets) -> None:
    note = recorded("notes", 0)
    fresh(fake, note)
    assert_replays(fake, recorded("notes", 3))
    assert_replays(fake, note)
    assert_replays(fake, recorded("notes", 1))
    assert_replays(fake, recorded("notes", 2))
    many = recorded("spreadsheet_batch_update", 4)
    fresh(fake, many)
    assert_replays(fake, many)
    assert_replays(fake, recorded("notes", 4))


def test_format_and_read_back_with_style_mirrors(fake: FakeSheets) -> None:
    fmt = recorded("format", 0)
    fresh(fake, fmt)
    assert_replays(fake, fmt)
    assert_replays(fake, recorded("format", 1))


def test_freeze_then_metadata_matches_google(fake: FakeSheets) -> None:
    freeze = recorded("freeze", 0)
    fresh(fake, freeze)
    assert_replays(fake, freeze)
    meta = recorded("fetch_sheet_metadata", 1)
    status, body = replay(fake, meta)
    assert status == 200
    assert body["sheets"] == meta["response"]["body"]["sheets"]
    assert list(body) == list(meta["response"]["body"])
    assert_replays(fake, recorded("freeze", 1))


def test_metadata_has_google_properties_and_keys(fake: FakeSheets) -> None:
    meta = recorded("open_by_key", 0)
    sid = fresh(fake, meta)
    fake.book(sid).props["title"] = meta["response"]["body"]["properties"]["title"]
    assert_replays(fake, meta)


def test_error_bodies_are_googles(fake: FakeSheets) -> None:
    errors = json.loads((RECORDED / "errors.json").read_text())["examples"]
    assert_replays(fake, errors[0])  # unknown spreadsheet -> 404 NOT_FOUND
    fresh(fake, errors[2])
    assert_replays(fake, errors[2])  # values not a list
    fresh(fake, errors[3])
    assert_replays(fake, errors[3])  # hiding the only sheet
    sid = fresh(fake, errors[2])
    status, body = send(
        fake, "GET", f"/v4/spreadsheets/{sid}/values/%27all%20prompts%27%21A1%3A%5B5"
    )
    assert status == 400
    assert body == {
        "error": {
            "code": 400,
            "message": "Unable to parse range: 'all prompts'!A1:[5",
            "status": "INVALID_ARGUMENT",
        }
    }


def test_requests_without_bearer_token_get_401(fake: FakeSheets) -> None:
    sid = fake.load_grids({"Sheet1": [["a"]]})
    status, body = send(fake, "GET", f"/v4/spreadsheets/{sid}", token=None)
    assert status == 401
    assert body["error"]["status"] == "UNAUTHENTICATED"
    status, body = send(
        fake, "GET", f"/drive/v3/files/{sid}/export?mimeType=text%2Fcsv", token=None
    )
    assert status == 401 and body["error"]["errors"][0]["reason"] == "required"


# --- real gspread over HTTP -----------------------------------------------------------------


def crew_book(path: Path) -> Path:
    """A small production book as a coordinator would keep it."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Crew List"
    ws.append(["Name", "Rate", "Start", "Call"])
    ws.append(["Ann Lee", 1250, dt.datetime(2026, 12, 3), dt.time(6, 30)])
    ws.append(["Bo Diaz", 980.5, dt.datetime(2026, 12, 4), dt.time(7, 0)])
    ws["B2"].number_format = ws["B3"].number_format = '"$"#,##0.00'
    ws["C2"].number_format = ws["C3"].number_format = "mm-dd-yy"
    ws["D2"].number_format = ws["D3"].number_format = "h:mm AM/PM"
    ws["A2"].fill = PatternFill("solid", fgColor="FFFFFF00")
    ws["A3"].comment = Comment("Needs COI", "coordinator")
    ws.row_dimensions[3].hidden = True
    ws["A5"] = "Wrap party"
    ws.merge_cells("A5:C5")
    days = wb.create_sheet("Shoot Days")
    days.append(["Day", "Date"])
    days.append([1, dt.date(2026, 12, 3)])
    wb.save(path)
    return path


def test_gspread_reads_a_loaded_workbook_as_google_formats_it(
    fake: FakeSheets, tmp_path: Path
) -> None:
    sid = fake.load_xlsx(crew_book(tmp_path / "book.xlsx"), "BOOK-1")
    sh = gspread_client(fake.base_url).open_by_key(sid)
    assert sh.title == "book"
    assert [ws.title for ws in sh.worksheets()] == ["Crew List", "Shoot Days"]
    crew = sh.worksheet("Crew List")
    assert crew.get_all_values()[:3] == [
        ["Name", "Rate", "Start", "Call"],
        ["Ann Lee", "$1,250.00", "12/3/2026", "6:30 AM"],
        ["Bo Diaz", "$980.50", "12/4/2026", "7:00 AM"],
    ]
    raw = crew.get("B2:C2", value_render_option="UNFORMATTED_VALUE")
    assert raw == [[1250, 46359]]
    ranges = sh.values_batch_get(["'Crew List'!A1:B1", "'Shoot Days'!A2:B2"])["valueRanges"]
    assert ranges[0]["values"] == [["Name", "Rate"]]
    assert ranges[1] == {
        "range": "'Shoot Days'!A2:B2",
        "majorDimension": "ROWS",
        "values": [["1", "2026-12-03"]],  # openpyxl stores date cells as yyyy-mm-dd
    }
    assert crew.get_notes()[2] == ["Needs COI"]
    meta = sh.fetch_sheet_metadata({"includeGridData": "true", "ranges": "'Crew List'!A1:D5"})
    sheet = meta["sheets"][0]
    first = sheet["data"][0]["rowData"][1]["values"][0]
    assert first["userEnteredFormat"]["backgroundColor"] == {"red": 1, "green": 1}
    assert first["userEnteredFormat"]["backgroundColorStyle"] == {
        "rgbColor": {"red": 1, "green": 1}
    }
    assert sheet["data"][0]["rowMetadata"][2]["hiddenByUser"] is True
    assert sheet["merges"] == [
        {"startRowIndex": 4, "endRowIndex": 5, "startColumnIndex": 0, "endColumnIndex": 3}
    ]


def test_gspread_raw_keeps_text_user_entered_parses(fake: FakeSheets) -> None:
    sid = fake.load_grids({"Call Sheet": [["Item", "Value"]]})
    ws = gspread_client(fake.base_url).open_by_key(sid).sheet1
    ws.update([["=1+1", "12/3/2026", "1,250"]], "A2")
    ws.update([["=1+1", "12/3/2026", "1,250", "$1,250"]], "A3", raw=False)
    assert ws.get("A2:D3") == [
        ["=1+1", "12/3/2026", "1,250"],
        ["2", "12/3/2026", "1,250", "$1,250.00"],
    ]
    assert ws.get("A2:D3", value_render_option="FORMULA") == [
        ["=1+1", "12/3/2026", "1,250"],
        ["=1+1", 46359, 1250, 1250],
    ]
    result = ws.batch_update(
        [
            {"range": "A5", "values": [["Crew call"]]},
            {"range": "B5:B6", "values": [["6:30 AM"], ["x"]]},
        ],
        raw=False,
    )
    assert result["totalUpdatedCells"] == 3
    assert ws.get("B5", value_render_option="UNFORMATTED_VALUE") == [[0.2708333333333333]]


def test_gspread_sheet_structure_format_and_notes(fake: FakeSheets) -> None:
    sid = fake.load_grids({"Crew List": [["Name", "Dept"], ["Ann", "Grip"]]})
    sh = gspread_client(fake.base_url).open_by_key(sid)
    crew = sh.sheet1
    call = sh.add_worksheet("Call Sheet 'Day 1'", rows=40, cols=8)
    call.update([["Day 1"]], "A1")
    assert call.get_all_values() == [["Day 1"]]
    copy = crew.duplicate(new_sheet_name="Crew Backup")
    assert [ws.title for ws in sh.worksheets()] == [
        "Crew List",
        "Crew Backup",
        "Call Sheet 'Day 1'",
    ]
    assert copy.get_all_values() == crew.get_all_values()
    sh.del_worksheet(copy)
    crew.format(
        "A2:B2", {"backgroundColor": {"red": 1, "green": 0.8}, "textFormat": {"bold": True}}
    )
    crew.insert_notes({"B2": "Key grip", "A1": "Header"})
    assert crew.get_note("B2") == "Key grip"
    assert crew.get_notes() == [["Header"], ["", "Key grip"]]
    body = {
        "requests": [
            {"updateSheetProperties": {"properties": {"sheetId": call.id, "hidden": True,
             "gridProperties": {"frozenRowCount": 2}, "index": 0},
             "fields": "hidden,gridProperties.frozenRowCount,index"}},
            {"updateDimensionProperties": {"range": {"sheetId": 0, "dimension": "COLUMNS",
             "startIndex": 0, "endIndex": 1}, "properties": {"pixelSize": 180},
             "fields": "pixelSize"}},
            {"mergeCells": {"range": {"sheetId": call.id, "startRowIndex": 0, "endRowIndex": 1,
             "startColumnIndex": 0, "endColumnIndex": 4}, "mergeType": "MERGE_ALL"}},
            {"setDataValidation": {"range": {"sheetId": 0, "startRowIndex": 1, "endRowIndex": 2,
             "startColumnIndex": 1, "endColumnIndex": 2}, "rule": {"condition": {
             "type": "ONE_OF_LIST", "values": [{"userEnteredValue": "Grip"}]}}}},
        ]
    }  # fmt: skip
    assert sh.batch_update(body)["replies"] == [{}, {}, {}, {}]
    meta = sh.fetch_sheet_metadata()
    props = meta["sheets"][0]["properties"]
    assert props["title"] == "Call Sheet 'Day 1'" and props["hidden"] is True
    assert props["gridProperties"]["frozenRowCount"] == 2
    grid = sh.fetch_sheet_metadata({"includeGridData": "true", "ranges": "'Crew List'!A1:B2"})
    data = grid["sheets"][0]["data"][0]
    assert data["columnMetadata"][0] == {"pixelSize": 180}
    cell = data["rowData"][1]["values"][0]
    assert cell["userEnteredFormat"]["backgroundColor"] == {"red": 1, "green": 0.8}
    assert cell["userEnteredFormat"]["textFormat"]["bold"] is True
    assert data["rowData"][1]["values"][1]["dataValidation"]["condition"]["type"] == "ONE_OF_LIST"
    sh.batch_update({"requests": [{"unmergeCells": {"range": {"sheetId": call.id}}}]})
    assert "merges" not in sh.fetch_sheet_metadata()["sheets"][0]


def test_gspread_export_pdf_has_the_crew(fake: FakeSheets, tmp_path: Path) -> None:
    sid = fake.load_xlsx(crew_book(tmp_path / "book.xlsx"))
    sh = gspread_client(fake.base_url).open_by_key(sid)
    pdf = sh.export(ExportFormat.PDF)
    assert pdf.startswith(b"%PDF")
    out = tmp_path / "book.pdf"
    out.write_bytes(pdf)
    text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True).stdout
    assert "Ann Lee" in text and "$1,250.00" in text and "12/3/2026" in text
    xlsx = tmp_path / "again.xlsx"
    xlsx.write_bytes(sh.export(ExportFormat.EXCEL))
    exported = openpyxl.load_workbook(xlsx)
    assert exported.sheetnames == ["Crew List", "Shoot Days"]
    # Columns nobody resized keep Google's 100 px, whatever renders the export.
    assert exported["Crew List"].column_dimensions["C"].width == pytest.approx(95 / 7)


def test_faults_are_seen_by_gspread_and_logged(fake: FakeSheets) -> None:
    sid = fake.load_grids({"Sheet1": [["a", "b"]]})
    ws = gspread_client(fake.base_url).open_by_key(sid).sheet1
    fake.clear_requests()
    fake.add_fault(status=429, times=2, match="values:batchGet")
    for _ in range(2):
        with pytest.raises(gspread.exceptions.APIError) as caught:
            ws.batch_get(["A1"])
        assert caught.value.code == 429
        assert caught.value.error["status"] == "RESOURCE_EXHAUSTED"
    assert ws.batch_get(["A1"]) == [[["a"]]]
    fake.add_fault(status=500, match="values/")
    with pytest.raises(gspread.exceptions.APIError) as caught:
        ws.get_all_values()
    assert caught.value.code == 500
    log = fake.get_json("/_requests")
    assert [(e["kind"], e["status"]) for e in log] == [
        ("values.batchGet", 429),
        ("values.batchGet", 429),
        ("values.batchGet", 200),
        ("values.get", 500),
    ]
    assert log[0]["query"] == {"ranges": ["'Sheet1'!A1"]}
    request = urllib.request.Request(fake.base_url + "/_requests", method="DELETE")
    urllib.request.urlopen(request, timeout=10).close()
    assert fake.requests() == []


def test_delay_fault_and_backoff_client_retry(fake: FakeSheets) -> None:
    sid = fake.load_grids({"Sheet1": [["a"]]})
    gc = gspread_client(fake.base_url, backoff=True)
    ws = gc.open_by_key(sid).sheet1
    fake.add_fault(delay=0.5, match="values/")
    started = time.monotonic()
    assert ws.acell("A1").value == "a"
    assert time.monotonic() - started >= 0.5
    fake.clear_requests()
    fake.add_fault(status=503, match="values/")
    assert ws.acell("A1").value == "a"  # gspread's backoff waits 2 s and retries
    assert [e["status"] for e in fake.requests()] == [503, 200]


def test_standalone_command_serves_a_book(tmp_path: Path) -> None:
    book = crew_book(tmp_path / "book.xlsx")
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    script = Path(__file__).parent / "fake_sheets.py"
    proc = subprocess.Popen(
        [sys.executable, str(script), "--port", str(port), "--load", str(book), "--id", "CLI-1"],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert "CLI-1" in proc.stdout.readline()
        request = urllib.request.Request(
            f"http://127.0.0.1:{port}/v4/spreadsheets/CLI-1/values/%27Crew%20List%27%21A2",
            headers={"Authorization": "Bearer t"},
        )
        with urllib.request.urlopen(request, timeout=10) as response:
            assert json.loads(response.read())["values"] == [["Ann Lee"]]
    finally:
        proc.terminate()
        proc.wait(timeout=10)


# --- cells and access as Google keeps them ------------------------------------------------

LITERAL = '=HYPERLINK("http://example.com/pat","Pat Lee")'


def _book_with_literal_formula_text(path: Path, with_formula: bool = True) -> Path:
    """A crew list whose name cell is text that merely starts with '=' (a string cell),
    and (``with_formula``) one real formula cell."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Crew List"
    ws.append(["Name", "Department", "Position", "Email"])
    ws.append([None, "Camera", "DP", "pat@example"])
    ws["A2"].value = LITERAL
    ws["A2"].data_type = "s"
    ws.append(["Sam Roe", "Grip", "Key Grip", "sam@example.com"])
    if with_formula:
        ws.append([None, "Grip", "Best Boy", "bb@example.com"])
        ws["A4"] = '=HYPERLINK("http://example.com/bb","Bo Diaz")'
    wb.save(path)
    return path


def test_a_loaded_text_cell_that_starts_with_equals_stays_text(
    fake: FakeSheets, tmp_path: Path
) -> None:
    """Google imports an xlsx string cell as a string (as RAW input keeps "=1+2" text),
    and keeps a formula cell a formula."""
    sid = fake.load_xlsx(_book_with_literal_formula_text(tmp_path / "book.xlsx"))
    ws = gspread_client(fake.base_url).open_by_key(sid).sheet1
    assert ws.get("A2", value_render_option="UNFORMATTED_VALUE") == [[LITERAL]]
    assert ws.get("A4", value_render_option="UNFORMATTED_VALUE") == [["Bo Diaz"]]
    status, meta = send(
        fake, "GET", f"/v4/spreadsheets/{sid}?includeGridData=true"
        "&ranges=%27Crew%20List%27%21A2%3AA4&fields=sheets.data.rowData.values.userEnteredValue"
    )
    assert status == 200
    values = [row["values"][0]["userEnteredValue"]
              for row in meta["sheets"][0]["data"][0]["rowData"]]
    assert values[0] == {"stringValue": LITERAL}
    assert values[2] == {"formulaValue": '=HYPERLINK("http://example.com/bb","Bo Diaz")'}
    raw = recorded("values_update", 0)  # the same text written RAW is stored the same way
    assert raw["request"]["query_raw"] == "valueInputOption=RAW"


def test_the_same_book_gives_the_same_findings_from_google_as_from_the_file(
    fake: FakeSheets, tmp_path: Path, monkeypatch
) -> None:
    from addin.hosts.gsheets import open_spreadsheet
    from addin.hosts.xlsx import XlsxHost
    from addin.run import check_host

    monkeypatch.setenv("PRODDESK_SHEETS_API", fake.base_url)
    book = _book_with_literal_formula_text(tmp_path / "book.xlsx", with_formula=False)
    sid = fake.load_xlsx(book)
    on_file, _ = check_host(XlsxHost(book), dt.date(2026, 11, 25))
    google = open_spreadsheet(f"gsheet:{sid}", "token:t")
    on_google, _ = check_host(google, dt.date(2026, 11, 25))
    assert [(f.rule, f.sheet, f.cell, f.message) for f in on_google.findings] == [
        (f.rule, f.sheet, f.cell, f.message) for f in on_file.findings
    ]
    assert any(LITERAL in f.message for f in on_file.findings)


def test_a_spreadsheet_not_shared_with_the_service_account_answers_403(
    fake: FakeSheets,
) -> None:
    errors = json.loads((RECORDED / "errors.json").read_text())["examples"]
    private = errors[1]  # ClientTest.test_access_private_spreadsheet
    assert private["response"]["status"] == 403
    sid = fresh(fake, private)
    fake.unshare(sid)
    assert_replays(fake, private)
    status, body = send(fake, "GET", f"/v4/spreadsheets/{sid}/values/%27Sheet1%27")
    assert (status, body) == (403, private["response"]["body"])
    with pytest.raises(PermissionError):  # what gspread makes of Google's 403
        gspread_client(fake.base_url).open_by_key(sid)
    assert_replays(fake, errors[0])  # an id that does not exist is still 404


def test_proddesk_says_to_share_a_spreadsheet_it_may_not_open(
    fake: FakeSheets, capsys, monkeypatch
) -> None:
    from addin.cli import main

    monkeypatch.setenv("PRODDESK_SHEETS_API", fake.base_url)
    sid = fake.load_grids({"Crew": [["Name"], ["Pat Lee"]]})
    fake.unshare(sid)
    assert main(["validate", f"gsheet:{sid}", "--credentials", "token:t"]) == 2
    said = " ".join(capsys.readouterr().err.split())
    assert f"Google refused access to spreadsheet {sid}: share it (Editor)" in said
