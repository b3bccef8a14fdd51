"""One pace: the plan's hours a week and the questionnaire's hours answer are one setting."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from mlroute import store
from mlroute.session import saved_answers
from mlroute.store import Progress

T0 = datetime(2026, 3, 1, 9, 30, tzinfo=UTC)


def answered(hours: int) -> Progress:
    return store.set_answers(Progress(), {"hours_per_week": hours, "goal": "research"})


def test_setting_the_pace_sets_the_hours_answer_in_the_same_undoable_change() -> None:
    paced = store.set_pace(answered(10), 6, when=T0)
    assert (paced.hours_per_week, paced.answers["hours_per_week"]) == (6, 6)
    assert paced.answers["goal"] == "research"
    assert len(paced.history) == 1
    back = store.undo(paced)
    assert (back.hours_per_week, back.answers["hours_per_week"]) == (None, 10)
    assert store.redo(back).answers["hours_per_week"] == 6


def test_a_new_hours_answer_moves_the_plans_pace() -> None:
    paced = store.set_pace(answered(10), 6, when=T0)
    assert store.set_answers(paced, {"hours_per_week": 12}).hours_per_week == 12
    assert store.set_answer(paced, "hours_per_week", 15).hours_per_week == 15
    loaded = store.replace_answers(paced, {"hours_per_week": 20}, summary="load", when=T0)
    assert loaded.hours_per_week == 20
    assert store.undo(loaded).hours_per_week == 6
    # Other answers leave the pace alone.
    assert store.set_answers(paced, {**paced.answers, "goal": "data-science"}).hours_per_week == 6


def test_the_pace_has_the_questionnaires_limits() -> None:
    with pytest.raises(ValueError, match="1 to 80"):
        store.set_pace(Progress(), 100)


def test_a_file_whose_two_paces_drifted_reads_the_plans_for_both() -> None:
    drifted = answered(10).model_copy(update={"hours_per_week": 4})
    assert saved_answers(drifted)["hours_per_week"] == 4
