"""The Plan mode, driven from the keyboard: ticking, notes, undo, resets, paths, saving, files."""

from __future__ import annotations

import errno
import tomllib
from datetime import UTC, datetime
from pathlib import Path

import pytest
from textual import events
from textual.pilot import Pilot
from textual.widgets import Input, Select, Static, TextArea

from mlroute import store
from mlroute.limits import NOTE_MAX
from mlroute.questions import QUESTIONS
from mlroute.store import (
    set_answer,
    set_note,
    set_status,
)
from mlroute.tui.screens.advisor import AdvisorScreen
from mlroute.tui.screens.dialogs import ConfirmScreen, PathScreen
from mlroute.tui.screens.help import HelpScreen
from mlroute.tui.screens.plan import NO_PATH, PlanScreen
from mlroute.tui.widgets.plan_dialogs import (
    ChoosePathScreen,
    CustomItemScreen,
    NoteScreen,
    PaceScreen,
)
from mlroute.tui.widgets.plan_list import PlanList

from .plan_helpers import (
    CALCULUS,
    CHOSEN,
    SIZE,
    TODAY,
    capture_notices,
    courses,
    courses_in_january,
    plan_app,
    plan_screen,
    row_of,
    rows,
    saved,
    settle,
    text_of,
    write_progress,
)

# Ticking -----------------------------------------------------------------------------------


async def test_tick_and_untick_with_space_and_enter() -> None:
    write_progress(courses)
    app = plan_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await plan_screen(pilot)
        plan_list = screen.query_one(PlanList)
        assert plan_list.has_focus
        first = plan_list.highlighted
        assert first is not None and first.id == CALCULUS
        await pilot.press("space")
        await settle(pilot)
        assert screen.progress is not None and screen.progress.status(CALCULUS) == "done"
        assert "✓ Mathematics for Machine Learning" in row_of(screen, CALCULUS)
        assert "✓ Saved" in text_of(screen, "#plan-status")
        assert saved().status(CALCULUS) == "done"
        await pilot.press("enter")
        await settle(pilot)
        assert "○ Mathematics for Machine Learning" in row_of(screen, CALCULUS)
        assert saved().status(CALCULUS) == "todo"


async def test_in_progress_skipped_and_the_prerequisite_warning(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    write_progress(courses)
    app = plan_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await plan_screen(pilot)
        notices = capture_notices(monkeypatch, app)
        plan_list = screen.query_one(PlanList)
        plan_list.move_to("course-ml-classification")  # needs Regression first
        await pilot.press("i")
        await settle(pilot)
        assert saved().status("course-ml-classification") == "in-progress"
        assert "◐ Machine Learning: Classification" in row_of(screen, "course-ml-classification")
        assert "⚠" in row_of(screen, "course-ml-classification")
        assert "⚠ Missing first: Machine Learning: Regression" in text_of(screen, "#plan-detail")
        assert any("Prerequisites" in n and "Regression" in n for n in notices)
        await pilot.press("s")
        await settle(pilot)
        assert saved().status("course-ml-classification") == "skipped"
        assert "– Machine Learning: Classification" in row_of(screen, "course-ml-classification")
        await pilot.press("s")
        await settle(pilot)
        assert saved().status("course-ml-classification") == "todo"


async def test_undo_and_redo_several_steps() -> None:
    write_progress(courses)
    app = plan_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await plan_screen(pilot)
        await pilot.press("space", "down", "down", "space", "down", "space")
        await settle(pilot)
        progress = screen.progress
        assert progress is not None
        done = [i for i, item in progress.items.items() if item.status == "done"]
        assert len(done) == 3
        await pilot.press("u", "u", "u")
        await settle(pilot)
        assert all(saved().status(i) == "todo" for i in done)
        assert "Undone" in text_of(screen, "#plan-status")
        await pilot.press("r", "r")
        await settle(pilot)
        assert [saved().status(i) for i in done] == ["done", "done", "todo"]
        assert "Redone" in text_of(screen, "#plan-status")


async def test_write_and_clear_a_note() -> None:
    write_progress(courses)
    app = plan_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await plan_screen(pilot)
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, NoteScreen)
        await pilot.press(*"week 3 of 6", "enter", *"redo gradients", "ctrl+s")
        await settle(pilot)
        assert saved().item(CALCULUS).note == "week 3 of 6\nredo gradients"
        assert "✎ week 3 of 6 redo gradi" in row_of(screen, CALCULUS)  # one line, cut to fit
        assert "✎ week 3 of 6\n  redo gradients" in text_of(screen, "#plan-detail")
        await pilot.press("n")
        await pilot.pause()
        await pilot.press("f7", "backspace", "ctrl+s")
        await settle(pilot)
        assert saved().item(CALCULUS).note == ""
        assert "✎" not in row_of(screen, CALCULUS)


async def test_a_note_shows_its_count_and_refuses_a_paste_over_the_limit_with_a_message() -> None:
    write_progress(courses, lambda p: set_note(p, CALCULUS, "line one"))
    app = plan_app()
    async with app.run_test(size=SIZE) as pilot:
        await plan_screen(pilot)
        await pilot.press("n")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, NoteScreen)
        count = dialog.query_one("#note-count", Static)
        assert f"8 of {NOTE_MAX:,} characters" in str(count.render())
        area = dialog.query_one("#note", TextArea)
        area.focus()
        # A paste of several lines is kept whole, every line (posted as the terminal does).
        await pilot.press("end")
        app.post_message(events.Paste("\nline two\nline three"))
        await pilot.pause()
        assert area.text == "line one\nline two\nline three"
        assert f"28 of {NOTE_MAX:,}" in str(count.render())
        # A paste that would go over the limit is refused whole, and the dialog says why.
        app.post_message(events.Paste("x" * NOTE_MAX))
        await pilot.pause()
        assert area.text == "line one\nline two\nline three"
        error = str(dialog.query_one("#note-error", Static).render())
        assert f"would be {28 + NOTE_MAX:,} characters" in error and "Not added" in error
        await pilot.press("ctrl+s")
        await settle(pilot)
    assert saved().item(CALCULUS).note == "line one\nline two\nline three"


# Resets and paths --------------------------------------------------------------------------


async def test_reset_a_stage_and_the_plan_only_after_confirmation() -> None:
    write_progress(
        courses,
        lambda p: set_status(p, CALCULUS, "done"),
        lambda p: set_note(p, CALCULUS, "kept"),
        lambda p: set_status(p, "course-ml-regression", "done"),
    )
    app = plan_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await plan_screen(pilot)
        await pilot.press("x")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")
        await settle(pilot)
        assert saved().status(CALCULUS) == "done"
        await pilot.press("x")
        await pilot.pause()
        await pilot.press("y")
        await settle(pilot)
        assert saved().status(CALCULUS) == "todo"
        assert saved().item(CALCULUS).note == "kept"
        assert saved().status("course-ml-regression") == "done"  # another stage
        await pilot.press("X")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("y")
        await settle(pilot)
        assert saved().status("course-ml-regression") == "todo"
        assert screen.line is not None and screen.line.overall.done == 0
        await pilot.press("u")
        await settle(pilot)
        assert saved().status("course-ml-regression") == "done"


async def test_switch_path_keeps_progress_on_shared_items() -> None:
    write_progress(courses)
    app = plan_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await plan_screen(pilot)
        await pilot.press("space")  # the calculus course, in both plans
        await settle(pilot)
        await pilot.press("p")
        await pilot.pause()
        assert isinstance(app.screen, ChoosePathScreen)
        await pilot.press("down", "enter")  # the first program: OMSCS
        await settle(pilot)
        assert screen.plan is not None and screen.plan.path == "degree"
        assert saved().path == "degree" and saved().program == "gatech-omscs"
        assert screen.line is not None and screen.line.overall.done == 1
        assert "✓ Mathematics for Machine Learning" in row_of(screen, CALCULUS)
        assert "1 item already done" in text_of(screen, "#plan-status")
        assert "Degree path" in text_of(screen, "#plan-summary")
        assert any(i.kind == "application" for i in screen.plan.items())
        await pilot.press("u")
        await settle(pilot)
        assert screen.plan.path == "courses"


async def test_a_fresh_user_is_told_how_to_get_a_plan_and_can_choose_one() -> None:
    write_progress()
    app = plan_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await plan_screen(pilot)
        assert NO_PATH[:40] in " ".join(rows(screen))
        await pilot.press("space")  # nothing to tick: no crash, no change
        await pilot.press("p")
        await pilot.pause()
        await pilot.press("enter")  # the course path
        await settle(pilot)
        assert screen.plan is not None and screen.plan.path == "courses"
        assert saved().path == "courses"


async def test_progress_changed_elsewhere_shows_when_the_plan_returns() -> None:
    write_progress(courses)
    app = plan_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await plan_screen(pilot)
        session = app.session
        assert session is not None
        await pilot.press("f2")
        await pilot.pause()
        session.update(lambda p: set_status(p, "course-ml-regression", "done"))
        await pilot.press("f4")
        await pilot.pause()
        assert app.screen is screen
        assert "✓ Machine Learning: Regression" in row_of(screen, "course-ml-regression")


# Saving ------------------------------------------------------------------------------------


async def test_restart_finds_everything_as_it_was() -> None:
    write_progress(courses)
    first = plan_app()
    async with first.run_test(size=SIZE) as pilot:
        await plan_screen(pilot)
        await pilot.press("space", "n", *"halfway", "ctrl+s")
        await pilot.press("down", "down", "i")
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(first.screen, CustomItemScreen)
        await pilot.press(*"Read ISLR", "tab", "tab", "backspace", "1", "2", "enter")
        await pilot.press("h")
        await pilot.pause()
        await pilot.press("ctrl+a", "ctrl+k", "6", "enter")
        await settle(pilot)
        before = first.session.progress if first.session else None
    second = plan_app()
    async with second.run_test(size=SIZE) as pilot:
        screen = await plan_screen(pilot)
        progress = screen.progress
        assert before is not None and progress is not None
        assert progress.items == before.items
        assert progress.custom_items == before.custom_items
        assert progress.hours_per_week == 6
        assert progress.item(CALCULUS).note == "halfway"
        (custom_id,) = progress.custom_items
        assert screen.plan is not None and custom_id in screen.plan.by_id
        assert "Read ISLR" in row_of(screen, custom_id) and "12 h" in row_of(screen, custom_id)
        assert "6 h/week" in text_of(screen, "#plan-summary")
        # The undo history survives the restart too.
        await pilot.press("u")
        await settle(pilot)
        assert screen.progress is not None and screen.progress.hours_per_week != 6


async def test_a_save_error_is_shown_and_the_change_kept_in_memory(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    write_progress(courses)
    app = plan_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await plan_screen(pilot)
        notices = capture_notices(monkeypatch, app)

        def disk_full(fd: int, data: bytes) -> None:
            raise OSError(errno.ENOSPC, "No space left on device")

        with monkeypatch.context() as patch:
            patch.setattr(store, "_write", disk_full)
            await pilot.press("space")
            await settle(pilot)
        assert "NOT SAVED" in text_of(screen, "#plan-status")
        assert any("Not saved" in n and "disk is full" in n for n in notices)
        assert screen.progress is not None and screen.progress.status(CALCULUS) == "done"
        assert "✓ Mathematics for Machine Learning" in row_of(screen, CALCULUS)
        assert saved().status(CALCULUS) == "todo"
        # Once the disk has room again, Ctrl+S saves what was kept.
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert saved().status(CALCULUS) == "done"
        assert "✓ Saved" in text_of(screen, "#plan-status")


# The timeline ------------------------------------------------------------------------------


async def test_the_timeline_moves_when_items_are_done() -> None:
    write_progress(courses)
    app = plan_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await plan_screen(pilot, today=None)
        assert screen.line is not None
        before, summary = screen.line.finish, text_of(screen, "#plan-summary")
        stage_before = screen.line.stages[0].finish
        assert before is not None and stage_before is not None
        assert f"Finish {before.isoformat()}" in summary
        assert "10 h/week (your planned pace)" in summary
        assert "behind your target" in summary or "ahead of your target" in summary
        await pilot.press("space")
        await settle(pilot)
        after = screen.line.finish
        assert after is not None and after < before
        assert screen.line.stages[0].finish is not None
        assert screen.line.stages[0].finish < stage_before
        assert f"Finish {after.isoformat()}" in text_of(screen, "#plan-summary")
        assert screen.plan is not None
        hours = screen.plan.by_id[CALCULUS].hours or 0
        assert f"{hours:.0f} h done, 0 left" in rows(screen)[0]  # the stage's course is done


async def test_the_timeline_switches_to_the_actual_pace() -> None:
    done_on = datetime(2026, 2, 1, tzinfo=UTC)
    write_progress(
        courses_in_january,
        lambda p: set_status(p, CALCULUS, "done", when=done_on),
        lambda p: set_status(p, "course-ml-regression", "done", when=done_on),
    )
    app = plan_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await plan_screen(pilot, today=TODAY)
        line = screen.line
        assert line is not None and line.pace.measured and line.pace.since == CHOSEN.date()
        # The two courses' hours, done in the 8 weeks since the path was chosen.
        assert screen.plan is not None
        done = sum(screen.plan.by_id[i].hours or 0 for i in (CALCULUS, "course-ml-regression"))
        assert line.pace.actual == pytest.approx(done / 8)
        assert f"{done / 8:.1f} h/week (actual" in text_of(screen, "#plan-summary")


async def test_a_saved_answer_out_of_range_is_named_not_finish_the_questionnaire() -> None:
    write_progress(courses, lambda p: set_answer(p, "hours_per_week", 100))
    app = plan_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await plan_screen(pilot)
        assert screen.plan is None
        shown = " ".join(" ".join(rows(screen)).split())
        assert "hours_per_week: must be at most 80" in shown, shown


async def test_a_budget_advise_takes_makes_a_plan_in_the_app() -> None:
    write_progress(courses, lambda p: set_answer(p, "budget_usd", 900_000))
    app = plan_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await plan_screen(pilot)
        assert screen.plan is not None


async def test_the_plans_pace_is_the_questionnaires_hours() -> None:
    write_progress(courses)
    app = plan_app()
    async with app.run_test(size=SIZE) as pilot:
        await plan_screen(pilot)
        await pilot.press("h")
        await pilot.pause()
        assert isinstance(app.screen, PaceScreen)
        await pilot.press("ctrl+a", "ctrl+k", "6", "enter")
        await settle(pilot)
        assert saved().hours_per_week == 6
        assert saved().answers["hours_per_week"] == 6
        await pilot.press("f2")  # every answer given: the recommendation, over the questions
        await pilot.pause()
        (advisor_screen,) = [s for s in app.screen_stack if isinstance(s, AdvisorScreen)]
        assert advisor_screen.answers["hours_per_week"] == 6
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is advisor_screen
        advisor_screen.index = next(
            i for i, q in enumerate(QUESTIONS) if q.field == "hours_per_week"
        )
        await pilot.pause()
        assert advisor_screen.query_one("#answer", Input).value == "6"


async def test_the_pace_dialog_refuses_a_decimal_where_it_is_typed() -> None:
    write_progress(courses)
    app = plan_app()
    async with app.run_test(size=SIZE) as pilot:
        await plan_screen(pilot)
        await pilot.press("h")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, PaceScreen)
        await pilot.press("ctrl+a", "ctrl+k", *"7.5")
        await pilot.pause()
        assert dialog.query_one("#pace", Input).value == "7.5"
        error = str(dialog.query_one("#pace-error", Static).render())
        assert "no decimal point (e.g. 7)" in error
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is dialog
        assert saved().hours_per_week is None


# Files -------------------------------------------------------------------------------------


async def enter_path(pilot: Pilot[None], path: Path) -> None:
    assert isinstance(pilot.app.screen, PathScreen)
    pilot.app.screen.query_one("#path", Input).value = str(path)
    await pilot.press("enter")
    await settle(pilot)


async def test_export_the_plan_to_markdown(tmp_path: Path) -> None:
    write_progress(
        courses_in_january,
        lambda p: set_status(p, CALCULUS, "done", when=datetime(2026, 2, 1, tzinfo=UTC)),
        lambda p: set_note(p, CALCULUS, "loved *it*"),
    )
    app = plan_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await plan_screen(pilot, today=TODAY)
        await pilot.press("e")
        await pilot.pause()
        target = tmp_path / "out" / "plan.md"
        await enter_path(pilot, target)
        text = target.read_text()
        assert text.startswith("# My ML plan: the course path")
        assert "- [x] Mathematics for Machine Learning: Multivariate Calculus" in text
        assert "done 2026-02-01" in text and r"Note: loved \*it\*" in text
        assert screen.plan is not None
        assert text.count("- [ ]") + text.count("- [x]") == len(screen.plan)
        assert f"Exported by mlroute on {TODAY.isoformat()}" in text
        assert "Plan written to" in text_of(screen, "#plan-status")


async def test_backup_then_import_it_back(tmp_path: Path) -> None:
    write_progress(courses, lambda p: set_status(p, CALCULUS, "done"))
    app = plan_app()
    backup = tmp_path / "backup.toml"
    async with app.run_test(size=SIZE) as pilot:
        screen = await plan_screen(pilot)
        await pilot.press("b")
        await pilot.pause()
        await enter_path(pilot, backup)
        assert tomllib.loads(backup.read_text())["items"][CALCULUS]["status"] == "done"
        await pilot.press("space")  # untick after the backup
        await settle(pilot)
        assert saved().status(CALCULUS) == "todo"
        await pilot.press("o")
        await pilot.pause()
        await enter_path(pilot, backup)
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("y")
        await settle(pilot)
        assert saved().status(CALCULUS) == "done"
        assert screen.progress is not None and screen.progress.status(CALCULUS) == "done"
        await pilot.press("u")  # the import is one undoable change
        await settle(pilot)
        assert saved().status(CALCULUS) == "todo"


async def test_a_bad_backup_is_refused_with_its_problems(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_progress(courses, lambda p: set_status(p, CALCULUS, "done"))
    bad = tmp_path / "bad.toml"
    bad.write_text("schema_version = 1\n[items]\nx = 3\n")
    app = plan_app()
    async with app.run_test(size=SIZE) as pilot:
        await plan_screen(pilot)
        notices = capture_notices(monkeypatch, app)
        await pilot.press("o")
        await pilot.pause()
        await enter_path(pilot, bad)
        assert not isinstance(app.screen, ConfirmScreen)
        assert any("Not imported" in n and "bad.toml" in n for n in notices)
        assert saved().status(CALCULUS) == "done"


# Custom items ------------------------------------------------------------------------------


async def test_add_and_remove_a_custom_item() -> None:
    write_progress(courses)
    app = plan_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await plan_screen(pilot)
        await pilot.press("a")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, CustomItemScreen)
        await pilot.press("enter")  # no title: refused where it is typed
        await pilot.pause()
        assert app.screen is dialog
        assert "Say what the item is" in str(dialog.query_one("#item-error", Static).render())
        await pilot.press(*"Kaggle <b>comp</b>")
        dialog.query_one("#stage", Select).value = ""  # a stage of its own
        await pilot.press("enter")
        await settle(pilot)
        progress = screen.progress
        assert progress is not None
        (item_id,) = progress.custom_items
        assert screen.plan is not None and screen.plan.stages[-1].title == "Your own items"
        plan_list = screen.query_one(PlanList)
        assert plan_list.highlighted is not None and plan_list.highlighted.id == item_id
        assert "Kaggle <b>comp</b>" in row_of(screen, item_id)  # text, never markup
        assert item_id in saved().custom_items
        await pilot.press("delete")
        await settle(pilot)
        assert item_id not in saved().custom_items
        assert screen.plan.stages[-1].title != "Your own items"


# The app's expectations ---------------------------------------------------------------------


async def test_every_command_is_in_help_and_the_footer_fits_80x24() -> None:
    write_progress(courses)
    app = plan_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await plan_screen(pilot)
        for selector in ("#plan-summary", "#plan-list", "#plan-detail", "#plan-status"):
            region = screen.query_one(selector).region
            assert region.height > 0 and region.right <= 80 and region.bottom <= 23, selector
        assert screen.query_one(PlanList).region.height >= 10
        summary = text_of(screen, "#plan-summary").splitlines()
        assert all(len(line) <= 78 for line in summary)
        assert "behind target" in summary[1] or "ahead of target" in summary[1]
        await pilot.press("question_mark")
        await pilot.pause()
        help_screen = app.screen
        assert isinstance(help_screen, HelpScreen)
        shown = " ".join(str(s.render()) for s in help_screen.query(Static))
        for command in PlanScreen.COMMANDS_LIST:
            assert command.help in shown, command.title


async def test_the_mouse_moves_the_cursor_and_a_click_on_the_mark_ticks() -> None:
    write_progress(courses)
    app = plan_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await plan_screen(pilot)
        plan_list = screen.query_one(PlanList)
        # Inside the border (one cell), row 0 is the first stage's heading; the checkpoint,
        # "  ○ Calculus…" with its mark in the third column, follows its course and that
        # course's alternatives.
        row = next(n for n, r in enumerate(plan_list.rows) if r.item and r.item.id == "calculus")
        await pilot.click(PlanList, offset=(20, row + 1))
        await settle(pilot)
        assert plan_list.highlighted is not None and plan_list.highlighted.id == "calculus"
        assert saved().status("calculus") == "todo"
        await pilot.click(PlanList, offset=(3, row + 1))
        await settle(pilot)
        assert saved().status("calculus") == "done"
