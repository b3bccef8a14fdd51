"""How fast the reader (`MarkdownView`) shows a page: every catalog entry, and a wide table.

Each variant runs in its own process, headless, with one `MarkdownView` 60 cells wide and 30
lines high (the catalog's detail pane at 100 columns is about that). For every entry in the
bundled catalog (programs, courses, stages, FAQ, articles...) it times, from a cold cache:

- update: `view.update(markdown)` (parse and wrap to the width);
- paint: drawing the lines on screen (`render_line` for each of the 30);
- page: the two together, what moving the catalog's cursor costs the reader;
- hovered: paint again, with the mouse over the view (`app.mouse_over`), where lines carry the
  offsets a mouse selection needs;

and, on one page holding a table of 6 columns and 40 rows, far wider than the pane, update and
paint ten times a round (`table`). Then `select`: a selection over the 30 lines on screen is
set and they are drawn again (a mouse drag redraws this much per move); "n/a" where the
widget cannot select.

`--against REV` also runs the widget as it was at git revision REV (copied out of git into a
temporary module, everything else as checked out), interleaved with the current one, so both
are measured side by side on the same machine in the same minutes. Medians in ms over every
page and round. Figures only: nothing here asserts a time.

    python benchmarks/markdown_view.py [--against REV] [--rounds N]
"""

from __future__ import annotations

import argparse
import asyncio
import importlib.util
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from types import ModuleType
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
WIDGET = "src/mlroute/tui/widgets/markdown_view.py"
WIDTH, HEIGHT = 60, 30
NAMES = ("update", "paint", "page", "hovered", "table update", "table paint", "select")

WIDE_TABLE = (
    "# A wide table\n\nSome text before it.\n\n"
    + "\n".join(
        [
            "| Program | Provider | Format | Length | Cost | Admission |",
            "|---|---|---|---|---|---|",
            *(
                f"| Program number {n} in data science | University {n} of somewhere | "
                f"online, part-time | {12 + n % 24} months | ${7000 + 311 * n:,} | "
                "bachelor's degree and two references |"
                for n in range(40)
            ),
        ]
    )
    + "\n\nSome text after it.\n"
)
"""A page with a table far wider than the pane (each row about 150 cells)."""


def load_widget(revision: str | None) -> ModuleType:
    """The widget module as checked out, or as it was at `revision`."""
    if revision is None:
        from mlroute.tui.widgets import markdown_view

        return markdown_view
    source = subprocess.run(
        ["git", "show", f"{revision}:{WIDGET}"], cwd=ROOT, check=True, capture_output=True
    ).stdout
    path = Path(tempfile.mkdtemp()) / "markdown_view_then.py"
    path.write_bytes(source)
    spec = importlib.util.spec_from_file_location("markdown_view_then", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def pages() -> list[str]:
    """Every entry of the bundled catalog as the detail pane shows it."""
    from datetime import date

    from mlroute.catalog import load_catalog
    from mlroute.tui.widgets.entry_markdown import EntryContext, entry_markdown

    catalog = load_catalog(use_overlay=False, use_cache=False).catalog
    context = EntryContext(today=date(2026, 12, 1))
    return [entry_markdown(catalog, entry_id, context) for entry_id in catalog.by_id]


def child(revision: str | None, rounds: int) -> dict[str, Any]:
    from textual.app import App, ComposeResult

    module = load_widget(revision)
    view_class = module.MarkdownView
    sources = pages()
    times: dict[str, list[float]] = {name: [] for name in NAMES}
    selectable = hasattr(view_class, "get_selection") and "get_selection" in vars(view_class)

    class BenchApp(App[None]):
        CSS = f"MarkdownView {{ width: {WIDTH}; height: {HEIGHT}; }}"

        def compose(self) -> ComposeResult:
            yield view_class()

    def show(view: Any, source: str) -> tuple[float, float]:
        start = time.perf_counter()
        view.update(source)
        updated = time.perf_counter()
        for y in range(HEIGHT):
            view.render_line(y)
        painted = time.perf_counter()
        return (updated - start) * 1000, (painted - updated) * 1000

    async def run() -> None:
        app = BenchApp()
        async with app.run_test(size=(100, 40)) as pilot:
            await pilot.pause()
            view = app.query_one(view_class)
            for _ in range(rounds):
                for source in sources:
                    update, paint = show(view, source)
                    times["update"].append(update)
                    times["paint"].append(paint)
                    times["page"].append(update + paint)
                app.mouse_over = view
                for source in sources:
                    times["hovered"].append(show(view, source)[1])
                app.mouse_over = None
                for _ in range(10):
                    update, paint = show(view, WIDE_TABLE)
                    times["table update"].append(update)
                    times["table paint"].append(paint)
                if selectable:
                    from textual.geometry import Offset
                    from textual.selection import Selection

                    for end in range(1, 11):
                        selection = Selection(Offset(3, 0), Offset(end * 4, HEIGHT - 1))
                        start = time.perf_counter()
                        app.screen.selections = {view: selection}
                        view.selection_updated(selection)
                        for y in range(HEIGHT):
                            view.render_line(y)
                        times["select"].append((time.perf_counter() - start) * 1000)
                    app.screen.clear_selection()
                await pilot.pause()

    asyncio.run(run())
    return {
        "pages": len(sources),
        **{name: statistics.median(values) if values else None for name, values in times.items()},
        **{
            f"{name} p90": statistics.quantiles(values, n=10)[-1] if len(values) > 1 else None
            for name, values in times.items()
        },
    }


def run_child(revision: str | None, rounds: int) -> dict[str, Any]:
    command = [sys.executable, __file__, "--child", "--rounds", str(rounds)]
    if revision is not None:
        command += ["--against", revision]
    out = subprocess.run(command, capture_output=True, text=True, cwd=ROOT)
    if out.returncode:
        print(out.stderr, file=sys.stderr)
        raise SystemExit(f"the {revision or 'current'} run failed")
    result: dict[str, Any] = json.loads(out.stdout.strip().splitlines()[-1])
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--against", metavar="REV", help="also run the widget as at REV")
    parser.add_argument("--rounds", type=int, default=5, help="rounds per process (5)")
    parser.add_argument("--processes", type=int, default=3, help="processes per variant (3)")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(args.against, args.rounds)))
        return
    variants: list[str | None] = [None] if args.against is None else [args.against, None]
    results: dict[str | None, list[dict[str, Any]]] = {variant: [] for variant in variants}
    for _ in range(args.processes):
        for variant in variants:  # interleaved, so drift hits both alike
            results[variant].append(run_child(variant, args.rounds))
    names = NAMES
    print(
        f"MarkdownView {WIDTH}x{HEIGHT}, {results[None][0]['pages']} catalog pages, "
        f"{args.rounds} rounds x {args.processes} processes; medians (p90) in ms.\n"
    )
    print(f"{'':>14}" + "".join(f"{name:>18}" for name in names))
    for variant, runs in results.items():
        cells = []
        for name in names:
            values = [run[name] for run in runs if run[name] is not None]
            p90s = [run[f"{name} p90"] for run in runs if run[f"{name} p90"] is not None]
            if not values:
                cells.append(f"{'n/a':>18}")
                continue
            cells.append(f"{statistics.median(values):>9.3f} ({statistics.median(p90s):>6.3f})")
        print(f"{variant or 'current':>14}" + "".join(cells))


if __name__ == "__main__":
    main()
