"""Ranked text search over FAQ entries and articles, shared by `mlroute faq` and the TUI reader.

Pure and headless. Relevance weighs matches in the title above tags above the body, by how
rare each query word is (idf), with a little stemming and a few synonyms so that a paraphrase
of a question finds it.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass

_WORD = re.compile(r"[a-z0-9]+")

_STOP = frozenset(
    [
        "a",
        "an",
        "and",
        "are",
        "as",
        "at",
        "be",
        "by",
        "can",
        "do",
        "does",
        "for",
        "from",
        "get",
        "how",
        "i",
        "if",
        "in",
        "is",
        "it",
        "its",
        "me",
        "my",
        "of",
        "on",
        "or",
        "should",
        "so",
        "that",
        "the",
        "this",
        "to",
        "vs",
        "what",
        "when",
        "which",
        "who",
        "why",
        "will",
        "with",
        "without",
        "you",
        "your",
        "just",
        "really",
    ]
)

# Words a reader might use for the same idea; each maps to the stems the catalog uses.
_SYNONYMS: dict[str, tuple[str, ...]] = {
    "cheap": ("cheapest", "cost", "afford", "budget"),
    "cheapest": ("cost", "afford", "budget"),
    "inexpensive": ("cheapest", "cost", "afford"),
    "expensive": ("cheapest", "cost", "price"),
    "cheaper": ("cheapest", "cost"),
    "lowest": ("cheapest",),
    "least": ("cheapest",),
    "affordable": ("cheapest", "cost", "afford"),
    "price": ("cost", "tuition"),
    "pay": ("cost", "paid"),
    "money": ("cost", "budget"),
    "tuition": ("cost",),
    "long": ("duration", "time", "year", "month"),
    "duration": ("time", "year", "month"),
    "fast": ("time", "month", "quick"),
    "quick": ("time", "month", "fast"),
    "time": ("duration", "year", "month"),
    "employer": ("hire", "hiring", "respect", "recruiter"),
    "employers": ("hire", "hiring", "respect", "recruiter"),
    "recruiter": ("hire", "hiring", "employer"),
    "hire": ("job", "hiring", "employer"),
    "job": ("hire", "hiring", "career", "employ"),
    "work": ("job", "career"),
    "career": ("job",),
    "value": ("respect", "worth"),
    "worth": ("respect", "value"),
    "recognized": ("respect", "recogni"),
    "respected": ("respect",),
    "credible": ("respect", "credential"),
    "need": ("prerequisite", "require"),
    "requirement": ("prerequisite", "require"),
    "requirements": ("prerequisite", "require"),
    "prereqs": ("prerequisite",),
    "before": ("prerequisite",),
    "math": ("linear", "algebra", "calculus", "probability"),
    "maths": ("linear", "algebra", "calculus", "probability"),
    "free": ("audit", "cost", "low"),
    "mooc": ("course", "coursera", "edx"),
    "moocs": ("course", "coursera", "edx"),
    "degree": ("master", "masters"),
    "masters": ("master", "degree"),
    "msc": ("master", "degree"),
    "ms": ("master", "degree"),
    "diploma": ("degree", "credential"),
    "certificate": ("certificate", "credential"),
    "without": ("no",),
    "portfolio": ("project",),
    "projects": ("project", "portfolio"),
}


def stem(word: str) -> str:
    """A light stemmer: enough to match plural and -ing/-ed forms."""
    for suffix in ("ing", "ied", "ies", "ed", "es", "s"):
        if len(word) > len(suffix) + 3 and word.endswith(suffix):
            return word[: -len(suffix)] + ("y" if suffix in ("ied", "ies") else "")
    return word


def terms(text: str) -> list[str]:
    """Lowercase stems of the meaningful words in `text`."""
    return [stem(w) for w in _WORD.findall(text.lower()) if w not in _STOP]


def expand(query: str) -> dict[str, float]:
    """Query stems with weights: the words typed weigh 1, their synonyms 0.5."""
    weights: dict[str, float] = {}
    for word in _WORD.findall(query.lower()):
        if word in _STOP:
            continue
        weights[stem(word)] = 1.0
        for synonym in _SYNONYMS.get(word, ()):
            weights.setdefault(stem(synonym), 0.5)
    return weights


@dataclass(frozen=True)
class Document:
    """A searchable text: its id and the fields relevance is computed over."""

    id: str
    """The catalog id."""
    title: str
    """Question or title."""
    tags: tuple[str, ...]
    """Search tags."""
    body: str
    """Answer or article body."""


@dataclass(frozen=True)
class Hit:
    """A ranked search result."""

    id: str
    """The catalog id."""
    score: float
    """Relevance; higher is better."""


_FIELD_WEIGHTS = (3.0, 2.0, 1.0)


class Index:
    """A precomputed index over documents; `search` is cheap."""

    def __init__(self, documents: Sequence[Document]) -> None:
        self._docs = [
            (
                doc.id,
                (set(terms(doc.title)), set(terms(" ".join(doc.tags))), _counts(terms(doc.body))),
                doc.title.lower(),
            )
            for doc in documents
        ]
        frequency: dict[str, int] = {}
        for _, (title, tags, body), _ in self._docs:
            for term in title | tags | set(body):
                frequency[term] = frequency.get(term, 0) + 1
        total = max(len(self._docs), 1)
        self._idf = {t: math.log(1 + total / n) for t, n in frequency.items()}

    def search(self, query: str, limit: int | None = None) -> list[Hit]:
        """Documents matching `query`, best first; an empty query matches nothing."""
        wanted = expand(query)
        if not wanted:
            return []
        phrase = query.lower().strip()
        hits = []
        for doc_id, (title, tags, body), title_text in self._docs:
            score = 0.0
            for term, weight in wanted.items():
                idf = self._idf.get(term)
                if idf is None:
                    continue
                found = (
                    _FIELD_WEIGHTS[0] * (term in title)
                    + _FIELD_WEIGHTS[1] * (term in tags)
                    + _FIELD_WEIGHTS[2] * min(body.get(term, 0), 3) / 3
                )
                score += weight * idf * found
            if phrase and phrase in title_text:
                score *= 1.5
            if score > 0:
                hits.append(Hit(doc_id, round(score, 4)))
        hits.sort(key=lambda hit: (-hit.score, hit.id))
        return hits[:limit] if limit else hits


def _counts(words: list[str]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for word in words:
        counts[word] = counts.get(word, 0) + 1
    return counts
