"""The footer's key bar: what it shows at each width, and that a click runs the key."""

from __future__ import annotations

from typing import ClassVar

import pytest
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import Input

from mlroute.tui.commands import Command, bindings
from mlroute.tui.widgets.keybar import KeyBar


class Keyed(Screen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+n", "note('next')", "Next"),
        Binding("ctrl+b", "note('back')", "Back"),
        Binding("ctrl+g", "note('result')", "Result"),
        Binding("ctrl+o", "note('export')", "Export"),
        Binding("ctrl+t", "note('hidden')", "Hidden", show=False),
        Binding("ctrl+r", "note('disabled')", "Disabled"),
    ]

    def compose(self) -> ComposeResult:
        yield Input(id="box")  # focused: its own keys (ctrl+e, ctrl+d…) are not the screen's
        yield KeyBar()

    def action_note(self, what: str) -> None:
        assert isinstance(self.app, KeyedApp)
        self.app.ran.append(what)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return None if parameters == ("disabled",) else True


class KeyedApp(App[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("f1", "help", "Help"),
        Binding("ctrl+q", "quit", "Quit"),
        Binding("f2", "note('advisor')", "Advisor"),
        Binding("f3", "note('catalog')", "Catalog"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.ran: list[str] = []

    def on_mount(self) -> None:
        self.push_screen(Keyed())

    def action_note(self, what: str) -> None:
        self.ran.append(what)

    def action_help(self) -> None:
        self.ran.append("help")


def shown(app: App[None]) -> str:
    return str(app.screen.query_one(KeyBar).render())


async def test_a_wide_bar_shows_every_key_and_the_palette() -> None:
    app = KeyedApp()
    async with app.run_test(size=(120, 10)) as pilot:
        await pilot.pause()
        line = shown(app)
        for label in ("^n Next", "^b Back", "Result", "Export", "Help", "Quit", "Advisor"):
            assert label in line, label
        assert "Hidden" not in line
        assert line.rstrip().endswith("^p palette")
        assert len(line) == 120


async def test_a_narrow_bar_keeps_help_and_quit_and_says_more_exist() -> None:
    app = KeyedApp()
    async with app.run_test(size=(50, 10)) as pilot:
        await pilot.pause()
        line = shown(app)
        assert "palette" not in line and "Advisor" not in line  # dropped first
        assert "f1 Help" in line and "^q Quit" in line
        assert "…" in line and line.index("…") < line.index("Quit")
        assert line.startswith("^n Next")
        assert len(line) <= 50


async def test_a_click_on_a_key_runs_it_and_a_disabled_key_does_not() -> None:
    app = KeyedApp()
    async with app.run_test(size=(120, 10)) as pilot:
        await pilot.pause()
        line = shown(app)
        await pilot.click(KeyBar, offset=(line.index("Result"), 0))
        await pilot.click(KeyBar, offset=(line.index("Advisor"), 0))
        await pilot.click(KeyBar, offset=(line.index("Disabled"), 0))
        await pilot.pause()
        assert app.ran == ["result", "advisor"]


async def test_hovering_a_key_shows_its_tooltip_text_and_leaving_clears_it() -> None:
    app = KeyedApp()
    async with app.run_test(size=(120, 10)) as pilot:
        await pilot.pause()
        bar = app.screen.query_one(KeyBar)
        await pilot.hover(KeyBar, offset=(shown(app).index("Export"), 0))
        assert bar._hover is not None
        await pilot.hover(Input)
        assert bar._hover is None


async def test_the_bar_follows_the_focus() -> None:
    """A widget's own shown bindings appear while it has focus, and go when it loses it."""

    class Focused(Input):
        BINDINGS: ClassVar[list[BindingType]] = [Binding("ctrl+k", "noop", "Kill line")]

        def action_noop(self) -> None:
            pass

    class FocusApp(App[None]):
        def compose(self) -> ComposeResult:
            yield Focused(id="a")
            yield Input(id="b")
            yield KeyBar()

    app = FocusApp()
    async with app.run_test(size=(100, 10)) as pilot:
        app.query_one("#a").focus()
        await pilot.pause()
        assert "Kill line" in shown(app)
        app.query_one("#b").focus()
        await pilot.pause()
        assert "Kill line" not in shown(app)


class Spared(Screen[None]):
    COMMANDS_LIST: ClassVar[tuple[Command, ...]] = (
        Command("a", "note('a')", "Alpha", "first"),
        Command("b", "note('b')", "Bravo", "spare", spare=True),
        Command("c", "note('c')", "Charlie", "third"),
        Command("d", "note('d')", "Delta", "spare too", spare=True),
        Command("e", "note('e')", "Echo", "last, needed"),
    )
    BINDINGS: ClassVar = bindings(COMMANDS_LIST)

    def compose(self) -> ComposeResult:
        yield KeyBar()

    def action_note(self, what: str) -> None:
        pass


class SparedApp(App[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("f1", "help", "Help"),
        Binding("ctrl+q", "quit", "Quit"),
    ]

    def on_mount(self) -> None:
        self.push_screen(Spared())

    def action_help(self) -> None:
        pass


@pytest.mark.parametrize(
    ("width", "expected"),
    [
        # Tight: a Alpha b Bravo c Charlie d Delta e Echo ^q Quit f1 Help, 56 cells and a space
        (56, ["a Alpha", "b Bravo", "c Charlie", "d Delta", "e Echo"]),
        (55, ["a Alpha", "b Bravo", "c Charlie", "e Echo"]),  # the last spare key goes first
        (49, ["a Alpha", "c Charlie", "e Echo"]),  # then the other one
        (41, ["a Alpha", "c Charlie"]),  # then the screen's keys from the end
    ],
)
async def test_a_short_bar_leaves_out_spare_keys_before_the_screens_others(
    width: int, expected: list[str]
) -> None:
    app = SparedApp()
    async with app.run_test(size=(width, 10)) as pilot:
        await pilot.pause()
        line = shown(app)
        keys = ("a Alpha", "b Bravo", "c Charlie", "d Delta", "e Echo")
        assert [key for key in keys if key in line] == expected, line
        assert line.rstrip().endswith(" ^q Quit f1 Help"), line
        assert len(line) <= width
        assert ("…" in line) == (len(expected) < 5)
