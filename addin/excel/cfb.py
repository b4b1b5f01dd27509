"""Read and write Microsoft compound files (MS-CFB), the container of an add-in's vbaProject.bin.

Reading is olefile's. Writing is this module's: olefile only overwrites a stream
with one of the same size, and building the add-in changes sizes. The writer
follows [MS-CFB] version 3: 512-byte sectors, streams under 4096 bytes in the
mini stream, one FAT (at most 109 sectors, 7 MB: far above an add-in's VBA).
"""

from __future__ import annotations

import struct
import uuid
from dataclasses import dataclass, field

import olefile

SECTOR = 512
MINI_SECTOR = 64
MINI_CUTOFF = 4096
FREE, END, FAT_SECTOR, NO_STREAM = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD, 0xFFFFFFFF
_ENTRIES_PER_FAT = SECTOR // 4


@dataclass
class Stream:
    """A stream (file) of a compound file."""

    name: str
    data: bytes


@dataclass
class Storage:
    """A storage (folder) of a compound file; the root is one too."""

    name: str
    children: list[Storage | Stream] = field(default_factory=list)
    clsid: bytes = bytes(16)

    def child(self, name: str) -> Storage | Stream:
        """The child of that name (compound files compare names without case)."""
        for entry in self.children:
            if entry.name.upper() == name.upper():
                return entry
        raise KeyError(name)

    def remove(self, name: str) -> None:
        """Drop the child of that name."""
        self.children = [e for e in self.children if e.name.upper() != name.upper()]

    def put(self, entry: Storage | Stream) -> None:
        """Add a child, replacing one of the same name."""
        self.remove(entry.name)
        self.children.append(entry)


def read(data: bytes) -> Storage:
    """The tree of a compound file."""
    ole = olefile.OleFileIO(data)

    def storage(entry: olefile.olefile.OleDirectoryEntry, path: list[str]) -> Storage:
        node = Storage(entry.name, clsid=uuid.UUID(entry.clsid).bytes_le if entry.clsid else
                       bytes(16))
        for kid in entry.kids:
            if kid.entry_type == olefile.STGTY_STORAGE:
                node.children.append(storage(kid, [*path, kid.name]))
            elif kid.entry_type == olefile.STGTY_STREAM:
                node.children.append(Stream(kid.name, ole.openstream([*path, kid.name]).read()))
        return node

    return storage(ole.root, [])


def _sort_key(entry: Storage | Stream) -> tuple[int, str]:
    return len(entry.name), entry.name.upper()


def write(root: Storage) -> bytes:
    """The bytes of a compound file holding the tree."""
    entries: list[Storage | Stream] = []  # directory order: the root first

    def number(node: Storage | Stream) -> None:
        entries.append(node)
        if isinstance(node, Storage):
            for kid in node.children:
                number(kid)

    number(root)
    index = {id(e): i for i, e in enumerate(entries)}
    links: dict[int, tuple[int, int, int]] = {i: (NO_STREAM, NO_STREAM, NO_STREAM)
                                              for i in range(len(entries))}

    def tree(kids: list[Storage | Stream]) -> int:
        # a balanced binary search tree of the siblings, every node black
        if not kids:
            return NO_STREAM
        middle = len(kids) // 2
        me = index[id(kids[middle])]
        left, right = tree(kids[:middle]), tree(kids[middle + 1:])
        links[me] = (left, right, links[me][2])
        return me

    for node in entries:
        if isinstance(node, Storage):
            me = index[id(node)]
            child = tree(sorted(node.children, key=_sort_key))
            links[me] = (links[me][0], links[me][1], child)

    streams = [e for e in entries if isinstance(e, Stream)]
    small = [s for s in streams if len(s.data) < MINI_CUTOFF]
    large = [s for s in streams if len(s.data) >= MINI_CUTOFF]

    mini_stream = bytearray()
    mini_fat: list[int] = []
    start: dict[int, int] = {}
    for s in small:
        count = -(-len(s.data) // MINI_SECTOR)
        if count == 0:
            start[id(s)] = END
            continue
        first = len(mini_fat)
        start[id(s)] = first
        mini_fat += [*range(first + 1, first + count), END]
        mini_stream += s.data.ljust(count * MINI_SECTOR, b"\0")

    sectors: list[bytes] = []
    fat: list[int] = []

    def chain(data: bytes) -> int:
        if not data:
            return END
        count = -(-len(data) // SECTOR)
        first = len(sectors)
        padded = data.ljust(count * SECTOR, b"\0")
        sectors.extend(padded[i * SECTOR:(i + 1) * SECTOR] for i in range(count))
        fat.extend([*range(first + 1, first + count), END])
        return first

    mini_stream_start = chain(bytes(mini_stream))
    for s in large:
        start[id(s)] = chain(s.data)
    mini_fat_bytes = struct.pack(f"<{len(mini_fat)}I", *mini_fat) if mini_fat else b""
    if mini_fat_bytes:
        mini_fat_bytes = mini_fat_bytes.ljust(-(-len(mini_fat_bytes) // SECTOR) * SECTOR,
                                              b"\xff")
    mini_fat_start = chain(mini_fat_bytes)
    mini_fat_sectors = len(mini_fat_bytes) // SECTOR

    directory = bytearray()
    for i, node in enumerate(entries):
        left, right, child = links[i]
        if node is root:
            kind, first, size, clsid = 5, mini_stream_start, len(mini_stream), root.clsid
        elif isinstance(node, Storage):
            kind, first, size, clsid = 1, 0, 0, node.clsid
        else:
            kind, first, size, clsid = 2, start[id(node)], len(node.data), bytes(16)
        name = node.name.encode("utf-16-le")
        if len(name) > 62:
            raise ValueError(f"the compound-file name {node.name!r} is longer than 31 characters")
        directory += struct.pack("<64sHBBIII16sIQQIQ", name.ljust(64, b"\0"), len(name) + 2,
                                 kind, 1, left, right, child, clsid, 0, 0, 0, first, size)
    while len(directory) % SECTOR:
        directory += struct.pack("<64sHBBIII16sIQQIQ", bytes(64), 0, 0, 0, NO_STREAM,
                                 NO_STREAM, NO_STREAM, bytes(16), 0, 0, 0, 0, 0)
    directory_start = chain(bytes(directory))

    fat_count = 0
    while fat_count * _ENTRIES_PER_FAT < len(sectors) + fat_count:
        fat_count += 1
    if fat_count > 109:
        raise ValueError("the VBA project is too large for this compound-file writer")
    fat_first = len(sectors)
    fat += [FAT_SECTOR] * fat_count
    fat += [FREE] * (fat_count * _ENTRIES_PER_FAT - len(fat))
    fat_bytes = struct.pack(f"<{len(fat)}I", *fat)
    sectors.extend(fat_bytes[i * SECTOR:(i + 1) * SECTOR] for i in range(fat_count))

    difat = [fat_first + i for i in range(fat_count)] + [FREE] * (109 - fat_count)
    header = struct.pack(
        "<8s16sHHHHH6sIIIIIIIII109I",
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", bytes(16), 0x003E, 0x0003, 0xFFFE, 9, 6, bytes(6),
        0, fat_count, directory_start, 0, MINI_CUTOFF,
        mini_fat_start if mini_fat_sectors else END, mini_fat_sectors, END, 0, *difat,
    )
    return header + b"".join(sectors)
