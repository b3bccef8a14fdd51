"""Properties of the progress store: any valid progress round-trips; set/undo/export/import."""

from __future__ import annotations

import shutil
import tempfile
import tomllib
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
import tomli_w
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    initialize,
    invariant,
    precondition,
    rule,
)

from mlroute import store
from mlroute.store import CustomItem, ItemProgress, Progress, ProgressStore


@pytest.fixture(autouse=True)
def _isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("DATA", "CONFIG", "CACHE"):
        monkeypatch.setenv(f"MLROUTE_{name}_DIR", str(tmp_path / name.lower()))


ids = st.from_regex(r"[a-z0-9][a-z0-9_.-]{0,15}", fullmatch=True)
text = st.text(st.characters(exclude_categories=["Cs"]), max_size=30)
offsets = st.integers(-14 * 60, 14 * 60).map(lambda m: timezone(timedelta(minutes=m)))
datetimes = st.datetimes(
    min_value=datetime(1970, 1, 2), max_value=datetime(2200, 1, 1), timezones=offsets
)
whens = st.none() | st.dates() | datetimes
scalars = (
    st.booleans()
    | st.integers(-(2**63), 2**63 - 1)
    | st.floats(allow_nan=False, allow_infinity=False)
    | text
    | st.dates()
)
answers = st.dictionaries(
    text,
    scalars | st.lists(scalars, max_size=3) | st.dictionaries(text, scalars, max_size=3),
    max_size=5,
)
items = st.builds(ItemProgress, status=st.sampled_from(store.STATUSES), changed=whens, note=text)
customs = st.builds(
    CustomItem,
    title=text.filter(bool),
    stage=st.text(max_size=10),
    hours=st.integers(0, 100_000),
)


@st.composite
def progresses(draw: st.DrawFn) -> Progress:
    """A valid progress, with a history made by real changes (some undone)."""
    progress = Progress(
        path=draw(st.none() | st.sampled_from(["degree", "courses"])),
        program=draw(st.none() | ids),
        hours_per_week=draw(st.none() | st.integers(1, 168)),
        answers=draw(answers),
        items=draw(st.dictionaries(ids, items, max_size=8)),
        custom_items=draw(st.dictionaries(ids, customs, max_size=3)),
    )
    for _ in range(draw(st.integers(0, 6))):
        item_id, when = draw(ids), draw(datetimes)
        match draw(st.sampled_from(["status", "note", "reset", "undo"])):
            case "status":
                status = draw(st.sampled_from(store.STATUSES))
                progress = store.set_status(progress, item_id, status, when=when)
            case "note":
                progress = store.set_note(progress, item_id, draw(text), when=when)
            case "reset":
                progress = store.reset(progress, list(progress.items)[:3], when=when)
            case _:
                progress = store.undo(progress)
    for _ in range(draw(st.integers(0, 2))):
        progress = store.undo(progress)  # leaves something to redo
    return progress


def hard_case() -> Progress:
    """What random generation reaches only sometimes: every kind of change, undone and not."""
    when = datetime(2026, 5, 1, 12, 0, 0, 250, tzinfo=timezone(timedelta(hours=-7)))
    progress = Progress(answers={"years": 2, "foundations": {"python": 3}, "w\u00e9ird key": [1.5]})
    progress = store.set_status(progress, "a", "done", note='say "hi"\n\x7f', when=when)
    progress = store.set_status(progress, "old", "skipped", when=when)
    progress = progress.model_copy(
        update={"items": {**progress.items, "dated": ItemProgress(changed=date(2025, 1, 2))}}
    )
    progress = store.reset(progress, ["a", "old"], when=when)
    progress = store.choose(progress, "degree", "prog-a", when=when)
    progress = store.set_pace(progress, 7, when=when)
    progress = store.add_custom_item(progress, "custom-x", CustomItem(title="X", hours=3))
    return store.undo(store.undo(progress))


@settings(max_examples=100, deadline=None)
@given(progresses())
@example(hard_case())
def test_any_valid_progress_round_trips_through_the_file_format(progress: Progress) -> None:
    loaded, version = store.parse_progress(store.dumps(progress).encode(), "x")
    assert version == store.SCHEMA_VERSION
    assert loaded == progress


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(progresses())
@example(hard_case())
def test_any_valid_progress_round_trips_through_the_store(
    tmp_path: Path, progress: Progress
) -> None:
    path = Path(tempfile.mkdtemp(dir=tmp_path)) / "progress.toml"  # fresh for each example
    ProgressStore(path).save(progress)
    loaded, report = ProgressStore(path).load()
    assert report.outcome is store.LoadOutcome.LOADED
    assert loaded == progress


@settings(max_examples=100, deadline=None)
@given(progresses())
@example(hard_case())
def test_the_hand_written_file_reads_as_tomli_w_would_write_it(progress: Progress) -> None:
    """The store writes its TOML by hand, for speed: tomllib must read it to exactly the data
    that tomli_w's rendering of the same document reads to."""
    by_hand = tomllib.loads(store.dumps(progress))
    by_tomli_w = tomllib.loads(tomli_w.dumps(store.to_document(progress)))
    assert by_hand == by_tomli_w


STATUS = st.sampled_from(store.STATUSES)
ITEM = st.sampled_from(["a", "b", "c.1", "d"])


class StoreMachine(RuleBasedStateMachine):
    """Set statuses, undo, redo, save, reload, export and import against a simple model.

    The model is the list of item tables the user has seen, plus the undone ones: undo must
    give back exactly the previous table, whatever went through the file in between.
    """

    def __init__(self) -> None:
        super().__init__()
        self.dir = Path(tempfile.mkdtemp(prefix="mlroute-store-"))
        self.path = self.dir / "data" / "progress.toml"
        self.store = ProgressStore(self.path)
        self.progress = self.store.load().progress
        self.clock = datetime(2026, 1, 1, tzinfo=UTC)
        self.done: list[dict[str, Any]] = [{}]
        self.undone: list[dict[str, Any]] = []

    def tick(self) -> datetime:
        self.clock += timedelta(seconds=1)
        return self.clock

    def record(self, before: Progress) -> None:
        if self.progress is not before:
            self.done.append(dict(self.progress.items))
            self.undone.clear()

    @initialize()
    def start(self) -> None:
        assert self.progress == Progress()

    @rule(item=ITEM, status=STATUS, note=st.none() | st.sampled_from(["", "n1", "n\n2"]))
    def set(self, item: str, status: store.Status, note: str | None) -> None:
        before = self.progress
        self.progress = store.set_status(before, item, status, note=note, when=self.tick())
        self.record(before)

    @rule()
    def reset_all(self) -> None:
        before = self.progress
        self.progress = store.reset(before, list(before.items), when=self.tick())
        self.record(before)

    @precondition(lambda self: len(self.done) > 1)
    @rule()
    def undo(self) -> None:
        self.progress = store.undo(self.progress)
        self.undone.append(self.done.pop())

    @precondition(lambda self: bool(self.undone))
    @rule()
    def redo(self) -> None:
        self.progress = store.redo(self.progress)
        self.done.append(self.undone.pop())

    @rule()
    def save(self) -> None:
        self.store.save(self.progress)

    @rule()
    def restart(self) -> None:
        """Save, then start a new instance: everything, including undo, survives."""
        self.store.save(self.progress)
        self.store = ProgressStore(self.path)
        loaded = self.store.load().progress
        assert loaded == self.progress
        self.progress = loaded

    @rule(target_items=st.dictionaries(ITEM, STATUS, max_size=3))
    def export_and_import(self, target_items: dict[str, store.Status]) -> None:
        """Export what we have, import another backup, then undo the import."""
        backup = self.dir / "mine.toml"
        self.store.export(self.progress, backup)
        assert store.read_progress_file(backup) == self.progress
        other = Progress()
        for item, status in target_items.items():
            other = store.set_status(other, item, status, when=self.tick())
        other_file = self.dir / "other.toml"
        self.store.export(other, other_file)
        before = self.progress
        result, _ = self.store.import_file(other_file, before)
        self.progress = result.progress
        assert self.progress.items == other.items
        self.record(before)

    @invariant()
    def items_match_the_model(self) -> None:
        assert self.progress.items == self.done[-1]
        assert self.progress.can_undo == (len(self.done) > 1)
        assert self.progress.can_redo == bool(self.undone)

    def teardown(self) -> None:
        shutil.rmtree(self.dir, ignore_errors=True)


StoreMachine.TestCase.settings = settings(max_examples=30, stateful_step_count=25, deadline=None)
test_set_undo_export_import = StoreMachine.TestCase
