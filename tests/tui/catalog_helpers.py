"""Shared helpers for the Catalog and FAQ Pilot tests: an in-memory session, the app, waiting."""

from __future__ import annotations

import re
from datetime import date
from functools import cache
from pathlib import Path

from textual.pilot import Pilot
from textual.worker import Worker

from mlroute.catalog import Catalog, CatalogLoad, load_catalog
from mlroute.questions import Value
from mlroute.session import Session
from mlroute.store import Status
from mlroute.tui.app import MLRouteApp, make_app
from mlroute.tui.screens.catalog import CatalogScreen
from mlroute.tui.widgets.catalog_list import CatalogList
from mlroute.tui.widgets.reader import Reader
from mlroute.tui.widgets.search_input import SearchInput

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
TODAY = date(2026, 11, 25)
"""Pinned so that the "verify current details" note does not depend on the day tests run."""
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
"""A control character that must never reach the terminal."""


class FakeSession(Session):
    """A Session kept in memory: no store, no files, every write recorded."""

    def __init__(
        self,
        catalog: Catalog,
        answers: dict[str, Value] | None = None,
        statuses: dict[str, Status] | None = None,
        fail: str | None = None,
    ) -> None:
        # Deliberately not Session.__init__: these tests must not depend on the store.
        self.catalog_load = CatalogLoad(catalog)
        self.messages = ()
        self.answers_given = dict(answers or {})
        """What saved_answers returns."""
        self.statuses: dict[str, Status] = dict(statuses or {})
        """Progress by item id."""
        self.writes: list[tuple[str, str, str | None]] = []
        """Every write asked for: (method, item id, status)."""
        self.fail = fail
        """When set, every write fails with this message."""

    def saved_answers(self) -> dict[str, Value]:
        return dict(self.answers_given)

    def status_of(self, item_id: str) -> Status | None:
        return self.statuses.get(item_id)

    def plan_status(self, item_id: str) -> Status | None:
        return self.statuses.get(item_id)

    def set_status(self, item_id: str, status: Status) -> None:
        self.writes.append(("set_status", item_id, status))
        self.statuses[item_id] = status

    def add_to_plan(self, item_id: str) -> str | None:
        self.writes.append(("add_to_plan", item_id, None))
        self.statuses.setdefault(item_id, "todo")
        return None

    def flush(self) -> str | None:
        """Writing fails with `fail` when it is set; the change stays in memory."""
        return self.fail


@cache
def bundled() -> Catalog:
    """The bundled catalog alone (no overlay, no cache), loaded once per test run."""
    return load_catalog(use_overlay=False, use_cache=False).catalog


def hostile() -> Catalog:
    """The bundled catalog with the hostile overlay merged in."""
    result = load_catalog(overlay=FIXTURES / "hostile_catalog.toml", use_cache=False)
    assert not result.warnings, result.warnings
    return result.catalog


def catalog_app(session: Session, tmp_path: Path, mode: str = "catalog") -> MLRouteApp:
    """The app on `session`, starting in `mode`, with its settings under `tmp_path`."""
    return make_app(
        start_mode=mode, settings_path=tmp_path / "settings.toml", session_loader=lambda: session
    )


async def settle(pilot: Pilot[None]) -> None:
    """Let loading, indexing and detail rendering finish (workers and the messages they post)."""
    app = pilot.app

    def busy() -> list[Worker[object]]:
        # A worker waiting on a dialog finishes only when the test answers it.
        return [w for w in app.workers if w.is_running and not w.group.endswith("dialog")]

    for _ in range(6):
        running = busy()
        if running:  # (an empty list would mean "every worker")
            await app.workers.wait_for_complete(running)
        await pilot.pause()
        if not busy():
            await pilot.pause()
            if not busy():
                return


async def ready(pilot: Pilot[None]) -> CatalogScreen:
    """Wait for the catalog to be indexed and shown; pin today's date."""
    screen = pilot.app.screen
    assert isinstance(screen, CatalogScreen), screen
    screen.today = TODAY
    for _ in range(20):
        await settle(pilot)
        if screen._filter is not None and screen.current is not None:
            break
    await settle(pilot)
    assert screen._filter is not None
    return screen


def rows(screen: CatalogScreen) -> CatalogList:
    """The catalog's list of entries."""
    return screen.query_one(CatalogList)


def detail(screen: CatalogScreen) -> str:
    """The Markdown source of the detail pane."""
    return screen.query_one("#catalog-detail", Reader).source


async def type_query(pilot: Pilot[None], text: str) -> None:
    """Type into the search box from scratch, a key at a time."""
    pilot.app.screen.query_one(SearchInput).focus()
    await pilot.press("ctrl+a", "ctrl+k", *("space" if char == " " else char for char in text))
    await settle(pilot)
