"""The progress file's older formats, and the pure steps that bring each to the current one.

A newer format than this mlroute reads is refused, never guessed at.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from mlroute.store.progress import SCHEMA_VERSION
from mlroute.tomlfile import Problem, TomlFileError


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
