"""Test switches: the request log and injected faults (status codes, delays)."""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field
from typing import Any

from .errors import ApiError, quota_error


@dataclass
class Fault:
    """Answer matching requests with `status` (and/or wait `delay` seconds), `times` times.

    match: substring of 'METHOD /raw/path?query' or of the decoded path; None matches all.
    times: how many requests it affects; None means every one until cleared.
    after: how many matching requests to let through first (to fail the 2nd of 3).
    """

    status: int | None = None
    delay: float = 0.0
    times: int | None = 1
    match: str | None = None
    method: str | None = None
    body: dict[str, Any] | None = None
    after: int = 0

    def matches(self, method: str, raw: str, decoded: str) -> bool:
        """True when this fault applies to the request."""
        if self.method and self.method.upper() != method.upper():
            return False
        if self.match is None:
            return True
        return self.match in f"{method} {raw}" or self.match in decoded

    def error(self, method: str) -> ApiError:
        """The error Google would send for this status."""
        if self.body is not None:
            error = self.body.get("error", {})
            return ApiError(self.status or 500, error.get("message"), error.get("details"))
        if self.status == 429:
            return quota_error(write=method.upper() != "GET")
        return ApiError(self.status or 500)


@dataclass
class Switches:
    """Shared, thread-safe log and fault list of one fake server."""

    log: list[dict[str, Any]] = field(default_factory=list)
    faults: list[Fault] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add_fault(self, spec: dict[str, Any]) -> Fault:
        """Add a fault from its JSON spec ({"status", "times", "match", "delay", ...})."""
        fault = Fault(
            status=spec.get("status"),
            delay=float(spec.get("delay") or 0.0),
            times=spec.get("times", 1),
            match=spec.get("match"),
            method=spec.get("method"),
            body=spec.get("body"),
            after=int(spec.get("after") or 0),
        )
        with self.lock:
            self.faults.append(fault)
        return fault

    def take_fault(self, method: str, raw: str, decoded: str) -> Fault | None:
        """The first live fault for this request, with one use spent."""
        with self.lock:
            for fault in self.faults:
                if fault.matches(method, raw, decoded):
                    if fault.after > 0:
                        fault.after -= 1
                        continue
                    if fault.times is not None:
                        fault.times -= 1
                        if fault.times <= 0:
                            self.faults.remove(fault)
                    return fault
        return None

    def record(self, entry: dict[str, Any]) -> None:
        """Append one request to the log."""
        with self.lock:
            self.log.append(entry)

    def snapshot(self) -> list[dict[str, Any]]:
        """A copy of the log."""
        with self.lock:
            return [dict(e) for e in self.log]

    def clear_log(self) -> None:
        """Forget logged requests."""
        with self.lock:
            self.log.clear()

    def clear_faults(self) -> None:
        """Remove every pending fault."""
        with self.lock:
            self.faults.clear()

    def fault_specs(self) -> list[dict[str, Any]]:
        """Pending faults as JSON."""
        with self.lock:
            return [
                {"status": f.status, "delay": f.delay, "times": f.times, "match": f.match,
                 "method": f.method}
                for f in self.faults
            ]  # fmt: skip


def now() -> float:
    """Wall-clock time for log entries."""
    return time.time()
