"""Helpers every test folder shares."""

from __future__ import annotations

import subprocess
import sys


def printed_by(code: str) -> str:
    """What `code` prints, run in a fresh interpreter (so `sys.modules` starts empty)."""
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    return result.stdout.strip()
