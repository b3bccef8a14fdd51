"""The progress file's backup: a backup that does not load is kept aside, never overwritten, and
never offered to the user as a way to restore their progress."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from mlroute import store
from mlroute.store import LoadOutcome, Progress, ProgressStore

T0 = datetime(2026, 3, 1, 9, 30, tzinfo=UTC)
DAMAGED = b"schema_version = 1\nitems = [\n"


@pytest.fixture
def path(tmp_path: Path) -> Path:
    return tmp_path / "data" / "progress.toml"


def tick(progress: Progress, item_id: str, minutes: int = 0) -> Progress:
    return store.set_status(progress, item_id, "done", when=T0 + timedelta(minutes=minutes))


def corrupt_copies(path: Path) -> list[Path]:
    return sorted(path.parent.glob("progress.toml.bak.corrupt-*"))


def test_a_save_moves_a_damaged_backup_aside_before_replacing_it(path: Path) -> None:
    progress_store = ProgressStore(path)
    progress_store.save(tick(progress_store.load().progress, "a"))
    before = path.read_bytes()
    progress_store.backup_path.write_bytes(DAMAGED)
    result = progress_store.save(tick(ProgressStore(path).load().progress, "b"))
    (kept,) = corrupt_copies(path)
    assert kept.read_bytes() == DAMAGED
    assert progress_store.backup_path.read_bytes() == before
    assert any(str(kept) in message and "not usable" in message for message in result.messages)


def test_the_damaged_backup_reported_on_load_survives_the_next_saves(path: Path) -> None:
    """The case found by trying: progress and backup both damaged; the load starts empty and
    says the backup is unusable; the saves that follow must not overwrite it."""
    path.parent.mkdir(parents=True)
    path.write_bytes(DAMAGED)
    backup = path.with_name("progress.toml.bak")
    backup.write_bytes(b"\x00also damaged")
    progress_store = ProgressStore(path)
    progress, report = progress_store.load()
    assert report.outcome is LoadOutcome.STARTED_EMPTY
    assert "is not usable either" in report.messages[0]
    progress = tick(progress, "a")
    progress_store.save(progress)  # no file to back up: the backup stays
    progress_store.save(tick(progress, "b", 1))  # replaces the backup: moved aside first
    (kept,) = corrupt_copies(path)
    assert kept.read_bytes() == b"\x00also damaged"
    assert store.read_progress_file(backup).status("a") == "done"


def test_a_missing_file_never_recommends_importing_an_unusable_backup(path: Path) -> None:
    path.parent.mkdir(parents=True)
    backup = path.with_name("progress.toml.bak")
    backup.write_bytes(DAMAGED)
    _, report = ProgressStore(path).load()
    assert report.outcome is LoadOutcome.MISSING
    (message,) = report.messages
    assert "import" not in message
    assert f"the backup {backup} is not usable" in message
    assert "nothing to restore" in message
    assert backup.read_bytes() == DAMAGED  # a load writes nothing


def test_a_usable_leftover_backup_is_still_offered(path: Path) -> None:
    progress_store = ProgressStore(path)
    progress = tick(progress_store.load().progress, "a")
    progress_store.save(progress)
    progress_store.save(tick(progress, "b", 1))
    path.unlink()
    _, report = ProgressStore(path).load()
    assert f"`mlroute progress import {progress_store.backup_path}`" in report.messages[0]


def test_a_backup_this_store_made_is_not_read_again(
    path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    progress_store = ProgressStore(path)
    progress = tick(progress_store.load().progress, "a")
    progress_store.save(progress)
    progress_store.save(progress := tick(progress, "b", 1))  # the first backup: made here
    reads: list[int] = []
    real = ProgressStore._read_backup

    def counted(self: ProgressStore) -> tuple[Progress | None, str]:
        reads.append(1)
        return real(self)

    monkeypatch.setattr(ProgressStore, "_read_backup", counted)
    for minutes in range(2, 6):
        progress_store.save(progress := tick(progress, f"c{minutes}", minutes))
    assert reads == []
    assert not corrupt_copies(path)
    # Another store knows nothing of this backup: it reads it once, finds it good, keeps it.
    other = ProgressStore(path)
    other.save(tick(other.load().progress, "d", 9))
    assert reads == [1]
    assert not corrupt_copies(path)
