"""The `?` help screen: every key of the current screen and of the app, from their commands."""

from __future__ import annotations

from collections.abc import Iterable

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from mlroute.tui.commands import Command


class HelpScreen(ModalScreen[None]):
    """A modal listing commands by section; Esc, `?` or `q` closes it."""

    CSS_PATH = "help.tcss"

    BINDINGS = [
        Binding("escape,question_mark,q,f1", "dismiss", "Close", show=True),
    ]

    def __init__(self, sections: Iterable[tuple[str, Iterable[Command]]], footer: str) -> None:
        """`sections` are (heading, commands) pairs; `footer` names the data files."""
        super().__init__()
        self._sections = [(heading, tuple(commands)) for heading, commands in sections]
        self._footer = footer

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-body"):
            yield Static(Text("Keys", style="bold"), classes="help-title")
            for heading, commands in self._sections:
                if not commands:
                    continue
                yield Static(Text(heading, style="bold underline"), classes="help-heading")
                # Keys and descriptions in two columns, so a description that wraps carries on
                # under itself rather than under the keys.
                with Grid(classes="help-table"):
                    for command in commands:
                        yield Static(Text(command.keys_label, style="bold"), classes="help-keys")
                        description = Text.assemble((f"{command.title}: ", "italic"), command.help)
                        yield Static(description, classes="help-description")
            yield Static(Text(self._footer), classes="help-footer")
            yield Static(Text("Esc, ? or q closes this screen.", style="dim"))
