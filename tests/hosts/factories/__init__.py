"""Every host the contract suite runs over: one module per host, one line each here.

A factory builds a host holding given tabs and re-opens the saved result as a
fresh host; the inspectors read what a person would see (a fill colour, a link,
a hidden tab) without going through the host under test.
"""

from __future__ import annotations

from tests.hosts.factories import excel, excel_platforms, memory, xlsx
from tests.hosts.factories.base import Factory

FACTORIES: dict[str, Factory] = {
    "excel": excel.FACTORY,
    "excel-mac": excel_platforms.MAC,
    "excel-windows": excel_platforms.WINDOWS,
    "google": __import__("tests.hosts.factories.gsheets", fromlist=["FACTORY"]).FACTORY,
    "memory": memory.FACTORY,
    "xlsx": xlsx.FACTORY,
}
