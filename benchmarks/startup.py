"""Time from process start to the first screen ready for input: a bare Textual app vs mlroute.

Side by side in one run, medians of N runs each:
- headless: the child runs the app with an auto-pilot that waits for the first screen to be
  composed (for mlroute, until its position line reads "question 1 of"), then for the next
  refresh, records the time and exits;
- real terminal: the child runs in tmux at 100x32 (mlroute as `python -m mlroute`, the same
  path as the `mlroute` command) and the parent polls `capture-pane` for a marker text on the
  first screen.
Also the peak RSS at the first screen. Targets (issue 5): mlroute within 1.25x of the bare
app's time, and peak memory within 1.3x.

The children run with bytecode caching on (a warm-up run writes the caches), as on a user's
machine, even where the environment sets PYTHONDONTWRITEBYTECODE: without the cache every
start compiles mlroute's own modules, which the bare app does not have.

    python benchmarks/startup.py [--runs N]
    python benchmarks/startup.py --swaps [--runs N]

`--swaps` measures each of the first screen's replacements of a Textual built-in against that
built-in, side by side in one interleaved run: mlroute as it is, then with one of them put back
(`Footer` for `KeyBar`, an `OptionList` for the question sidebar's `QuestionList` and for the
answers' `ChoiceList`), headless, with the median, the quartiles and the difference from
mlroute as it is; a difference inside the quartiles is noise. (Textual's `Header` in place of
mlroute's own `TitleBar` measured -2 to +2 ms in three runs of 15 to 25 on 2026-12-03, so
`Header` is back.)
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BARE = """
import asyncio, sys, time, resource
from textual.app import App
from textual.widgets import Label

class Bare(App[None]):
    def compose(self):
        yield Label("bare-ready")

async def pilot(p):
    refreshed = asyncio.get_running_loop().create_future()
    p.app.call_after_refresh(lambda: refreshed.set_result(time.time()))
    ready = await refreshed
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(ready, rss, file=sys.stderr, flush=True)
    p.app.exit()

if "--headless" in sys.argv:
    Bare().run(headless=True, size=(100, 32), auto_pilot=pilot)
else:
    Bare().run()
"""

MLROUTE = """
import asyncio, sys, time, resource
import mlroute.cli  # what `mlroute` imports first
from mlroute.tui.app import make_app

def first_screen_shown(app):
    position = app.screen.query("#position")
    return bool(position) and "question 1 of" in str(position.first().render())

async def pilot(p):
    while not first_screen_shown(p.app):
        await asyncio.sleep(0.001)
    refreshed = asyncio.get_running_loop().create_future()
    p.app.call_after_refresh(lambda: refreshed.set_result(time.time()))
    ready = await refreshed
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(ready, rss, file=sys.stderr, flush=True)
    p.app.exit()

make_app().run(headless=True, size=(100, 32), auto_pilot=pilot)
"""

SWAPS = {
    "as it is": "",
    "Footer": """
from textual.widgets import Footer
import mlroute.tui.screens.advisor as advisor
advisor.KeyBar = lambda: Footer()
""",
    "OptionList sidebar": """
from textual.widgets import OptionList
import mlroute.tui.screens.advisor as advisor

class Sidebar(OptionList):
    def __init__(self, lines, *, id=None):
        super().__init__(*lines, id=id)

    @property
    def lines(self):
        return [str(option.prompt) for option in self.options]

    @lines.setter
    def lines(self, lines):
        self.set_options(lines)

advisor.QuestionList = Sidebar
""",
    "OptionList answers": """
from textual.widgets import OptionList
import mlroute.tui.widgets.question as question

class Answers(OptionList):
    def __init__(self, labels, *, chosen=None, highlighted=0, id=None):
        marks = ["● " if i == chosen else "○ " for i in range(len(labels))]
        super().__init__(*(m + label for m, label in zip(marks, labels)), id=id)
        self.highlighted = highlighted

question.ChoiceList = Answers
""",
}
"""Each first-screen replacement's built-in, patched in before the app is made (the first
screen only has to compose and paint; the run ends there)."""

MARKERS = {"bare": "bare-ready", "mlroute": "question 1 of"}


def headless(script: Path, env: dict[str, str]) -> tuple[float, int]:
    start = time.time()
    result = subprocess.run(
        [sys.executable, str(script), "--headless"],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    ready, rss = result.stderr.strip().splitlines()[-1].split()
    return (float(ready) - start) * 1000, int(rss)


SOCKET = f"mlroute-bench-{os.getpid()}"
"""A tmux server of our own: a session on an already running server would take that server's
environment (the real data dirs), not the temporary ones set here."""


def tmux(*args: str) -> list[str]:
    return ["tmux", "-L", SOCKET, *args]


def in_tmux(command: str, marker: str, env: dict[str, str]) -> float:
    session = f"bench{os.getpid()}"
    start = time.perf_counter()
    subprocess.run(
        tmux("new-session", "-d", "-s", session, "-x", "100", "-y", "32", command),
        env=env,
        check=True,
    )
    try:
        deadline = start + 20
        while time.perf_counter() < deadline:
            screen = subprocess.run(
                tmux("capture-pane", "-p", "-t", session),
                capture_output=True,
                text=True,
            ).stdout
            if marker in screen:
                return (time.perf_counter() - start) * 1000
            time.sleep(0.005)
        raise RuntimeError(f"{marker!r} never appeared")
    finally:
        subprocess.run(tmux("kill-session", "-t", session), capture_output=True)


def real_terminal(scripts: dict[str, Path], runs: int, env: dict[str, str]) -> None:
    commands = {
        "bare": f"{sys.executable} {scripts['bare']}",
        "mlroute": f"{sys.executable} -m mlroute",
    }
    # A session that outlives the measured ones keeps one tmux server up for the whole run
    # (a server exiting as the next session starts fails that start).
    keeper = f"benchkeep{os.getpid()}"
    subprocess.run(tmux("new-session", "-d", "-s", keeper, "sleep 3600"), env=env, check=True)
    try:
        real: dict[str, list[float]] = {"bare": [], "mlroute": []}
        for _ in range(runs):
            for name, command in commands.items():
                real[name].append(in_tmux(command, MARKERS[name], env))
    finally:
        subprocess.run(tmux("kill-server"), capture_output=True)
    print(f"real terminal via tmux, marker on screen (median of {runs}):")
    for name in commands:
        print(f"  {name:<8} {statistics.median(real[name]):7.0f} ms")
    ratio = statistics.median(real["mlroute"]) / statistics.median(real["bare"])
    print(f"  ratio    {ratio:7.2f}x (target <= 1.25x)")


def quartiles(values: list[float]) -> tuple[float, float, float]:
    low, middle, high = statistics.quantiles(values, n=4)
    return low, middle, high


def swaps(root: Path, runs: int, env: dict[str, str]) -> None:
    """Each replacement against its built-in, interleaved, headless."""
    scripts = {}
    for index, (name, prelude) in enumerate(SWAPS.items()):
        script = root / f"swap{index}.py"
        script.write_text(
            MLROUTE.replace(
                "from mlroute.tui.app import make_app",
                prelude + "\nfrom mlroute.tui.app import make_app",
            )
        )
        scripts[name] = script
        headless(script, env)  # warm up, and fail early if a swap breaks the first screen
    times: dict[str, list[float]] = {name: [] for name in scripts}
    for _ in range(runs):
        for name, script in scripts.items():
            times[name].append(headless(script, env)[0])
    base = statistics.median(times["as it is"])
    print(f"first-screen replacements against their built-ins, headless (median of {runs}):")
    print(f"  {'variant':<22} {'median':>7} {'quartiles':>15} {'vs as it is':>12}")
    for name, values in times.items():
        low, middle, high = quartiles(values)
        delta = "" if name == "as it is" else f"{middle - base:+.0f} ms"
        print(f"  {name:<22} {middle:5.0f} ms {low:6.0f}–{high:<6.0f}ms {delta:>12}")


def main() -> None:
    runs = int(sys.argv[sys.argv.index("--runs") + 1]) if "--runs" in sys.argv else 10
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        env = {
            **os.environ,
            "MLROUTE_DATA_DIR": str(root / "data"),
            "MLROUTE_CONFIG_DIR": str(root / "config"),
            "MLROUTE_CACHE_DIR": str(root / "cache"),
        }
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        scripts = {"bare": root / "bare.py", "mlroute": root / "mlroute_app.py"}
        scripts["bare"].write_text(BARE)
        scripts["mlroute"].write_text(MLROUTE)
        for script in scripts.values():  # warm the OS file cache and write the bytecode
            headless(script, env)
        subprocess.run([sys.executable, "-m", "mlroute", "--version"], env=env, check=True)
        if "--swaps" in sys.argv:
            swaps(root, runs, env)
            return

        times: dict[str, list[float]] = {"bare": [], "mlroute": []}
        rss: dict[str, list[int]] = {"bare": [], "mlroute": []}
        for _ in range(runs):  # interleaved, so drift hits both alike
            for name, script in scripts.items():
                ms, kb = headless(script, env)
                times[name].append(ms)
                rss[name].append(kb)
        print(f"headless, first screen ready (median of {runs}):")
        for name in scripts:
            print(f"  {name:<8} {statistics.median(times[name]):7.0f} ms")
        ratio = statistics.median(times["mlroute"]) / statistics.median(times["bare"])
        print(f"  ratio    {ratio:7.2f}x (target <= 1.25x)")
        mem = statistics.median(rss["mlroute"]) / statistics.median(rss["bare"])
        print(
            f"peak RSS at first screen: bare {statistics.median(rss['bare']) / 1024:.0f} MB, "
            f"mlroute {statistics.median(rss['mlroute']) / 1024:.0f} MB, "
            f"ratio {mem:.2f}x (target <= 1.3x)"
        )

        if shutil.which("tmux") is None:
            print("real terminal: skipped (tmux not installed)")
            return
        real_terminal(scripts, runs, env)


if __name__ == "__main__":
    main()
