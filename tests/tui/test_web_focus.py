"""Served to a browser, the app starts blurred; the keyboard must still land on the screen."""

from __future__ import annotations

from textual import events

from mlroute.tui.screens.help import HelpScreen
from mlroute.tui.widgets.question import QuestionView

from .helpers import app, loaded


async def test_a_screen_built_while_the_app_is_blurred_gets_its_focus_when_focus_returns() -> None:
    """Textual skips a screen's AUTO_FOCUS while the app is blurred, as textual-serve's driver
    makes it before the first screen is composed; focus coming back must apply it, or no
    widget takes the keys (in the browser, the first questions' Enter did nothing)."""
    the_app = app()
    async with the_app.run_test(size=(100, 32)) as pilot:
        await loaded(pilot)
        the_app.post_message(events.AppBlur())
        await pilot.pause()
        the_app.action_help()  # a screen that leaves its focus to AUTO_FOCUS
        await pilot.pause()
        assert isinstance(the_app.screen, HelpScreen)
        assert the_app.screen.focused is None
        the_app.post_message(events.AppFocus())
        await pilot.pause()
        assert the_app.screen.focused is not None


async def test_a_new_users_first_question_is_not_rebuilt_when_the_session_loads() -> None:
    """The load lands just after the first frame, when a browser's first key may be on its way;
    rebuilding the question then would lose that key with the old view."""
    the_app = app()
    async with the_app.run_test(size=(100, 32)) as pilot:
        first = the_app.screen.query_one(QuestionView)
        await loaded(pilot)
        assert the_app.screen.query_one(QuestionView) is first
