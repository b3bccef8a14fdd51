"""Settings and the atomic writer they use."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from mlroute.atomic import write_atomic
from mlroute.settings import Settings, load_settings, save_settings


def test_settings_round_trip_and_defaults(tmp_path: Path) -> None:
    path = tmp_path / "config" / "settings.toml"
    assert load_settings(path) == Settings()
    save_settings(Settings(theme="nord"), path)
    assert load_settings(path) == Settings(theme="nord")


@pytest.mark.parametrize("content", [b"\xff", b"theme = ", b"theme = 3", b'theme = ""'])
def test_unreadable_settings_fall_back_to_defaults(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "settings.toml"
    path.write_bytes(content)
    assert load_settings(path) == Settings()


def test_write_atomic_replaces_whole_and_leaves_no_temp(tmp_path: Path) -> None:
    path = tmp_path / "deep" / "file.txt"
    write_atomic(path, b"old")
    write_atomic(path, b"new")
    assert path.read_bytes() == b"new"
    assert sorted(p.name for p in path.parent.iterdir()) == ["file.txt"]


def test_write_atomic_failure_keeps_the_old_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "file.txt"
    write_atomic(path, b"old")

    def broken_replace(src: object, dst: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(OSError, match="No space left"):
        write_atomic(path, b"new")
    assert path.read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["file.txt"]
