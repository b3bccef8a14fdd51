"""Did-you-mean for a catalog search that found nothing: Textual's fuzzy matcher over titles."""

from __future__ import annotations

from mlroute.tui.suggest import corrected, did_you_mean, vocabulary

TITLES = [
    "Mathematics for Machine Learning: Linear Algebra",
    "Statistics 110: Probability",
    "Practical Deep Learning for Coders",
    "Python for Everybody",
]


def test_letters_left_out_are_forgiven_by_the_fuzzy_matcher() -> None:
    assert did_you_mean("probabilty", TITLES)[0] == "Statistics 110: Probability"


def test_letters_mistyped_are_corrected_to_title_words_first() -> None:
    assert corrected("lenear algebra", vocabulary(TITLES)) == "linear algebra"
    assert did_you_mean("lenear algebra", TITLES) == [TITLES[0]]


def test_nothing_close_offers_nothing_and_the_limit_holds() -> None:
    assert did_you_mean("zzqx", TITLES) == []
    assert did_you_mean("   ", TITLES) == []
    assert len(did_you_mean("o", TITLES, limit=2)) == 2
