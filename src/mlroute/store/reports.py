"""What loading and saving the progress file tell the caller, for the user to be told."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import NamedTuple

from mlroute.store.progress import Progress
from mlroute.tomlfile import Problem


class LoadOutcome(StrEnum):
    """What `ProgressStore.load` found."""

    MISSING = "missing"
    """No file yet (first run): empty progress; the file is created on the first save."""
    LOADED = "loaded"
    """Read as it was; nothing was written."""
    MIGRATED = "migrated"
    """An older format, updated (the original bytes were backed up first)."""
    RESTORED = "restored"
    """Corrupt or invalid: moved aside, and the progress restored from the .bak file."""
    STARTED_EMPTY = "started-empty"
    """Corrupt or invalid, with no usable .bak: moved aside; progress starts empty."""
    DAMAGED = "damaged"
    """Corrupt or invalid, and it could not be moved aside: left as it is; saving is off."""
    REFUSED_NEWER = "refused-newer"
    """Written by a newer mlroute: left untouched; saving is off."""
    UNREADABLE = "unreadable"
    """Could not be read (permissions, I/O error): nothing is written; saving is off."""


@dataclass(frozen=True)
class LoadReport:
    """What happened when the progress file was loaded, for the user to be told."""

    path: Path
    """The progress file."""
    outcome: LoadOutcome
    """Which of the cases it was."""
    problems: tuple[Problem, ...] = ()
    """What was wrong with the file (corrupt, invalid, newer), each located."""
    quarantined: Path | None = None
    """Where the damaged file was moved."""
    backup: Path | None = None
    """The file the progress came from instead (the .bak), or where the pre-migration
    original was copied."""
    migrated_from: int | None = None
    """The format the file had, when it was migrated."""
    messages: tuple[str, ...] = ()
    """What to tell the user, in sentences naming the files."""
    saving: bool = True
    """False when saves are refused (newer format, unreadable, damaged file stuck in place)."""

    @property
    def ok(self) -> bool:
        """True when there is nothing to tell the user."""
        return self.outcome in (LoadOutcome.MISSING, LoadOutcome.LOADED) and not self.messages


class Loaded(NamedTuple):
    """The result of `ProgressStore.load`."""

    progress: Progress
    """The progress to work with (empty when there was none, or it could not be used)."""
    report: LoadReport
    """What happened."""


@dataclass(frozen=True)
class SaveResult:
    """What `ProgressStore.save` wrote."""

    progress: Progress
    """What is now in the file: the progress given, plus any other instance's changes."""
    merged: tuple[str, ...] = ()
    """Keys taken from another instance's save, e.g. `items.course-b`."""
    conflicts: tuple[str, ...] = ()
    """Keys both changed, resolved by the `on_conflict` policy given."""
    messages: tuple[str, ...] = ()
    """Anything to tell the user (e.g. a damaged file found and moved aside)."""


def _problem_text(problems: Iterable[Problem]) -> str:
    listed = [str(p) for p in problems]
    return "; ".join(listed[:3]) + (f"; and {len(listed) - 3} more" if len(listed) > 3 else "")
