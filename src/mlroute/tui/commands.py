"""One declaration per command: its key, footer label and palette entry come from one place.

A screen (or the app) lists its `Command`s in `COMMANDS_LIST`; `bindings()` turns them into
Textual bindings for the footer, the app's palette provider yields them, and the `?` help
screen reads the same list, so the three never disagree.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from textual.binding import Binding, BindingType


@dataclass(frozen=True)
class Command:
    """A user action with everything needed to bind, show and find it."""

    key: str
    """Textual key name(s), comma-separated for alternatives, e.g. `"f2"` or `"space,enter"`."""
    action: str
    """The action run, e.g. `"switch_mode('plan')"` or `"tick"`."""
    title: str
    """Short label for the footer and the palette."""
    help: str
    """A sentence for the palette and the help screen."""
    show: bool = True
    """Show in the footer (everything is always in help and the palette)."""
    priority: bool = False
    """Fire even when the focused widget would take the key."""
    key_display: str | None = None
    """How to show the key, when Textual's own rendering is unclear."""

    @property
    def keys_label(self) -> str:
        """Human-readable keys for the help screen."""
        if self.key_display:
            return self.key_display
        return " / ".join(_pretty(key) for key in self.key.split(","))


def _pretty(key: str) -> str:
    names = {"question_mark": "?", "space": "Space", "enter": "Enter", "escape": "Esc"}
    parts = [names.get(part, part.upper() if len(part) <= 3 else part) for part in key.split("+")]
    return "+".join(
        part.capitalize() if part in ("ctrl", "shift", "alt") else part for part in parts
    )


def bindings(commands: Iterable[Command]) -> list[BindingType]:
    """Textual bindings for commands."""
    return [
        Binding(
            c.key,
            c.action,
            c.title,
            show=c.show,
            priority=c.priority,
            key_display=c.key_display,
            tooltip=c.help,
        )
        for c in commands
    ]
