"""The catalog cache's records are checked when read back: a cache rewritten with the catalog's
own classes but values validation would refuse is a miss, and the catalog is read from TOML."""

from __future__ import annotations

import copy
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from mlroute.catalog import loader, models
from mlroute.catalog.loader import load_catalog
from mlroute.catalog.models import Catalog, Course
from mlroute.catalog.records import compile_check

MINI = Path(__file__).parent.parent / "fixtures" / "mini_catalog.toml"


def _altered(record: Any, **values: Any) -> Any:
    """A copy of a frozen record with fields set as no validation would allow."""
    changed = copy.copy(record)
    for name, value in values.items():
        object.__setattr__(changed, name, value)
    return changed


def _first_course(catalog: Catalog, change: Callable[[Course], Course]) -> Catalog:
    courses = (change(catalog.courses[0]), *catalog.courses[1:])
    fields = {name: getattr(catalog, name) for name in models.KIND_FIELDS.values()}
    return Catalog.model_construct(**{**fields, "courses": courses})


TAMPERED: dict[str, Callable[[Course], Course]] = {
    "hours-none": lambda c: _altered(c, hours=None),
    "title-int": lambda c: _altered(c, title=42),
    "title-empty": lambda c: _altered(c, title=""),
    "id-pattern": lambda c: _altered(c, id="Not An Id"),
    "topic-int": lambda c: _altered(c, topics=("ok", 7)),
    "topics-list": lambda c: _altered(c, topics=["a list"]),
    "foundation-unknown": lambda c: _altered(c, foundation="astrology"),
    "hours-reversed": lambda c: _altered(c, hours=_altered(c.hours, min=9, max=3)),
    "hours-zero": lambda c: _altered(c, hours=_altered(c.hours, min=0)),
    "hours-other-class": lambda c: _altered(c, hours=models.UsdRange(min=1)),
    "flag-int": lambda c: _altered(c, guide_named=1),
    "date-text": lambda c: _altered(c, last_verified="2026-01-01"),
}


@pytest.mark.parametrize("change", TAMPERED.values(), ids=TAMPERED.keys())
def test_a_cache_with_a_tampered_record_is_a_miss(
    tmp_path: Path, change: Callable[[Course], Course]
) -> None:
    cache = tmp_path / "cache"
    first = load_catalog(bundled=MINI, use_overlay=False, cache_dir=cache)
    (cache_file,) = cache.glob("catalog-*.pickle")
    loader._write_cache(cache_file, _first_course(first.catalog, change))
    second = load_catalog(bundled=MINI, use_overlay=False, cache_dir=cache)
    assert not second.from_cache
    assert second.catalog == first.catalog
    assert load_catalog(bundled=MINI, use_overlay=False, cache_dir=cache).from_cache  # rewritten


def test_an_untampered_cache_is_served(tmp_path: Path) -> None:
    """The check passes every record the loader validated, of every kind."""
    cache = tmp_path / "cache"
    first = load_catalog(cache_dir=cache, use_overlay=False)
    second = load_catalog(cache_dir=cache, use_overlay=False)
    assert second.from_cache
    assert second.catalog == first.catalog
    assert all(
        compile_check(type(entry))(entry, set())
        for kind in models.KIND_FIELDS
        for entry in second.catalog.entries(kind)
    )


def test_a_shared_value_is_checked_once() -> None:
    """Records seen valid are remembered: a shared `hours` is not walked again."""
    hours = models.HoursRange(min=1, max=2)
    seen: set[int] = set()
    check = compile_check(models.HoursRange)
    assert check(hours, seen)
    assert id(hours) in seen
    object.__setattr__(hours, "min", 5)  # changed after it was found valid: not looked at again
    assert check(hours, seen)
    assert not check(hours, set())
