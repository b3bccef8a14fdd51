"""The questionnaire and the recommendation, driven from the keyboard as a person would."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from rich.text import Text
from textual.pilot import Pilot
from textual.widgets import DataTable, Input, Static

from mlroute.questions import QUESTIONS
from mlroute.session import load_session
from mlroute.store import ProgressStore
from mlroute.tui.app import make_app
from mlroute.tui.screens.dialogs import ConfirmScreen, PathScreen
from mlroute.tui.screens.help import HelpScreen
from mlroute.tui.screens.recommendation import RecommendationScreen
from mlroute.tui.widgets.factor_bars import FactorBars
from mlroute.tui.widgets.question_list import QuestionList
from mlroute.tui.widgets.whatif import WhatIfPanel

from .helpers import (
    ANSWERS,
    advisor,
    answer,
    answer_all,
    app,
    damaged_app,
    loaded,
    persona,
    save_answers,
    screen_text,
    stored_answers,
)


def recommendation(pilot_app: object) -> RecommendationScreen:
    screen = pilot_app.screen  # type: ignore[attr-defined]
    assert isinstance(screen, RecommendationScreen), screen
    return screen


async def test_fill_the_whole_questionnaire_from_the_keyboard() -> None:
    engineer = persona("engineer-courses")
    the_app = app()
    async with the_app.run_test(size=(100, 32)) as pilot:
        await loaded(pilot)
        await answer_all(pilot, engineer)
        await pilot.pause()
        screen = recommendation(the_app)
        assert screen.recommendation is not None
        assert screen.recommendation.path == "courses"
        verdict = str(screen.query_one("#verdict", Static).render())
        assert "COURSES" in verdict
        assert "confidence" in verdict.lower()
    # Every answer reached the progress file as it was given.
    saved = stored_answers()
    assert saved["budget_usd"] == engineer["budget_usd"]
    assert saved["foundations"] == {
        key.split(".")[1]: value for key, value in engineer.items() if key.startswith("found")
    }


async def test_answers_resume_after_a_restart() -> None:
    first = app()
    async with first.run_test(size=(100, 32)) as pilot:
        await loaded(pilot)
        for value in ("research", True, "yes", "entry", "research-lab"):
            await answer(pilot, value)
        await first.workers.wait_for_complete()
        assert advisor(pilot).index == 5
    second = app()
    async with second.run_test(size=(100, 32)) as pilot:
        await loaded(pilot)
        screen = advisor(pilot)
        assert screen.index == 5
        assert screen.answers["goal"] == "research"
        assert screen.answers["plans_phd"] is True
        position = str(screen.query_one("#position", Static).render())
        assert "question 6 of 20" in position
        assert "5 answered" in position


async def test_an_out_of_range_number_is_refused_where_it_is_typed() -> None:
    the_app = app()
    async with the_app.run_test(size=(100, 32)) as pilot:
        await loaded(pilot)
        screen = advisor(pilot)
        screen.index = QUESTIONS.index(next(q for q in QUESTIONS if q.field == "hours_per_week"))
        await pilot.pause()
        await pilot.press("ctrl+a", "ctrl+k", "9", "9", "enter")
        await pilot.pause()
        error = str(screen.query_one("#hint", Static).render())
        assert "must be at most 80" in error
        before = screen.index
        await pilot.press("ctrl+n")
        await pilot.pause()
        assert screen.index == before
        assert "hours_per_week" not in screen.answers
        # Fixing it lets the user go on.
        await pilot.press("ctrl+a", "ctrl+k", "1", "2", "enter")
        await pilot.pause()
        assert screen.answers["hours_per_week"] == 12
        assert screen.index == before + 1


@pytest.mark.parametrize(
    ("field", "typed", "said"),
    [
        ("budget_usd", "1500.50", "no decimal point (e.g. 1500)"),
        ("hours_per_week", "7.5", "no decimal point (e.g. 7)"),
        ("hours_per_week", "7h", "“h” is not a digit"),
    ],
)
async def test_a_number_field_refuses_what_it_cannot_take_where_it_is_typed(
    field: str, typed: str, said: str
) -> None:
    the_app = app()
    async with the_app.run_test(size=(100, 32)) as pilot:
        await loaded(pilot)
        screen = advisor(pilot)
        index = QUESTIONS.index(next(q for q in QUESTIONS if q.field == field))
        screen.index = index
        await pilot.pause()
        await pilot.press("ctrl+a", "ctrl+k", *typed)
        await pilot.pause()
        # Every character typed is there: nothing is dropped to make a number of it.
        assert screen.query_one("#answer", Input).value == typed
        assert said in str(screen.query_one("#hint", Static).render())
        await pilot.press("enter")
        await pilot.pause()
        assert screen.index == index
        assert field not in screen.answers


async def test_saved_complete_answers_open_the_recommendation() -> None:
    save_answers(persona("defense-degree"))
    the_app = app()
    async with the_app.run_test(size=(100, 32)) as pilot:
        await loaded(pilot)
        screen = recommendation(the_app)
        assert screen.recommendation is not None
        assert screen.recommendation.path == "degree"
        assert screen.recommendation.programs[0].id == "gatech-omscs"
        bars = screen.query_one(FactorBars)
        assert bars.bars[0].contribution > 0  # the credential filter pulls hardest


async def test_what_if_updates_the_verdict_and_marks_it_hypothetical() -> None:
    save_answers(persona("defense-degree"))
    the_app = app()
    async with the_app.run_test(size=(100, 32)) as pilot:
        await loaded(pilot)
        screen = recommendation(the_app)
        panel = screen.query_one(WhatIfPanel)
        panel.focus()
        panel.highlighted = [q.field for q in QUESTIONS].index("credential_required")
        await pilot.press("right")  # yes -> no
        await pilot.pause()
        assert screen.values["credential_required"] == "no"
        assert screen.kept["credential_required"] == "yes"
        assert screen.recommendation is not None
        assert screen.recommendation.path == "courses"
        assert "WHAT-IF" in str(screen.query_one("#verdict", Static).render())
        await pilot.press("x")  # revert
        await pilot.pause()
        assert screen.recommendation.path == "degree"
        assert "WHAT-IF" not in str(screen.query_one("#verdict", Static).render())


async def test_a_what_if_paints_at_once_and_its_flip_follows_from_a_worker(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    save_answers(persona("defense-degree"))
    searches: list[dict[str, object]] = []
    search = RecommendationScreen._search_flips
    monkeypatch.setattr(
        RecommendationScreen, "_search_flips", lambda self, values: searches.append(values)
    )
    the_app = app()
    async with the_app.run_test(size=(100, 32)) as pilot:
        await loaded(pilot)
        screen = recommendation(the_app)
        panel = screen.query_one(WhatIfPanel)
        panel.focus()
        panel.highlighted = [q.field for q in QUESTIONS].index("budget_usd")
        await pilot.press("right")
        await pilot.pause()
        assert screen.recommendation is not None
        assert screen.recommendation.flips == ()  # painted before the search
        assert "Working out" in str(screen.query_one("#flip", Static).render())
        assert searches == [screen.values]
        search(screen, dict(screen.values))  # the worker, as the app would start it
        await the_app.workers.wait_for_complete()
        await pilot.pause()
        assert screen.recommendation.flips
        assert "would win" in str(screen.query_one("#flip", Static).render())


async def test_the_flip_switches_the_path_and_keep_saves_it() -> None:
    save_answers(persona("defense-degree"))
    the_app = app()
    async with the_app.run_test(size=(100, 32)) as pilot:
        await loaded(pilot)
        screen = recommendation(the_app)
        assert screen.recommendation is not None
        before = screen.recommendation
        assert before.flip, "the defense persona has a flip"
        await pilot.press("f")
        await pilot.pause()
        assert screen.recommendation.path != before.path
        await pilot.press("k")
        await the_app.workers.wait_for_complete()
    saved = stored_answers()
    for change in before.flip:
        if "." in change.field:
            assert saved["foundations"][change.field.split(".")[1]] == change.value  # type: ignore[index]
        else:
            assert saved[change.field] == change.value


async def test_use_this_plan_records_the_choice() -> None:
    save_answers(persona("defense-degree"))
    the_app = app()
    async with the_app.run_test(size=(100, 32)) as pilot:
        await loaded(pilot)
        await pilot.press("u")
        await the_app.workers.wait_for_complete()
        await pilot.pause()
    progress = ProgressStore().load().progress
    assert (progress.path, progress.program) == ("degree", "gatech-omscs")
    # One pace: the hours answer is the plan's pace, not a second copy of it, and choosing
    # is one change, so u on the Plan takes it back in one step.
    assert progress.hours_per_week is None and progress.answers["hours_per_week"] == 12
    assert progress.history[-1].summary == "path: degree, program: gatech-omscs"


async def test_export_writes_the_decision_report(tmp_path: Path) -> None:
    save_answers(persona("engineer-courses"))
    the_app = app()
    target = tmp_path / "report.md"
    async with the_app.run_test(size=(100, 32)) as pilot:
        await loaded(pilot)
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(the_app.screen, PathScreen)
        path_input = the_app.screen.query_one("#path", Input)
        path_input.value = str(target)
        await pilot.press("enter")
        await the_app.workers.wait_for_complete()
        await pilot.pause()
    report = target.read_text()
    assert report.startswith("# mlroute decision report")
    assert "## The factors" in report
    assert "Georgia" in report  # the programs and their sources


async def test_start_over_asks_first_and_then_clears() -> None:
    save_answers({"goal": "research", "plans_phd": True})
    the_app = app()
    async with the_app.run_test(size=(100, 32)) as pilot:
        await loaded(pilot)
        screen = advisor(pilot)
        assert screen.index == 2
        await pilot.press("ctrl+r")
        await pilot.pause()
        assert isinstance(the_app.screen, ConfirmScreen)
        await pilot.press("n")
        await pilot.pause()
        assert screen.answers["goal"] == "research"
        await pilot.press("ctrl+r")
        await pilot.pause()
        await pilot.press("y")
        await the_app.workers.wait_for_complete()
        await pilot.pause()
        assert screen.answers == {}
        assert screen.index == 0
    assert stored_answers() == {}


async def load_file(pilot: Pilot[None], path: Path) -> None:
    """Ctrl+O, type the path, Enter; wait until the file is read (a question, or loaded)."""
    await pilot.press("ctrl+o")
    await pilot.pause()
    assert isinstance(pilot.app.screen, PathScreen)
    pilot.app.screen.query_one("#path", Input).value = str(path)
    await pilot.press("enter")
    for _ in range(200):  # the file is read in a thread; each pause lets it move on
        await pilot.pause()
        if isinstance(pilot.app.screen, ConfirmScreen) or not pilot.app.workers:
            return


async def test_loading_a_file_asks_before_replacing_answers_and_ctrl_z_takes_it_back() -> None:
    save_answers({"goal": "research", "plans_phd": True})
    the_app = app()
    async with the_app.run_test(size=(100, 32)) as pilot:
        await loaded(pilot)
        screen = advisor(pilot)
        engineer = ANSWERS / "engineer-courses.toml"
        await load_file(pilot, engineer)
        assert isinstance(the_app.screen, ConfirmScreen)
        await pilot.press("n")
        await the_app.workers.wait_for_complete()
        await pilot.pause()
        assert screen.answers == {"goal": "research", "plans_phd": True}
        assert stored_answers() == {"goal": "research", "plans_phd": True}

        await load_file(pilot, engineer)
        await pilot.press("y")
        await the_app.workers.wait_for_complete()
        await pilot.pause()
        assert screen.answers == persona("engineer-courses")
        assert stored_answers()["goal"] == persona("engineer-courses")["goal"]

        await pilot.press("ctrl+z")
        await the_app.workers.wait_for_complete()
        await pilot.pause()
        assert screen.answers == {"goal": "research", "plans_phd": True}
    assert stored_answers() == {"goal": "research", "plans_phd": True}
    # One change in the history, so the Plan's undo would take it back as well.
    progress = ProgressStore().load().progress
    assert progress.redo[-1].summary == "load answers from engineer-courses.toml"


async def test_a_file_the_app_cannot_hold_is_refused_naming_the_field(tmp_path: Path) -> None:
    save_answers({"goal": "research"})
    bad = tmp_path / "big-budget.toml"
    text = (ANSWERS / "engineer-courses.toml").read_text(encoding="utf-8")
    # More than a progress file can hold: the answers model takes it, the questionnaire not.
    huge = f"budget_usd = {10**20}"
    bad.write_text(re.sub(r"budget_usd = \d+", huge, text), encoding="utf-8")
    the_app = app()
    notices: list[str] = []
    async with the_app.run_test(size=(100, 32)) as pilot:
        await loaded(pilot)
        the_app.notify = lambda message, **_: notices.append(str(message))  # type: ignore[method-assign]
        await load_file(pilot, bad)
        await the_app.workers.wait_for_complete()
        await pilot.pause()
        assert not isinstance(the_app.screen, ConfirmScreen)
        assert advisor(pilot).answers == {"goal": "research"}  # nothing of it taken
    assert any("budget_usd: is too large to save" in n for n in notices), notices
    assert stored_answers() == {"goal": "research"}


async def test_loading_into_an_empty_questionnaire_does_not_ask() -> None:
    the_app = app()
    async with the_app.run_test(size=(100, 32)) as pilot:
        await loaded(pilot)
        await load_file(pilot, ANSWERS / "engineer-courses.toml")
        await the_app.workers.wait_for_complete()
        await pilot.pause()
        assert not isinstance(the_app.screen, ConfirmScreen)
        assert advisor(pilot).answers == persona("engineer-courses")


async def test_help_lists_this_screens_keys_and_the_apps() -> None:
    the_app = app()
    async with the_app.run_test(size=(100, 32)) as pilot:
        await loaded(pilot)
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(the_app.screen, HelpScreen)
        text = " ".join(str(s.render()) for s in the_app.screen.query(Static))
        for expected in ("Next", "Back", "Start over", "Advisor", "Quit", "progress.toml"):
            assert expected in text
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(the_app.screen, HelpScreen)


@pytest.mark.parametrize("size", [(80, 24), (160, 48)])
async def test_the_questionnaire_fits_small_and_large_terminals(size: tuple[int, int]) -> None:
    the_app = app()
    async with the_app.run_test(size=size) as pilot:
        await loaded(pilot)
        screen = advisor(pilot)
        for widget_id in ("#position", "#question", "#status"):
            region = screen.query_one(widget_id).region
            assert region.width > 0 and region.height > 0
            assert region.right <= size[0] and region.bottom <= size[1]
        status = screen.query_one("#status", Static)
        assert len(str(status.render())) <= status.content_region.width  # not cut off
        # Every question's answer and hint show whole, above the status line.
        for index, question in enumerate(QUESTIONS):
            screen.index = index
            await pilot.pause()
            await pilot.pause()
            for part in ("#answer", ".hint"):
                region = screen.query_one(part).region
                assert region.height > 0, (question.field, part)
                assert region.bottom <= status.region.y, (question.field, part, region)


@pytest.mark.parametrize("size", [(80, 24), (100, 32), (160, 48)])
async def test_the_recommendation_fits_small_and_large_terminals(size: tuple[int, int]) -> None:
    """Nothing on the recommendation wraps or runs past its pane: each factor's bar and its
    points in words, each what-if answer (whole, under its name when it must be), the programs
    by a name a person can tell apart."""
    save_answers(persona("engineer-courses"))
    the_app = app()
    async with the_app.run_test(size=size) as pilot:
        await loaded(pilot)
        await pilot.pause()
        screen = recommendation(the_app)
        bars = screen.query_one(FactorBars)
        drawn = bars.render().plain.splitlines()
        assert drawn and all(len(line) <= bars.size.width for line in drawn)
        assert len(drawn) + 1 == bars.size.height  # the height asked for is the height drawn
        assert sum("→ courses" in line or "→ degree" in line for line in drawn) == len(bars.bars)
        if size[0] >= 100:  # room enough: every name whole, one line per factor
            assert all(bar.name in bars.render().plain for bar in bars.bars)
            assert len(drawn) == len(bars.bars) + 1
        panel = screen.query_one(WhatIfPanel)
        room = panel.size.width - panel.styles.scrollbar_size_vertical
        for index in range(panel.option_count):
            prompt = panel.get_option_at_index(index).prompt
            assert isinstance(prompt, Text)
            lines = prompt.plain.splitlines()
            assert all(len(line) <= room for line in lines), lines
            assert "…" not in prompt.plain, lines  # too long beside its name: under it, whole
        programs = screen.query_one("#programs", DataTable)
        names = {str(programs.get_row_at(row)[1]) for row in range(programs.row_count)}
        assert {"Georgia Tech OMSCS", "CMU MCDS / MLT", "UW MSDS", "Certificates"} <= names
        assert len(names) == programs.row_count  # each program by a whole, distinct short name


async def test_a_click_selects_a_factor_and_shows_its_reason() -> None:
    save_answers(persona("engineer-courses"))
    the_app = app()
    async with the_app.run_test(size=(100, 32)) as pilot:
        await loaded(pilot)
        screen = recommendation(the_app)
        bars = screen.query_one(FactorBars)
        assert bars.selected == 0
        await pilot.click(FactorBars, offset=(3, 3))  # the heading, then bars 0, 1, 2
        await pilot.pause()
        assert bars.selected == 2
        reason = str(screen.query_one("#factor-reason", Static).render())
        assert reason.startswith(bars.bars[2].name)


async def test_complete_answers_wait_for_the_advisor_when_another_mode_starts() -> None:
    """The recommendation is pushed on the Advisor's own stack, never over another mode."""
    save_answers(persona("engineer-courses"))
    the_app = make_app(start_mode="plan", session_loader=load_session)
    async with the_app.run_test(size=(100, 32)) as pilot:
        await loaded(pilot)
        assert the_app.current_mode == "plan"
        assert not isinstance(the_app.screen, RecommendationScreen)
        await pilot.press("f2")
        await pilot.pause()
        assert isinstance(the_app.screen, RecommendationScreen)


async def test_a_kept_what_if_becomes_the_questionnaires_answers() -> None:
    save_answers(persona("defense-degree"))
    the_app = app()
    async with the_app.run_test(size=(100, 32)) as pilot:
        await loaded(pilot)
        screen = recommendation(the_app)
        panel = screen.query_one(WhatIfPanel)
        panel.focus()
        panel.highlighted = [q.field for q in QUESTIONS].index("credential_required")
        await pilot.press("right", "k")
        await the_app.workers.wait_for_complete()
        await pilot.press("escape")
        await pilot.pause()
        assert advisor(pilot).answers["credential_required"] == "no"
    assert stored_answers()["credential_required"] == "no"


async def test_moving_on_from_a_resumed_question_keeps_its_saved_answer() -> None:
    """A returning user with every answer saved lands on the recommendation; back at question
    1, Ctrl+N must keep their goal, not record the default the view showed before loading."""
    answers = persona("defense-degree")
    answers["goal"] = "data-science"
    save_answers(answers)
    the_app = app()
    async with the_app.run_test(size=(100, 32)) as pilot:
        await loaded(pilot)
        await pilot.pause()
        recommendation(the_app)
        await pilot.press("escape")
        await pilot.pause()
        assert advisor(pilot).index == 0
        await pilot.press("ctrl+n")
        await the_app.workers.wait_for_complete()
        await pilot.pause()
        assert advisor(pilot).index == 1
        assert advisor(pilot).answers["goal"] == "data-science"
    assert stored_answers()["goal"] == "data-science"


async def test_an_invalid_saved_answer_is_asked_again_not_a_crash() -> None:
    save_answers({**persona("engineer-courses"), "goal": "astronaut"})
    the_app = app()
    async with the_app.run_test(size=(100, 32)) as pilot:
        await loaded(pilot)
        screen = advisor(pilot)
        assert screen.index == 0
        assert "goal" not in screen.answers
        await answer(pilot, "research")
        await pilot.press("ctrl+g")
        await pilot.pause()
        assert isinstance(the_app.screen, RecommendationScreen)


async def test_next_takes_the_answer_shown() -> None:
    the_app = app()
    async with the_app.run_test(size=(100, 32)) as pilot:
        await loaded(pilot)
        await pilot.press("ctrl+n", "ctrl+n")  # the default goal, then the PhD switch's "no"
        await the_app.workers.wait_for_complete()
        screen = advisor(pilot)
        assert screen.answers == {"goal": "ml-engineering", "plans_phd": False}
        assert screen.index == 2


async def test_the_question_list_jumps_by_keyboard_and_by_click() -> None:
    the_app = app()
    async with the_app.run_test(size=(100, 32)) as pilot:
        await loaded(pilot)
        screen = advisor(pilot)
        sidebar = screen.query_one(QuestionList)
        assert sidebar.lines[0].startswith("·  1 ") and sidebar.highlighted == 0
        await pilot.press("enter")  # answers the goal with its default: ✓ and on to 2
        await pilot.pause()
        assert sidebar.lines[0].startswith("✓  1 ") and sidebar.highlighted == 1
        sidebar.focus()
        await pilot.press("down", "down", "enter")
        await pilot.pause()
        assert screen.index == 3 and sidebar.highlighted == 3
        assert "question 4 of 20" in str(screen.query_one("#position", Static).render())
        await pilot.click(QuestionList, offset=(5, 2))  # the second line, under the border
        await pilot.pause()
        assert screen.index == 1 and sidebar.highlighted == 1
        await pilot.click(QuestionList, offset=(5, 0))  # the border itself: nothing happens
        await pilot.pause()
        assert screen.index == 1


async def test_notifications_show_brackets_literally(tmp_path: Path) -> None:
    the_app = app()
    async with the_app.run_test(size=(100, 32), notifications=True) as pilot:
        await loaded(pilot)
        the_app.notify("Loaded /tmp/[old]/x.toml [/] [@click=app.quit]")
        await pilot.pause()
        (notification,) = the_app._notifications
        assert notification.markup is False


async def test_a_damaged_install_is_explained_not_a_traceback(tmp_path: Path) -> None:
    """mlroute's own catalog missing: the questionnaire still works and says why nothing can
    be recommended."""
    missing = tmp_path / "catalog.toml"

    the_app = damaged_app(missing)
    async with the_app.run_test(size=(100, 32), notifications=True) as pilot:
        await the_app.workers.wait_for_complete()
        await pilot.pause()
        assert the_app.session is None
        assert the_app.load_problem is not None and str(missing) in the_app.load_problem
        (notification,) = the_app._notifications
        assert notification.severity == "error" and "Reinstall" in notification.message
        await answer(pilot, "ml-engineering")  # the questionnaire goes on
        assert advisor(pilot).index == 1
        await pilot.press("ctrl+g")
        await pilot.pause()
        assert any("could not load" in n.message for n in the_app._notifications)
        # The other modes say so too, rather than "Loading…" for ever.
        for key, says in (
            ("f3", "The catalog could not be loaded"),
            ("f4", "mlroute could not load its own data"),
            ("f5", "The FAQ could not be loaded"),
        ):
            await pilot.press(key)
            await pilot.pause()
            text = screen_text(the_app)
            assert says in text, key
            assert "Loading" not in text, key


async def test_a_mode_open_before_the_damage_is_known_explains_it_too(tmp_path: Path) -> None:
    missing = tmp_path / "catalog.toml"

    the_app = damaged_app(missing, "catalog")
    async with the_app.run_test(size=(100, 32)) as pilot:
        await the_app.workers.wait_for_complete()
        await pilot.pause()
        text = screen_text(the_app)
        assert "The catalog could not be loaded" in text
        assert "Nothing to browse" in text
