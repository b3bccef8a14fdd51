"""SVG snapshots of the Plan mode at 100x32, on a pinned date."""

from __future__ import annotations

from datetime import UTC, datetime

from mlroute.store import Progress, choose, set_note, set_status
from mlroute.tui.widgets.plan_list import PlanList
from tests.tui.plan_helpers import (
    CALCULUS,
    SIZE,
    TODAY,
    courses_in_january,
    plan_app,
    plan_screen,
    write_progress,
)

from .conftest import Snapshot


def on(month: int, day: int) -> datetime:
    return datetime(2026, month, day, 18, tzinfo=UTC)


async def test_fresh_course_plan(snapshot: Snapshot) -> None:
    """The engineer's course plan, nothing ticked: "Course path · 0 of N done (0%)" with an
    empty bar, the finish date at "10 h/week (your planned pace)" and how far behind the
    9-month target it is; stage 1 "Mathematical foundations" holding only the calculus gap
    (its course, then its checkpoint), each stage row with 0/N, a bar, hours and a "by" date;
    ○ before every item with its hours on the right, "+N" on a course picked among
    alternatives and its other options indented under it ("or …"); the cursor on the first
    course, whose details (provider, hours) and why it was picked show under the list; Done,
    Started, Skip, Note, Undo and Swap in the footer. The unsupervised stage, optional for the
    engineer's goal, comes last."""
    write_progress(courses_in_january)
    app = plan_app()
    async with app.run_test(size=SIZE) as pilot:
        await plan_screen(pilot, today=TODAY)
        snapshot(app, "plan-fresh")


async def test_half_done_course_plan_with_notes(snapshot: Snapshot) -> None:
    """Under way: ✓ on the done items (green), ◐ on the one in progress (amber) with ⚠
    because one of its prerequisites (Classification) is not done, – and strike-through on
    the skipped one, ✎ notes after titles; stage rows with their done/total, filled bars,
    hours done and left, and ✓ with the completion date on the finished first stage; the
    summary at the actual pace ("h/week (actual)") and "▲ … ahead of target"; the cursor on
    the in-progress item, whose "Missing first" warning and note show under the list."""
    ticks = [
        (CALCULUS, "done", on(1, 20), "finally understood the chain rule"),
        ("calculus", "done", on(1, 21), ""),
        ("course-ml-regression", "done", on(2, 10), ""),
        ("course-cluster-analysis-python", "done", on(2, 20), "used my own data"),
        ("course-applied-ml-python", "skipped", on(2, 22), "did this at work"),
        ("course-structuring-ml-projects", "in-progress", on(2, 25), "week 2 of 3"),
    ]

    def tick(progress: Progress) -> Progress:
        for item_id, status, when, note in ticks:
            progress = set_status(progress, item_id, status, when=when)  # type: ignore[arg-type]
            if note:
                progress = set_note(progress, item_id, note, when=when)
        return progress

    write_progress(courses_in_january, tick)
    app = plan_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await plan_screen(pilot, today=TODAY)
        screen.query_one(PlanList).move_to("course-structuring-ml-projects")
        await pilot.pause()
        snapshot(app, "plan-half-done")


async def test_degree_plan(snapshot: Snapshot) -> None:
    """The defense candidate's degree plan for OMSCS: "Degree path · Online Master of
    Science…" in the summary; stage 1 "Prepare" with the linear algebra gap's course (◐ in
    progress) and checkpoint, the admission checklist and "Verify admission details and
    deadlines" (✓ done); stage 2 "Apply" with the application steps; stage 3 the program
    itself, "~27 months part-time", which the finish date includes. Two hours done is too
    little to measure a pace, so the summary keeps "12 h/week (your planned pace)"."""

    def degree(progress: Progress) -> Progress:
        progress = choose(progress, "degree", "gatech-omscs", when=on(1, 5))
        progress = set_status(progress, "gatech-omscs.prep.verify", "done", when=on(1, 12))
        return set_status(progress, "course-mit-18-06", "in-progress", when=on(2, 1))

    write_progress(degree, who="defense-degree")
    app = plan_app()
    async with app.run_test(size=SIZE) as pilot:
        await plan_screen(pilot, today=TODAY)
        snapshot(app, "plan-degree")


async def test_stage_with_alternatives(snapshot: Snapshot) -> None:
    """A plan whose stages offer alternatives, on a small catalog of the test's own, at 2
    hours a week: under "1. Basics", ✓ "Calculus for Machine Learning" (done) with "+1" and
    its other option indented below it as "or Multivariable Calculus, the Long Way · 80–120 h
    · free to audit · Big Tech Institute", then the calculus checkpoint; under "2. Models",
    the pick "Models in a Week" with "+2" and its two other options ("or Statistical Learning
    in Depth · 60–80 h · $300–$400 · Stanford Online", "or Supervised Learning, Free
    Edition…"), which the cursor skips. The cursor is on the pick, and the detail says why it
    was picked ("» Shorter (10 h against 70 h), so the plan comes closer to fitting 2 h a week
    over 9 months…") and that c swaps among 2 other options; "c Swap" is in the footer."""
    from mlroute.store import set_pace
    from tests.tui.plan_helpers import alternatives_app

    def slow(progress: Progress) -> Progress:
        progress = set_pace(progress, 2)
        return set_status(progress, "calc-a", "done", when=on(1, 20))

    write_progress(courses_in_january, slow)
    app = alternatives_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await plan_screen(pilot, today=TODAY)
        screen.query_one(PlanList).move_to("models-short")
        await pilot.pause()
        snapshot(app, "plan-alternatives")
