"""The TOML reader and the line locator behind every `FILE:LINE: field: message`."""

from __future__ import annotations

import tomllib
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


def test_a_dotted_key_gives_each_of_its_tables_its_line() -> None:
    lines = KeyLines('x = 1\na.b.c = 1\n[t]\nd."e.f".g = 2\n')
    assert [lines.find(path) for path in (("a",), ("a", "b"), ("a", "b", "c"))] == [2, 2, 2]
    assert [lines.find(path) for path in (("t", "d"), ("t", "d", "e.f", "g"))] == [4, 4]


def test_an_unknown_dotted_key_in_a_catalog_is_located(tmp_path: Path) -> None:
    from mlroute.catalog.loader import check_file

    overlay = tmp_path / "overlay.toml"
    overlay.write_text("schema_version = 1\n\na.b.c = 1\n")
    with pytest.raises(TomlFileError) as caught:
        check_file(overlay)
    assert [str(p) for p in caught.value.problems] == [f"{overlay}:3: a: unknown field"]


STRINGS = '''a = "x \\" y # not a comment"
b = 'c:\\path\\'
c = """two
"lines" with \\""" inside and a quote at the end""""
d = \'\'\'also
two lines, ending in quotes\'\'\'\'\'
e = "\\u00e9"
f = 1 # "not a string
g = [
  """x""",
  'y',
]
h = 2
'''


def test_key_lines_skip_every_kind_of_string() -> None:
    assert tomllib.loads(STRINGS)["c"].endswith('at the end"')  # the case is valid TOML
    lines = KeyLines(STRINGS)
    found = {key: lines.find((key,)) for key in "abcdefgh"}
    assert found == {"a": 1, "b": 2, "c": 3, "d": 5, "e": 7, "f": 8, "g": 9, "h": 13}
    assert lines.find(("g", 1)) == 11


def test_key_lines_are_found_past_a_long_string() -> None:
    """Linear in the text: a string of megabytes is skipped in one step (timed in
    benchmarks/large_string.py, not here)."""
    text = 'a = "' + "x" * 3_000_000 + '"\nb = """' + "y\n" * 1000 + '"""\nc = 1\n'
    assert KeyLines(text).find(("c",)) == 1003
