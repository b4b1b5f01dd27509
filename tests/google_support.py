"""Test helpers for the Google Sheets host: a fake Sheets API in a thread, and a real gspread
client pointed at it.

    with start_fake_sheets() as fake:
        sid = fake.load_xlsx(tmp_path / "book.xlsx")
        gc = gspread_client(fake.base_url)
        sh = gc.open_by_key(sid)
        fake.add_fault(status=429, times=2, match="values:batchGet")
        fake.requests()  # what the client sent
"""

from __future__ import annotations

import json
import threading
import urllib.request
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import gspread
from fake_sheets import Book, FakeSheetsServer, load_grids, load_xlsx
from gspread.http_client import BackOffHTTPClient, HTTPClient

GOOGLE_BASES = (
    "https://sheets.googleapis.com",
    "https://www.googleapis.com",
    "https://docs.google.com",
)


class FakeSheets:
    """A running fake server: load books, read the request log, switch faults on."""

    def __init__(self, server: FakeSheetsServer, thread: threading.Thread) -> None:
        self.server = server
        self.thread = thread

    @property
    def base_url(self) -> str:
        """http://127.0.0.1:PORT, to stand in for Google's hosts."""
        return self.server.base_url

    def load_xlsx(self, path: str | Path, spreadsheet_id: str | None = None) -> str:
        """Serve an .xlsx workbook as a spreadsheet; return its id."""
        return self.server.state.add_book(load_xlsx(path, spreadsheet_id))

    def unshare(self, spreadsheet_id: str) -> None:
        """Make the spreadsheet one that exists but is not shared with the service account."""
        self.server.state.unshare(spreadsheet_id)

    def load_grids(
        self,
        grids: Mapping[str, Sequence[Sequence[Any]]],
        spreadsheet_id: str | None = None,
        title: str = "Production Book",
        user_entered: bool = False,
        notes: Mapping[str, Mapping[str, str]] | None = None,
        fills: Mapping[str, Mapping[str, str]] | None = None,
    ) -> str:
        """Serve {tab: rows} as a spreadsheet; return its id (see fake_sheets.load_grids)."""
        book = load_grids(grids, spreadsheet_id, title, user_entered, notes, fills)
        return self.server.state.add_book(book)

    def book(self, spreadsheet_id: str) -> Book:
        """The live in-memory spreadsheet (for assertions beyond what the API shows)."""
        return self.server.state.books[spreadsheet_id]

    def requests(self) -> list[dict[str, Any]]:
        """Logged API requests: method, path, raw_path, query, body_size, time, kind, status."""
        return self.server.state.switches.snapshot()

    def clear_requests(self) -> None:
        """Forget logged requests."""
        self.server.state.switches.clear_log()

    def add_fault(
        self,
        status: int | None = None,
        times: int | None = 1,
        match: str | None = None,
        delay: float = 0.0,
        method: str | None = None,
        after: int = 0,
    ) -> None:
        """Answer the next `times` matching requests with `status` (429 gets Google's quota
        body) and/or after `delay` seconds; times=None keeps it on until clear_faults();
        `after` lets that many matching requests through first."""
        spec = {"status": status, "times": times, "match": match, "delay": delay, "after": after}
        self.server.state.switches.add_fault({**spec, "method": method})

    def clear_faults(self) -> None:
        """Remove pending faults."""
        self.server.state.switches.clear_faults()

    def require_token(self, token: str | None) -> None:
        """Accept only this bearer token (None: any non-empty token)."""
        self.server.state.token = token

    def get_json(self, path: str) -> Any:
        """GET a control path such as /_requests over real HTTP."""
        with urllib.request.urlopen(self.base_url + path, timeout=10) as response:
            return json.loads(response.read())

    def stop(self) -> None:
        """Shut the server down."""
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(timeout=5)


@contextmanager
def start_fake_sheets() -> Iterator[FakeSheets]:
    """Run a fake server on 127.0.0.1 with a free port for the duration of the block."""
    server = FakeSheetsServer(("127.0.0.1", 0))
    thread = threading.Thread(
        target=server.serve_forever, kwargs={"poll_interval": 0.05}, name="fake-sheets", daemon=True
    )
    thread.start()
    fake = FakeSheets(server, thread)
    try:
        yield fake
    finally:
        fake.stop()


def local_http_client(base_url: str, backoff: bool = False) -> type[HTTPClient]:
    """An HTTPClient subclass that sends Google's URLs to base_url instead."""

    class LocalHTTPClient(HTTPClient):
        def request(self, method: str, endpoint: str, *args: Any, **kwargs: Any) -> Any:
            for prefix in GOOGLE_BASES:
                if endpoint.startswith(prefix):
                    endpoint = base_url + endpoint[len(prefix) :]
                    break
            return super().request(method, endpoint, *args, **kwargs)

    if not backoff:
        return LocalHTTPClient

    class LocalBackOffHTTPClient(BackOffHTTPClient, LocalHTTPClient):
        pass

    return LocalBackOffHTTPClient


def gspread_client(
    base_url: str, token: str = "fake-token", backoff: bool = False
) -> gspread.Client:
    """A real gspread Client talking to the fake, with a token-only credential.

    backoff=True uses gspread's BackOffHTTPClient (which sleeps 2, 4, 8 s ... on 429/5xx)."""
    from google.oauth2.credentials import Credentials

    client = gspread.Client(
        auth=Credentials(token=token), http_client=local_http_client(base_url, backoff)
    )
    client.http_client.session.trust_env = False
    return client


@contextmanager
def serve_app(app: Any) -> Iterator[str]:
    """Run a `proddesk serve` application under real uvicorn (its production settings) on a
    free 127.0.0.1 port for the block; yields its base URL."""
    import uvicorn

    from addin.google.limits import server_options

    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=0, log_level="error",
                                           **server_options()))
    thread = threading.Thread(target=server.run, name="proddesk-serve", daemon=True)
    thread.start()
    while not server.started:
        if not thread.is_alive():
            raise RuntimeError("the server did not start")
        thread.join(0.05)
    port = server.servers[0].sockets[0].getsockname()[1]
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)
