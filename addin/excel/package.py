r"""Build and check the ProdDesk Excel add-in (used by setup_addin.py).

``build_xlam`` starts from xlwings' open-source ribbon add-in template
(``xlwings/quickstart_addin_ribbon.xlam``, what ``xlwings quickstart --addin
--ribbon`` copies), swaps its customUI part for macros/excel/customUI14.xml and
writes into its VBA project, without Excel (see ovba.py), ProdDesk's ribbon
callbacks and the PD_ wrappers xlwings' ``generate_vba_wrapper`` makes.

Where the add-in's settings live, from the template's xlwings VBA module:
``RunPython`` and ``GetUdfModules`` ask ``GetConfig``, which looks, in order, in
the sheet ``PROJECT_NAME & ".conf"`` of the active book, the same sheet of the
add-in itself (ThisWorkbook, via ``GetConfigFromSheet``), the file
``PROJECT_NAME.conf`` beside the active book (``GetDirectoryConfigFilePath``)
and the user's file (``GetConfigFilePath``: ``%USERPROFILE%\.<project>\<project>.conf``
or the Mac home). It never reads ``~/.xlwings/xlwings.conf``. The build sets
PROJECT_NAME to "proddesk" and turns the template's ``_myaddin.conf`` sheet into
``proddesk.conf`` holding the interpreter, PYTHONPATH and UDF module.

``check`` and ``addin_problems`` verify, without Excel, that the ribbon, the VBA
callbacks, the Python targets, the UDF wrappers and a built add-in agree.
"""

from __future__ import annotations

import importlib
import importlib.util
import io
import re
import sys
import tomllib
import types
import zipfile
from dataclasses import dataclass
from pathlib import Path

import xlwings as xw
from lxml import etree

from addin.excel import ovba
from addin.files import write_atomic

ROOT = Path(__file__).resolve().parents[2]
MACROS = ROOT / "macros" / "excel"
RIBBON_XML = MACROS / "customUI14.xml"
CUSTOMUI_NS = "http://schemas.microsoft.com/office/2009/07/customui"
CUSTOMUI_PART = "customUI/customUI14.xml"
UI_RELATIONSHIP = "http://schemas.microsoft.com/office/2007/relationships/ui/extensibility"
UDF_MODULE = "addin.excel.udfs"
TEMPLATE_NAME = "quickstart_addin_ribbon.xlam"
TEMPLATE_SHEET = "_myaddin.conf"  # the template's config sheet, off until renamed
TEMPLATE_RIBBON_MODULE = "RibbonMyAddin"
PROJECT_NAME = "proddesk"  # xlwings' VBA then reads the sheet "proddesk.conf"
CONFIG_SHEET = f"{PROJECT_NAME}.conf"
XLWINGS_VBA_MODULE = "xlwings"
RIBBON_VBA_MODULE = "RibbonProdDesk"
UDF_VBA_MODULE = "xlwings_udfs"
VBA_PART = "xl/vbaProject.bin"
WORKBOOK_PART = "xl/workbook.xml"
SHEET_PART = "xl/worksheets/sheet1.xml"
SHARED_STRINGS_PART = "xl/sharedStrings.xml"
SPREADSHEET_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
RELS_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PROJECT_NAME_CONST = re.compile(r'^Public Const PROJECT_NAME As String = "(\w*)"', re.M)
_XLWINGS_VERSION_CONST = re.compile(r'^Public Const XLWINGS_VERSION As String = "([\w.]+)"', re.M)

_SUB = re.compile(r"^\s*(?:Public\s+|Private\s+)?Sub\s+(\w+)\s*\(([^)]*)\)", re.I | re.M)
_RUNPYTHON = re.compile(r'RunPython\s+"import\s+([\w.]+)(?:\s+as\s+(\w+))?\s*;\s*([\w.]+)\(\)"')
_RUNPRODDESK = re.compile(r'^\s*RunProdDesk\s+"(\w+)"', re.M)  # ribbon.<name>() after the check
_VB_NAME = re.compile(r'^Attribute\s+VB_Name\s*=\s*"(\w+)"', re.M)
_CALLBACK_ARGS = re.compile(r"^\s*(ByRef\s+|ByVal\s+)?\w+\s+As\s+IRibbonControl\s*$", re.I)


def xlwings_template() -> Path:
    """xlwings' bundled (open-source) ribbon add-in template, as ``xlwings quickstart --addin
    --ribbon`` copies it."""
    return Path(xw.__file__).parent / TEMPLATE_NAME


def pinned_xlwings(pyproject: Path = ROOT / "pyproject.toml") -> str:
    """The xlwings version pyproject.toml pins (``xlwings==X.Y.Z``); '' when it pins none."""
    dependencies = tomllib.loads(pyproject.read_text(encoding="utf-8"))["project"]["dependencies"]
    for requirement in dependencies:
        match = re.fullmatch(r"xlwings\s*==\s*([\w.]+)", requirement.strip())
        if match:
            return match.group(1)
    return ""


def xlwings_problem(built_for: str, installed: str = xw.__version__) -> str:
    """One sentence when the add-in's xlwings VBA and this Python's xlwings differ, else ''."""
    if built_for == installed:
        return ""
    return (f"ProdDesk.xlam holds the VBA of xlwings {built_for} but this Python has xlwings "
            f"{installed}: run 'pip install -e .' in the ProdDesk folder (it installs xlwings "
            f"{pinned_xlwings() or built_for}), then 'python setup_addin.py install' with Excel "
            f"closed.")


def require_xlwings(built_for: str) -> None:
    """Called by the add-in's ribbon macros before each button: stop with one sentence when
    the add-in's xlwings VBA does not match this Python's xlwings."""
    problem = xlwings_problem(built_for)
    if problem:
        raise RuntimeError(problem)


def addin_settings(python: str, platform: str = sys.platform, root: Path = ROOT
                   ) -> dict[str, str]:
    """The add-in's settings: which Python runs the buttons and functions, and where ProdDesk is.

    Keys as in xlwings' config sheet; ``GetConfig`` compares them in capitals.
    """
    interpreter = "Interpreter_Win" if platform == "win32" else "Interpreter_Mac"
    return {interpreter: python, "PYTHONPATH": str(root), "UDF Modules": UDF_MODULE}


def _normalised_lines(text: str) -> str:
    """VBA source with CRLF line endings, which the VBA editor expects."""
    return text.replace("\r\n", "\n").replace("\n", "\r\n")


def udf_module_source(module_name: str = UDF_MODULE) -> str:
    """The xlwings_udfs module as xlwings' ``import_udfs`` writes it, for the add-in."""
    header = [f'Attribute VB_Name = "{UDF_VBA_MODULE}"',
              "'Autogenerated code by xlwings - changes will be lost with next import!",
              """#Const App = "Microsoft Excel" 'Adjust when using outside of Excel"""]
    return _normalised_lines("\n".join(header) + "\n" + udf_vba(module_name))


def _vba_project(template_bin: bytes, macros: Path) -> bytes:
    project = ovba.VbaProject(template_bin)
    xlwings_vba = project.source(XLWINGS_VBA_MODULE)
    renamed, count = _PROJECT_NAME_CONST.subn(
        f'Public Const PROJECT_NAME As String = "{PROJECT_NAME}"', xlwings_vba)
    if count != 1:
        raise ValueError(f"xlwings' template {TEMPLATE_NAME} has no PROJECT_NAME constant; "
                         f"this xlwings ({xw.__version__}) is not the one ProdDesk is built for")
    project.set_source(XLWINGS_VBA_MODULE, renamed)
    project.remove(TEMPLATE_RIBBON_MODULE)
    for bas in sorted(macros.glob("*.bas")):
        text = bas.read_text(encoding="utf-8")
        name = _VB_NAME.search(text)
        project.set_source(name.group(1) if name else bas.stem, _normalised_lines(text))
    project.set_source(UDF_VBA_MODULE, udf_module_source())
    project.rename("ProdDesk")
    return project.to_bytes()


def _config_sheet(sheet_xml: bytes, shared_xml: bytes, settings: dict[str, str]) -> bytes:
    """The template's config sheet with a value in column B for each setting (as text)."""
    ns = {"m": SPREADSHEET_NS}
    strings = ["".join(si.itertext()) for si in etree.fromstring(shared_xml)]
    sheet = etree.fromstring(sheet_xml)
    wanted = {key.upper(): value for key, value in settings.items()}
    for row in sheet.iterfind("m:sheetData/m:row", ns):
        cells = row.findall("m:c", ns)
        if not cells or cells[0].get("t") != "s":
            continue
        key = strings[int(cells[0].findtext("m:v", namespaces=ns))].upper()
        if key not in wanted:
            continue
        for cell in cells[1:]:
            row.remove(cell)
        value = etree.SubElement(row, f"{{{SPREADSHEET_NS}}}c", r=f"B{row.get('r')}",
                                 t="inlineStr")
        etree.SubElement(etree.SubElement(value, f"{{{SPREADSHEET_NS}}}is"),
                         f"{{{SPREADSHEET_NS}}}t").text = wanted.pop(key)
        row.set("spans", "1:2")
    if wanted:
        raise ValueError(f"xlwings' config sheet has no row for {', '.join(wanted)}")
    return etree.tostring(sheet, xml_declaration=True, encoding="UTF-8", standalone=True)


def build_xlam(target: Path, settings: dict[str, str], ribbon_xml: Path = RIBBON_XML,
               macros: Path = MACROS) -> Path:
    """ProdDesk.xlam from xlwings' ribbon add-in template, without Excel.

    The template's VBA project gets ProdDesk's ribbon callbacks (macros/excel/*.bas)
    and the PD_ function wrappers xlwings generates, in place of its RibbonMyAddin
    module; its customUI part becomes ours; its config sheet becomes the sheet
    ``proddesk.conf`` holding ``settings``, which xlwings' VBA reads first.
    """
    with zipfile.ZipFile(xlwings_template()) as template:
        parts = {name: template.read(name) for name in template.namelist()}
    parts = {n: data for n, data in parts.items() if not n.startswith("customUI/")}
    rels_name = "_rels/.rels"
    rels = etree.fromstring(parts[rels_name])
    for rel in list(rels):
        if rel.get("Type", "").endswith("/ui/extensibility"):
            rels.remove(rel)
    ns = rels.nsmap[None]
    etree.SubElement(rels, f"{{{ns}}}Relationship", Id="rIdProdDeskUI",
                     Type=UI_RELATIONSHIP, Target=CUSTOMUI_PART)
    parts[rels_name] = etree.tostring(rels, xml_declaration=True, encoding="UTF-8",
                                      standalone=True)
    parts[CUSTOMUI_PART] = ribbon_xml.read_bytes()
    parts[VBA_PART] = _vba_project(parts[VBA_PART], macros)
    workbook = parts[WORKBOOK_PART].decode("utf-8")
    if f'name="{TEMPLATE_SHEET}"' not in workbook:
        raise ValueError(f"xlwings' template {TEMPLATE_NAME} has no sheet {TEMPLATE_SHEET}")
    parts[WORKBOOK_PART] = workbook.replace(f'name="{TEMPLATE_SHEET}"',
                                            f'name="{CONFIG_SHEET}"').encode("utf-8")
    parts[SHEET_PART] = _config_sheet(parts[SHEET_PART], parts[SHARED_STRINGS_PART], settings)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as out:
        for name, data in parts.items():
            out.writestr(name, data)
    write_atomic(target, buffer.getvalue())
    return target


# -- reading a built add-in back ------------------------------------------------------
@dataclass
class Addin:
    """What a built ProdDesk.xlam holds: its VBA modules and the settings its VBA reads."""

    modules: dict[str, str]
    project_name: str
    sheets: list[str]
    sheet_settings: dict[str, dict[str, str]]

    @property
    def xlwings_version(self) -> str:
        """The XLWINGS_VERSION constant of its xlwings module."""
        match = _XLWINGS_VERSION_CONST.search(self.modules.get(XLWINGS_VBA_MODULE, ""))
        return match.group(1) if match else ""

    @property
    def config_project(self) -> str:
        """The PROJECT_NAME its xlwings VBA uses to find its settings."""
        match = _PROJECT_NAME_CONST.search(self.modules.get(XLWINGS_VBA_MODULE, ""))
        return match.group(1) if match else ""

    def setting(self, key: str) -> str:
        """A setting as xlwings' GetConfig finds it in the add-in's own sheet ('' if none)."""
        sheet = self.sheet_settings.get(f"{self.config_project}.conf", {})
        return sheet.get(key.upper(), "")


def _cell_text(cell: etree._Element, strings: list[str]) -> str:
    kind = cell.get("t")
    if kind == "s":
        return strings[int(cell.findtext(f"{{{SPREADSHEET_NS}}}v"))]
    if kind == "inlineStr":
        return "".join(cell.find(f"{{{SPREADSHEET_NS}}}is").itertext())
    return cell.findtext(f"{{{SPREADSHEET_NS}}}v") or ""


def _sheet_settings(sheet_xml: bytes, strings: list[str]) -> dict[str, str]:
    """Column A -> column B from A1 down to the first empty A cell, as GetConfigFromSheet reads."""
    cells: dict[str, str] = {}
    for cell in etree.fromstring(sheet_xml).iter(f"{{{SPREADSHEET_NS}}}c"):
        cells[cell.get("r")] = _cell_text(cell, strings)
    settings = {}
    row = 1
    while cells.get(f"A{row}", ""):
        settings[cells[f"A{row}"].upper()] = cells.get(f"B{row}", "")
        row += 1
    return settings


def read_addin(xlam: Path) -> Addin:
    """The VBA modules and config sheets of a built add-in; ValueError if it is not one."""
    try:
        with zipfile.ZipFile(xlam) as z:
            parts = {name: z.read(name) for name in z.namelist()}
    except (OSError, zipfile.BadZipFile) as error:
        raise ValueError(f"{xlam} is not an Excel add-in ({error})") from error
    if VBA_PART not in parts:
        raise ValueError(f"{xlam} holds no VBA project, so none of ProdDesk's macros")
    project = ovba.VbaProject(parts[VBA_PART])
    modules = {m.name: project.source(m.name) for m in project.modules}
    strings = []
    if SHARED_STRINGS_PART in parts:
        strings = ["".join(si.itertext()) for si in etree.fromstring(parts[SHARED_STRINGS_PART])]
    rels = etree.fromstring(parts["xl/_rels/workbook.xml.rels"])
    targets = {r.get("Id"): r.get("Target") for r in rels}
    sheets, settings = [], {}
    for sheet in etree.fromstring(parts[WORKBOOK_PART]).iter(f"{{{SPREADSHEET_NS}}}sheet"):
        name = sheet.get("name")
        sheets.append(name)
        part = "xl/" + targets[sheet.get(f"{{{RELS_NS}}}id")].lstrip("/").removeprefix("xl/")
        settings[name] = _sheet_settings(parts[part], strings)
    return Addin(modules, project.name, sheets, settings)


def addin_problems(xlam: Path, platform: str = sys.platform,
                   ribbon_xml: Path = RIBBON_XML) -> list[str]:
    """Why a built add-in would not work in Excel, one sentence each; [] when it would."""
    try:
        addin = read_addin(xlam)
    except ValueError as error:
        return [str(error)]
    problems = []
    interpreter_key = "INTERPRETER_WIN" if platform == "win32" else "INTERPRETER_MAC"
    sheet = f"{addin.config_project}.conf"
    if sheet not in addin.sheets:
        problems.append(f"{xlam.name} has no sheet '{sheet}', so xlwings' GetConfig finds none "
                        f"of ProdDesk's settings: run 'python setup_addin.py build' again")
    else:
        python = addin.setting(interpreter_key)
        if not python:
            problems.append(f"{xlam.name} names no Python for this computer ({interpreter_key} "
                            f"on its '{sheet}' sheet): run 'python setup_addin.py install'")
        elif not Path(python).exists():
            problems.append(f"{xlam.name} runs the Python {python}, which does not exist here: "
                            f"run 'python setup_addin.py install' from ProdDesk's Python")
        if addin.setting("UDF MODULES") != UDF_MODULE:
            problems.append(f"{xlam.name} does not name {UDF_MODULE} as its UDF module, so "
                            f"the PD_ functions cannot run")
        if not (Path(addin.setting("PYTHONPATH") or "/nonexistent") / "addin").is_dir():
            problems.append(f"{xlam.name}'s PYTHONPATH '{addin.setting('PYTHONPATH')}' is not "
                            f"the ProdDesk folder, so Python cannot import ProdDesk")
    actions = ribbon_actions(ribbon_xml.read_bytes())
    ribbon_module = addin.modules.get(RIBBON_VBA_MODULE, "")
    missing = [a for a in actions if not re.search(
        rf"^Sub {re.escape(a.rpartition('.')[2])}\(", ribbon_module, re.M | re.I)]
    if missing:
        problems.append(f"{xlam.name} lacks the ribbon macros {', '.join(missing)}: run "
                        f"'python setup_addin.py build' again")
    from addin.excel.udfs import UDF_NAMES

    wrappers = addin.modules.get(UDF_VBA_MODULE, "")
    missing = [n for n in UDF_NAMES if not re.search(rf"^Function {n}\(", wrappers, re.M)]
    if missing:
        problems.append(f"{xlam.name} lacks the sheet-function wrappers {', '.join(missing)}: "
                        f"run 'python setup_addin.py build' again")
    problem = xlwings_problem(addin.xlwings_version)
    if problem:
        problems.append(problem)
    return problems


# -- check ----------------------------------------------------------------------------
def ribbon_actions(xml: bytes) -> list[str]:
    """The onAction of every control; ValueError when the XML is not ProdDesk's customUI."""
    try:
        root = etree.fromstring(xml)
    except etree.XMLSyntaxError as error:
        raise ValueError(f"the ribbon XML does not parse: {error}") from error
    if root.tag != f"{{{CUSTOMUI_NS}}}customUI":
        raise ValueError(f"the ribbon XML root is {root.tag}, not customUI in {CUSTOMUI_NS}")
    q = f"{{{CUSTOMUI_NS}}}"
    tabs = root.findall(f"{q}ribbon/{q}tabs/{q}tab")
    if not tabs:
        raise ValueError("the ribbon XML has no ribbon/tabs/tab")
    actions = []
    for tab in tabs:
        for attribute in ("id", "label"):
            if not tab.get(attribute):
                raise ValueError(f"a tab has no {attribute}")
        for group in tab:
            if group.tag != f"{q}group" or not group.get("id"):
                raise ValueError(f"tab {tab.get('id')} holds {group.tag}, not a group with an id")
            for control in group:
                if control.tag != f"{q}button" or not control.get("id") or not control.get(
                    "label"
                ):
                    raise ValueError(f"group {group.get('id')} holds a control without id/label")
                if not control.get("onAction"):
                    raise ValueError(f"button {control.get('id')} has no onAction")
                actions.append(control.get("onAction"))
    ids = [e.get("id") for e in root.iter() if e.get("id")]
    if len(ids) != len(set(ids)):
        raise ValueError("the ribbon XML repeats an id")
    return actions


def vba_subs(folder: Path = MACROS) -> dict[str, dict[str, str]]:
    """Module name -> Sub name -> its body, from every .bas file of the folder."""
    modules: dict[str, dict[str, str]] = {}
    for path in sorted(folder.glob("*.bas")):
        text = path.read_text(encoding="utf-8")
        name = _VB_NAME.search(text)
        module = name.group(1) if name else path.stem
        subs = modules.setdefault(module, {})
        matches = list(_SUB.finditer(text))
        for i, match in enumerate(matches):
            end = matches[i + 1].start() if i + 1 < len(matches) else len(text)
            subs[match.group(1)] = match.group(2) + "\n" + text[match.end():end]
    return modules


def check_callbacks(actions: list[str], modules: dict[str, dict[str, str]]) -> list[str]:
    """Problems: onActions without a ribbon-callback Sub, RunPython targets that do not exist."""
    problems = []
    for action in actions:
        module, _, sub = action.rpartition(".")
        found = [m for m in modules if m == module] if module else list(modules)
        body = next((modules[m][sub] for m in found if sub in modules[m]), None)
        if body is None:
            problems.append(f"onAction {action} has no Sub in macros/excel/*.bas")
            continue
        args = body.split("\n", 1)[0]
        if not _CALLBACK_ARGS.match(args):
            problems.append(f"Sub {action} is not a ribbon callback (control As IRibbonControl)")
        helped = _RUNPRODDESK.findall(body)
        if helped:
            problems += _check_helper(action, modules.get(module, {}).get("RunProdDesk"))
        targets = _RUNPYTHON.findall(body) + [
            ("addin.excel.ribbon", "ribbon", f"ribbon.{name}") for name in helped
        ]
        if not targets:
            problems.append(f"Sub {action} does not call RunPython")
        for imported, alias, call in targets:
            problems += _check_target(action, imported, alias, call)
    return problems


def _check_helper(action: str, helper: str | None) -> list[str]:
    """RunProdDesk must check the xlwings version, then call addin.excel.ribbon.<button>()."""
    if helper is None:
        return [f"Sub {action} calls RunProdDesk, which its module lacks"]
    wanted = ["import addin.excel.package as package; package.require_xlwings('\" & "
              "XLWINGS_VERSION", "import addin.excel.ribbon as ribbon; ribbon.\" & button"]
    if not all(part in helper for part in wanted):
        return [f"RunProdDesk (called by {action}) does not check the xlwings version and "
                f"call addin.excel.ribbon"]
    return []


def _check_target(action: str, imported: str, alias: str, call: str) -> list[str]:
    owner, _, function = call.rpartition(".")
    if owner not in (alias or imported, imported):
        return [f"Sub {action} calls {call} but imports {imported}"]
    if not imported.startswith("addin."):
        return [f"Sub {action} calls into {imported}, outside addin"]
    try:
        module = importlib.import_module(imported)
    except ImportError as error:
        return [f"Sub {action}: module {imported} does not import ({error})"]
    if not callable(getattr(module, function, None)):
        return [f"Sub {action}: {imported} has no function {function}"]
    return []


def _load_xlwings_udfs() -> types.ModuleType:
    """xlwings' own udfs module; off Windows its COM imports are stood in for while loading.

    Only the pure decorator and VBA generator parts are used, never a COM call.
    """
    try:
        return importlib.import_module("xlwings.udfs")
    except ImportError:
        pass
    pythoncom = types.ModuleType("pythoncom")
    pythoncom.CoInitialize = lambda: None  # type: ignore[attr-defined]
    client = types.ModuleType("win32com.client")
    client.Dispatch = None  # type: ignore[attr-defined]
    win32com = types.ModuleType("win32com")
    win32com.client = client  # type: ignore[attr-defined]
    stand_ins = {"pythoncom": pythoncom, "pywintypes": types.ModuleType("pywintypes"),
                 "win32com": win32com, "win32com.client": client}
    return private_xlwings_udfs(stand_ins)


def private_xlwings_udfs(stand_ins: dict[str, types.ModuleType]) -> types.ModuleType:
    """A private copy of xlwings' ``udfs.py``, loaded while ``stand_ins`` take the place of
    the COM modules it imports; neither the copy nor the stand-ins stay in sys.modules."""
    saved = {name: sys.modules.get(name) for name in stand_ins}
    sys.modules.update(stand_ins)
    try:
        spec = importlib.util.spec_from_file_location(
            "xlwings.udfs", Path(xw.__file__).parent / "udfs.py"
        )
        assert spec and spec.loader
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
    finally:
        for name, previous in saved.items():
            if previous is None:
                sys.modules.pop(name, None)
            else:
                sys.modules[name] = previous
    return module


class _AddinWorkbook:
    """What generate_vba_wrapper asks of the workbook: its name (an add-in uses ActiveWorkbook)."""

    Name = "ProdDesk.xlam"


def udf_vba(module_name: str = UDF_MODULE) -> str:
    """The VBA that xlwings' own generator writes for the UDF module."""
    udfs = _load_xlwings_udfs()
    real = {"func": udfs.xlfunc, "arg": udfs.xlarg, "ret": udfs.xlret}
    saved = {name: getattr(xw, name) for name in real}
    for name, decorator in real.items():
        setattr(xw, name, decorator)
    try:
        spec = importlib.util.find_spec(module_name)
        assert spec and spec.loader
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)  # a fresh copy, decorated by xlwings' own decorators
    finally:
        for name, decorator in saved.items():
            setattr(xw, name, decorator)
    out = io.StringIO()
    udfs.generate_vba_wrapper(module_name, module, out, _AddinWorkbook())
    return out.getvalue()


def check_udfs(names: list[str], vba: str) -> list[str]:
    """Problems: UDFs missing from the generated VBA."""
    return [
        f"{name} is not in the VBA xlwings generates for {UDF_MODULE}"
        for name in names
        if not re.search(rf"^Function {name}\(", vba, re.M)
    ]


def check(ribbon_xml: Path = RIBBON_XML, macros: Path = MACROS) -> list[str]:
    """Every problem between the ribbon, the VBA callbacks, Python and the UDFs; [] when sound."""
    from addin.excel.udfs import UDF_NAMES

    try:
        actions = ribbon_actions(ribbon_xml.read_bytes())
    except (OSError, ValueError) as error:
        return [str(error)]
    problems = check_callbacks(actions, vba_subs(macros))
    problems += check_udfs(UDF_NAMES, udf_vba())
    return problems


def describe(vba: str) -> list[str]:
    """The VBA signatures of the generated functions (for the check's report)."""
    return re.findall(r"^Function (PD_\w+\([^)]*\))", vba, re.M)
