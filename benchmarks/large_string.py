"""How long checking a catalog file with one very large string takes: `mlroute catalog check`.

An overlay with a course whose description is 1 or 10 MB, checked as `catalog check` does
(read, parse, validate, cross-check); "with a problem" adds an unknown field after the string,
so the line locator scans the whole text to report it. Beside it, a bare `tomllib.loads` of the
same text: the floor. Target (issue 15): a 10 MB string checked in under 2 s.

    python benchmarks/large_string.py
"""

from __future__ import annotations

import statistics
import tempfile
import time
import tomllib
from collections.abc import Callable
from functools import partial
from pathlib import Path

from mlroute.catalog.loader import check_file
from mlroute.tomlfile import KeyLines, TomlFileError

COURSE = """schema_version = 1

[[courses]]
id = "course-big"
title = "Big"
provider = "P"
stage = "stage-supervised"
hours = {{ min = 1, max = 2 }}
cost = {{ audit_free = true }}
description = "{text}"
source = "s"
last_verified = 2026-11-25
{extra}"""


def median_s(action: Callable[[], object], repeat: int = 3) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def check(path: Path) -> None:
    try:
        check_file(path)
    except TomlFileError as error:
        assert error.problems[0].line is not None, "the problem should be located"


def main() -> None:
    directory = Path(tempfile.mkdtemp(prefix="mlroute-bench-"))
    print("checking an overlay with one large string, medians of 3, seconds")
    print(f"{'string':>7} | {'valid':>6} {'problem':>7} | {'locator':>7} | {'tomllib':>7}")
    for megabytes in (1, 10):
        text = "x" * (megabytes * 1024 * 1024)
        valid = directory / f"valid-{megabytes}.toml"
        valid.write_text(COURSE.format(text=text, extra=""))
        wrong = directory / f"wrong-{megabytes}.toml"
        wrong.write_text(COURSE.format(text=text, extra="unknown = 1\n"))
        content = wrong.read_text()
        print(
            f"{megabytes:>5} MB | {median_s(partial(check, valid)):>6.2f} "
            f"{median_s(partial(check, wrong)):>7.2f} | "
            f"{median_s(partial(KeyLines, content)):>7.3f} | "
            f"{median_s(partial(tomllib.loads, content)):>7.2f}"
        )
    print("target: a 10 MB string checked in under 2 s")


if __name__ == "__main__":
    main()
