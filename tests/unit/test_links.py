"""Which catalog addresses are opened in a browser, and what the user is told about the rest."""

from __future__ import annotations

import pytest

from mlroute.links import is_web_page, refusal


@pytest.mark.parametrize("url", ["https://example.org", "http://example.org/x", " HTTPS://a.b "])
def test_web_pages_are_opened(url: str) -> None:
    assert is_web_page(url)
    assert refusal(url) is None


@pytest.mark.parametrize(
    ("url", "kind"),
    [
        ("javascript:alert(1)", "a javascript: address"),
        ("file:///etc/passwd", "a file: address"),
        ("DATA:text/html,x", "a data: address"),
        ("example.org/page", "not a web address"),
    ],
)
def test_other_addresses_are_refused_saying_why(url: str, kind: str) -> None:
    assert not is_web_page(url)
    assert refusal(url) == (
        f"Not opened: {url} is {kind}, and only web pages (http:// or https://) are opened "
        "from the catalog."
    )


def test_no_address_is_no_web_page() -> None:
    assert refusal("") == refusal("  ") == "This entry has no web page to open."


def test_a_refused_address_is_shown_cleaned() -> None:
    message = refusal("javascript:\u202ealert\x1b[2J")
    assert message is not None
    assert "javascript:<U+202E>alert[2J" in message
