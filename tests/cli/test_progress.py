"""`mlroute progress`, as a person or a script would call it, on the small test catalog."""

from __future__ import annotations

import errno
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from mlroute import store
from mlroute.answers import example_answers, flat
from mlroute.catalog import loader
from mlroute.cli import main
from mlroute.questions import nest
from mlroute.store import ProgressStore

FIXTURES = Path(__file__).parents[1] / "fixtures"
MINI = FIXTURES / "mini_catalog.toml"


@pytest.fixture(autouse=True)
def _isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("DATA", "CONFIG", "CACHE"):
        monkeypatch.setenv(f"MLROUTE_{name}_DIR", str(tmp_path / name.lower()))
    monkeypatch.setattr(loader, "bundled_path", lambda: MINI)


@pytest.fixture
def progress_file(tmp_path: Path) -> Path:
    return tmp_path / "data" / "progress.toml"


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    status = main(["progress", *args])
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def test_path_prints_the_file_in_the_data_dir(
    capsys: pytest.CaptureFixture[str], progress_file: Path
) -> None:
    assert run(capsys, "path") == (0, f"{progress_file}\n", "")
    assert not progress_file.parent.exists()


def test_tick_untick_and_set_with_a_note(
    capsys: pytest.CaptureFixture[str], progress_file: Path
) -> None:
    assert run(capsys, "tick", "course-a")[:2] == (0, "course-a: done (was todo)\n")
    assert run(capsys, "tick", "course-a")[1] == "course-a is already done; nothing changed.\n"
    status, out, _ = run(capsys, "set", "project-x.data", "in-progress", "--note", "found it")
    assert (status, out) == (0, "project-x.data: in-progress (was todo) - note saved\n")
    assert run(capsys, "untick", "course-a")[1] == "course-a: todo (was done)\n"
    progress = ProgressStore(progress_file).load().progress
    assert progress.status("course-a") == "todo"
    assert progress.items["project-x.data"].note == "found it"


def test_a_note_over_the_limit_is_refused_whole_and_nothing_is_saved(
    capsys: pytest.CaptureFixture[str], progress_file: Path
) -> None:
    """The same limit as the Plan screen's note dialog: refused with its length, never cut."""
    from mlroute.limits import NOTE_MAX

    assert run(capsys, "set", "course-a", "in-progress", "--note", "short")[0] == 0
    status, out, err = run(capsys, "set", "course-a", "done", "--note", "x" * (NOTE_MAX + 1))
    assert status == 2 and out == ""
    assert f"{NOTE_MAX + 1:,} characters, over the {NOTE_MAX:,}" in err
    item = ProgressStore(progress_file).load().progress.items["course-a"]
    assert (item.status, item.note) == ("in-progress", "short")
    assert run(capsys, "set", "course-a", "done", "--note", "y" * NOTE_MAX)[0] == 0


def planned(progress_file: Path, **levels: int) -> None:
    """A progress file with the course path chosen and the example answers, whose foundations
    are `levels` (the default leaves linear algebra a gap, so course-a is in the plan, and
    calculus, which the small catalog has no course for)."""
    answers = nest(flat(example_answers()))
    answers.pop("schema_version")
    foundations = dict(answers["foundations"])  # type: ignore[call-overload]
    answers["foundations"] = {**foundations, "linear_algebra": 0, **levels}
    progress_store = ProgressStore(progress_file)
    progress_store.load()
    progress_store.save(store.choose(store.set_answers(store.Progress(), answers), "courses"))


def test_show_without_a_plan_says_why_and_lists_tracked_items(
    capsys: pytest.CaptureFixture[str],
) -> None:
    run(capsys, "tick", "course-a")
    status, out, err = run(capsys, "show")
    assert (status, err) == (0, "")
    assert "No plan yet: no path is chosen" in out
    assert any(line.split()[:2] == ["course-a", "done"] for line in out.splitlines())


def test_show_names_a_saved_answer_out_of_range(
    capsys: pytest.CaptureFixture[str], progress_file: Path
) -> None:
    planned(progress_file)
    progress_store = ProgressStore(progress_file)
    progress = progress_store.load().progress
    progress_store.save(store.set_answer(progress, "hours_per_week", 100))
    _, out, _ = run(capsys, "show")
    assert "a saved answer is not one the questionnaire allows" in out
    assert "hours_per_week: must be at most 80" in out


def test_show_counts_each_stage_and_overall(
    capsys: pytest.CaptureFixture[str], progress_file: Path
) -> None:
    planned(progress_file)
    run(capsys, "tick", "course-a")
    run(capsys, "tick", "project-x.data")
    run(capsys, "set", "course-b", "skipped")
    status, out, err = run(capsys, "show")
    assert (status, err) == (0, "")
    lines = out.splitlines()
    # Six items in stage one, as the Plan screen counts them: course-a and the linear algebra
    # checkpoint, the calculus checkpoint (no course for it), course-b, two milestones. The
    # skipped one is not counted.
    assert [line[:26] for line in lines if line.startswith("1. ")] == ["1. Stage one    2/5    40%"]
    assert any(line.startswith("Overall         2/5    40%") for line in lines)
    assert any(line.startswith("2 of 5 done (40%)") for line in lines)
    assert any(line.split()[:2] == ["course-b", "skipped"] for line in lines)


def test_show_json_lists_every_tracked_item(
    capsys: pytest.CaptureFixture[str], progress_file: Path
) -> None:
    planned(progress_file)
    run(capsys, "set", "course-a", "done", "--note", "tough")
    progress_file.write_text(
        progress_file.read_text().replace("[items]\n", '[items]\ngone = { status = "done" }\n')
    )
    status, out, _ = run(capsys, "show", "--format", "json")
    data = json.loads(out)
    assert status == 0
    assert data["file"] == str(progress_file)
    first = data["items"][0]
    assert {k: first[k] for k in ("id", "status", "note", "known")} == {
        "id": "course-a",
        "status": "done",
        "note": "tough",
        "known": True,
    }
    assert first["changed"].startswith(str(store.now().date()))
    assert data["items"][1] == {
        "id": "gone",
        "status": "done",
        "changed": None,
        "note": "",
        "title": None,
        "known": False,
    }
    assert data["unknown_ids"] == ["gone"]
    stage = data["stages"][0]
    assert {k: stage[k] for k in ("id", "order", "title", "done", "total", "percent")} == {
        "id": "stage-one",
        "order": 1,
        "title": "Stage one",
        "done": 1,
        "total": 6,
        "percent": 17,
    }
    assert stage["items"][:3] == ["course-a", "linear_algebra", "calculus"]
    assert data["overall"] == {
        "done": 1,
        "total": 6,
        "percent": 17,
        "hours_done": 15.0,
        "hours_left": 45.0,
    }
    assert data["finish"] and data["pace"] == "10 h/week (your planned pace)"


def test_choose_picks_an_option_for_a_slot_and_keeps_progress(
    capsys: pytest.CaptureFixture[str], progress_file: Path
) -> None:
    planned(progress_file)
    status, _, err = run(capsys, "choose", "linear_algebr")
    assert status == 2 and "unknown slot 'linear_algebr'; did you mean: linear_algebra?" in err
    status, out, err = run(capsys, "choose", "linear_algebra", "course-b")
    assert status == 2 and "not an option for linear_algebra; its options: course-a" in err
    status, out, _ = run(capsys, "choose", "linear_algebra", "course-a")
    assert (status, out) == (0, "linear_algebra: course-a. Progress on every option is kept.\n")
    assert run(capsys, "choose", "linear_algebra", "course-a")[1] == (
        "linear_algebra: nothing changed.\n"
    )
    progress = ProgressStore(progress_file).load().progress
    assert progress.slots == {"linear_algebra": "course-a"}
    status, out, _ = run(capsys, "choose", "linear_algebra")
    assert "your choice (course-a) is forgotten" in out


def test_an_id_the_catalog_dropped_is_kept_and_shown(
    capsys: pytest.CaptureFixture[str], progress_file: Path
) -> None:
    progress_file.parent.mkdir(parents=True)
    shutil.copy(FIXTURES / "progress" / "current.toml", progress_file)
    out = run(capsys, "show")[1]
    assert "retired-course" in out and "(not in the catalog; kept)" in out
    run(capsys, "tick", "course-b")
    assert "retired-course" in ProgressStore(progress_file).load().progress.items


def test_an_unknown_id_lists_close_matches_and_exits_2(
    capsys: pytest.CaptureFixture[str], progress_file: Path
) -> None:
    status, out, err = run(capsys, "tick", "cours-a")
    assert (status, out) == (2, "")
    assert "unknown id 'cours-a'; did you mean: course-a, course-b?" in err
    assert "did you mean: project-x.data" in run(capsys, "set", "project-x.dat", "done")[2]
    assert "mlroute catalog list" in run(capsys, "tick", "zzz")[2]
    assert not progress_file.exists()


def test_undo_and_redo_work_across_runs(
    capsys: pytest.CaptureFixture[str], progress_file: Path
) -> None:
    run(capsys, "tick", "course-a")
    run(capsys, "set", "course-b", "in-progress")
    assert run(capsys, "undo")[:2] == (0, "Undone: course-b: in-progress\n")
    assert run(capsys, "undo")[:2] == (0, "Undone: course-a: done\n")
    assert run(capsys, "undo") == (1, "", "mlroute progress: nothing to undo\n")
    assert run(capsys, "redo")[:2] == (0, "Redone: course-a: done\n")
    progress = ProgressStore(progress_file).load().progress
    assert (progress.status("course-a"), progress.status("course-b")) == ("done", "todo")


def test_undo_in_a_new_process(capsys: pytest.CaptureFixture[str], progress_file: Path) -> None:
    run(capsys, "tick", "course-a")
    env = {**os.environ, "MLROUTE_DATA_DIR": str(progress_file.parent)}
    done = subprocess.run(
        [sys.executable, "-m", "mlroute", "progress", "undo"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert (done.returncode, done.stdout) == (0, "Undone: course-a: done\n")
    assert ProgressStore(progress_file).load().progress.status("course-a") == "todo"


def test_export_and_import(
    capsys: pytest.CaptureFixture[str], progress_file: Path, tmp_path: Path
) -> None:
    run(capsys, "tick", "course-a")
    backup = tmp_path / "backup.toml"
    assert run(capsys, "export", str(backup))[:2] == (
        0,
        f"Exported 1 tracked item to {backup}\n",
    )
    run(capsys, "tick", "course-b")
    status, out, _ = run(capsys, "import", str(backup))
    assert status == 0
    assert f"Imported {backup} (1 tracked item)." in out
    assert "progress.toml.pre-import-" in out and "undo" in out
    assert set(ProgressStore(progress_file).load().progress.items) == {"course-a"}
    run(capsys, "undo")
    assert set(ProgressStore(progress_file).load().progress.items) == {"course-a", "course-b"}


def test_an_invalid_import_is_located_and_changes_nothing(
    capsys: pytest.CaptureFixture[str], progress_file: Path
) -> None:
    run(capsys, "tick", "course-a")
    before = progress_file.read_bytes()
    bad = FIXTURES / "progress" / "invalid-wrong-types.toml"
    status, out, err = run(capsys, "import", str(bad))
    assert (status, out) == (2, "")
    assert f"{bad}:5: items.course-a.status:" in err
    assert progress_file.read_bytes() == before
    assert sorted(p.name for p in progress_file.parent.iterdir() if "import" in p.name) == []


def test_a_newer_file_is_refused_and_left_alone(
    capsys: pytest.CaptureFixture[str], progress_file: Path
) -> None:
    progress_file.parent.mkdir(parents=True)
    shutil.copy(FIXTURES / "progress" / "newer.toml", progress_file)
    before = progress_file.read_bytes()
    for args in (("show",), ("tick", "course-a"), ("undo",)):
        status, out, err = run(capsys, *args)
        assert (status, out) == (1, "")
        assert "newer mlroute" in err and str(progress_file) in err
    assert progress_file.read_bytes() == before


def test_a_corrupt_file_is_moved_aside_and_the_command_goes_on(
    capsys: pytest.CaptureFixture[str], progress_file: Path
) -> None:
    run(capsys, "tick", "course-a")
    run(capsys, "tick", "course-b")
    progress_file.write_bytes(b"\x00\xff")
    status, out, err = run(capsys, "show")
    assert status == 0
    assert "progress.toml.corrupt-" in err and "progress.toml.bak" in err
    assert "course-a" in out and "course-b" not in out  # as of the backup


def test_a_failed_save_says_so_and_exits_1(
    capsys: pytest.CaptureFixture[str], progress_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def full(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(store, "_fsync", full)
    status, out, err = run(capsys, "tick", "course-a")
    assert (status, out) == (1, "")
    assert f"cannot save {progress_file}: the disk is full" in err
    assert "kept in memory" in err
    assert not progress_file.exists()
