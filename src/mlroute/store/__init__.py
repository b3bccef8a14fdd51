"""The progress store: the user's statuses, notes, answers and choices in one local TOML file.

A package of rooms, top to bottom:

- `progress`: the values. `Progress` and its parts are frozen pydantic models.
- `changes`: every change as a pure function returning a new `Progress` (`set_status`,
  `set_note`, `reset`, `choose`, `choose_slot`, `set_pace`, `add_custom_item`, `undo`, `redo`,
  ...), recorded in its bounded `history` so that `undo` works in a new process too.
- `merge`: the three-way merge of this instance's changes with another instance's save.
- `fileformat` and `migrations`: `dumps`/`parse_progress` turn a `Progress` into TOML and back,
  through ordered, pure migrations for older `schema_version`s; a newer one is refused.
- `files`, `backup`, `errors`, `reports`: the guarded read, making the previous file the backup
  as a save replaces it (through the app's one writer, `mlroute.atomic.write_atomic`), moving a
  damaged file aside, the lock file; reading, offering and keeping the backup; why a save
  failed; what a load or save tells the user.
- `disk`: `ProgressStore`, which owns `progress.toml`: durable writes keeping the previous good
  file as `progress.toml.bak`, a lock file and a fingerprint check so that a second instance
  merges instead of overwriting, and loads that keep the cases apart (missing, unreadable,
  corrupt -> quarantined and restored from the backup, newer -> refused).

Everything is importable from `mlroute.store` itself, as when it was one module. Headless: never
imports Textual. Saving blocks on disk I/O; the TUI calls it from a thread worker (`submit` on
the event loop, `flush` in the worker keeps saves in order).
"""

from __future__ import annotations

import sys
from types import ModuleType
from typing import Any

from mlroute.atomic import write_atomic
from mlroute.store.changes import (
    add_custom_item,
    choose,
    choose_slot,
    clear_answers,
    custom_item_id,
    now,
    redo,
    remove_custom_item,
    replace_all,
    replace_answers,
    reset,
    set_answer,
    set_answers,
    set_note,
    set_pace,
    set_status,
    undo,
    unknown_ids,
)
from mlroute.store.disk import ProgressStore
from mlroute.store.errors import (
    ConflictError,
    DiskFullError,
    LockTimeoutError,
    PermissionDeniedError,
    ReadOnlyError,
    SaveRefusedError,
    StoreError,
)
from mlroute.store.fileformat import HEADER, dumps, parse_progress, to_document
from mlroute.store.files import MAX_FILE_BYTES, read_progress_file
from mlroute.store.merge import ConflictPolicy
from mlroute.store.migrations import MIGRATIONS, NewerSchemaError, migrate
from mlroute.store.progress import (
    MAX_HISTORY,
    SCHEMA_VERSION,
    STATUSES,
    AnswerValue,
    Change,
    CustomItem,
    Hours,
    ItemId,
    ItemProgress,
    Pace,
    PathChoice,
    Progress,
    Snapshot,
    Status,
    Text,
    When,
)
from mlroute.store.reports import Loaded, LoadOutcome, LoadReport, SaveResult

# isort: split
# What tests and the benchmark reach through the package, as when the store was one module:
# the file steps a test makes fail (`mlroute.atomic`'s), `os` for its `link`, the renderer a
# benchmark resets.
# (`_Package` below sets a name given here in the rooms that use it.)
import os as os

from mlroute import atomic
from mlroute.atomic import _fsync as _fsync
from mlroute.atomic import _open as _open
from mlroute.atomic import _replace as _replace
from mlroute.atomic import _write as _write
from mlroute.store import (
    backup,
    changes,
    disk,
    errors,
    fileformat,
    files,
    merge,
    migrations,
    progress,
    reports,
)
from mlroute.store.fileformat import _Renderer as _Renderer
from mlroute.store.fileformat import _renderer as _renderer
from mlroute.store.files import _move_aside as _move_aside
from mlroute.store.files import _read as _read

__all__ = [
    "HEADER",
    "MAX_FILE_BYTES",
    "MAX_HISTORY",
    "MIGRATIONS",
    "SCHEMA_VERSION",
    "STATUSES",
    "AnswerValue",
    "Change",
    "ConflictError",
    "ConflictPolicy",
    "CustomItem",
    "DiskFullError",
    "Hours",
    "ItemId",
    "ItemProgress",
    "LoadOutcome",
    "LoadReport",
    "Loaded",
    "LockTimeoutError",
    "NewerSchemaError",
    "Pace",
    "PathChoice",
    "PermissionDeniedError",
    "Progress",
    "ProgressStore",
    "ReadOnlyError",
    "SaveRefusedError",
    "SaveResult",
    "Snapshot",
    "Status",
    "StoreError",
    "Text",
    "When",
    "add_custom_item",
    "choose",
    "choose_slot",
    "clear_answers",
    "custom_item_id",
    "dumps",
    "migrate",
    "now",
    "parse_progress",
    "read_progress_file",
    "redo",
    "remove_custom_item",
    "replace_all",
    "replace_answers",
    "reset",
    "set_answer",
    "set_answers",
    "set_note",
    "set_pace",
    "set_status",
    "to_document",
    "undo",
    "unknown_ids",
    "write_atomic",
]

_ROOMS = (
    progress,
    backup,
    changes,
    merge,
    migrations,
    fileformat,
    errors,
    files,
    reports,
    disk,
    atomic,  # not a room, but where the write steps live (the app's one writer)
)


class _Package(ModuleType):
    """`mlroute.store`, where setting a name also sets it in each room that holds it.

    Tests make one disk step fail by setting it here (`monkeypatch.setattr(store, "_fsync",
    ...)`), as they did when the store was one module; the rooms that call it must see it,
    and so must `mlroute.atomic`, whose `write_atomic` the store writes through.
    """

    def __setattr__(self, name: str, value: Any) -> None:
        for room in _ROOMS:
            if name in vars(room):
                setattr(room, name, value)
        super().__setattr__(name, value)


sys.modules[__name__].__class__ = _Package
