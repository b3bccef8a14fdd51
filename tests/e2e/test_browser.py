"""The app in a real browser: `mlroute serve` on a loopback port, driven in headless Chromium."""

from __future__ import annotations

import contextlib
import json
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from playwright.sync_api import Download, Route

from .browser import AppPage, Served, chromium, mlroute_env, why_no_browser
from .persona import answer_questionnaire

pytestmark = [pytest.mark.e2e, pytest.mark.slow, pytest.mark.browser]


@pytest.fixture
def served(tmp_path: Path) -> Iterator[Served]:
    """`mlroute serve` with mlroute's directories in tmp_path, listening."""
    reason = why_no_browser()
    if reason is not None:
        pytest.skip(f"no browser test: {reason}")
    server = Served(mlroute_env(tmp_path))
    try:
        server.wait_listening()
        yield server
    finally:
        server.close()


def progress_show(env: dict[str, str]) -> dict[str, object]:
    """`mlroute progress show --format json` in a shell of its own, with the server's dirs."""
    result = subprocess.run(
        [sys.executable, "-m", "mlroute", "progress", "show", "--format", "json"],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    shown: dict[str, object] = json.loads(result.stdout)
    return shown


def offline_page(route: Route) -> None:
    """Answer a request for a page on the web with a stand-in: the test stays offline."""
    route.fulfill(body="<p>a page on the web</p>", content_type="text/html")


@pytest.mark.timeout(90)
def test_the_app_in_a_browser(served: Served, tmp_path: Path) -> None:
    """Answer, read the verdict, download the report, tick a course in the page (the CLI sees
    the tick), open a catalog entry's page; Ctrl+C then stops the server cleanly
    with the page still open."""
    from playwright.sync_api import Error as PlaywrightError
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright, chromium(playwright) as browser:
        page = AppPage(browser.new_page())
        page.open(served.url)
        page.wait_for("question 1 of 20")
        answer_questionnaire(page.wait_for, page.press, page.type)

        screen = page.wait_for("Why: the factors")
        verdict = re.search(r"(COURSES|DEGREE): .*", screen)
        assert verdict is not None, screen
        assert verdict.group().startswith("COURSES: Take a structured course path"), screen
        assert "confidence" in screen

        # e offers the decision report as a download (textual-serve opens it in a new tab).
        downloads: list[Download] = []
        page.page.on("download", lambda got: downloads.append(got))
        with browser.expect_page() as download_tab:
            page.press("e")
        if not downloads:
            # The tab closes once the download has started, on the page that opened it.
            with contextlib.suppress(PlaywrightError):
                download_tab.value.wait_for_event("close")
        assert len(downloads) == 1
        report = downloads[0]
        assert report.suggested_filename.startswith("mlroute-decision-")
        assert Path(report.path()).read_text().startswith("# mlroute decision report")

        page.press("u")  # use this plan: the Plan mode opens
        page.wait_for("Mathematical foundations")
        page.press("Space")  # tick the first course done
        page.wait_for("✓ Saved · ✓ Done:")

        shown = progress_show(served.env)
        assert shown["file"] == str(tmp_path / "data" / "progress.toml")
        assert shown["path"] == "courses"
        assert shown["overall"]["done"] == 1  # type: ignore[index]
        foundations = shown["stages"][0]  # type: ignore[index]
        assert foundations["title"] == "Mathematical foundations"
        assert foundations["done"] == 1

        # o on a catalog entry opens its page in a new tab, through Textual's open_url.
        browser.route(re.compile(r"^https://(?!fonts\.googleapis\.com/)"), offline_page)
        page.press("F3")
        page.wait_for("f1 Help")  # the key bar while the search box has the keys
        page.press("Down")  # to the list, on Georgia Tech OMSCS
        page.wait_for("a Add  d Done")  # the key bar while the list has them
        with browser.expect_page() as link_tab:
            page.press("o")
        assert link_tab.value.url == "https://omscs.gatech.edu/"

        assert served.interrupt() == 0, served.output()
    output = served.output()
    assert "mlroute serve: stopped." in output
    assert "Traceback" not in output
