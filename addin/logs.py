"""Where ProdDesk logs: a file for details, never the coordinator's screen."""

from __future__ import annotations

import logging
import os
from pathlib import Path

LOG_PATH = Path(os.environ.get("PRODDESK_LOG", Path.home() / ".proddesk" / "proddesk.log"))


def setup_logging() -> None:
    """Log to LOG_PATH (details and tracebacks); nothing is printed by logging."""
    root = logging.getLogger("addin")
    if root.handlers:
        return
    try:
        LOG_PATH.parent.mkdir(parents=True, exist_ok=True)
        handler: logging.Handler = logging.FileHandler(LOG_PATH, encoding="utf-8")
    except OSError:
        handler = logging.NullHandler()
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root.addHandler(handler)
    root.setLevel(logging.INFO)
    root.propagate = False
