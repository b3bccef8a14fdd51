"""The progress store: the user's statuses, notes, answers and choices in one local TOML file.

Three layers, top to bottom:

- **Values.** `Progress` and its parts are frozen pydantic models. Every change is a pure
  function (`set_status`, `set_note`, `reset`, `choose`, `set_pace`, `add_custom_item`,
  `undo`, `redo`, ...) that returns a new `Progress` and records the change in its bounded
  `history`, so `undo` works in a new process too. Answers are saved as given and are not
  part of the undo history (the questionnaire has its own back and "start over").
- **The file format.** `dumps`/`parse_progress` turn a `Progress` into TOML and back, through
  ordered, pure migrations for older `schema_version`s; a newer one is refused.
- **`ProgressStore`**, which owns `progress.toml`: atomic, durable writes that keep the
  previous good file as `progress.toml.bak`; a lock file and a fingerprint check so that a
  second instance merges instead of overwriting; and loads that keep four cases apart
  (missing, unreadable, corrupt/invalid -> quarantined and restored from the backup, newer ->
  refused), described by a `LoadReport`.

Headless: never imports Textual. Saving blocks on disk I/O; the TUI calls it from a thread
worker (`submit` on the event loop, `flush` in the worker keeps saves in order).
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import json
import os
import re
import secrets
import threading
from collections.abc import Callable, Container, Iterable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime
from enum import StrEnum
from math import isfinite
from pathlib import Path
from typing import Annotated, Any, Final, Literal, NamedTuple

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    PlainValidator,
    Strict,
    ValidationError,
    field_validator,
)

from mlroute import paths
from mlroute.atomic import fsync_dir
from mlroute.bulk import gc_paused
from mlroute.safefile import NotAFileError, TooLargeError, read_capped
from mlroute.tomlfile import Problem, TomlFileError, decode, parse, validation_problems

SCHEMA_VERSION: Final = 1
"""The file format this mlroute writes. Bump it with a migration in `MIGRATIONS`."""

MAX_HISTORY = 100
"""How many changes `undo` (and `redo`) can walk back; older ones are dropped."""

MAX_FILE_BYTES = 64 * 1024 * 1024
"""A progress file larger than this is treated as unreadable rather than parsed."""

Status = Literal["todo", "in-progress", "done", "skipped"]
"""Where an item stands. An item the file does not mention is `todo`."""

STATUSES: tuple[Status, ...] = ("todo", "in-progress", "done", "skipped")

PathChoice = Literal["degree", "courses"]
"""The route the user chose: an online master's degree, or the structured course path."""

ConflictPolicy = Literal["raise", "mine", "theirs"]
"""What `save` does when another instance changed the same thing: fail, or keep one side."""


# Values ------------------------------------------------------------------------------------


def _encodable(text: str) -> str:
    # Lone surrogates (e.g. undecodable bytes in argv) cannot be written as UTF-8.
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        raise ValueError("contains characters that cannot be saved as UTF-8") from None
    return text


Text = Annotated[str, AfterValidator(_encodable)]
"""Any text that can be written to the file."""

ItemId = Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9_.-]*$", max_length=120)]
"""A catalog id (course, foundation, project, milestone, program) or a custom item's id."""


def _answer_scalar(value: Any) -> bool:
    if isinstance(value, float):
        return isfinite(value)
    if isinstance(value, str):
        _encodable(value)
        return True
    if isinstance(value, bool) or (isinstance(value, date) and not isinstance(value, datetime)):
        return True
    return isinstance(value, int) and -(2**63) <= value < 2**63


def _answer_value(value: Any) -> Any:
    if _answer_scalar(value):
        return value
    if isinstance(value, list | tuple) and all(_answer_scalar(v) for v in value):
        return list(value)
    if isinstance(value, dict) and all(
        isinstance(k, str) and _answer_scalar(k) and _answer_scalar(v) for k, v in value.items()
    ):
        return value
    raise ValueError(
        "must be text, a whole or finite number, true/false or a date (no time); "
        "or a list or table of those"
    )


AnswerValue = Annotated[Any, AfterValidator(_answer_value)]
"""One saved answer: a scalar, a list of scalars, or a table of scalars (`foundations`)."""


def _aware(value: datetime) -> datetime:
    """Give a local time this machine's offset, and a seconds-precise offset (which TOML
    cannot write) the UTC one, so that every datetime compares with every other."""
    if value.tzinfo is None:
        try:
            return value.astimezone()
        except (OverflowError, ValueError, OSError):  # out of the platform's range
            return value.replace(tzinfo=UTC)
    offset = value.utcoffset()
    if offset is not None and offset.seconds % 60:
        return value.astimezone(UTC)
    return value


def _when(value: Any) -> datetime | date:
    # TOML has native dates and datetimes; a string here is a mistake, not a format.
    if isinstance(value, datetime):
        return _aware(value)
    if isinstance(value, date):
        return value
    raise ValueError("must be a date or a date and time, e.g. 2026-01-05 or 2026-01-05T10:00:00")


When = Annotated[datetime | date, PlainValidator(_when)]
"""A date, or a date and time with its UTC offset (a local time gets this machine's)."""

Hours = Annotated[int, Strict(), Field(ge=0, le=100_000)]


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class ItemProgress(_Frozen):
    """Where one tracked item stands."""

    status: Status = "todo"
    """todo, in-progress, done or skipped."""
    changed: When | None = None
    """When the status was last set (local time, with its offset); None if never recorded."""
    note: Text = ""
    """The user's note; empty for none."""


class CustomItem(_Frozen):
    """An item the user added to their plan themselves."""

    title: Annotated[Text, Field(min_length=1)]
    """What to do."""
    stage: Annotated[str, Field(max_length=120)] = ""
    """The stage id it belongs to; empty for none."""
    hours: Hours = 0
    """Estimated hours; 0 when unknown."""


Pace = Annotated[int, Strict(), Field(ge=1, le=168)]
"""Study hours per week."""


_ABSENT_KEY = r"^((items|custom_items)\.[a-z0-9][a-z0-9_.-]*|path|program|hours_per_week)$"


class Snapshot(_Frozen):
    """The parts of a `Progress` one change touched, as they were before or after it.

    Keys are `items.ID`, `custom_items.ID`, `answers`, `path`, `program`, `hours_per_week`;
    a key in `absent` had no value (an untracked item, no path chosen).
    """

    items: dict[ItemId, ItemProgress] = {}
    """Touched items that were tracked."""
    custom_items: dict[ItemId, CustomItem] = {}
    """Touched custom items that existed."""
    answers: dict[Text, AnswerValue] | None = None
    """The whole answers table, when the change touched it (only an import does)."""
    path: PathChoice | None = None
    """The chosen path, when touched and set."""
    program: ItemId | None = None
    """The chosen program, when touched and set."""
    hours_per_week: Pace | None = None
    """The pace, when touched and set."""
    absent: tuple[Annotated[str, Field(pattern=_ABSENT_KEY)], ...] = ()
    """Touched keys that had no value."""


class Change(_Frozen):
    """One undoable change: what it touched, before and after."""

    at: datetime
    """When it was made (microseconds kept: with `summary` it identifies the change)."""
    summary: Text
    """What it did, in a few words, e.g. `course-a: done`."""
    before: Snapshot
    """The touched keys before the change; `undo` restores these."""
    after: Snapshot
    """The touched keys after the change; `redo` restores these."""

    @field_validator("at", mode="plain")
    @classmethod
    def _at_aware(cls, value: Any) -> datetime:
        if not isinstance(value, datetime):
            raise ValueError("must be a date and time, e.g. 2026-01-05T10:00:00+01:00")
        return _aware(value)


class Progress(_Frozen):
    """Everything the user has told mlroute, as saved in `progress.toml`."""

    schema_version: Literal[1] = SCHEMA_VERSION
    """The file format; older files are migrated on load, newer ones refused."""
    path: PathChoice | None = None
    """The chosen route, if any."""
    program: ItemId | None = None
    """The chosen degree program's catalog id, if any."""
    hours_per_week: Pace | None = None
    """The user's pace."""
    answers: dict[Text, AnswerValue] = {}
    """Questionnaire answers as given, possibly partial; `foundations` is a subtable.
    Checking them against the questions is the questionnaire's job, not the store's."""
    items: dict[ItemId, ItemProgress] = {}
    """Tracked items by id. Ids the catalog no longer has are kept (see `unknown_ids`)."""
    custom_items: dict[ItemId, CustomItem] = {}
    """Items the user added, by id; their progress is in `items` like any other."""
    history: tuple[Change, ...] = ()
    """Recent changes, oldest first, at most `MAX_HISTORY`: what `undo` reverts."""
    redo: tuple[Change, ...] = ()
    """Undone changes, most recent last: what `redo` re-applies. Any new change clears it."""

    def item(self, item_id: str) -> ItemProgress:
        """The item's progress; an untracked item is `todo` with no date."""
        return self.items.get(item_id) or _UNTRACKED

    def status(self, item_id: str) -> Status:
        """The item's status; `todo` when untracked."""
        return self.item(item_id).status

    @property
    def can_undo(self) -> bool:
        """True when there is a change to undo."""
        return bool(self.history)

    @property
    def can_redo(self) -> bool:
        """True when there is an undone change to redo."""
        return bool(self.redo)


_UNTRACKED = ItemProgress()
_SCALARS = ("answers", "path", "program", "hours_per_week")
_NOTHING = Snapshot()


# Pure changes ------------------------------------------------------------------------------


def now() -> datetime:
    """The current local time with its UTC offset."""
    return datetime.now().astimezone()


def _get(progress: Progress, key: str) -> Any:
    name, _, ident = key.partition(".")
    if name in ("items", "custom_items"):
        return getattr(progress, name).get(ident)
    return getattr(progress, name)


def _put(progress: Progress, values: Mapping[str, Any]) -> Progress:
    """A copy of `progress` with each key set to its value (None removes an item)."""
    update: dict[str, Any] = {}
    for key, value in values.items():
        name, _, ident = key.partition(".")
        if name in ("items", "custom_items"):
            table = update.setdefault(name, dict(getattr(progress, name)))
            if value is None:
                table.pop(ident, None)
            else:
                table[ident] = value
        elif name == "answers":
            update[name] = dict(value) if value is not None else {}
        else:
            update[name] = value
    return progress.model_copy(update=update)


def _snapshot(progress: Progress, keys: Iterable[str]) -> Snapshot:
    items: dict[str, ItemProgress] = {}
    custom: dict[str, CustomItem] = {}
    scalars: dict[str, Any] = {}
    absent: list[str] = []
    for key in keys:
        value = _get(progress, key)
        name, _, ident = key.partition(".")
        if value is None:
            absent.append(key)
        elif name == "items":
            items[ident] = value
        elif name == "custom_items":
            custom[ident] = value
        else:
            scalars[name] = value
    if not (items or custom or scalars or absent):
        return _NOTHING
    return Snapshot.model_construct(
        items=items, custom_items=custom, absent=tuple(absent), **scalars
    )


def _apply(progress: Progress, snapshot: Snapshot) -> Progress:
    values: dict[str, Any] = {f"items.{i}": v for i, v in snapshot.items.items()}
    values.update({f"custom_items.{i}": v for i, v in snapshot.custom_items.items()})
    values.update({k: getattr(snapshot, k) for k in _SCALARS if getattr(snapshot, k) is not None})
    values.update(dict.fromkeys(snapshot.absent))
    return _put(progress, values)


def _commit(
    progress: Progress, values: Mapping[str, Any], summary: str, when: datetime | None
) -> Progress:
    """Apply `values` as one undoable change; a change that changes nothing is not recorded."""
    if all(_get(progress, key) == value for key, value in values.items()):
        return progress
    before = _snapshot(progress, values)
    changed = _put(progress, values)
    after = _snapshot(changed, values)
    change = Change.model_construct(
        at=_aware(when or now()), summary=_encodable(summary), before=before, after=after
    )
    return changed.model_copy(
        update={"history": (*progress.history, change)[-MAX_HISTORY:], "redo": ()}
    )


def _stamp(when: datetime | None) -> datetime:
    return (when or now()).replace(microsecond=0)


def set_status(
    progress: Progress,
    item_id: str,
    status: Status,
    *,
    note: str | None = None,
    when: datetime | None = None,
) -> Progress:
    """Set an item's status (and its note, unless `note` is None). Records the date."""
    old = progress.item(item_id)
    if old.status == status and (note is None or note == old.note):
        return progress
    _check_id(item_id)
    new = ItemProgress(
        status=status,
        changed=_stamp(when) if status != old.status else old.changed,
        note=old.note if note is None else note,
    )
    summary = f"{item_id}: {status}" + (" (note)" if note is not None else "")
    return _commit(progress, {f"items.{item_id}": new}, summary, when)


def set_note(
    progress: Progress, item_id: str, note: str, *, when: datetime | None = None
) -> Progress:
    """Set an item's note ("" clears it); its status and date are kept."""
    old = progress.item(item_id)
    if old.note == note:
        return progress
    _check_id(item_id)
    new = ItemProgress(status=old.status, changed=old.changed, note=note)
    value = None if new == _UNTRACKED else new
    return _commit(progress, {f"items.{item_id}": value}, f"{item_id}: note", when)


def reset(
    progress: Progress,
    item_ids: Iterable[str],
    *,
    summary: str | None = None,
    when: datetime | None = None,
) -> Progress:
    """Set the items back to `todo` as one undoable change (a stage, or the whole plan).

    Notes are the user's writing and are kept; everything else about the items is dropped.
    """
    values: dict[str, Any] = {}
    for item_id in item_ids:
        old = progress.items.get(item_id)
        if old is not None:
            values[f"items.{item_id}"] = ItemProgress(note=old.note) if old.note else None
    label = summary or f"reset {len(values)} item{'s' if len(values) != 1 else ''}"
    return _commit(progress, values, label, when)


def choose(
    progress: Progress,
    path: PathChoice | None,
    program: str | None = None,
    *,
    when: datetime | None = None,
) -> Progress:
    """Choose the route and, for the degree path, the program. Progress on items is kept."""
    if path is not None and path not in ("degree", "courses"):
        raise ValueError(f"path must be 'degree' or 'courses', not {path!r}")
    if program is not None:
        _check_id(program)
    label = f"path: {path or 'none'}" + (f", program: {program}" if program else "")
    return _commit(progress, {"path": path, "program": program}, label, when)


def set_pace(
    progress: Progress, hours_per_week: int | None, *, when: datetime | None = None
) -> Progress:
    """Set the study pace in hours per week (1 to 168), or None to forget it."""
    if hours_per_week is not None and not 1 <= hours_per_week <= 168:
        raise ValueError(f"hours per week must be 1 to 168, not {hours_per_week}")
    label = f"pace: {hours_per_week} h/week" if hours_per_week else "pace: none"
    return _commit(progress, {"hours_per_week": hours_per_week}, label, when)


def custom_item_id(progress: Progress, title: str) -> str:
    """A fresh id for a custom item titled `title`: `custom-<words>`, numbered if taken."""
    slug = re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")[:60].strip("-") or "item"
    base = f"custom-{slug}"
    candidate, number = base, 1
    while candidate in progress.custom_items or candidate in progress.items:
        number += 1
        candidate = f"{base}-{number}"
    return candidate


def add_custom_item(
    progress: Progress, item_id: str, item: CustomItem, *, when: datetime | None = None
) -> Progress:
    """Add the user's own item (or replace the one with this id) as one undoable change."""
    _check_id(item_id)
    verb = "edit" if item_id in progress.custom_items else "add"
    return _commit(progress, {f"custom_items.{item_id}": item}, f"{verb} {item_id}", when)


def remove_custom_item(
    progress: Progress, item_id: str, *, when: datetime | None = None
) -> Progress:
    """Remove a custom item and its progress, as one undoable change."""
    values = {f"custom_items.{item_id}": None, f"items.{item_id}": None}
    return _commit(progress, values, f"remove {item_id}", when)


def set_answer(progress: Progress, key: str, value: Any) -> Progress:
    """Save one questionnaire answer (None removes it). Not part of the undo history."""
    answers = dict(progress.answers)
    if value is None:
        answers.pop(key, None)
    else:
        answers[key] = _answer_value(value)
    return progress.model_copy(update={"answers": answers})


def set_answers(progress: Progress, answers: Mapping[str, Any]) -> Progress:
    """Replace all saved answers ({} to start over). Not part of the undo history."""
    checked = {key: _answer_value(value) for key, value in answers.items()}
    return progress.model_copy(update={"answers": checked})


def replace_all(
    progress: Progress, other: Progress, *, summary: str, when: datetime | None = None
) -> Progress:
    """Take every item, custom item, answer and choice from `other`, as one undoable change.

    `progress`'s own history is kept (plus this change); `other`'s history is not taken.
    """
    keys = {f"items.{i}" for i in (*progress.items, *other.items)}
    keys |= {f"custom_items.{i}" for i in (*progress.custom_items, *other.custom_items)}
    keys |= set(_SCALARS)
    return _commit(progress, {key: _get(other, key) for key in sorted(keys)}, summary, when)


def undo(progress: Progress) -> Progress:
    """Revert the last change; the same progress when there is nothing to undo."""
    if not progress.history:
        return progress
    change = progress.history[-1]
    reverted = _apply(progress, change.before)
    return reverted.model_copy(
        update={
            "history": progress.history[:-1],
            "redo": (*progress.redo, change)[-MAX_HISTORY:],
        }
    )


def redo(progress: Progress) -> Progress:
    """Re-apply the last undone change; the same progress when there is nothing to redo."""
    if not progress.redo:
        return progress
    change = progress.redo[-1]
    redone = _apply(progress, change.after)
    return redone.model_copy(
        update={"history": (*progress.history, change)[-MAX_HISTORY:], "redo": progress.redo[:-1]}
    )


def unknown_ids(progress: Progress, known: Container[str]) -> tuple[str, ...]:
    """Tracked ids that are neither in `known` (e.g. the catalog's ids) nor custom items.

    They are kept in the file, never dropped: a catalog update may bring them back.
    """
    return tuple(
        item_id
        for item_id in sorted(progress.items)
        if item_id not in known and item_id not in progress.custom_items
    )


_ID = re.compile(r"[a-z0-9][a-z0-9_.-]*")


def _check_id(item_id: str) -> None:
    if not _ID.fullmatch(item_id) or len(item_id) > 120:
        raise ValueError(
            f"{item_id!r} is not a valid id (lowercase letters, digits, '_', '-' and '.')"
        )


# Merging two instances' changes ----------------------------------------------------------


@dataclass
class _Merge:
    """A three-way merge of this instance's progress with the file another instance wrote.

    `mine_base` is what this instance's caller last saved (or loaded): a key the caller
    changed since differs from it. `disk_base` is what this instance last wrote or read: a
    key another instance changed since differs from it. Both changed -> a conflict, unless
    they agree.
    """

    mine_base: Progress
    disk_base: Progress
    mine: Progress
    theirs: Progress
    prefer: ConflictPolicy
    conflicts: list[str] = field(default_factory=list)
    taken: list[str] = field(default_factory=list)

    def table(
        self,
        name: str,
        b1: Mapping[str, Any],
        b2: Mapping[str, Any],
        m: Mapping[str, Any],
        t: Mapping[str, Any],
    ) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for key in {**m, **t}:
            value = self.one(f"{name}{key}", b1.get(key), b2.get(key), m.get(key), t.get(key))
            if value is not None:
                out[key] = value
        return out

    def one(self, key: str, b1: Any, b2: Any, m: Any, t: Any) -> Any:
        if m is b1 or m == b1:  # not changed here: the file's value stands
            if t != m:
                self.taken.append(key)
            return t
        if t is b2 or t in (b2, m):  # not changed there, or changed alike
            return m
        self.conflicts.append(key)
        if self.prefer == "theirs":
            return t
        return m

    def run(self) -> Progress:
        b1, b2, m, t = self.mine_base, self.disk_base, self.mine, self.theirs
        scalars = {
            key: self.one(key, getattr(b1, key), getattr(b2, key), getattr(m, key), getattr(t, key))
            for key in ("path", "program", "hours_per_week")
        }
        answers = self.table("answers.", b1.answers, b2.answers, m.answers, t.answers)
        items = self.table("items.", b1.items, b2.items, m.items, t.items)
        custom = self.table(
            "custom_items.", b1.custom_items, b2.custom_items, m.custom_items, t.custom_items
        )
        return Progress.model_construct(
            schema_version=SCHEMA_VERSION,
            answers=answers,
            items=items,
            custom_items=custom,
            history=_merge_history(b1.history, m.history, t.history),
            redo=m.redo if m.redo != b1.redo else t.redo,
            **scalars,
        )


def _change_key(change: Change) -> tuple[datetime, str]:
    return change.at, change.summary


def _merge_history(
    base: tuple[Change, ...], mine: tuple[Change, ...], theirs: tuple[Change, ...]
) -> tuple[Change, ...]:
    """Theirs, less what this instance undid, then what it added."""
    base_keys = {_change_key(c) for c in base}
    mine_keys = {_change_key(c) for c in mine}
    undone = base_keys - mine_keys
    kept = [c for c in theirs if _change_key(c) not in undone]
    known = base_keys | {_change_key(c) for c in theirs}
    added = [c for c in mine if _change_key(c) not in known]
    return (*kept, *added)[-MAX_HISTORY:]


# The file format -------------------------------------------------------------------------

HEADER = (
    "# mlroute progress: your statuses, notes, answers and choices.\n"
    "# Written by mlroute; edit only while it is closed. `mlroute progress path` shows\n"
    "# where this file lives; the previous version is kept next to it as .bak.\n"
)


def _item_doc(item: ItemProgress) -> dict[str, Any]:
    doc: dict[str, Any] = {"status": item.status}
    if item.changed is not None:
        doc["changed"] = item.changed
    if item.note:
        doc["note"] = item.note
    return doc


def _custom_doc(item: CustomItem) -> dict[str, Any]:
    doc: dict[str, Any] = {"title": item.title}
    if item.stage:
        doc["stage"] = item.stage
    if item.hours:
        doc["hours"] = item.hours
    return doc


def _snapshot_doc(snapshot: Snapshot) -> dict[str, Any]:
    doc: dict[str, Any] = {k: getattr(snapshot, k) for k in _SCALARS[1:]}
    doc = {k: v for k, v in doc.items() if v is not None}
    if snapshot.answers is not None:
        doc["answers"] = snapshot.answers
    if snapshot.absent:
        doc["absent"] = list(snapshot.absent)
    if snapshot.items:
        doc["items"] = {i: _item_doc(v) for i, v in snapshot.items.items()}
    if snapshot.custom_items:
        doc["custom_items"] = {i: _custom_doc(v) for i, v in snapshot.custom_items.items()}
    return doc


def _change_doc(change: Change) -> dict[str, Any]:
    return {
        "at": change.at,
        "summary": change.summary,
        "before": _snapshot_doc(change.before),
        "after": _snapshot_doc(change.after),
    }


def to_document(progress: Progress) -> dict[str, Any]:
    """The TOML document for `progress`: plain dicts, items sorted by id, empty parts left out."""
    doc: dict[str, Any] = {"schema_version": SCHEMA_VERSION}
    for key in ("path", "program", "hours_per_week"):
        value = getattr(progress, key)
        if value is not None:
            doc[key] = value
    if progress.answers:
        doc["answers"] = progress.answers
    if progress.items:
        items = progress.items
        doc["items"] = {i: _item_doc(items[i]) for i in sorted(items)}
    if progress.custom_items:
        custom = progress.custom_items
        doc["custom_items"] = {i: _custom_doc(custom[i]) for i in sorted(custom)}
    if progress.history:
        doc["history"] = [_change_doc(c) for c in progress.history]
    if progress.redo:
        doc["redo"] = [_change_doc(c) for c in progress.redo]
    return doc


_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+\Z")


def _key(key: str) -> str:
    return key if _BARE_KEY.match(key) else _string(key)


def _string(text: str) -> str:
    # JSON's escapes (\" \\ \n \t \uXXXX for every control character) are all TOML
    # escapes too; TOML also forbids a raw DEL, which JSON leaves alone.
    return json.dumps(text, ensure_ascii=False).replace("\x7f", "\\u007f")


def _inline(value: Any) -> str:
    """One TOML value on one line: a scalar, an array or an inline table."""
    if isinstance(value, str):
        return _string(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return repr(value)  # finite: the models refuse inf and nan
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return "[" + ", ".join(_inline(v) for v in value) + "]"
    if isinstance(value, Mapping):
        if not value:
            return "{}"
        return "{ " + ", ".join(f"{_key(k)} = {_inline(v)}" for k, v in value.items()) + " }"
    raise TypeError(f"cannot write {type(value).__name__} to TOML")


def _table(lines: list[str], header: str, table: Mapping[str, Any]) -> None:
    lines.append(f"\n[{header}]")
    lines.extend(f"{_key(k)} = {_inline(v)}" for k, v in table.items())


def _item_line(item_id: str, item: ItemProgress) -> str:
    """`_inline(_item_doc(item))` after the key, written out: the one line per item."""
    line = f'{_key(item_id)} = {{ status = "{item.status}"'
    if item.changed is not None:
        line += f", changed = {item.changed.isoformat()}"
    if item.note:
        line += f", note = {_string(item.note)}"
    return line + " }"


class _Renderer:
    """Writes progress files, remembering the line of each item and change it wrote.

    Items and changes are immutable and a save usually changes one of them, so the next
    save reuses every other line; only what is new is rendered.
    """

    def __init__(self) -> None:
        self._lines: dict[tuple[int, str], tuple[object, str]] = {}

    def dumps(self, progress: Progress) -> str:
        seen: dict[tuple[int, str], tuple[object, str]] = {}
        lines = [HEADER + f"schema_version = {SCHEMA_VERSION}"]
        for key in ("path", "program", "hours_per_week"):
            value = getattr(progress, key)
            if value is not None:
                lines.append(f"{key} = {_inline(value)}")
        answers = progress.answers
        if answers:
            _table(lines, "answers", {k: v for k, v in answers.items() if not isinstance(v, dict)})
            for key, value in answers.items():
                if isinstance(value, dict):
                    _table(lines, f"answers.{_key(key)}", value)
        if progress.items:
            lines.append("\n[items]")
            items = progress.items
            lines.extend(self._line(seen, i, items[i], _item_doc) for i in sorted(items))
        if progress.custom_items:
            lines.append("\n[custom_items]")
            custom = progress.custom_items
            lines.extend(self._line(seen, i, custom[i], _custom_doc) for i in sorted(custom))
        for name in ("history", "redo"):
            lines.extend(self._line(seen, name, c, _change_doc) for c in getattr(progress, name))
        lines.append("")
        self._lines = seen
        return "\n".join(lines)

    def _line(
        self,
        seen: dict[tuple[int, str], tuple[object, str]],
        key: str,
        value: Any,
        doc: Callable[[Any], dict[str, Any]],
    ) -> str:
        cache_key = (id(value), key)
        hit = self._lines.get(cache_key) or seen.get(cache_key)
        if hit is None or hit[0] is not value:
            if isinstance(value, ItemProgress):
                text = _item_line(key, value)
            elif isinstance(value, Change):
                body = "\n".join(f"{k} = {_inline(v)}" for k, v in doc(value).items())
                text = f"\n[[{key}]]\n{body}"
            else:
                text = f"{_key(key)} = {_inline(doc(value))}"
            hit = (value, text)
        seen[cache_key] = hit
        return hit[1]


_renderer = _Renderer()


def dumps(progress: Progress) -> str:
    """The progress file's text: `to_document`'s content as TOML, one line per item.

    Written directly rather than with tomli_w: the layout is known, and this costs a
    fraction as much (see benchmarks/store.py). The tests round-trip it through tomllib.
    """
    return _renderer.dumps(progress)


def _v0_to_v1(data: dict[str, Any]) -> dict[str, Any]:
    """Format 0 (the prototype) to format 1.

    Format 0 kept one table per status, mapping ids to the date they got it, notes in a
    table of their own, and called the path `track` and the pace `pace`::

        schema_version = 0
        track = "courses"
        pace = 8
        [done]
        course-a = 2026-01-05
        [started]
        course-b = 2026-02-01
        [notes]
        course-a = "Loved it"

    An id under several statuses keeps the first of done, started, skipped. Anything not
    understood is passed through for validation to report.
    """
    out = {
        k: v
        for k, v in data.items()
        if k not in ("track", "pace", "done", "started", "skipped", "notes")
    }
    out["schema_version"] = 1
    if "track" in data:
        out["path"] = data["track"]
    if "pace" in data:
        out["hours_per_week"] = data["pace"]
    items: dict[str, Any] = {}
    for table, status in (("done", "done"), ("started", "in-progress"), ("skipped", "skipped")):
        entries = data.get(table, {})
        if not isinstance(entries, dict):
            out[table] = entries
            continue
        for item_id, changed in entries.items():
            items.setdefault(item_id, {"status": status, "changed": changed})
    notes = data.get("notes", {})
    if isinstance(notes, dict):
        for item_id, note in notes.items():
            items.setdefault(item_id, {"status": "todo"})["note"] = note
    else:
        out["notes"] = notes
    if items:
        out["items"] = items
    return out


MIGRATIONS: tuple[Callable[[dict[str, Any]], dict[str, Any]], ...] = (_v0_to_v1,)
"""`MIGRATIONS[n]` turns a format-n document into format n+1. Pure: no I/O, input untouched."""

assert len(MIGRATIONS) == SCHEMA_VERSION


def migrate(data: dict[str, Any], version: int) -> dict[str, Any]:
    """Run every migration from `version` up to `SCHEMA_VERSION`, in order."""
    for step in MIGRATIONS[version:]:
        data = step(data)
    return data


class NewerSchemaError(TomlFileError):
    """The file was written by a newer mlroute; it is left alone."""

    def __init__(self, name: str, version: int) -> None:
        self.version = version
        message = (
            f"written by a newer mlroute (format {version}; this one reads up to "
            f"{SCHEMA_VERSION}); update mlroute to use it"
        )
        super().__init__([Problem(name, None, "schema_version", message)])


def parse_progress(raw: bytes, name: str) -> tuple[Progress, int]:
    """Decode, parse, migrate and validate a progress file's bytes.

    Returns the progress and the file's own format version. Raises `NewerSchemaError` for a
    newer format and `TomlFileError` (with located problems) for a corrupt or invalid file.
    """
    text = decode(raw, name)
    if not text.strip():
        raise TomlFileError([Problem(name, None, "", "file is empty")])
    data = parse(text, name)
    version = data.get("schema_version")
    if type(version) is not int or version < 0:
        message = "required field is missing" if version is None else "must be a whole number"
        raise TomlFileError([Problem(name, None, "schema_version", message)])
    if version > SCHEMA_VERSION:
        raise NewerSchemaError(name, version)
    if version < SCHEMA_VERSION:
        data = migrate(data, version)
    try:
        with gc_paused():
            return Progress.model_validate(data), version
    except ValidationError as error:
        raise TomlFileError(validation_problems(error, name, text)) from None


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


# Errors ------------------------------------------------------------------------------------


class StoreError(Exception):
    """The progress file could not be written (or will not be); the change is kept in memory."""

    def __init__(self, path: Path, reason: str) -> None:
        self.path = path
        """The file concerned."""
        self.reason = reason
        """What went wrong, in a few words."""
        super().__init__(
            f"cannot save {path}: {reason}; your changes are kept in memory but are not being saved"
        )


class DiskFullError(StoreError):
    """No space left on the device (or over quota)."""


class ReadOnlyError(StoreError):
    """The file system is mounted read-only."""


class PermissionDeniedError(StoreError):
    """The user may not write the file or its directory."""


class LockTimeoutError(StoreError):
    """Another instance held the lock for too long."""


class SaveRefusedError(StoreError):
    """Saving is off because of how the file loaded: newer format, unreadable, stuck corrupt."""


class ConflictError(StoreError):
    """Another instance changed the same things since this one read the file; nothing saved."""

    def __init__(self, path: Path, conflicts: Iterable[str], theirs: Progress) -> None:
        self.conflicts = tuple(conflicts)
        """The keys both changed, e.g. `items.course-a`, `path`."""
        self.theirs = theirs
        """The progress the other instance saved."""
        shown = ", ".join(k.removeprefix("items.") for k in self.conflicts[:5])
        more = f" and {len(self.conflicts) - 5} more" if len(self.conflicts) > 5 else ""
        super().__init__(path, f"another mlroute changed {shown}{more} at the same time")


def _reason(error: OSError) -> str:
    return error.strerror or str(error)


def _save_error(path: Path, error: OSError) -> StoreError:
    if error.errno in (errno.ENOSPC, errno.EDQUOT):
        return DiskFullError(path, "the disk is full")
    if error.errno == errno.EROFS:
        return ReadOnlyError(path, "the file system is read-only")
    if isinstance(error, PermissionError):
        where = error.filename or path
        return PermissionDeniedError(path, f"permission denied ({where})")
    return StoreError(path, _reason(error))


# File operations ---------------------------------------------------------------------------
# Module-level so that tests can make any one step fail.


def _open(path: Path) -> int:
    return os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC, 0o600)


def _write(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]


def _fsync(fd: int) -> None:
    os.fsync(fd)


def _replace(source: Path, target: Path) -> None:
    os.replace(source, target)


def _read(path: Path) -> bytes:
    # A named pipe or a device in the file's place is refused, never waited on or read for ever.
    return read_capped(path, MAX_FILE_BYTES)


def _temp_name(path: Path) -> Path:
    return path.with_name(f".{path.name}.{secrets.token_hex(6)}.tmp")


def _keep_backup(path: Path, backup: Path, current: bytes) -> None:
    """Make `backup` the file now at `path` (whose bytes are `current`)."""
    link = _temp_name(backup)
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


def write_atomic(
    path: Path, data: bytes, *, backup: Path | None = None, current: bytes = b""
) -> None:
    """Replace `path` with `data` atomically and durably.

    The bytes go to a temp file in the same directory, which is fsynced and renamed over
    `path`; the directory is then fsynced. With `backup`, the file being replaced (whose bytes
    are `current`) becomes `backup` first. On any failure before the rename, `path` is
    untouched and the temp file removed; the OSError propagates.
    """
    tmp = _temp_name(path)
    try:
        fd = _open(tmp)
        try:
            _write(fd, data)
            _fsync(fd)
        finally:
            os.close(fd)
        if backup is not None:
            _keep_backup(path, backup, current)
        _replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
    fsync_dir(path.parent)


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


# Loading -----------------------------------------------------------------------------------


class LoadOutcome(StrEnum):
    """What `ProgressStore.load` found."""

    MISSING = "missing"
    """No file yet (first run): empty progress; the file is created on the first save."""
    LOADED = "loaded"
    """Read as it was; nothing was written."""
    MIGRATED = "migrated"
    """An older format, updated (the original bytes were backed up first)."""
    RESTORED = "restored"
    """Corrupt or invalid: moved aside, and the progress restored from the .bak file."""
    STARTED_EMPTY = "started-empty"
    """Corrupt or invalid, with no usable .bak: moved aside; progress starts empty."""
    DAMAGED = "damaged"
    """Corrupt or invalid, and it could not be moved aside: left as it is; saving is off."""
    REFUSED_NEWER = "refused-newer"
    """Written by a newer mlroute: left untouched; saving is off."""
    UNREADABLE = "unreadable"
    """Could not be read (permissions, I/O error): nothing is written; saving is off."""


@dataclass(frozen=True)
class LoadReport:
    """What happened when the progress file was loaded, for the user to be told."""

    path: Path
    """The progress file."""
    outcome: LoadOutcome
    """Which of the cases it was."""
    problems: tuple[Problem, ...] = ()
    """What was wrong with the file (corrupt, invalid, newer), each located."""
    quarantined: Path | None = None
    """Where the damaged file was moved."""
    backup: Path | None = None
    """The file the progress came from instead (the .bak), or where the pre-migration
    original was copied."""
    migrated_from: int | None = None
    """The format the file had, when it was migrated."""
    messages: tuple[str, ...] = ()
    """What to tell the user, in sentences naming the files."""
    saving: bool = True
    """False when saves are refused (newer format, unreadable, damaged file stuck in place)."""

    @property
    def ok(self) -> bool:
        """True when there is nothing to tell the user."""
        return self.outcome in (LoadOutcome.MISSING, LoadOutcome.LOADED) and not self.messages


class Loaded(NamedTuple):
    """The result of `ProgressStore.load`."""

    progress: Progress
    """The progress to work with (empty when there was none, or it could not be used)."""
    report: LoadReport
    """What happened."""


@dataclass(frozen=True)
class SaveResult:
    """What `ProgressStore.save` wrote."""

    progress: Progress
    """What is now in the file: the progress given, plus any other instance's changes."""
    merged: tuple[str, ...] = ()
    """Keys taken from another instance's save, e.g. `items.course-b`."""
    conflicts: tuple[str, ...] = ()
    """Keys both changed, resolved by the `on_conflict` policy given."""
    messages: tuple[str, ...] = ()
    """Anything to tell the user (e.g. a damaged file found and moved aside)."""


def _problem_text(problems: Iterable[Problem]) -> str:
    listed = [str(p) for p in problems]
    return "; ".join(listed[:3]) + (f"; and {len(listed) - 3} more" if len(listed) > 3 else "")


# The store ---------------------------------------------------------------------------------


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
        self._file_lock: Any = None
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
            return self._empty(LoadOutcome.MISSING, messages=self._leftover_backup())
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

    @contextlib.contextmanager
    def _locked(self) -> Iterator[None]:
        """Hold the inter-process lock; OSError if the lock file cannot be made."""
        from filelock import FileLock, Timeout  # deferred: only writers need it

        if self._file_lock is None:
            self._file_lock = FileLock(
                self.lock_path,
                timeout=self.lock_timeout,
                thread_local=False,
                poll_interval=0.005,
            )
        try:
            self._file_lock.acquire()
        except Timeout:
            raise LockTimeoutError(
                self.path,
                f"another mlroute held the lock file {self.lock_path} for more than "
                f"{self.lock_timeout:g} s",
            ) from None
        try:
            yield
        finally:
            self._file_lock.release()

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
                write_atomic(self.path, data, backup=self.backup_path, current=raw)
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
        """The backup's progress, or None and why not ("does not exist", "is not usable
        (...)", "cannot be read (...)")."""
        try:
            raw = _read(self.backup_path)
        except FileNotFoundError:
            return None, "does not exist"
        except OSError as error:
            return None, f"cannot be read ({_reason(error)})"
        try:
            return parse_progress(raw, str(self.backup_path))[0], ""
        except TomlFileError as error:
            return None, f"is not usable ({_problem_text(error.problems)})"

    def _leftover_backup(self) -> tuple[str, ...]:
        """What to say about a backup found without its progress file: how to restore it,
        only if it can be restored."""
        if not self.backup_path.exists():
            return ()
        backup, problem = self._read_backup()
        if backup is not None:
            return (
                f"There is no progress file at {self.path}, but there is a backup at "
                f"{self.backup_path}; `mlroute progress import {self.backup_path}` "
                "restores it.",
            )
        return (
            f"There is no progress file at {self.path}; the backup {self.backup_path} "
            f"{problem}, so there is nothing to restore from it.",
        )

    def _guard_backup(self) -> tuple[str, ...]:
        """Before a save replaces the backup: move it aside as `.bak.corrupt-<time>` if it does
        not load, so a damaged backup is kept for the user rather than silently overwritten.

        A backup this store made from a file it had read or written is known to load (by its
        inode and times) and is not read again; any other is read once.
        """
        try:
            identity = _identity(os.stat(self.backup_path))
        except OSError:
            return ()  # none (or none that can be looked at: the save's own step will say)
        if identity == self._good_backup:
            return ()
        backup, problem = self._read_backup()
        if backup is not None or not problem.startswith("is not usable"):
            return ()  # usable; or not a file that can be read, which is no backup to keep
        moved = _move_aside(self.backup_path, "corrupt")
        return (f"The backup {self.backup_path} {problem}; it was moved to {moved}.",)

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
                    guarded = self._guard_backup()
                    if guarded:
                        outcome = replace(outcome, messages=(*outcome.messages, *guarded))
                write_atomic(
                    self.path,
                    data,
                    backup=self.backup_path if current is not None else None,
                    current=current or b"",
                )
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
            destination.parent.mkdir(parents=True, exist_ok=True)
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
