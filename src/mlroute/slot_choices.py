"""The user's own picks among a plan's alternatives (slot id -> course id), kept in progress.

They live in the progress file's `slots` table and change through `store.choose_slot`, one
undoable change like a status (`u` on the Plan screen takes a swap back). Files from before
kept them in the answers under `plan_slots`; the store reads them from there. Pure, headless.
"""

from __future__ import annotations

from mlroute.store import Progress, choose_slot


def slot_choices(progress: Progress) -> dict[str, str]:
    """The course the user chose for each slot, by slot id; {} when none."""
    return dict(progress.slots)


def choose_option(progress: Progress, slot: str, course: str | None) -> Progress:
    """Choose `course` for `slot` (None forgets the choice: the plan picks again), as one
    undoable change. Progress on every course is kept, whichever option fills the slot."""
    return choose_slot(progress, slot, course)
