"""A one-line drop-down for the catalog's facets and sort.

Textual's `Select` is six widgets with its option list built up front: the seven the catalog
had cost 2.4 MB when they were replaced (measured then, not since; it has eight drop-downs
now). The largest is the provider facet, which lists at most 60 providers (`MAX_PROVIDERS` in
`screens/catalog.py`) and "any provider". A `Choice` is one widget that draws its own line;
its options become a list only while the menu is open, in a small modal screen placed under it
(or above it, near the bottom of the terminal). As in `Select`, typing while the menu is open
moves to the option that starts with (or else contains) what was typed.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from time import monotonic
from typing import ClassVar

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.geometry import Region
from textual.message import Message
from textual.reactive import reactive
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import OptionList
from textual.widgets.option_list import Option

ChoiceOption = tuple[str | Text, str]
"""An option: what it shows, and its value."""

MENU_LINES = 14
"""The most options an open menu shows at once (it scrolls beyond)."""

SEARCH_PAUSE = 0.7
"""Seconds without a key after which typing in an open menu starts a new search (as long as
Textual's `Select` waits)."""


class Choice(Widget, can_focus=True):
    """Shows the chosen option (or the prompt); Enter, Space, ↓ or a click opens the menu."""

    DEFAULT_CSS = """
    Choice {
        height: 1;
        padding: 0 1;
        background: $surface;
        &.-blank { color: $text-muted; }
        &:hover { background: $boost; }
        &:focus { background: $block-cursor-background; color: $block-cursor-foreground; }
        &:disabled { color: $text-disabled; }
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter,space,down", "open", "Choose", show=False),
    ]

    value: reactive[str | None] = reactive[str | None](None, init=False)
    """The chosen option's value; None when nothing is chosen (the prompt shows)."""

    class Changed(Message):
        """Another option was chosen (by the user or by code)."""

        def __init__(self, choice: Choice, value: str | None) -> None:
            super().__init__()
            self.choice = choice
            """The drop-down that changed."""
            self.value = value
            """Its new value; None for the prompt."""

        @property
        def control(self) -> Choice:
            """The drop-down that changed (for `@on` selectors)."""
            return self.choice

    def __init__(
        self,
        options: Iterable[ChoiceOption],
        *,
        prompt: str = "",
        value: str | None = None,
        allow_blank: bool = True,
        id: str | None = None,
    ) -> None:
        super().__init__(id=id)
        self.prompt = prompt
        """What shows when nothing is chosen; the menu's first line, which clears the choice."""
        self.allow_blank = allow_blank
        """Whether "nothing chosen" is an option."""
        self._options: list[ChoiceOption] = list(options)
        self.set_reactive(Choice.value, value)
        self.set_class(value is None, "-blank")

    @property
    def options(self) -> list[ChoiceOption]:
        """The options, in menu order (the prompt not included)."""
        return list(self._options)

    def set_options(self, options: Iterable[ChoiceOption]) -> None:
        """Replace the options; a chosen value no longer offered is cleared."""
        self._options = list(options)
        if self.value is not None and all(value != self.value for _, value in self._options):
            self.value = None
        self.refresh()

    def clear(self) -> None:
        """Back to the prompt (when that is allowed)."""
        if self.allow_blank:
            self.value = None

    def watch_value(self, value: str | None) -> None:
        self.set_class(value is None, "-blank")
        self.post_message(self.Changed(self, value))

    def _label(self) -> Text:
        for prompt, value in self._options:
            if value == self.value:
                return Text(prompt) if isinstance(prompt, str) else prompt.copy()
        return Text(self.prompt)

    def render(self) -> Text:
        width = self.content_size.width
        label = self._label()
        label.truncate(max(width - 2, 0), overflow="ellipsis", pad=True)
        label.end = ""
        return label + " ▼"

    # The menu --------------------------------------------------------------------------------

    def _entries(self) -> list[tuple[str | Text, str | None]]:
        blank: list[tuple[str | Text, str | None]] = [(self.prompt, None)]
        return (blank if self.allow_blank else []) + list(self._options)

    def action_open(self) -> None:
        entries = self._entries()
        if not self._options:
            self.app.bell()
            return
        values = [value for _, value in entries]
        current = values.index(self.value) if self.value in values else 0
        menu = ChoiceMenu([prompt for prompt, _ in entries], current, self.region)
        self.app.push_screen(menu, lambda chosen: self._chosen(chosen, values))

    def _chosen(self, chosen: int | None, values: Sequence[str | None]) -> None:
        self.focus()
        if chosen is not None:
            self.value = values[chosen]

    def on_click(self, event: events.Click) -> None:
        event.stop()
        self.focus()
        self.action_open()


class ChoiceMenu(ModalScreen[int | None]):
    """A drop-down's open menu: Enter or a click picks, Esc or a click elsewhere closes it."""

    DEFAULT_CSS = """
    ChoiceMenu {
        background: transparent;
        & > OptionList {
            border: tall $primary;
            background: $surface;
            width: auto;
            height: auto;
        }
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Close", show=False),
    ]

    def __init__(self, prompts: Sequence[str | Text], highlighted: int, under: Region) -> None:
        super().__init__()
        self._prompts = [Text(p) if isinstance(p, str) else p for p in prompts]
        self._highlighted = highlighted
        self._under = under

    def compose(self) -> ComposeResult:
        yield MenuList(*(Option(prompt) for prompt in self._prompts))

    def on_mount(self) -> None:
        menu = self.query_one(OptionList)
        screen = self.app.size
        widest = max(prompt.cell_len for prompt in self._prompts)
        # Border and padding, and the scrollbar when the menu scrolls: else the widest
        # options wrap onto a second line.
        scrollbar = menu.styles.scrollbar_size_vertical if len(self._prompts) > MENU_LINES else 0
        width = min(max(self._under.width, widest + 4 + scrollbar), screen.width)
        height = min(len(self._prompts), MENU_LINES) + 2
        x = max(min(self._under.x, screen.width - width), 0)
        below = self._under.bottom
        y = below if below + height <= screen.height else max(self._under.y - height, 0)
        menu.styles.width = width
        menu.styles.max_height = height
        menu.styles.offset = (x, y)
        menu.highlighted = self._highlighted
        menu.focus()

    @on(OptionList.OptionSelected)
    def _picked(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(event.option_index)

    def action_close(self) -> None:
        self.dismiss(None)

    def on_click(self, event: events.Click) -> None:
        # A click outside the list closes the menu, as anywhere else.
        if event.widget is self:
            self.dismiss(None)


class MenuList(OptionList):
    """An open menu's options: typing moves the highlight to the first option that starts
    with the letters typed, or else the first that contains them (case aside); a pause of
    `SEARCH_PAUSE` seconds starts the search afresh."""

    def __init__(self, *options: Option) -> None:
        super().__init__(*options)
        self.typed = ""
        """What has been typed since the last pause."""
        self._typed_at = float("-inf")
        self._plain = [str(option.prompt).casefold() for option in options]

    def check_consume_key(self, key: str, character: str | None = None) -> bool:
        # Printable keys are the search's, not the screen's or the app's single-key bindings.
        return character is not None and character.isprintable()

    async def _on_key(self, event: events.Key) -> None:
        character = event.character
        if character is None or not event.is_printable:
            return
        event.stop()
        event.prevent_default()  # nor OptionList's own handling of the key
        now = monotonic()
        if now - self._typed_at > SEARCH_PAUSE:
            self.typed = ""
        self._typed_at = now
        self.typed += character
        found = self.match(self.typed)
        if found is not None:
            self.highlighted = found

    def match(self, typed: str) -> int | None:
        """The first option starting with `typed`, else the first containing it, else None."""
        typed = typed.casefold()
        starts = next((n for n, plain in enumerate(self._plain) if plain.startswith(typed)), None)
        if starts is not None:
            return starts
        return next((n for n, plain in enumerate(self._plain) if typed in plain), None)
