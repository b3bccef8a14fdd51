"""The recommendation: the guide's rules, then the weighed factors, then programs, time and money.

`score` is pure and deterministic (no I/O, no clock). It builds the course plan first, because
the time factor compares the person's months with that plan at their pace; then the rules or
the net decide the path; then programs are ranked for that path, the plan is built around the
first of them, and the search for what would flip the verdict runs, each flip it offers checked
by scoring the changed answers from scratch.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict

from mlroute.answers import Answers, flat, with_changes
from mlroute.catalog.models import Catalog
from mlroute.plan import (
    NO_PICKS,
    Outline,
    PathName,
    Picks,
    Plan,
    ProgramInfo,
    build_plan,
    foundation_gaps,
)
from mlroute.plan import outline as plan_outline
from mlroute.scoring.explain import Confidence, confidence_of, flip_sentence, money_text, timing_of
from mlroute.scoring.factors import (
    FACTORS,
    OFF_UNDER_FILTER,
    Context,
    DegreeFacts,
    Flat,
    cheapest,
    details,
    reach,
)
from mlroute.scoring.flip import Change, Flip, Table, contributions, find_flips
from mlroute.scoring.programs import ProgramResult, rank_programs
from mlroute.scoring.rules import decide
from mlroute.scoring.weights import FactorWeight, Weights

VERIFY = (
    "Programs change their prices, deadlines and admission rules: confirm the current details "
    "on each program's own pages before you plan around them."
)
"""The reminder every recommendation carries."""

PENDING_FLIP_TEXT = "Working out what would change this…"
"""The flip text of a recommendation scored without the flip search."""

OFF_UNDER_FILTER_REASON = (
    "Set aside: your target employers require a graduate degree, so being judged on what you "
    "can show is not the way in there."
)
"""Why a portfolio-hiring factor counts for nothing under a hard degree filter."""


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class FactorResult(_Frozen):
    """One factor's part in the verdict."""

    id: str
    """Factor id."""
    name: str
    """Display name."""
    toward: PathName
    """Which side it pulls toward."""
    weight: float
    """Points when it applies fully."""
    value: float
    """How much it applies, 0 to 1."""
    contribution: float
    """Signed points: positive toward the degree, negative toward courses."""
    reason: str
    """Why, in words."""


class Recommendation(_Frozen):
    """The advisor's answer, with its work shown."""

    path: PathName
    """The recommended path."""
    verdict: str
    """The verdict in one sentence."""
    rule: str | None
    """The id of the guide's rule that decided the path, or None when the factors did."""
    rule_reason: str
    """Why that rule decides, in words; empty when no rule applied."""
    degree_points: float
    """Points toward the degree."""
    course_points: float
    """Points toward courses."""
    net: float
    """Degree points minus course points; without a rule the path is the degree when above 0."""
    margin: float
    """How far apart the two sides are (the absolute net)."""
    confidence: Confidence
    """Low, medium or high."""
    confidence_text: str
    """The confidence in a plain sentence."""
    factors: tuple[FactorResult, ...]
    """Every factor, largest contribution first."""
    deciding: tuple[str, ...]
    """Ids of the (up to) three largest factors on the winning side."""
    programs: tuple[ProgramResult, ...]
    """Every program, best first for this path; the plan uses the first."""
    programs_note: str
    """How to read the list on this path (on the course path: for a credential later)."""
    money: str
    """On the degree path, what to do when the budget falls short of the first program."""
    timing: tuple[str, ...]
    """Each path's length at the person's pace against their months, in words."""
    misses: tuple[PathName, ...]
    """The paths that take longer than the person's months."""
    prerequisite_gaps: tuple[str, ...]
    """Foundation ids below a solid level, in the order to study them."""
    plan: Outline
    """The plan's outline for the path, around the first program."""
    flips: tuple[Flip, ...]
    """What would switch the path: the cheapest practical set first, then any cheaper set that
    changes a life goal. Empty only when nothing tried could switch it."""
    flip: tuple[Change, ...]
    """The first flip's changes (what `f` applies in the app); empty when there is none."""
    carried_by: tuple[str, ...]
    """What the verdict rests on: the rule's id, or the largest factors' ids."""
    flip_text: str
    """What would change the verdict, in words."""
    verify: str
    """A reminder to check the programs' current details."""


def _degrees(catalog: Catalog) -> tuple[DegreeFacts, ...]:
    facts = []
    for p in catalog.programs:
        if p.kind != "degree":
            continue
        cost = p.cost_usd if p.cost_known else None
        facts.append(
            DegreeFacts(
                id=p.id,
                name=p.short_title or p.title,
                requires_quant_bachelor=p.requires_quant_bachelor,
                low_usd=cost.min if cost is not None else None,
                high_usd=cost.max if cost is not None else None,
                months=round((p.duration_years.min + p.duration_years.max) * 6, 1),
                part_time=p.part_time,
            )
        )
    return tuple(facts)


def _table(weights: Weights) -> Table:
    readers: dict[str, list[int]] = {}
    for index, factor in enumerate(weights.factors):
        for field in FACTORS[factor.id].fields:
            readers.setdefault(field, []).append(index)
    # The rules read these too, so a change of them must be re-decided even with no factor.
    for field in ("credential_required", "quant_bachelor"):
        readers.setdefault(field, [])
    return Table(
        signed=tuple(f.weight if f.toward == "degree" else -f.weight for f in weights.factors),
        rules=tuple(FACTORS[f.id].rule for f in weights.factors),
        readers={field: tuple(indexes) for field, indexes in readers.items()},
    )


def _context(
    catalog: Catalog,
    weights: Weights,
    answers: Answers,
    course_plan: Plan | None = None,
    picks: Picks = NO_PICKS,
) -> Context:
    """The factors' context; `course_plan` is the person's course plan when already built,
    else it is built with their `picks`."""
    plan = course_plan or build_plan(
        catalog, "courses", None, answers, choices=picks.choices, started=picks.started
    )
    course = plan_outline(plan, answers.hours_per_week)
    degrees = _degrees(catalog)
    two_years = weights.thresholds.two_year_months
    return Context(
        degrees=degrees,
        two_year_months=two_years,
        fast_months=weights.thresholds.fast_months,
        course_hours=course.total_hours,
        full_time_hours=weights.thresholds.full_time_hours,
        reach={quant: reach(degrees, quant) for quant in (False, True)},
    )


def _reason(factor: FactorWeight, value: float, a: Flat, c: Context) -> str:
    if factor.id in OFF_UNDER_FILTER and a["credential_required"] == "yes":
        return OFF_UNDER_FILTER_REASON
    if factor.id == "budget" and cheapest(a, c) is None:
        return "No degree here has a known cost, so your budget could not be compared."
    template = factor.reason if value > 0 and factor.weight > 0 else factor.reason_zero
    return template.format(**details(factor.id, a, c))


def net_score(answers: Answers, catalog: Catalog, weights: Weights) -> float:
    """Degree points minus course points, before any rule: the cheap core of `score`."""
    a = flat(answers)
    return sum(contributions(a, _context(catalog, weights, answers), _table(weights)))


def path_for(
    answers: Answers, catalog: Catalog, weights: Weights, picks: Picks = NO_PICKS
) -> PathName:
    """The recommended path alone (the rules, then the net), scored from scratch without
    programs or flips: the exact check of every flip offered."""
    a = flat(answers)
    c = _context(catalog, weights, answers, picks=picks)
    path, _ = decide(a, c, sum(contributions(a, c, _table(weights))))
    return path


def _info(catalog: Catalog, program_id: str) -> ProgramInfo:
    program = next(p for p in catalog.programs if p.id == program_id)
    return ProgramInfo(
        id=program.id,
        title=program.title,
        kind=program.kind,
        cost=program.cost_usd,
        cost_known=program.cost_known,
        duration_years=program.duration_years,
    )


def score(
    answers: Answers,
    catalog: Catalog,
    weights: Weights,
    *,
    flips: bool = True,
    picks: Picks = NO_PICKS,
) -> Recommendation:
    """The recommendation for these answers. Pure and deterministic: no I/O, no clock.

    `flips=False` leaves out the search for what would switch the verdict (`flips` is then
    empty and `flip_text` says it is still to come): the app paints the rest of a what-if at
    once and fills the flip in from a worker. `picks` are the options the user picked or
    started on the Plan screen: the course plan the verdict weighs, its timing and the
    outline are then the user's own (`mlroute advise`, with an answers file alone, weighs
    the options the catalog picks for those answers).
    """
    a = flat(answers)
    course_plan = build_plan(
        catalog, "courses", None, answers, choices=picks.choices, started=picks.started
    )
    c = _context(catalog, weights, answers, course_plan)
    t = _table(weights)
    points = contributions(a, c, t)
    net = sum(points)
    path, rule = decide(a, c, net)

    factors = sorted(
        (
            FactorResult(
                id=factor.id,
                name=factor.name,
                toward=factor.toward,
                weight=factor.weight,
                value=round(point / signed, 3) if signed else 0.0,
                contribution=round(point, 3) + 0.0,  # never -0.0
                reason=_reason(factor, point / signed if signed else 0.0, a, c),
            )
            for factor, signed, point in zip(weights.factors, t.signed, points, strict=True)
        ),
        key=lambda f: -abs(f.contribution),
    )
    deciding = tuple(f.id for f in factors if f.toward == path and f.contribution != 0)[:3]

    programs = rank_programs(answers, catalog, weights, path)
    lead = programs[0] if programs else None
    best_degree = next((p for p in programs if p.kind == "degree"), None)
    # The course plan does not depend on the program it is compared with: add it, don't rebuild.
    compared = course_plan.model_copy(update={"program": _info(catalog, lead.id)}) if lead else None
    course_outline = plan_outline(compared or course_plan, answers.hours_per_week)
    degree_outline = (
        plan_outline(
            build_plan(
                catalog,
                "degree",
                best_degree.id,
                answers,
                choices=picks.choices,
                started=picks.started,
            ),
            answers.hours_per_week,
        )
        if best_degree is not None
        else None
    )
    plan = degree_outline if path == "degree" and degree_outline is not None else course_outline
    timing, misses = timing_of(answers, course_outline, degree_outline, best_degree)

    def exact(changes: dict[str, Any]) -> bool:
        return path_for(with_changes(answers, changes), catalog, weights, picks) != path

    found = find_flips(a, c, t, exact) if flips else ()
    margin = abs(net)
    confidence, confidence_text = confidence_of(margin, path, rule, weights)
    names = {f.id: f.name.lower() for f in factors}
    carried = [names[i] for i in deciding]

    if rule is not None and rule.id == "admission-first":
        verdict = (
            "Prepare for admission first: your target employers require a graduate degree, so "
            "build the foundations on the course path, then apply."
        )
    elif path == "degree":
        why = ": your target employers require one" if rule is not None else ""
        first = f" {lead.short_title} ranks first for you." if lead else ""
        verdict = f"Go for a degree{why}.{first}"
    else:
        verdict = "Take a structured course path rather than a degree."
    programs_note = (
        "If you later want a credential as well, these are the programs, best first for you."
        if path == "courses"
        else ""
    )
    return Recommendation(
        path=path,
        verdict=verdict,
        rule=rule.id if rule else None,
        rule_reason=rule.reason if rule else "",
        degree_points=round(sum(x for x in points if x > 0), 3),
        course_points=round(-sum(x for x in points if x < 0), 3),
        net=round(net, 3),
        margin=round(margin, 3),
        confidence=confidence,
        confidence_text=confidence_text,
        factors=tuple(factors),
        deciding=deciding,
        programs=tuple(programs),
        programs_note=programs_note,
        money=money_text(path, lead, answers.budget_usd),
        timing=timing,
        misses=misses,
        prerequisite_gaps=foundation_gaps(catalog, dict(answers.foundations)),
        plan=plan,
        flips=found,
        flip=found[0].changes if found else (),
        carried_by=(rule.id,) if rule else deciding,
        flip_text=(
            flip_sentence(path, found, rule, carried, confidence) if flips else PENDING_FLIP_TEXT
        ),
        verify=VERIFY,
    )
