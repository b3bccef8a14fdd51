"""WCAG AA contrast of the light theme: every colour pair the app's stylesheets draw text with.

Each pair is resolved through Textual's own `ColorSystem` (`Theme.to_color_system().generate()`)
and measured with WCAG 2's relative luminance and contrast ratio. Text must reach 4.5:1 (AA for
normal text: a terminal's bold is not "large"); borders and bars, which are not text, 3:1 (WCAG
1.4.11, non-text contrast). Left out on purpose: `$text-disabled` (disabled controls, which WCAG
exempts), the footer's dimmed keys (disabled too) and `$primary-muted` frames and the rule line
(decoration, marking no state).
"""

from __future__ import annotations

from typing import NamedTuple

import pytest
from textual.color import Color
from textual.theme import BUILTIN_THEMES, Theme

from mlroute.tui.app import make_app
from mlroute.tui.themes import LIGHT, theme_named


class Pair(NamedTuple):
    """One foreground on one background, as some rule of the app's CSS draws it."""

    foreground: str
    """A theme variable, or `auto N%` (Textual's contrasting text at N% alpha)."""
    background: str
    """Theme variables painted one over the other, bottom first, joined by `+`."""
    where: str
    """Which rule draws it (so a failure says what to look at)."""
    minimum: float = 4.5
    """4.5 for text; 3.0 for what is not text (a focused border, a chart's bars)."""


TEXT = 4.5
NOT_TEXT = 3.0

PAIRS = [
    Pair("foreground", "background", "body text (Screen)"),
    Pair("text", "background", "text, catalog border titles"),
    Pair("text", "surface", "list rows: plan to-do items, catalog, questions, choices"),
    Pair("foreground", "panel", "the title bar"),
    Pair("text-muted", "background", ".muted, the question's why and hint"),
    Pair("text-muted", "surface", "muted rows, the help footer, placeholders (app.tcss)"),
    Pair("accent", "background", ".section-title, the catalog list's subtitle"),
    Pair("accent", "surface", "catalog matches and marks"),
    Pair("accent", "surface+boost", "the plan's stage rows"),
    Pair("error", "background", ".error, a refused answer in the questionnaire"),
    Pair("error", "surface", "the plan's warnings"),
    Pair("success", "surface", "the plan's done items"),
    Pair("warning", "surface", "the plan's items in progress"),
    Pair("block-cursor-foreground", "block-cursor-background", "the highlighted row"),
    Pair("foreground", "surface+block-cursor-blurred-background", "a blurred highlighted row"),
    Pair("footer-key-foreground", "footer-background", "the footer's keys"),
    Pair("footer-description-foreground", "footer-background", "the footer's descriptions"),
    Pair("link-color", "surface", "a link in the FAQ reader"),
    Pair("link-color-hover", "link-background-hover", "the picked link"),
    Pair("markdown-h1-color", "surface", "headings in the reader (h1 to h3)"),
    Pair("text-accent", "surface+boost", "code in the reader"),
    Pair("primary", "surface", "quotes in the reader"),
    Pair("text-primary", "surface", "bullets in the reader"),
    Pair("foreground", "panel-lighten-1", "a notification's text"),
    Pair("text-error", "panel-lighten-1", "an error notification's title"),
    Pair("text-warning", "panel-lighten-1", "a warning notification's title"),
    Pair("text-success", "panel-lighten-1", "a notification's title"),
    Pair("border", "background", "a focused widget's border", NOT_TEXT),
    Pair("primary", "background", "the factor chart's degree bars", NOT_TEXT),
    Pair("accent", "background", "the factor chart's course bars", NOT_TEXT),
]
"""Every pair the app's stylesheets (app.tcss, screens/*.tcss, the widgets' DEFAULT_CSS) and
the Textual widgets it uses draw text or state with."""


def luminance(color: Color) -> float:
    """WCAG 2 relative luminance of an opaque colour."""

    def linear(channel: int) -> float:
        value = channel / 255
        return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4

    return 0.2126 * linear(color.r) + 0.7152 * linear(color.g) + 0.0722 * linear(color.b)


def contrast(one: Color, other: Color) -> float:
    """WCAG 2 contrast ratio, 1 to 21."""
    lighter, darker = sorted((luminance(one), luminance(other)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def resolve(theme: Theme, pair: Pair) -> tuple[Color, Color]:
    """The pair's two opaque colours, as Textual paints them: translucent layers composited
    over what is under them, `auto` text contrasting with its background."""
    variables = theme.to_color_system().generate()
    background = Color.parse(variables["background"])  # the screen, under everything
    for layer in pair.background.split("+"):
        background += Color.parse(variables[layer])
    value = variables[pair.foreground]
    if value.startswith("auto"):
        alpha = float(value.split()[1].rstrip("%")) / 100 if " " in value else 1.0
        return background + background.get_contrast_text(alpha), background
    return background + Color.parse(value), background


def ratios(theme: Theme) -> dict[Pair, float]:
    """Each pair's contrast ratio in `theme`."""
    return {pair: contrast(*resolve(theme, pair)) for pair in PAIRS}


def test_the_contrast_formula_matches_wcags_reference_values() -> None:
    assert contrast(Color.parse("#000000"), Color.parse("#FFFFFF")) == pytest.approx(21.0)
    assert contrast(Color.parse("#777777"), Color.parse("#FFFFFF")) == pytest.approx(4.48, 0.01)
    assert contrast(Color.parse("#767676"), Color.parse("#FFFFFF")) == pytest.approx(4.54, 0.01)


@pytest.mark.parametrize("pair", PAIRS, ids=[f"{p.foreground} on {p.background}" for p in PAIRS])
def test_the_light_theme_meets_wcag_aa(pair: Pair) -> None:
    ratio = contrast(*resolve(LIGHT, pair))
    assert ratio >= pair.minimum, f"{pair.where}: {ratio:.2f}:1, needs {pair.minimum}:1"


def test_textual_light_fails_where_ours_passes() -> None:
    """What mlroute-light fixes: Textual's light theme is under AA for the app's headings,
    ticks, in-progress marks, errors and footer keys."""
    textual = ratios(BUILTIN_THEMES["textual-light"])
    failing = {pair.where for pair, ratio in textual.items() if ratio < pair.minimum}
    assert {
        ".section-title, the catalog list's subtitle",
        "the plan's done items",
        "the plan's items in progress",
        "the plan's warnings",
        "the footer's keys",
    } <= failing
    assert all(ratio >= pair.minimum for pair, ratio in ratios(LIGHT).items())


def test_the_app_offers_its_light_theme_in_place_of_textuals(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("TEXTUAL_THEME", "textual-light")
    app = make_app()
    assert "mlroute-light" in app.available_themes
    assert "textual-light" not in app.available_themes
    assert app.theme == "mlroute-light" == theme_named("textual-light")
    assert theme_named("nord") == "nord"
