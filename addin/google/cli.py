"""The ``sync`` and ``serve`` subcommands (added to addin/cli.py's subparsers)."""

from __future__ import annotations

import argparse

from rich.console import Console


def add_sync_parser(commands: argparse._SubParsersAction) -> argparse.ArgumentParser:
    """``proddesk sync --config productions.toml [--once]``."""
    parser = commands.add_parser(
        "sync", help="keep Google productions checked and their call sheet tabs up to date"
    )
    parser.add_argument("--config", default="productions.toml", help="the productions file")
    parser.add_argument("--once", action="store_true", help="one cycle (for cron)")
    parser.set_defaults(run=run_sync)
    return parser


def add_serve_parser(commands: argparse._SubParsersAction) -> argparse.ArgumentParser:
    """``proddesk serve [--host 127.0.0.1 --port 8765 --config productions.toml]``."""
    parser = commands.add_parser("serve", help="HTTP API for the Google Sheets menu and functions")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--config", default="productions.toml", help="the productions file")
    parser.set_defaults(run=run_serve)
    return parser


def _print(outcomes: list, out: Console) -> None:
    for item in outcomes:
        if item.status == "skipped":
            out.print(f"{item.name}: skipped this time - {item.reason}", highlight=False)
        elif item.status == "unchanged":
            out.print(f"{item.name}: no changes, nothing written.", highlight=False)
        else:
            tabs = f", call sheets {', '.join(item.callsheets)}" if item.callsheets else ""
            out.print(
                f"{item.name}: checks published ({item.errors} error(s)){tabs}.", highlight=False
            )


def run_sync(args: argparse.Namespace, out: Console, err: Console) -> int:
    """Run one cycle or cycle until SIGTERM; 1 when a production was skipped (once)."""
    from addin.google.config import load_config
    from addin.google.sync import Stopper, run_cycle, run_forever

    config = load_config(args.config)
    stopper = Stopper()
    stopper.install()
    if args.once:
        outcomes = run_cycle(config, stopper)
        _print(outcomes, out)
        return 1 if any(o.status == "skipped" for o in outcomes) else 0
    run_forever(config, stopper, on_cycle=lambda outcomes: _print(outcomes, out))
    err.print("Sync stopped.")
    return 0


def run_serve(args: argparse.Namespace, out: Console, err: Console) -> int:
    """Serve the HTTP API until stopped."""
    import uvicorn

    from addin.google.config import load_config
    from addin.google.limits import server_options
    from addin.google.server import create_app

    app = create_app(load_config(args.config))
    uvicorn.run(app, host=args.host, port=args.port, log_level="warning", **server_options())
    return 0
