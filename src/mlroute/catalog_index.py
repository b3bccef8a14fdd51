"""The catalog browser's search, facets and sorts over precomputed lowercase haystacks.

Pure and headless (no Textual), so the keystroke handler that calls it stays tiny: building
`CatalogIndex` does every lowercase, clean and join once; `CatalogFilter.search` then does a
substring scan over the facet-filtered rows, title matches first, and narrows the previous
result when the new query only extends it (the common case while typing).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, Literal

from mlroute.bulk import gc_paused
from mlroute.catalog.models import (
    Catalog,
    Course,
    Foundation,
    HoursRange,
    Program,
    Project,
    Stage,
    UsdRange,
)
from mlroute.limits import DEFAULT_MONTHS_TO_GOAL, WEEKS_PER_MONTH
from mlroute.text import clean

BrowseKind = Literal["program", "course", "foundation", "stage", "project"]
"""The kinds of entry the catalog browser lists (FAQ and articles live in the reader)."""

BROWSE_KINDS: tuple[BrowseKind, ...] = ("program", "foundation", "stage", "course", "project")
"""Browsable kinds, in the order the stage sort lists them within a stage."""

CostClass = Literal["free", "paid", "degree"]
"""The cost facet: free to audit, paid (courses and certificates), or a degree program."""

COST_LABELS: dict[CostClass, str] = {
    "free": "Free to audit",
    "paid": "Paid",
    "degree": "Degree",
}
"""How each cost class reads in the facet."""

HoursBand = Literal["short", "medium", "long", "huge"]
"""The hours facet: a band of estimated study hours (by the middle of the range)."""

HOURS_BANDS: dict[HoursBand, tuple[float, float, str]] = {
    "short": (0, 20, "Up to 20 h"),
    "medium": (20, 60, "20 to 60 h"),
    "long": (60, 150, "60 to 150 h"),
    "huge": (150, math.inf, "Over 150 h"),
}
"""Each band as (above, up to and including, label)."""

SortKey = Literal["stage", "title", "hours", "cost"]
"""How the list is ordered."""

SORT_LABELS: dict[SortKey, str] = {
    "stage": "Stage order",
    "title": "Title",
    "hours": "Hours",
    "cost": "Cost",
}
"""How each sort reads in the sort menu."""

_KIND_RANK = {kind: rank for rank, kind in enumerate(BROWSE_KINDS)}
_LAST = math.inf


@dataclass(frozen=True)
class Pace:
    """The user's pace, from their answers: hours a week, and months to the goal."""

    hours_per_week: int
    """Study hours a week (at least 1)."""
    months: int = DEFAULT_MONTHS_TO_GOAL
    """Months the user gives themselves; the questionnaire's default when not answered."""

    @property
    def weeks(self) -> float:
        """The weeks available."""
        return self.months * WEEKS_PER_MONTH


@dataclass(frozen=True)
class Facets:
    """The facet filters in force; None means "any"."""

    kind: BrowseKind | None = None
    """Only entries of this kind."""
    stage: str | None = None
    """Only entries of this stage id (a stage, its courses and projects; foundations in 1)."""
    provider: str | None = None
    """Only entries from this provider or institution (cleaned text, exact)."""
    cost: CostClass | None = None
    """Only entries of this cost class."""
    hours: HoursBand | None = None
    """Only entries whose middle estimate falls in this band."""
    budget_usd: int | None = None
    """Only entries known to cost at most this (free-to-audit courses cost 0)."""
    pace: Pace | None = None
    """Only entries the user can finish within their months at their hours a week."""
    verified_before: date | None = None
    """Only entries last verified before this date: the ones due for checking."""


def answers_budget(answers: dict[str, str | int | bool]) -> int | None:
    """The user's budget from flat answers, if they gave one."""
    value = answers.get("budget_usd")
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def answers_pace(answers: dict[str, str | int | bool]) -> Pace | None:
    """The user's pace from flat answers, if they gave their hours a week."""
    hours = answers.get("hours_per_week")
    if not isinstance(hours, int) or isinstance(hours, bool) or hours < 1:
        return None
    months = answers.get("months_to_goal")
    if isinstance(months, int) and not isinstance(months, bool) and months >= 1:
        return Pace(hours, months)
    return Pace(hours)


def weeks_at(hours: HoursRange, hours_per_week: int) -> tuple[int, int]:
    """Whole weeks to study `hours` at `hours_per_week`, as (fewest, most)."""
    per_week = max(hours_per_week, 1)
    return math.ceil(hours.min / per_week), math.ceil(hours.max / per_week)


def usd_range(cost: UsdRange) -> str:
    """A USD range for display: "$7,000–$10,000", "$20,000+", "$39"."""
    if cost.max is None:
        return f"${cost.min:,}+"
    if cost.max == cost.min:
        return f"${cost.min:,}"
    return f"${cost.min:,}–${cost.max:,}"


def delivery_text(delivery: Iterable[str]) -> str:
    """How a program can be taken, in words: "online, part-time or full-time"."""
    parts = []
    for mode, words in (("online", "online"), ("in-person", "in person")):
        paces = [pace for pace in ("part-time", "full-time") if f"{mode}-{pace}" in delivery]
        if paces:
            parts.append(f"{words}, {' or '.join(paces)}")
    return "; ".join(parts)


def query_words(query: str) -> tuple[str, ...]:
    """The lowercase words of a query, each matched as a substring; repeats dropped."""
    return tuple(dict.fromkeys(query.lower().split()))


def match_spans(text: str, words: Iterable[str]) -> list[tuple[int, int]]:
    """Where any of `words` (lowercase) occurs in `text`, case-insensitively, merged.

    Empty when lowercasing changes the text's length (a few Unicode letters do), since the
    offsets would then not line up with what is shown.
    """
    lower = text.lower()
    if len(lower) != len(text):
        return []
    spans: list[tuple[int, int]] = []
    for word in words:
        if not word:
            continue
        start = lower.find(word)
        while start != -1:
            spans.append((start, start + len(word)))
            start = lower.find(word, start + len(word))
    spans.sort()
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def _unique_words(text: str) -> str:
    """One lowercase haystack of the distinct words of `text`: smaller, and as good.

    Query words never hold a space, so matching each against the distinct words joined by
    spaces finds exactly what it would find in the full text.
    """
    return " ".join(dict.fromkeys(text.lower().split()))


class CatalogIndex:
    """Every browsable entry as parallel lists of precomputed display and search data.

    One list per column rather than an object per row: at 100,000 entries the difference is
    tens of megabytes. Row numbers are positions in these lists.
    """

    def __init__(self, catalog: Catalog) -> None:
        # Building makes a few objects per entry and no cycles; the cyclic GC would otherwise
        # rescan the whole catalog several times over (half a second a pass at 100,000).
        with gc_paused():
            self._build(catalog)

    def _build(self, catalog: Catalog) -> None:
        self.catalog = catalog
        """The catalog indexed."""
        self.ids: list[str] = []
        """Each row's entry id."""
        self.kinds: list[BrowseKind] = []
        """Each row's kind."""
        self.titles: list[str] = []
        """Each row's title, cleaned of control characters, for display."""
        self.providers: list[str] = []
        """Each row's provider or institution (cleaned; empty for stages and projects)."""
        self.stage_ids: list[str | None] = []
        """Each row's stage id, if it belongs to one."""
        self.hours: list[HoursRange | None] = []
        """Each row's estimated study hours, if known (a stage sums its courses and projects)."""
        self.years: list[tuple[float, float] | None] = []
        """A program's duration in years."""
        self.cost_classes: list[CostClass | None] = []
        """Each row's cost class, if it has one."""
        self.cost_min: list[int | None] = []
        """The least it costs in USD (0 for free to audit); None when unknown."""
        self.cost_labels: list[str] = []
        """A short cost for the list column."""
        self.verified: list[date] = []
        """When each row's facts were last verified (the entries' own, shared, date objects)."""
        self._hay: list[str] = []
        """Each row's search text: its lowercase title, a newline, then the distinct lowercase
        words of everything else. One string a row: a scan touches one object per row, and a
        query word (never holding whitespace) cannot match across the newline."""
        self._title_end: list[int] = []
        """Where each row's title ends in its search text."""
        self._stage_rank: list[tuple[float, float, float]] = []
        stage_order = {stage.id: stage.order for stage in catalog.stages}
        self.stage_orders: dict[str, int] = stage_order
        """Each stage's order by id."""
        self.providers_by_count: list[tuple[str, int]] = []
        """Providers with how many entries each, most first (then alphabetical)."""
        position = {course: i for stage in catalog.stages for i, course in enumerate(stage.courses)}
        foundation_stage = min(catalog.stages, key=lambda s: s.order).id if catalog.stages else None
        course_hours: dict[str, list[HoursRange]] = {}
        course_costs: dict[str, list[int | None]] = {}
        for course in catalog.courses:
            course_hours.setdefault(course.stage, []).append(course.hours)
            course_costs.setdefault(course.stage, []).append(_course_cost_min(course))
            if course.foundation:
                course_costs.setdefault(course.foundation, []).append(_course_cost_min(course))
        for project in catalog.projects:
            course_hours.setdefault(project.stage, []).append(project.hours)

        for program in catalog.programs:
            self._add_program(program)
        for foundation in catalog.foundations:
            costs = course_costs.get(foundation.id, [])
            known = [cost for cost in costs if cost is not None]
            self._add(
                foundation,
                "foundation",
                provider="",
                stage=foundation_stage,
                hours=None,
                cost_class=None,
                cost_min=min(known) if known else None,
                cost_label="",
                rank=(stage_order.get(foundation_stage or "", _LAST), 0, foundation.order),
                words=(foundation.description, foundation.why),
            )
        for stage in catalog.stages:
            stage_hours = course_hours.get(stage.id, [])
            costs = course_costs.get(stage.id, [])
            self._add(
                stage,
                "stage",
                provider="",
                stage=stage.id,
                hours=_sum_hours(stage_hours),
                cost_class=None,
                cost_min=None if None in costs else sum(c for c in costs if c is not None),
                cost_label="",
                rank=(stage.order, -1, 0),
                words=(stage.summary,),
            )
        for number, course in enumerate(catalog.courses):
            cost_min = _course_cost_min(course)
            self._add(
                course,
                "course",
                provider=course.provider,
                stage=course.stage,
                hours=course.hours,
                cost_class="free" if course.cost.audit_free else "paid",
                cost_min=cost_min,
                cost_label=_course_cost_label(course),
                rank=(
                    stage_order.get(course.stage, _LAST),
                    _KIND_RANK["course"],
                    position.get(course.id, len(position) + number),
                ),
                words=(*course.topics, course.description),
            )
        for number, project in enumerate(catalog.projects):
            self._add(
                project,
                "project",
                provider="",
                stage=project.stage,
                hours=project.hours,
                cost_class=None,
                cost_min=0,
                cost_label="",
                rank=(stage_order.get(project.stage, _LAST), _KIND_RANK["project"], number),
                words=(*project.skills, project.summary, project.data),
            )
        counts: dict[str, int] = {}
        for provider in self.providers:
            if provider:
                counts[provider] = counts.get(provider, 0) + 1
        self.providers_by_count = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
        # Keep the order, not the ranks: one list of ints instead of a tuple per row.
        self._stage_order = sorted(range(len(self.ids)), key=self._stage_rank.__getitem__)
        del self._stage_rank

    def _add_program(self, program: Program) -> None:
        cost = program.cost_usd if program.cost_known else None
        self._add(
            program,
            "program",
            provider=program.institution,
            stage=None,
            hours=None,
            cost_class="degree" if program.kind == "degree" else "paid",
            cost_min=cost.min if cost is not None else None,
            cost_label=usd_range(cost) if cost is not None else "cost ?",
            rank=(0, _KIND_RANK["program"], len(self.ids)),
            words=(*program.tags, program.format, program.suits, *program.strengths),
            years=(program.duration_years.min, program.duration_years.max),
            # A program's full title rarely fits a list row: "Georgia Tech OMSCS" does. Both
            # count as its title when searching.
            title=program.short_title,
        )

    def _add(
        self,
        entry: Program | Foundation | Stage | Course | Project,
        kind: BrowseKind,
        *,
        provider: str,
        stage: str | None,
        hours: HoursRange | None,
        cost_class: CostClass | None,
        cost_min: int | None,
        cost_label: str,
        rank: tuple[float, float, float],
        words: Sequence[str],
        years: tuple[float, float] | None = None,
        title: str | None = None,
    ) -> None:
        full_title = clean(entry.title)
        title = full_title if title is None else clean(title)
        provider = clean(provider)
        self.ids.append(entry.id)
        self.kinds.append(kind)
        self.titles.append(title)
        self.providers.append(provider)
        self.stage_ids.append(stage)
        self.hours.append(hours)
        self.years.append(years)
        self.cost_classes.append(cost_class)
        self.cost_min.append(cost_min)
        self.cost_labels.append(cost_label)
        self.verified.append(entry.last_verified)
        self._stage_rank.append(rank)
        title_hay = title.lower() if title is full_title else f"{title} {full_title}".lower()
        others = _unique_words(clean(" ".join((provider, kind, *words))))
        self._hay.append(f"{title_hay}\n{others}")
        self._title_end.append(len(title_hay))

    def __len__(self) -> int:
        return len(self.ids)

    def row_of(self, entry_id: str) -> int | None:
        """The row of an entry id, or None when it is not browsable."""
        lookup = self.__dict__.get("_row_of")
        if lookup is None:
            lookup = {entry_id: row for row, entry_id in enumerate(self.ids)}
            self.__dict__["_row_of"] = lookup
        return lookup.get(entry_id)

    def hours_label(self, row: int) -> str:
        """A short duration for the list column: "80–150 h", "1.5–3 yr", or ""."""
        hours = self.hours[row]
        if hours is not None:
            return f"{hours.min}–{hours.max} h" if hours.min != hours.max else f"{hours.min} h"
        years = self.years[row]
        if years is not None:
            low, high = (f"{value:g}" for value in years)
            return f"{low}–{high} yr" if low != high else f"{low} yr"
        return ""

    # Facets and sorts ------------------------------------------------------------------------

    def passes(self, row: int, facets: Facets) -> bool:
        """Whether a row passes every facet."""
        if facets.kind is not None and self.kinds[row] != facets.kind:
            return False
        if facets.stage is not None and self.stage_ids[row] != facets.stage:
            return False
        if facets.provider is not None and self.providers[row] != facets.provider:
            return False
        if facets.cost is not None and self.cost_classes[row] != facets.cost:
            return False
        if facets.hours is not None:
            hours = self.hours[row]
            above, upto, _ = HOURS_BANDS[facets.hours]
            if hours is None or not above < hours.mid <= upto:
                return False
        if facets.budget_usd is not None:
            cost = self.cost_min[row]
            if cost is None or cost > facets.budget_usd:
                return False
        if facets.verified_before is not None and self.verified[row] >= facets.verified_before:
            return False
        return facets.pace is None or self.fits_pace(row, facets.pace)

    def fits_pace(self, row: int, pace: Pace) -> bool:
        """Whether the user can finish this entry within their months at their hours a week."""
        years = self.years[row]
        if years is not None:
            return years[0] * 12 <= pace.months
        hours = self.hours[row]
        return hours is not None and hours.mid / pace.hours_per_week <= pace.weeks

    def view(self, facets: Facets = Facets(), sort: SortKey = "stage") -> list[int]:
        """The rows passing `facets`, in `sort` order (ties keep catalog order)."""
        unfiltered = facets == Facets()
        if sort == "stage":
            if unfiltered:
                return list(self._stage_order)
            return [row for row in self._stage_order if self.passes(row, facets)]
        rows: Iterable[int] = range(len(self.ids))
        if not unfiltered:
            rows = [row for row in rows if self.passes(row, facets)]
        return sorted(rows, key=self._sort_key(sort))  # stable: ties stay in catalog order

    def _sort_key(self, sort: SortKey) -> Callable[[int], Any]:
        if sort == "title":
            return [title.casefold() for title in self.titles].__getitem__
        if sort == "hours":
            return [_LAST if h is None else h.mid for h in self.hours].__getitem__
        return [_LAST if c is None else c for c in self.cost_min].__getitem__

    # Search ----------------------------------------------------------------------------------

    def search(self, words: Sequence[str], rows: Iterable[int]) -> tuple[list[int], list[int]]:
        """Rows (from `rows`, in their order) matching every word: (title matches, the rest).

        A title match has every word in its title; the rest have each word in the title,
        provider, kind, id, topics or description.
        """
        hays = self._hay
        ends = self._title_end
        first: list[int] = []
        rest: list[int] = []
        add_first = first.append
        add_rest = rest.append
        if len(words) == 1:
            word = words[0]
            for row in rows:
                hay = hays[row]
                if word in hay:
                    if hay.find(word, 0, ends[row]) >= 0:
                        add_first(row)
                    else:
                        add_rest(row)
            return first, rest
        for row in rows:
            hay = hays[row]
            if all(word in hay for word in words):
                end = ends[row]
                if all(hay.find(word, 0, end) >= 0 for word in words):
                    add_first(row)
                else:
                    add_rest(row)
        return first, rest

    def search_outside_titles(self, words: Sequence[str], rows: Iterable[int]) -> list[int]:
        """Rows (from `rows`, in their order) matching every word, where the rows are known not
        to be title matches for these words (see `CatalogFilter`)."""
        hays = self._hay
        if len(words) == 1:
            word = words[0]
            return [row for row in rows if word in hays[row]]
        return [row for row in rows if all(word in hays[row] for word in words)]


def _course_cost_min(course: Course) -> int | None:
    if course.cost.audit_free:
        return 0
    certificate = course.cost.certificate_usd
    return certificate.min if certificate is not None else None


def _course_cost_label(course: Course) -> str:
    if course.cost.audit_free:
        return "free"
    certificate = course.cost.certificate_usd
    return usd_range(certificate) if certificate is not None else "paid"


def _sum_hours(ranges: Sequence[HoursRange]) -> HoursRange | None:
    if not ranges:
        return None
    return HoursRange(min=sum(r.min for r in ranges), max=sum(r.max for r in ranges))


class CatalogFilter:
    """Search over one facet-filtered, sorted view of an index, remembering recent results.

    `search` narrows the last result when the query only extends it, and answers a query it
    has seen since the view last changed (typing back over a word) from memory.
    """

    _MEMORY = 24

    def __init__(self, index: CatalogIndex, facets: Facets = Facets(), sort: SortKey = "stage"):
        self.index = index
        """The index searched."""
        self.facets = facets
        """The facets in force."""
        self.sort: SortKey = sort
        """The sort in force."""
        self._view = index.view(facets, sort)
        self._position: list[int] | None = None
        self._memory: dict[str, tuple[list[int], list[int]]] = {}
        self._last = ""

    @property
    def view(self) -> list[int]:
        """Every row passing the facets, sorted: the result of an empty query."""
        return self._view

    def with_view(self, facets: Facets, sort: SortKey) -> CatalogFilter:
        """A filter over the same index with other facets or sort."""
        return CatalogFilter(self.index, facets, sort)

    def search(self, query: str) -> list[int]:
        """Rows matching `query`, title matches first, each group in the view's order."""
        words = query_words(query)
        key = " ".join(words)
        if not words:
            return self._view
        remembered = self._memory.get(key)
        if remembered is None:
            remembered = self._search(words, key)
            if len(self._memory) >= self._MEMORY:
                del self._memory[next(iter(self._memory))]
            self._memory[key] = remembered
        self._last = key
        first, rest = remembered
        return first + rest if rest else first

    def _search(self, words: tuple[str, ...], key: str) -> tuple[list[int], list[int]]:
        last = self._memory.get(self._last) if self._last else None
        if last is None or not key.startswith(self._last):
            return self.index.search(words, self._view)
        # Every row matching the longer query matched the shorter one: scan only those. A row
        # can only fall from the title group to the rest, so the rest needs re-sorting into
        # view order when that happens.
        old_first, old_rest = last
        first, moved = self.index.search(words, old_first)
        # Each word of the shorter query is part of a word of this one, so a row whose title
        # lacked a word then lacks one now: the rest stay the rest, and their titles go unread.
        rest = self.index.search_outside_titles(words, old_rest)
        if moved:
            rest = sorted(moved + rest, key=self._positions().__getitem__)
        return first, rest

    def _positions(self) -> list[int]:
        if self._position is None:
            position = [0] * len(self.index)
            for rank, row in enumerate(self._view):
                position[row] = rank
            self._position = position
        return self._position
