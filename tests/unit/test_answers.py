"""The answers file: strict validation, located errors, round trips, and the question table."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError

from mlroute.answers import (
    ALLOWED,
    EXAMPLE_ANSWERS,
    FIELDS,
    QUESTIONS,
    RANGES,
    Answers,
    answers_from_text,
    dumps_answers,
    example_answers,
    flat,
    load_answers,
    with_changes,
)
from mlroute.tomlfile import TomlFileError

VALID = EXAMPLE_ANSWERS


def problems_of(text: str, name: str = "a.toml") -> list[str]:
    with pytest.raises(TomlFileError) as caught:
        answers_from_text(text, name)
    return [str(problem) for problem in caught.value.problems]


def replace_line(text: str, key: str, line: str) -> str:
    """Replace the `key = ...` line of the example (comments untouched)."""
    out = []
    for current in text.splitlines():
        out.append(line if current.startswith(f"{key} = ") else current)
    return "\n".join(out) + "\n"


def line_of(text: str, start: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), 1) if line.startswith(start))


def test_example_is_valid_and_matches_the_issue_persona() -> None:
    answers = answers_from_text(VALID)
    assert answers == example_answers()
    assert answers.goal == "ml-engineering"
    assert answers.foundations.calculus == 1


def test_every_field_is_explained_in_the_example() -> None:
    for field in FIELDS:
        key = field.split(".", 1)[-1]
        assert any(line.startswith(f"{key} = ") for line in VALID.splitlines()), field
    assert VALID.count("# Why:") == len(FIELDS)


def test_load_answers_reads_a_file(tmp_path: Path) -> None:
    path = tmp_path / "answers.toml"
    path.write_text(VALID, encoding="utf-8")
    assert load_answers(path) == example_answers()
    assert load_answers(str(path)) == example_answers()


def test_dumps_round_trips() -> None:
    answers = with_changes(example_answers(), {"goal": "research", "foundations.python": 0})
    assert answers_from_text(dumps_answers(answers)) == answers


@pytest.mark.parametrize(
    ("key", "line", "message"),
    [
        ("budget_usd", "budget_usd = -1", "greater than or equal to 0"),
        ("hours_per_week", "hours_per_week = 81", "less than or equal to 80"),
        ("months_to_goal", "months_to_goal = 0", "greater than or equal to 1"),
        ("wants_structure", "wants_structure = 6", "less than or equal to 5"),
        ("goal", 'goal = "fame"', "Input should be"),
        ("plans_phd", "plans_phd = 1", "valid boolean"),
        ("budget_usd", 'budget_usd = "3000"', "valid integer"),
        ("hours_per_week", "hours_per_week = 10.5", "valid integer"),
        ("quant_bachelor", 'quant_bachelor = "yes"', "valid boolean"),
    ],
)
def test_bad_values_are_located(key: str, line: str, message: str) -> None:
    text = replace_line(VALID, key, line)
    found = problems_of(text)
    assert len(found) == 1
    assert found[0].startswith(f"a.toml:{line_of(text, key + ' = ')}: {key}: ")
    assert message in found[0]


def test_bad_foundation_level_is_located_with_a_dotted_field() -> None:
    text = replace_line(VALID, "calculus", "calculus = 4")
    assert problems_of(text) == [
        f"a.toml:{line_of(text, 'calculus = ')}: foundations.calculus: "
        "Input should be less than or equal to 3"
    ]


def test_unknown_field_is_located() -> None:
    text = VALID.replace("region = ", "regoin = ")
    found = problems_of(text)
    line = line_of(text, "regoin = ")
    assert f"a.toml:{line}: regoin: unknown field" in found
    assert "a.toml:1: region: required field is missing" in found


def test_unknown_foundation_is_located() -> None:
    text = VALID + "statistics = 2\n"
    assert problems_of(text) == [
        f"a.toml:{line_of(text, 'statistics = ')}: foundations.statistics: unknown field"
    ]


def test_missing_foundation_points_at_its_table() -> None:
    text = replace_line(VALID, "python", "")
    assert problems_of(text) == [
        f"a.toml:{line_of(text, '[foundations]')}: foundations.python: required field is missing"
    ]


def test_missing_top_level_field_names_file_line_and_field() -> None:
    text = replace_line(VALID, "need", "")
    assert problems_of(text) == ["a.toml:1: need: required field is missing"]


def test_every_problem_is_reported_at_once() -> None:
    text = replace_line(replace_line(VALID, "goal", 'goal = "x"'), "budget_usd", "budget_usd = -5")
    assert len(problems_of(text)) == 2


@pytest.mark.parametrize("value", ["true", "1.0", "2"])
def test_schema_version_must_be_the_integer_one(value: str) -> None:
    text = replace_line(VALID, "schema_version", f"schema_version = {value}")
    (problem,) = problems_of(text)
    assert problem.startswith(f"a.toml:{line_of(text, 'schema_version')}: schema_version: ")


def test_syntax_error_and_empty_file() -> None:
    assert problems_of("goal = \n")[0].startswith("a.toml:1: TOML syntax error")
    assert problems_of("  \n") == ["a.toml: file is empty"]


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(TomlFileError) as caught:
        load_answers(tmp_path / "nope.toml")
    assert str(caught.value).endswith("no such file")


def test_answers_are_frozen() -> None:
    answers = example_answers()
    with pytest.raises(ValidationError):
        setattr(answers, "goal", "research")  # noqa: B010


def test_flat_uses_dotted_foundations_in_file_order() -> None:
    values = flat(example_answers())
    assert tuple(values) == FIELDS
    assert values["foundations.linear_algebra"] == 2


def test_with_changes_validates_and_leaves_the_original() -> None:
    original = example_answers()
    changed = with_changes(original, {"foundations.calculus": 3, "plans_phd": True})
    assert changed.foundations.calculus == 3 and changed.plans_phd
    assert original.foundations.calculus == 1 and not original.plans_phd
    with pytest.raises(ValidationError):
        with_changes(original, {"wants_structure": 9})
    with pytest.raises(KeyError):
        with_changes(original, {"foundations.chemistry": 1})
    with pytest.raises(KeyError):
        with_changes(original, {"schema_version": 2})


def test_allowed_and_ranges_cover_every_field() -> None:
    assert set(ALLOWED) | set(RANGES) == set(FIELDS)
    assert not set(ALLOWED) & set(RANGES)
    assert ALLOWED["credential_required"] == ("yes", "no", "unsure")
    assert RANGES["budget_usd"] == (0, None)
    assert RANGES["foundations.python"] == (0, 3)


def test_questions_match_the_model() -> None:
    """The TUI asks exactly the fields the model needs, offering exactly the allowed values."""
    assert [q.field for q in QUESTIONS] == list(FIELDS)
    for question in QUESTIONS:
        assert question.prompt and question.why, question.field
        if question.field in ALLOWED and question.kind != "switch":
            assert {c.value for c in question.choices} == set(ALLOWED[question.field])
        elif question.field in ALLOWED:
            assert question.kind == "switch"
        else:
            low, high = RANGES[question.field]
            if question.choices:
                assert [c.value for c in question.choices] == list(range(low, (high or 0) + 1))
            else:
                # One set of limits: the questionnaire's are the answers file's.
                assert (question.minimum, question.maximum) == (low, high)


def _values(field: str) -> st.SearchStrategy[Any]:
    if field in ALLOWED:
        return st.sampled_from(ALLOWED[field])
    low, high = RANGES[field]
    return st.integers(low, high if high is not None else 10_000_000)


answers_strategy = st.fixed_dictionaries({field: _values(field) for field in FIELDS}).map(
    lambda values: with_changes(example_answers(), values)
)


@given(answers_strategy)
def test_any_valid_answers_round_trip_through_toml(answers: Answers) -> None:
    assert answers_from_text(dumps_answers(answers)) == answers


@pytest.mark.parametrize(
    ("field", "value"), [("hours_per_week", 81), ("months_to_goal", 0), ("budget_usd", -1)]
)
def test_a_number_the_questionnaire_refuses_the_file_refuses_too(field: str, value: int) -> None:
    question = next(q for q in QUESTIONS if q.field == field)
    assert question.check(value) is not None
    with pytest.raises(ValidationError):
        with_changes(example_answers(), {field: value})


def test_a_budget_the_file_takes_the_questionnaire_takes() -> None:
    """$900,000 passed `advise` but not the app, which capped budgets at $500,000."""
    answers = with_changes(example_answers(), {"budget_usd": 900_000})
    assert next(q for q in QUESTIONS if q.field == "budget_usd").check(answers.budget_usd) is None
