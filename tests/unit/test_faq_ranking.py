"""The FAQ's ranking, on the bundled guide: a question asked in other words finds its answer.

This is the ranking the FAQ screen and `mlroute faq` both use (`Index` over `documents`); one
Pilot test in tests/tui/test_faq_screen.py checks that the screen shows what it ranks.
"""

from __future__ import annotations

from functools import cache

import pytest

from mlroute.catalog import Catalog, load_catalog
from mlroute.commands.faq import documents
from mlroute.search import Index

PARAPHRASES = [
    ("will companies value an online degree", "faq-respected"),
    ("how much time does finishing take", "faq-duration"),
    ("what background is required before applying", "faq-prerequisites"),
    ("is it possible to work in ML without a masters", "faq-job-without-degree"),
    ("lowest priced accredited program", "faq-cheapest"),
    ("do free courses have value or should I pay tuition", "faq-free-vs-paid"),
    ("degree versus courses decision", "faq-degree-or-courses"),
]
"""A question in words its FAQ entry does not use, and the entry that answers it."""


@cache
def bundled() -> Catalog:
    """The bundled catalog alone (no overlay, no cache)."""
    return load_catalog(use_overlay=False, use_cache=False).catalog


@cache
def index() -> Index:
    """The index the FAQ screen builds from the bundled guide."""
    return Index(documents(bundled()))


@pytest.mark.parametrize(("query", "expected"), PARAPHRASES)
def test_a_paraphrase_ranks_its_answer_first(query: str, expected: str) -> None:
    hits = index().search(query)
    assert hits, query
    assert hits[0].id == expected, [hit.id for hit in hits[:3]]


def test_every_entry_is_found_first_by_its_own_question_or_title() -> None:
    catalog = bundled()
    asked = [(f.question, f.id) for f in catalog.faq] + [(a.title, a.id) for a in catalog.articles]
    for query, expected in asked:
        assert index().search(query)[0].id == expected, query
