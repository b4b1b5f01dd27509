"""The rule registry and runner.

A rule is a function over a ``Context`` that yields ``Flag``s (from
``table.flag(...)``); ``@rule`` records its id, default severity and the tabs it
needs, and its docstring is its help text. The runner skips rules whose tabs
are missing, stamps id and severity, and turns a crashing rule into a
``rule.crashed`` finding instead of stopping.
"""

from __future__ import annotations

import logging
import traceback
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from typing import TYPE_CHECKING

from addin.book import Book
from addin.model import Finding, Flag, Severity
from addin.settings import Settings

if TYPE_CHECKING:
    from addin.dayplan import DayCohorts

log = logging.getLogger(__name__)


@dataclass
class Context:
    """What every rule may look at."""

    book: Book
    today: date

    @property
    def settings(self) -> Settings:
        """The production's settings."""
        return self.book.settings

    @cached_property
    def shoot_days(self) -> dict[int, date | None]:
        """Shoot day number -> date, from the Days tab and the Schedule."""
        from addin.days import shoot_days

        return shoot_days(self.book)

    @cached_property
    def day_cohorts(self) -> DayCohorts:
        """The day plan with the crew who follow their department's calls kept as cohorts
        (``dayplan.cohort_plan``): what the rest, meal and overtime checks read."""
        from addin.dayplan import cohort_plan

        return cohort_plan(self.book)

    @cached_property
    def shoot_dates(self) -> list[date]:
        """The dates of all shoot days, sorted."""
        return sorted(d for d in self.shoot_days.values() if d is not None)


RuleFunc = Callable[[Context], Iterable[Flag]]


@dataclass(frozen=True)
class Rule:
    """A registered check."""

    id: str
    severity: Severity
    needs: tuple[str, ...]
    func: RuleFunc = field(compare=False)

    @property
    def help(self) -> str:
        """The user-facing description (the function's docstring)."""
        return (self.func.__doc__ or "").strip()


REGISTRY: dict[str, Rule] = {}


def rule(
    rule_id: str, severity: Severity, *, needs: tuple[str, ...]
) -> Callable[[RuleFunc], RuleFunc]:
    """Register a check under a stable id, with the tabs it needs."""

    def register(func: RuleFunc) -> RuleFunc:
        if rule_id in REGISTRY:
            raise ValueError(f"rule {rule_id} registered twice")
        REGISTRY[rule_id] = Rule(rule_id, severity, needs, func)
        return func

    return register


def run_rules(book: Book, today: date | None = None) -> list[Finding]:
    """Every applicable rule over the book; findings sorted errors first."""
    _load_rule_modules()
    context = Context(book, today or date.today())
    findings: list[Finding] = []
    for registered in REGISTRY.values():
        if not book.has(*registered.needs):
            continue
        try:
            for flag in registered.func(context):
                findings.append(flag.stamp(registered.id, registered.severity))
        except Exception as exc:  # a broken rule must not stop the others
            log.error("rule %s crashed:\n%s", registered.id, traceback.format_exc())
            findings.append(
                Finding(
                    severity=Severity.ERROR,
                    rule="rule.crashed",
                    sheet=book.label,
                    row=None,
                    column=None,
                    cell=None,
                    message=f"The check {registered.id} could not run ({exc}); "
                    "the other checks ran. Please report this.",
                )
            )
    findings.sort(key=lambda f: f.sort_key)
    return findings


def _load_rule_modules() -> None:
    from addin.rules import (  # noqa: F401
        budget,
        cells,
        crew,
        day,
        overtime,
        pos,
        reading,
        schedule,
        settings,
        vendors,
    )
