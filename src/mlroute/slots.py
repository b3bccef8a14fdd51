"""Choosing among alternatives, pure: which course fills each slot of a plan, and why, in words.

A stage may list several courses for one place in the plan (courses sharing a `slot`). The plan
takes one per slot, in this order of precedence:

1. the user's own choice for the slot (`mlroute progress choose`, or the Plan screen's swap);
2. an option the user has already started or finished (work done decides it);
3. fit: when the options listed first cost more than the user's budget, the cheapest (free to
   audit first); when the plan at the user's pace would take longer than their months to
   goal, shorter options, biggest saving first, until it fits (never over the budget);
4. otherwise the option the stage lists first.

No I/O and no Textual; `mlroute.plan` calls it on every rebuild.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace

from mlroute.catalog.models import Course
from mlroute.limits import WEEKS_PER_MONTH

LISTED_FIRST = "Listed first for this stage"
"""How the reason for the default pick begins (nothing about the user changed it)."""


@dataclass(frozen=True, slots=True)
class Fit:
    """What the picks must fit: the user's money and time."""

    budget_usd: int
    """The most the user can spend in total."""
    hours_per_week: int
    """The user's pace."""
    months_to_goal: int
    """How soon the user wants to be ready."""

    @property
    def hours_available(self) -> float:
        """Study hours between now and the goal at the user's pace."""
        return max(self.hours_per_week, 1) * self.months_to_goal * WEEKS_PER_MONTH


@dataclass(frozen=True, slots=True)
class Slot:
    """One place in a stage and the courses that can fill it, in the stage's listed order."""

    id: str
    """The slot's id: the courses' shared `slot`, or the only course's own id."""
    stage: str
    """The stage that lists it."""
    options: tuple[Course, ...]
    """The courses that can fill it, listed order."""
    required: bool = True
    """False when the slot's stage is optional for the user's goal: it does not count toward
    fitting the plan into the user's time."""


@dataclass(frozen=True, slots=True)
class Pick:
    """The course chosen for a slot, and why."""

    slot: Slot
    """The slot."""
    course: Course
    """The chosen course."""
    why: str
    """Why this option, in a sentence; empty when the slot has no alternatives."""
    fixed: bool = False
    """True when the user decided it (their choice, or work they did): fitting leaves it be."""

    @property
    def alternatives(self) -> tuple[str, ...]:
        """The other options' ids, in listed order."""
        if len(self.slot.options) == 1:
            return ()
        return tuple(c.id for c in self.slot.options if c.id != self.course.id)


def slot_id(course: Course) -> str:
    """The slot a course fills: its `slot`, else its own id."""
    return course.slot or course.id


def group_slots(stage: str, courses: Iterable[Course], required: bool = True) -> list[Slot]:
    """The stage's courses grouped into slots, each slot where its first option is listed."""
    grouped: dict[str, list[Course]] = {}
    for course in courses:
        grouped.setdefault(slot_id(course), []).append(course)
    return [Slot(sid, stage, tuple(options), required) for sid, options in grouped.items()]


def cost_usd(course: Course) -> float:
    """What taking the course costs at the least: 0 when free to audit; infinite when the price
    is unknown (so a known price ranks first when money is short)."""
    if course.cost.audit_free:
        return 0.0
    certificate = course.cost.certificate_usd
    return float("inf") if certificate is None else float(certificate.min)


def _known(cost: float) -> float:
    return 0.0 if cost == float("inf") else cost


def option_text(course: Course) -> str:
    """A course as an option, in a few words: `40 h · free to audit` or `25 h · $49–$79`."""
    hours = course.hours
    span = f"{hours.min} h" if hours.min == hours.max else f"{hours.min}–{hours.max} h"
    if course.cost.audit_free:
        price = "free to audit"
    elif course.cost.certificate_usd is None:
        price = "price unknown"
    else:
        certificate = course.cost.certificate_usd
        if certificate.max is None:
            price = f"${certificate.min:,}+"
        elif certificate.max == certificate.min:
            price = f"${certificate.min:,}"
        else:
            price = f"${certificate.min:,}–${certificate.max:,}"
    return f"{span} · {price}"


def _first(slot: Slot, choices: Mapping[str, str], started: Collection[str]) -> Pick:
    """The pick before fitting: the user's choice, then work done, then the listed order."""
    if len(slot.options) == 1:  # most slots: nothing to choose
        return Pick(slot, slot.options[0], "")
    chosen = choices.get(slot.id)
    for course in slot.options:
        if course.id == chosen:
            return Pick(slot, course, "Your choice for this place in the plan.", fixed=True)
    for course in slot.options:
        if course.id in started:
            return Pick(slot, course, "You have already worked on this option.", fixed=True)
    course = slot.options[0]
    return Pick(slot, course, f"{LISTED_FIRST}; it fits your budget and your time.")


def _money(picks: Sequence[Pick]) -> float:
    return sum(_known(cost_usd(p.course)) for p in picks if not p.course.cost.audit_free)


def _hours(picks: Sequence[Pick]) -> float:
    return sum(p.course.hours.mid for p in picks if p.slot.required)


def _cheapen(picks: list[Pick], fit: Fit) -> list[Pick]:
    """When the listed-first options cost more than the budget: the cheapest option of every
    slot the user has not decided (free to audit first, then the lowest known price)."""
    spend = _money(picks)
    if spend <= fit.budget_usd:
        return picks
    result = []
    for pick in picks:
        options = pick.slot.options
        if pick.fixed or len(options) < 2:
            result.append(pick)
            continue
        cheapest = min(options, key=lambda c: (cost_usd(c), options.index(c)))
        if cost_usd(cheapest) >= cost_usd(pick.course):
            result.append(pick)
            continue
        word = "Free to audit" if cheapest.cost.audit_free else "The cheapest option"
        why = (
            f"{word}: the options listed first would cost about ${spend:,.0f}, "
            f"more than your ${fit.budget_usd:,} budget."
        )
        result.append(replace(pick, course=cheapest, why=why))
    return result


def _shorten(picks: list[Pick], fit: Fit, other_hours: float) -> list[Pick]:
    """When the plan at the user's pace overruns their months: swap slots the user has not
    decided to their shortest option, the biggest saving first, until the plan fits. A swap
    that would take the spending over the budget is not made."""
    available = fit.hours_available
    total = other_hours + _hours(picks)
    if total <= available:
        return picks
    spend = _money(picks)
    savings: list[tuple[float, int, Course]] = []
    for index, pick in enumerate(picks):
        if pick.fixed or not pick.slot.required or len(pick.slot.options) < 2:
            continue
        options = pick.slot.options
        shortest = min(options, key=lambda c: (c.hours.mid, cost_usd(c), options.index(c)))
        saved = pick.course.hours.mid - shortest.hours.mid
        if saved > 0:
            savings.append((saved, index, shortest))
    savings.sort(key=lambda entry: (-entry[0], entry[1]))
    result = list(picks)
    for saved, index, shortest in savings:
        if total <= available:
            break
        old = result[index]
        extra = _known(cost_usd(shortest)) - _known(cost_usd(old.course))
        if extra > 0 and spend + extra > fit.budget_usd:
            continue
        spend += extra
        total -= saved
        why = (
            f"Shorter ({shortest.hours.mid:g} h against {old.course.hours.mid:g} h), so the "
            f"plan comes closer to fitting {fit.hours_per_week} h a week over "
            f"{fit.months_to_goal} months (about {available:,.0f} h)."
        )
        result[index] = replace(old, course=shortest, why=why)
    return result


def pick_slots(
    slots: Sequence[Slot],
    fit: Fit,
    *,
    choices: Mapping[str, str],
    started: Collection[str],
    other_hours: float = 0.0,
) -> dict[str, Pick]:
    """One pick per slot, by slot id (see the module docstring for the order of precedence).

    `other_hours` is the required work outside the slots (project milestones), counted when
    checking the plan against the user's time.
    """
    picks = [_first(slot, choices, started) for slot in slots]
    picks = _cheapen(picks, fit)
    picks = _shorten(picks, fit, other_hours)
    return {pick.slot.id: pick for pick in picks}
