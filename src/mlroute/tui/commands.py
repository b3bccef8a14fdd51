"""One declaration per command: its key, footer label and palette entry come from one place.

A screen (or the app) lists its `Command`s in `COMMANDS_LIST`; `bindings()` turns them into
Textual bindings for the footer, the app's palette provider yields them, and the `?` help
screen reads the same list, so the three never disagree.

Every command has an id, `scope.action[.argument]` (`advisor.next`, `plan.stage.previous`,
`app.switch_mode.plan`), which is its binding's id: the `[keys]` table of `settings.toml` remaps
commands by these ids through Textual's keymap (`App.set_keymap`).
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterable, Mapping
from typing import Any, NamedTuple

from textual.binding import Binding, BindingType
from textual.keys import Keys, _normalize_key_list, key_to_character

MODIFIERS = frozenset({"ctrl", "shift", "alt", "meta", "super", "hyper"})
"""The modifiers Textual names in a key, as in `ctrl+shift+x`."""

_NAMED_KEYS = frozenset(key.value.rpartition("+")[2] for key in Keys)
"""Key names Textual knows without a modifier: `f6`, `pageup`, `escape`, `space`..."""


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
    spare: bool = False
    """Left out first when the footer is too narrow for every key (the keys a user reaches for
    on this screen stay; help and the palette still list this one)."""

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


def scope_of(owner: str | type[Any] | object) -> str:
    """The id scope of the class that declares a `COMMANDS_LIST`: `AdvisorScreen` -> `advisor`,
    `MarkdownView` -> `markdown_view`, any `...App` -> `app`. Given an instance or a subclass,
    the class in its MRO that declares the list decides."""
    if not isinstance(owner, str):
        cls = owner if isinstance(owner, type) else type(owner)
        owner = next((c for c in cls.__mro__ if "COMMANDS_LIST" in c.__dict__), cls).__name__
    if owner.endswith("App"):
        return "app"
    return re.sub(r"(?<!^)(?=[A-Z])", "_", owner.removesuffix("Screen")).lower()


def command_id(scope: str, command: Command) -> str:
    """`scope.action` plus the action's arguments: `switch_mode('plan')` -> `app.switch_mode.plan`;
    a signed step reads as a direction: `stage(-1)` -> `plan.stage.previous`."""
    name, _, arguments = command.action.partition("(")
    parts = [scope, name]
    for argument in arguments.rstrip(")").split(","):
        word = argument.strip().strip("'\"")
        if word.lstrip("-").isdigit():
            word = "previous" if word.startswith("-") else "next"
        if word:
            parts.append(word)
    return ".".join(parts)


def bindings(commands: Iterable[Command], scope: str | None = None) -> list[BindingType]:
    """Textual bindings for commands, each with its command's id.

    The scope defaults to the class whose body calls this (every screen declares
    `BINDINGS = bindings(COMMANDS_LIST)` in its class body, where the calling frame's code is
    named after the class), so a screen needs no second place to say who it is.
    """
    scope = scope or scope_of(sys._getframe(1).f_code.co_name)
    return [
        Binding(
            c.key,
            c.action,
            c.title,
            show=c.show,
            priority=c.priority,
            key_display=c.key_display,
            tooltip=c.help,
            id=command_id(scope, c),
        )
        for c in commands
    ]


def key_problem(key: str) -> str | None:
    """Why `key` is not a key Textual can bind (`ctrl+jj`, `hyper+`), or None when it is."""
    *modifiers, last = key.strip().split("+")
    for modifier in modifiers:
        if modifier not in MODIFIERS:
            return f"{modifier!r} is not a modifier (use ctrl, shift, alt, meta, super, hyper)"
    if (len(last) == 1 and last.isprintable() and not last.isspace()) or last in _NAMED_KEYS:
        return None
    if last and key_to_character(last) is not None:  # a character's name: question_mark
        return None
    return (
        f"{key.strip() or 'an empty key'!r} is not a key name (try ctrl+j, f6, x or question_mark)"
    )


def check_keymap(
    wanted: Iterable[tuple[str, str]], known: Iterable[str] | None = None
) -> tuple[dict[str, str], list[str]]:
    """The usable part of a `[keys]` table as a Textual keymap (keys normalised, as Textual
    stores them), and a sentence for each entry left out: an unknown key name, or an id no
    command has (checked only when `known` ids are given). A left-out entry keeps its default."""
    ids = None if known is None else set(known)
    keymap: dict[str, str] = {}
    problems: list[str] = []
    for command, keys in wanted:
        if ids is not None and command not in ids:
            problems.append(f"{command}: no command has this id; see the keys table in the README")
            continue
        bad = [problem for key in keys.split(",") if (problem := key_problem(key))]
        if bad:
            problems.append(f"{command}: {bad[0]}; the default key is kept")
            continue
        keymap[command] = _normalize_key_list(keys)
    return keymap, problems


def effective(command: Command, scope: str, keymap: Mapping[str, str]) -> Command:
    """The command with the keys that run it now: its keymap entry, when it has one."""
    keys = keymap.get(command_id(scope, command))
    return command if keys is None else command._replace(key=keys, key_display=None)
