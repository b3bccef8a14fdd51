"""The Catalog mode, driven as a person would: search, facets, detail, prerequisites, compare."""

from __future__ import annotations

import dataclasses
import re
from datetime import date
from pathlib import Path

import pytest

from mlroute.catalog import Catalog
from mlroute.catalog_index import CatalogIndex
from mlroute.questions import Value
from mlroute.tui.app import make_app
from mlroute.tui.screens.catalog import CompareScreen, PrerequisiteScreen
from mlroute.tui.widgets.choice import Choice
from mlroute.tui.widgets.compare import CompareView
from mlroute.tui.widgets.entry_markdown import EntryContext, entry_markdown, md_escape
from mlroute.tui.widgets.reader import Reader
from mlroute.tui.widgets.search_input import SearchInput

from .catalog_helpers import (
    CONTROL,
    TODAY,
    FakeSession,
    bundled,
    catalog_app,
    detail,
    hostile,
    ready,
    rows,
    settle,
    type_query,
)
from .helpers import screen_text

# Searching -----------------------------------------------------------------------------------


async def test_typing_a_query_shows_matching_rows_title_matches_first(tmp_path: Path) -> None:
    app = catalog_app(FakeSession(bundled()), tmp_path)
    async with app.run_test(size=(100, 32)) as pilot:
        screen = await ready(pilot)
        assert len(rows(screen).visible_ids) > 20
        await type_query(pilot, "regression")
        visible = rows(screen).visible_ids
        assert visible[0] == "course-ml-regression"
        assert "course-ml-classification" in visible
        assert len(visible) < len(CatalogIndex(bundled())) // 4  # the query narrows the list
        assert f"of {len(CatalogIndex(bundled()))}" in str(rows(screen).border_title)
        # The detail follows the top row.
        assert "# Machine Learning: Regression" in detail(screen)
        # Matched text is highlighted in the row as drawn.
        strip = rows(screen).render_line(0)
        match_style = rows(screen).get_component_rich_style("catalog-list--match")
        highlighted = "".join(seg.text for seg in strip if seg.style and seg.style.underline)
        assert match_style.underline
        assert highlighted.lower() == "regression"


async def test_no_match_says_so_and_escape_clears(tmp_path: Path) -> None:
    app = catalog_app(FakeSession(bundled()), tmp_path)
    async with app.run_test(size=(100, 32)) as pilot:
        screen = await ready(pilot)
        await type_query(pilot, "zzqx")
        assert rows(screen).visible_ids == []
        assert "No match for “zzqx” (Esc clears it)" in screen_text(app)
        await pilot.press("escape")
        await settle(pilot)
        assert len(rows(screen).rows) == len(CatalogIndex(bundled()))


async def test_slash_on_the_empty_search_box_is_not_typed(tmp_path: Path) -> None:
    """The catalog opens with the search box focused; "/" (the search key) must not become
    part of the query there, but a "/" inside a query is text."""
    app = catalog_app(FakeSession(bundled()), tmp_path)
    async with app.run_test(size=(100, 32)) as pilot:
        screen = await ready(pilot)
        search_box = screen.query_one(SearchInput)
        search_box.focus()
        await pilot.press("slash", "o", "m", "s", "c", "s")
        await settle(pilot)
        assert search_box.value == "omscs"
        assert rows(screen).visible_ids[0] == "gatech-omscs"
        await pilot.press("slash")
        assert search_box.value == "omscs/"


async def test_kind_facet_from_the_keyboard(tmp_path: Path) -> None:
    app = catalog_app(FakeSession(bundled()), tmp_path)
    async with app.run_test(size=(100, 32)) as pilot:
        screen = await ready(pilot)
        screen.query_one("#facet-kind", Choice).focus()
        await pilot.press("enter", "down", "down", "enter")  # blank, Programs, Courses
        await settle(pilot)
        index = rows(screen).index
        assert index is not None
        assert {index.kinds[row] for row in rows(screen).rows} == {"course"}
        assert len(rows(screen).rows) == len(bundled().courses)


def _row_check(index: CatalogIndex, facet: str, value: str, row: int) -> bool:
    if facet == "facet-kind":
        return index.kinds[row] == value
    if facet == "facet-stage":
        return index.stage_ids[row] == value
    if facet == "facet-provider":
        return index.providers[row] == value
    if facet == "facet-cost":
        return index.cost_classes[row] == value
    hours = index.hours[row]
    return hours is not None and hours.mid <= 20


@pytest.mark.parametrize(
    ("facet", "value"),
    [
        ("facet-kind", "program"),
        ("facet-stage", "stage-unsupervised"),
        ("facet-provider", "University of Washington (Coursera)"),
        ("facet-cost", "free"),
        ("facet-cost", "paid"),
        ("facet-cost", "degree"),
        ("facet-hours", "short"),
    ],
)
async def test_each_facet_filters_the_list(tmp_path: Path, facet: str, value: str) -> None:
    app = catalog_app(FakeSession(bundled()), tmp_path)
    async with app.run_test(size=(100, 32)) as pilot:
        screen = await ready(pilot)
        screen.query_one(f"#{facet}", Choice).value = value
        await settle(pilot)
        index = rows(screen).index
        assert index is not None
        shown = list(rows(screen).rows)
        assert shown
        assert len(shown) < len(index)
        assert all(_row_check(index, facet, value, row) for row in shown)
        # Facets and the search combine.
        await type_query(pilot, "machine")
        assert all(_row_check(index, facet, value, row) for row in rows(screen).rows)


async def test_fit_facets_need_answers(tmp_path: Path) -> None:
    app = catalog_app(FakeSession(bundled()), tmp_path)
    async with app.run_test(size=(100, 32)) as pilot:
        screen = await ready(pilot)
        assert screen.query_one("#facet-fit", Choice).disabled

    answers: dict[str, Value] = {"budget_usd": 100, "hours_per_week": 5, "months_to_goal": 3}
    app = catalog_app(FakeSession(bundled(), answers=answers), tmp_path)
    async with app.run_test(size=(100, 32)) as pilot:
        screen = await ready(pilot)
        fit = screen.query_one("#facet-fit", Choice)
        assert not fit.disabled
        index = rows(screen).index
        assert index is not None
        fit.value = "budget"
        await settle(pilot)
        budget_ids = {index.ids[row] for row in rows(screen).rows}
        assert "course-mit-18-06" in budget_ids
        assert "gatech-omscs" not in budget_ids
        fit.value = "pace"
        await settle(pilot)
        pace_ids = {index.ids[row] for row in rows(screen).rows}
        assert "course-structuring-ml-projects" in pace_ids
        assert "course-harvard-stat-110" not in pace_ids
        fit.value = "both"
        await settle(pilot)
        assert {index.ids[row] for row in rows(screen).rows} == budget_ids & pace_ids


async def test_a_click_selects_the_row_clicked(tmp_path: Path) -> None:
    async with catalog_app(FakeSession(bundled()), tmp_path).run_test(size=(100, 32)) as pilot:
        screen = await ready(pilot)
        listing = rows(screen)
        assert listing.index is not None
        ids = [listing.index.ids[row] for row in listing.rows]
        for wanted in ("gatech-omscs", "cmu-mcds-mlt"):
            line = ids.index(wanted) - round(listing.scroll_offset.y)
            # One line of border above the first row; x inside the border.
            await pilot.click(listing, offset=(4, 1 + line))
            await settle(pilot)
            assert screen.current == wanted


async def test_sort_by_title(tmp_path: Path) -> None:
    app = catalog_app(FakeSession(bundled()), tmp_path)
    async with app.run_test(size=(100, 32)) as pilot:
        screen = await ready(pilot)
        screen.query_one("#sort", Choice).value = "title"
        await settle(pilot)
        index = rows(screen).index
        assert index is not None
        titles = [index.titles[row].casefold() for row in rows(screen).rows]
        assert titles == sorted(titles)


# The detail pane -----------------------------------------------------------------------------


async def test_course_detail_shows_weeks_prerequisites_stage_and_source(tmp_path: Path) -> None:
    session = FakeSession(
        bundled(),
        answers={"hours_per_week": 5},
        statuses={"course-ml-regression": "done", "course-ml-classification": "in-progress"},
    )
    app = catalog_app(session, tmp_path)
    async with app.run_test(size=(100, 32)) as pilot:
        screen = await ready(pilot)
        await type_query(pilot, "classification")
        assert screen.current == "course-ml-classification"
        text = detail(screen)
        # Coursera publishes this course's hours, so they are not marked as an estimate.
        assert "20–21 h, about **4–5 weeks** at your pace of 5 h a week" in text
        assert "✓ met: [Machine Learning: Regression](#course-ml-regression) (done)" in text
        assert "✗ not yet: [Probability and statistics](#probability_statistics)" in text
        assert "1 of 2 met" in text
        assert "[Stage 2 of 5: Core supervised learning, in depth](#stage-supervised)" in text
        assert "**Your status:** ◐ in progress" in text
        assert "last verified 2026-12-03" in text
        assert "Verify current details" not in text
        # The status mark in the row pairs the colour with a symbol.
        assert "◐ Machine Learning: Classification" in screen_text(app)


async def test_old_entries_say_to_verify_with_the_provider(tmp_path: Path) -> None:
    app = catalog_app(FakeSession(bundled()), tmp_path)
    async with app.run_test(size=(100, 32)) as pilot:
        screen = await ready(pilot)
        screen.today = date(2028, 1, 1)
        await type_query(pilot, "regression")
        assert "Verify current details with the provider" in detail(screen)
        assert "⚠ Verify current details" in screen_text(app)


async def test_follow_a_prerequisite_and_come_back(tmp_path: Path) -> None:
    app = catalog_app(FakeSession(bundled()), tmp_path)
    async with app.run_test(size=(100, 32)) as pilot:
        screen = await ready(pilot)
        await type_query(pilot, "production machine")
        assert screen.current == "course-production-ml-systems"
        await pilot.press("down")  # to the list
        assert rows(screen).has_focus
        await pilot.press("p")  # one prerequisite: jump straight there
        await settle(pilot)
        assert screen.current == "course-applied-ml-python"
        assert "# Applied Machine Learning in Python" in detail(screen)
        # It was hidden by the search, which was cleared to show it.
        assert screen.query_one(SearchInput).value == ""
        assert "course-applied-ml-python" in rows(screen).visible_ids
        await pilot.press("b")
        await settle(pilot)
        assert screen.current == "course-production-ml-systems"


async def test_choose_among_several_prerequisites(tmp_path: Path) -> None:
    app = catalog_app(FakeSession(bundled(), statuses={"python": "done"}), tmp_path)
    async with app.run_test(size=(100, 32)) as pilot:
        screen = await ready(pilot)
        await type_query(pilot, "regression")
        await pilot.press("down", "p")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, PrerequisiteScreen)
        assert "✓ met  Python proficiency" in screen_text(app)
        assert "✗ not yet  Linear algebra" in screen_text(app)
        await pilot.press("down", "enter")  # the second: calculus
        await settle(pilot)
        assert app.screen is screen
        assert screen.current == "calculus"


async def test_a_prerequisite_link_in_the_detail_jumps(tmp_path: Path) -> None:
    app = catalog_app(FakeSession(bundled()), tmp_path)
    async with app.run_test(size=(100, 32)) as pilot:
        screen = await ready(pilot)
        await type_query(pilot, "classification")
        document = screen.query_one("#catalog-detail", Reader).document
        # Click the link's text where it shows on screen.
        y, line = next((y, line) for y, line in enumerate(document.lines) if "not yet" in line)
        x = line.index("Machine") + 1  # the document's left padding
        await pilot.click(document, offset=(x + 2, y - round(document.scroll_y)))
        await settle(pilot)
        assert screen.current == "course-ml-regression"
        assert rows(screen).highlighted == "course-ml-regression"


async def test_add_to_plan_and_mark_done_go_through_the_session(tmp_path: Path) -> None:
    session = FakeSession(bundled())
    app = catalog_app(session, tmp_path)
    async with app.run_test(size=(100, 32)) as pilot:
        screen = await ready(pilot)
        await type_query(pilot, "regression")
        await pilot.press("down", "a")
        await settle(pilot)
        assert session.writes == [("add_to_plan", "course-ml-regression", None)]
        assert "**Your status:** ○ to do" in detail(screen)
        await pilot.press("d")
        await settle(pilot)
        assert session.writes[-1] == ("set_status", "course-ml-regression", "done")
        assert "**Your status:** ✓ done" in detail(screen)
        assert "✓ Machine Learning: Regression" in screen_text(app)
        await pilot.press("d")  # again: back to to-do
        await settle(pilot)
        assert session.writes[-1] == ("set_status", "course-ml-regression", "todo")


async def test_the_catalog_knows_what_the_plan_holds_and_adds_no_duplicate(
    tmp_path: Path,
) -> None:
    from mlroute.session import load_session

    from .plan_helpers import CALCULUS, courses, saved, write_progress

    write_progress(courses)
    app = make_app(
        start_mode="catalog", settings_path=tmp_path / "settings.toml", session_loader=load_session
    )
    notices: list[str] = []
    async with app.run_test(size=(100, 32)) as pilot:
        screen = await ready(pilot)
        app.notify = lambda message, **_: notices.append(str(message))  # type: ignore[method-assign]
        await type_query(pilot, "multivariate calculus")
        await pilot.press("down")
        await settle(pilot)
        assert screen.current == CALCULUS
        # In the plan though never ticked: to do, not "not in your plan".
        assert "**Your status:** ○ to do" in detail(screen)
        assert "not in your plan" not in detail(screen)
        await pilot.press("a")
        await settle(pilot)
    assert any(n.startswith("Already in your plan, in “") for n in notices), notices
    assert not any(n.startswith("Added") for n in notices), notices
    assert saved().custom_items == {}  # nothing written


async def test_a_failed_write_is_shown(tmp_path: Path) -> None:
    session = FakeSession(bundled(), fail="Could not save: disk full.")
    app = catalog_app(session, tmp_path)
    async with app.run_test(size=(100, 32)) as pilot:
        screen = await ready(pilot)
        await pilot.press("down", "d")
        await settle(pilot)
        assert [n.message for n in app._notifications] == ["Could not save: disk full."]
        assert screen.current is not None
        # Kept in memory, as the session keeps every change it could not write.
        assert session.status_of(screen.current) == "done"


async def test_the_url_opens_only_on_request(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened: list[str] = []
    app = catalog_app(FakeSession(hostile()), tmp_path)
    monkeypatch.setattr(app, "open_url", lambda url, **_: opened.append(url))
    async with app.run_test(size=(100, 32)) as pilot:
        await ready(pilot)
        await type_query(pilot, "omscs")
        await pilot.press("down", "down", "up")
        assert opened == []
        await pilot.press("o")
        assert opened == ["https://omscs.gatech.edu/"]
        # A javascript: address is never opened.
        await type_query(pilot, "evil")
        await pilot.press("down", "o")
        assert opened == ["https://omscs.gatech.edu/"]


# Comparing -----------------------------------------------------------------------------------


async def test_compare_two_programs_side_by_side(tmp_path: Path) -> None:
    app = catalog_app(FakeSession(bundled()), tmp_path)
    async with app.run_test(size=(100, 32)) as pilot:
        screen = await ready(pilot)
        await pilot.press("down")  # the list: programs come first
        await pilot.press("c")
        assert app.screen is screen  # nothing marked yet: a hint instead
        await pilot.press("m", "down", "m")
        assert screen.marked == ("gatech-omscs", "cmu-mcds-mlt")
        assert "◆ 2 marked" in screen_text(app)
        await pilot.press("c")
        await settle(pilot)
        compare = app.screen
        assert isinstance(compare, CompareScreen)
        view = compare.query_one(CompareView)
        assert [p.id for p in view.programs] == ["gatech-omscs", "cmu-mcds-mlt"]
        text = screen_text(app)
        for aspect in ("Cost", "Duration", "Admission", "Strengths"):
            assert aspect in text
        assert "$7,000–$10,000" in text
        await pilot.press("end")
        text = screen_text(app)
        for aspect in ("Tradeoffs", "Who it suits"):
            assert aspect in text
        await pilot.press("escape")
        assert app.screen is screen


async def test_only_programs_and_at_most_three(tmp_path: Path) -> None:
    app = catalog_app(FakeSession(bundled()), tmp_path)
    async with app.run_test(size=(100, 32)) as pilot:
        screen = await ready(pilot)
        await pilot.press("down", "m", "down", "m", "down", "m", "down", "m")
        assert len(screen.marked) == 3
        await type_query(pilot, "regression")
        await pilot.press("down", "m")
        assert len(screen.marked) == 3
        assert "course-ml-regression" not in screen.marked


# Safety --------------------------------------------------------------------------------------


async def test_hostile_overlay_text_shows_literally(tmp_path: Path) -> None:
    app = catalog_app(FakeSession(hostile()), tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        await type_query(pilot, "evil")
        assert screen.current == "course-hostile"
        text = screen_text(app)
        assert app.is_running  # [@click=app.quit] did nothing
        assert "│   [bold red]Evil[/] [@click=app.quit]quit[/]" in text  # the row
        assert not CONTROL.search(text)
        source = detail(screen)
        assert not CONTROL.search(source)
        flat = " ".join(re.sub("[│▌]", " ", text).split())
        assert "[bold red]Evil[/] [@click=app.quit]quit[/] # not a heading" in flat
        assert "Clear[2J screen bell [link=file:///etc/passwd]x[/link]" in flat
        assert "Verify current details with the provider" in flat
        # The rest of the detail, scrolled into view.
        screen.query_one("#catalog-detail", Reader).focus_document()
        await pilot.press("end")
        await settle(pilot)
        text = screen_text(app)
        assert not CONTROL.search(text)
        flat = " ".join(re.sub("[│▌]", " ", text).split())
        assert "Ignore [bold]this[/bold]." in flat
        assert "[click me](@click=app.quit) <b>html</b> &#27;[2J &#x1b; `code`" in flat
        assert "`code` - not a list # not a heading" in flat
        assert "[blink]topic[/blink], **bold?**, ]0;pwnedtitle" in flat
        assert "Page: javascript:alert(1)" in flat
        assert "press o" not in flat  # a javascript: address is not offered
        assert app.is_running


async def test_hostile_program_in_the_comparison(tmp_path: Path) -> None:
    app = catalog_app(FakeSession(hostile()), tmp_path)
    async with app.run_test(size=(100, 32)) as pilot:
        screen = await ready(pilot)
        screen.marked = ("prog-hostile", "gatech-omscs")
        await pilot.press("down", "c")
        await settle(pilot)
        text = screen_text(app)
        assert "[@click=app.quit]Free degree[/]" in text
        assert "[reverse]anyone[/reverse]" in text
        assert not CONTROL.search(text)
        assert app.is_running


def test_markdown_escape_round_trips_plain_text() -> None:
    hostile_text = "# [bold red]x[/] *y* `z` <b> &#27; 1. - > | \\ _u_"
    escaped = md_escape(hostile_text)
    assert not re.search(r"(?<!\\)[\[\]*`<>&#|_]", escaped)


def test_every_bundled_entry_renders() -> None:
    catalog = bundled()
    context = EntryContext(today=TODAY)
    for entry_id in catalog.by_id:
        markdown = entry_markdown(catalog, entry_id, context)
        assert markdown.startswith("# ")
        assert "last verified" in markdown


# Staleness ---------------------------------------------------------------------------------


def aged(catalog: Catalog, program_id: str, checked: date) -> Catalog:
    """The catalog with one program's facts last verified on `checked`."""
    programs = tuple(
        dataclasses.replace(p, last_verified=checked) if p.id == program_id else p
        for p in catalog.programs
    )
    return catalog.model_copy(update={"programs": programs})


async def test_due_for_checking_facet_shows_only_entries_verified_over_a_year_ago(
    tmp_path: Path,
) -> None:
    catalog = aged(bundled(), "uiuc-mcs-online", date(2025, 6, 1))
    app = catalog_app(FakeSession(catalog), tmp_path)
    async with app.run_test(size=(100, 32)) as pilot:
        screen = await ready(pilot)
        screen.today = date(2026, 12, 3)
        screen.query_one("#facet-checked", Choice).value = "due"
        await settle(pilot)
        index = rows(screen).index
        assert index is not None
        shown = set(rows(screen).rows)
        cutoff = date(2025, 12, 3)  # twelve months before the screen's today
        assert {index.ids[row] for row in shown} == {
            index.ids[row] for row in range(len(index)) if index.verified[row] < cutoff
        }
        assert "uiuc-mcs-online" in {index.ids[row] for row in shown}
        assert len(shown) < len(index)
        # It combines with the search like every facet.
        await type_query(pilot, "illinois")
        assert [index.ids[row] for row in rows(screen).rows] == ["uiuc-mcs-online"]
        # Escape clears the search, then the filters, this one with them.
        await pilot.press("escape", "escape")
        await settle(pilot)
        assert screen.query_one("#facet-checked", Choice).value is None
        assert len(rows(screen).rows) == len(index)


async def test_due_for_checking_says_when_nothing_is_due(tmp_path: Path) -> None:
    app = catalog_app(FakeSession(bundled()), tmp_path)
    async with app.run_test(size=(100, 32)) as pilot:
        screen = await ready(pilot)
        # Nothing in the bundled catalog was verified before this screen's pinned today.
        screen.today = min(entry.last_verified for entry in bundled().by_id.values())
        screen.query_one("#facet-checked", Choice).value = "due"
        await settle(pilot)
        assert rows(screen).visible_ids == []
        assert "Nothing is due for checking" in screen_text(app)


def test_entries_older_than_two_years_may_be_out_of_date() -> None:
    catalog = aged(bundled(), "uiuc-mcs-online", date(2026, 11, 25))

    def markdown(today: date) -> str:
        return entry_markdown(catalog, "uiuc-mcs-online", EntryContext(today=today))

    fresh, year, old = markdown(TODAY), markdown(date(2027, 12, 31)), markdown(date(2028, 11, 26))
    assert "Verify current details" not in fresh and "May be out of date" not in fresh
    assert "⚠ **Verify current details with the provider:**" in year
    assert "May be out of date" not in year
    assert (
        "> ⚠ **May be out of date:** these facts were last checked more than 2 years ago "
        "(2026-11-25)."
    ) in old
    # The note comes before the facts, right under the title and kind.
    assert old.index("May be out of date") < old.index("**Cost:**")
    # Exactly two years is not yet more than two years.
    edge = markdown(date(2028, 11, 25))
    assert "May be out of date" not in edge and "Verify current details" in edge


def test_program_detail_says_how_it_can_be_taken() -> None:
    catalog = bundled()
    cmu = entry_markdown(catalog, "cmu-mcds-mlt", EntryContext(today=TODAY))
    assert "- **Ways to take it:** in person, part-time or full-time" in cmu
    assert "years part-time" not in cmu
    uiuc = entry_markdown(catalog, "uiuc-mcs-online", EntryContext(today=TODAY))
    assert "- **Ways to take it:** online, part-time or full-time" in uiuc
    assert "- **Duration:** 1–5 years. The FAQ: as little as one year, at most five." in uiuc


# Did you mean ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typo", "title"),
    [("lenear", "Linear Algebra"), ("probabilty", "Probability")],
)
async def test_a_search_that_finds_nothing_offers_close_titles(
    tmp_path: Path, typo: str, title: str
) -> None:
    app = catalog_app(FakeSession(bundled()), tmp_path)
    async with app.run_test(size=(200, 32)) as pilot:
        screen = await ready(pilot)
        await type_query(pilot, typo)
        assert rows(screen).visible_ids == []  # the typo finds nothing as typed
        shown = screen_text(app)
        assert f"No match for “{typo}”. Did you mean “" in shown
        assert title in shown.split("Did you mean", 1)[1]
        await pilot.press("enter")  # takes the first suggestion
        await settle(pilot)
        assert rows(screen).visible_ids
        assert screen.query_one(SearchInput).value != typo
