"""User-facing text says the guide's facts in our own words: no run of 8 words copied from it."""

from __future__ import annotations

import ast
import re
import tomllib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import pytest

RUN = 8
"""The shortest run of consecutive words shared with the guide that counts as a copy."""

GUIDE_NAME = Path("shared/seed/000_610e78d755665535.txt")
"""Where the guide sits, relative to the directory that holds the repository."""

DATA_FILES = ("data/catalog.toml", "data/scoring.toml")
"""Bundled data the app shows that must exist; any other TOML under data/ is checked as well."""

NON_PROSE_KEYS = frozenset(
    {
        # Where a fact comes from: naming the guide's sections is the point of these.
        "source",
        # Identifiers, links and references to other entries, never read as sentences.
        "id",
        "url",
        "related",
        "prerequisites",
        "required_foundations",
        "foundation",
        "stage",
        # Enumerations the code switches on.
        "kind",
        "signal",
        "regions",
        "delivery",
        "toward",
    }
)
"""TOML keys whose values are not prose, so the check skips them."""

NAMES = ("Cluster Analysis and Unsupervised Machine Learning in Python",)
"""Real course titles the guide names that are themselves a run: a name is not a sentence.

Each is read as one opaque word that the guide never contains, so the title itself passes
but guide wording around it still counts. Only titles of at least `RUN` words belong here.
"""

_NAME_MARK = "\0"
"""Stands in for a name's words; never produced by `words`, so never in the guide's runs."""

_APOSTROPHES = re.compile(r"['\u2019\u02bc]")
_WORD = re.compile(r"[^\W_]+")


def words(text: str) -> list[str]:
    """The words of `text`, lowercased, with punctuation and apostrophes dropped.

    Apostrophes are removed rather than split on, so "master's" and "masters" are one word on
    both sides; everything else that is not a letter or digit separates words, so a copy cannot
    hide behind changed punctuation, case or dashes.
    """
    return _WORD.findall(_APOSTROPHES.sub("", text.lower()))


class Guide:
    """Every run of `RUN` consecutive words in the guide, for looking copies up."""

    def __init__(self, text: str, run: int = RUN, names: Sequence[str] = NAMES) -> None:
        """Index the guide's text, read as one stream of words so runs may cross sentences."""
        self.run = run
        self._names = [tuple(words(name)) for name in names]
        stream = words(text)
        self._runs = {tuple(stream[i : i + run]) for i in range(len(stream) - run + 1)}

    def _masked(self, seq: list[str]) -> list[str]:
        """`seq` with each exempt name's words replaced by one mark."""
        for name in self._names:
            i = 0
            while i + len(name) <= len(seq):
                if tuple(seq[i : i + len(name)]) == name:
                    seq = [*seq[:i], _NAME_MARK, *seq[i + len(name) :]]
                i += 1
        return seq

    def shared_runs(self, text: str) -> list[str]:
        """The longest stretches of `text` made of runs found in the guide, as words."""
        seq = self._masked(words(text))
        n = self.run
        hits = [tuple(seq[i : i + n]) in self._runs for i in range(len(seq) - n + 1)]
        found: list[str] = []
        i = 0
        while i < len(hits):
            if not hits[i]:
                i += 1
                continue
            # Overlapping hits form one stretch: the fix is to reword all of it.
            j = i
            while j + 1 < len(hits) and hits[j + 1]:
                j += 1
            found.append(" ".join(seq[i : j + n]))
            i = j + 1
        return found


@dataclass(frozen=True)
class Text:
    """One piece of user-facing text and where it lives."""

    where: str
    """File and TOML key path, or file and line."""
    value: str
    """The text itself."""


def toml_texts(path: Path, label: str) -> Iterator[Text]:
    """Every string value in a TOML file outside the non-prose keys, with its key path.

    An entry of an array of tables is named by its `id` when it has one, so the path can be
    searched for in the file: `programs[gatech-omscs].cost_usd.note`.
    """
    data = tomllib.loads(path.read_text(encoding="utf-8"))

    def walk(node: object, key_path: str) -> Iterator[Text]:
        if isinstance(node, str):
            yield Text(f"{label}: {key_path}", node)
        elif isinstance(node, dict):
            for key, value in node.items():
                if key not in NON_PROSE_KEYS:
                    yield from walk(value, f"{key_path}.{key}" if key_path else key)
        elif isinstance(node, list):
            for index, item in enumerate(node):
                name = item.get("id") if isinstance(item, dict) else None
                yield from walk(item, f"{key_path}[{name if isinstance(name, str) else index}]")

    yield from walk(data, "")


def _docstrings(tree: ast.AST) -> set[int]:
    """The ids of string constants that are docstrings: any bare string expression statement.

    That covers module, class and function docstrings and the attribute docstrings the house
    style puts under fields; none of them is shown to a user.
    """
    return {
        id(node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Expr)
        and isinstance(node.value, ast.Constant)
        and isinstance(node.value.value, str)
    }


def python_texts(path: Path, label: str) -> Iterator[Text]:
    """Every string literal in a Python file except docstrings, with its line.

    The constant parts of an f-string are separate nodes, so each is checked on its own: a
    placeholder between them stands for words of ours.
    """
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    skip = _docstrings(tree)
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in skip:
            yield Text(f"{label}:{node.lineno}", node.value)


def offences(guide: Guide, texts: Sequence[Text]) -> list[str]:
    """One line per copied stretch: where it is, and the words it shares with the guide."""
    return [
        f"{text.where}: {len(run.split())} words: {run!r}"
        for text in texts
        for run in guide.shared_runs(text.value)
    ]


def _repo_root() -> Path:
    """The checkout this test belongs to: the nearest directory above it with pyproject.toml."""
    here = Path(__file__).resolve()
    return next(parent for parent in here.parents if (parent / "pyproject.toml").is_file())


def _find_guide(start: Path = Path(__file__)) -> Path | None:
    """The guide beside the repository (walking up from `start`), or None in a bare clone."""
    for parent in start.resolve().parents:
        candidate = parent / GUIDE_NAME
        if candidate.is_file():
            return candidate
    return None


@pytest.fixture(scope="module")
def guide() -> Guide:
    """The guide's index, or a skip when the guide is not beside this checkout."""
    path = _find_guide()
    if path is None:
        pytest.skip(
            f"the source guide ({GUIDE_NAME}) is not in any directory above this checkout, "
            "so there is nothing to compare the app's text with (a clone without shared/)"
        )
    return Guide(path.read_text(encoding="utf-8"))


def _fail_on(found: list[str], what: str) -> None:
    if found:
        pytest.fail(
            f"{len(found)} stretch(es) of {what} repeat {RUN}+ consecutive words of the guide; "
            "keep the facts, reword the sentence:\n" + "\n".join(found),
            pytrace=False,
        )


def test_the_bundled_data_is_in_our_own_words(guide: Guide) -> None:
    root = _repo_root()
    # The wheel ships all of data/, so a new file there is user-facing too.
    names = sorted(
        {*DATA_FILES, *(p.relative_to(root).as_posix() for p in root.glob("data/**/*.toml"))}
    )
    texts = [text for name in names for text in toml_texts(root / name, name)]
    assert texts, "no strings found in the bundled data"
    _fail_on(offences(guide, texts), "the bundled data")


def test_the_apps_strings_are_in_our_own_words(guide: Guide) -> None:
    root = _repo_root()
    files = sorted((root / "src" / "mlroute").rglob("*.py"))
    assert files, "no source files found"
    texts = [text for path in files for text in python_texts(path, str(path.relative_to(root)))]
    _fail_on(offences(guide, texts), "the app's string constants")


# The matcher itself, on a small guide of its own so these run without the real one.

SAMPLE_GUIDE = (
    "Georgia Tech's Online MS in Computer Science received over 12,000 applications last "
    "year. The ML-track acceptance rate has dropped below 30%."
)


def test_words_ignore_case_punctuation_and_apostrophes() -> None:
    assert words("Georgia Tech's ML-track — “below 30%”!") == [
        "georgia",
        "techs",
        "ml",
        "track",
        "below",
        "30",
    ]


def test_a_copied_sentence_is_caught_whatever_its_case_and_punctuation() -> None:
    copy = "As they say: GEORGIA TECH\u2019S online MS in computer-science received over 12,000!"
    assert Guide(SAMPLE_GUIDE).shared_runs(copy) == [
        "georgia techs online ms in computer science received over 12 000"
    ]


def test_a_run_across_the_guides_sentences_is_caught() -> None:
    assert Guide(SAMPLE_GUIDE).shared_runs(
        "12,000 applications last year. The ML-track acceptance rate"
    ) == ["12 000 applications last year the ml track acceptance rate"]


def test_a_paraphrase_with_the_same_facts_passes() -> None:
    paraphrase = (
        "Last year more than 12,000 people applied to Georgia Tech's online computer science "
        "master's, and fewer than 30% of applicants to its ML track got in."
    )
    assert Guide(SAMPLE_GUIDE).shared_runs(paraphrase) == []


def test_seven_shared_words_are_not_a_copy_but_eight_are() -> None:
    guide = Guide(SAMPLE_GUIDE)
    # "ML-track" is two words, so this is seven, then eight.
    assert guide.shared_runs("The ML-track acceptance rate has dropped, we hear") == []
    assert guide.shared_runs("The ML-track acceptance rate has dropped below, we hear") == [
        "the ml track acceptance rate has dropped below"
    ]


def test_two_separate_copies_are_reported_separately() -> None:
    text = (
        "Georgia Tech's Online MS in Computer Science received over, and then, "
        "the ML-track acceptance rate has dropped below 30%."
    )
    assert Guide(SAMPLE_GUIDE).shared_runs(text) == [
        "georgia techs online ms in computer science received over",
        "the ml track acceptance rate has dropped below 30",
    ]


def test_an_exempt_title_passes_but_copied_words_around_it_do_not() -> None:
    title = "Cluster Analysis and Unsupervised Machine Learning in Python"
    text = f"{title}\nUnsupervised learning is frequently undercovered in structured programs."
    assert Guide(text, names=()).shared_runs(f"Take {title}.") != []
    guide = Guide(text, names=(title,))
    assert guide.shared_runs(f"Take {title}.") == []
    assert guide.shared_runs(
        f"{title}: unsupervised learning is frequently undercovered in structured programs"
    ) == ["unsupervised learning is frequently undercovered in structured programs"]


def test_docstrings_are_skipped_but_other_strings_and_f_string_parts_are_read(
    tmp_path: Path,
) -> None:
    source = tmp_path / "module.py"
    source.write_text(
        '"""Module docstring."""\n'
        "class A:\n"
        '    """Class docstring."""\n'
        "    x: int = 1\n"
        '    """Attribute docstring."""\n'
        "def f(n: int) -> str:\n"
        '    """Function docstring."""\n'
        '    label = "a label"\n'
        '    return f"before {n} after"\n',
        encoding="utf-8",
    )
    found = {(text.where, text.value) for text in python_texts(source, "m.py")}
    assert found == {("m.py:8", "a label"), ("m.py:9", "before "), ("m.py:9", " after")}


def test_the_guide_is_found_beside_the_checkout_or_not_at_all(tmp_path: Path) -> None:
    test_file = tmp_path / "work" / "main" / "tests" / "unit" / "test_x.py"
    test_file.parent.mkdir(parents=True)
    test_file.write_text("", encoding="utf-8")
    assert _find_guide(test_file) is None
    guide = tmp_path / "work" / GUIDE_NAME
    guide.parent.mkdir(parents=True)
    guide.write_text("the guide", encoding="utf-8")
    assert _find_guide(test_file) == guide.resolve()


def test_toml_paths_name_entries_by_id_and_skip_non_prose_keys(tmp_path: Path) -> None:
    data = tmp_path / "c.toml"
    data.write_text(
        "[[programs]]\n"
        'id = "p1"\n'
        'source = "Guide: a section"\n'
        'url = "https://example.org/"\n'
        'admission = ["first", "second"]\n'
        'cost_usd = { min = 1, note = "a note" }\n',
        encoding="utf-8",
    )
    found = [(text.where, text.value) for text in toml_texts(data, "c.toml")]
    assert found == [
        ("c.toml: programs[p1].admission[0]", "first"),
        ("c.toml: programs[p1].admission[1]", "second"),
        ("c.toml: programs[p1].cost_usd.note", "a note"),
    ]
