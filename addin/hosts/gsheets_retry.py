"""Truncated exponential backoff with jitter for Google's 429 and 5xx answers.

Google's advice (Sheets API limits): wait min(2**n + random ms, maximum_backoff) between
tries, n growing by one each time, and give up after a bounded number of tries.
"""

from __future__ import annotations

import logging
import random
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from gspread.exceptions import APIError

log = logging.getLogger("addin.hosts.gsheets")

T = TypeVar("T")
RETRYABLE = {408, 429}


def retryable(error: APIError) -> bool:
    """Quota (429), timeout (408) and server (5xx) errors are worth another try."""
    code = getattr(error, "code", None) or error.response.status_code
    return code in RETRYABLE or code >= 500


@dataclass
class Retry:
    """How many tries, and the first wait and the cap in seconds."""

    tries: int = 5
    base: float = 1.0
    cap: float = 32.0
    sleep: Callable[[float], None] = field(default=time.sleep, repr=False)

    def wait(self, attempt: int) -> float:
        """Seconds before try ``attempt + 1`` (attempt counts from 0)."""
        return min(self.base * 2**attempt + random.uniform(0, self.base), self.cap)

    def call(self, what: str, fn: Callable[[], T]) -> T:
        """Run ``fn``; on a retryable API error wait and try again, at most ``tries`` times."""
        from gspread.exceptions import APIError  # only a Google command pays for gspread

        for attempt in range(self.tries):
            try:
                return fn()
            except APIError as error:
                if not retryable(error) or attempt == self.tries - 1:
                    raise
                pause = self.wait(attempt)
                log.info(
                    "%s: Google answered %s, trying again in %.1f s",
                    what,
                    error.response.status_code,
                    pause,
                )
                self.sleep(pause)
        raise AssertionError("unreachable")


def status_of(error: Any) -> int | None:
    """The HTTP status of a gspread APIError."""
    response = getattr(error, "response", None)
    return getattr(response, "status_code", None)
