"""`mlroute` with no arguments goes straight to the app, without the commands' imports."""

from __future__ import annotations

import subprocess
import sys

from tests.helpers import printed_by

PROBE = """
import sys
import mlroute.tui.app as app
app.run_app = lambda: 7  # stands in for the TUI
import mlroute.cli as cli
cli.terminal_problem = lambda: None  # as if run in a terminal
status = cli.main([])
heavy = sorted(
    name for name in sys.modules
    if name.split(".")[0] in {"pydantic", "argparse", "tomli_w"}
    or name.startswith(("mlroute.commands", "mlroute.catalog", "mlroute.store"))
)
print(status, heavy)
"""


def test_no_arguments_start_the_app_without_building_the_parser() -> None:
    """The first screen must not wait for argparse, pydantic or the catalog models."""
    assert printed_by(PROBE) == "7 []"


def test_the_parser_still_answers_version_and_unknown_commands() -> None:
    version = subprocess.run(
        [sys.executable, "-m", "mlroute", "--version"], capture_output=True, text=True
    )
    assert version.returncode == 0 and version.stdout.startswith("mlroute ")
    wrong = subprocess.run(
        [sys.executable, "-m", "mlroute", "frobnicate"], capture_output=True, text=True
    )
    assert wrong.returncode == 2 and "invalid choice" in wrong.stderr
