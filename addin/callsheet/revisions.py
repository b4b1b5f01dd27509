"""Versioned call sheet files and what changed since the previous version.

The first call sheet of a day is ``<Production>_Day02_2026-12-04.xlsx``; a later
one is ``..._v2.xlsx``, ``..._v3.xlsx``. Nothing earlier is overwritten. Next to
each .xlsx a ``.json`` sidecar keeps the call sheet's content, from which the
next version's change list is computed.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from addin.files import write_atomic

_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")
CALLS = (("crew_call", "Crew call"), ("shooting_call", "Shooting call"), ("lunch", "Lunch"),
         ("wrap", "Est. wrap"))
SCENE_FIELDS = (("set", "set"), ("ie", "I/E"), ("dn", "D/N"), ("pages", "pages"),
                ("cast", "cast"), ("location", "location"))
CAST_FIELDS = (("status", "status"), ("pickup", "pickup"), ("hmu", "H/MU"),
               ("on_set", "on set"))
LOCATION_FIELDS = (("address", "address"), ("parking", "parking"),
                   ("hospital_line", "nearest hospital"))


def file_stem(production: str, day: int, on: str) -> str:
    """``The_Long_Take_Day02_2026-12-04``: safe in any file system."""
    name = _UNSAFE.sub("_", production.strip()).strip("._") or "Callsheet"
    stem = f"{name}_Day{day:02d}"
    return f"{stem}_{on}" if on else stem


def version_path(folder: Path, stem: str, version: int) -> Path:
    """The .xlsx path of one version (version 1 has no suffix)."""
    return folder / (f"{stem}.xlsx" if version == 1 else f"{stem}_v{version}.xlsx")


def latest_version(folder: Path, stem: str) -> int:
    """The highest version already written in the folder, 0 when none."""
    if not folder.is_dir():
        return 0
    pattern = re.compile(re.escape(stem) + r"(?:_v(\d+))?\.xlsx$")
    found = [
        int(match.group(1) or 1) for p in folder.iterdir() if (match := pattern.match(p.name))
    ]
    return max(found, default=0)


def sidecar(path: Path) -> Path:
    """The content JSON kept next to a call sheet file."""
    return path.with_suffix(".json")


def save_content(path: Path, content: dict[str, Any]) -> Path:
    """Write the content sidecar of a call sheet file."""
    target = sidecar(path)
    write_atomic(target, json.dumps(content, indent=1, ensure_ascii=False))
    return target


def load_content(path: Path) -> dict[str, Any] | None:
    """The content sidecar of a call sheet file, or None when missing or unreadable."""
    try:
        return json.loads(sidecar(path).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def _arrow(label: str, old: str, new: str) -> str:
    return f"{label}: {old or '(none)'} -> {new or '(none)'}"


def changes(old: dict[str, Any], new: dict[str, Any]) -> list[str]:
    """What changed between two versions' content, one line each, in call sheet order."""
    from addin import parse  # loads pandas; kept out of the CLI's start-up
    lines: list[str] = []
    if old.get("date") != new.get("date"):
        lines.append(_arrow("Date", old.get("date_text", ""), new.get("date_text", "")))
    for key, label in CALLS:
        if old.get(key, "") != new.get(key, ""):
            lines.append(_arrow(label, old.get(key, ""), new.get(key, "")))
    lines += _list_changes(
        old.get("locations", []), new.get("locations", []), lambda x: parse.name_key(x["name"]),
        lambda x: f"Location {x['name']}", LOCATION_FIELDS,
    )
    lines += _list_changes(
        old.get("scenes", []), new.get("scenes", []), lambda x: x["scene"],
        lambda x: f"Scene {x['scene']}", SCENE_FIELDS,
    )
    lines += _list_changes(
        old.get("cast", []), new.get("cast", []), lambda x: x["id"],
        lambda x: f"Cast #{x['id']} {x.get('character') or x.get('actor') or ''}".rstrip(),
        CAST_FIELDS,
    )
    general = (old.get("crew_call", ""), new.get("crew_call", ""))
    lines += _list_changes(
        old.get("crew", []), new.get("crew", []), lambda x: parse.name_key(x["name"]),
        lambda x: f"{x['name']} ({x['department'] or 'crew'})", (("call", "call"),),
        skip=lambda before, after: (before["call"], after["call"]) == general,
    )
    return lines


def _list_changes(
    old: list[dict[str, Any]],
    new: list[dict[str, Any]],
    key: Any,
    name: Any,
    fields: tuple[tuple[str, str], ...],
    skip: Any = None,
) -> list[str]:
    before = {key(x): x for x in old}
    after = {key(x): x for x in new}
    lines = [f"{name(x)} added" for k, x in after.items() if k not in before]
    lines += [f"{name(x)} removed" for k, x in before.items() if k not in after]
    for k, x in after.items():
        if k not in before or (skip and skip(before[k], x)):
            continue
        for field, label in fields:
            if before[k].get(field, "") != x.get(field, ""):
                lines.append(_arrow(f"{name(x)} {label}", before[k].get(field, ""),
                                    x.get(field, "")))
    return lines
