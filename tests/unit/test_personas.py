"""The persona suite: answers files whose expected verdict was written from the guide first.

Each file under tests/fixtures/personas/ opens with comment lines: `expect-path`, `expect-top`
(a program id, `any`, or `enterable`: a program the person can enter), `expect-gaps` (the
foundations below a solid level, or `none`), optionally `expect-misses` (a path whose length
must be said to miss the person's months), and `guide:`, the guide's reason in our words.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from mlroute.answers import load_answers
from mlroute.catalog import load_catalog
from mlroute.catalog.models import Catalog
from mlroute.scoring import load_weights, score
from mlroute.scoring.recommend import Recommendation

PERSONAS = sorted((Path(__file__).parents[1] / "fixtures" / "personas").glob("*.toml"))
WEIGHTS = load_weights()


def expectations(path: Path) -> dict[str, str]:
    """The `# expect-...:` lines of a persona file."""
    found: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("# expect-"):
            key, value = line.removeprefix("# expect-").split(":", 1)
            found[key] = value.strip()
    return found


@pytest.fixture(scope="module")
def bundled() -> Catalog:
    return load_catalog(use_overlay=False, use_cache=False).catalog


def test_the_suite_covers_the_guide() -> None:
    assert len(PERSONAS) >= 30
    texts = [path.read_text(encoding="utf-8") for path in PERSONAS]
    assert all("# guide: " in text for text in texts)
    paths = [expectations(path)["path"] for path in PERSONAS]
    assert paths.count("degree") >= 10 and paths.count("courses") >= 10


@pytest.mark.parametrize("path", PERSONAS, ids=[p.stem for p in PERSONAS])
def test_persona(path: Path, bundled: Catalog) -> None:
    expected = expectations(path)
    r: Recommendation = score(load_answers(path), bundled, WEIGHTS)
    why = f"{r.verdict} | {r.rule} | net {r.net} | {[p.id for p in r.programs[:3]]}"
    assert r.path == expected["path"], why
    top = expected["top"]
    if top == "enterable":
        assert r.programs[0].enterable, why
    elif top != "any":
        assert r.programs[0].id == top, why
    gaps = set() if expected["gaps"] == "none" else {g.strip() for g in expected["gaps"].split(",")}
    assert set(r.prerequisite_gaps) == gaps
    if "misses" in expected:
        assert expected["misses"] in r.misses, r.timing
    # One story: the plan is built around the first program, and every flip offered flips.
    assert r.plan.program_id == (r.programs[0].id if r.programs else None)
    assert r.flips, r.flip_text
