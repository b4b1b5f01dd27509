"""The ``proddesk`` command: validate | clear | callsheet | send | dood | demo | sync | serve.

Exit codes: 0 no error findings, 1 error findings, 2 unusable input or
configuration (one sentence on stderr, never a traceback).
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path

from rich.console import Console
from rich.markup import escape

from addin import __version__
from addin.errors import AddinError
from addin.logs import LOG_PATH, setup_logging

log = logging.getLogger("addin.cli")

EXIT_OK, EXIT_FINDINGS, EXIT_UNUSABLE, EXIT_BUG = 0, 1, 2, 3
EXIT_PIPE = 141
"""What a shell reports for a command killed by SIGPIPE (128 + 13)."""


def date_arg(text: str) -> date:
    """An argparse type: a YYYY-MM-DD date, else a one-line usage error."""
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a date like 2026-11-25") from None


def build_parser() -> argparse.ArgumentParser:
    """The command-line interface."""
    parser = argparse.ArgumentParser(
        prog="proddesk",
        description="ProdDesk: checks and call sheets for your production book.",
    )
    parser.add_argument("--version", action="version", version=f"proddesk {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    validate = commands.add_parser("validate", help="check the book and list what needs fixing")
    validate.add_argument("book", help="an .xlsx/.xlsm file or a Google Sheets URL")
    validate.add_argument("--format", choices=("table", "json"), default="table")
    where = validate.add_mutually_exclusive_group()
    where.add_argument(
        "--annotate", metavar="OUT", help="write a copy with a Checks tab, cell fills and notes"
    )
    where.add_argument(
        "--in-place",
        action="store_true",
        help="write the Checks tab, fills and notes into the book (keeps a .bak)",
    )
    validate.add_argument("--today", type=date_arg, help="check as of this date (YYYY-MM-DD)")
    validate.add_argument(
        "--all",
        action="store_true",
        dest="show_all",
        help="list every finding in the table (by default each check shows its first 5)",
    )
    validate.add_argument("--credentials", help="Google service-account key file")
    validate.set_defaults(run=_validate)

    clear = commands.add_parser("clear", help="remove everything ProdDesk added to the book")
    clear.add_argument("book")
    clear.add_argument("--credentials", help="Google service-account key file")
    clear.set_defaults(run=_clear)

    columns = commands.add_parser(
        "columns", help="add a ProdDesk Columns tab showing how your headers were understood"
    )
    columns.add_argument("book")
    columns.add_argument("--credentials", help="Google service-account key file")
    columns.set_defaults(run=_columns)

    from addin.callsheet.arguments import add_parser as add_callsheet_parser

    add_callsheet_parser(commands)

    from addin.distribution.arguments import add_parser as add_send_parser

    add_send_parser(commands)

    from addin.distribution.pull_command import add_parser as add_confirmations_parser

    add_confirmations_parser(commands)

    from addin.dood.command import add_parser as add_dood_parser

    add_dood_parser(commands)

    demo = commands.add_parser("demo", help="try ProdDesk on the sample production")
    demo.add_argument("--out", default="proddesk-demo", help="folder for the demo files")
    demo.add_argument("--today", type=date_arg, help="check as of this date (YYYY-MM-DD)")
    demo.set_defaults(run=_demo)

    from addin.google.cli import add_serve_parser, add_sync_parser

    add_sync_parser(commands)
    add_serve_parser(commands)
    return parser


def _validate(args: argparse.Namespace, out: Console, err: Console) -> int:
    from addin.run import validate_target

    report, written = validate_target(
        args.book,
        today=args.today,
        annotate=args.annotate,
        in_place=args.in_place,
        credentials=args.credentials,
        status=err,
    )
    if args.format == "json":
        out.print_json(report.to_json()) if out.is_terminal else print(report.to_json())
    else:
        from addin.views import print_report

        print_report(report, out, show_all=args.show_all)
    if written:
        err.print(f"Checks written to {written}.")
    return EXIT_FINDINGS if report.has_errors else EXIT_OK


def _clear(args: argparse.Namespace, out: Console, err: Console) -> int:
    from addin.run import clear_target

    restored, label = clear_target(args.book, credentials=args.credentials)
    out.print(f"Cleared ProdDesk checks from {label}: {restored} cell(s) restored.")
    return EXIT_OK


def _columns(args: argparse.Namespace, out: Console, err: Console) -> int:
    from addin.run import write_columns_tab

    count, label = write_columns_tab(args.book, credentials=args.credentials)
    out.print(
        f"Added the ProdDesk Columns tab to {label} with {count} row(s): change 'Your header' "
        "where ProdDesk got it wrong, fill in the empty ones, then validate again.",
        highlight=False,
    )
    return EXIT_OK


def _demo(args: argparse.Namespace, out: Console, err: Console) -> int:
    from addin.demo import run_demo

    return run_demo(Path(args.out), out, today=args.today)


def main(argv: list[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    setup_logging()
    parser = build_parser()
    args = parser.parse_args(argv)
    out, err = Console(), Console(stderr=True)
    run: Callable[[argparse.Namespace, Console, Console], int] = args.run
    try:
        return run(args, out, err)
    except AddinError as error:
        log.info("unusable input: %s", error)
        err.print(f"[bold red]Error:[/bold red] {escape(str(error))}", highlight=False)
        return EXIT_UNUSABLE
    except KeyboardInterrupt:
        err.print("Stopped.")
        return 130
    except BrokenPipeError:
        # The reader went away (`proddesk validate ... | head`): stop quietly, as Unix tools do.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_PIPE
    except Exception as error:
        log.exception("unexpected error")
        err.print(
            f"[bold red]ProdDesk hit an unexpected problem[/bold red] ({type(error).__name__}: "
            f"{escape(str(error))}). Nothing was written. Details are in {LOG_PATH}.",
            highlight=False,
        )
        return EXIT_BUG


if __name__ == "__main__":
    sys.exit(main())
