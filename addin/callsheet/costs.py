"""The "Cost of the day" box: the day's overtime forecast as call sheet text.

Only the department heads' / production copy carries it (``--show-costs``, or the
Settings' ``Show Costs On Call Sheet`` for the call sheet tab in the book); the
crew's copy never does. The box is added to a call sheet's content (``to_dict()``)
as the ``costs`` list and the ``costs_title`` / ``costs_note`` fields, so the crew's
content, and its version records, stay as they were.
"""

from __future__ import annotations

from typing import Any

from addin.daycost import DayCost, money, people_text

TITLE = "COST OF THE DAY (forecast from rates and planned hours; production only)"
TOTAL = "DAY TOTAL"
EMPTY: dict[str, Any] = {"costs": [], "costs_title": "", "costs_note": ""}
"""The box's content on every copy without it: nothing printed."""


def cost_box(day: DayCost | None) -> dict[str, Any]:
    """The box's list and fields for one day's forecast (an empty box when none)."""
    if day is None or not (day.departments or day.unrated or day.unplanned):
        return {**EMPTY, "costs_title": TITLE, "costs_note": "No crew with a rate works this day."}
    lines = [
        {"department": d.department, "people": people_text(d.people), "hours": d.hours,
         "pay": money(d.pay), "overtime": _overtime(d.overtime)}
        for d in day.departments
    ]
    lines.append({
        "department": TOTAL, "people": people_text(day.people), "hours": day.hours,
        "pay": money(day.pay), "overtime": _overtime(day.overtime),
    })
    notes = []
    if day.unrated:
        notes.append("no rate: " + ", ".join(p.name for p in day.unrated))
    if day.unplanned:
        notes.append("no call or wrap: " + ", ".join(day.unplanned))
    note = f"Not counted ({'; '.join(notes)})." if notes else ""
    return {"costs": lines, "costs_title": TITLE, "costs_note": note}


def _overtime(amount: float) -> str:
    return f"{money(amount)} OT" if amount else "no OT"


def has_cost_box(path: Any) -> bool:
    """Whether a call sheet .xlsx ProdDesk wrote carries the box (its title is in the sheet)."""
    import zipfile
    from pathlib import Path

    file = Path(path)
    if not file.exists():
        return False
    with zipfile.ZipFile(file) as archive:
        return any(
            TITLE.encode("utf-8") in archive.read(name)
            for name in archive.namelist() if name.startswith("xl/worksheets/")
        )
