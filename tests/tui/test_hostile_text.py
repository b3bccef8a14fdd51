"""Invisible characters in catalog text, in the Catalog mode: the list and the detail show them
by code (`<U+202E>`), so a right-to-left override cannot make a title read other than it is."""

from __future__ import annotations

from pathlib import Path

import pytest

from mlroute.catalog import Catalog, load_catalog

from .catalog_helpers import (
    FakeSession,
    catalog_app,
    detail,
    hostile,
    ready,
    rows,
    type_query,
)
from .helpers import screen_text

INVISIBLE = ("\u202e", "\u202c", "\u200b", "\u2066", "\u2069", "\ufeff")

OVERLAY = """schema_version = 1

[[courses]]
id = "course-bidi"
title = "Free \\u202eeerged\\u202c course\\u200b"
provider = "Pro\\u2066vider\\u2069"
stage = "stage-supervised"
hours = { min = 10, max = 20 }
cost = { audit_free = true }
description = "Costs \\u202enothing\\u202c at all\\ufeff."
source = "test"
last_verified = 2026-11-25
"""


def bidi_catalog(tmp_path: Path) -> Catalog:
    overlay = tmp_path / "overlay.toml"
    overlay.write_text(OVERLAY, encoding="utf-8")
    result = load_catalog(overlay=overlay, use_cache=False)
    assert not result.warnings, result.warnings
    return result.catalog


async def test_the_list_and_the_detail_show_invisible_characters_by_code(
    tmp_path: Path,
) -> None:
    app = catalog_app(FakeSession(bidi_catalog(tmp_path)), tmp_path)
    async with app.run_test(size=(140, 40)) as pilot:
        screen = await ready(pilot)
        await type_query(pilot, "eerged")
        assert rows(screen).visible_ids == ["course-bidi"]
        assert screen.current == "course-bidi"
        text = screen_text(app)
        assert "│   Free <U+202E>eerged<U+202C> course<U+200B> · Pro<U+" in text  # the row
        assert "Course · Pro<U+2066>vider<U+2069>" in text  # the detail
        assert "│ Free <U+202E>eerged<U+202C> course<U+200B>" in text  # the detail's heading
        assert "Costs <U+202E>nothing<U+202C> at all<U+FEFF>." in text
        source = detail(screen)  # the Markdown, where the marks are escaped like any `<`
        assert "Costs \\<U+202E\\>nothing" in source
        assert not any(char in text or char in source for char in INVISIBLE)


async def test_open_page_on_a_refused_address_says_it_is_refused_and_why(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The hostile course's page is `javascript:alert(1)`: shown in the detail, never opened,
    and "Open page" says so rather than that there is no page."""
    opened: list[str] = []
    app = catalog_app(FakeSession(hostile()), tmp_path)
    monkeypatch.setattr(app, "open_url", lambda url, **_: opened.append(url))
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        screen = await ready(pilot)
        await type_query(pilot, "evil")
        await pilot.press("down", "o")
        await pilot.pause()
        assert screen.current == "course-hostile"
        assert opened == []
        messages = [notification.message for notification in app._notifications]
        assert messages[-1] == (
            "Not opened: javascript:alert(1) is a javascript: address, and only web pages "
            "(http:// or https://) are opened from the catalog."
        )
