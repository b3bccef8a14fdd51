"""UI settings that outlive a session (the theme, remapped keys), in `settings.toml` in the
config dir.

    theme = "nord"

    [keys]              # command id = Textual key name(s), comma-separated
    "advisor.next" = "ctrl+j"
    plan.tick = "t,space"
"""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

from mlroute import paths
from mlroute.atomic import write_atomic
from mlroute.safefile import read_capped

MAX_BYTES = 64 * 1024
"""A settings file larger than this is ignored: it holds a theme and a few keys."""


class Settings(NamedTuple):
    """What the app remembers between runs (a `NamedTuple`: read before the first frame, and
    quicker to build at import than a dataclass)."""

    theme: str | None = None
    """The name of the chosen Textual theme; None when the user never chose one (the app then
    follows TEXTUAL_THEME, or Textual's default)."""
    keys: tuple[tuple[str, str], ...] = ()
    """The `[keys]` table as (command id, keys) pairs, in file order, as written: the app
    checks the key names and the ids."""
    problems: tuple[str, ...] = ()
    """Entries of the file that were ignored, in words (a key that is not text)."""


def _keys(table: object, prefix: str = "") -> tuple[list[tuple[str, str]], list[str]]:
    """Flatten `[keys]`: a dotted bare key (`plan.tick = "t"`) arrives as nested tables."""
    if not isinstance(table, dict):
        return [], [f"settings: keys{'.' + prefix if prefix else ''} must be a table"]
    found: list[tuple[str, str]] = []
    problems: list[str] = []
    for name, value in table.items():
        full = f"{prefix}{name}"
        if isinstance(value, dict):
            more, trouble = _keys(value, f"{full}.")
            found += more
            problems += trouble
        elif isinstance(value, str):
            found.append((full, value))
        else:
            problems.append(f'{full}: the keys must be text, e.g. "ctrl+j"; the default is kept')
    return found, problems


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
    keys, problems = _keys(data["keys"]) if "keys" in data else ([], [])
    return Settings(
        theme=theme if isinstance(theme, str) and theme else None,
        keys=tuple(keys),
        problems=tuple(problems),
    )


def save_settings(settings: Settings, path: Path | None = None) -> None:
    """Write the settings atomically, the `[keys]` table with them (as flat quoted ids).
    Raises OSError when the config dir is not writable."""
    import tomli_w

    path = path or paths.settings_path()
    data: dict[str, object] = {} if settings.theme is None else {"theme": settings.theme}
    if settings.keys:
        data["keys"] = dict(settings.keys)
    write_atomic(path, tomli_w.dumps(data).encode())
