"""Scoring: one test per rule, program ranking, the flip, personas, and hypothesis properties."""

from __future__ import annotations

import builtins
import io
import subprocess
import sys
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
    RULES,
    Recommendation,
    Weights,
    find_flip,
    flip_text,
    load_weights,
    net_score,
    path_of,
    score,
    weights_path,
)
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
        delivery=("online-part-time",),
        format="online",
        requires_quant_bachelor=kind == "degree",
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
                selectivity=Selectivity(acceptance_rate_below=0.3, scope="ML track"),
            ),
            program("cmu-mcds-mlt", (20000, None)),
            program("uw-msds", (20000, None), signal="moderate", regions=("pacific-northwest",)),
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


# A persona that leans toward neither side much, so single rules are easy to see.
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
    "wants_structure": 2,
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
    assert sorted(f.id for f in WEIGHTS.factors) == sorted(RULES)
    for factor in WEIGHTS.factors:
        assert factor.toward == RULES[factor.id].toward
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
    assert "factors.6" in problem and "direction is fixed" in problem
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


# One test per rule ----------------------------------------------------------------------------


def test_credential_filter() -> None:
    required = rec(**{**NEUTRAL, "credential_required": "yes"})
    assert contribution(required, "credential-filter") == weight("credential-filter")
    assert contribution(rec(**NEUTRAL), "credential-filter") == 0
    unsure_defense = rec(**{**NEUTRAL, "credential_required": "unsure", "employer_type": "defense"})
    unsure_startup = rec(**{**NEUTRAL, "credential_required": "unsure", "employer_type": "startup"})
    assert contribution(unsure_defense, "credential-filter") > contribution(
        unsure_startup, "credential-filter"
    )


def test_research_career() -> None:
    assert contribution(rec(**NEUTRAL, plans_phd=True), "research-career") == weight(
        "research-career"
    )
    research = contribution(rec(**NEUTRAL), "research-career")
    engineering = contribution(rec(**{**NEUTRAL, "goal": "ml-engineering"}), "research-career")
    assert 0 < research < weight("research-career") and engineering == 0


def test_structure() -> None:
    assert contribution(rec(**{**NEUTRAL, "wants_structure": 1}), "structure") == 0
    assert contribution(rec(**{**NEUTRAL, "wants_structure": 2}), "structure") == 0
    assert contribution(rec(**{**NEUTRAL, "wants_structure": 5}), "structure") == weight(
        "structure"
    )


def test_entry_screening_at_large_tech_companies() -> None:
    assert contribution(rec(**NEUTRAL), "entry-screening") == weight("entry-screening")
    assert contribution(rec(**{**NEUTRAL, "career_stage": "mid"}), "entry-screening") == 0
    assert contribution(rec(**{**NEUTRAL, "employer_type": "startup"}), "entry-screening") == 0


def test_research_access() -> None:
    r1 = rec(**NEUTRAL, research_access_importance=1)
    r5 = rec(**NEUTRAL, research_access_importance=5)
    assert contribution(r1, "research-access") == 0
    assert contribution(r5, "research-access") == weight("research-access")


def test_speed_compares_the_deadline_with_the_shortest_degree() -> None:
    assert contribution(rec(**{**NEUTRAL, "months_to_goal": 18}), "speed") == 0  # 1.5 years
    assert contribution(rec(**{**NEUTRAL, "months_to_goal": 6}), "speed") == -weight("speed")
    assert contribution(rec(**{**NEUTRAL, "months_to_goal": 12}), "speed") == -weight("speed") / 2


def test_speed_without_degrees_falls_back_to_two_years() -> None:
    catalog = CATALOG.model_copy(update={"programs": ()})
    assert contribution(rec(catalog, **{**NEUTRAL, "months_to_goal": 20}), "speed") < 0
    assert contribution(rec(catalog, **{**NEUTRAL, "months_to_goal": 24}), "speed") == 0


def test_budget_is_compared_with_the_cheapest_degree() -> None:
    assert contribution(rec(**{**NEUTRAL, "budget_usd": 10000}), "budget") == 0
    assert contribution(rec(**{**NEUTRAL, "budget_usd": 0}), "budget") == -weight("budget")
    half = rec(**{**NEUTRAL, "budget_usd": 5000})
    assert contribution(half, "budget") == -weight("budget") / 2
    assert "$5,000" in next(f.reason for f in half.factors if f.id == "budget")


def test_budget_without_priced_degrees_says_so() -> None:
    catalog = CATALOG.model_copy(update={"programs": CATALOG.programs[3:]})
    r = rec(catalog, **{**NEUTRAL, "budget_usd": 0})
    assert contribution(r, "budget") == 0
    assert "no degree" in next(f.reason for f in r.factors if f.id == "budget").lower()


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
    assert "filter on a degree" in next(
        f.reason for f in filtered.factors if f.id == "flexible-employers"
    )
    assert contribution(rec(**NEUTRAL), "flexible-employers") == 0


def test_competency_roles() -> None:
    engineering = {**NEUTRAL, "goal": "ml-engineering"}
    assert contribution(rec(**engineering), "competency-roles") == -weight("competency-roles")
    assert contribution(rec(**engineering, plans_phd=True), "competency-roles") == 0
    assert contribution(rec(**NEUTRAL), "competency-roles") == 0


def test_admission_gap() -> None:
    assert contribution(rec(**NEUTRAL), "admission-gap") == 0
    no_bachelor = contribution(rec(**NEUTRAL, quant_bachelor=False), "admission-gap")
    weak_math = contribution(rec(**NEUTRAL, foundations__linear_algebra=1), "admission-gap")
    assert no_bachelor < weak_math < 0


# The verdict ----------------------------------------------------------------------------------


def test_net_is_the_sum_and_the_path_follows_its_sign() -> None:
    r = rec()
    assert r.net == pytest.approx(sum(f.contribution for f in r.factors), abs=0.01)
    assert r.net == pytest.approx(r.degree_points - r.course_points, abs=0.01)
    assert r.path == "courses" and r.margin == abs(r.net)
    assert path_of(0.0) == "courses" and path_of(0.001) == "degree"
    assert net_score(answers(), CATALOG, WEIGHTS) == pytest.approx(r.net, abs=0.001)


def test_factors_are_sorted_by_size_and_each_has_a_reason() -> None:
    r = rec()
    sizes = [abs(f.contribution) for f in r.factors]
    assert sizes == sorted(sizes, reverse=True)
    assert len(r.factors) == len(RULES)
    for factor in r.factors:
        assert factor.reason and "{" not in factor.reason
        assert (factor.contribution >= 0) == (factor.toward == "degree") or factor.contribution == 0


def test_deciding_factors_are_the_largest_on_the_winning_side() -> None:
    r = rec()
    assert len(r.deciding) == 3
    winners = [f for f in r.factors if f.toward == r.path and f.contribution != 0]
    assert list(r.deciding) == [f.id for f in winners[:3]]


def test_confidence_is_low_when_the_margin_is_small_and_says_so() -> None:
    # Defense target with a degree filter but a portfolio, mid-level: close.
    r = rec(
        credential_required="yes",
        employer_type="defense",
        budget_usd=10000,
        months_to_goal=30,
        wants_structure=3,
        need="broad-curriculum",
    )
    assert r.margin < WEIGHTS.confidence.low_below
    assert r.confidence == "low"
    assert "close call" in r.confidence_text
    high = rec()
    assert high.confidence == "high" and high.margin >= WEIGHTS.confidence.high_from


# Programs -------------------------------------------------------------------------------------


def ids(r: Recommendation) -> list[str]:
    return [p.id for p in r.programs]


def by_id(r: Recommendation, pid: str) -> Any:
    return next(p for p in r.programs if p.id == pid)


def test_every_program_is_ranked_whatever_the_path() -> None:
    assert sorted(ids(rec())) == sorted(p.id for p in CATALOG.programs)
    assert sorted(ids(rec(**NEUTRAL, plans_phd=True))) == sorted(p.id for p in CATALOG.programs)


def test_a_program_the_budget_cannot_cover_ranks_below_one_it_can() -> None:
    r = rec(budget_usd=12000, brand_importance=5, research_access_importance=5, plans_phd=True)
    assert by_id(r, "cmu-mcds-mlt").covers == "no"
    assert ids(r).index("gatech-omscs") < ids(r).index("cmu-mcds-mlt")
    assert by_id(r, "gatech-omscs").affordable is True
    assert by_id(r, "cmu-mcds-mlt").affordable is False
    assert any("cannot cover" in w for w in by_id(r, "cmu-mcds-mlt").warnings)


def test_budget_constrained_credential_seeker_gets_omscs_first() -> None:
    r = rec(credential_required="yes", employer_type="defense", budget_usd=10000)
    assert ids(r)[0] == "gatech-omscs"
    assert any("cheapest" in reason for reason in by_id(r, "gatech-omscs").reasons)


def test_brand_and_research_with_the_budget_for_it_get_cmu_first() -> None:
    r = rec(budget_usd=80000, brand_importance=5, research_access_importance=5)
    assert ids(r)[0] == "cmu-mcds-mlt"
    assert any("open-ended" in w for w in by_id(r, "cmu-mcds-mlt").warnings)


def test_pacific_northwest_puts_uw_first() -> None:
    r = rec(region="pacific-northwest", budget_usd=40000, brand_importance=3)
    assert ids(r)[0] == "uw-msds"
    assert any("Pacific Northwest" in reason for reason in by_id(r, "uw-msds").reasons)
    assert ids(rec(region="other", budget_usd=40000, brand_importance=3))[0] != "uw-msds"


def test_partly_covered_and_unknown_costs() -> None:
    r = rec(budget_usd=8000)
    assert by_id(r, "gatech-omscs").covers == "maybe"
    assert by_id(r, "gatech-omscs").affordable is None
    cert = by_id(r, "professional-certificate")
    assert cert.covers == "unknown" and cert.affordable is None and cert.cost == "unknown"


def test_certificates_warn_about_signal_and_recognition() -> None:
    cert = by_id(rec(), "professional-certificate")
    assert any("weaker signal" in w and "recognise" in w for w in cert.warnings)
    filtered = by_id(rec(credential_required="yes"), "professional-certificate")
    assert any("unlikely to pass" in w for w in filtered.warnings)
    assert filtered.score < cert.score


@pytest.mark.parametrize(
    ("changes", "needle"),
    [
        ({"quant_bachelor": False}, "quantitative field"),
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


def test_selectivity_and_duration_warnings() -> None:
    omscs = by_id(rec(months_to_goal=9), "gatech-omscs")
    assert "Competitive to enter: acceptance below 30% (ML track)." in omscs.warnings
    assert any("longer than your 9 months" in w for w in omscs.warnings)


# Gaps and plan --------------------------------------------------------------------------------


def test_prerequisite_gaps_in_study_order() -> None:
    r = rec(foundations__python=1, foundations__linear_algebra=0, foundations__calculus=2)
    assert r.prerequisite_gaps == ("linear_algebra", "python")
    assert rec(foundations__calculus=2).prerequisite_gaps == ()


def test_plan_outline_follows_the_path_and_the_best_degree() -> None:
    courses = rec()
    assert courses.plan.path == "courses" and courses.plan.program_id == "gatech-omscs"
    degree = rec(**DEFENSE)
    assert degree.path == "degree"
    assert degree.plan.program_id == "gatech-omscs"
    assert degree.plan.stages[-1].fixed
    assert "OMSCS" in degree.verdict


# The flip -------------------------------------------------------------------------------------


def test_flip_says_the_guide_example_in_words() -> None:
    r = rec(**DEFENSE)
    assert r.path == "degree"
    assert [c.model_dump() for c in r.flip] == [{"field": "credential_required", "value": "no"}]
    assert r.flip_text == "If your target employers did not filter on a degree, courses would win."


def test_flip_when_none_exists_is_empty_and_says_so() -> None:
    r = rec()
    assert r.flip == ()
    assert r.flip_text.startswith("No change of one or two answers would make the degree win")


def test_flip_prefers_the_cheaper_natural_change() -> None:
    # Halving the budget would also flip this persona; dropping the degree filter is the
    # more natural change, and costs less.
    r = rec(**DEFENSE)
    budget_only = answers(**{**DEFENSE, "budget_usd": 4000})
    assert path_of(net_score(budget_only, CATALOG, WEIGHTS)) == "courses"
    assert r.flip[0].field == "credential_required"


def test_a_numeric_flip_is_the_nearest_value_that_works() -> None:
    new_graduate = {
        "career_stage": "entry",
        "employer_type": "big-tech",
        "credential_required": "unsure",
        "budget_usd": 15000,
        "months_to_goal": 24,
        "wants_structure": 4,
        "employed_technical": False,
        "need": "broad-curriculum",
    }
    a = answers(**new_graduate)
    flip, path = find_flip(a, CATALOG, WEIGHTS)
    assert path == "courses"
    assert [change.field for change in flip] == ["months_to_goal"]
    months = flip[0].value
    assert isinstance(months, int) and months < 24
    assert path_of(net_score(with_changes(a, {"months_to_goal": months}), CATALOG, WEIGHTS)) == (
        "courses"
    )
    one_more = with_changes(a, {"months_to_goal": months + 1})
    assert path_of(net_score(one_more, CATALOG, WEIGHTS)) == "degree"
    assert score(a, CATALOG, WEIGHTS).flip_text == (
        f"If you gave yourself {months} months instead of 24, courses would win."
    )


def _single_changes(a: Answers) -> list[dict[str, Any]]:
    """Every single-field change worth trying, brute force (budgets on a $100 grid)."""
    changes: list[dict[str, Any]] = []
    for field in FIELDS:
        if field in ALLOWED:
            values: list[Any] = list(ALLOWED[field])
        elif field == "budget_usd":
            values = list(range(0, 40_001, 100))
        else:
            low, high = RANGES[field]
            values = list(range(low, (high or low) + 1))
        changes += [{field: v} for v in values]
    return changes


def test_a_pair_is_offered_only_when_no_single_change_flips() -> None:
    persona = {**DEFENSE, "plans_phd": True}
    a = answers(**persona)
    r = score(a, CATALOG, WEIGHTS)
    assert len(r.flip) == 2, r.flip_text
    for change in _single_changes(a):
        changed = with_changes(a, change)
        assert path_of(net_score(changed, CATALOG, WEIGHTS)) == r.path, change
    assert " and " in r.flip_text


def test_flip_text_for_each_kind_of_field() -> None:
    a = answers()
    from mlroute.scoring import Change

    for field in FIELDS:
        value: Any = ALLOWED[field][0] if field in ALLOWED else RANGES[field][0]
        text = flip_text((Change(field=field, value=value),), "courses", a)
        assert text.startswith("If ") and text.endswith(", the degree would win."), field
        assert "_" not in text, field


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


def test_headless_modules_do_not_import_textual() -> None:
    code = (
        "import sys, mlroute.scoring, mlroute.plan, mlroute.answers, mlroute.commands.advise; "
        "print('textual' in sys.modules)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "False"


# Personas from the guide, on the bundled catalog ---------------------------------------------


@pytest.fixture(scope="module")
def bundled() -> Catalog:
    return load_catalog(use_overlay=False, use_cache=False).catalog


def test_persona_employed_engineer_wanting_specific_skills_on_a_small_budget(
    bundled: Catalog,
) -> None:
    r = score(example_answers(), bundled, WEIGHTS)
    assert r.path == "courses" and r.confidence == "high"
    assert set(r.deciding) <= {
        "budget",
        "specific-skills",
        "speed",
        "portfolio",
        "experienced-hiring",
        "flexible-employers",
    }
    assert r.prerequisite_gaps == ("calculus",)


def test_persona_aspiring_researcher_planning_a_phd(bundled: Catalog) -> None:
    researcher = {
        "goal": "research",
        "plans_phd": True,
        "credential_required": "unsure",
        "career_stage": "entry",
        "employer_type": "research-lab",
        "budget_usd": 80000,
        "months_to_goal": 36,
        "wants_structure": 4,
        "employed_technical": False,
        "need": "broad-curriculum",
        "wants_portfolio": False,
        "brand_importance": 4,
        "research_access_importance": 5,
    }
    r = score(answers(**researcher), bundled, WEIGHTS)
    assert r.path == "degree" and r.programs[0].id == "cmu-mcds-mlt"
    assert "research-career" in r.deciding
    tight = score(answers(**{**researcher, "budget_usd": 12000}), bundled, WEIGHTS)
    assert tight.path == "degree" and tight.programs[0].id == "gatech-omscs"


def test_persona_defense_contractor_with_a_degree_filter_and_small_budget(
    bundled: Catalog,
) -> None:
    r = score(answers(**DEFENSE), bundled, WEIGHTS)
    assert r.path == "degree" and r.programs[0].id == "gatech-omscs"
    assert r.deciding[0] == "credential-filter"
    assert r.flip_text == "If your target employers did not filter on a degree, courses would win."


def test_persona_seattle_career_changer(bundled: Catalog) -> None:
    seattle = {
        "region": "pacific-northwest",
        "goal": "data-science",
        "employed_technical": False,
        "career_stage": "entry",
        "credential_required": "unsure",
        "employer_type": "big-tech",
        # UW's tuition page puts the degree at about $53,000 to $54,000 with fees.
        "budget_usd": 60000,
        "months_to_goal": 24,
        "wants_structure": 4,
        "need": "broad-curriculum",
        "brand_importance": 3,
        "research_access_importance": 2,
    }
    r = score(answers(**seattle), bundled, WEIGHTS)
    assert r.programs[0].id == "uw-msds"
    elsewhere = score(answers(**{**seattle, "region": "other"}), bundled, WEIGHTS)
    assert [p.id for p in elsewhere.programs].index("uw-msds") > 0


def test_persona_senior_engineer_at_a_startup(bundled: Catalog) -> None:
    r = score(
        answers(career_stage="senior", budget_usd=50000, months_to_goal=12, wants_structure=3),
        bundled,
        WEIGHTS,
    )
    assert r.path == "courses"
    assert "experienced-hiring" in r.deciding


def test_persona_new_graduate_aiming_at_big_tech(bundled: Catalog) -> None:
    r = score(
        answers(
            career_stage="entry",
            employer_type="big-tech",
            credential_required="unsure",
            budget_usd=15000,
            months_to_goal=24,
            wants_structure=4,
            employed_technical=False,
            need="broad-curriculum",
        ),
        bundled,
        WEIGHTS,
    )
    assert r.path == "degree" and r.programs[0].id == "gatech-omscs"
    assert "entry-screening" in r.deciding
    assert r.flip  # a close call: something would tip it


# Properties -----------------------------------------------------------------------------------


def _values(field: str) -> st.SearchStrategy[Any]:
    if field in ALLOWED:
        return st.sampled_from(ALLOWED[field])
    low, high = RANGES[field]
    return st.integers(low, high if high is not None else 200_000)


any_answers = st.fixed_dictionaries({field: _values(field) for field in FIELDS}).map(
    lambda values: with_changes(BASE, values)
)
catalogs = st.sampled_from(
    [
        CATALOG,
        Catalog(),
        load_catalog(use_overlay=False, use_cache=False).catalog,
    ]
)


@given(any_answers, catalogs)
def test_every_valid_answers_file_scores(a: Answers, catalog: Catalog) -> None:
    r = score(a, catalog, WEIGHTS)
    assert r.path in ("degree", "courses")
    assert len(r.programs) == len(catalog.programs)
    Recommendation.model_validate_json(r.model_dump_json())


@given(any_answers)
def test_scoring_is_deterministic(a: Answers) -> None:
    assert score(a, CATALOG, WEIGHTS) == score(a, CATALOG, WEIGHTS)


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
    assert _net(with_changes(a, {"budget_usd": a.budget_usd + more})) >= _net(a)


@given(any_answers, st.integers(1, 119))
def test_less_time_never_raises_the_degree_side(a: Answers, less: int) -> None:
    shorter = max(a.months_to_goal - less, 1)
    assert _net(with_changes(a, {"months_to_goal": shorter})) <= _net(a)


@given(any_answers)
def test_monotone_on_the_full_recommendation_too(a: Answers) -> None:
    before = score(a, CATALOG, WEIGHTS)
    after = score(
        with_changes(a, {"credential_required": "yes", "plans_phd": True}), CATALOG, WEIGHTS
    )
    assert after.net >= before.net
    assert before.path == "courses" or after.path == "degree"


@settings(max_examples=150)
@given(any_answers, catalogs)
def test_applying_the_flip_always_switches_the_path(a: Answers, catalog: Catalog) -> None:
    r = score(a, catalog, WEIGHTS)
    if not r.flip:
        return
    assert 1 <= len(r.flip) <= 2
    assert len({c.field for c in r.flip}) == len(r.flip)
    changed = with_changes(a, {c.field: c.value for c in r.flip})
    assert score(changed, catalog, WEIGHTS).path != r.path


def test_weights_model_is_what_load_weights_returns() -> None:
    assert isinstance(WEIGHTS, Weights)
