"""Scoring: the table, one test per factor, the guide's rules, programs, time, the flip, and
hypothesis properties. The persona suite is in test_personas.py."""

from __future__ import annotations

import builtins
import io
import tomllib
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mlroute.answers import ALLOWED, FIELDS, RANGES, Answers, example_answers, with_changes
from mlroute.catalog import load_catalog
from mlroute.catalog.models import (
    FOUNDATION_IDS,
    Catalog,
    Foundation,
    Program,
    Selectivity,
    UsdRange,
    YearsRange,
)
from mlroute.scoring import (
    FACTORS,
    Recommendation,
    Weights,
    load_weights,
    net_score,
    path_for,
    path_of,
    score,
    weights_path,
)
from mlroute.scoring.flip import change_cost, change_text
from mlroute.scoring.programs import rank_programs
from mlroute.tomlfile import TomlFileError

DAY = date(2026, 11, 25)
S: dict[str, Any] = {"source": "test", "last_verified": DAY}
WEIGHTS = load_weights()


def program(
    pid: str,
    cost: tuple[int, int | None] | None,
    *,
    kind: Any = "degree",
    signal: Any = "strong",
    years: tuple[float, float] = (1.5, 3.0),
    regions: tuple[str, ...] = (),
    delivery: tuple[Any, ...] = ("online-part-time",),
    quant: bool | None = None,
    selectivity: Selectivity | None = None,
) -> Program:
    return Program(
        id=pid,
        title=pid.upper(),
        institution=f"{pid} University",
        kind=kind,
        cost_usd=UsdRange(min=cost[0], max=cost[1], estimate=True) if cost else None,
        cost_known=cost is not None,
        duration_years=YearsRange(min=years[0], max=years[1]),
        delivery=delivery,
        format="online",
        requires_quant_bachelor=kind == "degree" if quant is None else quant,
        required_foundations=("linear_algebra", "probability_statistics")
        if kind == "degree"
        else (),
        suits="s",
        signal=signal,
        regions=regions,
        selectivity=selectivity,
        verify_note="Check.",
        **S,
    )


def small_catalog() -> Catalog:
    """The bundled programs' ids (so the scoring table's traits apply) with numbers set here."""
    return Catalog(
        foundations=tuple(
            Foundation(id=fid, title=fid, order=i, description="d", why="w", **S)
            for i, fid in enumerate(FOUNDATION_IDS, 1)
        ),
        programs=(
            program(
                "gatech-omscs",
                (7000, 10000),
                selectivity=Selectivity(acceptance_rate_below=0.3, rate_scope="on the ML track"),
            ),
            program(
                "cmu-mcds-mlt",
                (20000, None),
                years=(16 / 12, 20 / 12),
                delivery=("in-person-full-time",),
            ),
            program(
                "uw-msds",
                (20000, None),
                signal="moderate",
                regions=("pacific-northwest",),
                delivery=("in-person-part-time", "in-person-full-time"),
            ),
            program(
                "professional-certificate",
                None,
                kind="certificate",
                signal="varies",
                years=(0.25, 1.0),
            ),
        ),
    )


CATALOG = small_catalog()
BASE = example_answers()


def answers(**changes: Any) -> Answers:
    return with_changes(BASE, {k.replace("__", "."): v for k, v in changes.items()})


def rec(catalog: Catalog = CATALOG, **changes: Any) -> Recommendation:
    return score(answers(**changes), catalog, WEIGHTS)


def contribution(r: Recommendation, factor_id: str) -> float:
    return next(f.contribution for f in r.factors if f.id == factor_id)


def weight(factor_id: str) -> float:
    return next(f.weight for f in WEIGHTS.factors if f.id == factor_id)


# A persona that leans toward neither side much, so single factors are easy to see.
NEUTRAL: dict[str, Any] = {
    "goal": "research",
    "credential_required": "no",
    "employer_type": "big-tech",
    "career_stage": "entry",
    "wants_portfolio": False,
    "need": "broad-curriculum",
    "employed_technical": False,
    "budget_usd": 50000,
    "months_to_goal": 36,
    "wants_structure": 3,
    "research_access_importance": 3,
}


# The guide's defense-contractor example: a degree filter, a small budget.
DEFENSE: dict[str, Any] = {
    "credential_required": "yes",
    "employer_type": "defense",
    "budget_usd": 10000,
    "months_to_goal": 30,
    "wants_structure": 3,
    "need": "broad-curriculum",
}


# The scoring table ----------------------------------------------------------------------------


def test_bundled_table_weighs_every_rule_once_in_its_direction() -> None:
    assert sorted(f.id for f in WEIGHTS.factors) == sorted(FACTORS)
    for factor in WEIGHTS.factors:
        assert factor.toward == FACTORS[factor.id].toward
        assert factor.weight > 0
    assert weights_path().name == "scoring.toml"


def _table_text() -> str:
    return weights_path().read_text(encoding="utf-8")


def _problems(text: str, tmp_path: Path) -> list[str]:
    path = tmp_path / "scoring.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(TomlFileError) as caught:
        load_weights(path)
    return [str(problem) for problem in caught.value.problems]


def test_a_factor_turned_around_is_a_located_error(tmp_path: Path) -> None:
    text = _table_text().replace(
        'id = "budget"\nname = "Budget"\ntoward = "courses"',
        'id = "budget"\nname = "Budget"\ntoward = "degree"',
    )
    (problem,) = _problems(text, tmp_path)
    assert "factors.4" in problem and "direction is fixed" in problem
    assert problem.startswith(f"{tmp_path / 'scoring.toml'}:")


def test_an_unknown_placeholder_is_an_error(tmp_path: Path) -> None:
    text = _table_text().replace("You want portfolio projects.", "You want {projects}.")
    (problem,) = _problems(text, tmp_path)
    assert "unknown placeholder(s) projects" in problem


def test_a_negative_weight_and_a_missing_factor_are_errors(tmp_path: Path) -> None:
    text = _table_text().replace("weight = 1.5\n", "weight = -1\n", 1)
    assert any("greater than or equal to 0" in p for p in _problems(text, tmp_path))
    text = _table_text()
    start = text.index('[[factors]]\nid = "portfolio"')
    end = text.index("[[factors]]", start + 5)
    assert any(
        "factor(s) missing: portfolio" in p for p in _problems(text[:start] + text[end:], tmp_path)
    )


def test_bad_confidence_bands_are_an_error(tmp_path: Path) -> None:
    text = _table_text().replace("high_from = 4.0", "high_from = 1.0")
    assert any("high_from must be at least low_below" in p for p in _problems(text, tmp_path))


def test_the_weights_model_is_what_load_weights_returns() -> None:
    assert isinstance(WEIGHTS, Weights) and WEIGHTS.schema_version == 2


def test_without_a_rule_the_sign_of_the_net_decides() -> None:
    assert path_of(0.0) == "courses" and path_of(0.001) == "degree"
    r = rec()
    assert r.rule is None and r.path == path_of(r.net)
    assert net_score(answers(), CATALOG, WEIGHTS) == pytest.approx(r.net, abs=0.001)
    assert r.net == pytest.approx(sum(f.contribution for f in r.factors), abs=0.01)


def test_the_table_has_a_schema_version(tmp_path: Path) -> None:
    text = _table_text().replace("schema_version = 2", "schema_version = 1")
    assert any("schema_version" in p for p in _problems(text, tmp_path))


# One test per factor --------------------------------------------------------------------------


def test_degree_screening_counts_an_unsure_filter_and_entry_screening_once() -> None:
    w = weight("degree-screening")
    assert contribution(rec(**{**NEUTRAL, "credential_required": "yes"}), "degree-screening") == w
    # A new graduate whose big-tech employers do not filter: nothing screens them out.
    assert contribution(rec(**NEUTRAL), "degree-screening") == 0
    unsure = {**NEUTRAL, "credential_required": "unsure"}
    assert contribution(rec(**unsure), "degree-screening") == w / 2  # entry at big tech
    assert contribution(rec(**{**unsure, "career_stage": "mid"}), "degree-screening") < w / 2
    assert contribution(rec(**{**unsure, "employer_type": "defense"}), "degree-screening") == w / 2
    assert contribution(rec(**{**unsure, "employer_type": "startup"}), "degree-screening") == 0
    assert "entry-screening" not in {f.id for f in rec().factors}


def test_research_ambitions_count_once() -> None:
    w = weight("research")
    assert contribution(rec(**NEUTRAL, plans_phd=True), "research") == w
    goal_only = contribution(rec(**NEUTRAL), "research")
    with_access = contribution(rec(**{**NEUTRAL, "research_access_importance": 5}), "research")
    assert 0 < goal_only < w and with_access == max(goal_only, w / 2)
    engineer = {**NEUTRAL, "goal": "ml-engineering"}
    assert contribution(rec(**engineer), "research") == 0
    assert contribution(rec(**{**engineer, "research_access_importance": 5}), "research") == w / 2
    assert "research-access" not in {f.id for f in rec().factors}


@pytest.mark.parametrize(("level", "share"), [(1, 0.0), (2, 0.0), (3, 0.0), (4, 0.5), (5, 1.0)])
def test_middle_ratings_are_neutral(level: int, share: float) -> None:
    engineer = {**NEUTRAL, "goal": "ml-engineering"}
    structure = rec(**{**engineer, "wants_structure": level})
    assert contribution(structure, "structure") == weight("structure") * share
    access = rec(**{**engineer, "research_access_importance": level})
    assert contribution(access, "research") == weight("research") * share / 2


def test_speed_means_faster_than_a_two_year_program() -> None:
    w = weight("speed")
    assert contribution(rec(**{**NEUTRAL, "months_to_goal": 24}), "speed") == 0
    assert contribution(rec(**{**NEUTRAL, "months_to_goal": 23}), "speed") < 0
    assert contribution(rec(**{**NEUTRAL, "months_to_goal": 15}), "speed") == -w / 2
    assert contribution(rec(**{**NEUTRAL, "months_to_goal": 6}), "speed") == -w


def test_speed_counts_only_when_the_course_plan_is_quicker_at_this_pace(bundled: Catalog) -> None:
    hurried = answers(**{**NEUTRAL, "months_to_goal": 6})
    assert contribution(score(hurried, bundled, WEIGHTS), "speed") == -weight("speed")
    crawling = with_changes(hurried, {"hours_per_week": 1})
    slow = score(crawling, bundled, WEIGHTS)
    assert contribution(slow, "speed") == 0
    assert "1 hours a week" in next(f.reason for f in slow.factors if f.id == "speed")


def test_budget_is_compared_with_the_cheapest_degree_you_could_enter() -> None:
    w = weight("budget")
    assert contribution(rec(**{**NEUTRAL, "budget_usd": 10000}), "budget") == 0
    assert contribution(rec(**{**NEUTRAL, "budget_usd": 0}), "budget") == -w
    half = rec(**{**NEUTRAL, "budget_usd": 5000})
    assert contribution(half, "budget") == -w / 2
    assert "$5,000" in next(f.reason for f in half.factors if f.id == "budget")
    open_to_all = CATALOG.model_copy(
        update={"programs": (program("open-door", (30000, 30000), quant=False), *CATALOG.programs)}
    )
    closed = rec(open_to_all, **{**NEUTRAL, "budget_usd": 15000, "quant_bachelor": False})
    assert contribution(closed, "budget") == -w / 2  # only the $30,000 degree is open


def test_budget_without_priced_degrees_says_so() -> None:
    catalog = CATALOG.model_copy(update={"programs": CATALOG.programs[3:]})
    r = rec(catalog, **{**NEUTRAL, "budget_usd": 0})
    assert contribution(r, "budget") == 0
    assert "could not be compared" in next(f.reason for f in r.factors if f.id == "budget")


def test_specific_skills_when_already_employed_in_a_technical_role() -> None:
    full = rec(**{**NEUTRAL, "need": "specific-skills", "employed_technical": True})
    some = rec(**{**NEUTRAL, "need": "specific-skills"})
    assert contribution(full, "specific-skills") == -weight("specific-skills")
    assert contribution(full, "specific-skills") < contribution(some, "specific-skills") < 0
    assert contribution(rec(**NEUTRAL), "specific-skills") == 0


def test_portfolio() -> None:
    wanted = rec(**{**NEUTRAL, "wants_portfolio": True})
    assert contribution(wanted, "portfolio") == -weight("portfolio")
    assert contribution(rec(**NEUTRAL), "portfolio") == 0


def test_experienced_hiring() -> None:
    senior = contribution(rec(**{**NEUTRAL, "career_stage": "senior"}), "experienced-hiring")
    mid = contribution(rec(**{**NEUTRAL, "career_stage": "mid"}), "experienced-hiring")
    assert senior == -weight("experienced-hiring") and senior < mid < 0
    assert contribution(rec(**NEUTRAL), "experienced-hiring") == 0


def test_flexible_employers_unless_they_filter() -> None:
    startup = {**NEUTRAL, "employer_type": "startup"}
    assert contribution(rec(**startup), "flexible-employers") == -weight("flexible-employers")
    filtered = rec(**{**startup, "credential_required": "yes"})
    assert contribution(filtered, "flexible-employers") == 0
    assert "require a degree" in next(
        f.reason for f in filtered.factors if f.id == "flexible-employers"
    )
    assert contribution(rec(**NEUTRAL), "flexible-employers") == 0


def test_competency_roles() -> None:
    engineering = {**NEUTRAL, "goal": "ml-engineering"}
    assert contribution(rec(**engineering), "competency-roles") == -weight("competency-roles")
    # PhD plans count once, in the research factor: the goal alone sets this one.
    assert contribution(rec(**engineering, plans_phd=True), "competency-roles") == -weight(
        "competency-roles"
    )
    assert contribution(rec(**NEUTRAL), "competency-roles") == 0


def test_admission_gap() -> None:
    assert contribution(rec(**NEUTRAL), "admission-gap") == 0
    no_bachelor = contribution(rec(**NEUTRAL, quant_bachelor=False), "admission-gap")
    weak_math = contribution(rec(**NEUTRAL, foundations__linear_algebra=1), "admission-gap")
    assert no_bachelor < weak_math < 0


# The guide's rules before the weights ---------------------------------------------------------

# The case: mid-level, employed in a technical role, a promotion track that requires a
# graduate degree, $4,000. The weighed factors lean toward courses; the filter must win.
PROMOTION_TRACK: dict[str, Any] = {
    "credential_required": "yes",
    "employer_type": "large-enterprise",
    "career_stage": "mid",
    "employed_technical": True,
    "budget_usd": 4000,
    "wants_portfolio": True,
}


@pytest.mark.parametrize("budget", [4000, 12000])
def test_a_hard_filter_decides_for_the_degree_whatever_the_weights(budget: int) -> None:
    r = rec(**{**PROMOTION_TRACK, "budget_usd": budget})
    assert r.path == "degree" and r.rule == "degree-filter"
    assert r.confidence == "high" and "rules" in r.confidence_text
    assert "cannot get you through that check" in r.rule_reason
    assert r.verdict.startswith("Go for a degree: your target employers require one.")
    assert r.programs[0].id == "gatech-omscs"


def test_without_an_enterable_degree_a_filter_means_preparing_for_admission() -> None:
    r = rec(**{**PROMOTION_TRACK, "quant_bachelor": False})
    assert r.rule == "admission-first" and r.path == "courses"
    assert r.verdict.startswith("Prepare for admission first")
    assert r.programs[0].kind == "degree" and not r.programs[0].enterable
    assert r.flips and r.flips[0].kind == "life"


def test_a_filter_leads_with_a_program_the_person_can_enter() -> None:
    catalog = CATALOG.model_copy(
        update={"programs": (*CATALOG.programs, program("open-door", (9000, 9000), quant=False))}
    )
    r = rec(catalog, **{**PROMOTION_TRACK, "quant_bachelor": False, "budget_usd": 9000})
    assert r.rule == "degree-filter" and r.path == "degree"
    assert r.programs[0].id == "open-door" and r.programs[0].enterable
    assert r.plan.program_id == "open-door"


def test_portfolio_hiring_factors_are_off_under_a_hard_filter() -> None:
    r = rec(**{**PROMOTION_TRACK, "employer_type": "startup", "career_stage": "senior"})
    for factor_id in ("experienced-hiring", "competency-roles", "flexible-employers"):
        assert contribution(r, factor_id) == 0, factor_id
    reasons = {f.id: f.reason for f in r.factors}
    assert reasons["experienced-hiring"].startswith("Set aside: your target employers require")


def test_a_budget_short_of_the_program_is_a_money_problem_not_a_switch() -> None:
    r = rec(**PROMOTION_TRACK)
    omscs = r.programs[0]
    assert omscs.covers == "no" and omscs.shortfall_usd == 3000
    assert r.money.startswith(f"{omscs.short_title} costs $7,000–$10,000")
    assert "$3,000 short" in r.money
    assert "tuition support" in r.money and "foundations" in r.money
    assert rec().money == ""  # on the course path there is nothing to pay for


# Programs -------------------------------------------------------------------------------------


def ids(r: Recommendation) -> list[str]:
    return [p.id for p in r.programs]


def by_id(r: Recommendation, pid: str) -> Any:
    return next(p for p in r.programs if p.id == pid)


def test_every_program_is_ranked_whatever_the_path() -> None:
    assert sorted(ids(rec())) == sorted(p.id for p in CATALOG.programs)
    assert sorted(ids(rec(**NEUTRAL, plans_phd=True))) == sorted(p.id for p in CATALOG.programs)


def test_an_open_ended_cost_is_never_covered_by_a_budget_near_its_floor() -> None:
    # The academia-adjacent user with $25,000: CMU's floor is $20,000, its real total
    # much higher, so it is "maybe" at best and ranks below the degree the budget covers.
    for budget in (21000, 25000, 500000):
        r = rec(goal="academia-adjacent", employer_type="academia", budget_usd=budget)
        cmu = by_id(r, "cmu-mcds-mlt")
        assert cmu.covers == "maybe" and cmu.affordable is None
        assert any("open-ended" in w and "check" in w for w in cmu.warnings)
        assert ids(r).index("gatech-omscs") < ids(r).index("cmu-mcds-mlt")


def test_brand_over_cost_lifts_an_open_ended_program() -> None:
    r = rec(budget_usd=150000, brand_importance=5, hours_per_week=40, employed_technical=False)
    assert ids(r)[0] == "cmu-mcds-mlt"
    assert any("open-ended" in w for w in by_id(r, "cmu-mcds-mlt").warnings)


def test_a_local_edge_lifts_uw_for_the_pacific_northwest() -> None:
    seattle: dict[str, Any] = {
        "region": "pacific-northwest",
        "budget_usd": 60000,
        "brand_importance": 3,
    }
    r = rec(**seattle, credential_required="unsure", employer_type="large-enterprise")
    assert ids(r)[0] == "uw-msds"
    assert any("Pacific Northwest" in reason for reason in by_id(r, "uw-msds").reasons)
    elsewhere = rec(**{**seattle, "region": "other"})
    assert ids(elsewhere)[0] != "uw-msds"
    assert any("in person only" in w for w in by_id(elsewhere, "uw-msds").warnings)


def test_a_full_time_program_never_claims_to_fit_a_part_time_timeline() -> None:
    r = rec(months_to_goal=36, hours_per_week=10)
    cmu = by_id(r, "cmu-mcds-mlt")
    assert not cmu.fits_timeline
    assert cmu.duration == "16–20 months full-time" and cmu.delivery == "in person, full-time"
    assert any(w.startswith("Full-time only (16–20 months full-time)") for w in cmu.warnings)
    assert not any("Fits your" in reason for reason in cmu.reasons)
    full_time = by_id(rec(months_to_goal=36, hours_per_week=40), "cmu-mcds-mlt")
    assert full_time.fits_timeline and any("Fits your 36 months" in x for x in full_time.reasons)
    omscs = by_id(r, "gatech-omscs")
    assert omscs.duration == "18–36 months part-time" and omscs.fits_timeline


def test_on_a_degree_verdict_degrees_lead_and_the_plan_uses_the_first() -> None:
    r = rec(**PROMOTION_TRACK)
    assert r.programs[0].kind == "degree" and r.plan.program_id == r.programs[0].id
    assert r.programs[-1].id == "professional-certificate"
    assert r.programs_note == ""


def test_on_a_courses_verdict_the_list_is_secondary_and_agrees_with_the_plan() -> None:
    r = rec()
    assert r.path == "courses" and r.programs_note.startswith("If you later want a credential")
    assert r.plan.program_id == r.programs[0].id


def test_a_known_shortfall_ranks_above_an_unknown_cost() -> None:
    catalog = CATALOG.model_copy(update={"programs": (program("mystery", None), *CATALOG.programs)})
    r = rec(catalog, **PROMOTION_TRACK)
    assert ids(r).index("gatech-omscs") < ids(r).index("mystery")
    assert by_id(r, "mystery").covers == "unknown"


def test_certificates_warn_about_signal_and_recognition() -> None:
    cert = by_id(rec(), "professional-certificate")
    assert any("less weight than a degree" in w and "recognise" in w for w in cert.warnings)
    filtered = by_id(rec(credential_required="yes"), "professional-certificate")
    assert any("unlikely to count" in w for w in filtered.warnings)
    assert filtered.score < cert.score


@pytest.mark.parametrize(
    ("changes", "needle"),
    [
        ({"quant_bachelor": False}, "quantitative subject"),
        ({"foundations__linear_algebra": 1}, "linear algebra (level 1)"),
        ({"foundations__probability_statistics": 0}, "probability and statistics (level 0)"),
    ],
)
def test_each_degree_program_warns_when_eligibility_is_missing(
    changes: dict[str, Any], needle: str
) -> None:
    r = rec(**changes)
    for result in r.programs:
        warned = any(needle in w for w in result.warnings)
        assert warned == (result.kind == "degree"), result.id
    assert not any(needle in w for p in rec().programs for w in p.warnings)


def test_selectivity_keeps_its_scope_and_duration_its_length() -> None:
    omscs = by_id(rec(months_to_goal=9), "gatech-omscs")
    assert (
        "Hard to get into: fewer than 30% of applicants are admitted on the ML track."
        in omscs.warnings
    )
    assert (
        "It typically takes 27 months for you (18–36 months part-time), more than your 9."
        in omscs.warnings
    )


# Time, both ways ------------------------------------------------------------------------------


def test_time_is_told_both_ways(bundled: Catalog) -> None:
    rushed = score(answers(months_to_goal=6, hours_per_week=3), bundled, WEIGHTS)
    assert rushed.misses == ("courses", "degree")
    course_line, degree_line = rushed.timing
    assert course_line.startswith("At 3 hours a week the course path takes about")
    assert "not 6: it would take about" in course_line and "hours a week, or a goal" in course_line
    assert "not 6." in degree_line
    relaxed = score(answers(months_to_goal=60, hours_per_week=10), bundled, WEIGHTS)
    assert relaxed.misses == () and all("inside your 60" in line for line in relaxed.timing)


def test_every_recommendation_reminds_to_verify_the_programs() -> None:
    assert "confirm the current details" in rec().verify


# Gaps and plan --------------------------------------------------------------------------------


def test_prerequisite_gaps_name_every_weak_foundation() -> None:
    r = rec(foundations__python=1, foundations__linear_algebra=0, foundations__calculus=2)
    assert set(r.prerequisite_gaps) == {"linear_algebra", "python"}
    assert rec(foundations__calculus=2).prerequisite_gaps == ()


def test_plan_outline_follows_the_path_and_the_first_program() -> None:
    courses = rec()
    assert courses.plan.path == "courses" and courses.plan.program_id == courses.programs[0].id
    degree = rec(**DEFENSE)
    assert degree.path == "degree"
    assert degree.plan.program_id == "gatech-omscs"
    assert degree.plan.stages[-1].fixed
    assert "OMSCS" in degree.verdict


# What would it take ---------------------------------------------------------------------------


def _flips_when_applied(a: Answers, r: Recommendation, catalog: Catalog) -> None:
    for flip in r.flips:
        changed = with_changes(a, {c.field: c.value for c in flip.changes})
        assert score(changed, catalog, WEIGHTS).path != r.path, flip.text
        assert len({c.field for c in flip.changes}) == len(flip.changes)


def test_a_rule_verdict_names_the_change_of_direction_it_would_take() -> None:
    a = answers(**DEFENSE)
    r = score(a, CATALOG, WEIGHTS)
    assert r.rule == "degree-filter"
    assert [flip.kind for flip in r.flips] == ["life"]
    assert r.flips[0].changes[0].field == "credential_required"
    assert "follows one of the guide's rules" in r.flip_text
    assert "No change within your control (of up to 4 answers) tips it" in r.flip_text
    _flips_when_applied(a, r, CATALOG)


def test_a_practical_flip_is_shown_beside_a_life_goal_one() -> None:
    # A PhD planner whose degree verdict is not overwhelming: dropping the PhD is the cheapest
    # single idea, yet circumstances alone can also tip it.
    a = answers(**{**NEUTRAL, "goal": "ml-engineering", "plans_phd": True, "wants_structure": 4})
    r = score(a, CATALOG, WEIGHTS)
    assert r.path == "degree"
    assert r.flips[0].kind == "practical"
    assert all(c.field not in ("plans_phd", "goal") for c in r.flips[0].changes)
    assert r.flip == r.flips[0].changes
    assert r.flip_text.count("if ") >= 1 and "Within your control" in r.flip_text
    _flips_when_applied(a, r, CATALOG)


def test_a_confident_verdict_names_what_carries_it() -> None:
    r = rec()
    assert r.confidence == "high" and r.flips
    names = [f.name.lower() for f in r.factors if f.id in r.deciding]
    assert r.flip_text.startswith(f"The verdict rests mostly on {names[0]}")
    assert r.carried_by == r.deciding


def _single_changes(a: Answers) -> list[dict[str, Any]]:
    """Every single-field change worth trying, brute force (budgets on a $500 grid)."""
    changes: list[dict[str, Any]] = []
    for field in FIELDS:
        if field in ALLOWED:
            values: list[Any] = list(ALLOWED[field])
        elif field == "budget_usd":
            values = list(range(0, 40_001, 500))
        else:
            low, high = RANGES[field]
            values = list(range(low, (high or low) + 1))
        changes += [{field: v} for v in values if v != getattr(a, field, None)]
    return changes


@pytest.mark.parametrize(
    "persona",
    [DEFENSE, NEUTRAL, {**NEUTRAL, "plans_phd": True, "goal": "ml-engineering"}, {}],
)
def test_the_flip_is_no_dearer_than_any_single_change_that_flips(persona: dict[str, Any]) -> None:
    a = answers(**persona)
    r = score(a, CATALOG, WEIGHTS)
    cheapest = min(flip.cost for flip in r.flips)
    flat_a = {**a.model_dump(), **{f"foundations.{k}": v for k, v in a.foundations}}
    for change in _single_changes(a):
        ((field, value),) = change.items()
        if field.startswith("foundations."):
            continue
        cost = change_cost(field, flat_a[field], value)
        if cost < cheapest - 1e-6:
            assert path_for(with_changes(a, change), CATALOG, WEIGHTS) == r.path, change


def test_change_text_for_each_kind_of_field() -> None:
    a = {**answers().model_dump(), "foundations.calculus": 1, "foundations.python": 2}
    a |= {"foundations.linear_algebra": 2, "foundations.probability_statistics": 2}
    for field in FIELDS:
        value: Any = ALLOWED[field][0] if field in ALLOWED else RANGES[field][0]
        text = change_text(field, value, a)
        assert text and "_" not in text, field


# Purity ---------------------------------------------------------------------------------------


def test_score_does_no_io(monkeypatch: pytest.MonkeyPatch) -> None:
    a = answers()

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("score() must not do I/O")

    monkeypatch.setattr(builtins, "open", refuse)
    monkeypatch.setattr(io, "open", refuse)
    monkeypatch.setattr(Path, "read_bytes", refuse)
    monkeypatch.setattr(Path, "read_text", refuse)
    assert score(a, CATALOG, WEIGHTS).path == "courses"


# Properties -----------------------------------------------------------------------------------


def _values(field: str) -> st.SearchStrategy[Any]:
    if field in ALLOWED:
        return st.sampled_from(ALLOWED[field])
    low, high = RANGES[field]
    return st.integers(low, high if high is not None else 200_000)


any_answers = st.fixed_dictionaries({field: _values(field) for field in FIELDS}).map(
    lambda values: with_changes(BASE, values)
)
BUNDLED = load_catalog(use_overlay=False, use_cache=False).catalog
CATALOGS = {"small": CATALOG, "empty": Catalog(), "bundled": BUNDLED}
# Catalogs drawn by name: a failing example then prints a name, not a whole catalog.
catalogs = st.sampled_from(sorted(CATALOGS)).map(CATALOGS.__getitem__)
with_programs = st.sampled_from(["small", "bundled"]).map(CATALOGS.__getitem__)


@pytest.fixture(scope="module")
def bundled() -> Catalog:
    return BUNDLED


@settings(deadline=None)
@given(any_answers, catalogs)
def test_every_valid_answers_file_scores(a: Answers, catalog: Catalog) -> None:
    r = score(a, catalog, WEIGHTS)
    assert r.path in ("degree", "courses")
    assert len(r.programs) == len(catalog.programs)
    Recommendation.model_validate_json(r.model_dump_json())


@given(any_answers)
def test_scoring_is_deterministic(a: Answers) -> None:
    assert score(a, CATALOG, WEIGHTS) == score(a, CATALOG, WEIGHTS)


@settings(max_examples=300, deadline=None)
@given(any_answers, with_programs)
def test_a_hard_filter_never_yields_courses_when_a_program_is_enterable(
    a: Answers, catalog: Catalog
) -> None:
    filtered = with_changes(a, {"credential_required": "yes"})
    open_ = any(
        p.kind == "degree" and (a.quant_bachelor or not p.requires_quant_bachelor)
        for p in catalog.programs
    )
    r = score(filtered, catalog, WEIGHTS)
    assert r.path == ("degree" if open_ else "courses")
    assert r.programs[0].kind == "degree"


def _net(a: Answers) -> float:
    return net_score(a, CATALOG, WEIGHTS)


@given(any_answers)
def test_a_degree_filter_never_lowers_the_degree_side(a: Answers) -> None:
    assert _net(with_changes(a, {"credential_required": "yes"})) >= _net(a)


@given(any_answers)
def test_planning_a_phd_never_lowers_the_degree_side(a: Answers) -> None:
    assert _net(with_changes(a, {"plans_phd": True})) >= _net(a)


@given(any_answers, st.integers(1, 5))
def test_more_structure_never_lowers_the_degree_side(a: Answers, more: int) -> None:
    higher = min(a.wants_structure + more, 5)
    assert _net(with_changes(a, {"wants_structure": higher})) >= _net(a)


@given(any_answers, st.integers(1, 100_000))
def test_more_budget_never_lowers_the_degree_side(a: Answers, more: int) -> None:
    richer = min(a.budget_usd + more, RANGES["budget_usd"][1] or a.budget_usd + more)
    assert _net(with_changes(a, {"budget_usd": richer})) >= _net(a)


@given(any_answers, st.integers(1, 119))
def test_less_time_never_raises_the_degree_side(a: Answers, less: int) -> None:
    shorter = max(a.months_to_goal - less, 1)
    assert _net(with_changes(a, {"months_to_goal": shorter})) <= _net(a)


@given(any_answers, st.integers(1, 200_000), st.sampled_from(["degree", "courses"]))
def test_raising_the_budget_never_lowers_a_program(a: Answers, more: int, path: Any) -> None:
    groups = {"yes": 0, "maybe": 1, "no": 2, "unknown": 3}
    top = RANGES["budget_usd"][1] or a.budget_usd + more
    richer = with_changes(a, {"budget_usd": min(a.budget_usd + more, top)})
    before = {p.id: p for p in rank_programs(a, BUNDLED, WEIGHTS, path)}
    for after in rank_programs(richer, BUNDLED, WEIGHTS, path):
        assert after.score >= before[after.id].score, after.id
        assert groups[after.covers] <= groups[before[after.id].covers], after.id


@settings(max_examples=150, deadline=None)
@given(any_answers, with_programs)
def test_a_flip_is_always_offered_and_always_flips(a: Answers, catalog: Catalog) -> None:
    r = score(a, catalog, WEIGHTS)
    assert r.flips, r.flip_text
    assert r.flip == r.flips[0].changes
    _flips_when_applied(a, r, catalog)


def test_the_users_own_picks_make_the_plan_the_recommendation_weighs() -> None:
    """A swap on the Plan screen (a slot's longer option): the recommendation weighs, times and
    outlines that plan, one length everywhere; without picks it is the catalog's, as in
    `mlroute advise`."""
    from mlroute.plan import Picks
    from mlroute.scoring.recommend import path_for

    a = Answers.model_validate(
        tomllib.loads(Path("tests/fixtures/answers/engineer-courses.toml").read_text())
    )
    plain = score(a, BUNDLED, WEIGHTS, flips=False)
    longer = Picks({"supervised-regression": "course-ml-specialization"})
    picked = score(a, BUNDLED, WEIGHTS, flips=False, picks=longer)
    assert picked.plan.total_hours > plain.plan.total_hours
    months = f"about {picked.plan.total_months:.0f} months"
    speed = next(f for f in picked.factors if f.id == "speed")
    assert months in picked.timing[0], picked.timing
    assert speed.contribution != 0 and months in speed.reason, speed.reason
    assert path_for(a, BUNDLED, WEIGHTS, longer) == picked.path
    assert score(a, BUNDLED, WEIGHTS, flips=False, picks=Picks()) == plain
