"""What the app needs of its screens: the commands a screen offers, and what a mode works on.

The app lists a screen's commands in the `?` help screen and the command palette, and hands
each mode's screen what it needs from above (attributes down). A screen never reaches up into
the app for another mode's state: it posts a message the app handles (messages up), as the
FAQ's `ShowInCatalog` and the recommendation's `PlanChosen` do.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar, TypeVar

from textual.reactive import var
from textual.screen import Screen

if TYPE_CHECKING:
    from mlroute.session import Session
    from mlroute.tui.commands import Command

ResultT = TypeVar("ResultT")
"""What the screen returns when it is dismissed."""


class KeyedScreen(Screen[ResultT]):
    """A screen with commands of its own, which the help screen and the palette list.

    Each subclass declares its own `COMMANDS_LIST` and `BINDINGS = bindings(COMMANDS_LIST)` in
    its class body: the class that declares the list names its command ids (`advisor.next`), so
    this base declares the attribute's type only, with no value that a subclass could inherit.
    """

    COMMANDS_LIST: ClassVar[tuple[Command, ...]]
    """This screen's commands, for its key bar, the palette and the help screen."""


class ModeScreen(KeyedScreen[None]):
    """The screen a mode opens with (Advisor, Catalog, Plan, FAQ), built by the app on first use.

    The app sets `session` once the session has loaded, and `load_problem` if it cannot load, on
    every mode screen built so far and on each one built later; a screen reacts with
    `watch_session` and `watch_load_problem` of its own.
    """

    session: var[Session | None] = var(None, init=False)
    """The loaded session; None until the app has loaded it."""

    load_problem: var[str | None] = var(None, init=False)
    """Why the session cannot load (a damaged install), to show instead of "Loading…"; None
    while it loads and once it has loaded."""


def commands_of(screen: Screen[Any]) -> tuple[Command, ...]:
    """The commands `screen` offers: none for a screen without commands (a dialog, the help
    screen, Textual's command palette)."""
    return screen.COMMANDS_LIST if isinstance(screen, KeyedScreen) else ()
