"""The `?` help screen: every key of the current screen and of the app, from their commands."""

from __future__ import annotations

from collections.abc import Iterable

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
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
                table = Text()
                for command in commands:
                    table.append(f"{command.keys_label:>16}  ", style="bold")
                    table.append(f"{command.title}: ", style="italic")
                    table.append(f"{command.help}\n")
                yield Static(table, classes="help-table")
            yield Static(Text(self._footer), classes="help-footer")
            yield Static(Text("Esc, ? or q closes this screen.", style="dim"))
