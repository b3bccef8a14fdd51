"""Changes to a `Progress`: pure functions that each return a new one and record the change.

`set_status`, `set_note`, `reset`, `choose`, `choose_slot`, `set_pace`, the custom items, `undo`
and `redo`.
Each change goes into the bounded `history`, so that `undo` works in a new process too. Answers
are saved as given and are not part of the undo history (the questionnaire has its own back and
"start over"), except when a file replaces them all (`replace_answers`).
"""

from __future__ import annotations

import re
from collections.abc import Container, Iterable, Mapping
from datetime import datetime
from typing import Any

from mlroute.limits import MAX_PACE, NOTE_MAX
from mlroute.store.progress import (
    _NOTHING,
    _SCALARS,
    _TABLES,
    _UNTRACKED,
    MAX_HISTORY,
    MAX_ID_LENGTH,
    Change,
    CustomItem,
    ItemProgress,
    PathChoice,
    Progress,
    Snapshot,
    Status,
    _answer_value,
    _aware,
    _encodable,
)


def now() -> datetime:
    """The current local time with its UTC offset."""
    return datetime.now().astimezone()


def _get(progress: Progress, key: str) -> Any:
    name, _, ident = key.partition(".")
    if name in _TABLES:
        return getattr(progress, name).get(ident)
    return getattr(progress, name)


def _put(progress: Progress, values: Mapping[str, Any]) -> Progress:
    """A copy of `progress` with each key set to its value (None removes an item)."""
    update: dict[str, Any] = {}
    for key, value in values.items():
        name, _, ident = key.partition(".")
        if name in _TABLES:
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
    slots: dict[str, str] = {}
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
        elif name == "slots":
            slots[ident] = value
        else:
            scalars[name] = value
    if not (items or custom or slots or scalars or absent):
        return _NOTHING
    return Snapshot.model_construct(
        items=items, custom_items=custom, slots=slots, absent=tuple(absent), **scalars
    )


def _apply(progress: Progress, snapshot: Snapshot) -> Progress:
    values: dict[str, Any] = {f"items.{i}": v for i, v in snapshot.items.items()}
    values.update({f"custom_items.{i}": v for i, v in snapshot.custom_items.items()})
    values.update({f"slots.{i}": v for i, v in snapshot.slots.items()})
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
    if note is not None:
        _check_note(note)
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
    _check_note(note)
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


def choose_slot(
    progress: Progress, slot: str, course: str | None, *, when: datetime | None = None
) -> Progress:
    """Choose `course` to fill the plan's `slot`, or None to forget the choice (the plan picks
    again), as one undoable change. Progress on every option is kept, whichever fills it."""
    _check_id(slot)
    if course is not None:
        _check_id(course)
    label = f"swap {slot}: {course}" if course else f"swap {slot}: the plan's pick"
    return _commit(progress, {f"slots.{slot}": course}, label, when)


PACE_KEY = "hours_per_week"
"""The answer that is the pace: the plan's hours a week and the questionnaire's are one."""


def set_pace(
    progress: Progress, hours_per_week: int | None, *, when: datetime | None = None
) -> Progress:
    """Set the study pace in hours per week (1 to `MAX_PACE`), or None to forget the plan's.

    One setting: the questionnaire's hours answer changes with it, in the same undoable change.
    """
    if hours_per_week is not None and not 1 <= hours_per_week <= MAX_PACE:
        raise ValueError(f"hours per week must be 1 to {MAX_PACE}, not {hours_per_week}")
    label = f"pace: {hours_per_week} h/week" if hours_per_week else "pace: none"
    values: dict[str, Any] = {"hours_per_week": hours_per_week}
    if hours_per_week is not None and progress.answers.get(PACE_KEY) != hours_per_week:
        values["answers"] = {**progress.answers, PACE_KEY: hours_per_week}
    return _commit(progress, values, label, when)


def _pace_follows(progress: Progress, answers: Mapping[str, Any]) -> dict[str, Any]:
    """The plan's pace, when set, follows a new hours answer: one setting, never two."""
    new = answers.get(PACE_KEY)
    if progress.hours_per_week is None or new == progress.answers.get(PACE_KEY):
        return {}
    if isinstance(new, int) and not isinstance(new, bool) and 1 <= new <= MAX_PACE:
        return {"hours_per_week": new}
    return {}


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
    return progress.model_copy(update={"answers": answers, **_pace_follows(progress, answers)})


def set_answers(progress: Progress, answers: Mapping[str, Any]) -> Progress:
    """Replace all saved answers ({} to start over). Not part of the undo history.
    A pace set in the plan follows a changed hours answer."""
    checked = {key: _answer_value(value) for key, value in answers.items()}
    return progress.model_copy(update={"answers": checked, **_pace_follows(progress, checked)})


def replace_answers(
    progress: Progress, answers: Mapping[str, Any], *, summary: str, when: datetime | None = None
) -> Progress:
    """Replace all saved answers as one undoable change (loading an answers file): unlike
    `set_answers`, `undo` brings the answers that were there back."""
    checked = {key: _answer_value(value) for key, value in answers.items()}
    return _commit(
        progress, {"answers": checked, **_pace_follows(progress, checked)}, summary, when
    )


def clear_answers(progress: Progress, *, when: datetime | None = None) -> Progress:
    """Start the questionnaire over: every answer and the pace (the hours answer, one setting)
    cleared, as one undoable change. Items, notes, the path and the slot choices are kept."""
    return _commit(progress, {"answers": {}, PACE_KEY: None}, "start over", when)


def replace_all(
    progress: Progress, other: Progress, *, summary: str, when: datetime | None = None
) -> Progress:
    """Take every item, custom item, slot choice, answer and choice from `other`, as one
    undoable change.

    `progress`'s own history is kept (plus this change); `other`'s history is not taken.
    """
    keys = {f"items.{i}" for i in (*progress.items, *other.items)}
    keys |= {f"custom_items.{i}" for i in (*progress.custom_items, *other.custom_items)}
    keys |= {f"slots.{i}" for i in (*progress.slots, *other.slots)}
    keys |= set(_SCALARS)
    return _commit(progress, {key: _get(other, key) for key in sorted(keys)}, summary, when)


def _answers_back(progress: Progress, to: Snapshot, other: Snapshot) -> Progress:
    """After `_apply(progress, to)` of an answers change: only the answers the change touched
    (those `to` and `other` differ on) go back; answers given since, which are not in the
    history, stay as they are now."""
    if to.answers is None or other.answers is None:
        return _apply(progress, to)
    merged = _merged(dict(progress.answers), to.answers, other.answers)
    return _apply(progress, to).model_copy(update={"answers": merged})


def _merged(now: dict[str, Any], to: Mapping[str, Any], other: Mapping[str, Any]) -> dict[str, Any]:
    """`now` with each key on which `to` and `other` differ set as in `to` (dropped where `to`
    has none); tables (the foundations) key by key."""
    for key in to.keys() | other.keys():
        want, was = to.get(key), other.get(key)
        if want == was:
            continue
        if isinstance(want, Mapping) and isinstance(was, Mapping):
            current = now.get(key)
            now[key] = _merged(dict(current) if isinstance(current, Mapping) else {}, want, was)
        elif key in to:
            now[key] = want
        else:
            now.pop(key, None)
    return now


def undo(progress: Progress) -> Progress:
    """Revert the last change; the same progress when there is nothing to undo. An answers
    change (a load, an answer that set work aside) takes back only the answers it changed."""
    if not progress.history:
        return progress
    change = progress.history[-1]
    reverted = _answers_back(progress, change.before, change.after)
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
    redone = _answers_back(progress, change.after, change.before)
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


def _check_note(note: str) -> None:
    """Refuse a note over the limit whole, with its length: the Plan screen's dialog and
    `mlroute progress set --note` say the same, and nothing is cut."""
    if len(note) > NOTE_MAX:
        raise ValueError(
            f"the note is {len(note):,} characters, over the {NOTE_MAX:,} a note can hold; "
            "shorten it"
        )


def _check_id(item_id: str) -> None:
    if not _ID.fullmatch(item_id) or len(item_id) > MAX_ID_LENGTH:
        raise ValueError(
            f"{item_id!r} is not a valid id (lowercase letters, digits, '_', '-' and '.')"
        )
