"""Print the README's key tables from the commands the screens declare.

    python scripts/keys_table.py

The README's "Keys" section is this output; a test keeps the two equal.
"""

from __future__ import annotations

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


def _row(keys: str, title: str, help_text: str) -> str:
    keys = keys.replace("|", "\\|")
    return f"| {keys} | {title} | {help_text} |"


def keys_markdown() -> str:
    """The Markdown tables, one per screen, then the modes and the app-wide keys."""
    from mlroute.tui.app import MODE_COMMANDS, MLRouteApp
    from mlroute.tui.widgets.markdown_view import MarkdownView

    lines: list[str] = []
    sections = []
    for heading, module, name in SCREENS:
        screen = getattr(import_module(f"mlroute.tui.screens.{module}"), name)
        sections.append((heading, screen.COMMANDS_LIST))
    sections.append((MarkdownView.HELP_HEADING, MarkdownView.COMMANDS_LIST))
    sections.append(("Modes", tuple(MODE_COMMANDS.values())))
    sections.append(("Everywhere", MLRouteApp.COMMANDS_LIST))
    for heading, commands in sections:
        lines += [f"**{heading}**", "", "| Keys | Command | What it does |", "|---|---|---|"]
        lines += [_row(c.keys_label, c.title, c.help) for c in commands]
        if heading == "Everywhere":
            lines.append(_row("Ctrl+P", "Palette", "Find and run any command by name"))
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


if __name__ == "__main__":
    print(keys_markdown(), end="")
