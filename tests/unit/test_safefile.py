"""The guarded read: regular files only, never read past the cap, whatever their size claims."""

from __future__ import annotations

import os
import socket
from pathlib import Path

import pytest

from mlroute.safefile import NotAFileError, TooLargeError, open_capped, read_capped


def test_a_regular_file_is_read_whole(tmp_path: Path) -> None:
    path = tmp_path / "f"
    path.write_bytes(b"x" * 1000)
    assert read_capped(path, 1000) == b"x" * 1000
    with open_capped(path, 1000) as stream:
        assert stream.read() == b"x" * 1000


def test_a_file_over_the_cap_is_refused_unread(tmp_path: Path) -> None:
    path = tmp_path / "f"
    path.write_bytes(b"x" * 1001)
    with pytest.raises(TooLargeError) as caught:
        read_capped(path, 1000)
    assert caught.value.strerror == "file is 1,001 bytes; the limit is 1,000"


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="needs /proc")
def test_a_file_whose_size_says_nothing_is_still_capped() -> None:
    """Files under /proc have a size of 0 whatever they hold: the cap is on what is read."""
    assert os.stat("/proc/self/status").st_size == 0
    assert read_capped(Path("/proc/self/status"), 100_000).startswith(b"Name:")
    with pytest.raises(TooLargeError) as caught:
        read_capped(Path("/proc/self/status"), 10)
    assert caught.value.strerror == "file is larger than the limit of 10 bytes"


def test_a_stream_that_grows_past_its_cap_fails_when_read(tmp_path: Path) -> None:
    path = tmp_path / "f"
    path.write_bytes(b"x" * 10)
    with open_capped(path, 20) as stream:
        with path.open("ab") as writer:
            writer.write(b"y" * 30)
        with pytest.raises(TooLargeError):
            stream.read()


def test_a_named_pipe_is_refused_without_waiting(tmp_path: Path) -> None:
    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    for read in (read_capped, open_capped):
        with pytest.raises(NotAFileError) as caught:
            read(pipe, 100)
        assert caught.value.strerror == "is a named pipe, not a file"
        assert caught.value.filename == str(pipe)


@pytest.mark.parametrize(
    ("make", "what"),
    [
        (lambda p: p.mkdir(), "is a directory, not a file"),
        (lambda p: p.symlink_to("/dev/null"), "is a device, not a file"),
        (lambda p: p.symlink_to(p), "is a symbolic link loop"),
    ],
    ids=["directory", "device", "link-loop"],
)
def test_other_things_that_are_not_files_are_refused_by_name(
    tmp_path: Path, make: object, what: str
) -> None:
    path = tmp_path / "thing"
    make(path)  # type: ignore[operator]
    with pytest.raises(NotAFileError) as caught:
        read_capped(path, 100)
    assert caught.value.strerror == what


def test_a_socket_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "sock"
    server = socket.socket(socket.AF_UNIX)
    try:
        server.bind(str(path))
        with pytest.raises(NotAFileError) as caught:
            read_capped(path, 100)
        assert caught.value.strerror == "is a socket, not a file"
    finally:
        server.close()


def test_a_missing_file_is_file_not_found(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        read_capped(tmp_path / "absent", 100)
