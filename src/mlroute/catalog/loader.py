"""Loading the catalog: the bundled file, an optional user overlay, cross-reference checks, and a
cache of the checked result so that a repeat start with unchanged files skips the TOML parse.

The cache is a pickle of the validated entries. Unpickling builds the objects straight from the
file, with no parsed copy of the whole catalog beside them: at 10,000 courses a repeat start
peaks 24 MB lower and loads in about half the time of validating a JSON cache (measured by
benchmarks/catalog_load.py). It lives in the user's own cache directory, and its reader
resolves no class but the catalog's own and `datetime.date`, so a tampered file can name no
other callable; anything wrong with it makes it a miss and the TOML is read instead.
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import io
import itertools
import pickle
import re
import tomllib
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, get_args

from pydantic import ValidationError

from mlroute import __version__, paths
from mlroute.atomic import write_atomic
from mlroute.bulk import gc_paused
from mlroute.catalog import models
from mlroute.catalog.models import KIND_FIELDS, Article, Catalog, Entry, Faq, Kind, Project
from mlroute.catalog.records import compile_check
from mlroute.safefile import open_capped
from mlroute.tomlfile import KeyLines, KeyPath, Problem, TomlFileError, decode, parse, read_bytes
from mlroute.tomlfile import validation_problems as _validation_problems

CACHE_FORMAT = 2
"""Bump when the cache's meaning changes; part of the cache key (1 was validated JSON)."""

MAX_BYTES = 64 * 1024 * 1024
"""Catalog files larger than this are refused unread: 100,000 courses take about 40 MB."""

CACHE_MAX_BYTES = 4 * MAX_BYTES
"""A cache file larger than this is a miss, never read: it holds no more than the catalog."""


@dataclass(frozen=True)
class CatalogLoad:
    """The outcome of loading the catalog for the app or a command."""

    catalog: Catalog
    """The catalog to use: bundled, with the overlay merged in when it was valid."""
    overlay: Path | None = None
    """The overlay file that was merged, if any."""
    warnings: tuple[Problem, ...] = ()
    """Why the overlay was not used; empty when all went well."""
    from_cache: bool = False
    """True when the catalog came from the validated cache rather than a parse."""


@dataclass
class _Source:
    """One catalog file as read: its name, text and validated content."""

    name: str
    text: str
    catalog: Catalog
    _lines: KeyLines | None = field(default=None, repr=False)

    def line(self, path: KeyPath) -> int | None:
        if self._lines is None:
            self._lines = KeyLines(self.text)
        return self._lines.find(path)

    def problem(self, path: KeyPath, message: str) -> Problem:
        return Problem(self.name, self.line(path), ".".join(map(str, path)), message)


def bundled_path() -> Path:
    """The catalog that ships with mlroute."""
    return paths.bundled_data_dir() / "catalog.toml"


PARTS_ABOVE = 512 * 1024
"""Files larger than this are parsed and validated a few hundred entries at a time."""

ENTRIES_PER_PART = 500
"""Entries parsed and validated together when a large file is read in parts."""

_ENTRY_HEADER = re.compile(
    rf"^\[\[[ \t]*(?:{'|'.join(KIND_FIELDS.values())})[ \t]*\]\][ \t]*(?:#[^\n]*)?\r?$",
    re.MULTILINE,
)
"""A line that opens a top-level entry, such as `[[courses]]`: where a large file is cut."""


def _validate(text: str, name: str) -> Catalog:
    catalog = _validate_in_parts(text) if len(text) > PARTS_ABOVE else None
    if catalog is not None:
        return catalog
    data = parse(text, name)
    try:
        with gc_paused():
            return Catalog.model_validate(data)
    except ValidationError as error:
        raise TomlFileError(_validation_problems(error, name, text)) from None


def _validate_in_parts(text: str) -> Catalog | None:
    """Parse and validate a large file in parts cut at entry headers, so that the parsed form
    of only one part is in memory at a time (the whole file's parsed form is about four times
    the size of its validated entries). None when the parts do not add up to the whole: then
    the file is read whole, which finds and locates any mistake.

    The parts are exactly the file: a cut inside a multi-line string leaves that string open
    in the part before it, which then fails to parse; keys before the first header may not
    hold entries, so every entry comes from a `[[kind]]` table like the cuts.
    """
    starts = [match.start() for match in _ENTRY_HEADER.finditer(text)]
    if len(starts) <= ENTRIES_PER_PART:
        return None
    cuts = [0, *starts[ENTRIES_PER_PART::ENTRIES_PER_PART], len(text)]
    entries: dict[str, list[Entry]] = {name: [] for name in KIND_FIELDS.values()}
    try:
        if KIND_FIELDS.values() & tomllib.loads(text[: starts[0]]).keys():
            return None
        with gc_paused():
            for begin, end in itertools.pairwise(cuts):
                part = Catalog.model_validate(tomllib.loads(text[begin:end]))
                for name, found in entries.items():
                    found += getattr(part, name)
    except (tomllib.TOMLDecodeError, ValidationError):
        return None
    return Catalog.model_validate({name: tuple(found) for name, found in entries.items()})


def _read_source(path: Path, raw: bytes | None = None) -> _Source:
    name = str(path)
    raw = read_bytes(path, max_bytes=MAX_BYTES) if raw is None else raw
    text = decode(raw, name)
    if not text.strip():
        raise TomlFileError([Problem(name, None, "", "file is empty")])
    return _Source(name, text, _validate(text, name))


def merge(base: Catalog, overlay: Catalog) -> Catalog:
    """Overlay entries replace base entries with the same id, in place; new ones are appended."""
    merged: dict[str, tuple[Entry, ...]] = {}
    for kind_field in KIND_FIELDS.values():
        replacements = {entry.id: entry for entry in getattr(overlay, kind_field)}
        if not replacements:
            continue
        base_entries: tuple[Entry, ...] = getattr(base, kind_field)
        base_ids = {entry.id for entry in base_entries}
        kept = tuple(replacements.get(entry.id, entry) for entry in base_entries)
        added = tuple(entry for entry in replacements.values() if entry.id not in base_ids)
        merged[kind_field] = kept + added
    return base.model_copy(update=merged) if merged else base


def _duplicate_problems(source: _Source) -> list[Problem]:
    """Ids used twice in one file; lines are looked up only when there is a duplicate."""
    problems = []
    seen: dict[str, KeyPath] = {}
    for kind, kind_field in KIND_FIELDS.items():
        for index, entry in enumerate(source.catalog.entries(kind)):
            ids: list[tuple[str, KeyPath]] = [(entry.id, (kind_field, index, "id"))]
            if isinstance(entry, Project):
                ids += [
                    (m.id, (kind_field, index, "milestones", i, "id"))
                    for i, m in enumerate(entry.milestones)
                ]
            for entry_id, path in ids:
                first = seen.setdefault(entry_id, path)
                if first is not path:
                    line = source.line(first)
                    where = f"line {line}" if line else ".".join(map(str, first))
                    message = f"duplicate id {entry_id!r} (first used at {where})"
                    problems.append(source.problem(path, message))
    return problems


def _reference_problems(source: _Source, universe: Catalog) -> list[Problem]:
    """Check that every id this file refers to exists, with the right kind, in `universe`."""
    kinds = universe.kinds
    problems: list[Problem] = []

    def expect(ref: str, allowed: set[Kind], path: KeyPath) -> None:
        kind = kinds.get(ref)
        wanted = " or ".join(sorted(allowed))
        article = _an(wanted)
        if kind is None:
            expected = "" if allowed == set(KIND_FIELDS) else f" (expected {article} {wanted})"
            problems.append(source.problem(path, f"unknown id {ref!r}{expected}"))
        elif kind not in allowed:
            message = f"{ref!r} is {_an(kind)} {kind}, expected {article} {wanted}"
            problems.append(source.problem(path, message))

    cat = source.catalog
    for i, course in enumerate(cat.courses):
        expect(course.stage, {"stage"}, ("courses", i, "stage"))
        for j, ref in enumerate(course.prerequisites):
            expect(ref, {"course", "foundation"}, ("courses", i, "prerequisites", j))
    for i, stage in enumerate(cat.stages):
        for j, ref in enumerate(stage.courses):
            expect(ref, {"course"}, ("stages", i, "courses", j))
        for j, ref in enumerate(stage.projects):
            expect(ref, {"project"}, ("stages", i, "projects", j))
    for i, project in enumerate(cat.projects):
        expect(project.stage, {"stage"}, ("projects", i, "stage"))
    readings: tuple[tuple[str, tuple[Faq | Article, ...]], ...] = (
        ("faq", cat.faq),
        ("articles", cat.articles),
    )
    for kind_field, entries in readings:
        for i, entry in enumerate(entries):
            for j, ref in enumerate(entry.related):
                if ref not in universe.milestones:
                    expect(ref, set(KIND_FIELDS), (kind_field, i, "related", j))
    return problems


def _an(word: str) -> str:
    return "an" if word[0] in "aeiou" else "a"


def _cycle_problems(source: _Source, universe: Catalog) -> list[Problem]:
    """Report each prerequisite cycle once, on the first of its courses this file defines.

    An iterative depth-first search, so a long chain of prerequisites cannot overflow the stack.
    """
    prereqs = {course.id: course.prerequisites for course in universe.courses}
    state: dict[str, int] = {}  # 1 = on the current path, 2 = finished
    cycles: list[list[str]] = []
    for root in prereqs:
        if root in state:
            continue
        state[root] = 1
        trail = [root]
        stack = [iter(prereqs[root])]
        while stack:
            nxt = next(stack[-1], None)
            if nxt is None:
                state[trail.pop()] = 2
                stack.pop()
            elif state.get(nxt) == 1:
                cycles.append([*trail[trail.index(nxt) :], nxt])
            elif nxt in prereqs and nxt not in state:
                state[nxt] = 1
                trail.append(nxt)
                stack.append(iter(prereqs[nxt]))
    index = {course.id: i for i, course in enumerate(source.catalog.courses)}
    problems = []
    for cycle in cycles:
        mine = [node for node in cycle if node in index]
        if mine:
            i = index[mine[0]]
            message = "prerequisite cycle: " + " -> ".join(cycle)
            problems.append(source.problem(("courses", i, "prerequisites"), message))
    return problems


def _slot_problems(source: _Source, universe: Catalog) -> list[Problem]:
    """Courses sharing a slot are alternatives for one place in a stage's plan, so a slot may
    not span stages: report each course of this file whose stage differs from the slot's first."""
    first: dict[str, tuple[str, str]] = {}  # slot -> (stage, course id) of its first course
    for course in universe.courses:
        if course.slot is not None:
            first.setdefault(course.slot, (course.stage, course.id))
    problems = []
    for i, course in enumerate(source.catalog.courses):
        if course.slot is None:
            continue
        stage, other = first[course.slot]
        if course.stage != stage:
            message = (
                f"slot {course.slot!r} is in {stage!r} (course {other!r}), not {course.stage!r}"
            )
            problems.append(source.problem(("courses", i, "slot"), message))
    return problems


def _kind_collision_problems(source: _Source, base: Catalog) -> list[Problem]:
    """An overlay may replace an entry only with one of the same kind."""
    problems = []
    for kind, kind_field in KIND_FIELDS.items():
        for i, entry in enumerate(source.catalog.entries(kind)):
            existing = base.kind_of(entry.id)
            if existing is not None and existing != kind:
                message = f"id {entry.id!r} is already a {existing} in the bundled catalog"
                problems.append(source.problem((kind_field, i, "id"), message))
    return problems


def _check(sources: list[_Source], merged: Catalog) -> list[Problem]:
    problems: list[Problem] = []
    for source in sources:
        problems += _duplicate_problems(source)
        problems += _reference_problems(source, merged)
        problems += _cycle_problems(source, merged)
        problems += _slot_problems(source, merged)
    return problems


def _merge_overlay(base: _Source, overlay: _Source) -> Catalog:
    problems = _kind_collision_problems(overlay, base.catalog)
    if problems:
        raise TomlFileError(problems)
    merged = merge(base.catalog, overlay.catalog)
    problems = _check([overlay], merged)
    if problems:
        raise TomlFileError(problems)
    return merged


def _cache_file(cache_dir: Path, *parts: bytes) -> Path:
    # The models' source is part of the key: a pickle holds objects, not data to re-validate,
    # so one written by other model code (an edited checkout, say) must never be read back.
    digest = hashlib.sha256(f"{__version__}:{CACHE_FORMAT}".encode())
    for part in (_models_source(), *parts):
        digest.update(hashlib.sha256(part).digest())
    return cache_dir / f"catalog-{digest.hexdigest()[:32]}.pickle"


def _models_source() -> bytes:
    try:
        return Path(models.__file__).read_bytes()
    except OSError:  # Installed without its source: the version alone keys the cache.
        return b""


_CACHE_FIELDS: dict[str, type] = {
    name: get_args(models.Catalog.model_fields[name].annotation)[0] for name in KIND_FIELDS.values()
}
"""Each entry field of the catalog and the class of its entries, as the cache holds them."""


_CACHE_CLASSES: dict[tuple[str, str], type] = {
    **{
        (models.__name__, name): value
        for name, value in vars(models).items()
        if isinstance(value, type) and dataclasses.is_dataclass(value)
    },
    ("datetime", "date"): date,
}
"""Every class a cache may name: the catalog's entries and values, and dates."""


class _CacheUnpickler(pickle.Unpickler):
    """Resolves the catalog's own classes and dates, by exact name, and nothing else (a name
    is never looked up in a module: "models.dataclasses.builtins.eval" would reach `eval`)."""

    def find_class(self, module: str, name: str) -> Any:
        try:
            return _CACHE_CLASSES[module, name]
        except KeyError:
            raise pickle.UnpicklingError(f"the cache may not refer to {module}.{name}") from None


_CACHE_END = "end"
"""The cache's last record, with how many entries of each kind came before it."""


def _read_cache(path: Path) -> Catalog | None:
    """The cached catalog, or None when it is missing, unreadable, damaged or of another shape.

    The file is a run of pickles, each `(field, entries)`, then `(_CACHE_END, counts)`.
    """
    fields: dict[str, list[Entry]] = {name: [] for name in _CACHE_FIELDS}
    seen: set[int] = set()
    try:
        with open_capped(path, CACHE_MAX_BYTES) as file, gc_paused():
            while True:
                tag, value = _CacheUnpickler(file).load()
                if tag == _CACHE_END:
                    break
                # Unpickled objects were never validated: each record's types and invariants
                # are checked (a tampered `hours = None` would otherwise crash a screen).
                check = compile_check(_CACHE_FIELDS[tag])
                if not isinstance(value, tuple) or not all(check(entry, seen) for entry in value):
                    return None
                fields[tag] += value
        if value != {name: len(found) for name, found in fields.items()}:
            return None  # records missing
    # A damaged pickle can raise nearly anything (the pickle module names several errors and
    # says there are more; a bad length gives OverflowError or MemoryError). Whatever it is,
    # the cache is only a shortcut: the TOML is read instead.
    except Exception:
        return None
    # Every entry was validated, and the whole checked, before it was cached.
    built: dict[str, Any] = {name: tuple(found) for name, found in fields.items()}
    return Catalog.model_construct(**built)


def _write_cache(path: Path, catalog: Catalog) -> None:
    """Write the cache atomically; a cache that cannot be written only costs the next start.

    Entries go in runs of a few hundred, each pickled on its own: a pickler remembers every
    object it has written, which for a whole large catalog at once costs more memory than
    the catalog. Values shared across runs are written once per run.
    """
    buffer = io.BytesIO()
    pickler = pickle.Pickler(buffer, protocol=pickle.HIGHEST_PROTOCOL)
    counts: dict[str, int] = {}
    for name in _CACHE_FIELDS:
        entries: tuple[Entry, ...] = getattr(catalog, name)
        counts[name] = len(entries)
        for start in range(0, len(entries), ENTRIES_PER_PART):
            pickler.dump((name, entries[start : start + ENTRIES_PER_PART]))
            pickler.clear_memo()
    pickler.dump((_CACHE_END, counts))
    for old in path.parent.glob("catalog-*.*"):
        if old != path:
            with contextlib.suppress(OSError):
                old.unlink(missing_ok=True)
    with contextlib.suppress(OSError):
        write_atomic(path, buffer.getbuffer())


def load_catalog(
    *,
    overlay: Path | None = None,
    use_overlay: bool = True,
    cache_dir: Path | None = None,
    use_cache: bool = True,
    bundled: Path | None = None,
) -> CatalogLoad:
    """Load the bundled catalog and merge the user overlay into it.

    A bad overlay never stops the app: the bundled catalog is returned with `warnings` saying
    why. A bad bundled catalog raises TomlFileError (it is a packaging bug).
    """
    bundled = bundled or bundled_path()
    overlay = (overlay or paths.overlay_path()) if use_overlay else None
    bundled_raw = read_bytes(bundled, max_bytes=MAX_BYTES)
    overlay_raw: bytes | None = None
    warnings: list[Problem] = []
    if overlay is not None:
        try:
            overlay_raw = read_bytes(overlay, max_bytes=MAX_BYTES)
        except TomlFileError as error:
            if overlay.exists():
                warnings += error.problems
            overlay = None

    cache = None
    if use_cache and not warnings:
        # "No overlay" and "an empty overlay" differ (the second gets a warning): never one key.
        # (Parts are hashed one by one: no copy of a large overlay is made to key it.)
        key = (b"none",) if overlay_raw is None else (b"overlay", overlay_raw)
        cache = _cache_file(cache_dir or paths.cache_dir(), bundled_raw, *key)
        cached = _read_cache(cache)
        if cached is not None:
            return CatalogLoad(cached, overlay, (), from_cache=True)

    base = _read_source(bundled, bundled_raw)
    catalog = base.catalog
    if overlay is not None and overlay_raw is not None:
        try:
            catalog = _merge_overlay(base, _read_source(overlay, overlay_raw))
        except TomlFileError as error:
            warnings += error.problems
            overlay = None
    problems = _check([base], catalog)
    if problems:
        raise TomlFileError(problems)
    if cache is not None and not warnings:
        _write_cache(cache, catalog)
    return CatalogLoad(catalog, overlay, tuple(warnings))


def check_file(path: Path, *, bundled: Path | None = None) -> Catalog:
    """Validate one catalog file; references may point into the bundled catalog.

    Returns the file's own catalog; raises TomlFileError listing every problem.
    """
    source = _read_source(path)
    bundled = bundled or bundled_path()
    if path.resolve() == bundled.resolve():
        problems = _check([source], source.catalog)
    else:
        base = _read_source(bundled)
        problems = _kind_collision_problems(source, base.catalog)
        merged = merge(base.catalog, source.catalog)
        problems += _check([source], merged)
    if problems:
        raise TomlFileError(problems)
    return source.catalog
