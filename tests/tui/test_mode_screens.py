"""The modes' screens and the app agree through `ModeScreen` and `KeyedScreen`: the app sets
what a mode needs (attributes down), a screen posts messages up, and no screen reaches into
the app for mlroute's own state."""

from __future__ import annotations

import ast
import inspect
from importlib import import_module
from pathlib import Path

import pytest
from textual.app import App
from textual.screen import Screen

import mlroute.tui.app as app_module
from mlroute.tui.app import KEYED, MODE_SCREENS, make_app
from mlroute.tui.screens.advisor import AdvisorScreen
from mlroute.tui.screens.base import KeyedScreen, ModeScreen, commands_of
from mlroute.tui.screens.help import HelpScreen

from .helpers import app, damaged_app, loaded, persona

SCREENS = Path(app_module.__file__).parent / "screens"

APP_API = frozenset(
    {
        "call_from_thread",
        "push_screen",
        "push_screen_wait",
        "notify",
        "open_url",
        "is_web",
        "deliver_text",
        "switch_mode",
        "exit",
        "theme",
        "bell",
    }
)
"""What a screen may use of the app: Textual's own App API, nothing of mlroute's."""


def mode_screen_classes() -> list[type[Screen[None]]]:
    """Each mode's screen class, as the app imports it."""
    return [getattr(import_module(f"mlroute.tui.screens.{m}"), n) for m, n in MODE_SCREENS.values()]


# The declared interface ----------------------------------------------------------------------


def test_every_mode_screen_is_a_mode_screen_declaring_its_own_commands() -> None:
    classes = mode_screen_classes()
    assert [cls.__name__ for cls in classes] == [
        "AdvisorScreen",
        "CatalogScreen",
        "PlanScreen",
        "FaqScreen",
    ]
    for cls in classes:
        assert issubclass(cls, ModeScreen), cls
        # Its own list, not one inherited: the class that declares it names the command ids.
        assert "COMMANDS_LIST" in cls.__dict__, cls
        assert cls.COMMANDS_LIST, cls


def test_every_screen_with_commands_is_a_keyed_screen() -> None:
    """The help screen and the palette list a screen's commands only through `KeyedScreen`:
    a screen declaring commands outside it would lose them there."""
    screens = [
        getattr(import_module(module), name)
        for module, name in KEYED
        if issubclass(getattr(import_module(module), name), Screen)
    ]
    assert {cls.__name__ for cls in screens} >= {"RecommendationScreen", "CompareScreen"}
    for cls in screens:
        assert issubclass(cls, KeyedScreen), cls
    assert commands_of(HelpScreen([], "")) == ()


def test_a_mode_whose_screen_is_not_a_mode_screen_is_refused(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setitem(app_module.MODE_SCREENS, "faq", ("dialogs", "ConfirmScreen"))
    the_app = make_app(start_mode="advisor")
    with pytest.raises(TypeError, match="ConfirmScreen, the faq mode's screen"):
        the_app._screen_factory("faq")()


# Attributes down -----------------------------------------------------------------------------


async def test_the_app_hands_its_session_to_every_mode_screen() -> None:
    the_app = app()
    async with the_app.run_test(size=(100, 32)) as pilot:
        session = await loaded(pilot)
        for mode in MODE_SCREENS:
            await the_app.switch_mode(mode)
            await pilot.pause()
            screen = the_app.screen
            assert isinstance(screen, ModeScreen), mode
            assert screen.session is session, mode
            assert screen.load_problem is None, mode


async def test_a_load_problem_reaches_every_mode_screen_and_the_advisor_says_it(
    tmp_path: Path,
) -> None:
    missing = tmp_path / "catalog.toml"

    the_app = damaged_app(missing)
    async with the_app.run_test(size=(100, 32), notifications=True) as pilot:
        await the_app.workers.wait_for_complete()
        await pilot.pause()
        problem = the_app.load_problem
        assert problem is not None and str(missing) in problem
        advisor = the_app.screen
        assert isinstance(advisor, AdvisorScreen)
        assert advisor.load_problem == problem  # set on the screen built before the failure
        advisor.answers = persona("engineer-courses")  # every question answered
        the_app._notifications.clear()
        await pilot.press("ctrl+g")
        await pilot.pause()
        assert [n.message for n in the_app._notifications] == [problem]
        for mode in ("catalog", "plan", "faq"):  # and on each built after it
            await the_app.switch_mode(mode)
            await pilot.pause()
            screen = the_app.screen
            assert isinstance(screen, ModeScreen) and screen.load_problem == problem, mode


# No reaching up ------------------------------------------------------------------------------


def reach_ups(source: str) -> list[str]:
    """Each use of `self.app` in `source` other than one of Textual's App API (`APP_API`):
    mlroute's own attributes, `getattr`/`hasattr` on the app, a `cast`, or the app held in a
    name (which hides what is used of it), as `line: code`."""
    tree = ast.parse(source)
    parents = {child: node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}
    found: list[tuple[int, str]] = []
    for node in ast.walk(tree):
        if not (
            isinstance(node, ast.Attribute)
            and node.attr == "app"
            and isinstance(node.value, ast.Name)
            and node.value.id == "self"
        ):
            continue
        parent = parents[node]
        if isinstance(parent, ast.Attribute) and parent.value is node and parent.attr in APP_API:
            continue
        found.append((node.lineno, ast.unparse(parent)))
    return [f"{line}: {code}" for line, code in sorted(found)]


def duck_typing(source: str) -> list[str]:
    """Each `hasattr` call in `source`, and each `getattr` on anything but a module just
    imported (a mode's screen class is looked up by name, to import it on first use)."""
    found: list[tuple[int, str]] = []
    for node in ast.walk(ast.parse(source)):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)):
            continue
        if node.func.id == "hasattr":
            found.append((node.lineno, ast.unparse(node)))
        elif node.func.id == "getattr":
            target = node.args[0]
            on_module = (
                isinstance(target, ast.Call)
                and isinstance(target.func, ast.Name)
                and target.func.id == "import_module"
            )
            if not on_module:
                found.append((node.lineno, ast.unparse(node)))
    return [code for _, code in sorted(found)]


def test_the_checks_catch_reaching_up_and_duck_typing() -> None:
    source = inspect.cleandoc(
        """
        class S:
            def f(self):
                problem = getattr(self.app, "load_problem", None)
                self.app.session.flush()
                app = self.app
                if hasattr(self.screen, "show_entry"):
                    cast(MLRouteApp, self.app).effective()
                self.app.push_screen(x)
                self.app.call_from_thread(self.notify, "ok")
                getattr(import_module("m"), "C")
        """
    )
    assert reach_ups(source) == [
        "3: getattr(self.app, 'load_problem', None)",
        "4: self.app.session",
        "5: app = self.app",
        "7: cast(MLRouteApp, self.app)",
    ]
    assert duck_typing(source) == [
        "getattr(self.app, 'load_problem', None)",
        "hasattr(self.screen, 'show_entry')",
    ]


def test_screens_use_only_textual_s_app_api() -> None:
    assert APP_API.issubset(dir(App))  # none of them mlroute's own
    modules = sorted(SCREENS.glob("*.py"))
    assert {"advisor.py", "catalog.py", "plan.py", "faq.py"} <= {m.name for m in modules}
    found = {m.name: reach_ups(m.read_text()) for m in modules}
    assert found == {m.name: [] for m in modules}


def test_the_app_does_not_duck_type_its_screens_or_messages() -> None:
    """The app uses what `ModeScreen`, `KeyedScreen` and the messages declare; what is left is
    reading a binding's id, which Textual's tuple form of a binding lacks."""
    found = duck_typing(Path(app_module.__file__).read_text())
    assert found == ["getattr(binding, 'id', None)"]
