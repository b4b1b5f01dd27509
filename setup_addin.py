"""Build, install, remove and check the ProdDesk Excel add-in.

    python setup_addin.py build      # dist/ProdDesk.xlam (+ VBA modules imported where Excel is)
    python setup_addin.py install    # xlwings add-in + ProdDesk.xlam + xlwings.conf (Windows/macOS)
    python setup_addin.py uninstall
    python setup_addin.py check      # anywhere: ribbon XML, VBA callbacks, Python targets, UDFs

Exit codes: 0 done, 1 check found problems, 2 cannot be done on this machine.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
from pathlib import Path

from addin.excel import package

DIST = package.ROOT / "dist"
XLAM = DIST / "ProdDesk.xlam"
CONFIG = Path.home() / ".xlwings" / "xlwings.conf"


def has_excel() -> bool:
    """Whether xlwings can drive a desktop Excel on this machine."""
    if sys.platform not in ("win32", "darwin"):
        return False
    import xlwings as xw

    return "excel" in [engine.name for engine in xw.engines]


def build() -> int:
    """Make dist/ProdDesk.xlam; import the VBA modules when Excel is here."""
    package.build_xlam(XLAM)
    print(f"Built {XLAM} from xlwings' ribbon add-in template with the ProdDesk ribbon.")
    if not has_excel():
        print("Left for a machine with Excel: run 'python setup_addin.py build' there to import "
              "the VBA modules of macros/excel into ProdDesk.xlam.")
        return 0
    import xlwings as xw

    app = xw.App(visible=False, add_book=False)
    try:
        book = app.books.open(str(XLAM))
        components = book.api.VBProject.VBComponents
        for bas in sorted(package.MACROS.glob("*.bas")):
            components.Import(str(bas))
        book.save()
        print("Imported the VBA modules into ProdDesk.xlam.")
    except Exception as error:
        print(f"Excel did not let ProdDesk import its VBA modules ({error}); in Excel turn on "
              "File > Options > Trust Center > Macro Settings > 'Trust access to the VBA "
              "project object model' and run build again.", file=sys.stderr)
        return 2
    finally:
        app.quit()
    return 0


def _not_here() -> int:
    print("Excel runs only on Windows and macOS, so the add-in cannot be installed here; "
          "use 'python setup_addin.py check' on this machine and install on the "
          "coordinator's computer.", file=sys.stderr)
    return 2


def config_lines() -> list[str]:
    """The xlwings.conf settings that make RunPython and the UDFs find ProdDesk."""
    key = "INTERPRETER_WIN" if sys.platform == "win32" else "INTERPRETER_MAC"
    return [
        f'"{key}","{sys.executable}"',
        f'"UDF MODULES","{package.UDF_MODULE}"',
        f'"PYTHONPATH","{package.ROOT}"',
    ]


def install() -> int:
    """Install the xlwings add-in and ProdDesk.xlam, and write xlwings.conf."""
    if sys.platform not in ("win32", "darwin"):
        return _not_here()
    if not XLAM.exists():
        build()
    for args in (["addin", "install"], ["addin", "install", "--file", str(XLAM)]):
        done = subprocess.run(["xlwings", *args], capture_output=True, text=True)
        if done.returncode:
            print(f"xlwings {' '.join(args)} failed: {done.stderr.strip()}", file=sys.stderr)
            return 2
    CONFIG.parent.mkdir(parents=True, exist_ok=True)
    CONFIG.write_text("\n".join(config_lines()) + "\n", encoding="utf-8")
    print(f"Installed; settings in {CONFIG}. Restart Excel and look for the ProdDesk tab.")
    return 0


def uninstall() -> int:
    """Remove ProdDesk.xlam and the xlwings add-in."""
    if sys.platform not in ("win32", "darwin"):
        return _not_here()
    for args in (["addin", "remove", "--file", str(XLAM)], ["addin", "remove"]):
        subprocess.run(["xlwings", *args], capture_output=True, text=True)
    if CONFIG.exists():
        shutil.copy(CONFIG, CONFIG.with_suffix(".conf.bak"))
        CONFIG.unlink()
    print("Removed ProdDesk and the xlwings add-in; restart Excel.")
    return 0


def check() -> int:
    """Ribbon XML, VBA callbacks, RunPython targets and UDF wrappers agree."""
    problems = package.check()
    for problem in problems:
        print(f"problem: {problem}")
    if problems:
        return 1
    names = package.describe(package.udf_vba())
    print(f"ok: ribbon XML valid, every button has its VBA callback and Python function, "
          f"{len(names)} UDFs in xlwings' VBA wrapper.")
    return 0


def main(argv: list[str] | None = None) -> int:
    """Run one command."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("command", choices=["build", "install", "uninstall", "check"])
    command = parser.parse_args(argv).command
    return {"build": build, "install": install, "uninstall": uninstall, "check": check}[command]()


if __name__ == "__main__":
    sys.exit(main())
