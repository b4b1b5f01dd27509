"""Recognising files that are not usable workbooks, and targets that cannot be written.

Every problem becomes one sentence naming the file: ``InputError`` when the
book cannot be read, ``HostError`` when the result cannot be written.
"""

from __future__ import annotations

import os
import zipfile
from pathlib import Path

from addin.errors import HostError, InputError
from addin.hosts.xlsx_package import Package, resolve

_CFB_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_OFFICE_DOCUMENT = "/officeDocument"


def _utf16(name: str) -> bytes:
    return name.encode("utf-16-le")


def _describe(head: bytes) -> str:
    if head.startswith(b"%PDF"):
        return " (it is a PDF)"
    if head[:5].lower() in (b"<html", b"<!doc"):
        return " (it is a web page)"
    return ""


def read_package(path: Path) -> Package:
    """Open a workbook file as a package, or raise InputError saying why it cannot be."""
    name = path.name
    if not path.exists():
        raise InputError(f"{path} was not found; check the file name and folder.")
    if path.is_dir():
        raise InputError(f"{path} is a folder, not an Excel workbook.")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"{name} cannot be opened ({exc.strerror or exc}).") from exc
    if not data:
        raise InputError(f"{name} is empty (0 bytes), not an Excel workbook.")
    if data.startswith(_CFB_MAGIC):
        raise _cfb_error(name, data)
    if not data.startswith(b"PK"):
        if path.suffix.lower() == ".xls":
            raise InputError(_xls_sentence(name))
        raise InputError(
            f"{name} is not an Excel workbook{_describe(data[:16])}; "
            "ProdDesk reads .xlsx and .xlsm files."
        )
    try:
        package = Package(data, name)
    except (zipfile.BadZipFile, ValueError, EOFError) as exc:
        raise InputError(
            f"{name} is damaged (the file is incomplete or corrupt); open it in Excel to "
            "repair it, or use a backup copy."
        ) from exc
    if workbook_part(package) is None:
        raise InputError(f"{name} is a zip archive but not an Excel workbook (no workbook inside).")
    return package


def workbook_part(package: Package) -> str | None:
    """The zip name of the workbook part, or None when the package has none."""
    if package.has("_rels/.rels"):
        for rel in package.relationships(""):
            if rel.get("Type", "").endswith(_OFFICE_DOCUMENT):
                part = resolve("", rel.get("Target", ""))
                if package.has(part):
                    return part
    return "xl/workbook.xml" if package.has("xl/workbook.xml") else None


def _xls_sentence(name: str) -> str:
    return f"{name} is an Excel 97-2003 .xls file; open it in Excel and save it as .xlsx."


def _cfb_error(name: str, data: bytes) -> InputError:
    """An OLE2 compound file: an encrypted workbook or an old binary one."""
    if _utf16("EncryptedPackage") in data or _utf16("EncryptionInfo") in data:
        return InputError(
            f"{name} is password-protected; open it in Excel, remove the password "
            "(File > Info > Protect Workbook) and try again."
        )
    if _utf16("Workbook") in data or _utf16("Book") in data:
        return InputError(_xls_sentence(name))
    return InputError(f"{name} is an old Office file, not an Excel workbook.")


def check_target(target: Path) -> None:
    """Raise HostError when ``target`` cannot be written now (missing folder, locked, ...)."""
    name = target.name
    folder = target.parent
    if not folder.is_dir():
        raise HostError(f"{name} cannot be saved: the folder {folder} does not exist.")
    if target.is_dir():
        raise HostError(f"{name} cannot be saved: {target} is a folder.")
    if (folder / f"~${name}").exists():
        raise HostError(f"{name} is open in Excel (it is locked); close it in Excel and try again.")
    if not os.access(folder, os.W_OK) or (target.exists() and not os.access(target, os.W_OK)):
        raise HostError(f"{name} cannot be saved: the file or its folder is read-only.")
