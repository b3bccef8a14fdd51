"""Shared helpers for the FAQ Pilot tests: wait for the index, search, read, follow a link."""

from __future__ import annotations

from textual.pilot import Pilot

from mlroute.tui.screens.faq import FaqScreen
from mlroute.tui.widgets.markdown_view import MarkdownView
from mlroute.tui.widgets.reader import Reader
from mlroute.tui.widgets.search_input import SearchInput

from .catalog_helpers import TODAY
from .catalog_helpers import settle as settle_workers


async def ready(pilot: Pilot[None]) -> FaqScreen:
    """Wait for the FAQ's index and its first list; pin today's date."""
    screen = pilot.app.screen
    assert isinstance(screen, FaqScreen), screen
    screen.today = TODAY
    for _ in range(20):
        await settle_workers(pilot)
        if screen.results:
            break
    await settle_workers(pilot)
    assert screen.results
    return screen


async def search(pilot: Pilot[None], text: str) -> None:
    """Type into the FAQ's search box from scratch, a key at a time."""
    pilot.app.screen.query_one(SearchInput).focus()
    await pilot.press("ctrl+a", "ctrl+k", *("space" if c == " " else c for c in text))
    await settle_workers(pilot)


def reader(screen: FaqScreen) -> Reader:
    """The pane that shows the page."""
    return screen.query_one("#faq-reader", Reader)


async def follow(pilot: Pilot[None], screen: FaqScreen, href: str) -> None:
    """Follow a link to `href`, as the document reports it (picking one: test_markdown_view)."""
    document = reader(screen).document
    document.post_message(MarkdownView.LinkClicked(href))
    await settle_workers(pilot)
