"""setup_addin.py: the built add-in holds its macros, PD_ wrappers and settings; check catches gaps.

The built .xlam is read back with readers that are not ProdDesk's: oletools'
olevba (the VBA modules) and calamine (the config sheet).
"""

from __future__ import annotations

import re
import subprocess
import sys
import zipfile
from pathlib import Path

import olefile
import pytest
import xlwings as xw
from lxml import etree
from oletools.olevba import VBA_Parser, decompress_stream
from python_calamine import CalamineWorkbook

import setup_addin
from addin.excel import cfb, ovba, package
from addin.excel.udfs import UDF_NAMES

ROOT = package.ROOT
LOOKUPS = ["PD_NEXTPO", "PD_CALLTIME", "PD_COISTATUS", "PD_BUDGETLEFT", "PD_SWHF", "PD_SUNRISE",
           "PD_SUNSET", "PD_DAYCOST"]


def _run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "setup_addin.py", *args], cwd=ROOT,
                          capture_output=True, text=True, timeout=120)


def _olevba_modules(xlam: Path) -> dict[str, str]:
    """Module name -> source, as oletools reads them out of the add-in."""
    parser = VBA_Parser(str(xlam))
    try:
        return {Path(name).stem: code for _, _, name, code in parser.extract_macros()}
    finally:
        parser.close()


def _config(xlam: Path) -> tuple[str, dict[str, object]]:
    book = CalamineWorkbook.from_path(str(xlam))
    rows = book.get_sheet_by_index(0).to_python()
    return book.sheet_names[0], {row[0]: row[1] for row in rows}


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> dict[str, Path]:
    """setup_addin's install logic for Windows and for macOS, each on a clean home folder."""
    out = {}
    for platform in ("win32", "darwin"):
        home = tmp_path_factory.mktemp(f"home-{platform}")
        out[platform] = setup_addin.install_into(home / "XLSTART", home, sys.executable, platform)
    return out


def test_check_passes():
    done = _run("check")
    assert done.returncode == 0, done.stdout + done.stderr
    assert f"{len(UDF_NAMES)} UDFs" in done.stdout


def test_every_udf_is_in_xlwings_generated_vba():
    vba = package.udf_vba()
    assert "Function PD_DAYPAY(rate, hours, Optional seventh_day)" in vba
    assert "Function PD_NEXTPO()" in vba  # the caller argument is Excel's, not the user's
    assert 'XLPy.CallUDF("addin.excel.udfs", "PD_CALLTIME"' in vba


def test_lookups_recalculate_and_pure_functions_do_not():
    vba = package.udf_vba()
    bodies = dict(re.findall(r"^Function (PD_\w+)\(.*?\)\n(.*?)^End Function", vba, re.M | re.S))
    assert sorted(bodies) == sorted(UDF_NAMES)
    for name, body in bodies.items():
        assert ("Application.Volatile" in body) == (name in LOOKUPS), name


def test_check_finds_a_missing_callback_and_a_missing_target(tmp_path: Path):
    (tmp_path / "Ribbon.bas").write_text(
        'Attribute VB_Name = "RibbonProdDesk"\n'
        "Sub CheckBook(control As IRibbonControl)\n"
        '    RunProdDesk "no_such_button"\n'
        "End Sub\n"
    )
    problems = package.check(package.RIBBON_XML, tmp_path)
    assert any("no_such_button" in p for p in problems)
    assert any("RibbonProdDesk.ClearChecks has no Sub" in p for p in problems)


def test_check_finds_buttons_that_skip_the_xlwings_version_check(tmp_path: Path):
    text = (package.MACROS / "RibbonProdDesk.bas").read_text()
    unchecked = text.replace("package.require_xlwings('\" & XLWINGS_VERSION & _", "_\" & _")
    (tmp_path / "RibbonProdDesk.bas").write_text(unchecked)
    problems = package.check(package.RIBBON_XML, tmp_path)
    assert "RunProdDesk (called by RibbonProdDesk.CheckBook) does not check the xlwings " \
           "version and call addin.excel.ribbon" in problems
    assert package.check(package.RIBBON_XML, package.MACROS) == []


def test_check_rejects_the_wrong_namespace(tmp_path: Path):
    xml = package.RIBBON_XML.read_text().replace("2009/07/customui", "2006/01/customui")
    (tmp_path / "ui.xml").write_text(xml)
    problems = package.check(tmp_path / "ui.xml")
    assert len(problems) == 1 and "not customUI" in problems[0]


def test_install_on_a_clean_home_gives_an_addin_with_every_macro_and_wrapper(installed):
    actions = package.ribbon_actions(package.RIBBON_XML.read_bytes())
    for xlam in installed.values():
        assert xlam.name == "ProdDesk.xlam" and xlam.parent.name == "XLSTART"
        modules = _olevba_modules(xlam)
        assert "RibbonMyAddin" not in modules  # the template's sample button is gone
        for action in actions:
            module, _, sub = action.partition(".")
            assert re.search(rf"^Sub {sub}\(control As IRibbonControl\)", modules[module], re.M)
        for name in UDF_NAMES:
            assert re.search(rf"^Function {name}\(", modules["xlwings_udfs"], re.M), name
        assert 'XLPy.CallUDF("addin.excel.udfs", "PD_NEXTPO"' in modules["xlwings_udfs"]
        with zipfile.ZipFile(xlam) as z:
            assert z.read(package.CUSTOMUI_PART) == package.RIBBON_XML.read_bytes()
            rels = etree.fromstring(z.read("_rels/.rels"))
        targets = [r.get("Target") for r in rels if r.get("Type") == package.UI_RELATIONSHIP]
        assert targets == [package.CUSTOMUI_PART]


def test_the_addin_config_is_where_xlwings_vba_looks_and_names_this_python(installed):
    for platform, xlam in installed.items():
        xlwings_vba = _olevba_modules(xlam)["xlwings"]
        # GetConfig -> GetConfigFromSheet reads the sheet PROJECT_NAME & ".conf" of the add-in
        # (ThisWorkbook) before any file: the sheet must carry that name.
        project = re.search(r'^Public Const PROJECT_NAME As String = "(\w+)"', xlwings_vba, re.M)
        assert 'SheetExists(ThisWorkbook, PROJECT_NAME & ".conf")' in xlwings_vba
        sheet, settings = _config(xlam)
        assert sheet == f"{project.group(1)}.conf" == "proddesk.conf"
        key, other = ("Interpreter_Win", "Interpreter_Mac") if platform == "win32" else (
            "Interpreter_Mac", "Interpreter_Win")
        assert settings[key] == sys.executable and settings[other] == ""
        assert settings["PYTHONPATH"] == str(ROOT)
        assert settings["UDF Modules"] == "addin.excel.udfs"
        assert package.addin_problems(xlam, platform) == []
    # on a Mac RunPython calls xlwings' AppleScript: where `xlwings runpython install` puts it
    home = installed["darwin"].parent.parent
    script = home / "Library/Application Scripts/com.microsoft.Excel" / (
        f"xlwings-{xw.__version__}.applescript")
    assert script.read_bytes() == (Path(xw.__file__).parent / script.name).read_bytes()
    assert not (installed["win32"].parent.parent / "Library").exists()


def test_macros_are_crlf_in_the_repo_and_in_the_addin(installed):
    for bas in package.MACROS.glob("*.bas"):
        data = bas.read_bytes()
        assert b"\r\n" in data and b"\n" not in data.replace(b"\r\n", b""), bas.name
    assert "*.bas text eol=crlf" in (package.MACROS / ".gitattributes").read_text()
    ole = olefile.OleFileIO(zipfile.ZipFile(installed["win32"]).read(package.VBA_PART))
    for stream in ("RibbonProdDesk", "xlwings_udfs"):
        source = bytes(decompress_stream(bytearray(ole.openstream(["VBA", stream]).read())))
        assert source.count(b"\r\n") > 5 and b"\n" not in source.replace(b"\r\n", b"")


def test_install_keeps_the_users_xlwings_conf_and_uninstall_removes_only_proddesk(tmp_path):
    config = tmp_path / ".xlwings" / "xlwings.conf"
    config.parent.mkdir()
    theirs = ['"CONDA PATH","C:\\Users\\me\\miniconda3"', '"SHOW CONSOLE","True"']
    older_proddesk = [f'"INTERPRETER_WIN","{sys.executable}"', '"UDF MODULES","addin.excel.udfs"',
                      f'"PYTHONPATH","{ROOT}"']
    config.write_text("\n".join([theirs[0], *older_proddesk, theirs[1]]) + "\n")
    xlam = setup_addin.install_into(tmp_path / "XLSTART", tmp_path, sys.executable, "win32")
    assert config.read_text().splitlines() == theirs
    assert setup_addin.uninstall_from(tmp_path / "XLSTART", tmp_path) is True
    assert not xlam.exists() and config.read_text().splitlines() == theirs


def _check(xlam: Path) -> subprocess.CompletedProcess:
    return _run("check", "--addin", str(xlam))


def _rewrite_vba(xlam: Path, change) -> None:
    with zipfile.ZipFile(xlam) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    project = ovba.VbaProject(parts[package.VBA_PART])
    change(project)
    parts[package.VBA_PART] = project.to_bytes()
    with zipfile.ZipFile(xlam, "w") as z:
        for name, data in parts.items():
            z.writestr(name, data)


def test_check_passes_on_a_sound_addin(tmp_path: Path):
    xlam = package.build_xlam(tmp_path / "ProdDesk.xlam", package.addin_settings(sys.executable))
    done = _check(xlam)
    assert done.returncode == 0, done.stdout


def test_check_fails_when_the_addin_names_a_python_that_is_not_there(tmp_path: Path):
    xlam = package.build_xlam(tmp_path / "ProdDesk.xlam",
                              package.addin_settings(str(tmp_path / "gone" / "python")))
    done = _check(xlam)
    assert done.returncode == 1
    assert "runs the Python" in done.stdout and "does not exist here" in done.stdout


def test_check_fails_when_the_config_sheet_is_not_the_one_xlwings_reads(tmp_path: Path):
    xlam = package.build_xlam(tmp_path / "ProdDesk.xlam", package.addin_settings(sys.executable))
    _rewrite_vba(xlam, lambda p: p.set_source("xlwings", p.source("xlwings").replace(
        'PROJECT_NAME As String = "proddesk"', 'PROJECT_NAME As String = "myaddin"')))
    done = _check(xlam)
    assert done.returncode == 1
    assert "has no sheet 'myaddin.conf'" in done.stdout and "Traceback" not in done.stderr


def test_check_fails_when_ribbon_macros_are_missing(tmp_path: Path):
    macros = tmp_path / "macros"
    macros.mkdir()
    text = (package.MACROS / "RibbonProdDesk.bas").read_text()
    (macros / "RibbonProdDesk.bas").write_text(text.replace("Sub ExportPdf(", "Sub ExportPDFs("))
    xlam = package.build_xlam(tmp_path / "ProdDesk.xlam", package.addin_settings(sys.executable),
                              macros=macros)
    done = _check(xlam)
    assert done.returncode == 1
    assert "lacks the ribbon macros RibbonProdDesk.ExportPdf" in done.stdout


def test_check_fails_when_udf_wrappers_are_missing(tmp_path: Path):
    xlam = package.build_xlam(tmp_path / "ProdDesk.xlam", package.addin_settings(sys.executable))
    _rewrite_vba(xlam, lambda p: p.remove("xlwings_udfs"))
    done = _check(xlam)
    assert done.returncode == 1
    assert "lacks the sheet-function wrappers PD_BASEHOURLY" in done.stdout


def test_check_fails_when_the_addin_is_for_another_xlwings(tmp_path: Path):
    xlam = package.build_xlam(tmp_path / "ProdDesk.xlam", package.addin_settings(sys.executable))
    _rewrite_vba(xlam, lambda p: p.set_source("xlwings", p.source("xlwings").replace(
        f'XLWINGS_VERSION As String = "{xw.__version__}"', 'XLWINGS_VERSION As String = "0.30.0"')))
    done = _check(xlam)
    assert done.returncode == 1
    assert f"holds the VBA of xlwings 0.30.0 but this Python has xlwings {xw.__version__}" in (
        done.stdout)


def test_xlwings_is_pinned_to_the_template_version_and_the_ribbon_says_so_when_not():
    template = ovba.VbaProject(zipfile.ZipFile(package.xlwings_template()).read(package.VBA_PART))
    built_for = re.search(r'XLWINGS_VERSION As String = "([\w.]+)"', template.source("xlwings"))
    assert package.pinned_xlwings() == built_for.group(1) == xw.__version__
    package.require_xlwings(xw.__version__)
    with pytest.raises(RuntimeError, match=r"holds the VBA of xlwings 0\.30\.0"):
        package.require_xlwings("0.30.0")
    ribbon = (package.MACROS / "RibbonProdDesk.bas").read_text()
    assert "package.require_xlwings('\" & XLWINGS_VERSION" in ribbon


def test_build_refuses_another_xlwings_than_the_pinned_one(tmp_path: Path, monkeypatch, capsys):
    pyproject = tmp_path / "pyproject.toml"
    pyproject.write_text('[project]\ndependencies = ["pandas>=2", "xlwings==0.30.0"]\n')
    real = package.pinned_xlwings
    monkeypatch.setattr(package, "pinned_xlwings", lambda: real(pyproject))
    assert setup_addin.build(tmp_path / "ProdDesk.xlam") == 2
    assert not (tmp_path / "ProdDesk.xlam").exists()
    assert capsys.readouterr().err.strip() == (
        f"ProdDesk is built for xlwings 0.30.0 but this Python has xlwings {xw.__version__}: "
        "run 'pip install -e .' in the ProdDesk folder first.")


def test_compression_round_trips_through_oletools():
    text = (package.MACROS / "RibbonProdDesk.bas").read_bytes() * 40 + bytes(range(256)) * 20
    packed = ovba.compress(text)
    assert len(packed) < len(text) / 3
    assert bytes(decompress_stream(bytearray(packed))) == text == ovba.decompress(packed)


def test_compound_file_writer_is_read_cleanly_by_olefile():
    template = zipfile.ZipFile(package.xlwings_template()).read(package.VBA_PART)
    tree = cfb.read(template)
    tree.put(cfb.Stream("Big", b"x" * 10_000))
    written = cfb.write(tree)
    ole = olefile.OleFileIO(written, raise_defects=olefile.DEFECT_INCORRECT)
    original = olefile.OleFileIO(template)
    for path in original.listdir():
        assert ole.openstream(path).read() == original.openstream(path).read()
    assert ole.openstream("Big").read() == b"x" * 10_000


def test_install_on_linux_explains_and_exits_2():
    if sys.platform.startswith("linux"):
        done = _run("install")
        assert done.returncode == 2
        assert "Excel runs only on Windows and macOS" in done.stderr
        assert "Traceback" not in done.stderr
