"""Talking to the coordinator inside Excel: status bar, message boxes, a question.

``ExcelUI`` goes through xlwings' public App API (``status_bar``, ``alert``) and,
for a question with a pre-filled answer, Excel's own ``Application.InputBox`` on
Windows and, on macOS (where Excel has no COM), StandardAdditions' ``display
dialog`` sent to Excel: the same scripting addition xlwings' own ``App.alert``
uses there.
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
        on macOS ``display dialog`` answers the text or raises error -128 on
        Cancel. Where neither is reachable the pre-filled answer is taken as given.
        """
        if type(self.app.impl).__module__.endswith("_xlmac"):
            return self._ask_mac(text, default)
        try:
            answer: Any = self.app.api.InputBox(text, TITLE, default)
        except Exception:
            log.info("no InputBox on this Excel; using %r", default)
            return default
        if answer is False or answer is None:
            return None
        return str(answer)

    def _ask_mac(self, text: str, default: str) -> str | None:
        try:
            import osax  # from appscript, which xlwings needs on macOS

            additions = osax.OSAX(pid=self.app.pid)
            additions.activate()
            reply = additions.display_dialog(
                text, default_answer=default, with_title=TITLE,
                buttons=["Cancel", "OK"], default_button="OK", cancel_button="Cancel",
            )
        except Exception as error:
            if getattr(error, "errornumber", None) == -128:  # the Cancel button
                return None
            log.info("no dialog on this Excel (%s); using %r", error, default)
            return default
        answers = {getattr(key, "AS_name", key): value for key, value in reply.items()}
        return str(answers.get("text_returned", default))
