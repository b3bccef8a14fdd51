"""SVG snapshots of real screens, compared against baselines in `svg/`.

A mismatch writes `<name>.actual.svg` beside the baseline and fails; set
MLROUTE_UPDATE_SNAPSHOTS=1 to accept the new pictures (look at them first).
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from textual.app import App

SVG_DIR = Path(__file__).parent / "svg"

Snapshot = Callable[[App[Any], str], None]


@pytest.fixture
def snapshot() -> Snapshot:
    """Compare the app's current screen with the baseline `svg/<name>.svg`."""

    def check(app: App[Any], name: str) -> None:
        svg = app.export_screenshot(title=name)
        baseline = SVG_DIR / f"{name}.svg"
        actual = SVG_DIR / f"{name}.actual.svg"
        if os.environ.get("MLROUTE_UPDATE_SNAPSHOTS") == "1" or not baseline.exists():
            baseline.write_text(svg)
            actual.unlink(missing_ok=True)
            if os.environ.get("MLROUTE_UPDATE_SNAPSHOTS") != "1":
                pytest.fail(f"new snapshot written to {baseline}: look at it, then rerun")
            return
        if svg != baseline.read_text():
            actual.write_text(svg)
            pytest.fail(f"{name}: screen differs from {baseline}; see {actual}")
        actual.unlink(missing_ok=True)

    return check
