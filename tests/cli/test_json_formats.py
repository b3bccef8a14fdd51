"""`--format json` on every command that prints data: faq, catalog check, progress path (advise,
catalog list, progress show and paths have their own tests)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from mlroute.cli import main

ROOT = Path(__file__).resolve().parents[2]


def run_json(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, Any]:
    status = main([*args, "--format", "json"])
    return status, json.loads(capsys.readouterr().out)


def test_faq_lists_as_json(capsys: pytest.CaptureFixture[str]) -> None:
    status, data = run_json(capsys, "faq")
    assert status == 0
    assert data["faq"] and {"id", "question"} == set(data["faq"][0])


def test_faq_answers_as_json(capsys: pytest.CaptureFixture[str]) -> None:
    status, data = run_json(capsys, "faq", "how", "long", "does", "it", "take", "--limit", "2")
    assert status == 0
    assert data["query"] == "how long does it take"
    assert 1 <= len(data["hits"]) <= 2
    first = data["hits"][0]
    assert first["id"] == "faq-duration" and first["kind"] == "faq"
    assert first["body"] and first["source"] and first["last_verified"]


def test_faq_with_no_answer_is_an_empty_list_and_exit_1(
    capsys: pytest.CaptureFixture[str],
) -> None:
    status, data = run_json(capsys, "faq", "zzzqqqxx")
    assert (status, data["hits"]) == (1, [])


def test_catalog_check_as_json(capsys: pytest.CaptureFixture[str]) -> None:
    status, data = run_json(capsys, "catalog", "check", str(ROOT / "examples" / "overlay.toml"))
    assert status == 0
    assert data["ok"] is True and data["problems"] == []
    assert data["counts"]["course"] >= 1


def test_catalog_check_problems_as_json_still_exit_2(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text("courses = 3\n")
    status, data = run_json(capsys, "catalog", "check", str(bad))
    assert status == 2
    assert data["ok"] is False
    assert data["problems"][0] == {
        "file": str(bad),
        "line": 1,
        "path": "courses",
        "message": data["problems"][0]["message"],
    }


def test_progress_path_as_json(capsys: pytest.CaptureFixture[str], isolated_dirs: Path) -> None:
    status, data = run_json(capsys, "progress", "path")
    assert status == 0
    assert data == {"path": str(isolated_dirs / "data" / "progress.toml"), "exists": False}
