"""The command line: `mlroute` starts the TUI; subcommands answer headlessly for scripts.

Kept light: `mlroute` with no arguments starts the app, which must not wait for argparse,
importlib.metadata or the commands (pydantic, the catalog models, the store) to import.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from importlib import import_module
from typing import TYPE_CHECKING

from mlroute import __version__

if TYPE_CHECKING:
    import argparse

COMMANDS = ("faq", "catalog", "progress", "advise")
"""Subcommand modules under `mlroute.commands`, each with `register(subparsers)`."""


class UsageError(Exception):
    """A command was called wrongly or named something that does not exist; exit 2."""


def _versions() -> str:
    from importlib import metadata

    try:
        textual = metadata.version("textual")
    except metadata.PackageNotFoundError:
        textual = "not installed"
    return f"mlroute {__version__} (textual {textual})"


def build_parser() -> argparse.ArgumentParser:
    """The whole argument parser; each command module adds its own subparser."""
    import argparse

    parser = argparse.ArgumentParser(
        prog="mlroute",
        description="Offline advisor: an online ML master's degree, or a structured course path?",
        epilog="With no command, starts the terminal app.",
    )
    parser.add_argument("--version", action="version", version=_versions())
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMANDS:
        import_module(f"mlroute.commands.{name}").register(subparsers)
    return parser


def _run_app() -> int:
    from mlroute.tui.app import run_app  # the only place the CLI imports Textual

    return run_app()


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    arguments = sys.argv[1:] if argv is None else list(argv)
    if not arguments:
        return _run_app()  # straight to the app, without building the parser
    from mlroute.tomlfile import TomlFileError

    parser = build_parser()
    args = parser.parse_args(arguments)
    if args.command is None:
        return _run_app()
    try:
        status: int = args.handler(args)
    except TomlFileError as error:
        for problem in error.problems:
            print(problem, file=sys.stderr)
        return 2
    except UsageError as error:
        print(f"mlroute {args.command}: {error}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        sys.stderr.close()  # the reader went away (`| head`); nothing more to say
        return 0
    except KeyboardInterrupt:
        return 130
    return status
