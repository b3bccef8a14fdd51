"""The three-way merge of this instance's progress with a file another instance saved.

Keys only one side changed are taken from it; keys both changed, differently, are conflicts.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Literal

from mlroute.store.progress import MAX_HISTORY, SCHEMA_VERSION, Change, Progress

ConflictPolicy = Literal["raise", "mine", "theirs"]
"""What `save` does when another instance changed the same thing: fail, or keep one side."""


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
        slots = self.table("slots.", b1.slots, b2.slots, m.slots, t.slots)
        return Progress.model_construct(
            schema_version=SCHEMA_VERSION,
            answers=answers,
            items=items,
            custom_items=custom,
            slots=slots,
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
