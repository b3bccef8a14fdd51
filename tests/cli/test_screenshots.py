"""Every screen the README promises has a screenshot made by scripts/screenshots.py."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

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


def load_script(name: str) -> ModuleType:
    """Import a script from scripts/ by its path."""
    spec = importlib.util.spec_from_file_location(name, ROOT / "scripts" / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_script_makes_every_required_screenshot() -> None:
    assert set(REQUIRED) <= set(load_script("screenshots").SHOTS)


def test_every_required_screenshot_exists_and_is_an_svg_of_the_app() -> None:
    for name in REQUIRED:
        path = ROOT / "screenshots" / f"{name}.svg"
        assert path.is_file(), f"{path} is missing: run `make screenshots`"
        text = path.read_text()
        assert text.startswith("<svg") and f"mlroute:&#160;{name}" in text
