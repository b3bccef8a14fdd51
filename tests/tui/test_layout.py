"""The layout at 80x24 and 100x30: the footer keeps each screen's needed keys, labels are whole."""

from __future__ import annotations

import io
from typing import Any

import pytest
from rich.console import Console
from textual.app import App
from textual.pilot import Pilot

from mlroute.session import load_session
from mlroute.tui.app import make_app
from mlroute.tui.screens.help import HelpScreen
from mlroute.tui.screens.plan import PlanScreen
from mlroute.tui.screens.recommendation import RecommendationScreen
from mlroute.tui.widgets.keybar import KeyBar
from mlroute.tui.widgets.plan_list import PlanList
from mlroute.tui.widgets.whatif import WhatIfPanel

from .helpers import app, loaded, persona, save_answers

SIZES = [(80, 24), (100, 30)]
"""The smallest terminal we support, and a common narrow split."""


def screen_rows(app: App[Any]) -> list[str]:
    """The terminal's rows as text, from the compositor (private): what is written out."""
    width, height = app.size
    console = Console(width=width, height=height, file=io.StringIO(), record=True)
    console.print(app.screen._compositor.render_update(full=True))
    return console.export_text(styles=False).splitlines()


def footer(pilot: Pilot[None]) -> str:
    """The footer's line as drawn."""
    return str(pilot.app.screen.query_one(KeyBar).render())


async def open_recommendation(pilot: Pilot[None]) -> RecommendationScreen:
    await loaded(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, RecommendationScreen), screen
    return screen


@pytest.mark.parametrize("size", SIZES)
async def test_the_recommendation_and_the_plan_footers_keep_export_and_swap(
    size: tuple[int, int],
) -> None:
    save_answers(persona("engineer-courses"))
    the_app = app()
    async with the_app.run_test(size=size) as pilot:
        await open_recommendation(pilot)
        line = footer(pilot)
        for key in ("u Use this plan", "e Export", "esc Answers", "? Help", "^q Quit"):
            assert key in line, (key, line)
        assert len(line) <= size[0]
        await pilot.press("u")  # choose the course path: the plan opens
        await the_app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(the_app.screen, PlanScreen), the_app.screen
        line = footer(pilot)
        for key in ("space Done", "n Note", "u Undo", "e Export", "c Swap", "? Help", "^q Quit"):
            assert key in line, (key, line)
        assert len(line) <= size[0]


@pytest.mark.parametrize("size", SIZES)
async def test_every_what_if_answer_shows_whole(size: tuple[int, int]) -> None:
    """A value too long beside its name goes under it rather than being cut ("10 hours a w…")."""
    save_answers(persona("engineer-courses"))
    async with app().run_test(size=size) as pilot:
        screen = await open_recommendation(pilot)
        panel = screen.query_one(WhatIfPanel)
        prompts = [str(panel.get_option_at_index(i).prompt) for i in range(panel.option_count)]
        assert not [prompt for prompt in prompts if "…" in prompt]
        assert any("◀ 10 hours a week ▶" in prompt for prompt in prompts)


async def test_help_wraps_a_long_line_under_its_description_not_under_the_keys() -> None:
    save_answers(persona("engineer-courses"))
    the_app = app()
    async with the_app.run_test(size=(80, 24)) as pilot:
        await open_recommendation(pilot)
        await pilot.press("u")
        await the_app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("question_mark")
        await pilot.pause()
        help_screen = the_app.screen
        assert isinstance(help_screen, HelpScreen)
        body = help_screen.query_one("#help-body").region
        inside = [row[body.x + 1 : body.right - 1] for row in screen_rows(the_app)]
        swap = next(i for i, row in enumerate(inside) if "Swap: Choose another option" in row)
        column = inside[swap].index("Swap:")
        follow_on = inside[swap + 1]  # the line is longer than the box: it wraps
        assert follow_on[:column].strip() == "", follow_on
        assert "(progress is kept)" in follow_on[column:], follow_on


@pytest.mark.parametrize("size", SIZES)
async def test_the_catalogs_search_prompt_and_menus_read_whole(size: tuple[int, int]) -> None:
    """At 80 columns the placeholder read "Search titles, providers," and a menu "Any provid…"."""
    the_app = make_app(start_mode="catalog", session_loader=load_session)
    async with the_app.run_test(size=size) as pilot:
        await loaded(pilot)
        rows = screen_rows(the_app)
        search_row = next(row for row in rows if "Any fit" in row)
        assert "Search (↓ to the list)" in search_row
        assert "Any date" in search_row and "Stage order" in search_row
        menus = next(row for row in rows if "Any kind" in row)
        for prompt in ("Any stage", "Any provider", "Any cost", "Any hours"):
            assert prompt in menus, menus
        assert "…" not in search_row + menus


@pytest.mark.parametrize("size", SIZES)
async def test_the_plans_stage_headings_keep_their_whole_titles(size: tuple[int, int]) -> None:
    """A long stage title drops the heading's bar, then its hours done, before it is cut
    ("3. Applied implementation and production skil…" at 100 columns)."""
    save_answers(persona("engineer-courses"))
    the_app = app()
    async with the_app.run_test(size=size) as pilot:
        await open_recommendation(pilot)
        await pilot.press("u")
        await the_app.workers.wait_for_complete()
        await pilot.pause()
        screen = the_app.screen
        assert isinstance(screen, PlanScreen) and screen.plan is not None
        plan_list = screen.query_one(PlanList)
        width = plan_list.scrollable_content_region.width
        headings = [
            str(plan_list.line_text(line, width))
            for line, row in enumerate(plan_list.rows)
            if row.kind == "stage"
        ]
        assert len(headings) == len(screen.plan.stages)
        for stage, heading in zip(screen.plan.stages, headings, strict=True):
            assert stage.title in heading, heading
            assert " left" in heading or "optional" in heading or "✓" in heading, heading
