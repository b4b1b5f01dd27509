"""Bounds on what a client may send ``proddesk serve`` before anything else looks at it.

An ASGI middleware in front of the application: the body is read chunk by chunk and the
request refused with 413 as soon as it passes ``max_body`` (whether or not it announced a
Content-Length, so a chunked body cannot fill the memory), with 408 when it does not arrive
within ``body_seconds`` (a slow client holds no worker for long), and a client that hangs up
mid-body is one line in the log. The application then gets the body, already read, replayed.
Header size and connection counts are bounded by uvicorn (``server_options``).
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
from collections.abc import Awaitable, Callable, Iterable
from typing import Any

log = logging.getLogger("addin.google.server")

Scope = dict[str, Any]
Message = dict[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]
CONFIRM_PREFIX = "/confirm/"
"""Paths that carry a confirm link's token: never logged as they are."""


def logged_path(path: str) -> str:
    """A request path as it may appear in the log: a confirm link's token left out."""
    return CONFIRM_PREFIX + "..." if path.startswith(CONFIRM_PREFIX) else path


class _Refused(Exception):
    def __init__(self, status: int, sentence: str) -> None:
        super().__init__(sentence)
        self.status = status


async def _refuse(send: Send, status: int, sentence: str) -> None:
    body = json.dumps({"error": sentence}).encode()
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"application/json"),
                            (b"content-length", str(len(body)).encode()),
                            (b"connection", b"close")]})
    await send({"type": "http.response.body", "body": body})


class BodyLimit:
    """Reads at most ``max_body`` bytes of each request body within ``body_seconds``."""

    def __init__(self, app: ASGIApp, max_body: int, body_seconds: float,
                 exempt: Iterable[str] = ()) -> None:
        self.app = app
        self.max_body = max_body
        self.body_seconds = body_seconds
        self.exempt = frozenset(exempt)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Pass the request on with its body read, or answer 413 / 408 / nothing (hang-up)."""
        if scope["type"] != "http" or scope["path"] in self.exempt:
            await self.app(scope, receive, send)
            return
        too_big = f"The request body is over {self.max_body // 1024} KiB."
        for name, value in scope.get("headers", ()):
            if name == b"content-length" and (not value.isdigit() or int(value) > self.max_body):
                await _refuse(send, 413 if value.isdigit() else 400,
                              too_big if value.isdigit() else "The Content-Length is not a number.")
                return
        try:
            body = await asyncio.wait_for(self._read(receive), self.body_seconds)
        except _Refused as refused:
            await _refuse(send, refused.status, str(refused))
            await _drain(receive)
            return
        except TimeoutError:
            log.info("refused %s: the body did not arrive within %.0f s",
                     logged_path(scope["path"]),
                     self.body_seconds)
            await _refuse(send, 408, "The request body did not arrive in time.")
            return
        if body is None:
            log.info("client %s hung up before sending the whole body of %s",
                     _client(scope), logged_path(scope["path"]))
            return
        await self.app(scope, _replay(body, receive), send)

    async def _read(self, receive: Receive) -> bytes | None:
        chunks: list[bytes] = []
        size = 0
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                return None
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > self.max_body:
                raise _Refused(413, f"The request body is over {self.max_body // 1024} KiB.")
            chunks.append(chunk)
            if not message.get("more_body", False):
                return b"".join(chunks)


async def _drain(receive: Receive, most: int = 1 << 20, seconds: float = 1.0) -> None:
    """Read (and drop) a little more of a refused body, so that closing the connection does
    not reset it before the client has read the refusal."""
    async def drain() -> None:
        left = most
        while left > 0:
            message = await receive()
            if message["type"] == "http.disconnect" or not message.get("more_body", False):
                return
            left -= len(message.get("body", b""))

    with contextlib.suppress(TimeoutError):
        await asyncio.wait_for(drain(), seconds)


def _client(scope: Scope) -> str:
    client = scope.get("client")
    return f"{client[0]}:{client[1]}" if client else "unknown"


def _replay(body: bytes, receive: Receive) -> Receive:
    sent = False

    async def replay() -> Message:
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}
        return await receive()

    return replay


def server_options() -> dict[str, Any]:
    """uvicorn settings that bound headers, idle connections and concurrent requests."""
    return {
        "http": "h11",                    # the parser whose header limit is set below
        "limit_concurrency": 32,          # past this, new connections get 503 at once
        "backlog": 64,
        "timeout_keep_alive": 5,          # an idle keep-alive connection is closed after 5 s
        "h11_max_incomplete_event_size": 16 * 1024,  # request line + headers at most 16 KiB
        "timeout_graceful_shutdown": 10,
        "access_log": False,
    }


