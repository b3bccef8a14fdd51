"""The catalog browser's pure search, facets and sorts, against a brute-force reference."""

from __future__ import annotations

import dataclasses
import itertools
from datetime import date
from functools import cache

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mlroute.catalog import Catalog, load_catalog
from mlroute.catalog.models import (
    Course,
    CourseCost,
    Foundation,
    HoursRange,
    Program,
    Project,
    Stage,
)
from mlroute.catalog_index import (
    HOURS_BANDS,
    CatalogFilter,
    CatalogIndex,
    Facets,
    Pace,
    answers_budget,
    answers_pace,
    match_spans,
    query_words,
    weeks_at,
)


@cache
def bundled() -> Catalog:
    return load_catalog(use_overlay=False, use_cache=False).catalog


@cache
def index() -> CatalogIndex:
    return CatalogIndex(bundled())


def titles(rows: list[int]) -> list[str]:
    return [index().titles[row] for row in rows]


def reference(query: str, view: list[int]) -> list[int]:
    """The specification, written as plainly as possible over the catalog models."""
    words = query_words(query)
    if not words:
        return view
    catalog = bundled()

    def full_text(row: int) -> str:
        entry = catalog.by_id[index().ids[row]]
        fields = {
            Course: ("provider", "topics", "description"),
            Program: ("institution", "tags", "format", "suits", "strengths"),
            Foundation: ("description", "why"),
            Stage: ("summary",),
            Project: ("skills", "summary", "data"),
        }[type(entry)]
        text = " ".join(str(getattr(entry, name)) for name in fields)
        return f"{text} {index().kinds[row]}".lower()

    def title(row: int) -> str:
        # A program is titled by its short title and its full title alike.
        entry = catalog.by_id[index().ids[row]]
        assert isinstance(entry, Course | Program | Foundation | Stage | Project)
        return f"{getattr(entry, 'short_title', None) or ''} {entry.title}".lower()

    title_rows = [r for r in view if all(w in title(r) for w in words)]
    rest = [
        r
        for r in view
        if r not in title_rows and all(w in title(r) or w in full_text(r) for w in words)
    ]
    return title_rows + rest


def test_a_program_is_listed_by_its_short_title_and_found_by_either() -> None:
    ix = index()
    row = ix.row_of("gatech-omscs")
    assert row is not None
    assert ix.titles[row] == "Georgia Tech OMSCS"
    for query in ("georgia tech", "online master of science"):
        first, _ = ix.search(query_words(query), ix.view())
        assert row in first, query


def test_every_browsable_entry_is_indexed_once() -> None:
    catalog = bundled()
    expected = {
        e.id
        for e in (
            *catalog.programs,
            *catalog.courses,
            *catalog.foundations,
            *catalog.stages,
            *catalog.projects,
        )
    }
    assert sorted(index().ids) == sorted(expected)


def test_stage_order_lists_programs_then_each_stage_with_its_courses() -> None:
    view = CatalogFilter(index()).view
    kinds = [index().kinds[row] for row in view]
    programs = len(bundled().programs)
    assert kinds[:programs] == ["program"] * programs
    assert titles(view)[programs] == "Mathematical foundations"
    stage_courses = [
        index().ids[row] for row in view if index().stage_ids[row] == "stage-supervised"
    ]
    supervised = next(stage for stage in bundled().stages if stage.id == "stage-supervised")
    assert stage_courses == ["stage-supervised", *supervised.courses]  # the stage's own order


def test_title_matches_come_first() -> None:
    rows = CatalogFilter(index()).search("regression")
    assert titles(rows)[0] == "Machine Learning: Regression"
    # Classification mentions regression only in its description and prerequisites.
    assert "Machine Learning: Classification" in titles(rows)[1:]


def test_matches_in_provider_topics_and_description() -> None:
    search = CatalogFilter(index())
    assert "18.06 Linear Algebra" in titles(search.search("strang"))  # provider
    assert "Machine Learning: Regression" in titles(search.search("lasso"))  # topic
    assert "Production Machine Learning Systems" in titles(search.search("retraining"))
    assert search.search("zzqx") == []


def test_all_words_must_match_in_any_order() -> None:
    rows = CatalogFilter(index()).search("python applied")
    assert titles(rows)[0] == "Applied Machine Learning in Python"
    assert all("python" in index()._hay[r] for r in rows)


@pytest.mark.parametrize(
    ("facets", "check"),
    [
        (Facets(kind="program"), lambda ix, r: ix.kinds[r] == "program"),
        (Facets(stage="stage-unsupervised"), lambda ix, r: ix.stage_ids[r] == "stage-unsupervised"),
        (
            Facets(provider="University of Washington (Coursera)"),
            lambda ix, r: ix.providers[r] == "University of Washington (Coursera)",
        ),
        (Facets(cost="free"), lambda ix, r: ix.cost_classes[r] == "free"),
        (Facets(cost="paid"), lambda ix, r: ix.cost_classes[r] == "paid"),
        (Facets(cost="degree"), lambda ix, r: ix.cost_classes[r] == "degree"),
        (Facets(hours="short"), lambda ix, r: ix.hours[r] is not None and ix.hours[r].mid <= 20),
        (Facets(budget_usd=50), lambda ix, r: ix.cost_min[r] is not None and ix.cost_min[r] <= 50),
        (
            Facets(pace=Pace(hours_per_week=5, months=2)),
            lambda ix, r: ix.hours[r] is not None and ix.hours[r].mid / 5 <= 2 * 52 / 12,
        ),
    ],
)
def test_each_facet_keeps_exactly_the_matching_rows(facets: Facets, check: object) -> None:
    ix = index()
    view = ix.view(facets)
    assert view, "the facet should keep something in the bundled catalog"
    assert len(view) < len(ix)
    assert set(view) == {r for r in range(len(ix)) if check(ix, r)}  # type: ignore[operator]


def test_fits_budget_and_pace() -> None:
    ix = index()
    cheap = {ix.ids[r] for r in ix.view(Facets(budget_usd=0))}
    assert "course-mit-18-06" in cheap  # free to audit
    assert "course-cluster-analysis-python" not in cheap  # paid
    assert "gatech-omscs" in {ix.ids[r] for r in ix.view(Facets(budget_usd=10_000))}
    assert "professional-certificate" not in {ix.ids[r] for r in ix.view(Facets(budget_usd=10**6))}
    slow = {ix.ids[r] for r in ix.view(Facets(pace=Pace(hours_per_week=2, months=3)))}
    assert "course-structuring-ml-projects" in slow
    assert "course-harvard-stat-110" not in slow
    assert "gatech-omscs" in {ix.ids[r] for r in ix.view(Facets(pace=Pace(10, 24)))}
    assert "gatech-omscs" not in {ix.ids[r] for r in ix.view(Facets(pace=Pace(10, 12)))}


@pytest.mark.parametrize("sort", ["title", "hours", "cost"])
def test_sorts(sort: str) -> None:
    ix = index()
    view = ix.view(sort=sort)  # type: ignore[arg-type]
    assert sorted(view) == list(range(len(ix)))
    if sort == "title":
        keys: list[object] = [ix.titles[r].casefold() for r in view]
    elif sort == "hours":
        keys = [ix.hours[r].mid if ix.hours[r] else float("inf") for r in view]  # type: ignore[union-attr]
    else:
        keys = [c if (c := ix.cost_min[r]) is not None else float("inf") for r in view]
    assert keys == sorted(keys)  # type: ignore[type-var]


WORDS = st.sampled_from(
    ["re", "regression", "py", "learn", "ing", "stage", "free", "uw", "a", "zz", "course", "s"]
)


@settings(max_examples=80, deadline=None)
@given(st.lists(WORDS, min_size=1, max_size=3), st.sampled_from(["stage", "title", "cost"]))
def test_search_matches_the_reference(words: list[str], sort: str) -> None:
    search = CatalogFilter(index(), Facets(), sort)  # type: ignore[arg-type]
    query = " ".join(words)
    assert search.search(query) == reference(query, search.view)


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet="regsionpyt ", min_size=1, max_size=12))
def test_typing_letter_by_letter_narrows_to_the_same_result(query: str) -> None:
    typed = CatalogFilter(index())
    for end in range(1, len(query) + 1):
        narrowed = typed.search(query[:end])
        assert narrowed == CatalogFilter(index()).search(query[:end])
    # And back again, answered from memory.
    for end in range(len(query), 0, -1):
        assert typed.search(query[:end]) == CatalogFilter(index()).search(query[:end])


def test_narrowing_keeps_view_order_when_a_row_leaves_the_title_group() -> None:
    search = CatalogFilter(index())
    search.search("ma")  # "Machine ..." titles are in the title group
    rows = search.search("ma lasso")  # now only descriptions/topics match "lasso"
    assert rows == reference("ma lasso", search.view)


@given(st.text(max_size=30), st.lists(st.text(min_size=1, max_size=4), max_size=3))
def test_match_spans_cover_exactly_the_matches(text: str, words: list[str]) -> None:
    lowered = [w.lower() for w in words]
    spans = match_spans(text, lowered)
    if len(text.lower()) != len(text):
        assert spans == []
        return
    covered = {i for start, end in spans for i in range(start, end)}
    expected = {
        i
        for w in lowered
        if w
        for start in range(len(text))
        if text.lower().startswith(w, start)
        for i in range(start, start + len(w))
    }
    assert covered == expected
    assert all(a[1] < b[0] for a, b in itertools.pairwise(spans))


def test_weeks_and_answers() -> None:
    assert weeks_at(HoursRange(min=80, max=150), 10) == (8, 15)
    assert weeks_at(HoursRange(min=5, max=12), 40) == (1, 1)
    assert answers_budget({"budget_usd": 3000}) == 3000
    assert answers_budget({"budget_usd": True}) is None
    assert answers_pace({}) is None
    assert answers_pace({"hours_per_week": 8}) == Pace(8, 12)
    assert answers_pace({"hours_per_week": 8, "months_to_goal": 6}) == Pace(8, 6)


def test_hours_bands_cover_every_positive_figure() -> None:
    edges = sorted(HOURS_BANDS.values())
    assert edges[0][0] == 0
    assert all(a[1] == b[0] for a, b in itertools.pairwise(edges))


def test_control_characters_never_reach_the_index() -> None:
    course = Course(
        id="c-x",
        title="A\x1b[2J title\x07",
        provider="P\x9b",
        stage="stage-supervised",
        hours=HoursRange(min=1, max=2),
        cost=CourseCost(audit_free=True),
        description="d",
        source="s",
        last_verified=date(2026, 1, 1),
    )
    catalog = bundled().model_copy(update={"courses": (*bundled().courses, course)})
    ix = CatalogIndex(catalog)
    row = ix.row_of("c-x")
    assert row is not None
    assert ix.titles[row] == "A[2J title"
    assert ix.providers[row] == "P"


def test_due_for_checking_keeps_only_entries_verified_before_the_date() -> None:
    catalog = bundled()
    programs = tuple(
        dataclasses.replace(p, last_verified=date(2024, 1, 1)) if p.id == "gatech-omsa" else p
        for p in catalog.programs
    )
    catalog = catalog.model_copy(update={"programs": programs})
    aged = CatalogIndex(catalog)
    # Each row's date is its entry's own.
    for row in range(len(aged)):
        assert aged.verified[row] == catalog.by_id[aged.ids[row]].last_verified
    browsed = (*catalog.programs, *catalog.foundations, *catalog.stages, *catalog.courses)
    browsed += catalog.projects
    for before in (date(2024, 1, 1), date(2024, 1, 2), date(2026, 12, 1), date(2100, 1, 1)):
        rows = aged.view(Facets(verified_before=before))
        expected = {entry.id for entry in browsed if entry.last_verified < before}
        assert {aged.ids[row] for row in rows} == expected
    assert aged.view(Facets(verified_before=date(2024, 1, 1))) == []
    assert [aged.ids[r] for r in aged.view(Facets(verified_before=date(2024, 1, 2)))] == [
        "gatech-omsa"
    ]
    # With the other facets, in the sort asked for.
    programs_due = aged.view(Facets(kind="program", verified_before=date(2100, 1, 1)), "title")
    assert programs_due == aged.view(Facets(kind="program"), "title")
