"""`mlroute catalog`, `mlroute faq` and `--version`, as a script or a person would call them."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from mlroute.catalog import load_catalog, loader
from mlroute.catalog.models import KIND_FIELDS
from mlroute.cli import main
from mlroute.commands.catalog import KINDS
from tests.helpers import printed_by

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


# `mlroute catalog stale` -------------------------------------------------------------------

OLD_COURSE = """schema_version = 1

[[courses]]
id = "course-old"
title = "An old course"
provider = "Somewhere"
stage = "stage-supervised"
hours = { min = 10, max = 20 }
cost = { audit_free = true }
description = "Checked long ago."
url = "https://example.org/old-course"
source = "https://example.org/old-course"
last_verified = 2020-01-01
"""


def overlay(isolated_dirs: Path, text: str) -> None:
    config = isolated_dirs / "config"
    config.mkdir(parents=True, exist_ok=True)
    (config / "catalog.toml").write_text(text, encoding="utf-8")


def test_stale_lists_old_entries_with_their_page(
    capsys: pytest.CaptureFixture[str], isolated_dirs: Path
) -> None:
    overlay(isolated_dirs, OLD_COURSE)
    assert main(["catalog", "stale", "--as-of", "2026-12-03"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == (
        "1 due for checking (last verified more than 12 months before 2026-12-03, oldest first):"
    )
    assert lines[1].split() == [
        "2020-01-01",
        "course",
        "course-old",
        "https://example.org/old-course",
    ]
    assert len(lines) == 2


def test_stale_months_sets_the_age_and_entries_without_a_url_show_their_source(
    capsys: pytest.CaptureFixture[str],
) -> None:
    bundled = load_catalog(use_overlay=False, use_cache=False).catalog
    newest = max(entry.last_verified for entry in bundled.by_id.values())
    # A day after the newest check, with no months of grace, every entry is due.
    day_after = date.fromordinal(newest.toordinal() + 1).isoformat()
    assert main(["catalog", "stale", "--months", "0", "--as-of", day_after]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith(f"{len(bundled.by_id)} due for checking")
    listed = [line.split()[2] for line in lines[1:]]
    assert sorted(listed) == sorted(bundled.by_id)
    dates = [line.split()[0] for line in lines[1:]]
    assert dates == sorted(dates)  # oldest first
    faq = next(line for line in lines if " faq " in line)
    assert "source: Guide: FAQ" in faq
    program = next(line for line in lines if " uiuc-mcs-online " in line)
    assert program.endswith("https://cs.illinois.edu/admissions/graduate/faqs/online-mcs-faqs")
    # On the newest check's own day, its entries are not older than zero months.
    assert main(["catalog", "stale", "--months", "0", "--as-of", newest.isoformat()]) == 0
    rows = capsys.readouterr().out.splitlines()[1:]
    assert all(row.split()[0] < newest.isoformat() for row in rows)


def test_stale_says_when_nothing_is_due(capsys: pytest.CaptureFixture[str]) -> None:
    bundled = load_catalog(use_overlay=False, use_cache=False).catalog
    oldest = min(entry.last_verified for entry in bundled.by_id.values())
    assert main(["catalog", "stale", "--months", "0", "--as-of", oldest.isoformat()]) == 0
    assert capsys.readouterr().out == (
        "Nothing is due for checking: no entry was last verified more than 0 months before "
        f"{oldest}.\n"
    )


def test_stale_json(capsys: pytest.CaptureFixture[str], isolated_dirs: Path) -> None:
    overlay(isolated_dirs, OLD_COURSE)
    assert (
        main(["catalog", "stale", "--months", "24", "--as-of", "2026-12-03", "--format", "json"])
        == 0
    )
    data = json.loads(capsys.readouterr().out)
    assert data["verified_before"] == "2024-12-03" and data["months"] == 24
    assert data["entries"] == [
        {
            "id": "course-old",
            "kind": "course",
            "title": "An old course",
            "last_verified": "2020-01-01",
            "url": "https://example.org/old-course",
            "source": "https://example.org/old-course",
        }
    ]


@pytest.mark.parametrize("args", [["--months", "-1"], ["--months", "a year"], ["--as-of", "soon"]])
def test_stale_refuses_bad_arguments(capsys: pytest.CaptureFixture[str], args: list[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["catalog", "stale", *args])
    assert exit_info.value.code == 2
    assert "mlroute catalog stale: error:" in capsys.readouterr().err


def test_catalog_command_kinds_are_the_models_kinds() -> None:
    assert tuple(sorted(KIND_FIELDS)) == KINDS


def test_registering_the_catalog_command_does_not_import_pydantic() -> None:
    code = (
        "import argparse, sys\n"
        "from mlroute.commands import catalog\n"
        "catalog.register(argparse.ArgumentParser().add_subparsers())\n"
        "print('pydantic' in sys.modules)\n"
    )
    assert printed_by(code) == "False"
