"""Making file text safe to show, and cutting it to a width."""

from __future__ import annotations

import sys
import unicodedata

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


def test_clean_shows_bidi_controls_and_invisible_characters_by_their_code() -> None:
    shown = clean("Free \u202eeerged\u202c course\u200b \u2066x\u2069\ufeff\u00ad")
    assert shown == ("Free <U+202E>eerged<U+202C> course<U+200B> <U+2066>x<U+2069><U+FEFF><U+00AD>")


def test_clean_shows_line_separators_and_lone_surrogates() -> None:
    assert clean("a\u2028b\u2029c\udcff") == "a<U+2028>b<U+2029>c<U+DCFF>"


def test_clean_keeps_printable_text_tabs_and_newlines() -> None:
    text = "Ünïcode — 日本語 ✓\tand\nlines"
    assert clean(text) == text


def test_every_format_character_is_shown() -> None:
    """The list of invisible characters against this Python's Unicode data: every format
    character (category Cf), separator line or paragraph (Zl, Zp) and surrogate (Cs)."""
    missed = [
        f"U+{code:04X}"
        for code in range(sys.maxunicode + 1)
        if unicodedata.category(chr(code)) in ("Cf", "Zl", "Zp", "Cs")
        and clean(chr(code)) != f"<U+{code:04X}>"
    ]
    assert missed == []


@given(st.text(max_size=40))
def test_cleaned_text_has_nothing_invisible_left(text: str) -> None:
    shown = clean(text)
    assert all(
        char in "\t\n" or unicodedata.category(char) not in ("Cc", "Cf", "Zl", "Zp", "Cs")
        for char in shown
    )
