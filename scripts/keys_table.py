"""Print the README's key tables from the commands the screens declare.

    python scripts/keys_table.py            # the defaults: the README's "Keys" section
    python scripts/keys_table.py --mine     # with your settings.toml [keys] applied

The README's "Keys" section is the first output; a test keeps the two equal. Each row gives
the command's id, the name to use in the `[keys]` table of settings.toml.
"""

from __future__ import annotations

import sys
from collections.abc import Mapping
from importlib import import_module

SCREENS = (
    ("Questionnaire", "advisor", "AdvisorScreen"),
    ("Recommendation", "recommendation", "RecommendationScreen"),
    ("Plan", "plan", "PlanScreen"),
    ("Catalog", "catalog", "CatalogScreen"),
    ("Compare programs", "catalog", "CompareScreen"),
    ("FAQ and guide", "faq", "FaqScreen"),
)
"""Each section of the table: heading, module under mlroute.tui.screens, class."""


def _row(keys: str, title: str, command_id: str, help_text: str) -> str:
    keys = keys.replace("|", "\\|")
    shown_id = f"`{command_id}`" if command_id else ""
    return f"| {keys} | {title} | {shown_id} | {help_text} |"


def keys_markdown(keymap: Mapping[str, str] | None = None) -> str:
    """The Markdown tables, one per screen, then the modes and the app-wide keys; with a
    keymap (command id -> keys), the keys it remaps are shown as remapped."""
    from mlroute.tui.app import MODE_COMMANDS, MLRouteApp
    from mlroute.tui.commands import command_id, effective, scope_of
    from mlroute.tui.widgets.markdown_view import MarkdownView

    lines: list[str] = []
    sections = []
    for heading, module, name in SCREENS:
        screen = getattr(import_module(f"mlroute.tui.screens.{module}"), name)
        sections.append((heading, screen, screen.COMMANDS_LIST))
    sections.append((MarkdownView.HELP_HEADING, MarkdownView, MarkdownView.COMMANDS_LIST))
    sections.append(("Modes", MLRouteApp, tuple(MODE_COMMANDS.values())))
    sections.append(("Everywhere", MLRouteApp, MLRouteApp.COMMANDS_LIST))
    header = ["| Keys | Command | Id | What it does |", "|---|---|---|---|"]
    for heading, owner, commands in sections:
        scope = scope_of(owner)
        lines += [f"**{heading}**", "", *header]
        for command in commands:
            shown = effective(command, scope, keymap or {})
            lines.append(
                _row(shown.keys_label, shown.title, command_id(scope, command), shown.help)
            )
        if heading == "Everywhere":
            lines.append(_row("Ctrl+P", "Palette", "", "Find and run any command by name"))
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def _mine() -> dict[str, str]:
    """The user's `[keys]` table, checked as the app checks it; problems go to stderr."""
    from mlroute.settings import load_settings
    from mlroute.tui.app import command_ids
    from mlroute.tui.commands import check_keymap

    settings = load_settings()
    keymap, problems = check_keymap(settings.keys, command_ids())
    for problem in [*settings.problems, *problems]:
        print(problem, file=sys.stderr)
    return keymap


if __name__ == "__main__":
    print(keys_markdown(_mine() if "--mine" in sys.argv[1:] else None), end="")
