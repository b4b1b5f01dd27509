"""``proddesk serve``: the HTTP API behind the Google Sheets menu and custom functions.

JSON in, JSON out. Every request but /health is signed (see signing.py) and carries a
``nonce`` field in its JSON body: a random text, new for every request (a UUID), at most
200 characters. The nonce is part of the signed body; a nonce already seen within the
signing window (5 minutes) is refused as a replay (401), a body without one with 400. So two
identical formulas calculated in the same second are two requests, not a replay.

Every body names the spreadsheet it comes from (``spreadsheet_id``): the request must be signed
with that production's own secret (see config.py), so a secret read out of one show's script
cannot act on, or read, another show's book. Only spreadsheets listed in productions.toml can
be acted on or read (403 otherwise). Bodies are bounded while they stream (limits.py).
Request problems are ``{"error": "one sentence"}`` with a 4xx/5xx status.

    POST /actions/check      {"nonce", "spreadsheet_id"}         checks, Checks tab and marks
    POST /actions/clear      {"nonce", "spreadsheet_id"}         removes them again
    POST /actions/callsheet  {"nonce", "spreadsheet_id", "day"}  writes the 'Call Sheet DN' tab
    POST /actions/dood       {"nonce", "spreadsheet_id"}         writes the 'DOOD' tab
    POST /actions/sync       {"nonce", "spreadsheet_id"}         one sync cycle for that book
    POST /actions/send, /actions/send/results                    Gmail sending (send_route.py)
    POST /functions/{NAME}   {"nonce", "args": [...]}            PD_DAYPAY, PD_PAGES, ... -> value
    POST /functions/{NAME}   {"nonce", "args", "spreadsheet_id"} PD_CALLTIME, PD_NEXTPO, ...
    GET  /health                                                 unauthenticated status
    GET  /confirm/{token}, POST /confirm/{token}                 a crew member's Confirm link
    POST /confirmations      {"nonce", "book"}                   a book's confirmations

The confirm routes (confirm.py) are signed by their token, not by headers; /confirmations is
signed with the secret of the book it names (a listed production or [[book]]).

Functions answer ``{"value": ...}`` with the same names and meanings as the Excel UDFs
(addin/excel/udfs.py): the pure ones of addin.functions and the book lookups of
addin.lookups (PD_CALLTIME, PD_COISTATUS(vendor, [as_of]), PD_BUDGETLEFT, PD_NEXTPO,
PD_SWHF, PD_SUNRISE, PD_SUNSET, PD_DAYCOST(day, [department])). An argument may be a range
(a list of rows, or a flat list for a column): the value is then rows of the same shape,
blank where the range is blank (``functions.over_ranges``, shared with Excel). A value a
function refuses is answered with its sentence as the value (``PD_DAYPAY: rate 'TBD' is not
a rate ...``), in a range in its place. Times are answered as text (``7:00 AM``). The book
of a lookup is read through the Google host once and kept ``BOOK_SECONDS`` (a
recalculation's burst of cells costs one read); menu actions forget it.
"""

from __future__ import annotations

import datetime as dt
import inspect
import json
import logging
import threading
import time
from collections.abc import Callable
from typing import Any

from fastapi import FastAPI, HTTPException, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel, Field

from addin import functions, lookups
from addin.book import Book as ProductionBook
from addin.distribution.store import STORE_NAME, Confirmation, ConfirmationStore
from addin.errors import AddinError, ConfigError
from addin.google.config import SyncConfig
from addin.google.confirm import PULL_PATH, add_confirm_routes, problem_page
from addin.google.limits import CONFIRM_PREFIX, BodyLimit, logged_path
from addin.google.send_route import add_send_routes
from addin.google.signing import SIGNATURE_HEADER, TIMESTAMP_HEADER, Verifier
from addin.parse import format_time, is_blank

log = logging.getLogger("addin.google.server")

MAX_BODY = 64 * 1024
MAX_VALUES = 10_000
MAX_NONCE = 200
BODY_SECONDS = 10.0
OPEN_PATHS = ("/health", "/openapi.json", "/docs", "/redoc")
BOOK_SECONDS = 30.0
NOT_LISTED = "This spreadsheet is not listed in the server's productions.toml."
BOOK_NOT_LISTED = (
    "This book is not listed in the server's productions.toml (add it as a [[book]] with its "
    "key and secret)."
)


class Book(BaseModel):
    """A spreadsheet to act on."""

    spreadsheet_id: str = Field(max_length=200)


class Day(Book):
    """A spreadsheet and a shoot day."""

    day: int = Field(ge=1, le=999)


class Call(BaseModel):
    """A sheet function's arguments (a range is a list of rows); the book for lookups."""

    args: list[Any] = Field(default_factory=list, max_length=20)
    spreadsheet_id: str | None = Field(default=None, max_length=200)


def sheet_functions() -> dict[str, tuple[Callable[..., Any], bool]]:
    """Sheet name -> (Python function, whether it takes the Book first), as Excel binds them."""
    table: dict[str, tuple[Callable[..., Any], bool]] = {
        sheet: (getattr(functions, py), False) for py, sheet in functions.SHEET_NAMES.items()
    }
    python_names = {"coi_status": "vendor_coi_status"}  # PD_COISTATUS(vendor, [as_of])
    for py, sheet in lookups.SHEET_NAMES.items():
        table[sheet] = (getattr(lookups, python_names.get(py, py)), True)
    return table


FUNCTIONS = sheet_functions()
LOOKUPS = frozenset(sheet for sheet, (_, needs_book) in FUNCTIONS.items() if needs_book)


class Nonces:
    """The nonces seen within the signing window: each may be used once."""

    def __init__(self, window: float, clock: Callable[[], float] = time.time) -> None:
        self.window = window
        self._clock = clock
        self._seen: dict[str, float] = {}
        self._lock = threading.Lock()

    def check(self, nonce: Any) -> tuple[int, str] | None:
        """None for a new nonce (now remembered); else (status, why it is refused)."""
        if not isinstance(nonce, str) or not nonce.strip() or len(nonce) > MAX_NONCE:
            return 400, (
                "The request has no nonce (a random text, new for every request, "
                'in the body\'s "nonce" field).'
            )
        now = self._clock()
        with self._lock:
            self._seen = {n: t for n, t in self._seen.items() if now - t <= self.window}
            if nonce in self._seen:
                return 401, "The request's nonce was already used (replay)."
            self._seen[nonce] = now
        return None


class BookCache:
    """Each spreadsheet's production book, read at most once every ``max_age`` seconds.

    Sheets recalculates a sheet as a burst of custom-function requests; they share
    one read. Concurrent requests for the same spreadsheet wait for the one read.
    """

    def __init__(
        self,
        read: Callable[[str], ProductionBook],
        max_age: float = BOOK_SECONDS,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._read = read
        self.max_age = max_age
        self._clock = clock
        self._entries: dict[str, tuple[ProductionBook, float]] = {}
        self._locks: dict[str, threading.Lock] = {}
        self._guard = threading.Lock()
        self.reads = 0

    def book(self, spreadsheet_id: str) -> ProductionBook:
        """The spreadsheet's book, read now unless read less than ``max_age`` seconds ago."""
        with self._guard:
            lock = self._locks.setdefault(spreadsheet_id, threading.Lock())
        with lock:
            entry = self._entries.get(spreadsheet_id)
            if entry is not None and self._clock() - entry[1] < self.max_age:
                return entry[0]
            book = self._read(spreadsheet_id)
            self.reads += 1
            self._entries[spreadsheet_id] = (book, self._clock())
            return book

    def forget(self, spreadsheet_id: str) -> None:
        """Drop a spreadsheet's book (after ProdDesk itself wrote to it)."""
        self._entries.pop(spreadsheet_id, None)


def _count(value: Any) -> int:
    if isinstance(value, list):
        return sum(_count(v) for v in value)
    return 1


def _flatten(value: Any) -> list[Any]:
    if isinstance(value, list):
        return [x for v in value for x in _flatten(v)]
    return [value]


def _shown(value: Any) -> Any:
    """A result as the cell shows it: times as text (7:00 AM), as the Excel UDFs do."""
    if isinstance(value, dt.time):
        return format_time(value)
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return value


def _answer(func: Callable[..., Any], *first: Any) -> Callable[..., Any]:
    """One cell's answer: the result, or the function's sentence when it refuses a value."""

    def answer(*cell: Any) -> Any:
        try:
            return _shown(func(*first, *cell))
        except (ValueError, AddinError) as error:
            return str(error).splitlines()[0]

    return answer


def _arity(func: Callable[..., Any], skip: int) -> tuple[int, int]:
    params = list(inspect.signature(func).parameters.values())[skip:]
    required = sum(p.default is inspect.Parameter.empty for p in params)
    return required, len(params)


def _values_text(low: int, high: int) -> str:
    if low == high:
        return f"{low} value" + ("" if low == 1 else "s")
    return f"{low} to {high} values"


def create_app(config: SyncConfig, body_seconds: float = BODY_SECONDS) -> FastAPI:
    """The FastAPI application for a configuration (every production needs a secret)."""
    unsigned = [p.name for p in config.productions if not config.secrets_for(p.spreadsheet_id)]
    unsigned += [b.name for b in config.books if not config.book_secrets(b.key)]
    if unsigned:
        raise ConfigError(
            f"{config.path}: production '{unsigned[0]}' has no secret (give it `secrets = "
            "[...]`, or set shared_secret / PRODDESK_SHARED_SECRET); the server refuses to run "
            "unsigned."
        )
    verifier = Verifier()
    nonces = Nonces(verifier.window)
    app = FastAPI(title="ProdDesk", version="1", description=__doc__)

    @app.exception_handler(HTTPException)
    async def _http_error(request: Request, error: HTTPException) -> JSONResponse:
        return JSONResponse({"error": str(error.detail)}, status_code=error.status_code)

    @app.exception_handler(RequestValidationError)
    async def _bad_body(request: Request, error: RequestValidationError) -> JSONResponse:
        first = error.errors()[0] if error.errors() else {}
        where = ".".join(str(x) for x in first.get("loc", ()) if x != "body")
        return JSONResponse(
            {"error": f"The request body is not usable ({where}: {first.get('msg', '')})."},
            status_code=422,
        )

    @app.exception_handler(AddinError)
    async def _addin_error(request: Request, error: AddinError) -> JSONResponse:
        return JSONResponse({"error": str(error)}, status_code=502)

    @app.exception_handler(Exception)
    async def _bug(request: Request, error: Exception) -> Response:
        log.exception("unexpected error on %s", logged_path(request.url.path))
        if request.url.path.startswith(CONFIRM_PREFIX):  # a person's browser: a page
            return problem_page()
        return JSONResponse(
            {"error": "ProdDesk hit an unexpected problem; details are in the server log."},
            status_code=500,
        )

    @app.middleware("http")
    async def _guard(request: Request, call_next: Any) -> Any:
        path = request.url.path
        if path in OPEN_PATHS or path.startswith(CONFIRM_PREFIX):
            return await call_next(request)
        body = await request.body()  # already bounded by BodyLimit
        try:
            payload = json.loads(body or b"{}")
        except (ValueError, RecursionError):
            payload = None
        sid = payload.get("spreadsheet_id") if isinstance(payload, dict) else None
        if path == PULL_PATH:
            book = payload.get("book") if isinstance(payload, dict) else None
            secrets = config.book_secrets(book) if isinstance(book, str) else ()
            if not secrets:
                return JSONResponse({"error": BOOK_NOT_LISTED}, status_code=403)
        else:
            secrets = config.secrets_for(sid if isinstance(sid, str) else None)
        if not secrets and isinstance(sid, str) and config.production(sid) is None:
            return JSONResponse({"error": NOT_LISTED}, status_code=403)
        refused = verifier.check(
            request.headers.get(TIMESTAMP_HEADER), request.headers.get(SIGNATURE_HEADER), body,
            secrets,
        )
        if refused:
            log.info("refused %s %s: %s", request.method, request.url.path, refused)
            return JSONResponse({"error": refused}, status_code=401)
        if not isinstance(payload, dict):
            return JSONResponse({"error": "The request body is not a JSON object."},
                                status_code=400)
        refused_nonce = nonces.check(payload.get("nonce"))
        if refused_nonce:
            log.info("refused %s %s: %s", request.method, request.url.path, refused_nonce[1])
            return JSONResponse({"error": refused_nonce[1]}, status_code=refused_nonce[0])
        reads_book = path.startswith("/actions/") or (
            path.startswith("/functions/") and path.rsplit("/", 1)[-1].upper() in LOOKUPS
        )
        listed = isinstance(sid, str) and config.production(sid) is not None
        if (reads_book or sid is not None) and not listed:
            return JSONResponse({"error": NOT_LISTED}, status_code=403)
        return await call_next(request)

    def host_for(sid: str) -> Any:
        from addin.google.auth import make_client
        from addin.hosts.gsheets import GoogleSheetsHost

        return GoogleSheetsHost(make_client(config.credentials), sid, retry=config.retry)

    def read(sid: str) -> ProductionBook:
        from addin.book import read_book

        return read_book(host_for(sid))

    books = BookCache(read)
    app.state.books = books
    store = ConfirmationStore(config.state_dir / STORE_NAME)
    app.state.confirmations = store

    def write_back(confirmation: Confirmation) -> None:
        """A Google book's Distribution tab gets its confirmations at once (every one the
        store has for it, so a write that failed before catches up)."""
        if config.production(confirmation.book) is None:
            return  # an Excel book: `proddesk confirmations` pulls them
        from addin.distribution.confirmations import pull_into_book

        books.forget(confirmation.book)
        pull_into_book(host_for(confirmation.book), store.for_book)

    add_confirm_routes(app, config, store, write_back)
    add_send_routes(app, config, host_for, books.forget)

    @app.get("/health")
    def health() -> dict[str, Any]:
        """Up and configured (no secrets)."""
        return {"status": "ok", "productions": len(config.productions)}

    @app.post("/actions/check")
    def check(request: Book) -> dict[str, Any]:
        """Check the book; write the Checks tab, fills and notes."""
        from addin.run import check_host

        books.forget(request.spreadsheet_id)
        report, result = check_host(host_for(request.spreadsheet_id), write=True)
        return {
            "label": report.label,
            "counts": dict(report.counts),
            "marked": result.marked if result else 0,
            "findings": json.loads(report.to_json()).get("findings", []),
        }

    @app.post("/actions/clear")
    def clear(request: Book) -> dict[str, Any]:
        """Remove the Checks tab and marks, restoring the cells."""
        from addin.book import read_book
        from addin.publish import clear as clear_book

        books.forget(request.spreadsheet_id)
        host = host_for(request.spreadsheet_id)
        return {"restored": clear_book(host, read_book(host)).restored}

    @app.post("/actions/callsheet")
    def callsheet(request: Day) -> dict[str, Any]:
        """Write the day's call sheet tab into the book."""
        from addin.book import read_book
        from addin.callsheet.build import build_callsheet
        from addin.callsheet.render import book_tab
        from addin.owned import find_ownership
        from addin.publish import write_owned_tabs

        books.forget(request.spreadsheet_id)
        host = host_for(request.spreadsheet_id)
        book = read_book(host)
        sheet, findings = build_callsheet(book, request.day)
        owned = find_ownership(book.grids)
        name = owned.claim_call_sheet(sheet.day)
        write_owned_tabs(host, book.grids, owned, [book_tab(book, sheet, name)])
        host.save()
        return {"tab": name, "problems": [f.message for f in findings]}

    @app.post("/actions/dood")
    def dood(request: Book) -> dict[str, Any]:
        """Write ProdDesk's DOOD tab (the Day Out of Days) into the book."""
        from addin.book import read_book
        from addin.dood.build import build_dood
        from addin.dood.tab import write_dood_tab

        books.forget(request.spreadsheet_id)
        host = host_for(request.spreadsheet_id)
        book = read_book(host)
        made = build_dood(book)
        return {"tab": write_dood_tab(host, book, made), "cast": len(made.rows),
                "days": len(made.days),
                "problems": [f"{p.sheet} {p.cell}: {p.message}" for p in made.problems]}

    @app.post("/actions/sync")
    def sync_now(request: Book) -> dict[str, Any]:
        """One sync cycle for this production."""
        from addin.google.sync import sync_production

        books.forget(request.spreadsheet_id)
        production = config.production(request.spreadsheet_id)
        outcome = sync_production(production, config)
        return {"status": outcome.status, "reason": outcome.reason,
                "callsheets": outcome.callsheets, "errors": outcome.errors}

    @app.post("/functions/{name}")
    def function(name: str, call: Call) -> dict[str, Any]:
        """A sheet function by its sheet name (PD_DAYPAY, PD_CALLTIME, ...) on the arguments."""
        sheet_name = name.upper()
        if sheet_name not in FUNCTIONS:
            known = ", ".join(sorted(FUNCTIONS))
            raise HTTPException(404, f"There is no function {name} (known: {known}).")
        if _count(call.args) > MAX_VALUES:
            raise HTTPException(413, f"{name}: at most {MAX_VALUES:,} values per call.")
        func, needs_book = FUNCTIONS[sheet_name]
        if sheet_name == "PD_PAGES":
            return {"value": _answer(func)(_flatten(call.args[0]) if call.args else [])}
        grids = [functions.as_grid(arg) for arg in call.args]
        if any(len({len(row) for row in grid}) > 1 for grid in grids):
            raise HTTPException(400, f"{sheet_name}: a range argument has rows of different "
                                     "lengths.")
        required, most = _arity(func, 1 if needs_book else 0)
        while len(grids) > required and grids[-1] == [[grids[-1][0][0]]] \
                and is_blank(grids[-1][0][0]):
            grids.pop()  # an optional argument left blank takes its default, as in Excel
        if not required <= len(grids) <= most:
            raise HTTPException(400, f"{sheet_name} takes {_values_text(required, most)}, "
                                     f"not {len(grids)}.")
        first = (books.book(call.spreadsheet_id or ""),) if needs_book else ()
        return {"value": functions.over_ranges(sheet_name, _answer(func, *first), *grids)}

    app.add_middleware(BodyLimit, max_body=MAX_BODY, body_seconds=body_seconds,
                       exempt=OPEN_PATHS)
    return app
