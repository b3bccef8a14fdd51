"""How long the progress store takes to save and to load 100, 1,000 and 10,000 tracked items.

Prints medians beside their floors, measured side by side in one run on the same data:
- save floor: the bare work of writing that progress with tomli_w: `tomli_w.dumps` of the
  store's document, write, fsync, `os.replace`;
- load floor: a bare `tomllib.loads` of the file's text.

"save" is the TUI's case: one item changed since the last save (the store reuses the lines
it wrote for everything else). "cold save" is a first save, nothing reused. Both include the
lock, the check that no other instance wrote the file, the .bak link and the directory fsync.
"load" includes reading, decoding, validating and fingerprinting the file.

Targets (issue 4): a save of 1,000 items at most 1.5x its floor; a load at most 2x a bare
tomllib.loads.

    python benchmarks/store.py [--dir DIR]   (DIR: where to write; default a temp dir)
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import tempfile
import time
import tomllib
from collections.abc import Callable
from datetime import datetime, timedelta
from functools import partial
from pathlib import Path

import tomli_w

from mlroute import store
from mlroute.store import Progress, ProgressStore

SIZES = (100, 1_000, 10_000)
RUNS = {100: 60, 1_000: 30, 10_000: 9}
T0 = datetime(2026, 1, 1, 9, 0).astimezone()


def tracked(count: int) -> Progress:
    """`count` items, a third with notes; a full undo history; some answers and choices."""
    statuses: tuple[store.Status, ...] = ("done", "in-progress", "skipped", "todo")
    items = {
        f"course-{n:05d}": store.ItemProgress(
            status=statuses[n % 4],
            changed=T0 + timedelta(hours=n),
            note=f"Week {n % 12}: revisit the exercises on chapter {n % 7}" if n % 3 == 0 else "",
        )
        for n in range(count)
    }
    progress = Progress(
        path="courses",
        hours_per_week=10,
        answers={"years_experience": 4, "budget_usd": 9000, "foundations": {"python": 2}},
        items=items,
    )
    for n in range(store.MAX_HISTORY):
        status: store.Status = "done" if n % 2 else "in-progress"
        progress = store.set_status(
            progress, f"course-{n % count:05d}", status, when=T0 + timedelta(minutes=n)
        )
    return progress


def floor_save(path: Path, document: dict[str, object]) -> None:
    data = tomli_w.dumps(document).encode()
    tmp = path.with_name(".floor.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        os.write(fd, data)
        os.fsync(fd)
    finally:
        os.close(fd)
    os.replace(tmp, path)


def timed(action: Callable[[], object]) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def measure(count: int, directory: Path) -> dict[str, float]:
    runs = RUNS[count]
    base = tracked(count)
    # A sequence of states, each one change after the last, as the TUI saves them.
    states = [base]
    for n in range(runs):
        states.append(store.set_status(states[-1], f"course-{n:05d}", "done", when=T0))
    path = directory / f"progress-{count}.toml"
    floor_path = directory / f"floor-{count}.toml"
    progress_store = ProgressStore(path)
    progress_store.load()
    progress_store.save(states[0])
    times: dict[str, list[float]] = {"save": [], "floor": [], "cold": [], "load": [], "loads": []}
    for state in states[1:]:
        times["floor"].append(timed(partial(floor_save, floor_path, store.to_document(state))))
        times["save"].append(timed(partial(progress_store.save, state)))
    cold_path = directory / f"cold-{count}.toml"
    for _ in range(runs):
        cold_path.unlink(missing_ok=True)
        store._renderer = store._Renderer()  # nothing cached: a first save
        times["cold"].append(timed(partial(ProgressStore(cold_path).save, states[-1])))
    text = path.read_text()
    for _ in range(runs):
        times["loads"].append(timed(lambda: tomllib.loads(text)))
        times["load"].append(timed(lambda: ProgressStore(path).load()))
    return {name: statistics.median(values) * 1000 for name, values in times.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dir", type=Path, help="where to write (default: a temp dir)")
    args = parser.parse_args()
    directory = args.dir or Path(tempfile.mkdtemp(prefix="mlroute-bench-"))
    directory.mkdir(parents=True, exist_ok=True)
    try:
        print(f"progress store, medians in ms (files in {directory})")
        header = (
            f"{'items':>7} | {'save':>7} {'floor':>7} {'ratio':>5} | {'cold':>7} {'ratio':>5} "
            f"| {'load':>7} {'loads':>7} {'ratio':>5} | {'file KB':>7}"
        )
        print(header)
        print("-" * len(header))
        for count in SIZES:
            m = measure(count, directory)
            size = (directory / f"progress-{count}.toml").stat().st_size / 1024
            print(
                f"{count:>7,} | {m['save']:>7.2f} {m['floor']:>7.2f} "
                f"{m['save'] / m['floor']:>5.2f} | {m['cold']:>7.2f} "
                f"{m['cold'] / m['floor']:>5.2f} | {m['load']:>7.2f} {m['loads']:>7.2f} "
                f"{m['load'] / m['loads']:>5.2f} | {size:>7.0f}"
            )
        print("targets: save of 1,000 <= 1.5x floor; load <= 2x bare tomllib.loads")
    finally:
        if args.dir is None:
            shutil.rmtree(directory, ignore_errors=True)


if __name__ == "__main__":
    main()
