"""PDFs by LibreOffice: one process for a batch, read back for what a crew member needs."""

from __future__ import annotations

import os
import re
import shutil
import stat
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader

from addin.book import read_book
from addin.callsheet.command import add_pdfs, default_template, make_callsheets
from addin.callsheet.pdf import PdfError, convert_to_pdf, missing_fonts
from addin.hosts.xlsx import XlsxHost

SAMPLE = Path(__file__).resolve().parents[2] / "workbooks" / "sample_production.xlsx"


def logged_soffice(tmp_path: Path) -> tuple[Path, Path]:
    """A soffice that records each time it is started, then runs the real one."""
    real = shutil.which("soffice") or shutil.which("libreoffice")
    assert real, "LibreOffice must be installed for these tests"
    log = tmp_path / "soffice.log"
    wrapper = tmp_path / "soffice-logged"
    wrapper.write_text(f'#!/bin/sh\necho "$@" >> "{log}"\nexec "{real}" "$@"\n')
    wrapper.chmod(wrapper.stat().st_mode | stat.S_IEXEC)
    return wrapper, log


def pdf_text(path: Path) -> str:
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


@pytest.fixture(scope="module")
def batch(tmp_path_factory) -> tuple[list, list[str]]:
    tmp_path = tmp_path_factory.mktemp("pdf")
    wrapper, log = logged_soffice(tmp_path)
    os.environ["PRODDESK_SOFFICE"] = str(wrapper)
    try:
        book = read_book(XlsxHost(SAMPLE))
        written = make_callsheets(book, [1, 2, 3, 4], tmp_path / "out", default_template())
        add_pdfs(written)
    finally:
        del os.environ["PRODDESK_SOFFICE"]
    return written, log.read_text().splitlines()


def test_every_day_in_one_libreoffice_run_with_a_private_profile(batch) -> None:
    written, runs = batch
    assert len(runs) == 1
    assert "-env:UserInstallation=file:///" in runs[0]
    assert runs[0].count(".xlsx") == 4
    assert [w.pdf.name for w in written] == [
        "The_Long_Take_Day01_2026-12-03.pdf", "The_Long_Take_Day02_2026-12-04.pdf",
        "The_Long_Take_Day03_2026-12-07.pdf", "The_Long_Take_Day04_2026-12-08.pdf"]
    assert all(w.pdf.exists() for w in written)


def test_the_pdf_reads_what_the_crew_needs(batch) -> None:
    written, _ = batch
    text = pdf_text(written[0].pdf)
    lines = text.splitlines()
    for expected in ("The Long Take", "CALL SHEET", "Thursday, December 3, 2026", "Day 1 of 4",
                     "GENERAL CREW CALL", "6:43 AM", "4:43 PM", "1850 W Sunset Blvd",
                     "Hollywood Presbyterian", "(213) 413-3000", "STARLITE DINER - COUNTER",
                     "6 6/8", "Isabel Reyes", "Ch 1 Production"):
        assert expected in text, expected
    assert any("Marcus Bell" in line and "6:00 AM" in line for line in lines)  # his own call
    assert any("Bianca Moretti" in line and "6:30 AM" in line for line in lines)  # Hair & Makeup
    assert any("Rafael Ortiz" in line and "7:00 AM" in line for line in lines)  # general call
    assert "(310) 555-0101" not in text  # Publish Phone = No
    assert "(310) 555-0117" in text
    assert "@" not in text
    assert len(PdfReader(written[0].pdf).pages) >= 1


def test_the_sample_days_carry_what_the_book_has(batch) -> None:
    written, _ = batch
    day1, day4 = pdf_text(written[0].pdf), pdf_text(written[3].pdf)
    assert "Safety diver on set" in day4  # Day 4's scene note reaches the crew
    assert "No one in the water on the beach day" in " ".join(day4.split())
    for expected in ("Georgia Pappas", "(213) 555-0181", "Owner on site; no open flames",
                     "Cast in at 7:00 AM", "Rig the booth wall", "Windows blacked out"):
        assert expected in day1, expected
    assert any("Grace Okafor" in line and "(310) 555-0103" in line
               for line in day1.splitlines())  # a key contact with the phone
    assert "(310) 555-014 ?" in day1  # the sample's short phone is marked, not printed fine
    for text in (day1, day4):
        assert "YOUR LOGO HERE" not in text and "no coordinates" not in text
        assert "PRODDESK CHECKS" not in text


def test_day_two_pdf_has_its_own_calls_and_the_hold(batch) -> None:
    written, _ = batch
    lines = pdf_text(written[1].pdf).splitlines()
    assert any("12:00 PM" in line and "1:00 PM" in line for line in lines)  # crew, shooting call
    assert any("Margaret Hale" in line and " H " in f" {line} " for line in lines)
    assert any("Rafael Ortiz" in line and "11:30 AM" in line for line in lines)  # Camera call


def test_missing_libreoffice_says_how_to_install_it(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("PRODDESK_SOFFICE", str(tmp_path / "no-soffice-here"))
    (tmp_path / "a.xlsx").write_bytes(b"")
    with pytest.raises(PdfError) as caught:
        convert_to_pdf([tmp_path / "a.xlsx"])
    assert "sudo apt-get install libreoffice-calc-nogui" in str(caught.value)
    assert "libreoffice.org" in str(caught.value)


DEJAVU_ONLY = """<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig>
  <dir>/usr/share/fonts/truetype/dejavu</dir>
  <cachedir>{cache}</cachedir>
  <include ignore_missing="yes">/etc/fonts/conf.d</include>
</fontconfig>
"""
"""Fontconfig seeing only DejaVu: what LibreOffice has on a fresh machine without the
set-up's fonts (Debian's libreoffice-calc-nogui with --no-install-recommends)."""


def fresh_machine_fonts(folder: Path) -> dict[str, str]:
    """Environment for fc-match and LibreOffice that sees only the DejaVu fonts."""
    conf = folder / "fonts.conf"
    conf.write_text(DEJAVU_ONLY.format(cache=folder / "fc-cache"))
    return {"FONTCONFIG_FILE": str(conf)}


_WORD = re.compile(r'<word xMin="[\d.]+" yMin="([\d.]+)" xMax="[\d.]+" yMax="[\d.]+">(.*?)</word>')


def pdf_words(path: Path) -> list[tuple[int, float, str]]:
    """(page, top of the word, word) of every word in the PDF, in pdftotext's reading order."""
    html = subprocess.run(
        ["pdftotext", "-bbox", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    words = []
    for page, chunk in enumerate(html.split("<page ")[1:], start=1):
        words += [(page, float(y), text.replace("&amp;", "&")) for y, text in _WORD.findall(chunk)]
    return words


def lines_of(value: str, words: list[tuple[int, float, str]]) -> list[set[tuple[int, float]]]:
    """For each place the value's words follow one another in the PDF, the lines they sit on."""
    tokens = value.split()
    found = []
    for i in range(len(words) - len(tokens) + 1):
        if [w[2] for w in words[i : i + len(tokens)]] == tokens:
            found.append({(page, round(top)) for page, top, _ in words[i : i + len(tokens)]})
    return found


@pytest.fixture(scope="module")
def dejavu_batch(tmp_path_factory) -> tuple[list, Path]:
    """The sample's four days rendered by LibreOffice on a machine that has only DejaVu."""
    tmp_path = tmp_path_factory.mktemp("dejavu")
    env = fresh_machine_fonts(tmp_path)
    saved = {k: os.environ.get(k) for k in env}
    os.environ.update(env)
    try:
        template = default_template()
        book = read_book(XlsxHost(SAMPLE))
        written = make_callsheets(book, [1, 2, 3, 4], tmp_path / "out", template)
        add_pdfs(written, template)
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
    return written, tmp_path


KEY_VALUES = {
    1: ["(213) 413-3000", "(213) 555-0181", "(310) 555-0117", "(310) 555-0103", "6:43 AM",
        "4:43 PM", "7:00 AM", "Hollywood Presbyterian Medical Center"],
    3: ["(323) 783-4011", "(213) 555-0182", "(310) 555-0117"],
    4: ["(310) 823-8911", "(213) 555-0183", "(310) 555-0117", "5:30 AM"],
}


@pytest.mark.parametrize("fonts", ["installed", "dejavu only"])
def test_each_key_value_sits_on_one_line(fonts, batch, dejavu_batch) -> None:
    written = batch[0] if fonts == "installed" else dejavu_batch[0]
    for day, values in KEY_VALUES.items():
        words = pdf_words(written[day - 1].pdf)
        for value in values:
            places = lines_of(value, words)
            assert places, f"day {day}: {value} is not in the PDF in one piece"
            assert all(len(lines) == 1 for lines in places), f"day {day}: {value} wraps"


def test_a_template_font_the_machine_lacks_is_a_warning(dejavu_batch) -> None:
    written, _ = dejavu_batch
    warnings = [f for f in written[0].findings if f.rule == "callsheet.font_missing"]
    assert warnings, "no warning for Arial on a DejaVu-only machine"
    assert any("Arial" in f.message and "fonts-liberation2" in f.message for f in warnings)
    assert all(f.rule != "callsheet.font_missing" for w in written[1:] for f in w.findings)


def test_the_set_up_fonts_stand_in_for_arial_and_calibri() -> None:
    assert missing_fonts(["Arial", "Calibri", "Courier New"]) == []
    assert missing_fonts(["Gill Sans Nova"]) == ["Gill Sans Nova"]
    assert "Arial" in default_template().fonts
