"""A Markdown document drawn line by line: one widget, however long the page.

Textual's `Markdown` widget mounts a widget per block (four per bullet), about 75 for a program
page, and builds them again for every entry the catalog's cursor passes over: megabytes, and
most of a detail update's time. `MarkdownView` parses with the same markdown-it parser into a
short list of styled blocks, wraps them to the width it has, and draws only the lines on
screen (the Line API).

It knows the Markdown the catalog uses: headings, paragraphs, emphasis, code, links, nested
bullet and numbered lists, block quotes, rules, fenced code and simple tables (a table too wide
for the pane is shown row by row, as "Header: value" lines). Anything else shows as its text.
Text is data: it is cleaned of control characters and never read as Rich markup. Links never
act on their own; following one posts `LinkClicked` with its address, by a click or from the
keyboard (`]` and `[` pick a link, Enter follows it). Text can be selected with the mouse, as
in Textual's `Log`, and copied with the screen's copy key (Ctrl+C): a wrapped paragraph is
copied as one line.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING, ClassVar

from rich.console import Console
from rich.containers import Lines
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import BindingType
from textual.geometry import Region, Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.selection import Selection
from textual.strip import Strip

from mlroute.text import clean
from mlroute.tui.commands import Command, bindings
from mlroute.tui.widgets.lines import text_strip

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.token import Token

ROLES = ("h1", "h2", "h3", "link", "code", "quote", "bullet", "rule")
"""What the document styles from the theme, each a component class `markdown-view--<role>`."""

BULLETS = ("•", "◦", "▪")
"""List bullets by depth."""

_BOLD = Style(bold=True)
_INLINE_STYLES = {
    "strong_open": _BOLD,
    "em_open": Style(italic=True),
    "s_open": Style(strike=True),
}


@cache
def _parser() -> MarkdownIt:
    """CommonMark with tables and strikethrough.

    Not linkify (Textual's choice): its address matcher costs about a megabyte, and a bare
    address in the catalog is reached with `o` instead; `<https://…>` still makes a link.
    """
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark").enable(["table", "strikethrough"])


@dataclass(slots=True)
class Block:
    """A paragraph, heading, list item's paragraph, code block or rule, ready to wrap."""

    text: Text
    """The content, styled."""
    first: Text
    """What goes before its first line: list markers, quote bars, indentation."""
    rest: Text
    """What goes before each later line."""
    gap: Text | None
    """The blank line that separates it from the block before (quote bars only), if any."""
    heading: int = 0
    """Its heading level (1-6), or 0 when it is not a heading."""
    rule: bool = False
    """A horizontal rule: drawn across the width, `text` unused."""
    table: Table | None = None
    """A table: drawn as a grid where it fits, else row by row; `text` unused."""


@dataclass(slots=True)
class Table:
    """A table's cells, and the grid drawn where it fits (built once, at parse time)."""

    rows: list[list[Text]]
    """The cells, row by row; the first row is the header."""
    grid: list[Text]
    """The table as lines, cells padded to their column (`_table_lines`)."""
    width: int
    """The grid's width in cells."""


@dataclass(slots=True)
class _Container:
    """A list item or block quote the blocks inside it are prefixed by."""

    marker: Text
    indent: Text
    used: bool = False


@dataclass(slots=True)
class Document:
    """A parsed document: its blocks and its links' addresses (a link's number is its index)."""

    blocks: list[Block] = field(default_factory=list)
    links: list[str] = field(default_factory=list)
    headings: list[tuple[int, str]] = field(default_factory=list)
    """Each heading's level and text, in reading order."""


def parse(source: str, styles: dict[str, Style]) -> Document:
    """Markdown source as blocks, styled with `styles` (one per role in `ROLES`)."""
    document = Document()
    containers: list[_Container] = []
    lists: list[list[int]] = []  # per open list: [next number], or [] for bullets
    table: list[list[Text]] | None = None
    heading = 0
    gap = False

    def emit(
        text: Text, *, heading: int = 0, rule: bool = False, table: Table | None = None
    ) -> None:
        nonlocal gap
        first = Text()
        rest = Text()
        between = Text()  # the blank line lies inside only the containers already begun
        for container in containers:
            first.append_text(container.indent if container.used else container.marker)
            rest.append_text(container.indent)
            if container.used:
                between.append_text(container.indent)
            container.used = True
        between.rstrip()
        document.blocks.append(
            Block(text, first, rest, between if gap else None, heading, rule, table)
        )
        gap = False

    for token in _parser().parse(source):
        kind = token.type
        nested = bool(containers)
        if kind == "inline":
            text = _inline(token.children or [], styles, document.links)
            if table is not None:
                table[-1].append(text)
            elif heading:
                text.stylize_before(styles[f"h{min(heading, 3)}"])
                document.headings.append((heading, text.plain))
                emit(text, heading=heading)
            else:
                emit(text)
        elif kind == "heading_open":
            heading = int(token.tag[1:])
        elif kind == "heading_close":
            heading = 0
            gap = True
        elif kind == "paragraph_close":
            gap = gap or not token.hidden  # paragraphs in a tight list sit line by line
        elif kind == "bullet_list_open":
            lists.append([])
        elif kind == "ordered_list_open":
            start = token.attrGet("start")
            lists.append([int(start) if isinstance(start, int | str) else 1])
        elif kind in ("bullet_list_close", "ordered_list_close"):
            lists.pop()
            gap = gap or not nested
        elif kind == "list_item_open":
            numbers = lists[-1]
            if numbers:
                marker = f"{numbers[0]}. "
                numbers[0] += 1
            else:
                marker = f"{BULLETS[(len(lists) - 1) % len(BULLETS)]} "
            containers.append(_Container(Text(marker, styles["bullet"]), Text(" " * len(marker))))
        elif kind == "blockquote_open":
            bar = Text("▌ ", styles["quote"])
            containers.append(_Container(bar, bar))
        elif kind in ("list_item_close", "blockquote_close"):
            containers.pop()
            gap = gap or (kind == "blockquote_close" and not containers)
        elif kind in ("fence", "code_block", "html_block"):
            style = Style.null() if kind == "html_block" else styles["code"]
            emit(Text(clean(token.content).rstrip("\n"), style))
            gap = True
        elif kind == "hr":
            emit(Text(), rule=True)
            gap = True
        elif kind == "table_open":
            table = []
        elif kind == "tr_open" and table is not None:
            table.append([])
        elif kind == "table_close" and table is not None:
            grid = _table_lines(table, styles["rule"])
            emit(Text(), table=Table(table, grid, max((line.cell_len for line in grid), default=0)))
            table = None
            gap = True
    return document


def _inline(children: Sequence[Token], styles: dict[str, Style], links: list[str]) -> Text:
    """One paragraph's inline tokens as styled text; links are numbered into `links`."""
    text = Text(end="")
    stack: list[Style] = []
    for child in children:
        kind = child.type
        style = Style.combine(stack) if stack else Style.null()
        if kind == "text" or kind == "html_inline":
            text.append(clean(child.content), style)
        elif kind == "softbreak":
            text.append(" ")
        elif kind == "hardbreak":
            text.append("\n")
        elif kind == "code_inline":
            text.append(clean(child.content), style + styles["code"])
        elif kind == "image":
            alt = clean(child.content)
            text.append(f"[image: {alt}]" if alt else "[image]", style)
        elif kind in _INLINE_STYLES:
            stack.append(_INLINE_STYLES[kind])
        elif kind == "link_open":
            href = child.attrGet("href")
            stack.append(styles["link"] + Style.from_meta({"link": len(links)}))
            links.append(clean(href) if isinstance(href, str) else "")
        elif kind.endswith("_close") and stack:
            stack.pop()
    return text


def _table_lines(rows: list[list[Text]], rule: Style) -> list[Text]:
    """A table's rows as lines, cells padded to their column and separated by bars."""
    columns = max((len(row) for row in rows), default=0)
    widths = [
        max((row[c].cell_len for row in rows if c < len(row)), default=0) for c in range(columns)
    ]
    lines = []
    for number, row in enumerate(rows):
        line = Text(end="")
        for c, width in enumerate(widths):
            cell = row[c].copy() if c < len(row) else Text()
            cell.pad_right(width - cell.cell_len)
            if number == 0:
                cell.stylize(_BOLD)
            if c:
                line.append(" │ ", rule)
            line.append_text(cell)
        lines.append(line)
        if number == 0:
            lines.append(Text("─┼─".join("─" * width for width in widths), rule))
    return lines


@dataclass(slots=True)
class Layout:
    """A document wrapped to one width."""

    lines: list[Text]
    """Every line, prefixes included."""
    link_spans: dict[int, list[tuple[int, int, int]]]
    """For lines holding links: (start, end, link number) of each link's part on that line."""
    link_lines: dict[int, int]
    """Each link's first line."""
    heading_lines: list[int]
    """Each heading's first line, in the order of `Document.headings`."""
    continued: dict[int, tuple[int, str]] = field(default_factory=dict)
    """For each line that a wrap carried on from the line before: the length of its prefix,
    and the text the wrap took out at the break (a space, usually), so that copying puts the
    paragraph back together rather than copying the wrap."""


def layout(document: Document, width: int, console: Console, rule: Style) -> Layout:
    """Wrap every block to `width` cells."""
    lines: list[Text] = []
    heading_lines: list[int] = []
    continued: dict[int, tuple[int, str]] = {}

    def add(text: Text, first: Text, rest: Text, room: int) -> None:
        """`text` wrapped to `room`, its first line after `first` and the others after `rest`."""
        if not text:
            lines.append(Text.assemble(first))
            return
        plain = text.plain
        if text.cell_len <= room and "\n" not in plain and "\t" not in plain:
            lines.append(Text.assemble(first, text))  # one line: wrapping would only copy it
            return
        wrapped = text.wrap(console, room, overflow="fold")
        lines.append(Text.assemble(first, wrapped[0]))
        if len(wrapped) == 1:
            return
        prefix = len(rest.plain)
        for piece, taken in zip(wrapped[1:], _breaks(text.plain, wrapped), strict=True):
            continued[len(lines)] = (prefix, taken)
            lines.append(Text.assemble(rest, piece))

    for block in document.blocks:
        if block.gap is not None and lines:
            lines.append(block.gap)
        room = max(width - block.first.cell_len, 1)
        if block.rule:
            lines.append(Text.assemble(block.first, ("─" * room, rule)))
        elif block.table is not None:
            _add_table(block, block.table, room, add, lines)
        else:
            if block.heading:
                heading_lines.append(len(lines))
            add(block.text, block.first, block.rest, room)
    link_spans: dict[int, list[tuple[int, int, int]]] = {}
    link_lines: dict[int, int] = {}
    for y, line in enumerate(lines):
        for span in line.spans:
            style = span.style
            link = style.meta.get("link") if isinstance(style, Style) else None
            if isinstance(link, int):
                link_spans.setdefault(y, []).append((span.start, span.end, link))
                link_lines.setdefault(link, y)
    return Layout(lines, link_spans, link_lines, heading_lines, continued)


def _rows(selection: Selection) -> tuple[int, int] | None:
    """The first and last line a selection touches, or None when it is open-ended."""
    if selection.start is None or selection.end is None:
        return None
    return selection.start.y, selection.end.y


def _breaks(plain: str, wrapped: Lines) -> list[str]:
    """What the wrap took out before each line after the first (whitespace, or nothing).

    Rich keeps a line's trailing spaces where they fit and drops them where they do not; the
    lines are found again in the text to tell. A line that cannot be found (tabs are expanded
    in the wrapped lines) and any after it are said to follow a line break.
    """
    taken: list[str] = []
    at = len(wrapped[0].plain)
    for line in wrapped[1:]:
        piece = line.plain
        start = at
        while at < len(plain) and plain[at].isspace() and not plain.startswith(piece, at):
            at += 1
        if not plain.startswith(piece, at):
            taken += ["\n"] * (len(wrapped) - 1 - len(taken))
            break
        taken.append(plain[start:at])
        at += len(piece)
    return taken


def _add_table(
    block: Block,
    table: Table,
    room: int,
    add: Callable[[Text, Text, Text, int], None],
    lines: list[Text],
) -> None:
    """A table as a grid where it fits in `room`, else each row as "Header: value" lines.

    A grid wider than the pane would wrap into a jumble that loses its columns, and scrolling
    the whole page sideways for one table would move the text around it too; a row per block
    reads at any width and costs nothing where the table fits.
    """
    if table.width <= room:
        for number, line in enumerate(table.grid):
            lines.append(Text.assemble(block.rest if number else block.first, line))
        return
    header, *rows = table.rows
    labels = [cell.copy() for cell in header]
    for label in labels:
        label.stylize(_BOLD)
    gap = block.rest.copy()
    gap.rstrip()
    first = block.first
    indent = Text.assemble(block.rest, "  ")
    if not rows:  # a header alone: its headings, one a line
        for number, label in enumerate(labels):
            add(label, block.rest if number else block.first, indent, room)
        return
    for number, row in enumerate(rows):
        if number:
            lines.append(gap)
        for column, label in enumerate(labels):
            cell = row[column] if column < len(row) else Text()
            entry = Text(end="")
            if label:
                entry.append_text(label)
                entry.append(": " if cell else ":", _BOLD)
            entry.append_text(cell)
            add(entry, first, indent, room)
            first = block.rest


class MarkdownView(ScrollView, can_focus=True):
    """A scrolling Markdown document; posts `LinkClicked` when the user follows a link."""

    DEFAULT_CSS = """
    MarkdownView {
        background: $surface;
        padding: 0 1;
        overflow-x: hidden;
        scrollbar-gutter: stable;
        & > .markdown-view--h1 {
            color: $markdown-h1-color;
            background: $markdown-h1-background;
            text-style: $markdown-h1-text-style;
        }
        & > .markdown-view--h2 {
            color: $markdown-h2-color;
            background: $markdown-h2-background;
            text-style: $markdown-h2-text-style;
        }
        & > .markdown-view--h3 {
            color: $markdown-h3-color;
            background: $markdown-h3-background;
            text-style: $markdown-h3-text-style;
        }
        & > .markdown-view--link { color: $link-color; text-style: $link-style; }
        & > .markdown-view--link-hover {
            color: $link-color-hover;
            background: $link-background-hover;
            text-style: $link-style-hover;
        }
        & > .markdown-view--link-selected { text-style: reverse; }
        &:focus > .markdown-view--link-selected {
            color: $block-cursor-foreground;
            background: $block-cursor-background;
            text-style: $block-cursor-text-style;
        }
        & > .markdown-view--code { color: $text-accent; background: $boost; }
        & > .markdown-view--quote { color: $primary; }
        & > .markdown-view--bullet { color: $text-primary; }
        & > .markdown-view--rule { color: $foreground-darken-3; }
    }
    """

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        *(f"markdown-view--{role}" for role in ROLES),
        "markdown-view--link-hover",
        "markdown-view--link-selected",
    }

    HELP_HEADING = "Reading a page (catalog details, FAQ and guide)"
    """The help screen's heading for these keys."""

    COMMANDS_LIST: ClassVar[tuple[Command, ...]] = (
        Command("right_square_bracket", "link(1)", "Next link", "Pick the next link on the page"),
        Command(
            "left_square_bracket", "link(-1)", "Prev link", "Pick the previous link on the page"
        ),
        Command("enter", "follow", "Follow", "Follow the picked link", show=False),
    )
    """The page's own keys, while it has the focus (it scrolls with the arrows and PgUp/PgDn)."""

    BINDINGS: ClassVar[list[BindingType]] = bindings(COMMANDS_LIST)

    class LinkClicked(Message):
        """The user followed a link (a click, or Enter on the selected link)."""

        def __init__(self, href: str) -> None:
            super().__init__()
            self.href = href
            """The link's address, as written."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._source = ""
        self._document: Document | None = None
        self._styles: dict[str, Style] = {}
        self._layout: Layout | None = None
        self._width = 0
        self._strips: dict[int, Strip] = {}
        self._selected: int | None = None
        self._hover: int | None = None
        self._selection: Selection | None = None

    # The document ----------------------------------------------------------------------------

    @property
    def source(self) -> str:
        """The Markdown shown."""
        return self._source

    @property
    def links(self) -> list[str]:
        """The document's link addresses, in reading order."""
        return list(self._document.links) if self._document is not None else []

    @property
    def headings(self) -> list[tuple[int, str]]:
        """Each heading's level and text, in reading order."""
        return list(self._document.headings) if self._document is not None else []

    @property
    def lines(self) -> list[str]:
        """The document's lines as plain text, at the current width (for tests and export)."""
        return [line.plain for line in self._layout.lines] if self._layout is not None else []

    @property
    def selected_link(self) -> int | None:
        """The link picked with `]`/`[` (its number), if any."""
        return self._selected

    def update(self, source: str) -> None:
        """Show a new document from its top."""
        self._source = source
        self._document = None
        self._selected = self._hover = None
        self._forget_selection()
        self._relayout()
        self.scroll_home(animate=False, immediate=True)

    def scroll_to_heading(self, number: int) -> None:
        """Scroll so that heading `number` (an index into `headings`) is at the top."""
        if self._layout is not None and 0 <= number < len(self._layout.heading_lines):
            self.scroll_to(y=self._layout.heading_lines[number], animate=False, immediate=True)

    def _relayout(self) -> None:
        self._strips.clear()
        self._layout = None
        if not self.is_mounted:
            return  # parsed on mount, with the theme's styles
        if self._document is None:
            self._document = parse(self._source, self._styles)
        width = self.scrollable_content_region.width
        if width <= 0:
            return  # laid out on the first resize
        self._width = width
        self._layout = layout(self._document, width, self.app.console, self._styles["rule"])
        self.virtual_size = Size(width, len(self._layout.lines))
        self.refresh()

    def _read_styles(self) -> bool:
        """Take the theme's styles for each role; True when they changed."""
        styles = {role: self.get_component_rich_style(f"markdown-view--{role}") for role in ROLES}
        if styles == self._styles:
            return False
        self._styles = styles
        return True

    def on_mount(self) -> None:
        self._read_styles()
        self._relayout()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._strips.clear()
        if self.is_mounted:
            # Textual notifies before it updates the component classes' styles: read them
            # once it has.
            self.call_later(self._restyle)

    def _restyle(self) -> None:
        if self._read_styles():
            self._document = None  # a new theme: the blocks carry the old colours
            self._strips.clear()
            self._relayout()

    def on_resize(self, event: events.Resize) -> None:
        if self.scrollable_content_region.width != self._width:
            self._forget_selection()  # its offsets point into lines wrapped another way
            self._relayout()

    # Drawing ---------------------------------------------------------------------------------

    def render_line(self, y: int) -> Strip:
        position = round(self.scroll_offset.y) + y
        strip = self._strips.get(position)
        if strip is None:
            strip = self._render_position(position)
            self._strips[position] = strip
        if self.app.mouse_over is self:
            # Each character's offset tells the screen where a press or a drag is in the text.
            # Only the mouse needs them, and they cost about as much again as drawing the line
            # (a style per piece of text), so lines drawn while the mouse is elsewhere (the
            # catalog's cursor moving) go without. The screen finds the widget under the
            # pointer when the mouse moves, before any press, and the strip keeps the result.
            return strip.apply_offsets(0, position)
        return strip

    def _render_position(self, position: int) -> Strip:
        width = self.scrollable_content_region.width
        base = self.rich_style
        if self._layout is None or not 0 <= position < len(self._layout.lines):
            return Strip.blank(width, base)
        line = self._layout.lines[position]
        spans = self._layout.link_spans.get(position, ())
        marked = {self._hover: "hover", self._selected: "selected"}  # selected wins
        if any(number in marked for _, _, number in spans):
            line = line.copy()
            for start, end, number in spans:
                if number in marked:
                    line.stylize(
                        self.get_component_rich_style(f"markdown-view--link-{marked[number]}"),
                        start,
                        end,
                    )
        selection = self.text_selection
        selected = selection.get_span(position) if selection is not None else None
        if selected is not None:
            start, end = selected
            line = line.copy() if line is self._layout.lines[position] else line
            line.stylize(self._selection_style(), start, len(line) if end == -1 else end)
        return text_strip(line, width, base, self.app.console)

    # Selection ---------------------------------------------------------------------------------

    def get_selection(self, selection: Selection) -> tuple[str, str] | None:
        """The selected text, as plain text; a wrapped paragraph comes back as one line."""
        layout = self._layout
        if layout is None or not layout.lines:
            return None
        lines = layout.lines
        first = 0 if selection.start is None else selection.start.y
        last = len(lines) - 1 if selection.end is None else min(selection.end.y, len(lines) - 1)
        copied: list[str] = []
        for y in range(max(first, 0), last + 1):
            span = selection.get_span(y)
            if span is None:
                continue
            start, end = span
            plain = lines[y].plain
            stop = None if end == -1 else end
            carried = layout.continued.get(y)
            if carried is None:
                copied.append(plain[start:stop])
                continue
            prefix, taken = carried  # the indent is not copied; what the wrap took out is
            piece = plain[max(start, prefix) : stop]
            if copied:
                copied[-1] += taken + piece
            else:
                copied.append(piece)
        return "\n".join(line.rstrip() for line in copied), "\n"

    def selection_updated(self, selection: Selection | None) -> None:
        # Only the lines whose highlight changed are drawn again: a drag updates it per move.
        before, self._selection = self._selection, selection
        for changed in (before, selection):
            if changed is None:
                continue
            rows = _rows(changed)
            if rows is None:  # open-ended: it may reach any line
                self._strips.clear()
                break
            for y in range(rows[0], rows[1] + 1):
                self._strips.pop(y, None)
        self.refresh()

    def _selection_style(self) -> Style:
        """The screen's selection colours, laid over this view's background.

        Not `get_component_rich_style`: the theme's selection foreground is usually
        transparent (keep the text's colour), and that blends it into the background, which
        hides the selected text.
        """
        styles = self.screen.get_component_styles("screen--selection")
        background = (self.background_colors[1] + styles.background).rich_color
        color = styles.color.rich_color if styles.color.a > 0 else None
        return Style(color=color, bgcolor=background)

    def _forget_selection(self) -> None:
        """Drop this view's part of the screen's selection (its text is about to change)."""
        if not self.is_attached or self not in self.screen.selections:
            return
        selections = dict(self.screen.selections)
        del selections[self]
        self.screen.selections = selections

    def _redraw_links(self, *numbers: int | None) -> None:
        """Redraw the lines of the given links (a selection or hover moved)."""
        layout = self._layout
        if layout is None:
            return
        for y, spans in layout.link_spans.items():
            if any(number in numbers for _, _, number in spans):
                self._strips.pop(y, None)
        self.refresh()

    # Links -----------------------------------------------------------------------------------

    def _follow(self, number: int) -> None:
        if self._document is not None and 0 <= number < len(self._document.links):
            self.post_message(self.LinkClicked(self._document.links[number]))

    def action_link(self, step: int) -> None:
        """Select the next (1) or previous (-1) link, starting from what is on screen."""
        layout = self._layout
        if layout is None or not layout.link_lines:
            self.app.bell()
            return
        numbers = sorted(layout.link_lines)
        top = round(self.scroll_offset.y)
        bottom = top + self.scrollable_content_region.height - 1
        selected = self._selected
        if selected is None or not top <= layout.link_lines.get(selected, -1) <= bottom:
            # Nothing selected on screen: start from the first (or last) link in view.
            if step > 0:
                after = [n for n in numbers if layout.link_lines[n] >= top]
                chosen = after[0] if after else numbers[0]
            else:
                before = [n for n in numbers if layout.link_lines[n] <= bottom]
                chosen = before[-1] if before else numbers[-1]
        else:
            chosen = numbers[(numbers.index(selected) + step) % len(numbers)]
        self._selected = chosen
        self._redraw_links(selected, chosen)
        line = layout.link_lines[chosen]
        self.scroll_to_region(Region(0, line, 1, 1), animate=False, immediate=True)

    def action_follow(self) -> None:
        if self._selected is None:
            self.app.bell()
            self.notify("Press ] to pick a link first.", timeout=3)
            return
        self._follow(self._selected)

    def on_click(self, event: events.Click) -> None:
        number = event.style.meta.get("link")
        # A drag that ends on a link selected text: it is not a click on the link.
        if isinstance(number, int) and self.text_selection is None:
            event.stop()
            previous, self._selected = self._selected, number
            self._redraw_links(previous, number)
            self._follow(number)

    def on_mouse_move(self, event: events.MouseMove) -> None:
        number = event.style.meta.get("link")
        hover = number if isinstance(number, int) else None
        if hover != self._hover:
            previous, self._hover = self._hover, hover
            self._redraw_links(previous, hover)

    def on_leave(self, event: events.Leave) -> None:
        if self._hover is not None:
            previous, self._hover = self._hover, None
            self._redraw_links(previous)
