"""Read a host's tabs into a Book: tabs and header rows found, values normalised.

Everything about finding things in a coordinator's own layout lives here:
banner rows above the header, department section rows, repeated headers,
blank and trailing note rows, schedules closed by "End of Day" rows, merged
cells (the host fills them) and error values (kept as ``CellError``).
"""

from __future__ import annotations

import gc
import re
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, time
from functools import partial
from operator import itemgetter
from typing import Any

from addin import headers as headers_module
from addin import parse
from addin.errors import InputError
from addin.headers import UnreadableTab
from addin.hosts.base import Grid, Host, ReadsInBatches
from addin.mapping import ColumnMapping, is_columns_tab, read_mapping
from addin.model import ERROR_VALUES, CellError, ColumnStore, Table
from addin.schema import TABS, TABS_BY_NAME, TabSpec, header_key, is_owned_tab
from addin.settings import Settings, read_settings

HEADER_SEARCH_ROWS = 15

KNOWN_DEPARTMENTS = frozenset(
    parse.name_key(d)
    for d in (
        "Production",
        "Camera",
        "Grip",
        "Electric",
        "Grip & Electric",
        "Grip and Electric",
        "Lighting",
        "Sound",
        "Art",
        "Art Department",
        "Set Dressing",
        "Props",
        "Wardrobe",
        "Costume",
        "Costumes",
        "Hair & Makeup",
        "Hair and Makeup",
        "Makeup",
        "Hair",
        "HMU",
        "Locations",
        "Transportation",
        "Transpo",
        "Catering",
        "Craft Services",
        "VFX",
        "Special Effects",
        "SFX",
        "Stunts",
        "Script",
        "Script Supervisor",
        "Editorial",
        "Post",
        "Accounting",
        "Office",
        "Medic",
        "Medics",
        "Security",
        "Video",
        "DIT",
        "Casting",
        "Directing",
        "Director's Team",
        "ADs",
        "Assistant Directors",
        "Producers",
    )
)

_END_OF_DAY = re.compile(
    r"^[\s*=#~_-]*end\s+(?:of\s+)?(?:the\s+)?(?:shoot(?:ing)?\s+)?day\s*(?:#|no\.?)?\s*(\d+)\b(.*)$",
    re.IGNORECASE | re.DOTALL,
)
"""A day-break row: ``END OF DAY 1 -- Thu 12/3/26``, ``End Of Shooting Day 1``, ``End Day # 1``,
``END OF DAY #1``, ``*** END OF DAY 2 ***``."""
_NOTE_PUNCTUATION = re.compile(r"[.:;!?*]")


def _text(value: Any) -> str | None:
    kind = type(value)
    if kind is str:
        return value.strip() or None
    if value is None:
        return None
    if kind is float and value.is_integer():
        return str(int(value))
    return str(value).strip() or None


def _day(value: Any) -> int | None:
    text = _text(value)
    if text is None:
        return None
    match = re.search(r"\d+", text)
    return int(match.group()) if match else None


def _number(value: Any) -> float | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return float(value)
    try:
        return float(str(value).strip())
    except ValueError:
        return None


NORMALISERS: dict[str, Callable[..., Any]] = {
    "text": _text,
    "id": _text,
    "day": _day,
    "number": _number,
    "date": parse.parse_date,
    "time": parse.parse_time,
    "money": parse.parse_money,
    "rate": parse.parse_rate,
    "hours": parse.parse_hours,
    "pages": parse.parse_pages,
    "yesno": parse.parse_yes_no,
    "paperwork": parse.parse_paperwork,
    "cast_ids": parse.parse_cast_ids,
    "email": parse.normalize_email,
}


ALREADY_TYPED: dict[str, tuple[type, ...]] = {
    "money": (float,),
    "number": (float,),
    "date": (date,),
    "time": (time,),
}
"""Cell types that are already the normalised value of a kind (no parsing needed)."""


@dataclass
class Book:
    """The production book as plain Python values."""

    label: str
    sheet_names: list[str]
    tables: dict[str, Table]
    settings: Settings
    grids: dict[str, Grid] = field(default_factory=dict, repr=False)
    unreadable: dict[str, UnreadableTab] = field(default_factory=dict)
    """Tabs found by name whose header row could not be found, by kind."""
    special_tabs: dict[str, str] = field(default_factory=dict)
    """Tabs read that are not tables: tab name -> what it is (``Settings``, ``Columns``)."""
    mapping: ColumnMapping = field(default_factory=ColumnMapping)
    """The coordinator's own names for ProdDesk's columns and tabs."""

    def table(self, kind: str) -> Table | None:
        """The tab of a canonical kind (``"Crew"``), or None when the book lacks it."""
        return self.tables.get(kind)

    def has(self, *kinds: str) -> bool:
        """Whether the book has every one of these tabs."""
        return all(kind in self.tables for kind in kinds)


def read_book(host: Host) -> Book:
    """Read every tab of a host once and build the Book.

    Tabs that arrive early (an .xlsx file's largest tab comes last) are built and
    normalised while the rest is still being read.
    """
    with collector_paused():
        if isinstance(host, ReadsInBatches):
            return _build(host.read_batches(), host.sheet_names(), host.label)
        grids = host.read_all()
        return _build(iter([grids]), list(grids), host.label)


@contextmanager
def collector_paused() -> Iterator[None]:
    """Skip GC passes while reading or checking: both allocate many small objects, few cycles.

    On the way out, everything allocated meanwhile joins the oldest generation
    (``freeze`` then ``unfreeze`` moves it there without a pass), so the first
    collection afterwards does not walk the whole book again; cycles among those
    objects are still collected by the next full collection.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.freeze()
            gc.unfreeze()
            gc.enable()


def build_book(grids: dict[str, Grid], label: str) -> Book:
    """Find the known tabs in grids and normalise them."""
    return _build(iter([grids]), list(grids), label)


def _build(batches: Iterator[dict[str, Grid]], names: list[str], label: str) -> Book:
    """The Book from tabs arriving in batches; ``names`` lists every tab in book order."""
    candidates = [name for name in names if not is_owned_tab(name) and not is_columns_tab(name)]
    found = find_tabs(candidates)
    settings_tab = found.get("Settings")
    columns_tab = next((name for name in names if is_columns_tab(name)), None)
    mapping = ColumnMapping()
    grids: dict[str, Grid] = {}
    tables: dict[str, Table] = {}
    unreadable: dict[str, UnreadableTab] = {}
    settings: Settings | None = None
    for batch in batches:
        grids.update(batch)
        if settings is None:
            if any(tab and tab not in grids for tab in (settings_tab, columns_tab)):
                continue  # every table needs the settings (phone region, dates) and mapping
            settings = read_settings(grids[settings_tab]) if settings_tab else Settings()
            mapping = read_mapping(
                (settings_tab, grids[settings_tab]) if settings_tab else None,
                (columns_tab, grids[columns_tab]) if columns_tab else None,
            )
            if mapping.tabs:
                found = find_tabs(candidates, mapping)
        arrived = [
            kind for kind, sheet in found.items()
            if kind != "Settings" and kind not in tables and kind not in unreadable
            and sheet in grids
        ]
        for kind in arrived:
            sheet = found[kind]
            try:
                tables[kind] = read_table(
                    grids[sheet], TABS_BY_NAME[kind], sheet, label, settings,
                    mapping.overrides(kind),
                )
            except UnreadableTab as problem:
                unreadable[kind] = problem
        if len(grids) < len(names):  # the rest is still being read: normalise meanwhile
            for kind in arrived:
                if kind in tables:
                    tables[kind].normalise()
    if not found:
        known = ", ".join(tab.name for tab in TABS)
        raise InputError(
            f"{label} has none of the tabs ProdDesk knows ({known}); "
            "rename your tabs or add them with the production template."
        )
    ordered = {kind: tables[kind] for kind in found if kind in tables}
    book_grids = {name: grids[name] for name in names if name in grids}
    unread = {kind: unreadable[kind] for kind in found if kind in unreadable}
    special = {settings_tab: "Settings"} if settings_tab else {}
    if columns_tab:
        special[columns_tab] = "Columns"
    return Book(
        label, list(book_grids), ordered, settings or Settings(), book_grids, unread, special,
        mapping,
    )


def find_tabs(names: list[str], mapping: ColumnMapping | None = None) -> dict[str, str]:
    """Canonical tab kind -> the book's tab name, by name or alias.

    The coordinator's own tab kinds (``mapping.tabs``) come first; a tab mapped to
    Ignore is not read at all. Then an exact name wins (the canonical name first,
    then the aliases in order); then a name that is an alias with qualifying words
    around it (``Cost Report Detail``, ``Crew List 2026``, ``Shooting Schedule - Blue``).
    """
    found: dict[str, str] = {}
    if mapping and mapping.tabs:
        by_key = {header_key(name): name for name in names}
        mapped = [(by_key.get(header_key(tab)), kind) for tab, kind in mapping.tabs.items()]
        mapped = [(name, kind) for name, kind in mapped if name]
        for name, kind in mapped:
            if kind and kind != "Settings" and kind not in found:
                found[kind] = name
        taken = {name for name, _ in mapped}
        rest = find_tabs([name for name in names if name not in taken])
        found.update({kind: name for kind, name in rest.items() if kind not in found})
        return {tab.name: found[tab.name] for tab in TABS if tab.name in found}
    for tab in TABS:
        keys = [header_key(tab.name), *(header_key(alias) for alias in tab.aliases)]
        ranked = sorted(
            (keys.index(header_key(name)), name)
            for name in names
            if header_key(name) in keys and name not in found.values()
        )
        if ranked:
            found[tab.name] = ranked[0][1]
    for tab in TABS:
        if tab.name in found:
            continue
        name = next(
            (n for n in names if n not in found.values() and _qualified_alias(n, tab)), None
        )
        if name is not None:
            found[tab.name] = name
    return {tab.name: found[tab.name] for tab in TABS if tab.name in found}


TAB_QUALIFIERS = frozenset({
    "detail", "details", "summary", "report", "list", "log", "sheet", "tab", "master", "final",
    "current", "working", "draft", "revised", "rev", "new", "updated", "copy", "all", "full",
    "main", "export", "production", "prod", "white", "blue", "pink", "yellow", "green",
    "goldenrod", "buff", "salmon", "cherry", "tan", "gray", "grey", "ivory",
})
"""Words that may stand before or after a tab alias without changing what the tab is."""

_WORD = re.compile(r"[0-9a-z#]+")


def _qualified_alias(name: str, tab: TabSpec) -> bool:
    """Whether a tab name is one of the tab's aliases plus qualifier words, years or versions."""
    words = _WORD.findall(name.casefold())
    for alias in (tab.name, *tab.aliases):
        wanted = _WORD.findall(alias.casefold())
        for start in range(len(words) - len(wanted) + 1):
            if words[start:start + len(wanted)] != wanted:
                continue
            rest = words[:start] + words[start + len(wanted):]
            if rest and all(_qualifies(word) for word in rest):
                return True
    return False


def _qualifies(word: str) -> bool:
    return word in TAB_QUALIFIERS or re.fullmatch(r"(?:v|rev|r)?\d+|#\d*", word) is not None


def _aliases(spec: TabSpec) -> dict[str, str]:
    keys: dict[str, str] = {}
    for column in spec.columns:
        for alias in (column.name, *column.aliases):
            keys.setdefault(header_key(alias), column.name)
    return keys


def find_header(
    grid: Grid, spec: TabSpec, overrides: dict[str, str] | None = None
) -> tuple[int, dict[str, int], dict[str, str]]:
    """The 0-based header row, and canonical column -> 1-based column.

    The best row among the first rows wins; when none of them has the key column,
    a row further down that matches well is taken (see ``addin.headers``). The
    coordinator's own headers (``overrides``: canonical column -> header) win over
    the built-in aliases. The row is -1 with no columns when nothing matched.
    """
    aliases = _aliases(spec)
    own = {header_key(header): canonical for canonical, header in (overrides or {}).items()}
    aliases.update(own)
    match = partial(_match_row, aliases, own)
    best: tuple[tuple[bool, int], int, dict[str, int], dict[str, str]] = ((False, 0), -1, {}, {})
    for r, row in enumerate(grid[:HEADER_SEARCH_ROWS]):
        columns, headers = match(row)
        score = (len(columns) >= 2 and _has_key(spec, columns), len(columns))
        if score > best[0]:
            best = (score, r, columns, headers)
    if not best[0][0]:
        far = headers_module.far_header(
            grid, spec, HEADER_SEARCH_ROWS, match, partial(_has_key, spec)
        )
        if far:
            return far
    return best[1], best[2], best[3]


def _match_row(
    aliases: dict[str, str], own: dict[str, str], row: list[Any]
) -> tuple[dict[str, int], dict[str, str]]:
    """The known columns of one row: canonical -> 1-based column, and -> header text."""
    columns: dict[str, int] = {}
    headers: dict[str, str] = {}
    for c, value in enumerate(row, start=1):
        if not isinstance(value, str) or not value.strip():
            continue
        key = header_key(value)
        canonical = aliases.get(key)
        if canonical and (canonical not in columns or key in own):
            columns[canonical] = c
            headers[canonical] = value
    return columns, headers


def read_table(
    grid: Grid,
    spec: TabSpec,
    sheet: str,
    label: str,
    settings: Settings,
    overrides: dict[str, str] | None = None,
) -> Table:
    """One tab's data rows, normalised, with their sheet row numbers.

    Raises ``UnreadableTab`` (an InputError saying what is missing) when no row of
    the tab is its header.
    """
    header_row, columns, headers = find_header(grid, spec, overrides)
    if spec.name == "Cast" and grid and not overrides:
        _name_beside_actor(grid[header_row], columns, headers)
    if len(columns) < 2 or not _has_key(spec, columns):
        raise headers_module.unreadable(grid, spec, sheet, header_row, headers)
    header_keys = {header_key(headers[c]) for c in columns}
    composed_name = spec.name == "Crew" and "Name" not in columns
    if composed_name:
        columns["Name"] = columns["First Name"]
        headers["Name"] = headers["First Name"]
    names = list(columns)
    if spec.name == "Crew" and "Department" not in columns:
        names.append("Department")
    positions = [columns[n] - 1 if n in columns else len(grid[0]) + 10**6 for n in names]
    key_position = columns.get(spec.key or "", 0) - 1
    index = {name: i for i, name in enumerate(names)}
    out: list[Any] = []
    sheet_rows: list[int] = []
    section: str | None = None
    day_breaks: list[tuple[int, int, str, int]] = []
    body = grid[header_row + 1 :]
    special, second, by_position = _plain_row_test(body, spec, positions, key_position, header_keys)
    pick = itemgetter(*positions)
    remaining = range(header_row + 1, len(grid))
    if by_position is not None:
        raw = {name: list(by_position[p]) for name, p in zip(names, positions, strict=True)}
        sheet_rows = list(range(header_row + 2, len(grid) + 1))
        remaining = range(0)
    for r in remaining:
        row = grid[r]
        if second >= 0:
            # a plain data row: a key that is neither blank, a header nor a total, and a
            # second filled cell; everything else takes the full path below
            key_cell, other = row[key_position], row[second]
            if (
                key_cell is not None
                and key_cell not in special
                and other is not None
                and (other.__class__ is not str or other.strip())
            ):
                out.append(pick(row))
                sheet_rows.append(r + 1)
                continue
        filled = [
            (c, v) for c, v in enumerate(row, start=1)
            if v is not None and (type(v) is not str or v.strip())
        ]
        if not filled or _is_repeated_header(row, filled, key_position, header_keys):
            continue
        if spec.name == "Schedule" and (day_break := _day_break(filled)):
            day_breaks.append((r + 1, *day_break))
            continue
        if len(filled) == 1:
            col, value = filled[0]
            if spec.name == "Crew" and _is_section(value):
                section = str(value).strip()
                continue
            if _is_note(value) or (spec.name != "Crew" and key_position + 1 != col):
                continue
        width = len(row)
        cells = [row[p] if p < width else None for p in positions]
        key_cell = row[key_position] if 0 <= key_position < width else None
        if (key_cell is None or _is_total_label(key_cell)) and _is_total_row(cells):
            continue
        if spec.name == "Crew":
            if composed_name:
                cells[index["Name"]] = _full_name(row, columns)
            if section and parse.is_blank(cells[index["Department"]]):
                cells[index["Department"]] = section
        out.append(cells)
        sheet_rows.append(r + 1)
    if by_position is None:
        raw = _by_column(out, names)
    raw["_row"] = sheet_rows
    normalisers, errors = _normalisers(raw, spec, settings)
    table = Table(spec.name, sheet, header_row + 1, columns, headers, ColumnStore(raw, normalisers))
    table.extra["errors"] = errors
    if spec.name == "Schedule":
        table.extra["day_breaks"] = day_breaks
        _assign_days(table, settings)
        _split_sluglines(table)
    return table


_ACTOR_HEADERS = frozenset(header_key(h) for h in ("Actor", "Talent", "Actor Name", "Performer"))


def _name_beside_actor(header: list[Any], columns: dict[str, int], headers: dict[str, str]) -> None:
    """In a cast list, ``Name`` next to an ``Actor``/``Talent`` column is the character."""
    actor = next(
        (c for c, v in enumerate(header, start=1)
         if isinstance(v, str) and header_key(v) in _ACTOR_HEADERS),
        None,
    )
    if actor is None or "Actor" not in columns or columns["Actor"] == actor:
        return
    if header_key(headers["Actor"]) == "name" and "Character" not in columns:
        columns["Character"], headers["Character"] = columns["Actor"], headers["Actor"]
    columns["Actor"], headers["Actor"] = actor, str(header[actor - 1])


_SLUGLINE_HEADERS = frozenset(header_key(h) for h in ("Slugline", "Scene Heading"))


def _split_sluglines(table: Table) -> None:
    """A ``Slugline`` column without an I/E column gives I/E, set and (without D/N) D/N."""
    if "Set" not in table.columns or "I/E" in table.columns:
        return
    if header_key(table.headers["Set"]) not in _SLUGLINE_HEADERS:
        return
    parts = [parse.split_slugline(v) for v in table.column("Set")]
    table.set_column("I/E", [p[0] for p in parts])
    table.set_column("Set", [p[1] for p in parts])
    if "D/N" not in table.columns:
        table.set_column("D/N", [p[2] for p in parts])


def _plain_row_test(
    body: Grid,
    spec: TabSpec,
    positions: list[int],
    key_position: int,
    header_keys: set[str],
) -> tuple[frozenset, int, list[tuple] | None]:
    """What read_table's shortcuts for plain data rows need.

    ``special`` holds the key cells that need the full look (blank, a header name, a
    total label); ``second`` is another column whose filled cell proves the row is
    not a lone note or section (one filled on every row when there is one), or -1
    for no shortcut. When every row is plain, the third item is the body's cells
    by column (0-based), else None.
    """
    others = [p for p in positions if p != key_position]
    if (
        spec.name in ("Crew", "Schedule")
        or key_position < 0
        or len(positions) < 2
        or not others
        or not body
        or min(map(len, body)) <= max(*positions, key_position)
    ):
        return frozenset(), -1, None
    by_position = list(zip(*body, strict=False))  # up to the shortest row, checked above
    try:
        keys = set(by_position[key_position])
    except TypeError:  # an unhashable cell value: no shortcut
        return frozenset(), -1, None
    texts = [k for k in keys if isinstance(k, str)]
    stripped = set(map(str.strip, texts))
    special = set()
    if "" in stripped or not _TOTALS.isdisjoint(map(str.casefold, stripped)):
        special = {
            k for k in texts
            if not k.strip() or (len(k) < 16 and type(k) is str and k.strip().casefold() in _TOTALS)
        }
    special.update(_header_like(texts, header_keys))
    plain_keys = None not in keys and special.isdisjoint(keys)
    for position in others:
        if _all_filled(by_position[position]):
            return frozenset(special), position, by_position if plain_keys else None
    return frozenset(special), others[0], None


def _all_filled(cells: Sequence[Any]) -> bool:
    """Whether no cell is None or blank text."""
    if None in cells:
        return False
    texts = [v for v in set(cells) if isinstance(v, str)]
    return "" not in set(map(str.strip, texts))


_NOT_WORD_OR_BREAK = re.compile(r"[^0-9a-z#\n]+")
_ASCII_KEPT = b"0123456789#abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ\n"
_ASCII_DROPPED = bytes(b for b in range(256) if b not in _ASCII_KEPT)
_ASCII_LOWER = bytes.maketrans(b"ABCDEFGHIJKLMNOPQRSTUVWXYZ", b"abcdefghijklmnopqrstuvwxyz")


def _header_like(texts: list[str], header_keys: set[str]) -> set[str]:
    """The texts whose header_key is one of header_keys (all texts keyed in one pass)."""
    joined = "\n".join(texts)
    if joined.count("\n") != len(texts) - 1:  # a text with a line break: one at a time
        return {t for t in texts if header_key(t) in header_keys}
    if joined.isascii():  # header_key's casefold and clean-up as one bytes translation
        keys = joined.encode().translate(_ASCII_LOWER, _ASCII_DROPPED).decode().split("\n")
    else:
        keys = _NOT_WORD_OR_BREAK.sub("", joined.casefold()).split("\n")
    if header_keys.isdisjoint(keys):
        return set()
    return {t for t, key in zip(texts, keys, strict=True) if key in header_keys}


def _by_column(rows: list[list[Any]], names: list[str]) -> dict[str, list[Any]]:
    if not rows:
        return {name: [] for name in names}
    return {
        name: list(column) for name, column in zip(names, zip(*rows, strict=True), strict=True)
    }


def _has_key(spec: TabSpec, columns: dict[str, int]) -> bool:
    if spec.key is None or spec.key in columns:
        return True
    return spec.name == "Crew" and "First Name" in columns


def _is_repeated_header(
    row: list[Any], filled: list[tuple[int, Any]], key_position: int, header_keys: set[str]
) -> bool:
    if 0 <= key_position < len(row):
        key_cell = row[key_position]
        if not isinstance(key_cell, str) or header_key(key_cell) not in header_keys:
            return False
    matches = sum(1 for _, v in filled if isinstance(v, str) and header_key(v) in header_keys)
    return matches >= 2 and matches >= len(filled) * 0.6


def _is_section(value: Any) -> bool:
    if not isinstance(value, str):
        return False
    text = value.strip()
    if (
        not text
        or len(text) > 40
        or _NOTE_PUNCTUATION.search(text)
        or any(ch.isdigit() for ch in text)
    ):
        return False
    return text.isupper() or parse.name_key(text) in KNOWN_DEPARTMENTS


def _is_note(value: Any) -> bool:
    """A trailing remark rather than data (``* Rates subject to change.``)."""
    return isinstance(value, str) and (
        len(value.strip()) > 40 or bool(_NOTE_PUNCTUATION.search(value))
    )


_TOTALS = frozenset({"total", "totals", "grand total"})


def _is_total_label(value: Any) -> bool:
    return type(value) is str and len(value) < 16 and value.strip().casefold() in _TOTALS


def _is_total_row(cells: list[Any]) -> bool:
    return any(_is_total_label(v) for v in cells)


def _full_name(row: list[Any], columns: dict[str, int]) -> str | None:
    parts = [
        _text(row[columns[c] - 1]) if c in columns and columns[c] <= len(row) else None
        for c in ("First Name", "Last Name")
    ]
    return " ".join(p for p in parts if p) or None


def _day_break(filled: list[tuple[int, Any]]) -> tuple[int, str, int] | None:
    """(day number, the text after it, 1-based column) of a day-break row, else None."""
    for col, value in filled:
        if isinstance(value, str):
            match = _END_OF_DAY.match(value)
            if match:
                return int(match.group(1)), match.group(2), col
    return None


def _normalisers(
    raw: dict[str, list[Any]], spec: TabSpec, settings: Settings
) -> tuple[dict[str, Callable[[list[Any]], list[Any]]], list[tuple[int, str, CellError]]]:
    """A normaliser per column, and the error cells found: (sheet row, column, error)."""
    kinds = {column.name: column.kind for column in spec.columns}
    normalisers: dict[str, Callable[[list[Any]], list[Any]]] = {}
    errors: list[tuple[int, str, CellError]] = []
    sheet_rows = raw["_row"]
    for name, cells in raw.items():
        if name.startswith("_"):
            continue
        has_errors = not ERROR_VALUES.isdisjoint(cells)
        if has_errors:
            errors.extend(
                (sheet_rows[i], name, CellError(v))
                for i, v in enumerate(cells)
                if isinstance(v, str) and v in ERROR_VALUES
            )
        normalisers[name] = _normaliser(kinds.get(name, "text"), settings, has_errors)
    return normalisers, errors


def _normaliser(
    kind: str, settings: Settings, has_errors: bool
) -> Callable[[list[Any]], list[Any]]:
    """The function turning a column's cells into typed values (error values become None)."""
    if kind == "phone":
        convert: Callable[[Any], Any] = partial(parse.normalize_phone, region=settings.region)
    else:
        convert = NORMALISERS[kind]
    empty = convert(None)
    if has_errors:
        return lambda cells: [
            None if isinstance(v, str) and v in ERROR_VALUES
            else empty if v is None else convert(v)
            for v in cells
        ]
    if convert is _text:
        return lambda cells: [
            (v.strip() or None) if v.__class__ is str else None if v is None else _text(v)
            for v in cells
        ]
    typed = ALREADY_TYPED.get(kind, ())
    return lambda cells: [
        v if type(v) in typed else empty if v is None else convert(v) for v in cells
    ]


def _assign_days(table: Table, settings: Settings) -> None:
    """Day numbers and dates for every scene, from a Day column or End-of-Day rows.

    ``extra["break_dates"]`` keeps each day-break's date and ``extra["break_cells"]``
    the cell it was read from (sheet row, column), for checks that compare them.
    """
    breaks: list[tuple[int, int, str, int]] = table.extra["day_breaks"]
    around = settings.shoot_start or settings.prep_start
    break_dates: dict[int, date | None] = {}
    break_cells: dict[int, tuple[int, int]] = {}
    for row, day, rest, col in breaks:
        break_dates[day] = parse.date_in_text(rest, around)
        break_cells[day] = (row, col)
    names = table.store.names
    sheet_rows = table.column("_row")
    if "Day" not in names or all(_missing(v) for v in table.column("Day")):
        days: list[int | None] = []
        for sheet_row in sheet_rows:
            following = [day for row, day, _, _ in breaks if row > sheet_row]
            days.append(following[0] if following else (max(break_dates, default=0) + 1))
        table.set_column("Day", days)
    dates = list(table.column("Date")) if "Date" in names else [None] * len(sheet_rows)
    for i, day in enumerate(table.column("Day")):
        if dates[i] is None and day in break_dates:
            dates[i] = break_dates[day]
    table.set_column("Date", dates)
    table.extra["break_dates"] = break_dates
    table.extra["break_cells"] = break_cells


def _missing(value: Any) -> bool:
    """What pandas' ``isna`` calls missing: None and NaN."""
    return value is None or (type(value) is float and value != value)
