"""Drive `mlroute serve` in a real headless Chromium through Playwright's Python API.

Shared by the browser test, benchmarks/serve.py and the browser screenshot. Playwright's own
browser download does not work here, so this drives Debian's `chromium` (`.ci/run` installs it).

textual-serve's page draws the app with xterm.js on a canvas, so the screen's text is not in the
DOM. A script run before the page's own catches the page's xterm.js `Terminal` as the page stores
it (its `terminal` property) and reads the rows of its buffer: the text the page is showing.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from playwright.sync_api import BrowserContext, Page, Playwright

CHROMIUM = Path("/usr/bin/chromium")
"""Debian's chromium."""

CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",  # CI runs as root, where Chromium's sandbox refuses to start
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
"""Chromium's flags: headless, and no calls home."""

VIEWPORT = {"width": 1280, "height": 800}
"""The page's size in pixels; at textual-serve's 16 px font, about 140x44 cells."""

TERMINAL_HOOK = """
Object.defineProperty(Object.prototype, "terminal", {
  configurable: true,
  get() { return undefined; },
  set(value) {
    Object.defineProperty(this, "terminal", {
      value, writable: true, configurable: true, enumerable: true,
    });
    if (value && value.buffer && value.onData) { window.__mlrouteTerminal = value; }
  },
});
window.__mlrouteScreen = () => {
  const terminal = window.__mlrouteTerminal;
  if (!terminal) { return ""; }
  const buffer = terminal.buffer.active;
  const rows = [];
  for (let y = 0; y < terminal.rows; y++) {
    const line = buffer.getLine(buffer.viewportY + y);
    rows.push(line ? line.translateToString(true) : "");
  }
  return rows.join("\\n");
};
"""
"""Run before the page's scripts: keeps the page's xterm.js terminal where we can read it."""

KEYS = {"Down": "ArrowDown", "Up": "ArrowUp", "C-u": "Control+u", "Space": " ", "C-q": "Control+q"}
"""tmux key names (as the tmux tests write them) to Playwright's."""


def why_no_browser() -> str | None:
    """Why the browser tests cannot run here, or None when they can."""
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "playwright is not installed (pip install -e '.[dev]')"
    try:
        import textual_serve  # noqa: F401
    except ImportError:
        return "textual-serve is not installed (pip install -e '.[web]')"
    if not CHROMIUM.exists():
        return f"{CHROMIUM} is missing (.ci/run installs Debian's chromium with apt-get)"
    return None


def free_port() -> int:
    """A loopback port nothing listens on now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def mlroute_env(root: Path) -> dict[str, str]:
    """This environment with mlroute's directories under `root`."""
    return {
        **os.environ,
        "MLROUTE_DATA_DIR": str(root / "data"),
        "MLROUTE_CONFIG_DIR": str(root / "config"),
        "MLROUTE_CACHE_DIR": str(root / "cache"),
    }


class Served:
    """`mlroute serve` running in a child process on a loopback port."""

    def __init__(self, env: dict[str, str], port: int | None = None) -> None:
        self.env = env
        """The child's environment (mlroute's directories in it)."""
        self.port = port or free_port()
        """The port it listens on."""
        self.url = f"http://127.0.0.1:{self.port}/"
        """The page's address."""
        self._log = tempfile.TemporaryFile()  # noqa: SIM115 (closed by close())
        self.process = subprocess.Popen(
            [sys.executable, "-m", "mlroute", "serve", "--port", str(self.port)],
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=self._log,
            stderr=subprocess.STDOUT,
        )
        """The server process."""

    def wait_listening(self, timeout: float = 20.0) -> None:
        """Wait until the server accepts connections; fails with its output if it ended."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise AssertionError(f"mlroute serve ended early:\n{self.output()}")
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=1):
                    return
            except OSError:
                time.sleep(0.02)  # not listening yet
        raise AssertionError(f"mlroute serve never listened:\n{self.output()}")

    def output(self) -> str:
        """What the server printed so far."""
        self._log.seek(0)
        return self._log.read().decode(errors="replace")

    def interrupt(self, timeout: float = 20.0) -> int:
        """Press Ctrl+C (SIGINT) and wait for the server to end; returns its exit status."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)
        return self.process.wait(timeout)

    def close(self) -> None:
        """End the server however it is, and drop its log."""
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()
        self._log.close()


@contextmanager
def chromium(playwright: Playwright) -> Iterator[BrowserContext]:
    """Headless Chromium with a new empty profile."""
    with tempfile.TemporaryDirectory(prefix="mlroute-chromium-") as profile:
        context = playwright.chromium.launch_persistent_context(
            profile,
            executable_path=str(CHROMIUM),
            args=CHROMIUM_ARGS,
            headless=True,
            viewport=VIEWPORT,  # type: ignore[arg-type]
            accept_downloads=True,
        )
        try:
            yield context
        finally:
            context.close()


class AppPage:
    """The app's page in the browser: read its screen, press keys."""

    def __init__(self, page: Page) -> None:
        self.page = page
        """The Playwright page."""
        page.add_init_script(TERMINAL_HOOK)
        # The page asks for a web font; offline, fail that at once rather than wait on it.
        page.route("https://fonts.googleapis.com/**", lambda route: route.abort())

    def open(self, url: str) -> None:
        """Load the page (textual-serve starts an app for it) and give it the keyboard."""
        self.page.goto(url)
        # Keys reach xterm.js through its hidden textarea; a person would click the page.
        self.page.focus(".xterm-helper-textarea")

    def screen(self) -> str:
        """The text the page's terminal shows, row by row."""
        text: str = self.page.evaluate("window.__mlrouteScreen()")
        return text

    def wait_for(self, text: str, timeout: float = 15.0) -> str:
        """Wait until `text` is on the page's screen; return the screen. Fails with it shown."""
        from playwright.sync_api import TimeoutError as PlaywrightTimeout

        try:
            self.page.wait_for_function(
                "text => window.__mlrouteScreen().includes(text)", arg=text, timeout=timeout * 1000
            )
        except PlaywrightTimeout:
            shown = self.screen()
            raise AssertionError(f"{text!r} never appeared; the page showed:\n{shown}") from None
        return self.screen()

    def painted(self) -> None:
        """Wait for the browser's next frame, so that what the terminal holds is drawn."""
        self.page.evaluate("() => new Promise(done => requestAnimationFrame(() => done(null)))")

    def press(self, key: str) -> None:
        """Press a key (a tmux key name from KEYS, or Playwright's)."""
        self.page.keyboard.press(KEYS.get(key, key))

    def type(self, text: str) -> None:
        """Type text."""
        self.page.keyboard.type(text)
