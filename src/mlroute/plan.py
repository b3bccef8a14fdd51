"""Plans, pure: the ordered stages and items of a course path or a degree path, and their outline.

`build_plan` turns the catalog and the answers into stages of trackable items; `outline` turns a
plan into months at a pace and costs. Where a stage offers alternatives for one place (courses
sharing a slot), the plan takes one and says why (`mlroute.slots`); foundations come in the
order their courses' prerequisites require; a "specific skills" plan puts the stages that serve
the goal first (`OPTIONAL_FOR_GOAL`); and work the user did is never left out. No I/O, no
Textual: the plan tracker and the scorer both call these on every change.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator, Mapping
from types import MappingProxyType
from typing import TYPE_CHECKING, Literal, NamedTuple

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
from mlroute.limits import GAP_BELOW, WEEKS_PER_MONTH
from mlroute.slots import Fit, Pick, Slot, group_slots, pick_slots, slot_id

if TYPE_CHECKING:
    from mlroute.answers import Answers

PathName = Literal["degree", "courses"]
"""The two paths the advisor chooses between."""

ItemKind = Literal["foundation", "course", "milestone", "checklist", "application", "program"]
"""What a plan item is: a foundation checkpoint, a course, a project milestone, an admission
checklist item, an application step, or the degree program itself."""

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
    slot: str = ""
    """For a course, the place in its stage it fills (see `Course.slot`); `mlroute progress
    choose SLOT COURSE` and the Plan screen's swap key change which option fills it."""
    alternatives: tuple[str, ...] = ()
    """The ids of the other courses that could fill the same slot, in the stage's order."""
    why: str = ""
    """Why the plan has this item here, in a sentence: why this option was picked among its
    alternatives, or why an optional item is optional. Empty when there is nothing to say."""
    optional: bool = False
    """True for an item the user's goal does not need (a "specific skills" plan) or work the
    user did that the plan no longer needs. Left out of the totals and the months until the
    user starts it."""
    kept: bool = False
    """True when the item is in the plan only because the user worked on it (an option they
    swapped away from, a course the plan no longer needs): it leaves when that work is undone."""


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
    """A fixed duration (the degree program's own typical length); None when the stage's
    length follows from its hours at the user's pace."""
    optional: bool = False
    """True when every item is optional: the stage does not serve the user's goal."""


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
    """Typical duration, as the program states it."""


class Picks(NamedTuple):
    """The options a user picked or started on the Plan screen, for a plan built elsewhere
    (the recommendation's) to hold the same courses as theirs."""

    choices: Mapping[str, str] = MappingProxyType({})
    """The course chosen for each slot, by slot id."""
    started: frozenset[str] = frozenset()
    """Ids the user has started or finished: an option started counts as chosen."""


NO_PICKS = Picks()
"""No picks: the plan takes the catalog's pick for every slot."""


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
    """Estimated hours of the items that are not optional (no estimate counts as 0)."""
    months: float
    """Estimated months: hours at the user's pace, or the program's typical duration."""
    fixed: bool
    """True when `months` is the program's duration rather than hours at a pace."""
    optional_hours: float = 0.0
    """Estimated hours of the optional items, left out of `hours` and `months`."""


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


def _study_rank(catalog: Catalog) -> dict[FoundationId, tuple[bool, int, int]]:
    """Each foundation's place in the catalog's study order; foundations the catalog does not
    describe keep their standard order after the others."""
    rank = {foundation.id: foundation.order for foundation in catalog.foundations}
    return {
        fid: (fid not in rank, rank.get(fid, 0), index) for index, fid in enumerate(FOUNDATION_IDS)
    }


def _foundation_needs(catalog: Catalog) -> dict[FoundationId, set[FoundationId]]:
    """For each foundation, the other foundations its courses assume: named as a prerequisite
    directly, or through a prerequisite course that teaches it."""
    teaches = {course.id: course.foundation for course in catalog.courses if course.foundation}
    needs: dict[FoundationId, set[FoundationId]] = {fid: set() for fid in FOUNDATION_IDS}
    for course in catalog.courses:
        if course.foundation is None:
            continue
        for prerequisite in course.prerequisites:
            other = prerequisite if prerequisite in needs else teaches.get(prerequisite)
            if other is not None and other != course.foundation:
                needs[course.foundation].add(other)
    return needs


def _reachable(needs: dict[FoundationId, set[FoundationId]], start: FoundationId) -> set[str]:
    seen: set[str] = set()
    todo = list(needs[start])
    while todo:
        fid = todo.pop()
        if fid not in seen:
            seen.add(fid)
            todo += needs[fid]
    return seen


def foundation_order(catalog: Catalog) -> tuple[FoundationId, ...]:
    """The four foundations in the order to study them: a foundation whose courses assume
    another (a probability course that needs calculus) comes after it; otherwise the catalog's
    study order. A cycle in the prerequisites is broken by the study order."""
    rank = _study_rank(catalog)
    needs = _foundation_needs(catalog)
    reach = {fid: _reachable(needs, fid) for fid in FOUNDATION_IDS}
    # Foundations that assume each other (a cycle in the data) keep their study order.
    needs = {
        fid: {other for other in wants if fid not in reach[other]} for fid, wants in needs.items()
    }
    left = sorted(FOUNDATION_IDS, key=rank.__getitem__)
    order: list[FoundationId] = []
    while left:
        ready = [fid for fid in left if not (needs[fid] - set(order))]
        chosen = ready[0] if ready else left[0]
        order.append(chosen)
        left.remove(chosen)
    return tuple(order)


def foundation_gaps(catalog: Catalog, levels: dict[str, int]) -> tuple[FoundationId, ...]:
    """Foundations below a solid level, in the order to study them (`foundation_order`)."""
    return tuple(fid for fid in foundation_order(catalog) if levels.get(fid, 0) < GAP_BELOW)


def _levels(answers: Answers) -> dict[str, int]:
    return dict(answers.foundations)


def _foundation_title(catalog: Catalog, fid: str) -> str:
    for foundation in catalog.foundations:
        if foundation.id == fid:
            return foundation.title
    return fid.replace("_", " ").capitalize()


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


def _milestone_items(catalog: Catalog, stage: Stage, optional_why: str = "") -> list[PlanItem]:
    """The stage's projects as their milestones; optional (saying `optional_why`) when the
    stage does not serve the user's goal."""
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
                    why=optional_why,
                    optional=bool(optional_why),
                )
            )
            previous = (milestone.id,)
    return items


# Goals and slots ---------------------------------------------------------------------------

OPTIONAL_FOR_GOAL: dict[str, tuple[str, ...]] = {
    "ml-engineering": ("stage-unsupervised",),
    "data-science": ("stage-applied-production",),
    "applied-research": ("stage-applied-production",),
    "research": ("stage-applied-production", "stage-projects"),
    "academia-adjacent": ("stage-applied-production", "stage-projects"),
}
"""For someone who wants specific skills (`need = "specific-skills"`): the course-path stages
that do not serve their goal, which the plan moves after the others and marks optional.

Why each: ML engineering is built on supervised learning, implementation and production, and
projects, with clustering and retrieval as extras; data science and applied research lean on
supervised and unsupervised methods and on projects, with production operations as extras;
research and academia-adjacent work need the methods in depth more than production skills or
a portfolio. The foundations are never optional, and a course a needed one builds on stays
needed wherever it is listed. Stages this table does not name are kept."""

GOAL_WORDS: dict[str, str] = {
    "ml-engineering": "ML engineering",
    "data-science": "data science",
    "applied-research": "applied research",
    "research": "research",
    "academia-adjacent": "academia-adjacent work",
}
"""Each goal as the plan's reasons name it."""


def _optional_stages(answers: Answers) -> frozenset[str]:
    if answers.need != "specific-skills":
        return frozenset()
    return frozenset(OPTIONAL_FOR_GOAL.get(answers.goal, ()))


class _Builder:
    """What building one path's items needs to know about the courses: which option fills
    each slot, which ids the plan holds, and how to point a prerequisite at them."""

    def __init__(
        self,
        catalog: Catalog,
        gaps: tuple[FoundationId, ...],
        picks: dict[str, Pick],
        keep: frozenset[str],
        optional: frozenset[str] = frozenset(),
        goal: str = "",
    ) -> None:
        self.catalog = catalog
        self.picks = picks
        self.keep = keep
        self.optional = optional
        """The stages that do not serve the user's goal (a "specific skills" plan)."""
        self.optional_why = f"Optional: this stage is not central to {GOAL_WORDS.get(goal, goal)}."
        self.pick_of: dict[str, str] = {}
        """Every option's id -> the id of the course picked for its slot."""
        for pick in picks.values():
            for option in pick.slot.options:
                self.pick_of[option.id] = pick.course.id
        self.present: set[str] = set(gaps)
        """Ids the plan holds: prerequisites may only name these."""
        self.needed = self._needed() if optional else set()
        """Picked courses in optional stages that a course of a needed stage builds on."""

    def _needed(self) -> set[str]:
        picked = {pick.course.id: pick.course for pick in self.picks.values()}
        todo = [p.course for p in self.picks.values() if p.slot.stage not in self.optional]
        needed: set[str] = set()
        while todo:
            for prerequisite in todo.pop().prerequisites:
                target = self.pick_of.get(prerequisite, prerequisite)
                if target in picked and target not in needed:
                    needed.add(target)
                    todo.append(picked[target])
        return needed

    def prerequisites(self, course: Course) -> tuple[str, ...]:
        """The course's prerequisites in this plan, an alternative named by its slot's pick."""
        result: list[str] = []
        for prerequisite in course.prerequisites:
            target = self.pick_of.get(prerequisite, prerequisite)
            if target in self.present and target != course.id and target not in result:
                result.append(target)
        return tuple(result)

    def item(self, course: Course, pick: Pick | None, *, why: str = "") -> PlanItem:
        """A course as a plan item; `pick` is its slot's pick when it is the picked option.
        A pick in a stage the goal does not need is optional, unless a needed course builds
        on it; foundation courses never are."""
        group = course.foundation or ""
        why = why or (pick.why if pick is not None else "")
        optional = pick is None
        if pick is not None and pick.slot.stage in self.optional and course.foundation is None:
            if course.id in self.needed:
                why = why or NEEDED_FIRST
            else:
                optional, why = True, f"{self.optional_why} {why}".strip()
        return PlanItem(
            id=course.id,
            title=course.title,
            kind="course",
            hours=course.hours.mid,
            prerequisites=self.prerequisites(course),
            group=group,
            group_title=_foundation_title(self.catalog, group) if group else "",
            detail=course.provider,
            slot=slot_id(course),
            alternatives=pick.alternatives if pick is not None else (),
            why=why,
            optional=optional,
            kept=pick is None,
        )

    def picked(self, pick: Pick) -> list[PlanItem]:
        """The slot's pick, then any other option the user worked on (optional)."""
        items = [self.item(pick.course, pick)]
        if len(pick.slot.options) == 1:
            return items
        items += [
            self.item(option, None, why=KEPT_OPTION)
            for option in pick.slot.options
            if option.id in self.keep and option.id != pick.course.id
        ]
        return items


NEEDED_FIRST = "Needed first by a course your goal calls for."
KEPT_OPTION = "Another option for this place, kept because you worked on it."
KEPT_UNNEEDED = "No longer needed by your plan, kept because you worked on it."


def _wanted(course: Course, gaps: tuple[FoundationId, ...]) -> bool:
    return course.foundation is None or course.foundation in gaps


def _listed(catalog: Catalog) -> list[tuple[Stage, list[Course]]]:
    """Each stage with its courses, each course in the first stage that lists it."""
    courses = _courses(catalog)
    seen: set[str] = set()
    result = []
    for stage in catalog.stages_in_order():
        mine = []
        for course_id in stage.courses:
            course = courses.get(course_id)
            if course is not None and course_id not in seen:
                seen.add(course_id)
                mine.append(course)
        result.append((stage, mine))
    return result


def _unlisted_foundation_courses(catalog: Catalog, gaps: tuple[FoundationId, ...]) -> list[Course]:
    listed = {course_id for stage in catalog.stages for course_id in stage.courses}
    return [c for c in catalog.courses if c.foundation in gaps and c.id not in listed]


def _slots(
    catalog: Catalog,
    listed: list[tuple[Stage, list[Course]]],
    gaps: tuple[FoundationId, ...],
    optional: frozenset[str],
) -> list[Slot]:
    """Every slot the plan must fill: the stages' wanted courses, then foundation courses no
    stage lists (the degree path's preparation still uses them)."""
    slots: list[Slot] = []
    for stage, courses in listed:
        wanted = [c for c in courses if _wanted(c, gaps)]
        slots += group_slots(stage.id, wanted, required=stage.id not in optional)
    slots += group_slots("", _unlisted_foundation_courses(catalog, gaps), required=False)
    return slots


def _course_path_stages(
    catalog: Catalog,
    listed: list[tuple[Stage, list[Course]]],
    gaps: tuple[FoundationId, ...],
    picks: dict[str, Pick],
    keep: frozenset[str],
    optional: frozenset[str],
    goal: str,
) -> list[PlanStage]:
    """The catalog's stages in order, foundation courses kept only for the gaps, one course per
    slot.

    Each gap's checkpoint follows its courses; a gap with no course anywhere gets its checkpoint
    in the first stage. A course listed by two stages appears once; empty stages are dropped.
    Work the user did stays visible: an alternative they worked on follows its slot's pick, a
    course or checkpoint the plan no longer needs stays in its stage, both optional.
    """
    builder = _Builder(catalog, gaps, picks, keep, optional, goal)
    by_stage: dict[str, list[Pick]] = {}
    for pick in picks.values():
        by_stage.setdefault(pick.slot.stage, []).append(pick)
    builder.present |= {pick.course.id for pick in picks.values()}
    builder.present |= {c.id for _, courses in listed for c in courses if c.id in keep}
    taught = {pick.course.foundation for pick in picks.values() if pick.slot.stage}
    placed: set[str] = set()
    result: list[PlanStage] = []
    for index, (stage, courses) in enumerate(listed):
        stage_picks = by_stage.get(stage.id, [])
        here = [
            fid
            for fid in gaps
            if fid not in placed
            and (
                any(p.course.foundation == fid for p in stage_picks)
                or (index == 0 and fid not in taught)
            )
        ]
        placed |= set(here)
        items: list[PlanItem] = []
        for fid in here:
            mine = [p for p in stage_picks if p.course.foundation == fid]
            for pick in mine:
                items += builder.picked(pick)
            items.append(_checkpoint(catalog, fid, [p.course.id for p in mine]))
        for pick in stage_picks:
            if pick.course.foundation not in here:
                items += builder.picked(pick)
        done = {item.id for item in items}
        for course in courses:  # work on a course the plan no longer needs
            if course.id in keep and course.id not in done:
                items.append(builder.item(course, None, why=KEPT_UNNEEDED))
        if index == 0:  # checkpoints of foundations that are no longer gaps
            for fid in FOUNDATION_IDS:
                if fid in keep and fid not in gaps:
                    checkpoint = _checkpoint(catalog, fid, [])
                    items.append(
                        checkpoint.model_copy(
                            update={
                                "why": KEPT_UNNEEDED,
                                "optional": True,
                                "kept": True,
                                "detail": "",
                            }
                        )
                    )
        optional_why = builder.optional_why if stage.id in optional else ""
        items += _milestone_items(catalog, stage, optional_why)
        if items:
            result.append(
                PlanStage(
                    id=stage.id,
                    title=stage.title,
                    summary=stage.summary,
                    items=tuple(items),
                    optional=all(item.optional for item in items),
                )
            )
    if not listed and gaps:
        items = []
        for fid in gaps:
            mine = [p for p in picks.values() if p.course.foundation == fid]
            items += [builder.item(p.course, p) for p in mine]
            items.append(_checkpoint(catalog, fid, [p.course.id for p in mine]))
        result.append(_gap_stage("foundation-gaps", items))
    # The stages that serve the goal first; those left wholly optional after them.
    return [s for s in result if not s.optional] + [s for s in result if s.optional]


OUTSIDE_STAGE_ID = "outside-plan"
"""The stage holding work the user did that the plan does not have."""


def _outside_stage(
    catalog: Catalog,
    stages: list[PlanStage],
    course_stages: list[PlanStage],
    kept: frozenset[str],
    program: Program | None,
    gaps: tuple[FoundationId, ...],
    answers: Answers,
    picks: dict[str, Pick],
) -> list[PlanStage]:
    """Work the user did that no stage of this plan holds (the other path's items, another
    program's steps, a course no stage lists), as one optional stage; none when there is none.
    Nothing the user worked on disappears from view because of a switch or a changed answer.
    """
    present = {item.id for stage in stages for item in stage.items}
    found: dict[str, PlanItem] = {}

    def take(items: Iterator[PlanItem] | list[PlanItem]) -> None:
        for item in items:
            if item.id in kept and item.id not in present and item.id not in found:
                found[item.id] = item

    take(item for stage in course_stages for item in stage.items)
    for other in catalog.programs:
        if other is program:
            continue
        if any(i == other.id or i.startswith(f"{other.id}.") for i in kept):
            degree = _degree_stages(catalog, other, gaps, answers, picks, kept)
            take(item for stage in degree for item in stage.items)
    builder = _Builder(catalog, gaps, picks, kept)
    take(builder.item(c, None, why=KEPT_UNNEEDED) for c in catalog.courses if c.id in kept)
    if not found:
        return []
    ids = present | set(found)
    items = tuple(
        item.model_copy(
            update={
                "optional": True,
                "kept": True,
                "why": KEPT_UNNEEDED,
                "alternatives": (),
                "prerequisites": tuple(p for p in item.prerequisites if p in ids),
            }
        )
        for item in found.values()
    )
    return [
        PlanStage(
            id=OUTSIDE_STAGE_ID,
            title="Outside this plan",
            summary="Work you did that this plan does not need: kept, and counted.",
            items=items,
            optional=True,
        )
    ]


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


def _degree_foundation_items(
    catalog: Catalog, gaps: tuple[FoundationId, ...], picks: dict[str, Pick], keep: frozenset[str]
) -> list[PlanItem]:
    """For each gap in study order: the courses picked for it (and alternatives the user
    worked on), then its checkpoint."""
    builder = _Builder(catalog, gaps, picks, keep)
    mine = {fid: [p for p in picks.values() if p.course.foundation == fid] for fid in gaps}
    builder.present |= {p.course.id for ps in mine.values() for p in ps}
    builder.present |= {
        o.id for ps in mine.values() for p in ps for o in p.slot.options if o.id in keep
    }
    items: list[PlanItem] = []
    for fid in gaps:
        for pick in mine[fid]:
            items += builder.picked(pick)
        items.append(_checkpoint(catalog, fid, [p.course.id for p in mine[fid]]))
    return items


def _degree_stages(
    catalog: Catalog,
    program: Program | None,
    gaps: tuple[FoundationId, ...],
    answers: Answers,
    picks: dict[str, Pick],
    keep: frozenset[str],
) -> list[PlanStage]:
    pid = program.id if program is not None else "degree"
    prep = _degree_foundation_items(catalog, gaps, picks, keep)
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
                    detail=(
                        f"Typically {years.min:g}–{years.max:g} years "
                        f"{'part-time' if program.part_time else 'full-time'}, by its own page."
                    ),
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
            if course is None or item.optional:
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


def build_plan(
    catalog: Catalog,
    path: PathName,
    program_id: str | None,
    answers: Answers,
    *,
    choices: Mapping[str, str] | None = None,
    started: Collection[str] = (),
    keep: Collection[str] = (),
    hours_per_week: int | None = None,
) -> Plan:
    """The user's plan for a path.

    Course path: the catalog's stages in order, the foundations stage holding only the user's
    gaps (each gap's courses, then a checkpoint item with the foundation's id), projects as
    their milestones. Degree path: preparation (gaps, admission checklist, "verify admission
    details and deadlines"), the application steps, then the program itself. On the course
    path `program_id` names the program to compare costs with; it may be None either way.
    Raises ValueError for a program id the catalog does not have.

    Where a stage offers alternatives for one place (a slot), one is picked, as
    `mlroute.slots` describes: `choices` maps a slot id to the course the user chose for it,
    `started` holds ids the user has started or finished. `keep` holds ids the user has any
    status or note for: such a course or checkpoint stays in the plan, optional, even when the
    plan no longer needs it. `hours_per_week` is the user's pace when it differs from the
    answers' (the Plan screen's own setting). When the answers ask for specific skills, the
    stages that do not serve the goal move last and are optional (`OPTIONAL_FOR_GOAL`).
    """
    program: Program | None = None
    if program_id is not None:
        program = next((p for p in catalog.programs if p.id == program_id), None)
        if program is None:
            raise ValueError(f"unknown program {program_id!r}")
    gaps = foundation_gaps(catalog, _levels(answers))
    optional = _optional_stages(answers)
    listed = _listed(catalog)
    slots = _slots(catalog, listed, gaps, optional)
    fit = Fit(
        budget_usd=answers.budget_usd,
        hours_per_week=hours_per_week or answers.hours_per_week,
        months_to_goal=answers.months_to_goal,
    )
    milestone_hours = sum(
        item.hours or 0.0
        for stage in catalog.stages
        if stage.id not in optional
        for item in _milestone_items(catalog, stage)
    )
    picks = pick_slots(
        slots, fit, choices=choices or {}, started=started, other_hours=milestone_hours
    )
    kept = frozenset(keep)
    course_stages = _course_path_stages(catalog, listed, gaps, picks, kept, optional, answers.goal)
    stages = (
        course_stages
        if path == "courses"
        else _degree_stages(catalog, program, gaps, answers, picks, kept)
    )
    if kept:
        others = course_stages if path == "degree" else []
        stages += _outside_stage(catalog, stages, others, kept, program, gaps, answers, picks)
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
        hours = sum(item.hours or 0.0 for item in stage.items if not item.optional)
        extra = sum(item.hours or 0.0 for item in stage.items if item.optional)
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
                optional_hours=round(extra, 1),
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
    optional_hours = sum(stage.optional_hours for stage in stages)
    if optional_hours:
        notes.append(
            f"Optional items (about {optional_hours:.0f} h) are left out of the months and "
            "the cost."
        )
    if any(stage.fixed for stage in stages):
        notes.append(
            "The program's months are the middle of its own stated duration; admission "
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
