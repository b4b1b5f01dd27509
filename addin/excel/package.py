"""Build and check the ProdDesk Excel add-in (used by setup_addin.py).

``build_xlam`` starts from xlwings' open-source ribbon add-in template
(``xlwings/quickstart_addin_ribbon.xlam``) and swaps its customUI part for
macros/excel/customUI14.xml. ``check`` verifies, without Excel, that the ribbon,
the VBA callbacks, the Python targets and the UDF wrappers agree.
"""

from __future__ import annotations

import importlib
import importlib.util
import io
import re
import sys
import types
import zipfile
from pathlib import Path

import xlwings as xw
from lxml import etree

ROOT = Path(__file__).resolve().parents[2]
MACROS = ROOT / "macros" / "excel"
RIBBON_XML = MACROS / "customUI14.xml"
CUSTOMUI_NS = "http://schemas.microsoft.com/office/2009/07/customui"
CUSTOMUI_PART = "customUI/customUI14.xml"
UI_RELATIONSHIP = "http://schemas.microsoft.com/office/2007/relationships/ui/extensibility"
UDF_MODULE = "addin.excel.udfs"
TEMPLATE_NAME = "quickstart_addin_ribbon.xlam"

_SUB = re.compile(r"^\s*(?:Public\s+)?Sub\s+(\w+)\s*\(([^)]*)\)", re.I | re.M)
_RUNPYTHON = re.compile(r'RunPython\s+"import\s+([\w.]+)(?:\s+as\s+(\w+))?\s*;\s*([\w.]+)\(\)"')
_VB_NAME = re.compile(r'^Attribute\s+VB_Name\s*=\s*"(\w+)"', re.M)
_CALLBACK_ARGS = re.compile(r"^\s*(ByRef\s+|ByVal\s+)?\w+\s+As\s+IRibbonControl\s*$", re.I)


def xlwings_template() -> Path:
    """xlwings' bundled (open-source) ribbon add-in template."""
    return Path(xw.__file__).parent / TEMPLATE_NAME


def build_xlam(target: Path, ribbon_xml: Path = RIBBON_XML) -> Path:
    """dist/ProdDesk.xlam: xlwings' ribbon add-in template with our customUI14 part."""
    source = xlwings_template()
    rels_name = "_rels/.rels"
    with zipfile.ZipFile(source) as template:
        parts = {name: template.read(name) for name in template.namelist()}
    parts = {n: data for n, data in parts.items() if not n.startswith("customUI/")}
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
    target.parent.mkdir(parents=True, exist_ok=True)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as out:
        for name, data in parts.items():
            out.writestr(name, data)
    target.write_bytes(buffer.getvalue())
    return target


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
        targets = _RUNPYTHON.findall(body)
        if not targets:
            problems.append(f"Sub {action} does not call RunPython")
        for imported, alias, call in targets:
            problems += _check_target(action, imported, alias, call)
    return problems


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
