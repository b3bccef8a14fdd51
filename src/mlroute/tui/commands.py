"""One declaration per command: its key, footer label and palette entry come from one place.

A screen (or the app) lists its `Command`s in `COMMANDS_LIST`; `bindings()` turns them into
Textual bindings for the footer, the app's palette provider yields them, and the `?` help
screen reads the same list, so the three never disagree.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import NamedTuple

from textual.binding import Binding, BindingType


class Command(NamedTuple):
    """A user action with everything needed to bind, show and find it.

    A `NamedTuple` rather than a frozen dataclass, as the app's other values imported before
    the first frame: a dataclass takes half a millisecond to build, a `NamedTuple` a tenth.
    """

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
    """How the footer shows the key, when Textual's own rendering is too long or unclear."""

    @property
    def keys_label(self) -> str:
        """Every key that runs the command, readable, for the help screen and the README."""
        return " / ".join(_pretty(key) for key in self.key.split(","))


_NAMES = {
    "question_mark": "?",
    "slash": "/",
    "space": "Space",
    "enter": "Enter",
    "escape": "Esc",
    "delete": "Delete",
    "up": "↑",
    "down": "↓",
    "left": "←",
    "right": "→",
    "pageup": "PgUp",
    "pagedown": "PgDn",
    "left_square_bracket": "[",
    "right_square_bracket": "]",
}


def _pretty(key: str) -> str:
    """`ctrl+n` -> `Ctrl+N`, `f2` -> `F2`, `question_mark` -> `?`; a letter stays as typed."""
    *modifiers, last = key.split("+")
    if last in _NAMES:
        name = _NAMES[last]
    elif len(last) == 1:
        name = last.upper() if modifiers else last
    else:
        name = last.upper() if last[0] == "f" and last[1:].isdigit() else last.capitalize()
    return "+".join([*(m.capitalize() for m in modifiers), name])


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
