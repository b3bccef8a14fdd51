"""Plans, pure: the ordered stages and items of a course path or a degree path, and their outline.

`build_plan` turns the catalog and the answers into stages of trackable items; `outline` turns a
plan into months at a pace and costs. No I/O, no Textual: the plan tracker and the scorer both
call these on every change.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Literal

from pydantic import BaseModel, ConfigDict

from mlroute.catalog.models import (
    FOUNDATION_IDS,
    Catalog,
    Course,
    FoundationId,
    Program,
    Stage,
    UsdRange,
    YearsRange,
)

if TYPE_CHECKING:
    from mlroute.answers import Answers

PathName = Literal["degree", "courses"]
"""The two paths the advisor chooses between."""

ItemKind = Literal["foundation", "course", "milestone", "checklist", "application", "program"]
"""What a plan item is: a foundation checkpoint, a course, a project milestone, an admission
checklist item, an application step, or the degree program itself."""

GAP_BELOW = 2
"""A foundation below this level (2, "solid") is a gap."""

WEEKS_PER_MONTH = 52 / 12
"""Average weeks in a month, for turning hours a week into months."""

# Rough planning figures for the degree path's own steps. The guide gives none; they only size
# the preparation stage, and each item says it is an estimate.
VERIFY_HOURS = 2.0
ADMISSION_ITEM_HOURS = 1.0
BACKGROUND_CHECK_HOURS = 2.0
MATERIALS_HOURS = 15.0
FUNDING_HOURS = 2.0
SUBMIT_HOURS = 2.0


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class PlanItem(_Frozen):
    """One thing to do, which the plan tracker can tick off."""

    id: str
    """The catalog id for foundations, courses and milestones; a stable generated id such as
    `gatech-omscs.prep.verify` for admission and application steps."""
    title: str
    """What to do, shown to the user."""
    kind: ItemKind
    """What the item is."""
    hours: float | None
    """Estimated study hours (the middle of the catalog's range); None when there is no honest
    figure: a foundation checkpoint's time is in its courses, the degree's is its duration."""
    prerequisites: tuple[str, ...] = ()
    """Ids of items in this plan to finish first. Prerequisites the user already meets (a
    foundation at a solid level, and the courses that teach it) are left out."""
    group: str = ""
    """The project a milestone belongs to, or the foundation a foundation course teaches."""
    group_title: str = ""
    """Display name of `group`."""
    detail: str = ""
    """A line of context: the provider, or what a checklist item involves."""


class PlanStage(_Frozen):
    """A stage of the plan, with its items in order."""

    id: str
    """The catalog stage id on the course path; `PROGRAM.prep`, `PROGRAM.apply` and
    `PROGRAM.program` on the degree path."""
    title: str
    """Display name."""
    summary: str
    """What the stage is for."""
    items: tuple[PlanItem, ...]
    """The items, in the order to do them."""
    duration_months: float | None = None
    """A fixed duration (the degree program's typical part-time length); None when the stage's
    length follows from its hours at the user's pace."""


class CostEstimate(_Frozen):
    """What the course path costs in certificates and paid courses: always an estimate."""

    min_usd: int
    """Lowest total, counting courses that are free to audit as $0."""
    max_usd: int | None
    """Highest total; None when some paid course has no upper figure."""
    courses: int
    """Courses counted."""
    audit_free: int
    """Courses that can be studied free (counted as $0)."""
    optional_min_usd: int = 0
    """Lowest cost of the optional certificates for the free-to-audit courses."""
    optional_max_usd: int | None = 0
    """Highest cost of those optional certificates; None when open-ended."""
    unknown: int = 0
    """Paid courses with no price in the catalog (not counted)."""
    note: str
    """What the figure includes, in a sentence."""


class ProgramInfo(_Frozen):
    """The program a plan is built around (degree path) or compared with (course path)."""

    id: str
    """Catalog id."""
    title: str
    """Display name."""
    kind: Literal["degree", "certificate"]
    """Degree or certificate."""
    cost: UsdRange | None
    """Total cost, when known."""
    cost_known: bool
    """False when the catalog gives no figure."""
    duration_years: YearsRange
    """Typical part-time duration."""


class Plan(_Frozen):
    """A whole plan: what to do, in order, for one path."""

    path: PathName
    """Which path the plan follows."""
    program: ProgramInfo | None
    """The chosen program on the degree path; on the course path, the program to compare with."""
    gaps: tuple[FoundationId, ...]
    """Foundations below a solid level, in the order to study them."""
    stages: tuple[PlanStage, ...]
    """Stages in order; a stage left with no items is omitted."""
    course_path_cost: CostEstimate
    """What the course path would cost this user, whichever path the plan follows."""

    def items(self) -> Iterator[PlanItem]:
        """Every item, stage by stage."""
        for stage in self.stages:
            yield from stage.items


class StageOutline(_Frozen):
    """One stage of the outline: its size and length at the user's pace."""

    id: str
    """The plan stage's id."""
    title: str
    """Display name."""
    items: int
    """Number of items."""
    hours: float
    """Estimated hours (items without an estimate count as 0)."""
    months: float
    """Estimated months: hours at the user's pace, or the program's typical duration."""
    fixed: bool
    """True when `months` is the program's duration rather than hours at a pace."""


class ProgramCost(_Frozen):
    """A program's cost, flattened for display and JSON."""

    id: str
    """Program id."""
    title: str
    """Display name."""
    min_usd: int | None
    """Lowest figure; None when unknown."""
    max_usd: int | None
    """Highest figure; None when open-ended or unknown."""
    known: bool
    """False when the catalog has no figure."""
    text: str
    """The cost in words, e.g. "$7,000–$10,000 (estimate)"."""


class Outline(_Frozen):
    """The plan at a glance: stages with estimated months, totals, and the cost comparison."""

    path: PathName
    """Which path the plan follows."""
    program_id: str | None
    """The plan's program (the comparison program on the course path)."""
    hours_per_week: int
    """The pace the months assume."""
    stages: tuple[StageOutline, ...]
    """Each stage, in order."""
    total_hours: float
    """Estimated hours of all items."""
    total_months: float
    """Estimated months for the whole plan."""
    course_path_cost: CostEstimate
    """Estimated cost of the course path."""
    program_cost: ProgramCost | None
    """The (top) program's cost, to compare with."""
    cost_comparison: str
    """The two costs side by side, in a sentence."""
    notes: tuple[str, ...] = ()
    """Assumptions worth saying out loud."""


def usd(amount: int) -> str:
    """`7000` -> `$7,000`."""
    return f"${amount:,}"


def cost_text(cost: UsdRange | None, known: bool = True) -> str:
    """A cost range in words: `$7,000–$10,000 (estimate)`, `$20,000+`, or `unknown`."""
    if cost is None or not known:
        return "unknown"
    if cost.max is None:
        text = f"{usd(cost.min)}+"
    elif cost.max == cost.min:
        text = usd(cost.min)
    else:
        text = f"{usd(cost.min)}–{usd(cost.max)}"
    return f"{text} (estimate)" if cost.estimate else text


def foundation_gaps(catalog: Catalog, levels: dict[str, int]) -> tuple[FoundationId, ...]:
    """Foundations below a solid level, in the catalog's study order.

    Foundations the catalog does not describe keep their standard order after the others.
    """
    rank = {foundation.id: foundation.order for foundation in catalog.foundations}
    standard = {fid: index for index, fid in enumerate(FOUNDATION_IDS)}
    missing = [fid for fid in FOUNDATION_IDS if levels.get(fid, 0) < GAP_BELOW]
    return tuple(
        sorted(missing, key=lambda fid: (fid not in rank, rank.get(fid, 0), standard[fid]))
    )


def _levels(answers: Answers) -> dict[str, int]:
    return dict(answers.foundations)


def _foundation_title(catalog: Catalog, fid: str) -> str:
    for foundation in catalog.foundations:
        if foundation.id == fid:
            return foundation.title
    return fid.replace("_", " ").capitalize()


def _course_item(course: Course, keep: set[str], catalog: Catalog) -> PlanItem:
    group = course.foundation or ""
    return PlanItem(
        id=course.id,
        title=course.title,
        kind="course",
        hours=course.hours.mid,
        prerequisites=tuple(p for p in course.prerequisites if p in keep),
        group=group,
        group_title=_foundation_title(catalog, group) if group else "",
        detail=course.provider,
    )


def _checkpoint(catalog: Catalog, fid: str, course_ids: list[str]) -> PlanItem:
    title = _foundation_title(catalog, fid)
    detail = (
        "Done when you can use it with confidence: the courses above get you there."
        if course_ids
        else "No course for it in the catalog: pick one, or study it from a textbook."
    )
    return PlanItem(
        id=fid,
        title=f"{title}: reach a solid level",
        kind="foundation",
        hours=None,
        prerequisites=tuple(course_ids),
        group=fid,
        group_title=title,
        detail=detail,
    )


def _courses(catalog: Catalog) -> dict[str, Course]:
    return {course.id: course for course in catalog.courses}


def _foundation_items(
    catalog: Catalog, gaps: tuple[FoundationId, ...], courses: list[Course], keep: set[str]
) -> list[PlanItem]:
    """For each gap in study order: its courses (from `courses`), then its checkpoint."""
    items: list[PlanItem] = []
    for fid in gaps:
        mine = [course for course in courses if course.foundation == fid]
        items += [_course_item(course, keep, catalog) for course in mine]
        items.append(_checkpoint(catalog, fid, [course.id for course in mine]))
    return items


def _milestone_items(catalog: Catalog, stage: Stage) -> list[PlanItem]:
    projects = {project.id: project for project in catalog.projects}
    items: list[PlanItem] = []
    for project_id in stage.projects:
        project = projects.get(project_id)
        if project is None:
            continue
        known = sum(m.hours.mid for m in project.milestones if m.hours is not None)
        unsized = [m for m in project.milestones if m.hours is None]
        share = max(project.hours.mid - known, 0.0) / len(unsized) if unsized else 0.0
        previous: tuple[str, ...] = ()
        for milestone in project.milestones:
            hours = milestone.hours.mid if milestone.hours is not None else share
            items.append(
                PlanItem(
                    id=milestone.id,
                    title=milestone.title,
                    kind="milestone",
                    hours=round(hours, 2),
                    prerequisites=previous,
                    group=project.id,
                    group_title=project.title,
                )
            )
            previous = (milestone.id,)
    return items


def _ordered_courses(catalog: Catalog) -> list[Course]:
    """Courses in stage order, then any course no stage lists; each once."""
    courses = _courses(catalog)
    ordered: dict[str, Course] = {}
    for stage in catalog.stages_in_order():
        for course_id in stage.courses:
            if course_id in courses:
                ordered.setdefault(course_id, courses[course_id])
    for course in catalog.courses:
        ordered.setdefault(course.id, course)
    return list(ordered.values())


def _course_path_stages(catalog: Catalog, gaps: tuple[FoundationId, ...]) -> list[PlanStage]:
    """The catalog's stages in order, foundation courses kept only for the gaps.

    Each gap's checkpoint follows its courses; a gap with no course anywhere gets its checkpoint
    in the first stage. A course listed by two stages appears once; empty stages are dropped.
    """
    courses = _courses(catalog)
    stages = catalog.stages_in_order()
    wanted = [
        course
        for course in _ordered_courses(catalog)
        if course.foundation is None or course.foundation in gaps
    ]
    keep: set[str] = set(gaps) | {course.id for course in wanted}
    taught = {course.foundation for course in wanted}
    placed: set[str] = set()
    result: list[PlanStage] = []
    for index, stage in enumerate(stages):
        stage_courses: list[Course] = []
        for course_id in stage.courses:
            course = courses.get(course_id)
            if course is not None and course.id in keep and course.id not in placed:
                stage_courses.append(course)
                placed.add(course.id)
        here = tuple(
            fid
            for fid in gaps
            if fid not in placed
            and (
                any(course.foundation == fid for course in stage_courses)
                or (index == 0 and fid not in taught)
            )
        )
        placed |= set(here)
        items = _foundation_items(catalog, here, stage_courses, keep)
        in_group = {item.id for item in items}
        items += [
            _course_item(course, keep, catalog)
            for course in stage_courses
            if course.id not in in_group
        ]
        items += _milestone_items(catalog, stage)
        if items:
            result.append(
                PlanStage(id=stage.id, title=stage.title, summary=stage.summary, items=tuple(items))
            )
    if not stages and gaps:
        result.append(_gap_stage("foundation-gaps", _foundation_items(catalog, gaps, [], keep)))
    return result


def _gap_stage(stage_id: str, items: list[PlanItem]) -> PlanStage:
    return PlanStage(
        id=stage_id,
        title="Foundation gaps",
        summary="The foundations below a solid level, in the order to study them.",
        items=tuple(items),
    )


def _program_info(program: Program) -> ProgramInfo:
    return ProgramInfo(
        id=program.id,
        title=program.title,
        kind=program.kind,
        cost=program.cost_usd,
        cost_known=program.cost_known,
        duration_years=program.duration_years,
    )


def _degree_stages(
    catalog: Catalog, program: Program | None, gaps: tuple[FoundationId, ...], answers: Answers
) -> list[PlanStage]:
    pid = program.id if program is not None else "degree"
    courses = [course for course in _ordered_courses(catalog) if course.foundation in gaps]
    keep: set[str] = set(gaps) | {course.id for course in courses}
    prep = _foundation_items(catalog, gaps, courses, keep)
    if program is None:
        return [_gap_stage(f"{pid}.prep", prep)] if prep else []

    if program.requires_quant_bachelor and not answers.quant_bachelor:
        prep.append(
            PlanItem(
                id=f"{pid}.prep.background",
                title="Check whether your bachelor's is accepted, and what would make up for it",
                kind="checklist",
                hours=BACKGROUND_CHECK_HOURS,
                detail=f"{program.title} generally asks for a bachelor's in a quantitative field.",
            )
        )
    for number, requirement in enumerate(program.admission, 1):
        prep.append(
            PlanItem(
                id=f"{pid}.prep.admission-{number}",
                title=requirement,
                kind="checklist",
                hours=ADMISSION_ITEM_HOURS,
                detail="An admission requirement: confirm you meet it, or how you will.",
            )
        )
    prep.append(
        PlanItem(
            id=f"{pid}.prep.verify",
            title="Verify admission details and deadlines",
            kind="checklist",
            hours=VERIFY_HOURS,
            detail=program.verify_note,
        )
    )
    prep_ids = tuple(item.id for item in prep if item.kind in ("foundation", "checklist"))
    apply_items = (
        PlanItem(
            id=f"{pid}.apply.materials",
            title="Prepare the application: transcripts, references, statement of purpose",
            kind="application",
            hours=MATERIALS_HOURS,
            prerequisites=(f"{pid}.prep.verify",),
            detail="Rough estimate of the time it takes; ask referees weeks ahead.",
        ),
        PlanItem(
            id=f"{pid}.apply.funding",
            title="Confirm the total cost and how you will pay it",
            kind="application",
            hours=FUNDING_HOURS,
            prerequisites=(f"{pid}.prep.verify",),
            detail=f"Catalog figure: {cost_text(program.cost_usd, program.cost_known)}.",
        ),
        PlanItem(
            id=f"{pid}.apply.submit",
            title="Submit the application before the deadline",
            kind="application",
            hours=SUBMIT_HOURS,
            prerequisites=(*prep_ids, f"{pid}.apply.materials", f"{pid}.apply.funding"),
        ),
    )
    years = program.duration_years
    return [
        PlanStage(
            id=f"{pid}.prep",
            title="Prepare",
            summary="Close the foundation gaps and check each admission requirement.",
            items=tuple(prep),
        ),
        PlanStage(
            id=f"{pid}.apply",
            title="Apply",
            summary="Put the application together and send it.",
            items=apply_items,
        ),
        PlanStage(
            id=f"{pid}.program",
            title=program.title,
            summary=f"{program.institution}. {program.format}",
            items=(
                PlanItem(
                    id=pid,
                    title=f"Complete {program.title}",
                    kind="program",
                    hours=None,
                    prerequisites=(f"{pid}.apply.submit",),
                    detail=f"Typically {years.min:g}–{years.max:g} years part-time.",
                ),
            ),
            duration_months=round((years.min + years.max) / 2 * 12, 1),
        ),
    ]


def _cost_estimate(catalog: Catalog, stages: list[PlanStage]) -> CostEstimate:
    courses = _courses(catalog)
    low = high = 0
    open_ended = False
    optional_low = optional_high = 0
    optional_open = False
    counted = audit_free = unknown = 0
    for stage in stages:
        for item in stage.items:
            course = courses.get(item.id) if item.kind == "course" else None
            if course is None:
                continue
            counted += 1
            certificate = course.cost.certificate_usd
            if course.cost.audit_free:
                audit_free += 1
                if certificate is not None:
                    optional_low += certificate.min
                    if certificate.max is None:
                        optional_open = True
                    else:
                        optional_high += certificate.max
            elif certificate is None:
                unknown += 1
            else:
                low += certificate.min
                if certificate.max is None:
                    open_ended = True
                else:
                    high += certificate.max
    parts = ["An estimate from rough certificate prices."]
    if audit_free:
        optional = (
            f"{usd(optional_low)}+"
            if optional_open
            else f"{usd(optional_low)}–{usd(optional_high)}"
        )
        parts.append(
            f"{audit_free} of {counted} courses are free to audit and count as $0; "
            f"certificates for them would add about {optional}."
        )
    if unknown:
        parts.append(f"{unknown} paid course(s) have no price in the catalog and are not counted.")
    return CostEstimate(
        min_usd=low,
        max_usd=None if open_ended else high,
        courses=counted,
        audit_free=audit_free,
        optional_min_usd=optional_low,
        optional_max_usd=None if optional_open else optional_high,
        unknown=unknown,
        note=" ".join(parts),
    )


def build_plan(catalog: Catalog, path: PathName, program_id: str | None, answers: Answers) -> Plan:
    """The user's plan for a path.

    Course path: the catalog's stages in order, the foundations stage holding only the user's
    gaps (each gap's courses, then a checkpoint item with the foundation's id), projects as
    their milestones. Degree path: preparation (gaps, admission checklist, "verify admission
    details and deadlines"), the application steps, then the program itself. On the course
    path `program_id` names the program to compare costs with; it may be None either way.
    Raises ValueError for a program id the catalog does not have.
    """
    program: Program | None = None
    if program_id is not None:
        program = next((p for p in catalog.programs if p.id == program_id), None)
        if program is None:
            raise ValueError(f"unknown program {program_id!r}")
    gaps = foundation_gaps(catalog, _levels(answers))
    course_stages = _course_path_stages(catalog, gaps)
    stages = course_stages if path == "courses" else _degree_stages(catalog, program, gaps, answers)
    return Plan(
        path=path,
        program=_program_info(program) if program is not None else None,
        gaps=gaps,
        stages=tuple(stages),
        course_path_cost=_cost_estimate(catalog, course_stages),
    )


def months_at(hours: float, hours_per_week: int) -> float:
    """Months to study `hours` at `hours_per_week`."""
    return hours / (max(hours_per_week, 1) * WEEKS_PER_MONTH)


def _program_cost(program: ProgramInfo) -> ProgramCost:
    known = program.cost_known and program.cost is not None
    return ProgramCost(
        id=program.id,
        title=program.title,
        min_usd=program.cost.min if known and program.cost is not None else None,
        max_usd=program.cost.max if known and program.cost is not None else None,
        known=known,
        text=cost_text(program.cost, program.cost_known),
    )


def _range_text(low: int, high: int | None) -> str:
    if high is None:
        return f"{usd(low)}+"
    return usd(low) if low == high else f"{usd(low)}–{usd(high)}"


def outline(plan: Plan, hours_per_week: int) -> Outline:
    """Stage lengths at `hours_per_week`, the totals, and the course path's cost against the
    program's."""
    stages: list[StageOutline] = []
    for stage in plan.stages:
        hours = sum(item.hours or 0.0 for item in stage.items)
        fixed = stage.duration_months is not None
        months = (
            stage.duration_months
            if stage.duration_months is not None
            else months_at(hours, hours_per_week)
        )
        stages.append(
            StageOutline(
                id=stage.id,
                title=stage.title,
                items=len(stage.items),
                hours=round(hours, 1),
                months=round(months, 1),
                fixed=fixed,
            )
        )
    cost = plan.course_path_cost
    course_text = _range_text(cost.min_usd, cost.max_usd)
    program = _program_cost(plan.program) if plan.program is not None else None
    if program is None:
        comparison = f"The course path costs about {course_text} (estimate); no program to compare."
    else:
        comparison = (
            f"The course path costs about {course_text} (estimate), against "
            f"{program.text} for {program.title}."
        )
    notes = [
        f"Months assume {hours_per_week} hours a week and the middle of each hour estimate.",
        cost.note,
    ]
    if any(stage.fixed for stage in stages):
        notes.append(
            "The program's months are the middle of its typical part-time duration; admission "
            "cycles can add a wait before it starts."
        )
    return Outline(
        path=plan.path,
        program_id=plan.program.id if plan.program is not None else None,
        hours_per_week=hours_per_week,
        stages=tuple(stages),
        total_hours=round(sum(stage.hours for stage in stages), 1),
        total_months=round(sum(stage.months for stage in stages), 1),
        course_path_cost=cost,
        program_cost=program,
        cost_comparison=comparison,
        notes=tuple(notes),
    )
