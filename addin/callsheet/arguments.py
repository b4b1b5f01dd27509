"""The ``proddesk callsheet`` arguments, kept apart from the command so that building the
CLI's parser imports nothing the other commands do not need."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from addin.cli import date_arg

if TYPE_CHECKING:
    from rich.console import Console


def add_parser(commands: argparse._SubParsersAction) -> argparse.ArgumentParser:
    """Add the ``callsheet`` subcommand to the CLI's subparsers."""
    parser = commands.add_parser(
        "callsheet", help="make a shoot day's call sheet (xlsx, PDF or JSON)"
    )
    parser.add_argument("book", help="an .xlsx/.xlsm file or a Google Sheets URL")
    which = parser.add_mutually_exclusive_group(required=True)
    which.add_argument("--day", type=int, metavar="N", help="the shoot day number")
    which.add_argument("--date", type=date_arg, metavar="YYYY-MM-DD", help="the shoot day's date")
    which.add_argument("--all", action="store_true", help="every shoot day")
    parser.add_argument(
        "--out", default="callsheets", metavar="FOLDER", help="folder for the files (callsheets)"
    )
    parser.add_argument("--pdf", action="store_true", help="also make PDFs (LibreOffice)")
    parser.add_argument("--template", metavar="XLSX", help="your own call sheet template")
    parser.add_argument(
        "--format", choices=("xlsx", "json"), default="xlsx",
        help="json prints the call sheet's content and writes no file",
    )
    parser.add_argument(
        "--into-book", action="store_true",
        help="also write the call sheet as a tab 'Call Sheet D<N>' in the book (keeps a .bak)",
    )
    parser.add_argument(
        "--show-problems", action="store_true",
        help="list the problems found on the call sheet's notes area",
    )
    parser.add_argument(
        "--copies", type=_copies_arg, default=("crew",), metavar="crew,heads",
        help="recipients' copies: crew (published phones; always made) and heads (every phone)",
    )
    parser.add_argument(
        "--show-costs", action="store_true",
        help="add the Cost of the day (forecast pay and overtime) to the heads' copy only "
             "(makes that copy)",
    )
    parser.add_argument("--credentials", help="Google service-account key file")
    parser.set_defaults(run=_run)
    return parser


def _copies_arg(text: str) -> tuple[str, ...]:
    names = tuple(dict.fromkeys(part.strip().lower() for part in text.split(",") if part.strip()))
    unknown = [n for n in names if n not in ("crew", "heads")]
    if unknown or not names:
        raise argparse.ArgumentTypeError(
            f"'{text}' is not a list of copies; use crew, heads or crew,heads"
        )
    return names


def _run(args: argparse.Namespace, out: Console, err: Console) -> int:
    from addin.callsheet.command import run

    return run(args, out, err)
