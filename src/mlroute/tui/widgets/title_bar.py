"""The header: the screen's title and the app's subtitle on one line, drawn by one widget.

Textual's `Header` composes three widgets of its own and sets its title after the first
refresh, which costs the first screen a second paint; this draws the same line (with the
palette icon on the left, clickable) in one `render`.
"""

from __future__ import annotations

from rich.text import Text
from textual import events
from textual.widget import Widget

ICON = "⭘"
"""Clicking it opens the command palette, as in Textual's own header."""


class TitleBar(Widget, can_focus=False):
    """`Screen title — app subtitle`, centred, with the palette icon on the left."""

    ALLOW_SELECT = False
    DEFAULT_CSS = """
    TitleBar {
        dock: top;
        width: 100%;
        height: 1;
        background: $panel;
        color: $foreground;
    }
    """

    def on_mount(self) -> None:
        self.watch(self.screen, "title", self._changed, init=False)
        self.watch(self.screen, "sub_title", self._changed, init=False)

    def _changed(self) -> None:
        self.refresh()

    @property
    def title_text(self) -> str:
        """What the bar says (the screen's title, else the app's; then the subtitle)."""
        screen, app = self.screen, self.app
        title = screen.title or app.title
        sub_title = screen.sub_title or app.sub_title
        return f"{title} — {sub_title}" if sub_title else title

    def render(self) -> Text:
        width = self.size.width
        icon = f" {ICON} "
        title = Text(self.title_text, no_wrap=True, overflow="ellipsis", end="")
        room = max(width - 2 * len(icon), 0)
        title.truncate(room, overflow="ellipsis")
        line = Text(icon, end="", no_wrap=True)
        line.append_text(Text(title.plain.center(room), end=""))
        return line

    def on_click(self, event: events.Click) -> None:
        if event.x < len(ICON) + 2 and self.app.ENABLE_COMMAND_PALETTE:
            event.stop()
            self.app.action_command_palette()
