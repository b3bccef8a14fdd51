"""SVG snapshots of the Catalog and FAQ modes at 100x32 (and the catalog at 80x24)."""

from __future__ import annotations

from pathlib import Path

from textual.pilot import Pilot

from mlroute.questions import Value
from mlroute.store import Status
from tests.tui.catalog_helpers import (
    TODAY,
    FakeSession,
    bundled,
    catalog_app,
    ready,
    settle,
    type_query,
)
from tests.tui.faq_helpers import follow
from tests.tui.faq_helpers import ready as faq_ready

from .conftest import Snapshot

SIZE = (100, 32)
ANSWERS: dict[str, Value] = {"budget_usd": 5000, "hours_per_week": 8, "months_to_goal": 12}
PROGRESS: dict[str, Status] = {
    "course-ml-regression": "done",
    "course-mit-18-06": "done",
    "course-python-for-everybody": "in-progress",
    "course-ml-classification": "todo",
}


def session() -> FakeSession:
    return FakeSession(bundled(), answers=ANSWERS, statuses=PROGRESS)


async def to_list(pilot: Pilot[None]) -> None:
    """Move focus to the results, so no blinking cursor makes the picture flaky."""
    await pilot.press("down")
    await settle(pilot)


async def test_catalog_search(snapshot: Snapshot, tmp_path: Path) -> None:
    """ "machine" typed: "Catalog · 8 of 27" on the list border, title matches first with
    "Machine" highlighted in each, ✓ beside the done regression course and ○ beside the
    to-do classification course, the kind/hours/cost column, and the top row's detail."""
    app = catalog_app(session(), tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await type_query(pilot, "machine")
        await to_list(pilot)
        snapshot(app, "catalog-search")


async def test_catalog_search_narrow(snapshot: Snapshot, tmp_path: Path) -> None:
    """The same search at 80x24: facets still on one line each, rows keep their kind column,
    the detail pane narrower but readable, the footer's keys for the list."""
    app = catalog_app(session(), tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        await type_query(pilot, "machine")
        await to_list(pilot)
        snapshot(app, "catalog-search-80x24")


async def test_course_detail(snapshot: Snapshot, tmp_path: Path) -> None:
    """Machine Learning: Classification in the detail pane: "Course · University of
    Washington (Coursera)", "○ to do", "25–50 h (estimate), about 4–7 weeks at your pace of
    8 h a week", its stage as a link, then the prerequisites with "✓ met" (regression, done)
    and "✗ not yet" (probability), "1 of 2 met"; ○ and ✓ marks in the list beside it."""
    app = catalog_app(session(), tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        await type_query(pilot, "classification")
        await to_list(pilot)
        assert screen.current == "course-ml-classification"
        snapshot(app, "catalog-course-detail")


async def test_program_comparison(snapshot: Snapshot, tmp_path: Path) -> None:
    """OMSCS and CMU side by side: one column each under their titles, rows for what it is,
    cost ($7,000–$10,000 vs $20,000+), duration, admission, strengths; Esc closes."""
    app = catalog_app(session(), tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await to_list(pilot)
        await pilot.press("m", "down", "m", "c")
        await settle(pilot)
        snapshot(app, "catalog-compare")


async def test_faq_answer(snapshot: Snapshot, tmp_path: Path) -> None:
    """The cheapest-program answer in the reader: the question as the heading, the answer
    with bold figures and its bullet list, "OMSCS" as a link to the catalog entry; the list
    of questions (?) and articles (§) on the left; Back/Forward/Contents in the footer."""
    app = catalog_app(session(), tmp_path, mode="faq")
    async with app.run_test(size=SIZE) as pilot:
        screen = await faq_ready(pilot)
        screen.today = TODAY
        screen.query_one("#faq-list").focus()
        await follow(pilot, screen, "#faq-cheapest")
        snapshot(app, "faq-answer")


async def test_faq_long_article(snapshot: Snapshot, tmp_path: Path) -> None:
    """A long guide article with its table of contents beside it (Credential signaling,
    Structured depth, Research exposure, ...), the article's title and first section."""
    app = catalog_app(session(), tmp_path, mode="faq")
    async with app.run_test(size=SIZE) as pilot:
        screen = await faq_ready(pilot)
        screen.today = TODAY
        screen.query_one("#faq-list").focus()
        await follow(pilot, screen, "#article-what-a-degree-gives")
        snapshot(app, "faq-article")
