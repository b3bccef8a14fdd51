"""A question's answers: a line or more per choice, the chosen one marked ●, the others ○, and
the highlighted one pointed at by ▸ as well as coloured (a plain capture shows it too).

A `ScrollView` with the Line API rather than an `OptionList`: it is on the first screen, where
an `OptionList` costs a stylesheet of its own to parse and a `Visual`, a measure and a cached
render per option, for a handful of short labels. A long label wraps under its own text.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from rich.text import Text
from textual import events
from textual.binding import Binding, BindingType
from textual.geometry import Region, Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from mlroute.tui.widgets.lines import text_strip

MARKERS = ("○ ", "● ")
"""Drawn before a choice: not chosen, chosen."""

POINTER = "▸ "
"""Drawn before the highlighted choice, so it is marked by a symbol and not by colour alone."""

_GUTTER = " " * len(POINTER)


class ChoiceList(ScrollView, can_focus=True):
    """Choices with a highlight; a click highlights, Enter or a second click on the same
    choice posts `Selected` (one click committed an answer before it could be read)."""

    DEFAULT_CSS = """
    ChoiceList {
        height: auto;
        max-height: 100%;
        color: $foreground;
        overflow-x: hidden;
        border: tall $border-blurred;
        padding: 0 1;
        background: $surface;
        & > .choice-list--highlighted {
            color: $foreground;
            background: $block-cursor-blurred-background;
            text-style: $block-cursor-blurred-text-style;
        }
        &:focus {
            border: tall $border;
            background-tint: $foreground 5%;
            & > .choice-list--highlighted {
                color: $block-cursor-foreground;
                background: $block-cursor-background;
                text-style: $block-cursor-text-style;
            }
        }
        & > .choice-list--hover { background: $block-hover-background; }
    }
    """

    COMPONENT_CLASSES: ClassVar[set[str]] = {"choice-list--highlighted", "choice-list--hover"}

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up", "move(-1)", "Up", show=False),
        Binding("down", "move(1)", "Down", show=False),
        Binding("home", "to_end(False)", "First", show=False),
        Binding("end", "to_end(True)", "Last", show=False),
        Binding("enter", "select", "Choose", show=False),
    ]

    class Selected(Message):
        """Enter, or a second click on the same choice."""

        def __init__(self, index: int) -> None:
            super().__init__()
            self.index = index
            """The chosen choice (0-based)."""

    def __init__(
        self,
        labels: Sequence[str],
        *,
        chosen: int | None = None,
        highlighted: int = 0,
        id: str | None = None,
    ) -> None:
        super().__init__(id=id)
        self._labels = list(labels)
        self._chosen = chosen
        self._highlighted = max(0, min(highlighted, len(self._labels) - 1))
        self._hover: int | None = None
        self._clicked: int | None = None
        """The choice the last click highlighted; a click on it again chooses it."""
        self._wrapped: tuple[int, list[tuple[int, Text]]] = (-1, [])
        """The lines as (choice, text) for the width they were wrapped to."""

    @property
    def highlighted(self) -> int:
        """The choice under the highlight."""
        return self._highlighted

    @highlighted.setter
    def highlighted(self, index: int) -> None:
        self._move(index)

    @property
    def chosen(self) -> int | None:
        """The choice marked ●, or None."""
        return self._chosen

    @chosen.setter
    def chosen(self, index: int | None) -> None:
        self._chosen = index
        self._wrapped = (-1, [])
        self.refresh()

    # Lines -----------------------------------------------------------------------------------

    def _lines(self, width: int) -> list[tuple[int, Text]]:
        """Every choice wrapped to `width`, its marker on the first line, the rest indented."""
        if self._wrapped[0] != width and width > 0:
            indent = len(_GUTTER) + len(MARKERS[0])
            console = self.app.console
            lines: list[tuple[int, Text]] = []
            for index, label in enumerate(self._labels):
                marker = MARKERS[index == self._chosen]
                for row, line in enumerate(Text(label).wrap(console, max(width - indent, 1))):
                    text = Text(_GUTTER + marker if row == 0 else " " * indent, end="")
                    lines.append((index, text.append_text(line)))
            self._wrapped = (width, lines)
        return self._wrapped[1]

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(self._lines(width))

    def on_resize(self, event: events.Resize) -> None:
        self._fit_virtual_size()
        self.call_after_refresh(self._scroll_to_highlight)  # once the new size is laid out

    def _fit_virtual_size(self) -> None:
        width = self.scrollable_content_region.width
        size = Size(width, len(self._lines(width)))
        if size != self.virtual_size:
            self.virtual_size = size

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        base = self.rich_style
        lines = self._lines(width)
        if len(lines) != self.virtual_size.height:
            # A scrollbar came or went and narrowed or widened the text: the lines wrap anew,
            # and the scrollable height must follow them.
            self.call_later(self._fit_virtual_size)
        position = round(self.scroll_offset.y) + y
        if not 0 <= position < len(lines):
            return Strip.blank(width, base)
        index, line = lines[position]
        text = line.copy()
        if index == self._highlighted and (position == 0 or lines[position - 1][0] != index):
            text = Text(POINTER, end="").append_text(text[len(POINTER) :])
        text.truncate(width, pad=True)
        if index == self._highlighted:
            text.stylize(self.get_component_rich_style("choice-list--highlighted"))
        elif index == self._hover:
            text.stylize(self.get_component_rich_style("choice-list--hover"))
        return text_strip(text, width, base, self.app.console)

    # Moving and choosing ---------------------------------------------------------------------

    def _move(self, index: int) -> None:
        if not self._labels:
            return
        index = max(0, min(index, len(self._labels) - 1))
        if index != self._highlighted:
            self._highlighted = index
            self.refresh()
        self._scroll_to_highlight()

    def _scroll_to_highlight(self) -> None:
        if not self.is_mounted:
            return
        lines = self._lines(self.scrollable_content_region.width)
        rows = [y for y, (index, _) in enumerate(lines) if index == self._highlighted]
        if rows:
            region = Region(0, rows[0], 1, len(rows))
            self.scroll_to_region(region, animate=False, immediate=True)

    def action_move(self, delta: int) -> None:
        self._clicked = None
        if self._labels:  # up from the first wraps to the last, as in an OptionList
            self._move((self._highlighted + delta) % len(self._labels))

    def action_to_end(self, last: bool) -> None:
        self._clicked = None
        self._move(len(self._labels) - 1 if last else 0)

    def action_select(self) -> None:
        if self._labels:
            self.post_message(self.Selected(self._highlighted))

    def _choice_at(self, event: events.MouseEvent) -> int | None:
        offset = event.get_content_offset(self)
        if offset is None:
            return None
        lines = self._lines(self.scrollable_content_region.width)
        position = round(self.scroll_offset.y) + offset.y
        return lines[position][0] if 0 <= position < len(lines) else None

    def on_click(self, event: events.Click) -> None:
        index = self._choice_at(event)
        if index is None:
            return
        if index == self._clicked and index == self._highlighted:
            self.action_select()
        else:
            self._clicked = index
            self._move(index)

    def on_mouse_move(self, event: events.MouseMove) -> None:
        index = self._choice_at(event)
        if index != self._hover:
            self._hover = index
            self.refresh()

    def on_leave(self, event: events.Leave) -> None:
        if self._hover is not None:
            self._hover = None
            self.refresh()
