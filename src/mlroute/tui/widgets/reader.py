"""A Markdown reader: a scrolling document, an optional table of contents, and safe links.

Links never act on their own: `#<id>` becomes `EntryLinkClicked`, an http(s) address becomes
`UrlLinkClicked` (the screen decides whether to open it), and anything else (a file path,
another scheme) is ignored, so catalog text can neither open files nor run actions.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.message import Message
from textual.reactive import reactive
from textual.widgets import Markdown
from textual.widgets.markdown import MarkdownBlock, MarkdownTableOfContents


class Reader(Horizontal):
    """A Markdown document with a table of contents that shows for long documents."""

    DEFAULT_CSS = """
    Reader {
        height: 1fr;
        & > MarkdownTableOfContents { display: none; width: 26; max-width: 35%; }
        &.-with-toc > MarkdownTableOfContents { display: block; }
        & > VerticalScroll { width: 1fr; height: 1fr; background: $surface; }
        & Markdown { padding: 0 1; }
        & MarkdownH1 { margin: 0 0 1 0; content-align: left middle; }
        & MarkdownH2 { margin: 1 0 0 0; }
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
        document = Markdown(open_links=False)
        yield MarkdownTableOfContents(document)
        with VerticalScroll():
            yield document

    @property
    def document(self) -> Markdown:
        """The Markdown document."""
        return self.query_one(Markdown)

    @property
    def source(self) -> str:
        """The Markdown shown."""
        return self.document.source

    async def show(self, markdown: str) -> None:
        """Show a new document from its top."""
        await self.document.update(markdown)
        self.query_one(VerticalScroll).scroll_home(animate=False, immediate=True)

    def watch_show_toc(self, show: bool) -> None:
        self.set_class(show, "-with-toc")
        if show and self.is_mounted:
            self._fill_contents()

    def _fill_contents(self) -> None:
        contents = self.query_one(MarkdownTableOfContents)
        contents.table_of_contents = self.document.table_of_contents

    @on(Markdown.LinkClicked)
    def _link(self, event: Markdown.LinkClicked) -> None:
        event.stop()
        href = event.href.strip()
        if href.startswith("#") and len(href) > 1:
            self.post_message(self.EntryLinkClicked(href[1:]))
        elif href.lower().startswith(("https://", "http://")):
            self.post_message(self.UrlLinkClicked(href))

    @on(Markdown.TableOfContentsUpdated)
    def _contents(self, event: Markdown.TableOfContentsUpdated) -> None:
        event.stop()
        if self.show_toc:  # a hidden tree is not worth rebuilding on every page
            self.query_one(MarkdownTableOfContents).table_of_contents = event.table_of_contents

    @on(Markdown.TableOfContentsSelected)
    def _jump(self, event: Markdown.TableOfContentsSelected) -> None:
        event.stop()
        block = self.document.query_one(f"#{event.block_id}", MarkdownBlock)
        self.query_one(VerticalScroll).scroll_to_widget(block, top=True)
