"""Small modal questions: confirm an action, or choose a file path."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Static

if TYPE_CHECKING:
    from textual.screen import Screen

    from mlroute.timeline import TrackedItem


class ConfirmScreen(ModalScreen[bool]):
    """Ask yes or no; `y`/Enter on Yes confirms, `n`/Esc declines."""

    CSS_PATH = "dialogs.tcss"

    BINDINGS = [
        Binding("y", "answer(True)", "Yes"),
        Binding("n,escape", "answer(False)", "No"),
    ]

    def __init__(self, title: str, detail: str, yes: str = "Yes") -> None:
        super().__init__()
        self._title = title
        self._detail = detail
        self._yes = yes

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(Text(self._title, style="bold"), classes="dialog-title")
            yield Static(Text(self._detail))
            with Horizontal(classes="dialog-buttons"):
                yield Button(f"{self._yes} (y)", variant="error", id="yes")
                yield Button("No (n)", variant="primary", id="no")

    def on_mount(self) -> None:
        self.query_one("#no", Button).focus()

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")

    def action_answer(self, answer: bool) -> None:
        self.dismiss(answer)


async def go_ahead_setting_aside(
    screen: Screen[Any], items: Sequence[TrackedItem], title: str, yes: str, undo: str
) -> bool:
    """Ask before a change that leaves the user's work on `items` outside what their plan
    needs: which items, that nothing is lost, and `undo`, how to take it back. True to go on."""
    from mlroute.timeline import set_aside_text

    why = f"{set_aside_text(tuple(items))} {undo}"
    confirmed: bool = await screen.app.push_screen_wait(ConfirmScreen(title, why, yes))
    return confirmed


class PathScreen(ModalScreen[Path | None]):
    """Ask for a file path, prefilled; Enter accepts, Esc cancels."""

    CSS_PATH = "dialogs.tcss"

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, title: str, default: Path, action: str) -> None:
        super().__init__()
        self._title = title
        self._default = default
        self._action = action

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(Text(self._title, style="bold"), classes="dialog-title")
            yield Input(str(self._default), id="path")
            yield Static("", id="path-error", classes="error")
            with Horizontal(classes="dialog-buttons"):
                yield Button(self._action, variant="primary", id="ok")
                yield Button("Cancel (Esc)", id="cancel")

    @on(Input.Submitted)
    @on(Button.Pressed, "#ok")
    def _accept(self) -> None:
        text = self.query_one("#path", Input).value.strip()
        if not text:
            self.query_one("#path-error", Static).update("✗ Enter a file path.")
            return
        try:
            path = Path(text).expanduser()
        except RuntimeError:  # `~name` for a user that does not exist
            self.query_one("#path-error", Static).update(Text(f"✗ No such home: {text}"))
            return
        if path.is_dir():
            self.query_one("#path-error", Static).update("✗ That is a directory; name a file.")
            return
        self.dismiss(path)

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
