"""The progress file's TOML: `dumps` writes it; `parse_progress` reads, migrates and checks it.

The writer is hand-written rather than tomli_w's: the layout is fixed (a header, the scalars,
the answers, one line per item, one table per change), so it writes the text directly, and it
remembers the line of each item and change for the next save, which usually changes just one.
A save of 1,000 items costs a fraction of a `tomli_w.dumps` (see benchmarks/store.py). The tests
read what it writes with tomllib, and check that it reads the same as tomli_w's rendering.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping
from datetime import date
from typing import Any

from pydantic import (
    ValidationError,
)

from mlroute.bulk import gc_paused
from mlroute.store.changes import _SCALARS
from mlroute.store.migrations import NewerSchemaError, migrate
from mlroute.store.progress import (
    SCHEMA_VERSION,
    Change,
    CustomItem,
    ItemProgress,
    Progress,
    Snapshot,
)
from mlroute.tomlfile import Problem, TomlFileError, decode, parse, validation_problems

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
    if snapshot.slots:
        doc["slots"] = dict(snapshot.slots)
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
    if progress.slots:
        doc["slots"] = dict(sorted(progress.slots.items()))
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
        if progress.slots:
            _table(lines, "slots", dict(sorted(progress.slots.items())))
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
