"""Production settings: defaults, overlaid by the book's Settings tab."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from addin import functions, parse
from addin.hosts.base import Grid
from addin.schema import SETTINGS_KEYS, header_key

DEFAULT_COI_WARNING_DAYS = 14
DEFAULT_PO_APPROVAL_THRESHOLD = 2500.0
DEFAULT_UNPAID_MEAL_MINUTES = 0
DEFAULT_DOOD_DROP_DAYS = 10


@dataclass
class Settings:
    """The Settings tab as typed values (``values`` keeps every known key as read)."""

    values: dict[str, Any] = field(default_factory=dict)
    cells: dict[str, tuple[int, int]] = field(default_factory=dict)

    def get(self, key: str, default: Any = None) -> Any:
        """A setting by its canonical name, or the default when absent or blank."""
        value = self.values.get(key)
        return default if value is None or value == "" else value

    @property
    def region(self) -> str:
        """Two-letter country code for phone numbers (default US)."""
        region = str(self.get("Region", "US")).strip().upper()
        return {"USA": "US", "UK": "GB", "UNITED STATES": "US", "UNITED KINGDOM": "GB"}.get(
            region, region
        )[:2] or "US"

    @property
    def coi_warning_days(self) -> int:
        """Days before a COI expires that it is reported as expiring."""
        return int(self.get("COI Warning Days", DEFAULT_COI_WARNING_DAYS))

    @property
    def po_approval_threshold(self) -> float:
        """PO amount above which an approver is required."""
        return float(self.get("PO Approval Threshold", DEFAULT_PO_APPROVAL_THRESHOLD))

    @property
    def unpaid_meal_minutes(self) -> int:
        """Minutes of unpaid meal taken off each planned day in the overtime forecast."""
        return max(0, int(self.get("Unpaid Meal Minutes", DEFAULT_UNPAID_MEAL_MINUTES)))

    @property
    def show_costs_on_call_sheet(self) -> bool:
        """Whether call sheet tabs written into the book carry the Cost of the day box."""
        return parse.parse_yes_no(self.get("Show Costs On Call Sheet", "no")) is True

    @property
    def dood_drop_days(self) -> int:
        """Days off between two work days above which the DOOD drops and picks a cast
        member up again instead of holding them."""
        return int(self.get("DOOD Drop Days", DEFAULT_DOOD_DROP_DAYS))

    @property
    def prep_start(self) -> date | None:
        """First day of prep."""
        return self.get("Prep Start")

    @property
    def shoot_start(self) -> date | None:
        """First shoot day."""
        return self.get("Shoot Start")

    @property
    def wrap_date(self) -> date | None:
        """Wrap date."""
        return self.get("Wrap Date")

    def turnaround_hours(self, kind: str) -> float:
        """Minimum daily rest of ``crew`` or ``cast``: ``Turnaround Crew/Cast Hours`` (10, 12)."""
        return self._hours(f"Turnaround {kind.title()} Hours", functions.REST_HOURS[kind])

    def weekly_rest_hours(self, kind: str) -> float:
        """Minimum rest over a weekend: ``Weekly Rest Crew/Cast Hours`` (54, 56)."""
        return self._hours(f"Weekly Rest {kind.title()} Hours", functions.WEEKLY_REST_HOURS[kind])

    @property
    def meal_interval_hours(self) -> float:
        """Hours from call (or from the end of a meal) by which a meal is due (default 6)."""
        return self._hours("Meal Interval Hours", functions.MEAL_INTERVAL_HOURS)

    def meal_penalties(self, kind: str) -> tuple[float, ...] | None:
        """``Meal Penalty Crew/Cast``: dollars for the 1st, 2nd, ... half hour late (the last
        repeats); the default when blank (25, 35, 50); None when typed but not amounts."""
        typed = self.get(f"Meal Penalty {kind.title()}")
        if typed is None:
            return functions.MEAL_PENALTIES[kind]
        return parse_schedule(typed)

    def _hours(self, key: str, default: float) -> float:
        value = self.get(key)
        return default if value is None else float(value)

    @property
    def timezone(self) -> str | None:
        """The IANA timezone typed in Settings, or None (``addin.timezones`` then looks at the
        locations' coordinates)."""
        value = self.get("Timezone")
        return str(value).strip() or None if value is not None else None


def parse_schedule(value: Any) -> tuple[float, ...] | None:
    """``25, 35, 50`` or ``$10 / $12.50 / $15`` as amounts; None when any part is not one."""
    parts = [p for p in str(value).replace("/", ",").replace(";", ",").split(",") if p.strip()]
    amounts = tuple(parse.parse_money(p) for p in parts)
    if not amounts or any(a is None or a < 0 for a in amounts):
        return None
    return amounts  # type: ignore[return-value]


_CONVERT = {
    "text": lambda v: None if parse.is_blank(v) else parse.display(v),
    "date": parse.parse_date,
    "money": parse.parse_money,
    "hours": parse.parse_hours,
    "int": lambda v: None if parse.parse_money(v) is None else int(parse.parse_money(v)),
}


def read_settings(grid: Grid) -> Settings:
    """Setting/Value pairs: the first filled cell of a row is the key, the next its value."""
    lookup: dict[str, str] = {}
    for key, (aliases, _) in SETTINGS_KEYS.items():
        for name in (key, *aliases):
            lookup.setdefault(header_key(name), key)
    settings = Settings()
    fixed_column = value_column(grid)
    for r, row in enumerate(grid, start=1):
        filled = [(c, v) for c, v in enumerate(row, start=1) if not parse.is_blank(v)]
        if not filled:
            continue
        key = lookup.get(header_key(filled[0][1]))
        if key is None or key in settings.values:
            continue
        if fixed_column:
            column = fixed_column
            value = row[column - 1] if len(row) >= column else None
        else:
            column = filled[1][0] if len(filled) > 1 else filled[0][0] + 1
            value = filled[1][1] if len(filled) > 1 else None
        kind = SETTINGS_KEYS[key][1]
        settings.values[key] = None if parse.is_blank(value) else _CONVERT[kind](value)
        settings.cells[key] = (r, column)
    return settings


def value_column(grid: Grid) -> int | None:
    """The 1-based ``Value`` column when the tab has a Setting / Value header row."""
    for row in grid[:15]:
        keys = [header_key(v) if isinstance(v, str) else "" for v in row]
        if "value" in keys and any(k in {"setting", "settings", "key", "item"} for k in keys):
            return keys.index("value") + 1
    return None
