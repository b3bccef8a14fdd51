"""Drive the installed `mlroute` command in a real terminal through tmux."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

MLROUTE = Path(sys.executable).with_name("mlroute")


class Terminal:
    """One tmux session running a command at a fixed size, on a tmux server of its own.

    A session started on a server that is already running (the developer's own tmux) would
    take that server's environment, not ours: mlroute would then read and write the
    developer's real progress file. A socket of our own starts a fresh server with `env`.
    """

    def __init__(self, name: str, env: dict[str, str], width: int = 100, height: int = 32):
        self.name = name
        self.env = env
        self.width = width
        self.height = height

    def tmux(self, *args: str) -> list[str]:
        """A tmux command line on this terminal's own server."""
        return ["tmux", "-L", self.name, *args]

    def start(self, command: str) -> None:
        """Run `command` in a fresh shell in the session (the shell stays after it exits)."""
        subprocess.run(
            self.tmux(
                "new-session",
                "-d",
                "-s",
                self.name,
                "-x",
                str(self.width),
                "-y",
                str(self.height),
                "bash",
                "--norc",
                "--noprofile",
            ),
            env=self.env,
            check=True,
        )
        self.send("export PS1='e2e$ '", enter=True)
        self.send("clear", enter=True)
        self.send(command, enter=True)

    def send(self, *keys: str, enter: bool = False, literal: bool = False) -> None:
        """Type keys (tmux key names unless `literal`)."""
        args = self.tmux("send-keys", "-t", self.name)
        if literal:
            args.append("-l")
        subprocess.run([*args, *keys], check=True)
        if enter:
            subprocess.run(self.tmux("send-keys", "-t", self.name, "Enter"), check=True)

    def type(self, text: str) -> None:
        """Type text literally."""
        self.send(text, literal=True)

    def screen(self) -> str:
        """The visible screen as text."""
        return subprocess.run(
            self.tmux("capture-pane", "-p", "-t", self.name),
            capture_output=True,
            text=True,
            check=True,
        ).stdout

    def wait_for(self, text: str, timeout: float = 15.0) -> str:
        """Wait until `text` is on screen; return the screen. Fails with the screen shown."""
        deadline = time.monotonic() + timeout
        screen = ""
        while time.monotonic() < deadline:
            screen = self.screen()
            if text in screen:
                return screen
            time.sleep(0.05)
        raise AssertionError(f"{text!r} never appeared; the screen was:\n{screen}")

    def run_tmux(self, *args: str) -> str:
        """Run a tmux command and return what it printed."""
        return subprocess.run(self.tmux(*args), capture_output=True, text=True, check=True).stdout

    def close(self) -> None:
        subprocess.run(self.tmux("kill-server"), capture_output=True)


@pytest.fixture
def terminal(tmp_path: Path) -> Iterator[Terminal]:
    """A tmux terminal with mlroute's directories in tmp_path."""
    if shutil.which("tmux") is None:
        pytest.skip("tmux is not installed (.ci/run installs it where apt-get is available)")
    if not MLROUTE.exists():
        pytest.skip(f"the mlroute command is not installed beside {sys.executable}")
    env = {
        **os.environ,
        "MLROUTE_DATA_DIR": str(tmp_path / "data"),
        "MLROUTE_CONFIG_DIR": str(tmp_path / "config"),
        "MLROUTE_CACHE_DIR": str(tmp_path / "cache"),
        "TERM": "xterm-256color",
        "PATH": f"{MLROUTE.parent}:{os.environ.get('PATH', '')}",
    }
    env.pop("TMUX", None)
    term = Terminal(f"e2e-{os.getpid()}-{tmp_path.name[-12:]}", env)
    yield term
    term.close()
