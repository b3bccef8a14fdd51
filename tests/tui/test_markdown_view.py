"""MarkdownView: the Markdown it draws, how it wraps, and links by keyboard and mouse."""

from __future__ import annotations

from textual import on
from textual.app import App, ComposeResult
from textual.pilot import Pilot

from mlroute.tui.widgets.markdown_view import MarkdownView

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
    return pilot.app.query_one(MarkdownView)


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
