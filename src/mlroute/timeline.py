"""The plan tracker's arithmetic, pure: the plan with the user's own items, tallies and a timeline.

`track` merges the user's custom items into a `Plan`; `tally` counts what is done; `timeline`
projects the finish of each stage and of the whole plan at the user's pace, switching to the
pace they actually keep once completion dates show it, and compares the finish with their
target. `today` is always passed in: nothing here reads the clock, the disk or Textual.

The values are slotted dataclasses rather than pydantic models: they are derived, never
validated or saved, and the tracker rebuilds them on every keypress for plans of thousands of
items.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Literal

from mlroute.limits import DEFAULT_PACE
from mlroute.plan import ItemKind, PathName, Picks, Plan, PlanItem, build_plan
from mlroute.slot_choices import slot_choices
from mlroute.store import CustomItem, ItemProgress, Progress, Status

if TYPE_CHECKING:
    from mlroute.answers import Answers
    from mlroute.catalog.models import Catalog

DAYS_PER_MONTH = 365.25 / 12
"""Average days in a month, for turning months into dates."""

MIN_PACE_DAYS = 14
"""The plan must have been under way this many days before completion dates set the pace: one
evening's ticking should not promise a finish date."""

MIN_PACE_WEEKS = 2
"""...and this many weeks of work at the planned pace must be done: a few small items finished
while a long course is still in progress say little about the pace."""

HORIZON_DAYS = 100 * 365
"""Projections further away than this (a century) are reported as having no date."""

CUSTOM_STAGE_ID = "custom"
"""The stage holding custom items whose stage is not in the plan."""

TrackedKind = ItemKind | Literal["custom"]
"""A plan item's kind, or `custom` for an item the user added."""

FINISHED: frozenset[Status] = frozenset({"done", "skipped"})
"""Statuses that leave nothing to do. A skipped item also counts as met when it is another
item's prerequisite: skipping says the user has it covered."""


@dataclass(frozen=True, slots=True)
class TrackedItem:
    """One item the tracker shows: a plan item or one of the user's own."""

    id: str
    """The id its progress is saved under."""
    title: str
    """What to do."""
    kind: TrackedKind
    """What the item is."""
    hours: float | None
    """Estimated hours; None when there is no honest figure."""
    stage_id: str
    """The stage it is shown in."""
    prerequisites: tuple[str, ...] = ()
    """Ids of items in this plan to finish first."""
    group: str = ""
    """The project a milestone belongs to, or the foundation a course teaches."""
    group_title: str = ""
    """Display name of `group`."""
    detail: str = ""
    """A line of context: the provider, or what a checklist item involves."""
    slot: str = ""
    """For a course, the place in its stage it fills; empty otherwise."""
    alternatives: tuple[str, ...] = ()
    """The other courses that could fill the slot (ids, in the stage's order)."""
    why: str = ""
    """Why the plan has this item here (see `PlanItem.why`)."""
    optional: bool = False
    """True for an item the plan does not need: left out of the tallies until started."""
    kept: bool = False
    """True when the item is in the plan only because the user worked on it."""

    @property
    def custom(self) -> bool:
        """True for an item the user added."""
        return self.kind == "custom"


@dataclass(frozen=True, slots=True)
class TrackedStage:
    """A stage as the tracker shows it, custom items included."""

    id: str
    """The plan stage's id, or `CUSTOM_STAGE_ID`."""
    title: str
    """Display name."""
    summary: str
    """What the stage is for."""
    items: tuple[TrackedItem, ...]
    """The items in order, the user's own last."""
    duration_months: float | None = None
    """A fixed length (the degree program); None when hours at the pace decide it."""
    optional: bool = False
    """True when the stage does not serve the user's goal (every item optional)."""


@dataclass(frozen=True)
class TrackedPlan:
    """The plan for one path with the user's own items, and lookups over it."""

    path: PathName
    """Which path the plan follows."""
    program_title: str | None
    """The degree path's program (the course path's comparison program), if any."""
    stages: tuple[TrackedStage, ...]
    """Stages in order."""
    by_id: dict[str, TrackedItem] = field(default_factory=dict)
    """Every item by id."""
    stage_index: dict[str, int] = field(default_factory=dict)
    """Each item's stage, as an index into `stages`."""

    def items(self) -> Iterator[TrackedItem]:
        """Every item, stage by stage."""
        for stage in self.stages:
            yield from stage.items

    def __len__(self) -> int:
        return len(self.by_id)


def _from_plan(item: PlanItem, stage_id: str) -> TrackedItem:
    return TrackedItem(
        id=item.id,
        title=item.title,
        kind=item.kind,
        hours=item.hours,
        stage_id=stage_id,
        prerequisites=item.prerequisites,
        group=item.group,
        group_title=item.group_title,
        detail=item.detail,
        slot=item.slot,
        alternatives=item.alternatives,
        why=item.why,
        optional=item.optional,
        kept=item.kept,
    )


def track(plan: Plan, custom_items: Mapping[str, CustomItem]) -> TrackedPlan:
    """The plan with the user's own items: each in its stage when the plan has that stage,
    else in a last stage of their own. A custom item whose id the plan already has (a catalog
    course added by hand that the plan also lists) is shown once, where the plan puts it."""
    planned = {item.id for item in plan.items()}
    extra: dict[str, list[TrackedItem]] = {}
    stage_ids = {stage.id for stage in plan.stages}
    for item_id, custom in custom_items.items():
        if item_id in planned:
            continue
        stage_id = custom.stage if custom.stage in stage_ids else CUSTOM_STAGE_ID
        extra.setdefault(stage_id, []).append(
            TrackedItem(
                id=item_id,
                title=custom.title,
                kind="custom",
                hours=float(custom.hours) if custom.hours else None,
                stage_id=stage_id,
            )
        )
    stages = [
        TrackedStage(
            id=stage.id,
            title=stage.title,
            summary=stage.summary,
            items=(
                *(_from_plan(item, stage.id) for item in stage.items),
                *extra.get(stage.id, ()),
            ),
            duration_months=stage.duration_months,
            optional=stage.optional,
        )
        for stage in plan.stages
    ]
    if CUSTOM_STAGE_ID in extra:
        stages.append(
            TrackedStage(
                id=CUSTOM_STAGE_ID,
                title="Your own items",
                summary="Items you added to the plan yourself.",
                items=tuple(extra[CUSTOM_STAGE_ID]),
            )
        )
    by_id: dict[str, TrackedItem] = {}
    stage_index: dict[str, int] = {}
    for index, stage in enumerate(stages):
        for item in stage.items:
            by_id[item.id] = item
            stage_index[item.id] = index
    return TrackedPlan(
        path=plan.path,
        program_title=plan.program.title if plan.program is not None else None,
        stages=tuple(stages),
        by_id=by_id,
        stage_index=stage_index,
    )


def pace_of(progress: Progress, answers: Answers | None) -> int:
    """The user's pace: the one set in the plan, else the questionnaire's, else the default."""
    if progress.hours_per_week is not None:
        return progress.hours_per_week
    return answers.hours_per_week if answers is not None else DEFAULT_PACE


def picks_of(progress: Progress) -> Picks:
    """The options the user picked (`c`) or started, as the Plan screen builds with them."""
    started = {i for i, p in progress.items.items() if p.status in ("done", "in-progress")}
    return Picks(slot_choices(progress), frozenset(started))


def tracked_plan(catalog: Catalog, progress: Progress, answers: Answers) -> TrackedPlan:
    """The plan the user tracks, with their own items: the one function the Plan screen and
    `mlroute progress show` both build it with, so both count the same items.

    The user's slot choices pick among alternatives, options they started count as chosen,
    and anything they worked on stays in the plan (see `build_plan`). Raises ValueError when
    no path is chosen or the chosen program is not in the catalog.
    """
    if progress.path is None:
        raise ValueError("no path chosen")
    picks = picks_of(progress)
    built = build_plan(
        catalog,
        progress.path,
        progress.program,
        answers,
        choices=picks.choices,
        started=picks.started,
        keep={i for i, p in progress.items.items() if p.status != "todo" or p.note},
        hours_per_week=pace_of(progress, answers),
    )
    return track(built, progress.custom_items)


def set_aside(
    before: TrackedPlan | None, after: TrackedPlan | None, progress: Progress
) -> tuple[TrackedItem, ...]:
    """The items the user worked on (started, done or with a note) that `before` needs and
    `after` no longer does: kept only for that work, or gone from it. A change that returns
    any of them should say so first (the work stays visible; the plan stops counting on it)."""
    if before is None:
        return ()
    found = []
    for item in before.items():
        state = progress.items.get(item.id)
        if item.kept or item.custom or state is None:
            continue
        if not state.note and state.status in ("todo", "skipped"):
            continue  # nothing done and nothing written: the plan dropping it loses nothing
        later = after.by_id.get(item.id) if after is not None else None
        if later is None or later.kept:
            found.append(item)
    return tuple(found)


def set_aside_text(items: tuple[TrackedItem, ...], *, most: int = 4) -> str:
    """The set-aside items in a sentence for a confirmation, the first `most` by title."""
    titles = [f"“{item.title}”" for item in items[:most]]
    more = len(items) - len(titles)
    listed = ", ".join(titles) + (f" and {more} more" if more else "")
    noun = "item" if len(items) == 1 else "items"
    return (
        f"Your plan would no longer need {len(items)} {noun} you worked on: {listed}. "
        "Nothing is deleted: each stays in the plan, marked as no longer needed, with its "
        "status and note, and the hours you did still count."
    )


def plan_shape(plan: TrackedPlan, progress: Progress) -> frozenset[tuple[str, bool]]:
    """The part of the progress that `plan`'s shape depends on, so a caller can rebuild only
    when it changes: every id with a status or a note that is a pick among alternatives, an
    item kept only for the user's work, or not in the plan at all, with whether it is
    started. Ticking an ordinary item (optional or not) leaves it unchanged."""
    by_id = plan.by_id
    result = []
    for item_id, state in progress.items.items():
        if state.status == "todo" and not state.note:
            continue
        item = by_id.get(item_id)
        if item is None or item.kept or item.alternatives:
            result.append((item_id, state.status in ("done", "in-progress")))
    return frozenset(result)


# Tallies -----------------------------------------------------------------------------------


_TODO = ItemProgress()


@dataclass(frozen=True, slots=True)
class Tally:
    """What is done in a stage or the whole plan."""

    total: int = 0
    """Items counted: all but the optional ones not yet started."""
    done: int = 0
    """Items done."""
    in_progress: int = 0
    """Items in progress."""
    skipped: int = 0
    """Items skipped (not counted as work left)."""
    hours_done: float = 0.0
    """Estimated hours of the items done."""
    hours_left: float = 0.0
    """Estimated hours of the items neither done nor skipped."""

    @property
    def todo(self) -> int:
        """Items not started."""
        return self.total - self.done - self.in_progress - self.skipped

    @property
    def counted(self) -> int:
        """Items that count toward the progress bar: all but the skipped."""
        return self.total - self.skipped

    @property
    def fraction(self) -> float:
        """Done over counted, 0 to 1; 1 when nothing is left to count."""
        return self.done / self.counted if self.counted else 1.0

    @property
    def complete(self) -> bool:
        """True when every item is done or skipped."""
        return self.done + self.skipped == self.total


def tally(items: tuple[TrackedItem, ...], progress: Mapping[str, ItemProgress]) -> Tally:
    """Count `items` by their status in `progress` (an untracked item is to do). An optional
    item counts only once it is started, finished or skipped: until then it is no work left."""
    done = in_progress = skipped = ignored = 0
    hours_done = hours_left = 0.0
    for item in items:
        status = progress.get(item.id, _TODO).status
        if item.optional and status == "todo":
            ignored += 1
            continue
        hours = item.hours or 0.0
        if status == "done":
            done += 1
            hours_done += hours
        elif status == "skipped":
            skipped += 1
        else:
            hours_left += hours
            if status == "in-progress":
                in_progress += 1
    return Tally(len(items) - ignored, done, in_progress, skipped, hours_done, hours_left)


def missing_prerequisites(
    plan: TrackedPlan, item_id: str, progress: Mapping[str, ItemProgress]
) -> tuple[TrackedItem, ...]:
    """The item's prerequisites in this plan that are neither done nor skipped."""
    item = plan.by_id.get(item_id)
    if item is None:
        return ()
    missing = []
    for prerequisite in item.prerequisites:
        other = plan.by_id.get(prerequisite)
        if other is not None and progress.get(prerequisite, _TODO).status not in FINISHED:
            missing.append(other)
    return tuple(missing)


# Dates -------------------------------------------------------------------------------------


def add_months(start: date, months: int) -> date:
    """`start` plus whole calendar months, the day clamped to the month's length."""
    index = start.month - 1 + months
    year, month = start.year + index // 12, index % 12 + 1
    length = 31 if month == 12 else (date(year, month + 1, 1) - timedelta(days=1)).day
    return date(year, month, min(start.day, length))


def _day(when: datetime | date | None) -> date | None:
    if isinstance(when, datetime):
        return when.date()
    return when


def _after(today: date, days: float) -> date | None:
    if days > HORIZON_DAYS:
        return None
    return today + timedelta(days=round(days))


def span_text(days: int) -> str:
    """A length of time in words: `5 days`, `3 weeks`, `4 months`."""
    days = abs(days)
    if days < 14:
        return f"{days} day{'s' if days != 1 else ''}"
    if days < 10 * 7:
        return f"{round(days / 7)} weeks"
    months = round(days / DAYS_PER_MONTH)
    if months < 24:
        return f"{months} months"
    return f"{days / 365.25:.1f} years"


# The timeline ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Pace:
    """The study pace a projection uses."""

    planned: int
    """The user's own hours a week."""
    actual: float | None = None
    """Hours a week measured from completion dates; None until there is enough to measure."""
    since: date | None = None
    """The start of the measurement (the plan's start)."""

    @property
    def hours_per_week(self) -> float:
        """The pace projections use: the measured one once there is one."""
        return self.actual if self.actual is not None else float(self.planned)

    @property
    def measured(self) -> bool:
        """True when projections use the measured pace."""
        return self.actual is not None

    def text(self, *, short: bool = False) -> str:
        """The pace in words; `short` leaves out where it comes from."""
        if self.actual is None:
            return (
                f"{self.planned} h/week (planned)"
                if short
                else (f"{self.planned} h/week (your planned pace)")
            )
        if short:
            return f"{self.actual:.1f} h/week (actual)"
        return f"{self.actual:.1f} h/week (your actual pace since {self.since})"


@dataclass(frozen=True, slots=True)
class StageTimeline:
    """One stage's tally and projected finish."""

    id: str
    """The stage's id."""
    tally: Tally
    """What is done."""
    days_left: float
    """Days of work left in this stage at the pace (plus any fixed length left)."""
    finish: date | None
    """Projected finish, stages done in order; None beyond the horizon."""
    finished: date | None = None
    """When the stage was completed (its latest completion date), once complete."""


@dataclass(frozen=True, slots=True)
class Timeline:
    """The whole plan's progress and projected finish, against the target."""

    today: date
    """The date projections count from."""
    start: date
    """When the user started the plan (chose the path, or first tracked an item)."""
    pace: Pace
    """The pace used."""
    stages: tuple[StageTimeline, ...]
    """Each stage, in order."""
    overall: Tally
    """The whole plan's tally."""
    finish: date | None
    """Projected finish of the whole plan; None beyond the horizon."""
    target: date | None
    """`start` plus the user's `months_to_goal`; None when unknown."""

    @property
    def slack_days(self) -> int | None:
        """Days ahead of the target (negative: behind); None without both dates."""
        if self.target is None:
            return None
        if self.finish is None:
            return -HORIZON_DAYS
        return (self.target - self.finish).days

    def standing(self, *, short: bool = False) -> str:
        """Ahead of or behind the target, in words; `short` for a narrow line."""
        slack = self.slack_days
        if self.target is None or slack is None:
            return "no target set"
        if slack == 0:
            return "on target" if short else f"exactly on your target ({self.target})"
        side = "ahead of" if slack > 0 else "behind"
        if short:
            return f"{span_text(slack)} {side} target"
        return f"{span_text(slack)} {side} your target ({self.target})"


def plan_started(plan: TrackedPlan, progress: Progress, today: date) -> date | None:
    """When the user started: the earliest of choosing a path and starting or finishing an
    item of this plan; None when neither has happened. Never after `today`."""
    earliest: date | None = None
    for change in progress.history:
        if change.after.path is not None:
            earliest = change.at.date()
            break  # history is oldest first
    for item_id, item in progress.items.items():
        if item.status in ("done", "in-progress") and item_id in plan.by_id:
            when = _day(item.changed)
            if when is not None and (earliest is None or when < earliest):
                earliest = when
    return None if earliest is None else min(earliest, today)


def measure_pace(
    plan: TrackedPlan, progress: Progress, planned: int, start: date | None, today: date
) -> Pace:
    """The user's pace: hours of items done (with a date) since `start`, per week, once at
    least `MIN_PACE_DAYS` have passed and `MIN_PACE_WEEKS` of planned work is done; until
    then, the planned pace."""
    planned = max(planned, 1)
    if start is None or (today - start).days < MIN_PACE_DAYS:
        return Pace(planned, since=start)
    hours = 0.0
    for item_id, item in progress.items.items():
        tracked = plan.by_id.get(item_id)
        if tracked is not None and item.status == "done" and item.changed is not None:
            hours += tracked.hours or 0.0
    if hours <= 0 or hours < MIN_PACE_WEEKS * planned:
        return Pace(planned, since=start)
    return Pace(planned, actual=hours / ((today - start).days / 7), since=start)


def project(
    plan: TrackedPlan,
    progress: Mapping[str, ItemProgress],
    *,
    pace: Pace,
    start: date,
    months_to_goal: int | None,
    today: date,
) -> Timeline:
    """Each stage's and the plan's projected finish, the stages done in order at `pace`.

    A fixed-length stage (the degree program) takes its length unless the program is done or
    skipped; once in progress, the time since it started is taken off.
    """
    per_week = max(pace.hours_per_week, 1e-9)
    stages: list[StageTimeline] = []
    total_days = 0.0
    counts = [0, 0, 0, 0]
    hours = [0.0, 0.0]
    for stage in plan.stages:
        counted = tally(stage.items, progress)
        days = counted.hours_left / per_week * 7
        if stage.duration_months is not None:
            days += _fixed_days_left(stage, progress, today)
        total_days += days
        finished: date | None = None
        if counted.complete and counted.done:
            dates = [
                _day(progress.get(item.id, _TODO).changed)
                for item in stage.items
                if progress.get(item.id, _TODO).status == "done"
            ]
            finished = max((d for d in dates if d is not None), default=None)
        stages.append(StageTimeline(stage.id, counted, days, _after(today, total_days), finished))
        counts[0] += counted.total
        counts[1] += counted.done
        counts[2] += counted.in_progress
        counts[3] += counted.skipped
        hours[0] += counted.hours_done
        hours[1] += counted.hours_left
    target = add_months(start, months_to_goal) if months_to_goal else None
    return Timeline(
        today=today,
        start=start,
        pace=pace,
        stages=tuple(stages),
        overall=Tally(*counts, *hours),
        finish=_after(today, total_days),
        target=target,
    )


def _fixed_days_left(
    stage: TrackedStage, progress: Mapping[str, ItemProgress], today: date
) -> float:
    assert stage.duration_months is not None
    programs = [item for item in stage.items if item.kind == "program"]
    length = stage.duration_months * DAYS_PER_MONTH
    if not programs:
        return length
    states = [progress.get(item.id, _TODO) for item in programs]
    if all(state.status in FINISHED for state in states):
        return 0.0
    started = [
        _day(state.changed)
        for state in states
        if state.status == "in-progress" and state.changed is not None
    ]
    if started:
        begun = min(d for d in started if d is not None)
        return max(length - max((today - begun).days, 0), 0.0)
    return length


def timeline(
    plan: TrackedPlan,
    progress: Progress,
    *,
    hours_per_week: int,
    months_to_goal: int | None,
    today: date,
) -> Timeline:
    """The timeline at the user's pace: planned until completion dates measure it."""
    start = plan_started(plan, progress, today)
    pace = measure_pace(plan, progress, hours_per_week, start, today)
    return project(
        plan,
        progress.items,
        pace=pace,
        start=start or today,
        months_to_goal=months_to_goal,
        today=today,
    )
