"""Invisible characters in catalog and user text: the commands' text output shows them by code
(`<U+202E>`), so a right-to-left override cannot make a line read other than it is; JSON
output keeps the exact text."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from mlroute.cli import main

TITLE = "Free \u202eeerged\u202c course\u200b"
SHOWN = "Free <U+202E>eerged<U+202C> course<U+200B>"

OVERLAY = f"""schema_version = 1

[[courses]]
id = "course-bidi"
title = "{TITLE}"
provider = "Someone"
stage = "stage-supervised"
hours = {{ min = 10, max = 20 }}
cost = {{ audit_free = true }}
description = "A course whose title hides how it reads."
source = "test"
last_verified = 2026-11-25

[[faq]]
id = "faq-bidi"
question = "Is this \u202eeerf\u202c really?"
answer = "It says \u2066nothing\u2069 you can see."
source = "test"
last_verified = 2026-11-25
"""

INVISIBLE = ("\u202e", "\u202c", "\u200b", "\u2066", "\u2069")


@pytest.fixture(autouse=True)
def _overlay(isolated_dirs: Path) -> None:
    config = isolated_dirs / "config"
    config.mkdir(parents=True)
    (config / "catalog.toml").write_text(OVERLAY, encoding="utf-8")


def run(capsys: pytest.CaptureFixture[str], *args: str) -> str:
    assert main(list(args)) == 0
    captured = capsys.readouterr()
    assert "overlay" not in captured.err, captured.err
    return captured.out


def test_catalog_list_shows_invisible_characters_by_code(
    capsys: pytest.CaptureFixture[str],
) -> None:
    out = run(capsys, "catalog", "list", "--kind", "course")
    (line,) = [line for line in out.splitlines() if "course-bidi" in line]
    assert line.split(maxsplit=1) == ["course-bidi", SHOWN]
    assert not any(char in out for char in INVISIBLE)


def test_catalog_list_as_json_keeps_the_exact_text(capsys: pytest.CaptureFixture[str]) -> None:
    data = json.loads(run(capsys, "catalog", "list", "--kind", "course", "--format", "json"))
    (entry,) = [e for e in data["courses"] if e["id"] == "course-bidi"]
    assert entry["title"] == TITLE


def test_faq_shows_invisible_characters_by_code(capsys: pytest.CaptureFixture[str]) -> None:
    listing = run(capsys, "faq")
    assert "Is this <U+202E>eerf<U+202C> really?" in listing
    answer = run(capsys, "faq", "really", "eerf")
    assert "It says <U+2066>nothing<U+2069> you can see." in answer
    assert not any(char in listing + answer for char in INVISIBLE)


def test_progress_show_shows_a_note_s_invisible_characters_by_code(
    capsys: pytest.CaptureFixture[str],
) -> None:
    run(capsys, "progress", "set", "course-bidi", "done", "--note", f"see {TITLE}")
    out = run(capsys, "progress", "show")
    assert f"see {SHOWN}" in out
    assert not any(char in out for char in INVISIBLE)
    data = json.loads(run(capsys, "progress", "show", "--format", "json"))
    (item,) = [i for i in data["items"] if i["id"] == "course-bidi"]
    assert item["note"] == f"see {TITLE}"
