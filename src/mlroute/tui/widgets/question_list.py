"""The questionnaire's contents: a line per question, the current one highlighted.

A `ScrollView` with the Line API rather than an `OptionList`: the list is on the first screen
and an `OptionList` wraps and measures every option as it renders, a third of that screen's
first paint for these twenty short lines.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding, BindingType
from textual.geometry import Region, Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip


class QuestionList(ScrollView, can_focus=True):
    """Lines with a cursor; posts `Selected` on Enter or a click."""

    DEFAULT_CSS = """
    QuestionList {
        background: $surface;
        padding: 0 1;
        overflow-x: hidden;
        & > .question-list--cursor { background: $block-cursor-blurred-background; }
        &:focus > .question-list--cursor {
            background: $block-cursor-background;
            color: $block-cursor-foreground;
            text-style: $block-cursor-text-style;
        }
        & > .question-list--hover { background: $block-hover-background; }
    }
    """

    COMPONENT_CLASSES: ClassVar[set[str]] = {"question-list--cursor", "question-list--hover"}

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up", "move(-1)", "Up", show=False),
        Binding("down", "move(1)", "Down", show=False),
        Binding("pageup", "page(-1)", "Page up", show=False),
        Binding("pagedown", "page(1)", "Page down", show=False),
        Binding("home", "to_end(False)", "First", show=False),
        Binding("end", "to_end(True)", "Last", show=False),
        Binding("enter", "select", "Go to", show=False),
    ]

    class Selected(Message):
        """Enter or a click on a line."""

        def __init__(self, index: int) -> None:
            super().__init__()
            self.index = index
            """The chosen line (0-based)."""

    def __init__(self, lines: Sequence[str], *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._lines = list(lines)
        self._cursor = 0
        self._hover: int | None = None
        self._styles = (Style(), Style(), Style())
        """The plain, cursor and hover styles of the pass being drawn."""

    @property
    def lines(self) -> list[str]:
        """The lines shown, top to bottom."""
        return list(self._lines)

    @lines.setter
    def lines(self, lines: Sequence[str]) -> None:
        self._lines = list(lines)
        self._cursor = min(self._cursor, max(len(self._lines) - 1, 0))
        self.virtual_size = Size(self.size.width, len(self._lines))
        self.refresh()

    @property
    def highlighted(self) -> int:
        """The line under the cursor."""
        return self._cursor

    @highlighted.setter
    def highlighted(self, index: int) -> None:
        self._move(index)

    # Rendering -------------------------------------------------------------------------------

    def render_lines(self, crop: Region) -> list[Strip]:
        # The styles once a pass rather than once a line: each lookup walks up the DOM, and
        # this list is drawn several times while the first screen settles.
        base = self.rich_style
        self._styles = (
            base,
            base + self.get_component_rich_style("question-list--cursor"),
            base + self.get_component_rich_style("question-list--hover"),
        )
        return super().render_lines(crop)

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        base, cursor, hover = self._styles
        position = round(self.scroll_offset.y) + y
        if not 0 <= position < len(self._lines):
            return Strip.blank(width, base)
        line = self._lines[position]
        if cell_len(line) > width:
            line = set_cell_size(line, max(width - 1, 0)) + "…"
        style = cursor if position == self._cursor else hover if position == self._hover else base
        return Strip([Segment(set_cell_size(line, width), style)], width)

    def on_resize(self, event: events.Resize) -> None:
        self.virtual_size = Size(event.size.width, len(self._lines))

    # Moving ----------------------------------------------------------------------------------

    def _move(self, index: int) -> None:
        if not self._lines:
            return
        index = max(0, min(index, len(self._lines) - 1))
        if index != self._cursor:
            self._cursor = index
            self.refresh()
        if self.is_mounted:
            self.scroll_to_region(Region(0, index, 1, 1), animate=False, immediate=True)

    def action_move(self, delta: int) -> None:
        self._move(self._cursor + delta)

    def action_page(self, direction: int) -> None:
        self._move(self._cursor + direction * max(self.scrollable_content_region.height - 1, 1))

    def action_to_end(self, last: bool) -> None:
        self._move(len(self._lines) - 1 if last else 0)

    def action_select(self) -> None:
        if self._lines:
            self.post_message(self.Selected(self._cursor))

    def _line_at(self, event: events.MouseEvent) -> int | None:
        offset = event.get_content_offset(self)  # None on the border or the padding
        if offset is None:
            return None
        position = round(self.scroll_offset.y) + offset.y
        return position if 0 <= position < len(self._lines) else None

    def on_click(self, event: events.Click) -> None:
        index = self._line_at(event)
        if index is not None:
            self._move(index)
            self.action_select()

    def on_mouse_move(self, event: events.MouseMove) -> None:
        index = self._line_at(event)
        if index != self._hover:
            self._hover = index
            self.refresh()

    def on_leave(self, event: events.Leave) -> None:
        if self._hover is not None:
            self._hover = None
            self.refresh()
