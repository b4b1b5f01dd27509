"""The HTTP front: routes Sheets v4 / Drive v3 paths to handlers, auth, log and faults."""

from __future__ import annotations

import contextlib
import json
import re
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

from . import batch_api, export, sheets_api, values_api
from .errors import ApiError, drive_body
from .faults import Switches, now
from .model import Book

_ID = r"([A-Za-z0-9_-]+)"
_SHEETS = re.compile(rf"^/v4/spreadsheets/{_ID}(:batchUpdate)?$")
_VALUES_BATCH = re.compile(rf"^/v4/spreadsheets/{_ID}/values:(batchGet|batchUpdate|batchClear)$")
_VALUES = re.compile(rf"^/v4/spreadsheets/{_ID}/values/(.+)$")
_DRIVE_EXPORT = re.compile(rf"^/drive/v3/files/{_ID}/export$")
_DRIVE_FILE = re.compile(rf"^/drive/v3/files/{_ID}$")
_DOCS_EXPORT = re.compile(rf"^/spreadsheets/d/{_ID}/export$")
_DOCS_FORMATS = {"pdf": export.PDF, "xlsx": export.XLSX, "csv": export.CSV, "tsv": export.TSV}

Reply = tuple[int, dict[str, str], bytes]


class State:
    """Everything one fake server holds: books, switches, and an optional required token."""

    def __init__(self, token: str | None = None) -> None:
        self.books: dict[str, Book] = {}
        self.unshared: set[str] = set()
        """Spreadsheets that exist but are not shared with the caller (the service account)."""
        self.created: dict[str, str] = {}
        self.switches = Switches()
        self.token = token
        self.lock = threading.RLock()

    def add_book(self, book: Book) -> str:
        """Serve this book under its spreadsheet id."""
        with self.lock:
            self.books[book.spreadsheet_id] = book
            self.created[book.spreadsheet_id] = time.strftime(
                "%Y-%m-%dT%H:%M:%S.000Z", time.gmtime()
            )
        return book.spreadsheet_id

    def unshare(self, spreadsheet_id: str) -> None:
        """Keep the spreadsheet, but as one nobody shared with the service account."""
        with self.lock:
            self.unshared.add(spreadsheet_id)


def _json(status: int, data: Any, headers: dict[str, str] | None = None) -> Reply:
    body = json.dumps(data, ensure_ascii=False, indent=2).encode("utf-8")
    out = {"Content-Type": "application/json; charset=UTF-8"}
    out.update(headers or {})
    return status, out, body


def _error(error: ApiError) -> Reply:
    return _json(error.code, error.body(), error.headers)


class Router:
    """Turns (method, raw path, query, body) into a reply against a State."""

    def __init__(self, state: State) -> None:
        self.state = state

    def book(self, spreadsheet_id: str, drive: bool = False) -> Book:
        """The book, or what Google sends for an unknown id (404) or for a spreadsheet
        that exists but is not shared with the caller (Sheets: 403; Drive hides it: 404)."""
        book = self.state.books.get(spreadsheet_id)
        if book is not None and spreadsheet_id in self.state.unshared and not drive:
            raise ApiError(403)
        if book is None or spreadsheet_id in self.state.unshared:
            if drive:
                message = f"File not found: {spreadsheet_id}."
                raise _DriveError(404, drive_body(404, message, "notFound", "fileId"))
            raise ApiError(404)
        return book

    def handle(self, method: str, raw_path: str, query: str, body: bytes) -> tuple[str, Reply]:
        """(outcome for the log, reply)."""
        params = parse_qs(query, keep_blank_values=True)
        try:
            payload = json.loads(body) if body.strip() else {}
        except ValueError:
            return "invalid", _error(ApiError(400, "Invalid JSON payload received."))
        with self.state.lock:
            return self._route(method, raw_path, params, payload)

    def _route(self, method: str, path: str, params: dict, payload: Any) -> tuple[str, Reply]:
        if m := _SHEETS.match(path):
            if m.group(2) and method == "POST":
                book, response = batch_api.batch_update(self.book(m.group(1)), payload)
                self.state.books[book.spreadsheet_id] = book
                return "spreadsheets.batchUpdate", _json(200, response)
            if not m.group(2) and method == "GET":
                book = self.book(m.group(1))
                return "spreadsheets.get", _json(200, sheets_api.spreadsheet_json(book, params))
        if m := _VALUES_BATCH.match(path):
            return self._values_batch(method, m.group(1), m.group(2), params, payload)
        if m := _VALUES.match(path):
            return self._values(method, m.group(1), m.group(2), params, payload)
        if m := _DRIVE_EXPORT.match(path):
            return "drive.export", self._export(m.group(1), params.get("mimeType", [""])[-1])
        if m := _DRIVE_FILE.match(path):
            return self._drive_file(method, m.group(1), params)
        if path == "/drive/v3/files":
            return self._drive_files(method, params, payload)
        if m := _DOCS_EXPORT.match(path):
            mime = _DOCS_FORMATS.get(params.get("format", ["pdf"])[-1], "")
            gid = params.get("gid", [None])[-1]
            return "docs.export", self._export(m.group(1), mime, int(gid) if gid else None)
        raise ApiError(404, "Requested entity was not found.")

    def _write(self, spreadsheet_id: str, action: Any) -> dict[str, Any]:
        work = self.book(spreadsheet_id).clone()
        response = action(work)
        self.state.books[spreadsheet_id] = work
        return response

    def _values_batch(
        self, method: str, sid: str, verb: str, params: dict, payload: Any
    ) -> tuple[str, Reply]:
        kind = f"values.{verb}"
        if verb == "batchGet" and method == "GET":
            return kind, _json(200, values_api.batch_get(self.book(sid), params))
        if verb == "batchUpdate" and method == "POST":
            return kind, _json(200, self._write(sid, lambda b: values_api.batch_update(b, payload)))
        if verb == "batchClear" and method == "POST":
            return kind, _json(200, self._write(sid, lambda b: values_api.batch_clear(b, payload)))
        raise ApiError(404)

    def _values(
        self, method: str, sid: str, segment: str, params: dict, payload: Any
    ) -> tuple[str, Reply]:
        head, _, verb = segment.rpartition(":")
        if verb not in ("clear", "append") or not head:
            head, verb = segment, ""
        text = unquote(head)
        if verb == "clear" and method == "POST":
            return "values.clear", _json(200, self._write(sid, lambda b: values_api.clear(b, text)))
        if verb == "append" and method == "POST":
            return "values.append", _json(
                200, self._write(sid, lambda b: values_api.append(b, text, params, payload))
            )
        if not verb and method == "GET":
            return "values.get", _json(200, values_api.get(self.book(sid), text, params))
        if not verb and method == "PUT":
            return "values.update", _json(
                200, self._write(sid, lambda b: values_api.update(b, text, params, payload))
            )
        raise ApiError(404)

    def _export(self, sid: str, mime: str, sheet_id: int | None = None) -> Reply:
        book = self.book(sid, drive=True).clone()
        try:
            # soffice is slow: convert outside the state lock on a private copy.
            self.state.lock.release()
            try:
                data, content_type = export.export(book, mime, sheet_id)
            finally:
                self.state.lock.acquire()
        except ValueError:
            message = "The requested conversion is not supported."
            raise _DriveError(400, drive_body(400, message, "badRequest", "convertTo")) from None
        return 200, {"Content-Type": content_type, "Content-Disposition": "attachment"}, data

    def _drive_file(self, method: str, sid: str, params: dict) -> tuple[str, Reply]:
        book = self.book(sid, drive=True)
        if method == "DELETE":
            del self.state.books[sid]
            return "drive.delete", (204, {}, b"")
        created = self.state.created.get(sid, "2026-01-01T00:00:00.000Z")
        info = {
            "kind": "drive#file",
            "id": sid,
            "name": book.props.get("title", ""),
            "mimeType": "application/vnd.google-apps.spreadsheet",
            "createdTime": created,
            "modifiedTime": created,
        }
        wanted = ",".join(params.get("fields", []))
        if wanted:
            info = {k: v for k, v in info.items() if k in wanted.split(",")}
        return "drive.get", _json(200, info)

    def _drive_files(self, method: str, params: dict, payload: Any) -> tuple[str, Reply]:
        from .loader import load_grids

        if method == "POST":
            book = load_grids({"Sheet1": []}, title=payload.get("name") or "Untitled spreadsheet")
            self.state.add_book(book)
            info = {
                "kind": "drive#file",
                "id": book.spreadsheet_id,
                "name": book.props["title"],
                "mimeType": "application/vnd.google-apps.spreadsheet",
            }
            return "drive.create", _json(200, info)
        query = params.get("q", [""])[-1]
        name = re.search(r"name\s*=\s*'((?:[^'\\]|\\.)*)'", query)
        files = [
            {
                "kind": "drive#file",
                "id": sid,
                "name": book.props.get("title", ""),
                "createdTime": self.state.created.get(sid),
                "modifiedTime": self.state.created.get(sid),
            }
            for sid, book in self.state.books.items()
            if not name or book.props.get("title") == name.group(1).replace("\\'", "'")
        ]
        return "drive.list", _json(200, {"kind": "drive#fileList", "files": files})


def classify(method: str, path: str) -> str:
    """The API method a request path names, for the log."""
    if m := _SHEETS.match(path):
        return "spreadsheets.batchUpdate" if m.group(2) else "spreadsheets.get"
    if m := _VALUES_BATCH.match(path):
        return f"values.{m.group(2)}"
    if m := _VALUES.match(path):
        verb = m.group(2).rpartition(":")[2]
        if verb in ("clear", "append"):
            return f"values.{verb}"
        return "values.update" if method == "PUT" else "values.get"
    if _DRIVE_EXPORT.match(path):
        return "drive.export"
    if _DOCS_EXPORT.match(path):
        return "docs.export"
    if path.startswith("/drive/"):
        return f"drive.{method.lower()}"
    return "unknown"


class _DriveError(Exception):
    def __init__(self, code: int, body: dict[str, Any]) -> None:
        super().__init__(code)
        self.code, self.body = code, body


class Handler(BaseHTTPRequestHandler):
    """One request: test switches first, then auth, faults and the API."""

    protocol_version = "HTTP/1.1"
    server: FakeSheetsServer

    def log_message(self, format: str, *args: Any) -> None:
        """Quiet: the request log is at GET /_requests."""

    def do_GET(self) -> None:
        """GET."""
        self._serve("GET")

    def do_POST(self) -> None:
        """POST."""
        self._serve("POST")

    def do_PUT(self) -> None:
        """PUT."""
        self._serve("PUT")

    def do_DELETE(self) -> None:
        """DELETE."""
        self._serve("DELETE")

    def _serve(self, method: str) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        parts = urlsplit(self.path)
        state = self.server.state
        if parts.path.startswith("/_"):
            self._send(*self._control(method, parts.path, body))
            return
        started = now()
        decoded = unquote(parts.path)
        entry: dict[str, Any] = {
            "method": method,
            "path": decoded,
            "raw_path": parts.path,
            "query": parse_qs(parts.query, keep_blank_values=True),
            "body_size": len(body),
            "time": started,
        }
        outcome, reply = self._answer(method, parts.path, parts.query, decoded, body)
        entry.update(
            kind=classify(method, parts.path),
            outcome=outcome if outcome in ("fault", "error", "unauthenticated") else "ok",
            status=reply[0],
            duration=round(now() - started, 4),
        )
        if entry["kind"] == "spreadsheets.batchUpdate" and body:
            with contextlib.suppress(ValueError, AttributeError, StopIteration):
                entry["requests"] = [next(iter(r)) for r in json.loads(body).get("requests", [])]
        state.switches.record(entry)
        self._send(*reply)

    def _answer(
        self, method: str, path: str, query: str, decoded: str, body: bytes
    ) -> tuple[str, Reply]:
        state = self.server.state
        drive = path.startswith("/drive/")
        fault = state.switches.take_fault(method, f"{path}?{query}" if query else path, decoded)
        if fault is not None:
            if fault.delay:
                time.sleep(fault.delay)
            if fault.status:
                error = fault.error(method)
                return "fault", _error(error)
        auth = self.headers.get("Authorization", "")
        token = auth[7:].strip() if auth.lower().startswith("bearer ") else ""
        if not token or (state.token is not None and token != state.token):
            return "unauthenticated", self._unauthenticated(bool(token), drive)
        try:
            return Router(state).handle(method, path, query, body)
        except ApiError as error:
            return "error", _error(error)
        except _DriveError as error:
            return "error", _json(error.code, error.body)

    @staticmethod
    def _unauthenticated(had_token: bool, drive: bool) -> Reply:
        header = {"WWW-Authenticate": 'Bearer realm="https://accounts.google.com/"'}
        if had_token:
            header["WWW-Authenticate"] += ', error="invalid_token"'
            message = (
                "Request had invalid authentication credentials. Expected OAuth 2 access "
                "token, login cookie or other valid authentication credential. See "
                "https://developers.google.com/identity/sign-in/web/devconsole-project."
            )
        else:
            message = None
        error = ApiError(401, message, headers=header)
        if drive:
            reason = "authError" if had_token else "required"
            text = "Invalid Credentials" if had_token else "Login Required."
            body = drive_body(401, error.message, reason, "Authorization")
            body["error"]["errors"][0]["message"] = text
            return _json(401, body, header)
        if not had_token:
            error.details = [
                {
                    "@type": "type.googleapis.com/google.rpc.ErrorInfo",
                    "reason": "CREDENTIALS_MISSING",
                    "domain": "googleapis.com",
                    "metadata": {"service": "sheets.googleapis.com", "method": "fake"},
                }
            ]
        return _error(error)

    def _control(self, method: str, path: str, body: bytes) -> Reply:
        switches = self.server.state.switches
        if path == "/_requests" and method == "GET":
            return _json(200, switches.snapshot())
        if path == "/_requests" and method == "DELETE":
            switches.clear_log()
            return _json(200, {})
        if path == "/_faults" and method == "POST":
            spec = json.loads(body or b"{}")
            for item in spec if isinstance(spec, list) else [spec]:
                switches.add_fault(item)
            return _json(200, switches.fault_specs())
        if path == "/_faults" and method == "GET":
            return _json(200, switches.fault_specs())
        if path == "/_faults" and method == "DELETE":
            switches.clear_faults()
            return _json(200, {})
        if path == "/_books" and method == "GET":
            books = self.server.state.books
            return _json(200, {sid: b.props.get("title") for sid, b in books.items()})
        return _error(ApiError(404))

    def _send(self, status: int, headers: dict[str, str], body: bytes) -> None:
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if body:
            self.wfile.write(body)


class FakeSheetsServer(ThreadingHTTPServer):
    """ThreadingHTTPServer carrying a State."""

    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, address: tuple[str, int], state: State | None = None) -> None:
        super().__init__(address, Handler)
        self.state = state or State()

    @property
    def base_url(self) -> str:
        """http://127.0.0.1:PORT."""
        host, port = self.server_address[:2]
        return f"http://{host}:{port}"
