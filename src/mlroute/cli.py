"""The command line: `mlroute` starts the TUI; subcommands answer headlessly for scripts.

Kept light: `mlroute` with no arguments starts the app, which must not wait for argparse,
importlib.metadata or the commands (pydantic, the catalog models, the store) to import; and
`--version` and `--help` build a parser that lists the commands from `SUMMARIES` without
importing their modules. Only the command being run is imported and registered in full.
"""

from __future__ import annotations

import os
import sys
from importlib import import_module

from mlroute import __version__

TYPE_CHECKING = False  # as typing.TYPE_CHECKING, without importing typing: --version's share
if TYPE_CHECKING:
    import argparse
    from collections.abc import Sequence

COMMANDS = ("ask", "advise", "faq", "catalog", "progress", "paths", "completion", "serve")
"""Subcommand modules under `mlroute.commands`, each with `register(subparsers)`."""

SUMMARIES: dict[str, str] = {
    "ask": "answer the questions as plain prompts, then see the advice",
    "advise": "recommend a degree or a course path from an answers file",
    "faq": "list the FAQ, or answer a question",
    "catalog": "check a catalog file, list the catalog, or find entries to re-check",
    "progress": "show or change your progress (statuses, notes), undo, export, import",
    "paths": "print the data, config and cache directories and their files",
    "completion": "print a bash or zsh completion script",
    "serve": "run the app in a web browser (needs the web extra)",
}
"""Each command's one-line help, as its module registers it (a test keeps the two equal), so
`mlroute --help` lists every command without importing one. A command missing here is simply
imported and registered in full."""

NO_TERMINAL = """\
mlroute: the full-screen app needs a terminal: {why}.
Without one, try:
  mlroute ask              answer the questions as plain prompts, one at a time
  mlroute advise --help    get the recommendation for an answers file
  mlroute --help           every command
"""
"""What `mlroute` with no command says instead of drawing the app into a pipe."""


class UsageError(Exception):
    """A command was called wrongly or named something that does not exist; exit 2."""


def _dist_version(name: str) -> str | None:
    """An installed distribution's version from its `.dist-info` directory's name, found by
    listing `sys.path`: importlib.metadata would cost more than the rest of `--version`."""
    prefix = f"{name}-"
    for entry in sys.path:
        try:
            names = os.listdir(entry or ".")
        except OSError:
            continue
        for found in names:
            if found.startswith(prefix) and found.endswith(".dist-info"):
                return found[len(prefix) : -len(".dist-info")]
    return None


def _versions() -> str:
    textual = _dist_version("textual")
    if textual is None:
        from importlib import metadata

        try:
            textual = metadata.version("textual")
        except metadata.PackageNotFoundError:
            textual = "not installed"
    return f"mlroute {__version__} (textual {textual})"


def terminal_problem() -> str | None:
    """Why the full-screen app cannot run here (input or output is not a terminal, or TERM is
    "dumb"), or None when it can."""
    if not sys.stdin.isatty():
        return "input is not a terminal"
    if not sys.stdout.isatty():
        return "output is not a terminal"
    if os.environ.get("TERM") == "dumb":
        return "TERM is dumb"
    return None


def _command_in(arguments: Sequence[str]) -> str | None:
    # The top-level options take no values, so the first word that is not one names the command.
    return next((word for word in arguments if not word.startswith("-")), None)


def build_parser(command: str | None = None, *, full: bool = False) -> argparse.ArgumentParser:
    """The argument parser. Only `command`'s module (every module with `full`) is imported and
    adds its subparser; the others are listed with their `SUMMARIES` line, which is all that
    `--help` and `--version` need."""
    import argparse

    parser = argparse.ArgumentParser(
        prog="mlroute",
        description="Offline advisor: an online ML master's degree, or a structured course path?",
        epilog="With no command, starts the terminal app.",
    )
    parser.add_argument("--version", action="version", version=_versions())
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMANDS:
        if full or name == command or name not in SUMMARIES:
            import_module(f"mlroute.commands.{name}").register(subparsers)
        else:
            subparsers.add_parser(name, help=SUMMARIES[name])
    return parser


def _run_app() -> int:
    problem = terminal_problem()
    if problem is not None:
        sys.stderr.write(NO_TERMINAL.format(why=problem))
        return 2
    from mlroute.tui.app import run_app  # the only place the CLI imports Textual

    return run_app()


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    arguments = sys.argv[1:] if argv is None else list(argv)
    if not arguments:
        return _run_app()  # straight to the app, without building the parser
    parser = build_parser(_command_in(arguments))
    args = parser.parse_args(arguments)  # --help and --version end here, before any import
    from mlroute.tomlfile import TomlFileError

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
