"""The Google host, sync and server against the imitation of the Sheets API over real HTTP."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import subprocess
import sys
import time
import uuid
from pathlib import Path

import httpx
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from google_support import serve_app

from addin.google.config import load_config
from addin.google.signing import signed_headers
from addin.google.sync import run_cycle
from addin.hosts.gsheets import open_spreadsheet
from addin.hosts.xlsx import XlsxHost
from addin.parse import format_time
from addin.run import check_host

SAMPLE = Path(__file__).resolve().parents[2] / "workbooks" / "sample_production.xlsx"
SECRET = "test-secret-123"
WRITES = ("spreadsheets.batchUpdate", "values.batchUpdate", "values.update", "values.clear")


def _config(tmp_path: Path, *ids: str, extra: str = "") -> Path:
    lines = [
        'credentials = "token:t"',
        f'shared_secret = "{SECRET}"',
        "[retry]\ntries = 3\nbase = 0.01\ncap = 0.05",
    ]
    for i, sid in enumerate(ids):
        lines.append(f'[[production]]\nname = "Show {i}"\nspreadsheet = "{sid}"\ndays_ahead = 2')
    path = tmp_path / "productions.toml"
    path.write_text("\n".join(lines) + extra)
    return path


def _kinds(fake) -> list[str]:
    return [r["kind"] for r in fake.requests()]


def test_validate_gives_the_same_findings_and_marks_as_the_xlsx_path(fake, tmp_path):
    book = tmp_path / "book.xlsx"
    shutil.copy(SAMPLE, book)
    sid = fake.load_xlsx(book)
    xlsx_report, _ = check_host(XlsxHost(book, output=tmp_path / "out.xlsx"), write=True)
    google_report, result = check_host(open_spreadsheet(f"gsheet:{sid}", "token:t"), write=True)
    assert json.loads(google_report.to_json())["findings"] == json.loads(
        xlsx_report.to_json()
    )["findings"]
    assert result.marked > 0
    checks = fake.book(sid).sheet_by_title("Checks")
    assert checks is not None
    from addin.model import parse_a1

    finding = next(f for f in google_report.findings if f.cell)
    r, c = parse_a1(finding.cell)
    marked = fake.book(sid).sheet_by_title(finding.sheet).peek(r - 1, c - 1)
    assert marked.note and finding.message in marked.note
    assert marked.fmt.get("backgroundColor")
    assert checks.peek(1, 0).value == xlsx_report.read.headline()  # what was read, row 2
    assert checks.peek(1, 0).value.startswith("Read 11 of 11 tabs: ")
    assert checks.peek(2, 3).value == "Problem"
    problem = checks.peek(3, 3)  # the first finding's Problem cell wraps, top-aligned
    assert problem.fmt.get("wrapStrategy") == "WRAP"
    assert problem.fmt.get("verticalAlignment") == "TOP"


def test_clear_puts_the_spreadsheet_back(fake, tmp_path):
    sid = fake.load_xlsx(SAMPLE)
    before = {s.title for s in fake.book(sid).sheets}
    host = open_spreadsheet(f"https://docs.google.com/spreadsheets/d/{sid}/edit", "token:t")
    check_host(host, write=True)
    from addin.book import read_book
    from addin.publish import clear

    again = open_spreadsheet(f"gsheet:{sid}", "token:t")
    restored = clear(again, read_book(again)).restored
    assert restored > 0
    assert {s.title for s in fake.book(sid).sheets} == before
    notes = [c.note for s in fake.book(sid).sheets for c in s.cells.values() if c.note]
    assert not any("ProdDesk" in n for n in notes)


def test_sync_cycle_uses_two_reads_one_write_and_unchanged_writes_nothing(fake, tmp_path):
    sid = fake.load_xlsx(SAMPLE)
    config = load_config(_config(tmp_path, sid))
    fake.clear_requests()
    [outcome] = run_cycle(config)
    assert outcome.status == "published"
    kinds = _kinds(fake)
    assert kinds.count("spreadsheets.get") + kinds.count("values.batchGet") <= 2
    assert sum(k in WRITES for k in kinds) <= 2
    assert outcome.snapshot and outcome.snapshot.exists()
    assert fake.book(sid).sheet_by_title("Checks") is not None
    fake.clear_requests()
    [again] = run_cycle(config)
    assert again.status == "unchanged"
    assert not any(k in WRITES for k in _kinds(fake))


def test_quota_errors_are_retried_and_a_dead_production_is_skipped(fake, tmp_path):
    good = fake.load_xlsx(SAMPLE)
    bad = fake.load_xlsx(SAMPLE)
    config = load_config(_config(tmp_path, bad, good))
    fake.add_fault(status=429, times=2, match=f"{good}/values:batchGet")
    fake.add_fault(status=500, times=None, match=f"{bad}:batchUpdate")
    first, second = run_cycle(config)
    assert first.status == "skipped" and "not answering" in first.reason
    assert second.status == "published"
    assert fake.book(bad).sheet_by_title("Checks") is None  # nothing half-written
    assert fake.book(good).sheet_by_title("Checks") is not None


def test_the_key_never_reaches_logs_or_output(tmp_path, monkeypatch, capsys):
    import logging

    secret_part = "MIIEvQIBADANBgkqhkiG9w0BAQEFAASC-not-a-real-key"
    key = tmp_path / "key.json"
    key.write_text(json.dumps({"type": "service_account", "private_key": secret_part,
                               "client_email": "x@y.iam.gserviceaccount.com"}))
    key.chmod(0o644)
    log_file = tmp_path / "log.txt"
    handler = logging.FileHandler(log_file)
    logging.getLogger("addin").addHandler(handler)
    monkeypatch.delenv("PRODDESK_SHEETS_API", raising=False)
    try:
        from addin.cli import main

        code = main(["validate", "gsheet:abc", "--credentials", str(key)])
    finally:
        logging.getLogger("addin").removeHandler(handler)
    captured = capsys.readouterr()
    assert code == 2
    assert "can be read by other users" in captured.err
    everything = captured.out + captured.err + log_file.read_text()
    assert secret_part not in everything and "private_key" not in everything


# --- server ---------------------------------------------------------------------------


@pytest.fixture
def client(fake, tmp_path):
    from fastapi.testclient import TestClient

    from addin.google.server import create_app

    sid = fake.load_xlsx(SAMPLE)
    app = create_app(load_config(_config(tmp_path, sid)))
    with TestClient(app) as test_client:
        test_client.sid = sid
        yield test_client


def _post(client, path: str, payload: dict, **sign_at) -> httpx.Response:
    """A signed request with a fresh nonce (as the Apps Script sends it)."""
    body = json.dumps({"nonce": uuid.uuid4().hex, **payload}).encode()
    headers = {"Content-Type": "application/json", **signed_headers(SECRET, body, **sign_at)}
    return client.post(path, content=body, headers=headers)


def test_signed_function_call_answers(client):
    answer = _post(client, "/functions/PD_PAGES", {"args": [["1 3/8", "2/8"]]})
    assert answer.status_code == 200, answer.text
    assert answer.json()["value"]


def test_unsigned_stale_replayed_foreign_and_oversized_requests_are_refused(client, fake):
    body = json.dumps({"nonce": "n-replay-1", "spreadsheet_id": client.sid}).encode()
    unsigned = client.post("/actions/check", content=body)
    assert unsigned.status_code == 401 and "not signed" in unsigned.json()["error"]
    stale = _post(client, "/actions/check", {"spreadsheet_id": client.sid},
                  timestamp=time.time() - 400)
    assert stale.status_code == 401
    headers = {"Content-Type": "application/json", **signed_headers(SECRET, body)}
    assert client.post("/actions/clear", content=body, headers=headers).status_code == 200
    replay = client.post("/actions/clear", content=body, headers=headers)
    assert replay.status_code == 401 and "replay" in replay.json()["error"]
    foreign = _post(client, "/actions/check", {"spreadsheet_id": "someoneelse"})
    assert foreign.status_code == 403
    big = _post(client, "/functions/PD_PHONE", {"args": ["x" * 70_000]})
    assert big.status_code == 413
    many = _post(client, "/functions/PD_PHONE", {"args": [[["1"]] * 10_001]})
    assert many.status_code == 413
    assert fake.book(client.sid).sheet_by_title("Checks") is None
    assert client.get("/health").json()["status"] == "ok"
    assert "/functions/{name}" in client.get("/openapi.json").json()["paths"]


def test_server_over_real_http_checks_a_listed_spreadsheet(fake, tmp_path):
    from addin.google.server import create_app

    sid = fake.load_xlsx(SAMPLE)
    app = create_app(load_config(_config(tmp_path, sid)))
    with serve_app(app) as url:
        body = json.dumps({"nonce": uuid.uuid4().hex, "spreadsheet_id": sid}).encode()
        answer = httpx.post(f"{url}/actions/check", content=body,
                            headers={"Content-Type": "application/json",
                                     **signed_headers(SECRET, body)},
                            timeout=60, trust_env=False)
        assert answer.status_code == 200, answer.text
        assert answer.json()["findings"]
        assert fake.book(sid).sheet_by_title("Checks") is not None


# --- book lookups ---------------------------------------------------------------------


@pytest.fixture(scope="module")
def xlsx_book():
    """The sample book read from the xlsx, to compare the server's answers with."""
    from addin.book import read_book

    return read_book(XlsxHost(SAMPLE))


def _value(client, name: str, *args, sid: str | None = None):
    payload = {"args": list(args), "spreadsheet_id": sid or client.sid}
    answer = _post(client, f"/functions/{name}", payload)
    assert answer.status_code == 200, answer.text
    return answer.json()["value"]


def _serial(day: dt.date) -> int:
    return (day - dt.date(1899, 12, 30)).days


def test_call_time_is_the_key_grips_own_override_on_crew_calls(client, xlsx_book):
    from addin.lookups import call_time

    assert _value(client, "PD_CALLTIME", "Marcus Bell", 1) == "6:00 AM"
    assert format_time(call_time(xlsx_book, "Marcus Bell", 1)) == "6:00 AM"
    # Day 1's general crew call for someone without an override; the day as its date
    assert _value(client, "PD_CALLTIME", "Nadia Rosen", _serial(dt.date(2026, 12, 3))) == "7:00 AM"
    column = _value(client, "PD_CALLTIME", [["Marcus Bell"], [None], ["Zed"]], 1)
    nobody = "PD_CALLTIME: nobody named 'Zed' on the Crew or Cast tab"
    assert column == [["6:00 AM"], [""], [nobody]]


def test_day_cost_is_the_days_forecast_pay_as_in_the_xlsx_book(client, xlsx_book):
    from addin.lookups import day_cost

    assert _value(client, "PD_DAYCOST", 1) == 21033.19 == day_cost(xlsx_book, 1)
    assert _value(client, "PD_DAYCOST", _serial(dt.date(2026, 12, 3)), "grip") == 1889.29
    column = _value(client, "PD_DAYCOST", [[1], [None], [2]], "Catering")
    nobody = "PD_DAYCOST: nobody in 'Catering' with a rate works day"
    assert column == [[f"{nobody} 1"], [""], [f"{nobody} 2"]]


def test_budget_left_and_next_po_match_the_xlsx_book(client, xlsx_book):
    from addin.lookups import budget_left, next_po

    assert _value(client, "PD_BUDGETLEFT", "2000") == budget_left(xlsx_book, "2000")
    assert _value(client, "PD_BUDGETLEFT", 2000) == budget_left(xlsx_book, "2000")
    accounts = [[row["Account"]] for row in xlsx_book.table("Budget").rows()]
    assert _value(client, "PD_BUDGETLEFT", accounts) == [
        [budget_left(xlsx_book, a)] for [a] in accounts
    ]
    assert _value(client, "PD_NEXTPO") == next_po(xlsx_book) == "LT-1" + next_po(xlsx_book)[4:]
    assert _value(client, "pd_budgetleft", "9999") == (
        "PD_BUDGETLEFT: account '9999' is not on the Budget tab"
    )


def test_swhf_gives_the_call_sheets_letters(client, xlsx_book):
    from addin.callsheet.build import build_callsheet

    for day in (1, 2, 3, 4):
        sheet, _ = build_callsheet(xlsx_book, day)
        ids = [line.id for line in sheet.cast]
        assert ids, f"no cast on day {day}"
        got = _value(client, "PD_SWHF", [[i] for i in ids], day)
        assert got == [[line.status] for line in sheet.cast], day
    assert _value(client, "PD_SWHF", 42, 1) == "PD_SWHF: cast # '42' is not on the Cast tab"


def test_sunrise_and_sunset_at_the_first_location(client, xlsx_book):
    from addin.lookups import sunrise, sunset

    place = xlsx_book.table("Locations").rows()[0]["Location"]
    day = _serial(dt.date(2026, 12, 3))
    rise, set_ = _value(client, "PD_SUNRISE", place, day), _value(client, "PD_SUNSET", place, day)
    assert rise == format_time(sunrise(xlsx_book, place, day))
    assert set_ == format_time(sunset(xlsx_book, place, "2026-12-03"))
    assert rise.endswith("AM") and set_.endswith("PM")


def test_coi_status_looks_up_the_vendor_like_excel(client, xlsx_book):
    from addin.lookups import vendor_coi_status

    vendor = "Acme Grip & Electric"  # COI expires 2027-06-30
    assert _value(client, "PD_COISTATUS", vendor, "2027-06-20") == "Expiring in 10 days"
    assert vendor_coi_status(xlsx_book, vendor, "2027-06-20") == "Expiring in 10 days"
    column = _value(client, "PD_COISTATUS", [["acme grip and electric, inc."], [""], ["Nobody"]],
                    _serial(dt.date(2027, 7, 1)))
    assert column == [["Expired"], [""], ["PD_COISTATUS: no vendor named 'Nobody' on the "
                                          "Vendors tab"]]


def test_a_burst_of_lookups_reads_the_book_once(client, fake):
    fake.clear_requests()
    for day in (1, 2, 3):
        _value(client, "PD_CALLTIME", "Marcus Bell", day)
    _value(client, "PD_NEXTPO")
    _value(client, "PD_SWHF", 1, 1)
    reads = [k for k in _kinds(fake) if k in ("spreadsheets.get", "values.batchGet")]
    assert len(_kinds(fake)) == 2 and len(reads) == 2
    assert client.app.state.books.reads == 1
    client.app.state.books.max_age = 0  # the cached book has expired: read again
    _value(client, "PD_NEXTPO")
    assert client.app.state.books.reads == 2


def test_lookups_refuse_spreadsheets_not_listed(client, fake):
    other = fake.load_xlsx(SAMPLE)  # a real spreadsheet, but not in productions.toml
    fake.clear_requests()
    for payload in ({"args": ["Marcus Bell", 1], "spreadsheet_id": other},
                    {"args": ["Marcus Bell", 1]}):
        refused = _post(client, "/functions/PD_CALLTIME", payload)
        assert refused.status_code == 403
        assert refused.json() == {"error": "This spreadsheet is not listed in the server's "
                                           "productions.toml."}
    assert _kinds(fake) == []


def test_request_problems_are_errors_and_refused_values_are_sentences(client):
    short = _post(client, "/functions/PD_CALLTIME", {"args": ["Marcus Bell"],
                                                     "spreadsheet_id": client.sid})
    assert short.status_code == 400
    assert short.json() == {"error": "PD_CALLTIME takes 2 values, not 1."}
    assert _value(client, "PD_DAYPAY", "TBD", 12) == (
        "PD_DAYPAY: rate 'TBD' is not a rate (write it like $400/12)"
    )
    # blank cells of a range give blank answers, for pure functions as for lookups
    assert _value(client, "PD_DAYPAY", [["$400/10"], [None], [""]], 12) == [[509.09], [""], [""]]
    assert _value(client, "PD_BASEHOURLY", [["$400/10"], [None]]) == [[36.36], [""]]
    assert _value(client, "PD_TURNAROUND", 0.9583333, 0.2916667, "") == 8.0  # crew by default
    assert _value(client, "PD_MEALDUE", 0.2708333, "") == "12:30 PM"  # 6:30 AM call
    assert _value(client, "PD_MEALDUE", 0.2708333, 0.5416667) == 1  # lunch at 1:00 PM


def test_every_request_needs_a_new_nonce(client):
    payload = {"args": ["$400/10", 10]}
    body = json.dumps(payload).encode()
    headers = {"Content-Type": "application/json", **signed_headers(SECRET, body)}
    missing = client.post("/functions/PD_DAYPAY", content=body, headers=headers)
    assert missing.status_code == 400 and "nonce" in missing.json()["error"]
    body = json.dumps({"nonce": "same-nonce-42", **payload}).encode()
    first = client.post("/functions/PD_DAYPAY", content=body, headers={
        "Content-Type": "application/json", **signed_headers(SECRET, body)})
    assert first.status_code == 200 and first.json() == {"value": 400.0}
    # the same nonce signed a second later is a replay even though the signature differs
    again = client.post("/functions/PD_DAYPAY", content=body, headers={
        "Content-Type": "application/json",
        **signed_headers(SECRET, body, timestamp=time.time() + 1)})
    assert again.status_code == 401 and again.json() == {
        "error": "The request's nonce was already used (replay)."}
    # identical formulas in the same second, each with its own nonce, are all answered
    same_second = time.time()
    answers = [_post(client, "/functions/PD_DAYPAY", payload, timestamp=same_second)
               for _ in range(3)]
    assert [a.status_code for a in answers] == [200, 200, 200]


def test_validate_on_a_url_writes_the_checks_tab_and_refuses_annotate(fake, tmp_path, capsys):
    from addin.cli import main

    sid = fake.load_xlsx(SAMPLE)
    url = f"https://docs.google.com/spreadsheets/d/{sid}/edit"
    assert main(["validate", url, "--credentials", "token:t", "--today", "2026-11-25"]) == 1
    assert fake.book(sid).sheet_by_title("Checks") is not None
    assert "Checks written to" in capsys.readouterr().err
    code = main(["validate", url, "--credentials", "token:t", "--annotate", str(tmp_path / "x")])
    assert code == 2
    assert "--annotate writes a marked copy of an Excel file" in capsys.readouterr().err


def test_callsheet_on_a_url_writes_its_tab_and_a_pdf_from_googles_export(fake, tmp_path, capsys):
    from addin.cli import main

    sid = fake.load_xlsx(SAMPLE)
    url = f"https://docs.google.com/spreadsheets/d/{sid}/edit"
    out = tmp_path / "sheets"
    code = main(["callsheet", url, "--day", "2", "--pdf", "--out", str(out),
                 "--credentials", "token:t"])
    assert code == 0
    assert fake.book(sid).sheet_by_title("Call Sheet D2") is not None
    [pdf] = out.glob("*.pdf")
    assert pdf.read_bytes().startswith(b"%PDF")
    assert "docs.export" in _kinds(fake)
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout
    assert "Day 2 of 4" in text


def _trimmed(grid: list[list]) -> list[list[str]]:
    rows = [["" if v is None else str(v) for v in row] for row in grid]
    rows = [row[: max((i + 1 for i, v in enumerate(row) if v), default=0)] for row in rows]
    while rows and not rows[-1]:
        rows.pop()
    return rows


def test_call_sheet_tab_on_google_matches_the_xlsx_path(fake, tmp_path, capsys):
    from addin.cli import main

    sid = fake.load_xlsx(SAMPLE)
    url = f"https://docs.google.com/spreadsheets/d/{sid}/edit"
    assert main(["callsheet", url, "--day", "3", "--out", str(tmp_path / "g"),
                 "--credentials", "token:t"]) == 0
    book = tmp_path / "book.xlsx"
    shutil.copyfile(SAMPLE, book)
    assert main(["callsheet", str(book), "--day", "3", "--into-book",
                 "--out", str(tmp_path / "x")]) == 0
    capsys.readouterr()
    on_google = open_spreadsheet(f"gsheet:{sid}", "token:t").read_all()["Call Sheet D3"]
    in_file = XlsxHost(book).read_all()["Call Sheet D3"]
    assert _trimmed(on_google) == _trimmed(in_file)
    assert any("Day 3 of 4" in cell for row in _trimmed(on_google) for cell in row)


def test_sigterm_lets_the_write_in_progress_finish_then_sync_exits(fake, tmp_path):
    import os
    import signal

    sid = fake.load_xlsx(SAMPLE)
    config = _config(tmp_path, sid)
    fake.add_fault(delay=2.0, match="batchUpdate")  # a slow write, to stop in the middle of
    env = {**os.environ, "PRODDESK_SHEETS_API": fake.base_url, "PRODDESK_LOG": os.devnull}
    sync = subprocess.Popen(
        [sys.executable, "-m", "addin.cli", "sync", "--config", str(config)],
        cwd=tmp_path, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    deadline = time.monotonic() + 30
    while "values.batchGet" not in _kinds(fake) and time.monotonic() < deadline:
        time.sleep(0.05)
    time.sleep(0.5)  # the cycle is now checking the book or writing it
    sync.send_signal(signal.SIGTERM)
    out, err = sync.communicate(timeout=30)
    assert sync.returncode == 0
    assert "Sync stopped." in err
    assert _kinds(fake).count("spreadsheets.batchUpdate") == 1  # one whole write, no more
    assert fake.book(sid).sheet_by_title("Checks") is not None
    assert "Traceback" not in out + err


def test_on_google_a_coordinators_own_checks_and_call_sheet_tabs_are_left_alone(
    fake, tmp_path, capsys
):
    import openpyxl

    from addin.cli import main

    book = tmp_path / "theirs.xlsx"
    shutil.copyfile(SAMPLE, book)
    workbook = openpyxl.load_workbook(book)
    workbook.create_sheet("Checks")["A1"] = "Check # 1001 to Acme, paid"
    workbook.create_sheet("Call Sheet D2")["A1"] = "My own day 2 notes"
    workbook.save(book)
    sid = fake.load_xlsx(book)
    url = f"gsheet:{sid}"
    assert main(["validate", url, "--credentials", "token:t", "--today", "2026-11-25"]) == 1
    assert main(["callsheet", url, "--day", "2", "--out", str(tmp_path / "cs"),
                 "--credentials", "token:t"]) == 0
    assert "Tab 'ProdDesk Call Sheet D2' written" in capsys.readouterr().out
    grids = open_spreadsheet(url, "token:t").read_all()
    assert grids["Checks"] == [["Check # 1001 to Acme, paid"]]
    assert grids["Call Sheet D2"] == [["My own day 2 notes"]]
    assert grids["ProdDesk Checks"][0][0].startswith("ProdDesk checks of")
    assert any("Day 2 of 4" in str(v) for row in grids["ProdDesk Call Sheet D2"] for v in row)
    assert main(["clear", url, "--credentials", "token:t"]) == 0
    names = open_spreadsheet(url, "token:t").sheet_names()
    assert {"Checks", "Call Sheet D2", "ProdDesk Call Sheet D2"} <= set(names)
    assert "ProdDesk Checks" not in names


def test_proddesk_columns_adds_the_tab_to_a_google_spreadsheet(fake, tmp_path):
    from addin.run import write_columns_tab
    from tests.books import write_xlsx

    book = write_xlsx(tmp_path / "book.xlsx", {
        "Crew List": [["Name", "Dept", "Cell"], ["Pat Lee", "Camera", "(310) 555-0143"]],
    })
    sid = fake.load_xlsx(book)
    count, _ = write_columns_tab(f"gsheet:{sid}", credentials="token:t")
    tab = fake.book(sid).sheet_by_title("ProdDesk Columns")
    assert count == 4 and tab is not None
    assert [tab.peek(3, c).value for c in range(3)] == ["Crew", "Department", "Dept"]
    host = open_spreadsheet(f"gsheet:{sid}", "token:t")
    report, _ = check_host(host)
    assert [t.kind for t in report.read.tabs] == ["Crew", "Columns"]


def _sample_showing_costs(tmp_path: Path) -> Path:
    """The sample book with Show Costs On Call Sheet: Yes on its Settings tab."""
    import openpyxl

    book = tmp_path / "costs.xlsx"
    workbook = openpyxl.load_workbook(SAMPLE)
    settings = workbook["Settings"]
    settings.append(["Show Costs On Call Sheet", "Yes"])
    workbook.save(book)
    return book


def test_google_menu_call_sheet_shows_the_costs_when_the_settings_say_so(fake, tmp_path):
    from fastapi.testclient import TestClient

    from addin.google.server import create_app

    sid = fake.load_xlsx(_sample_showing_costs(tmp_path))
    with TestClient(create_app(load_config(_config(tmp_path, sid)))) as client:
        answer = _post(client, "/actions/callsheet", {"spreadsheet_id": sid, "day": 1})
    assert answer.status_code == 200, answer.text
    tab = open_spreadsheet(f"gsheet:{sid}", "token:t").read_all()[answer.json()["tab"]]
    rows = [" ".join(str(v) for v in row if v not in (None, "")) for row in tab]
    assert "DAY TOTAL 39 people 11.5-12.5 h $21,033.19 $1,883.19 OT" in rows


def test_google_call_sheet_pdf_is_refused_while_the_tab_shows_costs(fake, tmp_path, capsys):
    from addin.cli import main

    sid = fake.load_xlsx(_sample_showing_costs(tmp_path))
    url = f"https://docs.google.com/spreadsheets/d/{sid}/edit"
    code = main(["callsheet", url, "--day", "2", "--pdf", "--out", str(tmp_path / "cs"),
                 "--credentials", "token:t"])
    assert code == 2
    assert "Show Costs On Call Sheet" in capsys.readouterr().err
    assert fake.book(sid).sheet_by_title("Call Sheet D2") is None  # nothing written
    assert not (tmp_path / "cs").exists()
