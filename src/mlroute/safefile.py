"""Reading a file the user (or anyone) may have put in place: regular files only, never past a cap.

Every file mlroute reads goes through `read_capped` or `open_capped`. A path may name a named
pipe (reading it would wait for a writer for ever), a device such as `/dev/zero` (endless, with
a size of 0, so a check of `st_size` alone lets it through), a directory or a symlink loop.
The file is opened without blocking, checked with `fstat` on the opened descriptor (so it is
the file read that is checked, not whatever the path named a moment before), and read to at
most its cap plus one byte, whatever its size claims.

Failures are `OSError`s whose `strerror` says what the path is, in words fit for a message
that names the file: "is a named pipe, not a file", "is larger than the limit of ...".
"""

from __future__ import annotations

import errno
import io
import os
import stat
from pathlib import Path

_FLAGS = os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC | getattr(os, "O_NOCTTY", 0)
"""Non-blocking, so that opening a named pipe returns at once instead of waiting for a writer;
no controlling terminal, so that opening a terminal device cannot make it ours."""

_CHUNK = 1024 * 1024
"""Read size when a file's size says nothing (0, as for files under /proc)."""


class NotAFileError(OSError):
    """The path is something other than a regular file: a pipe, a device, a directory..."""


class TooLargeError(OSError):
    """The file is over the size cap; it was not read past the cap."""


def _what(mode: int) -> str:
    """What a non-regular file is, as the end of a sentence starting with its name."""
    if stat.S_ISDIR(mode):
        return "is a directory, not a file"
    if stat.S_ISFIFO(mode):
        return "is a named pipe, not a file"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "is a device, not a file"
    if stat.S_ISSOCK(mode):
        return "is a socket, not a file"
    return "is not a regular file"


def _too_large(path: Path, cap: int, size: int | None) -> TooLargeError:
    if size is not None and size > cap:
        reason = f"file is {size:,} bytes; the limit is {cap:,}"
    else:
        reason = f"file is larger than the limit of {cap:,} bytes"
    return TooLargeError(errno.EFBIG, reason, str(path))


def _open_regular(path: Path, cap: int) -> tuple[int, int]:
    """Open `path` for reading if it is a regular file of at most `cap` bytes: (fd, size)."""
    try:
        # A first look by name, so that a device is refused before it is even opened (opening
        # some devices does something); the check after opening is the one that counts.
        mode = os.stat(path).st_mode
        if not stat.S_ISREG(mode):
            raise NotAFileError(errno.EINVAL, _what(mode), str(path))
        fd = os.open(path, _FLAGS)
    except OSError as error:
        if error.errno == errno.ELOOP:
            raise NotAFileError(errno.ELOOP, "is a symbolic link loop", str(path)) from None
        if error.errno == errno.EISDIR:
            raise NotAFileError(errno.EISDIR, _what(stat.S_IFDIR), str(path)) from None
        raise
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise NotAFileError(errno.EINVAL, _what(info.st_mode), str(path))
        if info.st_size > cap:
            raise _too_large(path, cap, info.st_size)
    except BaseException:
        os.close(fd)
        raise
    return fd, info.st_size


def read_capped(path: Path, cap: int) -> bytes:
    """The bytes of the regular file `path`, refusing anything else and anything over `cap`.

    Raises `FileNotFoundError`, `NotAFileError` (a pipe, device, directory, socket, link loop),
    `TooLargeError`, or another `OSError` (permissions, I/O); `strerror` says which.
    """
    fd, size = _open_regular(path, cap)
    try:
        chunks: list[bytes] = []
        total = 0
        # One read of the whole file and one that finds its end, when its size is honest.
        want = size + 1 if size else _CHUNK
        while total <= cap:
            chunk = os.read(fd, min(want, cap + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
            want = _CHUNK
        if total > cap:
            raise _too_large(path, cap, None)
        return chunks[0] if len(chunks) == 1 else b"".join(chunks)
    finally:
        os.close(fd)


class _CappedReader(io.RawIOBase):
    """A descriptor read as a stream that fails once more than `cap` bytes have come."""

    def __init__(self, fd: int, path: Path, cap: int) -> None:
        super().__init__()
        self._fd = fd
        self._path = path
        self._cap = cap
        self._left = cap

    def readable(self) -> bool:
        """Always: the stream is for reading."""
        return True

    def readinto(self, buffer: memoryview) -> int:  # type: ignore[override]
        """Fill `buffer` from the file; `TooLargeError` once the file exceeds its cap."""
        count = os.readv(self._fd, [buffer])
        self._left -= count
        if self._left < 0:
            raise _too_large(self._path, self._cap, None)
        return count

    def close(self) -> None:
        """Close the descriptor."""
        if not self.closed:
            os.close(self._fd)
        super().close()


def open_capped(path: Path, cap: int) -> io.BufferedReader:
    """The regular file `path` opened as a binary stream that refuses to read past `cap`.

    For readers that stream (the catalog cache is unpickled as it is read); the same refusals
    as `read_capped`, raised on opening or, for a file that grows past its cap, on reading.
    """
    fd, _ = _open_regular(path, cap)
    try:
        return io.BufferedReader(_CappedReader(fd, path, cap))
    except BaseException:
        os.close(fd)
        raise
