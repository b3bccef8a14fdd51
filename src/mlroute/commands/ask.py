"""`mlroute ask`: the questionnaire as plain prompts, for screen readers, dumb terminals and pipes.

One question at a time, each with why we ask, its allowed values numbered and its default;
checked by the same `Question.check` as the TUI and saved after every answer to the same
progress store through the same `Session`, so `mlroute ask` and the app resume each other's
work. It ends with the recommendation exactly as `mlroute advise` prints it.
"""

from __future__ import annotations

import argparse
import sys
import textwrap
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mlroute.questions import QUESTIONS, Question, Value

if TYPE_CHECKING:
    from mlroute.session import Session

WIDTH = 78
"""Wrap prose here: fits an 80-column dumb terminal."""

BACK = ("back", "b")
"""Replies that go back to the previous question."""

INTRO = (
    "{count} questions, one at a time. Press Enter to keep the default shown; type a number "
    "from the list (or the value itself); type back to return to the previous question. "
    "Every answer is saved as you go: stop with Ctrl+D and run mlroute ask again to carry on."
)

Reader = Callable[[str], str]
"""Shows a prompt and returns the reply without its newline; raises EOFError at the end."""


def register(subparsers: Any) -> None:
    """Add the `ask` command."""
    parser = subparsers.add_parser(
        "ask",
        help="answer the questions as plain prompts, then see the advice",
        description="The questionnaire without the full-screen app: plain numbered prompts that "
        "work with a screen reader, on a dumb terminal and through a pipe. Answers are saved to "
        "your progress, as in the app, and it resumes where you left off.",
        epilog="Exit status: 0 answered and advised, 1 stopped before the end (answers so far "
        "are kept) or could not save, 2 bad file.",
    )
    parser.add_argument(
        "--answers",
        type=Path,
        metavar="FILE",
        help="also write the answers to FILE, for mlroute advise --answers FILE",
    )
    parser.add_argument(
        "--restart",
        action="store_true",
        help="start at question 1 even when answers are saved (they stay the defaults)",
    )
    parser.set_defaults(handler=_ask)


def _numbered(question: Question) -> list[tuple[str, Value, str]]:
    """(number as typed, value, label) for each allowed value. A 0-3 or 1-5 scale is numbered
    by its own values, so typing 2 means 2, never "the second line"."""
    if question.kind == "switch":
        return [("1", True, "yes"), ("2", False, "no")]
    if all(isinstance(choice.value, int) for choice in question.choices):
        rows = []
        for choice in question.choices:
            label = choice.label.removeprefix(f"{choice.value} · ")
            rows.append((str(choice.value), choice.value, label))
        return rows
    return [
        (str(number), choice.value, choice.label)
        for number, choice in enumerate(question.choices, 1)
    ]


def parse_reply(question: Question, reply: str, default: Value) -> tuple[Value | None, str | None]:
    """A typed reply as (value, None), or (None, why it is not allowed). Empty keeps `default`;
    a number from the list or the value itself chooses; the question's own `check` decides."""
    text = reply.strip()
    if not text:
        return default, None
    value: Value | None = None
    if question.kind == "number":
        digits = text.replace(",", "").replace("_", "").replace(" ", "").removeprefix("$")
        try:
            value = int(digits)
        except ValueError:
            return None, "enter a whole number" + (
                f", {question.range_text}" if question.range_text else ""
            )
    else:
        rows = _numbered(question)
        folded = text.casefold()
        for number, allowed, label in rows:
            if folded in (number, str(allowed).casefold(), label.casefold()):
                value = allowed
                break
        if value is None and question.kind == "switch":
            value = {"y": True, "yes": True, "true": True, "n": False, "no": False}.get(folded)
        if value is None:
            numbers = ", ".join(number for number, _, _ in rows)
            return None, f"type one of {numbers}"
    problem = question.check(value)
    return (None, problem) if problem else (value, None)


def _fill(text: str, indent: str = "") -> str:
    return textwrap.fill(
        text, WIDTH, initial_indent=indent, subsequent_indent=indent, break_on_hyphens=False
    )


def show_question(question: Question, number: int) -> str:
    """The question as plain lines: where we are, the prompt, why we ask, the allowed values."""
    lines = [
        f"Question {number} of {len(QUESTIONS)} ({question.topic})",  # ASCII: dumb terminals
        _fill(question.prompt),
        _fill(f"Why we ask: {question.why}"),
    ]
    if question.kind == "number":
        lines.append(f"A whole number, {question.range_text}.")
    else:
        lines += [f"  {n}. {label}" for n, _, label in _numbered(question)]
    return "\n".join(lines)


def default_text(question: Question, default: Value, saved: bool) -> str:
    """The reply prompt, naming the default (and whether it is the user's saved answer)."""
    whose = "your saved answer" if saved else "default"
    if question.kind == "number":
        shown = f"{default:,}" if isinstance(default, int) else str(default)
    else:
        shown = next(f"{n}, {label}" for n, value, label in _numbered(question) if value == default)
    return f"Answer ({whose}: {shown}): "


def questionnaire(
    answers: dict[str, Value],
    read: Reader,
    write: Callable[[str], None],
    save: Callable[[dict[str, Value]], None],
    *,
    start: int,
) -> bool:
    """Ask from question `start` on, updating `answers` and calling `save` after each answer;
    True when the last question is answered, False when input ended first."""
    index = start
    while index < len(QUESTIONS):
        question = QUESTIONS[index]
        saved = question.field in answers
        default = answers.get(question.field, question.default)
        write("\n" + show_question(question, index + 1) + "\n")
        while True:
            try:
                reply = read(default_text(question, default, saved))
            except EOFError:
                return False
            if reply.strip().casefold() in BACK:
                index = max(index - 1, 0)
                break
            value, problem = parse_reply(question, reply, default)
            if problem is None and value is not None:
                answers[question.field] = value
                save(answers)
                index += 1
                break
            write(f"Not allowed: {problem}. Try again.\n")
    return True


def _reader() -> Reader:
    echoed = sys.stdin.isatty()

    def read(prompt: str) -> str:
        reply = input(prompt)
        if not echoed:
            print()  # the reply was not echoed: end the prompt's line ourselves
        return reply

    return read


def _write(text: str) -> None:
    sys.stdout.write(text)
    sys.stdout.flush()


def _ask(args: argparse.Namespace) -> int:
    from mlroute.session import load_session

    session = load_session()
    for notice in session.messages:
        print(f"mlroute ask: {notice.title}: {notice.text}", file=sys.stderr)
    answers = session.saved_answers()
    unanswered = [i for i, q in enumerate(QUESTIONS) if q.field not in answers]
    start = 0 if args.restart or not unanswered else unanswered[0]
    _write(_fill(INTRO.format(count=len(QUESTIONS))) + "\n")
    if answers and unanswered and start:
        _write(f"Welcome back: resuming at question {start + 1}.\n")
    elif answers and not unanswered:
        _write("Every question is answered; Enter keeps each saved answer.\n")
    problems: list[str] = []

    def save(current: dict[str, Value]) -> None:
        session.stage_answers(dict(current))
        problem = session.flush()
        if problem and problem not in problems:
            problems.append(problem)
            print(f"mlroute ask: {problem}", file=sys.stderr)

    try:
        finished = questionnaire(answers, _reader(), _write, save, start=start)
    except KeyboardInterrupt:
        _write(f"\nStopped. {_kept(answers)}\n")
        return 130
    if not finished:
        _write(f"\nStopped before the end. {_kept(answers)}\n")
        return 1
    return _advise(session, answers, args.answers) or (1 if session.unsaved else 0)


def _kept(answers: dict[str, Value]) -> str:
    return f"{len(answers)} of {len(QUESTIONS)} answered and saved; run mlroute ask to carry on."


def _advise(session: Session, answers: dict[str, Value], path: Path | None) -> int:
    """Print the recommendation (and write the answers file); returns 1 on a failed write."""
    from mlroute.commands.advise import render
    from mlroute.commands.common import out
    from mlroute.scoring import score
    from mlroute.session import write_answers_file

    if path is not None:
        problem = write_answers_file(path, answers)
        if problem:
            print(f"mlroute ask: {problem}", file=sys.stderr)
            return 1
        _write(f"\nAnswers written to {path}.\n")
    valid = session.answers()
    if valid is None:  # cannot happen after a full questionnaire; said plainly if it does
        print("mlroute ask: the answers are not complete; run mlroute ask again.", file=sys.stderr)
        return 1
    _write("\nYour recommendation\n\n")
    out(render(score(valid, session.catalog, session.weights)))
    return 0
