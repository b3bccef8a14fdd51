"""The import contract: no module outside `mlroute.tui` imports Textual, so the headless core
(catalog, scoring, plan, store, report, session, answers...) and the CLI's commands stay light
and usable without a terminal. The CLI imports the TUI in one place only, to launch it.

`HEADLESS` is the one list of headless modules, found by walking src/mlroute, so a new module
is under the contract from the day it is added. Each is checked twice: statically, every import
statement in it (at any depth, TYPE_CHECKING blocks included); and dynamically, by importing
them all in a fresh interpreter and seeing which, if any, brings `textual` into `sys.modules`.
`mlroute.commands.serve` is headless too: textual-serve (which does not import Textual) runs
the app in a child process, `python -m mlroute.tui`.
"""

from __future__ import annotations

import ast
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from tests.helpers import printed_by

import mlroute

SRC = Path(mlroute.__file__).resolve().parent


def module_name(path: Path) -> str:
    """The dotted name of the module at `path` under src/mlroute."""
    parts = ("mlroute", *path.relative_to(SRC).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_name(path): path for path in sorted(SRC.rglob("*.py"))}
"""Every module of the package, by dotted name."""

HEADLESS = sorted(
    name for name in MODULES if name != "mlroute.tui" and not name.startswith("mlroute.tui.")
)
"""Every module outside `mlroute.tui`: none of them may import Textual."""

LAUNCHES_TUI = {("mlroute.cli", "_run_app")}
"""The only (module, function) that may import `mlroute.tui`: the CLI starting the app."""

CORE = ("catalog", "scoring", "plan", "store", "report", "session", "answers", "search")
"""Modules the contract must cover whatever the walk finds (a guard on the walk itself)."""


def _forbidden(target: str) -> bool:
    return any(
        target == root or target.startswith(root + ".") for root in ("textual", "mlroute.tui")
    )


def forbidden_imports(source: str, module: str) -> list[str]:
    """`line: target` for each import in `source` (the module `module`) of Textual or of
    `mlroute.tui`, resolving relative imports; the launch in `LAUNCHES_TUI` is allowed."""
    package = (
        module if MODULES.get(module, Path()).name == "__init__.py" else module.rpartition(".")[0]
    )
    found: list[str] = []

    def visit(node: ast.AST, function: str | None) -> None:
        targets: list[str] = []
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, *([base] if base else [])])
            targets = [base, *(f"{base}.{alias.name}" for alias in node.names)]
        elif isinstance(node, ast.Call) and (named := _literal_import(node)) is not None:
            targets = [named]
        bad = [t for t in targets if _forbidden(t)]
        if bad and not (
            (module, function) in LAUNCHES_TUI and all(t.startswith("mlroute.tui") for t in bad)
        ):
            found.append(f"{getattr(node, 'lineno', '?')}: {bad[0]}")
        for child in ast.iter_child_nodes(node):
            inner = (
                child.name
                if isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef)
                else function
            )
            visit(child, inner)

    visit(ast.parse(source), None)
    return found


def _literal_import(node: ast.Call) -> str | None:
    """The name in `importlib.import_module("...")`, `import_module("...")` or
    `__import__("...")` when it is a literal (a computed name cannot be checked statically; the
    dynamic check sees what it imports)."""
    func = node.func
    name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
    if name not in ("import_module", "__import__") or not node.args:
        return None
    first = node.args[0]
    return first.value if isinstance(first, ast.Constant) and isinstance(first.value, str) else None


PROBE = textwrap.dedent(
    """
    import importlib, sys, traceback

    class Watch:
        # Records who first asks for textual; finds nothing itself.
        chain = None
        def find_spec(self, name, path=None, target=None):
            if name == "textual" and Watch.chain is None:
                ours = [f for f in traceback.extract_stack() if "mlroute" in f.filename]
                Watch.chain = [f"{f.filename}:{f.lineno}" for f in ours]
            return None

    sys.meta_path.insert(0, Watch())
    for name in sys.argv[1:]:
        importlib.import_module(name)
        if "textual" in sys.modules:
            print(name, "imports textual, through", " <- ".join(reversed(Watch.chain or [])))
            raise SystemExit(1)
    print("clean", len(sys.argv) - 1)
    """
)
"""Imports each module named on the command line in turn; stops at the first after which
`textual` is loaded (that module, directly or through its imports, brought it in)."""


def test_the_headless_list_is_everything_outside_the_tui() -> None:
    assert {f"mlroute.{name}" for name in CORE} <= set(HEADLESS)
    assert "mlroute.cli" in HEADLESS and "mlroute.commands.serve" in HEADLESS
    tui = {name for name in MODULES if name not in HEADLESS}
    assert "mlroute.tui.app" in tui and all(name.startswith("mlroute.tui") for name in tui)


@pytest.mark.parametrize("module", HEADLESS)
def test_no_import_statement_of_a_headless_module_names_textual(module: str) -> None:
    assert forbidden_imports(MODULES[module].read_text(encoding="utf-8"), module) == []


def test_importing_every_headless_module_leaves_textual_unloaded() -> None:
    # __main__ modules run the CLI when imported; the static check covers them.
    importable = [name for name in HEADLESS if not name.endswith("__main__")]
    result = subprocess.run(
        [sys.executable, "-c", PROBE, *importable],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.strip() == f"clean {len(importable)}"


def test_headless_command_runs_without_textual() -> None:
    code = (
        "import sys, contextlib, io\n"
        "from mlroute.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    main(['catalog', 'list'])\n"
        "print('textual' in sys.modules)\n"
    )
    assert printed_by(code) == "False"


@pytest.mark.parametrize(
    ("source", "module", "expected"),
    [
        ("import textual", "mlroute.plan", ["1: textual"]),
        ("from textual.widgets import Static", "mlroute.plan", ["1: textual.widgets"]),
        ("from textual import on", "mlroute.plan", ["1: textual"]),
        ("def f():\n    import textual.app\n", "mlroute.report", ["2: textual.app"]),
        (
            "from typing import TYPE_CHECKING\n"
            "if TYPE_CHECKING:\n    from textual.app import App\n",
            "mlroute.session",
            ["3: textual.app"],
        ),
        ("from .tui.app import run_app", "mlroute.session", ["1: mlroute.tui.app"]),
        ("from ..tui import app", "mlroute.store.disk", ["1: mlroute.tui"]),
        ("from mlroute import tui", "mlroute.plan", ["1: mlroute.tui"]),
        ("import importlib\nimportlib.import_module('textual')", "mlroute.plan", ["2: textual"]),
        ("def _run_app():\n    from mlroute.tui.app import run_app\n", "mlroute.cli", []),
        (
            "def other():\n    from mlroute.tui.app import run_app\n",
            "mlroute.cli",
            ["2: mlroute.tui.app"],
        ),
        ("def _run_app():\n    import textual\n", "mlroute.cli", ["2: textual"]),
        ("from textual_serve.server import Server", "mlroute.commands.serve", []),
        ("from .scoring import score", "mlroute.plan", []),
        ("from . import paths", "mlroute.commands.serve", []),
    ],
)
def test_the_static_check_finds_textual_imports(
    source: str, module: str, expected: list[str]
) -> None:
    assert forbidden_imports(source, module) == expected
