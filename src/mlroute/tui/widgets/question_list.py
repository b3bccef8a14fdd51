"""The questionnaire's contents: a line per question, the current one highlighted.

A `LineList` (a `ScrollView` with the Line API) rather than an `OptionList`: the list is on the
first screen and an `OptionList` wraps and measures every option as it renders, a third of that
screen's first paint for these twenty short lines. Measured again on 2026-12-03
(`benchmarks/startup.py --swaps`, two runs of 25): an `OptionList` in its place makes the first
screen 9 to 10 ms later (median; the quartiles overlap, so it is a small, steady gain).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from rich.style import Style
from textual.binding import Binding, BindingType
from textual.geometry import Offset
from textual.message import Message
from textual.strip import Strip

from mlroute.tui.widgets.lines import PAGE_BINDINGS, LineList


class QuestionList(LineList):
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
        *PAGE_BINDINGS,
        Binding("enter", "select", "Go to", show=False),
    ]
    """Enter goes to the question; the arrows, Home and End come from `LineList`."""

    CURSOR_STYLE = "question-list--cursor"
    HOVER_STYLE = "question-list--hover"

    class Selected(Message):
        """Enter or a click on a line."""

        def __init__(self, index: int) -> None:
            super().__init__()
            self.index = index
            """The chosen line (0-based)."""

    def __init__(self, lines: Sequence[str], *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._lines = list(lines)
        self._styles = (Style(), Style(), Style())
        """The plain, cursor and hover styles for the base style they were made from."""

    @property
    def lines(self) -> list[str]:
        """The lines shown, top to bottom."""
        return list(self._lines)

    @lines.setter
    def lines(self, lines: Sequence[str]) -> None:
        self._lines = list(lines)
        self.rows_changed()

    @property
    def highlighted(self) -> int:
        """The line under the cursor."""
        return self.cursor

    @highlighted.setter
    def highlighted(self, index: int) -> None:
        self.move(index)

    @property
    def row_count(self) -> int:
        return len(self._lines)

    # Rendering -------------------------------------------------------------------------------

    def render_list_line(self, line: int, width: int, base: Style) -> Strip:
        # Segments rather than `Text`, and the three styles made once for each base style
        # rather than once a line: this list is drawn several times while the first screen
        # settles.
        plain, cursor, hover = self._styles
        if plain is not base:
            plain, cursor, hover = self._styles = (
                base,
                base + self.get_component_rich_style(self.CURSOR_STYLE),
                base + self.get_component_rich_style(self.HOVER_STYLE),
            )
        text = self._lines[line]
        if cell_len(text) > width:
            text = set_cell_size(text, max(width - 1, 0)) + "…"
        style = cursor if line == self.cursor else hover if line == self.hover_row else plain
        return Strip([Segment(set_cell_size(text, width), style)], width)

    # Choosing --------------------------------------------------------------------------------

    def action_select(self) -> None:
        if self._lines:
            self.post_message(self.Selected(self.cursor))

    def row_clicked(self, row: int, offset: Offset, chain: int) -> None:
        self.move(row)
        self.action_select()
