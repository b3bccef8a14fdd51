"""The FAQ mode: paraphrase search, reading, links, history, contents, hostile text, offline."""

from __future__ import annotations

import re
import socket
from pathlib import Path
from types import SimpleNamespace

import pytest
from textual.command import CommandList
from textual.widgets import OptionList, Static

from mlroute.commands.faq import documents
from mlroute.search import Index
from mlroute.tui.screens.catalog import CatalogScreen
from mlroute.tui.screens.dialogs import ConfirmScreen
from mlroute.tui.screens.faq import HOME
from mlroute.tui.screens.help import HelpScreen
from mlroute.tui.widgets.catalog_list import CatalogList
from mlroute.tui.widgets.markdown_view import MarkdownView

from .catalog_helpers import CONTROL, FakeSession, bundled, catalog_app, hostile
from .catalog_helpers import ready as catalog_ready
from .catalog_helpers import settle as settle_workers
from .faq_helpers import follow, reader, ready, search
from .helpers import screen_text


async def test_a_paraphrase_typed_in_the_search_box_shows_its_answer(tmp_path: Path) -> None:
    """The screen lists what the ranking ranks (its cases are tests/unit/test_faq_ranking.py),
    and Enter opens the best match on screen."""
    query, expected = "how much time does finishing take", "faq-duration"
    app = catalog_app(FakeSession(bundled()), tmp_path, mode="faq")
    async with app.run_test(size=(100, 32)) as pilot:
        screen = await ready(pilot)
        await search(pilot, query)
        ranked = [hit.id for hit in Index(documents(bundled())).search(query)]
        assert screen.results == ranked and ranked[0] == expected
        listed = screen.query_one("#faq-list", OptionList)
        assert listed.get_option_at_index(0).id == expected
        await pilot.press("enter")
        await settle_workers(pilot)
        assert screen.page == expected
        shown = " ".join(screen_text(app).split())
        assert "How long does an online machine learning master's take" in shown
        assert "usually take 1.5 to 3 years" in shown  # the answer, in the reader


async def test_back_and_forward_through_links(tmp_path: Path) -> None:
    app = catalog_app(FakeSession(bundled()), tmp_path, mode="faq")
    async with app.run_test(size=(100, 32)) as pilot:
        screen = await ready(pilot)
        assert screen.page == HOME
        await follow(pilot, screen, "#faq-cheapest")
        assert screen.page == "faq-cheapest"
        # The answer mentions OMSCS, which links to its catalog entry.
        assert "[OMSCS](#gatech-omscs)" in reader(screen).source
        await follow(pilot, screen, "#gatech-omscs")
        assert screen.page == "gatech-omscs"
        assert "# Online Master of Science in Computer Science" in reader(screen).source
        reader(screen).focus_document()
        await pilot.press("b")
        await settle_workers(pilot)
        assert screen.page == "faq-cheapest"
        await pilot.press("b")
        await settle_workers(pilot)
        assert screen.page == HOME
        await pilot.press("f", "f")
        await settle_workers(pilot)
        assert screen.page == "gatech-omscs"
        await pilot.press("b")
        await settle_workers(pilot)
        # Going somewhere new drops the forward history.
        await follow(pilot, screen, "#faq-duration")
        assert screen.history == [HOME, "faq-cheapest", "faq-duration"]
        await pilot.press("f")
        await settle_workers(pilot)
        assert screen.page == "faq-duration"


async def test_long_articles_get_a_table_of_contents(tmp_path: Path) -> None:
    app = catalog_app(FakeSession(bundled()), tmp_path, mode="faq")
    async with app.run_test(size=(100, 32)) as pilot:
        screen = await ready(pilot)
        await follow(pilot, screen, "#article-what-a-degree-gives")
        assert reader(screen).show_toc
        contents = reader(screen).contents
        titles = [str(contents.get_option_at_index(i).prompt) for i in range(contents.option_count)]
        assert "Credential signaling" in titles
        assert "Credential signaling" in screen_text(app)
        # Choosing a heading scrolls the page to it.
        contents.focus()
        await pilot.press(*["down"] * (titles.index("Credential signaling") + 1), "enter")
        await settle_workers(pilot)
        document = reader(screen).document
        assert document.scroll_y > 0
        assert document.lines[round(document.scroll_y)] == "Credential signaling"
        await follow(pilot, screen, "#faq-respected")
        assert not reader(screen).show_toc
        await pilot.press("b")
        await settle_workers(pilot)
        reader(screen).focus_document()
        await pilot.press("t")
        await settle_workers(pilot)
        assert not reader(screen).show_toc


async def test_links_that_are_not_entries_do_nothing_on_their_own(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened: list[str] = []
    app = catalog_app(FakeSession(hostile()), tmp_path, mode="faq")
    monkeypatch.setattr(app, "open_url", lambda url, **_: opened.append(url))
    async with app.run_test(size=(100, 32)) as pilot:
        screen = await ready(pilot)
        await follow(pilot, screen, "#faq-hostile")
        for href in ("/etc/passwd", "app.quit", "javascript:alert(1)", "#no-such-id"):
            await follow(pilot, screen, href)
            assert screen.page == "faq-hostile"
            assert app.is_running
        await follow(pilot, screen, "https://example.org")
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")
        await settle_workers(pilot)
        assert opened == []
        await follow(pilot, screen, "https://example.org")
        await pilot.press("y")
        await settle_workers(pilot)
        assert opened == ["https://example.org"]


async def test_hostile_faq_shows_literally(tmp_path: Path) -> None:
    app = catalog_app(FakeSession(hostile()), tmp_path, mode="faq")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        await search(pilot, "safe")
        assert screen.results[0] == "faq-hostile"
        await pilot.press("enter")
        await settle_workers(pilot)
        text = screen_text(app)
        flat = " ".join(re.sub("[│▌]", " ", text).split())
        assert app.is_running
        assert not CONTROL.search(text)
        assert "? Is [bold red]this[/] safe? [@click=app.quit]" in flat  # the list entry
        assert "but [bold]markup[/bold] does not." in flat
        assert "&#13;&#27;[2J and &#x07; stay literal." in flat
        # Markdown still works: the bold word is styled, not shown with asterisks.
        assert "**Markdown**" not in flat
        assert "Markdown stays Markdown" in flat


async def test_it_works_with_no_network(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def no_network(*args: object, **kwargs: object) -> None:
        raise OSError("no network in this test")

    monkeypatch.setattr(socket.socket, "connect", no_network)
    monkeypatch.setattr(socket, "create_connection", no_network)
    app = catalog_app(FakeSession(bundled()), tmp_path, mode="faq")
    async with app.run_test(size=(100, 32)) as pilot:
        screen = await ready(pilot)
        await search(pilot, "prerequisites")
        await pilot.press("enter")
        await settle_workers(pilot)
        assert screen.page == "faq-prerequisites"
        assert "[linear algebra](#linear_algebra)" in reader(screen).source


async def test_links_are_followed_from_the_keyboard_and_listed_in_help(tmp_path: Path) -> None:
    session = FakeSession(bundled())
    session.store = SimpleNamespace(path=tmp_path / "progress.toml")  # type: ignore[assignment]
    app = catalog_app(session, tmp_path, mode="faq")
    async with app.run_test(size=(100, 32)) as pilot:
        screen = await ready(pilot)
        assert screen.page == HOME
        reader(screen).focus_document()
        # The start page lists every question: ] picks the first, Enter opens it.
        await pilot.press("right_square_bracket", "enter")
        await settle_workers(pilot)
        assert screen.page == bundled().faq[0].id
        await pilot.press("question_mark")
        await pilot.pause()
        help_screen = app.screen
        assert isinstance(help_screen, HelpScreen)
        shown = " ".join(str(s.render()) for s in help_screen.query(Static))
        assert "Reading a page" in shown
        for command in MarkdownView.COMMANDS_LIST:
            assert command.help in shown, command.title


async def test_the_link_commands_are_in_the_palette(tmp_path: Path) -> None:
    """Every key is in the command palette too: "Next link" from Ctrl+P picks a link on the
    page, and Enter then follows it."""
    app = catalog_app(FakeSession(bundled()), tmp_path, mode="faq")
    async with app.run_test(size=(100, 32)) as pilot:
        screen = await ready(pilot)
        titles = {command.title for command in app.get_system_commands(screen)}
        assert {command.title for command in MarkdownView.COMMANDS_LIST} <= titles
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"Next link")
        results = app.screen.query_one(CommandList)
        for _ in range(500):  # the palette searches in a task of its own
            if results.option_count and "Next link" in str(results.get_option_at_index(0).prompt):
                break
            await pilot.pause()
        await pilot.press("enter")
        await settle_workers(pilot)
        view = screen.query_one(MarkdownView)
        assert view.has_focus
        assert view.selected_link == 0
        await pilot.press("enter")
        await settle_workers(pilot)
        assert screen.page == bundled().faq[0].id


async def test_a_catalog_entry_opens_in_the_catalog_mode(tmp_path: Path) -> None:
    app = catalog_app(FakeSession(bundled()), tmp_path, mode="faq")
    async with app.run_test(size=(100, 32)) as pilot:
        screen = await ready(pilot)
        await follow(pilot, screen, "#gatech-omscs")
        assert "[Open it in the catalog](#catalog:gatech-omscs)" in reader(screen).source
        await follow(pilot, screen, "#catalog:gatech-omscs")
        # The catalog is built on its first visit; the entry is selected once it is ready.
        catalog = app.screen
        assert isinstance(catalog, CatalogScreen)
        await catalog_ready(pilot)
        assert catalog.current == "gatech-omscs"
        assert catalog.query_one(CatalogList).highlighted == "gatech-omscs"
        # Back in the FAQ the page is where it was.
        await pilot.press("f5")
        await settle_workers(pilot)
        assert app.screen is screen
        assert screen.page == "gatech-omscs"
