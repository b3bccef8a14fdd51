"""A whole advisor session in a real terminal: the installed `mlroute` in tmux at 100x32."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from .conftest import Terminal
from .persona import answer_questionnaire

pytestmark = [pytest.mark.e2e, pytest.mark.slow]

ESCAPE_JUNK = re.compile(r"\x1b|\[\?\d{3,4}[hl]|\[\d+;\d+[Hm]")


def quit_and_check_the_terminal(term: Terminal) -> None:
    term.send("C-q")
    screen = term.wait_for("e2e$ ")
    assert ESCAPE_JUNK.search(screen) is None, screen
    assert "Traceback" not in screen
    alternate = term.run_tmux("display-message", "-p", "-t", term.name, "#{alternate_on}")
    assert alternate.strip() == "0"


def test_a_whole_session(terminal: Terminal) -> None:
    terminal.start("mlroute")
    terminal.wait_for("question 1 of 20")
    answer_questionnaire(terminal.wait_for, terminal.send, terminal.type)

    screen = terminal.wait_for("COURSES")
    assert "confidence" in screen
    assert "Why: the factors" in screen

    terminal.send("u")  # use this plan: the Plan mode opens
    terminal.wait_for("Mathematical foundations")
    for _ in range(3):
        terminal.send("Space")
        terminal.send("Down")
    terminal.wait_for("3 of ")
    quit_and_check_the_terminal(terminal)

    # A returning user lands on the plan with the three ticks, and the answers are there.
    terminal.send("clear", enter=True)
    terminal.send("mlroute", enter=True)
    screen = terminal.wait_for("Mathematical foundations")
    assert screen.count("✓") >= 3, screen
    terminal.send("F2")
    screen = terminal.wait_for("COURSES")
    assert "Budget" in screen

    terminal.send("F3")  # the catalog: search as you type
    terminal.wait_for("Catalog —")
    terminal.send("/")
    terminal.type("regression")
    terminal.wait_for("Machine Learning: Regression")

    terminal.send("F5")  # the FAQ: search, then read an answer
    terminal.wait_for("FAQ and guide —")
    terminal.send("/")
    terminal.type("how long")
    terminal.wait_for("How long")
    terminal.send("Down")
    terminal.send("Enter")
    terminal.wait_for("1.5")
    quit_and_check_the_terminal(terminal)


def test_a_corrupt_progress_file_is_moved_aside(terminal: Terminal, tmp_path: Path) -> None:
    progress = tmp_path / "data" / "progress.toml"
    progress.parent.mkdir(parents=True)
    progress.write_bytes(b'schema_version = 1\nitems = "\x00\xff broken\n')
    terminal.start("mlroute")
    screen = terminal.wait_for("corrupt-")
    assert "progress.toml" in screen
    quarantined = list(progress.parent.glob("progress.toml.corrupt-*"))
    assert len(quarantined) == 1
    assert quarantined[0].read_bytes() == b'schema_version = 1\nitems = "\x00\xff broken\n'
    # The user can go on: answer the first question.
    terminal.send("Enter")
    terminal.wait_for("question 2 of 20")
    quit_and_check_the_terminal(terminal)
