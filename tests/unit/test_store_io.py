"""The progress store on disk: atomic saves, the backup, the four load cases, two instances."""

from __future__ import annotations

import errno
import os
import shutil
import threading
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from filelock import FileLock

from mlroute import store
from mlroute.store import (
    ConflictError,
    LoadOutcome,
    Progress,
    ProgressStore,
    StoreError,
)
from mlroute.tomlfile import TomlFileError

FIXTURES = Path(__file__).parents[1] / "fixtures" / "progress"
T0 = datetime(2026, 3, 1, 9, 30, tzinfo=UTC)


@pytest.fixture(autouse=True)
def _isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("DATA", "CONFIG", "CACHE"):
        monkeypatch.setenv(f"MLROUTE_{name}_DIR", str(tmp_path / name.lower()))


@pytest.fixture
def path(tmp_path: Path) -> Path:
    return tmp_path / "data" / "progress.toml"


def tick(progress: Progress, item_id: str, minutes: int = 0) -> Progress:
    return store.set_status(progress, item_id, "done", when=T0 + timedelta(minutes=minutes))


def leftovers(directory: Path) -> list[str]:
    return sorted(p.name for p in directory.iterdir() if p.name.endswith(".tmp"))


def saved(path: Path, *ids: str) -> bytes:
    """Save a progress with `ids` done through a fresh store; return the file's bytes."""
    progress_store = ProgressStore(path)
    progress = progress_store.load().progress
    for n, item_id in enumerate(ids):
        progress = tick(progress, item_id, n)
    progress_store.save(progress)
    return path.read_bytes()


# Loading -----------------------------------------------------------------------------------


def test_missing_file_is_a_first_run_and_writes_nothing(path: Path) -> None:
    progress, report = ProgressStore(path).load()
    assert progress == Progress()
    assert report.outcome is LoadOutcome.MISSING and report.ok and report.saving
    assert not path.parent.exists()


def test_default_path_follows_the_data_dir(tmp_path: Path) -> None:
    assert ProgressStore().path == tmp_path / "data" / "progress.toml"


def test_first_save_creates_the_directory_and_no_backup(path: Path) -> None:
    store_ = ProgressStore(path)
    store_.load()
    result = store_.save(tick(Progress(), "course-a"))
    assert path.is_file() and not store_.backup_path.exists()
    assert result.progress.status("course-a") == "done"
    assert ProgressStore(path).load().progress == result.progress


def test_each_save_keeps_the_previous_file_as_bak(path: Path) -> None:
    first = saved(path, "a")
    second = saved(path, "b")
    assert path.with_name("progress.toml.bak").read_bytes() == first
    saved(path, "c")
    assert path.with_name("progress.toml.bak").read_bytes() == second


def test_loading_a_current_file_rewrites_nothing(path: Path) -> None:
    saved(path, "a")
    before = {p.name: (p.stat().st_mtime_ns, p.read_bytes()) for p in path.parent.iterdir()}
    _, report = ProgressStore(path).load()
    assert report.outcome is LoadOutcome.LOADED and report.ok
    after = {p.name: (p.stat().st_mtime_ns, p.read_bytes()) for p in path.parent.iterdir()}
    assert after == before


def test_saving_unchanged_progress_writes_nothing(path: Path) -> None:
    saved(path, "a")
    store_ = ProgressStore(path)
    progress = store_.load().progress
    mtime = path.stat().st_mtime_ns
    store_.save(progress)
    assert path.stat().st_mtime_ns == mtime
    assert not store_.backup_path.exists()


@pytest.mark.parametrize(
    "fixture",
    [
        "corrupt-nul.toml",
        "corrupt-truncated.toml",
        "corrupt-bad-utf8.toml",
        "invalid-wrong-types.toml",
        "invalid-empty.toml",
    ],
)
def test_a_corrupt_file_is_quarantined_and_the_backup_restored(path: Path, fixture: str) -> None:
    good = saved(path, "a")
    saved(path, "b")  # the .bak now holds `good`
    damaged = (FIXTURES / fixture).read_bytes()
    path.write_bytes(damaged)
    progress, report = ProgressStore(path).load()
    assert report.outcome is LoadOutcome.RESTORED and report.saving
    assert report.quarantined is not None and report.quarantined.name.startswith(
        "progress.toml.corrupt-"
    )
    assert report.quarantined.read_bytes() == damaged
    assert report.problems
    assert str(report.quarantined) in report.messages[0]
    assert str(report.backup) in report.messages[0]
    assert progress == store.parse_progress(good, "bak")[0]
    # The restored file is in place: the next start is an ordinary load.
    again, report2 = ProgressStore(path).load()
    assert (again, report2.outcome) == (progress, LoadOutcome.LOADED)


@pytest.mark.parametrize("backup", [None, b"\x00garbage"])
def test_a_corrupt_file_without_a_good_backup_starts_empty(
    path: Path, backup: bytes | None
) -> None:
    path.parent.mkdir(parents=True)
    damaged = (FIXTURES / "corrupt-truncated.toml").read_bytes()
    path.write_bytes(damaged)
    bak = path.with_name("progress.toml.bak")
    if backup is not None:
        bak.write_bytes(backup)
    progress, report = ProgressStore(path).load()
    assert progress == Progress()
    assert report.outcome is LoadOutcome.STARTED_EMPTY and report.saving
    assert report.quarantined is not None and report.quarantined.read_bytes() == damaged
    assert not path.exists()
    assert ("does not exist" if backup is None else "not usable") in report.messages[0]
    if backup is not None:
        assert bak.read_bytes() == backup  # never deleted, never overwritten by a load


def test_a_file_repaired_by_another_instance_meanwhile_is_not_quarantined(
    path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    good = saved(path, "a")
    path.write_bytes(b"\x00")
    real = ProgressStore._read_backup

    def another_instance_saves_first(self: ProgressStore) -> Any:
        path.write_bytes(good)  # between this load's read and its lock
        return real(self)

    monkeypatch.setattr(ProgressStore, "_read_backup", another_instance_saves_first)
    progress, report = ProgressStore(path).load()
    assert report.outcome is LoadOutcome.LOADED
    assert progress.status("a") == "done"
    assert not list(path.parent.glob("*.corrupt-*"))


def test_two_quarantines_in_the_same_second_do_not_collide(path: Path) -> None:
    path.parent.mkdir(parents=True)
    for content in (b"\x00one", b"\x00two"):
        path.write_bytes(content)
        ProgressStore(path).load()
    kept = sorted(p.read_bytes() for p in path.parent.glob("progress.toml.corrupt-*"))
    assert kept == [b"\x00one", b"\x00two"]


def test_a_damaged_file_that_cannot_be_moved_is_left_and_saving_is_off(
    path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path.parent.mkdir(parents=True)
    path.write_bytes(b"\x00")

    def refuse(target: Path, label: str) -> Path:
        raise PermissionError(errno.EACCES, "Permission denied", str(target))

    monkeypatch.setattr(store, "_move_aside", refuse)
    store_ = ProgressStore(path)
    progress, report = store_.load()
    assert report.outcome is LoadOutcome.DAMAGED and not report.saving
    with pytest.raises(store.SaveRefusedError, match="could not be moved aside"):
        store_.save(tick(progress, "a"))
    assert path.read_bytes() == b"\x00"


def test_a_newer_file_is_refused_and_left_untouched(path: Path) -> None:
    path.parent.mkdir(parents=True)
    shutil.copy(FIXTURES / "newer.toml", path)
    original = path.read_bytes()
    store_ = ProgressStore(path)
    progress, report = store_.load()
    assert report.outcome is LoadOutcome.REFUSED_NEWER and not report.saving
    assert "format 99" in report.messages[0] and str(path) in report.messages[0]
    with pytest.raises(store.SaveRefusedError) as raised:
        store_.save(tick(progress, "a"))
    assert "kept in memory" in str(raised.value)
    assert path.read_bytes() == original
    assert sorted(p.name for p in path.parent.iterdir()) == ["progress.toml"]


def test_an_unreadable_file_is_reported_and_never_written(
    path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    saved(path, "a")
    original = path.read_bytes()
    real_read = store._read

    def denied(target: Path) -> bytes:
        if target == path:
            raise PermissionError(errno.EACCES, "Permission denied", str(target))
        return real_read(target)

    monkeypatch.setattr(store, "_read", denied)
    store_ = ProgressStore(path)
    progress, report = store_.load()
    assert report.outcome is LoadOutcome.UNREADABLE and not report.saving
    assert "Permission denied" in report.messages[0] and str(path) in report.messages[0]
    assert not list(path.parent.glob("*.corrupt-*"))
    with pytest.raises(store.SaveRefusedError):
        store_.save(tick(progress, "b"))
    monkeypatch.undo()
    assert path.read_bytes() == original


def test_an_older_file_is_migrated_with_the_original_kept(path: Path) -> None:
    path.parent.mkdir(parents=True)
    original = (FIXTURES / "v0.toml").read_bytes()
    path.write_bytes(original)
    progress, report = ProgressStore(path).load()
    assert report.outcome is LoadOutcome.MIGRATED and report.migrated_from == 0
    assert report.backup is not None and report.backup.read_bytes() == original
    assert report.backup.name.startswith("progress.toml.v0-")
    assert path.read_text() == (FIXTURES / "v0.expected.toml").read_text()
    assert path.with_name("progress.toml.bak").read_bytes() == original
    assert ProgressStore(path).load() == (progress, store.LoadReport(path, LoadOutcome.LOADED))


def test_a_missing_file_mentions_a_leftover_backup(path: Path) -> None:
    saved(path, "a")
    saved(path, "b")
    path.unlink()
    _, report = ProgressStore(path).load()
    assert report.outcome is LoadOutcome.MISSING
    assert "progress.toml.bak" in report.messages[0]


# Writing -----------------------------------------------------------------------------------

STEPS = ("_open", "_write", "_fsync", "_replace")


def failing(name: str, target: Path, error: OSError) -> Callable[..., Any]:
    """A stand-in for the step `name` that fails when it works on `target`'s temp file."""
    real = getattr(store, name)

    def step(*args: Any) -> Any:
        if name == "_replace" and args[1] != target:
            return real(*args)  # the backup's rename; fail the main one
        raise error

    return step


@pytest.mark.parametrize("step", STEPS)
def test_a_failing_step_leaves_exactly_the_old_file(
    path: Path, monkeypatch: pytest.MonkeyPatch, step: str
) -> None:
    saved(path, "a")
    old = path.read_bytes()
    store_ = ProgressStore(path)
    progress = store_.load().progress
    monkeypatch.setattr(store, step, failing(step, path, OSError(errno.EIO, "I/O error")))
    with pytest.raises(StoreError, match="I/O error") as raised:
        store_.save(tick(progress, "b"))
    assert "kept in memory" in str(raised.value) and str(path) in str(raised.value)
    assert path.read_bytes() == old
    assert leftovers(path.parent) == []
    monkeypatch.undo()
    new = store_.save(tick(progress, "b")).progress
    assert store.parse_progress(path.read_bytes(), "x")[0] == new


def test_the_temp_file_is_synced_before_it_replaces_the_file(
    path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    saved(path, "a")
    events: list[tuple[str, str]] = []
    opened: dict[int, str] = {}
    real_open, real_fsync, real_replace = store._open, store._fsync, store._replace

    def open_(target: Path) -> int:
        fd = real_open(target)
        opened[fd] = target.name
        return fd

    def fsync(fd: int) -> None:
        events.append(("fsync", opened[fd]))
        real_fsync(fd)

    def replace(source: Path, target: Path) -> None:
        events.append(("replace", f"{source.name} -> {target.name}"))
        real_replace(source, target)

    monkeypatch.setattr(store, "_open", open_)
    monkeypatch.setattr(store, "_fsync", fsync)
    monkeypatch.setattr(store, "_replace", replace)
    saved(path, "b")
    temp = events[0][1]
    assert temp.startswith(".progress.toml.") and temp.endswith(".tmp")
    assert events[0] == ("fsync", temp)
    assert events[-1] == ("replace", f"{temp} -> progress.toml")
    assert events[1][1].endswith("-> progress.toml.bak")  # the old file kept, before the swap


@pytest.mark.parametrize("step", STEPS)
def test_a_failing_first_save_leaves_no_file(
    path: Path, monkeypatch: pytest.MonkeyPatch, step: str
) -> None:
    store_ = ProgressStore(path)
    store_.load()
    monkeypatch.setattr(store, step, failing(step, path, OSError(errno.EIO, "I/O error")))
    with pytest.raises(StoreError):
        store_.save(tick(Progress(), "a"))
    assert not path.exists()
    assert leftovers(path.parent) == []


def test_a_failing_backup_step_aborts_the_save(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    saved(path, "a")
    saved(path, "b")
    bak = path.with_name("progress.toml.bak")
    old, old_bak = path.read_bytes(), bak.read_bytes()
    store_ = ProgressStore(path)
    progress = store_.load().progress

    def no_room(source: Path, target: Path) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(store, "_replace", no_room)
    with pytest.raises(store.DiskFullError):
        store_.save(tick(progress, "c"))
    assert (path.read_bytes(), bak.read_bytes()) == (old, old_bak)
    assert leftovers(path.parent) == []


def test_enospc_at_fsync_is_clear_and_a_retry_succeeds(
    path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    saved(path, "a")
    store_ = ProgressStore(path)
    progress = tick(store_.load().progress, "b")
    calls = 0
    real = store._fsync

    def full_once(fd: int) -> None:
        nonlocal calls
        calls += 1
        if calls == 1:
            raise OSError(errno.ENOSPC, "No space left on device")
        real(fd)

    monkeypatch.setattr(store, "_fsync", full_once)
    with pytest.raises(store.DiskFullError) as raised:
        store_.save(progress)
    message = str(raised.value)
    assert str(path) in message and "disk is full" in message and "kept in memory" in message
    store_.save(progress)
    assert ProgressStore(path).load().progress.status("b") == "done"


@pytest.mark.parametrize(
    ("error", "kind", "words"),
    [
        (OSError(errno.EROFS, "Read-only file system"), store.ReadOnlyError, "read-only"),
        (PermissionError(errno.EACCES, "Permission denied"), store.PermissionDeniedError, "perm"),
        (OSError(errno.EDQUOT, "Disk quota exceeded"), store.DiskFullError, "disk is full"),
    ],
)
def test_write_errors_are_named(
    path: Path, monkeypatch: pytest.MonkeyPatch, error: OSError, kind: type, words: str
) -> None:
    store_ = ProgressStore(path)
    store_.load()

    def refuse(target: Path) -> int:
        raise error

    monkeypatch.setattr(store, "_open", refuse)
    with pytest.raises(kind, match=words):
        store_.save(tick(Progress(), "a"))


def test_stale_temp_files_from_a_killed_save_are_removed(path: Path) -> None:
    saved(path, "a")
    stale = path.with_name(".progress.toml.dead0123.tmp")
    stale.write_bytes(b"half a file")
    other = path.with_name("notes.tmp")
    other.write_bytes(b"not ours")
    saved(path, "b")
    assert not stale.exists() and other.exists()


def test_a_held_lock_times_out_with_a_message(path: Path) -> None:
    store_ = ProgressStore(path, lock_timeout=0.05)
    store_.load()
    path.parent.mkdir(parents=True)
    with (
        FileLock(store_.lock_path),
        pytest.raises(store.LockTimeoutError, match=r"progress\.toml\.lock"),
    ):
        store_.save(tick(Progress(), "a"))
    assert not path.exists()


# Two instances -----------------------------------------------------------------------------


def two_stores(path: Path) -> tuple[ProgressStore, Progress, ProgressStore, Progress]:
    saved(path, "shared")
    first, second = ProgressStore(path), ProgressStore(path)
    return first, first.load().progress, second, second.load().progress


def test_disjoint_changes_from_two_instances_are_merged(path: Path) -> None:
    first, p1, second, p2 = two_stores(path)
    first.save(tick(p1, "from-first"))
    result = second.save(store.choose(tick(p2, "from-second", 1), "courses"))
    assert result.merged == ("items.from-first",)
    on_disk = ProgressStore(path).load().progress
    assert {"shared", "from-first", "from-second"} <= set(on_disk.items)
    assert on_disk.path == "courses"
    assert [c.summary for c in on_disk.history][-2:] == ["from-second: done", "path: courses"]


def test_the_same_item_changed_twice_is_a_conflict_and_nothing_is_written(path: Path) -> None:
    first, p1, second, p2 = two_stores(path)
    first.save(store.set_status(p1, "item", "done", when=T0))
    written = path.read_bytes()
    mine = store.set_status(p2, "item", "skipped", when=T0)
    with pytest.raises(ConflictError) as raised:
        second.save(mine)
    assert raised.value.conflicts == ("items.item",)
    assert raised.value.theirs.status("item") == "done"
    assert "another mlroute changed item" in str(raised.value)
    assert path.read_bytes() == written
    assert second.save(mine, on_conflict="mine").progress.status("item") == "skipped"
    assert ProgressStore(path).load().progress.status("item") == "skipped"


def test_a_conflict_can_be_resolved_for_theirs(path: Path) -> None:
    first, p1, second, p2 = two_stores(path)
    first.save(store.set_status(p1, "item", "done", when=T0))
    result = second.save(store.set_status(p2, "item", "skipped", when=T0), on_conflict="theirs")
    assert result.conflicts == ("items.item",)
    assert ProgressStore(path).load().progress.status("item") == "done"


def test_the_same_change_made_twice_is_not_a_conflict(path: Path) -> None:
    first, p1, second, p2 = two_stores(path)
    first.save(tick(p1, "item"))
    assert second.save(tick(p2, "item")).conflicts == ()


def test_later_saves_keep_the_other_instances_changes(path: Path) -> None:
    """The caller keeps working from its own progress, which lacks the other's items."""
    first, p1, second, p2 = two_stores(path)
    first.save(tick(p1, "theirs"))
    p2 = tick(p2, "mine-1")
    second.save(p2)
    second.save(tick(p2, "mine-2", 1))
    assert {"theirs", "mine-1", "mine-2"} <= set(ProgressStore(path).load().progress.items)


def test_adopting_the_merged_result_then_changing_it_is_not_a_conflict(path: Path) -> None:
    first, p1, second, p2 = two_stores(path)
    first.save(tick(p1, "theirs"))
    adopted = second.save(tick(p2, "mine")).progress
    undone = store.set_status(adopted, "theirs", "todo", when=T0)
    assert second.save(undone).conflicts == ()
    assert ProgressStore(path).load().progress.status("theirs") == "todo"


def test_a_file_replaced_by_a_newer_mlroute_is_not_overwritten(path: Path) -> None:
    first, p1, _, _ = two_stores(path)
    shutil.copy(FIXTURES / "newer.toml", path)
    with pytest.raises(store.SaveRefusedError, match="newer mlroute"):
        first.save(tick(p1, "a"))
    assert path.read_bytes() == (FIXTURES / "newer.toml").read_bytes()


def test_a_file_damaged_while_running_is_quarantined_on_save(path: Path) -> None:
    first, p1, _, _ = two_stores(path)
    path.write_bytes(b"\x00")
    result = first.save(tick(p1, "a"))
    assert "moved to" in result.messages[0]
    assert [p.read_bytes() for p in path.parent.glob("progress.toml.corrupt-*")] == [b"\x00"]
    assert ProgressStore(path).load().progress.status("a") == "done"


# From threads ------------------------------------------------------------------------------


def test_submit_and_flush_save_the_latest_change_in_order(path: Path) -> None:
    store_ = ProgressStore(path)
    progress = store_.load().progress
    states = []
    for n in range(20):
        progress = tick(progress, f"item-{n}", n)
        states.append(progress)
    for state in states:
        store_.submit(state)
    threads = [threading.Thread(target=store_.flush) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert store_.flush() is None
    assert ProgressStore(path).load().progress == states[-1]


def test_a_failed_flush_keeps_the_change_for_the_next(
    path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store_ = ProgressStore(path)
    progress = tick(store_.load().progress, "a")
    store_.submit(progress)

    def full(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(store, "_fsync", full)
    with pytest.raises(store.DiskFullError):
        store_.flush()
    monkeypatch.undo()
    result = store_.flush()
    assert result is not None and result.progress == progress
    assert ProgressStore(path).load().progress == progress


# Export and import -------------------------------------------------------------------------


def test_export_then_import_round_trips_and_import_is_undoable(path: Path, tmp_path: Path) -> None:
    store_ = ProgressStore(path)
    exported = tick(store_.load().progress, "a")
    store_.save(exported)
    backup = tmp_path / "elsewhere" / "backup.toml"
    store_.export(exported, backup)
    assert store.read_progress_file(backup) == exported

    changed = tick(tick(exported, "b", 1), "c", 2)
    store_.save(changed)
    before_import = path.read_bytes()
    result, kept = store_.import_file(backup, changed)
    assert set(result.progress.items) == {"a"}
    assert kept is not None and kept.read_bytes() == before_import
    assert kept.name.startswith("progress.toml.pre-import-")
    assert result.progress.history[-1].summary == "import backup.toml"
    assert set(store.undo(result.progress).items) == {"a", "b", "c"}


@pytest.mark.parametrize("fixture", ["corrupt-truncated.toml", "invalid-wrong-types.toml"])
def test_an_invalid_import_touches_nothing(path: Path, fixture: str) -> None:
    saved(path, "a")
    store_ = ProgressStore(path)
    progress = store_.load().progress
    before = sorted((p.name, p.read_bytes()) for p in path.parent.iterdir())
    with pytest.raises(TomlFileError) as raised:
        store_.import_file(FIXTURES / fixture, progress)
    assert fixture in str(raised.value)
    assert sorted((p.name, p.read_bytes()) for p in path.parent.iterdir()) == before


def test_export_refuses_the_progress_file_itself(path: Path) -> None:
    store_ = ProgressStore(path)
    with pytest.raises(StoreError, match="progress file itself"):
        store_.export(Progress(), path)


def test_the_tests_data_dir_is_their_own(tmp_path: Path) -> None:
    """The autouse fixture in tests/conftest.py is in force: no store here is the real one."""
    assert os.environ["MLROUTE_DATA_DIR"].startswith(str(tmp_path))


def test_without_hard_links_the_backup_is_a_copy(
    path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = saved(path, "a")

    def no_links(source: Path, target: Path) -> None:
        raise OSError(errno.EPERM, "Operation not permitted")

    monkeypatch.setattr(store.os, "link", no_links)
    saved(path, "b")
    assert path.with_name("progress.toml.bak").read_bytes() == first
    assert leftovers(path.parent) == []


def test_without_hard_links_a_corrupt_file_is_renamed_aside(
    path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path.parent.mkdir(parents=True)
    path.write_bytes(b"\x00")

    def no_links(source: Path, target: Path) -> None:
        raise OSError(errno.EPERM, "Operation not permitted")

    monkeypatch.setattr(store.os, "link", no_links)
    report = ProgressStore(path).load().report
    assert report.quarantined is not None and report.quarantined.read_bytes() == b"\x00"
    assert not path.exists()
