"""A bar chart of the factors' contributions, toward the degree on the left and courses on the
right, drawn in the terminal. Each bar is labelled with its factor and the side it pulls to, so
nothing depends on colour alone.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget

from mlroute.text import clean, cut


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


VALUE_WIDTH = len(" 10.0 → courses")
"""Cells for a bar's points and side, after the bar."""

MIN_HALF = len("degree ◀") + 1
"""The narrowest half-axis that still fits its heading."""

MAX_NAME = 34
"""Names are never given more cells than this; the bars take the rest."""

MIN_NAME = 18
"""Below this many cells for the name, each bar takes two lines instead of one."""


@dataclass(frozen=True)
class Layout:
    """How the chart fits a width."""

    two_lines: bool
    """Each factor's name and points on one line, its bar on the next (narrow widths)."""
    name_width: int
    """Cells for the factor's name (on the bar's line, or on its own line when two_lines)."""
    half: int
    """Cells on each side of the axis."""

    @property
    def rows_per_bar(self) -> int:
        """Lines each factor takes."""
        return 2 if self.two_lines else 1


def layout(width: int, names: Sequence[str]) -> Layout:
    """Fit the chart to `width` cells: one line per factor when the name and a usable bar fit,
    else two."""
    longest = max((len(name) for name in names), default=8)
    fixed = 1 + 1 + 1 + VALUE_WIDTH  # marker, space after the name, axis, points
    name_width = min(longest, MAX_NAME, max(width - fixed - 2 * MIN_HALF, 0))
    if name_width >= min(longest, MIN_NAME):
        return Layout(False, name_width, (width - fixed - name_width) // 2)
    return Layout(True, max(width - 1 - VALUE_WIDTH, 1), max((width - 2) // 2, 1))


def fit(text: str, width: int) -> str:
    """`text` padded or cut to exactly `width` cells, with an ellipsis where it was cut."""
    return cut(text, width).ljust(width)


class FactorBars(Widget, can_focus=True):
    """Factor bars around a centre axis; ↑/↓ or a click select a bar and show its reason.

    Fits any width: names are cut with an ellipsis only when they must be, and below about 50
    cells each factor's bar moves to a line of its own under its name.
    """

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

    def _layout(self, width: int) -> Layout:
        return layout(width, [clean(bar.name) for bar in self.bars])

    def get_content_height(self, container: object, viewport: object, width: int) -> int:
        # A heading, the bars (or the line saying there are none), and a blank line.
        return 2 + max(len(self.bars) * self._layout(width).rows_per_bar, 1)

    def action_move(self, step: int) -> None:
        if self.bars:
            self.select(self.selected + step)

    def select(self, index: int) -> None:
        """Select the bar at `index` (wrapping around) and say so."""
        self.selected = index % len(self.bars)
        self.post_message(self.Selected(self.bars[self.selected]))

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None or not self.bars:
            return
        index = (offset.y - 1) // self._layout(self.size.width).rows_per_bar
        if 0 <= index < len(self.bars):
            self.select(index)

    def render(self) -> Text:
        width = max(self.size.width, 1)
        shape = self._layout(width)
        half = shape.half
        scale = max((abs(b.contribution) for b in self.bars), default=1.0) or 1.0
        text = Text(no_wrap=True, overflow="crop")
        axis = "degree ◀".rjust(half) + "│▶ courses"
        header = " " + axis if shape.two_lines else "Factor".ljust(shape.name_width + 2) + axis
        text.append(fit(header, width) + "\n", style="bold")
        degree_style = self.app.theme_variables.get("primary", "blue")
        courses_style = self.app.theme_variables.get("accent", "yellow")
        for index, bar in enumerate(self.bars):
            cells = round(abs(bar.contribution) / scale * half)
            if bar.contribution > 0:
                left, right, side = ("█" * cells).rjust(half), " " * half, "degree"
            else:
                left, right, side = " " * half, ("█" * cells).ljust(half), "courses"
            current = index == self.selected and self.has_focus
            marker = "›" if current else " "
            name = fit(clean(bar.name), shape.name_width)
            points = f" {abs(bar.contribution):4.1f} → {side}".ljust(VALUE_WIDTH)
            text.append(f"{marker}{name}", style="reverse" if current else "")
            if shape.two_lines:
                text.append(points + "\n ")
            else:
                text.append(" ")
            text.append(left, style=degree_style)
            text.append("│")
            text.append(right, style=courses_style)
            text.append("\n" if shape.two_lines else points + "\n")
        if not self.bars:
            text.append(fit("No factor applies to these answers.", width) + "\n")
        return text

    def on_focus(self) -> None:
        if self.bars:
            self.post_message(self.Selected(self.bars[self.selected]))
