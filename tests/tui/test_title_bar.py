"""The header's title bar: what it says, that it follows the title, and its palette icon."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.command import CommandPalette

from mlroute.tui.widgets.title_bar import TitleBar


class Titled(App[None]):
    TITLE = "mlroute"
    SUB_TITLE = "the subtitle"

    def compose(self) -> ComposeResult:
        yield TitleBar()


async def test_it_shows_the_title_and_subtitle_centred_and_follows_changes() -> None:
    app = Titled()
    async with app.run_test(size=(60, 5)) as pilot:
        bar = app.query_one(TitleBar)
        line = str(bar.render())
        assert line.strip().endswith("mlroute — the subtitle")
        assert line.index("mlroute") > 10  # centred, not left-aligned
        app.screen.title = "Plan"
        await pilot.pause()
        assert "Plan — the subtitle" in str(bar.render())


async def test_a_long_title_is_cut_with_an_ellipsis() -> None:
    app = Titled()
    async with app.run_test(size=(20, 5)):
        line = str(app.query_one(TitleBar).render())
        assert len(line) <= 20 and "…" in line


async def test_clicking_the_icon_opens_the_command_palette() -> None:
    app = Titled()
    async with app.run_test(size=(60, 5)) as pilot:
        await pilot.click(TitleBar, offset=(1, 0))
        await pilot.pause()
        assert isinstance(app.screen, CommandPalette)
