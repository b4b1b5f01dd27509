"""``proddesk confirmations BOOK``: the book's confirmations from the server into its
Distribution tab (the parser loads nothing of it until it runs)."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from rich.console import Console

    from addin.distribution.confirmations import Pulled, Source


def add_parser(commands: argparse._SubParsersAction) -> argparse.ArgumentParser:
    """Add the ``confirmations`` subcommand to the CLI's subparsers."""
    parser = commands.add_parser(
        "confirmations", help="write the confirmations of sent call sheets into the book"
    )
    parser.add_argument("book", help="an .xlsx/.xlsm file (or a Google Sheets URL)")
    parser.add_argument("--store", metavar="PATH",
                        help="read the server's confirmations.jsonl (or its state_dir) on this "
                             "machine instead of asking the server")
    parser.add_argument("--config", metavar="TOML",
                        help="mail and confirm settings (default ~/.proddesk/mail.toml)")
    parser.add_argument("--key", action="store_true",
                        help="print the book's key for the server's [[book]] list (written "
                             "into the book first when it has none) and pull nothing")
    parser.add_argument("--credentials", help="Google service-account key file")
    parser.set_defaults(run=_run)
    return parser


def source_for(store: str | None, config: str | None) -> Source:
    """Where the confirmations come from: the local store when named, else the server of
    the [confirm] settings."""
    from addin.distribution import confirmations
    from addin.distribution.settings import load_confirm_settings
    from addin.errors import ConfigError

    if store:
        return confirmations.store_source(store)
    settings = load_confirm_settings(config)
    if settings is None:
        raise ConfigError(
            "No confirm server is set up: set base_url and secrets under [confirm] in "
            "~/.proddesk/mail.toml (or --config FILE, or PRODDESK_CONFIRM_URL and "
            "PRODDESK_CONFIRM_SECRETS), or read the server's file with --store PATH."
        )
    return confirmations.server_source(settings.base_url, settings.secret)


def pull(host: Any, store: str | None = None, config: str | None = None) -> Pulled:
    """The CLI's and the Excel button's one path: pull into the book, say what changed."""
    from addin.distribution.confirmations import pull_into_book

    return pull_into_book(host, source_for(store, config))


def _run(args: argparse.Namespace, out: Console, err: Console) -> int:
    from addin.hosts.open import open_host

    host = open_host(args.book, backup=True, credentials=args.credentials)
    if args.key:
        from addin.distribution.tokens import book_key

        key = book_key(host)
        out.print(f'{host.label}: key = "{key}" (list it in the server\'s productions.toml as '
                  "a [[book]] with your [confirm] secret)", highlight=False, soft_wrap=True,
                  markup=False)
        return 0
    out.print(pull(host, args.store, args.config).summary(), highlight=False, soft_wrap=True)
    return 0
