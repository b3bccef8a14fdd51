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


def _save_persona(name: str) -> None:
    from mlroute.answers import load_answers
    from mlroute.store import Progress, ProgressStore, set_answers

    answers = load_answers(PERSONAS / f"{name}.toml").model_dump()
    answers.pop("schema_version")
    store = ProgressStore()
    store.load()
    store.save(set_answers(Progress(), answers))


async def _shot(name: str, mode: str, drive: Drive, persona: str | None = None) -> Path:
    from mlroute.session import load_session
    from mlroute.tui.app import make_app

    with tempfile.TemporaryDirectory() as tmp:
        _isolate(Path(tmp))
        if persona:
            _save_persona(persona)
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


SHOTS: dict[str, tuple[str, Drive, str | None]] = {
    "questionnaire": ("advisor", _mid_questionnaire, None),
    "recommendation-courses": ("advisor", _nothing, "engineer-courses"),
    "recommendation-degree": ("advisor", _nothing, "defense-degree"),
    "what-if": ("advisor", _what_if, "defense-degree"),
}
"""Every screenshot: (start mode, how to drive the app there, persona saved beforehand)."""


async def main(names: list[str]) -> None:
    OUT.mkdir(exist_ok=True)
    for name in names or list(SHOTS):
        mode, drive, persona = SHOTS[name]
        path = await _shot(name, mode, drive, persona)
        print(f"wrote {path.relative_to(ROOT)}")


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1:]))
