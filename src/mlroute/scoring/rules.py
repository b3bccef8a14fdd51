"""The guide's rules, which come before any weighing: when one applies, it decides the path.

The weighed factors only settle what these leave open. Each rule is a row of `PATH_RULES`: when
it applies, which path it gives, and the guide's reason in our words. The order is the
precedence: the first rule that applies decides.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

from mlroute.plan import PathName
from mlroute.scoring.factors import Context, Flat, enterable


class PathRule(NamedTuple):
    """One of the guide's rules for the path."""

    id: str
    """Stable id, shown in JSON output."""
    path: PathName
    """The path it decides for."""
    applies: Callable[[Flat, Context], bool]
    """Whether it applies to these answers."""
    reason: str
    """Why, in our words."""


def _filter_and_enterable(a: Flat, c: Context) -> bool:
    return a["credential_required"] == "yes" and bool(enterable(a, c))


def _filter_but_closed(a: Flat, c: Context) -> bool:
    return a["credential_required"] == "yes" and bool(c.degrees) and not enterable(a, c)


PATH_RULES: tuple[PathRule, ...] = (
    PathRule(
        "degree-filter",
        "degree",
        _filter_and_enterable,
        "Your target employers screen for a graduate degree. Courses can teach the same "
        "material but cannot get you through that check, so it decides the path; the weighed "
        "factors only shape how you go about the degree.",
    ),
    PathRule(
        "admission-first",
        "courses",
        _filter_but_closed,
        "Your target employers screen for a graduate degree, yet every degree here asks for a "
        "quantitative bachelor's, which you do not have. Prepare for admission first: the "
        "course path's foundations are the way in, and the degree comes after.",
    ),
)
"""The precedence rules, first match wins."""


def ruling(a: Flat, c: Context) -> PathRule | None:
    """The rule that decides the path for these answers, if any."""
    return next((rule for rule in PATH_RULES if rule.applies(a, c)), None)


def path_of(net: float) -> PathName:
    """The path a net score points to when no rule decides."""
    # A tie goes to courses: without a reason for the degree, the guide calls the knowledge path
    # faster and far cheaper.
    return "degree" if net > 0 else "courses"


def decide(a: Flat, c: Context, net: float) -> tuple[PathName, PathRule | None]:
    """The path: a rule's when one applies, else the weighed net's."""
    rule = ruling(a, c)
    return (rule.path if rule else path_of(net)), rule
