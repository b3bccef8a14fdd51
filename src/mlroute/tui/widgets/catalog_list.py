"""A virtualised list of catalog rows: renders only the lines on screen, however many rows match.

A `LineList` (a `ScrollView` with the Line API). Its data is a sequence of row numbers into a
`CatalogIndex`; swapping it is an assignment and a refresh, so the search box can hand it a
new result on every keystroke and the rows paint in the same frame.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, ClassVar

from rich.style import Style
from rich.text import Text
from textual.binding import Binding, BindingType
from textual.geometry import Offset
from textual.message import Message
from textual.strip import Strip

from mlroute.catalog_index import CatalogIndex, match_spans
from mlroute.text import clean
from mlroute.tui.marks import STATUS_MARKS

if TYPE_CHECKING:
    from mlroute.store import Status
from mlroute.tui.widgets.lines import PAGE_BINDINGS, LineList

KIND_LABELS: dict[str, str] = {
    "program": "program",
    "course": "course",
    "foundation": "foundation",
    "stage": "stage",
    "project": "project",
}
"""How each kind reads in the row's right-hand column."""

StatusOf = Callable[[str], "Status | None"]


class CatalogList(LineList):
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
        *PAGE_BINDINGS,
        Binding("enter", "select", "Open", show=False),
    ]
    """Enter opens; the arrows, Home and End come from `LineList`."""

    CURSOR_STYLE = "catalog-list--cursor"

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
        self._highlighted: str | None = None

    # Data down -------------------------------------------------------------------------------

    def set_rows(
        self, index: CatalogIndex, rows: Sequence[int], words: tuple[str, ...] = ()
    ) -> None:
        """Show new rows with the cursor on the first. Cheap: nothing is rendered here."""
        self.index = index
        self.rows = rows
        self.words = words
        self.fit_virtual_size()
        self.cursor = 0
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
        self.move(position)
        return True

    # Rendering -------------------------------------------------------------------------------

    @property
    def row_count(self) -> int:
        return len(self.rows) if self.index is not None else 0

    def line_text(self, line: int, width: int) -> Text:
        assert self.index is not None
        return self._row_text(self.index, self.rows[line], width)

    def render_blank(self, y: int, width: int, base: Style) -> Strip:
        if y == 0 and not self.row_count:
            text = Text(self.empty_text, style=self.get_component_rich_style("catalog-list--muted"))
            return self.draw_text(text, width, base)
        return Strip.blank(width, base)

    def _row_text(self, index: CatalogIndex, row: int, width: int) -> Text:
        entry_id = index.ids[row]
        muted = self.get_component_rich_style("catalog-list--muted")
        status = self.status_of(entry_id)
        left = Text(no_wrap=True, overflow="ellipsis", end="")
        left.append(
            "◆" if entry_id in self.marked else " ",
            self.get_component_rich_style("catalog-list--mark"),
        )
        left.append(STATUS_MARKS[status] if status else " ")
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

    def cursor_changed(self) -> None:
        self._post_highlight()

    def _post_highlight(self) -> None:
        highlighted = self.highlighted
        if highlighted != self._highlighted:
            self._highlighted = highlighted
            self.post_message(self.Highlighted(highlighted))

    def action_select(self) -> None:
        highlighted = self.highlighted
        if highlighted is not None:
            self.post_message(self.Selected(highlighted))

    def row_clicked(self, row: int, offset: Offset, chain: int) -> None:
        self.move(row)
        if chain == 2:
            self.action_select()


def _untracked(entry_id: str) -> Status | None:
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
