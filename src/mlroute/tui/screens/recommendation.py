"""The recommendation: verdict, factor bars, programs, gaps, plan outline, flip, live what-if."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.reactive import reactive
from textual.widgets import DataTable, Header, Static

from mlroute.answers import Answers
from mlroute.catalog.models import Program
from mlroute.questions import Value, nest
from mlroute.scoring import Recommendation, score
from mlroute.scoring.recommend import PENDING_FLIP_TEXT
from mlroute.session import Session
from mlroute.store import choose
from mlroute.text import clean, cut
from mlroute.timeline import picks_of
from mlroute.tui.commands import Command, bindings
from mlroute.tui.screens.base import KeyedScreen
from mlroute.tui.widgets.factor_bars import Bar, FactorBars
from mlroute.tui.widgets.keybar import KeyBar
from mlroute.tui.widgets.whatif import WhatIfPanel

if TYPE_CHECKING:
    from mlroute.timeline import TrackedItem

CONFIDENCE_MARK = {"high": "●●●", "medium": "●●○", "low": "●○○"}
"""Confidence as a symbol beside the word, never colour alone."""


def recommend(session: Session, answers: dict[str, Value], *, flips: bool = True) -> Recommendation:
    """Score flat answers; pure apart from reading the session's catalog and weights."""
    validated = Answers.model_validate(nest(answers))
    # The course plan weighed is the user's own, with the options they picked or started.
    picks = picks_of(session.progress)
    return score(validated, session.catalog, session.weights, flips=flips, picks=picks)


class RecommendationScreen(KeyedScreen[dict[str, Value] | None]):
    """The advisor's answer, with its work shown and a live what-if."""

    CSS_PATH = "recommendation.tcss"

    TITLE = "Recommendation"

    COMMANDS_LIST: ClassVar[tuple[Command, ...]] = (
        Command("u", "use_plan", "Use this plan", "Choose this path and program; open the plan"),
        Command("f", "try_flip", "Try the flip", "Apply the change that would flip the verdict"),
        Command(
            "k", "keep", "Keep what-if", "Keep the hypothetical answers as your answers", spare=True
        ),
        Command("x", "revert", "Revert", "Drop the hypothetical answers", spare=True),
        Command("e", "export", "Export", "Write the decision report as Markdown"),
        Command("escape", "back", "Answers", "Back to the questionnaire"),
    )
    """This screen's commands."""

    BINDINGS: ClassVar = bindings(COMMANDS_LIST)

    class PlanChosen(Message):
        """The user chose the path (and program) to follow; the app opens the plan."""

        def __init__(self, path: str, program: str | None) -> None:
            super().__init__()
            self.path = path
            """The chosen path."""
            self.program = program
            """The chosen program, on the degree path."""

    recommendation: reactive[Recommendation | None] = reactive(None, init=False)
    """The recommendation on screen (for the hypothetical answers, when there are any)."""

    def __init__(self, session: Session, answers: dict[str, Value]) -> None:
        super().__init__()
        self.session = session
        """The loaded session."""
        self.kept: dict[str, Value] = dict(answers)
        """The user's answers as saved."""
        self.values: dict[str, Value] = dict(answers)
        """The answers on screen, with any hypothetical changes."""

    @property
    def hypothetical(self) -> bool:
        """True when the answers on screen differ from the kept ones."""
        return self.values != self.kept

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="verdict")
        with Horizontal(id="rec-body"):
            with VerticalScroll(id="rec-main"):
                yield Static("Why: the factors", classes="section-title")
                yield FactorBars(id="bars")
                yield Static(id="factor-reason", classes="muted")
                yield Static("Time and money", classes="section-title")
                yield Static(id="timing")
                yield Static(id="programs-title", classes="section-title")
                yield DataTable(id="programs", cursor_type="row", zebra_stripes=True)
                yield Static(id="program-notes", classes="muted")
                yield Static("Foundations to fill first", classes="section-title")
                yield Static(id="gaps")
                yield Static("Plan outline", classes="section-title")
                yield Static(id="outline")
                yield Static("What would change this", classes="section-title")
                yield Static(id="flip")
                yield Static(id="verify", classes="muted")
            with Vertical(id="whatif-pane"):
                yield Static("What if… (←/→ change)", classes="section-title")
                yield WhatIfPanel(self.kept, id="whatif")
        yield KeyBar()

    def on_mount(self) -> None:
        table = self.query_one("#programs", DataTable)
        table.add_columns("#", "Program", "Cost", "Budget", "Format", "⚠")
        self.recommendation = recommend(self.session, self.values)
        self.query_one("#bars", FactorBars).focus()

    def watch_recommendation(self, rec: Recommendation | None) -> None:
        if rec is None:
            return
        mark = CONFIDENCE_MARK[rec.confidence]
        verdict = Text()
        if self.hypothetical:
            verdict.append("WHAT-IF (not kept) · ", style="bold reverse")
        path_word = "DEGREE" if rec.path == "degree" else "COURSES"
        verdict.append(f"✔ {path_word}: ", style="bold")
        verdict.append(clean(rec.verdict), style="bold")
        verdict.append(f"\n{mark} {clean(rec.confidence_text)}")
        if rec.rule_reason:
            verdict.append(f"\n§ {clean(rec.rule_reason)}")
        self.query_one("#verdict", Static).update(verdict)
        timing = Text("\n".join(f"• {clean(line)}" for line in rec.timing))
        if rec.money:
            timing.append(f"\n$ {clean(rec.money)}")
        self.query_one("#timing", Static).update(timing)
        self.query_one("#verify", Static).update(Text(f"ⓘ {clean(rec.verify)}"))
        bars = self.query_one("#bars", FactorBars)
        bars.bars = tuple(
            Bar(f.id, f.name, f.contribution, f.reason) for f in rec.factors if f.contribution
        )
        if bars.bars:
            self._show_reason(bars.bars[min(bars.selected, len(bars.bars) - 1)])
        self._show_programs(rec)
        self._show_gaps(rec)
        self._show_outline(rec)
        self.query_one("#flip", Static).update(Text(clean(rec.flip_text)))

    def _show_programs(self, rec: Recommendation) -> None:
        title = "Programs, best first for you"
        if rec.path == "courses":
            title = "Programs, if you later want a credential"
        self.query_one("#programs-title", Static).update(title)
        table = self.query_one("#programs", DataTable)
        table.clear()
        notes = Text(
            "* estimate · Budget: does yours cover it · Format: PT part-time, FT full-time · "
            "⚠ warnings (first program's below)\n"
        )
        covers = {"yes": "✓ yes", "no": "✗ no", "maybe": "~ maybe", "unknown": "? n/a"}
        for rank, program in enumerate(rec.programs, 1):
            entry = self.session.catalog.by_id.get(program.id)
            table.add_row(
                str(rank),
                _short(program.short_title, 18),
                _cost(entry),
                covers[program.covers],
                _format(entry),
                str(len(program.warnings)) if program.warnings else "–",
            )
            if rank == 1:
                notes.append(
                    f"{clean(program.short_title)}: {program.delivery}, {program.duration}\n"
                )
                for warning in program.warnings:
                    notes.append(f"⚠ {clean(warning)}\n")
        self.query_one("#program-notes", Static).update(notes)

    def _show_gaps(self, rec: Recommendation) -> None:
        catalog = self.session.catalog
        if not rec.prerequisite_gaps:
            self.query_one("#gaps", Static).update("✓ None: every foundation is solid.")
            return
        text = Text()
        for number, gap in enumerate(rec.prerequisite_gaps, 1):
            title = getattr(catalog.by_id.get(gap), "title", gap)
            text.append(f"{number}. ✗ {clean(str(title))}\n")
        self.query_one("#gaps", Static).update(text)

    def _show_outline(self, rec: Recommendation) -> None:
        outline = rec.plan
        text = Text()
        for stage in outline.stages:
            length = "program length" if stage.fixed else f"{stage.hours:.0f} h"
            text.append(f"• {clean(stage.title)}: ~{stage.months:.1f} months ({length})\n")
        text.append(
            f"In all ~{outline.total_months:.1f} months at {outline.hours_per_week} hours a "
            f"week.\n{clean(outline.cost_comparison)}"
        )
        self.query_one("#outline", Static).update(text)

    # What-if ---------------------------------------------------------------------------------

    @on(FactorBars.Selected)
    def _factor_selected(self, event: FactorBars.Selected) -> None:
        self._show_reason(event.bar)

    def _show_reason(self, bar: Bar) -> None:
        reason = Text(f"{clean(bar.name)}: ", style="bold")
        reason.append(clean(bar.reason))
        self.query_one("#factor-reason", Static).update(reason)

    @on(WhatIfPanel.Changed)
    def _what_if(self, event: WhatIfPanel.Changed) -> None:
        self.values[event.field] = event.value
        self._rescore()

    def _rescore(self) -> None:
        """Show the verdict for the answers on screen at once, and the flip when it is found.

        The search for what would switch the verdict is the slow part of scoring; it runs in a
        worker so a what-if key paints in the next frame.
        """
        self.recommendation = recommend(self.session, self.values, flips=False)
        self._search_flips(dict(self.values))

    @work(thread=True, exclusive=True, group="flip")
    def _search_flips(self, values: dict[str, Value]) -> None:
        found = recommend(self.session, values)
        self.app.call_from_thread(self._flips_found, values, found)

    def _flips_found(self, values: dict[str, Value], found: Recommendation) -> None:
        if values == self.values:  # a later what-if has its own search under way
            self.recommendation = found

    def _refresh_panel(self) -> None:
        self.query_one("#whatif", WhatIfPanel).refresh_values(self.kept, self.values)

    def action_try_flip(self) -> None:
        rec = self.recommendation
        if rec is not None and rec.flip_text == PENDING_FLIP_TEXT:
            rec = self.recommendation = recommend(self.session, self.values)
        if rec is None or not rec.flip:
            self.notify("No change of your answers that we tried flips this verdict.")
            return
        for change in rec.flip:
            self.values[change.field] = change.value
        self._refresh_panel()
        self._rescore()

    def on_screen_resume(self) -> None:
        """The saved answers are the truth: changed elsewhere while this screen waited (the
        Plan's undo or its pace), they become "your answers" here, a what-if on top of them."""
        saved = self.session.saved_answers()
        if saved == self.kept or self.session.answers() is None:
            return
        trying = {k: v for k, v in self.values.items() if self.kept.get(k) != v}
        self.kept = saved
        self.values = {**saved, **trying}
        self._refresh_panel()
        self._rescore()

    def action_revert(self) -> None:
        if not self.hypothetical:
            self.notify("Nothing to revert: these are your answers.")
            return
        self.values = dict(self.kept)
        self._refresh_panel()
        self._rescore()

    @work(exclusive=True, group="dialog")
    async def action_keep(self) -> None:
        if not self.hypothetical:
            self.notify("These are already your answers.")
            return
        items = self.session.answers_set_aside(dict(self.values))
        if items and not await self._confirm_setting_aside("Keep these answers?", items):
            return
        self.kept = dict(self.values)
        self._refresh_panel()
        self.watch_recommendation(self.recommendation)
        # One undoable change when it sets work aside, as the confirmation promised.
        self.session.stage_answers(dict(self.kept), "keep the what-if answers" if items else "")
        self._flush("Kept: these are now your answers.")

    @work(thread=True, group="flush")
    def _flush(self, done: str | None = None) -> None:
        problem = self.session.flush()
        if problem:
            self.app.call_from_thread(self.notify, problem, severity="error", timeout=10)
        elif done:
            self.app.call_from_thread(self.notify, done)

    # Leaving ---------------------------------------------------------------------------------

    def action_back(self) -> None:
        if self.hypothetical:
            self.notify("What-if changes dropped (press k before leaving to keep them).")
        self.dismiss(dict(self.kept))

    async def _confirm_setting_aside(self, title: str, items: tuple[TrackedItem, ...]) -> bool:
        """Ask before a change leaves work the user did outside what the plan needs."""
        from mlroute.tui.screens.dialogs import go_ahead_setting_aside

        undo = "Undo on the Plan screen (u) takes the change back."
        confirmed = await go_ahead_setting_aside(self, items, title, "Go ahead", undo)
        if not confirmed:
            self.notify("Nothing changed.")
        return confirmed

    @work(exclusive=True, group="dialog")
    async def action_use_plan(self) -> None:
        rec = self.recommendation
        if rec is None:
            return
        if self.hypothetical:
            self.notify("Keep (k) or revert (x) the what-if first.", severity="warning")
            return
        # The plan's program is the first on the list, on either path: one story.
        chosen = rec.programs[0].id if rec.path == "degree" and rec.programs else None
        items = self.session.sets_aside(lambda progress: choose(progress, rec.path, chosen))
        if items and not await self._confirm_setting_aside("Switch your plan?", items):
            return
        hours = self.kept.get("hours_per_week")
        own_pace = self.session.progress.hours_per_week  # None: the answer is the pace
        self.session.update(lambda progress: choose(progress, rec.path, chosen))
        if isinstance(hours, int) and own_pace not in (None, hours):
            from mlroute.store import set_pace

            self.session.update(lambda progress: set_pace(progress, hours))
        self._flush()
        self.post_message(self.PlanChosen(rec.path, chosen))

    @work(exclusive=True, group="dialog")
    async def action_export(self) -> None:
        from mlroute.tui.screens.dialogs import PathScreen

        if self.hypothetical:
            self.notify("Keep (k) or revert (x) the what-if before exporting.", severity="warning")
            return
        default = Path.cwd() / f"mlroute-decision-{date.today().isoformat()}.md"
        if self.app.is_web and self.recommendation is not None:
            # In a browser (mlroute serve) the file belongs on the reader's machine: a download.
            self._deliver_report(default.name, dict(self.values), self.recommendation)
            return
        path = await self.app.push_screen_wait(
            PathScreen("Export the decision report to", default, "Export")
        )
        if path is not None and self.recommendation is not None:
            self._write_report(path, dict(self.values), self.recommendation)

    @work(thread=True, exclusive=True, group="export")
    def _deliver_report(self, name: str, answers: dict[str, Value], rec: Recommendation) -> None:
        from io import StringIO

        from mlroute.report import decision_report

        text = decision_report(answers, rec, self.session.catalog, date.today())
        self.app.call_from_thread(
            self.app.deliver_text, StringIO(text), save_filename=name, mime_type="text/markdown"
        )
        self.app.call_from_thread(self.notify, f"Decision report offered as a download: {name}")

    @work(thread=True, exclusive=True, group="export")
    def _write_report(self, path: Path, answers: dict[str, Value], rec: Recommendation) -> None:
        from mlroute.atomic import write_atomic
        from mlroute.report import decision_report

        text = decision_report(answers, rec, self.session.catalog, date.today())
        try:
            write_atomic(path, text.encode())
        except OSError as error:
            message = f"Could not write {path}: {error.strerror or error}"
            self.app.call_from_thread(self.notify, message, severity="error", timeout=10)
        else:
            self.app.call_from_thread(self.notify, f"Decision report written to {path}")


def _thousands(amount: int) -> str:
    """`7000` -> `$7k`, `53440` -> `$53.4k`: a cost that fits a table column."""
    return f"${amount / 1000:.0f}k" if amount % 1000 == 0 else f"${amount / 1000:.1f}k"


def _cost(entry: object) -> str:
    """A program's cost in a few cells: "$7k–10k*" (* an estimate), "$64.5k+", "unknown"."""
    if not isinstance(entry, Program) or entry.cost_usd is None or not entry.cost_known:
        return "unknown"
    cost = entry.cost_usd
    high = f"–{_thousands(cost.max)[1:]}" if cost.max not in (None, cost.min) else ""
    text = _thousands(cost.min) + (high if cost.max is not None else "+")
    return text + ("*" if cost.estimate else "")


def _format(entry: object) -> str:
    """How a program can be taken, in a few cells: "online PT", "campus FT", "online"."""
    if not isinstance(entry, Program):
        return "?"
    places = {d.split("-")[0] for d in entry.delivery}
    paces = {"PT" if d.endswith("part-time") else "FT" for d in entry.delivery}
    place = "online" if places == {"online"} else "campus" if places == {"in"} else "mixed"
    return place if len(paces) == 2 else f"{place} {paces.pop()}"


def _short(text: str, width: int) -> Text:
    """Catalog text cut to `width` cells with an ellipsis."""
    return Text(cut(clean(text), width))
