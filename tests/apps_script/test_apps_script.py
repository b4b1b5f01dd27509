"""macros/google/ProdDesk.gs end to end: the script runs in node (run.js, with stand-ins for
the Apps Script services) against a real `proddesk serve`, which works on the local
imitation of the Google Sheets API serving the sample production book."""

from __future__ import annotations

import json
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from apps_script_support import SAMPLE, SCRIPT, Served, free_port, serving


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    tmp = tmp_path_factory.mktemp("serve")
    with serving(Path(shutil.copy(SAMPLE, tmp / "book.xlsx")), tmp) as running:
        yield running


def _only(result: dict) -> Any:
    [answer] = result["results"]
    assert "error" not in answer, answer
    return answer["value"]


def test_on_open_adds_the_prodesk_menu(served):
    result = served.run([{"fn": "onOpen"}])
    assert result["menus"] == [{
        "name": "ProdDesk",
        "items": [["Check book", "proddeskCheckBook"], ["Clear checks", "proddeskClearChecks"],
                  ["Call sheet for day…", "proddeskCallSheet"],
                  ["Day Out of Days", "proddeskDayOutOfDays"],
                  ["Send call sheet…", "proddeskSendCallSheet"], ["Sync now", "proddeskSyncNow"]],
        "added": True,
    }]
    assert result["fetches"] == []


def test_every_menu_item_names_a_function_of_the_script(served):
    menu = served.run([{"fn": "onOpen"}])["menus"][0]
    source = SCRIPT.read_text()
    for _, function in menu["items"]:
        assert f"function {function}(" in source


def test_check_book_writes_the_checks_tab_and_says_what_it_found(served):
    assert served.fake.book(served.sid).sheet_by_title("Checks") is None
    served.fake.clear_requests()
    result = served.run([{"fn": "proddeskCheckBook"}])
    [alert] = result["alerts"]
    assert alert["title"] == "ProdDesk"
    assert "error" in alert["message"] and "see the Checks tab" in alert["message"], alert
    assert served.fake.book(served.sid).sheet_by_title("Checks") is not None
    assert served.writes(), "the server wrote nothing to the spreadsheet"
    [fetch] = result["fetches"]
    assert fetch["url"] == served.url + "/actions/check" and fetch["code"] == 200
    assert set(fetch["headers"]) >= {"X-ProdDesk-Timestamp", "X-ProdDesk-Signature"}
    assert json.loads(fetch["payload"])["spreadsheet_id"] == served.sid
    assert result["toasts"][0]["message"] == "Checking the book…"

    cleared = served.run([{"fn": "proddeskClearChecks"}])
    assert cleared["alerts"][0]["message"].startswith("Checks cleared;"), cleared["alerts"]
    assert served.fake.book(served.sid).sheet_by_title("Checks") is None


def test_call_sheet_prompts_for_the_day_and_writes_its_tab(served):
    result = served.run([{"fn": "proddeskCallSheet"}], prompts=[{"button": "OK", "text": "1"}])
    assert result["prompts"][0]["message"].startswith("Which shoot day?")
    message = result["alerts"][0]["message"]
    assert message.startswith("Call sheet for day 1 written to the tab"), message
    tab = json.loads(result["fetches"][0]["response"])["tab"]
    assert message.startswith(f'Call sheet for day 1 written to the tab "{tab}".')
    assert served.fake.book(served.sid).sheet_by_title(tab) is not None


def test_call_sheet_with_a_wrong_day_or_cancel_asks_nothing_of_the_server(served):
    typo = served.run([{"fn": "proddeskCallSheet"}], prompts=[{"button": "OK", "text": "tuesday"}])
    assert typo["alerts"][0]["message"] == '"tuesday" is not a shoot day; type a number such as 3.'
    cancelled = served.run([{"fn": "proddeskCallSheet"}], prompts=[{"button": "CANCEL"}])
    assert cancelled["alerts"] == []
    assert typo["fetches"] == [] and cancelled["fetches"] == []


def test_sync_now_reports_the_cycle(served):
    message = served.run([{"fn": "proddeskSyncNow"}])["alerts"][0]["message"]
    assert message.startswith(("Synced: checks published", "No changes since the last sync")), \
        message


def test_day_pay_in_a_cell(served):
    assert _only(served.run([{"fn": "PD_DAYPAY", "args": ["$400/10", 13.5]}])) == 618.18
    assert _only(served.run([{"fn": "PD_DAYPAY", "args": ["$400/10", 13.5, True]}])) == 836.36
    assert _only(served.run([{"fn": "PD_BASEHOURLY", "args": ["$400/10"]}])) == 36.36


def test_a_range_argument_answers_a_column(served):
    rates = [["$400/10"], ["$800/10"], ["TBD"]]
    column = _only(served.run([{"fn": "PD_BASEHOURLY", "args": [rates]}]))
    assert column[:2] == [[36.36], [72.73]]
    assert column[2][0].startswith("PD_BASEHOURLY: rate 'TBD' is not a rate")
    pays = _only(served.run([{"fn": "PD_DAYPAY", "args": [[["$400/10"], ["$400/10"]], 12]}]))
    assert pays == [[509.09], [509.09]]
    assert _only(served.run([{"fn": "PD_PAGES", "args": [[["3/8"], ["1 4/8"], [""]]]}])) == "1 7/8"


def test_bad_input_comes_back_as_readable_text_in_the_cell(served):
    text = _only(served.run([{"fn": "PD_DAYPAY", "args": ["TBD", 12]}]))
    assert text == "PD_DAYPAY: rate 'TBD' is not a rate (write it like $400/12)"
    text = _only(served.run([{"fn": "PD_DAYPAY", "args": ["$400/10", "lots"]}]))
    assert text.startswith("PD_DAYPAY: hours 'lots' is not a number of hours")


def test_date_cells_reach_the_server_as_the_sheet_shows_them(served):
    wrap = {"$date": "2026-03-07T23:00:00"}
    call = {"$date": "2026-03-08T07:00:00"}  # clocks spring forward that night in Los Angeles
    assert _only(served.run([{"fn": "PD_TURNAROUND", "args": [wrap, call]}])) == 8.0
    wrap_time = {"$date": "1899-12-30T23:00:00"}  # a time-only cell
    call_time = {"$date": "1899-12-30T09:30:00"}
    status = _only(served.run([{"fn": "PD_TURNAROUNDSTATUS", "args": [wrap_time, call_time]}]))
    assert status == "OK 10.5 h"
    call, lunch = {"$date": "2026-10-31T22:00:00"}, {"$date": "2026-11-01T04:30:00"}
    # across midnight: 6.5 h, one half hour late (a cell's date and time carry no zone)
    assert _only(served.run([{"fn": "PD_MEALDUE", "args": [call, lunch]}])) == 1
    assert _only(served.run([{"fn": "PD_MEALDUE", "args": [call_time]}])) == "3:30 PM"
    coi = _only(served.run([{"fn": "PD_COISTATUS", "args": [  # COI expires 2027-06-30
        [["Acme Grip & Electric"], ["ACME GRIP AND ELECTRIC"], [""]], {"$date": "2027-06-22"}]}]))
    assert coi == [["Expiring in 8 days"], ["Expiring in 8 days"], [""]]
    later = _only(served.run([{"fn": "PD_COISTATUS",
                               "args": ["Acme Grip & Electric", {"$date": "2027-07-01"}]}]))
    assert later == "Expired"


def test_results_are_cached_briefly(served):
    result = served.run([{"fn": "PD_PHONE", "args": ["310 555 0143"]},
                         {"fn": "PD_PHONE", "args": ["310 555 0143"]},
                         {"fn": "PD_PHONE", "args": ["+44 20 7946 0958", "US"]},
                         {"fn": "PD_PHONE", "args": ["+44 20 7946 0958", "GB"]}])
    values = [r["value"] for r in result["results"]]
    assert values == ["(310) 555-0143", "(310) 555-0143", "+44 20 7946 0958", "020 7946 0958"]
    assert len(result["fetches"]) == 3


def test_identical_calls_in_the_same_second_are_not_taken_for_replays(served):
    calls = [{"fn": "PD_PAGES", "args": [[["2/8"], ["1"]]]}] * 3
    result = served.run(calls, cache=False)
    assert [r["value"] for r in result["results"]] == ["1 2/8"] * 3
    assert [f["code"] for f in result["fetches"]] == [200] * 3
    assert len({f["payload"] for f in result["fetches"]}) == 3


def test_custom_functions_never_touch_the_ui(served):
    result = served.run([{"fn": "PD_DAYPAY", "args": ["$400/10", 10]},
                         {"fn": "PD_CALLTIME", "args": ["Dana", 1]}])
    assert result["alerts"] == [] and result["toasts"] == []
    assert result["results"][0]["value"] == 400
    assert result["results"][1]["value"] == (
        "PD_CALLTIME: nobody named 'Dana' on the Crew or Cast tab"
    )


def test_a_book_lookup_reads_this_spreadsheet_on_the_server(served):
    result = served.run([
        {"fn": "PD_CALLTIME", "args": ["Marcus Bell", 1]},  # the Key Grip's own 6:00 AM call
        {"fn": "PD_CALLTIME", "args": [[["Marcus Bell"], [""], ["Nadia Rosen"]],
                                       {"$date": "2026-12-03"}]},
        {"fn": "PD_NEXTPO", "args": []},
        {"fn": "PD_DAYCOST", "args": [1]},  # day 1's forecast crew pay
        {"fn": "PD_DAYCOST", "args": [{"$date": "2026-12-03"}, "Grip"]},
    ], cache=False)
    values = [r["value"] for r in result["results"]]
    assert values[0] == "6:00 AM"
    assert values[1] == [["6:00 AM"], [""], ["7:00 AM"]]  # Day 1 is Dec 3, 2026
    assert str(values[2]).startswith("LT-")
    assert values[3:] == [21033.19, 1889.29]
    payloads = [json.loads(f["payload"]) for f in result["fetches"]]
    assert all(p["spreadsheet_id"] == served.sid for p in payloads)
    assert len({p["nonce"] for p in payloads}) == 5
    assert [f["code"] for f in result["fetches"]] == [200] * 5


def test_a_book_lookup_on_an_unlisted_spreadsheet_says_so_in_the_cell(served):
    cell = _only(served.run([{"fn": "PD_NEXTPO", "args": []}], sid="not-listed-anywhere"))
    assert cell == ("PD_NEXTPO: this spreadsheet is not listed in the server's productions.toml; "
                    "ask whoever runs the server to add it.")


def test_a_wrong_secret_is_explained_in_one_sentence(served):
    result = served.run([{"fn": "proddeskCheckBook"}], secret="not-the-secret")
    message = result["alerts"][0]["message"]
    assert message == (
        "ProdDesk could not check the book: the server refused the request's signature; make "
        "sure the Script Property PRODDESK_SECRET is this production's secret in the server's "
        "productions.toml."
    )
    assert result["fetches"][0]["code"] == 401
    cell = _only(served.run([{"fn": "PD_DAYPAY", "args": ["$400/10", 12]}], secret="nope"))
    assert cell.startswith("PD_DAYPAY: the server refused the request's signature")


def test_an_unreachable_server_or_missing_setup_is_explained(served):
    down = served.run([{"fn": "proddeskSyncNow"}], url=f"http://127.0.0.1:{free_port()}")
    assert down["alerts"][0]["message"].startswith(
        "ProdDesk could not sync the book: the ProdDesk server at http://127.0.0.1:")
    assert "could not be reached" in down["alerts"][0]["message"]
    unset = served.run([{"fn": "proddeskCheckBook"}, {"fn": "PD_BASEHOURLY", "args": ["$400/8"]}],
                       url="", secret="")
    assert unset["alerts"][0]["message"] == (
        "ProdDesk could not check the book: the Script Properties PRODDESK_URL and "
        "PRODDESK_SECRET are not set (Extensions > Apps Script > Project Settings > Script "
        "Properties)."
    )
    assert unset["results"][1]["value"].startswith("PD_BASEHOURLY: the Script Properties")
    assert unset["fetches"] == []


def test_manifest_asks_only_for_the_scopes_it_needs():
    manifest = json.loads((SCRIPT.parent / "appsscript.json").read_text())
    assert manifest["runtimeVersion"] == "V8"
    assert sorted(manifest["oauthScopes"]) == [
        "https://mail.google.com/",  # GmailApp.sendEmail: Send call sheet from your Gmail
        "https://www.googleapis.com/auth/script.container.ui",
        "https://www.googleapis.com/auth/script.external_request",
        "https://www.googleapis.com/auth/script.send_mail",  # MailApp.getRemainingDailyQuota
        "https://www.googleapis.com/auth/spreadsheets.currentonly",
    ]
