"""A virtualised list of catalog rows: renders only the lines on screen, however many rows match.

A `ScrollView` with the Line API. Its data is a sequence of row numbers into a
`CatalogIndex`; swapping it is an assignment and a refresh, so the search box can hand it a
new result on every keystroke and the rows paint in the same frame.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import ClassVar

from rich.text import Text
from textual import events
from textual.binding import Binding, BindingType
from textual.geometry import Region, Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from mlroute.catalog_index import CatalogIndex, match_spans
from mlroute.text import clean
from mlroute.tui.widgets.lines import text_strip

STATUS_MARKS: dict[str, str] = {"done": "✓", "in-progress": "◐", "todo": "○", "skipped": "–"}
"""The symbol shown before a tracked entry, so status never rests on colour alone."""

KIND_LABELS: dict[str, str] = {
    "program": "program",
    "course": "course",
    "foundation": "foundation",
    "stage": "stage",
    "project": "project",
}
"""How each kind reads in the row's right-hand column."""

StatusOf = Callable[[str], "str | None"]


class CatalogList(ScrollView, can_focus=True):
    """Catalog rows with a cursor; posts `Highlighted` as it moves and `Selected` on Enter."""

    DEFAULT_CSS = """
    CatalogList {
        background: $surface;
        overflow-x: hidden;
        & > .catalog-list--cursor { background: $block-cursor-blurred-background; }
        &:focus > .catalog-list--cursor {
            background: $block-cursor-background;
            color: $block-cursor-foreground;
            text-style: $block-cursor-text-style;
        }
        & > .catalog-list--match { color: $accent; text-style: bold underline; }
        & > .catalog-list--muted { color: $text-muted; }
        & > .catalog-list--mark { color: $accent; text-style: bold; }
    }
    """

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "catalog-list--cursor",
        "catalog-list--match",
        "catalog-list--muted",
        "catalog-list--mark",
    }

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up", "cursor(-1)", "Up", show=False),
        Binding("down", "cursor(1)", "Down", show=False),
        Binding("pageup", "page(-1)", "Page up", show=False),
        Binding("pagedown", "page(1)", "Page down", show=False),
        Binding("home", "to_end(False)", "First", show=False),
        Binding("end", "to_end(True)", "Last", show=False),
        Binding("enter", "select", "Open", show=False),
    ]

    class Highlighted(Message):
        """The cursor moved to another entry (None when the list is empty)."""

        def __init__(self, entry_id: str | None) -> None:
            super().__init__()
            self.entry_id = entry_id
            """The highlighted entry's id."""

    class Selected(Message):
        """Enter (or a click) on an entry."""

        def __init__(self, entry_id: str) -> None:
            super().__init__()
            self.entry_id = entry_id
            """The chosen entry's id."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.index: CatalogIndex | None = None
        """The index the row numbers refer to."""
        self.rows: Sequence[int] = ()
        """The rows shown, in order (row numbers into `index`)."""
        self.words: tuple[str, ...] = ()
        """The query words to highlight."""
        self.marked: frozenset[str] = frozenset()
        """Entry ids marked (for comparison), shown with ◆."""
        self.status_of: StatusOf = _untracked
        """Looks up an entry's progress status."""
        self.empty_text = "Loading the catalog…"
        """What the list says when it has no rows."""
        self.cursor = 0
        """Position of the highlighted row in `rows`."""
        self._highlighted: str | None = None

    # Data down -------------------------------------------------------------------------------

    def set_rows(
        self, index: CatalogIndex, rows: Sequence[int], words: tuple[str, ...] = ()
    ) -> None:
        """Show new rows with the cursor on the first. Cheap: nothing is rendered here."""
        self.index = index
        self.rows = rows
        self.words = words
        self.cursor = 0
        self.virtual_size = Size(self.size.width, len(rows))
        self.scroll_to(0, 0, animate=False, immediate=True)
        self.refresh()
        self._post_highlight()

    def set_marked(self, marked: frozenset[str]) -> None:
        """Show which entries are marked."""
        self.marked = marked
        self.refresh()

    @property
    def highlighted(self) -> str | None:
        """The id of the entry under the cursor."""
        if self.index is None or not self.rows:
            return None
        return self.index.ids[self.rows[self.cursor]]

    @property
    def visible_ids(self) -> list[str]:
        """Ids of the rows currently on screen, top to bottom (what a user can see)."""
        if self.index is None:
            return []
        top = round(self.scroll_offset.y)
        rows = self.rows[top : top + self.scrollable_content_region.height]
        return [self.index.ids[row] for row in rows]

    def move_to(self, entry_id: str) -> bool:
        """Put the cursor on an entry, if it is shown; True when it is."""
        if self.index is None:
            return False
        row = self.index.row_of(entry_id)
        if row is None:
            return False
        try:
            position = list(self.rows).index(row)
        except ValueError:
            return False
        self._move(position)
        return True

    # Rendering -------------------------------------------------------------------------------

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        base = self.rich_style
        position = round(self.scroll_offset.y) + y
        index = self.index
        if index is None or not self.rows:
            if y == 0:
                text = Text(
                    self.empty_text, style=self.get_component_rich_style("catalog-list--muted")
                )
                return text_strip(text, width, base, self.app.console)
            return Strip.blank(width, base)
        if position >= len(self.rows):
            return Strip.blank(width, base)
        text = self._row_text(index, self.rows[position], width)
        if position == self.cursor:
            text.stylize(self.get_component_rich_style("catalog-list--cursor"))
        return text_strip(text, width, base, self.app.console)

    def _row_text(self, index: CatalogIndex, row: int, width: int) -> Text:
        entry_id = index.ids[row]
        muted = self.get_component_rich_style("catalog-list--muted")
        status = self.status_of(entry_id)
        left = Text(no_wrap=True, overflow="ellipsis", end="")
        left.append(
            "◆" if entry_id in self.marked else " ",
            self.get_component_rich_style("catalog-list--mark"),
        )
        left.append(STATUS_MARKS.get(status or "", " "))
        left.append(" ")
        # Cleaned here, a row at a time as it is drawn: control and invisible characters
        # (a right-to-left override) shown by their code, as everywhere else text is shown.
        shown_title = clean(index.titles[row])
        title = Text(shown_title)
        provider = clean(index.providers[row])
        match = self.get_component_rich_style("catalog-list--match")
        if self.words:
            for start, end in match_spans(shown_title, self.words):
                title.stylize(match, start, end)
        left.append_text(title)
        if provider:
            shown = Text(f" · {provider}", style=muted)
            if self.words:
                for start, end in match_spans(shown.plain, self.words):
                    shown.stylize(match, start, end)
            left.append_text(shown)
        right = _right_column(index, row, width)
        room = max(width - len(right) - (2 if right else 0), 1)
        left.truncate(room, overflow="ellipsis", pad=True)
        if right:
            left.append("  ")
            left.append(right, muted)
        return left

    # Moving ----------------------------------------------------------------------------------

    def _move(self, position: int) -> None:
        if not self.rows:
            return
        position = max(0, min(position, len(self.rows) - 1))
        if position != self.cursor:
            old = self.cursor
            self.cursor = position
            top = round(self.scroll_offset.y)
            self.refresh(Region(0, old - top, self.size.width, 1))
            self.refresh(Region(0, position - top, self.size.width, 1))
        self.scroll_to_region(Region(0, position, 1, 1), animate=False, immediate=True, force=True)
        self.refresh()
        self._post_highlight()

    def _post_highlight(self) -> None:
        highlighted = self.highlighted
        if highlighted != self._highlighted:
            self._highlighted = highlighted
            self.post_message(self.Highlighted(highlighted))

    def action_cursor(self, delta: int) -> None:
        self._move(self.cursor + delta)

    def action_page(self, direction: int) -> None:
        self._move(self.cursor + direction * max(self.scrollable_content_region.height - 1, 1))

    def action_to_end(self, last: bool) -> None:
        self._move(len(self.rows) - 1 if last else 0)

    def action_select(self) -> None:
        highlighted = self.highlighted
        if highlighted is not None:
            self.post_message(self.Selected(highlighted))

    def on_click(self, event: events.Click) -> None:
        # event.y counts the border too: a click on a row selected the one below it.
        offset = event.get_content_offset(self)  # inside the border, or None
        if offset is None:
            return
        position = round(self.scroll_offset.y) + offset.y
        if 0 <= position < len(self.rows):
            self._move(position)
            if event.chain == 2:
                self.action_select()

    def on_resize(self, event: events.Resize) -> None:
        self.virtual_size = Size(event.size.width, len(self.rows))


def _untracked(entry_id: str) -> str | None:
    return None


def _right_column(index: CatalogIndex, row: int, width: int) -> str:
    """Kind, duration and cost, shortened to fit narrow lists."""
    kind = index.kinds[row]
    label = KIND_LABELS[kind]
    if kind == "stage":
        stage_id = index.stage_ids[row]
        label = f"stage {index.stage_orders.get(stage_id or '', '')}".strip()
    parts = [label]
    if width >= 48:
        parts.append(index.hours_label(row))
    if width >= 70:
        parts.append(index.cost_labels[row])
    return " · ".join(part for part in parts if part)
