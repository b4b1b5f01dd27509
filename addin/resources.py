"""Files ProdDesk ships: the production template, the sample book, the call sheet template."""

from __future__ import annotations

from pathlib import Path

from addin.errors import ConfigError

WORKBOOKS = Path(__file__).resolve().parent.parent / "workbooks"


def workbook(name: str) -> Path:
    """A bundled workbook by file name."""
    path = WORKBOOKS / name
    if not path.exists():
        raise ConfigError(
            f"The bundled file {name} is missing from {WORKBOOKS}; "
            "reinstall ProdDesk from its folder with: pip install -e ."
        )
    return path


def sample_book() -> Path:
    """The sample production book."""
    return workbook("sample_production.xlsx")


def production_template() -> Path:
    """The empty production book template."""
    return workbook("production_template.xlsx")
