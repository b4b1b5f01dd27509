"""The ``proddesk send`` arguments, kept apart from the command so that building the CLI's
parser loads nothing of sending."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rich.console import Console


def add_parser(commands: argparse._SubParsersAction) -> argparse.ArgumentParser:
    """Add the ``send`` subcommand to the CLI's subparsers."""
    parser = commands.add_parser(
        "send", help="email a shoot day's call sheet to everyone on it, one message each"
    )
    parser.add_argument("book", help="an .xlsx/.xlsm file or a Google Sheets URL")
    parser.add_argument("--day", type=int, required=True, metavar="N", help="the shoot day")
    parser.add_argument("--only", nargs="+", action="extend", default=[], metavar="NAME|DEPT",
                        help="send only to these people or departments")
    parser.add_argument("--dry-run", action="store_true",
                        help="show every message that would go; send nothing, write no tab")
    parser.add_argument("--changed-only", action="store_true",
                        help="on a revised call sheet, only people whose call, location or "
                             "scenes changed")
    parser.add_argument("--out", default="callsheets", metavar="FOLDER",
                        help="the call sheets' folder (callsheets)")
    parser.add_argument("--config", metavar="TOML",
                        help="mail and confirm settings (default ~/.proddesk/mail.toml)")
    parser.add_argument("--credentials", help="Google service-account key file")
    parser.set_defaults(run=_run)
    return parser


def _run(args: argparse.Namespace, out: Console, err: Console) -> int:
    from addin.distribution.command import run

    return run(args, out, err)
