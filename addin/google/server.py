"""``proddesk serve``: the HTTP API behind the Google Sheets menu and custom functions.

JSON in, JSON out, every request (but /health) signed (see signing.py). Only spreadsheets
listed in productions.toml can be acted on. Errors are ``{"error": "one sentence"}``.

    POST /actions/check      {"spreadsheet_id": ID}            checks, Checks tab and marks
    POST /actions/clear      {"spreadsheet_id": ID}            removes them again
    POST /actions/callsheet  {"spreadsheet_id": ID, "day": N}  writes the 'Call Sheet DN' tab
    POST /actions/sync       {"spreadsheet_id": ID}            one sync cycle for that book
    POST /functions/{NAME}   {"args": [...]}                   PD_DAYPAY, PD_PAGES, ... -> value
    GET  /health                                               unauthenticated status
"""

from __future__ import annotations

import json
import logging
from typing import Any

from fastapi import FastAPI, HTTPException, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field

from addin.errors import AddinError, ConfigError
from addin.google.config import SyncConfig
from addin.google.signing import SIGNATURE_HEADER, TIMESTAMP_HEADER, Verifier

log = logging.getLogger("addin.google.server")

MAX_BODY = 64 * 1024
MAX_VALUES = 10_000


class Book(BaseModel):
    """A spreadsheet to act on."""

    spreadsheet_id: str = Field(max_length=200)


class Day(Book):
    """A spreadsheet and a shoot day."""

    day: int = Field(ge=1, le=999)


class Call(BaseModel):
    """A sheet function's arguments (a range is a list of rows)."""

    args: list[Any] = Field(default_factory=list, max_length=20)


def _count(value: Any) -> int:
    if isinstance(value, list):
        return sum(_count(v) for v in value)
    return 1


def _flatten(value: Any) -> list[Any]:
    if isinstance(value, list):
        return [x for v in value for x in _flatten(v)]
    return [value]


def create_app(config: SyncConfig) -> FastAPI:
    """The FastAPI application for a configuration (needs a shared secret)."""
    if not config.shared_secret:
        raise ConfigError(
            f"{config.path}: shared_secret is missing (or set PRODDESK_SHARED_SECRET); "
            "the server refuses to run unsigned."
        )
    verifier = Verifier(config.shared_secret)
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
    async def _bug(request: Request, error: Exception) -> JSONResponse:
        log.exception("unexpected error on %s", request.url.path)
        return JSONResponse(
            {"error": "ProdDesk hit an unexpected problem; details are in the server log."},
            status_code=500,
        )

    @app.middleware("http")
    async def _guard(request: Request, call_next: Any) -> Any:
        if request.url.path in ("/health", "/openapi.json", "/docs", "/redoc"):
            return await call_next(request)
        length = request.headers.get("content-length")
        if length and length.isdigit() and int(length) > MAX_BODY:
            return JSONResponse({"error": "The request body is over 64 KiB."}, status_code=413)
        body = await request.body()
        if len(body) > MAX_BODY:
            return JSONResponse({"error": "The request body is over 64 KiB."}, status_code=413)
        refused = verifier.check(
            request.headers.get(TIMESTAMP_HEADER), request.headers.get(SIGNATURE_HEADER), body
        )
        if refused:
            log.info("refused %s %s: %s", request.method, request.url.path, refused)
            return JSONResponse({"error": refused}, status_code=401)
        if request.url.path.startswith("/actions/"):
            try:
                sid = json.loads(body or b"{}").get("spreadsheet_id")
            except (ValueError, AttributeError):
                sid = None
            if not isinstance(sid, str) or config.production(sid) is None:
                return JSONResponse(
                    {"error": "This spreadsheet is not listed in the server's productions.toml."},
                    status_code=403,
                )
        return await call_next(request)

    def host_for(sid: str) -> Any:
        from addin.google.auth import make_client
        from addin.hosts.gsheets import GoogleSheetsHost

        return GoogleSheetsHost(make_client(config.credentials), sid, retry=config.retry)

    @app.get("/health")
    def health() -> dict[str, Any]:
        """Up and configured (no secrets)."""
        return {"status": "ok", "productions": len(config.productions)}

    @app.post("/actions/check")
    def check(request: Book) -> dict[str, Any]:
        """Check the book; write the Checks tab, fills and notes."""
        from addin.run import check_host

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

        host = host_for(request.spreadsheet_id)
        return {"restored": clear_book(host, read_book(host)).restored}

    @app.post("/actions/callsheet")
    def callsheet(request: Day) -> dict[str, Any]:
        """Write the day's call sheet tab into the book."""
        from addin.book import read_book
        from addin.callsheet.build import build_callsheet
        from addin.callsheet.command import default_template, tab_name

        host = host_for(request.spreadsheet_id)
        sheet, findings = build_callsheet(read_book(host), request.day)
        host.write_sheets([default_template().tab(sheet, tab_name(request.day))])
        host.save()
        return {"tab": tab_name(request.day), "problems": [f.message for f in findings]}

    @app.post("/actions/sync")
    def sync_now(request: Book) -> dict[str, Any]:
        """One sync cycle for this production."""
        from addin.google.sync import sync_production

        production = config.production(request.spreadsheet_id)
        outcome = sync_production(production, config)
        return {"status": outcome.status, "reason": outcome.reason,
                "callsheets": outcome.callsheets, "errors": outcome.errors}

    @app.post("/functions/{name}")
    def function(name: str, call: Call) -> dict[str, Any]:
        """A sheet function by its sheet name (PD_DAYPAY, ...) on the given arguments."""
        from addin import functions

        by_sheet_name = {v: k for k, v in functions.SHEET_NAMES.items()}
        if name.upper() not in by_sheet_name:
            known = ", ".join(sorted(by_sheet_name))
            raise HTTPException(404, f"There is no function {name} (known: {known}).")
        if _count(call.args) > MAX_VALUES:
            raise HTTPException(413, f"{name}: at most {MAX_VALUES:,} values per call.")
        func = getattr(functions, by_sheet_name[name.upper()])
        args = list(call.args)
        try:
            if by_sheet_name[name.upper()] == "pages_total":
                return {"value": func(_flatten(args[0]) if args else [])}
            if args and isinstance(args[0], list):
                return {"value": functions.over_column(func, args[0], *args[1:])}
            return {"value": func(*args)}
        except (ValueError, TypeError) as error:
            raise HTTPException(400, str(error).splitlines()[0]) from None

    return app
