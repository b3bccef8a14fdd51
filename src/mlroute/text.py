"""Making catalog and user text safe to show: no control characters, no invisible ones."""

from __future__ import annotations

import re

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
"""C0 and C1 control characters, except tab and newline: ESC, BEL, CSI and friends."""

_INVISIBLE = re.compile(
    "["
    "\u00ad\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2\u180e"
    "\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb"
    "\U000110bd\U000110cd\U00013430-\U0001343f\U0001bca0-\U0001bca3"
    "\U0001d173-\U0001d17a\U000e0001\U000e0020-\U000e007f"
    "\u2028\u2029"
    "\ud800-\udfff"
    "]"
)
"""Characters that change how the text around them is shown without being seen themselves:
every Unicode format character (bidi overrides and isolates, zero-width spaces and joiners, the
byte-order mark, tags), the line and paragraph separators, and lone surrogates (which cannot
even be printed). A test checks the list against Python's own Unicode data."""


def _visible(found: re.Match[str]) -> str:
    return f"<U+{ord(found.group()):04X}>"


def clean(text: str) -> str:
    """Text from a file (the catalog, the user's notes) made safe to show in a terminal.

    Control characters are removed: ESC sequences lose their ESC and show as harmless
    printable characters; a carriage return becomes nothing, so it cannot overwrite what was
    printed before it. Invisible characters are shown by their code, as `<U+202E>`: a
    right-to-left override could otherwise make text read other than it is, and a zero-width
    space hide a difference between two titles. (An emoji joined by U+200D shows its parts.)
    Tabs and newlines are kept. JSON output does not go through here: it keeps the exact text.
    """
    if text.isprintable():  # nearly all text: nothing to do, decided in C
        return text
    return _INVISIBLE.sub(_visible, _CONTROL.sub("", text))


def cut(text: str, width: int) -> str:
    """`text` cut to `width` characters, ending in an ellipsis where it was cut."""
    if len(text) <= width:
        return text
    return text[: width - 1] + "…" if width > 0 else ""
