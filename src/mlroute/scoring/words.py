"""How the advisor names answers in its sentences: employers, goals, levels, paths, money."""

from __future__ import annotations

from mlroute.plan import PathName

EMPLOYERS = {
    "big-tech": "big tech companies",
    "large-enterprise": "large enterprises",
    "defense": "defense contractors",
    "research-lab": "research labs",
    "academia": "academia",
    "mid-size": "mid-size companies",
    "startup": "startups",
}
"""Employer types in words."""

GOALS = {
    "research": "research",
    "ml-engineering": "ML engineering",
    "data-science": "data science",
    "applied-research": "applied research",
    "academia-adjacent": "an academia-adjacent role",
}
"""Goals in words."""

LEVELS = {0: "none", 1: "basic", 2: "solid", 3: "strong"}
"""Foundation levels in words."""

FOUNDATION_NAMES = {
    "linear_algebra": "linear algebra",
    "probability_statistics": "probability and statistics",
    "calculus": "calculus",
    "python": "Python",
}
"""Foundations in words."""

PATH_NAMES: dict[PathName, str] = {"degree": "the degree", "courses": "courses"}
"""Each path as the subject of a sentence ("courses would win")."""

DELIVERY_NAMES = {
    "online-part-time": "online, part-time",
    "online-full-time": "online, full-time",
    "in-person-part-time": "in person, part-time",
    "in-person-full-time": "in person, full-time",
}
"""How a program can be taken, in words."""


def usd(amount: float) -> str:
    """`4000` -> `$4,000`."""
    return f"${amount:,.0f}"


def other(path: PathName) -> PathName:
    """The path that is not `path`."""
    return "courses" if path == "degree" else "degree"
