"""Shared test set-up: no test ever touches the real home directory."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture(autouse=True)
def isolated_dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point every mlroute directory at a fresh temporary directory."""
    home = tmp_path / "home"
    monkeypatch.setenv("MLROUTE_CONFIG_DIR", str(home / "config"))
    monkeypatch.setenv("MLROUTE_DATA_DIR", str(home / "data"))
    monkeypatch.setenv("MLROUTE_CACHE_DIR", str(home / "cache"))
    return home
