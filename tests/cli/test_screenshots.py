"""Every screen the README promises has a screenshot made by scripts/screenshots.py."""

from __future__ import annotations

from pathlib import Path

from .helpers import load_script

ROOT = Path(__file__).resolve().parents[2]

REQUIRED = (
    "questionnaire",
    "recommendation-courses",
    "recommendation-degree",
    "what-if",
    "catalog-search",
    "course-detail",
    "program-comparison",
    "faq-reader",
    "plan-half-done",
)
"""The screens issue 8 lists, by screenshot name."""


def test_the_script_makes_every_required_screenshot() -> None:
    assert set(REQUIRED) <= set(load_script("screenshots").SHOTS)


def test_every_required_screenshot_exists_and_is_an_svg_of_the_app() -> None:
    for name in REQUIRED:
        path = ROOT / "screenshots" / f"{name}.svg"
        assert path.is_file(), f"{path} is missing: run `make screenshots`"
        text = path.read_text()
        assert text.startswith("<svg") and f"mlroute:&#160;{name}" in text
