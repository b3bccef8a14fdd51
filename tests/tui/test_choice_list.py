"""A question's answers: wrapping at narrow widths, the keys, the mouse, the ● marker and the
▸ pointer at the highlighted one."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.geometry import Offset

from mlroute.tui.widgets.choice_list import ChoiceList

LABELS = ["Short", "A much longer label that cannot fit on one narrow line", "Last"]


class Choosing(App[None]):
    CSS = "ChoiceList { width: 30; }"

    def __init__(self, highlighted: int = 0) -> None:
        super().__init__()
        self.highlighted = highlighted
        self.selected: list[int] = []

    def compose(self) -> ComposeResult:
        yield ChoiceList(LABELS, chosen=2, highlighted=self.highlighted)

    def on_choice_list_selected(self, event: ChoiceList.Selected) -> None:
        self.selected.append(event.index)


class Short(Choosing):
    CSS = "ChoiceList { width: 30; max-height: 4; }"


def shown(choices: ChoiceList) -> list[str]:
    """The lines as drawn, without the border and padding."""
    return [choices.render_line(y).text.rstrip() for y in range(choices.content_region.height)]


async def test_long_labels_wrap_under_their_own_text_and_the_list_grows_to_fit() -> None:
    app = Choosing()
    async with app.run_test(size=(40, 20)):
        choices = app.query_one(ChoiceList)
        lines = shown(choices)
        # 30 columns less the border and padding: 26, the pointer's and marker's 4 for neither.
        assert lines == [
            "▸ ○ Short",
            "  ○ A much longer label",
            "    that cannot fit on one",
            "    narrow line",
            "  ● Last",
        ]
        assert choices.outer_size.height == len(lines) + 2  # and the tall border


async def test_the_keys_move_the_highlight_wrapping_round_and_enter_chooses() -> None:
    app = Choosing()
    async with app.run_test(size=(40, 20)) as pilot:
        choices = app.query_one(ChoiceList)
        choices.focus()
        await pilot.press("up")  # from the first round to the last
        assert choices.highlighted == 2
        await pilot.press("down")
        assert choices.highlighted == 0
        await pilot.press("end")
        assert choices.highlighted == 2
        await pilot.press("home", "down", "enter")
        await pilot.pause()
        assert app.selected == [1]


async def test_the_highlight_is_pointed_at_not_only_coloured() -> None:
    app = Choosing()
    async with app.run_test(size=(40, 20)) as pilot:
        choices = app.query_one(ChoiceList)
        choices.focus()
        await pilot.press("down")
        await pilot.pause()
        pointed = [line for line in shown(choices) if line.startswith("▸")]
        assert pointed == ["▸ ○ A much longer label"]  # its first line only


async def test_a_click_highlights_and_a_second_click_or_enter_chooses() -> None:
    app = Choosing()
    async with app.run_test(size=(40, 20)) as pilot:
        choices = app.query_one(ChoiceList)
        top = choices.content_region.offset - choices.region.offset
        hover = choices.get_component_rich_style("choice-list--hover").bgcolor
        await pilot.hover(ChoiceList, offset=top + Offset(4, 4))  # "● Last"
        await pilot.pause()
        style = next(iter(choices.render_line(4))).style
        assert style is not None and style.bgcolor == hover
        await pilot.click(ChoiceList, offset=top + Offset(4, 2))  # the long label's second line
        await pilot.pause()
        assert choices.highlighted == 1 and app.selected == []  # highlighted, not chosen
        await pilot.click(ChoiceList, offset=top + Offset(4, 1))  # again, its first line
        await pilot.pause()
        assert app.selected == [1]
        await pilot.click(ChoiceList, offset=Offset(4, 0))  # the border: nothing
        await pilot.pause()
        assert app.selected == [1]
        # A click on another choice highlights it; Enter then chooses it.
        await pilot.click(ChoiceList, offset=top + Offset(4, 0))
        await pilot.pause()
        assert choices.highlighted == 0 and app.selected == [1]
        choices.focus()
        await pilot.press("enter")
        await pilot.pause()
        assert app.selected == [1, 0]


async def test_the_chosen_marker_follows_and_a_highlight_out_of_sight_scrolls_in() -> None:
    app = Short(highlighted=2)
    async with app.run_test(size=(40, 20)) as pilot:
        choices = app.query_one(ChoiceList)
        await pilot.pause()
        assert choices.scroll_offset.y > 0 and shown(choices)[-1] == "▸ ● Last"
        choices.chosen = 0
        choices.highlighted = 0
        await pilot.pause()
        assert choices.scroll_offset.y == 0 and shown(choices)[0] == "▸ ● Short"


class Rewrapping(App[None]):
    """A label that fits beside no scrollbar (22 cells) but wraps beside one (20)."""

    CSS = "ChoiceList { width: 30; max-height: 6; }"

    def compose(self) -> ComposeResult:
        labels = ["a" * 10, "b" * 10, "c" * 10, "e" * 10 + " " + "f" * 10, "g" * 5, "last one"]
        yield ChoiceList(labels)

    def on_mount(self) -> None:
        self.query_one(ChoiceList).focus()


async def test_the_last_choice_can_be_reached_when_the_scrollbar_rewraps_a_label() -> None:
    app = Rewrapping()
    async with app.run_test(size=(40, 20)) as pilot:
        await pilot.press("end")
        await pilot.pause()
        choices = app.query_one(ChoiceList)
        assert choices.highlighted == 5
        assert shown(choices)[-1] == "▸ ○ last one"
