"""The progress file's backup, `progress.toml.bak`: read, offered, and kept aside when damaged.

The backup is the previous good file, made by each save. It is offered to the user only when it
loads, and one that does not load is moved aside before a save replaces it, never overwritten.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from mlroute.store.errors import _reason
from mlroute.store.fileformat import parse_progress
from mlroute.store.files import _identity, _move_aside, _read
from mlroute.store.progress import Progress
from mlroute.store.reports import _problem_text
from mlroute.tomlfile import TomlFileError

Reader = Callable[[], tuple[Progress | None, str]]
"""Reads the backup: its progress, or None and why not (`ProgressStore._read_backup`)."""


def read(path: Path) -> tuple[Progress | None, str]:
    """The backup's progress, or None and why not: "does not exist", "is not usable (...)" or
    "cannot be read (...)", to follow the backup's name in a sentence."""
    try:
        raw = _read(path)
    except FileNotFoundError:
        return None, "does not exist"
    except OSError as error:
        return None, f"cannot be read ({_reason(error)})"
    try:
        return parse_progress(raw, str(path))[0], ""
    except TomlFileError as error:
        return None, f"is not usable ({_problem_text(error.problems)})"


def leftover(path: Path, backup: Path, read_backup: Reader) -> tuple[str, ...]:
    """What to say about a backup found without its progress file: how to restore it, only if
    it can be restored."""
    if not backup.exists():
        return ()
    progress, problem = read_backup()
    if progress is not None:
        return (
            f"There is no progress file at {path}, but there is a backup at {backup}; "
            f"`mlroute progress import {backup}` restores it.",
        )
    return (
        f"There is no progress file at {path}; the backup {backup} {problem}, so there is "
        "nothing to restore from it.",
    )


def keep_if_damaged(
    backup: Path, known_good: tuple[int, ...] | None, read_backup: Reader
) -> tuple[str, ...]:
    """Before a save replaces the backup: move it aside as `.bak.corrupt-<time>` if it does
    not load, so that a damaged backup is kept for the user rather than silently overwritten.
    Returns what to tell the user.

    `known_good` is the identity (see `files._identity`) of a backup known to load, which is
    not read again: the one the store made from a file it had read or written itself.
    """
    try:
        identity = _identity(os.stat(backup))
    except OSError:
        return ()  # none (or none that can be looked at: the save's own step will say)
    if identity == known_good:
        return ()
    progress, problem = read_backup()
    if progress is not None or not problem.startswith("is not usable"):
        return ()  # usable; or not a file that could be read, which is no backup to keep
    moved = _move_aside(backup, "corrupt")
    return (f"The backup {backup} {problem}; it was moved to {moved}.",)
