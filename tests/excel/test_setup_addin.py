"""setup_addin.py: check passes, build makes the add-in, install explains itself off Excel."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

from lxml import etree

from addin.excel import package

ROOT = package.ROOT


def _run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "setup_addin.py", *args], cwd=ROOT,
                          capture_output=True, text=True, timeout=120)


def test_check_passes():
    done = _run("check")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "13 UDFs" in done.stdout


def test_every_udf_is_in_xlwings_generated_vba():
    vba = package.udf_vba()
    assert "Function PD_DAYPAY(rate, hours, Optional seventh_day)" in vba
    assert "Function PD_NEXTPO()" in vba  # the caller argument is Excel's, not the user's
    assert 'XLPy.CallUDF("addin.excel.udfs", "PD_CALLTIME"' in vba


def test_check_finds_a_missing_callback_and_a_missing_target(tmp_path: Path):
    (tmp_path / "Ribbon.bas").write_text(
        'Attribute VB_Name = "RibbonProdDesk"\n'
        "Sub CheckBook(control As IRibbonControl)\n"
        '    RunPython "import addin.excel.ribbon as ribbon; ribbon.no_such_button()"\n'
        "End Sub\n"
    )
    problems = package.check(package.RIBBON_XML, tmp_path)
    assert any("no_such_button" in p for p in problems)
    assert any("RibbonProdDesk.ClearChecks has no Sub" in p for p in problems)


def test_check_rejects_the_wrong_namespace(tmp_path: Path):
    xml = package.RIBBON_XML.read_text().replace("2009/07/customui", "2006/01/customui")
    (tmp_path / "ui.xml").write_text(xml)
    problems = package.check(tmp_path / "ui.xml")
    assert len(problems) == 1 and "not customUI" in problems[0]


def test_build_swaps_the_ribbon_into_xlwings_template(tmp_path: Path):
    xlam = package.build_xlam(tmp_path / "ProdDesk.xlam")
    with zipfile.ZipFile(xlam) as z:
        names = z.namelist()
        assert "xl/vbaProject.bin" in names and "customUI/customUI.xml" not in names
        assert z.read(package.CUSTOMUI_PART) == package.RIBBON_XML.read_bytes()
        rels = etree.fromstring(z.read("_rels/.rels"))
    targets = [r.get("Target") for r in rels if r.get("Type") == package.UI_RELATIONSHIP]
    assert targets == [package.CUSTOMUI_PART]


def test_install_on_linux_explains_and_exits_2():
    if sys.platform.startswith("linux"):
        done = _run("install")
        assert done.returncode == 2
        assert "Excel runs only on Windows and macOS" in done.stderr
        assert "Traceback" not in done.stderr
