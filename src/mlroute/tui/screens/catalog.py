"""The Catalog mode: search, facets and sorts over every entry, a detail pane, and comparison.

The keystroke path is kept tiny: the search box runs the filter in its own value watcher and
hands the result to the virtualised list, which paints only the visible rows in the same
frame. Everything heavy (building the index) happens once, in a thread.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, ClassVar, cast

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.reactive import var
from textual.screen import ModalScreen
from textual.widgets import Header, Input, OptionList, Static
from textual.widgets.option_list import Option
from textual.worker import get_current_worker

from mlroute.catalog_index import (
    COST_LABELS,
    HOURS_BANDS,
    SORT_LABELS,
    BrowseKind,
    CatalogFilter,
    CatalogIndex,
    CostClass,
    Facets,
    HoursBand,
    SortKey,
    answers_budget,
    answers_pace,
    query_words,
)
from mlroute.links import refusal
from mlroute.staleness import DUE_MONTHS, months_before
from mlroute.text import clean
from mlroute.tui.commands import Command, bindings
from mlroute.tui.screens.base import KeyedScreen, ModeScreen
from mlroute.tui.widgets.catalog_list import CatalogList
from mlroute.tui.widgets.choice import Choice
from mlroute.tui.widgets.compare import CompareView
from mlroute.tui.widgets.entry_markdown import (
    EntryContext,
    entry_markdown,
    prerequisite_met,
    problem_markdown,
    title_of,
)
from mlroute.tui.widgets.keybar import KeyBar
from mlroute.tui.widgets.reader import Reader
from mlroute.tui.widgets.search_input import SearchInput

if TYPE_CHECKING:
    from mlroute.catalog.models import Catalog, Program
    from mlroute.session import Session

MAX_COMPARED = 3
"""How many programs can be compared at once."""

MAX_PROVIDERS = 60
"""The provider facet lists the providers with the most entries, up to this many."""

KIND_OPTIONS: tuple[tuple[str, BrowseKind], ...] = (
    ("Programs", "program"),
    ("Courses", "course"),
    ("Foundations", "foundation"),
    ("Stages", "stage"),
    ("Projects", "project"),
)
"""The kind facet's choices."""

FIT_OPTIONS: tuple[tuple[str, str], ...] = (
    ("Fits my budget", "budget"),
    ("Fits my pace", "pace"),
    ("Fits both", "both"),
)
"""The "fits me" facet's choices, offered once the questionnaire has the answers."""

CHECKED_OPTIONS: tuple[tuple[str, str], ...] = (("Due for checking", "due"),)
"""The last-verified facet's choice: entries whose facts are older than `DUE_MONTHS`."""

_LETTER_ACTIONS = frozenset(
    {"add_to_plan", "toggle_done", "prerequisite", "back", "mark", "compare", "open_url"}
)


class CatalogScreen(ModeScreen):
    """Browse every program, course, foundation, stage and project."""

    TITLE = "Catalog"
    CSS_PATH = "catalog.tcss"
    HORIZONTAL_BREAKPOINTS = [
        (0, "-narrow"),
        (90, "-wide"),
    ]

    COMMANDS_LIST: ClassVar[tuple[Command, ...]] = (
        Command(
            "slash,ctrl+f",
            "focus_search",
            "Search",
            "Search as you type",
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
        Command("escape", "clear", "Clear", "Clear the search, then every filter", show=False),
        Command("a", "add_to_plan", "Add", "Add the highlighted entry to your plan"),
        Command("d", "toggle_done", "Done", "Mark the highlighted entry done (again: to do)"),
        Command("p", "prerequisite", "Prereq", "Jump to a prerequisite of the highlighted entry"),
        Command("b", "back", "Back", "Return to the entry you jumped from", show=False),
        Command("m", "mark", "Mark", "Mark or unmark a program to compare (two or three)"),
        Command("c", "compare", "Compare", "Compare the marked programs side by side"),
        Command(
            "o", "open_url", "Open page", "Open the entry's web page in your browser", show=False
        ),
    )
    """This screen's commands, for the footer, the palette and the help screen."""

    BINDINGS: ClassVar = bindings(COMMANDS_LIST)

    current: var[str | None] = var(None, init=False)
    """The id of the entry in the detail pane (the list's highlighted entry)."""

    marked: var[tuple[str, ...]] = var((), init=False)
    """Program ids marked for comparison, in the order they were marked."""

    def __init__(self) -> None:
        super().__init__()
        self.today = date.today()
        """Today, for the "verify current details" note (tests pin it)."""
        self.answers: dict[str, str | int | bool] = {}
        """The user's saved answers (budget and pace feed the facets and the weeks estimate)."""
        self._filter: CatalogFilter | None = None
        self._trail: list[str] = []
        self._pending: str | None = None
        self._suggestion: str | None = None
        """The best "did you mean" title for a search that found nothing; Enter searches it."""
        self._vocabulary: tuple[CatalogIndex, list[str]] | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="catalog-search-row"):
            yield SearchInput(
                self._run_query,
                # Short enough to show whole beside the three menus at 80 columns (the list of
                # what is searched read "Search titles, providers," there).
                placeholder="Search (↓ to the list)",
                id="catalog-search",
            )
            yield Choice(FIT_OPTIONS, prompt="Any fit", id="facet-fit")
            # Beside the fit rather than in the facet row, which has no room for a sixth at 80
            # columns ("Any stage" would read "Any sta…").
            yield Choice(CHECKED_OPTIONS, prompt="Any date", id="facet-checked")
            yield Choice(
                [(label, key) for key, label in SORT_LABELS.items()],
                value="stage",
                allow_blank=False,
                id="sort",
            )
        with Horizontal(id="catalog-facets"):
            yield Choice(KIND_OPTIONS, prompt="Any kind", id="facet-kind")
            yield Choice([], prompt="Any stage", id="facet-stage")
            yield Choice([], prompt="Any provider", id="facet-provider")
            yield Choice(
                [(label, key) for key, label in COST_LABELS.items()],
                prompt="Any cost",
                id="facet-cost",
            )
            yield Choice(
                [(label, key) for key, (_, _, label) in HOURS_BANDS.items()],
                prompt="Any hours",
                id="facet-hours",
            )
        with Horizontal(id="catalog-body"):
            yield CatalogList(id="catalog-list")
            yield Reader(id="catalog-detail")
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one("#facet-fit", Choice).disabled = True
        self.query_one(
            "#facet-fit", Choice
        ).tooltip = "Answer the budget and hours questions in the Advisor (F2) to filter by fit"
        self.query_one("#facet-checked", Choice).tooltip = (
            f"Only entries last verified more than {DUE_MONTHS} months ago: check them against "
            "their pages before trusting the figures"
        )
        catalog_list = self.query_one(CatalogList)
        catalog_list.border_title = "Catalog"
        self.query_one("#catalog-detail", Reader).border_title = "Details"
        self.query_one(SearchInput).focus()
        if self.session is not None:
            self._session_arrived(self.session)
        elif self.load_problem is not None:
            self._show_load_problem()

    # Loading ---------------------------------------------------------------------------------

    def watch_session(self, session: Session | None) -> None:
        # The app may hand the session over before this screen is mounted; on_mount then
        # picks it up.
        if session is not None and self.is_mounted:
            self._session_arrived(session)

    def watch_load_problem(self, problem: str | None) -> None:
        if problem is not None and self.is_mounted:
            self._show_load_problem()

    def _show_load_problem(self) -> None:
        catalog_list = self.query_one(CatalogList)
        catalog_list.empty_text = "Nothing to browse: see the details."
        catalog_list.refresh()
        self._refresh_detail()

    def _session_arrived(self, session: Session) -> None:
        self.query_one(CatalogList).status_of = session.plan_status  # what the plan holds
        self._build_index(session)

    @work(thread=True, exclusive=True, group="catalog-index")
    def _build_index(self, session: Session) -> None:
        index = CatalogIndex(session.catalog)
        answers = session.saved_answers()
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._index_ready, index, answers)

    def _index_ready(self, index: CatalogIndex, answers: dict[str, str | int | bool]) -> None:
        self.answers = dict(answers)
        stage_select = self.query_one("#facet-stage", Choice)
        stage_select.set_options(
            (Text(f"{stage.order} · {clean(stage.title)}"), stage.id)
            for stage in index.catalog.stages_in_order()
        )
        self.query_one("#facet-provider", Choice).set_options(
            (Text(f"{provider} ({count})"), provider)
            for provider, count in index.providers_by_count[:MAX_PROVIDERS]
        )
        fit = self.query_one("#facet-fit", Choice)
        has_fit = answers_budget(self.answers) is not None or answers_pace(self.answers) is not None
        fit.disabled = not has_fit
        if has_fit:
            fit.tooltip = "Only entries within your budget, or that you can finish at your pace"
        self._filter = CatalogFilter(index, self._facets(), self._sort())
        self._run_query(self.query_one(SearchInput).value)
        if self._pending is not None:
            self.go_to(self._pending, remember=False)
            self._pending = None

    # Searching and filtering -----------------------------------------------------------------

    def _run_query(self, query: str) -> None:
        """The keystroke handler: search the precomputed index and hand the rows down."""
        search = self._filter
        if search is None:
            return
        rows = search.search(query)
        catalog_list = self.query_one(CatalogList)
        due = search.facets.verified_before
        self._suggestion = None
        if query.strip():
            catalog_list.empty_text = f"No match for “{clean(query).strip()}” (Esc clears it)"
            if not rows:
                self._suggest(query, search.index)
        elif due is not None and search.facets == Facets(verified_before=due):
            catalog_list.empty_text = (
                f"Nothing is due for checking: every entry was verified in the last {DUE_MONTHS} "
                "months"
            )
        else:
            catalog_list.empty_text = "Nothing passes these filters (Esc twice clears them)"
        catalog_list.set_rows(search.index, rows, query_words(query))
        catalog_list.border_title = f"Catalog · {len(rows):,} of {len(search.index):,}"

    @work(thread=True, exclusive=True, group="suggest")
    def _suggest(self, query: str, index: CatalogIndex) -> None:
        """Find titles close to a search that found nothing, off the event loop (a fuzzy match
        of every title: tens of milliseconds at 100,000 entries)."""
        from mlroute.tui.suggest import did_you_mean, vocabulary

        if self._vocabulary is None or self._vocabulary[0] is not index:
            self._vocabulary = (index, vocabulary(index.titles))
        titles = did_you_mean(query, index.titles, self._vocabulary[1])
        if titles and not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._suggested, query, titles)

    def _suggested(self, query: str, titles: list[str]) -> None:
        catalog_list = self.query_one(CatalogList)
        if self.query_one(SearchInput).value != query or catalog_list.rows:
            return  # typed on since, or something matches now
        self._suggestion = titles[0]
        named = " or ".join(f"“{clean(title)}”" for title in titles[:2])
        catalog_list.empty_text = (
            f"No match for “{clean(query).strip()}”. Did you mean {named}? "
            "Enter searches the first (Esc clears)"
        )
        catalog_list.refresh()

    def _facets(self) -> Facets:
        def value(selector: str) -> str | None:
            return self.query_one(selector, Choice).value

        fit = value("#facet-fit")
        return Facets(
            kind=cast("BrowseKind | None", value("#facet-kind")),
            stage=value("#facet-stage"),
            provider=value("#facet-provider"),
            cost=cast("CostClass | None", value("#facet-cost")),
            hours=cast("HoursBand | None", value("#facet-hours")),
            budget_usd=answers_budget(self.answers) if fit in ("budget", "both") else None,
            pace=answers_pace(self.answers) if fit in ("pace", "both") else None,
            verified_before=(
                months_before(self.today, DUE_MONTHS) if value("#facet-checked") == "due" else None
            ),
        )

    def _sort(self) -> SortKey:
        return cast(SortKey, self.query_one("#sort", Choice).value or "stage")

    @on(Choice.Changed)
    def _facet_changed(self, event: Choice.Changed) -> None:
        event.stop()
        search = self._filter
        if search is None:
            return
        facets, sort = self._facets(), self._sort()
        if (facets, sort) != (search.facets, search.sort):
            self._filter = search.with_view(facets, sort)
            self._run_query(self.query_one(SearchInput).value)

    def _clear_facets(self) -> None:
        for choice in self.query("#catalog-facets Choice, #facet-fit, #facet-checked").results(
            Choice
        ):
            choice.clear()
        if self._filter is not None:
            self._filter = self._filter.with_view(Facets(), self._sort())

    @on(Input.Submitted, "#catalog-search")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if self._suggestion is not None and not self.query_one(CatalogList).rows:
            # "Did you mean": Enter takes the suggestion rather than an empty list.
            self.query_one(SearchInput).value = self._suggestion  # searches, as typing does
            return
        self.query_one(CatalogList).focus()

    # The detail pane -------------------------------------------------------------------------

    @on(CatalogList.Highlighted)
    def _highlighted(self, event: CatalogList.Highlighted) -> None:
        event.stop()
        self.current = event.entry_id

    def watch_current(self) -> None:
        # After the next paint: the list's new rows go out first.
        self.call_after_refresh(self._refresh_detail)

    def _refresh_detail(self) -> None:
        self.query_one("#catalog-detail", Reader).show(self._detail_markdown(self.current))

    def _detail_markdown(self, entry_id: str | None) -> str:
        session = self.session
        if session is None:
            if self.load_problem is not None:
                return problem_markdown("The catalog could not be loaded", self.load_problem)
            return "Loading the catalog…"
        if entry_id is None:
            return "Nothing selected. Type to search, or clear the filters with Esc."
        return entry_markdown(session.catalog, entry_id, self._entry_context(session))

    def _entry_context(self, session: Session) -> EntryContext:
        return EntryContext(status_of=session.plan_status, answers=self.answers, today=self.today)

    @on(CatalogList.Selected)
    def _selected(self, event: CatalogList.Selected) -> None:
        event.stop()
        self.query_one("#catalog-detail", Reader).focus_document()

    @on(Reader.EntryLinkClicked)
    def _entry_link(self, event: Reader.EntryLinkClicked) -> None:
        event.stop()
        self.go_to(event.entry_id)

    @on(Reader.UrlLinkClicked)
    def _url_link(self, event: Reader.UrlLinkClicked) -> None:
        event.stop()
        self.notify("Press o to open this entry's page in your browser.")

    def show_entry(self, entry_id: str) -> None:
        """Show an entry as soon as the catalog is ready (now, when it is)."""
        if self._filter is None:
            self._pending = entry_id
        else:
            self.go_to(entry_id)

    def go_to(self, entry_id: str, *, remember: bool = True) -> None:
        """Show an entry, clearing the search and filters if they hide it."""
        search = self._filter
        if search is None or search.index.row_of(entry_id) is None:
            self.notify("That entry is not in the catalog list (FAQ answers are under F5).")
            return
        catalog_list = self.query_one(CatalogList)
        if remember and self.current is not None and self.current != entry_id:
            self._trail.append(self.current)
        if not catalog_list.move_to(entry_id):
            self._clear_facets()
            search_input = self.query_one(SearchInput)
            if search_input.value:
                search_input.value = ""
            else:
                self._run_query("")
            catalog_list.move_to(entry_id)
            self.notify("Cleared the search and filters to show it.", timeout=3)
        catalog_list.focus()

    # Commands --------------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # Letters belong to the search box while it has focus: show them as unavailable.
        if action in _LETTER_ACTIONS and isinstance(self.focused, Input):
            return None
        return True

    def action_focus_search(self) -> None:
        self.query_one(SearchInput).focus()

    def action_focus_list(self) -> None:
        self.query_one(CatalogList).focus()

    def action_clear(self) -> None:
        search_input = self.query_one(SearchInput)
        if search_input.value:
            search_input.value = ""
        else:
            self._clear_facets()
            self._run_query("")
        search_input.focus()

    def _current_entry_title(self) -> str:
        session = self.session
        if session is None or self.current is None:
            return ""
        entry = session.catalog.by_id.get(self.current)
        return title_of(entry) if entry is not None else self.current

    def action_add_to_plan(self) -> None:
        session = self.session
        if session is not None and self.current is not None:
            problem = session.add_to_plan(self.current)
            if problem:
                already = problem.startswith("Already")
                self.notify(problem, severity="information" if already else "warning", markup=False)
                return
            self._save_progress(session, f"Added to your plan: {self._current_entry_title()}")

    def action_toggle_done(self) -> None:
        session = self.session
        if session is not None and self.current is not None:
            # Applied here, on the event loop, so a second press sees the first.
            done = session.status_of(self.current) == "done"
            session.set_status(self.current, "todo" if done else "done")
            title = self._current_entry_title()
            self._save_progress(
                session, f"Back to to-do: {title}" if done else f"Marked done: {title}"
            )
            self.query_one(CatalogList).refresh()
            self._refresh_detail()

    @work(thread=True, group="catalog-progress")
    def _save_progress(self, session: Session, done: str) -> None:
        """Write the change the session holds (blocking, hence the thread); report back."""
        problem = session.flush()
        self.app.call_from_thread(self._progress_written, problem, done)

    def _progress_written(self, problem: str | None, done: str) -> None:
        if problem:
            self.notify(problem, title="Not saved", severity="error", timeout=10, markup=False)
        else:
            self.notify(done, markup=False, timeout=3)
        self.query_one(CatalogList).refresh()
        self._refresh_detail()

    def action_open_url(self) -> None:
        session = self.session
        if session is None or self.current is None:
            return
        url = getattr(session.catalog.by_id.get(self.current), "url", "")
        refused = refusal(url)
        if refused is not None:  # none, or not a web page (javascript:, file:): say which
            self.notify(refused, markup=False)
            return
        url = clean(url).strip()
        self.app.open_url(url)
        self.notify(f"Opening {url} in your browser.", markup=False, timeout=4)

    @work(exclusive=True, group="catalog-dialog")
    async def action_prerequisite(self) -> None:
        session = self.session
        if session is None or self.current is None:
            return
        prerequisites = getattr(session.catalog.by_id.get(self.current), "prerequisites", ())
        if not prerequisites:
            self.notify("The highlighted entry has no prerequisites.")
            return
        chosen: str | None = prerequisites[0]
        if len(prerequisites) > 1:
            context = self._entry_context(session)
            chosen = await self.app.push_screen_wait(
                PrerequisiteScreen(session.catalog, prerequisites, context)
            )
        if chosen is not None:
            self.go_to(chosen)

    def action_back(self) -> None:
        if self._trail:
            self.go_to(self._trail.pop(), remember=False)
        else:
            self.notify("Nothing to go back to.")

    def action_mark(self) -> None:
        session = self.session
        entry_id = self.current
        if session is None or entry_id is None:
            return
        if session.catalog.kind_of(entry_id) != "program":
            self.notify("Only programs can be compared; highlight a program and press m.")
            return
        if entry_id in self.marked:
            self.marked = tuple(m for m in self.marked if m != entry_id)
        elif len(self.marked) >= MAX_COMPARED:
            self.notify(f"You can compare up to {MAX_COMPARED} programs: unmark one first.")
        else:
            self.marked = (*self.marked, entry_id)

    def watch_marked(self, marked: tuple[str, ...]) -> None:
        catalog_list = self.query_one(CatalogList)
        catalog_list.set_marked(frozenset(marked))
        catalog_list.border_subtitle = (
            f"◆ {len(marked)} marked · c compares"
            if len(marked) >= 2
            else f"◆ {len(marked)} marked · mark one more"
            if marked
            else ""
        )

    def action_compare(self) -> None:
        session = self.session
        if session is None:
            return
        if len(self.marked) < 2:
            self.notify(f"Mark two or three programs with m first ({len(self.marked)} marked).")
            return
        programs = [
            cast("Program", session.catalog.by_id[program_id]) for program_id in self.marked
        ]
        self.app.push_screen(CompareScreen(programs))


class PrerequisiteScreen(ModalScreen[str | None]):
    """Pick one of several prerequisites to jump to; each says whether it is met."""

    CSS_PATH = "catalog.tcss"

    BINDINGS: ClassVar = [Binding("escape", "dismiss(None)", "Cancel")]

    def __init__(self, catalog: Catalog, ids: tuple[str, ...], context: EntryContext) -> None:
        super().__init__()
        self._catalog = catalog
        self._ids = ids
        self._detail_context = context

    def compose(self) -> ComposeResult:
        options = []
        for entry_id in self._ids:
            met, why = prerequisite_met(entry_id, self._detail_context)
            entry = self._catalog.by_id.get(entry_id)
            title = title_of(entry) if entry is not None else entry_id
            label = Text(f"{'✓ met' if met else '✗ not yet'}  ")
            label.append(title, style="bold")
            label.append(f"  ({why})", style="dim")
            options.append(Option(label, id=entry_id))
        with Vertical(id="prerequisite-dialog"):
            yield Static(Text("Jump to which prerequisite?", style="bold"))
            yield OptionList(*options, id="prerequisite-list")
            yield Static(Text("Enter jumps · Esc cancels", style="dim"))

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)


class CompareScreen(KeyedScreen[None]):
    """Two or three programs side by side."""

    TITLE = "Compare programs"
    CSS_PATH = "catalog.tcss"

    COMMANDS_LIST: ClassVar[tuple[Command, ...]] = (
        Command("escape,q", "close", "Close", "Back to the catalog"),
    )
    """This screen's commands."""

    BINDINGS: ClassVar = bindings(COMMANDS_LIST)

    def __init__(self, programs: list[Program]) -> None:
        super().__init__()
        self.programs = programs
        """The programs compared."""

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="compare-scroll"):
            yield CompareView(self.programs, id="compare")
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one("#compare-scroll").focus()

    def action_close(self) -> None:
        self.dismiss(None)
