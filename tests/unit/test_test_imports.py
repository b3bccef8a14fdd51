"""No test module imports from another: shared helpers live in a conftest or a helpers module.

Importing a test module from another runs its collection-time code twice under two names, ties
one file's tests to another's internals, and makes deleting or renaming a test break others.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

TESTS = Path(__file__).resolve().parents[1]


def is_test_module(dotted: str) -> bool:
    """Whether `dotted` names a module pytest collects (test_*.py or *_test.py)."""
    last = dotted.rsplit(".", 1)[-1]
    return last.startswith("test_") or last.endswith("_test")


def imports_of_tests(source: str) -> list[str]:
    """The test modules `source` imports, as written (`.test_x`, `tests.tui.test_x`), in order.

    A relative import, or one from the `tests` package, that names a test module either as its
    source (`from .test_x import f`) or as an imported name (`from . import test_x`) counts, as
    does `import tests.tui.test_x` or a bare `import test_x`.
    """
    found: list[str] = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found += [alias.name for alias in node.names if is_test_module(alias.name)]
        elif isinstance(node, ast.ImportFrom):
            written = "." * node.level + (node.module or "")
            ours = node.level > 0 or written.split(".")[0] == "tests"
            if node.module and is_test_module(node.module) and (ours or "." not in node.module):
                found.append(written)
            elif ours:
                found += [
                    f"{written}{'' if written.endswith('.') else '.'}{alias.name}"
                    for alias in node.names
                    if is_test_module(alias.name)
                ]
    return found


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("from .test_catalog_screen import ready", [".test_catalog_screen"]),
        ("from tests.tui.test_plan_screen import TODAY", ["tests.tui.test_plan_screen"]),
        ("from ..tui.test_faq_screen import follow", ["..tui.test_faq_screen"]),
        ("from . import test_plan_screen", [".test_plan_screen"]),
        ("from tests.tui import test_plan_swap", ["tests.tui.test_plan_swap"]),
        ("import tests.cli.test_screenshots", ["tests.cli.test_screenshots"]),
        ("import test_store", ["test_store"]),
        ("from test_store import saved", ["test_store"]),
        ("def f():\n    from .test_plan_screen import saved\n", [".test_plan_screen"]),
        ("from .helpers import screen_text", []),
        ("from .catalog_helpers import ready", []),
        ("from tests.tui.plan_helpers import plan_app", []),
        ("from .conftest import Snapshot", []),
        ("from mlroute.search import Index", []),
        ("from mlroute.tui.widgets import test_pattern", []),
    ],
)
def test_the_scan_finds_imports_of_test_modules(source: str, expected: list[str]) -> None:
    assert imports_of_tests(source) == expected


def test_no_test_module_imports_another() -> None:
    offenders = {
        str(path.relative_to(TESTS.parent)): found
        for path in sorted(TESTS.rglob("*.py"))
        if (found := imports_of_tests(path.read_text(encoding="utf-8")))
    }
    assert offenders == {}, (
        f"move what these import into a conftest.py fixture or a helpers module: {offenders}"
    )
