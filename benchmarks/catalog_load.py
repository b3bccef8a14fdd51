"""How long the catalog takes to load: cold (parse + validate + checks) and from the cache.

Prints medians beside their floors: a bare `tomllib.loads` of the same text for a cold load,
and a bare pydantic `validate_json` of the same data for a cached one (the cache is a pickle
now, which the loader reads faster than that floor). Targets (issue 2): cold <= 1.2x the bare
parse; cached <= 2x the bare validate_json. Peak memory is measured by catalog_filter.py.

    python benchmarks/catalog_load.py [--quick]
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
import tomllib
from collections.abc import Callable
from pathlib import Path

from mlroute.catalog.loader import bundled_path, load_catalog
from mlroute.catalog.models import Catalog


def median_ms(fn: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def overlay_text(count: int) -> str:
    """An overlay of `count` generated courses chained by prerequisites within small groups."""
    parts = ["schema_version = 1\n"]
    stages = ["stage-supervised", "stage-unsupervised", "stage-applied-production"]
    for i in range(count):
        prereq = f'"gen-{i - 1}"' if i % 10 else '"python"'
        parts.append(
            f"""
[[courses]]
id = "gen-{i}"
title = "Generated course {i} on topic {i % 97}"
provider = "Provider {i % 41}"
stage = "{stages[i % 3]}"
topics = ["topic-{i % 97}", "area-{i % 13}"]
hours = {{ min = {10 + i % 30}, max = {40 + i % 30} }}
cost = {{ audit_free = {"true" if i % 2 else "false"} }}
prerequisites = [{prereq}]
description = "A generated course used to measure loading at scale, number {i}."
source = "benchmark"
last_verified = 2026-11-25
"""
        )
    return "".join(parts)


def importtime() -> float:
    """Cumulative import time of mlroute.catalog in ms, from `python -X importtime`."""
    result = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", "import mlroute.catalog"],
        capture_output=True,
        text=True,
        check=True,
    )
    for line in result.stderr.splitlines():
        fields = [f.strip() for f in line.split("|")]
        if len(fields) == 3 and fields[2] == "mlroute.catalog":
            return int(fields[1]) / 1000
    return float("nan")


def row(label: str, value: float, floor: float, target: float) -> None:
    ratio = value / floor
    verdict = "ok" if ratio <= target else "OVER"
    print(
        f"  {label:<34} {value:9.1f} ms   floor {floor:9.1f} ms   "
        f"ratio {ratio:4.2f}x (target <= {target}x) {verdict}"
    )


def measure(name: str, overlay: str | None, repeat: int, tmp: Path) -> None:
    bundled_text = bundled_path().read_text()
    overlay_path = tmp / f"{name}.toml"
    if overlay is not None:
        overlay_path.write_text(overlay)
    texts = [bundled_text] + ([overlay] if overlay is not None else [])
    cache = tmp / f"cache-{name}"

    def cold() -> object:
        return load_catalog(overlay=overlay_path, use_overlay=overlay is not None, use_cache=False)

    def warm() -> object:
        return load_catalog(overlay=overlay_path, use_overlay=overlay is not None, cache_dir=cache)

    result = cold()
    catalog = result.catalog  # type: ignore[attr-defined]
    warm()  # fills the cache
    assert warm().from_cache  # type: ignore[attr-defined]
    cached_json = catalog.model_dump_json()  # the floor validates the same data from JSON

    floor_parse = median_ms(lambda: [tomllib.loads(t) for t in texts], repeat)
    cold_ms = median_ms(cold, repeat)
    floor_json = median_ms(lambda: Catalog.model_validate_json(cached_json), repeat)
    warm_ms = median_ms(warm, repeat)
    print(f"{name}: {len(catalog.courses):,} courses, {sum(len(t) for t in texts):,} bytes")
    row("cold load (parse+validate+checks)", cold_ms, floor_parse, 1.2)
    row("repeat start (cache)", warm_ms, floor_json, 2.0)


def main() -> None:
    quick = "--quick" in sys.argv
    print(f"import mlroute.catalog: {importtime():.0f} ms cumulative (python -X importtime)")
    with tempfile.TemporaryDirectory() as tmp:
        measure("bundled", None, 20, Path(tmp))
        measure("overlay-10k", overlay_text(10_000), 5, Path(tmp))
        if not quick:
            measure("overlay-100k", overlay_text(100_000), 3, Path(tmp))


if __name__ == "__main__":
    main()
