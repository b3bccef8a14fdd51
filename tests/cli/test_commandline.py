"""The command line as a good citizen: no app without a terminal, a light parser for --version
and --help, `mlroute paths`, and completion generated from the parser."""

from __future__ import annotations

import json
import os
import pty
import subprocess
import sys
from pathlib import Path

import pytest

from mlroute import cli
from mlroute.cli import COMMANDS, SUMMARIES, build_parser, main
from tests.helpers import printed_by


def test_building_the_parser_imports_no_command_or_pydantic() -> None:
    """--version and --help build this parser: it must not wait for pydantic or the catalog."""
    probe = (
        "import sys\n"
        "from mlroute.cli import build_parser\n"
        "build_parser()\n"
        "heavy = sorted(m for m in sys.modules if m.split('.')[0] in {'pydantic', 'textual'}\n"
        "    or m.startswith(('mlroute.commands', 'mlroute.catalog', 'mlroute.store')))\n"
        "print(heavy)\n"
    )
    assert printed_by(probe) == "[]"


def test_version_and_help_answer_without_pydantic() -> None:
    probe = (
        "import sys, contextlib, io\n"
        "from mlroute.cli import main\n"
        "for flag in ('--version', '--help'):\n"
        "    with contextlib.suppress(SystemExit), contextlib.redirect_stdout(io.StringIO()):\n"
        "        main([flag])\n"
        "catalog = any(m.startswith('mlroute.catalog') for m in sys.modules)\n"
        "print('pydantic' in sys.modules, catalog)"
    )
    assert printed_by(probe) == "False False"


def test_the_light_summaries_are_what_each_command_registers() -> None:
    """`--help` lists SUMMARIES; each must be its module's own help line, or they drift."""
    full = build_parser(full=True)
    subparsers = next(a for a in full._actions if a.dest == "command")
    registered = {
        action.dest: action.help
        for action in subparsers._choices_actions  # type: ignore[attr-defined]
    }
    assert set(registered) == set(COMMANDS)
    for name, summary in SUMMARIES.items():
        if name in registered:
            assert registered[name] == summary, name


def test_help_lists_every_command(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as done:
        main(["--help"])
    assert done.value.code == 0
    listed = capsys.readouterr().out
    for name in COMMANDS:
        assert name in listed


def test_a_command_is_registered_in_full_when_run(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["paths", "--help"])
    assert "--format" in capsys.readouterr().out


def _no_terminal(**kwargs: object) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "mlroute"], capture_output=True, text=True, timeout=60, **kwargs
    )  # type: ignore[call-overload]


def test_no_command_into_a_pipe_prints_a_hint_and_exits_2() -> None:
    result = _no_terminal(stdin=subprocess.DEVNULL)
    assert result.returncode == 2
    assert result.stdout == ""  # nothing drawn, no escape codes
    assert "mlroute ask" in result.stderr and "mlroute advise --help" in result.stderr


def test_no_command_with_output_redirected_from_a_terminal_exits_2() -> None:
    """`mlroute >file` in a terminal: stdin is a tty, stdout is not."""
    leader, follower = pty.openpty()
    try:
        result = subprocess.run(
            [sys.executable, "-m", "mlroute"],
            stdin=follower,
            capture_output=True,
            text=True,
            timeout=60,
        )
    finally:
        os.close(leader)
        os.close(follower)
    assert result.returncode == 2
    assert "output is not a terminal" in result.stderr
    assert "\x1b" not in result.stdout


def test_dumb_terminal_gets_the_hint_not_the_app() -> None:
    """In a real pty, but with TERM=dumb: the hint, never the full-screen app."""
    leader, follower = pty.openpty()
    env = {**os.environ, "TERM": "dumb"}
    try:
        process = subprocess.Popen(
            [sys.executable, "-m", "mlroute"],
            stdin=follower,
            stdout=follower,
            stderr=follower,
            env=env,
        )
        status = process.wait(timeout=60)
        os.close(follower)
        seen = _read_all(leader)
    finally:
        os.close(leader)
    assert status == 2
    assert "TERM is dumb" in seen and "mlroute ask" in seen
    assert "\x1b[" not in seen  # no escape sequences at all


def _read_all(fd: int) -> str:
    chunks = []
    while True:
        try:
            chunk = os.read(fd, 4096)
        except OSError:  # EIO: the other side is closed
            break
        if not chunk:
            break
        chunks.append(chunk)
    return b"".join(chunks).decode()


def test_terminal_problem_names_each_case(monkeypatch: pytest.MonkeyPatch) -> None:
    class Tty:
        def __init__(self, tty: bool) -> None:
            self.tty = tty

        def isatty(self) -> bool:
            return self.tty

    monkeypatch.setattr(sys, "stdin", Tty(True))
    monkeypatch.setattr(sys, "stdout", Tty(True))
    monkeypatch.setenv("TERM", "xterm-256color")
    assert cli.terminal_problem() is None
    monkeypatch.setenv("TERM", "dumb")
    assert cli.terminal_problem() == "TERM is dumb"
    monkeypatch.setattr(sys, "stdin", Tty(False))
    assert cli.terminal_problem() == "input is not a terminal"


# mlroute paths -------------------------------------------------------------------------------


def test_paths_lists_each_directory_and_its_files(
    capsys: pytest.CaptureFixture[str], isolated_dirs: Path
) -> None:
    (isolated_dirs / "data").mkdir(parents=True)
    (isolated_dirs / "data" / "progress.toml").write_text("schema_version = 1\n")
    assert main(["paths"]) == 0
    text = capsys.readouterr().out
    assert f"data: {isolated_dirs / 'data'}" in text
    assert "progress.toml  (19 bytes)" in text
    assert f"config: {isolated_dirs / 'config'}  (not there yet" in text
    assert main(["paths", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert set(data) == {"data", "config", "cache"}
    assert data["data"]["files"] == [{"name": "progress.toml", "bytes": 19}]
    assert data["config"] == {"path": str(isolated_dirs / "config"), "exists": False, "files": []}


# mlroute completion --------------------------------------------------------------------------


@pytest.mark.parametrize("shell", ["bash", "zsh"])
def test_completion_comes_from_the_full_parser(
    shell: str, capsys: pytest.CaptureFixture[str]
) -> None:
    pytest.importorskip("shtab")
    assert main(["completion", shell]) == 0
    script = capsys.readouterr().out
    for word in ("advise", "catalog", "--answers", "--format"):
        assert word in script


def test_completion_without_shtab_says_how_to_get_it(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "shtab", None)  # import shtab -> ImportError
    assert main(["completion", "bash"]) == 2
    assert "pip install" in capsys.readouterr().err


# Packaging metadata --------------------------------------------------------------------------


def test_the_project_metadata_is_complete() -> None:
    import tomllib

    trove = pytest.importorskip("trove_classifiers")  # hatchling's own dependency
    root = Path(__file__).resolve().parents[2]
    project = tomllib.loads((root / "pyproject.toml").read_text())["project"]
    assert project["authors"] and project["keywords"]
    assert "Programming Language :: Python :: 3.11" in project["classifiers"]
    assert [c for c in project["classifiers"] if c not in trove.classifiers] == []
    assert any(r.startswith("shtab") for r in project["optional-dependencies"]["completion"])
