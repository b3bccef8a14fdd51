"""A change that would leave work the user did outside what the plan needs says so first, and
can be taken back: an answer in the questionnaire, a kept what-if, a switch of path."""

from __future__ import annotations

from textual.pilot import Pilot

from mlroute.questions import QUESTIONS
from mlroute.session import Session
from mlroute.store import Progress, replace_all, set_note, set_status
from mlroute.tui.screens.advisor import AdvisorScreen
from mlroute.tui.screens.dialogs import ConfirmScreen
from mlroute.tui.screens.recommendation import RecommendationScreen
from mlroute.tui.widgets.plan_dialogs import ChoosePathScreen
from mlroute.tui.widgets.whatif import WhatIfPanel

from .helpers import answer, app, loaded, screen_text
from .plan_helpers import (
    CALCULUS,
    SIZE,
    courses_in_january,
    plan_app,
    plan_screen,
    settle,
    write_progress,
)

FIELD = "foundations.calculus"
REGRESSION = "course-ml-regression"
"""A course on the course path's plan only."""


def calculus_done(progress: Progress) -> Progress:
    """The engineer finished the calculus course their weak answer put in the plan."""
    return set_note(set_status(progress, CALCULUS, "done"), CALCULUS, "all exercises")


async def at_the_calculus_question(pilot: Pilot[None]) -> tuple[AdvisorScreen, Session]:
    """Start where a returning user would (their recommendation), go back to the answers and
    to the calculus question."""
    session = await loaded(pilot)
    await pilot.pause()
    if isinstance(pilot.app.screen, RecommendationScreen):
        await pilot.press("escape")
        await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, AdvisorScreen), screen
    screen.index = [q.field for q in QUESTIONS].index(FIELD)
    await pilot.pause()
    return screen, session


async def what_if_solid_calculus(pilot: Pilot[None]) -> tuple[Session, RecommendationScreen]:
    """On the recommendation a returning user lands on, a what-if of calculus 1 → 2 (solid)."""
    session = await loaded(pilot)
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, RecommendationScreen), screen
    panel = screen.query_one(WhatIfPanel)
    panel.focus()
    panel.highlighted = [q.field for q in QUESTIONS].index(FIELD)
    await pilot.press("right")
    await pilot.pause()
    return session, screen


def calculus_answer(session: Session) -> object:
    return session.saved_answers()[FIELD]


async def test_raising_a_foundation_asks_before_setting_finished_work_aside() -> None:
    write_progress(courses_in_january, calculus_done)
    async with app().run_test(size=SIZE) as pilot:
        screen, session = await at_the_calculus_question(pilot)
        before = calculus_answer(session)
        await answer(pilot, 3)  # solid: the plan no longer needs the calculus course
        dialog = pilot.app.screen
        assert isinstance(dialog, ConfirmScreen), dialog
        shown = screen_text(pilot.app)
        assert "Change this answer?" in shown
        assert "Multivariate Calculus" in shown and "Nothing is deleted" in shown

        await pilot.press("n")  # keep the answer as it was
        await pilot.pause()
        assert pilot.app.screen is screen
        assert calculus_answer(session) == before
        assert screen.answers[FIELD] == before

        await answer(pilot, 3)
        await pilot.press("y")
        await pilot.pause()
        assert calculus_answer(session) == 3
        plan = session.plan()
        assert plan is not None and plan.by_id[CALCULUS].kept  # still shown, marked
        assert session.progress.items[CALCULUS].note == "all exercises"

        await pilot.press("ctrl+z")  # one undoable change
        await pilot.pause()
        assert calculus_answer(session) == before
        assert screen.answers[FIELD] == before
        plan = session.plan()
        assert plan is not None and not plan.by_id[CALCULUS].kept


async def test_an_answer_that_sets_nothing_aside_is_taken_without_asking() -> None:
    write_progress(courses_in_january)  # nothing worked on yet
    async with app().run_test(size=SIZE) as pilot:
        _, session = await at_the_calculus_question(pilot)
        await answer(pilot, 3)
        assert not isinstance(pilot.app.screen, ConfirmScreen)
        assert calculus_answer(session) == 3
        assert not session.progress.history or "answer" not in session.progress.history[-1].summary


def regression_done(progress: Progress) -> Progress:
    """Work on a course only the course path's plan needs."""
    return set_status(progress, REGRESSION, "done")


async def test_switching_path_asks_before_setting_course_work_aside() -> None:
    """On the course path with a course done, the verdict for these answers is the degree:
    using its plan (u) asks first; no keeps the path, yes switches and u on the Plan undoes."""
    write_progress(courses_in_january, regression_done, who="defense-degree")
    async with app().run_test(size=SIZE) as pilot:
        session = await loaded(pilot)
        await pilot.pause()
        assert isinstance(pilot.app.screen, RecommendationScreen), pilot.app.screen
        await pilot.press("u")
        await pilot.pause()
        assert isinstance(pilot.app.screen, ConfirmScreen), pilot.app.screen
        assert "Switch your plan?" in screen_text(pilot.app)
        await pilot.press("n")
        await pilot.pause()
        assert session.progress.path == "courses"

        await pilot.press("u")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert session.progress.path == "degree"
        plan = session.plan()
        assert plan is not None and plan.by_id[REGRESSION].kept


async def test_the_plans_path_switch_asks_before_setting_course_work_aside() -> None:
    """p on the Plan screen: a course only the course path needs is done, so switching to a
    degree asks first; no keeps the course path, yes switches and u switches back."""
    write_progress(courses_in_january, regression_done)
    async with plan_app().run_test(size=SIZE) as pilot:
        screen = await plan_screen(pilot)
        session = await loaded(pilot)
        for confirm in ("n", "y"):
            await pilot.press("p")
            await pilot.pause()
            assert isinstance(pilot.app.screen, ChoosePathScreen)
            await pilot.press("down", "enter")  # the first program: OMSCS
            await pilot.pause()
            assert isinstance(pilot.app.screen, ConfirmScreen), pilot.app.screen
            assert "Machine Learning: Regression" in screen_text(pilot.app)
            await pilot.press(confirm)
            await settle(pilot)
        assert session.progress.path == "degree"
        assert screen.plan is not None and screen.plan.by_id[REGRESSION].kept
        await pilot.press("u")
        await settle(pilot)
        assert session.progress.path == "courses"
        assert not screen.plan.by_id[REGRESSION].kept


async def test_a_switch_that_sets_nothing_aside_is_not_asked_about() -> None:
    write_progress(courses_in_january, calculus_done)  # the calculus course is in both plans
    async with plan_app().run_test(size=SIZE) as pilot:
        screen = await plan_screen(pilot)
        await pilot.press("p")
        await pilot.pause()
        await pilot.press("down", "enter")
        await settle(pilot)
        assert not isinstance(pilot.app.screen, ConfirmScreen)
        assert screen.plan is not None and screen.plan.path == "degree"


async def test_keeping_a_what_if_that_sets_work_aside_asks_first() -> None:
    """A what-if of a solid calculus, kept with k: the finished calculus course would no longer
    be needed, so k asks; no keeps the answers, yes keeps them as one undoable change."""
    write_progress(courses_in_january, calculus_done)
    async with app().run_test(size=SIZE) as pilot:
        session, _ = await what_if_solid_calculus(pilot)
        for confirm in ("n", "y"):
            await pilot.press("k")
            await pilot.pause()
            assert isinstance(pilot.app.screen, ConfirmScreen), pilot.app.screen
            assert "Keep these answers?" in screen_text(pilot.app)
            await pilot.press(confirm)
            await pilot.pause()
            assert calculus_answer(session) == (1 if confirm == "n" else 2)
        assert session.progress.history[-1].summary == "keep the what-if answers"


def regression_noted(progress: Progress) -> Progress:
    """A note on the regression course, the slot's pick at the persona's 10 hours a week."""
    return set_note(progress, REGRESSION, "chapter 2")


async def test_the_plans_pace_asks_before_setting_work_aside() -> None:
    """h on the Plan: at 3 hours a week the slot picks a shorter option, so the noted course
    would no longer be needed; the dialog asks, no keeps the pace, yes changes it."""
    write_progress(courses_in_january, regression_noted)
    async with plan_app().run_test(size=SIZE) as pilot:
        screen = await plan_screen(pilot)
        session = await loaded(pilot)
        for confirm in ("n", "y"):
            await pilot.press("h")
            await pilot.pause()
            await pilot.press("ctrl+a", "ctrl+k", "3", "enter")
            await pilot.pause()
            assert isinstance(pilot.app.screen, ConfirmScreen), pilot.app.screen
            assert "Machine Learning: Regression" in screen_text(pilot.app)
            await pilot.press(confirm)
            await settle(pilot)
            assert session.saved_answers()["hours_per_week"] == (10 if confirm == "n" else 3)
        assert screen.plan is not None and screen.plan.by_id[REGRESSION].kept


async def test_a_typed_number_that_sets_work_aside_asks_then_moves_on() -> None:
    """The hours typed and Ctrl+N: the question asks first, and after yes the move the user
    made goes on to the next question."""
    write_progress(courses_in_january, regression_noted)
    async with app().run_test(size=SIZE) as pilot:
        screen, session = await at_the_calculus_question(pilot)
        hours = [q.field for q in QUESTIONS].index("hours_per_week")
        screen.index = hours
        await pilot.pause()
        await pilot.press("ctrl+a", "ctrl+k", "3", "ctrl+n")
        await pilot.pause()
        assert isinstance(pilot.app.screen, ConfirmScreen), pilot.app.screen
        await pilot.press("y")
        await pilot.pause()
        assert session.saved_answers()["hours_per_week"] == 3
        assert screen.index == hours + 1


async def test_undo_after_a_set_aside_answer_keeps_the_answers_given_since() -> None:
    write_progress(courses_in_january, calculus_done)
    async with app().run_test(size=SIZE) as pilot:
        screen, session = await at_the_calculus_question(pilot)
        await answer(pilot, 3)
        await pilot.press("y")  # set the calculus course aside; on to Python
        await pilot.pause()
        await answer(pilot, 1)  # Python, answered after (not in the undo history)
        assert isinstance(pilot.app.screen, RecommendationScreen)  # the last question
        await pilot.press("escape", "ctrl+z")
        await pilot.pause()
        assert calculus_answer(session) == 1
        assert session.saved_answers()["foundations.python"] == 1
        assert screen.answers["foundations.python"] == 1
        assert session.progress.history[-1].summary != "answer: Calculus"  # taken back once


async def test_ctrl_z_in_the_questionnaire_leaves_an_import_to_the_plans_undo() -> None:
    """A backup imported on the Plan is not an answers change: Ctrl+Z here leaves it alone."""
    write_progress(courses_in_january)
    async with app().run_test(size=SIZE) as pilot:
        _, session = await at_the_calculus_question(pilot)
        backup = set_status(session.progress, CALCULUS, "done")
        session.update(lambda p: replace_all(p, backup, summary="import a backup"))
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert session.progress.items[CALCULUS].status == "done"
        assert any("Nothing to undo here" in n.message for n in pilot.app._notifications)


async def test_start_over_is_one_undoable_change() -> None:
    write_progress(courses_in_january, calculus_done)
    async with app().run_test(size=SIZE) as pilot:
        screen, session = await at_the_calculus_question(pilot)
        before = session.saved_answers()
        await pilot.press("ctrl+r")
        await pilot.pause()
        assert "Ctrl+Z brings the answers back" in screen_text(pilot.app)
        assert "ticks and notes are kept" in screen_text(pilot.app)
        await pilot.press("y")
        await pilot.pause()
        assert session.saved_answers() == {} and session.progress.hours_per_week is None
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert session.saved_answers() == before == screen.answers


async def test_a_plan_undo_shows_on_the_waiting_recommendation() -> None:
    """k on a what-if that sets work aside, F4, u (undo it), F2: the recommendation shows the
    answers as saved again, not the undone ones as if they were still the user's."""
    write_progress(courses_in_january, calculus_done)
    async with app().run_test(size=SIZE) as pilot:
        session, screen = await what_if_solid_calculus(pilot)
        await pilot.press("k")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert screen.kept[FIELD] == 2
        await pilot.press("f4")
        await pilot.pause()
        await pilot.press("u")
        await settle(pilot)
        assert calculus_answer(session) == 1
        await pilot.press("f2")
        await pilot.pause()
        assert pilot.app.screen is screen
        assert isinstance(screen, RecommendationScreen)  # (for mypy: `is` widened it)
        assert screen.kept[FIELD] == 1 and not screen.hypothetical
