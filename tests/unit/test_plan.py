"""Plans: stage order, foundation gaps first, prerequisites, generated ids, months and costs."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any

import pytest

from mlroute.answers import Answers, example_answers, with_changes
from mlroute.catalog import load_catalog
from mlroute.catalog.models import (
    Catalog,
    Course,
    CourseCost,
    Foundation,
    HoursRange,
    Milestone,
    Program,
    Project,
    Stage,
    UsdRange,
    YearsRange,
)
from mlroute.plan import WEEKS_PER_MONTH, build_plan, cost_text, foundation_gaps, outline

DAY = date(2026, 11, 25)
S: dict[str, Any] = {"source": "test", "last_verified": DAY}


def foundation(fid: Any, order: int) -> Foundation:
    return Foundation(
        id=fid, title=fid.replace("_", " ").title(), order=order, description="d", why="w", **S
    )


def course(
    cid: str,
    stage: str,
    hours: tuple[int, int] = (10, 20),
    foundation: Any = None,
    prerequisites: tuple[str, ...] = (),
    cost: CourseCost | None = None,
) -> Course:
    return Course(
        id=cid,
        title=cid.title(),
        provider="P",
        stage=stage,
        foundation=foundation,
        hours=HoursRange(min=hours[0], max=hours[1]),
        cost=cost or CourseCost(audit_free=True),
        prerequisites=prerequisites,
        description="d",
        **S,
    )


def program(pid: str = "prog", admission: tuple[str, ...] = ("A bachelor's",)) -> Program:
    return Program(
        id=pid,
        title="Program",
        institution="Uni",
        kind="degree",
        cost_usd=UsdRange(min=7000, max=10000, estimate=True),
        duration_years=YearsRange(min=1.5, max=3),
        delivery=("online-part-time",),
        format="online",
        admission=admission,
        required_foundations=("linear_algebra", "probability_statistics"),
        suits="s",
        signal="strong",
        verify_note="Check the site.",
        **S,
    )


def small_catalog() -> Catalog:
    """Foundations in a non-alphabetical study order, two stages and one project."""
    paid = CourseCost(audit_free=False, certificate_usd=UsdRange(min=50, max=100))
    return Catalog(
        foundations=(
            foundation("python", 4),
            foundation("linear_algebra", 1),
            foundation("calculus", 3),
            foundation("probability_statistics", 2),
        ),
        programs=(program(),),
        courses=(
            course("c-python", "s1", foundation="python"),
            course("c-la", "s1", (80, 120), foundation="linear_algebra"),
            course("c-calc", "s1", foundation="calculus", prerequisites=("linear_algebra",)),
            course("c-prob", "s1", foundation="probability_statistics"),
            course(
                "c-reg",
                "s2",
                prerequisites=("c-la", "calculus", "python"),
                cost=CourseCost(
                    audit_free=True, certificate_usd=UsdRange(min=39, max=79, estimate=True)
                ),
            ),
            course("c-paid", "s2", (5, 5), prerequisites=("c-reg",), cost=paid),
        ),
        stages=(
            Stage(id="s2", order=2, title="Two", summary="t", courses=("c-reg", "c-paid"), **S),
            Stage(
                id="s1",
                order=1,
                title="One",
                summary="o",
                courses=("c-python", "c-la", "c-calc", "c-prob"),
                projects=("proj",),
                **S,
            ),
        ),
        projects=(
            Project(
                id="proj",
                title="Project",
                stage="s1",
                summary="s",
                data="d",
                hours=HoursRange(min=30, max=50),
                milestones=(
                    Milestone(id="proj.a", title="A", hours=HoursRange(min=4, max=6)),
                    Milestone(id="proj.b", title="B"),
                    Milestone(id="proj.c", title="C"),
                ),
                **S,
            ),
        ),
    )


def answers(**levels: int) -> Answers:
    changes = {f"foundations.{name}": level for name, level in levels.items()}
    return with_changes(example_answers(), changes)


STRONG = {"linear_algebra": 3, "probability_statistics": 3, "calculus": 3, "python": 3}


def test_gaps_follow_the_catalog_study_order() -> None:
    levels = {"python": 0, "linear_algebra": 1, "calculus": 1, "probability_statistics": 2}
    assert foundation_gaps(small_catalog(), levels) == ("linear_algebra", "calculus", "python")


def test_gaps_for_foundations_the_catalog_lacks_keep_the_standard_order() -> None:
    levels = dict.fromkeys(("linear_algebra", "probability_statistics", "calculus", "python"), 0)
    assert foundation_gaps(Catalog(), levels) == (
        "linear_algebra",
        "probability_statistics",
        "calculus",
        "python",
    )


def test_course_path_keeps_only_the_foundations_the_user_lacks() -> None:
    plan = build_plan(
        small_catalog(), "courses", None, answers(**{**STRONG, "calculus": 1, "python": 0})
    )
    first = plan.stages[0]
    assert first.id == "s1"
    # Gaps in study order (calculus 3 before python 4), each course then its checkpoint.
    assert [item.id for item in first.items[:4]] == ["c-calc", "calculus", "c-python", "python"]
    assert [item.kind for item in first.items[:4]] == ["course", "foundation"] * 2
    assert "c-la" not in {item.id for item in plan.items()}
    checkpoint = first.items[1]
    assert checkpoint.prerequisites == ("c-calc",) and checkpoint.hours is None


def test_course_path_stages_are_in_order_with_projects_as_milestones() -> None:
    plan = build_plan(small_catalog(), "courses", None, answers(**STRONG))
    assert [stage.id for stage in plan.stages] == ["s1", "s2"]
    milestones = [item for item in plan.stages[0].items if item.kind == "milestone"]
    assert [m.id for m in milestones] == ["proj.a", "proj.b", "proj.c"]
    assert [m.prerequisites for m in milestones] == [(), ("proj.a",), ("proj.b",)]
    assert {m.group for m in milestones} == {"proj"}
    # Known milestone hours are kept; the rest of the project's 40 hours is shared out.
    assert [m.hours for m in milestones] == [5.0, 17.5, 17.5]


def test_a_stage_left_empty_is_dropped() -> None:
    catalog = small_catalog()
    without_project = catalog.model_copy(
        update={"stages": tuple(replace(s, projects=()) for s in catalog.stages)}
    )
    plan = build_plan(without_project, "courses", None, answers(**STRONG))
    assert [stage.id for stage in plan.stages] == ["s2"]


def test_prerequisites_already_met_are_left_out() -> None:
    plan = build_plan(small_catalog(), "courses", None, answers(**{**STRONG, "calculus": 0}))
    items = {item.id: item for item in plan.items()}
    # c-reg needs c-la (not in the plan: linear algebra is strong), calculus (a gap), python.
    assert items["c-reg"].prerequisites == ("calculus",)
    assert items["c-calc"].prerequisites == ()
    ids = set(items)
    for item in plan.items():
        assert set(item.prerequisites) <= ids, item.id


def test_item_ids_are_unique_and_hours_are_mid_ranges() -> None:
    plan = build_plan(small_catalog(), "courses", None, answers(linear_algebra=0))
    ids = [item.id for item in plan.items()]
    assert len(ids) == len(set(ids))
    assert next(item for item in plan.items() if item.id == "c-la").hours == 100.0


def test_degree_path_prepares_applies_then_takes_the_program() -> None:
    a = with_changes(answers(**{**STRONG, "probability_statistics": 1}), {"quant_bachelor": False})
    plan = build_plan(small_catalog(), "degree", "prog", a)
    assert [stage.id for stage in plan.stages] == ["prog.prep", "prog.apply", "prog.program"]
    prep = [item.id for item in plan.stages[0].items]
    assert prep == [
        "c-prob",
        "probability_statistics",
        "prog.prep.background",
        "prog.prep.admission-1",
        "prog.prep.verify",
    ]
    titles = {item.id: item.title for item in plan.items()}
    assert titles["prog.prep.verify"] == "Verify admission details and deadlines"
    assert titles["prog.prep.admission-1"] == "A bachelor's"
    submit = next(item for item in plan.items() if item.id == "prog.apply.submit")
    assert "probability_statistics" in submit.prerequisites
    assert "prog.prep.verify" in submit.prerequisites
    program_item = plan.stages[2].items[0]
    assert program_item.kind == "program" and program_item.id == "prog"
    assert program_item.hours is None
    assert plan.stages[2].duration_months == 27.0


def test_degree_path_without_gaps_skips_the_background_check() -> None:
    plan = build_plan(small_catalog(), "degree", "prog", answers(**STRONG))
    kinds = [item.kind for item in plan.stages[0].items]
    assert kinds == ["checklist", "checklist"]


def test_unknown_program_is_an_error() -> None:
    with pytest.raises(ValueError, match="unknown program"):
        build_plan(small_catalog(), "degree", "nope", answers())


def test_degree_path_with_no_program_is_just_the_gaps() -> None:
    plan = build_plan(small_catalog(), "degree", None, answers(**{**STRONG, "python": 1}))
    assert [stage.id for stage in plan.stages] == ["degree.prep"]
    assert [item.id for item in plan.items()] == ["c-python", "python"]


def test_outline_months_follow_the_pace() -> None:
    plan = build_plan(small_catalog(), "courses", "prog", answers(**STRONG))
    slow, fast = outline(plan, 5), outline(plan, 20)
    assert slow.total_hours == fast.total_hours == 40 + 15 + 5
    assert slow.stages[0].months == round(40 / (5 * WEEKS_PER_MONTH), 1)
    assert slow.total_months > fast.total_months


def test_outline_degree_program_has_a_fixed_duration() -> None:
    plan = build_plan(small_catalog(), "degree", "prog", answers(**STRONG))
    result = outline(plan, 10)
    assert result.stages[-1].fixed and result.stages[-1].months == 27.0
    assert any("its own stated duration" in note for note in result.notes)


def test_course_path_cost_counts_free_to_audit_as_zero_with_a_note() -> None:
    plan = build_plan(small_catalog(), "courses", "prog", answers(**STRONG))
    cost = plan.course_path_cost
    assert (cost.min_usd, cost.max_usd) == (50, 100)
    assert cost.audit_free == 1 and cost.courses == 2
    assert (cost.optional_min_usd, cost.optional_max_usd) == (39, 79)
    assert "free to audit" in cost.note
    result = outline(plan, 10)
    assert result.program_cost is not None and result.program_cost.max_usd == 10000
    assert "$50–$100" in result.cost_comparison
    assert "$7,000–$10,000 (estimate)" in result.cost_comparison


def test_course_path_cost_is_the_same_whichever_path() -> None:
    a = answers(calculus=0)
    courses = build_plan(small_catalog(), "courses", "prog", a)
    degree = build_plan(small_catalog(), "degree", "prog", a)
    assert courses.course_path_cost == degree.course_path_cost


def test_cost_text() -> None:
    assert cost_text(UsdRange(min=7000, max=10000, estimate=True)) == "$7,000–$10,000 (estimate)"
    assert cost_text(UsdRange(min=20000)) == "$20,000+"
    assert cost_text(UsdRange(min=5, max=5)) == "$5"
    assert cost_text(None) == "unknown"
    assert cost_text(UsdRange(min=1), known=False) == "unknown"


def test_empty_catalog_plans_without_error() -> None:
    plan = build_plan(Catalog(), "courses", None, answers(python=0))
    assert [stage.id for stage in plan.stages] == ["foundation-gaps"]
    assert outline(plan, 10).total_hours == 0


# The bundled catalog --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def bundled() -> Catalog:
    return load_catalog(use_overlay=False, use_cache=False).catalog


def test_bundled_course_plan_has_the_five_stages_gap_first(bundled: Catalog) -> None:
    broad = with_changes(answers(calculus=1), {"need": "broad-curriculum"})
    plan = build_plan(bundled, "courses", "gatech-omscs", broad)
    assert [stage.id for stage in plan.stages] == [
        "stage-foundations",
        "stage-supervised",
        "stage-unsupervised",
        "stage-applied-production",
        "stage-projects",
    ]
    # The example engineer wants specific skills: unsupervised methods come last, optional.
    skills = build_plan(bundled, "courses", "gatech-omscs", answers(calculus=1))
    assert [stage.id for stage in skills.stages][-1] == "stage-unsupervised"
    assert skills.stages[-1].optional
    foundation_items = [item.id for item in plan.stages[0].items if item.kind == "foundation"]
    assert foundation_items == ["calculus"]
    assert any(item.kind == "milestone" for item in plan.stages[-1].items)


def test_bundled_degree_plan_ids_are_stable(bundled: Catalog) -> None:
    plan = build_plan(bundled, "degree", "gatech-omscs", answers(**STRONG))
    ids = [item.id for item in plan.items()]
    assert "gatech-omscs.prep.verify" in ids
    assert "gatech-omscs.apply.submit" in ids
    assert ids[-1] == "gatech-omscs"
    assert len(ids) == len(set(ids))
