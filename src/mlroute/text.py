"""Making catalog and user text safe to show: no control characters or escape sequences."""

from __future__ import annotations

import re

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
"""C0 and C1 control characters, except tab and newline: ESC, BEL, CSI and friends."""


def clean(text: str) -> str:
    """Remove control characters so that text from a file can never drive the terminal.

    ESC sequences lose their ESC and show as harmless printable characters; a carriage
    return becomes nothing, so it cannot overwrite what was printed before it.
    """
    return _CONTROL.sub("", text)


def cut(text: str, width: int) -> str:
    """`text` cut to `width` characters, ending in an ellipsis where it was cut."""
    if len(text) <= width:
        return text
    return text[: width - 1] + "…" if width > 0 else ""
