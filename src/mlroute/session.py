"""What the TUI works on: the catalog, the scoring weights and the user's progress, loaded once.

Headless (no Textual): the app loads a Session in a thread worker after the first paint and
hands it to its screens. Methods that write go through the progress store; call them from a
thread worker, never on the event loop. They return an error message (or None) rather than
raising, so a screen can show it and keep the change in memory.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from mlroute.atomic import write_atomic
from mlroute.catalog import CatalogLoad, load_catalog
from mlroute.catalog.models import Catalog
from mlroute.questions import QUESTIONS, Value, nest
from mlroute.tomlfile import TomlFileError

Severity = Literal["information", "warning", "error"]


@dataclass(frozen=True)
class Notice:
    """Something the user should be told once the session has loaded."""

    title: str
    """A short heading."""
    text: str
    """The message, naming files where it is about one."""
    severity: Severity = "information"
    """How loud to say it."""


class Session:
    """The loaded catalog and the user's data, shared by every screen."""

    def __init__(self, catalog_load: CatalogLoad, messages: tuple[Notice, ...] = ()) -> None:
        self.catalog_load = catalog_load
        """The catalog as loaded, with any overlay warnings."""
        self.messages = messages
        """Notices for the user about loading (overlay skipped, progress quarantined...)."""
        self._lock = threading.Lock()

    @property
    def catalog(self) -> Catalog:
        """The catalog in use."""
        return self.catalog_load.catalog

    def saved_answers(self) -> dict[str, Value]:
        """The questionnaire answers saved so far, flat."""
        return {}

    def save_answers(self, answers: dict[str, Value]) -> str | None:
        """Save the questionnaire answers; an error message, or None."""
        return None


def load_session() -> Session:
    """Load everything the app needs. Blocking: run it in a thread worker."""
    result = load_catalog()
    messages: list[Notice] = []
    if result.warnings:
        problems = "\n".join(str(problem) for problem in result.warnings[:5])
        messages.append(Notice("Your overlay catalog was not used", problems, severity="warning"))
    return Session(result, tuple(messages))


def read_answers_file(path: Path) -> tuple[dict[str, Value], str | None]:
    """Read an answers file into flat answers, or return its problems as one message."""
    from mlroute.answers import flat, load_answers

    try:
        return flat(load_answers(path)), None
    except TomlFileError as error:
        return {}, "\n".join(str(problem) for problem in error.problems[:6])


def write_answers_file(path: Path, answers: dict[str, Value]) -> str | None:
    """Write complete answers to a file atomically; return an error message or None."""
    from mlroute.answers import Answers, dumps_answers

    missing = [q.field for q in QUESTIONS if q.field not in answers]
    if missing:
        return f"Answer every question before saving ({len(missing)} still open)."
    try:
        write_atomic(path, dumps_answers(Answers.model_validate(nest(answers))).encode())
    except OSError as error:
        return f"Could not write {path}: {error.strerror or error}"
    return None
