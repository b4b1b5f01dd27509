"""Talking to the coordinator inside Excel: status bar, message boxes, a question.

``ExcelUI`` goes through xlwings' public App API (``status_bar``, ``alert``) and,
for a question with a pre-filled answer, Excel's own ``Application.InputBox``
where the platform offers it. Tests answer questions by subclassing and
overriding ``ask``.
"""

from __future__ import annotations

import logging
from typing import Any

import xlwings as xw

TITLE = "ProdDesk"
log = logging.getLogger("addin.excel.ui")


class ExcelUI:
    """The status bar and message boxes of one Excel application."""

    def __init__(self, app: xw.App) -> None:
        self.app = app

    def status(self, text: str | None) -> None:
        """Show progress in Excel's status bar; None gives the bar back to Excel."""
        try:
            self.app.status_bar = text if text else False
        except Exception:  # progress is a nicety
            log.debug("status bar refused %r", text)

    def message(self, text: str, warning: bool = False) -> None:
        """A message box with an OK button."""
        self.app.alert(text, TITLE, buttons="ok", mode="critical" if warning else "info")

    def confirm(self, text: str) -> bool:
        """A Yes/No message box; True for Yes."""
        return self.app.alert(text, TITLE, buttons="yes_no", mode="info") == "yes"

    def ask(self, text: str, default: str) -> str | None:
        """A question with a pre-filled answer; None when cancelled.

        Excel's ``Application.InputBox`` (Windows COM) returns False on Cancel;
        where it is not reachable the pre-filled answer is taken as given.
        """
        try:
            answer: Any = self.app.api.InputBox(text, TITLE, default)
        except Exception:
            log.info("no InputBox on this Excel; using %r", default)
            return default
        if answer is False or answer is None:
            return None
        return str(answer)
