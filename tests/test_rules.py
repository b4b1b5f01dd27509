"""Each rule: what it flags, where, and in a coordinator's words; clean rows give nothing."""

from __future__ import annotations

from datetime import date

from addin.model import Severity
from addin.rules import REGISTRY, run_rules
from addin.run import check_book
from tests.books import TODAY, book_of, findings_of

SETTINGS = [["Prep Start", "11/16/2026"], ["Wrap Date", "12/11/2026"]]
CREW_HEADER = ["Name", "Department", "Position", "Phone", "Email", "Rate", "Guarantee",
               "Start Date", "End Date", "Paperwork"]
GOOD_CREW = ["Pat Lee", "Camera", "DP", "(310) 555-0143", "pat@example.com", "$800/12", 12,
             date(2026, 12, 3), date(2026, 12, 8), "Done"]
SCHEDULE = [["Day", "Date", "Scene", "Cast", "Location"], [1, date(2026, 12, 3), "1", "1", None]]


def crew_findings(*rows: list, today: date = TODAY) -> list[tuple]:
    return findings_of({"Settings": SETTINGS, "Crew": [CREW_HEADER, GOOD_CREW, *rows],
                        "Schedule": SCHEDULE}, today)


def with_(**changes: object) -> list:
    row = list(GOOD_CREW)
    row[0] = "Sam Roe"
    row[3], row[4] = "(310) 555-0144", "sam@example.com"
    for name, value in changes.items():
        row[CREW_HEADER.index(name.replace("_", " "))] = value
    return row


def test_clean_crew_gives_no_findings() -> None:
    assert crew_findings(with_()) == []


def test_every_rule_has_help_text() -> None:
    run_rules(book_of({"Crew": [CREW_HEADER]}))
    assert all(rule.help for rule in REGISTRY.values())


def test_crew_rules_each_flag_their_cell() -> None:
    assert crew_findings(with_(Name=None)) == [("crew.missing_name", "Crew", "A3")]
    assert crew_findings(with_(Position=None)) == [("crew.missing_position", "Crew", "C3")]
    assert crew_findings(with_(Email="jsmith@gmail")) == [("crew.invalid_email", "Crew", "E3")]
    assert crew_findings(with_(Phone="555-01")) == [("crew.invalid_phone", "Crew", "D3")]
    assert crew_findings(with_(Rate="TBD")) == [("crew.invalid_rate", "Crew", "F3")]
    assert crew_findings(with_(Rate=None)) == [("crew.rate_missing", "Crew", "F3")]
    assert crew_findings(with_(Guarantee=11)) == [("crew.unusual_guarantee", "Crew", "G3")]
    assert crew_findings(with_(Start_Date=date(2026, 12, 9))) == [
        ("crew.dates_reversed", "Crew", "H3")
    ]


def test_rate_notation_gives_the_guarantee() -> None:
    assert crew_findings(with_(Rate="$400/12", Guarantee=None)) == []
    assert crew_findings(with_(Rate="$400/9", Guarantee=None)) == [
        ("crew.unusual_guarantee", "Crew", "F3")
    ]


def test_paperwork_error_when_on_the_shoot_warning_when_prep_only() -> None:
    on_shoot = with_(Paperwork="Pending", Start_Date=date(2026, 11, 30))
    prep_only = with_(Name="Al Prep", Phone="(310) 555-0150", Email="al@example.com",
                      Paperwork="Missing I-9", Start_Date=date(2026, 11, 16),
                      End_Date=date(2026, 12, 1))
    far_future = with_(Name="Late Joiner", Phone="(310) 555-0151", Email="l@example.com",
                       Paperwork=None, Start_Date=date(2026, 12, 20), End_Date=date(2026, 12, 21))
    findings = check_book(book_of({"Settings": SETTINGS, "Schedule": SCHEDULE,
                                   "Crew": [CREW_HEADER, on_shoot, prep_only, far_future]}), TODAY)
    assert [(f.rule, f.severity, f.cell) for f in findings.findings] == [
        ("crew.paperwork_on_shoot", Severity.ERROR, "J2"),
        ("crew.paperwork_incomplete", Severity.WARNING, "J3"),
    ]
    assert findings.findings[0].message == (
        "Sam Roe works on the shoot but start paperwork is not complete ('Pending')."
    )


def test_paperwork_per_document_columns_names_what_is_missing() -> None:
    book = book_of({"Crew": [["Name", "Dept", "Position", "Deal Memo", "I-9", "W-4"],
                             ["Pat", "Camera", "DP", "X", None, "no"]],
                    "Schedule": SCHEDULE})
    [finding] = check_book(book, TODAY).findings
    assert (finding.rule, finding.cell) == ("crew.paperwork_on_shoot", "E2")
    assert "missing (I-9, W-4)" in finding.message


def test_same_person_twice_by_email_phone_or_name() -> None:
    twin = with_(Name="PAT  LEE")
    assert crew_findings(twin) == [("crew.duplicate_person", "Crew", "A3")]
    same_phone = with_(Phone="310.555.0143")
    assert crew_findings(same_phone) == [("crew.duplicate_person", "Crew", "D3")]


VENDORS = ["Vendor", "Contact", "Phone", "Email", "W-9", "COI Expires"]
ACME = ["Acme Grip & Electric", "Dana", "(310) 555-0101", "dana@acme.com", "Yes",
        date(2027, 6, 30)]


def vendor_findings(*rows: list, pos: list | None = None) -> list[tuple]:
    grids = {"Vendors": [VENDORS, ACME, *rows]}
    if pos:
        grids["POs"] = [["PO #", "Vendor", "Amount", "Status", "Approved By", "End"], *pos]
    return findings_of(grids)


def test_vendor_rules() -> None:
    base = ["Best Boy Rentals", "Lou", "(310) 555-0102", "lou@bbr.com", "Yes", date(2027, 1, 1)]

    def changed(index: int, value: object) -> list:
        row = list(base)
        row[index] = value
        return row

    assert vendor_findings(base) == []
    assert vendor_findings(changed(1, None)) == [("vendor.missing_contact", "Vendors", "B3")]
    assert vendor_findings(changed(3, "lou@")) == [("vendor.invalid_email", "Vendors", "D3")]
    assert vendor_findings(changed(2, "12")) == [("vendor.invalid_phone", "Vendors", "C3")]
    assert vendor_findings(changed(5, None)) == [("vendor.coi_missing", "Vendors", "F3")]
    assert vendor_findings(changed(5, date(2026, 11, 1))) == [
        ("vendor.coi_expired", "Vendors", "F3")
    ]
    assert vendor_findings(changed(5, date(2026, 12, 9))) == [
        ("vendor.coi_expiring", "Vendors", "F3")
    ]
    assert vendor_findings(changed(4, "No")) == [("vendor.w9_missing", "Vendors", "E3")]
    paid = [[1001, "Best Boy Rentals", 100, "Paid", None, None]]
    assert vendor_findings(changed(4, None), pos=paid) == [
        ("vendor.w9_missing_paid", "Vendors", "E3")
    ]


def test_probable_duplicate_vendor_is_flagged_once_on_the_later_row() -> None:
    dup = ["ACME GRIP AND ELECTRIC, INC.", "Dana", "(310) 555-0101", "d@acme.com", "Yes",
           date(2027, 6, 30)]
    assert vendor_findings(dup) == [("vendor.duplicate", "Vendors", "A3")]


def po_book(*rows: list, budget: list | None = None) -> dict:
    return {
        "Settings": [*SETTINGS, ["PO Approval Threshold", 2500]],
        "Vendors": [VENDORS, ACME],
        "Budget": [["Account", "Description", "Budget"], *(budget or [["2000", "Grip", 10000]])],
        "POs": [["PO #", "Date", "Vendor", "Account", "Amount", "Status", "Approved By", "End"],
                [1001, "11/20/2026", "Acme Grip & Electric", "2000", 500, "Open", None, None],
                *rows],
    }


def po(number: object = 1002, when: object = "11/21/2026", vendor: str = "Acme Grip & Electric",
       account: object = "2000", amount: object = 100, status: str = "Approved",
       approver: str | None = "UPM", end: object = None) -> list:
    return [number, when, vendor, account, amount, status, approver, end]


def test_po_rules() -> None:
    assert findings_of(po_book(po())) == []
    assert findings_of(po_book(po(number=1001))) == [("po.duplicate_number", "POs", "A3")]
    assert findings_of(po_book(po(amount="#REF!"))) == [("po.amount_invalid", "POs", "E3")]
    assert findings_of(po_book(po(amount="lots"))) == [("po.amount_invalid", "POs", "E3")]
    assert findings_of(po_book(po(amount=None))) == [("po.amount_invalid", "POs", "E3")]
    assert findings_of(po_book(po(account=9999))) == [("po.unknown_account", "POs", "D3")]
    assert findings_of(po_book(po(status="Pending"))) == [("po.unknown_status", "POs", "F3")]
    assert findings_of(po_book(po(amount="$3,000", approver=None))) == [
        ("po.needs_approval", "POs", "G3")
    ]
    assert findings_of(po_book(po(amount=3000, approver=None, status="Void"))) == []
    assert findings_of(po_book(po(when="1/5/2027"))) == [("po.date_out_of_range", "POs", "B3")]
    assert findings_of(po_book(po(end=date(2027, 7, 2)))) == [("po.vendor_coi", "POs", "C3")]


def test_unknown_vendor_suggests_the_closest_name() -> None:
    report = check_book(book_of(po_book(po(number=1004, vendor="Acme Grip + Elec"))), TODAY)
    [finding] = report.findings
    assert (finding.rule, finding.cell) == ("po.unknown_vendor", "C3")
    assert finding.message == (
        "PO 1004: vendor 'Acme Grip + Elec' is not on the Vendor List. "
        "Did you mean 'Acme Grip & Electric'?"
    )
    assert finding.suggestion == "Acme Grip & Electric"


def test_vendor_found_despite_punctuation_and_company_form() -> None:
    assert findings_of(po_book(po(vendor="ACME GRIP AND ELECTRIC INC"))) == []


def test_budget_overage_names_total_and_overage() -> None:
    grids = po_book(po(amount=9800), po(number=1003, amount=700, status="Void"),
                    budget=[["2000", "Grip", 10000]])
    report = check_book(book_of(grids), TODAY)
    [finding] = report.findings
    assert (finding.rule, finding.cell) == ("budget.over", "C2")
    assert finding.message == (
        "Account 2000 Grip: POs total $10,300.00 against a budget of $10,000.00, $300.00 over."
    )


def test_schedule_rules() -> None:
    grids = {
        "Cast": [["Cast #", "Character", "Actor"], [1, "Mia", "Ana Diaz"], [2, "Joe", "Ben Ito"]],
        "Locations": [["Location", "Address"], ["Griffith Park", "4730 Crystal Springs Dr"]],
        "Schedule": [["Day", "Date", "Scene", "Cast", "Location"],
                     [1, "12/3/2026", "1", "1, 2", "Griffith Park"],
                     [1, "12/3/2026", "2", "1, 9", "griffith  park"],
                     [2, None, "3", "2", "Union Station"]],
    }
    assert findings_of(grids) == [
        ("schedule.unknown_cast", "Schedule", "D3"),
        ("schedule.day_without_date", "Schedule", "B4"),
        ("schedule.unknown_location", "Schedule", "E4"),
    ]


def test_error_values_in_read_columns_are_findings_not_crashes() -> None:
    grids = {"Crew": [CREW_HEADER, [*GOOD_CREW[:3], "#N/A", *GOOD_CREW[4:]]],
             "Schedule": SCHEDULE}
    report = check_book(book_of(grids), TODAY)
    assert report.flatten() == [("cell.error_value", "Crew", "D2")]
    assert "shows the error #N/A" in report.findings[0].message


def test_a_crashing_rule_becomes_a_finding_and_the_others_run(monkeypatch) -> None:
    from addin.rules import REGISTRY as registry
    from addin.rules import Rule

    def broken(ctx):
        raise ZeroDivisionError("boom")
        yield

    run_rules(book_of({"Crew": [CREW_HEADER]}))
    monkeypatch.setitem(registry, "test.broken", Rule("test.broken", Severity.ERROR, (), broken))
    report = check_book(book_of({"Crew": [CREW_HEADER, with_(Email="x@")]}), TODAY)
    assert [f.rule for f in report.findings] == ["crew.invalid_email", "rule.crashed"]
