"""From a keypress on a plan item to the updated view and the saved file, with 50 and 2,000 items.

A user with a large overlay catalog: the bundled catalog plus synthetic courses spread over the
five stages, so the engineer persona's course plan holds 50 or 2,000 items, a third of them
already done and a full undo history. The app runs headless at 100x32; each run moves the
cursor to another item (untimed), then sends Space and measures, from the moment the key is
handed to the app:

- handled: the tick action has run (progress changed in memory, tallies and timeline
  recomputed, the widgets told);
- frame: the next frame is composited and handed to the driver (the view updated);
- saved: `Session.flush` has returned in its thread worker (the file is on disk), and how long
  the flush itself took (writing);
- loop lag: the longest the event loop was kept from running a 1 ms timer while the key was
  handled and the file saved (a save on the event loop would show as its full duration).

For comparison, the same figures for Down (the cursor moves, the detail panel changes,
nothing is saved): the difference is what ticking and saving add.

Target (issue 7): the view updated within one 60 Hz frame (16.7 ms), the save off the event
loop. Prints medians and 90th percentiles; asserts nothing.

    python benchmarks/plan.py [--runs N]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import tempfile
import time
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

from textual import events

FRAME_MS = 1000 / 60
SIZES = (50, 2000)


def big_catalog(items: int) -> Any:
    """The bundled catalog plus enough synthetic courses for the engineer's plan to hold
    `items` items."""
    from mlroute.answers import example_answers
    from mlroute.catalog import load_catalog
    from mlroute.catalog.models import Course, CourseCost, HoursRange
    from mlroute.plan import build_plan

    catalog = load_catalog().catalog
    base = sum(1 for _ in build_plan(catalog, "courses", None, example_answers()).items())
    extra = items - base
    stages = catalog.stages_in_order()
    added: dict[str, list[str]] = {stage.id: [] for stage in stages}
    courses = list(catalog.courses)
    for n in range(extra):
        stage = stages[1 + n % (len(stages) - 1)]  # not the foundations stage: no gaps there
        course_id = f"course-overlay-{n:05d}"
        added[stage.id].append(course_id)
        courses.append(
            Course(
                id=course_id,
                title=f"Overlay course {n}: a longer title, as real course titles are",
                provider="Overlay University",
                stage=stage.id,
                hours=HoursRange(min=10 + n % 30, max=20 + n % 30),
                cost=CourseCost(audit_free=True),
                description="A synthetic course for the benchmark.",
                source="benchmark",
                last_verified=date(2026, 1, 1),
            )
        )
    new_stages = tuple(
        replace(stage, courses=(*stage.courses, *added[stage.id])) for stage in catalog.stages
    )
    bigger = catalog.model_copy(update={"courses": tuple(courses), "stages": new_stages})
    got = sum(1 for _ in build_plan(bigger, "courses", None, example_answers()).items())
    assert got == items, (got, items)
    return bigger


def prepare(data_dir: Path, catalog: Any) -> None:
    """A progress file: the answers, the course path, a third of the items done."""
    from mlroute.answers import example_answers, flat
    from mlroute.plan import build_plan
    from mlroute.questions import nest
    from mlroute.store import Progress, ProgressStore, choose, set_answers, set_status

    answers = nest(flat(example_answers()))
    answers.pop("schema_version", None)
    progress = choose(set_answers(Progress(), answers), "courses", None)
    ids = [item.id for item in build_plan(catalog, "courses", None, example_answers()).items()]
    for item_id in ids[::3]:
        progress = set_status(progress, item_id, "done")
    store = ProgressStore(data_dir / "progress.toml")
    store.load()
    store.save(progress)


async def measure(items: int, runs: int, key_name: str) -> dict[str, list[float]]:
    from mlroute.catalog import CatalogLoad
    from mlroute.session import load_session
    from mlroute.tui.app import make_app
    from mlroute.tui.screens.plan import PlanScreen
    from mlroute.tui.widgets.plan_list import PlanList

    catalog = big_catalog(items)
    data_dir = Path(os.environ["MLROUTE_DATA_DIR"])
    prepare(data_dir, catalog)
    app = make_app(
        session_loader=lambda: load_session(catalog_loader=lambda: CatalogLoad(catalog=catalog))
    )
    marks: dict[str, float] = {}
    results: dict[str, list[float]] = {
        "handled": [],
        "frame": [],
        "saved": [],
        "writing": [],
        "lag": [],
    }

    async with app.run_test(size=(100, 32)) as pilot:
        while app.session is None:
            await app.workers.wait_for_complete()
            await pilot.pause()
        await pilot.press("f4")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, PlanScreen)
        session = app.session
        assert len(screen.plan or ()) == items, len(screen.plan or ())

        real_display = app._display
        real_tick = screen.action_tick
        real_flush = session.flush

        def display(target: Any, renderable: Any) -> None:
            real_display(target, renderable)
            if "t0" in marks and "frame" not in marks:
                marks["frame"] = time.perf_counter()

        def tick() -> None:
            real_tick()
            marks["handled"] = time.perf_counter()

        plan_list = screen.query_one(PlanList)
        real_cursor = plan_list.action_cursor

        def cursor(delta: int) -> None:
            real_cursor(delta)
            marks["handled"] = time.perf_counter()

        def flush() -> str | None:
            began = time.perf_counter()
            problem = real_flush()
            marks["saved"] = time.perf_counter()
            marks["writing"] = marks["saved"] - began
            return problem

        app._display = display  # type: ignore[method-assign,assignment]
        screen.action_tick = tick  # type: ignore[method-assign]
        session.flush = flush  # type: ignore[method-assign]
        plan_list.action_cursor = cursor  # type: ignore[method-assign]
        saves = key_name == "space"
        item_ids = [item.id for item in screen.plan.items()] if screen.plan else []
        step = max(len(item_ids) // runs, 1)
        for run in range(runs + 3):  # the first three warm up
            plan_list.move_to(item_ids[(run * step) % len(item_ids)])
            await pilot.pause()
            await app.workers.wait_for_complete()
            marks.clear()
            watching = {"on": 1.0, "lag": 0.0}
            watcher = asyncio.create_task(watch_loop(watching))
            key = events.Key(key_name, " " if saves else None)
            marks["t0"] = time.perf_counter()
            app.post_message(key)
            while "frame" not in marks or (saves and "saved" not in marks):
                await asyncio.sleep(0.0005)
            if not saves:  # watch the loop for as long as a save would take
                await asyncio.sleep(0.012)
            watching["on"] = 0.0
            await watcher
            await app.workers.wait_for_complete()
            if run < 3:
                continue
            t0 = marks["t0"]
            results["handled"].append((marks["handled"] - t0) * 1000)
            results["frame"].append((marks["frame"] - t0) * 1000)
            results["saved"].append((marks["saved"] - t0) * 1000 if saves else 0.0)
            results["writing"].append(marks.get("writing", 0.0) * 1000)
            results["lag"].append(watching["lag"] * 1000)
    return results


async def watch_loop(watching: dict[str, float]) -> None:
    """Record the longest the event loop took to come back to a 1 ms sleep."""
    while watching["on"]:
        before = time.perf_counter()
        await asyncio.sleep(0.001)
        watching["lag"] = max(watching["lag"], time.perf_counter() - before - 0.001)


def p90(values: list[float]) -> float:
    return statistics.quantiles(values, n=10)[-1] if len(values) >= 10 else max(values)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=40)
    args = parser.parse_args()
    print(f"Keypress on a plan item -> view and file, {args.runs} runs each, medians (p90)")
    print(f"target: frame under {FRAME_MS:.1f} ms; the save off the event loop\n")
    columns = ("handled", "frame", "saved", "writing", "loop lag")
    header = f"{'items':>6} {'key':>6} " + " ".join(f"{c:>14}" for c in columns)
    print(header)
    for items in SIZES:
        for key_name in ("space", "down"):
            with tempfile.TemporaryDirectory() as home:
                for name in ("DATA", "CONFIG", "CACHE"):
                    os.environ[f"MLROUTE_{name}_DIR"] = str(Path(home) / name.lower())
                results = asyncio.run(measure(items, args.runs, key_name))
                size = (Path(home) / "data" / "progress.toml").stat().st_size
            cells = [
                f"{statistics.median(results[k]):6.2f} ({p90(results[k]):5.1f})"
                for k in ("handled", "frame", "saved", "writing", "lag")
            ]
            if key_name == "down":
                cells[2] = cells[3] = "–"
            verdict = "ok" if statistics.median(results["frame"]) < FRAME_MS else "OVER"
            row = f"{items:>6} {key_name:>6} " + " ".join(f"{c:>14}" for c in cells)
            print(
                f"{row}  frame {verdict}"
                + (f", file {size / 1024:.0f} KiB" if key_name == "space" else "")
            )
    print("\nms; 'saved' runs in a thread worker, concurrently with the frame.")


if __name__ == "__main__":
    main()
