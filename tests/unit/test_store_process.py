"""The progress store across processes: killed mid-save, and two instances saving at once."""

from __future__ import annotations

import contextlib
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from mlroute import store
from mlroute.store import LoadOutcome, Progress, ProgressStore


@pytest.fixture(autouse=True)
def _isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("DATA", "CONFIG", "CACHE"):
        monkeypatch.setenv(f"MLROUTE_{name}_DIR", str(tmp_path / name.lower()))


SAVE_FOREVER = """
import sys
import time
from pathlib import Path
from mlroute import store

progress_store = store.ProgressStore(Path(sys.argv[1]))
progress = progress_store.load().progress
n = 0
while True:
    status = "done" if progress.status(f"item-{n % 50}") != "done" else "skipped"
    progress = store.set_status(progress, f"item-{n % 50}", status)
    progress_store.save(progress)
    if n == 0:
        print("saving", flush=True)
    n += 1
"""

TICK_MANY = """
import sys
import time
from pathlib import Path
from mlroute import store

progress_store = store.ProgressStore(Path(sys.argv[1]))
progress = progress_store.load().progress
print("ready", flush=True)
sys.stdin.readline()
for n in range(int(sys.argv[3])):
    progress = store.set_status(progress, f"{sys.argv[2]}-{n}", "done")
    progress_store.save(progress)
"""


def spawn(code: str, *args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", code, *args],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )


def test_a_process_killed_in_a_loop_of_saves_always_leaves_a_loadable_file(
    tmp_path: Path,
) -> None:
    path = tmp_path / "data" / "progress.toml"
    # Big enough that each save takes a few milliseconds, so kills land mid-save.
    seed = Progress()
    for n in range(1500):
        seed = store.set_status(seed, f"seed-{n}", "in-progress", note="x" * 40)
    ProgressStore(path).save(seed)
    rng = random.Random(4)
    for _ in range(3):
        with spawn(SAVE_FOREVER, str(path)) as child:
            assert child.stdout is not None and child.stdout.readline() == "saving\n"
            time.sleep(rng.uniform(0, 0.1))  # where the kill lands, not what is asserted
            child.send_signal(signal.SIGKILL)
        assert child.returncode == -signal.SIGKILL
        progress, report = ProgressStore(path).load()
        assert report.outcome is LoadOutcome.LOADED, report.messages
        assert len([i for i in progress.items if i.startswith("seed-")]) == 1500
    assert not list(path.parent.glob("*.corrupt-*"))


def test_two_processes_ticking_200_items_each_keep_all_400(tmp_path: Path) -> None:
    path = tmp_path / "data" / "progress.toml"
    with contextlib.ExitStack() as stack:
        children = [
            stack.enter_context(spawn(TICK_MANY, str(path), name, "200"))
            for name in ("left", "right")
        ]
        for child in children:
            assert child.stdout is not None and child.stdout.readline() == "ready\n"
        for child in children:
            assert child.stdin is not None
            child.stdin.write("go\n")
            child.stdin.flush()
        for child in children:
            assert child.wait(timeout=60) == 0
    progress, report = ProgressStore(path).load()
    assert report.outcome is LoadOutcome.LOADED
    assert sorted(progress.items) == sorted(
        f"{name}-{n}" for name in ("left", "right") for n in range(200)
    )
    assert all(item.status == "done" for item in progress.items.values())
