"""The bundled programs: enough of them, each sourced, dated and described the way the app reads."""

from __future__ import annotations

from functools import cache

import pytest

from mlroute.catalog import Catalog, load_catalog
from mlroute.catalog.models import Program

GUIDE_PROGRAMS = {"gatech-omscs", "cmu-mcds-mlt", "uw-msds", "professional-certificate"}
"""The programs the guide names itself."""

WEB = ("https://", "http://")


@cache
def bundled() -> Catalog:
    return load_catalog(use_overlay=False, use_cache=False).catalog


def programs() -> tuple[Program, ...]:
    return bundled().programs


def test_at_least_ten_programs_the_guides_four_among_them() -> None:
    assert len(programs()) >= 10
    assert {p.id for p in programs() if p.guide_named} == GUIDE_PROGRAMS


@pytest.mark.parametrize("program", programs(), ids=lambda p: p.id)
def test_every_program_has_a_page_a_source_and_a_date(program: Program) -> None:
    assert program.url.startswith(WEB), program.url
    assert program.source.strip()
    assert program.last_verified is not None


@pytest.mark.parametrize(
    "program", [p for p in programs() if not p.guide_named], ids=lambda p: p.id
)
def test_a_program_the_guide_does_not_name_is_sourced_from_web_pages(program: Program) -> None:
    pages = [part.strip() for part in program.source.split(";")]
    assert pages and all(page.startswith(WEB) and " " not in page for page in pages), pages
    assert program.url in pages  # the program's page is one of those read


@pytest.mark.parametrize("program", programs(), ids=lambda p: p.id)
def test_estimates_say_where_they_come_from(program: Program) -> None:
    if program.cost_usd is not None and program.cost_usd.estimate:
        assert program.cost_usd.note.strip()
    if not program.guide_named and program.duration_years.estimate:
        assert program.duration_years.note.strip()
    if not program.cost_known:
        assert program.cost_usd is None  # unknown means no figure shown, not a guess


@pytest.mark.parametrize(
    "program", [p for p in programs() if not p.guide_named], ids=lambda p: p.id
)
def test_signal_follows_the_rule_for_programs_the_guide_does_not_name(program: Program) -> None:
    # No page read says more about hiring weight than the catalog's default rule.
    assert program.signal == ("varies" if program.kind == "certificate" else "moderate")


@pytest.mark.parametrize("program", programs(), ids=lambda p: p.id)
def test_short_titles_fit_a_table_column(program: Program) -> None:
    assert program.short_title is not None and len(program.short_title) <= 20
