"""ProdDesk.gs "Send call sheet…": the server composes, the coordinator's Gmail sends (a
GmailApp stand-in in run.js that records every call), the server writes the Distribution tab
of the spreadsheet on the Sheets API imitation. Nobody gets a version twice, even when Apps
Script stops the run halfway."""

from __future__ import annotations

import base64
import hashlib
import json
import shutil
import sys
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from apps_script_support import SAMPLE, SECRET, Served, serving

from addin.distribution import tab
from addin.distribution.tokens import read_token
from addin.hosts.gsheets import open_spreadsheet

PUBLIC = "https://confirm.example.com"
SEND = [{"fn": "proddeskSendCallSheet"}]
DAY_1 = [{"button": "OK", "text": "Day 1"}]


@pytest.fixture
def served(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Served]:
    book = Path(shutil.copy(SAMPLE, tmp_path / "book.xlsx"))
    with serving(book, tmp_path, f'public_url = "{PUBLIC}"\n') as running:
        monkeypatch.setenv("PRODDESK_SHEETS_API", running.fake.base_url)
        yield running


def _send(served: Served, tmp_path: Path, **more) -> dict:
    """Send call sheet for day 1, the Script Properties kept in tmp_path between runs."""
    scenario = {"prompts": DAY_1, "propertiesFile": str(tmp_path / "props.json"), **more}
    return served.run(SEND, **scenario)


def _plan(result: dict) -> dict:
    [compose] = [f for f in result["fetches"] if f["url"].endswith("/actions/send")]
    assert compose["code"] == 200, compose["response"]
    return json.loads(compose["response"])


def _rows(served: Served) -> dict[str, tab.DistributionRow]:
    host = open_spreadsheet(f"gsheet:{served.sid}", "token:t")
    return {row.name: row for row in tab.read_distribution(host)}


def test_each_person_gets_their_own_message_from_gmail_and_the_tab_lists_them(
    served: Served, tmp_path: Path
) -> None:
    props = tmp_path / "props.json"
    props.write_text(json.dumps({"PRODDESK_FROM_NAME": "Priya Shah (The Long Take)",
                                 "PRODDESK_REPLY_TO": "office@slowpan.example"}))
    result = _send(served, tmp_path)
    plan = _plan(result)
    messages = plan["messages"]
    assert messages, "the sample's day 1 has people with an email"
    mails = result["mails"]
    assert [m["recipient"] for m in mails] == [m["email"] for m in messages]
    assert len({m["recipient"] for m in mails}) == len(mails)  # one message per person
    first, wanted = mails[0], messages[0]
    assert first["subject"] == wanted["subject"] and "Call Sheet Day 1" in first["subject"]
    assert first["body"] == wanted["text"]
    options = first["options"]
    assert options["htmlBody"] == wanted["html"]
    assert options["name"] == "Priya Shah (The Long Take)"
    assert options["replyTo"] == "office@slowpan.example"
    [pdf] = options["attachments"]
    assert pdf["contentType"] == "application/pdf" and pdf["name"] == plan["pdf_name"]
    sent = base64.b64decode(plan["pdf"])  # the server's PDF, sent once
    assert sent.startswith(b"%PDF") and pdf["head"].startswith("%PDF")
    assert pdf["sha256"] == hashlib.sha256(sent).hexdigest()
    assert all(m["options"]["attachments"] == [pdf] for m in mails)
    link = wanted["confirm_url"]
    assert link.startswith(PUBLIC + "/confirm/") and link in first["body"]
    claim = read_token([SECRET], link.rsplit("/", 1)[1], datetime.now(UTC))
    assert (claim.book, claim.day, claim.person) == (served.sid, 1, wanted["name"])
    rows = _rows(served)
    for message in messages:
        assert rows[message["name"]].status == tab.SENT
        assert rows[message["name"]].sent_at  # when Gmail took it
    for person in plan["unreachable"]:
        assert rows[person["name"]].status == person["status"]
    [said] = [a["message"] for a in result["alerts"] if a["buttons"] == "OK"]
    assert said.startswith(f"Sent {len(messages)} message")
    assert f"{len(plan['unreachable'])} without an email" in said
    again = _send(served, tmp_path)
    assert again["mails"] == []
    assert again["alerts"][-1]["message"] == (
        f"Everyone with an email already has version {plan['version']} of the call sheet for "
        "day 1: nothing sent.")


def test_a_run_stopped_halfway_is_recorded_next_time_and_nobody_gets_it_twice(
    served: Served, tmp_path: Path
) -> None:
    stopped = _send(served, tmp_path, gmail={"killAfter": 3})
    assert stopped["killed"] and len(stopped["mails"]) == 3
    total = len(_plan(stopped)["messages"])
    resumed = _send(served, tmp_path)
    assert resumed["fetches"][0]["url"].endswith("/actions/send/results")  # recorded first
    first_three = {m["recipient"] for m in stopped["mails"]}
    rest = [m["recipient"] for m in resumed["mails"]]
    assert not first_three & set(rest)
    assert len(first_three) + len(rest) == total
    rows = _rows(served)
    assert sum(row.status == tab.SENT for row in rows.values()) == total


def test_an_address_gmail_refuses_is_written_on_its_row_and_the_others_go(
    served: Served, tmp_path: Path
) -> None:
    plan = _plan(_send(served, tmp_path, confirms=["NO"]))  # asked, answered No: nothing sent
    refused = plan["messages"][1]
    result = _send(served, tmp_path, gmail={"refuse": {refused["email"]: "Invalid email: x"}})
    assert refused["email"] not in [m["recipient"] for m in result["mails"]]
    assert len(result["mails"]) == len(plan["messages"]) - 1
    row = _rows(served)[refused["name"]]
    assert row.status == "Not sent: Invalid email: x"
    assert "1 refused" in result["alerts"][-1]["message"]


def test_nothing_goes_when_cancelled_or_over_the_daily_quota(served: Served,
                                                              tmp_path: Path) -> None:
    cancelled = _send(served, tmp_path, confirms=["NO"])
    assert cancelled["mails"] == []
    waiting = len(_plan(cancelled)["messages"])
    short = _send(served, tmp_path, gmail={"quota": waiting - 1})
    assert short["mails"] == []
    assert short["alerts"][-1]["message"].startswith(
        f"Gmail lets this account send to {waiting - 1} more people today and {waiting} are "
        "waiting, so nothing was sent.")
    assert all(row.status != tab.SENT for row in _rows(served).values())
    typo = served.run(SEND, prompts=[{"button": "OK", "text": "tomorrow"}])
    assert typo["alerts"][-1]["message"].startswith('"tomorrow" is not a shoot day')
    assert typo["fetches"] == []
