"""The symbol and the words for each status, shared by every screen that shows one (the plan,
its dialogs, the catalog list and the entry detail), so status never rests on colour alone
and a symbol means the same thing everywhere."""

from __future__ import annotations

from mlroute.store import Status

STATUS_MARKS: dict[Status, str] = {"done": "✓", "in-progress": "◐", "todo": "○", "skipped": "–"}
"""The symbol drawn before a tracked item."""

STATUS_NAMES: dict[Status, str] = {
    "done": "done",
    "in-progress": "in progress",
    "todo": "to do",
    "skipped": "skipped",
}
"""Each status in words, lower case, for the middle of a sentence."""

LEGEND = "  ".join(f"{STATUS_MARKS[s]} {STATUS_NAMES[s]}" for s in STATUS_MARKS)
"""What the symbols mean, on one line."""
