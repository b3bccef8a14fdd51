"""Median time of `score()` (rules, factors, programs, plans and the flip search) per persona.

Runs every answers file in tests/fixtures/personas/ on the bundled catalog, plus the example
answers, and prints each persona's median, the median across personas and the slowest. The
TUI's live what-if re-scores on every change; the target is a median under 5 ms. Prints
figures; asserts nothing.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

from mlroute.answers import Answers, example_answers, load_answers
from mlroute.catalog import load_catalog
from mlroute.scoring import load_weights, net_score, score

RUNS = 200
TARGET_MS = 5.0
PERSONAS = Path(__file__).parents[1] / "tests" / "fixtures" / "personas"


def median_ms(call: Callable[[], object], runs: int = RUNS) -> float:
    for _ in range(5):  # warm up
        call()
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        call()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def main() -> None:
    catalog = load_catalog(use_overlay=False, use_cache=False).catalog
    weights = load_weights()
    people: dict[str, Answers] = {"example answers": example_answers()}
    people |= {path.stem: load_answers(path) for path in sorted(PERSONAS.glob("*.toml"))}
    print(f"score(), median of {RUNS} runs each, bundled catalog ({len(catalog.courses)} courses)")
    print(f"{'persona':<40} {'path':>8} {'flips':>5} {'net only':>9} {'score()':>9}")
    medians: list[tuple[float, str]] = []
    for name, answers in people.items():
        r = score(answers, catalog, weights)
        net = median_ms(partial(net_score, answers, catalog, weights))
        full = median_ms(partial(score, answers, catalog, weights))
        medians.append((full, name))
        sizes = "+".join(str(len(flip.changes)) for flip in r.flips) or "-"
        print(f"{name:<40} {r.path:>8} {sizes:>5} {net:>7.3f}ms {full:>7.3f}ms")
    middle = statistics.median(ms for ms, _ in medians)
    slowest, who = max(medians)
    verdict = "under" if middle < TARGET_MS else "OVER"
    print(f"median across personas: {middle:.3f} ms, {verdict} the {TARGET_MS:g} ms target")
    print(f"slowest persona: {who}, {slowest:.3f} ms")


if __name__ == "__main__":
    main()
