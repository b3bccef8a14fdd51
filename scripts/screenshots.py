"""Regenerate screenshots/*.svg from the real app, with a fixed persona and data dir, 100x32.

    python scripts/screenshots.py          (or: make screenshots)

Each shot drives the app with Pilot as a person would, then exports the screen.
"""

from __future__ import annotations

import asyncio
import os
import sys
import tempfile
from collections.abc import Awaitable, Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "screenshots"
SIZE = (100, 32)
PERSONAS = ROOT / "tests" / "fixtures" / "answers"

Drive = Callable[[object], Awaitable[None]]


def _isolate(tmp: Path) -> None:
    for name in ("DATA", "CONFIG", "CACHE"):
        os.environ[f"MLROUTE_{name}_DIR"] = str(tmp / name.lower())


def _save_persona(name: str, half_done: bool = False) -> None:
    """Save a persona's answers; with `half_done`, also a course plan a few weeks under way."""
    from datetime import datetime, timedelta

    from mlroute.answers import load_answers
    from mlroute.store import (
        Progress,
        ProgressStore,
        choose,
        set_answers,
        set_note,
        set_pace,
        set_status,
    )

    answers = load_answers(PERSONAS / f"{name}.toml").model_dump()
    answers.pop("schema_version")
    progress = set_answers(Progress(), answers)
    if half_done:
        progress = set_pace(choose(progress, "courses"), answers["hours_per_week"])
        start = datetime.now().astimezone().replace(microsecond=0) - timedelta(days=60)
        ticks = [
            ("course-imperial-multivariate-calculus", "done", 5, "the chain rule, at last"),
            ("calculus", "done", 6, ""),
            ("course-ml-regression", "done", 25, ""),
            ("course-ml-classification", "done", 41, "did the boosting notebook twice"),
            ("course-cluster-analysis-python", "in-progress", 50, "week 2 of 3"),
            ("course-ml-clustering-retrieval", "skipped", 52, "covered at work"),
        ]
        for item_id, status, day, note in ticks:
            when = start + timedelta(days=day)
            progress = set_status(progress, item_id, status, when=when)  # type: ignore[arg-type]
            if note:
                progress = set_note(progress, item_id, note, when=when)
    store = ProgressStore()
    store.load()
    store.save(progress)


async def _shot(name: str, mode: str, drive: Drive, persona: str | None = None) -> Path:
    from mlroute.session import load_session
    from mlroute.tui.app import make_app

    with tempfile.TemporaryDirectory() as tmp:
        _isolate(Path(tmp))
        if persona:
            _save_persona(persona.removesuffix("+half-done"), persona.endswith("+half-done"))
        app = make_app(start_mode=mode, session_loader=load_session)
        async with app.run_test(size=SIZE) as pilot:
            while app.session is None:
                await app.workers.wait_for_complete()
                await pilot.pause()
            await pilot.pause()
            await drive(pilot)
            await app.workers.wait_for_complete()
            await pilot.pause()
            path = OUT / f"{name}.svg"
            path.write_text(app.export_screenshot(title=f"mlroute: {name}"))
    return path


async def _nothing(pilot: object) -> None:
    return None


async def _mid_questionnaire(pilot: object) -> None:
    from textual.pilot import Pilot

    assert isinstance(pilot, Pilot)
    for _ in range(3):
        await pilot.press("enter")
        await pilot.pause()


async def _what_if(pilot: object) -> None:
    from textual.pilot import Pilot

    from mlroute.questions import QUESTIONS
    from mlroute.tui.widgets.whatif import WhatIfPanel

    assert isinstance(pilot, Pilot)
    panel = pilot.app.screen.query_one(WhatIfPanel)
    panel.focus()
    panel.highlighted = [q.field for q in QUESTIONS].index("credential_required")
    await pilot.press("right")
    await pilot.pause()


async def _type(pilot: object, text: str) -> None:
    """Type into the screen's search box from scratch, a key at a time."""
    from textual.pilot import Pilot
    from textual.widgets import Input

    assert isinstance(pilot, Pilot)
    pilot.app.screen.query_one(Input).focus()
    await pilot.press("ctrl+a", "ctrl+k", *("space" if c == " " else c for c in text))
    await pilot.pause()


async def _catalog_search(pilot: object) -> None:
    await _type(pilot, "learning python")


async def _course_detail(pilot: object) -> None:
    from textual.pilot import Pilot

    assert isinstance(pilot, Pilot)
    await _type(pilot, "classification")
    await pilot.press("down")
    await pilot.pause()


async def _comparison(pilot: object) -> None:
    from textual.pilot import Pilot

    assert isinstance(pilot, Pilot)
    await pilot.press("down", "m", "down", "m", "down", "m", "c")
    await pilot.pause()


async def _faq_reader(pilot: object) -> None:
    from textual.pilot import Pilot

    assert isinstance(pilot, Pilot)
    await _type(pilot, "how long does it take")
    await pilot.press("down", "enter")
    await pilot.pause()


SHOTS: dict[str, tuple[str, Drive, str | None]] = {
    "questionnaire": ("advisor", _mid_questionnaire, None),
    "recommendation-courses": ("advisor", _nothing, "engineer-courses"),
    "recommendation-degree": ("advisor", _nothing, "defense-degree"),
    "what-if": ("advisor", _what_if, "defense-degree"),
    "plan-half-done": ("plan", _nothing, "engineer-courses+half-done"),
    "catalog-search": ("catalog", _catalog_search, "engineer-courses"),
    "course-detail": ("catalog", _course_detail, "engineer-courses"),
    "program-comparison": ("catalog", _comparison, "engineer-courses"),
    "faq-reader": ("faq", _faq_reader, None),
}
"""Every screenshot: (start mode, how to drive the app there, persona saved beforehand)."""


BROWSER_SHOT = "browser-recommendation"
"""The recommendation in a web browser (`mlroute serve` in headless Chromium), as a PNG."""


def _browser_shot() -> Path | None:
    """The engineer's recommendation as the browser shows it; None (said why) without one."""
    sys.path.insert(0, str(ROOT))
    from tests.e2e.browser import AppPage, Served, chromium, why_no_browser

    reason = why_no_browser()
    if reason is not None:
        print(f"skipped {BROWSER_SHOT}: {reason}")
        return None
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp:
        _isolate(Path(tmp))
        _save_persona("engineer-courses")
        server = Served(dict(os.environ))
        try:
            server.wait_listening()
            with sync_playwright() as playwright, chromium(playwright) as browser:
                page = AppPage(browser.new_page())
                page.open(server.url)
                page.wait_for("Why: the factors")
                page.wait_for("Georgia Tech OMSCS")  # the programs table, the last to fill
                page.painted()
                path = OUT / f"{BROWSER_SHOT}.png"
                page.page.screenshot(path=str(path))
            server.interrupt()
        finally:
            server.close()
    return path


async def main(names: list[str]) -> None:
    OUT.mkdir(exist_ok=True)
    for name in names or list(SHOTS):
        mode, drive, persona = SHOTS[name]
        path = await _shot(name, mode, drive, persona)
        print(f"wrote {path.relative_to(ROOT)}")


if __name__ == "__main__":
    wanted = sys.argv[1:] or [*SHOTS, BROWSER_SHOT]
    if terminal := [name for name in wanted if name != BROWSER_SHOT]:
        asyncio.run(main(terminal))
    # Outside the event loop: Playwright's sync API refuses to run inside one.
    if BROWSER_SHOT in wanted and (made := _browser_shot()) is not None:
        print(f"wrote {made.relative_to(ROOT)}")
