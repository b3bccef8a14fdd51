"""UI settings that outlive a session (the theme), in `settings.toml` in the config dir."""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

from mlroute import paths
from mlroute.atomic import write_atomic
from mlroute.safefile import read_capped

MAX_BYTES = 64 * 1024
"""A settings file larger than this is ignored: it holds one short line."""


class Settings(NamedTuple):
    """What the app remembers between runs (a `NamedTuple`: read before the first frame, and
    quicker to build at import than a dataclass)."""

    theme: str = "textual-dark"
    """The name of the chosen Textual theme."""


def load_settings(path: Path | None = None) -> Settings:
    """Read the settings; anything missing or unreadable falls back to the defaults."""
    path = path or paths.settings_path()
    try:
        text = read_capped(path, MAX_BYTES).decode("utf-8")
    except (OSError, UnicodeDecodeError):
        return Settings()
    import tomllib  # only with a file to read: a first start has none

    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError:
        return Settings()
    theme = data.get("theme")
    return Settings(theme=theme) if isinstance(theme, str) and theme else Settings()


def save_settings(settings: Settings, path: Path | None = None) -> None:
    """Write the settings atomically. Raises OSError when the config dir is not writable."""
    import tomli_w

    path = path or paths.settings_path()
    write_atomic(path, tomli_w.dumps({"theme": settings.theme}).encode())
