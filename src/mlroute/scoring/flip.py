"""What would it take: the cheapest set of answer changes that switches the path.

Every change has a cost: moving a circumstance (budget, hours, months, how much structure
helps) is cheap and costs by how far it moves; changing a life goal or a fact about the person
(goal, PhD plans, employer type, career stage, a degree filter, a bachelor's) is dear. The search
is best-first over sets of changes of any size: sets come off a heap cheapest first, and the
first that flips is the answer. Only the factors a change touches are re-evaluated, which is
exact because the net is a sum of per-factor contributions; a set found this way is then checked
by the caller's full scoring (which rebuilds the plan the factors lean on) before it is offered.
The same search limited to practical changes gives the flip shown beside a life-goal one.
"""

from __future__ import annotations

import heapq
import math
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict

from mlroute.answers import ALLOWED, FIELDS, RANGES
from mlroute.plan import PathName
from mlroute.scoring.factors import Context, Flat, cheapest, shortest_months
from mlroute.scoring.rules import decide
from mlroute.scoring.words import change_text

Kind = Literal["practical", "life"]
"""A change within the person's control, or a change of life goal or circumstance of birth."""

LIFE_FIELDS = frozenset(
    {
        "goal",
        "plans_phd",
        "employer_type",
        "career_stage",
        "credential_required",
        "quant_bachelor",
        "employed_technical",
        "region",
    }
)
"""Answers that describe who the person is or wants to become, not how they go about it."""

CHOICE_COST = {
    "goal": 6.0,
    "plans_phd": 6.0,
    "employer_type": 5.0,
    "credential_required": 4.0,
    "employed_technical": 6.0,
    "quant_bachelor": 10.0,
    "region": 6.0,
    "need": 1.5,
    "wants_portfolio": 1.0,
}
"""What switching a yes/no or multiple-choice answer costs."""
STAGE_STEP_COST = 4.0
"""Per step between entry, mid and senior."""
SCALE_STEP_COST = 0.75
"""Per step on a 1-5 rating."""
LEVEL_UP_COST = 1.0
"""Per foundation level gained by study."""
LEVEL_DOWN_COST = 5.0
"""Per foundation level lost: never a useful suggestion, so nearly never made."""
STAGES = ("entry", "mid", "senior")

RULE_FIELDS = frozenset({"credential_required", "quant_bachelor"})
"""The answers the guide's precedence rules read."""

MAX_CHANGES = 4
"""The largest set the best-first search tries."""
MAX_SETS = 1_000
"""How many sets the search takes off its heap before it falls back to the greedy answer."""


class Change(BaseModel):
    """A change to one answer."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    field: str
    """Answers-file key, dotted for foundations (`foundations.calculus`)."""
    value: str | int | bool
    """A valid value for it."""


class Flip(BaseModel):
    """One set of changes that switches the path, checked by scoring it."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    changes: tuple[Change, ...]
    """The changes, in questionnaire order."""
    kind: Kind
    """Practical when every change is within the person's control."""
    cost: float
    """The search's cost of the set; lower is a smaller step."""
    text: str
    """The changes as the condition of a sentence ("your budget were $12,000 instead of …")."""


UNWISHED = ("budget_usd", "hours_per_week", "months_to_goal")
"""Answers whose fall is no one's plan: less money, less study time, a nearer deadline."""
UNWISHED_COST = 3.0
"""What such a fall costs on top of its size, so that it is suggested only when nothing
closer to hand would do."""


def _unwished(field: str, old: Any, new: Any) -> bool:
    return field in UNWISHED and new < old


def change_cost(field: str, old: Any, new: Any) -> float:
    """What changing one answer from `old` to `new` costs."""
    extra = UNWISHED_COST if _unwished(field, old, new) else 0.0
    if field == "budget_usd":
        return extra + 1.0 + 2.0 * abs(new - old) / max(old, 1000)
    if field == "months_to_goal":
        return extra + 1.0 + abs(new - old) / max(old, 6)
    if field == "hours_per_week":
        return extra + 1.0 + abs(new - old) / max(old, 5)
    if field.startswith("foundations."):
        return (new - old) * LEVEL_UP_COST if new > old else (old - new) * LEVEL_DOWN_COST
    if field == "career_stage":
        return STAGE_STEP_COST * abs(STAGES.index(new) - STAGES.index(old))
    if field in RANGES:  # the 1-5 ratings
        return SCALE_STEP_COST * abs(new - old)
    return CHOICE_COST.get(field, 1.0)


def kind_of(changes: Iterable[tuple[str, Any, Any]]) -> Kind:
    """Practical when every change is the person's to make: more money, hours or time, more
    study of a foundation, or a preference. Otherwise life: a different goal, employer or
    background, or a circumstance nobody would choose (less money, time or study)."""
    for field, old, new in changes:
        if field in LIFE_FIELDS or _unwished(field, old, new):
            return "life"
        if field.startswith("foundations.") and new < old:
            return "life"
    return "practical"


@dataclass(frozen=True, slots=True)
class Table:
    """The factors ready for fast evaluation: signed weights, rules, and who reads what."""

    signed: tuple[float, ...]
    """Each factor's weight, negative toward courses."""
    rules: tuple[Callable[[Flat, Context], float], ...]
    """Each factor's rule."""
    readers: Mapping[str, tuple[int, ...]]
    """For each answers field, the indexes of the factors that read it."""


def contributions(a: Flat, c: Context, t: Table) -> list[float]:
    """Each factor's signed points."""
    return [signed * rule(a, c) for signed, rule in zip(t.signed, t.rules, strict=True)]


@dataclass(frozen=True, slots=True)
class _Candidate:
    field: str
    value: Any
    cost: float
    position: int
    """The field's place in the questionnaire, to say changes in its order."""


class _Search:
    """Scores change sets incrementally against the person's answers."""

    def __init__(self, a: Flat, c: Context, t: Table) -> None:
        self.a = a
        self.c = c
        self.t = t
        self.base = contributions(a, c, t)
        self.net = sum(self.base)
        self.path, self.rule = decide(a, c, self.net)
        self.room = {field: self._field_room(field) for field in t.readers}
        self._singles: dict[tuple[str, Any], tuple[float, PathName]] = {}

    def net_with(self, changes: Mapping[str, Any]) -> float:
        a = {**self.a, **changes}
        net = self.net
        readers = self.t.readers
        touched: set[int] = set()
        for field in changes:
            touched.update(readers.get(field, ()))
        signed, rules, base, c = self.t.signed, self.t.rules, self.base, self.c
        for i in touched:
            net += signed[i] * rules[i](a, c) - base[i]
        return net

    def path_with(self, changes: Mapping[str, Any]) -> PathName:
        net = self.net_with(changes)
        path, _ = decide({**self.a, **changes}, self.c, net)
        return path

    def single(self, field: str, value: Any) -> tuple[float, PathName]:
        """The net and path with one answer changed, computed once per search."""
        key = (field, value)
        found = self._singles.get(key)
        if found is None:
            change = {field: value}
            net = self.net_with(change)
            found = net, decide({**self.a, **change}, self.c, net)[0]
            self._singles[key] = found
        return found

    def _push(self, field: str, value: Any) -> float:
        """How far one change moves the net toward the other path (negative: away from it)."""
        delta = self.single(field, value)[0] - self.net
        return -delta if self.path == "degree" else delta

    def _helps(self, field: str, value: Any) -> bool:
        """Whether a change alone moves the verdict toward the other path.

        A change of a rule's inputs can matter with no change in points, so those are kept too.
        """
        if self.single(field, value)[1] != self.path:
            return True
        return self._push(field, value) > 1e-9 or field in RULE_FIELDS

    def _numeric_values(self, field: str) -> set[int]:
        current = self.a[field]
        low, high = RANGES[field]
        if field == "budget_usd":
            values = {0, current // 2, current * 2}
            found = cheapest(self.a, self.c)
            for degree in self.c.degrees:
                for figure in (degree.low_usd, degree.high_usd):
                    if figure is not None:
                        values.add(figure)
            if found is not None:
                values.add(math.ceil(found[1]))
            high = max(values | {current})
        elif field == "months_to_goal":
            values = {1, 3, 6, 9, 12, 18, 23, 24, 30, 36, 48, 60, current // 2, current * 2}
            values.add(math.ceil(shortest_months(self.a, self.c)))
        elif field == "hours_per_week":
            values = {3, 5, 8, 10, 15, 20, 25, 30, 40, 50, 60, current // 2, current * 2}
        elif field.startswith("foundations."):
            values = {0, 1, 2, 3}
        else:
            values = set(range(low, (high or low) + 1))
        values |= self._thresholds(field, low, high if high is not None else current)
        return {v for v in values if low <= v <= (high or v) and v != current}

    def _thresholds(self, field: str, low: int, high: int) -> set[int]:
        """The nearest values either side that flip the path alone, found by bisection."""
        current = self.a[field]
        found: set[int] = set()
        for far in (low, high):
            if far == current or self.single(field, far)[1] == self.path:
                continue
            near = current
            while abs(far - near) > 1:
                middle = (far + near) // 2
                if self.single(field, middle)[1] != self.path:
                    far = middle
                else:
                    near = middle
            if field == "budget_usd":  # a round figure, no nearer than the exact threshold
                far = int((math.ceil if far > current else math.floor)(far / 100) * 100)
            found.add(far)
        return found

    def candidates(self, practical_only: bool) -> list[_Candidate]:
        found: list[_Candidate] = []
        for position, field in enumerate(FIELDS):
            if field not in self.t.readers or (practical_only and field in LIFE_FIELDS):
                continue
            current = self.a[field]
            values: Iterable[Any] = (
                [v for v in ALLOWED[field] if v != current]
                if field in ALLOWED
                else sorted(self._numeric_values(field))
            )
            options = sorted(
                (change_cost(field, current, value), value)
                for value in values
                if self._helps(field, value)
            )
            # A dearer value of the same field that moves the net no further is never part of
            # a cheapest set: keep each field's values whose push grows with their cost.
            best = -math.inf
            for cost, value in options:
                push = self._push(field, value)
                if push > best + 1e-9 or self.single(field, value)[1] != self.path:
                    found.append(_Candidate(field, value, cost, position))
                    best = max(best, push)
        found.sort(key=lambda cand: (cand.cost, cand.position))
        return found

    def could_flip(self, candidates: Sequence[_Candidate]) -> bool:
        """False when no set of at most `MAX_CHANGES` of these candidates can switch the path.

        An exact bound: with a rule deciding, only a change of the rule's inputs can; otherwise
        the factors the fields touch must be able to move the net across zero even if each went
        to its extreme.
        """
        return self._reachable(set(), {cand.field for cand in candidates})

    def _reachable(self, fields: set[str], later: set[str], net: float | None = None) -> bool:
        """Whether `fields` plus up to `MAX_CHANGES - len(fields)` of `later` could flip.

        `net` is the net with `fields` changed, when known; otherwise their room is counted
        from the answers as they are. Rooms add up per field, which can only overstate them.
        """
        if (fields | later) & RULE_FIELDS:
            return True
        if self.rule is not None:
            return False
        free = MAX_CHANGES - len(fields)
        extra = sum(sorted((self.room[f] for f in later - fields), reverse=True)[: max(free, 0)])
        if net is None:
            net = self.net + (-1 if self.path == "degree" else 1) * sum(
                self.room[f] for f in fields
            )
        if self.path == "degree":  # the net must fall to 0 or below
            return net - extra <= 1e-9
        return net + extra > 1e-9

    def _field_room(self, field: str) -> float:
        """How far the factors a field feeds could move the net toward the other path."""
        room = 0.0
        for i in self.t.readers.get(field, ()):
            signed, now = self.t.signed[i], self.base[i]
            if self.path == "degree":
                room += now if signed > 0 else abs(signed) - abs(now)
            else:
                room += signed - now if signed > 0 else abs(now)
        return room

    def best_first(
        self, candidates: Sequence[_Candidate], accept: Callable[[dict[str, Any]], bool]
    ) -> tuple[_Candidate, ...] | None:
        """The cheapest set of candidates (one per field) that flips, or None within bounds.

        Sets are enumerated in order of cost without listing them all: from a set whose last
        member is candidate i, the next sets are it plus candidate i+1, and it with candidate i
        swapped for i+1 (candidates sorted by cost), which reaches every set exactly once.
        """
        n = len(candidates)
        if n == 0:
            return None
        # The fields still on offer after each position, for pruning sets that cannot flip
        # however they grow.
        later: list[set[str]] = [set() for _ in range(n + 1)]
        for i in range(n - 1, -1, -1):
            later[i] = later[i + 1] | {candidates[i].field}
        heap: list[tuple[float, tuple[int, ...]]] = [(candidates[0].cost, (0,))]
        taken = 0
        while heap and taken < MAX_SETS:
            cost, members = heapq.heappop(heap)
            taken += 1
            chosen = [candidates[i] for i in members]
            fields = {cand.field for cand in chosen}
            net: float | None = None
            if len(fields) == len(chosen):
                changes = {cand.field: cand.value for cand in chosen}
                net = self.net_with(changes)
                path, _ = decide({**self.a, **changes}, self.c, net)
                if path != self.path and accept(changes):
                    return tuple(chosen)
            last = members[-1]
            if last + 1 < n:
                step = candidates[last + 1].cost
                if len(members) < MAX_CHANGES and self._reachable(fields, later[last + 1], net):
                    heapq.heappush(heap, (cost + step, (*members, last + 1)))
                heapq.heappush(
                    heap, (cost - candidates[last].cost + step, (*members[:-1], last + 1))
                )
        return None

    def greedy(
        self, candidates: Sequence[_Candidate], accept: Callable[[dict[str, Any]], bool]
    ) -> tuple[_Candidate, ...] | None:
        """A flipping set when the best-first search runs out of bounds: the strongest change
        of each field, added until the path flips, then each dropped again if not needed."""
        strongest: dict[str, tuple[float, _Candidate]] = {}
        for cand in candidates:
            push = abs(self.net_with({cand.field: cand.value}) - self.net)
            if cand.field not in strongest or push > strongest[cand.field][0]:
                strongest[cand.field] = (push, cand)
        order = sorted(strongest.values(), key=lambda pair: -pair[0] / max(pair[1].cost, 0.1))
        chosen: list[_Candidate] = []
        for _, cand in order:
            chosen.append(cand)
            if self.path_with({c.field: c.value for c in chosen}) != self.path:
                break
        else:
            return None
        for cand in sorted(chosen, key=lambda c: -c.cost):
            trial = [c for c in chosen if c is not cand]
            if trial and self.path_with({c.field: c.value for c in trial}) != self.path:
                chosen = trial
        changes = {c.field: c.value for c in chosen}
        return tuple(chosen) if accept(changes) else None


def find_flips(
    a: Flat, c: Context, t: Table, accept: Callable[[dict[str, Any]], bool]
) -> tuple[Flip, ...]:
    """The cheapest flip, and the cheapest practical one when the first is a life change.

    `accept` is the caller's exact check of a change set (full scoring); a set it refuses is
    passed over. Practical first in the result. Empty only when no change of any answers
    tried switches the path.
    """
    search = _Search(a, c, t)

    def solve(practical_only: bool) -> Flip | None:
        candidates = search.candidates(practical_only)
        if not search.could_flip(candidates):
            return None
        chosen = search.best_first(candidates, accept) or search.greedy(candidates, accept)
        if chosen is None:
            return None
        ordered = sorted(chosen, key=lambda cand: cand.position)
        return Flip(
            changes=tuple(Change(field=cand.field, value=cand.value) for cand in ordered),
            kind=kind_of((cand.field, a[cand.field], cand.value) for cand in ordered),
            cost=round(sum(cand.cost for cand in ordered), 2),
            text=" and ".join(change_text(cand.field, cand.value, a) for cand in ordered),
        )

    overall = solve(practical_only=False)
    if overall is None or overall.kind == "practical":
        return (overall,) if overall else ()
    practical = solve(practical_only=True)
    return (practical, overall) if practical else (overall,)
