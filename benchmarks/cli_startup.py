"""How long `mlroute --version` and `mlroute --help` take, beside `python -c pass` and a bare
argparse script, medians of N runs each, all in fresh processes started the same way.

Target (issue 17): within 1.5x of `python -c pass` plus argparse (the bare argparse script).
Also whether pydantic, textual or the catalog were imported on the way.

    python benchmarks/cli_startup.py [--runs N]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time

ARGPARSE_ONLY = (
    "import argparse; p = argparse.ArgumentParser(prog='x'); "
    "p.add_argument('--version', action='version', version='x 1'); p.parse_args([{flag!r}])"
)
"""The baseline: a bare argparse script answering the same flag (help text needs textwrap)."""
PROBE = (
    "import sys, contextlib, io\n"
    "from mlroute.cli import main\n"
    "with contextlib.suppress(SystemExit), contextlib.redirect_stdout(io.StringIO()):\n"
    "    main([{flag!r}])\n"
    "print(sorted({{m.split('.')[0] for m in sys.modules}} & {{'pydantic', 'textual'}}),\n"
    "      any(m.startswith('mlroute.catalog') for m in sys.modules))\n"
)


def median_ms(command: list[str], runs: int) -> float:
    """The median wall time of `command` over `runs` runs, after one warm-up, in ms."""
    subprocess.run(command, capture_output=True, check=False)
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, capture_output=True, check=False)
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> None:
    """Print the figures."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=30)
    runs = parser.parse_args().runs
    python = [sys.executable]
    bare = median_ms([*python, "-c", "pass"], runs)
    print(f"python -c pass               {bare:7.1f} ms")
    for flag in ("--version", "--help"):
        baseline = median_ms([*python, "-c", ARGPARSE_ONLY.format(flag=flag)], runs)
        took = median_ms([*python, "-m", "mlroute", flag], runs)
        print(f"python + argparse {flag:<10} {baseline:7.1f} ms   (the baseline)")
        print(
            f"python -m mlroute {flag:<10} {took:7.1f} ms   "
            f"{took / baseline:.2f}x the baseline (target 1.5x)"
        )
    for flag in ("--version", "--help"):
        probe = subprocess.run(
            [*python, "-c", PROBE.format(flag=flag)], capture_output=True, text=True, check=True
        )
        heavy, catalog = probe.stdout.split("] ")
        print(f"{flag}: heavy packages imported {heavy}], catalog imported: {catalog.strip()}")
    print(f"(median of {runs} runs each)")


if __name__ == "__main__":
    main()
