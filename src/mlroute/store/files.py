"""The store's file operations: guarded read, the backup a save makes, moving a file aside.

The read refuses anything but a regular file (see `mlroute.safefile`); writes go through the
app's one writer, `mlroute.atomic.write_atomic`, with `_keep_backup` as its `before_replace` so
that the previous file becomes the backup; a damaged file is moved aside without ever
overwriting one. Each step is a module-level function so that tests can make any one of them
fail.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import os
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

from mlroute.atomic import _replace, fsync_dir, temp_path, write_atomic
from mlroute.safefile import NotAFileError, TooLargeError, read_capped
from mlroute.store.errors import LockTimeoutError, _reason
from mlroute.store.fileformat import parse_progress
from mlroute.store.progress import Progress
from mlroute.tomlfile import Problem, TomlFileError

MAX_FILE_BYTES = 64 * 1024 * 1024
"""A progress file larger than this is treated as unreadable rather than parsed."""


def _read(path: Path) -> bytes:
    # A named pipe or a device in the file's place is refused, never waited on or read for ever.
    return read_capped(path, MAX_FILE_BYTES)


def _keep_backup(path: Path, backup: Path, current: bytes) -> None:
    """Make `backup` the file now at `path` (whose bytes are `current`)."""
    link = temp_path(backup)
    try:
        os.link(path, link)
    except FileNotFoundError:
        return
    except OSError:  # no hard links here (some network and FAT file systems): copy
        write_atomic(backup, current)
        return
    try:
        _replace(link, backup)
    finally:
        with contextlib.suppress(OSError):
            link.unlink()  # left only if the replace failed, or backup was already this file


def _move_aside(path: Path, label: str) -> Path:
    """Rename `path` to `<name>.<label>-<timestamp>` without ever overwriting a file."""
    stamp = datetime.now().strftime("%Y%m%dT%H%M%S")
    for number in range(1, 1000):
        suffix = f"-{number}" if number > 1 else ""
        target = path.with_name(f"{path.name}.{label}-{stamp}{suffix}")
        try:
            os.link(path, target)
        except FileExistsError:
            continue
        except OSError as error:
            if error.errno not in (errno.EPERM, errno.ENOTSUP, errno.EXDEV, errno.EMLINK):
                raise
            if target.exists():
                continue
            os.rename(path, target)
        else:
            path.unlink()
        fsync_dir(path.parent)
        return target
    raise FileExistsError(errno.EEXIST, "too many files moved aside", str(path))


def _copy_aside(path: Path, data: bytes, label: str) -> Path:
    """Write `data` to a new `<name>.<label>-<timestamp>` file next to `path`."""
    stamp = datetime.now().strftime("%Y%m%dT%H%M%S")
    for number in range(1, 1000):
        suffix = f"-{number}" if number > 1 else ""
        target = path.with_name(f"{path.name}.{label}-{stamp}{suffix}")
        if not target.exists():
            write_atomic(target, data)
            return target
    raise FileExistsError(errno.EEXIST, "too many backups", str(path))


def _digest(data: bytes | None) -> bytes | None:
    return None if data is None else hashlib.sha256(data).digest()


def _identity(info: os.stat_result) -> tuple[int, ...]:
    """Which file this is and whether it was written since: device, inode, size and
    modification time (not the change time, which a new hard link to it moves)."""
    return (info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns)


def read_progress_file(path: Path) -> Progress:
    """Read and validate a progress file or export (migrated if older).

    Raises `TomlFileError` naming the file and line of each problem, `NewerSchemaError` for
    a newer format.
    """
    name = str(path)
    try:
        raw = _read(path)
    except FileNotFoundError:
        raise TomlFileError([Problem(name, None, "", "no such file")]) from None
    except (NotAFileError, TooLargeError) as error:  # their reason says what the path is
        raise TomlFileError([Problem(name, None, "", _reason(error))]) from None
    except OSError as error:
        raise TomlFileError([Problem(name, None, "", f"cannot read: {_reason(error)}")]) from None
    return parse_progress(raw, name)[0]


class InstanceLock:
    """The lock file that serialises saves between instances of mlroute.

    The file is kept: deleting a lock file while another instance waits on it would break it.
    """

    def __init__(self, path: Path, lock_path: Path) -> None:
        self._path = path
        self._lock_path = lock_path
        self._lock: Any = None

    @contextlib.contextmanager
    def held(self, timeout: float) -> Iterator[None]:
        """Hold the lock, waiting up to `timeout` seconds for another instance's save;
        `LockTimeoutError` after that, OSError if the lock file cannot be made."""
        from filelock import FileLock, Timeout  # deferred: only writers need it

        if self._lock is None:
            self._lock = FileLock(
                self._lock_path, timeout=timeout, thread_local=False, poll_interval=0.005
            )
        try:
            self._lock.acquire(timeout=timeout)
        except Timeout:
            raise LockTimeoutError(
                self._path,
                f"another mlroute held the lock file {self._lock_path} for more than {timeout:g} s",
            ) from None
        try:
            yield
        finally:
            self._lock.release()
