"""Running macros/google/ProdDesk.gs in node (run.js) against a real `proddesk serve` (a
subprocess) over the local imitation of the Google Sheets API: shared by the Apps Script tests."""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from google_support import FakeSheets, start_fake_sheets

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "macros" / "google" / "ProdDesk.gs"
RUNNER = Path(__file__).resolve().parent / "run.js"
SAMPLE = ROOT / "workbooks" / "sample_production.xlsx"
SECRET = "apps-script-test-secret"
TIME_ZONE = "America/Los_Angeles"


def node() -> str:
    """The node executable."""
    node = shutil.which("node")
    assert node, "node is not installed (scripts/test.sh installs nodejs with apt)"
    return node


def free_port() -> int:
    """A TCP port free on 127.0.0.1 just now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Served:
    """A running `proddesk serve` over the imitation, with the sample book loaded."""

    def __init__(self, fake: FakeSheets, url: str, sid: str, log: Path) -> None:
        self.fake = fake
        self.url = url
        self.sid = sid
        self.log = log

    def run(self, calls: list[dict[str, Any]], secret: str = SECRET,
            prompts: list[dict[str, str]] | None = None, url: str | None = None,
            cache: bool = True, sid: str | None = None, **more: Any) -> dict:
        """Run ProdDesk.gs calls in node; what the script showed and fetched (``more``: other
        scenario fields of run.js, such as ``gmail``, ``confirms``, ``propertiesFile``)."""
        scenario = {
            "script": str(SCRIPT),
            "properties": {"PRODDESK_URL": url or self.url, "PRODDESK_SECRET": secret},
            "spreadsheetId": sid or self.sid,
            "timeZone": TIME_ZONE,
            "prompts": prompts or [],
            "calls": calls,
            "cache": cache,
            **more,
        }
        done = subprocess.run([node(), str(RUNNER)], input=json.dumps(scenario),
                              capture_output=True, text=True, timeout=240)
        assert done.returncode == 0, done.stderr
        return json.loads(done.stdout)

    def writes(self) -> list[str]:
        """The kinds of writing requests the server sent to the imitation."""
        return [r["kind"] for r in self.fake.requests() if "batchUpdate" in r["kind"]
                or r["kind"].startswith("values.update") or r["kind"] == "values.clear"]


@contextmanager
def serving(book: Path, tmp: Path, extra_config: str = "") -> Iterator[Served]:
    """`proddesk serve` over the imitation serving ``book``, listed as the one production
    (``extra_config``: more top-level lines of its productions.toml), for the block."""
    with start_fake_sheets() as fake:
        sid = fake.load_xlsx(book)
        config = tmp / "productions.toml"
        config.write_text(
            'credentials = "token:test"\n'
            f'state_dir = "{tmp / "state"}"\nhistory_dir = "{tmp / "history"}"\n'
            + extra_config +
            "[retry]\ntries = 2\nbase = 0.01\ncap = 0.05\n"
            f'[[production]]\nname = "Sample"\nspreadsheet = "{sid}"\n'
            f'secrets = ["{SECRET}"]\n'
        )
        port = free_port()
        env = {**os.environ, "PRODDESK_SHEETS_API": fake.base_url, "PYTHONPATH": str(ROOT)}
        env.pop("PRODDESK_SHARED_SECRET", None)
        log = tmp / "serve.log"
        with log.open("w") as out:
            server = subprocess.Popen(
                [sys.executable, "-m", "addin.cli", "serve", "--host", "127.0.0.1",
                 "--port", str(port), "--config", str(config)],
                cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT,
            )
        url = f"http://127.0.0.1:{port}"
        try:
            _wait_healthy(url, server, log)
            yield Served(fake, url, sid, log)
        finally:
            server.terminate()
            try:
                server.wait(timeout=10)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait(timeout=10)


def _wait_healthy(url: str, server: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            pytest.fail(f"proddesk serve exited with {server.returncode}: {log.read_text()}")
        try:
            if httpx.get(url + "/health", timeout=2, trust_env=False).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.1)
    pytest.fail(f"proddesk serve did not answer /health within 60 s: {log.read_text()}")
