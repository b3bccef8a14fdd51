"""Median time of `score()` and of the flip search on the bundled catalog, 1,000 runs each.

The TUI's live what-if re-scores (flip included) on every change; the target is under 5 ms.
Prints figures; asserts nothing.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from functools import partial
from typing import Any

from mlroute.answers import Answers, example_answers, with_changes
from mlroute.catalog import load_catalog
from mlroute.scoring import find_flip, load_weights, net_score, score

RUNS = 1_000
TARGET_MS = 5.0

PERSONAS: dict[str, dict[str, Any]] = {
    "engineer, courses, no flip": {},
    "defense, degree, single flip": {
        "credential_required": "yes",
        "employer_type": "defense",
        "budget_usd": 10000,
        "months_to_goal": 30,
        "wants_structure": 3,
        "need": "broad-curriculum",
    },
    "defense + PhD, pair flip": {
        "credential_required": "yes",
        "employer_type": "defense",
        "budget_usd": 10000,
        "months_to_goal": 30,
        "wants_structure": 3,
        "need": "broad-curriculum",
        "plans_phd": True,
    },
    "researcher, degree, no flip": {
        "goal": "research",
        "plans_phd": True,
        "credential_required": "unsure",
        "career_stage": "entry",
        "employer_type": "research-lab",
        "budget_usd": 80000,
        "months_to_goal": 36,
        "wants_structure": 4,
        "employed_technical": False,
        "need": "broad-curriculum",
        "wants_portfolio": False,
        "brand_importance": 4,
        "research_access_importance": 5,
    },
}


def median_ms(call: Callable[[], object], runs: int = RUNS) -> float:
    for _ in range(20):  # warm up
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
    print(f"score() and the flip search, median of {RUNS:,} runs, bundled catalog")
    print(f"{'persona':<30} {'flip':>6} {'net only':>10} {'flip search':>12} {'score()':>9}")
    worst = 0.0
    for name, changes in PERSONAS.items():
        answers: Answers = with_changes(example_answers(), changes)
        flip, _ = find_flip(answers, catalog, weights)
        net = median_ms(partial(net_score, answers, catalog, weights))
        search = median_ms(partial(find_flip, answers, catalog, weights))
        full = median_ms(partial(score, answers, catalog, weights))
        worst = max(worst, full)
        print(f"{name:<30} {len(flip):>6} {net:>8.3f}ms {search:>10.3f}ms {full:>7.3f}ms")
    verdict = "under" if worst < TARGET_MS else "OVER"
    print(f"slowest score() (flip included): {worst:.3f} ms, {verdict} the {TARGET_MS:g} ms target")


if __name__ == "__main__":
    main()
