"""Programs ranked for one person: what speaks for each, what to watch, and the order.

The order follows the guide's rules before any points. On the degree path (and whenever
employers filter on a degree) degrees come before certificates; then a program the person can
enter comes before one they cannot; then one the budget surely covers, one it may not, one it
cannot, and one whose cost nobody knows, in that order. Points (signal, brand, research,
cheapness, a local edge, less penalties) order programs within those groups. Two of the guide's
rules lift a program whose total is open-ended but whose floor the budget meets: brand
mattering more than cost (the guide's case for CMU), and a local edge where the person is based
(its case for UW).
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict

from mlroute.answers import Answers
from mlroute.catalog.models import Catalog, Program
from mlroute.limits import GAP_BELOW
from mlroute.plan import PathName, cost_text
from mlroute.scoring.weights import Weights
from mlroute.scoring.words import DELIVERY_NAMES, FOUNDATION_NAMES, usd

Covers = Literal["yes", "maybe", "no", "unknown"]
"""Whether the budget covers a program's cost."""

MENTION = 1.0
"""A ranking component worth at least this many points is named among a program's reasons."""

PRESTIGE_FIRST = 5
"""A brand (or research access) rating at which it counts for more than cost: the top of the
scale, the guide's case for CMU."""

WELL_ABOVE = 2
"""A budget this many times an open-ended cost's floor is said to be well above it (the
program still counts as 'maybe': nobody knows the top)."""


class ProgramResult(BaseModel):
    """One program, scored for this person."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str
    """Catalog id."""
    title: str
    """Display name."""
    short_title: str
    """A name for a table column (the title when the catalog gives no short one)."""
    kind: Literal["degree", "certificate"]
    """Degree or certificate."""
    score: float
    """Points; higher is better within its group (see the module docstring)."""
    enterable: bool
    """False when admission needs a quantitative bachelor's the person does not have."""
    affordable: bool | None
    """True when the budget covers the highest cost figure, False when it is below the lowest;
    None when it falls in between, the cost is open-ended above the budget, or unknown."""
    covers: Covers
    """The same in one word."""
    cost: str
    """The cost in words."""
    shortfall_usd: int | None
    """How far the budget is below the lowest cost figure; None when it is not below it."""
    delivery: str
    """How it can be taken, in words ("online, part-time")."""
    duration: str
    """Its own typical length, in months."""
    fits_timeline: bool
    """True when its length and format fit the person's months and hours."""
    reasons: tuple[str, ...]
    """What speaks for it, for this person."""
    warnings: tuple[str, ...]
    """What to watch: eligibility, cost against the budget, signal, format, duration."""


def _importance(value: int) -> float:
    return (value - 1) / 4


def _covers(program: Program, budget: int) -> Covers:
    cost = program.cost_usd
    if cost is None or not program.cost_known:
        return "unknown"
    if cost.max is not None and budget >= cost.max:
        return "yes"
    return "maybe" if budget >= cost.min else "no"


def _reference(program: Program) -> float | None:
    """The figure cheapness is judged by: the highest, or the floor of an open-ended cost."""
    cost = program.cost_usd
    if cost is None or not program.cost_known:
        return None
    return float(cost.max if cost.max is not None else cost.min)


def _months(years: float) -> str:
    return f"{years * 12:.0f}"


def rank_programs(
    answers: Answers, catalog: Catalog, weights: Weights, path: PathName
) -> list[ProgramResult]:
    """Every program, in the order described in the module docstring."""
    pw = weights.programs
    budget = answers.budget_usd
    brand_pull = _importance(answers.brand_importance)
    research_pull = max(
        max(0, answers.research_access_importance - 3) / 2, 0.75 if answers.plans_phd else 0.0
    )
    prestige = max(brand_pull, research_pull)
    references = [r for p in catalog.programs if (r := _reference(p)) is not None]
    dearest = max(references) if references else None
    filtering = answers.credential_required == "yes"
    degrees_first = path == "degree" or filtering
    part_time_person = answers.hours_per_week < weights.thresholds.full_time_hours
    levels = dict(answers.foundations)
    ranked: list[tuple[tuple[int, int, int, int, float, int], ProgramResult]] = []
    for index, program in enumerate(catalog.programs):
        reasons: list[str] = []
        warnings: list[str] = []
        points = {"strong": pw.signal_strong, "moderate": pw.signal_moderate}.get(
            program.signal, pw.signal_varies
        )
        if program.signal == "strong":
            reasons.append("Counts for a lot with ML employers.")
        elif program.signal == "moderate":
            reasons.append("Counts for something with ML employers.")
        if program.kind == "certificate" or program.signal == "varies":
            warnings.append(
                "A certificate carries less weight than a degree. Ask whether the employers you "
                "want actually recognise this one; a polished website proves nothing."
            )
        traits = weights.traits(program)
        brand = pw.brand * brand_pull * traits.brand
        if brand >= MENTION:
            reasons.append(f"A well-known name, and you rated brand {answers.brand_importance}/5.")
        research = pw.research * research_pull * traits.research
        if research >= MENTION:
            why = "you plan a PhD" if answers.plans_phd else "research access matters to you"
            reasons.append(f"Close to research labs and advisors, and {why}.")
        points += brand + research

        text = cost_text(program.cost_usd, program.cost_known)
        reference = _reference(program)
        if reference is not None and dearest:
            saving = pw.cost * (1 - prestige) * (1 - reference / dearest)
            points += saving
            if saving >= MENTION:
                reasons.append(f"One of the least expensive credentials here ({text}).")
        if answers.region in program.regions:
            points += pw.region
            reasons.append("Known to employers in the Pacific Northwest, where you are based.")

        covers = _covers(program, budget)
        cost = program.cost_usd
        local = answers.region in program.regions
        # The guide's cases for CMU and UW: brand or research first, or a local edge.
        first = answers.brand_importance >= PRESTIGE_FIRST or (
            answers.research_access_importance >= PRESTIGE_FIRST and traits.research >= 0.5
        )
        lifted = covers == "maybe" and (first or local)
        shortfall: int | None = None
        if covers == "unknown":
            points += pw.cost_unknown
            warnings.append("No cost figure in the catalog: find out the total before you commit.")
        elif covers == "yes":
            reasons.append(f"Your budget of {usd(budget)} covers it ({text}).")
        elif covers == "maybe" and cost is not None and cost.max is None:
            if not lifted:
                points += pw.might_not_cover
            if budget >= cost.min * WELL_ABOVE:
                warnings.append(
                    f"Its cost is open-ended ({text}): your {usd(budget)} is well above that "
                    "floor, but check the real total."
                )
            else:
                warnings.append(
                    f"Its cost is open-ended ({text}): the real total may sit well above that "
                    f"floor, so check it before counting on your {usd(budget)}."
                )
        elif covers == "maybe":
            points += pw.might_not_cover
            warnings.append(
                f"Your {usd(budget)} reaches the low end but perhaps not the whole cost ({text})."
            )
        elif cost is not None:
            shortfall = cost.min - budget
            # A near miss is a savings problem, no worse than a cost that may not be covered; a
            # program far out of reach sinks all the way. More budget never costs points.
            reach = min(1.0, shortfall / max(cost.min, 1) * 2)
            points += pw.might_not_cover + (pw.cannot_cover - pw.might_not_cover) * reach
            warnings.append(
                f"Your {usd(budget)} is at least {usd(shortfall)} short of it ({text})."
            )

        enterable = answers.quant_bachelor or not program.requires_quant_bachelor
        if not enterable:
            points += pw.ineligible
            warnings.append(
                "Admission usually asks for a bachelor's in CS, engineering, maths or a similar "
                "quantitative subject, which you said you do not have."
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
            warnings.append(f"Admission looks for coursework in {names}: close that gap first.")
        if program.kind == "certificate" and filtering:
            points += pw.certificate_under_filter
            warnings.append(
                "Your target employers require a graduate degree, and a certificate is unlikely "
                "to count as one."
            )

        years = program.duration_years
        paces = {"part" if d.endswith("part-time") else "full" for d in program.delivery}
        label = {
            frozenset({"part"}): " part-time",
            frozenset({"full"}): " full-time",
        }.get(frozenset(paces), ", full- or part-time")
        duration = f"{_months(years.min)}–{_months(years.max)} months{label}"
        # The length that applies to this person: the long end when a program taught at both
        # paces is followed part-time (its short end is a full-time pace), the short end when
        # a part-time program is followed full-time, otherwise the middle, as the plan counts.
        if part_time_person and len(paces) == 2:
            length, how = years.max * 12, "can take up to"
        elif not part_time_person and paces == {"part"}:
            length, how = years.min * 12, "takes at least"
        else:
            length, how = (years.min + years.max) * 6, "typically takes"
        fits = True
        if "part" not in paces and part_time_person:
            fits = False
            points += pw.full_time_only
            warnings.append(
                f"Full-time only ({duration}): that needs about "
                f"{weights.thresholds.full_time_hours}+ hours a week, and you plan "
                f"{answers.hours_per_week}."
            )
        in_person_only = all(d.startswith("in-person") for d in program.delivery)
        if in_person_only and not local:
            points += pw.in_person_away
            warnings.append("Taught in person only: you would need to live near the campus.")
        if length > answers.months_to_goal:
            fits = False
            points += pw.too_long
            warnings.append(
                f"It {how} {length:.0f} months for you ({duration}), more than your "
                f"{answers.months_to_goal}."
            )
        elif fits:
            reasons.append(
                f"Fits your {answers.months_to_goal} months: it {how} {length:.0f} months "
                f"for you ({duration})."
            )
        selectivity = program.selectivity
        if selectivity is not None and selectivity.acceptance_rate_below is not None:
            scope = f" {selectivity.rate_scope}" if selectivity.rate_scope else ""
            warnings.append(
                f"Hard to get into: fewer than {selectivity.acceptance_rate_below:.0%} of "
                f"applicants are admitted{scope}."
            )

        # A cost nobody knows comes last: a known shortfall can at least be planned for.
        tier = {"yes": 0, "maybe": 0 if lifted else 1, "no": 2, "unknown": 3}[covers]
        kind_order = 1 if degrees_first and program.kind != "degree" else 0
        result = ProgramResult(
            id=program.id,
            title=program.title,
            short_title=program.short_title or program.title,
            kind=program.kind,
            score=round(points, 2) + 0.0,  # never -0.0
            enterable=enterable,
            affordable={"yes": True, "no": False}.get(covers),
            covers=covers,
            cost=text,
            shortfall_usd=shortfall,
            delivery="; ".join(DELIVERY_NAMES[d] for d in program.delivery),
            duration=duration,
            fits_timeline=fits,
            reasons=tuple(reasons),
            warnings=tuple(warnings),
        )
        # Where the budget covers none of a group, the smallest shortfall leads it: money is
        # then the constraint, and the guide's answer is the cheapest credential with signal.
        key = (kind_order, 0 if enterable else 1, tier, shortfall or 0, -points, index)
        ranked.append((key, result))
    ranked.sort(key=lambda pair: pair[0])
    return [result for _, result in ranked]
