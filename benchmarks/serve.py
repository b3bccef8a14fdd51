"""The app in a browser (`mlroute serve`, headless Chromium) beside the same app in tmux.

Two figures for each, medians of N (5 by default), side by side in one run:
- start: from starting the command (`mlroute serve`, then opening the page in an already
  running browser; `python -m mlroute` in a fresh tmux session at 100x32) to the first
  screen's "question 1 of 20" painted: in the browser, in the page's terminal and one
  animation frame later; in tmux, in `capture-pane`;
- key: from pressing Enter on question 1 to "question 2 of 20" on screen (in the browser, also
  painted), after one untimed Enter and Ctrl+B back, so that the app has settled.
Each start uses fresh data directories, so each shows the questionnaire.

    python benchmarks/serve.py [--runs N]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.e2e.browser import AppPage, Served, chromium, mlroute_env, why_no_browser  # noqa: E402

FIRST = "question 1 of 20"
SECOND = "question 2 of 20"


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:7.0f} ms"


class Tmux:
    """The app in a tmux session on a server of its own."""

    def __init__(self, env: dict[str, str]) -> None:
        self.name = f"bench-serve-{os.getpid()}"
        self.env = {**env, "TERM": "xterm-256color"}
        self.env.pop("TMUX", None)

    def run(self, *args: str) -> str:
        return subprocess.run(
            ["tmux", "-L", self.name, *args], env=self.env, capture_output=True, text=True
        ).stdout

    def start(self) -> None:
        self.run("new-session", "-d", "-s", self.name, "-x", "100", "-y", "32")
        self.run("send-keys", "-t", self.name, f"{sys.executable} -m mlroute", "Enter")

    def wait_for(self, text: str, timeout: float = 30.0) -> None:
        deadline = time.monotonic() + timeout
        while text not in self.run("capture-pane", "-p", "-t", self.name):
            if time.monotonic() > deadline:
                raise RuntimeError(f"{text!r} never appeared in tmux")
            time.sleep(0.005)

    def key(self, key: str) -> None:
        self.run("send-keys", "-t", self.name, key)

    def close(self) -> None:
        self.run("kill-server")


def _timed(start: Callable[[], None], done: Callable[[], None]) -> float:
    began = time.perf_counter()
    start()
    done()
    return time.perf_counter() - began


def tmux_run() -> tuple[float, float]:
    """One start and one key press in tmux."""
    with tempfile.TemporaryDirectory() as tmp:
        term = Tmux(mlroute_env(Path(tmp)))
        try:
            started = _timed(term.start, lambda: term.wait_for(FIRST))
            term.key("Enter")  # once untimed, and back: the session has loaded since
            term.wait_for(SECOND)
            term.key("C-b")
            term.wait_for(FIRST)
            key = _timed(lambda: term.key("Enter"), lambda: term.wait_for(SECOND))
            term.key("C-q")
        finally:
            term.close()
    return started, key


def browser_run(context: object) -> tuple[float, float]:
    """One `mlroute serve`, a page opened on it, and one key press there."""
    from playwright.sync_api import BrowserContext

    assert isinstance(context, BrowserContext)
    with tempfile.TemporaryDirectory() as tmp:
        server: Served | None = None
        page: AppPage | None = None

        def start() -> None:
            nonlocal server, page
            server = Served(mlroute_env(Path(tmp)))
            server.wait_listening()
            page = AppPage(context.new_page())
            page.open(server.url)

        def first() -> None:
            assert page is not None
            page.wait_for(FIRST)
            page.painted()

        try:
            started = _timed(start, first)
            assert page is not None
            shown = page
            shown.press("Enter")  # once untimed, and back: the session has loaded since
            shown.wait_for(SECOND)
            shown.press("Control+b")
            shown.wait_for(FIRST)

            def second() -> None:
                shown.wait_for(SECOND)
                shown.painted()

            key = _timed(lambda: shown.press("Enter"), second)
            shown.page.close()
        finally:
            if server is not None:
                server.interrupt()
                server.close()
    return started, key


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    runs = parser.parse_args().runs
    reason = why_no_browser()
    if reason is not None:
        print(f"skipped: {reason}")
        return 0
    if shutil.which("tmux") is None:
        print("skipped: tmux is not installed")
        return 0
    from playwright.sync_api import sync_playwright

    results: dict[str, list[tuple[float, float]]] = {"tmux": [], "browser": []}
    with sync_playwright() as playwright, chromium(playwright) as context:
        browser_run(context)  # warm-up: bytecode caches, the browser's first page
        tmux_run()
        for _ in range(runs):  # interleaved, so drift on the machine hits both alike
            results["browser"].append(browser_run(context))
            results["tmux"].append(tmux_run())
    print(f"medians of {runs} runs, side by side")
    print(f"{'':10} {'start to first screen':>22} {'Enter to next question':>24}")
    for name, samples in results.items():
        start = statistics.median(s for s, _ in samples)
        key = statistics.median(k for _, k in samples)
        print(f"{name:10} {_ms(start):>22} {_ms(key):>24}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
