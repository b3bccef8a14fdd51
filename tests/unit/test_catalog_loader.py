"""Loading the catalog: located errors for each kind of mistake, the overlay, the cache."""

from __future__ import annotations

import pickle
from dataclasses import replace
from pathlib import Path

import pytest

from mlroute.catalog import loader
from mlroute.catalog.loader import check_file, load_catalog, merge
from mlroute.tomlfile import TomlFileError

MINI = Path(__file__).parent.parent / "fixtures" / "mini_catalog.toml"
MINI_TEXT = MINI.read_text()


def _problems(tmp_path: Path, text: str) -> list[str]:
    path = tmp_path / "overlay.toml"
    path.write_text(text)
    with pytest.raises(TomlFileError) as caught:
        check_file(path, bundled=MINI)
    return [str(p).removeprefix(f"{path}:") for p in caught.value.problems]


COURSE = """
[[courses]]
id = "course-new"
title = "New"
provider = "P"
stage = "stage-one"
hours = {{ min = 1, max = 2 }}
cost = {{ audit_free = true }}
prerequisites = [{prereqs}]
description = "D"
source = "s"
last_verified = 2026-11-25
"""


def test_valid_overlay_passes(tmp_path: Path) -> None:
    path = tmp_path / "overlay.toml"
    path.write_text(COURSE.format(prereqs='"course-b"'))
    assert check_file(path, bundled=MINI).counts()["course"] == 1


def test_unknown_key(tmp_path: Path) -> None:
    text = COURSE.format(prereqs="").replace('title = "New"', 'title = "New"\ntitel = "typo"')
    assert _problems(tmp_path, text) == ["5: courses.0.titel: unknown field"]


def test_wrong_type(tmp_path: Path) -> None:
    text = COURSE.format(prereqs="").replace("max = 2", 'max = "two"')
    (problem,) = _problems(tmp_path, text)
    assert problem.startswith("7: courses.0.hours.max: Input should be a valid integer")


def test_a_value_that_is_not_a_table(tmp_path: Path) -> None:
    # Worded as for a model, though entries and their values are dataclasses.
    text = COURSE.format(prereqs="").replace("hours = { min = 1, max = 2 }", "hours = 5")
    assert _problems(tmp_path, text) == [
        "7: courses.0.hours: Input should be a valid dictionary or instance of HoursRange"
    ]


def test_entries_hold_their_values_in_slots() -> None:
    # 100,000 courses fit in memory only without an attribute dict and fields-set for each.
    course = check_file(MINI, bundled=MINI).courses[0]
    for value in (course, course.hours, course.cost):
        assert not hasattr(value, "__dict__")


def test_repeated_values_are_one_object(tmp_path: Path) -> None:
    # A parsed file makes a new object for every occurrence; a big overlay repeats its
    # providers, stages, dates, hours and costs thousands of times.
    path = tmp_path / "overlay.toml"
    # Values of several characters: Python keeps one object per one-character string anyway.
    course = (
        COURSE.format(prereqs="")
        .replace('provider = "P"', 'provider = "A provider"')
        .replace('source = "s"', 'source = "A source page"')
    )
    path.write_text(course + course.replace("course-new", "course-two"))
    first, other = check_file(path, bundled=MINI).courses
    assert first.id != other.id
    for name in ("provider", "stage", "source", "last_verified", "hours", "cost"):
        assert getattr(first, name) is getattr(other, name), name


def test_missing_field_points_at_the_entry(tmp_path: Path) -> None:
    text = COURSE.format(prereqs="").replace('provider = "P"\n', "")
    assert _problems(tmp_path, text) == ["2: courses.0.provider: required field is missing"]


def test_range_out_of_order(tmp_path: Path) -> None:
    text = COURSE.format(prereqs="").replace("min = 1, max = 2", "min = 5, max = 2")
    assert _problems(tmp_path, text) == ["7: courses.0.hours: min (5) is greater than max (2)"]


def test_duplicate_id(tmp_path: Path) -> None:
    text = COURSE.format(prereqs="") + COURSE.format(prereqs="")
    assert _problems(tmp_path, text) == [
        "15: courses.1.id: duplicate id 'course-new' (first used at line 3)"
    ]


def test_dangling_reference_and_wrong_kind(tmp_path: Path) -> None:
    text = COURSE.format(prereqs='"course-zzz", "prog-a"')
    assert _problems(tmp_path, text) == [
        "9: courses.0.prerequisites.0: unknown id 'course-zzz' (expected a course or foundation)",
        "9: courses.0.prerequisites.1: 'prog-a' is a program, expected a course or foundation",
    ]


def test_prerequisite_cycle(tmp_path: Path) -> None:
    # course-a needs python in the bundled file; make it need course-b, which needs course-a.
    text = MINI_TEXT.replace('prerequisites = ["python"]', 'prerequisites = ["course-b"]')
    (problem,) = _problems(tmp_path, text)
    assert problem.endswith(
        "courses.0.prerequisites: prerequisite cycle: course-a -> course-b -> course-a"
    )


def test_overlay_cannot_change_an_ids_kind(tmp_path: Path) -> None:
    text = COURSE.format(prereqs="").replace('id = "course-new"', 'id = "prog-a"')
    assert _problems(tmp_path, text) == [
        "3: courses.0.id: id 'prog-a' is already a program in the bundled catalog"
    ]


def test_syntax_error(tmp_path: Path) -> None:
    (problem,) = _problems(tmp_path, "[[courses]\nid = 1\n")
    assert problem.startswith("1: TOML syntax error")


def test_merge_replaces_in_place_and_appends() -> None:
    base = check_file(MINI, bundled=MINI)
    replacement = replace(base.courses[0], title="Replaced")
    added = replace(base.courses[1], id="course-c")
    merged = merge(base, base.model_copy(update={"courses": (replacement, added)}))
    assert [c.title for c in merged.courses] == ["Replaced", "Course B", "Course B"]
    assert [c.id for c in merged.courses] == ["course-a", "course-b", "course-c"]
    assert merged.programs == base.programs


def test_load_merges_a_valid_overlay(tmp_path: Path) -> None:
    overlay = tmp_path / "catalog.toml"
    overlay.write_text(COURSE.format(prereqs='"course-a"'))
    result = load_catalog(bundled=MINI, overlay=overlay, cache_dir=tmp_path / "cache")
    assert result.warnings == ()
    assert result.overlay == overlay
    assert "course-new" in result.catalog.by_id


def test_a_bad_overlay_falls_back_to_the_bundled_catalog(tmp_path: Path) -> None:
    overlay = tmp_path / "catalog.toml"
    overlay.write_text(COURSE.format(prereqs='"nope"'))
    result = load_catalog(bundled=MINI, overlay=overlay, cache_dir=tmp_path / "cache")
    assert result.overlay is None
    assert "course-new" not in result.catalog.by_id
    assert [p.path for p in result.warnings] == ["courses.0.prerequisites.0"]
    assert result.warnings[0].file == str(overlay)


def test_an_unreadable_overlay_falls_back(tmp_path: Path) -> None:
    overlay = tmp_path / "catalog.toml"
    overlay.write_bytes(b"\xff\xfe")
    result = load_catalog(bundled=MINI, overlay=overlay, cache_dir=tmp_path / "cache")
    assert result.overlay is None
    assert "not valid UTF-8" in result.warnings[0].message


def test_the_cache_serves_a_repeat_load_and_is_rebuilt_when_stale(tmp_path: Path) -> None:
    overlay = tmp_path / "catalog.toml"
    overlay.write_text(COURSE.format(prereqs=""))
    cache = tmp_path / "cache"
    first = load_catalog(bundled=MINI, overlay=overlay, cache_dir=cache)
    second = load_catalog(bundled=MINI, overlay=overlay, cache_dir=cache)
    assert (first.from_cache, second.from_cache) == (False, True)
    assert second.catalog == first.catalog
    # A changed overlay misses the cache; a corrupt cache file is rebuilt, not trusted.
    overlay.write_text(COURSE.format(prereqs="").replace('"New"', '"Changed"'))
    third = load_catalog(bundled=MINI, overlay=overlay, cache_dir=cache)
    assert not third.from_cache
    assert third.catalog.by_id["course-new"].title == "Changed"  # type: ignore[union-attr]
    (cache_file,) = cache.glob("catalog-*.pickle")
    cache_file.write_bytes(cache_file.read_bytes()[:-40])
    fourth = load_catalog(bundled=MINI, overlay=overlay, cache_dir=cache)
    assert not fourth.from_cache
    assert fourth.catalog == third.catalog


class _Trap:
    """Pickles to a call of `os.system`: the cache reader must refuse it, never run it."""

    def __reduce__(self) -> tuple[object, tuple[str]]:
        import os

        return (os.system, ("touch hacked",))


def _text(value: str) -> bytes:
    """A pickle opcode pushing a short string, written by hand."""
    return b"\x8c" + bytes([len(value)]) + value.encode()


_DOTTED_EVAL = (
    # eval("open('hacked', 'w')"), `eval` reached by a dotted name from the models' module
    # (protocol 4 resolves "a.b.c" attribute by attribute).
    b"\x80\x04"
    + _text("mlroute.catalog.models")
    + _text("dataclasses.builtins.eval")
    + b"\x93"  # STACK_GLOBAL
    + _text("open('hacked', 'w')")
    + b"\x85R."  # TUPLE1, REDUCE, STOP
)


@pytest.mark.parametrize(
    "content",
    [
        pickle.dumps(("courses", _Trap())),
        _DOTTED_EVAL,
        pickle.dumps({"courses": ()}),  # another shape
        pickle.dumps(("courses", ("not an entry",))),
        pickle.dumps(("end", {})),  # the end alone: every record missing
        b"\x80\x04\x95" + b"\xff" * 8,  # a frame longer than memory (OverflowError)
        b"\x80\x04\x8d" + b"\xff" * 7 + b"\x0f",  # a string too long to allocate (MemoryError)
        b"",
    ],
    ids=[
        "foreign-callable",
        "dotted-name",
        "another-shape",
        "wrong-entries",
        "records-missing",
        "overflow",
        "memory",
        "empty",
    ],
)
def test_a_cache_that_is_not_a_catalog_is_a_miss(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, content: bytes
) -> None:
    monkeypatch.chdir(tmp_path)
    cache = tmp_path / "cache"
    first = load_catalog(bundled=MINI, use_overlay=False, cache_dir=cache)
    (cache_file,) = cache.glob("catalog-*.pickle")
    cache_file.write_bytes(content)
    second = load_catalog(bundled=MINI, use_overlay=False, cache_dir=cache)
    assert not second.from_cache
    assert second.catalog == first.catalog
    assert not (tmp_path / "hacked").exists()
    assert load_catalog(bundled=MINI, use_overlay=False, cache_dir=cache).from_cache  # rewritten


def test_a_cut_short_cache_is_a_miss(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    overlay = tmp_path / "catalog.toml"
    overlay.write_text(_large_overlay(1_200))
    first = load_catalog(bundled=MINI, overlay=overlay, cache_dir=cache)
    (cache_file,) = cache.glob("catalog-*.pickle")
    whole = cache_file.read_bytes()
    for end in (len(whole) // 3, len(whole) - 1):
        cache_file.write_bytes(whole[:end])
        again = load_catalog(bundled=MINI, overlay=overlay, cache_dir=cache)
        assert not again.from_cache
        assert again.catalog == first.catalog


def test_an_empty_overlay_is_never_served_the_cache_of_none(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    load_catalog(bundled=MINI, use_overlay=False, cache_dir=cache)
    empty = tmp_path / "catalog.toml"
    empty.write_text("")
    result = load_catalog(bundled=MINI, overlay=empty, cache_dir=cache)
    assert not result.from_cache
    assert result.overlay is None
    assert [problem.message for problem in result.warnings] == ["file is empty"]


def test_the_cache_key_follows_the_model_code(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A pickle holds objects of the model classes as they were: other model code must miss."""
    cache = tmp_path / "cache"
    load_catalog(bundled=MINI, use_overlay=False, cache_dir=cache)
    assert load_catalog(bundled=MINI, use_overlay=False, cache_dir=cache).from_cache
    monkeypatch.setattr(loader, "_models_source", lambda: b"class Course: ...")
    assert not load_catalog(bundled=MINI, use_overlay=False, cache_dir=cache).from_cache
    assert len(list(cache.glob("catalog-*"))) == 1  # the old one removed


def test_a_missing_overlay_is_no_warning(tmp_path: Path) -> None:
    result = load_catalog(bundled=MINI, overlay=tmp_path / "absent.toml", cache_dir=tmp_path)
    assert (result.overlay, result.warnings) == (None, ())


def _large_overlay(count: int) -> str:
    """An overlay well over the size at which files are read in parts."""
    body = "A description long enough to make a large file with few entries. " * 3
    return "schema_version = 1\n" + "".join(
        COURSE.format(prereqs="")
        .replace("course-new", f"course-{i}")
        .replace('"D"', f'"{body}{i}"')
        .replace(
            "[[courses]]", "[[courses]]  # a comment after the header" if i % 7 else "[[courses]]"
        )
        for i in range(count)
    )


def test_a_large_file_read_in_parts_equals_the_file_read_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = _large_overlay(1_300)
    assert len(text) > loader.PARTS_ABOVE
    in_parts = loader._validate_in_parts(text)
    assert in_parts is not None
    monkeypatch.setattr(loader, "PARTS_ABOVE", len(text))
    whole = loader._validate(text, "overlay.toml")
    assert in_parts == whole
    assert [course.id for course in in_parts.courses][-1] == "course-1299"


def test_a_mistake_deep_in_a_large_file_is_located_as_in_a_small_one(tmp_path: Path) -> None:
    text = _large_overlay(1_300)
    broken = text.replace('id = "course-1234"\ntitle = "New"', 'id = "course-1234"\ntitel = "New"')
    problems = _problems(tmp_path, broken)
    line = broken[: broken.index("titel")].count("\n") + 1
    header = line - 2  # a missing field is reported on its table's header, as in small files
    assert problems == [
        f"{header}: courses.1234.title: required field is missing",
        f"{line}: courses.1234.titel: unknown field",
    ]


def test_entries_before_the_first_header_make_the_file_read_whole(tmp_path: Path) -> None:
    """A static array of one kind before the first header, and a `[[faq]]` table of that kind
    after a cut: each part parses, but TOML refuses the whole file, and so must the loader."""
    fields = 'question = "Q", answer = "A", source = "s", last_verified = 2026-11-25'
    preamble = f'faq = [{{ id = "faq-a", {fields} }}]\n'
    later = f'\n[[faq]]\nid = "faq-b"\n{fields.replace(", ", chr(10))}\n'
    text = _large_overlay(1_300).replace("schema_version = 1\n", "schema_version = 1\n" + preamble)
    text += later
    assert loader._validate_in_parts(text) is None
    problems = _problems(tmp_path, text)
    assert any("TOML syntax error" in problem for problem in problems), problems


def test_a_cut_inside_a_multiline_string_makes_the_file_read_whole() -> None:
    """A line reading `[[courses]]` inside the 500th entry's description falls where the first
    cut goes: the part before it ends inside the string, so the file is read whole."""
    text = _large_overlay(1_300)
    start = text.index("description = ", text.index('id = "course-499"\n'))
    end = text.index("\n", start) + 1
    fake = 'description = """A course.\n[[courses]]\nid = "not-a-course"\n"""\n'
    text = text[:start] + fake + text[end:]
    headers = [match.start() for match in loader._ENTRY_HEADER.finditer(text)]
    assert headers[loader.ENTRIES_PER_PART] == text.index("A course.\n") + len("A course.\n")
    assert loader._validate_in_parts(text) is None
    catalog = loader._validate(text, "overlay.toml")
    assert len(catalog.courses) == 1_300
    assert "[[courses]]" in catalog.courses[499].description
