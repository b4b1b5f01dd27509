"""Change the VBA modules of a vbaProject.bin without Excel ([MS-OVBA]).

The add-in's VBA is built from xlwings' template at build time, on any
machine: Excel's VBA object model (COM, Windows only) is not needed. What is
written follows [MS-OVBA] 2.3 and 2.4:

- module source is stored compressed (2.4.1) in the module's stream at the
  offset of its MODULEOFFSET record; a module written here holds only its
  source (offset 0, no compiled p-code), like the xlwings module of xlwings'
  own template;
- the ``dir`` stream (2.3.4.2, compressed) lists the modules: a new module
  gets the records of a procedural module, a removed one loses its records;
- the ``PROJECT`` stream (2.3.1) names each module (``Module=``), and
  ``PROJECTwm`` (2.3.3) maps names to their Unicode form;
- ``_VBA_PROJECT`` (2.3.4.1) stays the 7-byte form with version 0xFFFF, which
  makes Excel compile the project from source when it opens the add-in.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass

from addin.excel import cfb

_CHUNK = 4096


# -- compression (MS-OVBA 2.4.1) ------------------------------------------------------
def _copy_token_shape(position: int) -> tuple[int, int]:
    """(bits of a copy token's offset, longest copy) at a position in a chunk (2.4.1.3.19.1)."""
    bit_count = max((position - 1).bit_length(), 4)
    length_mask = 0xFFFF >> bit_count
    return bit_count, length_mask + 3


def decompress(data: bytes) -> bytes:
    """The bytes of a CompressedContainer."""
    if not data or data[0] != 1:
        raise ValueError("not an MS-OVBA compressed container (its first byte is not 1)")
    out = bytearray()
    at = 1
    while at < len(data):
        header = struct.unpack_from("<H", data, at)[0]
        size = (header & 0x0FFF) + 3
        compressed = header & 0x8000
        end = min(at + size, len(data))
        at += 2
        chunk_start = len(out)
        if not compressed:
            out += data[at:at + _CHUNK]
            at += _CHUNK
            continue
        while at < end:
            flags = data[at]
            at += 1
            for bit in range(8):
                if at >= end:
                    break
                if not flags >> bit & 1:
                    out.append(data[at])
                    at += 1
                    continue
                token = struct.unpack_from("<H", data, at)[0]
                at += 2
                bit_count, _ = _copy_token_shape(len(out) - chunk_start)
                length = (token & (0xFFFF >> bit_count)) + 3
                offset = (token >> (16 - bit_count)) + 1
                for _ in range(length):
                    out.append(out[-offset])
        at = end
    return bytes(out)


def _compress_chunk(chunk: bytes) -> bytes:
    tokens = bytearray()
    recent: dict[bytes, list[int]] = {}
    position = 0
    while position < len(chunk):
        flags = 0
        group = bytearray()
        for bit in range(8):
            if position >= len(chunk):
                break
            best_length, best_offset = 0, 0
            if position > 0:
                _, maximum = _copy_token_shape(position)
                for candidate in reversed(recent.get(chunk[position:position + 3], [])[-64:]):
                    length = 0
                    limit = min(maximum, len(chunk) - position)
                    while length < limit and chunk[candidate + length] == chunk[position + length]:
                        length += 1
                    if length > best_length:
                        best_length, best_offset = length, position - candidate
                    if length == limit:
                        break
            if best_length >= 3:
                bit_count, _ = _copy_token_shape(position)
                token = ((best_offset - 1) << (16 - bit_count)) | (best_length - 3)
                group += struct.pack("<H", token)
                flags |= 1 << bit
                step = best_length
            else:
                group.append(chunk[position])
                step = 1
            for i in range(position, position + step):
                recent.setdefault(chunk[i:i + 3], []).append(i)
            position += step
        tokens.append(flags)
        tokens += group
    if len(tokens) > _CHUNK and len(chunk) == _CHUNK:
        return struct.pack("<H", 0x3000 | (_CHUNK - 1)) + chunk
    if len(tokens) + 2 > _CHUNK + 2:
        raise ValueError("a VBA chunk does not compress; the module is not source text")
    return struct.pack("<H", 0xB000 | (len(tokens) + 2 - 3)) + bytes(tokens)


def compress(data: bytes) -> bytes:
    """A CompressedContainer of the bytes."""
    return b"\x01" + b"".join(
        _compress_chunk(data[i:i + _CHUNK]) for i in range(0, len(data), _CHUNK)
    )


# -- the dir stream (MS-OVBA 2.3.4.2) --------------------------------------------------
PROJECTCODEPAGE, PROJECTNAME, PROJECTVERSION, PROJECTMODULES = 0x0003, 0x0004, 0x0009, 0x000F
PROJECTCOOKIE, DIR_TERMINATOR = 0x0013, 0x0010
MODULENAME, MODULENAMEUNICODE, MODULESTREAMNAME, MODULESTREAMNAMEUNICODE = (
    0x0019, 0x0047, 0x001A, 0x0032)
MODULEDOCSTRING, MODULEDOCSTRINGUNICODE, MODULEOFFSET, MODULEHELPCONTEXT = (
    0x001C, 0x0048, 0x0031, 0x001E)
MODULECOOKIE, MODULETYPE_PROCEDURAL, MODULETYPE_DOCUMENT, MODULE_TERMINATOR = (
    0x002C, 0x0021, 0x0022, 0x002B)

Record = tuple[int, bytes]


def _records(data: bytes) -> list[Record]:
    records = []
    at = 0
    while at < len(data):
        record_id, size = struct.unpack_from("<HI", data, at)
        at += 6
        if record_id == PROJECTVERSION:
            size = 6  # Reserved (=4) is in the size field's place; then 4 + 2 bytes
        records.append((record_id, data[at:at + size]))
        at += size
    return records


def _pack(records: list[Record]) -> bytes:
    out = bytearray()
    for record_id, payload in records:
        size = 4 if record_id == PROJECTVERSION else len(payload)
        out += struct.pack("<HI", record_id, size) + payload
    return bytes(out)


@dataclass
class Module:
    """One module of a VBA project: its name, stream, source offset and its dir records."""

    name: str
    stream: str
    offset: int
    procedural: bool
    records: list[Record]


class VbaProject:
    """The VBA project of a vbaProject.bin, to read and change its modules."""

    def __init__(self, data: bytes) -> None:
        self.root = cfb.read(data)
        self._vba = self.root.child("VBA")
        assert isinstance(self._vba, cfb.Storage)
        records = _records(decompress(self._stream("dir")))
        first = next(i for i, r in enumerate(records) if r[0] == MODULENAME)
        self._head = records[:first]
        self.codepage = f"cp{struct.unpack('<H', self._find(PROJECTCODEPAGE))[0]}"
        self.modules: list[Module] = []
        current: list[Record] = []
        for record in records[first:]:
            if record[0] == DIR_TERMINATOR:
                break
            current.append(record)
            if record[0] == MODULE_TERMINATOR:
                self.modules.append(self._module(current))
                current = []

    def _stream(self, name: str) -> bytes:
        entry = self._vba.child(name)
        assert isinstance(entry, cfb.Stream)
        return entry.data

    def _find(self, record_id: int) -> bytes:
        return next(payload for rid, payload in self._head if rid == record_id)

    def _module(self, records: list[Record]) -> Module:
        values = dict(records)
        return Module(
            name=values[MODULENAME].decode(self.codepage),
            stream=values[MODULESTREAMNAME].decode(self.codepage),
            offset=struct.unpack("<I", values[MODULEOFFSET])[0],
            procedural=MODULETYPE_PROCEDURAL in values,
            records=records,
        )

    @property
    def name(self) -> str:
        """The project's name (VBAProject, MyAddin, ...)."""
        return self._find(PROJECTNAME).decode(self.codepage)

    def module(self, name: str) -> Module:
        """The module of that name."""
        for module in self.modules:
            if module.name.upper() == name.upper():
                return module
        raise KeyError(f"the VBA project has no module {name}")

    def source(self, name: str) -> str:
        """A module's source, as the VBA editor exports it (with its Attribute lines)."""
        module = self.module(name)
        return decompress(self._stream(module.stream)[module.offset:]).decode(self.codepage)

    def set_source(self, name: str, source: str) -> None:
        """Replace a module's source, or add a procedural (standard) module of that name."""
        text = source.replace("\r\n", "\n").replace("\n", "\r\n")
        try:
            module = self.module(name)
        except KeyError:
            module = self._new_module(name)
            self.modules.append(module)
        module.offset = 0
        module.records = [
            (rid, struct.pack("<I", 0) if rid == MODULEOFFSET else payload)
            for rid, payload in module.records
        ]
        self._vba.put(cfb.Stream(module.stream, compress(text.encode(self.codepage))))

    def remove(self, name: str) -> None:
        """Drop a module."""
        module = self.module(name)
        self.modules.remove(module)
        self._vba.remove(module.stream)

    def _new_module(self, name: str) -> Module:
        encoded, wide = name.encode(self.codepage), name.encode("utf-16-le")
        records: list[Record] = [
            (MODULENAME, encoded), (MODULENAMEUNICODE, wide),
            (MODULESTREAMNAME, encoded), (MODULESTREAMNAMEUNICODE, wide),
            (MODULEDOCSTRING, b""), (MODULEDOCSTRINGUNICODE, b""),
            (MODULEOFFSET, struct.pack("<I", 0)), (MODULEHELPCONTEXT, struct.pack("<I", 0)),
            (MODULECOOKIE, struct.pack("<H", 0xFFFF)), (MODULETYPE_PROCEDURAL, b""),
            (MODULE_TERMINATOR, b""),
        ]
        return Module(name, name, 0, True, records)

    def rename(self, name: str) -> None:
        """Give the project another name (shown in the VBA editor, used by references)."""
        self._head = [(rid, name.encode(self.codepage) if rid == PROJECTNAME else payload)
                      for rid, payload in self._head]
        self._project_name = name

    def to_bytes(self) -> bytes:
        """The vbaProject.bin with every change."""
        head = [(rid, struct.pack("<H", len(self.modules)) if rid == PROJECTMODULES else payload)
                for rid, payload in self._head]
        records = head + [r for m in self.modules for r in m.records] + [(DIR_TERMINATOR, b"")]
        self._vba.put(cfb.Stream("dir", compress(_pack(records))))
        self.root.put(cfb.Stream("PROJECT", self._project_stream()))
        self.root.put(cfb.Stream("PROJECTwm", self._name_map()))
        return cfb.write(self.root)

    def _project_stream(self) -> bytes:
        """PROJECT (2.3.1): one ProjectModule line per module, in the place of the old ones."""
        entry = self.root.child("PROJECT")
        assert isinstance(entry, cfb.Stream)
        lines = entry.data.decode(self.codepage).split("\r\n")
        kept = [line for line in lines if not line.startswith(
            ("Document=", "Module=", "Class=", "BaseClass=", "Package="))]
        declared: dict[str, str] = {}
        for line in lines:
            key, _, value = line.partition("=")
            if key in ("Document", "Class", "BaseClass", "Module"):
                declared[value.split("/")[0].upper()] = line
        module_lines = [declared.get(m.name.upper(), f"Module={m.name}") for m in self.modules]
        names = {m.name.upper() for m in self.modules}
        out: list[str] = []
        in_workspace = False
        for line in kept:
            if line.startswith("Name=") and hasattr(self, "_project_name"):
                line = f'Name="{self._project_name}"'
            if line.startswith("["):
                in_workspace = line == "[Workspace]"
            elif in_workspace and "=" in line and line.split("=")[0].upper() not in names:
                continue
            out.append(line)
            if line.startswith("ID="):
                out += module_lines
        return "\r\n".join(out).encode(self.codepage)

    def _name_map(self) -> bytes:
        """PROJECTwm (2.3.3): each module's name in the code page and in UTF-16, then 0x0000."""
        out = bytearray()
        for module in self.modules:
            out += module.name.encode(self.codepage) + b"\0"
            out += module.name.encode("utf-16-le") + b"\0\0"
        return bytes(out + b"\0\0")
