"""One writer: `mlroute.atomic.write_atomic` writes every file, and nothing else in the app does."""

from __future__ import annotations

import ast
import errno
import os
import stat
from pathlib import Path

import pytest

from mlroute import atomic
from mlroute.atomic import NEW_FILE_MODE, write_atomic

SOURCE = Path(atomic.__file__).parent

WRITER = "atomic.py"
"""The writer itself, which alone may open for writing, fsync and rename over a file."""

ALLOWED = {
    # A hard link gives the file being replaced a second name as the backup, so the backup
    # costs no copy; no bytes are written, and the link is renamed into place by the writer's
    # own `_replace` step.
    ("store/files.py", "_keep_backup", "os.link"),
    # Moving a damaged file aside: a new name for the same bytes that must never overwrite
    # anything, which `os.replace` would; a link then an unlink, or a rename where there are
    # no hard links (and only after checking that the target does not exist).
    ("store/files.py", "_move_aside", "os.link"),
    ("store/files.py", "_move_aside", "os.rename"),
}
"""(file under src/mlroute, enclosing function, call): the only other disk changes, and why."""

OS_CALLS = {"replace", "rename", "renames", "link", "symlink", "write", "fdopen", "truncate"}
PATH_METHODS = {"write_text", "write_bytes", "touch", "rename", "hardlink_to", "symlink_to"}
WRITE_FLAGS = {"O_WRONLY", "O_RDWR", "O_CREAT", "O_APPEND", "O_TRUNC"}
MODULES = {"shutil", "tempfile"}
"""Modules any use of which writes files (copies, moves, temp files)."""


def _writing_mode(call: ast.Call, position: int, *, strict: bool) -> bool:
    """Whether an `open` call's mode (argument `position`, or `mode=`) writes. A mode worked
    out at run time counts as writing if `strict` (the builtin `open`); a method's is taken
    as writing only when it is a literal (`webbrowser.open(url)` is no file)."""
    mode: ast.expr | None = call.args[position] if len(call.args) > position else None
    for keyword in call.keywords:
        if keyword.arg == "mode":
            mode, strict = keyword.value, True
    if mode is None:
        return False
    if not isinstance(mode, ast.Constant) or not isinstance(mode.value, str):
        return strict
    return any(letter in mode.value for letter in "wax+")


def _writes(call: ast.Call) -> str | None:
    """The call as written (`os.replace`, `.write_text`, `open`) if it writes to disk."""
    func = call.func
    if isinstance(func, ast.Name):
        if func.id == "open" and _writing_mode(call, 1, strict=True):
            return "open"
        return None
    if not isinstance(func, ast.Attribute):
        return None
    owner = func.value.id if isinstance(func.value, ast.Name) else None
    if owner == "os":
        if func.attr in OS_CALLS:
            return f"os.{func.attr}"
        names = {node.attr for node in ast.walk(call) if isinstance(node, ast.Attribute)}
        if func.attr == "open" and names & WRITE_FLAGS:
            return "os.open"
        return None
    if owner in MODULES:
        return f"{owner}.{func.attr}"
    if func.attr in PATH_METHODS:
        return f".{func.attr}"
    if func.attr == "open" and _writing_mode(call, 0, strict=False):
        return ".open"
    # `Path.replace(target)` takes one argument; `str.replace(old, new)` takes two or three.
    if func.attr == "replace" and len(call.args) == 1 and not call.keywords:
        return ".replace"
    if func.attr in {"save_screenshot", "export_screenshot_to"}:
        return f".{func.attr}"
    return None


def disk_changes(tree: ast.Module) -> list[tuple[str, str, int]]:
    """(enclosing function, call, line) of every call in `tree` that writes to disk, and of
    every import of a name that would (`from os import replace`, `import shutil`)."""
    found: list[tuple[str, str, int]] = []

    def visit(node: ast.AST, function: str) -> None:
        for child in ast.iter_child_nodes(node):
            inner = function
            if isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef):
                inner = child.name
            if isinstance(child, ast.Call) and (what := _writes(child)):
                found.append((inner, what, child.lineno))
            if isinstance(child, ast.Import):
                for alias in child.names:
                    if alias.name in MODULES:
                        found.append((inner, f"import {alias.name}", child.lineno))
            if isinstance(child, ast.ImportFrom) and child.module in MODULES | {"os"}:
                for alias in child.names:
                    if child.module in MODULES or alias.name in OS_CALLS | {"open"}:
                        found.append((inner, f"from {child.module} import", child.lineno))
            visit(child, inner)

    visit(tree, "<module>")
    return found


def test_no_module_but_the_writer_writes_a_file() -> None:
    offenders = []
    allowed_seen = set()
    for path in sorted(SOURCE.rglob("*.py")):
        name = path.relative_to(SOURCE).as_posix()
        if name == WRITER:
            continue
        for function, call, line in disk_changes(ast.parse(path.read_text(), str(path))):
            if (name, function, call) in ALLOWED:
                allowed_seen.add((name, function, call))
            else:
                offenders.append(f"src/mlroute/{name}:{line} {call} in {function}")
    assert offenders == [], "write files through mlroute.atomic.write_atomic"
    assert allowed_seen == ALLOWED, "an allowed call is gone: take it off the list"


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("p.write_text('x')", ".write_text"),
        ("p.open('w')", ".open"),
        ("p.open(mode='ab')", ".open"),
        ("open(p, 'w')", "open"),
        ("open(p, mode)", "open"),
        ("os.replace(a, b)", "os.replace"),
        ("os.open(p, os.O_WRONLY | os.O_CREAT)", "os.open"),
        ("tempfile.mkstemp()", "tempfile.mkstemp"),
        ("shutil.copy(a, b)", "shutil.copy"),
        ("p.replace(q)", ".replace"),
        ("import shutil", "import shutil"),
        ("from os import replace", "from os import"),
    ],
)
def test_the_check_sees_each_way_of_writing(code: str, expected: str) -> None:
    assert [call for _, call, _ in disk_changes(ast.parse(code))] == [expected]


@pytest.mark.parametrize(
    "code",
    [
        "open(p)",
        "p.open('rb')",
        "s.replace('a', 'b')",
        "os.open(p, os.O_RDONLY)",
        "webbrowser.open(url)",
        "sys.stdout.write(s)",
    ],
)
def test_the_check_lets_reading_be(code: str) -> None:
    assert disk_changes(ast.parse(code)) == []


# The writer ---------------------------------------------------------------------------------


def test_a_new_file_is_private_and_a_replaced_one_keeps_its_mode(tmp_path: Path) -> None:
    new = tmp_path / "new.toml"
    write_atomic(new, b"a")
    assert stat.S_IMODE(new.stat().st_mode) == NEW_FILE_MODE & ~_umask()
    shared = tmp_path / "shared.md"
    shared.write_bytes(b"old")
    shared.chmod(0o644)
    write_atomic(shared, b"new")
    assert (shared.read_bytes(), stat.S_IMODE(shared.stat().st_mode)) == (b"new", 0o644)


def test_before_replace_runs_with_the_old_file_still_in_place(tmp_path: Path) -> None:
    path = tmp_path / "file"
    write_atomic(path, b"old")
    seen: list[bytes] = []
    write_atomic(path, b"new", before_replace=lambda: seen.append(path.read_bytes()))
    assert (seen, path.read_bytes()) == ([b"old"], b"new")


def test_a_failing_before_replace_leaves_the_old_file_and_no_temp(tmp_path: Path) -> None:
    path = tmp_path / "file"
    write_atomic(path, b"old")

    def no_room() -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    with pytest.raises(OSError, match="No space"):
        write_atomic(path, b"new", before_replace=no_room)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["file"]
    assert path.read_bytes() == b"old"


def test_a_failing_write_removes_the_temp_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "file"

    def full(fd: int, data: bytes) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(atomic, "_write", full)
    with pytest.raises(OSError, match="No space"):
        write_atomic(path, b"new")
    assert list(tmp_path.iterdir()) == []


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
