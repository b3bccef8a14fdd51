"""The tracker's arithmetic: custom items placed, tallies, the timeline and the Markdown export."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mlroute.answers import example_answers
from mlroute.catalog import load_catalog
from mlroute.plan import CostEstimate, Plan, PlanItem, PlanStage, build_plan
from mlroute.plan_export import md, plan_markdown
from mlroute.store import (
    CustomItem,
    ItemProgress,
    Progress,
    Status,
    choose,
    set_note,
    set_status,
)
from mlroute.timeline import (
    CUSTOM_STAGE_ID,
    DAYS_PER_MONTH,
    HORIZON_DAYS,
    MIN_PACE_DAYS,
    Pace,
    TrackedPlan,
    add_months,
    missing_prerequisites,
    plan_started,
    project,
    span_text,
    tally,
    timeline,
    track,
)

TODAY = date(2026, 3, 2)


def at(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, 12, tzinfo=UTC)


def plan_of(*stages: tuple[str, list[float | None]], fixed: float | None = None) -> Plan:
    """A plan with stages `s0`, `s1`... of items `s0.i0`...; with `fixed`, a last program
    stage of that many months holding one program item."""
    built = [
        PlanStage(
            id=name,
            title=name.upper(),
            summary="",
            items=tuple(
                PlanItem(id=f"{name}.i{n}", title=f"Item {n}", kind="course", hours=hours)
                for n, hours in enumerate(hours_list)
            ),
        )
        for name, hours_list in stages
    ]
    if fixed is not None:
        built.append(
            PlanStage(
                id="program",
                title="Program",
                summary="",
                items=(PlanItem(id="prog", title="The degree", kind="program", hours=None),),
                duration_months=fixed,
            )
        )
    cost = CostEstimate(min_usd=0, max_usd=0, courses=0, audit_free=0, note="")
    return Plan(path="courses", program=None, gaps=(), stages=tuple(built), course_path_cost=cost)


def with_statuses(plan: TrackedPlan, statuses: dict[str, Status]) -> dict[str, ItemProgress]:
    return {item_id: ItemProgress(status=status) for item_id, status in statuses.items()}


# Tracking custom items ---------------------------------------------------------------------


def test_custom_items_join_their_stage_or_a_last_stage_of_their_own() -> None:
    plan = plan_of(("s0", [10.0]), ("s1", [5.0]))
    custom = {
        "custom-read": CustomItem(title="Read a book", stage="s1", hours=12),
        "custom-else": CustomItem(title="Elsewhere", stage="nowhere", hours=0),
        "s0.i0": CustomItem(title="Already planned", stage="s1", hours=3),
    }
    tracked = track(plan, custom)
    assert [s.id for s in tracked.stages] == ["s0", "s1", CUSTOM_STAGE_ID]
    assert [i.id for i in tracked.stages[1].items] == ["s1.i0", "custom-read"]
    assert tracked.by_id["custom-read"].custom and tracked.by_id["custom-read"].hours == 12
    assert tracked.by_id["custom-else"].hours is None
    assert tracked.stage_index["custom-else"] == 2
    assert tracked.by_id["s0.i0"].kind == "course"  # shown once, where the plan puts it
    assert len(tracked) == 4


def test_tally_counts_statuses_and_hours() -> None:
    tracked = track(plan_of(("s0", [10.0, 20.0, 30.0, None, 5.0])), {})
    progress = with_statuses(
        tracked, {"s0.i0": "done", "s0.i1": "in-progress", "s0.i2": "skipped", "s0.i3": "done"}
    )
    counted = tally(tracked.stages[0].items, progress)
    assert (counted.total, counted.done, counted.in_progress, counted.skipped) == (5, 2, 1, 1)
    assert counted.todo == 1 and counted.counted == 4
    assert counted.hours_done == 10.0 and counted.hours_left == 25.0
    assert counted.fraction == 0.5 and not counted.complete


def test_missing_prerequisites_are_those_neither_done_nor_skipped() -> None:
    catalog = load_catalog().catalog
    tracked = track(build_plan(catalog, "courses", None, example_answers()), {})
    item = next(i for i in tracked.items() if len(i.prerequisites) >= 2)
    first, second = item.prerequisites[:2]
    assert [m.id for m in missing_prerequisites(tracked, item.id, {})] == list(item.prerequisites)
    progress = {first: ItemProgress(status="done"), second: ItemProgress(status="skipped")}
    assert [m.id for m in missing_prerequisites(tracked, item.id, progress)] == list(
        item.prerequisites[2:]
    )
    assert missing_prerequisites(tracked, "no-such-item", {}) == ()


# The timeline ------------------------------------------------------------------------------


def test_planned_pace_projects_each_stage_in_order() -> None:
    tracked = track(plan_of(("s0", [10.0, 10.0]), ("s1", [40.0])), {})
    line = project(tracked, {}, pace=Pace(10), start=TODAY, months_to_goal=None, today=TODAY)
    assert [s.finish for s in line.stages] == [TODAY + timedelta(14), TODAY + timedelta(42)]
    assert line.finish == TODAY + timedelta(42)
    assert line.target is None and line.slack_days is None
    assert line.standing() == "no target set"


def test_done_items_move_the_finish_earlier() -> None:
    tracked = track(plan_of(("s0", [10.0, 10.0]), ("s1", [40.0])), {})
    before = project(tracked, {}, pace=Pace(10), start=TODAY, months_to_goal=3, today=TODAY)
    done = {"s0.i0": ItemProgress(status="done", changed=at(TODAY))}
    after = project(tracked, done, pace=Pace(10), start=TODAY, months_to_goal=3, today=TODAY)
    assert after.finish == TODAY + timedelta(35) and before.finish is not None
    assert after.finish < before.finish
    assert after.overall.done == 1 and after.overall.hours_left == 50


def test_the_pace_switches_to_the_actual_one_after_enough_days() -> None:
    tracked = track(plan_of(("s0", [20.0, 20.0, 100.0])), {})
    start = TODAY - timedelta(days=MIN_PACE_DAYS - 1)
    progress = Progress()
    progress = choose(progress, "courses", None, when=at(start))
    progress = set_status(progress, "s0.i0", "done", when=at(start + timedelta(3)))
    early = timeline(tracked, progress, hours_per_week=10, months_to_goal=6, today=TODAY)
    assert not early.pace.measured and early.pace.hours_per_week == 10
    assert early.start == start

    # Past the minimum days but with little done, the planned pace still stands.
    small = set_status(progress, "s0.i1", "done", when=at(start + timedelta(3)))
    small_line = timeline(
        tracked, small, hours_per_week=30, months_to_goal=6, today=start + timedelta(28)
    )
    assert not small_line.pace.measured

    later_day = start + timedelta(days=28)
    progress = set_status(progress, "s0.i1", "done", when=at(later_day))
    later = timeline(tracked, progress, hours_per_week=10, months_to_goal=6, today=later_day)
    assert later.pace.measured and later.pace.actual == pytest.approx(40 / 4)
    assert "actual pace since" in later.pace.text()
    assert later.finish == later_day + timedelta(70)
    assert later.target == add_months(start, 6)


def test_ahead_and_behind_the_target() -> None:
    tracked = track(plan_of(("s0", [100.0])), {})
    ahead = project(tracked, {}, pace=Pace(50), start=TODAY, months_to_goal=1, today=TODAY)
    assert ahead.slack_days is not None and ahead.slack_days > 0
    assert "ahead of your target" in ahead.standing()
    behind = project(tracked, {}, pace=Pace(5), start=TODAY, months_to_goal=1, today=TODAY)
    assert behind.slack_days is not None and behind.slack_days < 0
    assert behind.standing().startswith("4 months behind")


def test_a_pace_too_slow_has_no_finish_date() -> None:
    tracked = track(plan_of(("s0", [100_000.0])), {})
    line = project(
        tracked, {}, pace=Pace(1, actual=0.01), start=TODAY, months_to_goal=12, today=TODAY
    )
    assert line.finish is None and line.slack_days == -HORIZON_DAYS
    assert "behind" in line.standing()


def test_the_program_stage_takes_its_length_less_the_time_since_it_started() -> None:
    tracked = track(plan_of(("s0", [10.0]), fixed=24.0), {})
    length = 24 * DAYS_PER_MONTH
    fresh = project(tracked, {}, pace=Pace(10), start=TODAY, months_to_goal=None, today=TODAY)
    assert fresh.stages[1].days_left == pytest.approx(length)
    begun = {"prog": ItemProgress(status="in-progress", changed=at(TODAY - timedelta(100)))}
    going = project(tracked, begun, pace=Pace(10), start=TODAY, months_to_goal=None, today=TODAY)
    assert going.stages[1].days_left == pytest.approx(length - 100)
    finished = {"prog": ItemProgress(status="done", changed=at(TODAY))}
    done = project(tracked, finished, pace=Pace(10), start=TODAY, months_to_goal=None, today=TODAY)
    assert done.stages[1].days_left == 0 and done.stages[1].finished == TODAY


def test_the_plan_starts_when_the_path_was_chosen_or_an_item_was_started() -> None:
    tracked = track(plan_of(("s0", [10.0, 10.0])), {})
    assert plan_started(tracked, Progress(), TODAY) is None
    chosen = choose(Progress(), "courses", None, when=at(TODAY - timedelta(30)))
    assert plan_started(tracked, chosen, TODAY) == TODAY - timedelta(30)
    earlier = set_status(chosen, "s0.i0", "in-progress", when=at(TODAY - timedelta(40)))
    assert plan_started(tracked, earlier, TODAY) == TODAY - timedelta(40)
    future = set_status(Progress(), "s0.i0", "done", when=at(TODAY + timedelta(5)))
    assert plan_started(tracked, future, TODAY) == TODAY
    elsewhere = set_status(Progress(), "not-in-plan", "done", when=at(TODAY - timedelta(90)))
    assert plan_started(tracked, elsewhere, TODAY) is None


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [
        (date(2026, 1, 31), 1, date(2026, 2, 28)),
        (date(2024, 1, 31), 1, date(2024, 2, 29)),
        (date(2026, 11, 30), 1, date(2026, 12, 30)),
        (date(2026, 12, 31), 1, date(2027, 1, 31)),
        (date(2026, 3, 15), 22, date(2028, 1, 15)),
    ],
)
def test_add_months_clamps_the_day(start: date, months: int, expected: date) -> None:
    assert add_months(start, months) == expected


@pytest.mark.parametrize(
    ("days", "text"),
    [(1, "1 day"), (-5, "5 days"), (20, "3 weeks"), (100, "3 months"), (900, "2.5 years")],
)
def test_span_text(days: int, text: str) -> None:
    assert span_text(days) == text


# Properties --------------------------------------------------------------------------------

hours_st = st.one_of(st.none(), st.floats(min_value=0, max_value=500, allow_nan=False))
stages_st = st.lists(st.lists(hours_st, min_size=1, max_size=6), min_size=1, max_size=5)
status_st = st.sampled_from(["todo", "in-progress", "done", "skipped"])
days_st = st.dates(min_value=date(2000, 1, 1), max_value=date(2100, 1, 1))


@st.composite
def plans_and_progress(
    draw: st.DrawFn,
) -> tuple[TrackedPlan, dict[str, ItemProgress]]:
    stages = draw(stages_st)
    fixed = draw(st.one_of(st.none(), st.floats(min_value=1, max_value=60)))
    tracked = track(plan_of(*((f"s{n}", h) for n, h in enumerate(stages)), fixed=fixed), {})
    progress: dict[str, ItemProgress] = {}
    for item in tracked.items():
        status = draw(status_st)
        if status != "todo":
            changed = draw(st.one_of(st.none(), days_st.map(at)))
            progress[item.id] = ItemProgress(status=status, changed=changed)
    return tracked, progress


pace_st = st.builds(
    Pace,
    st.integers(min_value=1, max_value=168),
    st.one_of(st.none(), st.floats(min_value=0.001, max_value=200)),
)


@settings(max_examples=200, deadline=None)
@given(plans_and_progress(), pace_st, days_st, st.one_of(st.none(), st.integers(1, 120)))
def test_the_projected_finish_is_never_before_today(
    case: tuple[TrackedPlan, dict[str, ItemProgress]],
    pace: Pace,
    today: date,
    months: int | None,
) -> None:
    tracked, progress = case
    line = project(tracked, progress, pace=pace, start=today, months_to_goal=months, today=today)
    finishes = [s.finish for s in line.stages]
    assert all(f is None or f >= today for f in finishes)
    assert line.finish is None or line.finish >= today
    # Stages are done in order: no stage finishes before the one before it.
    known = [f for f in finishes if f is not None]
    assert known == sorted(known)
    assert line.finish == finishes[-1]


@settings(max_examples=200, deadline=None)
@given(plans_and_progress(), pace_st, days_st, st.data())
def test_more_done_never_moves_the_projection_later_at_the_same_pace(
    case: tuple[TrackedPlan, dict[str, ItemProgress]],
    pace: Pace,
    today: date,
    data: st.DataObject,
) -> None:
    tracked, progress = case
    open_items = [
        i.id
        for i in tracked.items()
        if progress.get(i.id, ItemProgress()).status not in ("done", "skipped")
    ]
    if not open_items:
        return
    ticked = data.draw(st.sampled_from(open_items))
    more = {**progress, ticked: ItemProgress(status="done", changed=at(today))}
    before = project(tracked, progress, pace=pace, start=today, months_to_goal=None, today=today)
    after = project(tracked, more, pace=pace, start=today, months_to_goal=None, today=today)
    horizon = today + timedelta(HORIZON_DAYS + 1)
    for old, new in zip(before.stages, after.stages, strict=True):
        assert (new.finish or horizon) <= (old.finish or horizon)
    assert after.overall.done == before.overall.done + 1


@settings(max_examples=200, deadline=None)
@given(plans_and_progress())
def test_tallies_add_up(case: tuple[TrackedPlan, dict[str, ItemProgress]]) -> None:
    tracked, progress = case
    line = project(tracked, progress, pace=Pace(10), start=TODAY, months_to_goal=None, today=TODAY)
    overall = line.overall
    assert overall.total == len(tracked)
    assert overall.todo >= 0 and 0 <= overall.fraction <= 1
    skipped_hours = sum(
        item.hours or 0
        for item in tracked.items()
        if progress.get(item.id, ItemProgress()).status == "skipped"
    )
    all_hours = sum(item.hours or 0 for item in tracked.items())
    assert overall.hours_done + overall.hours_left + skipped_hours == pytest.approx(all_hours)
    assert sum(s.tally.done for s in line.stages) == overall.done


@settings(max_examples=100, deadline=None)
@given(days_st, st.integers(min_value=0, max_value=240))
def test_add_months_lands_in_the_right_month(start: date, months: int) -> None:
    result = add_months(start, months)
    assert (result.year * 12 + result.month) - (start.year * 12 + start.month) == months
    assert result.day <= start.day and (result.day == start.day or result.day >= 28)


# Markdown export ---------------------------------------------------------------------------


def test_markdown_has_checkboxes_dates_and_escaped_notes() -> None:
    catalog = load_catalog().catalog
    tracked = track(
        build_plan(catalog, "courses", None, example_answers()),
        {"custom-read": CustomItem(title="Read [the] book", stage="", hours=4)},
    )
    items = list(tracked.items())
    progress = Progress()
    progress = set_status(progress, items[0].id, "done", when=at(date(2026, 2, 1)))
    progress = set_status(progress, items[2].id, "in-progress", when=at(date(2026, 2, 3)))
    progress = set_status(progress, items[3].id, "skipped", when=at(date(2026, 2, 4)))
    progress = set_note(progress, items[2].id, "see <script> and *this*\nline two")
    line = timeline(tracked, progress, hours_per_week=10, months_to_goal=9, today=TODAY)
    text = plan_markdown(tracked, progress.items, line, today=TODAY)

    assert text.startswith("# My ML plan: the course path\n")
    assert "Exported by mlroute on 2026-03-02." in text
    assert f"- [x] {md(items[0].title)}" in text and "— done 2026-02-01" in text
    assert f"- [ ] {md(items[2].title)}" in text and "in progress since 2026-02-03" in text
    assert f"- [ ] ~~{md(items[3].title)}~~" in text
    assert r"  - Note: see \<script\> and \*this\* line two" in text
    assert r"- [ ] Read \[the\] book (4 h) · your own item" in text
    assert "## 6. Your own items" in text
    assert "**Project: " in text
    assert "- Against your target: " in text
    for item in tracked.items():
        assert md(item.title) in text
    assert text.count("- [x]") == 1 and text.count("- [") == len(tracked)
