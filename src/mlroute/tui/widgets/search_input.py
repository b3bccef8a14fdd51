"""A search box that runs its search in its own value watcher.

An `Input.Changed` handler further up the DOM runs one message later, so the typed character
is painted in one frame and the filtered results in the next. Running the search here puts
both in the same frame. The owner hands the search function down at construction.
"""

from __future__ import annotations

from collections.abc import Callable

from textual import events
from textual.widgets import Input


class SearchInput(Input):
    """A compact Input that calls `on_query(value)` whenever its value changes.

    A "/" typed into the empty box is dropped: it is the key that focuses the box.
    """

    def __init__(
        self, on_query: Callable[[str], None], *, placeholder: str = "", id: str | None = None
    ) -> None:
        super().__init__(placeholder=placeholder, compact=True, id=id)
        self._on_query = on_query

    def watch_value(self, value: str) -> None:
        self._on_query(value)

    async def _on_key(self, event: events.Key) -> None:
        # "/" is the key that brings the user here; pressed on an empty box it means "search",
        # not a slash to search for. Input's own handler runs next unless this one stops it.
        if event.character == "/" and not self.value:
            event.stop()
            event.prevent_default()
