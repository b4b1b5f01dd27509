"""A1 notation as the Sheets API reads and writes it: quoted titles, open ranges, named ranges."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .errors import ApiError

_CELL = re.compile(r"^([A-Za-z]{0,3})(\d*)$")
_PLAIN_TITLE = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
_CELL_LIKE = re.compile(r"^([A-Za-z]{1,3}\d+|[Rr]\d*[Cc]\d*|true|false)$", re.IGNORECASE)


@dataclass
class Span:
    """Zero-based half-open bounds; None means unbounded on that side."""

    row0: int | None
    row1: int | None
    col0: int | None
    col1: int | None


def col_letters(index: int) -> str:
    """0 -> 'A', 25 -> 'Z', 26 -> 'AA'."""
    letters = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


def col_index(letters: str) -> int:
    """'A' -> 0, 'AA' -> 26."""
    value = 0
    for ch in letters.upper():
        value = value * 26 + ord(ch) - 64
    return value - 1


def quote_title(title: str) -> str:
    """Title as Google writes it in returned ranges: bare when plain, quoted otherwise."""
    if _PLAIN_TITLE.match(title) and not _CELL_LIKE.match(title):
        return title
    return "'" + title.replace("'", "''") + "'"


def split_sheet(text: str) -> tuple[str | None, str | None, bool]:
    """Split 'Title'!A1:B2 into (title, cells, quoted). Raises ValueError when malformed."""
    if text.startswith("'"):
        i, title = 1, []
        while i < len(text):
            ch = text[i]
            if ch == "'":
                if text[i + 1 : i + 2] == "'":
                    title.append("'")
                    i += 2
                    continue
                rest = text[i + 1 :]
                if rest == "":
                    return "".join(title), None, True
                if rest.startswith("!") and len(rest) > 1:
                    return "".join(title), rest[1:], True
                raise ValueError(text)
            title.append(ch)
            i += 1
        raise ValueError(text)
    if "!" in text:
        title, _, cells = text.rpartition("!")
        if not title or not cells:
            raise ValueError(text)
        return title, cells, False
    return None, text, False


def parse_cells(text: str) -> Span:
    """Parse 'A1', 'A1:B2', 'A:C', 'A5:A', '1:2', 'A1:1'. Raises ValueError."""
    parts = text.split(":")
    if len(parts) > 2 or not all(parts):
        raise ValueError(text)
    ends = []
    for part in parts:
        m = _CELL.match(part)
        if not m or not (m.group(1) or m.group(2)):
            raise ValueError(text)
        col = col_index(m.group(1)) if m.group(1) else None
        row = int(m.group(2)) - 1 if m.group(2) else None
        if row is not None and row < 0:
            raise ValueError(text)
        ends.append((row, col))
    if len(ends) == 1:
        row, col = ends[0]
        if row is None or col is None:
            raise ValueError(text)
        return Span(row, row + 1, col, col + 1)
    (ra, ca), (rb, cb) = ends
    if (ra is None and cb is None) or (ca is None and rb is None):
        raise ValueError(text)
    rows = _order(ra, rb)
    cols = _order(ca, cb)
    return Span(rows[0], rows[1], cols[0], cols[1])


def _order(a: int | None, b: int | None) -> tuple[int | None, int | None]:
    """Order two optional indices, returning (start, end_exclusive)."""
    if a is None and b is None:
        return None, None
    if a is None or b is None:
        start = a if a is not None else b
        return start, None
    lo, hi = min(a, b), max(a, b)
    return lo, hi + 1


def format_range(title: str, row0: int, row1: int, col0: int, col1: int) -> str:
    """Bounded zero-based span as Google echoes it: Sheet1!A1:B2, or Sheet1!B3 for one cell."""
    start = f"{col_letters(col0)}{row0 + 1}"
    end = f"{col_letters(col1 - 1)}{row1}"
    cells = start if (row1 - row0 == 1 and col1 - col0 == 1) else f"{start}:{end}"
    return f"{quote_title(title)}!{cells}"


def parse_error(text: str) -> ApiError:
    """Google's 400 for a range it cannot read."""
    return ApiError(400, f"Unable to parse range: {text}")
