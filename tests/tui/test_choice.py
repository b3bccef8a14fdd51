"""Choice: the one-line drop-down behind the catalog's facets and sort, its menu and the
menu's type-to-search."""

from __future__ import annotations

from typing import ClassVar

import pytest
from textual import on
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.pilot import Pilot
from textual.widgets import OptionList

from mlroute.tui.widgets import choice as choice_module
from mlroute.tui.widgets.choice import SEARCH_PAUSE, Choice, ChoiceMenu

OPTIONS = [("Programs", "program"), ("Courses", "course"), ("Stages", "stage")]


class ChoiceApp(App[None]):
    """A drop-down at the top or the bottom of the screen; records its changes."""

    CSS = "Screen { align-vertical: top; } Screen.-bottom { align-vertical: bottom; }"

    def __init__(self, *, bottom: bool = False, allow_blank: bool = True) -> None:
        super().__init__()
        self.bottom = bottom
        self.allow_blank = allow_blank
        self.changes: list[str | None] = []

    def compose(self) -> ComposeResult:
        yield Choice(
            OPTIONS,
            prompt="Any kind",
            allow_blank=self.allow_blank,
            value=None if self.allow_blank else "course",
        )

    def on_mount(self) -> None:
        self.screen.set_class(self.bottom, "-bottom")
        self.query_one(Choice).styles.width = 20
        self.query_one(Choice).focus()

    @on(Choice.Changed)
    def _changed(self, event: Choice.Changed) -> None:
        self.changes.append(event.value)


def choice_of(pilot: Pilot[None]) -> Choice:
    return pilot.app.query_one(Choice)


def menu_of(pilot: Pilot[None]) -> OptionList:
    screen = pilot.app.screen
    assert isinstance(screen, ChoiceMenu), screen
    return screen.query_one(OptionList)


async def test_the_keyboard_opens_the_menu_and_picks() -> None:
    async with ChoiceApp().run_test(size=(60, 20)) as pilot:
        choice = choice_of(pilot)
        assert "Any kind" in str(choice.render())
        await pilot.press("enter")
        menu = menu_of(pilot)
        # The menu lists the prompt first (to clear the choice), and opens under the line.
        assert [str(menu.get_option_at_index(i).prompt) for i in range(4)] == [
            "Any kind",
            "Programs",
            "Courses",
            "Stages",
        ]
        assert menu.region.y == choice.region.bottom
        await pilot.press("down", "down", "enter")
        await pilot.pause()
        assert choice.value == "course"
        assert "Courses" in str(choice.render())
        assert pilot.app.focused is choice
        # Opening again starts on the current choice; the prompt clears it.
        await pilot.press("space")
        assert menu_of(pilot).highlighted == 2
        await pilot.press("home", "enter")
        await pilot.pause()
        assert choice.value is None
        app = pilot.app
        assert isinstance(app, ChoiceApp)
        assert app.changes == ["course", None]


async def test_escape_and_a_click_outside_change_nothing() -> None:
    async with ChoiceApp().run_test(size=(60, 20)) as pilot:
        choice = choice_of(pilot)
        await pilot.press("enter", "down", "escape")
        await pilot.pause()
        assert not isinstance(pilot.app.screen, ChoiceMenu)
        assert choice.value is None
        await pilot.click(Choice)
        assert isinstance(pilot.app.screen, ChoiceMenu)
        await pilot.click(offset=(50, 15))
        await pilot.pause()
        assert not isinstance(pilot.app.screen, ChoiceMenu)
        assert choice.value is None


async def test_a_click_on_an_option_picks_it() -> None:
    async with ChoiceApp().run_test(size=(60, 20)) as pilot:
        await pilot.click(Choice)
        assert isinstance(pilot.app.screen, ChoiceMenu)
        # Inside the border: the fourth line is "Stages".
        await pilot.click(OptionList, offset=(3, 4))
        await pilot.pause()
        assert choice_of(pilot).value == "stage"
        assert not isinstance(pilot.app.screen, ChoiceMenu)


async def test_near_the_bottom_the_menu_opens_above() -> None:
    async with ChoiceApp(bottom=True).run_test(size=(60, 20)) as pilot:
        choice = choice_of(pilot)
        assert choice.region.bottom == 20
        await pilot.press("enter")
        menu = menu_of(pilot)
        assert menu.region.bottom == choice.region.y


async def test_without_a_blank_the_prompt_is_not_an_option() -> None:
    async with ChoiceApp(allow_blank=False).run_test(size=(60, 20)) as pilot:
        choice = choice_of(pilot)
        assert choice.value == "course"
        choice.clear()
        assert choice.value == "course"
        await pilot.press("enter")
        menu = menu_of(pilot)
        assert menu.option_count == 3
        assert menu.highlighted == 1


async def test_new_options_drop_a_choice_they_no_longer_offer() -> None:
    async with ChoiceApp().run_test(size=(60, 20)) as pilot:
        choice = choice_of(pilot)
        choice.value = "stage"
        choice.set_options(OPTIONS[:2])
        assert choice.value is None
        choice.value = "program"
        choice.set_options(OPTIONS)
        assert choice.value == "program"
        # With no options there is nothing to open.
        choice.set_options([])
        await pilot.press("enter")
        assert not isinstance(pilot.app.screen, ChoiceMenu)


class LongChoiceApp(App[None]):
    """A drop-down with more options than its menu shows at once, each of a different width."""

    def compose(self) -> ComposeResult:
        yield Choice([(f"Provider {i} {'x' * (i % 17)}", f"p{i}") for i in range(40)], prompt="Any")

    def on_mount(self) -> None:
        self.query_one(Choice).styles.width = 20
        self.query_one(Choice).focus()


async def test_a_scrolling_menu_keeps_every_option_on_one_line() -> None:
    async with LongChoiceApp().run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        menu = menu_of(pilot)
        assert menu.max_scroll_y > 0  # it scrolls, so it has a scrollbar
        assert menu.virtual_size.height == menu.option_count  # one line per option


PROVIDERS = [
    ("Coursera", "coursera"),
    ("DeepLearning.AI", "deeplearning"),
    ("edX", "edx"),
    ("MIT OpenCourseWare", "mit"),
    ("Stanford Online", "stanford"),
]


class ProviderApp(App[None]):
    """A provider drop-down, and an app binding on a letter the search types."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("s", "record('s')", "S")]

    def __init__(self) -> None:
        super().__init__()
        self.recorded: list[str] = []

    def compose(self) -> ComposeResult:
        yield Choice(PROVIDERS, prompt="Any provider")

    def on_mount(self) -> None:
        self.query_one(Choice).focus()

    def action_record(self, key: str) -> None:
        self.recorded.append(key)


async def test_typing_in_the_open_menu_moves_to_the_option_typed(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    now = [100.0]
    monkeypatch.setattr(choice_module, "monotonic", lambda: now[0])
    app = ProviderApp()
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.press("enter")
        menu = menu_of(pilot)
        prompts = [str(menu.get_option_at_index(i).prompt) for i in range(menu.option_count)]
        assert menu.highlighted == 0
        await pilot.press("s", "t")  # starts with "st"; the app's own s binding is not run
        assert menu.highlighted == prompts.index("Stanford Online")
        assert app.recorded == []
        await pilot.press("e")  # "ste" is no option's: the highlight stays
        assert menu.highlighted == prompts.index("Stanford Online")
        now[0] += SEARCH_PAUSE + 0.1  # a pause: the next letter starts a new search
        await pilot.press("e")  # starts with "e" (DeepLearning.AI only contains one)
        assert menu.highlighted == prompts.index("edX")
        now[0] += SEARCH_PAUSE + 0.1
        await pilot.press("o", "p")  # no option starts with "op": the first containing it
        assert menu.highlighted == prompts.index("MIT OpenCourseWare")
        await pilot.press("enter")
        await pilot.pause()
        assert choice_of(pilot).value == "mit"
