"""The command line: `mlroute` starts the TUI; subcommands answer headlessly for scripts."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from importlib import import_module, metadata

from mlroute import __version__
from mlroute.tomlfile import TomlFileError

COMMANDS = ("faq", "catalog", "progress", "advise")
"""Subcommand modules under `mlroute.commands`, each with `register(subparsers)`."""


class UsageError(Exception):
    """A command was called wrongly or named something that does not exist; exit 2."""


def _versions() -> str:
    try:
        textual = metadata.version("textual")
    except metadata.PackageNotFoundError:
        textual = "not installed"
    return f"mlroute {__version__} (textual {textual})"


def build_parser() -> argparse.ArgumentParser:
    """The whole argument parser; each command module adds its own subparser."""
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


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        from mlroute.tui.app import run_app  # the only place the CLI imports Textual

        return run_app()
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
