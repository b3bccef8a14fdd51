"""The Plan mode with alternatives: a stage lists its options, `c` swaps a slot's pick and loses
no progress; and the Plan screen and `mlroute progress show` count the same plan."""

from __future__ import annotations

import json

import pytest
from textual.pilot import Pilot

from mlroute.answers import Answers, load_answers
from mlroute.cli import main
from mlroute.session import load_session
from mlroute.slot_choices import choose_option, slot_choices
from mlroute.store import CustomItem, Progress, add_custom_item, choose, set_note, set_status
from mlroute.timeline import tracked_plan
from mlroute.tui.app import make_app
from mlroute.tui.widgets.plan_dialogs import SwapOptionScreen
from mlroute.tui.widgets.plan_list import PlanList

from .helpers import ANSWERS
from .plan_helpers import (
    SIZE,
    TODAY,
    alternatives_app,
    capture_notices,
    courses_in_january,
    plan_screen,
    rows,
    saved,
    settle,
    text_of,
    write_progress,
)


def engineer() -> Answers:
    return load_answers(ANSWERS / "engineer-courses.toml")


async def swap_to(pilot: Pilot[None], course_id: str) -> None:
    """Press c on the highlighted item and choose `course_id` in the dialog."""
    await pilot.press("c")
    await pilot.pause()
    dialog = pilot.app.screen
    assert isinstance(dialog, SwapOptionScreen), dialog
    ids = [option.id for option in dialog._options]
    await pilot.press("home", *["down"] * ids.index(course_id), "enter")
    await settle(pilot)


async def test_c_swaps_a_slots_pick_and_the_work_done_stays_counted() -> None:
    write_progress(courses_in_january)
    app = alternatives_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await plan_screen(pilot, today=TODAY)
        plan_list = screen.query_one(PlanList)
        assert plan_list.highlighted is not None and plan_list.highlighted.id == "calc-a"
        shown = rows(screen)
        # The stage lists its options: the pick, then the other one under it.
        assert "Calculus for Machine Learning" in shown[1]
        assert "or Multivariable Calculus, the Long Way · 80–120 h · free to audit" in shown[2]
        assert "c swaps (1 other option)" in text_of(screen, "#plan-detail")

        await pilot.press("space")  # calc-a done
        await settle(pilot)
        assert screen.line is not None and screen.line.overall.done == 1
        await swap_to(pilot, "calc-b")

        progress = saved()
        assert slot_choices(progress) == {"calculus": "calc-b"}
        assert progress.status("calc-a") == "done"
        assert screen.plan is not None
        ids = [item.id for item in screen.plan.items()]
        assert ids[:3] == ["calc-b", "calc-a", "calculus"]
        kept = screen.plan.by_id["calc-a"]
        assert kept.optional and "kept because you worked on it" in kept.why
        assert plan_list.highlighted is not None and plan_list.highlighted.id == "calc-b"
        # The finished alternative still counts: 1 done, and its hours.
        assert screen.line is not None
        assert (screen.line.overall.done, screen.line.overall.hours_done) == (1, 25.0)
        assert "1 of" in text_of(screen, "#plan-summary")
        assert "⇄ Multivariable Calculus, the Long Way instead of" in text_of(
            screen, "#plan-status"
        )
        assert "c swaps again" in text_of(screen, "#plan-status")

        # Swapping back from the kept alternative's row works too.
        assert plan_list.move_to("calc-a")
        await swap_to(pilot, "calc-a")
        assert slot_choices(saved()) == {"calculus": "calc-a"}
        assert [item.id for item in screen.plan.items()][:2] == ["calc-a", "calculus"]


async def test_u_undoes_a_swap_and_r_redoes_it() -> None:
    write_progress(courses_in_january)
    app = alternatives_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await plan_screen(pilot, today=TODAY)
        await swap_to(pilot, "calc-b")
        assert slot_choices(saved()) == {"calculus": "calc-b"}
        await pilot.press("u")
        await settle(pilot)
        assert slot_choices(saved()) == {}
        assert screen.plan is not None
        assert [item.id for item in screen.plan.items()][:2] == ["calc-a", "calculus"]
        status = text_of(screen, "#plan-status")
        assert "Undone: swap" in status and "Multivariable Calculus, the Long Way" in status
        await pilot.press("r")
        await settle(pilot)
        assert slot_choices(saved()) == {"calculus": "calc-b"}


async def test_an_item_without_alternatives_says_so(monkeypatch: pytest.MonkeyPatch) -> None:
    write_progress(courses_in_january)
    app = alternatives_app()
    notices = capture_notices(monkeypatch, app)
    async with app.run_test(size=SIZE) as pilot:
        screen = await plan_screen(pilot, today=TODAY)
        assert screen.query_one(PlanList).move_to("calculus")
        await pilot.press("c")
        await pilot.pause()
        assert not isinstance(app.screen, SwapOptionScreen)
        assert notices == [": This item has no alternatives to swap it for."]


async def test_work_on_the_course_path_stays_in_view_on_the_degree_path() -> None:
    """Courses done, then a switch to a degree: they stay, counted, under "Outside this plan"
    (they vanished from the plan and its totals before)."""

    def done_then_degree(progress: Progress) -> Progress:
        progress = set_status(progress, "course-ml-regression", "done")
        progress = set_note(progress, "course-ml-classification", "halfway")
        return choose(progress, "degree", "gatech-omscs")

    write_progress(courses_in_january, done_then_degree)
    app = make_app(session_loader=load_session)
    async with app.run_test(size=SIZE) as pilot:
        screen = await plan_screen(pilot, today=TODAY)
        assert screen.plan is not None and screen.line is not None
        outside = screen.plan.stages[-1]
        assert outside.title == "Outside this plan" and outside.optional
        assert [item.id for item in outside.items] == [
            "course-ml-regression",
            "course-ml-classification",
        ]
        assert screen.line.stages[-1].tally.done == 1
        assert screen.line.overall.done == 1
        plan_list = screen.query_one(PlanList)
        assert plan_list.move_to("course-ml-classification")
        await pilot.pause()
        assert "halfway" in text_of(screen, "#plan-detail")
        assert "No longer needed by your plan" in text_of(screen, "#plan-detail")


# One plan, one count --------------------------------------------------------------------------


async def test_the_plan_screen_and_progress_show_count_the_same_plan(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """The case that disagreed ("2 of 32" against "1/28"): a foundation checkpoint ticked, a
    course done, one skipped, a note, an own item and a slot swapped, on the bundled catalog."""
    from mlroute.catalog import load_catalog

    catalog = load_catalog().catalog
    plan = tracked_plan(catalog, courses_in_january(Progress()), engineer())
    courses = [item for item in plan.items() if item.kind == "course"]
    swappable = next(item for item in courses if item.alternatives)
    first, second = [item for item in courses if item.id != swappable.id][:2]

    def work(progress: Progress) -> Progress:
        progress = set_status(progress, "calculus", "done")
        progress = set_status(progress, first.id, "done")
        progress = set_status(progress, second.id, "skipped")
        progress = set_note(progress, swappable.id, "started the first week")
        progress = choose_option(progress, swappable.slot, swappable.alternatives[-1])
        item = CustomItem(title="Read a textbook chapter", stage=plan.stages[0].id, hours=6)
        return add_custom_item(progress, "custom-read", item)

    write_progress(courses_in_january, work)
    assert main(["progress", "show", "--format", "json"]) == 0
    cli = json.loads(capsys.readouterr().out)

    app = make_app(session_loader=load_session)
    async with app.run_test(size=SIZE) as pilot:
        screen = await plan_screen(pilot)  # today from the clock, as the CLI's
        line = screen.line
        assert line is not None and screen.plan is not None
        overall = cli["overall"]
        assert overall["done"] == line.overall.done == 2
        assert overall["total"] == line.overall.counted
        assert overall["hours_done"] == round(line.overall.hours_done, 1)
        assert overall["hours_left"] == round(line.overall.hours_left, 1)
        assert cli["finish"] == (line.finish.isoformat() if line.finish else None)
        assert [s["id"] for s in cli["stages"]] == [s.id for s in screen.plan.stages]
        assert [s["total"] for s in cli["stages"]] == [s.tally.counted for s in line.stages]
        summary = text_of(screen, "#plan-summary")
        assert f"{overall['done']} of {overall['total']} done ({overall['percent']}%)" in summary
        assert f"{overall['hours_done']:.0f} h done, {overall['hours_left']:.0f} h left" in summary
        assert f"Finish {cli['finish']}" in summary
        # The swapped-away course with a note stays in both, as an option worked on.
        assert swappable.id in screen.plan.by_id
        assert any(swappable.id in s["items"] for s in cli["stages"])
