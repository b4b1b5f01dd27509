"""The call counter: one count per engine call that would be a COM round-trip in Excel."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from functools import wraps
from typing import Any

_CALLS: Counter[str] = Counter()


def count(kind: str) -> None:
    """Record one engine call of this kind (e.g. ``range.value.get``)."""
    _CALLS[kind] += 1


def counted(kind: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Decorate an engine method so that every call of it is counted as ``kind``."""

    def decorate(func: Callable[..., Any]) -> Callable[..., Any]:
        @wraps(func)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            count(kind)
            return func(*args, **kwargs)

        return wrapper

    return decorate


def engine_stats() -> dict[str, int]:
    """Calls per kind since the last reset, plus ``total``."""
    stats = dict(_CALLS)
    stats["total"] = sum(_CALLS.values())
    return stats


def reset_stats() -> None:
    """Start counting from zero."""
    _CALLS.clear()
