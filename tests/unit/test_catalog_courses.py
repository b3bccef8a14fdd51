"""The bundled catalog's courses: sourced and dated, enough choice per stage and foundation,
and slots (alternatives for one place in a plan) that the loader keeps within one stage."""

from __future__ import annotations

from collections import Counter, defaultdict
from pathlib import Path

import pytest

from mlroute.catalog.loader import check_file, load_catalog
from mlroute.catalog.models import FOUNDATION_IDS, Catalog, Course, CourseCost, HoursRange
from mlroute.tomlfile import TomlFileError

MINI = Path(__file__).parent.parent / "fixtures" / "mini_catalog.toml"

OVERLAY = """
[[stages]]
id = "stage-two"
order = 2
title = "Two"
summary = "S"
source = "s"
last_verified = 2026-12-03

[[courses]]
id = "course-left"
title = "Left"
provider = "P"
stage = "stage-one"
slot = "shared"
hours = { min = 1, max = 2 }
cost = { audit_free = true }
description = "D"
source = "s"
last_verified = 2026-12-03

[[courses]]
id = "course-right"
title = "Right"
provider = "P"
stage = "STAGE"
slot = "shared"
hours = { min = 1, max = 2 }
cost = { audit_free = true }
description = "D"
source = "s"
last_verified = 2026-12-03
"""


def _course(**fields: object) -> Course:
    values: dict[str, object] = {
        "id": "course-x",
        "title": "X",
        "provider": "P",
        "stage": "stage-one",
        "hours": HoursRange(min=1, max=2),
        "cost": CourseCost(audit_free=True),
        "description": "D",
        "source": "s",
        "last_verified": "2026-12-03",
        **fields,
    }
    return Course(**values)  # type: ignore[arg-type]


def test_a_foundation_courses_slot_defaults_to_its_foundation() -> None:
    assert _course(foundation="calculus").slot == "calculus"
    assert _course(foundation="calculus", slot="calc-alt").slot == "calc-alt"
    assert _course().slot is None


def test_alternatives_in_one_stage_pass(tmp_path: Path) -> None:
    path = tmp_path / "overlay.toml"
    path.write_text(OVERLAY.replace("STAGE", "stage-one"))
    slots = {course.id: course.slot for course in check_file(path, bundled=MINI).courses}
    assert slots == {"course-left": "shared", "course-right": "shared"}


def test_a_slot_may_not_span_stages(tmp_path: Path) -> None:
    path = tmp_path / "overlay.toml"
    path.write_text(OVERLAY.replace("STAGE", "stage-two"))
    with pytest.raises(TomlFileError) as caught:
        check_file(path, bundled=MINI)
    (problem,) = caught.value.problems
    assert problem.line == 27  # the second course's `slot` line
    assert "slot 'shared' is in 'stage-one' (course 'course-left'), not 'stage-two'" in str(problem)


# The bundled catalog -------------------------------------------------------------------------


@pytest.fixture(scope="module")
def bundled() -> Catalog:
    return load_catalog(use_overlay=False, use_cache=False).catalog


def test_every_course_says_where_its_facts_come_from_and_when_checked(bundled: Catalog) -> None:
    unsourced = [
        course.id
        for course in bundled.courses
        if not (course.url.startswith("http") and course.source.strip() and course.last_verified)
    ]
    assert unsourced == []


def test_there_are_at_least_forty_courses(bundled: Catalog) -> None:
    assert len(bundled.courses) >= 40


def test_each_stage_offers_at_least_three_courses_and_lists_all_of_its_own(
    bundled: Catalog,
) -> None:
    by_stage: dict[str, set[str]] = {stage.id: set() for stage in bundled.stages}
    for course in bundled.courses:
        by_stage[course.stage].add(course.id)
    assert len(by_stage) == 5
    for stage in bundled.stages:
        assert len(by_stage[stage.id]) >= 3, stage.id
        # A course missing from its stage's list would never be offered by a plan.
        assert set(stage.courses) == by_stage[stage.id], stage.id


def test_each_foundation_is_taught_by_at_least_three_courses(bundled: Catalog) -> None:
    counts = Counter(course.foundation for course in bundled.courses if course.foundation)
    assert {
        foundation: counts[foundation] for foundation in FOUNDATION_IDS if counts[foundation] < 3
    } == {}


def test_prerequisites_are_courses_or_foundations(bundled: Catalog) -> None:
    kinds = {ref: bundled.kind_of(ref) for c in bundled.courses for ref in c.prerequisites}
    assert {ref: kind for ref, kind in kinds.items() if kind not in {"course", "foundation"}} == {}


def test_a_shared_slot_stays_within_one_stage(bundled: Catalog) -> None:
    stages: dict[str, set[str]] = defaultdict(set)
    members: Counter[str] = Counter()
    for course in bundled.courses:
        if course.slot is not None:
            stages[course.slot].add(course.stage)
            members[course.slot] += 1
    shared = {slot for slot, count in members.items() if count > 1}
    assert shared, "no course shares a slot: the plan has no alternatives to choose from"
    assert {slot: stages[slot] for slot in shared if len(stages[slot]) > 1} == {}


def test_every_stage_but_the_foundations_offers_a_choice(bundled: Catalog) -> None:
    # Foundations already offer one slot per foundation; every other stage must have a slot
    # with at least two courses, or the plan has nothing to pick there.
    choice = {
        course.stage
        for course in bundled.courses
        if course.slot is not None
        and sum(other.slot == course.slot for other in bundled.courses) > 1
    }
    assert choice == {stage.id for stage in bundled.stages}


def test_free_and_paid_options_both_exist(bundled: Catalog) -> None:
    assert {course.cost.audit_free for course in bundled.courses} == {True, False}
