"""Served to a browser, the decision report and the plan export are offered as downloads."""

from __future__ import annotations

from pathlib import Path
from typing import IO, Any

import pytest

from mlroute.tui.app import MLRouteApp
from mlroute.tui.screens.dialogs import PathScreen

from .helpers import app, loaded, persona, save_answers
from .plan_helpers import courses, plan_app, plan_screen, write_progress

Delivered = list[tuple[str, dict[str, Any]]]


def served(monkeypatch: pytest.MonkeyPatch, the_app: MLRouteApp) -> Delivered:
    """Make the app believe it runs under textual-serve; return what it delivers."""
    delivered: Delivered = []

    def deliver_text(file: IO[str], **options: Any) -> str:
        delivered.append((file.read(), options))
        file.close()  # as Textual's own does
        return "key"

    monkeypatch.setattr(MLRouteApp, "is_web", property(lambda self: True))
    monkeypatch.setattr(the_app, "deliver_text", deliver_text)
    return delivered


async def test_the_decision_report_is_a_download_in_the_browser(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    save_answers(persona("engineer-courses"))
    the_app = app()
    delivered = served(monkeypatch, the_app)
    monkeypatch.chdir(tmp_path / "home")  # the data dirs are under it; exports would be here
    async with the_app.run_test(size=(100, 32)) as pilot:
        await loaded(pilot)
        await pilot.press("e")
        await the_app.workers.wait_for_complete()
        await pilot.pause()
        assert not isinstance(the_app.screen, PathScreen)  # no path to type on a server
    [(text, options)] = delivered
    assert text.startswith("# mlroute decision report")
    assert options["save_filename"].startswith("mlroute-decision-")
    assert options["mime_type"] == "text/markdown"
    assert list(Path.cwd().glob("*.md")) == []  # nothing written on the server's disk


async def test_the_plan_export_is_a_download_in_the_browser(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    write_progress(courses)
    the_app = plan_app()
    delivered = served(monkeypatch, the_app)
    monkeypatch.chdir(tmp_path / "home")  # the data dirs are under it; exports would be here
    async with the_app.run_test(size=(100, 32)) as pilot:
        await plan_screen(pilot)
        await pilot.press("e")
        await pilot.pause()
        assert not isinstance(the_app.screen, PathScreen)
    [(text, options)] = delivered
    assert text.startswith("# My ML plan: the course path")
    assert options["save_filename"].startswith("mlroute-plan-")
    assert list(Path.cwd().glob("*.md")) == []
