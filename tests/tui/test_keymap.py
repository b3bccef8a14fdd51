"""Remapping keys: command ids, the `[keys]` table of settings.toml through Textual's keymap,
and the footer, `?` screen and palette showing the keys in effect; and TEXTUAL_THEME."""

from __future__ import annotations

import inspect
import pkgutil
from importlib import import_module
from pathlib import Path

import pytest
from textual.widgets import Static

import mlroute.tui
from mlroute.session import load_session
from mlroute.settings import Settings, load_settings, save_settings
from mlroute.tui.app import KEYED, MLRouteApp, command_ids, make_app
from mlroute.tui.commands import Command, check_keymap, command_id, key_problem, scope_of
from mlroute.tui.screens.help import HelpScreen
from mlroute.tui.widgets.keybar import KeyBar

from .helpers import loaded


def settings_file(isolated_dirs: Path, text: str) -> Path:
    path = isolated_dirs / "config" / "settings.toml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    return path


def keyed_app(settings: Path) -> MLRouteApp:
    return make_app(start_mode="advisor", settings_path=settings, session_loader=load_session)


# Ids -----------------------------------------------------------------------------------------


def test_every_class_with_commands_is_where_ids_are_looked_up() -> None:
    declared = set()
    for info in pkgutil.walk_packages(mlroute.tui.__path__, "mlroute.tui."):
        if info.name.endswith("__main__"):  # runs the app when imported
            continue
        module = import_module(info.name)
        for name, value in vars(module).items():
            if (
                inspect.isclass(value)
                and value.__module__ == info.name
                and "COMMANDS_LIST" in value.__dict__
                and value is not MLRouteApp
            ):
                declared.add((info.name, name))
    assert declared == set(KEYED)


def test_every_binding_has_its_command_s_id_and_ids_are_unique() -> None:
    owners = [MLRouteApp, *(getattr(import_module(m), n) for m, n in KEYED)]
    seen: list[str] = []
    for owner in owners:
        ids = [binding.id for binding in owner.BINDINGS]
        assert all(ids), owner
        seen += [i for i in ids if i]
    assert len(seen) == len(set(seen))
    assert {"advisor.next", "plan.stage.previous", "app.switch_mode.plan"} <= set(seen)
    assert command_ids() == set(seen)


def test_ids_read_as_scope_action_argument() -> None:
    assert scope_of("AdvisorScreen") == "advisor"
    assert scope_of("MarkdownView") == "markdown_view"
    assert scope_of(MLRouteApp) == "app"
    step = Command("right_square_bracket", "stage(1)", "Next stage", "")
    assert command_id("plan", step) == "plan.stage.next"
    mode = Command("f4", "switch_mode('plan')", "Plan", "")
    assert command_id("app", mode) == "app.switch_mode.plan"


# Key names -----------------------------------------------------------------------------------


@pytest.mark.parametrize("key", ["x", "?", "f6", "ctrl+j", "ctrl+shift+a", "question_mark"])
def test_key_names_textual_knows_are_accepted(key: str) -> None:
    assert key_problem(key) is None


@pytest.mark.parametrize("key", ["ctrl+jj", "ctrll+a", "", "hyper+", "shift+F-one"])
def test_bad_key_names_are_named(key: str) -> None:
    assert key_problem(key)


def test_the_usable_part_of_a_keys_table_is_kept() -> None:
    keymap, problems = check_keymap(
        [("advisor.next", "ctrl+j,?"), ("plan.tick", "ctrll+t"), ("no.such", "f6")],
        {"advisor.next", "plan.tick"},
    )
    assert keymap == {"advisor.next": "ctrl+j,question_mark"}
    assert problems[0].startswith("plan.tick: 'ctrll' is not a modifier")
    assert "default key is kept" in problems[0]
    assert problems[1].startswith("no.such: no command has this id")


def test_settings_keep_the_keys_table_when_the_theme_is_saved(tmp_path: Path) -> None:
    path = tmp_path / "settings.toml"
    path.write_text('[keys]\nplan.tick = "t"\n"advisor.next" = "ctrl+j"\napp.quit = 3\n')
    settings = load_settings(path)
    assert settings.theme is None
    assert settings.keys == (("plan.tick", "t"), ("advisor.next", "ctrl+j"))
    assert settings.problems and settings.problems[0].startswith("app.quit: the keys must be text")
    save_settings(settings._replace(theme="nord"), path)
    again = load_settings(path)
    assert again.theme == "nord" and again.keys == settings.keys


# In the app ----------------------------------------------------------------------------------


async def test_remapped_keys_run_and_show_everywhere(isolated_dirs: Path) -> None:
    path = settings_file(isolated_dirs, '[keys]\n"app.help" = "f9"\nadvisor.next = "ctrl+j"\n')
    app = keyed_app(path)
    async with app.run_test(size=(120, 32)) as pilot:
        await loaded(pilot)
        screen = app.screen
        assert "^j" in str(screen.query_one(KeyBar).render()).lower()  # the footer
        palette = {c.title: c.help for c in app.get_system_commands(screen)}
        assert palette["Next"].startswith("Ctrl+J · ")
        await pilot.press("ctrl+j")
        await pilot.pause()
        assert getattr(screen, "index", None) == 1
        await pilot.press("f1")  # replaced by f9
        await pilot.pause()
        assert not isinstance(app.screen, HelpScreen)
        await pilot.press("f9")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        text = " ".join(str(s.render()) for s in app.screen.query(Static))
        assert "Ctrl+J Next" in text and "F9 Help" in text  # a key, then its description
        assert app.key_problems == []


async def test_a_bad_key_name_is_reported_and_the_default_kept(isolated_dirs: Path) -> None:
    path = settings_file(isolated_dirs, '[keys]\n"app.help" = "ctrll+h"\n"no.such" = "f6"\n')
    app = keyed_app(path)
    async with app.run_test(size=(120, 32)) as pilot:
        await loaded(pilot)
        while len(app.key_problems) < 2:
            await app.workers.wait_for_complete()
            await pilot.pause()
        assert app.key_problems[0].startswith("app.help: 'ctrll' is not a modifier")
        assert app.key_problems[1].startswith("no.such: no command has this id")
        shown = [n.message for n in app._notifications]
        assert any("ctrll" in message and "no.such" in message for message in shown)
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)


# Theme ---------------------------------------------------------------------------------------


async def test_textual_theme_is_followed_when_no_theme_is_saved(
    isolated_dirs: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TEXTUAL_THEME", "nord")
    path = isolated_dirs / "config" / "settings.toml"
    app = keyed_app(path)
    async with app.run_test() as pilot:
        await pilot.pause()
        assert app.theme == "nord"
    assert not path.exists()  # following the variable is not a choice to remember


async def test_a_saved_theme_wins_over_textual_theme(
    isolated_dirs: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TEXTUAL_THEME", "nord")
    path = isolated_dirs / "config" / "settings.toml"
    save_settings(Settings(theme="gruvbox"), path)
    app = keyed_app(path)
    async with app.run_test() as pilot:
        await pilot.pause()
        assert app.theme == "gruvbox"
