"""A Markdown reader: a scrolling document, an optional table of contents, and safe links.

Links never act on their own: `#<id>` becomes `EntryLinkClicked`, an http(s) address becomes
`UrlLinkClicked` (the screen decides whether to open it), and anything else (a file path,
another scheme) is ignored, so catalog text can neither open files nor run actions.
"""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.message import Message
from textual.reactive import reactive
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from mlroute.tui.widgets.markdown_view import MarkdownView


class Reader(Horizontal):
    """A Markdown document with a table of contents that shows for long documents."""

    DEFAULT_CSS = """
    Reader {
        height: 1fr;
        & > #reader-contents {
            display: none;
            width: 26;
            max-width: 35%;
            height: 1fr;
            border-right: vkey $primary-muted;
        }
        &.-with-toc > #reader-contents { display: block; }
        & > MarkdownView { width: 1fr; height: 1fr; }
    }
    """

    show_toc: reactive[bool] = reactive(False)
    """Whether the table of contents is shown (the screen decides when it helps)."""

    class EntryLinkClicked(Message):
        """A link to another catalog entry was clicked."""

        def __init__(self, entry_id: str) -> None:
            super().__init__()
            self.entry_id = entry_id
            """The linked entry's id."""

    class UrlLinkClicked(Message):
        """A link to a web page was clicked; nothing is opened unless the screen says so."""

        def __init__(self, url: str) -> None:
            super().__init__()
            self.url = url
            """The address."""

    def compose(self) -> ComposeResult:
        yield OptionList(id="reader-contents")
        yield MarkdownView()

    @property
    def document(self) -> MarkdownView:
        """The Markdown document."""
        return self.query_one(MarkdownView)

    @property
    def contents(self) -> OptionList:
        """The table of contents."""
        return self.query_one("#reader-contents", OptionList)

    @property
    def source(self) -> str:
        """The Markdown shown."""
        return self.document.source

    def show(self, markdown: str) -> None:
        """Show a new document from its top."""
        self.document.update(markdown)
        if self.show_toc:
            self._fill_contents()

    def focus_document(self) -> None:
        """Put the keyboard on the document, to scroll it and pick its links."""
        self.document.focus()

    def watch_show_toc(self, show: bool) -> None:
        self.set_class(show, "-with-toc")
        if show and self.is_mounted:
            self._fill_contents()

    def _fill_contents(self) -> None:
        # Headings below the title, indented by level; a hidden list is not worth filling.
        contents = self.contents
        contents.clear_options()
        contents.add_options(
            Option(Text("  " * (level - 2) + title, no_wrap=True, overflow="ellipsis"), id=str(n))
            for n, (level, title) in enumerate(self.document.headings)
            if level >= 2
        )

    @on(OptionList.OptionSelected, "#reader-contents")
    def _jump(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.document.scroll_to_heading(int(event.option.id or 0))

    @on(MarkdownView.LinkClicked)
    def _link(self, event: MarkdownView.LinkClicked) -> None:
        event.stop()
        href = event.href.strip()
        if href.startswith("#") and len(href) > 1:
            self.post_message(self.EntryLinkClicked(href[1:]))
        elif href.lower().startswith(("https://", "http://")):
            self.post_message(self.UrlLinkClicked(href))
