"""mlroute's own light theme, whose text meets WCAG AA contrast, in place of Textual's light one.

Textual's `textual-light` draws the app's orange headings, its ticks and its in-progress marks
at 1.4 to 1.6:1 on its grey background, its errors at 3.8:1 and its footer keys at 2.9:1 (WCAG
AA asks 4.5:1 of text). `mlroute-light` keeps its look (the same blue, a lighter grey) with
colours dark enough for text on every background the app puts them on; tests/unit/
test_theme_contrast.py computes each pair. It replaces `textual-light` in the theme picker, and
a saved or `TEXTUAL_THEME` choice of `textual-light` opens it.
"""

from __future__ import annotations

from typing import Any

from textual.app import App
from textual.theme import Theme

LIGHT = Theme(
    name="mlroute-light",
    primary="#004578",
    secondary="#005FB3",
    accent="#924E00",
    warning="#875400",
    error="#A8304F",
    success="#00702B",
    foreground="#1F1F1F",
    background="#F6F6F6",
    surface="#EEEEEE",
    panel="#E0E0E0",
    dark=False,
    variables={
        # Textual's light footer draws its keys in its light secondary blue (2.9:1).
        "footer-key-foreground": "#005FB3",
    },
)
"""The light theme: colours chosen for 4.5:1 or more as text on its background, surface and
panel (the title and key bars)."""

REPLACED = {"textual-light": LIGHT.name}
"""Textual's themes that mlroute offers its own in place of, by name."""


def install_themes(app: App[Any]) -> None:
    """Offer mlroute's light theme, and not the Textual theme it replaces."""
    app.register_theme(LIGHT)
    for name in REPLACED:
        app.unregister_theme(name)


def theme_named(name: str) -> str:
    """The theme to use for a saved or asked-for name: ours where we replaced Textual's."""
    return REPLACED.get(name, name)
