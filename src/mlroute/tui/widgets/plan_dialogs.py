"""The plan tracker's modal questions: a note, a custom item, the path and program, the pace,
and which option fills a place in the plan.

Each is a `ModalScreen` returning its answer (None when cancelled) for `push_screen_wait`;
Enter accepts, Esc cancels. They share the look of the app's dialogs (`dialogs.tcss`).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Generic, TypeVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import Button, Input, OptionList, Select, Static, TextArea
from textual.widgets.option_list import Option
from textual.widgets.text_area import EditResult, Location

from mlroute.limits import MAX_PACE, NOTE_MAX
from mlroute.questions import parse_whole
from mlroute.store import PathChoice, Status
from mlroute.text import clean
from mlroute.tui.marks import STATUS_MARKS

TITLE_MAX = 120
"""The longest custom item title."""


T = TypeVar("T")


def whole_in(text: str, low: int, high: int) -> tuple[int | None, str | None]:
    """A whole number from `low` to `high` as typed, or what is wrong with it, in words."""
    number, problem = parse_whole(text)
    if number is None:
        return None, problem
    if not low <= number <= high:
        return None, f"a whole number from {low:,} to {high:,}"
    return number, None


class _Dialog(ModalScreen[T | None], Generic[T]):
    """A dialog that Esc cancels."""

    CSS_PATH = Path(__file__).parent.parent / "screens" / "dialogs.tcss"
    """The app's dialog styles (`.dialog`, `.dialog-buttons`), shared with its own dialogs."""

    DEFAULT_CSS = """
    _Dialog, NoteScreen, CustomItemScreen, ChoosePathScreen, PaceScreen, SwapOptionScreen {
        align: center middle;
    }
    _Dialog .field-label { margin-top: 1; }
    _Dialog OptionList { height: auto; max-height: 12; }
    _Dialog .field-row { height: auto; }
    _Dialog #stage-field { width: 1fr; height: auto; }
    _Dialog #hours-field { width: 18; height: auto; margin-left: 1; }
    """

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def action_cancel(self) -> None:
        self.dismiss(None)

    def _buttons(self, ok: str) -> ComposeResult:
        with Horizontal(classes="dialog-buttons"):
            yield Button(ok, variant="primary", id="ok")
            yield Button("Cancel (Esc)", id="cancel")

    @on(Button.Pressed, "#cancel")
    def _cancel_pressed(self) -> None:
        self.dismiss(None)


class NoteArea(TextArea):
    """A TextArea that refuses, whole, any typing or paste that would take it over `limit`
    characters, and says so with `Refused` (TextArea itself has no limit; Input's cut a paste
    or dropped it without a word)."""

    class Refused(Message):
        """An edit was refused: the text would have been `length` characters."""

        def __init__(self, length: int) -> None:
            super().__init__()
            self.length = length
            """How long the text would have been."""

    def __init__(self, text: str, limit: int, **kwargs: object) -> None:
        super().__init__(text, soft_wrap=True, tab_behavior="focus", **kwargs)  # type: ignore[arg-type]
        self.limit = limit
        """The most characters the text may hold."""

    def _replace_via_keyboard(
        self, insert: str, start: Location, end: Location
    ) -> EditResult | None:
        # Typing and pasting both come through here; an edit is refused before it is made.
        replaced = len(self.get_text_range(start, end))
        length = len(self.text) - replaced + len(insert)
        if length > self.limit and len(insert) > replaced:
            self.post_message(self.Refused(length))
            return None
        return super()._replace_via_keyboard(insert, start, end)


class NoteScreen(_Dialog[str]):
    """Write or clear an item's note, on several lines if need be; returns the note ("" clears
    it). The count of characters and the limit are in view; an edit over it is refused."""

    BINDINGS = [Binding("ctrl+s", "save", "Save")]

    DEFAULT_CSS = """
    NoteScreen #note { height: 8; }
    NoteScreen #note-count { text-align: right; }
    """

    def __init__(self, item_title: str, note: str) -> None:
        super().__init__()
        self._item_title = item_title
        self._note = note

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(Text("Note", style="bold"), classes="dialog-title")
            yield Static(Text(clean(self._item_title)), classes="muted")
            yield NoteArea(self._note, NOTE_MAX, id="note")
            yield Static(self._count(len(self._note)), id="note-count", classes="muted")
            yield Static("", id="note-error", classes="error")
            yield Static(
                "Enter starts a new line · Ctrl+S saves · empty clears it · Esc cancels",
                classes="muted",
            )
            yield from self._buttons("Save (^s)")

    @staticmethod
    def _count(length: int) -> str:
        return f"{length:,} of {NOTE_MAX:,} characters"

    @on(TextArea.Changed, "#note")
    def _changed(self, event: TextArea.Changed) -> None:
        self.query_one("#note-count", Static).update(self._count(len(event.text_area.text)))
        self.query_one("#note-error", Static).update("")

    @on(NoteArea.Refused)
    def _refused(self, event: NoteArea.Refused) -> None:
        self.query_one("#note-error", Static).update(
            f"✗ Not added: the note would be {event.length:,} characters, over the "
            f"{NOTE_MAX:,} a note can hold. Shorten it, or paste less."
        )

    @on(Button.Pressed, "#ok")
    def action_save(self) -> None:
        text = self.query_one("#note", NoteArea).text
        # Spaces at the ends of lines and blank lines at the ends of the note are not kept.
        lines = [line.rstrip() for line in text.splitlines()]
        self.dismiss("\n".join(lines).strip("\n").strip())


@dataclass(frozen=True)
class NewItem:
    """What the user typed for a custom item."""

    title: str
    """What to do."""
    stage: str
    """The stage id to put it in ("" for a stage of its own)."""
    hours: int
    """Estimated hours; 0 when unknown."""


class CustomItemScreen(_Dialog[NewItem]):
    """Add an item of the user's own: a title, a stage and an estimate of hours."""

    def __init__(self, stages: list[tuple[str, str]], stage: str) -> None:
        super().__init__()
        self._stages = stages
        self._stage = stage

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(Text("Add your own item", style="bold"), classes="dialog-title")
            yield Static("What to do")
            yield Input(placeholder="e.g. Read chapter 5 of ISLR", max_length=TITLE_MAX, id="title")
            options = [(clean(title), stage_id) for stage_id, title in self._stages]
            options.append(("A stage of its own (your own items)", ""))
            with Horizontal(classes="field-row"):
                with Vertical(id="stage-field"):
                    yield Static("Stage")
                    yield Select(options, value=self._stage, allow_blank=False, id="stage")
                with Vertical(id="hours-field"):
                    yield Static("Hours (0–1000)")
                    # Plain text, checked as typed: type="integer" drops a "." silently.
                    yield Input("0", id="hours")
            yield Static("", id="item-error", classes="error")
            yield from self._buttons("Add")

    @on(Input.Submitted)
    @on(Button.Pressed, "#ok")
    def _accept(self) -> None:
        title = " ".join(self.query_one("#title", Input).value.split())
        hours_input = self.query_one("#hours", Input)
        error = self.query_one("#item-error", Static)
        if not title:
            error.update("✗ Say what the item is.")
            self.query_one("#title", Input).focus()
            return
        hours, problem = whole_in(hours_input.value, 0, 1000)
        if hours is None:
            error.update(Text(f"✗ Hours: {problem}."))
            hours_input.focus()
            return
        stage = self.query_one("#stage", Select).value
        self.dismiss(NewItem(title, stage if isinstance(stage, str) else "", hours))

    @on(Input.Changed, "#hours")
    def _hours_typed(self, event: Input.Changed) -> None:
        problem = whole_in(event.value, 0, 1000)[1]
        self.query_one("#item-error", Static).update(
            Text(f"✗ Hours: {problem}." if problem else "")
        )


@dataclass(frozen=True)
class PathOption:
    """A path the user can switch to."""

    path: PathChoice
    """The path."""
    program: str | None
    """The program, on the degree path."""
    label: str
    """How it reads in the list."""


class ChoosePathScreen(_Dialog[PathOption]):
    """Choose the path, and the program for the degree path; the current one is marked."""

    def __init__(self, options: list[PathOption], current: int | None) -> None:
        super().__init__()
        self._options = options
        self._current = current

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(Text("Switch path or program", style="bold"), classes="dialog-title")
            yield Static(
                "Progress on items the plans share is kept: a course done counts wherever "
                "it appears.",
                classes="muted",
            )
            options = []
            for n, option in enumerate(self._options):
                marker = "● " if n == self._current else "  "
                suffix = " (current)" if n == self._current else ""
                options.append(Option(Text(f"{marker}{clean(option.label)}{suffix}"), id=str(n)))
            yield OptionList(*options, id="paths")
            yield Static("↑/↓ choose · Enter switches · Esc cancels", classes="muted")

    def on_mount(self) -> None:
        paths = self.query_one("#paths", OptionList)
        paths.highlighted = self._current or 0
        paths.focus()

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(self._options[event.option_index])


class PaceScreen(_Dialog[int]):
    """Set the study pace in hours a week (1 to `MAX_PACE`, as the questionnaire allows)."""

    def __init__(self, hours: int) -> None:
        super().__init__()
        self._hours = hours

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(Text("Your pace", style="bold"), classes="dialog-title")
            yield Static(f"Hours a week you can study (1 to {MAX_PACE})", classes="field-label")
            yield Input(str(self._hours), id="pace")  # checked as typed, nothing dropped
            yield Static("", id="pace-error", classes="error")
            yield from self._buttons("Set")

    @on(Input.Submitted)
    @on(Button.Pressed, "#ok")
    def _accept(self) -> None:
        hours, problem = whole_in(self.query_one("#pace", Input).value, 1, MAX_PACE)
        if hours is None:
            self.query_one("#pace-error", Static).update(Text(f"✗ Hours a week: {problem}."))
            return
        self.dismiss(hours)

    @on(Input.Changed, "#pace")
    def _pace_typed(self, event: Input.Changed) -> None:
        problem = whole_in(event.value, 1, MAX_PACE)[1]
        self.query_one("#pace-error", Static).update(
            Text(f"✗ Hours a week: {problem}." if problem else "")
        )


@dataclass(frozen=True)
class OptionChoice:
    """A course that can fill a place in the plan."""

    id: str
    """The course's id."""
    title: str
    """Its title."""
    facts: str
    """Provider, hours and cost, in a few words."""
    status: Status
    """Where the user stands on it (progress is kept by course, whichever is picked)."""


class SwapOptionScreen(_Dialog[str]):
    """Choose which course fills a place in the plan; the first option is the current one.
    Returns the chosen course's id."""

    def __init__(self, why: str, options: list[OptionChoice]) -> None:
        super().__init__()
        self._why = why
        self._options = options

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(Text("Choose an option", style="bold"), classes="dialog-title")
            if self._why:
                yield Static(Text(f"Picked now: {clean(self._why)}"), classes="muted")
            rows = []
            for n, option in enumerate(self._options):
                marker = "● " if n == 0 else "  "
                text = Text(f"{marker}{STATUS_MARKS[option.status]} {clean(option.title)}")
                text.append(" (current)" if n == 0 else "")
                text.append(f"\n    {clean(option.facts)}", style="dim")
                rows.append(Option(text, id=option.id))
            yield OptionList(*rows, id="options")
            yield Static(
                "Progress is kept by course: what you did on any option stays counted. "
                "↑/↓ choose · Enter swaps · Esc cancels",
                classes="muted",
            )

    def on_mount(self) -> None:
        options = self.query_one("#options", OptionList)
        options.highlighted = 1 if len(self._options) > 1 else 0
        options.focus()

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(self._options[event.option_index].id)
