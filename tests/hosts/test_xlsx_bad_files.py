"""Files that are not usable workbooks, and targets that cannot be written.

Each gives one sentence naming the file, and a failed write never changes the
original file.
"""

from __future__ import annotations

import struct
import zipfile
from pathlib import Path

import openpyxl
import pytest

from addin.book import read_book
from addin.errors import AddinError, HostError, InputError
from addin.hosts.base import Mark, SheetContent
from addin.hosts.xlsx import XlsxHost

_FREE, _END, _FAT, _NONE = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD, 0xFFFFFFFF


def compound_file(streams: dict[str, bytes]) -> bytes:
    """A real OLE2 compound file (the container of .xls and encrypted workbooks)."""
    sector = 512
    datas = [data.ljust(4096, b"\0") for data in streams.values()]
    fat = [_FAT, _END]
    starts = []
    for data in datas:
        count = len(data) // sector
        first = len(fat)
        starts.append(first)
        fat += [first + i + 1 for i in range(count - 1)] + [_END]
    fat += [_FREE] * (128 - len(fat))

    def entry(name: str, kind: int, child: int, right: int, start: int, size: int) -> bytes:
        encoded = (name + "\0").encode("utf-16-le")
        return (
            encoded.ljust(64, b"\0")
            + struct.pack("<HBB3I", len(encoded), kind, 1, _NONE, right, child)
            + b"\0" * 36
            + struct.pack("<IQ", start, size)
        )

    names = list(streams)
    entries = [entry("Root Entry", 5, 1, _NONE, _END, 0)]
    for index, name in enumerate(names, start=1):
        right = index + 1 if index < len(names) else _NONE
        entries.append(entry(name, 2, _NONE, right, starts[index - 1], len(datas[index - 1])))
    directory = b"".join(entries).ljust(sector, b"\0")
    header = (
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
        + b"\0" * 16
        + struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6)
        + b"\0" * 6
        + struct.pack("<IIIIIIIII", 0, 1, 1, 0, 4096, _END, 0, _END, 0)
        + struct.pack("<I", 0)
        + struct.pack("<108I", *([_FREE] * 108))
    )
    fat_sector = struct.pack("<128I", *fat)
    return header + fat_sector + directory + b"".join(datas)


def _workbook(path: Path) -> Path:
    workbook = openpyxl.Workbook()
    workbook.active.title = "Crew"
    workbook.active.append(["Name", "Phone"])
    workbook.active.append(["Ann Lee", "555-0101"])
    workbook.save(path)
    return path


def _one_sentence(error: AddinError, name: str) -> str:
    text = str(error)
    assert name in text
    assert "\n" not in text and "Traceback" not in text
    assert text.endswith(".")
    return text


def _read_error(path: Path) -> str:
    with pytest.raises(InputError) as caught:
        XlsxHost(path).read_all()
    return _one_sentence(caught.value, path.name)


def test_a_text_file_renamed_xlsx(tmp_path):
    path = tmp_path / "crew.xlsx"
    path.write_text("Name,Phone\nAnn,555\n")
    assert "is not an Excel workbook" in _read_error(path)


def test_a_pdf_renamed_xlsx(tmp_path):
    path = tmp_path / "callsheet.xlsx"
    path.write_bytes(b"%PDF-1.7\n1 0 obj<<>>endobj\n%%EOF\n")
    assert "PDF" in _read_error(path)


def test_a_password_protected_workbook(tmp_path):
    path = tmp_path / "budget.xlsx"
    path.write_bytes(
        compound_file({"EncryptionInfo": b"\x04\x00\x04\x00", "EncryptedPackage": b"x"})
    )
    text = _read_error(path)
    assert "is password-protected" in text and "remove the password" in text


def test_an_old_xls_file(tmp_path):
    path = tmp_path / "book.xls"
    path.write_bytes(compound_file({"Workbook": b"\x09\x08\x10\x00"}))
    assert "Excel 97-2003 .xls file" in _read_error(path)
    renamed = tmp_path / "book.xlsx"
    renamed.write_bytes(path.read_bytes())
    assert "save it as .xlsx" in _read_error(renamed)


def test_a_csv_named_xls(tmp_path):
    path = tmp_path / "crew.xls"
    path.write_text("Name,Phone\n")
    assert "Excel 97-2003" in _read_error(path)


def test_a_truncated_workbook(tmp_path):
    path = _workbook(tmp_path / "book.xlsx")
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    assert "is damaged" in _read_error(path)


def test_a_workbook_with_a_corrupt_part(tmp_path):
    source = _workbook(tmp_path / "source.xlsx")
    path = tmp_path / "book.xlsx"
    with zipfile.ZipFile(source) as original, zipfile.ZipFile(path, "w") as broken:
        for info in original.infolist():
            data = original.read(info)
            if info.filename == "xl/workbook.xml":
                data = data[:40] + b"<<<" + data[40:]
            broken.writestr(info, data)
    assert "is damaged" in _read_error(path)


def test_a_workbook_with_bad_compressed_data(tmp_path):
    path = _workbook(tmp_path / "book.xlsx")
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as archive:
        info = archive.getinfo("xl/worksheets/sheet1.xml")
    start = info.header_offset + 30 + len(info.filename) + len(info.extra)
    for offset in range(start + 5, start + 25):
        data[offset] ^= 0x55
    path.write_bytes(bytes(data))
    assert "damaged" in _read_error(path)


def test_a_zip_that_is_not_a_workbook(tmp_path):
    path = tmp_path / "photos.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("readme.txt", "not a workbook")
    assert "not an Excel workbook" in _read_error(path)


def test_a_missing_file(tmp_path):
    path = tmp_path / "nowhere.xlsx"
    assert "was not found" in _read_error(path)


def test_an_empty_file_and_a_folder(tmp_path):
    empty = tmp_path / "empty.xlsx"
    empty.write_bytes(b"")
    assert "is empty" in _read_error(empty)
    folder = tmp_path / "folder.xlsx"
    folder.mkdir()
    assert "is a folder" in _read_error(folder)


def _stage(host: XlsxHost) -> None:
    host.apply_marks({"Crew": {"B2": Mark("FFC7CE", "Phone has 7 digits")}})
    host.write_sheets([SheetContent("Checks", [["Severity", "Message"]])])


def test_a_book_open_in_excel_is_not_overwritten(tmp_path):
    path = _workbook(tmp_path / "book.xlsx")
    original = path.read_bytes()
    (tmp_path / "~$book.xlsx").write_bytes(b"owner")
    host = XlsxHost(path)
    _stage(host)
    with pytest.raises(HostError) as caught:
        host.save()
    assert "open in Excel" in _one_sentence(caught.value, "book.xlsx")
    assert path.read_bytes() == original
    assert sorted(p.name for p in tmp_path.iterdir()) == ["book.xlsx", "~$book.xlsx"]


def test_an_output_folder_that_does_not_exist(tmp_path):
    path = _workbook(tmp_path / "book.xlsx")
    original = path.read_bytes()
    host = XlsxHost(path, output=tmp_path / "missing" / "out.xlsx")
    _stage(host)
    with pytest.raises(HostError) as caught:
        host.save()
    assert "does not exist" in _one_sentence(caught.value, "out.xlsx")
    assert path.read_bytes() == original


def test_an_output_that_is_a_folder(tmp_path):
    path = _workbook(tmp_path / "book.xlsx")
    original = path.read_bytes()
    (tmp_path / "out.xlsx").mkdir()
    host = XlsxHost(path, output=tmp_path / "out.xlsx")
    _stage(host)
    with pytest.raises(HostError) as caught:
        host.save()
    _one_sentence(caught.value, "out.xlsx")
    assert path.read_bytes() == original
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_a_bad_tab_name_is_refused_before_anything_is_written(tmp_path):
    path = _workbook(tmp_path / "book.xlsx")
    original = path.read_bytes()
    host = XlsxHost(path)
    with pytest.raises(HostError) as caught:
        host.write_sheets([SheetContent("Checks: 3/4", [["x"]])])
    _one_sentence(caught.value, "book.xlsx")
    assert path.read_bytes() == original


def test_backup_keeps_the_book_as_it_was(tmp_path):
    path = _workbook(tmp_path / "book.xlsx")
    original = path.read_bytes()
    host = XlsxHost(path, backup=True)
    _stage(host)
    host.save()
    assert (tmp_path / "book.xlsx.bak").read_bytes() == original
    assert XlsxHost(path).sheet_names() == ["Crew", "Checks"]


def test_a_damaged_largest_tab_is_named_though_it_is_read_on_another_thread(tmp_path):
    workbook = openpyxl.Workbook()
    workbook.active.title = "Crew"
    workbook.active.append(["Name", "Phone"])
    pos = workbook.create_sheet("POs")
    pos.append(["PO #", "Vendor", "Amount"])
    for number in range(1000, 1400):
        pos.append([number, "Acme Grip & Electric", 250])
    source = tmp_path / "source.xlsx"
    workbook.save(source)
    path = tmp_path / "book.xlsx"
    with zipfile.ZipFile(source) as original, zipfile.ZipFile(path, "w") as broken:
        for info in original.infolist():
            data = original.read(info)
            if info.filename == "xl/worksheets/sheet2.xml":
                data = data.replace(b"</sheetData>", b"<row><c r=").replace(b"</worksheet>", b"")
            broken.writestr(info, data)
    text = _read_error(path)
    assert "the tab 'POs' cannot be read" in text
    with pytest.raises(InputError, match="the tab 'POs' cannot be read"):
        read_book(XlsxHost(path))
