"""The user's own picks among a plan's alternatives (slot id -> course id), kept in progress.

The progress store has no table of its own for them yet, so they live in the saved answers
under `SLOTS_KEY`, a table the questionnaire ignores (it reads only its questions' keys). That
way they are saved, merged between instances, exported and imported with the rest of the
progress. Only this module knows where they are: moving them to a table of their own in the
store changes these three functions and nothing else. Pure and headless.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from mlroute.store import Progress, set_answer

SLOTS_KEY = "plan_slots"
"""The answers key holding the choices (not a question's field, so the questionnaire, the
answers file and the advisor never see it)."""


def slot_choices(progress: Progress) -> dict[str, str]:
    """The course the user chose for each slot, by slot id; {} when none."""
    table = progress.answers.get(SLOTS_KEY)
    if not isinstance(table, dict):
        return {}
    return {k: v for k, v in table.items() if isinstance(k, str) and isinstance(v, str)}


def choose_option(progress: Progress, slot: str, course: str | None) -> Progress:
    """Choose `course` for `slot` (None forgets the choice: the plan picks again). Progress on
    every course is kept, whichever option fills the slot."""
    choices = slot_choices(progress)
    if course is None:
        if slot not in choices:
            return progress
        choices.pop(slot)
    elif choices.get(slot) == course:
        return progress
    else:
        choices[slot] = course
    return set_answer(progress, SLOTS_KEY, dict(sorted(choices.items())) or None)


def with_choices(progress: Progress, answers: Mapping[str, Any]) -> dict[str, Any]:
    """`answers` (to be saved in place of the current ones) with the current choices kept:
    replacing the questionnaire's answers must not forget which options the user chose."""
    kept = dict(answers)
    choices = slot_choices(progress)
    if choices and SLOTS_KEY not in kept:
        kept[SLOTS_KEY] = choices
    return kept
