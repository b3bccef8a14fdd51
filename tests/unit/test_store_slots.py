"""Slot choices in the store: their own `slots` table, undoable, merged, and read from the
answers where older files kept them."""

from __future__ import annotations

import tomllib
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from mlroute import store
from mlroute.store import Progress, ProgressStore

T0 = datetime(2026, 3, 1, 9, 30, tzinfo=UTC)


def at(minutes: int) -> datetime:
    return T0 + timedelta(minutes=minutes)


def test_a_slot_choice_is_an_undoable_change() -> None:
    start = store.set_status(Progress(path="courses"), "calc-a", "done", when=at(0))
    chosen = store.choose_slot(start, "calculus", "calc-b", when=at(1))
    assert chosen.slots == {"calculus": "calc-b"}
    assert chosen.history[-1].summary == "swap calculus: calc-b"
    assert chosen.status("calc-a") == "done"
    assert "plan_slots" not in chosen.answers
    # The same choice again changes nothing and records nothing.
    assert store.choose_slot(chosen, "calculus", "calc-b") is chosen
    again = store.choose_slot(chosen, "calculus", "calc-c", when=at(2))
    assert store.undo(again).slots == {"calculus": "calc-b"}
    assert store.undo(store.undo(again)).slots == {}
    assert store.undo(store.undo(again)).status("calc-a") == "done"
    assert store.redo(store.undo(again)) == again.model_copy(update={"redo": ()})
    forgotten = store.choose_slot(again, "calculus", None, when=at(3))
    assert forgotten.slots == {}
    assert store.undo(forgotten).slots == {"calculus": "calc-c"}


def test_a_slot_choice_refuses_a_bad_id() -> None:
    with pytest.raises(ValueError, match="not a valid id"):
        store.choose_slot(Progress(), "Calculus!", "calc-b")


def test_slots_are_written_in_their_own_table_and_read_back(tmp_path: Path) -> None:
    progress = store.choose_slot(Progress(path="courses"), "calculus", "calc-b", when=at(0))
    progress = store.choose_slot(progress, "algebra", "la-a", when=at(1))
    text = store.dumps(progress)
    data = tomllib.loads(text)
    assert data["slots"] == {"algebra": "la-a", "calculus": "calc-b"}
    assert "answers" not in data
    assert data["history"][0]["after"]["slots"] == {"calculus": "calc-b"}
    assert data["history"][0]["before"]["absent"] == ["slots.calculus"]
    assert store.parse_progress(text.encode(), "p.toml")[0] == progress
    assert store.to_document(progress)["slots"] == data["slots"]
    # Undo works in a new process too: the history holds the change.
    path = tmp_path / "progress.toml"
    ProgressStore(path).save(progress)
    loaded = ProgressStore(path).load().progress
    assert store.undo(loaded).slots == {"calculus": "calc-b"}


def test_an_older_file_with_choices_in_the_answers_is_read_into_slots(tmp_path: Path) -> None:
    path = tmp_path / "progress.toml"
    path.write_text(
        'schema_version = 1\npath = "courses"\n\n[answers]\nhours_per_week = 10\n\n'
        '[answers.plan_slots]\ncalculus = "calc-b"\n',
        encoding="utf-8",
    )
    progress_store = ProgressStore(path)
    progress = progress_store.load().progress
    assert progress.slots == {"calculus": "calc-b"}
    assert progress.answers == {"hours_per_week": 10}
    # Undoing the first new change does not lose the choice the file already had.
    changed = store.choose_slot(progress, "calculus", "calc-a")
    assert store.undo(changed).slots == {"calculus": "calc-b"}
    progress_store.save(changed)
    saved = tomllib.loads(path.read_text(encoding="utf-8"))
    assert saved["slots"] == {"calculus": "calc-a"}
    assert "plan_slots" not in saved["answers"]


def test_two_instances_choosing_different_slots_both_keep_theirs(tmp_path: Path) -> None:
    path = tmp_path / "progress.toml"
    first, second = ProgressStore(path), ProgressStore(path)
    base = first.load().progress
    second.load()
    first.save(store.choose_slot(base, "calculus", "calc-b", when=at(0)))
    result = second.save(store.choose_slot(base, "algebra", "la-a", when=at(1)))
    assert result.progress.slots == {"algebra": "la-a", "calculus": "calc-b"}


def test_replace_all_takes_the_other_files_slots_as_one_change() -> None:
    mine = store.choose_slot(Progress(), "calculus", "calc-b", when=at(0))
    other = store.choose_slot(Progress(), "algebra", "la-a", when=at(1))
    replaced = store.replace_all(mine, other, summary="import", when=at(2))
    assert replaced.slots == {"algebra": "la-a"}
    assert store.undo(replaced).slots == {"calculus": "calc-b"}
