"""The footer: the keys of the screen on show, drawn as one line of text.

Textual's `Footer` builds a widget for every key and rebuilds them all each time the focus
moves; on the first screen that was a fifth of the start-up. `KeyBar` draws the same keys
(grouped by action, disabled ones dimmed, the palette key on the right) in one `render`, and
maps a click back to its key. When the line is short it leaves keys out in a fixed order (see
`KeyBar._layout`), so at 80 columns each screen still shows the keys its user reaches for.

Measured again on 2026-12-03 (`benchmarks/startup.py --swaps`, two runs of 25): with Textual's
`Footer` back, the first screen is ready at the same time (0 ms either way), so at start-up it
no longer earns its place by speed. It stays for what `Footer` does not do: the order in which
keys give way at 80 columns (`Command.spare`), which keeps Export and Swap in view there.
"""

from __future__ import annotations

from typing import NamedTuple

from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.screen import Screen
from textual.widget import Widget


class _Item(NamedTuple):
    """One key to draw (a `NamedTuple`, quicker to build at import than a dataclass)."""

    key: str
    """The Textual key it simulates when clicked."""
    action: str
    label: str
    """The key as shown, e.g. `^n`."""
    description: str
    enabled: bool
    tooltip: str
    app_wide: bool
    """Bound by the app rather than the screen or a widget."""
    spare: bool = False
    """Its command is marked `spare`: left out before the screen's other keys."""

    @property
    def droppable(self) -> bool:
        """An app-wide key other than help and quit: left out first when the line is short."""
        return self.app_wide and self.action not in KEPT_APP_ACTIONS

    @property
    def width(self) -> int:
        """Cells it takes drawn tight, `^n Next ` (the bar's last trailing space is not drawn)."""
        return len(self.label) + len(self.description) + 2

    @property
    def palette_width(self) -> int:
        """Cells it takes drawn as the palette key, `│ ^p palette `."""
        return len(self.label) + len(self.description) + 4


class _Key(NamedTuple):
    """One key as drawn: where it sits and what it runs."""

    start: int
    end: int
    key: str
    enabled: bool
    tooltip: str


KEPT_APP_ACTIONS = frozenset({"help", "quit"})
"""App-wide actions the bar keeps however narrow it is (help lists everything else)."""


class KeyBar(Widget, can_focus=False):
    """One line at the bottom with the keys that work here, clickable."""

    ALLOW_SELECT = False
    COMPONENT_CLASSES = {"keybar--key", "keybar--description", "keybar--hover"}
    DEFAULT_CSS = """
    KeyBar {
        dock: bottom;
        height: 1;
        color: $footer-foreground;
        background: $footer-background;
        & > .keybar--key {
            color: $footer-key-foreground;
            background: $footer-key-background;
            text-style: bold;
        }
        & > .keybar--description {
            color: $footer-description-foreground;
            background: $footer-description-background;
        }
        & > .keybar--hover {
            background: $block-hover-background;
        }
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._keys: list[_Key] = []
        self._hover: int | None = None

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, screen: Screen[object]) -> None:
        self.refresh()

    def _items(self) -> tuple[list[_Item], _Item | None]:
        """The keys to draw, one per action, and the command palette's."""
        app = self.app
        active = self.screen.active_bindings
        items: dict[str, _Item] = {}
        spares: dict[type, frozenset[str]] = {}
        for node, binding, enabled, tooltip in active.values():
            if binding.show and binding.action not in items:
                kind = type(node)
                if kind not in spares:
                    commands = getattr(node, "COMMANDS_LIST", ())
                    spares[kind] = frozenset(c.action for c in commands if c.spare)
                spare = binding.action in spares[kind]
                items[binding.action] = self._item(binding, enabled, tooltip, node is app, spare)
        palette = None
        if app.ENABLE_COMMAND_PALETTE and app.COMMAND_PALETTE_BINDING in active:
            _node, binding, enabled, tooltip = active[app.COMMAND_PALETTE_BINDING]
            palette = self._item(binding, enabled, tooltip, app_wide=True)
        return list(items.values()), palette

    def _item(
        self, binding: Binding, enabled: bool, tooltip: str, app_wide: bool, spare: bool = False
    ) -> _Item:
        return _Item(
            binding.key,
            binding.action,
            self.app.get_key_display(binding),
            binding.description,
            enabled,
            tooltip or binding.tooltip,
            app_wide,
            spare,
        )

    @staticmethod
    def _layout(
        items: list[_Item], palette: _Item | None, width: int
    ) -> tuple[list[_Item | None], _Item | None, bool]:
        """What fits in `width`: roomy when everything does; then tight; then without the
        palette key; then without the droppable app keys, last first; then, marked by an
        ellipsis (None), without the screen's spare keys, last first, and at last without its
        other keys from the end, so help and quit always show.
        Returns the items, the palette item (or None) and whether to draw roomy."""

        def needed(items: list[_Item], palette: _Item | None, pad: int) -> int:
            palette_width = palette.palette_width if palette else 0
            return sum(i.width + pad - 2 for i in items) + palette_width

        if needed(items, palette, 3) <= width:
            return list(items), palette, True
        if needed(items, palette, 2) <= width:
            return list(items), palette, False
        # Tight and without the palette, the last trailing space need not fit.
        width += 1
        kept = list(items)
        droppable = [i for i, item in enumerate(kept) if item.droppable]
        while needed(kept, None, 2) > width and droppable:
            del kept[droppable.pop()]
        if needed(kept, None, 2) <= width:
            return list(kept), None, False
        own = [item for item in kept if not item.app_wide]
        app_keys = [item for item in kept if item.app_wide]
        spare = [i for i, item in enumerate(own) if item.spare]
        while spare and needed(own + app_keys, None, 2) + 2 > width:
            del own[spare.pop()]
        while own and needed(own + app_keys, None, 2) + 2 > width:
            own.pop()
        return [*own, None, *app_keys], None, False

    def render(self) -> Text:
        styles = (
            self.get_component_rich_style("keybar--key", partial=True),
            self.get_component_rich_style("keybar--description", partial=True),
            self.get_component_rich_style("keybar--hover", partial=True),
        )
        width = self.size.width
        items, palette, roomy = self._layout(*self._items(), width)
        room = width - (palette.palette_width if palette else 0)
        text = Text(no_wrap=True, end="")
        keys: list[_Key] = []
        for item in items:
            if item is None:
                text.append("… ", style="dim")  # the screen has more keys than fit: see help
                continue
            key_part, description_part = (
                (f" {item.label} ", f"{item.description} ")
                if roomy
                else (item.label, f" {item.description} ")
            )
            if text.cell_len + len(key_part) + len(description_part.rstrip()) > room:
                break  # narrower than even help and quit need
            start = text.cell_len
            self._append_key(
                text, key_part, description_part, item.enabled, len(keys) == self._hover, styles
            )
            keys.append(_Key(start, text.cell_len, item.key, item.enabled, item.tooltip))
        if palette is not None:
            text.append(" " * max(0, room - text.cell_len))
            start = text.cell_len
            text.append("│ ", style="dim")
            self._append_key(
                text,
                f"{palette.label} ",
                f"{palette.description} ",
                palette.enabled,
                len(keys) == self._hover,
                styles,
            )
            keys.append(_Key(start, text.cell_len, palette.key, palette.enabled, palette.tooltip))
        self._keys = keys
        if text.cell_len > width:
            text.right_crop(text.cell_len - width)  # the last key's trailing space
        return text

    @staticmethod
    def _append_key(
        text: Text,
        key: str,
        description: str,
        enabled: bool,
        hover: bool,
        styles: tuple[Style, Style, Style],
    ) -> None:
        key_style, description_style, hover_style = styles
        extra = hover_style if hover else Style()
        if not enabled:
            extra += Style(dim=True)
        text.append(key, style=key_style + extra)
        text.append(description, style=description_style + extra)

    def _key_at(self, x: int) -> int | None:
        return next((i for i, key in enumerate(self._keys) if key.start <= x < key.end), None)

    def on_mouse_move(self, event: events.MouseMove) -> None:
        index = self._key_at(event.x)
        if index != self._hover:
            self._hover = index
            self.tooltip = self._keys[index].tooltip or None if index is not None else None
            self.refresh()

    def on_leave(self, event: events.Leave) -> None:
        if self._hover is not None:
            self._hover = None
            self.refresh()

    def on_click(self, event: events.Click) -> None:
        index = self._key_at(event.x)
        if index is None:
            return
        event.stop()
        key = self._keys[index]
        if key.enabled:
            self.app.simulate_key(key.key)
        else:
            self.app.bell()
