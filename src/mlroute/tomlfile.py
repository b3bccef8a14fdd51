"""Reading TOML files a person wrote, and reporting their problems as `FILE:LINE: path: message`.

Shared by the catalog, the answers file and the progress store: the same checks (size cap,
UTF-8, syntax) and the same way of finding the line a dotted path lives on.
"""

from __future__ import annotations

import contextlib
import re
import tomllib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mlroute.safefile import NotAFileError, TooLargeError, read_capped

if TYPE_CHECKING:
    from pydantic import ValidationError
    from pydantic_core import ErrorDetails

MAX_BYTES = 5 * 1024 * 1024
"""The default cap: a TOML file larger than this is refused unparsed. No answers or scoring
file comes near it; the catalog, which can, passes its own (`catalog.loader.MAX_BYTES`)."""

PathPart = str | int
KeyPath = tuple[PathPart, ...]


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a file, located as precisely as can be done honestly."""

    file: str
    """The file as the user named it."""
    line: int | None
    """1-based line, or None when no line can be pinned down (never a guessed one)."""
    path: str
    """Dotted path of the offending field, e.g. `courses.3.hours.min`; empty for the whole file."""
    message: str
    """What is wrong, in plain words."""

    def __str__(self) -> str:
        where = self.file if self.line is None else f"{self.file}:{self.line}"
        return f"{where}: {self.path}: {self.message}" if self.path else f"{where}: {self.message}"


class TomlFileError(Exception):
    """A file could not be used; `problems` says why, each with file and line."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems = tuple(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


def dotted(path: Iterable[PathPart]) -> str:
    """`("courses", 3, "hours")` -> `courses.3.hours`."""
    return ".".join(str(part) for part in path)


def decode(raw: bytes, name: str) -> str:
    """Decode UTF-8, reporting the line of the first bad byte."""
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        raise TomlFileError(
            [Problem(name, line, "", f"not valid UTF-8 (byte 0x{raw[error.start]:02x})")]
        ) from None


_AT_LINE = re.compile(r"\(at line (\d+), column \d+\)")


def parse(text: str, name: str) -> dict[str, Any]:
    """Parse TOML text, turning a syntax error into a located Problem."""
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        message = str(error)
        found = _AT_LINE.search(message)
        line = int(found.group(1)) if found else None
        message = _AT_LINE.sub("", message).strip() or "invalid TOML"
        raise TomlFileError([Problem(name, line, "", f"TOML syntax error: {message}")]) from None


def read_bytes(path: Path, *, max_bytes: int = MAX_BYTES) -> bytes:
    """Read a regular file's bytes, refusing a pipe, a device or one over the size cap without
    reading past the cap (see `mlroute.safefile`)."""
    try:
        return read_capped(path, max_bytes)
    except FileNotFoundError:
        raise TomlFileError([Problem(str(path), None, "", "no such file")]) from None
    except (NotAFileError, TooLargeError) as error:
        raise TomlFileError([Problem(str(path), None, "", str(error.strerror))]) from None
    except OSError as error:
        problem = Problem(str(path), None, "", f"cannot read: {error.strerror or error}")
        raise TomlFileError([problem]) from None


def read_toml(path: Path, *, max_bytes: int = MAX_BYTES) -> tuple[str, dict[str, Any]]:
    """Read, decode and parse a TOML file; return its text (for locating lines) and its data."""
    name = str(path)
    raw = read_bytes(path, max_bytes=max_bytes)
    text = decode(raw, name)
    if not text.strip():
        raise TomlFileError([Problem(name, None, "", "file is empty")])
    return text, parse(text, name)


class KeyLines:
    """Maps key paths of a TOML document to the line each key (or table header) stands on.

    A small structural scanner: it follows tables, arrays of tables, dotted keys, inline tables
    and arrays, and skips strings and comments. It runs only when there is an error to report,
    on text tomllib has already accepted.
    """

    def __init__(self, text: str) -> None:
        self._text = text
        self._pos = 0
        self._line = 1
        self.lines: dict[KeyPath, int] = {}
        """Every key path seen, mapped to its 1-based line."""
        self._array_counts: dict[KeyPath, int] = {}
        # A partial map is still useful: lines not found are reported as unknown.
        with contextlib.suppress(IndexError, ValueError):
            self._document()

    def find(self, path: Sequence[PathPart]) -> int | None:
        """The line of `path`, or of its nearest recorded ancestor; None if neither is known."""
        key = tuple(path)
        while key:
            if key in self.lines:
                return self.lines[key]
            key = key[:-1]
        return None

    # The scanner -----------------------------------------------------------------------------
    # Each step matches a regular expression at the current position and jumps past what it
    # matched, counting the newlines it passed over: no loop in Python runs per character, so a
    # string of several megabytes costs about as much as a search through it.

    def _peek(self, offset: int = 0) -> str:
        index = self._pos + offset
        return self._text[index] if index < len(self._text) else ""

    def _jump(self, end: int) -> None:
        """Move to `end`, counting the lines passed."""
        self._line += self._text.count("\n", self._pos, end)
        self._pos = end

    def _advance(self, count: int = 1) -> None:
        self._jump(min(self._pos + count, len(self._text)))

    def _skip_space(self, newlines: bool) -> None:
        pattern = _SPACE_AND_NEWLINES if newlines else _SPACE
        found = pattern.match(self._text, self._pos)
        if found is not None:
            self._jump(found.end())

    def _document(self) -> None:
        table: KeyPath = ()
        while True:
            self._skip_space(newlines=True)
            char = self._peek()
            if not char:
                return
            line = self._line
            if char == "[" and self._peek(1) == "[":
                self._advance(2)
                raw = self._key()
                self._skip_space(newlines=False)
                self._advance(2)
                base = self._resolve(raw[:-1]) + raw[-1:]
                index = self._array_counts.get(base, -1) + 1
                self._array_counts[base] = index
                table = (*base, index)
                self.lines.setdefault(base, line)
                self.lines[table] = line
            elif char == "[":
                self._advance()
                table = self._resolve(self._key())
                self._skip_space(newlines=False)
                self._advance()
                self.lines.setdefault(table, line)
            else:
                self._pair(table)

    def _resolve(self, raw: KeyPath) -> KeyPath:
        """Insert the current index after every prefix that names an array of tables."""
        resolved: list[PathPart] = []
        for part in raw:
            resolved.append(part)
            count = self._array_counts.get(tuple(resolved))
            if count is not None:
                resolved.append(count)
        return tuple(resolved)

    def _key(self) -> KeyPath:
        parts: list[PathPart] = []
        while True:
            self._skip_space(newlines=False)
            char = self._peek()
            if char in ('"', "'"):
                parts.append(self._string())
            else:
                end = _BARE_KEY.match(self._text, self._pos).end()  # type: ignore[union-attr]
                parts.append(self._text[self._pos : end])
                self._jump(end)
            self._skip_space(newlines=False)
            if self._peek() == ".":
                self._advance()
                continue
            return tuple(parts)

    def _pair(self, table: KeyPath) -> None:
        line = self._line
        key = self._key()
        # A dotted key (`a.b.c = 1`) defines each table on its way: a problem with any of them
        # (an unknown `a`) is on this line too.
        for length in range(1, len(key) + 1):
            self.lines.setdefault(table + key[:length], line)
        path = table + key
        self._skip_space(newlines=False)
        if self._peek() != "=":
            raise ValueError("expected =")
        self._advance()
        self._skip_space(newlines=False)
        self._value(path)

    def _value(self, path: KeyPath) -> None:
        char = self._peek()
        if char in ('"', "'"):
            self._string()
        elif char == "{":
            self._advance()
            while True:
                self._skip_space(newlines=True)
                if self._peek() == "}":
                    self._advance()
                    return
                if self._peek() == ",":
                    self._advance()
                    continue
                self._pair(path)
        elif char == "[":
            self._advance()
            index = 0
            while True:
                self._skip_space(newlines=True)
                char = self._peek()
                if char == "]":
                    self._advance()
                    return
                if char == ",":
                    self._advance()
                    continue
                if not char:
                    raise ValueError("unterminated array")
                self.lines.setdefault((*path, index), self._line)
                self._value((*path, index))
                index += 1
        else:
            self._jump(_BARE_VALUE.match(self._text, self._pos).end())  # type: ignore[union-attr]

    def _string(self) -> str:
        """Skip the string that starts here and return its content as written (escapes are
        left as they are: a key is found by it all the same)."""
        quote = self._peek()
        if self._text.startswith(quote * 3, self._pos):
            pattern = _MULTILINE_BASIC if quote == '"' else _MULTILINE_LITERAL
        else:
            pattern = _BASIC if quote == '"' else _LITERAL
        found = pattern.match(self._text, self._pos)
        if found is None:
            raise ValueError("unterminated string")
        self._jump(found.end())
        return "".join(found.groups())


_SPACE = re.compile(r"(?:[ \t\r]+|#[^\n]*)*")
_SPACE_AND_NEWLINES = re.compile(r"(?:[ \t\r\n]+|#[^\n]*)*")
_BARE_KEY = re.compile(r"[A-Za-z0-9_-]*")
_BARE_VALUE = re.compile(r"[^,\]}\n#]*")
# Strings as "a run of plain characters, then any number of (one escape or quote, a run of
# plain characters)": the regular expression engine runs each run in one tight loop. Up to two
# quotes just before the closing three belong to the content: '''a''''' holds a''.
_BASIC = re.compile(r'"([^"\\\n]*(?:\\.[^"\\\n]*)*)"')
_LITERAL = re.compile(r"'([^'\n]*)'")
_MULTILINE_BASIC = re.compile(r'"""([^"\\]*(?:(?:\\[\s\S]|"(?!""))[^"\\]*)*)"""("{0,2})')
_MULTILINE_LITERAL = re.compile(r"'''([^']*(?:'(?!'')[^']*)*)'''('{0,2})")


def _message(error: ErrorDetails) -> str:
    kind = error.get("type", "")
    if kind == "missing":
        return "required field is missing"
    if kind in ("extra_forbidden", "unexpected_keyword_argument"):  # a model's, a dataclass's
        return "unknown field"
    if kind == "dataclass_type":  # worded as a model's `model_type`, whichever validated it
        class_name = (error.get("ctx") or {}).get("class_name", "")
        return f"Input should be a valid dictionary or instance of {class_name}"
    message = str(error.get("msg", "invalid value"))
    if message.startswith("Value error, "):
        message = message[len("Value error, ") :]
    return message


def validation_problems(
    error: ValidationError, name: str, text: str, prefix: KeyPath = ()
) -> list[Problem]:
    """Turn a pydantic ValidationError into located Problems, one per error."""
    lines = KeyLines(text)
    problems = []
    for item in error.errors():
        loc = tuple(part for part in item["loc"] if isinstance(part, str | int))
        # Drop pydantic's union/type tags (e.g. "int", "function-after[...]") that are not keys.
        path: list[PathPart] = []
        for part in loc:
            if isinstance(part, str) and ("[" in part or part in _TYPE_TAGS):
                continue
            path.append(part)
        full = (*prefix, *path)
        problems.append(Problem(name, lines.find(full), dotted(full), _message(item)))
    return sorted(problems, key=lambda problem: problem.line or 0)


_TYPE_TAGS = frozenset({"int", "float", "str", "bool", "date", "list", "dict", "tuple", "none"})
