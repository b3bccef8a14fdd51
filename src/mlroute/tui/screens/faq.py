"""The FAQ mode: the guide's questions and articles, searchable and readable offline.

Search uses the same index and ranking as `mlroute faq`. Pages are Markdown with a table of
contents for long articles, links between entries, and back/forward history.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.message import Message
from textual.reactive import var
from textual.widgets import Header, Input, OptionList
from textual.widgets.option_list import Option
from textual.worker import get_current_worker

from mlroute.catalog.models import Article, Faq
from mlroute.search import Index
from mlroute.text import clean
from mlroute.tui.commands import Command, bindings
from mlroute.tui.screens.base import ModeScreen
from mlroute.tui.widgets.entry_markdown import (
    EntryContext,
    entry_markdown,
    link,
    problem_markdown,
    title_of,
)
from mlroute.tui.widgets.keybar import KeyBar
from mlroute.tui.widgets.reader import Reader
from mlroute.tui.widgets.search_input import SearchInput

if TYPE_CHECKING:
    from mlroute.catalog.models import Catalog
    from mlroute.session import Session

HOME = ""
"""The page id of the start page (every question and article)."""

TOC_HEADINGS = 3
"""A page with at least this many sections gets a table of contents."""

CATALOG_LINK = "#catalog:"
"""How a page links to an entry's place in the Catalog mode (no id holds a colon)."""

FAQ_MARK = "?"
"""Marks a question in the list."""

ARTICLE_MARK = "§"
"""Marks a guide article in the list."""

_LETTER_ACTIONS = frozenset({"back", "forward", "toggle_toc", "home"})


class FaqScreen(ModeScreen):
    """Search the FAQ and the guide; read pages and follow their links."""

    TITLE = "FAQ and guide"
    CSS_PATH = "faq.tcss"
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (90, "-wide")]

    COMMANDS_LIST: ClassVar[tuple[Command, ...]] = (
        Command(
            "slash,ctrl+f",
            "focus_search",
            "Search",
            "Search the FAQ and the guide",
            show=False,
            key_display="/",
        ),
        Command(
            "down",
            "focus_list",
            "To the list",
            "From the search box, go to the results",
            show=False,
        ),
        Command("b,alt+left", "back", "Back", "Back to the previous page", key_display="b"),
        Command(
            "f,alt+right", "forward", "Forward", "Forward again after going back", key_display="f"
        ),
        Command("t", "toggle_toc", "Contents", "Show or hide the table of contents"),
        Command("h", "home", "Home", "The start page: every question and article", show=False),
    )
    """This screen's commands, for the footer, the palette and the help screen."""

    BINDINGS: ClassVar = bindings(COMMANDS_LIST)

    class ShowInCatalog(Message):
        """The user asked to see an entry in the Catalog mode; the app switches modes."""

        def __init__(self, entry_id: str) -> None:
            super().__init__()
            self.entry_id = entry_id
            """The entry to show."""

    page: var[str] = var(HOME, init=False)
    """The id of the page shown (HOME for the start page)."""

    toc_wanted: var[bool] = var(True, init=False)
    """Whether the user wants the table of contents on long pages (t toggles it)."""

    def __init__(self) -> None:
        super().__init__()
        self.today = date.today()
        """Today, for the "verify current details" note (tests pin it)."""
        self.history: list[str] = [HOME]
        """Pages visited, oldest first."""
        self.position = 0
        """Where in `history` the reader is."""
        self.results: list[str] = []
        """The ids listed, best first."""
        self._index: Index | None = None
        self._answers: dict[str, str | int | bool] = {}
        self._shown: tuple[str, bool] | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        yield SearchInput(
            self._run_query,
            placeholder="Ask a question or search the guide (↓ to the list)",
            id="faq-search",
        )
        with Horizontal(id="faq-body"):
            yield PageList(id="faq-list")
            yield Reader(id="faq-reader")
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one("#faq-list", OptionList).border_title = "Questions & articles"
        self.query_one(SearchInput).focus()
        if self.session is not None:
            self._session_arrived(self.session)
        else:
            self._render_page()

    # Loading ---------------------------------------------------------------------------------

    def watch_session(self, session: Session | None) -> None:
        if session is not None and self.is_mounted:
            self._session_arrived(session)

    def watch_load_problem(self, problem: str | None) -> None:
        if problem is not None and self.is_mounted:
            self._shown = None
            self._render_page()

    def _session_arrived(self, session: Session) -> None:
        self._build_index(session)

    @work(thread=True, exclusive=True, group="faq-index")
    def _build_index(self, session: Session) -> None:
        from mlroute.commands.faq import documents

        index = Index(documents(session.catalog))
        answers = session.saved_answers()
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._index_ready, index, answers)

    def _index_ready(self, index: Index, answers: dict[str, str | int | bool]) -> None:
        self._index = index
        self._answers = dict(answers)
        self._run_query(self.query_one(SearchInput).value)
        self._shown = None
        self._render_page()

    # Searching -------------------------------------------------------------------------------

    def _run_query(self, query: str) -> None:
        """Rank the questions and articles for `query` (all of them, in order, when empty)."""
        session = self.session
        if session is None or self._index is None:
            return
        catalog = session.catalog
        if query.strip():
            self.results = [hit.id for hit in self._index.search(query)]
        else:
            self.results = [entry.id for entry in (*catalog.faq, *catalog.articles)]
        results = self.query_one("#faq-list", OptionList)
        results.clear_options()
        if self.results:
            results.add_options(_option(catalog, entry_id) for entry_id in self.results)
            results.highlighted = 0
        else:
            message = Text(f"Nothing matches “{clean(query).strip()}”. Try other words.")
            results.add_option(Option(message, disabled=True))
        shown = len(self.results)
        results.border_title = (
            f"{shown} match{'es' if shown != 1 else ''}"
            if query.strip()
            else "Questions & articles"
        )

    @on(Input.Submitted, "#faq-search")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if self.results:
            self.open(self.results[0])
            self.query_one("#faq-list", OptionList).focus()

    @on(OptionList.OptionSelected, "#faq-list")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id is not None:
            self.open(event.option.id)

    # Pages and history -----------------------------------------------------------------------

    def open(self, page: str) -> None:
        """Show a page, recording it in the history (forward history is dropped)."""
        if page == self.page:
            return
        del self.history[self.position + 1 :]
        self.history.append(page)
        self.position = len(self.history) - 1
        self.page = page

    def watch_page(self) -> None:
        self._render_page()

    def watch_toc_wanted(self) -> None:
        self._render_page()

    def _render_page(self) -> None:
        wanted = (self.page, self.toc_wanted)
        if wanted == self._shown:
            return
        reader = self.query_one("#faq-reader", Reader)
        reader.show_toc = self.toc_wanted and self._long(self.page)
        self.set_class(reader.show_toc, "-with-contents")
        self._highlight_page()
        reader.show(self._page_markdown(self.page))
        reader.border_title = "Start page" if self.page == HOME else self._page_kind()
        self._shown = wanted

    def _highlight_page(self) -> None:
        """Keep the list's highlight on the page shown, when the page is listed."""
        if self.page in self.results:
            self.query_one("#faq-list", OptionList).highlighted = self.results.index(self.page)

    def _long(self, page: str) -> bool:
        """Whether a page is an article long enough to want a table of contents."""
        entry = self.session.catalog.by_id.get(page) if self.session is not None else None
        if not isinstance(entry, Article):
            return False
        return sum(line.startswith("## ") for line in entry.body.splitlines()) >= TOC_HEADINGS

    def _page_kind(self) -> str:
        session = self.session
        kind = session.catalog.kind_of(self.page) if session is not None else None
        return {"faq": "Question", "article": "Guide article"}.get(kind or "", "Catalog entry")

    def _page_markdown(self, page: str) -> str:
        session = self.session
        if session is None:
            if self.load_problem is not None:
                return problem_markdown("The FAQ could not be loaded", self.load_problem)
            return "# The FAQ and the guide\n\nLoading…"
        catalog = session.catalog
        if page == HOME:
            return _home(catalog)
        if page not in catalog.by_id and page in catalog.milestones:
            page = catalog.milestones[page][0].id
        context = EntryContext(
            status_of=session.status_of, answers=self._answers, today=self.today, key_hints=False
        )
        markdown = entry_markdown(catalog, page, context)
        if catalog.kind_of(page) not in ("faq", "article"):
            markdown += (
                f"\n→ [Open it in the catalog]({CATALOG_LINK}{page}) to add it to your plan "
                "or compare it.\n"
            )
        return markdown

    @on(Reader.EntryLinkClicked)
    def _entry_link(self, event: Reader.EntryLinkClicked) -> None:
        event.stop()
        if event.entry_id.startswith(CATALOG_LINK[1:]):
            self.post_message(self.ShowInCatalog(event.entry_id.removeprefix(CATALOG_LINK[1:])))
            return
        session = self.session
        if session is not None and (
            event.entry_id in session.catalog.by_id or event.entry_id in session.catalog.milestones
        ):
            self.open(event.entry_id)

    @on(Reader.UrlLinkClicked)
    @work(exclusive=True, group="faq-dialog")
    async def _url_link(self, event: Reader.UrlLinkClicked) -> None:
        from mlroute.tui.screens.dialogs import ConfirmScreen

        url = clean(event.url)
        if await self.app.push_screen_wait(
            ConfirmScreen("Open this page in your browser?", url, "Open")
        ):
            self.app.open_url(url)

    # Commands --------------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # Letters belong to the search box while it has focus.
        if action in _LETTER_ACTIONS and isinstance(self.focused, Input):
            return None
        return True

    def action_focus_search(self) -> None:
        self.query_one(SearchInput).focus()

    def action_focus_list(self) -> None:
        self.query_one("#faq-list", OptionList).focus()

    def action_back(self) -> None:
        if self.position == 0:
            self.notify("This is the first page you opened.")
            return
        self.position -= 1
        self.page = self.history[self.position]

    def action_forward(self) -> None:
        if self.position >= len(self.history) - 1:
            self.notify("There is no page to go forward to.")
            return
        self.position += 1
        self.page = self.history[self.position]

    def action_toggle_toc(self) -> None:
        self.toc_wanted = not self.toc_wanted

    def action_home(self) -> None:
        self.open(HOME)
        self.query_one("#faq-reader", Reader).focus_document()


class PageList(OptionList):
    """The list of questions and articles, keeping the page shown in view as it narrows or
    widens (the table of contents takes its room): its entries wrap to new heights."""

    def on_resize(self) -> None:
        self.call_after_refresh(self.scroll_to_highlight)


def _option(catalog: Catalog, entry_id: str) -> Option:
    entry = catalog.by_id[entry_id]
    mark = FAQ_MARK if isinstance(entry, Faq) else ARTICLE_MARK
    label = Text(f"{mark} ", style="bold")
    label.append(title_of(entry))
    return Option(label, id=entry_id)


def _home(catalog: Catalog) -> str:
    parts = [
        "# The FAQ and the guide",
        "Everything here is on your machine and works offline. Type a question in the search "
        "box, or pick a page. Links take you between questions, articles and catalog "
        "entries; **b** goes back and **f** forward.",
    ]
    if catalog.faq:
        parts.append("## Questions")
        parts.append("\n".join(f"- {link(f.id, title_of(f))}" for f in catalog.faq))
    if catalog.articles:
        parts.append("## Guide articles")
        parts.append("\n".join(f"- {link(a.id, title_of(a))}" for a in catalog.articles))
    return "\n\n".join(parts) + "\n"
