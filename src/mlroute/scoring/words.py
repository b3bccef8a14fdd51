"""How the advisor names answers in its sentences: employers, goals, levels, paths, money."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

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


def change_text(field: str, value: Any, a: Mapping[str, Any]) -> str:
    """One change as the condition of a sentence: "your budget were $12,000 instead of $4,000"."""
    old = a[field]
    if field == "credential_required":
        return {
            "yes": "your target employers required a graduate degree",
            "no": "your target employers did not require a graduate degree",
            "unsure": "you were not sure your target employers require a graduate degree",
        }[value]
    if field == "plans_phd":
        return "you planned a PhD or research career" if value else "you dropped your PhD plans"
    if field == "goal":
        return f"your goal were {GOALS[value]} rather than {GOALS[old]}"
    if field == "career_stage":
        return f"you were aiming at {value}-level roles rather than {old}-level ones"
    if field == "employer_type":
        return f"you were aiming at {EMPLOYERS[value]} rather than {EMPLOYERS[old]}"
    if field == "budget_usd":
        return f"your budget were {usd(value)} instead of {usd(old)}"
    if field == "months_to_goal":
        return f"you gave yourself {value} months instead of {old}"
    if field == "hours_per_week":
        return f"you studied {value} hours a week instead of {old}"
    if field == "wants_structure":
        return f"deadlines and grades helped you {value}/5 rather than {old}/5"
    if field == "employed_technical":
        return "you already had a technical job" if value else "you had no technical job"
    if field == "need":
        return (
            "you wanted particular skills rather than a whole curriculum"
            if value == "specific-skills"
            else "you wanted a whole curriculum rather than particular skills"
        )
    if field == "wants_portfolio":
        return "you wanted portfolio projects" if value else "portfolio projects did not matter"
    if field == "quant_bachelor":
        return "you held a quantitative bachelor's" if value else "you had no quantitative degree"
    if field == "region":
        return (
            "you lived in the Pacific Northwest"
            if value == "pacific-northwest"
            else "you lived outside the Pacific Northwest"
        )
    if field == "brand_importance":
        return f"brand mattered {value}/5 to you rather than {old}/5"
    if field == "research_access_importance":
        return f"research access mattered {value}/5 to you rather than {old}/5"
    if field.startswith("foundations."):
        name = FOUNDATION_NAMES[field.split(".", 1)[1]]
        return f"your {name} reached level {value} ({LEVELS[value]}) from {old}"
    return f"{field} were {value}"
