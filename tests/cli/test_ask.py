"""`mlroute ask`: the questionnaire as plain prompts, through a pipe and through a pty."""

from __future__ import annotations

import os
import pty
import select
import subprocess
import sys
from pathlib import Path

import pytest

from mlroute.answers import load_answers
from mlroute.commands.ask import parse_reply
from mlroute.questions import BY_FIELD, QUESTIONS
from mlroute.session import saved_answers
from mlroute.store import ProgressStore

ALL_DEFAULTS = "\n" * len(QUESTIONS)


def ask(stdin: str, *args: str) -> subprocess.CompletedProcess[str]:
    """Run `mlroute ask` with `stdin` piped in (the environment points at tmp dirs)."""
    return subprocess.run(
        [sys.executable, "-m", "mlroute", "ask", *args],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=120,
    )


def saved() -> dict[str, object]:
    return dict(saved_answers(ProgressStore().load().progress))


# Replies, one question at a time --------------------------------------------------------------


def test_a_reply_is_a_number_from_the_list_or_the_value_itself() -> None:
    goal = BY_FIELD["goal"]
    assert parse_reply(goal, "2", "ml-engineering") == ("data-science", None)
    assert parse_reply(goal, " research ", "ml-engineering") == ("research", None)
    assert parse_reply(goal, "", "research") == ("research", None)
    value, problem = parse_reply(goal, "9", "research")
    assert value is None and problem == "type one of 1, 2, 3, 4, 5"


def test_a_scale_is_numbered_by_its_own_values() -> None:
    """Typing 0 on a 0-3 foundation scale means 0, never the first line."""
    level = BY_FIELD["foundations.python"]
    assert parse_reply(level, "0", 1) == (0, None)
    assert parse_reply(level, "3", 1) == (3, None)
    assert parse_reply(level, "4", 1)[0] is None


def test_yes_no_and_whole_numbers_are_checked_as_the_app_checks_them() -> None:
    phd = BY_FIELD["plans_phd"]
    assert parse_reply(phd, "y", False) == (True, None)
    assert parse_reply(phd, "2", True) == (False, None)
    budget = BY_FIELD["budget_usd"]
    assert parse_reply(budget, "$12,500", 0) == (12500, None)
    assert parse_reply(budget, "lots", 0) == (None, "enter a whole number, 0 or more USD")
    assert parse_reply(budget, "900000", 0) == (900_000, None)  # as `advise` takes it
    # The same words as Question.check, which the TUI shows.
    assert parse_reply(budget, str(10**20), 0) == (None, budget.check(10**20))
    hours = BY_FIELD["hours_per_week"]
    assert parse_reply(hours, "81", 0) == (None, hours.check(81))


# Through a pipe ------------------------------------------------------------------------------


def test_defaults_through_a_pipe_end_with_advise_s_own_recommendation(tmp_path: Path) -> None:
    answers = tmp_path / "answers.toml"
    result = ask(ALL_DEFAULTS, "--answers", str(answers))
    assert result.returncode == 0, result.stderr
    assert "Question 1 of 20" in result.stdout and "Question 20 of 20" in result.stdout
    assert "Why we ask:" in result.stdout
    assert "\x1b" not in result.stdout  # plain text for a screen reader or a dumb terminal
    written = load_answers(answers)  # a valid answers file, written atomically
    assert written.goal == BY_FIELD["goal"].default
    advise = subprocess.run(
        [sys.executable, "-m", "mlroute", "advise", "--answers", str(answers)],
        capture_output=True,
        text=True,
        check=True,
    )
    assert result.stdout.endswith(advise.stdout)
    assert len(saved()) == len(QUESTIONS)  # saved in the progress store, as the TUI saves


def test_a_wrong_reply_is_asked_again(tmp_path: Path) -> None:
    replies = "lenear\n2\n" + "\n" * (len(QUESTIONS) - 1)
    result = ask(replies)
    assert result.returncode == 0, result.stderr
    assert "Not allowed: type one of 1, 2, 3, 4, 5. Try again." in result.stdout
    assert saved()["goal"] == "data-science"


def test_stopping_keeps_the_answers_and_the_next_run_resumes() -> None:
    first = ask("4\ny\n1\n")  # three answers, then the input ends
    assert first.returncode == 1
    assert "3 of 20 answered and saved" in first.stdout
    assert saved() == {"goal": "research", "plans_phd": True, "credential_required": "yes"}
    second = ask("back\n\n" + "\n" * (len(QUESTIONS) - 3))
    assert second.returncode == 0, second.stderr
    assert "resuming at question 4" in second.stdout
    shown = second.stdout.split("Question ")
    assert shown[1].startswith("4 of 20") and shown[2].startswith("3 of 20")  # back went back
    assert "(your saved answer: 1, Yes, they require" in second.stdout
    assert saved()["goal"] == "research"


def test_answers_saved_by_the_app_are_resumed(tmp_path: Path) -> None:
    """The TUI stages answers through Session.stage_answers: ask picks them up."""
    from mlroute.session import load_session

    session = load_session()
    session.stage_answers({"goal": "data-science", "plans_phd": False})
    assert session.flush() is None
    result = ask("")
    assert result.returncode == 1
    assert "resuming at question 3" in result.stdout


# Through a pty -------------------------------------------------------------------------------


def _read_until(fd: int, marker: str, seen: list[str]) -> None:
    while marker not in "".join(seen):
        ready, _, _ = select.select([fd], [], [], 60)
        assert ready, f"no {marker!r} in {''.join(seen)[-500:]!r}"
        try:
            chunk = os.read(fd, 4096)
        except OSError:
            break
        if not chunk:
            break
        seen.append(chunk.decode(errors="replace"))


@pytest.mark.parametrize("term", ["dumb", "xterm-256color"])
def test_answering_in_a_terminal(term: str, tmp_path: Path) -> None:
    leader, follower = pty.openpty()
    env = {**os.environ, "TERM": term}
    process = subprocess.Popen(
        [sys.executable, "-m", "mlroute", "ask", "--answers", str(tmp_path / "a.toml")],
        stdin=follower,
        stdout=follower,
        stderr=follower,
        env=env,
    )
    os.close(follower)
    seen: list[str] = []
    try:
        _read_until(leader, "Question 1 of 20", seen)
        _read_until(leader, "Answer (default: 1,", seen)
        os.write(leader, b"3\n")
        for number in range(2, len(QUESTIONS) + 1):
            _read_until(leader, f"Question {number} of 20", seen)
            os.write(leader, b"\n")
        _read_until(leader, "What would change this", seen)
        assert process.wait(timeout=60) == 0
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
        os.close(leader)
    text = "".join(seen)
    assert "\x1b[" not in text
    assert "Your recommendation" in text
    assert load_answers(tmp_path / "a.toml").goal == "applied-research"
