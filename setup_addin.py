"""Build, install, remove and check the ProdDesk Excel add-in.

    python setup_addin.py build      # dist/ProdDesk.xlam, on any machine (no Excel needed)
    python setup_addin.py install    # ProdDesk.xlam into Excel's startup folder (Windows/macOS)
    python setup_addin.py uninstall
    python setup_addin.py check      # the sources and the built add-in agree and would run

Exit codes: 0 done, 1 check found problems, 2 cannot be done on this machine.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from addin.excel import package
from addin.files import write_atomic

DIST = package.ROOT / "dist"
XLAM = DIST / "ProdDesk.xlam"
ADDIN_NAME = "ProdDesk.xlam"
LEGACY_CONFIG = Path(".xlwings") / "xlwings.conf"
MAC_SCRIPTS = Path("Library") / "Application Scripts" / "com.microsoft.Excel"


def has_excel() -> bool:
    """Whether xlwings can drive a desktop Excel on this machine."""
    if sys.platform not in ("win32", "darwin"):
        return False
    import xlwings as xw

    return "excel" in [engine.name for engine in xw.engines]


def _version_problem() -> str:
    """One sentence when the installed xlwings is not the one pyproject.toml pins."""
    pinned = package.pinned_xlwings()
    if pinned and pinned != package.xw.__version__:
        return (f"ProdDesk is built for xlwings {pinned} but this Python has xlwings "
                f"{package.xw.__version__}: run 'pip install -e .' in the ProdDesk folder first.")
    return ""


def build(target: Path = XLAM, python: str = sys.executable, platform: str = sys.platform) -> int:
    """Make the add-in from xlwings' template, its VBA written in without Excel."""
    problem = _version_problem()
    if problem:
        print(problem, file=sys.stderr)
        return 2
    package.build_xlam(target, package.addin_settings(python, platform))
    print(f"Built {target}: xlwings {package.xw.__version__}'s add-in template with the ProdDesk "
          f"ribbon, its macros and the PD_ functions; it runs {python}.")
    return 0


def _not_here() -> int:
    print("Excel runs only on Windows and macOS, so the add-in cannot be installed here; "
          "use 'python setup_addin.py check' on this machine and install on the "
          "coordinator's computer.", file=sys.stderr)
    return 2


def forget_legacy_settings(home: Path, python: str = sys.executable) -> bool:
    """Take the lines an older ProdDesk wrote out of ~/.xlwings/xlwings.conf, keeping the rest.

    Only a line whose value is ProdDesk's own (this Python, the ProdDesk folder, its
    UDF module) goes. True when the file changed.
    """
    config = home / LEGACY_CONFIG
    if not config.exists():
        return False
    ours = {str(python), str(package.ROOT), package.UDF_MODULE}
    lines = config.read_text(encoding="utf-8").splitlines()
    kept = [line for line in lines if _config_value(line) not in ours]
    if kept == lines:
        return False
    write_atomic(config, "".join(f"{line}\n" for line in kept), backup=True)
    return True


def _config_value(line: str) -> str:
    """The value of an xlwings.conf line ("KEY","VALUE")."""
    parts = [p.strip().strip('"') for p in line.split(",", 1)]
    return parts[1] if len(parts) == 2 else ""


def install_into(addins_dir: Path, home: Path, python: str = sys.executable,
                 platform: str = sys.platform) -> Path:
    """Build ProdDesk.xlam for this Python into Excel's startup folder; tidy old settings.

    The add-in carries its settings (its 'proddesk.conf' sheet), so nothing else
    is written; the xlwings.conf of the user is left as it was, less the lines an
    older ProdDesk put there.
    """
    target = package.build_xlam(addins_dir / ADDIN_NAME, package.addin_settings(python, platform))
    if platform == "darwin":
        install_runpython_script(home)
    forget_legacy_settings(home, python)
    return target


def install_runpython_script(home: Path) -> Path:
    """The AppleScript RunPython calls on a Mac, where ``xlwings runpython install`` puts it."""
    name = f"xlwings-{package.xw.__version__}.applescript"
    target = home / MAC_SCRIPTS / name
    write_atomic(target, (Path(package.xw.__file__).parent / name).read_bytes())
    return target


def _startup_folder() -> Path:
    """Excel's startup folder (XLSTART), as xlwings' own ``xlwings addin install`` finds it."""
    from xlwings.cli import get_addin_dir

    return Path(get_addin_dir())


def install() -> int:
    """Install ProdDesk.xlam into Excel's startup folder (and, on macOS, RunPython's script)."""
    if sys.platform not in ("win32", "darwin"):
        return _not_here()
    problem = _version_problem()
    if problem:
        print(problem, file=sys.stderr)
        return 2
    folder = _startup_folder()
    try:
        target = install_into(folder, Path.home())
    except OSError as error:
        print(f"ProdDesk could not write {folder / ADDIN_NAME} ({error.strerror}): close Excel "
              f"and run install again.", file=sys.stderr)
        return 2
    print(f"Installed {target}; it runs {sys.executable}. Restart Excel and look for the "
          f"ProdDesk tab.")
    return 0


def uninstall_from(addins_dir: Path, home: Path, python: str = sys.executable) -> bool:
    """Remove ProdDesk.xlam and the lines an older ProdDesk wrote to xlwings.conf."""
    target = addins_dir / ADDIN_NAME
    removed = target.exists()
    if removed:
        target.unlink()
    forget_legacy_settings(home, python)
    return removed


def uninstall() -> int:
    """Remove ProdDesk.xlam from Excel's startup folder."""
    if sys.platform not in ("win32", "darwin"):
        return _not_here()
    folder = _startup_folder()
    try:
        removed = uninstall_from(folder, Path.home())
    except OSError as error:
        print(f"ProdDesk could not remove {folder / ADDIN_NAME} ({error.strerror}): close Excel "
              f"and run uninstall again.", file=sys.stderr)
        return 2
    if removed:
        print(f"Removed {folder / ADDIN_NAME}; restart Excel.")
    else:
        print(f"ProdDesk was not installed in {folder}; nothing to remove.")
    return 0


def check(addin: Path | None = None) -> int:
    """The ribbon XML, VBA callbacks, Python targets, UDFs and the built add-in agree."""
    problems = package.check()
    version = _version_problem()
    if version:
        problems.append(version)
    xlam = addin or XLAM
    if xlam.exists():
        problems += package.addin_problems(xlam)
    elif addin:
        problems.append(f"{addin} does not exist.")
    for problem in problems:
        print(f"problem: {problem}")
    if problems:
        return 1
    names = package.describe(package.udf_vba())
    built = f"; {xlam} has them all and runs its Python" if xlam.exists() else (
        "; run 'python setup_addin.py build' to make the add-in")
    print(f"ok: ribbon XML valid, every button has its VBA callback and Python function, "
          f"{len(names)} UDFs in xlwings' VBA wrapper{built}.")
    return 0


def main(argv: list[str] | None = None) -> int:
    """Run one command."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("command", choices=["build", "install", "uninstall", "check"])
    parser.add_argument("--addin", type=Path, help="check this add-in (an installed one) "
                        "instead of dist/ProdDesk.xlam")
    args = parser.parse_args(argv)
    if args.command == "check":
        return check(args.addin)
    return {"build": build, "install": install, "uninstall": uninstall}[args.command]()


if __name__ == "__main__":
    sys.exit(main())
