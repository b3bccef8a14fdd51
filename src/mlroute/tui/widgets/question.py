"""One question of the questionnaire, with the widget its kind needs and in-place validation."""

from __future__ import annotations

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.message import Message
from textual.reactive import reactive
from textual.widgets import Input, Label, Static, Switch

from mlroute.questions import Question, Value, parse_whole
from mlroute.tui.widgets.choice_list import ChoiceList

HINTS = {
    "choice": "↑/↓ moves, Enter chooses (or click it twice)",
    "level": "↑/↓ moves, Enter chooses (or click it twice)",
    "switch": "Space toggles, Enter confirms",
}
"""What the keys do, by kind of question (a number's hint names its range)."""


class QuestionView(Vertical):
    """Shows one question; posts `Answered` when the user gives a valid answer."""

    class Answered(Message):
        """A valid answer was given (`advance`: the user also asked to move on)."""

        def __init__(self, field: str, value: Value, advance: bool) -> None:
            super().__init__()
            self.field = field
            """The answers-file field."""
            self.value = value
            """The new value."""
            self.advance = advance
            """True when the user confirmed (Enter), so the next question should show."""

    value: reactive[Value | None] = reactive(None, init=False)
    """The current answer, or None when unanswered."""

    def __init__(self, question: Question, value: Value | None, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.question = question
        self.set_reactive(QuestionView.value, value)
        self._hint = (
            HINTS.get(question.kind) or f"Allowed: {question.range_text}. Enter to confirm."
        )
        """What the keys do here, shown under the answer."""

    def compose(self) -> ComposeResult:
        q = self.question
        # The prompt and why we ask in one Static, as the hint and any error below the answer:
        # fewer widgets to mount on the first screen.
        yield Static(
            Content.assemble((q.prompt, "bold $foreground"), "\n\n", f"Why we ask: {q.why}"),
            classes="prompt",
        )
        current = q.default if self.value is None else self.value
        if q.kind in ("choice", "level"):
            values = [c.value for c in q.choices]
            yield ChoiceList(
                [c.label for c in q.choices],
                chosen=values.index(self.value) if self.value in values else None,
                highlighted=values.index(current) if current in values else 0,
                id="answer",
            )
        elif q.kind == "switch":
            with Horizontal(classes="switch-row"):
                yield Switch(bool(current), id="answer")
                yield Label(Text("yes" if current else "no"), id="switch-label")
        else:
            # Text, not type="integer": that one drops a character it cannot take (1500.50
            # became 150050); here the number is checked as typed and the problem shown.
            yield Input(
                str(current),
                id="answer",
                select_on_focus=True,
                placeholder=q.range_text,
            )
        yield Static(Content(self._hint), classes="hint", id="hint")

    def focus_answer(self) -> None:
        """Put the keyboard on the answer widget."""
        self.query_one("#answer").focus()

    def _show_error(self, problem: str | None) -> None:
        """The hint, and under it what is wrong with the answer typed, if anything."""
        error = ("\n", (f"✗ {problem}", "$error")) if problem else ()
        self.query_one("#hint", Static).update(Content.assemble(self._hint, *error))

    @on(ChoiceList.Selected)
    def _chosen(self, event: ChoiceList.Selected) -> None:
        event.stop()
        choice = self.question.choices[event.index]
        self.value = choice.value
        self.query_one("#answer", ChoiceList).chosen = event.index
        self.post_message(self.Answered(self.question.field, choice.value, advance=True))

    @on(Switch.Changed, "#answer")
    def _switched(self, event: Switch.Changed) -> None:
        event.stop()
        self.value = event.value
        self.query_one("#switch-label", Label).update(Text("yes" if event.value else "no"))
        self.post_message(self.Answered(self.question.field, event.value, advance=False))

    def on_key(self, event: events.Key) -> None:
        # Enter confirms a switch question (Space toggles it), like Enter elsewhere.
        if event.key == "enter" and self.question.kind == "switch":
            event.stop()
            event.prevent_default()
            switch = self.query_one("#answer", Switch)
            self.value = switch.value
            self.post_message(self.Answered(self.question.field, switch.value, advance=True))

    def _parse(self, text: str) -> tuple[int | None, str | None]:
        number, problem = parse_whole(text)
        if number is None:
            return None, problem
        return number, self.question.check(number)

    @on(Input.Changed, "#answer")
    def _typed(self, event: Input.Changed) -> None:
        # Explain a bad number as it is typed; the answer is taken on Enter or Next.
        event.stop()
        self._show_error(self._parse(event.value)[1])

    @on(Input.Submitted, "#answer")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        number, problem = self._parse(event.value)
        self._show_error(problem)
        if problem is None and number is not None:
            self.value = number
            self.post_message(self.Answered(self.question.field, number, advance=True))

    def current_problem(self) -> str | None:
        """Why the answer on screen cannot be submitted, or None when it can."""
        if self.question.kind != "number":
            return None
        return self._parse(self.query_one("#answer", Input).value)[1]

    def shown_value(self) -> Value | None:
        """The answer on screen (highlighted choice, switch, valid typed number), or None."""
        kind = self.question.kind
        if kind == "switch":
            return self.query_one("#answer", Switch).value
        if kind == "number":
            number, problem = self._parse(self.query_one("#answer", Input).value)
            return number if problem is None else None
        return self.question.choices[self.query_one("#answer", ChoiceList).highlighted].value
