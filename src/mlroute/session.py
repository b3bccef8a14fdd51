"""What the TUI works on: the catalog, the scoring weights and the user's progress, loaded once.

Headless (no Textual): the app loads a Session in a thread worker after the first paint and
hands it to its screens. A change is applied in memory at once (`update`, cheap, on the event
loop) and written by `flush` from a thread worker; a write that fails keeps the change in
memory and returns a message saying so.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from mlroute.atomic import write_atomic
from mlroute.catalog import CatalogLoad, load_catalog
from mlroute.catalog.models import Catalog, Course
from mlroute.questions import BY_FIELD, QUESTIONS, Value, flatten, nest
from mlroute.store import (
    Change,
    CustomItem,
    LoadOutcome,
    LoadReport,
    Progress,
    ProgressStore,
    Status,
    StoreError,
    add_custom_item,
    clear_answers,
    replace_answers,
    set_answers,
    set_status,
    undo,
)
from mlroute.tomlfile import TomlFileError

if TYPE_CHECKING:
    from mlroute.answers import Answers
    from mlroute.scoring import Weights
    from mlroute.timeline import TrackedItem, TrackedPlan

Severity = Literal["information", "warning", "error"]


@dataclass(frozen=True)
class Notice:
    """Something the user should be told once the session has loaded."""

    title: str
    """A short heading."""
    text: str
    """The message, naming files where it is about one."""
    severity: Severity = "information"
    """How loud to say it."""


class Session:
    """The loaded catalog, weights and progress, shared by every screen."""

    def __init__(
        self,
        catalog_load: CatalogLoad,
        weights: Weights,
        store: ProgressStore,
        progress: Progress,
        report: LoadReport | None = None,
        messages: tuple[Notice, ...] = (),
    ) -> None:
        self.catalog_load = catalog_load
        """The catalog as loaded, with any overlay warnings."""
        self.weights = weights
        """The scoring weights."""
        self.store = store
        """The progress store (thread-safe)."""
        self.progress = progress
        """The progress as the user sees it: every change, saved or not yet."""
        self.report = report
        """What loading the progress file found."""
        self.messages = messages
        """Notices for the user about loading (overlay skipped, progress quarantined...)."""
        self.unsaved: str | None = None
        """Why the latest changes are not on disk, or None when they are."""
        self._lock = threading.Lock()
        self._plan: tuple[Progress, TrackedPlan | None] | None = None

    @property
    def catalog(self) -> Catalog:
        """The catalog in use."""
        return self.catalog_load.catalog

    # Reading ---------------------------------------------------------------------------------

    def saved_answers(self) -> dict[str, Value]:
        """The questionnaire answers saved so far, flat (dotted foundations).

        Values a question does not allow (a hand-edited file, an older version's choices)
        are left out, so the user is simply asked those questions again.
        """
        return saved_answers(self.progress)

    def answers(self) -> Answers | None:
        """The saved answers as a validated model, or None while incomplete or invalid."""
        return answers_of(self.progress)

    def status_of(self, item_id: str) -> Status | None:
        """An item's status, or None when the user has never tracked it."""
        item = self.progress.items.get(item_id)
        return None if item is None else item.status

    def plan(self) -> TrackedPlan | None:
        """The plan the user tracks, built by the same function as the Plan screen and
        `progress show` (`timeline.tracked_plan`); None with no path or answers yet. Built
        again only when the progress has changed."""
        progress = self.progress
        if self._plan is not None and self._plan[0] is progress:
            return self._plan[1]
        from mlroute.timeline import tracked_plan

        answers = answers_of(progress)
        plan = None
        if progress.path is not None and answers is not None:
            try:
                plan = tracked_plan(self.catalog, progress, answers)
            except ValueError:  # the chosen program left the catalog: no plan to hold it
                plan = None
        self._plan = (progress, plan)
        return plan

    def sets_aside(self, change: Callable[[Progress], Progress]) -> tuple[TrackedItem, ...]:
        """The items the user worked on that the plan would stop needing if `change` were
        made (see `timeline.set_aside`); nothing is changed. Empty with no plan yet."""
        from mlroute.timeline import set_aside, tracked_plan

        before = self.plan()
        if before is None:
            return ()
        after_progress = change(self.progress)
        answers = answers_of(after_progress)
        after = None
        if after_progress.path is not None and answers is not None:
            try:
                after = tracked_plan(self.catalog, after_progress, answers)
            except ValueError:
                after = None
        return set_aside(before, after, self.progress)

    def plan_status(self, item_id: str) -> Status | None:
        """An item's status as the plan sees it: its tracked status, `todo` for an item the
        plan holds that the user has not touched, None for one the plan does not hold."""
        status = self.status_of(item_id)
        if status is not None:
            return status
        plan = self.plan()
        return "todo" if plan is not None and item_id in plan.by_id else None

    # Changing --------------------------------------------------------------------------------

    def update(self, change: Callable[[Progress], Progress]) -> Progress:
        """Apply a pure change in memory and queue it for saving; returns the new progress.

        Cheap: call it on the event loop, then `flush` from a thread worker.
        """
        with self._lock:
            self.progress = change(self.progress)
            self.store.submit(self.progress)
            return self.progress

    def flush(self) -> str | None:
        """Write the queued progress. Blocking: call it from a thread worker.

        Returns None, or what went wrong in words (the change stays in memory, queued).
        """
        flushed = self.progress
        try:
            result = self.store.flush(on_conflict="mine")
        except StoreError as error:
            self.unsaved = str(error)
            return self.unsaved
        self.unsaved = None
        if result is None:
            return None
        with self._lock:
            # Take in another instance's changes, unless the user has changed more since
            # (then the next save merges them again).
            if result.merged and self.progress is flushed:
                self.progress = result.progress
        return " ".join(result.messages) or None

    # Changes the screens make: in memory at once, on the event loop; then `flush`.

    def stage_answers(self, answers: dict[str, Value], undoable: str = "") -> None:
        """Replace the questionnaire answers (flat) in memory and queue them for saving; as
        one undoable change named `undoable` when given (a load, an answer that sets work
        aside), else outside the undo history, as answering a question is."""
        stored = _stored(answers)
        if undoable:
            self.update(lambda progress: replace_answers(progress, stored, summary=undoable))
        else:
            self.update(lambda progress: set_answers(progress, stored))

    def answers_set_aside(self, answers: dict[str, Value]) -> tuple[TrackedItem, ...]:
        """What `sets_aside` says of making `answers` (flat) the saved answers."""
        stored = _stored(answers)
        return self.sets_aside(lambda progress: set_answers(progress, stored))

    def start_over(self) -> None:
        """Clear the answers and the pace in memory, as one undoable change, and queue it."""
        self.update(clear_answers)

    def undo_answers(self) -> bool:
        """Undo the last change if it replaced the answers (a load, or an answer the user
        confirmed would set work aside); False when it did not."""
        history = self.progress.history
        if not history or not _answers_only(history[-1]):
            return False
        self.update(undo)
        return True

    def set_status(self, item_id: str, status: Status) -> None:
        """Set an item's status in memory and queue it for saving."""
        self.update(lambda progress: set_status(progress, item_id, status))

    def add_to_plan(self, item_id: str) -> str | None:
        """Add a catalog course to the plan as the user's own item, in memory and queued.

        Returns why it cannot be added, or None.
        """
        course = self.catalog.by_id.get(item_id)
        if not isinstance(course, Course):
            return f"{item_id} is not a course; only courses can be added to the plan."
        plan = self.plan()
        if plan is not None and item_id in plan.by_id:
            stage = plan.stages[plan.stage_index[item_id]].title
            return f"Already in your plan, in “{stage}”: nothing added."
        item = CustomItem(title=course.title, stage=course.stage, hours=round(course.hours.mid))
        self.update(lambda progress: add_custom_item(progress, item_id, item))
        return None


def _answers_only(change: Change) -> bool:
    """True for a change of the answers alone (with the pace that follows the hours): not a
    pace set on the Plan, nor an import of a whole backup, which the Plan's undo takes back."""
    return all(
        snapshot.answers is not None
        and not (snapshot.items or snapshot.custom_items or snapshot.slots)
        and snapshot.path is None
        and snapshot.program is None
        and set(snapshot.absent) <= {"hours_per_week"}
        for snapshot in (change.before, change.after)
    )


def _stored(answers: dict[str, Value]) -> dict[str, object]:
    """Flat answers as the progress file keeps them: nested, without the file's version."""
    stored = nest(answers)
    stored.pop("schema_version")
    return stored


def saved_answers(progress: Progress) -> dict[str, Value]:
    """A progress file's questionnaire answers, flat (dotted foundations).

    Values a question does not allow (a hand-edited file, an older version's choices) are left
    out, so the user is simply asked those questions again.
    """
    flat = flatten(dict(progress.answers))
    pace = progress.hours_per_week
    if pace is not None and BY_FIELD["hours_per_week"].check(pace) is None:
        # One pace: a file from before the two were kept equal reads the plan's for both.
        flat["hours_per_week"] = pace
    return {key: value for key, value in flat.items() if BY_FIELD[key].check(value) is None}


def answer_problems(progress: Progress) -> list[str]:
    """Saved answers a question does not allow, each as `field: what is wrong` (e.g. a budget
    over the questionnaire's limit written by hand or by an older version)."""
    flat = flatten(dict(progress.answers))
    return [
        f"{key}: {problem}"
        for key, value in flat.items()
        if (problem := BY_FIELD[key].check(value)) is not None
    ]


def answers_of(progress: Progress) -> Answers | None:
    """A progress file's answers as a validated model, or None while incomplete or invalid
    (the Plan screen and `mlroute progress show` build the plan from these)."""
    from pydantic import ValidationError

    from mlroute.answers import Answers

    flat = saved_answers(progress)
    if any(q.field not in flat for q in QUESTIONS):
        return None
    try:
        return Answers.model_validate(nest(flat))
    except ValidationError:
        return None


def _progress_notices(report: LoadReport) -> list[Notice]:
    if report.ok:
        return []
    severity: Severity = "information"
    if report.outcome in (LoadOutcome.RESTORED, LoadOutcome.STARTED_EMPTY):
        severity = "warning"
    elif not report.saving:
        severity = "error"
    title = {
        LoadOutcome.MIGRATED: "Your progress file was updated",
        LoadOutcome.RESTORED: "Your progress file was damaged",
        LoadOutcome.STARTED_EMPTY: "Your progress file was damaged",
    }.get(report.outcome, "About your progress file")
    text = " ".join(report.messages) or f"{report.path}: {report.outcome}"
    if not report.saving:
        text += " Changes will not be saved this session."
    return [Notice(title, text, severity)]


def load_session(
    *,
    progress_path: Path | None = None,
    catalog_loader: Callable[[], CatalogLoad] = load_catalog,
) -> Session:
    """Load everything the app needs. Blocking: run it in a thread worker."""
    from mlroute.scoring import load_weights

    catalog_load = catalog_loader()
    messages: list[Notice] = []
    if catalog_load.warnings:
        problems = "\n".join(str(problem) for problem in catalog_load.warnings[:5])
        messages.append(Notice("Your overlay catalog was not used", problems, "warning"))
    store = ProgressStore(progress_path)
    loaded = store.load()
    messages += _progress_notices(loaded.report)
    return Session(
        catalog_load, load_weights(), store, loaded.progress, loaded.report, tuple(messages)
    )


def read_answers_file(path: Path) -> tuple[dict[str, Value], str | None]:
    """Read an answers file into flat answers, or return its problems as one message.

    All or nothing: a file with any answer the questionnaire would refuse is refused whole,
    naming the field, so the app never holds half of it."""
    from mlroute.answers import flat, load_answers

    try:
        answers = flat(load_answers(path))
    except TomlFileError as error:
        return {}, "\n".join(str(problem) for problem in error.problems[:6])
    problems = [
        f"{path}: {key}: {problem}"
        for key, value in answers.items()
        if (problem := BY_FIELD[key].check(value)) is not None
    ]
    if problems:
        return {}, "\n".join(problems[:6])
    return answers, None


def write_answers_file(path: Path, answers: dict[str, Value]) -> str | None:
    """Write complete answers to a file atomically; return an error message or None."""
    from pydantic import ValidationError

    from mlroute.answers import Answers, dumps_answers

    missing = [q.field for q in QUESTIONS if q.field not in answers]
    if missing:
        return f"Answer every question before saving ({len(missing)} still open)."
    try:
        valid = Answers.model_validate(nest(answers))
    except ValidationError as error:
        return f"Some answers are not valid: {error.error_count()} problem(s); answer them again."
    try:
        write_atomic(path, dumps_answers(valid).encode())
    except OSError as error:
        return f"Could not write {path}: {error.strerror or error}"
    return None
