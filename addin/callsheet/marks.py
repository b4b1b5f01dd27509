"""What a revised call sheet marks: the values changed since the previous version.

A changed value is printed with ``CHANGED_MARK`` after it (``7:30 AM *``); the
revision banner says what the mark means. Only the rendered copy is marked: the
content kept next to the file stays as built, so the next version compares values.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from addin.callsheet.revisions import CALLS, CAST_FIELDS, LOCATION_FIELDS, SCENE_FIELDS

CHANGED_MARK = " *"
LOCATION_PARTS = ("hospital", "hospital_address", "hospital_phone")


def revised_banner(version: int, made: datetime | None = None) -> str:
    """``REVISED - Version 2 - Dec 2, 2026 4:15 PM - changes marked *`` (empty for version 1)."""
    if version <= 1:
        return ""
    made = made or datetime.now().astimezone()
    clock = made.strftime("%I:%M %p").lstrip("0")
    return (
        f"REVISED - Version {version} - {made:%b} {made.day}, {made.year} {clock}"
        f" - changes marked{CHANGED_MARK}"
    )


def _mark(item: dict[str, Any], key: str) -> None:
    if item.get(key):
        item[key] = f"{item[key]}{CHANGED_MARK}"


def _mark_list(
    old: list[dict[str, Any]], new: list[dict[str, Any]], key: Any, fields: tuple[str, ...],
    name_field: str,
) -> list[dict[str, Any]]:
    before = {key(x): x for x in old}
    marked = []
    for item in new:
        item = dict(item)
        previous = before.get(key(item))
        if previous is None:
            _mark(item, name_field)
        else:
            for field in fields:
                if field in previous and previous[field] != item.get(field, ""):
                    _mark(item, field)
        marked.append(item)
    return marked


def mark_changed(old: dict[str, Any], new: dict[str, Any]) -> dict[str, Any]:
    """A copy of the call sheet content with every value changed since ``old`` marked."""
    from addin import parse  # loads pandas; kept out of the CLI's start-up

    data = dict(new)
    if old.get("date") != new.get("date"):
        _mark(data, "date_text")
    for key, _ in CALLS:
        if old.get(key, "") != new.get(key, ""):
            _mark(data, key)
    location_fields = tuple(f for f, _ in LOCATION_FIELDS) + LOCATION_PARTS
    # the parts of the hospital line are compared through the line itself
    data["locations"] = _mark_list(
        [{**x, **{p: x.get(p, "") for p in LOCATION_PARTS}} for x in old.get("locations", [])],
        new.get("locations", []), lambda x: parse.name_key(x["name"]), location_fields, "name",
    )
    scene_fields = (*(f for f, _ in SCENE_FIELDS), "description")
    data["scenes"] = _mark_list(
        old.get("scenes", []), new.get("scenes", []), lambda x: x["scene"], scene_fields, "scene"
    )
    data["cast"] = _mark_list(
        old.get("cast", []), new.get("cast", []), lambda x: x["id"],
        tuple(f for f, _ in CAST_FIELDS), "id",
    )
    data["crew"] = _mark_list(
        old.get("crew", []), new.get("crew", []), lambda x: parse.name_key(x["name"]),
        ("call",), "name",
    )
    return data
