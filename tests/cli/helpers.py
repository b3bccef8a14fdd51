"""Running the installed command in a subprocess, as the hostile-file and permission tests do;
importing a script from scripts/, as the screenshot and README tests do."""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

SCRIPTS = Path(__file__).resolve().parents[2] / "scripts"
"""The repository's scripts/ directory."""


def load_script(name: str) -> ModuleType:
    """Import a script from scripts/ by its path."""
    spec = importlib.util.spec_from_file_location(name, SCRIPTS / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


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
