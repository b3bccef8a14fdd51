"""Did-you-mean for a catalog search that found nothing, by Textual's fuzzy matcher."""

from __future__ import annotations

import difflib
import re
from collections.abc import Sequence

from textual.fuzzy import Matcher

_WORD = re.compile(r"[^\W_]+")


def vocabulary(titles: Sequence[str]) -> list[str]:
    """Every word of the titles, lower case, once each (for correcting a query's words)."""
    return sorted({word.casefold() for title in titles for word in _WORD.findall(title)})


def corrected(query: str, words: Sequence[str]) -> str:
    """The query with each word not in `words` replaced by the closest one that is, if any
    is close: "lenear algebra" -> "linear algebra"."""
    known = set(words)
    fixed = []
    for word in _WORD.findall(query.casefold()):
        close = [] if word in known else difflib.get_close_matches(word, words, n=1, cutoff=0.7)
        fixed.append(close[0] if close else word)
    return " ".join(fixed)


def did_you_mean(
    query: str, titles: Sequence[str], words: Sequence[str] | None = None, limit: int = 3
) -> list[str]:
    """Up to `limit` titles for a query that matched nothing, best first.

    Textual's fuzzy matcher (the command palette's) scores each title first against the query
    as typed, which forgives letters left out ("probabilty"); when no title matches, against the
    query with its words corrected to title words, which forgives letters mistyped ("lenear").
    """
    query = query.strip()
    if not query:
        return []
    attempts = [query]
    fixed = corrected(query, vocabulary(titles) if words is None else words)
    if fixed and fixed != query.casefold():
        attempts.append(fixed)
    for attempt in attempts:
        matcher = Matcher(attempt)
        scored = [(score, title) for title in titles if (score := matcher.match(title)) > 0]
        if scored:
            scored.sort(key=lambda pair: -pair[0])
            found: list[str] = []
            for _, title in scored:
                if title not in found:
                    found.append(title)
                if len(found) == limit:
                    break
            return found
    return []
