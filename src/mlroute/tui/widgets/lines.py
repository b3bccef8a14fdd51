"""The line-drawn lists' common base (`LineList`) and the helper that draws one line of text.

`CatalogList`, `ChoiceList`, `QuestionList` and `PlanList` are `ScrollView`s with the Line API:
only the lines on screen are drawn, whatever the number of rows. `LineList` owns what they
share: the cursor and its clamping, scrolling it into view, the arrow, Home/End and page keys,
which row the mouse is on (inside the border and the padding, after scrolling), the row under
the pointer, and the `render_line` plumbing. Each list keeps its rows, how a row is drawn and
what Enter or a click means.
"""

from __future__ import annotations

from typing import ClassVar

from rich.console import Console
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding, BindingType
from textual.geometry import Offset, Region, Size
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip


def text_strip(text: Text, width: int, base: Style, console: Console) -> Strip:
    """One line of `text`, cut or padded to `width`, on the widget's base style."""
    segments = list(text.render(console))
    return Strip(segments).adjust_cell_length(width, base).apply_style(base)


PAGE_BINDINGS: list[BindingType] = [
    Binding("pageup", "page(-1)", "Page up", show=False),
    Binding("pagedown", "page(1)", "Page down", show=False),
]
"""PgUp and PgDn moving the cursor a screen at a time, for the lists that take them (the
answer list leaves them to the questionnaire's Back and Next)."""


class LineList(ScrollView, can_focus=True):
    """A list drawn a line at a time, with a cursor on one of its rows.

    A row is what the cursor rests on and a click picks; a line is one line of the drawing.
    They are the same unless a subclass says otherwise (an answer wraps onto several lines),
    through `line_count`, `row_at` and `row_lines`.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up", "cursor(-1)", "Up", show=False),
        Binding("down", "cursor(1)", "Down", show=False),
        Binding("home", "to_end(False)", "First", show=False),
        Binding("end", "to_end(True)", "Last", show=False),
    ]

    CURSOR_STYLE: ClassVar[str] = ""
    """The component class of the cursor's row."""
    HOVER_STYLE: ClassVar[str] = ""
    """The component class of the row under the pointer; empty: the pointer is not followed
    (nothing is redrawn as it moves)."""

    cursor: reactive[int] = reactive(0, init=False)
    """The row under the cursor, kept on a row it can rest on (`valid_cursor`)."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.hover_row: int | None = None
        """The row under the mouse pointer (followed only when `HOVER_STYLE` is set)."""
        self._base_style = Style()
        """The widget's own style, read once a drawing pass (it walks up the DOM)."""

    # What a subclass says about its rows -----------------------------------------------------

    @property
    def row_count(self) -> int:
        """How many rows there are."""
        return 0

    @property
    def line_count(self) -> int:
        """How many lines the rows take (one a row unless a subclass says otherwise)."""
        return self.row_count

    def row_at(self, line: int) -> int | None:
        """The row drawn on `line` (counted from the top of the whole list), or None."""
        return line if 0 <= line < self.row_count else None

    def row_lines(self, row: int) -> Region:
        """The lines of `row`, as the region to keep in view when the cursor is on it."""
        return Region(0, row, 1, 1)

    def valid_cursor(self, row: int) -> int:
        """The row the cursor goes to when asked for `row`: the nearest there is."""
        return max(0, min(row, self.row_count - 1))

    def cursor_changed(self) -> None:
        """Called when the cursor has moved to another row (a subclass posts its message)."""

    def line_text(self, line: int, width: int) -> Text:
        """The text of `line`, a line that exists; the cursor's or pointer's style goes on top."""
        raise NotImplementedError

    def render_blank(self, y: int, width: int, base: Style) -> Strip:
        """Line `y` of the widget below the last row (a subclass shows a message when empty)."""
        return Strip.blank(width, base)

    def row_clicked(self, row: int, offset: Offset, chain: int) -> None:
        """A click on `row` at `offset` inside the content (chain 2: a double click)."""
        self.move(row)

    # The cursor ------------------------------------------------------------------------------

    def validate_cursor(self, row: int) -> int:
        return self.valid_cursor(row)

    def watch_cursor(self) -> None:
        self.scroll_to_cursor()
        self.cursor_changed()

    def move(self, row: int) -> None:
        """Put the cursor on `row` (or the nearest row it can rest on) and bring it into view,
        even when it is there already (the list may have been scrolled away from it)."""
        if self.valid_cursor(row) == self.cursor:
            self.scroll_to_cursor()
        else:
            self.cursor = row

    def scroll_to_cursor(self) -> None:
        """Scroll just enough for the cursor's row to be in view."""
        if self.is_mounted and 0 <= self.cursor < self.row_count:
            self.scroll_to_region(
                self.row_lines(self.cursor), animate=False, immediate=True, force=True
            )

    def fit_virtual_size(self) -> None:
        """Make the scrollable height the number of lines (after the rows change)."""
        size = Size(self.scrollable_content_region.width, self.line_count)
        if size != self.virtual_size:
            self.virtual_size = size

    def rows_changed(self) -> None:
        """The rows changed: fit the height, keep the cursor on a row, redraw."""
        self.fit_virtual_size()
        self.cursor = self.cursor  # validated again against the new rows
        self.refresh()

    def action_cursor(self, delta: int) -> None:
        self.move(self.cursor + delta)

    def action_page(self, direction: int) -> None:
        self.move(self.cursor + direction * max(self.scrollable_content_region.height - 1, 1))

    def action_to_end(self, last: bool) -> None:
        self.move(self.row_count - 1 if last else 0)

    # The mouse -------------------------------------------------------------------------------

    def row_at_mouse(self, event: events.MouseEvent) -> tuple[int, Offset] | None:
        """The row under the mouse and the offset inside the content; None on the border, the
        padding or below the last row. (`event.y` counts the border and padding, and not the
        scrolling: read raw, a click inside a border landed on the row below.)"""
        offset = event.get_content_offset(self)
        if offset is None:
            return None
        row = self.row_at(round(self.scroll_offset.y) + offset.y)
        return None if row is None else (row, offset)

    async def _on_click(self, event: events.Click) -> None:
        found = self.row_at_mouse(event)
        if found is not None:
            self.row_clicked(found[0], found[1], event.chain)

    def _on_mouse_move(self, event: events.MouseMove) -> None:
        if self.HOVER_STYLE:
            found = self.row_at_mouse(event)
            self._set_hover(None if found is None else found[0])

    def _on_leave(self, event: events.Leave) -> None:
        if self.HOVER_STYLE:
            self._set_hover(None)

    def _set_hover(self, row: int | None) -> None:
        if row != self.hover_row:
            self.hover_row = row
            self.refresh()

    def _on_resize(self, event: events.Resize) -> None:
        self.fit_virtual_size()

    # Drawing ---------------------------------------------------------------------------------

    def render_lines(self, crop: Region) -> list[Strip]:
        # The base style once a pass rather than once a line: it walks up the DOM, and
        # these lists are drawn often (every keystroke in the catalog's search).
        self._base_style = self.rich_style
        return super().render_lines(crop)

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        base = self._base_style
        line = round(self.scroll_offset.y) + y
        if 0 <= line < self.line_count:
            return self.render_list_line(line, width, base)
        return self.render_blank(y, width, base)

    def render_list_line(self, line: int, width: int, base: Style) -> Strip:
        """Draw `line`: its text, the cursor's (or the pointer's) style on top, on `base`."""
        text = self.line_text(line, width)
        row = self.row_at(line)
        if row is not None:
            if row == self.cursor:
                text.stylize(self.get_component_rich_style(self.CURSOR_STYLE))
            elif row == self.hover_row and self.HOVER_STYLE:
                text.stylize(self.get_component_rich_style(self.HOVER_STYLE))
        return self.draw_text(text, width, base)

    def draw_text(self, text: Text, width: int, base: Style) -> Strip:
        """`text` as one line of `width` cells on `base`, its own style included."""
        if text.style:  # `Text.render` leaves the text's own style out: make it a span
            text.stylize_before(text.style)
            text.style = ""
        return text_strip(text, width, base, self.app.console)
