"""The coordinator's logo for the call sheet: an image on the book's Settings tab, or a file.

The first picture placed on the Settings tab of an .xlsx book is the logo; else
the ``Logo`` setting names an image file (absolute, or relative to the book's
folder). Without either, the template's logo space stays empty.
"""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import Any

from addin.errors import AddinError
from addin.hosts.xlsx_package import REL, Package, q
from addin.schema import TABS_BY_NAME, header_key

SETTINGS_NAMES = {header_key(n) for n in ("Settings", *TABS_BY_NAME["Settings"].aliases)}
IMAGE_TYPES = (".png", ".jpg", ".jpeg", ".gif", ".bmp")


def settings_tab(book: Any) -> str | None:
    """The book's Settings tab name, if it has one."""
    return next((n for n in book.sheet_names if header_key(n) in SETTINGS_NAMES), None)


def book_logo(book: Any, source: Path | None) -> tuple[bytes | None, str | None]:
    """(the logo image's bytes or None, a problem to report or None)."""
    tab = settings_tab(book)
    if tab is None:
        return None, None
    if source is not None and source.suffix.lower() in (".xlsx", ".xlsm") and source.exists():
        image = _tab_image(source, tab)
        if image:
            return image, None
    typed = next(
        (row[1] for row in book.grids.get(tab, [])
         if len(row) > 1 and row[0] is not None and header_key(row[0]) == "logo"
         and row[1] not in (None, "")),
        None,
    )
    if typed is None:
        return None, None
    path = Path(str(typed).strip()).expanduser()
    if not path.is_absolute() and source is not None:
        path = source.parent / path
    if path.suffix.lower() not in IMAGE_TYPES or not path.is_file():
        return None, (
            f"{tab} tab, Logo: '{typed}' is not an image file ProdDesk can find (.png or .jpg, "
            "absolute or next to the book); the call sheet leaves the logo space empty."
        )
    return path.read_bytes(), None


def _tab_image(source: Path, tab: str) -> bytes | None:
    """The first image placed on a tab of an .xlsx file."""
    try:
        package = Package(source.read_bytes(), source.name)
        workbook = next(package.related("", "/officeDocument"))[1]
        for sheet in package.tree(workbook).iter(q("sheet")):
            if sheet.get("name") != tab:
                continue
            part = package.target(workbook, sheet.get(f"{{{REL}}}id", ""))
            for _, drawing in package.related(part, "/drawing") if part else ():
                for _, image in package.related(drawing, "/image"):
                    return package.read(image)
    except (AddinError, OSError, KeyError, ValueError, StopIteration, zipfile.BadZipFile):
        # a damaged package: the book reader reports it; no logo here
        return None
    return None
