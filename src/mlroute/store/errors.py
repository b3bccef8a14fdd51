"""Why the progress file could not be written, as exceptions that name the file and the reason.

The change that could not be saved stays in memory; the messages say so.
"""

from __future__ import annotations

import errno
from collections.abc import Iterable
from pathlib import Path

from mlroute.store.progress import Progress


class StoreError(Exception):
    """The progress file could not be written (or will not be); the change is kept in memory."""

    def __init__(self, path: Path, reason: str) -> None:
        self.path = path
        """The file concerned."""
        self.reason = reason
        """What went wrong, in a few words."""
        super().__init__(
            f"cannot save {path}: {reason}; your changes are kept in memory but are not being saved"
        )


class DiskFullError(StoreError):
    """No space left on the device (or over quota)."""


class ReadOnlyError(StoreError):
    """The file system is mounted read-only."""


class PermissionDeniedError(StoreError):
    """The user may not write the file or its directory."""


class LockTimeoutError(StoreError):
    """Another instance held the lock for too long."""


class SaveRefusedError(StoreError):
    """Saving is off because of how the file loaded: newer format, unreadable, stuck corrupt."""


class ConflictError(StoreError):
    """Another instance changed the same things since this one read the file; nothing saved."""

    def __init__(self, path: Path, conflicts: Iterable[str], theirs: Progress) -> None:
        self.conflicts = tuple(conflicts)
        """The keys both changed, e.g. `items.course-a`, `path`."""
        self.theirs = theirs
        """The progress the other instance saved."""
        shown = ", ".join(k.removeprefix("items.") for k in self.conflicts[:5])
        more = f" and {len(self.conflicts) - 5} more" if len(self.conflicts) > 5 else ""
        super().__init__(path, f"another mlroute changed {shown}{more} at the same time")


def _reason(error: OSError) -> str:
    return error.strerror or str(error)


def _save_error(path: Path, error: OSError) -> StoreError:
    if error.errno in (errno.ENOSPC, errno.EDQUOT):
        return DiskFullError(path, "the disk is full")
    if error.errno == errno.EROFS:
        return ReadOnlyError(path, "the file system is read-only")
    if isinstance(error, PermissionError):
        where = error.filename or path
        return PermissionDeniedError(path, f"permission denied ({where})")
    return StoreError(path, _reason(error))
