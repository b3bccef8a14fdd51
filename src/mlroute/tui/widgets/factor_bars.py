"""A bar chart of the factors' contributions, toward the degree on the left and courses on the
right, drawn in the terminal. Each bar is labelled with its factor and the side it pulls to, so
nothing depends on colour alone.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rich.text import Text
from textual.binding import Binding
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget

from mlroute.text import clean


@dataclass(frozen=True)
class Bar:
    """One factor as the chart draws it."""

    id: str
    """Factor id."""
    name: str
    """Factor name."""
    contribution: float
    """Signed points: positive toward the degree, negative toward courses."""
    reason: str
    """Why, in words; shown when the bar is selected."""


class FactorBars(Widget, can_focus=True):
    """Factor bars around a centre axis; ↑/↓ select a bar and show its reason."""

    BINDINGS = [
        Binding("up", "move(-1)", "Previous factor", show=False),
        Binding("down", "move(1)", "Next factor", show=False),
    ]

    class Selected(Message):
        """A bar was selected."""

        def __init__(self, bar: Bar) -> None:
            super().__init__()
            self.bar = bar
            """The selected factor."""

    bars: reactive[tuple[Bar, ...]] = reactive((), layout=True)
    """The factors to draw, largest first; only those that contribute are shown."""
    selected: reactive[int] = reactive(0)
    """Index of the selected bar."""

    def watch_bars(self, bars: Sequence[Bar]) -> None:
        if self.selected >= len(bars):
            self.selected = max(len(bars) - 1, 0)

    def get_content_height(self, container: object, viewport: object, width: int) -> int:
        return len(self.bars) + 2

    def action_move(self, step: int) -> None:
        if self.bars:
            self.selected = (self.selected + step) % len(self.bars)
            self.post_message(self.Selected(self.bars[self.selected]))

    def render(self) -> Text:
        width = max(self.size.width, 40)
        name_width = min(26, max((len(b.name) for b in self.bars), default=8))
        value_width = len(" 10.0 → courses")
        half = max((width - name_width - value_width - 3) // 2, 4)
        scale = max((abs(b.contribution) for b in self.bars), default=1.0) or 1.0
        text = Text(no_wrap=True, overflow="ellipsis")
        header = "Factor".ljust(name_width + 1) + "degree ◀".rjust(half) + "│▶ courses"
        text.append(header + "\n", style="bold")
        for index, bar in enumerate(self.bars):
            cells = round(abs(bar.contribution) / scale * half)
            if bar.contribution > 0:
                left, right, side = ("█" * cells).rjust(half), " " * half, "degree"
            else:
                left, right, side = " " * half, ("█" * cells).ljust(half), "courses"
            marker = "›" if index == self.selected and self.has_focus else " "
            name = clean(bar.name)[:name_width].ljust(name_width)
            line_style = "reverse" if index == self.selected and self.has_focus else ""
            text.append(f"{marker}{name}", style=line_style)
            text.append(left, style=self.app.theme_variables.get("primary", "blue"))
            text.append("│")
            text.append(right, style=self.app.theme_variables.get("accent", "yellow"))
            text.append(f" {abs(bar.contribution):4.1f} → {side}\n")
        if not self.bars:
            text.append("No factor applies to these answers.\n")
        return text

    def on_focus(self) -> None:
        if self.bars:
            self.post_message(self.Selected(self.bars[self.selected]))
