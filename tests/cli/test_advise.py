"""`mlroute advise`: the advisor's answer as text and JSON, the example file, and bad input."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from mlroute.answers import EXAMPLE_ANSWERS, answers_from_text
from mlroute.catalog import load_catalog
from mlroute.cli import main

ANSWERS = Path(__file__).resolve().parents[1] / "fixtures" / "answers"
ENGINEER = ANSWERS / "engineer-courses.toml"
DEFENSE = ANSWERS / "defense-degree.toml"
GUIDE_PROGRAMS = {"gatech-omscs", "cmu-mcds-mlt", "uw-msds", "professional-certificate"}
"""The programs the guide names, which every answer lists among the others."""


def bundled_program_ids() -> set[str]:
    return {p.id for p in load_catalog(use_overlay=False, use_cache=False).catalog.programs}


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    status = main(["advise", *args])
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def advise_json(capsys: pytest.CaptureFixture[str], path: Path) -> dict[str, Any]:
    status, out, err = run(capsys, "--answers", str(path), "--format", "json")
    assert status == 0, err
    data: dict[str, Any] = json.loads(out)
    return data


def test_example_prints_a_commented_valid_answers_file(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    status, out, _ = run(capsys, "--example")
    assert status == 0
    assert out == EXAMPLE_ANSWERS
    assert out.startswith("#")
    answers_from_text(out)
    path = tmp_path / "mine.toml"
    path.write_text(out, encoding="utf-8")
    assert run(capsys, "--answers", str(path))[0] == 0


def test_text_reads_like_an_advisor(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = run(capsys, "--answers", str(ENGINEER))
    assert status == 0 and err == ""
    lines = out.splitlines()
    assert lines[0] == "Take a structured course path rather than a degree."
    assert lines[1].startswith("  High confidence:")
    sections = [
        "Time",
        "What decided it",
        "Programs, best first",
        "Foundation gaps",
        "Plan outline at 10 hours a week",
        "What would change this",
    ]
    positions = [lines.index(section) for section in sections]
    assert positions == sorted(positions)
    decided = lines[positions[1] + 1 : positions[2]]
    assert sum(1 for line in decided if line.lstrip()[:2] in ("1.", "2.", "3.")) == 3
    assert "Study in this order: calculus." in out
    flat = " ".join(line.strip() for line in out.splitlines())
    assert "The verdict rests mostly on" in flat and "the degree would win." in flat
    assert "At 10 hours a week the course path takes about" in flat
    assert flat.endswith(
        "confirm the current details on each program's own pages before you plan around them."
    )
    for program in GUIDE_PROGRAMS:
        assert f"[{program}]" in out


def test_text_says_the_flip_in_words(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "--answers", str(DEFENSE), "--format", "text")
    assert status == 0
    assert out.startswith(
        "Go for a degree: your target employers require one. Georgia Tech OMSCS ranks first"
    )
    flat = " ".join(line.strip() for line in out.splitlines())
    assert "High confidence: one of the guide's rules settles this" in flat
    assert "A rule, before any weighing: Your target employers screen for a graduate" in flat
    assert "if your target employers did not require a graduate degree, courses would win." in flat
    assert "Verify admission details" not in out  # the checklist lives in the plan, not here
    assert "Study in this order: linear algebra." in out


def test_json_has_the_documented_fields(capsys: pytest.CaptureFixture[str]) -> None:
    data = advise_json(capsys, DEFENSE)
    for key in ("path", "margin", "confidence", "factors", "programs", "prerequisite_gaps"):
        assert key in data
    assert data["path"] == "degree"
    assert data["confidence"] in ("low", "medium", "high")
    assert isinstance(data["margin"], float) and data["margin"] > 0
    for factor in data["factors"]:
        assert {"id", "toward", "contribution", "reason"} <= set(factor)
        assert factor["toward"] in ("degree", "courses")
    sizes = [abs(f["contribution"]) for f in data["factors"]]
    assert sizes == sorted(sizes, reverse=True)
    assert {p["id"] for p in data["programs"]} == bundled_program_ids()
    assert data["programs"][0]["id"] == "gatech-omscs"
    for program in data["programs"]:
        assert {"id", "score", "affordable", "reasons", "warnings"} <= set(program)
        assert program["affordable"] in (True, False, None)
    assert data["prerequisite_gaps"] == ["linear_algebra"]
    assert data["flip"] == [{"field": "credential_required", "value": "no"}]
    assert data["rule"] == "degree-filter"
    assert data["flips"][0]["kind"] == "life" and data["flips"][0]["changes"] == data["flip"]
    assert data["verify"] and data["timing"]
    assert data["plan"]["path"] == "degree"
    assert [stage["id"] for stage in data["plan"]["stages"]] == [
        "gatech-omscs.prep",
        "gatech-omscs.apply",
        "gatech-omscs.program",
    ]


def test_json_for_the_course_path(capsys: pytest.CaptureFixture[str]) -> None:
    data = advise_json(capsys, ENGINEER)
    assert data["path"] == "courses" and data["flip"] and data["rule"] is None
    assert all(set(change) == {"field", "value"} for change in data["flip"])
    assert data["plan"]["stages"][0]["id"] == "stage-foundations"
    assert data["plan"]["total_months"] > 0
    assert data["plan"]["course_path_cost"]["note"]


def test_json_flip_values_keep_their_types(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    text = DEFENSE.read_text(encoding="utf-8").replace("plans_phd = false", "plans_phd = true")
    path = tmp_path / "phd.toml"
    path.write_text(text, encoding="utf-8")
    data = advise_json(capsys, path)
    assert data["flip"]
    for change in data["flip"]:
        assert set(change) == {"field", "value"}
        assert isinstance(change["value"], str | int | bool)


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("budget_usd = 10000", "budget_usd = -1", ":8: budget_usd: Input should be greater"),
        ('goal = "ml-engineering"', "goal = 3", ":3: goal: Input should be"),
        ("linear_algebra = 1", "linear_algebra = 7", ":21: foundations.linear_algebra: "),
        ("region = ", "regoin = ", ":16: regoin: unknown field"),
        ("need = ", "# need = ", ":1: need: required field is missing"),
    ],
)
def test_bad_answers_are_located_and_exit_2(
    old: str,
    new: str,
    expected: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    path = tmp_path / "bad.toml"
    path.write_text(DEFENSE.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
    status, out, err = run(capsys, "--answers", str(path))
    assert status == 2
    assert out == ""
    assert f"{path}{expected}" in err
    assert "Traceback" not in err


def test_missing_file_and_missing_option(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, _, err = run(capsys, "--answers", str(tmp_path / "nope.toml"))
    assert status == 2 and err.strip() == f"{tmp_path / 'nope.toml'}: no such file"
    status, _, err = run(capsys)
    assert status == 2 and "--answers FILE" in err and "--example" in err


def test_the_installed_command_never_shows_a_traceback(tmp_path: Path) -> None:
    command = Path(sys.executable).parent / "mlroute"
    bad = tmp_path / "bad.toml"
    bad.write_text('schema_version = 1\ngoal = "fame"\n', encoding="utf-8")
    result = subprocess.run(
        [str(command), "advise", "--answers", str(bad)], capture_output=True, text=True
    )
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert f"{bad}:2: goal: Input should be" in result.stderr
    good = subprocess.run(
        [str(command), "advise", "--answers", str(ENGINEER), "--format", "json"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert json.loads(good.stdout)["path"] == "courses"
