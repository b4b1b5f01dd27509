"""Rates real deals use: weekly, hourly, flat and kit-fee notations, read, checked and paid."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from addin.cli import main
from addin.functions import base_hourly, day_pay
from addin.parse import Rate, parse_rate
from tests.books import write_xlsx


@pytest.mark.parametrize(("text", "rate", "shown"), [
    ("$2,500/wk", Rate(2500.0, None, "week"), "$2,500/wk"),
    ("$2,500 per week", Rate(2500.0, None, "week"), "$2,500/wk"),
    ("$2500 weekly", Rate(2500.0, None, "week"), "$2,500/wk"),
    ("$38.50/hr", Rate(38.5, None, "hour"), "$38.50/hr"),
    ("$40 an hour", Rate(40.0, None, "hour"), "$40/hr"),
    ("$1,500 flat", Rate(1500.0, None, "flat"), "$1,500 flat"),
    ("$1,500 Flat Rate", Rate(1500.0, None, "flat"), "$1,500 flat"),
    ("$750/12 + kit", Rate(750.0, 12.0, "day", None, True), "$750/12 + kit"),
    ("$750/12 + $50 kit", Rate(750.0, 12.0, "day", 50.0, True), "$750/12 + $50 kit"),
    ("$750/12 + $50 kit rental", Rate(750.0, 12.0, "day", 50.0, True), "$750/12 + $50 kit"),
    ("$750/12 + box rental", Rate(750.0, 12.0, "day", None, True), "$750/12 + kit"),
    ("$2,500/wk + $100 kit", Rate(2500.0, None, "week", 100.0, True), "$2,500/wk + $100 kit"),
    ("$400/12", Rate(400.0, 12.0), "$400/12"),
])
def test_deal_notations_are_read(text: str, rate: Rate, shown: str) -> None:
    assert parse_rate(text) == rate
    assert str(parse_rate(text)) == shown


@pytest.mark.parametrize("text", ["TBD", "DOE", "$/wk", "flat", "$750/12 + $x kit", "-$20/hr"])
def test_what_is_still_not_a_rate(text: str) -> None:
    assert parse_rate(text) is None


@pytest.mark.parametrize(("rate", "hours", "pay"), [
    ("$2,500/wk", 8, 500.0),        # a fifth of the week at the 8-hour guarantee
    ("$2,500/wk", 10, 687.5),       # base 62.50 * (8 + 2 * 1.5)
    ("$38.50/hr", 10, 423.5),       # 38.50 * 11 pay-hours
    ("$38.50/hr", 4, 154.0),        # hourly: no guarantee, the hours worked
    ("$1,500 flat", 14, 1500.0),    # flat: no overtime
    ("$750/12 + kit", 12, 750.0),   # a kit with no amount adds nothing
    ("$750/12 + $50 kit", 12, 800.0),
    ("$750/12 + $50 kit", 13, 907.14),  # overtime on the wages, never on the kit
    ("$2,500/wk + $100 kit", 8, 520.0),  # a weekly kit: a fifth a day
])
def test_pd_daypay_pays_each_deal(rate: str, hours: float, pay: float) -> None:
    assert day_pay(rate, hours) == pay


@pytest.mark.parametrize(("rate", "base"), [
    ("$2,500/wk", 62.5), ("$38.50/hr", 38.5), ("$750/12 + $50 kit", 53.57), ("$400/10", 36.36),
])
def test_pd_basehourly_of_each_deal(rate: str, base: float) -> None:
    assert base_hourly(rate) == base


def test_a_flat_fee_has_no_hourly_base() -> None:
    with pytest.raises(ValueError, match=r"^PD_BASEHOURLY: rate '\$1,500 flat' is a flat fee; "
                                         r"it has no hourly base$"):
        base_hourly("$1,500 flat")


def test_validate_reads_deals_and_says_how(tmp_path: Path, capsys) -> None:
    path = write_xlsx(tmp_path / "crew.xlsx", {"Crew": [
        ["Name", "Department", "Position", "Rate"],
        ["Pat Lee", "Camera", "DP", "$2,500/wk"],
        ["Sam Roe", "Camera", "1st AC", "$38.50/hr"],
        ["Kim Day", "Grip", "Key Grip", "$1,500 flat"],
        ["Lou Fox", "Grip", "Grip", "$750/12 + kit"],
        ["Ann Wu", "Sound", "Mixer", "$750/12 + $50 kit"],
        ["Bo Chan", "Sound", "Boom", "$400/12"],
        ["Cy Dean", "Sound", "Utility", "TBD"],
    ]})
    code = main(["validate", str(path), "--format", "json", "--today", "2026-11-25"])
    findings = json.loads(capsys.readouterr().out)["findings"]
    assert code == 1  # TBD is still an error
    assert [f["cell"] for f in findings if f["rule"] == "crew.invalid_rate"] == ["D8"]
    read = {f["cell"]: f["message"] for f in findings if f["rule"] == "crew.rate_read"}
    assert set(read) == {"D2", "D3", "D4", "D5", "D6"}  # the plain day rate says nothing
    assert read["D2"] == ("Pat Lee: rate '$2,500/wk' read as $2,500 a week: $500 a day over a "
                          "5-day week of 8-hour days, overtime after 8 hours.")
    assert read["D3"] == ("Sam Roe: rate '$38.50/hr' read as $38.50 an hour for the hours "
                          "worked, overtime after 8 hours.")
    assert read["D4"] == ("Kim Day: rate '$1,500 flat' read as a flat $1,500 for the day, "
                          "whatever the hours (no overtime).")
    assert read["D5"].endswith("plus a kit fee with no amount (not counted in day pay).")
    assert read["D6"] == ("Ann Wu: rate '$750/12 + $50 kit' read as $750 for a 12-hour day, "
                          "overtime after 12 hours, plus a $50 kit fee a day.")
    assert all(f["severity"] == "info" for f in findings if f["rule"] == "crew.rate_read")
