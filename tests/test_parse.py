"""Every messy cell format of WORKBOOK.md ("Mess that must be tolerated") reads right."""

from __future__ import annotations

import datetime as dt
import time
from fractions import Fraction

import pandas as pd
import pytest

from addin.model import CellError
from addin.parse import (
    Rate,
    date_in_text,
    display,
    format_eighths,
    is_blank,
    is_error,
    name_key,
    normalize_email,
    normalize_phone,
    parse_cast_ids,
    parse_date,
    parse_hours,
    parse_money,
    parse_pages,
    parse_paperwork,
    parse_rate,
    parse_time,
    parse_yes_no,
    vendor_key,
)

D = dt.date(2026, 12, 3)
REF = CellError("#REF!")

# Values that are never readable as anything: every parser must return None for them.
JUNK = [None, "", "   ", REF, CellError("#N/A"), "#DIV/0!", "hello", float("nan"), pd.NaT]


@pytest.mark.parametrize(
    ("value", "expected"),
    [(None, True), ("", True), ("  \t", True), ("x", False), (0, False), (0.0, False),
     (False, False), (REF, False), (float("nan"), True)],
)
def test_is_blank(value, expected):
    assert is_blank(value) is expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [(REF, True), ("#N/A", True), ("#REF!", True), (CellError("#VALUE!"), True),
     ("#ref!", False), ("REF", False), (None, False), (0, False), ("", False)],
)
def test_is_error(value, expected):
    assert is_error(value) is expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (D, D),
        (dt.datetime(2026, 12, 3, 6, 30), D),
        (pd.Timestamp("2026-12-03 18:00"), D),
        (46359, D),
        (46359.75, D),
        ("46359", D),
        ("12/3/2026", D),
        ("12/3/26", D),
        ("12/03/2026", D),
        ("2026-12-03", D),
        ("2026-12-03 00:00:00", D),
        ("2026-12-03T06:30", D),
        ("Dec 3, 2026", D),
        ("Dec. 3, 2026", D),
        ("December 3 2026", D),
        ("december 3rd, 2026", D),
        ("Thu Dec 3, 2026", D),
        ("Thursday, December 3, 2026", D),
        ("3-Dec-2026", D),
        ("3 Dec 2026", D),
        ("03-Dec-26", D),
        ("  12/3/2026  ", D),
        ("1/15/70", dt.date(1970, 1, 15)),
        ("Thu Dec 3", None),
        ("Dec 3", None),
        ("13/3/2026", None),
        ("2/30/2026", None),
        ("Decembr 3 2026", None),
        ("END OF DAY 2", None),
        (5, None),
        (1.5, None),
        (100000, None),
        (True, None),
        (dt.time(6, 30), None),
    ],
)
def test_parse_date(value, expected):
    assert parse_date(value) == expected


@pytest.mark.parametrize("value", JUNK)
def test_junk_is_unreadable_everywhere(value):
    assert parse_date(value) is None
    assert parse_time(value) is None
    assert parse_money(value) is None
    assert parse_rate(value) is None
    assert parse_hours(value) is None
    assert parse_pages(value) is None
    assert normalize_phone(value) is None
    assert normalize_email(value) is None
    assert parse_paperwork(value) is False
    assert parse_cast_ids(value) == ([] if value != "hello" else ["HELLO"])


def T(hour: int, minute: int = 0) -> dt.time:
    return dt.time(hour, minute)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (T(6, 30), T(6, 30)),
        (dt.datetime(2026, 12, 3, 18, 30), T(18, 30)),
        (0.25, T(6)),
        (0.0, T(0)),
        (0.770833333, T(18, 30)),
        (0.9999999, dt.time(23, 59, 59)),
        (630, T(6, 30)),
        (1830.0, T(18, 30)),
        ("6:30A", T(6, 30)),
        ("6:30 AM", T(6, 30)),
        ("6:30a", T(6, 30)),
        ("6:30 a.m.", T(6, 30)),
        ("0630", T(6, 30)),
        ("630", T(6, 30)),
        ("18:30", T(18, 30)),
        ("6:30", T(6, 30)),
        ("6:30P", T(18, 30)),
        ("6:30 pm", T(18, 30)),
        ("6:30:00 PM", T(18, 30)),
        ("12:00 PM", T(12)),
        ("12:00 AM", T(0)),
        ("12:15a", T(0, 15)),
        ("7A", T(7)),
        ("7 am", T(7)),
        ("7p", T(19)),
        ("1230p", T(12, 30)),
        ("Noon", T(12)),
        ("midnight", T(0)),
        ("2026-12-03 06:30:00", T(6, 30)),
        ("7", None),
        ("25:00", None),
        ("6:75", None),
        ("13:00 AM", None),
        ("0:30 AM", None),
        ("2400", None),
        ("soon", None),
        (1.5, None),
        (D, None),
        (True, None),
    ],
)
def test_parse_time(value, expected):
    assert parse_time(value) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (1250, 1250.0),
        (1250.5, 1250.5),
        (-200, -200.0),
        ("$1,250.00", 1250.0),
        ("1250", 1250.0),
        ("1,250", 1250.0),
        ("$ 1,250", 1250.0),
        ("(200.00)", -200.0),
        ("($200.00)", -200.0),
        ("-$200", -200.0),
        ("$-200", -200.0),
        ("$.50", 0.5),
        ("USD 1,000,000", 1000000.0),
        ("1,25", None),
        ("$400/12", None),
        ("12 apples", None),
        (True, None),
        (D, None),
    ],
)
def test_parse_money(value, expected):
    assert parse_money(value) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (400, Rate(400.0, None)),
        (400.0, Rate(400.0, None)),
        ("400", Rate(400.0, None)),
        ("$400", Rate(400.0, None)),
        ("$400/12", Rate(400.0, 12.0)),
        ("400/10", Rate(400.0, 10.0)),
        ("$400 / 12", Rate(400.0, 12.0)),
        ("$400/12hrs", Rate(400.0, 12.0)),
        ("$400/12 hr", Rate(400.0, 12.0)),
        ("$1,200/10", Rate(1200.0, 10.0)),
        ("$400/day", Rate(400.0, None)),
        ("$400 per 12", Rate(400.0, 12.0)),
        ("TBD", None),
        ("DOE", None),
        ("", None),
        ("$400/0", None),
        ("$400/30", None),
        ("-400", None),
        ("/12", None),
        (True, None),
    ],
)
def test_parse_rate(value, expected):
    assert parse_rate(value) == expected


def test_rate_is_shown_in_rate_notation():
    assert str(Rate(1200.0, 10.0)) == "$1,200/10"
    assert display(Rate(400.0, None)) == "$400"


@pytest.mark.parametrize(
    ("value", "expected"),
    [(12, 12.0), (12.0, 12.0), (13.5, 13.5), ("12", 12.0), ("12.0", 12.0), ("12 hrs", 12.0),
     ("10h", 10.0), ("10 hours", 10.0), ("10:30", 10.5), (dt.timedelta(hours=11), 11.0),
     (-1, None), ("-3", None), ("ten", None), (True, None)],
)
def test_parse_hours(value, expected):
    assert parse_hours(value) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("1 3/8", Fraction(11, 8)),
        ("3/8", Fraction(3, 8)),
        ("2", Fraction(2)),
        ("2 pgs", Fraction(2)),
        ("4 5/8 pgs", Fraction(37, 8)),
        ("1-3/8", Fraction(11, 8)),
        ("7/8 pg", Fraction(7, 8)),
        (1.375, Fraction(11, 8)),
        (2, Fraction(2)),
        (0.13, Fraction(1, 8)),
        (Fraction(5, 8), Fraction(5, 8)),
        ("3/0", None),
        ("-1", None),
        ("one", None),
    ],
)
def test_parse_pages(value, expected):
    assert parse_pages(value) == expected


@pytest.mark.parametrize(
    ("pages", "expected"),
    [(Fraction(31, 8), "3 7/8"), (Fraction(7, 8), "7/8"), (Fraction(2), "2"), (Fraction(0), "0"),
     (Fraction(4, 8), "4/8"), (Fraction(1, 3), "3/8"), (Fraction(1, 16), "1/8"), (1.99, "2")],
)
def test_format_eighths(pages, expected):
    assert format_eighths(pages) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("Y", True), ("Yes", True), ("yes ", True), ("X", True), ("x", True), ("TRUE", True),
        (True, True), (1, True), (1.0, True), ("1", True), ("✓", True), (D, True),
        (dt.datetime(2026, 12, 3), True), ("12/3/2026", True), ("On file", True),
        ("N", False), ("No", False), ("FALSE", False), (False, False), (0, False), ("0", False),
        ("Missing", False),
        (None, None), ("", None), ("maybe", None), (7, None), (REF, None), (pd.NaT, None),
    ],
)
def test_parse_yes_no(value, expected):
    assert parse_yes_no(value) is expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("Complete", True), ("complete", True), ("Done", True), ("Yes", True), ("Y", True),
        ("X", True), (True, True), (D, True), (dt.datetime(2026, 12, 3), True),
        ("12/3/2026", True), ("Dec 3, 2026", True), (46359, True),
        (None, False), ("", False), ("No", False), ("Pending", False), ("Incomplete", False),
        ("Missing I-9", False), ("Sent", False), (False, False), (REF, False), (3, False),
    ],
)
def test_parse_paperwork(value, expected):
    assert parse_paperwork(value) is expected


@pytest.mark.parametrize(
    ("value", "region", "expected"),
    [
        ("(310) 555-0143", "US", "(310) 555-0143"),
        ("310.555.0143", "US", "(310) 555-0143"),
        ("3105550143", "US", "(310) 555-0143"),
        (3105550143.0, "US", "(310) 555-0143"),
        (3105550143, "US", "(310) 555-0143"),
        ("+1 310 555 0143", "US", "(310) 555-0143"),
        ("tel:+1-310-555-0143", "US", "(310) 555-0143"),
        ("TEL: 310-555-0143", "US", "(310) 555-0143"),
        ("310.555.0143 x123", "US", "(310) 555-0143 ext. 123"),
        ("+44 20 7946 0958", "US", "+44 20 7946 0958"),
        ("020 7946 0958", "GB", "020 7946 0958"),
        ("+1 (310) 555-0143", "gb", "+1 310-555-0143"),
        ("(310) 555-0143", "GB", None),
        ("555-0143", "US", None),
        ("12345", "US", None),
        ("call me", "US", None),
        (3105550143.5, "US", None),
        (True, "US", None),
    ],
)
def test_normalize_phone(value, region, expected):
    assert normalize_phone(value, region) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("jane@example.com", "jane@example.com"),
        (" Jane.Doe @Example.COM ", "jane.doe@example.com"),
        ("mailto:Jane@Example.com", "jane@example.com"),
        ("MAILTO:jane@example.com?subject=Call%20sheet", "jane@example.com"),
        ("<jane@example.com>", "jane@example.com"),
        ("Jane Doe <jane@example.com>", "jane@example.com"),
        ("jane+crew@mail.example.co.uk", "jane+crew@mail.example.co.uk"),
        ("jane@example", None),
        ("jane@@example.com", None),
        ("jane@exa(mple.com", None),
        ("jane..doe@example.com", None),
        ("@example.com", None),
        ("jane example.com", None),
        (42, None),
    ],
)
def test_normalize_email(value, expected):
    assert normalize_email(value) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("1, 2, 5", ["1", "2", "5"]),
        (3.0, ["3"]),
        (3, ["3"]),
        ("1,2 & 5", ["1", "2", "5"]),
        ("1 2 5", ["1", "2", "5"]),
        ("1/2/5", ["1", "2", "5"]),
        ("1; 2 and 5", ["1", "2", "5"]),
        ("12A", ["12A"]),
        ("12a, #3, 03", ["12A", "3"]),
        ("1, 1, 2", ["1", "2"]),
        ("", []),
        (None, []),
        (REF, []),
    ],
)
def test_parse_cast_ids(value, expected):
    assert parse_cast_ids(value) == expected


def test_parse_cast_ids_returns_a_fresh_list_each_time():
    first = parse_cast_ids("1, 2")
    first.append("99")
    assert parse_cast_ids("1, 2") == ["1", "2"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [("  Jane   DOE ", "jane doe"), ("O'Brien, José", "obrien jose"), ("J.J. Abrams", "jj abrams"),
     (None, ""), (42, "42")],
)
def test_name_key(text, expected):
    assert name_key(text) == expected


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Acme Grip & Electric", "ACME GRIP AND ELECTRIC, INC."),
        ("Acme Grip + Electric LLC", "acme grip and electric"),
        ("Smith's Catering Co.", "Smiths Catering Company"),
        ("Pacific Lighting Corp", "Pacific  Lighting, Corporation"),
        ("Lights, Ltd.", "LIGHTS"),
    ],
)
def test_vendor_key_matches_the_same_vendor(a, b):
    assert vendor_key(a) == vendor_key(b)


def test_vendor_key_values():
    assert vendor_key("ACME GRIP AND ELECTRIC, INC.") == "acme grip and electric"
    assert vendor_key("The Company") == "the"
    assert vendor_key("Company") == "company"
    assert vendor_key("Acme Grip") != vendor_key("Acme Electric")


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (D, "Dec 3, 2026"),
        (dt.datetime(2026, 12, 3), "Dec 3, 2026"),
        (dt.datetime(2026, 12, 3, 18, 5), "Dec 3, 2026 6:05 PM"),
        (dt.time(6, 30), "6:30 AM"),
        (dt.time(12, 0), "12:00 PM"),
        (dt.time(0, 15), "12:15 AM"),
        (1250.0, "1250"),
        (1250.5, "1250.5"),
        (0.1 + 0.2, "0.3"),
        (7, "7"),
        (REF, "#REF!"),
        (None, ""),
        ("TBD", "TBD"),
        (True, "TRUE"),
        (Fraction(11, 8), "1 3/8"),
    ],
)
def test_display(value, expected):
    assert display(value) == expected


def test_typed_cells_are_fast():
    """250,000 typed cells (the benchmark's size) parse in well under a few seconds."""
    days = [D + dt.timedelta(days=i % 400) for i in range(50_000)]
    floats = [float(i % 5000) for i in range(50_000)]
    start = time.perf_counter()
    for value in days:
        parse_date(value)
    for value in floats:
        parse_money(value)
        parse_rate(value)
        parse_date(value)
        parse_time(value)
    assert time.perf_counter() - start < 2.0


@pytest.mark.parametrize(("text", "expected"), [
    (" -- Thu 12/3/26 -- 6 6/8 pgs", dt.date(2026, 12, 3)),
    (" Thu 12/3/26 6 6/8 pgs", dt.date(2026, 12, 3)),
    (" -- Fri Dec 4 -- 3 2/8 pgs", dt.date(2026, 12, 4)),
    (" - Mon Jan 4 - 2 pgs", dt.date(2027, 1, 4)),  # the year nearest the shoot
    (" (Tue 12/8) 5 4/8 pages", dt.date(2026, 12, 8)),
    (" 12/3", dt.date(2026, 12, 3)),
    (" Fri 1/8", dt.date(2027, 1, 8)),
    (" -- 4 3/8", None),
    (" 3/8", None),
    (" -- 6 6/8 pgs", None),
    (" ***", None),
    (None, None),
])
def test_date_in_text_reads_dates_and_never_page_counts(text, expected):
    assert date_in_text(text, dt.date(2026, 12, 1)) == expected


def test_a_weekday_before_a_numeric_date_is_read():
    assert parse_date("Thu 12/3/26") == dt.date(2026, 12, 3)
