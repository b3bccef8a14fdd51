"""Shared limits: each defined once, in `mlroute.limits`, and every module that uses it agrees."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from pydantic import ValidationError

from mlroute import limits, store
from mlroute.answers import RANGES
from mlroute.catalog_index import Pace
from mlroute.questions import BY_FIELD
from mlroute.scoring.weights import Thresholds
from mlroute.store import Progress
from mlroute.timeline import pace_of

SOURCE = Path(limits.__file__).parent
SHARED = sorted(name for name in vars(limits) if name.isupper())


def _module_constants(path: Path) -> set[str]:
    names = set()
    for node in ast.parse(path.read_text(), str(path)).body:
        targets = node.targets if isinstance(node, ast.Assign) else []
        if isinstance(node, ast.AnnAssign):
            targets = [node.target]
        names |= {target.id for target in targets if isinstance(target, ast.Name)}
    return names


def test_each_shared_limit_is_defined_only_in_limits() -> None:
    twice = [
        f"src/mlroute/{path.relative_to(SOURCE).as_posix()}: {name}"
        for path in sorted(SOURCE.rglob("*.py"))
        if path.name != "limits.py"
        for name in sorted(_module_constants(path) & set(SHARED))
    ]
    assert twice == [], "import these from mlroute.limits instead"


def test_the_questionnaire_the_answers_and_the_plan_share_the_pace_bounds() -> None:
    hours, months = BY_FIELD["hours_per_week"], BY_FIELD["months_to_goal"]
    assert (hours.default, hours.maximum) == (limits.DEFAULT_PACE, limits.MAX_PACE)
    assert (months.default, months.maximum) == (
        limits.DEFAULT_MONTHS_TO_GOAL,
        limits.MAX_MONTHS_TO_GOAL,
    )
    assert RANGES["hours_per_week"] == (1, limits.MAX_PACE)
    assert RANGES["months_to_goal"] == (1, limits.MAX_MONTHS_TO_GOAL)
    assert store.set_pace(Progress(), limits.MAX_PACE).hours_per_week == limits.MAX_PACE
    with pytest.raises(ValueError, match=f"1 to {limits.MAX_PACE}"):
        store.set_pace(Progress(), limits.MAX_PACE + 1)


def test_the_defaults_assumed_are_the_questionnaires() -> None:
    assert pace_of(Progress(), None) == BY_FIELD["hours_per_week"].default
    assert Pace(5).months == BY_FIELD["months_to_goal"].default


@pytest.mark.parametrize(
    ("field", "most"),
    [
        ("full_time_hours", limits.MAX_PACE),
        ("fast_months", limits.MAX_MONTHS_TO_GOAL),
        ("two_year_months", limits.MAX_MONTHS_TO_GOAL),
    ],
)
def test_a_scoring_threshold_no_answer_could_reach_is_refused(field: str, most: int) -> None:
    values = {"two_year_months": limits.MAX_MONTHS_TO_GOAL, "fast_months": 6, "full_time_hours": 30}
    Thresholds(**{**values, field: most})
    with pytest.raises(ValidationError):
        Thresholds(**{**values, field: most + 1})
