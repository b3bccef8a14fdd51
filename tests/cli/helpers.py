"""Running the installed command in a subprocess, as the hostile-file and permission tests do."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path


def run_mlroute(
    home: Path, *args: str, timeout: float, preexec_fn: Callable[[], None] | None = None
) -> subprocess.CompletedProcess[str]:
    """`python -m mlroute ARGS` with its data, config and cache directories under `home`."""
    env = {
        **os.environ,
        "MLROUTE_CONFIG_DIR": str(home / "config"),
        "MLROUTE_DATA_DIR": str(home / "data"),
        "MLROUTE_CACHE_DIR": str(home / "cache"),
    }
    return subprocess.run(
        [sys.executable, "-m", "mlroute", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        preexec_fn=preexec_fn,
        check=False,
    )
