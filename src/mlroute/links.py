"""Which addresses mlroute opens in a browser (web pages only), and why it will not open others."""

from __future__ import annotations

from mlroute.text import clean

WEB_SCHEMES = ("https://", "http://")
"""What counts as a web page: anything else (javascript:, file:, data:) is never opened."""


def is_web_page(url: str) -> bool:
    """True for an http or https address, the only kind opened in a browser."""
    return url.strip().lower().startswith(WEB_SCHEMES)


def refusal(url: str) -> str | None:
    """Why `url` will not be opened, in a sentence for the user; None when it will be."""
    shown = clean(url).strip()
    if not shown:
        return "This entry has no web page to open."
    if is_web_page(url):
        return None
    scheme, colon, _ = shown.partition(":")
    if colon and scheme.isascii() and scheme.replace("+", "").replace("-", "").isalnum():
        kind = f"a {scheme.lower()}: address"
    else:
        kind = "not a web address"
    return (
        f"Not opened: {shown} is {kind}, and only web pages (http:// or https://) are opened "
        "from the catalog."
    )
