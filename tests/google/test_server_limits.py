"""`proddesk serve` against hostile clients: bodies bounded while they stream, malformed headers
refused, each production signed with its own secret. Run on 127.0.0.1 through real sockets."""

from __future__ import annotations

import contextlib
import json
import os
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from google_support import serve_app, start_fake_sheets

from addin.errors import ConfigError
from addin.google.config import load_config
from addin.google.signing import SIGNATURE_HEADER, TIMESTAMP_HEADER, signed_headers

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "workbooks" / "sample_production.xlsx"
SECRET_A = "show-a-secret-0123456789"
SECRET_A_OLD = "show-a-old-secret-987654"
SECRET_B = "show-b-secret-0123456789"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _config(tmp_path: Path, sid_a: str, sid_b: str, shared: str | None = None) -> Path:
    path = tmp_path / "productions.toml"
    path.write_text(
        'credentials = "token:t"\n'
        + (f'shared_secret = "{shared}"\n' if shared else "")
        + "[retry]\ntries = 2\nbase = 0.01\ncap = 0.05\n"
        f'[[production]]\nname = "Show A"\nspreadsheet = "{sid_a}"\n'
        f'secrets = ["{SECRET_A}", "{SECRET_A_OLD}"]\n'
        f'[[production]]\nname = "Show B"\nspreadsheet = "{sid_b}"\nsecret = "{SECRET_B}"\n'
    )
    return path


def _signed(secret: str, payload: dict) -> tuple[bytes, dict[str, str]]:
    body = json.dumps({"nonce": uuid.uuid4().hex, **payload}).encode()
    return body, {"Content-Type": "application/json", **signed_headers(secret, body)}


def _raw(port: int, data: bytes, wait: float = 10.0) -> bytes:
    """Send raw bytes; what the server answered before closing (or within ``wait``)."""
    with socket.create_connection(("127.0.0.1", port), timeout=wait) as conn:
        with contextlib.suppress(OSError):  # the server may close mid-send after refusing
            conn.sendall(data)
        answer = b""
        with contextlib.suppress(OSError):
            while chunk := conn.recv(65536):
                answer += chunk
                if b"\r\n\r\n" in answer and b'"}' in answer:
                    break
        return answer


def _status(answer: bytes) -> int:
    return int(answer.split(b" ", 2)[1]) if answer.startswith(b"HTTP/1.1 ") else 0


class Served:
    """A `proddesk serve` run in a thread with the real uvicorn settings."""

    def __init__(self, port: int, sids: tuple[str, str], fake) -> None:
        self.port = port
        self.sid_a, self.sid_b = sids
        self.fake = fake
        self.url = f"http://127.0.0.1:{port}"

    def post(self, path: str, body: bytes, headers: dict[str, str]) -> httpx.Response:
        return httpx.post(self.url + path, content=body, headers=headers, timeout=30,
                          trust_env=False)


@pytest.fixture(scope="module")
def served(tmp_path_factory) -> Iterator[Served]:
    from addin.google.server import create_app

    tmp = tmp_path_factory.mktemp("limits")
    with start_fake_sheets() as fake:
        old = os.environ.get("PRODDESK_SHEETS_API")
        os.environ["PRODDESK_SHEETS_API"] = fake.base_url
        sids = (fake.load_xlsx(SAMPLE), fake.load_xlsx(SAMPLE))
        app = create_app(load_config(_config(tmp, *sids)), body_seconds=1.0)
        try:
            with serve_app(app) as url:
                yield Served(int(url.rsplit(":", 1)[1]), sids, fake)
        finally:
            if old is None:
                os.environ.pop("PRODDESK_SHEETS_API", None)
            else:
                os.environ["PRODDESK_SHEETS_API"] = old


def test_a_chunked_body_is_refused_once_it_passes_64_kib_before_it_is_all_sent(served):
    head = (b"POST /actions/check HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
            b"Transfer-Encoding: chunked\r\n\r\n")
    chunk = b"x" * 16384
    with socket.create_connection(("127.0.0.1", served.port), timeout=10) as conn:
        conn.sendall(head)
        with contextlib.suppress(OSError):  # the server may close once it has refused
            for _ in range(5):  # 80 KiB of a body that claims to go on
                conn.sendall(b"%x\r\n%s\r\n" % (len(chunk), chunk))
        answer = b""
        with contextlib.suppress(OSError):
            while (chunk_in := conn.recv(65536)) and b'"}' not in answer:
                answer += chunk_in
    assert _status(answer) == 413
    assert b"over 64 KiB" in answer


def test_a_false_or_huge_content_length_is_refused_before_reading(served):
    huge = _raw(served.port, b"POST /actions/check HTTP/1.1\r\nHost: x\r\n"
                             b"Content-Length: 999999999\r\n\r\n{")
    assert _status(huge) == 413


def test_a_body_that_never_arrives_is_refused_after_the_body_timeout(served):
    started = time.monotonic()
    answer = _raw(served.port, b"POST /actions/check HTTP/1.1\r\nHost: x\r\n"
                               b"Content-Length: 100\r\n\r\n{\"nonce\":", wait=15)
    assert _status(answer) == 408
    assert time.monotonic() - started < 10


def test_oversized_headers_are_refused(served):
    answer = _raw(served.port, b"POST /actions/check HTTP/1.1\r\nHost: x\r\nX-Big: "
                               + b"a" * 40_000 + b"\r\n\r\n")
    assert 400 <= _status(answer) < 500


@pytest.mark.parametrize("timestamp, signature", [
    ("now", "é" * 64),                        # non-ASCII: compare_digest used to raise
    ("now", "zz" * 32),
    ("١٧٠٠٠٠٠٠٠٠", "a" * 64),                 # Arabic-Indic digits float() would accept
    ("nan", "a" * 64),                        # NaN used to slip past the age check
    ("1e9", "a" * 64),
])
def test_malformed_signature_headers_are_401(served, timestamp, signature):
    body = json.dumps({"nonce": uuid.uuid4().hex, "spreadsheet_id": served.sid_a}).encode()
    timestamp = str(int(time.time())) if timestamp == "now" else timestamp
    request = (b"POST /actions/check HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
               + f"{TIMESTAMP_HEADER}: ".encode() + timestamp.encode("utf-8") + b"\r\n"
               + f"{SIGNATURE_HEADER}: ".encode() + signature.encode("utf-8") + b"\r\n"
               + b"Content-Length: %d\r\n\r\n" % len(body) + body)
    assert _status(_raw(served.port, request)) == 401


def test_each_production_is_signed_with_its_own_secret(served):
    body, headers = _signed(SECRET_A, {"spreadsheet_id": served.sid_b})
    refused = served.post("/actions/clear", body, headers)
    assert refused.status_code == 401, "Show A's secret must not act on Show B's book"
    assert "signature does not match" in refused.json()["error"]
    body, headers = _signed(SECRET_B, {"spreadsheet_id": served.sid_b})
    assert served.post("/actions/clear", body, headers).status_code == 200
    body, headers = _signed(SECRET_A_OLD, {"spreadsheet_id": served.sid_a})
    assert served.post("/actions/clear", body, headers).status_code == 200  # during a rotation
    body, headers = _signed(SECRET_B, {"args": [["1 3/8", "2/8"]], "spreadsheet_id": served.sid_b})
    assert served.post("/functions/PD_PAGES", body, headers).json()["value"] == "1 5/8"
    body, headers = _signed(SECRET_B, {"args": ["x"]})  # no spreadsheet: no secret fits
    assert served.post("/functions/PD_PHONE", body, headers).status_code == 401


def test_a_lookup_signed_for_one_book_cannot_read_another(served):
    body, headers = _signed(SECRET_A, {"args": [], "spreadsheet_id": served.sid_b})
    assert served.post("/functions/PD_NEXTPO", body, headers).status_code == 401


def test_the_shared_secret_does_not_open_a_production_with_its_own(tmp_path):
    from fastapi.testclient import TestClient

    from addin.google.server import create_app

    shared = "shared-secret-for-the-rest-0"
    config = load_config(_config(tmp_path, "sidA", "sidB", shared=shared))
    with TestClient(create_app(config)) as client:
        body, headers = _signed(shared, {"spreadsheet_id": "sidA"})
        assert client.post("/actions/check", content=body, headers=headers).status_code == 401


def test_a_production_without_a_secret_stops_the_server_starting(tmp_path):
    from addin.google.server import create_app

    path = tmp_path / "productions.toml"
    path.write_text('credentials = "token:t"\n[[production]]\nname = "Show C"\n'
                    'spreadsheet = "sidC"\n')
    with pytest.raises(ConfigError, match="'Show C' has no secret"):
        create_app(load_config(path))


def test_secrets_come_from_the_environment_and_must_be_long(tmp_path, monkeypatch):
    path = _config(tmp_path, "sidA", "sidB")
    monkeypatch.setenv("PRODDESK_SECRETS_2", "rotated-b-secret-000001, " + SECRET_B)
    assert load_config(path).secrets_for("sidB") == ("rotated-b-secret-000001", SECRET_B)
    path.write_text(path.read_text().replace(SECRET_B, "short"))
    monkeypatch.delenv("PRODDESK_SECRETS_2")
    with pytest.raises(ConfigError, match="at least 16 characters"):
        load_config(path)


# --- the real command under a soak -------------------------------------------------------


def _rss_kib(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    raise AssertionError("no VmRSS")


def test_proddesk_serve_holds_a_soak_of_hostile_requests_in_bounded_memory(tmp_path):
    config = _config(tmp_path, "sidA", "sidB")
    port = _free_port()
    log = tmp_path / "proddesk.log"
    env = {**os.environ, "PYTHONPATH": str(ROOT), "PRODDESK_LOG": str(log)}
    env.pop("PRODDESK_SHARED_SECRET", None)
    screen = tmp_path / "screen.txt"
    with screen.open("w") as out:
        server = subprocess.Popen(
            [sys.executable, "-m", "addin.cli", "serve", "--host", "127.0.0.1", "--port",
             str(port), "--config", str(config)], cwd=ROOT, env=env, stdout=out,
            stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(f"http://127.0.0.1:{port}/health", timeout=2,
                             trust_env=False).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            assert time.monotonic() < deadline and server.poll() is None, screen.read_text()
            time.sleep(0.1)
        chunk = b"y" * 32768
        hostile = [
            b"POST /actions/check HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
            + b"".join(b"%x\r\n%s\r\n" % (len(chunk), chunk) for _ in range(8)),
            b"POST /actions/check HTTP/1.1\r\nHost: x\r\nContent-Length: 70000\r\n\r\n"
            + b"z" * 70000,
            b"POST /actions/check HTTP/1.1\r\nHost: x\r\nX-Big: " + b"h" * 40000 + b"\r\n\r\n",
            b"POST /actions/check HTTP/1.1\r\nHost: x\r\n" + TIMESTAMP_HEADER.encode()
            + b": 1\r\n" + SIGNATURE_HEADER.encode() + "ü".encode() * 64
            + b"\r\nContent-Length: 2\r\n\r\n{}",
            b"POST /functions/PD_PAGES HTTP/1.1\r\nHost: x\r\nContent-Length: 20000\r\n\r\n"
            + b"[" * 20000,
            b"GARBAGE\r\n\r\n",
        ]
        _raw(port, hostile[0])
        before = _rss_kib(server.pid)
        started = time.monotonic()
        statuses = []
        for i in range(240):
            answer = _raw(port, hostile[i % len(hostile)])
            statuses.append(_status(answer))
        # a client that hangs up mid-body
        with socket.create_connection(("127.0.0.1", port)) as conn:
            conn.sendall(b"POST /actions/check HTTP/1.1\r\nHost: x\r\nContent-Length: 500\r\n"
                         b"\r\n{\"a\":")
        time.sleep(0.5)
        after = _rss_kib(server.pid)
        assert time.monotonic() - started < 120
        assert all(400 <= status < 500 for status in statuses), sorted(set(statuses))
        assert after - before < 30_000, f"memory grew {after - before} KiB over the soak"
        assert server.poll() is None
    finally:
        server.terminate()
        server.wait(timeout=15)
    everything = screen.read_text() + (log.read_text() if log.exists() else "")
    assert "Traceback" not in everything
    assert everything.count("hung up before sending the whole body") == 1
    assert SECRET_A not in everything and SECRET_B not in everything
