"""`ProgressStore`, which owns `progress.toml` on disk: loading, saving, the backup, the lock.

Loads keep the cases apart (missing, unreadable, corrupt -> quarantined and restored from the
backup, newer -> refused); saves run under a lock file and first check that no other instance
wrote the file meanwhile, merging if one did.
"""

from __future__ import annotations

import contextlib
import os
import threading
from dataclasses import replace
from functools import partial
from pathlib import Path
from typing import Any

from mlroute import paths
from mlroute.atomic import write_atomic
from mlroute.store.backup import keep_if_damaged, leftover
from mlroute.store.backup import read as read_backup
from mlroute.store.changes import replace_all
from mlroute.store.errors import (
    ConflictError,
    SaveRefusedError,
    StoreError,
    _reason,
    _save_error,
)
from mlroute.store.fileformat import dumps, parse_progress
from mlroute.store.files import (
    InstanceLock,
    _copy_aside,
    _digest,
    _identity,
    _keep_backup,
    _move_aside,
    _read,
    read_progress_file,
)
from mlroute.store.merge import ConflictPolicy, _Merge
from mlroute.store.migrations import NewerSchemaError
from mlroute.store.progress import SCHEMA_VERSION, Progress
from mlroute.store.reports import Loaded, LoadOutcome, LoadReport, SaveResult, _problem_text
from mlroute.tomlfile import Problem, TomlFileError


class ProgressStore:
    """Owns `progress.toml`: loading, saving, the backup, the lock, and merging two instances.

    Thread-safe: `load`, `save` and `flush` may be called from any thread, one at a time per
    store (an internal lock orders them). Between processes, a lock file serialises writes,
    and each save first checks that the file is still what this store last read or wrote;
    if another instance changed it, the two are merged (see `save`).
    """

    def __init__(self, path: Path | None = None, *, lock_timeout: float = 10.0) -> None:
        self.path = path or paths.progress_path()
        """The progress file."""
        self.backup_path = self.path.with_name(self.path.name + ".bak")
        """The previous good version of the file."""
        self.lock_path = self.path.with_name(self.path.name + ".lock")
        """The lock file (kept; deleting a lock file while in use would break the lock)."""
        self.lock_timeout = lock_timeout
        """How long a save waits for another instance's save, in seconds."""
        self._mutex = threading.RLock()
        self._pending_lock = threading.Lock()
        self._pending: Progress | None = None
        self._lock = InstanceLock(self.path, self.lock_path)
        self._fingerprint: bytes | None = None
        self._mine_base = self._disk_base = Progress()
        self._refusal: str | None = None
        self._good_backup: tuple[int, ...] | None = None

    # Loading

    def load(self) -> Loaded:
        """Read the file, telling apart the cases in `LoadOutcome`. Never raises for the file's
        state; repairs (quarantine, restore, migration) are written under the lock."""
        with self._mutex:
            self._refusal = None
            for _ in range(3):
                result = self._load_once()
                if result is not None:
                    return result
            # The file kept changing under us while we tried to repair it: report as read.
            return self._load_once(repair=False) or self._empty(LoadOutcome.MISSING)

    def _empty(self, outcome: LoadOutcome, **report: Any) -> Loaded:
        progress = Progress()
        self._fingerprint = None
        self._mine_base = self._disk_base = progress
        return Loaded(progress, LoadReport(self.path, outcome, **report))

    def _loaded(self, progress: Progress, raw: bytes | None, report: LoadReport) -> Loaded:
        self._fingerprint = _digest(raw)
        self._mine_base = self._disk_base = progress
        if not report.saving:
            self._refusal = " ".join(report.messages) or report.outcome.value
        return Loaded(progress, report)

    def _load_once(self, *, repair: bool = True) -> Loaded | None:
        name = str(self.path)
        try:
            raw = _read(self.path)
        except FileNotFoundError:
            return self._empty(
                LoadOutcome.MISSING,
                messages=leftover(self.path, self.backup_path, self._read_backup),
            )
        except OSError as error:
            message = (
                f"Cannot read {self.path}: {_reason(error)}. It was left as it is and nothing "
                "will be written to it; changes are kept in memory only."
            )
            report = LoadReport(
                self.path, LoadOutcome.UNREADABLE, messages=(message,), saving=False
            )
            return self._loaded(Progress(), None, report)
        try:
            progress, version = parse_progress(raw, name)
        except NewerSchemaError as error:
            message = (
                f"{self.path} was written by a newer mlroute (format {error.version}; this "
                f"one reads up to {SCHEMA_VERSION}). It was left untouched and changes are "
                "not being saved; update mlroute to use it."
            )
            report = LoadReport(
                self.path,
                LoadOutcome.REFUSED_NEWER,
                error.problems,
                messages=(message,),
                saving=False,
            )
            return self._loaded(Progress(), raw, report)
        except TomlFileError as error:
            if not repair:
                report = LoadReport(
                    self.path,
                    LoadOutcome.DAMAGED,
                    error.problems,
                    messages=(_problem_text(error.problems),),
                    saving=False,
                )
                return self._loaded(Progress(), raw, report)
            return self._recover(raw, error.problems)
        if version == SCHEMA_VERSION:
            return self._loaded(progress, raw, LoadReport(self.path, LoadOutcome.LOADED))
        if not repair:
            return self._loaded(progress, raw, LoadReport(self.path, LoadOutcome.LOADED))
        return self._migrate(raw, progress, version)

    def _locked(self) -> contextlib.AbstractContextManager[None]:
        """Hold the inter-process lock; OSError if the lock file cannot be made."""
        return self._lock.held(self.lock_timeout)

    def _unchanged(self, raw: bytes) -> bool:
        try:
            return _read(self.path) == raw
        except OSError:
            return False

    def _migrate(self, raw: bytes, progress: Progress, version: int) -> Loaded | None:
        data = dumps(progress).encode()
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with self._locked():
                if not self._unchanged(raw):
                    return None
                original = _copy_aside(self.path, raw, f"v{version}")
                keep = partial(_keep_backup, self.path, self.backup_path, raw)
                write_atomic(self.path, data, before_replace=keep)
        except (OSError, StoreError) as error:
            reason = error.reason if isinstance(error, StoreError) else _reason(error)
            message = (
                f"{self.path} is in an older format ({version}) and was updated in memory, "
                f"but could not be rewritten: {reason}."
            )
            report = LoadReport(
                self.path, LoadOutcome.MIGRATED, migrated_from=version, messages=(message,)
            )
            return self._loaded(progress, raw, report)
        message = (
            f"Updated {self.path} from format {version} to {SCHEMA_VERSION}; the original "
            f"is kept at {original}."
        )
        report = LoadReport(
            self.path,
            LoadOutcome.MIGRATED,
            backup=original,
            migrated_from=version,
            messages=(message,),
        )
        return self._loaded(progress, data, report)

    def _recover(self, raw: bytes, problems: tuple[Problem, ...]) -> Loaded | None:
        """Quarantine a corrupt or invalid file and start from the backup if it is good."""
        damaged = f"{self.path} is damaged ({_problem_text(problems)})"
        backup, backup_problem = self._read_backup()
        try:
            with self._locked():
                if not self._unchanged(raw):
                    return None
                quarantined = _move_aside(self.path, "corrupt")
                data = None
                if backup is not None:
                    data = dumps(backup).encode()
                    write_atomic(self.path, data)
        except (OSError, StoreError) as error:
            reason = error.reason if isinstance(error, StoreError) else _reason(error)
            message = (
                f"{damaged}, and it could not be moved aside ({reason}). It was left as it "
                "is and nothing will be saved until it can be."
            )
            if backup is not None:
                message += f" Showing the progress from {self.backup_path}."
            report = LoadReport(
                self.path, LoadOutcome.DAMAGED, problems, messages=(message,), saving=False
            )
            return self._loaded(backup or Progress(), raw, report)
        if backup is not None:
            message = (
                f"{damaged}. It was moved to {quarantined} and your progress was restored "
                f"from {self.backup_path}."
            )
            report = LoadReport(
                self.path,
                LoadOutcome.RESTORED,
                problems,
                quarantined,
                self.backup_path,
                messages=(message,),
            )
            return self._loaded(backup, data, report)
        backup_problem = backup_problem.replace("is not usable", "is not usable either", 1)
        message = (
            f"{damaged}. It was moved to {quarantined}; the backup {self.backup_path} "
            f"{backup_problem}, so progress starts empty."
        )
        report = LoadReport(
            self.path, LoadOutcome.STARTED_EMPTY, problems, quarantined, messages=(message,)
        )
        return self._loaded(Progress(), None, report)

    def _read_backup(self) -> tuple[Progress | None, str]:
        """The backup's progress, or None and why not (see `backup.read`)."""
        return read_backup(self.backup_path)

    # Saving

    def save(self, progress: Progress, *, on_conflict: ConflictPolicy = "raise") -> SaveResult:
        """Write `progress` atomically, keeping the previous file as the .bak.

        If another instance saved since this store last read or wrote the file, its changes
        are merged in: keys only it changed are taken, keys only this caller changed are kept.
        Keys both changed differently are a conflict: with `on_conflict="raise"` nothing is
        written and `ConflictError` says which; "mine" or "theirs" picks a side.

        Keep working from your own progress after a save; `SaveResult.progress` shows what the
        file now holds (with the other instance's changes), and may be adopted instead.

        Raises a `StoreError` subclass naming the file when it cannot be written (disk full,
        read-only, permission, lock timeout) or saving is off; the file is then unchanged.
        """
        with self._mutex:
            if self._refusal is not None:
                raise SaveRefusedError(self.path, self._refusal)
            try:
                return self._save(progress, on_conflict)
            except OSError as error:
                raise _save_error(self.path, error) from error

    def _save(self, progress: Progress, on_conflict: ConflictPolicy) -> SaveResult:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with self._locked():
            self._remove_stale_temps()
            try:
                current: bytes | None = _read(self.path)
            except FileNotFoundError:
                current = None
            outcome = SaveResult(progress)
            # The file is known to load when this store read or wrote it, or merged it.
            good = current is not None and _digest(current) == self._fingerprint
            if current is not None and not good:
                outcome = self._merge_file(progress, current, on_conflict)
                good = not outcome.messages  # else it was damaged, and moved aside
            elif self._mine_base is not self._disk_base:
                # The file is as this store left it, but that included another instance's
                # changes which the caller's progress may lack: merge against it again.
                outcome = self._merge(progress, self._disk_base, on_conflict)
            data = dumps(outcome.progress).encode()
            if current != data:  # else the file already holds exactly this
                if current is not None:
                    guarded = keep_if_damaged(
                        self.backup_path, self._good_backup, self._read_backup
                    )
                    if guarded:
                        outcome = replace(outcome, messages=(*outcome.messages, *guarded))
                keep = None
                if current is not None:  # the file being replaced becomes the backup
                    keep = partial(_keep_backup, self.path, self.backup_path, current)
                write_atomic(self.path, data, before_replace=keep)
                if good:  # the backup is now the file that was there, which loads
                    with contextlib.suppress(OSError):
                        self._good_backup = _identity(os.stat(self.backup_path))
        self._fingerprint = _digest(data)
        self._mine_base = progress
        # Equal bases (the same object) let the next save skip the merge.
        same = outcome.progress is progress or outcome.progress == progress
        self._disk_base = progress if same else outcome.progress
        return outcome

    def _merge_file(
        self, mine: Progress, current: bytes, on_conflict: ConflictPolicy
    ) -> SaveResult:
        try:
            theirs, _ = parse_progress(current, str(self.path))
        except NewerSchemaError as error:
            self._refusal = (
                f"{self.path} was replaced by a newer mlroute's file (format {error.version})"
            )
            raise SaveRefusedError(self.path, self._refusal) from None
        except TomlFileError as error:
            quarantined = _move_aside(self.path, "corrupt")
            message = (
                f"{self.path} had been damaged since it was read "
                f"({_problem_text(error.problems)}); it was moved to {quarantined} and "
                "replaced with your progress."
            )
            return SaveResult(mine, messages=(message,))
        return self._merge(mine, theirs, on_conflict)

    def _merge(self, mine: Progress, theirs: Progress, on_conflict: ConflictPolicy) -> SaveResult:
        merge = _Merge(self._mine_base, self._disk_base, mine, theirs, on_conflict)
        result = merge.run()
        if merge.conflicts and on_conflict == "raise":
            raise ConflictError(self.path, merge.conflicts, theirs)
        return SaveResult(result, tuple(merge.taken), tuple(merge.conflicts))

    def _remove_stale_temps(self) -> None:
        # Temp files are only written under the lock, so any found now are from a process
        # that died mid-save.
        for stale in self.path.parent.glob(f".{self.path.name}*.tmp"):
            with contextlib.suppress(OSError):
                stale.unlink()

    def submit(self, progress: Progress) -> None:
        """Queue `progress` to be written by the next `flush`. Cheap: call it on the event loop
        right after each change, then `flush` in a thread worker."""
        with self._pending_lock:
            self._pending = progress

    def flush(self, *, on_conflict: ConflictPolicy = "raise") -> SaveResult | None:
        """Save the latest submitted progress, if any; None if another flush already did.

        Saves land in the order the changes were made even if workers run out of order. On
        failure the progress stays queued (unless a newer one was submitted meanwhile), so
        the next `flush` retries it; the `StoreError` propagates.
        """
        with self._mutex:
            with self._pending_lock:
                progress, self._pending = self._pending, None
            if progress is None:
                return None
            try:
                return self.save(progress, on_conflict=on_conflict)
            except StoreError:
                with self._pending_lock:
                    if self._pending is None:
                        self._pending = progress
                raise

    @property
    def saving(self) -> bool:
        """False when saves are refused (see `LoadReport.saving`)."""
        return self._refusal is None

    # Export and import

    def export(self, progress: Progress, destination: Path) -> None:
        """Write `progress` to `destination` as a portable backup (the same TOML format)."""
        if destination.resolve() == self.path.resolve():
            raise StoreError(destination, "that is the progress file itself; choose another")
        try:
            write_atomic(destination, dumps(progress).encode())
        except OSError as error:
            raise _save_error(destination, error) from error

    def import_file(self, source: Path, current: Progress) -> tuple[SaveResult, Path | None]:
        """Replace the progress with a backup's, after validating it; `undo` reverts it.

        Raises `TomlFileError` (nothing touched) when the file is invalid or newer. The file
        being replaced is first copied to `progress.toml.pre-import-<timestamp>`, whose path is
        returned with the save result (None when there was no file yet).
        """
        imported = read_progress_file(source)
        updated = replace_all(current, imported, summary=f"import {source.name}")
        with self._mutex:
            if self._refusal is not None:
                raise SaveRefusedError(self.path, self._refusal)
            kept = None
            try:
                with self._locked(), contextlib.suppress(FileNotFoundError):
                    kept = _copy_aside(self.path, _read(self.path), "pre-import")
            except OSError as error:
                raise _save_error(self.path, error) from error
            return self.save(updated), kept
