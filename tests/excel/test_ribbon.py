"""Each ribbon button on the sample book through xlwings, against the CLI path on the file."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import openpyxl

from addin.book import read_book
from addin.callsheet.build import build_callsheet
from addin.callsheet.command import default_template, tab_name
from addin.excel import ribbon
from addin.excel.ui import ExcelUI
from addin.hosts.excel import ExcelHost
from addin.hosts.open import open_host
from addin.publish import STATE_TAB
from addin.report import CHECKS_TAB
from addin.run import check_host

TODAY = dt.date(2026, 12, 1)
# Round trips per button on the sample book (on the platforms every COM property read
# counts); a per-cell loop would be far more.
MAX_RANGE_CALLS = 2500


class Answering(ExcelUI):
    """The Excel UI with the day question answered by the test."""

    def __init__(self, app, answer: str | None) -> None:
        super().__init__(app)
        self.answer = answer
        self.asked: list[tuple[str, str]] = []

    def ask(self, text: str, default: str) -> str | None:
        self.asked.append((text, default))
        return self.answer


def _cli_grids(source: Path, tmp_path: Path) -> dict:
    """What `proddesk validate --annotate` writes for the same file."""
    (tmp_path / "cli").mkdir()
    copy = tmp_path / "cli" / source.name
    shutil.copy(source, copy)
    out = tmp_path / "cli" / "annotated.xlsx"
    check_host(open_host(str(copy), output=str(out)), TODAY, write=True)
    return open_host(str(out)).read_all()


def _asker(engine, book, answer: str | None) -> ExcelUI:
    """A UI whose day question gets ``answer``: typed into Excel's own box on the platforms."""
    if engine.platform is None:
        return Answering(book.app, answer)
    engine.platform.model(book.app).inputs.append(answer)
    return ExcelUI(book.app)


def _last_alert(engine, book) -> str:
    return engine.alerts(book.app)[-1]["prompt"]


def _asked(engine, book, ui) -> list[tuple[str, str]]:
    if engine.platform is None:
        return ui.asked
    return [(a["prompt"], a["default"]) for a in engine.platform.model(book.app).asked]


def test_check_book_matches_the_cli(engine, live_book, sample_copy, tmp_path):
    engine.reset_calls(live_book.app)
    report = ribbon.check_book(live_book, today=TODAY)
    calls = engine.calls(live_book.app)
    assert report is not None
    assert _last_alert(engine, live_book).startswith(report.summary())
    live = ExcelHost(live_book).read_all()
    cli = _cli_grids(sample_copy, tmp_path)
    assert live[CHECKS_TAB] == cli[CHECKS_TAB]
    assert {(r[0], r[1]) for r in live[STATE_TAB][1:]} == {(r[0], r[1]) for r in cli[STATE_TAB][1:]}
    flagged = [(r[0], r[1]) for r in live[STATE_TAB][1:]]
    sheet, cell = flagged[0]
    assert live_book.sheets[sheet].range(cell).note is not None
    assert live_book.sheets[sheet].range(cell).color is not None
    assert live[CHECKS_TAB][1][0] == report.read.headline()  # what was read, row 2
    problems = live_book.sheets[CHECKS_TAB].range((4, 4), (len(live[CHECKS_TAB]), 5))
    assert problems.wrap_text is True  # long problems wrap instead of running off the page
    assert live_book.sheets[CHECKS_TAB].range("A4").vertical_alignment == "top"
    assert calls < MAX_RANGE_CALLS


def test_clear_checks_puts_the_book_back(engine, live_book):
    before = ExcelHost(live_book).read_all()
    ribbon.check_book(live_book, today=TODAY)
    engine.reset_calls(live_book.app)
    ribbon.clear_checks(live_book)
    assert engine.calls(live_book.app) < MAX_RANGE_CALLS
    assert ExcelHost(live_book).read_all() == before
    assert "put back" in _last_alert(engine, live_book)


def test_call_sheet_matches_the_cli(engine, live_book, sample_copy):
    ui = _asker(engine, live_book, "2")
    engine.reset_calls(live_book.app)
    sheet, _ = ribbon.call_sheet(live_book, ui, today=TODAY)
    assert engine.calls(live_book.app) < MAX_RANGE_CALLS
    # the next shoot day after Dec 1 is day 1 (Dec 3)
    assert _asked(engine, live_book, ui)[0][1] == "1"
    book = read_book(open_host(str(sample_copy)))
    expected, _ = build_callsheet(book, 2)
    content = default_template().tab(expected, tab_name(2))
    live = ExcelHost(live_book).read_all()[tab_name(2)]
    want = [[None if v == "" else v for v in row] for row in content.rows]
    width = max(len(r) for r in live)
    want = [(r + [None] * width)[:width] for r in want]
    while want and not any(v is not None for v in want[-1]):
        want.pop()
    assert live == want
    assert sheet.day == 2


def test_call_sheet_from_the_books_own_template(engine, live_book):
    template = openpyxl.load_workbook(default_template().path)
    grid = [list(r) for r in template[default_template().layout.sheet].iter_rows(values_only=True)]
    own = live_book.sheets.add("Call Sheet Template", after=live_book.sheets[-1])
    own.range("A1").value = [["'" + v if isinstance(v, str) else v for v in row] for row in grid]
    ribbon.call_sheet(live_book, _asker(engine, live_book, "Dec 7, 2026"), today=TODAY)
    names = [s.name for s in live_book.sheets]
    assert tab_name(3) in names
    text = " ".join(str(v) for row in ExcelHost(live_book).read_all()[tab_name(3)] for v in row)
    assert "Day 3 of 4" in text


def test_cancelled_or_bad_day(engine, live_book):
    names = [s.name for s in live_book.sheets]
    assert ribbon.call_sheet(live_book, _asker(engine, live_book, None), today=TODAY) is None
    ribbon.call_sheet(live_book, _asker(engine, live_book, "someday"), today=TODAY)
    assert _last_alert(engine, live_book) == (
        "'someday' is not a shoot day; type its number (2) or its date."
    )
    ribbon.call_sheet(live_book, _asker(engine, live_book, "9"), today=TODAY)
    assert "no shoot day 9" in _last_alert(engine, live_book)
    assert [s.name for s in live_book.sheets] == names


def test_export_pdf_needs_a_call_sheet_tab_and_says_why_it_failed(engine, live_book):
    live_book.sheets["Crew"].activate()
    ribbon.export_pdf(live_book)
    assert _last_alert(engine, live_book).startswith("Go to a call sheet tab")
    ribbon.call_sheet(live_book, _asker(engine, live_book, "1"), today=TODAY)
    live_book.sheets[tab_name(1)].activate()
    # no engine here renders pages: Excel's refusal comes back as one sentence, no traceback
    ribbon.export_pdf(live_book)
    message = _last_alert(engine, live_book)
    assert message.startswith("Excel could not save sample - Call Sheet D1.pdf")
    if engine.platform is not None:  # what Excel was asked for, through xlwings' own code
        export = [a["export"] for a in engine.platform.model(live_book.app).alerts
                  if "export" in a][-1]
        assert str(export.get("Filename", export.get("path"))).endswith(
            "sample - Call Sheet D1.pdf")


def test_call_sheet_tab_shows_the_cost_of_the_day_when_the_settings_say_so(engine, live_book):
    settings = live_book.sheets["Settings"]
    last = settings.used_range.last_cell.row
    settings.range(f"A{last + 1}").value = [["Show Costs On Call Sheet", "Yes"]]
    ribbon.call_sheet(live_book, _asker(engine, live_book, "1"), today=TODAY)
    rows = [" ".join(str(v) for v in row if v not in (None, ""))
            for row in ExcelHost(live_book).read_all()[tab_name(1)]]
    assert "COST OF THE DAY (forecast from rates and planned hours; production only)" in rows
    assert "DAY TOTAL 39 people 11.5-12.5 h $21,033.19 $1,883.19 OT" in rows  # as day.overtime
    live_book.sheets[tab_name(1)].activate()
    ribbon.export_pdf(live_book)  # its PDF is named as the production's copy
    assert _last_alert(engine, live_book).startswith(
        "Excel could not save sample - Call Sheet D1 (production copy, with costs).pdf")


def test_call_sheet_tab_has_no_costs_by_default(engine, live_book):
    ribbon.call_sheet(live_book, _asker(engine, live_book, "1"), today=TODAY)
    text = " ".join(str(v) for row in ExcelHost(live_book).read_all()[tab_name(1)] for v in row)
    assert "COST OF THE DAY" not in text and "$21,033.19" not in text


def test_add_missing_tabs_touches_nothing_existing(engine, tmp_path):
    wb = openpyxl.Workbook()
    wb.active.title = "Crew List"
    wb.active.append(["Name", "Dept", "Cell"])
    wb.active.append(["Ana Diaz", "CAMERA", "310 555 0143"])
    path = tmp_path / "small.xlsx"
    wb.save(path)
    book = engine.open(path)
    engine.reset_calls(book.app)
    added = ribbon.add_missing_tabs(book)
    assert engine.calls(book.app) < MAX_RANGE_CALLS
    assert "Crew" not in added and "Settings" in added and "Crew Calls" in added
    grids = ExcelHost(book).read_all()
    assert grids["Crew List"] == [["Name", "Dept", "Cell"], ["Ana Diaz", "CAMERA", "310 555 0143"]]
    assert grids["POs"][0][:3] == ["PO #", "Date", "Vendor"]
    assert book.sheets["Vendors"].range("A1").font.bold
    assert ribbon.add_missing_tabs(book) == []


def test_help_names_the_version_and_the_log(engine, live_book):
    text = ribbon.show_help(live_book)
    assert "Check book" in text and "0.1.0" in text and "proddesk.log" in text
    assert _last_alert(engine, live_book) == text


def test_unexpected_error_is_one_sentence_and_nothing_is_half_written(
    engine, live_book, monkeypatch
):
    names = [s.name for s in live_book.sheets]

    def refuse(self, content, undo):
        raise RuntimeError("Excel is busy")

    monkeypatch.setattr(ExcelHost, "_add_sheet", refuse)
    ribbon.check_book(live_book, today=TODAY)
    message = _last_alert(engine, live_book)
    assert "Excel refused a change" in message and "Traceback" not in message
    assert [s.name for s in live_book.sheets] == names
    assert ExcelHost(live_book).read_all().get(CHECKS_TAB) is None


def test_call_sheet_button_leaves_a_coordinators_own_call_sheet_tab_alone(live_book):
    theirs = live_book.sheets.add("Call Sheet D2", after=live_book.sheets[-1])
    theirs.range("A1").value = "My own day 2 notes"
    ribbon.call_sheet(live_book, Answering(live_book.app, "2"), today=TODAY)
    grids = ExcelHost(live_book).read_all()
    assert grids["Call Sheet D2"][0][0] == "My own day 2 notes"
    assert any("Day 2 of" in str(v) for row in grids["ProdDesk Call Sheet D2"] for v in row)
    ribbon.call_sheet(live_book, Answering(live_book.app, "2"), today=TODAY)
    assert "ProdDesk Call Sheet D2 2" not in ExcelHost(live_book).sheet_names()


def test_confirmations_button_writes_the_clicks_into_the_distribution_tab(
    engine, sample_copy, tmp_path, monkeypatch
):
    """The same pull as `proddesk confirmations`, into the live book, from a running server."""
    import httpx

    from addin.distribution import tab
    from addin.distribution.tokens import Claim, book_key, confirm_url, expires_after, issue_token
    from addin.google.config import load_config
    from addin.google.server import create_app
    from addin.hosts.xlsx import XlsxHost
    from tests.google_support import serve_app

    secret = "long-take-confirm-secret-2026"
    key = book_key(XlsxHost(sample_copy))
    sent = [tab.DistributionRow(1, 1, name, "Grip", f"{n}@example.com", "7:00 AM",
                                "Dec 2, 2026 6:05 PM", tab.SENT)
            for n, name in enumerate(["Jordan Smith", "Ana Diaz"])]
    tab.write_distribution(XlsxHost(sample_copy), sent)
    server = tmp_path / "productions.toml"
    server.write_text(f'state_dir = "state"\n[[book]]\nname = "TLT"\nkey = "{key}"\n'
                      f'secrets = ["{secret}"]\n')
    book = engine.open(sample_copy)
    with serve_app(create_app(load_config(server))) as url:
        mail = tmp_path / "mail.toml"
        mail.write_text(f'[confirm]\nbase_url = "{url}"\nsecrets = ["{secret}"]\n')
        monkeypatch.setenv("PRODDESK_MAIL_CONFIG", str(mail))
        soon = dt.date.today() + dt.timedelta(days=1)
        claim = Claim(key, 1, 1, "Ana Diaz", expires_after(soon, "America/New_York"), soon)
        assert httpx.post(confirm_url(url, issue_token(secret, claim)), content=b"",
                          trust_env=False, timeout=20).status_code == 200
        engine.reset_calls(book.app)
        pulled = ribbon.confirmations(book)
        assert engine.calls(book.app) < MAX_RANGE_CALLS
    assert _last_alert(engine, book).startswith("1 new confirmation: Ana Diaz (Day 1).")
    rows = {r.name: r.status for r in tab.read_distribution(ExcelHost(book))}
    assert rows["Ana Diaz"].startswith("Confirmed ") and rows["Jordan Smith"] == tab.SENT
    assert pulled.new[0].person == "Ana Diaz"


def _answer_alerts(engine, book, *answers: str) -> None:
    """Queue answers to the next Yes/No message boxes, in that engine's Excel."""
    model = book.app.impl if engine.platform is None else engine.platform.model(book.app)
    model.alert_answers.extend(answers)


def test_send_call_sheet_button_emails_each_person_and_writes_the_distribution_tab(
    engine, sample_copy, tmp_path, monkeypatch
):
    """The same send as `proddesk send` (send_day), from the live book, to a real SMTP server."""
    from addin.distribution import tab
    from tests.distribution.mail_server import MailServer

    book = engine.open(sample_copy)
    monkeypatch.delenv("PRODDESK_MAIL_CONFIG", raising=False)
    monkeypatch.delenv("PRODDESK_CONFIRM_URL", raising=False)
    monkeypatch.setattr("addin.distribution.settings.DEFAULT_CONFIG", tmp_path / "none.toml")
    with MailServer(tmp_path) as server:
        for name, value in server.env().items():
            monkeypatch.setenv(name, value)
        _answer_alerts(engine, book, "no")
        ui = _asker(engine, book, "1")
        assert ribbon.send_call_sheet(book, ui, today=TODAY) is None  # asked; No sends nothing
        assert "Email the call sheet of day 1 (Thu Dec 3)" in _last_alert(engine, book)
        assert server.recorder.received == []
        engine.reset_calls(book.app)
        code = ribbon.send_call_sheet(book, _asker(engine, book, "1"), today=TODAY)
        assert engine.calls(book.app) < MAX_RANGE_CALLS
        received = server.recorder.received
        assert received and all(len(r.rcpt_tos) == 1 for r in received)
        assert code == 1  # the sample's Jake Smith has an email mail cannot go to
        said = _last_alert(engine, book)
        assert said.startswith(f"Sent {len(received)} message(s); 0 refused by the server; 1 "
                               "without an email mail can go to. Distribution tab")
        rows = tab.read_distribution(ExcelHost(book))
        assert sum(r.status == tab.SENT for r in rows) == len(received)
        assert ribbon.send_call_sheet(book, _asker(engine, book, "1"), today=TODAY) == 1
        assert len(server.recorder.received) == len(received)  # again: nobody twice
    assert (sample_copy.parent / "callsheets").is_dir()  # beside the book, as the CLI's
