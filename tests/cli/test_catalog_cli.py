"""`mlroute catalog`, `mlroute faq` and `--version`, as a script or a person would call them."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from mlroute.catalog import load_catalog, loader
from mlroute.cli import main

ROOT = Path(__file__).resolve().parents[2]
BUNDLED = ROOT / "data" / "catalog.toml"


def test_check_the_bundled_catalog(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["catalog", "check", str(BUNDLED)]) == 0
    line = capsys.readouterr().out.strip()
    programs = len(load_catalog(use_overlay=False, use_cache=False).catalog.programs)
    assert line.startswith(f"{BUNDLED}: OK: 4 foundations, {programs} programs, ")
    assert "\n" not in line


BAD_FILES: dict[str, tuple[bytes, str]] = {
    "syntax": (b"[[courses]\n", ":1: TOML syntax error"),
    "unknown-key": (
        b'[[faq]]\nid = "faq-x"\nquestion = "Q?"\nanswer = "A"\nsource = "s"\n'
        b"last_verified = 2026-11-25\nwhat = 1\n",
        ":7: faq.0.what: unknown field",
    ),
    "wrong-type": (
        b'[[faq]]\nid = "faq-x"\nquestion = 3\nanswer = "A"\nsource = "s"\n'
        b"last_verified = 2026-11-25\n",
        ":3: faq.0.question: Input should be a valid string",
    ),
    "missing": (
        b'[[faq]]\nid = "faq-x"\nanswer = "A"\nsource = "s"\nlast_verified = 2026-11-25\n',
        ":1: faq.0.question: required field is missing",
    ),
    "dangling": (
        b'[[faq]]\nid = "faq-x"\nquestion = "Q"\nanswer = "A"\nrelated = ["nope"]\n'
        b'source = "s"\nlast_verified = 2026-11-25\n',
        ":5: faq.0.related.0: unknown id 'nope'",
    ),
    "utf8": (b'title = "caf\xe9"\n', ":1: not valid UTF-8 (byte 0xe9)"),
    "empty": (b"", ": file is empty"),
    "huge": (b"#" * 2001, "file is 2,001 bytes; the limit is 2,000"),
}


@pytest.mark.parametrize("case", sorted(BAD_FILES))
def test_check_reports_file_line_field_and_exits_2(
    case: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    content, expected = BAD_FILES[case]
    if case == "huge":
        monkeypatch.setattr(loader, "MAX_BYTES", 2000)  # the real cap is 64 MB
    path = tmp_path / f"{case}.toml"
    path.write_bytes(content)
    assert main(["catalog", "check", str(path)]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.startswith(str(path))
    assert expected in captured.err
    assert "Traceback" not in captured.err


def test_no_traceback_from_the_installed_command(tmp_path: Path) -> None:
    path = tmp_path / "bad.toml"
    path.write_bytes(b"[[courses]]\nid = 3\n")
    result = subprocess.run(
        [sys.executable, "-m", "mlroute", "catalog", "check", str(path)],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert f"{path}:2: courses.0.id: Input should be a valid string" in result.stderr


def test_missing_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    assert main(["catalog", "check", str(tmp_path / "nope.toml")]) == 2
    assert "no such file" in capsys.readouterr().err


def test_list_json_has_every_kind(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["catalog", "list", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    ids = {p["id"] for p in data["programs"]}
    assert {"gatech-omscs", "cmu-mcds-mlt", "uw-msds", "professional-certificate"} <= ids
    assert len(ids) == len(load_catalog(use_overlay=False, use_cache=False).catalog.programs)
    assert [s["order"] for s in data["stages"]] == [1, 2, 3, 4, 5]
    assert len(data["faq"]) == 7


def test_list_one_kind_as_text(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["catalog", "list", "--kind", "foundation"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("foundations (4)\n")
    for foundation in ("linear_algebra", "probability_statistics", "calculus", "python"):
        assert foundation in out


def test_faq_lists_the_seven_questions(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["faq"]) == 0
    numbered = [line for line in capsys.readouterr().out.splitlines() if line[:3].strip(". ")]
    assert len([line for line in numbered if line.strip()[0].isdigit()]) == 7


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("do hiring managers take an online masters seriously", "faq-respected"),
        ("how many years will it take", "faq-duration"),
        ("what math should I know first", "faq-prerequisites"),
        ("can I be hired as an ML engineer with no graduate degree", "faq-job-without-degree"),
        ("least expensive accredited program", "faq-cheapest"),
        ("are free moocs worth it or should I pay", "faq-free-vs-paid"),
        ("should I pick a degree or courses", "faq-degree-or-courses"),
    ],
)
def test_faq_query_finds_the_right_answer_first(
    query: str, expected: str, capsys: pytest.CaptureFixture[str]
) -> None:
    from mlroute.catalog import load_catalog
    from mlroute.commands.faq import documents
    from mlroute.search import Index

    catalog = load_catalog().catalog
    hits = Index(documents(catalog)).search(query)
    faq_hits = [hit.id for hit in hits if hit.id.startswith("faq-")]
    assert faq_hits[0] == expected
    assert main(["faq", *query.split()]) == 0
    assert catalog.by_id[expected].question in capsys.readouterr().out  # type: ignore[union-attr]


def test_faq_with_no_match_says_so(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["faq", "zzqx"]) == 1
    assert "No FAQ answer" in capsys.readouterr().out


def test_version_names_textual(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["--version"])
    assert exit_info.value.code == 0
    out = capsys.readouterr().out
    assert out.startswith("mlroute 0.1.0 (textual ")
