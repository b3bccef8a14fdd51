"""The bundled catalog's courses: sourced and dated, enough choice per stage and foundation,
and slots (alternatives for one place in a plan) that the loader keeps within one stage."""

from __future__ import annotations

from pathlib import Path

import pytest

from mlroute.catalog.loader import check_file
from mlroute.catalog.models import Course, CourseCost, HoursRange
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
