"""The Advisor mode's first screen: the questionnaire, one question at a time."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.reactive import reactive
from textual.widgets import Header, Static

from mlroute.questions import QUESTIONS, SHORT, Value
from mlroute.tui.commands import Command, bindings
from mlroute.tui.screens.base import ModeScreen
from mlroute.tui.widgets.keybar import KeyBar
from mlroute.tui.widgets.question import QuestionView
from mlroute.tui.widgets.question_list import QuestionList

if TYPE_CHECKING:
    from mlroute.session import Session
    from mlroute.timeline import TrackedItem


class AdvisorScreen(ModeScreen):
    """Ask every question, save answers as they come, then show the recommendation."""

    TITLE = "Advisor"
    # Focused as the screen is composed, so the first frame already shows the answers focused.
    AUTO_FOCUS = "#answer"

    COMMANDS_LIST: ClassVar[tuple[Command, ...]] = (
        Command("ctrl+n,pagedown", "next", "Next", "Go to the next question", key_display="^n"),
        Command("ctrl+b,pageup", "back", "Back", "Go to the previous question", key_display="^b"),
        Command("ctrl+g", "recommend", "Result", "Show the recommendation for your answers"),
        Command(
            "ctrl+r", "start_over", "Start over", "Clear every answer (asks first)", show=False
        ),
        Command("ctrl+o", "load_file", "Load", "Load answers from a TOML file", show=False),
        Command(
            "ctrl+z",
            "undo_load",
            "Undo answers",
            "Take back a load, or an answer that set work aside",
            show=False,
        ),
        Command("ctrl+s", "save_file", "Save", "Save your answers to a TOML file", show=False),
    )
    """This screen's commands, for the footer, the palette and the help screen."""

    BINDINGS: ClassVar = bindings(COMMANDS_LIST)

    index: reactive[int] = reactive(0, init=False)
    """The question on screen (0-based)."""

    def __init__(self) -> None:
        super().__init__()
        self.answers: dict[str, Value] = {}
        """Answers given so far, by answers-file field (flat, dotted for foundations)."""
        self._touched = False
        self._recommend_on_resume = False

    def compose(self) -> ComposeResult:
        yield Header()
        yield QuestionList(self._sidebar_lines(), id="question-list")
        with Vertical(id="question-pane"):
            # Composed with its text, so the very first frame shows where the user is.
            yield Static(self._position_text(), id="position")
            yield QuestionView(QUESTIONS[0], None, id="question")
            yield Static(self._status_text(), id="status", classes="muted")
        yield KeyBar()

    # Keeping the view in step with the state -------------------------------------------------

    def _sidebar_lines(self) -> list[str]:
        return [
            f"{'✓' if question.field in self.answers else '·'} {i + 1:>2} {SHORT[question.field]}"
            for i, question in enumerate(QUESTIONS)
        ]

    def _answered_count(self) -> int:
        return sum(1 for q in QUESTIONS if q.field in self.answers)

    def _position_text(self) -> Text:
        """Where the user is, and under it the bar of questions answered."""
        question, answered = QUESTIONS[self.index], self._answered_count()
        # Each line fits the pane at 80 columns, so neither wraps into the question's room.
        return Text.assemble(
            (question.topic, "bold"),
            f" · question {self.index + 1} of {len(QUESTIONS)}\n",
            progress_bar(answered, len(QUESTIONS)),
        )

    def _status_text(self) -> str:
        if self._answered_count() == len(QUESTIONS):
            return "All answered: Ctrl+G shows the recommendation."
        return "Enter confirms · Ctrl+N next · Ctrl+B back"  # fits 80 columns

    def _show_position(self) -> None:
        self.query_one("#position", Static).update(self._position_text())
        self.query_one(QuestionList).highlighted = self.index
        self.query_one("#status", Static).update(self._status_text())

    def _refresh_sidebar(self) -> None:
        self.query_one(QuestionList).lines = self._sidebar_lines()

    async def watch_index(self, index: int) -> None:
        question = QUESTIONS[index]
        old = self.query_one(QuestionView)
        view = QuestionView(question, self.answers.get(question.field), id="question")
        await old.remove()
        await self.query_one("#question-pane").mount(view, before="#status")
        view.focus_answer()
        self._show_position()

    async def watch_session(self, session: Session | None) -> None:
        if session is None:
            return
        if self._touched:
            # The user answered (or started over) while loading: their answers win.
            self._save_answers()
            self._show_position()
            return
        self.answers = session.saved_answers()
        self._refresh_sidebar()
        unanswered = [i for i, q in enumerate(QUESTIONS) if q.field not in self.answers]
        if not unanswered:
            # The question on screen was built before its saved answer was known: build it
            # again with that answer, or moving on would record the default shown instead.
            # Only then (a first unanswered question on screen is already right): a key pressed
            # while the view is replaced is lost with the old view.
            await self.watch_index(self.index)
        if unanswered:
            self.index = unanswered[0]
            self._show_position()
            if self.answers:
                self.notify(f"Welcome back: resuming at question {unanswered[0] + 1}.")
        else:
            self._show_position()
            if self.is_current:
                self.action_recommend()
            else:  # another mode is on screen: show the result when the user comes here
                self._recommend_on_resume = True

    async def on_screen_resume(self) -> None:
        changed = self._take_saved_answers()
        if self._recommend_on_resume:
            self._recommend_on_resume = False
            self.action_recommend()
        elif changed:
            await self.watch_index(self.index)  # show the answer as it is now

    def _take_saved_answers(self) -> bool:
        """The session's answers are the truth once it has loaded: the Plan screen sets the
        pace (h, one setting with this questionnaire's hours) and its undo (u) can take back
        a load or a kept what-if. True when they changed there."""
        session = self.session
        if session is None:
            return False
        saved = session.saved_answers()
        if saved == self.answers:
            return False
        self.answers = saved
        self._refresh_sidebar()
        return True

    # Answers ---------------------------------------------------------------------------------

    @on(QuestionView.Answered)
    def _answered(self, event: QuestionView.Answered) -> None:
        then = self.action_next if event.advance else self._show_position
        if self._ask_before_setting_aside(event.field, event.value, then):
            return
        self._record(event.field, event.value)
        then()

    def _ask_before_setting_aside(
        self, field: str, value: Value, then: Callable[[], object]
    ) -> bool:
        """True when answering `value` would leave work the user did outside what the plan
        needs: then the answer waits for the user's yes (`_confirm_answer`), and `then` (the
        move the user was making) follows it."""
        session = self.session
        if session is None or self.answers.get(field) == value:
            return False
        changed = {**self.answers, field: value}
        items = session.answers_set_aside(changed)
        if not items:
            return False
        self._confirm_answer(field, value, then, items)
        return True

    @work(exclusive=True, group="confirm-answer")
    async def _confirm_answer(
        self, field: str, value: Value, then: Callable[[], object], items: tuple[TrackedItem, ...]
    ) -> None:
        from mlroute.tui.screens.dialogs import go_ahead_setting_aside

        undo = "Ctrl+Z takes the change back."
        if not await go_ahead_setting_aside(self, items, "Change this answer?", "Change it", undo):
            await self.watch_index(self.index)  # the saved answer, on screen again
            self.notify("Your answer stays as it was.")
            return
        self._record(field, value, undoable=f"answer: {SHORT[field]}")
        self.notify("Answer changed; the work stays in your plan, marked. Ctrl+Z takes it back.")
        then()

    @on(QuestionList.Selected)
    def _jump(self, event: QuestionList.Selected) -> None:
        event.stop()
        if self._current_problem(then=lambda: self._jump(event)) is None:
            self.index = event.index

    def _save_answers(self, undoable: str = "") -> None:
        """Put the answers in the session now (on the loop) and write them from a thread;
        as one undoable change named `undoable` when given."""
        session = self.session
        if session is None:
            return  # Kept in memory; saved once the session has loaded (see watch_session).
        session.stage_answers(dict(self.answers), undoable)
        self._flush(session)

    @work(thread=True, group="save-answers")
    def _flush(self, session: Session) -> None:
        problem = session.flush()
        if problem:
            self.app.call_from_thread(self.notify, problem, severity="error", timeout=10)

    def _current_problem(self, then: Callable[[], object] | None = None) -> str | None:
        """Why the user cannot leave this question; the answer on screen is taken first."""
        view = self.query_one(QuestionView)
        problem = view.current_problem()
        if problem:
            self.notify(f"Fix this answer first: {problem}", severity="warning")
            return problem
        shown = view.shown_value()
        field = view.question.field
        if shown is not None and self.answers.get(field) != shown:
            if self._ask_before_setting_aside(field, shown, then or self._show_position):
                return "waiting for the user's yes"
            self._record(field, shown)
        return None

    def _record(self, field: str, value: Value, undoable: str = "") -> None:
        self._touched = True
        self.answers[field] = value
        self._refresh_sidebar()
        self._save_answers(undoable)

    def _missing(self) -> list[int]:
        """Numbers (1-based) of the questions still unanswered."""
        return [i + 1 for i, q in enumerate(QUESTIONS) if q.field not in self.answers]

    # Commands --------------------------------------------------------------------------------

    def action_next(self) -> None:
        if self._current_problem(then=self.action_next) is not None:
            return
        missing = self._missing()
        if self.index < len(QUESTIONS) - 1:
            self.index += 1
        elif not missing:
            self.action_recommend()
        else:
            self.notify(f"Question {missing[0]} is still unanswered.")
            self.index = missing[0] - 1

    def action_back(self) -> None:
        if self.index > 0 and self._current_problem(then=self.action_back) is None:
            self.index -= 1

    def action_recommend(self) -> None:
        session = self.session
        missing = self._missing()
        if missing:
            shown = ", ".join(map(str, missing[:6])) + ("…" if len(missing) > 6 else "")
            self.notify(f"Answer every question first (still open: {shown}).")
            return
        if session is None:
            self.notify(self.load_problem or "Still loading the catalog; try again in a moment.")
            return
        from mlroute.tui.screens.recommendation import RecommendationScreen

        self.app.push_screen(RecommendationScreen(session, dict(self.answers)), self._returned)

    async def _returned(self, kept: dict[str, Value] | None) -> None:
        """Back from the recommendation: take the answers it kept (a what-if made real)."""
        if kept is not None and kept != self.answers:
            self.answers = dict(kept)
            self._refresh_sidebar()
            await self.watch_index(self.index)

    @work(exclusive=True, group="dialog")
    async def action_start_over(self) -> None:
        from mlroute.tui.screens.dialogs import ConfirmScreen

        session = self.session
        worked = session is not None and any(
            state.status != "todo" or state.note for state in session.progress.items.values()
        )
        kept = (
            " Your ticks and notes are kept; the Plan shows them again once you have answered."
            if worked
            else " Your plan progress is kept."
        )
        confirmed = await self.app.push_screen_wait(
            ConfirmScreen(
                "Start over?",
                f"This clears all your answers, the hours a week among them.{kept} "
                "Ctrl+Z brings the answers back.",
            )
        )
        if confirmed:
            self.answers = {}
            self._touched = True
            if session is None:
                self._save_answers()  # saved once the session has loaded (see watch_session)
            else:
                session.start_over()
                self._flush(session)
            self._refresh_sidebar()
            if self.index == 0:
                await self.watch_index(0)
            self.index = 0
            self.notify("Answers cleared (Ctrl+Z takes it back).")

    @work(exclusive=True, group="dialog")
    async def action_load_file(self) -> None:
        from mlroute.tui.screens.dialogs import PathScreen

        path = await self.app.push_screen_wait(
            PathScreen("Load answers from", _default_answers_file(), "Load")
        )
        if path is None:
            return
        from mlroute.session import read_answers_file

        flat, problem = await asyncio.to_thread(read_answers_file, path)  # file I/O off the loop
        if problem:
            self.notify(problem, title="Could not load answers", severity="error", timeout=12)
            return
        given = self._answered_count()
        if given and flat != self.answers:
            from mlroute.timeline import set_aside_text
            from mlroute.tui.screens.dialogs import ConfirmScreen

            session = self.session
            items = session.answers_set_aside(flat) if session else ()
            aside = f" {set_aside_text(items)}" if items else ""
            confirmed = await self.app.push_screen_wait(
                ConfirmScreen(
                    "Replace your answers?",
                    f"The {len(flat)} answers in {path.name} take the place of the {given} "
                    f"you have given. Ctrl+Z brings yours back. Your plan progress is kept.{aside}",
                    "Replace",
                )
            )
            if not confirmed:
                return
        self.answers = flat
        self._touched = True
        # (Loaded before the session is, the answers are saved with it: see watch_session.)
        self._save_answers(f"load answers from {path.name}")
        self._refresh_sidebar()
        await self.watch_index(self.index)
        self.notify(f"Loaded answers from {path}" + (" (Ctrl+Z takes it back)" if given else ""))

    async def action_undo_load(self) -> None:
        session = self.session
        if session is None or not session.undo_answers():
            self.notify(
                "Nothing to undo here: Ctrl+Z takes back a load of answers, or an answer "
                "that set work aside."
            )
            return
        self.answers = session.saved_answers()
        self._refresh_sidebar()
        await self.watch_index(self.index)
        self._flush(session)
        self.notify("Undone: your answers are back as they were.")

    @work(exclusive=True, group="dialog")
    async def action_save_file(self) -> None:
        from mlroute.tui.screens.dialogs import PathScreen

        path = await self.app.push_screen_wait(
            PathScreen("Save answers to", _default_answers_file(), "Save")
        )
        if path is None:
            return
        from mlroute.session import write_answers_file

        problem = await asyncio.to_thread(write_answers_file, path, dict(self.answers))
        if problem:
            self.notify(problem, title="Could not save answers", severity="error", timeout=12)
        else:
            self.notify(f"Saved answers to {path}")


def progress_bar(done: int, total: int, width: int = 24) -> Text:
    """A text progress bar with the count and percentage answered (a Static: lighter than a
    ProgressBar widget)."""
    filled = round(width * done / total) if total else 0
    bar = Text("━" * filled, style="bold")
    bar.append("─" * (width - filled), style="dim")
    bar.append(f" {done} answered ({round(100 * done / total) if total else 0}%)")
    return bar


def _default_answers_file() -> Path:
    return Path.cwd() / "mlroute-answers.toml"
