"""The TOML reader and the line locator behind every `FILE:LINE: field: message`."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import BaseModel, ConfigDict, ValidationError

from mlroute.tomlfile import KeyLines, Problem, TomlFileError, read_toml, validation_problems

DOC = '''\
title = "x"  # comment with [brackets] and = signs
multi = """
[[not_a_table]]
key = "inside a string"
"""

[[courses]]
id = "a"
hours = { min = 1, max = 2 }
topics = [
  "one",
  "two",
]

[courses.cost]
audit_free = true

[[courses]]
id = "b"
"quoted key" = 3
dotted.inner = 4

[[courses.milestones]]
id = "b.first"

[[courses.milestones]]
id = "b.second"
items = [{ name = "p" }, { name = "q" }]
literal = \'\'\'it's
multi\'\'\'
after = 1
'''


@pytest.mark.parametrize(
    ("path", "line"),
    [
        (("title",), 1),
        (("multi",), 2),
        (("courses", 0), 7),
        (("courses", 0, "id"), 8),
        (("courses", 0, "hours", "max"), 9),
        (("courses", 0, "topics", 1), 12),
        (("courses", 0, "cost", "audit_free"), 16),
        (("courses", 1, "id"), 19),
        (("courses", 1, "quoted key"), 20),
        (("courses", 1, "dotted", "inner"), 21),
        (("courses", 1, "milestones", 0, "id"), 24),
        (("courses", 1, "milestones", 1, "items", 1, "name"), 28),
        (("courses", 1, "milestones", 1, "after"), 31),
        # An absent key falls back to its nearest ancestor: the entry's header.
        (("courses", 1, "missing"), 18),
    ],
)
def test_key_lines_finds_each_key(path: tuple[str | int, ...], line: int) -> None:
    assert KeyLines(DOC).find(path) == line


def test_key_lines_unknown_root_is_none() -> None:
    assert KeyLines(DOC).find(("nowhere", 3)) is None


def _write(tmp_path: Path, content: bytes) -> Path:
    path = tmp_path / "file.toml"
    path.write_bytes(content)
    return path


def _problem(tmp_path: Path, content: bytes, **kwargs: int) -> Problem:
    with pytest.raises(TomlFileError) as caught:
        read_toml(_write(tmp_path, content), **kwargs)
    (problem,) = caught.value.problems
    return problem


def test_syntax_error_names_the_line(tmp_path: Path) -> None:
    problem = _problem(tmp_path, b'a = 1\nb = "unclosed\n')
    assert problem.line == 2
    assert "TOML syntax error" in problem.message
    assert str(problem).startswith(f"{tmp_path / 'file.toml'}:2: ")


def test_bad_utf8_names_the_line_and_byte(tmp_path: Path) -> None:
    problem = _problem(tmp_path, b'a = 1\n\nb = "\xff"\n')
    assert (problem.line, problem.message) == (3, "not valid UTF-8 (byte 0xff)")


def test_empty_file_is_refused(tmp_path: Path) -> None:
    assert _problem(tmp_path, b"  \n\n").message == "file is empty"


def test_oversized_file_is_refused_unparsed(tmp_path: Path) -> None:
    problem = _problem(tmp_path, b"x = [" + b"1," * 100, max_bytes=50)
    assert problem.line is None
    assert "limit is 50" in problem.message


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(TomlFileError, match="no such file"):
        read_toml(tmp_path / "absent.toml")


class _Inner(BaseModel):
    model_config = ConfigDict(extra="forbid")
    n: int


class _Outer(BaseModel):
    model_config = ConfigDict(extra="forbid")
    items: list[_Inner]


def test_validation_problems_are_located() -> None:
    text = "[[items]]\nn = 1\n\n[[items]]\nn = 'x'\nextra = 2\n\n[[items]]\n"
    import tomllib

    with pytest.raises(ValidationError) as caught:
        _Outer.model_validate(tomllib.loads(text))
    problems = validation_problems(caught.value, "f.toml", text)
    rendered = sorted(str(p) for p in problems)
    assert rendered == [
        "f.toml:5: items.1.n: Input should be a valid integer, unable to parse string as an"
        " integer",
        "f.toml:6: items.1.extra: unknown field",
        "f.toml:8: items.2.n: required field is missing",
    ]
