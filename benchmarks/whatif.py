"""The live what-if: from a changed answer to the verdict, bars and flip updated on screen.

Measures in a headless `run_test` at 100x32, medians over N key presses:
(a) the handler: re-scoring (verdict, factors, programs; the flip search follows in a worker)
    and updating the widgets;
(b) the key to the next painted frame (the screen's compositor refresh after the change).
Targets (issue 5): (a) under 5 ms; (b) within a frame or two of Textual's own pacing (60 Hz).

    python benchmarks/whatif.py [--presses N]
"""

from __future__ import annotations

import asyncio
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


async def measure(presses: int) -> None:
    from mlroute.answers import load_answers
    from mlroute.questions import QUESTIONS
    from mlroute.session import load_session
    from mlroute.store import Progress, ProgressStore, set_answers
    from mlroute.tui.app import make_app
    from mlroute.tui.screens.recommendation import RecommendationScreen
    from mlroute.tui.widgets.whatif import WhatIfPanel

    answers = load_answers(ROOT / "tests/fixtures/answers/defense-degree.toml").model_dump()
    answers.pop("schema_version")
    store = ProgressStore()
    store.load()
    store.save(set_answers(Progress(), answers))

    app = make_app(session_loader=load_session)
    async with app.run_test(size=(100, 32)) as pilot:
        while not isinstance(app.screen, RecommendationScreen):
            await app.workers.wait_for_complete()
            await pilot.pause()
        screen = app.screen
        panel = screen.query_one(WhatIfPanel)
        panel.focus()
        panel.highlighted = [q.field for q in QUESTIONS].index("budget_usd")
        await pilot.pause()

        handler: list[float] = []
        frame: list[float] = []
        values = [5000, 10000, 20000]
        for index in range(presses):
            event = WhatIfPanel.Changed("budget_usd", values[index % 3])
            start = time.perf_counter()
            screen._what_if(event)  # what the panel's message runs: re-score, update widgets
            handler.append((time.perf_counter() - start) * 1000)
        await pilot.pause()

        original_refresh = screen._compositor_refresh
        painted: list[float] = []

        def timed_refresh() -> None:
            original_refresh()
            painted.append(time.perf_counter())

        screen._compositor_refresh = timed_refresh  # type: ignore[method-assign]
        for index in range(presses):
            await pilot.pause()
            painted.clear()
            pressed = time.perf_counter()
            await pilot.press("right" if index % 2 == 0 else "left")
            while not painted:
                await asyncio.sleep(0.0005)
            frame.append((painted[0] - pressed) * 1000)
        print(f"what-if over {presses} key presses (budget up and down), medians:")
        print(
            f"  (a) re-score + widgets updated: {statistics.median(handler):6.2f} ms "
            "(target < 5 ms)"
        )
        print(
            f"  (b) key to next painted frame:  {statistics.median(frame):6.2f} ms "
            "(one 60 Hz frame = 16.7 ms)"
        )


def main() -> None:
    presses = int(sys.argv[sys.argv.index("--presses") + 1]) if "--presses" in sys.argv else 40
    with tempfile.TemporaryDirectory() as tmp:
        for name in ("DATA", "CONFIG", "CACHE"):
            os.environ[f"MLROUTE_{name}_DIR"] = str(Path(tmp) / name.lower())
        asyncio.run(measure(presses))


if __name__ == "__main__":
    main()
