"""Shared helpers for the Pilot tests: build the app on a temp data dir, answer by keyboard,
read the screen as text."""

from __future__ import annotations

import io
import tomllib
from pathlib import Path
from typing import Any

from rich.console import Console
from textual.app import App
from textual.pilot import Pilot
from textual.widgets import Input, Switch

from mlroute.answers import flat, load_answers
from mlroute.questions import QUESTIONS, Value
from mlroute.session import Session, load_session
from mlroute.store import Progress, ProgressStore, set_answers
from mlroute.tui.app import MLRouteApp, make_app
from mlroute.tui.screens.advisor import AdvisorScreen
from mlroute.tui.widgets.choice_list import ChoiceList
from mlroute.tui.widgets.question import QuestionView

ANSWERS = Path(__file__).resolve().parents[1] / "fixtures" / "answers"


def persona(name: str) -> dict[str, Value]:
    """A persona's answers from tests/fixtures/answers/<name>.toml, flat."""
    return flat(load_answers(ANSWERS / f"{name}.toml"))


def save_answers(flat_answers: dict[str, Value]) -> None:
    """Store answers in the progress file, as if a previous run had given them."""
    store = ProgressStore()
    nested: dict[str, object] = {}
    for key, value in flat_answers.items():
        if key.startswith("foundations."):
            nested.setdefault("foundations", {})[key.split(".", 1)[1]] = value  # type: ignore[index]
        else:
            nested[key] = value
    store.load()
    store.save(set_answers(Progress(), nested))


def stored_answers() -> dict[str, object]:
    """The answers table as written in the progress file."""
    data = tomllib.loads(ProgressStore().path.read_text())
    answers: dict[str, object] = data.get("answers", {})
    return answers


def app() -> MLRouteApp:
    """The app on the temp data dirs the autouse fixture set up."""
    return make_app(start_mode="advisor", session_loader=load_session)


def damaged_app(missing: Path, start_mode: str = "advisor") -> MLRouteApp:
    """The app on an install whose own catalog is gone (`missing` does not exist)."""
    from mlroute.catalog import load_catalog

    def broken() -> Session:
        return load_session(catalog_loader=lambda: load_catalog(bundled=missing))

    return make_app(start_mode=start_mode, session_loader=broken)


async def loaded(pilot: Pilot[None]) -> Session:
    """Wait for the session to load; return it."""
    app = pilot.app
    assert isinstance(app, MLRouteApp)
    while app.session is None:
        await app.workers.wait_for_complete()
        await pilot.pause()
    await pilot.pause()
    return app.session


def advisor(pilot: Pilot[None]) -> AdvisorScreen:
    """The advisor screen (the base of the Advisor mode)."""
    screen = pilot.app.screen
    assert isinstance(screen, AdvisorScreen), screen
    return screen


async def answer(pilot: Pilot[None], value: Value) -> None:
    """Answer the question on screen by keyboard, then confirm with Enter."""
    view = pilot.app.screen.query_one(QuestionView)
    question = view.question
    if question.kind in ("choice", "level"):
        chooser = view.query_one("#answer", ChoiceList)
        target = [c.value for c in question.choices].index(value)
        current = chooser.highlighted
        key = "down" if target > current else "up"
        for _ in range(abs(target - current)):
            await pilot.press(key)
    elif question.kind == "switch":
        if view.query_one("#answer", Switch).value != value:
            await pilot.press("space")
    else:
        field = view.query_one("#answer", Input)
        assert field.has_focus
        await pilot.press("ctrl+a", "ctrl+k", *str(value))
    await pilot.press("enter")
    await pilot.pause()


async def answer_all(pilot: Pilot[None], answers: dict[str, Value]) -> None:
    """Answer every question in order from the keyboard."""
    for index, question in enumerate(QUESTIONS):
        assert advisor(pilot).index == index
        await answer(pilot, answers[question.field])


def screen_text(app: App[Any]) -> str:
    """What the terminal shows, as text: the same render `export_screenshot` records.

    Uses the compositor (private) because it is exactly what is written to the terminal.
    """
    width, height = app.size
    console = Console(
        width=width,
        height=height,
        file=io.StringIO(),
        force_terminal=True,
        color_system="truecolor",
        record=True,
        legacy_windows=False,
        safe_box=False,
    )
    console.print(app.screen._compositor.render_update(full=True))
    return console.export_text(styles=False)
