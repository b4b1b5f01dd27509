"""``proddesk dood BOOK [--out FILE.xlsx] [--format json]``: the Day Out of Days."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from rich.console import Console

from addin.cli import date_arg
from addin.errors import InputError


def add_parser(commands: argparse._SubParsersAction) -> argparse.ArgumentParser:
    """Add the ``dood`` subcommand to the CLI's subparsers."""
    parser = commands.add_parser(
        "dood", help="write the Day Out of Days (a DOOD tab) from the schedule"
    )
    parser.add_argument("book", help="an .xlsx/.xlsm file or a Google Sheets URL")
    parser.add_argument(
        "--out", metavar="FILE.xlsx",
        help="write a copy of the book with the DOOD tab there (the book is left as it is)",
    )
    parser.add_argument(
        "--format", choices=("tab", "json"), default="tab",
        help="json prints the Day Out of Days and writes nothing",
    )
    parser.add_argument("--today", type=date_arg, help="the date on the title line (YYYY-MM-DD)")
    parser.add_argument("--credentials", help="Google service-account key file")
    parser.set_defaults(run=run)
    return parser


def run(args: argparse.Namespace, out: Console, err: Console) -> int:
    """Make the Day Out of Days; 0 when made (problems met are listed, never stop it)."""
    from addin.book import read_book
    from addin.dood.build import build_dood
    from addin.dood.tab import write_dood_tab
    from addin.hosts.open import is_google, open_host

    if args.out and args.format == "json":
        raise InputError("--format json prints the Day Out of Days only; leave out --out.")
    if args.out and is_google(args.book):
        raise InputError("--out writes a copy of an Excel file; a Google spreadsheet gets its "
                         "DOOD tab written into it by plain `proddesk dood URL`.")
    if args.out and Path(args.out).resolve() == Path(args.book).resolve():
        raise InputError(f"{args.out}: --out must name a new file; leave it out to write the "
                         "DOOD tab into the book itself.")
    writes = args.format != "json"
    host = open_host(args.book, output=args.out, backup=writes and not args.out,
                     credentials=args.credentials)
    book = read_book(host)
    dood = build_dood(book, args.today)
    if not writes:
        print(json.dumps(dood.to_dict(), indent=2, ensure_ascii=False))
        return 0
    name = write_dood_tab(host, book, dood)
    where = args.out or host.label
    out.print(f"Day Out of Days for {len(dood.rows)} cast member(s) over {len(dood.days)} "
              f"day(s) written to the tab '{name}' of {where}.", highlight=False,
              soft_wrap=True)
    for problem in dood.problems:
        err.print(f"  {problem.sheet} {problem.cell}: {problem.message}", highlight=False,
                  soft_wrap=True)
    return 0
