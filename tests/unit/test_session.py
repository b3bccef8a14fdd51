"""The session the TUI works on: loading, notices, saving and reporting failures."""

from __future__ import annotations

import errno
from datetime import date
from pathlib import Path

import pytest

from mlroute import store as store_module
from mlroute.answers import flat, load_answers
from mlroute.catalog import load_catalog
from mlroute.report import decision_report
from mlroute.scoring import score
from mlroute.session import load_session, read_answers_file, write_answers_file
from mlroute.store import set_status

ANSWERS = Path(__file__).resolve().parents[1] / "fixtures" / "answers"


def test_a_fresh_session_has_nothing_to_say(isolated_dirs: Path) -> None:
    session = load_session()
    assert session.messages == ()
    assert session.saved_answers() == {}
    assert session.answers() is None
    bundled = load_catalog(use_overlay=False, use_cache=False).catalog
    assert [p.id for p in session.catalog.programs] == [p.id for p in bundled.programs]


def test_answers_are_saved_and_read_back(isolated_dirs: Path) -> None:
    engineer = flat(load_answers(ANSWERS / "engineer-courses.toml"))
    session = load_session()
    session.stage_answers(dict(engineer))
    assert session.flush() is None
    again = load_session()
    assert again.saved_answers() == engineer
    answers = again.answers()
    assert answers is not None and answers.budget_usd == engineer["budget_usd"]


def test_a_corrupt_progress_file_is_moved_aside_and_said(isolated_dirs: Path) -> None:
    progress = isolated_dirs / "data" / "progress.toml"
    progress.parent.mkdir(parents=True)
    progress.write_bytes(b"schema_version = 1\nitems = \x00\n")
    session = load_session()
    (notice,) = session.messages
    assert notice.severity == "warning"
    assert "progress.toml.corrupt-" in notice.text
    assert list(progress.parent.glob("progress.toml.corrupt-*"))


def test_a_bad_overlay_is_said_and_ignored(isolated_dirs: Path) -> None:
    overlay = isolated_dirs / "config" / "catalog.toml"
    overlay.parent.mkdir(parents=True)
    overlay.write_text("[[courses]]\nid = 1\n")
    session = load_session()
    (notice,) = session.messages
    assert notice.title == "Your overlay catalog was not used"
    assert f"{overlay}:1: courses.0" in notice.text


def test_a_failed_save_keeps_the_change_and_says_so(
    isolated_dirs: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    session = load_session()

    def full_disk(*args: object, **kwargs: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    session.set_status("course-ml-regression", "done")
    with monkeypatch.context() as patch:
        patch.setattr(store_module, "write_atomic", full_disk)
        problem = session.flush()
    assert problem is not None and "disk is full" in problem and "in memory" in problem
    assert session.unsaved == problem
    assert session.status_of("course-ml-regression") == "done"
    assert session.flush() is None
    assert session.unsaved is None
    assert load_session().status_of("course-ml-regression") == "done"


def test_add_to_plan_takes_only_courses(isolated_dirs: Path) -> None:
    session = load_session()
    assert session.add_to_plan("gatech-omscs") is not None
    assert session.add_to_plan("course-ml-regression") is None
    assert session.flush() is None
    item = session.progress.custom_items["course-ml-regression"]
    assert item.stage == "stage-supervised"


def test_update_is_in_memory_until_flushed(isolated_dirs: Path) -> None:
    session = load_session()
    session.update(lambda p: set_status(p, "course-ml-regression", "in-progress"))
    assert load_session().status_of("course-ml-regression") is None
    assert session.flush() is None
    assert load_session().status_of("course-ml-regression") == "in-progress"


def test_answers_files_round_trip_and_refuse_incomplete(tmp_path: Path) -> None:
    engineer = flat(load_answers(ANSWERS / "engineer-courses.toml"))
    target = tmp_path / "answers.toml"
    assert write_answers_file(target, {"goal": "research"}) is not None
    assert not target.exists()
    assert write_answers_file(target, engineer) is None
    assert read_answers_file(target) == (engineer, None)
    target.write_text("goal = 3\n")
    answers, problem = read_answers_file(target)
    assert answers == {}
    assert problem is not None and f"{target}:1: " in problem


def test_decision_report_lists_verdict_factors_programs_and_sources(
    isolated_dirs: Path,
) -> None:
    session = load_session()
    answers = load_answers(ANSWERS / "defense-degree.toml")
    rec = score(answers, session.catalog, session.weights)
    text = decision_report(flat(answers), rec, session.catalog, date(2026, 11, 25))
    assert text.startswith("# mlroute decision report\n\nMade on 2026-11-25")
    assert f"**{rec.verdict}**" in text
    for heading in (
        "## The factors",
        "## Programs, best first",
        "## Plan outline",
        "## Your answers",
        "## Assumptions and sources",
    ):
        assert heading in text
    for program in session.catalog.programs:
        assert f"last verified {program.last_verified.isoformat()}." in text
    assert "| Do your target employers filter applicants on a graduate degree? |" in text


def test_saved_answers_a_question_does_not_allow_are_asked_again(isolated_dirs: Path) -> None:
    """A hand-edited or outdated progress file must not crash the advisor."""
    engineer = flat(load_answers(ANSWERS / "engineer-courses.toml"))
    session = load_session()
    session.stage_answers({**engineer, "goal": "astronaut"})
    assert session.flush() is None
    data = session.progress.answers
    assert data["goal"] == "astronaut"
    again = load_session()
    saved = again.saved_answers()
    assert "goal" not in saved
    assert saved["budget_usd"] == engineer["budget_usd"]
    assert again.answers() is None  # incomplete now: the questionnaire asks for the goal


def test_unknown_saved_answer_keys_are_ignored(isolated_dirs: Path) -> None:
    from mlroute.questions import flatten

    assert flatten({"foundations": {"python": 2, "old_name": 1}, "legacy": "x"}) == {
        "foundations.python": 2
    }
