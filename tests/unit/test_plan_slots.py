"""Plans that choose among alternatives: the pick per slot and its reason, the user's choice,
work done, foundations in prerequisite order, and a "specific skills" plan shaped by the goal."""

from __future__ import annotations

import functools
from datetime import date
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from mlroute.answers import Answers, example_answers, with_changes
from mlroute.catalog.models import (
    Catalog,
    Course,
    CourseCost,
    Foundation,
    HoursRange,
    Milestone,
    Project,
    Stage,
    UsdRange,
)
from mlroute.plan import (
    GOAL_WORDS,
    Plan,
    PlanItem,
    build_plan,
    foundation_gaps,
    foundation_order,
    outline,
)
from mlroute.slot_choices import choose_option
from mlroute.store import STATUSES, Progress, set_note, set_status
from mlroute.timeline import plan_shape, tally, track, tracked_plan

DAY = date(2026, 11, 25)
S: dict[str, Any] = {"source": "test", "last_verified": DAY}
FREE = CourseCost(audit_free=True)


def paid(low: int, high: int) -> CourseCost:
    return CourseCost(audit_free=False, certificate_usd=UsdRange(min=low, max=high))


def course(
    cid: str,
    stage: str,
    hours: tuple[int, int] = (20, 20),
    *,
    slot: str | None = None,
    foundation: Any = None,
    prerequisites: tuple[str, ...] = (),
    cost: CourseCost = FREE,
) -> Course:
    return Course(
        id=cid,
        title=cid.replace("-", " ").title(),
        provider="P",
        stage=stage,
        foundation=foundation,
        slot=slot,
        hours=HoursRange(min=hours[0], max=hours[1]),
        cost=cost,
        prerequisites=prerequisites,
        description="d",
        **S,
    )


def foundation(fid: Any, order: int) -> Foundation:
    return Foundation(id=fid, title=fid.title(), order=order, description="d", why="w", **S)


def stage(sid: str, order: int, courses: tuple[str, ...], projects: tuple[str, ...] = ()) -> Stage:
    return Stage(
        id=sid, order=order, title=sid, summary="s", courses=courses, projects=projects, **S
    )


def catalog(*stages: tuple[str, list[Course]], projects: tuple[Project, ...] = ()) -> Catalog:
    """Four foundations in their usual order, and the given stages with their courses."""
    return Catalog(
        foundations=(
            foundation("linear_algebra", 1),
            foundation("probability_statistics", 2),
            foundation("calculus", 3),
            foundation("python", 4),
        ),
        courses=tuple(c for _, courses in stages for c in courses),
        stages=tuple(
            stage(
                sid,
                n,
                tuple(c.id for c in courses),
                tuple(p.id for p in projects if p.stage == sid),
            )
            for n, (sid, courses) in enumerate(stages, 1)
        ),
        projects=projects,
    )


STRONG = {"linear_algebra": 3, "probability_statistics": 3, "calculus": 3, "python": 3}


def answers(levels: dict[str, int] | None = None, **changes: Any) -> Answers:
    """The example persona with broad needs (so no stage is optional), strong foundations
    unless `levels` says otherwise, and `changes`."""
    values = {f"foundations.{k}": v for k, v in {**STRONG, **(levels or {})}.items()}
    return with_changes(example_answers(), {"need": "broad-curriculum", **values, **changes})


def picked(plan: Plan, slot: str) -> PlanItem:
    return next(item for item in plan.items() if item.slot == slot and not item.optional)


# Fit: money and time ------------------------------------------------------------------------

SUPERVISED = [
    course("deep-paid", "stage-supervised", (40, 60), slot="sup", cost=paid(300, 400)),
    course("free-audit", "stage-supervised", (50, 70), slot="sup"),
    course("other", "stage-supervised"),
]


def test_a_tight_budget_picks_the_free_to_audit_option_and_says_why() -> None:
    tight = build_plan(
        catalog(("stage-supervised", SUPERVISED)), "courses", None, answers(budget_usd=100)
    )
    pick = picked(tight, "sup")
    assert pick.id == "free-audit"
    assert pick.alternatives == ("deep-paid",)
    assert "Free to audit" in pick.why and "$100 budget" in pick.why
    assert [item.id for item in tight.items()] == ["free-audit", "other"]
    assert tight.course_path_cost.max_usd == 0


def test_a_budget_that_covers_the_listed_option_keeps_it() -> None:
    roomy = build_plan(
        catalog(("stage-supervised", SUPERVISED)), "courses", None, answers(budget_usd=5000)
    )
    pick = picked(roomy, "sup")
    assert pick.id == "deep-paid"
    assert pick.why.startswith("Listed first")
    # A course with no alternative has no pick to explain.
    assert picked(roomy, "other").why == "" and picked(roomy, "other").alternatives == ()


LONG_OR_SHORT = [
    course("long-deep", "stage-supervised", (100, 140), slot="sup"),
    course("short-one", "stage-supervised", (20, 30), slot="sup"),
]


def test_low_hours_pick_the_shorter_option() -> None:
    # 3 hours a week for 6 months is about 78 hours: the 120-hour option cannot fit.
    low = answers(hours_per_week=3, months_to_goal=6)
    plan = build_plan(catalog(("stage-supervised", LONG_OR_SHORT)), "courses", None, low)
    pick = picked(plan, "sup")
    assert pick.id == "short-one"
    assert "Shorter (25 h against 120 h)" in pick.why and "3 h a week over 6 months" in pick.why
    assert outline(plan, 3).total_hours == 25


def test_enough_hours_keep_the_listed_option_and_the_plan_pace_counts() -> None:
    cat = catalog(("stage-supervised", LONG_OR_SHORT))
    plenty = answers(hours_per_week=20, months_to_goal=24)
    assert picked(build_plan(cat, "courses", None, plenty), "sup").id == "long-deep"
    # The Plan screen's own pace (3 h a week) wins over the questionnaire's 20.
    slow = build_plan(cat, "courses", None, plenty, hours_per_week=1)
    assert picked(slow, "sup").id == "short-one"


def test_a_shorter_option_over_the_budget_is_not_picked() -> None:
    options = [
        course("long-free", "stage-supervised", (100, 140), slot="sup"),
        course("short-paid", "stage-supervised", (20, 30), slot="sup", cost=paid(500, 600)),
    ]
    low = answers(hours_per_week=3, months_to_goal=6, budget_usd=100)
    plan = build_plan(catalog(("stage-supervised", options)), "courses", None, low)
    assert picked(plan, "sup").id == "long-free"


# Foundations ---------------------------------------------------------------------------------

FOUNDATION_COURSES = [
    course("la-course", "stage-foundations", foundation="linear_algebra"),
    # A probability course that assumes calculus: calculus must come first.
    course(
        "prob-course",
        "stage-foundations",
        foundation="probability_statistics",
        prerequisites=("calculus",),
    ),
    course("calc-long", "stage-foundations", (80, 120), foundation="calculus"),
    course("calc-short", "stage-foundations", (15, 25), foundation="calculus"),
    course("py-course", "stage-foundations", foundation="python"),
]


def test_foundations_follow_their_prerequisites_then_the_study_order() -> None:
    cat = catalog(("stage-foundations", FOUNDATION_COURSES))
    assert foundation_order(cat) == (
        "linear_algebra",
        "calculus",
        "probability_statistics",
        "python",
    )
    weak = {"linear_algebra": 2, "probability_statistics": 0, "calculus": 1, "python": 1}
    assert foundation_gaps(cat, weak) == ("calculus", "probability_statistics", "python")
    plan = build_plan(cat, "courses", None, answers(weak))
    assert [item.id for item in plan.items()] == [
        "calc-long",
        "calculus",
        "prob-course",
        "probability_statistics",
        "py-course",
        "python",
    ]
    assert next(i for i in plan.items() if i.id == "prob-course").prerequisites == ("calculus",)


def test_without_prerequisites_the_catalog_study_order_stands() -> None:
    plain = [c for c in FOUNDATION_COURSES if c.id != "prob-course"]
    plain.append(course("prob-course", "stage-foundations", foundation="probability_statistics"))
    cat = catalog(("stage-foundations", plain))
    assert foundation_order(cat) == FOUNDATION_ORDER


FOUNDATION_ORDER = ("linear_algebra", "probability_statistics", "calculus", "python")


def test_a_prerequisite_cycle_falls_back_to_the_study_order() -> None:
    cyclic = [
        course("la", "f", foundation="linear_algebra", prerequisites=("python",)),
        course("py", "f", foundation="python", prerequisites=("linear_algebra",)),
    ]
    assert foundation_order(catalog(("f", cyclic))) == FOUNDATION_ORDER


def test_a_weak_foundation_puts_its_course_first_and_its_alternatives_under_it() -> None:
    later = [course("regression", "stage-supervised", prerequisites=("calc-short", "python"))]
    cat = catalog(("stage-foundations", FOUNDATION_COURSES), ("stage-supervised", later))
    plan = build_plan(cat, "courses", None, answers({"calculus": 0}))
    first = plan.stages[0].items
    assert [item.id for item in first] == ["calc-long", "calculus"]
    assert first[0].slot == "calculus" and first[0].alternatives == ("calc-short",)
    # A prerequisite naming an option that was not picked points at the pick instead.
    regression = next(i for i in plan.items() if i.id == "regression")
    assert regression.prerequisites == ("calc-long",)


# The user's own choice and their work -------------------------------------------------------


def test_the_users_choice_overrides_the_fit() -> None:
    cat = catalog(("stage-supervised", SUPERVISED))
    tight = answers(budget_usd=100)
    plan = build_plan(cat, "courses", None, tight, choices={"sup": "deep-paid"})
    pick = picked(plan, "sup")
    assert pick.id == "deep-paid" and pick.why == "Your choice for this place in the plan."
    # A choice of a course that is not one of the slot's options is ignored.
    other = build_plan(cat, "courses", None, tight, choices={"sup": "other"})
    assert picked(other, "sup").id == "free-audit"


def test_an_option_started_counts_as_chosen() -> None:
    cat = catalog(("stage-supervised", SUPERVISED))
    plan = build_plan(cat, "courses", None, answers(budget_usd=100), started={"deep-paid"})
    assert picked(plan, "sup").id == "deep-paid"


def test_a_swap_loses_nothing_the_other_option_stays_visible_and_counted() -> None:
    cat = catalog(("stage-supervised", SUPERVISED))
    progress = Progress(path="courses")
    progress = set_status(progress, "deep-paid", "done")
    plan = build_plan(
        cat,
        "courses",
        None,
        answers(),
        choices={"sup": "free-audit"},
        started={"deep-paid"},
        keep={"deep-paid"},
    )
    items = {item.id: item for item in plan.items()}
    assert [item.id for item in plan.items()] == ["free-audit", "deep-paid", "other"]
    assert items["deep-paid"].optional and "kept because you worked on it" in items["deep-paid"].why
    counted = tally(track(plan, {}).stages[0].items, progress.items)
    assert (counted.done, counted.total, counted.hours_done) == (1, 3, 50.0)
    # Untouched, the same optional item would not count at all.
    assert tally(track(plan, {}).stages[0].items, {}).total == 2


def test_work_on_a_foundation_no_longer_a_gap_stays_in_the_plan() -> None:
    cat = catalog(("stage-foundations", FOUNDATION_COURSES))
    plan = build_plan(cat, "courses", None, answers(), keep={"la-course", "linear_algebra"})
    items = {item.id: item for item in plan.items()}
    assert set(items) == {"la-course", "linear_algebra"}
    assert all(item.optional for item in items.values())
    assert items["la-course"].why.startswith("No longer needed by your plan")


def test_tracked_plan_reads_choices_and_work_from_the_progress() -> None:
    from mlroute.slot_choices import slot_choices

    cat = catalog(("stage-supervised", SUPERVISED))
    progress = choose_option(Progress(path="courses"), "sup", "free-audit")
    progress = set_note(progress, "deep-paid", "read the first week")
    assert slot_choices(progress) == {"sup": "free-audit"}
    plan = tracked_plan(cat, progress, answers())
    assert [item.id for item in plan.items()] == ["free-audit", "deep-paid", "other"]
    # Forgetting the choice lets the plan pick again.
    again = tracked_plan(cat, choose_option(progress, "sup", None), answers())
    assert next(iter(again.items())).id == "deep-paid"


def test_the_plan_shape_changes_only_for_work_that_moves_items() -> None:
    cat = catalog(("stage-supervised", SUPERVISED))
    progress = Progress(path="courses")
    plan = tracked_plan(cat, progress, answers())
    before = plan_shape(plan, progress)
    assert plan_shape(plan, set_status(progress, "other", "done")) == before
    assert plan_shape(plan, set_status(progress, "free-audit", "done")) != before


# A "specific skills" plan ---------------------------------------------------------------------


def goal_catalog() -> Catalog:
    project = Project(
        id="proj",
        title="Project",
        stage="stage-projects",
        summary="s",
        data="d",
        hours=HoursRange(min=10, max=10),
        milestones=(Milestone(id="proj.a", title="A"),),
        **S,
    )
    return catalog(
        ("stage-foundations", [course("calc", "stage-foundations", foundation="calculus")]),
        ("stage-supervised", [course("sup", "stage-supervised")]),
        (
            "stage-unsupervised",
            [course("clusters", "stage-unsupervised"), course("pca", "stage-unsupervised")],
        ),
        ("stage-applied-production", [course("deploy", "stage-applied-production")]),
        ("stage-projects", [course("capstone", "stage-projects", prerequisites=("pca",))]),
        projects=(project,),
    )


def test_specific_skills_put_the_goals_stages_first_and_the_rest_optional() -> None:
    skills = answers({"calculus": 0}, need="specific-skills", goal="ml-engineering")
    plan = build_plan(goal_catalog(), "courses", None, skills)
    assert [stage.id for stage in plan.stages] == [
        "stage-foundations",
        "stage-supervised",
        "stage-unsupervised",
        "stage-applied-production",
        "stage-projects",
    ]
    items = {item.id: item for item in plan.items()}
    # The capstone builds on PCA, so PCA stays needed; clustering is optional for the goal.
    assert items["clusters"].optional and "ML engineering" in items["clusters"].why
    assert not items["pca"].optional and items["pca"].why.startswith("Needed first")
    assert not plan.stages[2].optional
    assert outline(plan, 10).total_hours == 20 * 5 + 10
    assert outline(plan, 10).stages[2].optional_hours == 20


def test_a_stage_wholly_optional_for_the_goal_moves_last() -> None:
    skills = answers(need="specific-skills", goal="research")
    plan = build_plan(goal_catalog(), "courses", None, skills)
    assert [stage.id for stage in plan.stages] == [
        "stage-supervised",
        "stage-unsupervised",
        "stage-applied-production",
        "stage-projects",
    ]
    assert [stage.optional for stage in plan.stages] == [False, False, True, True]
    broad = build_plan(goal_catalog(), "courses", None, answers(goal="research"))
    assert not any(item.optional for item in broad.items())


# Work done is never hidden -------------------------------------------------------------------


def test_work_on_the_other_path_stays_visible_outside_the_plan() -> None:
    from mlroute.catalog.models import Program, YearsRange

    prog = Program(
        id="prog",
        title="Program",
        institution="Uni",
        kind="degree",
        cost_usd=UsdRange(min=7000, max=10000),
        duration_years=YearsRange(min=1.5, max=3),
        delivery=("online-part-time",),
        format="online",
        suits="s",
        signal="strong",
        verify_note="Check.",
        **S,
    )
    cat = catalog(("stage-supervised", SUPERVISED)).model_copy(update={"programs": (prog,)})
    # Courses done, then the degree path: the course stays in view, optional, counted.
    degree = build_plan(cat, "degree", "prog", answers(), keep={"other"}, started={"other"})
    outside = degree.stages[-1]
    assert (outside.id, outside.optional) == ("outside-plan", True)
    assert [item.id for item in outside.items] == ["other"]
    assert outside.items[0].why.startswith("No longer needed by your plan")
    done = tally(track(degree, {}).stages[-1].items, set_status(Progress(), "other", "done").items)
    assert (done.done, done.total) == (1, 1)
    # Degree steps ticked, then the course path: they stay too, under their own titles.
    courses = build_plan(cat, "courses", None, answers(), keep={"prog.prep.verify"})
    assert [(i.id, i.title) for i in courses.stages[-1].items] == [
        ("prog.prep.verify", "Verify admission details and deadlines")
    ]
    assert build_plan(cat, "courses", None, answers()).stages[-1].id != "outside-plan"


def test_the_export_marks_optional_items_and_says_why() -> None:
    from mlroute.plan_export import plan_markdown
    from mlroute.timeline import timeline

    cat = catalog(("stage-supervised", SUPERVISED))
    progress = set_status(
        choose_option(Progress(path="courses"), "sup", "free-audit"), "deep-paid", "done"
    )
    plan = tracked_plan(cat, progress, answers())
    line = timeline(plan, progress, hours_per_week=10, months_to_goal=9, today=DAY)
    text = plan_markdown(plan, progress.items, line, today=DAY)
    assert "- [x] Deep Paid (50 h) — done" in text and " · optional" in text
    assert "  - Why here: Your choice for this place in the plan." in text
    assert "  - Why here: Another option for this place, kept because you worked on it." in text


@functools.cache
def bundled() -> Catalog:
    from mlroute.catalog import load_catalog

    return load_catalog(use_overlay=False, use_cache=False).catalog


def _ids(cat: Catalog) -> list[str]:
    ids = [c.id for c in cat.courses] + list(cat.milestones) + list(FOUNDATION_ORDER)
    for prog in cat.programs:
        ids += [prog.id, f"{prog.id}.prep.verify", f"{prog.id}.apply.materials"]
    return ids


STEP = st.one_of(
    st.tuples(st.just("status"), st.integers(0, 10_000), st.sampled_from(STATUSES)),
    st.tuples(st.just("note"), st.integers(0, 10_000), st.sampled_from(["", "a note"])),
    st.tuples(st.just("level"), st.sampled_from(FOUNDATION_ORDER), st.integers(0, 3)),
    st.tuples(
        st.just("answer"),
        st.sampled_from(["need", "goal", "budget_usd", "hours_per_week"]),
        st.integers(0, 10_000),
    ),
    st.tuples(st.just("path"), st.integers(-1, 10_000), st.just(None)),
    st.tuples(st.just("choose"), st.integers(0, 10_000), st.integers(0, 10_000)),
)


@settings(max_examples=60, deadline=None)
@given(st.lists(STEP, min_size=1, max_size=25))
def test_any_work_done_stays_in_the_plan_and_the_export(steps: list[tuple[Any, Any, Any]]) -> None:
    """Whatever the sequence of ticks, notes, answer changes, path switches and swaps, every
    item the user worked on is in the plan the tracker shows, and the export lists it."""
    from mlroute.plan_export import plan_markdown
    from mlroute.slots import slot_id
    from mlroute.store import choose
    from mlroute.timeline import timeline

    cat = bundled()
    ids = _ids(cat)
    slots: dict[str, list[str]] = {}
    for c in cat.courses:
        slots.setdefault(slot_id(c), []).append(c.id)
    slot_ids = sorted(slots)
    progress = choose(Progress(), "courses")
    current = answers()
    values: dict[str, list[Any]] = {
        "need": ["specific-skills", "broad-curriculum"],
        "goal": list(GOAL_WORDS),
        "budget_usd": [0, 100, 3000, 50_000],
        "hours_per_week": [1, 3, 10, 40],
    }
    for kind, a, b in steps:
        if kind == "status":
            progress = set_status(progress, ids[a % len(ids)], b)
        elif kind == "note":
            progress = set_note(progress, ids[a % len(ids)], b)
        elif kind == "level":
            current = with_changes(current, {f"foundations.{a}": b})
        elif kind == "answer":
            current = with_changes(current, {a: values[a][b % len(values[a])]})
        elif kind == "path":
            programs = cat.programs
            if a < 0 or not programs:
                progress = choose(progress, "courses")
            else:
                progress = choose(progress, "degree", programs[a % len(programs)].id)
        else:
            slot = slot_ids[a % len(slot_ids)]
            progress = choose_option(progress, slot, slots[slot][b % len(slots[slot])])
    plan = tracked_plan(cat, progress, current)
    worked = {i for i, p in progress.items.items() if p.status != "todo" or p.note}
    assert worked <= set(plan.by_id), sorted(worked - set(plan.by_id))
    line = timeline(plan, progress, hours_per_week=10, months_to_goal=9, today=DAY)
    text = plan_markdown(plan, progress.items, line, today=DAY)
    assert text.count("\n- [") == len(plan)
    done = {i for i in worked if progress.items[i].status == "done"}
    assert line.overall.done == len(done)
