"""Scoring, pure: answers + catalog + weights -> an explained degree-or-courses recommendation.

Each factor is a rule fixed here (which answers it reads, which way it pulls, a value from 0 to
1 that only ever moves one way as its inputs do) times a weight read from `data/scoring.toml`.
The side with more points wins; programs are ranked on their own terms; the flip is the
cheapest change of one or two answers that switches the path, found by re-scoring. `score`
does no I/O: `load_weights` reads the table once, separately.
"""

from __future__ import annotations

import math
import string
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from mlroute import paths
from mlroute.answers import ALLOWED, FIELDS, RANGES, Answers, flat, with_changes
from mlroute.catalog.models import Catalog, Program
from mlroute.plan import GAP_BELOW, Outline, PathName, build_plan, cost_text, foundation_gaps
from mlroute.plan import outline as plan_outline
from mlroute.tomlfile import TomlFileError, read_toml, validation_problems

Toward = PathName
"""The side a factor pulls toward."""

FactorId = Literal[
    "credential-filter",
    "research-career",
    "structure",
    "entry-screening",
    "research-access",
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

Confidence = Literal["low", "medium", "high"]
"""How sure the verdict is, from the margin."""

Signal = Literal["strong", "moderate", "varies"]


# The rules ------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Context:
    """What the rules need from the catalog and the thresholds, computed once per `score`."""

    degree_months: float
    """The shortest typical duration of a degree program, in months."""
    fast_months: float
    """A deadline at or under this pulls fully toward courses."""
    cheapest_ref: float | None
    """What the cheapest degree with a known cost needs to be covered, in USD."""
    cheapest_text: str
    """That program and its cost, in words."""
    max_ref: float | None
    """What the dearest degree with a known cost needs, in USD."""
    refs: tuple[float, ...]
    """Every degree's lower and upper cost figure, for the budget candidates of the flip."""


Flat = Mapping[str, Any]
Rule = Callable[[Flat, _Context], float]

_FILTERING = frozenset({"large-enterprise", "defense", "research-lab", "academia"})
_FLEXIBLE = frozenset({"mid-size", "startup"})
_COMPETENCY_GOALS = frozenset({"ml-engineering", "data-science", "applied-research"})


def _credential(a: Flat, c: _Context) -> float:
    required = a["credential_required"]
    if required == "yes":
        return 1.0
    if required == "no":
        return 0.0
    employer = a["employer_type"]
    # Unsure: lean on the guide's list of employers that filter on degree level.
    return 0.5 if employer in _FILTERING else 0.3 if employer == "big-tech" else 0.1


def _research(a: Flat, c: _Context) -> float:
    if a["plans_phd"]:
        return 1.0
    return {"research": 0.6, "academia-adjacent": 0.5, "applied-research": 0.2}.get(a["goal"], 0.0)


def _structure(a: Flat, c: _Context) -> float:
    return max(0, a["wants_structure"] - 2) / 3


def _entry(a: Flat, c: _Context) -> float:
    if a["career_stage"] != "entry":
        return 0.0
    return {"big-tech": 1.0, "large-enterprise": 0.5}.get(a["employer_type"], 0.0)


def _access(a: Flat, c: _Context) -> float:
    return (a["research_access_importance"] - 1) / 4


def _speed(a: Flat, c: _Context) -> float:
    months = a["months_to_goal"]
    if months >= c.degree_months:
        return 0.0
    if months <= c.fast_months or c.degree_months <= c.fast_months:
        return 1.0
    return (c.degree_months - months) / (c.degree_months - c.fast_months)


def _budget(a: Flat, c: _Context) -> float:
    if c.cheapest_ref is None or c.cheapest_ref <= 0:
        return 0.0
    return max(0.0, 1.0 - a["budget_usd"] / c.cheapest_ref)


def _skills(a: Flat, c: _Context) -> float:
    specific = a["need"] == "specific-skills"
    employed = a["employed_technical"]
    return 1.0 if specific and employed else 0.5 if specific else 0.25 if employed else 0.0


def _portfolio(a: Flat, c: _Context) -> float:
    return 1.0 if a["wants_portfolio"] else 0.0


def _experienced(a: Flat, c: _Context) -> float:
    return {"senior": 1.0, "mid": 0.6}.get(a["career_stage"], 0.0)


def _flexible(a: Flat, c: _Context) -> float:
    # A startup that does filter on a degree is not flexible, whatever the guide says of most.
    flexible = a["employer_type"] in _FLEXIBLE and a["credential_required"] != "yes"
    return 1.0 if flexible else 0.0


def _competency(a: Flat, c: _Context) -> float:
    return 1.0 if a["goal"] in _COMPETENCY_GOALS and not a["plans_phd"] else 0.0


def _admission(a: Flat, c: _Context) -> float:
    value = 0.0 if a["quant_bachelor"] else 0.7
    value += 0.15 if a["foundations.linear_algebra"] < GAP_BELOW else 0.0
    value += 0.15 if a["foundations.probability_statistics"] < GAP_BELOW else 0.0
    return min(value, 1.0)


@dataclass(frozen=True, slots=True)
class _RuleSpec:
    toward: Toward
    fields: tuple[str, ...]
    rule: Rule


RULES: dict[str, _RuleSpec] = {
    "credential-filter": _RuleSpec("degree", ("credential_required", "employer_type"), _credential),
    "research-career": _RuleSpec("degree", ("plans_phd", "goal"), _research),
    "structure": _RuleSpec("degree", ("wants_structure",), _structure),
    "entry-screening": _RuleSpec("degree", ("career_stage", "employer_type"), _entry),
    "research-access": _RuleSpec("degree", ("research_access_importance",), _access),
    "speed": _RuleSpec("courses", ("months_to_goal",), _speed),
    "budget": _RuleSpec("courses", ("budget_usd",), _budget),
    "specific-skills": _RuleSpec("courses", ("need", "employed_technical"), _skills),
    "portfolio": _RuleSpec("courses", ("wants_portfolio",), _portfolio),
    "experienced-hiring": _RuleSpec("courses", ("career_stage",), _experienced),
    "flexible-employers": _RuleSpec("courses", ("employer_type", "credential_required"), _flexible),
    "competency-roles": _RuleSpec("courses", ("goal", "plans_phd"), _competency),
    "admission-gap": _RuleSpec(
        "courses",
        ("quant_bachelor", "foundations.linear_algebra", "foundations.probability_statistics"),
        _admission,
    ),
}
"""Each factor's direction, the answers it reads, and its 0-1 value."""

PLACEHOLDERS: dict[str, frozenset[str]] = {
    "credential-filter": frozenset({"credential", "employer"}),
    "research-career": frozenset({"research", "goal"}),
    "structure": frozenset({"level"}),
    "entry-screening": frozenset({"stage", "employer"}),
    "research-access": frozenset({"level"}),
    "speed": frozenset({"months", "degree_months"}),
    "budget": frozenset({"budget", "cheapest"}),
    "specific-skills": frozenset({"situation"}),
    "portfolio": frozenset(),
    "experienced-hiring": frozenset({"stage"}),
    "flexible-employers": frozenset({"employer", "filter_note"}),
    "competency-roles": frozenset({"goal"}),
    "admission-gap": frozenset({"missing"}),
}
"""The `{placeholders}` each factor's reason templates may use."""


# The scoring table ----------------------------------------------------------------------------


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


def _placeholders(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name is not None}


class FactorWeight(_Frozen):
    """One factor as the scoring table describes it."""

    id: FactorId
    """Which rule this is."""
    name: str = Field(min_length=1)
    """Display name."""
    toward: Toward
    """Which side it pulls toward; must match the rule's fixed direction."""
    weight: float = Field(ge=0, le=100)
    """Points when the factor applies fully."""
    reason: str = Field(min_length=1)
    """Why it pulls, as a template; cites the guide."""
    reason_zero: str = Field(min_length=1)
    """Why it does not pull for this person, as a template."""

    @model_validator(mode="after")
    def _consistent(self) -> FactorWeight:
        expected = RULES[self.id].toward
        if self.toward != expected:
            raise ValueError(
                f"factor {self.id!r} pulls toward {expected!r}; its direction is fixed by its rule"
            )
        allowed = PLACEHOLDERS[self.id]
        for template in (self.reason, self.reason_zero):
            unknown = _placeholders(template) - allowed
            if unknown:
                names = ", ".join(sorted(unknown))
                offered = ", ".join(sorted(allowed)) or "none"
                raise ValueError(f"unknown placeholder(s) {names}; this factor offers: {offered}")
        return self


class ConfidenceBands(_Frozen):
    """Margins that separate low, medium and high confidence, and how each is said."""

    low_below: float = Field(gt=0)
    """A margin under this is low confidence."""
    high_from: float = Field(gt=0)
    """A margin of at least this is high confidence."""
    low: str = Field(min_length=1)
    """Sentence for low confidence; may use {margin} and {winner}."""
    medium: str = Field(min_length=1)
    """Sentence for medium confidence."""
    high: str = Field(min_length=1)
    """Sentence for high confidence."""

    @model_validator(mode="after")
    def _ordered(self) -> ConfidenceBands:
        if self.high_from < self.low_below:
            raise ValueError("high_from must be at least low_below")
        for template in (self.low, self.medium, self.high):
            unknown = _placeholders(template) - {"margin", "winner"}
            if unknown:
                raise ValueError(f"unknown placeholder(s) {', '.join(sorted(unknown))}")
        return self


class Thresholds(_Frozen):
    """Numbers the rules use besides the weights."""

    fast_months: float = Field(ge=1, le=120)
    """A deadline this short pulls fully toward courses."""
    fallback_degree_months: float = Field(gt=0, le=240)
    """Degree length to assume when the catalog has no degree program."""
    open_ended_multiplier: float = Field(ge=1, le=10)
    """An open-ended cost ("$20,000+") needs up to this times its floor to be covered."""


class ProgramWeights(_Frozen):
    """Points for ranking programs."""

    signal_strong: float
    """A strong hiring signal."""
    signal_moderate: float
    """A moderate hiring signal."""
    signal_varies: float
    """A signal that varies (certificates)."""
    brand: float = Field(ge=0)
    """Brand recognition, times the person's importance and the program's trait."""
    research: float = Field(ge=0)
    """Research access, likewise."""
    cost: float = Field(ge=0)
    """Cheapness, times how little brand and research matter to the person."""
    region: float = Field(ge=0)
    """A local edge where the person is based."""
    cannot_cover: float = Field(le=0)
    """The budget is below the lowest figure."""
    might_not_cover: float = Field(le=0)
    """The budget covers the lowest figure but maybe not the whole cost."""
    cost_unknown: float = Field(le=0)
    """The catalog has no cost figure."""
    ineligible: float = Field(le=0)
    """A quantitative bachelor's is required and missing."""
    missing_coursework: float = Field(le=0)
    """Expected foundation coursework is below a solid level (once per program)."""
    certificate_under_filter: float = Field(le=0)
    """A certificate, when the target employers filter on a graduate degree."""
    too_long: float = Field(le=0)
    """The program's shortest duration is longer than the person's deadline."""


class Traits(_Frozen):
    """How a program scores on brand recognition and research access."""

    brand: float = Field(ge=0, le=1)
    """0 to 1."""
    research: float = Field(ge=0, le=1)
    """0 to 1."""


class Weights(_Frozen):
    """The whole scoring table (`data/scoring.toml`)."""

    schema_version: Literal[1]
    """Format version."""
    confidence: ConfidenceBands
    """Confidence bands."""
    thresholds: Thresholds
    """Rule thresholds."""
    factors: tuple[FactorWeight, ...]
    """Every factor, each once."""
    programs: ProgramWeights
    """Program ranking points."""
    program_traits: dict[str, Traits] = {}
    """Traits by program id."""
    default_traits: dict[Signal, Traits]
    """Traits for programs not listed, by signal."""

    @field_validator("factors")
    @classmethod
    def _every_factor_once(cls, factors: tuple[FactorWeight, ...]) -> tuple[FactorWeight, ...]:
        ids = [factor.id for factor in factors]
        repeated = sorted({i for i in ids if ids.count(i) > 1})
        missing = [i for i in RULES if i not in ids]
        if repeated:
            raise ValueError(f"factor(s) listed more than once: {', '.join(repeated)}")
        if missing:
            raise ValueError(f"factor(s) missing: {', '.join(missing)}")
        return factors

    @field_validator("default_traits")
    @classmethod
    def _every_signal(cls, traits: dict[Signal, Traits]) -> dict[Signal, Traits]:
        missing = [s for s in ("strong", "moderate", "varies") if s not in traits]
        if missing:
            raise ValueError(f"missing signal(s): {', '.join(missing)}")
        return traits

    def traits(self, program: Program) -> Traits:
        """A program's traits: its own entry, or the default for its signal."""
        return self.program_traits.get(program.id) or self.default_traits[program.signal]


def weights_path() -> Path:
    """The bundled scoring table."""
    return paths.bundled_data_dir() / "scoring.toml"


def load_weights(path: Path | None = None) -> Weights:
    """Read and validate a scoring table (the bundled one by default).

    Raises TomlFileError with every problem located as FILE:LINE: field.
    """
    path = path or weights_path()
    text, data = read_toml(path)
    try:
        return Weights.model_validate(data)
    except ValidationError as error:
        raise TomlFileError(validation_problems(error, str(path), text)) from None


# The recommendation ---------------------------------------------------------------------------


class FactorResult(_Frozen):
    """One factor's part in the verdict."""

    id: str
    """Factor id."""
    name: str
    """Display name."""
    toward: Toward
    """Which side it pulls toward."""
    weight: float
    """Points when it applies fully."""
    value: float
    """How much it applies, 0 to 1."""
    contribution: float
    """Signed points: positive toward the degree, negative toward courses."""
    reason: str
    """Why, in words, citing the guide."""


class ProgramResult(_Frozen):
    """One program, scored for this person."""

    id: str
    """Catalog id."""
    title: str
    """Display name."""
    kind: Literal["degree", "certificate"]
    """Degree or certificate."""
    score: float
    """Points; higher is better. Programs are listed best first."""
    affordable: bool | None
    """True when the budget covers the highest cost figure, False when it is below the lowest;
    None when it falls in between, the cost is open-ended beyond the budget, or unknown."""
    covers: Literal["yes", "maybe", "no", "unknown"]
    """The same in one word."""
    cost: str
    """The cost in words."""
    reasons: tuple[str, ...]
    """What speaks for it, for this person."""
    warnings: tuple[str, ...]
    """What to watch: eligibility, cost against the budget, signal, duration."""


class Change(_Frozen):
    """A change to one answer."""

    field: str
    """Answers-file key, dotted for foundations (`foundations.calculus`)."""
    value: str | int | bool
    """A valid value for it."""


class Recommendation(_Frozen):
    """The advisor's answer, with its work shown."""

    path: PathName
    """The recommended path."""
    verdict: str
    """The verdict in one sentence."""
    degree_points: float
    """Points toward the degree."""
    course_points: float
    """Points toward courses."""
    net: float
    """Degree points minus course points; the path is the degree when this is above 0."""
    margin: float
    """How far apart the two sides are (the absolute net)."""
    confidence: Confidence
    """Low, medium or high, from the margin."""
    confidence_text: str
    """The confidence in a plain sentence."""
    factors: tuple[FactorResult, ...]
    """Every factor, largest contribution first."""
    deciding: tuple[str, ...]
    """Ids of the (up to) three largest factors on the winning side."""
    programs: tuple[ProgramResult, ...]
    """Every program, best first, whichever path wins."""
    prerequisite_gaps: tuple[str, ...]
    """Foundation ids below a solid level, in the order to study them."""
    plan: Outline
    """The plan's outline for the path, around the top program."""
    flip: tuple[Change, ...]
    """The smallest change of one or two answers that switches the path; empty if none."""
    flip_text: str
    """The flip in words."""


# Text helpers ---------------------------------------------------------------------------------

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


def _usd(amount: float) -> str:
    return f"${amount:,.0f}"


def _details(factor_id: str, a: Flat, c: _Context) -> dict[str, str]:
    employer = EMPLOYERS[a["employer_type"]]
    if factor_id == "credential-filter":
        if a["credential_required"] == "yes":
            credential = "say your target employers filter on a graduate degree"
        else:
            often = "often do" if a["employer_type"] in _FILTERING else "sometimes do"
            credential = (
                f"are not sure whether your target employers filter on a degree, and {employer} "
                f"{often}"
            )
        return {"credential": credential, "employer": employer}
    if factor_id == "research-career":
        research = (
            "plan a PhD or a research career"
            if a["plans_phd"]
            else f"are aiming at {GOALS[a['goal']]}"
        )
        return {"research": research, "goal": GOALS[a["goal"]]}
    if factor_id == "structure":
        return {"level": str(a["wants_structure"])}
    if factor_id == "research-access":
        return {"level": str(a["research_access_importance"])}
    if factor_id in ("entry-screening", "experienced-hiring"):
        return {"stage": a["career_stage"], "employer": employer}
    if factor_id == "speed":
        return {"months": str(a["months_to_goal"]), "degree_months": f"{c.degree_months:g}"}
    if factor_id == "budget":
        return {"budget": _usd(a["budget_usd"]), "cheapest": c.cheapest_text}
    if factor_id == "specific-skills":
        specific = a["need"] == "specific-skills"
        if specific and a["employed_technical"]:
            situation = "already work in a technical role and need specific skills"
        elif specific:
            situation = "need specific skills rather than a broad curriculum"
        else:
            situation = "already work in a technical role"
        return {"situation": situation}
    if factor_id == "flexible-employers":
        note = (
            ", and you say they filter on a degree"
            if a["credential_required"] == "yes" and a["employer_type"] in _FLEXIBLE
            else ""
        )
        return {"employer": employer, "filter_note": note}
    if factor_id == "competency-roles":
        return {"goal": GOALS[a["goal"]]}
    if factor_id == "admission-gap":
        missing = []
        if not a["quant_bachelor"]:
            missing.append("do not have a quantitative bachelor's")
        weak = [
            f"{FOUNDATION_NAMES[f]} is at level {a['foundations.' + f]}"
            for f in ("linear_algebra", "probability_statistics")
            if a[f"foundations.{f}"] < GAP_BELOW
        ]
        if weak:
            missing.append("your " + " and ".join(weak))
        return {"missing": ", and ".join(missing) or "meet the basics"}
    return {}


def _reason(factor: FactorWeight, value: float, a: Flat, c: _Context) -> str:
    if factor.id == "budget" and c.cheapest_ref is None:
        return "No degree in the catalog has a known cost, so your budget could not be compared."
    template = factor.reason if value > 0 and factor.weight > 0 else factor.reason_zero
    return template.format(**_details(factor.id, a, c))


# Context from the catalog ---------------------------------------------------------------------


def _upper(program: Program, thresholds: Thresholds) -> float | None:
    """What a budget must reach to cover a program's cost; None when the cost is unknown."""
    cost = program.cost_usd
    if cost is None or not program.cost_known:
        return None
    return float(cost.max) if cost.max is not None else cost.min * thresholds.open_ended_multiplier


def _context(catalog: Catalog, weights: Weights) -> _Context:
    thresholds = weights.thresholds
    degrees = [p for p in catalog.programs if p.kind == "degree"]
    months = [p.duration_years.min * 12 for p in degrees]
    priced = [(ref, p) for p in degrees if (ref := _upper(p, thresholds)) is not None]
    refs: set[float] = set()
    for ref, program in priced:
        refs.add(ref)
        if program.cost_usd is not None:
            refs.add(float(program.cost_usd.min))
    cheapest = min(priced, key=lambda pair: pair[0]) if priced else None
    return _Context(
        degree_months=round(min(months), 1) if months else thresholds.fallback_degree_months,
        fast_months=thresholds.fast_months,
        cheapest_ref=cheapest[0] if cheapest else None,
        cheapest_text=(
            f"{cheapest[1].institution}: {cost_text(cheapest[1].cost_usd)}" if cheapest else ""
        ),
        max_ref=max(ref for ref, _ in priced) if priced else None,
        refs=tuple(sorted(refs)),
    )


# The verdict ----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Table:
    """The factors ready for fast evaluation: signed weights, rules, and who reads what."""

    factors: tuple[FactorWeight, ...]
    signed: tuple[float, ...]
    rules: tuple[Rule, ...]
    readers: dict[str, tuple[int, ...]]
    """For each answers field, the indexes of the factors that read it."""


def _table(weights: Weights) -> _Table:
    factors = weights.factors
    readers: dict[str, list[int]] = {}
    for index, factor in enumerate(factors):
        for field in RULES[factor.id].fields:
            readers.setdefault(field, []).append(index)
    return _Table(
        factors=factors,
        signed=tuple(f.weight if f.toward == "degree" else -f.weight for f in factors),
        rules=tuple(RULES[f.id].rule for f in factors),
        readers={field: tuple(indexes) for field, indexes in readers.items()},
    )


def _contributions(a: Flat, c: _Context, t: _Table) -> list[float]:
    return [signed * rule(a, c) for signed, rule in zip(t.signed, t.rules, strict=True)]


def net_score(answers: Answers, catalog: Catalog, weights: Weights) -> float:
    """Degree points minus course points, and nothing else: the cheap core of `score`.

    The path is the degree when this is above 0.
    """
    a = flat(answers)
    return sum(_contributions(a, _context(catalog, weights), _table(weights)))


def path_of(net: float) -> PathName:
    """The path a net score points to."""
    # A tie goes to courses: without a reason for the degree, the guide calls the knowledge path
    # faster and substantially cheaper.
    return "degree" if net > 0 else "courses"


# The flip -------------------------------------------------------------------------------------

# What a change costs, so that the flip found is a natural one: toggling a preference is
# cheap; facts about a person (their degree, their job) are dear; numbers cost by how far
# they move.
_CHOICE_COST = {
    "goal": 1.5,
    "plans_phd": 1.0,
    "credential_required": 1.0,
    "employer_type": 1.25,
    "employed_technical": 2.0,
    "need": 1.0,
    "wants_portfolio": 1.0,
    "quant_bachelor": 3.0,
    "region": 2.0,
}
_STAGE_STEP_COST = 2.0
_SCALE_STEP_COST = 0.5
_LEVEL_UP_COST = 0.75
_LEVEL_DOWN_COST = 1.5
_STAGES = ("entry", "mid", "senior")


def _numeric_cost(field: str, old: int, new: int) -> float:
    if field == "budget_usd":
        # A budget is a constraint more than a preference: moving it is dearer than a deadline.
        return 0.75 + 1.5 * abs(new - old) / max(old, 1000)
    if field == "months_to_goal":
        return 0.5 + abs(new - old) / max(old, 6)
    if field.startswith("foundations."):
        return (new - old) * _LEVEL_UP_COST if new > old else (old - new) * _LEVEL_DOWN_COST
    return abs(new - old) * _SCALE_STEP_COST


def _choice_cost(field: str, old: Any, new: Any) -> float:
    if field == "career_stage":
        return _STAGE_STEP_COST * abs(_STAGES.index(new) - _STAGES.index(old))
    return _CHOICE_COST.get(field, 1.0)


def _round_to(value: float, step: int, up: bool) -> int:
    return int(math.ceil(value / step) * step if up else math.floor(value / step) * step)


def _grid(field: str, current: int, c: _Context) -> set[int]:
    """Values worth trying for the two open-ended numeric fields."""
    if field == "budget_usd":
        values = {0, _round_to(current / 2, 100, False), current * 2}
        values |= {_round_to(ref, 100, True) for ref in c.refs}
        if c.cheapest_ref is not None and current < c.cheapest_ref:
            values.add(_round_to((current + c.cheapest_ref) / 2, 100, True))
        return {v for v in values if v >= 0}
    low, high = RANGES[field]
    values = {6, 9, 12, 18, 24, 36, 48, math.ceil(c.degree_months), current // 2, current * 2}
    return {v for v in values if low <= v <= (high or v)}


@dataclass(frozen=True, slots=True)
class _Candidate:
    field: str
    value: Any
    cost: float
    rank: tuple[int, int]
    """Tie-break: the field's position in the file, then the value's position."""
    delta: float
    """How the net changes when this change is made alone."""
    readers: frozenset[int]


class _Search:
    """Finds the flip by re-scoring candidate changes; only the factors a change touches are
    re-evaluated, which is exact because the net is a sum of per-factor contributions."""

    def __init__(self, a: Flat, c: _Context, t: _Table, contributions: list[float]) -> None:
        self.a = a
        self.c = c
        self.t = t
        self.base = contributions
        self.net = sum(contributions)
        self.up = self.net <= 0  # courses now: the flip must raise the net above 0

    def flips(self, net: float) -> bool:
        return net > 0 if self.up else net <= 0

    def rescore(self, changes: Mapping[str, Any], readers: frozenset[int]) -> float:
        a = {**self.a, **changes}
        net = self.net
        for i in readers:
            net += self.t.signed[i] * self.t.rules[i](a, self.c) - self.base[i]
        return net

    def _threshold(self, field: str, current: int, readers: frozenset[int]) -> int | None:
        """The nearest value of a field the net rises with that flips the path, or None."""
        low, high = RANGES[field]
        if high is None:
            high = max(int(self.c.max_ref or 0), current)
        if self.up:
            far, near = high, current + 1
        else:
            far, near = low, current - 1
        if near < low or near > high or not self.flips(self.rescore({field: far}, readers)):
            return None
        # Invariant: `far` flips; find the value closest to `current` that still does.
        while abs(far - near) > 0:
            middle = (far + near) // 2 if self.up else (far + near + 1) // 2
            if self.flips(self.rescore({field: middle}, readers)):
                far = middle
            else:
                near = middle + 1 if self.up else middle - 1
        if field == "budget_usd":
            far = _round_to(far, 100, self.up)
        return far

    def candidates(self) -> list[_Candidate]:
        found: list[_Candidate] = []
        for position, field in enumerate(FIELDS):
            readers = frozenset(self.t.readers.get(field, ()))
            if not readers:
                continue
            current = self.a[field]
            options: list[tuple[Any, float]]
            if field in ALLOWED:
                options = [
                    (value, _choice_cost(field, current, value))
                    for value in ALLOWED[field]
                    if value != current
                ]
            else:
                low, high = RANGES[field]
                if field in ("budget_usd", "months_to_goal"):
                    values = _grid(field, current, self.c)
                    threshold = self._threshold(field, current, readers)
                    if threshold is not None:
                        values.add(threshold)
                else:
                    values = set(range(low, (high or low) + 1))
                values.discard(current)
                options = [(v, _numeric_cost(field, current, v)) for v in sorted(values)]
            for index, (value, cost) in enumerate(options):
                delta = self.rescore({field: value}, readers) - self.net
                found.append(_Candidate(field, value, cost, (position, index), delta, readers))
        found.sort(key=lambda cand: (cand.cost, cand.rank))
        return found

    def helps(self, candidate: _Candidate) -> bool:
        return candidate.delta > 0 if self.up else candidate.delta < 0

    def singles(self, candidates: list[_Candidate]) -> list[tuple[_Candidate, ...]]:
        return [(cand,) for cand in candidates if self.flips(self.net + cand.delta)]

    def pairs(self, candidates: list[_Candidate]) -> list[tuple[_Candidate, ...]]:
        """Flipping pairs, cheapest first; stops looking once nothing cheaper can exist."""
        found: list[tuple[tuple[float, tuple[int, int], tuple[int, int]], _Candidate, _Candidate]]
        found = []
        best: tuple[float, tuple[int, int], tuple[int, int]] | None = None
        for i, first in enumerate(candidates):
            # Every later candidate costs at least as much as this one.
            if best is not None and 2 * first.cost > best[0]:
                break
            for second in candidates[i + 1 :]:
                key = (first.cost + second.cost, first.rank, second.rank)
                if best is not None and key > best:
                    break
                if second.field == first.field:
                    continue
                if first.readers.isdisjoint(second.readers):
                    if not (self.helps(first) and self.helps(second)):
                        continue
                    net = self.net + first.delta + second.delta
                else:
                    net = self.rescore(
                        {first.field: first.value, second.field: second.value},
                        first.readers | second.readers,
                    )
                if self.flips(net):
                    found.append((key, first, second))
                    if best is None or key < best:
                        best = key
                    break
        found.sort(key=lambda item: item[0])
        return [(first, second) for _, first, second in found]


def find_flip(
    answers: Answers, catalog: Catalog, weights: Weights
) -> tuple[tuple[Change, ...], PathName | None]:
    """The cheapest change of one answer, else of two, that switches the path.

    Returns the changes and the path they lead to, or `((), None)` when no change of one or
    two answers does it. Every flip returned was checked by scoring the changed answers.
    """
    return _find_flip(flat(answers), answers, _context(catalog, weights), _table(weights))


def _find_flip(
    a: Flat, answers: Answers, c: _Context, t: _Table
) -> tuple[tuple[Change, ...], PathName | None]:
    search = _Search(a, c, t, _contributions(a, c, t))
    current = path_of(search.net)
    candidates = search.candidates()
    for group in (search.singles, search.pairs):
        for combo in group(candidates):
            # Said in the order the questionnaire asks them.
            ordered = sorted(combo, key=lambda cand: cand.rank)
            changes = {cand.field: cand.value for cand in ordered}
            changed = with_changes(answers, changes)
            if path_of(sum(_contributions(flat(changed), c, t))) != current:
                flip = tuple(Change(field=f, value=v) for f, v in changes.items())
                return flip, "courses" if current == "degree" else "degree"
    return (), None


def _change_text(field: str, value: Any, a: Flat) -> str:
    old = a[field]
    if field == "credential_required":
        return {
            "yes": "your target employers filtered on a graduate degree",
            "no": "your target employers did not filter on a degree",
            "unsure": "you were unsure whether your target employers filter on a degree",
        }[value]
    if field == "plans_phd":
        return "you planned a PhD or research career" if value else "you did not plan a PhD"
    if field == "goal":
        return f"your goal were {GOALS[value]} rather than {GOALS[old]}"
    if field == "career_stage":
        return f"you were aiming at {value}-level roles rather than {old}-level ones"
    if field == "employer_type":
        return f"you were aiming at {EMPLOYERS[value]} rather than {EMPLOYERS[old]}"
    if field == "budget_usd":
        return f"your budget were {_usd(value)} instead of {_usd(old)}"
    if field == "months_to_goal":
        return f"you gave yourself {value} months instead of {old}"
    if field == "hours_per_week":
        return f"you studied {value} hours a week instead of {old}"
    if field == "wants_structure":
        return f"you rated deadlines and grades {value}/5 instead of {old}/5"
    if field == "employed_technical":
        return (
            "you already worked in a technical role"
            if value
            else "you were not working in a technical role"
        )
    if field == "need":
        return (
            "you needed specific skills rather than a broad curriculum"
            if value == "specific-skills"
            else "you wanted a broad curriculum rather than specific skills"
        )
    if field == "wants_portfolio":
        return "you wanted portfolio projects" if value else "you did not want portfolio projects"
    if field == "quant_bachelor":
        return (
            "you had a quantitative bachelor's"
            if value
            else "you did not have a quantitative bachelor's"
        )
    if field == "region":
        return (
            "you were based in the Pacific Northwest"
            if value == "pacific-northwest"
            else "you were based outside the Pacific Northwest"
        )
    if field == "brand_importance":
        return f"brand recognition mattered {value}/5 to you instead of {old}/5"
    if field == "research_access_importance":
        return f"research access mattered {value}/5 to you instead of {old}/5"
    if field.startswith("foundations."):
        name = FOUNDATION_NAMES[field.split(".", 1)[1]]
        return f"your {name} were at level {value} ({LEVELS[value]}) instead of {old}"
    return f"{field} were {value}"


def flip_text(flip: tuple[Change, ...], path: PathName, answers: Answers) -> str:
    """The flip in words: "If your target employers did not filter on a degree, courses would
    win." `path` is the current path; `answers` the current answers."""
    a = flat(answers)
    other: PathName = "courses" if path == "degree" else "degree"
    if not flip:
        return (
            f"No change of one or two answers would make {PATH_NAMES[other]} win: the verdict "
            "does not hinge on any single answer."
        )
    parts = " and ".join(_change_text(change.field, change.value, a) for change in flip)
    return f"If {parts}, {PATH_NAMES[other]} would win."


# Programs -------------------------------------------------------------------------------------


_MENTION = 1.0
"""A ranking component worth at least this many points is named among a program's reasons."""


def _importance(value: int) -> float:
    return (value - 1) / 4


def _rank_programs(answers: Answers, catalog: Catalog, weights: Weights) -> list[ProgramResult]:
    """Every program, best first; one the budget cannot cover ranks below every one it can."""
    pw = weights.programs
    thresholds = weights.thresholds
    budget = answers.budget_usd
    brand_pull = _importance(answers.brand_importance)
    research_pull = max(
        _importance(answers.research_access_importance), 0.75 if answers.plans_phd else 0.0
    )
    prestige = max(brand_pull, research_pull)
    uppers = {p.id: _upper(p, thresholds) for p in catalog.programs}
    known = [u for u in uppers.values() if u is not None]
    dearest = max(known) if known else None
    region = "the Pacific Northwest" if answers.region == "pacific-northwest" else answers.region
    levels = dict(answers.foundations)
    ranked: list[tuple[tuple[bool, float, int], ProgramResult]] = []
    for index, program in enumerate(catalog.programs):
        reasons: list[str] = []
        warnings: list[str] = []
        points = {"strong": pw.signal_strong, "moderate": pw.signal_moderate}.get(
            program.signal, pw.signal_varies
        )
        if program.signal == "strong":
            reasons.append("Carries a strong signal in ML hiring.")
        elif program.signal == "moderate":
            reasons.append("Carries a moderate signal in ML hiring.")
        if program.kind == "certificate" or program.signal == "varies":
            warnings.append(
                "A certificate: a weaker signal than a degree. Verify that your target employers "
                "recognise this credential, not just that the website looks credible."
            )
        traits = weights.traits(program)
        brand = pw.brand * brand_pull * traits.brand
        if brand >= _MENTION:
            reasons.append(
                f"Brand recognition, which you rated {answers.brand_importance}/5, is a strength."
            )
        research = pw.research * research_pull * traits.research
        if research >= _MENTION:
            why = "you plan a PhD" if answers.plans_phd else "it matters to you"
            reasons.append(f"Offers research access, and {why}.")
        points += brand + research

        upper = uppers[program.id]
        text = cost_text(program.cost_usd, program.cost_known)
        if upper is not None and dearest:
            cheapness = 1 - upper / dearest
            saving = pw.cost * (1 - prestige) * cheapness
            points += saving
            if saving >= _MENTION:
                reasons.append(f"Among the cheapest credentials here ({text}).")
        if answers.region in program.regions:
            points += pw.region
            reasons.append(f"Has a local edge with employers in {region}, where you are based.")

        cost = program.cost_usd
        covers: Literal["yes", "maybe", "no", "unknown"]
        if upper is None or cost is None:
            covers = "unknown"
            points += pw.cost_unknown
            warnings.append("The catalog has no cost figure: find out the total before committing.")
        elif budget >= upper:
            covers = "yes"
            reasons.append(f"Your budget of {_usd(budget)} covers it ({text}).")
            if cost.max is None:
                warnings.append(
                    f"The cost is open-ended ({text}); we assumed it stays under "
                    f"{_usd(upper)}. Check the real total."
                )
        elif budget >= cost.min:
            covers = "maybe"
            points += pw.might_not_cover
            warnings.append(
                f"Your budget of {_usd(budget)} covers the lower figure but maybe not the whole "
                f"cost ({text})."
            )
        else:
            covers = "no"
            points += pw.cannot_cover
            warnings.append(f"Your budget of {_usd(budget)} cannot cover it ({text}).")

        if program.requires_quant_bachelor and not answers.quant_bachelor:
            points += pw.ineligible
            warnings.append(
                "Admission generally requires a bachelor's in CS, engineering, math or a related "
                "quantitative field, which you said you do not have."
            )
        expected = list(program.required_foundations)
        if program.kind == "degree":
            expected += [
                f for f in ("linear_algebra", "probability_statistics") if f not in expected
            ]
        weak = [f for f in expected if levels.get(f, 0) < GAP_BELOW]
        if weak:
            points += pw.missing_coursework
            names = " and ".join(f"{FOUNDATION_NAMES[f]} (level {levels[f]})" for f in weak)
            warnings.append(
                f"Admission expects coursework in {names}; close that gap before applying."
            )
        if program.kind == "certificate" and answers.credential_required == "yes":
            points += pw.certificate_under_filter
            warnings.append(
                "Your target employers filter on a graduate degree; a certificate is unlikely "
                "to pass that filter."
            )
        shortest = program.duration_years.min * 12
        if shortest <= answers.months_to_goal:
            reasons.append(
                f"Can fit your {answers.months_to_goal} months: it takes "
                f"{program.duration_years.min:g}–{program.duration_years.max:g} years part-time."
            )
        else:
            points += pw.too_long
            warnings.append(
                f"Takes at least {program.duration_years.min:g} years part-time, longer than your "
                f"{answers.months_to_goal} months."
            )
        selectivity = program.selectivity
        if selectivity is not None and selectivity.acceptance_rate_below is not None:
            # A long scope note belongs on the program's page, not in a one-line warning.
            short = selectivity.scope and len(selectivity.scope) <= 40
            scope = f" ({selectivity.scope})" if short else ""
            warnings.append(
                f"Competitive to enter: acceptance below "
                f"{selectivity.acceptance_rate_below:.0%}{scope}."
            )
        affordable = {"yes": True, "no": False}.get(covers)
        result = ProgramResult(
            id=program.id,
            title=program.title,
            kind=program.kind,
            score=round(points, 2),
            affordable=affordable,
            covers=covers,
            cost=text,
            reasons=tuple(reasons),
            warnings=tuple(warnings),
        )
        ranked.append(((covers == "no", -points, index), result))
    ranked.sort(key=lambda pair: pair[0])
    return [result for _, result in ranked]


# Putting it together --------------------------------------------------------------------------


def _confidence(margin: float, path: PathName, weights: Weights) -> tuple[Confidence, str]:
    bands = weights.confidence
    level: Confidence = (
        "low" if margin < bands.low_below else "high" if margin >= bands.high_from else "medium"
    )
    winner = "the degree" if path == "degree" else "the course path"
    template = {"low": bands.low, "medium": bands.medium, "high": bands.high}[level]
    return level, template.format(margin=f"{margin:.1f}", winner=winner)


def score(answers: Answers, catalog: Catalog, weights: Weights) -> Recommendation:
    """The recommendation for these answers. Pure and deterministic: no I/O, no clock."""
    a = flat(answers)
    c = _context(catalog, weights)
    t = _table(weights)
    contributions = _contributions(a, c, t)
    net = sum(contributions)
    path = path_of(net)
    degree_points = sum(x for x in contributions if x > 0)
    course_points = -sum(x for x in contributions if x < 0)

    factors = [
        FactorResult(
            id=factor.id,
            name=factor.name,
            toward=factor.toward,
            weight=factor.weight,
            value=round(contribution / signed, 3) if signed else 0.0,
            contribution=round(contribution, 3),
            reason=_reason(factor, contribution / signed if signed else 0.0, a, c),
        )
        for factor, signed, contribution in zip(t.factors, t.signed, contributions, strict=True)
    ]
    order = sorted(range(len(factors)), key=lambda i: (-abs(contributions[i]), i))
    factors = [factors[i] for i in order]
    deciding = tuple(f.id for f in factors if f.toward == path and f.contribution != 0)[:3]

    programs = _rank_programs(answers, catalog, weights)
    # The best degree: the plan's program on the degree path, and what the course path is
    # weighed against on the other. Any program stands in when the catalog has no degree.
    lead = next((p for p in programs if p.kind == "degree"), programs[0] if programs else None)
    top = lead.id if lead else None
    plan = plan_outline(build_plan(catalog, path, top, answers), answers.hours_per_week)
    gaps = foundation_gaps(catalog, dict(answers.foundations))
    flip, _ = _find_flip(a, answers, c, t)
    margin = abs(net)
    confidence, confidence_text = _confidence(margin, path, weights)
    if path == "degree":
        verdict = "Go for a degree" + (f": {lead.title} ranks first for you." if lead else ".")
    else:
        verdict = "Take a structured course path rather than a degree."
    return Recommendation(
        path=path,
        verdict=verdict,
        degree_points=round(degree_points, 3),
        course_points=round(course_points, 3),
        net=round(net, 3),
        margin=round(margin, 3),
        confidence=confidence,
        confidence_text=confidence_text,
        factors=tuple(factors),
        deciding=deciding,
        programs=tuple(programs),
        prerequisite_gaps=gaps,
        plan=plan,
        flip=flip,
        flip_text=flip_text(flip, path, answers),
    )
