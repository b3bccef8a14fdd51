"""The questionnaire's plain data: checks, labels and the flat/nested answer shapes."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mlroute.questions import (
    BY_FIELD,
    QUESTIONS,
    SHORT,
    Value,
    flatten,
    nest,
    parse_whole,
)


def test_every_question_has_a_short_name_and_a_valid_default() -> None:
    assert set(SHORT) == {q.field for q in QUESTIONS}
    for question in QUESTIONS:
        assert question.check(question.default) is None, question.field


@pytest.mark.parametrize(
    ("field", "value", "problem"),
    [
        ("budget_usd", -1, "must be at least 0"),
        ("hours_per_week", 81, "must be at most 80"),
        ("hours_per_week", True, "enter a whole number"),
        ("months_to_goal", "9", "enter a whole number"),
        ("plans_phd", "yes", "answer yes or no"),
        ("goal", "astronaut", "choose one of: ml-engineering, data-science"),
        ("foundations.calculus", 4, "choose one of: 0, 1, 2, 3"),
    ],
)
def test_check_explains_a_bad_value(field: str, value: object, problem: str) -> None:
    message = BY_FIELD[field].check(value)
    assert message is not None and message.startswith(problem)


def test_labels_and_ranges() -> None:
    assert BY_FIELD["plans_phd"].label_of(True) == "yes"
    assert BY_FIELD["budget_usd"].label_of(12000) == "12,000 USD"
    assert BY_FIELD["foundations.python"].label_of(2) == "2 · solid: I can use it"
    assert BY_FIELD["hours_per_week"].range_text == "1 to 80 hours a week"
    assert BY_FIELD["goal"].range_text == ""


@given(st.fixed_dictionaries({q.field: st.just(q.default) for q in QUESTIONS}))
def test_nest_and_flatten_round_trip(flat: dict[str, Value]) -> None:
    nested = nest(flat)
    assert nested["schema_version"] == 1
    foundations = nested["foundations"]
    assert isinstance(foundations, dict)
    assert set(foundations) == {
        "linear_algebra",
        "probability_statistics",
        "calculus",
        "python",
    }
    assert flatten(nested) == flat


def test_flatten_ignores_unknown_keys_and_odd_values() -> None:
    assert flatten({"goal": "research", "nonsense": 1, "foundations": {"python": [1]}}) == {
        "goal": "research"
    }


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("1500", (1500, None)),
        (" 12,000 ", (12000, None)),
        ("1_000", (1000, None)),
        ("-3", (-3, None)),
        ("1500.50", (None, "whole numbers only, no decimal point (e.g. 1500)")),
        (".5", (None, "whole numbers only, no decimal point (e.g. 0)")),
        ("$900", (None, "“$” is not a digit: enter a whole number")),
        ("", (None, "enter a whole number")),
        ("-", (None, "“that” is not a digit: enter a whole number")),
    ],
)
def test_parse_whole_names_what_it_cannot_take(
    typed: str, expected: tuple[int | None, str | None]
) -> None:
    assert parse_whole(typed) == expected
