"""The what-if panel: every answer in a list; ←/→ change the highlighted one hypothetically."""

from __future__ import annotations

import textwrap

from rich.text import Text
from textual.binding import Binding
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from mlroute.questions import QUESTIONS, SHORT, Question, Value

NUMBER_STEPS: dict[str, tuple[int, ...]] = {
    "budget_usd": (0, 1000, 2000, 3000, 5000, 7500, 10000, 15000, 20000, 30000, 50000, 80000),
    "hours_per_week": (2, 4, 5, 6, 8, 10, 12, 15, 20, 25, 30, 40),
    "months_to_goal": (3, 6, 9, 12, 18, 24, 30, 36, 48, 60),
}
"""Values ←/→ step through for number questions (the current value is kept between them)."""


def step(question: Question, value: Value, direction: int) -> Value:
    """The next value of a question's answer in `direction` (-1 or 1), staying in range."""
    if question.kind == "switch":
        return not value
    if question.kind == "number":
        assert isinstance(value, int)
        ladder = sorted(set(NUMBER_STEPS.get(question.field, ())) | {value})
        index = ladder.index(value) + direction
        return ladder[min(max(index, 0), len(ladder) - 1)]
    values = [choice.value for choice in question.choices]
    index = values.index(value) + direction if value in values else 0
    return values[min(max(index, 0), len(values) - 1)]


class WhatIfPanel(OptionList):
    """Answers as a list; changing one posts `Changed`. Hypothetical values are starred."""

    BINDINGS = [
        Binding("left", "change(-1)", "Less", show=False),
        Binding("right", "change(1)", "More", show=False),
    ]

    class Changed(Message):
        """The user changed an answer hypothetically."""

        def __init__(self, field: str, value: Value) -> None:
            super().__init__()
            self.field = field
            """The answers-file field."""
            self.value = value
            """The hypothetical value."""

    def __init__(self, kept: dict[str, Value], *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.kept = dict(kept)
        """The answers as saved."""
        self.values = dict(kept)
        """The answers with hypothetical changes."""

    def on_mount(self) -> None:
        self.add_options([Option(self._prompt(q), id=q.field) for q in QUESTIONS])
        self.highlighted = 0

    def _prompt(self, question: Question) -> Text:
        value = self.values[question.field]
        kept = self.kept[question.field]
        # Leave room for the scrollbar whether or not it shows: which it does can depend on
        # these very prompts (a narrower list wraps more answers onto two lines).
        width = self.size.width - self.styles.scrollbar_size_vertical
        return prompt(SHORT[question.field], question, value, kept, width)

    def on_resize(self) -> None:
        # Labels are fitted to the width, so a new width needs them fitted again.
        self.refresh_values(self.kept, self.values)

    def refresh_values(self, kept: dict[str, Value], values: dict[str, Value]) -> None:
        """Show new kept and hypothetical answers."""
        self.kept = dict(kept)
        self.values = dict(values)
        for index, question in enumerate(QUESTIONS):
            self.replace_option_prompt_at_index(index, self._prompt(question))

    def action_change(self, direction: int) -> None:
        if self.highlighted is None:
            return
        question = QUESTIONS[self.highlighted]
        value = step(question, self.values[question.field], direction)
        if value != self.values[question.field]:
            self.values[question.field] = value
            self.replace_option_prompt_at_index(self.highlighted, self._prompt(question))
            self.post_message(self.Changed(question.field, value))


def prompt(name: str, question: Question, value: Value, kept: Value, width: int) -> Text:
    """One answer as the panel shows it, fitted to `width` cells: never wrapped by the list.

    "  Name ◀ value ▶", starred and bold when hypothetical, with "was …" when it fits; when the
    value does not fit beside its name it moves under it, wrapped at spaces if it must be:
    a value is never cut short.
    """
    changed = value != kept
    text = Text(no_wrap=True, overflow="ellipsis")
    text.append("* " if changed else "  ", style="bold")
    text.append(name)
    label = _label(question, value)
    room = width - len(name) - len("  ◀ ▶ ") - 1
    if len(label) > room:
        text.append("\n    ")
        room = max(width - len("    ◀ ▶ ") - 1, 1)
    else:
        text.append(" ")
    lines = textwrap.wrap(label, room) or [label]
    label = "\n      ".join(lines)
    text.append(f"◀ {label} ▶", style="bold" if changed else "")
    if changed:
        was = f" was {_label(question, kept)}"
        if len(was) <= room - len(lines[-1]):
            text.append(was, "dim")
    return text


def _label(question: Question, value: Value) -> str:
    label = question.label_of(value)
    if question.kind in ("choice", "level"):
        label = label.split(":")[0].split(",")[0]
    return label
