"""Where mlroute keeps its files: platformdirs locations, overridable by environment variables.

Nothing here creates a directory; writers create theirs lazily, on save.
"""

from __future__ import annotations

import os
from pathlib import Path

APP_NAME = "mlroute"


def _dir(env: str, kind: str) -> Path:
    override = os.environ.get(env)
    if override:
        return Path(override).expanduser()
    import platformdirs  # deferred: keeps `import mlroute.paths` free for the TUI's first paint

    return Path(getattr(platformdirs, f"user_{kind}_dir")(APP_NAME, appauthor=False))


def config_dir() -> Path:
    """The user config dir (`MLROUTE_CONFIG_DIR` overrides): the overlay catalog and settings."""
    return _dir("MLROUTE_CONFIG_DIR", "config")


def data_dir() -> Path:
    """The user data dir (`MLROUTE_DATA_DIR` overrides): the progress store."""
    return _dir("MLROUTE_DATA_DIR", "data")


def cache_dir() -> Path:
    """The user cache dir (`MLROUTE_CACHE_DIR` overrides): the validated catalog cache."""
    return _dir("MLROUTE_CACHE_DIR", "cache")


def overlay_path() -> Path:
    """The optional user overlay catalog."""
    return config_dir() / "catalog.toml"


def progress_path() -> Path:
    """The progress store file."""
    return data_dir() / "progress.toml"


def settings_path() -> Path:
    """UI settings such as the chosen theme."""
    return config_dir() / "settings.toml"


def bundled_data_dir() -> Path:
    """The bundled `data/` directory: inside the wheel, or the repository's in a dev install."""
    packaged = Path(__file__).parent / "data"
    if packaged.is_dir():
        return packaged
    # Editable installs import from src/, where the catalog sits at the repo root.
    return Path(__file__).resolve().parents[2] / "data"
