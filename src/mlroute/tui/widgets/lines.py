"""Helpers for the Line API widgets (`CatalogList`, `QuestionList`)."""

from __future__ import annotations

from rich.console import Console
from rich.style import Style
from rich.text import Text
from textual.strip import Strip


def text_strip(text: Text, width: int, base: Style, console: Console) -> Strip:
    """One line of `text`, cut or padded to `width`, on the widget's base style."""
    segments = list(text.render(console))
    return Strip(segments).adjust_cell_length(width, base).apply_style(base)
