"""A question's answers: a line or more per choice, the chosen one marked ●, the others ○, and
the highlighted one pointed at by ▸ as well as coloured (a plain capture shows it too).

A `LineList` (a `ScrollView` with the Line API) rather than an `OptionList`: it is on the first
screen, where an `OptionList` costs a stylesheet of its own to parse and a `Visual`, a measure
and a cached render per option, for a handful of short labels. A long label wraps under its own
text. Measured again on 2026-12-03 (`benchmarks/startup.py --swaps`, two runs of 25): an
`OptionList` in its place makes the first screen 10 to 12 ms later (median; the quartiles
overlap). It also draws what an `OptionList` would not: the ▸ pointer beside the colour, and a
first click that highlights while a second chooses.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from rich.text import Text
from textual import events
from textual.binding import Binding, BindingType
from textual.geometry import Offset, Region, Size
from textual.message import Message
from textual.strip import Strip

from mlroute.tui.widgets.lines import LineList

MARKERS = ("○ ", "● ")
"""Drawn before a choice: not chosen, chosen."""

POINTER = "▸ "
"""Drawn before the highlighted choice, so it is marked by a symbol and not by colour alone."""

_GUTTER = " " * len(POINTER)


class ChoiceList(LineList):
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
        Binding("enter", "select", "Choose", show=False),
    ]
    """Enter chooses; the arrows, Home and End come from `LineList`. PgUp and PgDn are left
    to the questionnaire (Back and Next)."""

    CURSOR_STYLE = "choice-list--highlighted"
    HOVER_STYLE = "choice-list--hover"

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
        self.set_reactive(ChoiceList.cursor, max(0, min(highlighted, len(self._labels) - 1)))
        self._clicked: int | None = None
        """The choice the last click highlighted; a click on it again chooses it."""
        self._wrapped: tuple[int, list[tuple[int, Text]]] = (-1, [])
        """The lines as (choice, text) for the width they were wrapped to."""

    @property
    def highlighted(self) -> int:
        """The choice under the highlight (the cursor)."""
        return self.cursor

    @highlighted.setter
    def highlighted(self, index: int) -> None:
        self.move(index)

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

    @property
    def row_count(self) -> int:
        return len(self._labels)

    @property
    def line_count(self) -> int:
        return len(self._lines(self.scrollable_content_region.width))

    def row_at(self, line: int) -> int | None:
        lines = self._lines(self.scrollable_content_region.width)
        return lines[line][0] if 0 <= line < len(lines) else None

    def row_lines(self, row: int) -> Region:
        lines = self._lines(self.scrollable_content_region.width)
        rows = [y for y, (index, _) in enumerate(lines) if index == row]
        return Region(0, rows[0], 1, len(rows)) if rows else Region(0, 0, 1, 1)

    def on_resize(self, event: events.Resize) -> None:
        # (`LineList` fits the height first.) Once the new size is laid out, the highlighted
        # choice may have wrapped onto more lines, or moved: bring it back into view.
        self.call_after_refresh(self.scroll_to_cursor)

    def render_line(self, y: int) -> Strip:
        if self.line_count != self.virtual_size.height:
            # A scrollbar came or went and narrowed or widened the text: the lines wrap anew,
            # and the scrollable height must follow them.
            self.call_later(self.fit_virtual_size)
        return super().render_line(y)

    def line_text(self, line: int, width: int) -> Text:
        lines = self._lines(width)
        index, text = lines[line]
        text = text.copy()
        if index == self.cursor and (line == 0 or lines[line - 1][0] != index):
            text = Text(POINTER, end="").append_text(text[len(POINTER) :])
        text.truncate(width, pad=True)
        return text

    # Moving and choosing ---------------------------------------------------------------------

    def action_cursor(self, delta: int) -> None:
        self._clicked = None
        if self._labels:  # up from the first wraps to the last, as in an OptionList
            self.move((self.cursor + delta) % len(self._labels))

    def action_to_end(self, last: bool) -> None:
        self._clicked = None
        super().action_to_end(last)

    def action_select(self) -> None:
        if self._labels:
            self.post_message(self.Selected(self.cursor))

    def row_clicked(self, row: int, offset: Offset, chain: int) -> None:
        if row == self._clicked and row == self.cursor:
            self.action_select()
        else:
            self._clicked = row
            self.move(row)
