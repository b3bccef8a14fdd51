"""The one writer of files: each is either entirely the old bytes or entirely the new ones.

Every file mlroute writes (progress and its backup copies, answers, settings, exports, the
catalog cache) goes through `write_atomic`; a test (`tests/unit/test_one_writer.py`) fails if
any other module writes, renames or creates a file itself. Each disk step is a module-level
function so that tests can make any one of them fail (`mlroute.store` passes a step set on it
through to here).
"""

from __future__ import annotations

import contextlib
import os
import secrets
import stat
from collections.abc import Callable
from pathlib import Path

NEW_FILE_MODE = 0o600
"""Permissions of a file that did not exist before: the user's progress, answers and exports
are theirs alone (the umask may narrow this further, never widen it)."""


def _open(path: Path) -> int:
    # O_EXCL: a temp name that somehow exists is never written through (or followed as a link).
    return os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC, NEW_FILE_MODE)


def _write(fd: int, data: bytes | memoryview) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]


def _fsync(fd: int) -> None:
    os.fsync(fd)


def _replace(source: Path, target: Path) -> None:
    os.replace(source, target)


def temp_path(path: Path) -> Path:
    """A fresh temp name beside `path`, `.<name>.<random>.tmp`: in the same directory, so the
    rename is atomic, and hidden, so a crash's leftover is out of the way (the store removes
    its own by that pattern)."""
    return path.with_name(f".{path.name}.{secrets.token_hex(6)}.tmp")


def _kept_mode(path: Path) -> int | None:
    """The permission bits of the regular file now at `path`, to carry over; None if there is
    none (a new file gets `NEW_FILE_MODE`)."""
    try:
        info = os.stat(path)
    except OSError:
        return None
    return stat.S_IMODE(info.st_mode) if stat.S_ISREG(info.st_mode) else None


def write_atomic(
    path: Path,
    data: bytes | memoryview,
    *,
    before_replace: Callable[[], object] | None = None,
) -> None:
    """Replace `path` with `data` atomically and durably, creating its directory if need be.

    The bytes go to a temp file in the same directory (`temp_path`), which is written,
    fsynced and renamed over `path`; the directory is then fsynced so that the rename survives
    a crash. A file being replaced keeps its permission bits; a new one is `NEW_FILE_MODE`.

    `before_replace`, if given, runs once the new bytes are safely on disk and just before
    the rename (the store makes its backup of the old file there); if it raises, nothing is
    renamed. On any failure before the rename, `path` is untouched and the temp file removed;
    the OSError propagates.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    mode = _kept_mode(path)
    tmp = temp_path(path)
    fd = _open(tmp)
    try:
        try:
            if mode is not None:
                os.fchmod(fd, mode)
            _write(fd, data)
            _fsync(fd)
        finally:
            os.close(fd)
        if before_replace is not None:
            before_replace()
        _replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
    fsync_dir(path.parent)


def fsync_dir(directory: Path) -> None:
    """Make a rename in `directory` durable (a no-op where directories cannot be opened)."""
    with contextlib.suppress(OSError):
        dir_fd = os.open(directory, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)
