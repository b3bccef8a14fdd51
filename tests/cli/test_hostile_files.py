"""Named pipes and devices where mlroute expects a file: every command ends at once, in bounded
memory, with a message naming the file and what it is, and leaves the user's data alone.

Each case runs the real command line in a subprocess with a time limit and an address-space
limit: a pipe read would wait for a writer for ever, and `/dev/zero` read whole fills memory.
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from mlroute.catalog import loader

from .helpers import run_mlroute

MEMORY_LIMIT = 1536 * 1024 * 1024
"""Address space for a command: several times what it needs, far less than a device read."""

TIMEOUT = 60
"""Seconds: a command that has not ended by then is waiting on a pipe."""

ZERO = Path("/dev/zero")

pytestmark = pytest.mark.skipif(
    not hasattr(os, "mkfifo") or not ZERO.exists(), reason="needs named pipes and /dev/zero"
)


def _limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))


def mlroute(home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """Run `mlroute ARGS` with its directories under `home`, limited in time and memory."""
    return run_mlroute(home, *args, timeout=TIMEOUT, preexec_fn=_limit_memory)


def fifo(path: Path) -> Path:
    """A named pipe at `path`, nobody writing to it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    os.mkfifo(path)
    return path


def device(path: Path) -> Path:
    """`path` as a symbolic link to /dev/zero: endless, with a size of 0."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.symlink_to(ZERO)
    return path


KINDS: dict[str, tuple[Callable[[Path], Path], str]] = {
    "fifo": (fifo, "is a named pipe, not a file"),
    "device": (device, "is a device, not a file"),
}


@pytest.mark.parametrize("kind", KINDS)
def test_an_answers_file_that_is_not_a_file_is_refused(tmp_path: Path, kind: str) -> None:
    make, what = KINDS[kind]
    answers = make(tmp_path / "answers.toml")
    result = mlroute(tmp_path, "advise", "--answers", str(answers))
    assert result.returncode == 2
    assert result.stderr.strip() == f"{answers}: {what}"


@pytest.mark.parametrize("kind", KINDS)
def test_a_catalog_to_check_that_is_not_a_file_is_refused(tmp_path: Path, kind: str) -> None:
    make, what = KINDS[kind]
    catalog = make(tmp_path / "mine.toml")
    result = mlroute(tmp_path, "catalog", "check", str(catalog))
    assert (result.returncode, result.stderr.strip()) == (2, f"{catalog}: {what}")


def test_dev_zero_itself_is_refused_by_name(tmp_path: Path) -> None:
    result = mlroute(tmp_path, "catalog", "check", str(ZERO))
    assert (result.returncode, result.stderr.strip()) == (2, f"{ZERO}: is a device, not a file")


@pytest.mark.parametrize("kind", KINDS)
def test_an_overlay_that_is_not_a_file_is_skipped_with_a_warning(tmp_path: Path, kind: str) -> None:
    make, what = KINDS[kind]
    overlay = make(tmp_path / "config" / "catalog.toml")
    result = mlroute(tmp_path, "catalog", "list", "--kind", "foundation")
    assert result.returncode == 0
    assert f"{overlay}: {what}" in result.stderr
    assert "the overlay catalog was not used" in result.stderr
    assert "linear_algebra" in result.stdout  # the bundled catalog, still listed


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("command", [("progress", "show"), ("progress", "tick", "python")])
def test_a_progress_file_that_is_not_a_file_is_left_alone(
    tmp_path: Path, kind: str, command: tuple[str, ...]
) -> None:
    make, what = KINDS[kind]
    progress = make(tmp_path / "data" / "progress.toml")
    result = mlroute(tmp_path, *command)
    assert result.returncode == 1
    assert f"Cannot read {progress}: {what}." in result.stderr
    assert "nothing will be written to it" in result.stderr
    assert sorted(p.name for p in progress.parent.iterdir()) == ["progress.toml"]
    assert progress.is_symlink() if kind == "device" else progress.is_fifo()


@pytest.mark.parametrize("kind", KINDS)
def test_a_file_to_import_that_is_not_a_file_is_refused(tmp_path: Path, kind: str) -> None:
    make, what = KINDS[kind]
    source = make(tmp_path / "backup.toml")
    result = mlroute(tmp_path, "progress", "import", str(source))
    assert (result.returncode, result.stderr.strip()) == (2, f"{source}: {what}")
    assert not (tmp_path / "data").exists()


@pytest.mark.parametrize("kind", KINDS)
def test_a_backup_that_is_not_a_file_is_not_restored_from(tmp_path: Path, kind: str) -> None:
    make, what = KINDS[kind]
    progress = tmp_path / "data" / "progress.toml"
    progress.parent.mkdir(parents=True)
    progress.write_text("schema_version = 1\nitems = [\n")
    backup = make(tmp_path / "data" / "progress.toml.bak")
    result = mlroute(tmp_path, "progress", "show")
    assert result.returncode == 0
    assert f"the backup {backup} cannot be read ({what})" in result.stderr


@pytest.mark.parametrize("kind", KINDS)
def test_settings_that_are_not_a_file_give_the_defaults(tmp_path: Path, kind: str) -> None:
    make, _ = KINDS[kind]
    settings = make(tmp_path / "settings.toml")
    code = (
        "import sys; from pathlib import Path; from mlroute.settings import load_settings; "
        "print(load_settings(Path(sys.argv[1])).theme)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code, str(settings)],
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        preexec_fn=_limit_memory,
        check=True,
    )
    assert result.stdout == "None\n"  # no theme saved: the app follows TEXTUAL_THEME


@pytest.mark.parametrize("kind", KINDS)
def test_a_catalog_cache_that_is_not_a_file_is_a_miss(tmp_path: Path, kind: str) -> None:
    make, _ = KINDS[kind]
    first = loader.load_catalog(use_overlay=False, cache_dir=tmp_path / "cache")
    (cache,) = (tmp_path / "cache").iterdir()
    cache.unlink()
    make(cache)
    result = mlroute(tmp_path, "catalog", "list", "--kind", "foundation", "--format", "json")
    assert result.returncode == 0, result.stderr
    assert result.stdout.count('"id"') == len(first.catalog.foundations)
