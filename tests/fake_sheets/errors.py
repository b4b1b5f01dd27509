"""Google's error bodies: {"error": {"code", "message", "status"[, "details"]}}."""

from __future__ import annotations

from typing import Any

STATUS_NAMES = {
    400: "INVALID_ARGUMENT",
    401: "UNAUTHENTICATED",
    403: "PERMISSION_DENIED",
    404: "NOT_FOUND",
    409: "ALREADY_EXISTS",
    429: "RESOURCE_EXHAUSTED",
    500: "INTERNAL",
    501: "UNIMPLEMENTED",
    503: "UNAVAILABLE",
    504: "DEADLINE_EXCEEDED",
}

DEFAULT_MESSAGES = {
    400: "Request contains an invalid argument.",
    401: (
        "Request is missing required authentication credential. Expected OAuth 2 access "
        "token, login cookie or other valid authentication credential. See "
        "https://developers.google.com/identity/sign-in/web/devconsole-project."
    ),
    403: "The caller does not have permission",
    404: "Requested entity was not found.",
    500: "Internal error encountered.",
    503: "The service is currently unavailable.",
    504: "The service is currently unavailable.",
}


class ApiError(Exception):
    """An error answer; `body()` gives the JSON Google would send."""

    def __init__(
        self,
        code: int,
        message: str | None = None,
        details: list[dict[str, Any]] | None = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        self.code = code
        self.message = message if message is not None else DEFAULT_MESSAGES.get(code, "Error")
        self.details = details
        self.headers = headers or {}
        super().__init__(f"[{code}] {self.message}")

    def body(self) -> dict[str, Any]:
        """The error object in the Sheets v4 shape."""
        error: dict[str, Any] = {
            "code": self.code,
            "message": self.message,
            "status": STATUS_NAMES.get(self.code, "UNKNOWN"),
        }
        if self.details:
            error["details"] = self.details
        return {"error": error}


def quota_error(write: bool) -> ApiError:
    """The per-user quota 429 as recorded (no Retry-After header)."""
    kind, limit = (
        ("Write", "WriteRequestsPerMinutePerUser")
        if write
        else (
            "Read",
            "ReadRequestsPerMinutePerUser",
        )
    )
    message = (
        f"Quota exceeded for quota metric '{kind} requests' and limit '{kind} requests per "
        f"minute per user' of service 'sheets.googleapis.com' for consumer "
        f"'project_number:1071851248496'."
    )
    details = [
        {
            "@type": "type.googleapis.com/google.rpc.ErrorInfo",
            "reason": "RATE_LIMIT_EXCEEDED",
            "domain": "googleapis.com",
            "metadata": {
                "service": "sheets.googleapis.com",
                "quota_limit": limit,
                "quota_metric": f"sheets.googleapis.com/{kind.lower()}_requests",
                "consumer": "projects/1071851248496",
            },
        }
    ]
    return ApiError(429, message, details)


def drive_body(code: int, message: str, reason: str, location: str | None = None) -> dict:
    """Drive v3's error shape, with its errors[] list."""
    item: dict[str, Any] = {"message": message, "domain": "global", "reason": reason}
    if location:
        item["location"] = location
        item["locationType"] = "parameter" if location == "fileId" else "header"
    error: dict[str, Any] = {"code": code, "message": message, "errors": [item]}
    if code == 401:
        error["status"] = "UNAUTHENTICATED"
    return {"error": error}
