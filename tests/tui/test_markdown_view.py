"""MarkdownView: the Markdown it draws, how it wraps, and links by keyboard and mouse."""

from __future__ import annotations

from pathlib import Path

from textual import events, on
from textual.app import App, ComposeResult
from textual.pilot import Pilot

from mlroute.tui.widgets.markdown_view import MarkdownView
from mlroute.tui.widgets.reader import Reader

from .catalog_helpers import FakeSession, bundled, catalog_app, ready, type_query

PAGE = """\
# A title with [bold red]markup[/] and \x1b[2J

*Course · Provider*

- **Status:** to do
- Stage: [Stage 2](#stage-2)
  - nested one
  - nested two

## Prerequisites

3. [Regression](#course-ml-regression) (not started)
4. second, with a hard  
break

> A quoted paragraph.
>
> And a second one.

| Kind | Hours |
|---|---|
| course | 25 |

```
code <b>here</b>
```

---

Text with `code`, an ![diagram](x.png), <b>html</b>, &#27;[2J and <https://example.org/x>.
"""


class ViewApp(App[None]):
    """One MarkdownView filling the screen; records the links it reports."""

    def __init__(self, source: str) -> None:
        super().__init__()
        self.source = source
        self.followed: list[str] = []

    def compose(self) -> ComposeResult:
        yield MarkdownView()

    def on_mount(self) -> None:
        view = self.query_one(MarkdownView)
        view.update(self.source)
        view.focus()

    @on(MarkdownView.LinkClicked)
    def _followed(self, event: MarkdownView.LinkClicked) -> None:
        self.followed.append(event.href)


def view_of(pilot: Pilot[None]) -> MarkdownView:
    return pilot.app.screen.query_one(MarkdownView)


async def test_blocks_are_drawn_as_a_reader_expects() -> None:
    async with ViewApp(PAGE).run_test(size=(60, 60)) as pilot:
        await pilot.pause()
        view = view_of(pilot)
        lines = [line.rstrip() for line in view.lines]
        assert lines[:4] == [
            "A title with [bold red]markup[/] and [2J",  # literal, and no ESC
            "",
            "Course · Provider",
            "",
        ]
        # A tight list sits line by line; nested items indent under their parent's text.
        assert lines[4:8] == [
            "• Status: to do",
            "• Stage: Stage 2",
            "  ◦ nested one",
            "  ◦ nested two",
        ]
        assert lines[8:11] == ["", "Prerequisites", ""]
        # A numbered list keeps its start; a hard break continues under the item's text.
        assert lines[11:14] == [
            "3. Regression (not started)",
            "4. second, with a hard",
            "   break",
        ]
        # The quote's bar runs down the blank line between its paragraphs, not before it.
        assert lines[14:18] == ["", "▌ A quoted paragraph.", "▌", "▌ And a second one."]
        assert lines[18:22] == ["", "Kind   │ Hours", "───────┼──────", "course │ 25"]
        assert lines[22:24] == ["", "code <b>here</b>"]
        assert lines[25] == "─" * view.scrollable_content_region.width
        assert " ".join(lines[27:]).strip() == (
            "Text with code, an [image: diagram], <b>html</b>, \ufffd[2J and https://example.org/x."
        )
        assert view.headings == [
            (1, "A title with [bold red]markup[/] and [2J"),
            (2, "Prerequisites"),
        ]
        assert view.links == ["#stage-2", "#course-ml-regression", "https://example.org/x"]


async def test_long_lines_wrap_under_their_own_text() -> None:
    source = "- a bullet whose text is far too long for one line\n\n> a quote that wraps too\n"
    async with ViewApp(source).run_test(size=(24, 10)) as pilot:
        await pilot.pause()
        lines = [line.rstrip() for line in view_of(pilot).lines]
        # 24 columns: one of padding each side, two for the scrollbar's gutter.
        assert lines == [
            "• a bullet whose",
            "  text is far too",
            "  long for one line",
            "",
            "▌ a quote that wraps",
            "▌ too",
        ]


async def test_a_resize_rewraps() -> None:
    async with ViewApp("one two three four five six seven eight").run_test(size=(20, 5)) as pilot:
        await pilot.pause()
        view = view_of(pilot)
        assert len(view.lines) == 3
        await pilot.resize_terminal(60, 5)
        await pilot.pause()
        assert view.lines == ["one two three four five six seven eight"]


async def test_links_are_picked_and_followed_from_the_keyboard() -> None:
    source = "\n\n".join(f"Paragraph {n} with [link {n}](#entry-{n})." for n in range(12))
    async with ViewApp(source).run_test(size=(40, 8)) as pilot:
        app = pilot.app
        assert isinstance(app, ViewApp)
        view = view_of(pilot)
        await pilot.press("enter")  # nothing picked yet: nothing happens
        assert app.followed == []
        await pilot.press("right_square_bracket")
        assert view.selected_link == 0
        await pilot.press("right_square_bracket", "right_square_bracket", "enter")
        assert view.selected_link == 2
        await pilot.pause()
        assert app.followed == ["#entry-2"]
        # A link below the fold scrolls into view when picked.
        for _ in range(8):
            await pilot.press("right_square_bracket")
        assert view.selected_link == 10
        assert view.scroll_y > 0
        line = view.lines.index("Paragraph 10 with link 10.")
        assert view.scroll_y <= line < view.scroll_y + view.scrollable_content_region.height
        # Backwards, and round from the first to the last.
        await pilot.press("left_square_bracket")
        assert view.selected_link == 9
        view.scroll_home(animate=False, immediate=True)
        await pilot.pause()
        await pilot.press("left_square_bracket")
        # The picked link is off screen now: [ starts from the last link in view.
        assert view.selected_link == 3  # eight rows: paragraphs 0 to 3
        for _ in range(4):
            await pilot.press("left_square_bracket")
        assert view.selected_link == 11


async def test_a_click_follows_a_link_and_hovering_marks_it() -> None:
    source = "Some text, then [the link](#target) and more text."
    async with ViewApp(source).run_test(size=(60, 5)) as pilot:
        app = pilot.app
        assert isinstance(app, ViewApp)
        view = view_of(pilot)
        x = view.lines[0].index("the link") + 1  # the left padding
        await pilot.click(view, offset=(2, 0))  # plain text: nothing
        await pilot.pause()
        assert app.followed == []
        await pilot.hover(view, offset=(x + 2, 0))
        hovered = view.render_line(0)
        await pilot.hover(view, offset=(2, 0))
        assert view.render_line(0) != hovered  # the link's hover style is gone again
        await pilot.click(view, offset=(x + 2, 0))
        await pilot.pause()
        assert app.followed == ["#target"]
        assert view.selected_link == 0


async def test_a_new_theme_recolours_the_document() -> None:
    async with ViewApp("# Heading\n\nText.").run_test(size=(40, 5)) as pilot:
        view = view_of(pilot)
        await pilot.pause()
        before = view.render_line(0)
        pilot.app.theme = "gruvbox" if pilot.app.theme != "gruvbox" else "nord"
        await pilot.pause()
        after = view.render_line(0)
        assert after.text == before.text
        heading = next(segment for segment in after if segment.text.strip())
        assert heading.style is not None
        assert heading.style.color == view.get_component_rich_style("markdown-view--h1").color
        first = next(segment for segment in before if segment.text.strip())
        assert first.style is not None and heading.style.color != first.style.color


async def test_a_table_goes_row_by_row_when_the_pane_is_too_narrow_and_back_when_wide() -> None:
    source = (
        "| Program | Format | Cost |\n|---|---|---|\n"
        "| Online master's in computer science | part-time, online | $7,000 |\n"
    )
    async with ViewApp(source).run_test(size=(40, 10)) as pilot:
        await pilot.pause()
        view = view_of(pilot)
        lines = [line.rstrip() for line in view.lines]
        assert lines == [
            "Program: Online master's in computer",
            "  science",
            "Format: part-time, online",
            "Cost: $7,000",
        ]
        await pilot.resize_terminal(80, 10)
        await pilot.pause()
        assert [line.rstrip() for line in view.lines][::2] == [
            "Program                             │ Format            │ Cost",
            "Online master's in computer science │ part-time, online │ $7,000",
        ]


async def mouse(
    pilot: Pilot[None], *steps: tuple[type[events.MouseEvent], tuple[int, int]]
) -> None:
    """Mouse events at offsets in the view, sent as the terminal sends them: to the app, which
    makes a `Click` of a press and release over the same widget (`Pilot.click` does not)."""
    view = view_of(pilot)
    for kind, offset in steps:
        x, y = view.region.offset + offset
        button = 0 if kind is events.MouseMove else 1
        pilot.app.post_message(kind(None, x, y, 0, 0, button, False, False, False, x, y))
        await pilot.pause()


async def drag(pilot: Pilot[None], start: tuple[int, int], end: tuple[int, int]) -> None:
    """Press the mouse at `start` in the view, move it to `end` and let go there."""
    await mouse(
        pilot,
        (events.MouseMove, start),
        (events.MouseDown, start),
        (events.MouseMove, end),
        (events.MouseUp, end),
    )


async def test_dragging_across_a_line_selects_its_words_and_ctrl_c_copies_them() -> None:
    source = "Alpha bravo charlie delta echo."
    async with ViewApp(source).run_test(size=(60, 5)) as pilot:
        app = pilot.app
        view = view_of(pilot)
        before = view.render_line(0)
        # One column of padding: the view's column x + 1 is the line's character x.
        start, end = source.index("bravo"), source.index("charlie") + len("charlie") - 1
        await drag(pilot, (start + 1, 0), (end + 1, 0))
        assert app.screen.get_selected_text() == "bravo charlie"
        assert view.get_selection(app.screen.selections[view]) == ("bravo charlie", "\n")
        # The selected words are drawn on the theme's selection background, in their colour.
        highlight = view._selection_style().bgcolor
        drawn = view.render_line(0)
        marked = "".join(
            s.text for s in drawn if s.style is not None and s.style.bgcolor == highlight
        )
        assert marked == "bravo charlie"
        assert {s.style.color for s in drawn if s.style} == {
            s.style.color for s in before if s.style
        }
        await pilot.press("ctrl+c")
        assert app.clipboard == "bravo charlie"
        # A click elsewhere takes the selection away.
        await mouse(pilot, (events.MouseDown, (2, 0)), (events.MouseUp, (2, 0)))
        assert app.screen.get_selected_text() is None
        assert view.render_line(0).text == before.text


async def test_a_selection_over_a_wrapped_paragraph_copies_it_as_one_line() -> None:
    source = "- a bullet whose text is far too long for one line\n\n> a quote that wraps too\n"
    async with ViewApp(source).run_test(size=(24, 10)) as pilot:
        view = view_of(pilot)
        assert view.lines[2].rstrip() == "  long for one line"
        # From the bullet's first word to the end of the quote, across the wraps.
        await drag(pilot, (3, 0), (6, 5))
        assert pilot.app.screen.get_selected_text() == (
            "a bullet whose text is far too long for one line\n\n▌ a quote that wraps too"
        )


async def test_a_drag_that_ends_on_a_link_does_not_follow_it() -> None:
    source = "Some text, then [the link](#target) and more."
    async with ViewApp(source).run_test(size=(60, 5)) as pilot:
        app = pilot.app
        assert isinstance(app, ViewApp)
        view = view_of(pilot)
        x = view.lines[0].index("the link") + 1
        await drag(pilot, (2, 0), (x + 3, 0))  # the release over the link makes a Click
        assert app.screen.get_selected_text() == "ome text, then the"
        assert app.followed == []
        # A press and release on the link, without moving, still follows it.
        await mouse(pilot, (events.MouseDown, (x + 1, 0)), (events.MouseUp, (x + 1, 0)))
        assert app.followed == ["#target"]
        assert app.screen.get_selected_text() is None


async def test_a_new_page_drops_the_old_pages_selection() -> None:
    async with ViewApp("First page, some words.").run_test(size=(60, 5)) as pilot:
        view = view_of(pilot)
        await drag(pilot, (1, 0), (10, 0))
        assert pilot.app.screen.get_selected_text() == "First page"
        view.update("Second page, other words.")
        await pilot.pause()
        assert pilot.app.screen.get_selected_text() is None


async def test_a_double_click_selects_the_page_as_text_rows_of_a_wide_table_included() -> None:
    source = (
        "Intro words that wrap at this width.\n\n"
        "| Program | Format |\n|---|---|\n| Online master's in computer science | part-time |\n"
    )
    async with ViewApp(source).run_test(size=(30, 10)) as pilot:
        view = view_of(pilot)
        assert [line.rstrip() for line in view.lines] == [
            "Intro words that wrap at",
            "this width.",
            "",
            "Program: Online master's",
            "  in computer science",
            "Format: part-time",
        ]
        click = ((events.MouseDown, (3, 4)), (events.MouseUp, (3, 4)))
        await mouse(pilot, *click, *click)
        assert pilot.app.screen.get_selected_text() == (
            "Intro words that wrap at this width.\n\n"
            "Program: Online master's in computer science\n"
            "Format: part-time"
        )
        # A selection that starts on a wrapped line's indent leaves the indent out.
        await drag(pilot, (1, 4), (8, 5))
        assert pilot.app.screen.get_selected_text() == "in computer science\nFormat:"


async def test_lines_carry_character_offsets_only_while_the_mouse_is_over_the_view() -> None:
    # The offsets are what a press or drag is mapped with; drawing them costs a style per piece
    # of text, so a page drawn while the mouse is elsewhere goes without.
    def offsets(view: MarkdownView) -> list[object]:
        return [s.style.meta.get("offset") for s in view.render_line(0) if s.style]

    async with ViewApp("Alpha bravo, and [a link](#x).").run_test(size=(60, 5)) as pilot:
        view = view_of(pilot)
        await pilot.pause()
        assert offsets(view) == [None] * len(offsets(view))
        await mouse(pilot, (events.MouseMove, (3, 0)))
        assert offsets(view)[:2] == [(0, 0), (len("Alpha bravo, and "), 0)]


async def test_text_in_the_catalogs_detail_pane_is_selected_and_copied(tmp_path: Path) -> None:
    app = catalog_app(FakeSession(bundled()), tmp_path)
    async with app.run_test(size=(100, 32)) as pilot:
        screen = await ready(pilot)
        await type_query(pilot, "classification")
        assert screen.current == "course-ml-classification"
        view = screen.query_one("#catalog-detail", Reader).document
        assert view.lines[0].startswith("Machine Learning: Classification")
        # The search box has the keyboard; pressing in the page moves it there, so Ctrl+C is
        # the screen's copy and not the search box's.
        await drag(pilot, (1, 0), (16, 0))
        assert app.focused is view
        await pilot.press("ctrl+c")
        assert app.clipboard == "Machine Learning"
