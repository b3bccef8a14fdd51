"""Shared helpers for the Plan Pilot tests: progress files written as a past run, the app,
the Plan screen, its rows as drawn, and a small catalog whose stages offer alternatives."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Static

from mlroute import store
from mlroute.catalog import CatalogLoad
from mlroute.catalog.models import (
    Catalog,
    Course,
    CourseCost,
    Foundation,
    HoursRange,
    Stage,
    UsdRange,
)
from mlroute.questions import nest
from mlroute.session import load_session
from mlroute.store import Progress, ProgressStore, choose, set_answers
from mlroute.tui.app import MLRouteApp, make_app
from mlroute.tui.screens.plan import PlanScreen
from mlroute.tui.widgets.plan_list import PlanList

from .helpers import loaded, persona

TODAY = date(2026, 3, 2)
CHOSEN = datetime(2026, 1, 5, 9, tzinfo=UTC)
SIZE = (100, 32)
CALCULUS = "course-imperial-multivariate-calculus"
"""The engineer's only foundation gap's course: in both the course and the degree plan."""

Change = Callable[[Progress], Progress]


def write_progress(*changes: Change, who: str = "engineer-courses") -> None:
    """Save a progress file with a persona's answers and the given changes, as a past run."""
    answers = nest(dict(persona(who)))
    answers.pop("schema_version", None)
    progress = set_answers(Progress(), answers)
    for change in changes:
        progress = change(progress)
    progress_store = ProgressStore()
    progress_store.load()
    progress_store.save(progress)


def courses(progress: Progress) -> Progress:
    """Choose the course path today: the Pilot tests' keypresses record today's date too."""
    return choose(progress, "courses", None)


def courses_in_january(progress: Progress) -> Progress:
    """Choose the course path on a fixed day, for tests that pin today to `TODAY`."""
    return choose(progress, "courses", None, when=CHOSEN)


def plan_app() -> MLRouteApp:
    """The app on the real store and the bundled catalog, opening where a real run would."""
    return make_app(session_loader=load_session)


async def plan_screen(pilot: Pilot[None], today: date | None = None) -> PlanScreen:
    """Wait for the session, open the Plan mode (F4) as a user would, pin the date (None: the
    clock's, for tests whose keypresses record today's date), and return the plan screen."""
    await loaded(pilot)
    await pilot.press("f4")
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, PlanScreen), screen
    screen.today = today
    await pilot.pause()
    return screen


async def settle(pilot: Pilot[None]) -> None:
    """Let the save worker finish and its result reach the screen."""
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def rows(screen: PlanScreen) -> list[str]:
    """The list's lines as on screen."""
    plan_list = screen.query_one(PlanList)
    return [
        plan_list.render_line(y).text for y in range(plan_list.scrollable_content_region.height)
    ]


def row_of(screen: PlanScreen, item_id: str) -> str:
    """The line on screen showing `item_id` (which the cursor moves to)."""
    plan_list = screen.query_one(PlanList)
    assert plan_list.move_to(item_id)
    title = plan_list.highlighted.title if plan_list.highlighted else ""
    return next(line for line in rows(screen) if title[:30] in line)


def text_of(screen: PlanScreen, selector: str) -> str:
    """What the Static at `selector` shows."""
    return str(screen.query_one(selector, Static).render())


def saved() -> Progress:
    """The progress file as another process would read it."""
    return store.read_progress_file(ProgressStore().path)


def capture_notices(monkeypatch: pytest.MonkeyPatch, app: MLRouteApp) -> list[str]:
    """Record every notification as "title: message" (they are still shown)."""
    notices: list[str] = []
    real = app.notify

    def notify(message: str, **kwargs: Any) -> None:
        notices.append(f"{kwargs.get('title', '')}: {message}")
        real(message, **kwargs)

    monkeypatch.setattr(app, "notify", notify)
    return notices


# A catalog with alternatives ---------------------------------------------------------------

S: dict[str, Any] = {"source": "test", "last_verified": date(2026, 11, 25)}
"""The provenance every entry of the small catalog carries."""


def course(cid: str, title: str, stage: str, hours: tuple[int, int], **more: Any) -> Course:
    """A course of the small catalog: free to audit from the Open University unless told."""
    more.setdefault("cost", CourseCost(audit_free=True))
    return Course(
        id=cid,
        title=title,
        provider=more.pop("provider", "Open University"),
        stage=stage,
        hours=HoursRange(min=hours[0], max=hours[1]),
        description="d",
        **more,
        **S,
    )


def alternatives_catalog() -> Catalog:
    """A calculus gap with two courses to choose from, and a modelling stage whose one slot
    offers a paid course, a free one and a short one."""
    paid = CourseCost(audit_free=False, certificate_usd=UsdRange(min=300, max=400))
    courses = (
        course(
            "calc-a",
            "Calculus for Machine Learning",
            "stage-basics",
            (20, 30),
            foundation="calculus",
        ),
        course(
            "calc-b",
            "Multivariable Calculus, the Long Way",
            "stage-basics",
            (80, 120),
            foundation="calculus",
            provider="Big Tech Institute",
        ),
        course(
            "models-deep",
            "Statistical Learning in Depth",
            "stage-models",
            (60, 80),
            slot="models",
            cost=paid,
            provider="Stanford Online",
        ),
        course(
            "models-free",
            "Supervised Learning, Free Edition",
            "stage-models",
            (40, 50),
            slot="models",
        ),
        course(
            "models-short",
            "Models in a Week",
            "stage-models",
            (8, 12),
            slot="models",
            provider="Kaggle",
        ),
        course(
            "ship-it", "Shipping Models", "stage-models", (20, 20), prerequisites=("models-deep",)
        ),
    )
    names: list[tuple[Any, str]] = [
        ("linear_algebra", "Linear algebra"),
        ("probability_statistics", "Probability and statistics"),
        ("calculus", "Calculus"),
        ("python", "Python"),
    ]
    foundations = tuple(
        Foundation(id=fid, title=title, order=n, description="d", why="w", **S)
        for n, (fid, title) in enumerate(names, 1)
    )
    return Catalog(
        foundations=foundations,
        courses=courses,
        stages=(
            Stage(id="stage-basics", order=1, title="Basics", summary="s",
                  courses=("calc-a", "calc-b"), **S),
            Stage(id="stage-models", order=2, title="Models", summary="s",
                  courses=("models-deep", "models-free", "models-short", "ship-it"), **S),
        ),
    )  # fmt: skip


def alternatives_app() -> MLRouteApp:
    """The app on the real store with `alternatives_catalog` in place of the bundled one."""
    catalog = alternatives_catalog()
    return make_app(
        session_loader=lambda: load_session(catalog_loader=lambda: CatalogLoad(catalog=catalog))
    )
