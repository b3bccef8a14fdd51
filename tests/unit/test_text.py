"""Making file text safe to show, and cutting it to a width."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from mlroute.text import clean, cut


def test_clean_drops_escape_sequences_and_bells_but_keeps_newlines() -> None:
    assert clean("a\x1b[2Jb\x07\tc\nd") == "a[2Jb\tc\nd"


@given(st.text(max_size=40), st.integers(min_value=0, max_value=45))
def test_cut_fits_the_width_and_marks_a_cut(text: str, width: int) -> None:
    shown = cut(text, width)
    assert len(shown) <= width
    if len(text) <= width:
        assert shown == text
    elif width:
        assert shown == text[: width - 1] + "…"
