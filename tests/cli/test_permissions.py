"""File permissions, really applied: a read-only data directory, unreadable files, an unwritable
cache. Each command runs in a subprocess that permissions apply to.

Root ignores file permissions, so as root the subprocess first gives up the capabilities that
let it (CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH, CAP_FOWNER): it is then refused exactly as any
user would be. Switching to another user instead would not do here: the interpreter may live
where no other user can reach it (under /root, mode 0700).
"""

from __future__ import annotations

import ctypes
import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from mlroute.store import ProgressStore, set_status

from .helpers import run_mlroute

TIMEOUT = 60
PR_CAPBSET_DROP = 24
BYPASSING = (1, 2, 3)
"""CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH, CAP_FOWNER: what lets root ignore permissions."""


def _drop_capabilities() -> None:
    """In the child, before it runs the interpreter: the capabilities a program started as
    root gets are its bounding set, so dropping these from it leaves root bound by modes."""
    libc = ctypes.CDLL(None, use_errno=True)
    for capability in BYPASSING:
        if libc.prctl(PR_CAPBSET_DROP, capability, 0, 0, 0) != 0:
            raise OSError(ctypes.get_errno(), "prctl(PR_CAPBSET_DROP) failed")


def _unprivileged() -> Callable[[], None] | None:
    """How to start a subprocess that permissions apply to; skips the test when none can be."""
    if os.geteuid() != 0:
        return None
    if not sys.platform.startswith("linux"):
        pytest.skip("running as root, and giving up root's capabilities needs Linux")
    return _drop_capabilities


@pytest.fixture
def home(tmp_path: Path) -> Iterator[Path]:
    """The user's directories; every mode changed by a test is restored so it can be deleted."""
    yield tmp_path
    for path in [tmp_path, *tmp_path.rglob("*")]:
        if not path.is_symlink():
            path.chmod(0o700 if path.is_dir() else 0o600)


def mlroute(home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """Run `mlroute ARGS` with its directories under `home`, bound by file permissions."""
    return run_mlroute(home, *args, timeout=TIMEOUT, preexec_fn=_unprivileged())


def test_the_subprocess_is_really_refused(home: Path) -> None:
    """The premise of this file: a mode-000 file cannot be read by the commands run here."""
    secret = home / "secret"
    secret.write_text("x")
    secret.chmod(0)
    result = mlroute(home, "catalog", "check", str(secret))
    assert (result.returncode, result.stderr.strip()) == (
        2,
        f"{secret}: cannot read: Permission denied",
    )


def _saved_progress(home: Path) -> Path:
    progress_store = ProgressStore(home / "data" / "progress.toml")
    progress_store.save(set_status(progress_store.load().progress, "python", "done"))
    return progress_store.path


def test_a_read_only_data_directory_refuses_the_save_and_keeps_the_file(home: Path) -> None:
    path = _saved_progress(home)
    before = path.read_bytes()
    path.parent.chmod(0o555)
    result = mlroute(home, "progress", "tick", "linear_algebra")
    assert result.returncode == 1
    assert "permission denied" in result.stderr.lower()
    assert "kept in memory" in result.stderr
    assert path.read_bytes() == before
    assert sorted(p.name for p in path.parent.iterdir()) == ["progress.toml", "progress.toml.lock"]


def test_reading_still_works_in_a_read_only_data_directory(home: Path) -> None:
    path = _saved_progress(home)
    path.parent.chmod(0o555)
    result = mlroute(home, "progress", "show", "--format", "json")
    assert result.returncode == 0, result.stderr
    assert '"python"' in result.stdout


def test_an_unreadable_progress_file_is_left_alone(home: Path) -> None:
    path = _saved_progress(home)
    before = path.read_bytes()
    path.chmod(0)
    result = mlroute(home, "progress", "show")
    assert result.returncode == 1
    assert f"Cannot read {path}: Permission denied." in result.stderr
    path.chmod(0o600)
    assert path.read_bytes() == before
    assert not list(path.parent.glob("*.corrupt-*"))


def test_an_unreadable_answers_file_is_refused(home: Path) -> None:
    answers = home / "answers.toml"
    answers.write_text("goal = 'ml-engineering'\n")
    answers.chmod(0)
    result = mlroute(home, "advise", "--answers", str(answers))
    assert (result.returncode, result.stderr.strip()) == (
        2,
        f"{answers}: cannot read: Permission denied",
    )


def test_an_unreadable_overlay_is_skipped_with_a_warning(home: Path) -> None:
    overlay = home / "config" / "catalog.toml"
    overlay.parent.mkdir()
    overlay.write_text("schema_version = 1\n")
    overlay.chmod(0)
    result = mlroute(home, "catalog", "list", "--kind", "foundation")
    assert result.returncode == 0
    assert f"{overlay}: cannot read: Permission denied" in result.stderr
    assert "linear_algebra" in result.stdout


def test_an_unwritable_cache_directory_only_costs_the_cache(home: Path) -> None:
    cache = home / "cache"
    cache.mkdir(mode=0o555)
    for _ in range(2):
        result = mlroute(home, "catalog", "list", "--kind", "foundation")
        assert (result.returncode, result.stderr) == (0, "")
        assert "linear_algebra" in result.stdout
    assert list(cache.iterdir()) == []
