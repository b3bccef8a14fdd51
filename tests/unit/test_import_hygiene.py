"""The headless core never imports Textual, so the CLI's commands and scripts stay light."""

from __future__ import annotations

import subprocess
import sys

import pytest

HEADLESS = [
    "mlroute.cli",
    "mlroute.catalog",
    "mlroute.tomlfile",
    "mlroute.search",
    "mlroute.text",
    "mlroute.paths",
    "mlroute.commands.catalog",
    "mlroute.commands.faq",
]


@pytest.mark.parametrize("module", HEADLESS)
def test_headless_module_does_not_import_textual(module: str) -> None:
    code = f"import sys, {module}; print('textual' in sys.modules)"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "False"


def test_headless_command_runs_without_textual() -> None:
    code = (
        "import sys, contextlib, io\n"
        "from mlroute.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    main(['catalog', 'list'])\n"
        "print('textual' in sys.modules)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "False"
