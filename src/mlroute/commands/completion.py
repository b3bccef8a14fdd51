"""`mlroute completion bash|zsh`: a shell completion script generated from the parser itself."""

from __future__ import annotations

import argparse
import sys
from typing import Any

SHELLS = ("bash", "zsh")
"""The shells shtab writes completion for that we document."""


def register(subparsers: Any) -> None:
    """Add the `completion` command."""
    parser = subparsers.add_parser(
        "completion",
        help="print a bash or zsh completion script",
        description="Print a completion script for your shell, generated from mlroute's own "
        "parser, so it always knows every command and option. Needs the optional shtab "
        "package: pip install 'mlroute[completion]'.",
        epilog="bash: mlroute completion bash > ~/.local/share/bash-completion/completions/"
        "mlroute    zsh: mlroute completion zsh > ~/.zfunc/_mlroute (with ~/.zfunc on fpath)",
    )
    parser.add_argument("shell", choices=SHELLS)
    parser.set_defaults(handler=_completion)


def script(shell: str) -> str:
    """The completion script for `shell`, from the full parser. Raises UsageError without
    shtab."""
    from mlroute.cli import UsageError, build_parser

    try:
        import shtab
    except ImportError:
        raise UsageError(
            "shell completion needs the shtab package: pip install 'mlroute[completion]' "
            "(or pip install shtab)"
        ) from None
    text: str = shtab.complete(build_parser(full=True), shell=shell)
    return text


def _completion(args: argparse.Namespace) -> int:
    sys.stdout.write(script(args.shell))
    return 0
