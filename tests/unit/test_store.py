"""The progress store's values and file format: pure changes, undo/redo, migrations."""

from __future__ import annotations

import copy
import tomllib
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path

import pytest
from pydantic import ValidationError

from mlroute import store
from mlroute.store import CustomItem, ItemProgress, Progress
from mlroute.tomlfile import TomlFileError

FIXTURES = Path(__file__).parents[1] / "fixtures" / "progress"
T0 = datetime(2026, 3, 1, 9, 30, 15, 123456, tzinfo=UTC)


@pytest.fixture(autouse=True)
def _isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("DATA", "CONFIG", "CACHE"):
        monkeypatch.setenv(f"MLROUTE_{name}_DIR", str(tmp_path / name.lower()))


def at(minutes: int) -> datetime:
    return T0 + timedelta(minutes=minutes)


def state(progress: Progress) -> dict[str, object]:
    """What the user sees, without the undo and redo stacks."""
    return progress.model_dump(exclude={"history", "redo"})


# Pure changes ------------------------------------------------------------------------------


def test_untracked_items_are_todo() -> None:
    assert Progress().status("course-a") == "todo"
    assert Progress().item("course-a") == ItemProgress()


def test_set_status_records_date_note_and_history() -> None:
    progress = store.set_status(Progress(), "course-a", "done", note="hard", when=T0)
    item = progress.items["course-a"]
    assert (item.status, item.note) == ("done", "hard")
    assert item.changed == T0.replace(microsecond=0)
    assert [c.summary for c in progress.history] == ["course-a: done (note)"]
    assert progress.history[0].before.absent == ("items.course-a",)


def test_setting_the_same_status_is_not_a_change() -> None:
    progress = store.set_status(Progress(), "course-a", "done", when=T0)
    assert store.set_status(progress, "course-a", "done", when=at(1)) is progress
    assert store.set_status(Progress(), "course-a", "todo") == Progress()


def test_changes_that_change_nothing_are_not_recorded() -> None:
    progress = store.choose(Progress(), "courses", when=T0)
    assert store.choose(progress, "courses", when=at(1)) is progress
    assert store.reset(progress, ["never-tracked"], when=at(1)) is progress
    assert store.set_pace(progress, None, when=at(1)) is progress
    assert store.remove_custom_item(progress, "custom-none", when=at(1)) is progress


def test_a_note_keeps_status_and_date() -> None:
    progress = store.set_status(Progress(), "course-a", "done", when=T0)
    noted = store.set_note(progress, "course-a", "loved it", when=at(5))
    assert noted.items["course-a"] == ItemProgress(
        status="done", changed=T0.replace(microsecond=0), note="loved it"
    )
    assert store.set_note(Progress(), "course-b", "later").items["course-b"].changed is None
    cleared = store.set_note(store.set_note(Progress(), "course-b", "x"), "course-b", "")
    assert "course-b" not in cleared.items


def test_invalid_ids_and_text_are_refused() -> None:
    with pytest.raises(ValueError, match="not a valid id"):
        store.set_status(Progress(), "Course A", "done")
    with pytest.raises(ValidationError, match="UTF-8"):
        store.set_note(Progress(), "course-a", "bad \udcff")
    with pytest.raises(ValueError, match="1 to 80"):
        store.set_pace(Progress(), 0)
    with pytest.raises(ValueError, match="path"):
        store.choose(Progress(), "phd")  # type: ignore[arg-type]


def test_reset_is_one_undoable_change_that_keeps_notes() -> None:
    progress = Progress()
    for n, item_id in enumerate(("a", "b", "c")):
        progress = store.set_status(progress, item_id, "done", when=at(n))
    progress = store.set_note(progress, "b", "my notes", when=at(4))
    reset = store.reset(progress, ["a", "b", "not-tracked"], summary="reset stage one", when=at(5))
    assert reset.status("a") == "todo" and "a" not in reset.items
    assert reset.items["b"] == ItemProgress(note="my notes")
    assert reset.status("c") == "done"
    assert reset.history[-1].summary == "reset stage one"
    assert len(reset.history) == len(progress.history) + 1
    assert store.undo(reset).items == progress.items


def test_undo_and_redo_walk_several_steps() -> None:
    states = [Progress()]
    statuses: tuple[store.Status, ...] = ("in-progress", "done", "skipped")
    for n, status in enumerate(statuses):
        states.append(store.set_status(states[-1], "course-a", status, when=at(n)))
    progress = states[-1]
    for expected in reversed(states[:-1]):
        progress = store.undo(progress)
        assert progress.items == expected.items
    assert store.undo(progress) is progress
    assert not progress.can_undo and progress.can_redo
    for expected in states[1:]:
        progress = store.redo(progress)
        assert progress.items == expected.items
    assert store.redo(progress) is progress


def test_a_new_change_clears_redo() -> None:
    progress = store.set_status(Progress(), "a", "done", when=T0)
    undone = store.undo(progress)
    assert undone.can_redo
    assert not store.set_status(undone, "b", "done", when=at(1)).can_redo


def test_history_is_bounded() -> None:
    progress = Progress()
    for n in range(store.MAX_HISTORY + 5):
        progress = store.set_status(progress, f"item-{n}", "done", when=at(n))
    assert len(progress.history) == store.MAX_HISTORY
    assert progress.history[0].summary == "item-5: done"


def test_choices_and_pace_are_undoable() -> None:
    progress = store.choose(Progress(), "degree", "prog-a", when=T0)
    progress = store.set_pace(progress, 12, when=at(1))
    assert (progress.path, progress.program, progress.hours_per_week) == ("degree", "prog-a", 12)
    progress = store.choose(progress, "courses", when=at(2))
    assert (progress.path, progress.program) == ("courses", None)
    back = store.undo(progress)
    assert (back.path, back.program) == ("degree", "prog-a")
    assert state(store.undo(store.undo(back))) == state(Progress())


def test_custom_items_are_added_numbered_and_removed_with_their_progress() -> None:
    item = CustomItem(title="Kaggle: Titanic!", stage="stage-one", hours=10)
    first = store.custom_item_id(Progress(), item.title)
    assert first == "custom-kaggle-titanic"
    progress = store.add_custom_item(Progress(), first, item, when=T0)
    assert store.custom_item_id(progress, item.title) == "custom-kaggle-titanic-2"
    progress = store.set_status(progress, first, "done", when=at(1))
    removed = store.remove_custom_item(progress, first, when=at(2))
    assert first not in removed.custom_items and first not in removed.items
    assert state(store.undo(removed)) == state(progress)


def test_answers_are_saved_as_given_and_stay_out_of_history() -> None:
    progress = store.set_answer(Progress(), "years_experience", 3)
    progress = store.set_answer(progress, "foundations", {"python": 2, "calculus": 1})
    assert progress.answers == {"years_experience": 3, "foundations": {"python": 2, "calculus": 1}}
    assert not progress.history
    assert store.set_answer(progress, "years_experience", None).answers == {
        "foundations": {"python": 2, "calculus": 1}
    }
    assert store.set_answers(progress, {}).answers == {}
    with pytest.raises(ValueError, match="a list or table"):
        store.set_answer(progress, "x", {"deep": {"er": 1}})
    with pytest.raises(ValueError, match="finite"):
        store.set_answer(progress, "x", float("nan"))


def test_unknown_ids_are_reported_not_dropped() -> None:
    progress = store.set_status(Progress(), "gone", "done", when=T0)
    progress = store.set_status(progress, "course-a", "done", when=T0)
    custom = CustomItem(title="Mine")
    progress = store.add_custom_item(progress, "custom-mine", custom, when=T0)
    progress = store.set_status(progress, "custom-mine", "done", when=T0)
    assert store.unknown_ids(progress, {"course-a"}) == ("gone",)
    assert "gone" in progress.items


def test_replace_all_is_one_undoable_change() -> None:
    mine = store.set_status(Progress(), "a", "done", when=T0)
    mine = store.set_answer(mine, "budget", 5000)
    theirs = store.choose(store.set_status(Progress(), "b", "skipped", when=T0), "courses")
    replaced = store.replace_all(mine, theirs, summary="import x.toml", when=at(1))
    assert replaced.items == theirs.items and replaced.path == "courses"
    assert replaced.answers == {}
    assert replaced.history[:-1] == mine.history
    restored = store.undo(replaced)
    assert (restored.items, restored.answers, restored.path) == (mine.items, mine.answers, None)


# The file format ---------------------------------------------------------------------------


def full_progress() -> Progress:
    progress = store.choose(Progress(), "degree", "prog-a", when=T0)
    progress = store.set_pace(progress, 9, when=at(1))
    progress = store.set_answers(progress, {"budget_usd": 9000.5, "foundations": {"python": 3}})
    progress = store.set_status(
        progress, "project-x.data", "in-progress", note='a "q"\n', when=at(2)
    )
    progress = store.add_custom_item(progress, "custom-x", CustomItem(title="X"), when=at(3))
    progress = store.set_status(progress, "legacy", "done", when=at(4))
    return store.undo(progress)


def test_dumps_round_trips() -> None:
    progress = full_progress()
    text = store.dumps(progress)
    assert text.startswith("# mlroute progress")
    loaded, version = store.parse_progress(text.encode(), "x")
    assert version == store.SCHEMA_VERSION
    assert loaded == progress


def test_the_document_is_plain_and_sorted() -> None:
    progress = store.set_status(Progress(), "b", "done", when=T0)
    progress = store.set_status(progress, "a", "skipped", when=T0)
    data = tomllib.loads(store.dumps(progress))
    assert list(data["items"]) == ["a", "b"]
    assert data["items"]["a"] == {"status": "skipped", "changed": T0.replace(microsecond=0)}


def test_a_hand_written_local_time_gets_an_offset() -> None:
    text = b'schema_version = 1\n[items.a]\nstatus = "done"\nchanged = 2026-01-05T10:00:00\n'
    changed = store.parse_progress(text, "x")[0].items["a"].changed
    assert isinstance(changed, datetime) and changed.tzinfo is not None
    odd = datetime(2026, 1, 1, tzinfo=timezone(timedelta(seconds=30)))
    assert ItemProgress(changed=odd).changed == odd
    assert ItemProgress(changed=odd).changed.utcoffset() == timedelta(0)  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (b"", "file is empty"),
        (b"items = 1\n", "schema_version: required field is missing"),
        (b'schema_version = "1"\n', "schema_version: must be a whole number"),
        (b'schema_version = 1\nhours_per_week = "8"\n', "x:2: hours_per_week:"),
        (b'schema_version = 1\n[items.a]\nstatus = "finished"\n', "x:3: items.a.status:"),
        (b'schema_version = 1\n[items.a]\nchanged = "2026-01-01"\n', "x:3: items.a.changed:"),
        (b"schema_version = 1\nsurprise = true\n", "x:2: surprise: unknown field"),
    ],
)
def test_invalid_files_are_located(text: bytes, expected: str) -> None:
    with pytest.raises(TomlFileError) as raised:
        store.parse_progress(text, "x")
    assert expected in str(raised.value)


def test_a_newer_file_is_refused() -> None:
    with pytest.raises(store.NewerSchemaError) as raised:
        store.parse_progress((FIXTURES / "newer.toml").read_bytes(), "newer.toml")
    assert raised.value.version == 99
    assert "newer mlroute" in str(raised.value)


# Migrations --------------------------------------------------------------------------------


def test_every_past_version_has_a_golden_fixture() -> None:
    assert len(store.MIGRATIONS) == store.SCHEMA_VERSION
    for version in range(store.SCHEMA_VERSION):
        assert (FIXTURES / f"v{version}.toml").is_file(), f"add tests/fixtures/progress/v{version}"
        assert (FIXTURES / f"v{version}.expected.toml").is_file()


@pytest.mark.parametrize("version", range(store.SCHEMA_VERSION))
def test_migration_matches_its_golden_file(version: int) -> None:
    raw = (FIXTURES / f"v{version}.toml").read_bytes()
    progress, found = store.parse_progress(raw, f"v{version}.toml")
    assert found == version
    assert store.dumps(progress) == (FIXTURES / f"v{version}.expected.toml").read_text()


def test_v0_migration_keeps_every_item() -> None:
    progress, _ = store.parse_progress((FIXTURES / "v0.toml").read_bytes(), "v0.toml")
    assert progress.items["course-a"] == ItemProgress(status="done", changed=date(2026, 1, 5))
    assert progress.items["course-b"].note == "Halfway through week 3"
    assert progress.items["legacy-course"].status == "skipped"
    assert progress.items["linear_algebra"] == ItemProgress(note="Refresh eigenvalues")
    assert (progress.path, progress.hours_per_week) == ("courses", 8)


def test_migrations_are_pure() -> None:
    data = tomllib.loads((FIXTURES / "v0.toml").read_text())
    before = copy.deepcopy(data)
    first = store.migrate(data, 0)
    assert data == before
    assert store.migrate(data, 0) == first
    assert store.migrate(first, store.SCHEMA_VERSION) == first


def test_a_v0_file_with_odd_tables_reports_them_instead_of_crashing() -> None:
    raw = b'schema_version = 0\ndone = ["a"]\nnotes = 3\n'
    with pytest.raises(TomlFileError) as raised:
        store.parse_progress(raw, "old.toml")
    assert "done: unknown field" in str(raised.value)
    assert "notes: unknown field" in str(raised.value)


def test_undoing_an_answers_change_leaves_the_answers_given_since() -> None:
    """An answer kept as one undoable change (it set work aside), then more answers (not in
    the history): undo takes back only what that change touched, redo puts only it back."""
    given = {
        "goal": "ml-engineering",
        "budget_usd": 3000,
        "foundations": {"calculus": 1, "python": 3},
    }
    progress = store.set_answers(Progress(), given)
    changed = {**given, "foundations": {"calculus": 3, "python": 3}}
    progress = store.replace_answers(progress, changed, summary="answer: foundations.calculus")
    later = {**changed, "budget_usd": 20000, "foundations": {"calculus": 3, "python": 2}}
    progress = store.set_answers(progress, later)

    undone = store.undo(progress)
    assert undone.answers == {**later, "foundations": {"calculus": 1, "python": 2}}
    redone = store.redo(undone)
    assert redone.answers == later
    # With nothing given since, undo is exact, as before.
    alone = store.replace_answers(store.set_answers(Progress(), given), changed, summary="s")
    assert store.undo(alone).answers == given
