"""The factors: which answers each reads, which way it pulls, and how much it applies (0 to 1).

A factor's value only ever moves one way as its answers do, which keeps the advice monotone:
more of a reason for the degree never counts against it. Each of the guide's reasons is one
factor; where two answers feed the same reason (a research career and the wish for research
access, an unsure degree filter and entry-level screening) they meet inside one factor, so the
reason counts once. Weights and wording live in `data/scoring.toml`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, Literal, NamedTuple

from mlroute.limits import GAP_BELOW, WEEKS_PER_MONTH
from mlroute.plan import PathName
from mlroute.scoring.words import EMPLOYERS, FOUNDATION_NAMES, GOALS, usd

Toward = PathName
"""The side a factor pulls toward."""

FactorId = Literal[
    "degree-screening",
    "research",
    "structure",
    "speed",
    "budget",
    "specific-skills",
    "portfolio",
    "experienced-hiring",
    "flexible-employers",
    "competency-roles",
    "admission-gap",
]
"""Every factor the engine knows; the scoring table must weigh each exactly once."""

Flat = Mapping[str, Any]
"""Answers as `{field: value}`, dotted for foundations."""

FILTERING = frozenset({"large-enterprise", "defense", "research-lab", "academia"})
"""Employers the guide says often filter on degree level."""
FLEXIBLE = frozenset({"mid-size", "startup"})
"""Employers the guide calls more flexible on credentials."""
COMPETENCY_GOALS = frozenset({"ml-engineering", "data-science", "applied-research"})
"""Goals where, per the guide, hiring mostly weighs what you can show."""
OFF_UNDER_FILTER = frozenset({"experienced-hiring", "competency-roles"})
"""Factors that assume hiring on what you can show, which a hard degree filter rules out
(flexible employers are off under a filter too, with a reason of their own)."""


class DegreeFacts(NamedTuple):
    """What the factors need of one degree program."""

    id: str
    """Catalog id."""
    name: str
    """Short display name."""
    requires_quant_bachelor: bool
    """Whether admission generally needs a quantitative bachelor's."""
    low_usd: int | None
    """The lowest cost figure; None when unknown."""
    high_usd: int | None
    """The highest cost figure; None when open-ended or unknown."""
    months: float
    """The typical time to finish, in months: the middle of the program's own range, as the
    plan counts it."""
    part_time: bool
    """Whether it can be taken part-time, alongside a job."""


class Reach(NamedTuple):
    """What is open to a person with or without a quantitative bachelor's."""

    enterable: tuple[DegreeFacts, ...]
    """The degrees they could apply to (the bachelor's requirement is the gate)."""
    cheapest: tuple[DegreeFacts, float] | None
    """The enterable degree that needs the least money to be sure of, and that amount; every
    priced degree counts when no enterable one has a price. An open-ended cost is only known
    to be at least its floor, so its floor is all a budget can be compared with."""


def reach(degrees: tuple[DegreeFacts, ...], quant_bachelor: bool) -> Reach:
    """What is open with or without the bachelor's."""
    open_ = tuple(d for d in degrees if quant_bachelor or not d.requires_quant_bachelor)

    def priced(pool: tuple[DegreeFacts, ...]) -> list[tuple[DegreeFacts, float]]:
        return [(d, float(d.high_usd or d.low_usd or 0)) for d in pool if d.low_usd is not None]

    # When no degree one could enter has a price, the cheapest priced degree is the nearest
    # thing to a figure: a budget is never taken to cover a cost nobody knows.
    found = priced(open_) or priced(degrees)
    return Reach(enterable=open_, cheapest=min(found, key=lambda pair: pair[1]) if found else None)


@dataclass(frozen=True, slots=True)
class Context:
    """What the factors need besides the answers, computed once per `score`."""

    degrees: tuple[DegreeFacts, ...]
    """Every degree program in the catalog."""
    two_year_months: float
    """A goal sooner than this is in a hurry (the guide's "two-year program")."""
    fast_months: float
    """A goal this close pulls fully toward courses."""
    course_hours: float
    """Hours of study the course plan holds for this person."""
    full_time_hours: int
    """Hours a week from which a full-time program fits."""
    reach: Mapping[bool, Reach]
    """What is open, by whether the person holds a quantitative bachelor's."""


def enterable(a: Flat, c: Context) -> tuple[DegreeFacts, ...]:
    """The degrees this person could apply to today."""
    return c.reach[a["quant_bachelor"]].enterable


def cheapest(a: Flat, c: Context) -> tuple[DegreeFacts, float] | None:
    """The enterable degree that needs the least money to be sure of, and that amount."""
    return c.reach[a["quant_bachelor"]].cheapest


def shortest_months(a: Flat, c: Context) -> float:
    """The typical length of the quickest degree this person could enter and follow at their
    hours (a full-time-only program needs full-time hours), in months; two years when none."""
    full_time = a["hours_per_week"] >= c.full_time_hours
    pool = enterable(a, c) or c.degrees
    months = [d.months for d in pool if d.part_time or full_time]
    return min(months) if months else c.two_year_months


def course_months(a: Flat, c: Context) -> float:
    """The course plan's length at this person's pace, in months."""
    return c.course_hours / (max(a["hours_per_week"], 1) * WEEKS_PER_MONTH)


# The rules -------------------------------------------------------------------------------------


def _screening(a: Flat, c: Context) -> float:
    required = a["credential_required"]
    if required == "yes":
        return 1.0
    if required == "no":
        return 0.0
    employer = a["employer_type"]
    if employer in FILTERING:
        return 0.5
    if employer == "big-tech":
        # The guide: entry-level hiring at large tech firms often screens on education.
        return 0.5 if a["career_stage"] == "entry" else 0.15
    return 0.0


def _research(a: Flat, c: Context) -> float:
    if a["plans_phd"]:
        return 1.0
    goal = {"research": 0.6, "academia-adjacent": 0.5, "applied-research": 0.2}.get(a["goal"], 0)
    access = max(0, a["research_access_importance"] - 3) / 4
    return max(goal, access)


def _structure(a: Flat, c: Context) -> float:
    return max(0, a["wants_structure"] - 3) / 2


def _speed(a: Flat, c: Context) -> float:
    months = a["months_to_goal"]
    if months >= c.two_year_months or course_months(a, c) >= shortest_months(a, c):
        return 0.0
    if months <= c.fast_months:
        return 1.0
    return (c.two_year_months - months) / (c.two_year_months - c.fast_months)


def _budget(a: Flat, c: Context) -> float:
    found = cheapest(a, c)
    if found is None or found[1] <= 0:
        return 0.0
    return max(0.0, 1.0 - a["budget_usd"] / found[1])


def _skills(a: Flat, c: Context) -> float:
    # The guide's reason is both at once; particular skills alone still lean this way, a job
    # alone does not (that person asked for a whole curriculum).
    specific = a["need"] == "specific-skills"
    return (1.0 if a["employed_technical"] else 0.5) if specific else 0.0


def _portfolio(a: Flat, c: Context) -> float:
    return 1.0 if a["wants_portfolio"] else 0.0


def _experienced(a: Flat, c: Context) -> float:
    if a["credential_required"] == "yes":  # one of OFF_UNDER_FILTER
        return 0.0
    return {"senior": 1.0, "mid": 0.6}.get(a["career_stage"], 0.0)


def _flexible(a: Flat, c: Context) -> float:
    # A startup that does filter on a degree is not flexible, whatever the guide says of most.
    flexible = a["employer_type"] in FLEXIBLE and a["credential_required"] != "yes"
    return 1.0 if flexible else 0.0


def _competency(a: Flat, c: Context) -> float:
    # PhD plans count in the research factor, once; this one reads the goal alone.
    if a["credential_required"] == "yes":  # one of OFF_UNDER_FILTER
        return 0.0
    return 1.0 if a["goal"] in COMPETENCY_GOALS else 0.0


def _admission(a: Flat, c: Context) -> float:
    value = 0.0 if a["quant_bachelor"] else 0.7
    value += 0.15 if a["foundations.linear_algebra"] < GAP_BELOW else 0.0
    value += 0.15 if a["foundations.probability_statistics"] < GAP_BELOW else 0.0
    return min(value, 1.0)


Rule = Callable[[Flat, Context], float]
"""A factor's value, 0 to 1, from the answers."""


class FactorSpec(NamedTuple):
    """A factor's fixed part: its direction, the answers it reads, and its rule."""

    toward: Toward
    """The side it pulls toward."""
    fields: tuple[str, ...]
    """Every answers field the rule reads (the flip search re-scores only these)."""
    rule: Rule
    """Its value, 0 to 1."""


FACTORS: dict[str, FactorSpec] = {
    "degree-screening": FactorSpec(
        "degree", ("credential_required", "employer_type", "career_stage"), _screening
    ),
    "research": FactorSpec(
        "degree", ("plans_phd", "goal", "research_access_importance"), _research
    ),
    "structure": FactorSpec("degree", ("wants_structure",), _structure),
    "speed": FactorSpec("courses", ("months_to_goal", "hours_per_week", "quant_bachelor"), _speed),
    "budget": FactorSpec("courses", ("budget_usd", "quant_bachelor"), _budget),
    "specific-skills": FactorSpec("courses", ("need", "employed_technical"), _skills),
    "portfolio": FactorSpec("courses", ("wants_portfolio",), _portfolio),
    "experienced-hiring": FactorSpec(
        "courses", ("career_stage", "credential_required"), _experienced
    ),
    "flexible-employers": FactorSpec(
        "courses", ("employer_type", "credential_required"), _flexible
    ),
    "competency-roles": FactorSpec("courses", ("goal", "credential_required"), _competency),
    "admission-gap": FactorSpec(
        "courses",
        ("quant_bachelor", "foundations.linear_algebra", "foundations.probability_statistics"),
        _admission,
    ),
}
"""Each factor's direction, the answers it reads, and its 0-1 value."""

PLACEHOLDERS: dict[str, frozenset[str]] = {
    "degree-screening": frozenset({"screening", "employer"}),
    "research": frozenset({"research"}),
    "structure": frozenset({"level"}),
    "speed": frozenset({"months", "course_months", "degree_months", "hours"}),
    "budget": frozenset({"budget", "cheapest"}),
    "specific-skills": frozenset({"situation"}),
    "portfolio": frozenset(),
    "experienced-hiring": frozenset({"stage"}),
    "flexible-employers": frozenset({"employer", "why_not"}),
    "competency-roles": frozenset({"goal"}),
    "admission-gap": frozenset({"missing"}),
}
"""The `{placeholders}` each factor's reason templates may use."""


# The words -------------------------------------------------------------------------------------


def _screening_words(a: Flat) -> str:
    required = a["credential_required"]
    employer = EMPLOYERS[a["employer_type"]]
    if required == "yes":
        return "say your target employers require a graduate degree"
    if required == "no":
        return "say your target employers do not require a graduate degree"
    if a["employer_type"] in FILTERING:
        return f"are unsure whether your target employers require a degree, and {employer} often do"
    if a["employer_type"] == "big-tech" and a["career_stage"] == "entry":
        return (
            "are unsure whether big tech employers will require a degree of you, and their "
            "entry-level hiring often checks education"
        )
    return f"are unsure whether your target employers require a degree; {employer} seldom do"


def _research_words(a: Flat) -> str:
    if a["plans_phd"]:
        return "plan a PhD or a research career"
    goal = GOALS[a["goal"]]
    level = a["research_access_importance"]
    if level > 3:
        return f"rated research access {level}/5 and are aiming at {goal}"
    return f"are aiming at {goal} and rated research access {level}/5"


def details(factor_id: str, a: Flat, c: Context) -> dict[str, str]:
    """The values for a factor's reason template."""
    employer = EMPLOYERS[a["employer_type"]]
    if factor_id == "degree-screening":
        return {"screening": _screening_words(a), "employer": employer}
    if factor_id == "research":
        return {"research": _research_words(a)}
    if factor_id == "structure":
        return {"level": str(a["wants_structure"])}
    if factor_id == "experienced-hiring":
        return {"stage": a["career_stage"]}
    if factor_id == "speed":
        return {
            "months": str(a["months_to_goal"]),
            "course_months": f"{course_months(a, c):.0f}",
            "degree_months": f"{shortest_months(a, c):.0f}",
            "hours": str(a["hours_per_week"]),
        }
    if factor_id == "budget":
        found = cheapest(a, c)
        if found is None:
            text = "none has a known cost"
        else:
            degree, need = found
            text = f"{degree.name}, about {usd(need)}"
        return {"budget": usd(a["budget_usd"]), "cheapest": text}
    if factor_id == "specific-skills":
        specific = a["need"] == "specific-skills"
        if specific and a["employed_technical"]:
            situation = "work in a technical job already and want particular skills"
        elif specific:
            situation = "want particular skills more than a whole curriculum"
        else:
            situation = "work in a technical job already"
        return {"situation": situation}
    if factor_id == "flexible-employers":
        if a["credential_required"] == "yes" and a["employer_type"] in FLEXIBLE:
            why_not = f"you say the {employer} you aim at require a degree"
        else:
            why_not = (
                f"you are aiming at {employer}, not at the mid-size firms and startups that tend "
                "to be relaxed about credentials"
            )
        return {"employer": employer, "why_not": why_not}
    if factor_id == "competency-roles":
        return {"goal": GOALS[a["goal"]]}
    if factor_id == "admission-gap":
        missing = []
        if not a["quant_bachelor"]:
            missing.append("have no quantitative bachelor's")
        weak = [
            f"{FOUNDATION_NAMES[f]} is at level {a['foundations.' + f]}"
            for f in ("linear_algebra", "probability_statistics")
            if a[f"foundations.{f}"] < GAP_BELOW
        ]
        if weak:
            missing.append("your " + " and ".join(weak))
        return {"missing": ", and ".join(missing) or "meet the basics"}
    return {}
