"""The plan as a virtualised list: stage rows with their tallies, project rows, and item rows.

A `LineList` (a `ScrollView` with the Line API): only the rows on screen are rendered, so
ticking an item in a plan of thousands costs the same as in a plan of thirty. The screen hands
it the plan, the progress and each stage's timeline; it posts `Highlighted` as the cursor moves
and `Toggled` when an item's mark is clicked.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Mapping
from dataclasses import dataclass
from typing import ClassVar, Literal

from rich.style import Style
from rich.text import Text
from textual.binding import Binding, BindingType
from textual.geometry import Offset, Region
from textual.message import Message
from textual.strip import Strip

from mlroute.store import ItemProgress, Status
from mlroute.text import clean
from mlroute.timeline import (
    DAYS_PER_MONTH,
    StageTimeline,
    TrackedItem,
    TrackedPlan,
    missing_prerequisites,
)
from mlroute.tui.marks import STATUS_MARKS, STATUS_NAMES
from mlroute.tui.widgets.lines import PAGE_BINDINGS, LineList

STATUS_WORDS: dict[Status, str] = {s: name.capitalize() for s, name in STATUS_NAMES.items()}
"""Each status in words, to begin a line."""

_UNTRACKED = ItemProgress()


def hours_text(hours: float) -> str:
    """`22.5` -> `22.5 h`, `40.0` -> `40 h`."""
    return f"{hours:.1f}".removesuffix(".0") + " h"


def bar_text(fraction: float, width: int) -> str:
    """A progress bar of `width` cells: full blocks done, light shade left."""
    full = round(max(0.0, min(fraction, 1.0)) * width)
    return "█" * full + "░" * (width - full)


@dataclass(frozen=True, slots=True)
class Row:
    """One line of the list."""

    kind: Literal["stage", "group", "item", "option"]
    """A stage heading, a project heading, an item, or an alternative to the item above."""
    stage: int
    """The stage's index in the plan."""
    item: TrackedItem | None = None
    """The item, on an item row."""
    title: str = ""
    """The project's title on a group row; the alternative's id on an option row."""


def plan_rows(plan: TrackedPlan) -> list[Row]:
    """The rows for a plan: each stage's heading, then its items, milestones under their
    project's heading, and under a course picked among alternatives one row per other option
    (rows the cursor skips: the swap key chooses among them)."""
    rows: list[Row] = []
    for index, stage in enumerate(plan.stages):
        rows.append(Row("stage", index))
        group = ""
        for item in stage.items:
            in_group = item.kind == "milestone" and bool(item.group)
            if in_group and item.group != group:
                rows.append(Row("group", index, title=item.group_title or item.group))
            group = item.group if in_group else ""
            rows.append(Row("item", index, item))
            rows += [Row("option", index, title=other) for other in item.alternatives]
    return rows


class PlanList(LineList):
    """The plan's rows with a cursor on the items; ↑/↓, PgUp/PgDn, Home/End, [ and ] move."""

    DEFAULT_CSS = """
    PlanList {
        background: $surface;
        overflow-x: hidden;
        & > .plan-list--cursor { background: $block-cursor-blurred-background; }
        &:focus > .plan-list--cursor {
            background: $block-cursor-background;
            color: $block-cursor-foreground;
            text-style: $block-cursor-text-style;
        }
        & > .plan-list--stage { text-style: bold; color: $accent; background: $boost; }
        & > .plan-list--group { color: $text-muted; text-style: italic; }
        & > .plan-list--muted { color: $text-muted; }
        & > .plan-list--done { color: $success; }
        & > .plan-list--in-progress { color: $warning; }
        & > .plan-list--todo { color: $text; }
        & > .plan-list--skipped { color: $text-muted; }
        & > .plan-list--warning { color: $error; text-style: bold; }
    }
    """

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "plan-list--cursor",
        "plan-list--stage",
        "plan-list--group",
        "plan-list--muted",
        "plan-list--done",
        "plan-list--in-progress",
        "plan-list--todo",
        "plan-list--skipped",
        "plan-list--warning",
    }

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up,k", "cursor(-1)", "Up", show=False),
        Binding("down,j", "cursor(1)", "Down", show=False),
        *PAGE_BINDINGS,
    ]
    """j and k as well as the arrows; Home and End come from `LineList`."""

    CURSOR_STYLE = "plan-list--cursor"

    class Highlighted(Message):
        """The cursor moved to another item (None when there is none)."""

        def __init__(self, item: TrackedItem | None) -> None:
            super().__init__()
            self.item = item
            """The highlighted item."""

    class Toggled(Message):
        """The user clicked an item's status mark."""

        def __init__(self, item: TrackedItem) -> None:
            super().__init__()
            self.item = item
            """The clicked item."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.plan: TrackedPlan | None = None
        """The plan shown."""
        self.rows: list[Row] = []
        """Every row, in order."""
        self.progress: Mapping[str, ItemProgress] = {}
        """Each item's progress by id."""
        self.stage_lines: tuple[StageTimeline, ...] = ()
        """Each stage's tally and projected finish."""
        self.empty_text = "Loading your plan…"
        """What the list says when there is no plan."""
        self._item_rows: list[int] = []
        self._row_of: dict[str, int] = {}
        self._highlighted: TrackedItem | None = None
        self._message: list[Text] = []
        self._message_key: tuple[str, int] | None = None
        self.options: Mapping[str, str] = {}
        """How each alternative reads on its row (title, hours, cost), by course id."""

    # Data down -------------------------------------------------------------------------------

    def show_plan(self, plan: TrackedPlan, options: Mapping[str, str] | None = None) -> None:
        """Show a (new) plan, keeping the cursor on the same item when it is still there;
        `options` says how each alternative reads (its id is shown otherwise)."""
        if plan is self.plan:
            return
        keep = self.highlighted.id if self.highlighted is not None else None
        self.plan = plan
        self.options = options or {}
        self.rows = plan_rows(plan)
        self._item_rows = [n for n, row in enumerate(self.rows) if row.kind == "item"]
        self._row_of = {row.item.id: n for n, row in enumerate(self.rows) if row.item is not None}
        self.fit_virtual_size()
        target = self._row_of.get(keep or "")
        if target is None:
            target = self._item_rows[0] if self._item_rows else 0
        self.move(target)
        self.refresh()  # the rows are new even when the cursor's row number is not
        self._post_highlight()

    def show_progress(
        self, progress: Mapping[str, ItemProgress], stage_lines: tuple[StageTimeline, ...]
    ) -> None:
        """Show new statuses and stage tallies. Cheap: only the rows on screen repaint."""
        self.progress = progress
        self.stage_lines = stage_lines
        self.refresh()

    def show_message(self, text: str) -> None:
        """Show no plan, only a message."""
        self.plan = None
        self.rows = []
        self._item_rows = []
        self._row_of = {}
        self.empty_text = text
        self.rows_changed()
        self._post_highlight()

    @property
    def highlighted(self) -> TrackedItem | None:
        """The item under the cursor."""
        if 0 <= self.cursor < len(self.rows):
            return self.rows[self.cursor].item
        return None

    def move_to(self, item_id: str) -> bool:
        """Put the cursor on an item; True when it is in the plan."""
        row = self._row_of.get(item_id)
        if row is None:
            return False
        self.move(row)
        return True

    # Rendering -------------------------------------------------------------------------------

    @property
    def row_count(self) -> int:
        return len(self.rows)

    def render_blank(self, y: int, width: int, base: Style) -> Strip:
        if not self.rows:
            lines = self._message_lines(width)
            if y < len(lines):
                return self.draw_text(lines[y].copy(), width, base)
        return Strip.blank(width, base)

    def line_text(self, line: int, width: int) -> Text:
        # The cursor's style goes on top (`LineList`); the cursor is only ever on an item row.
        row = self.rows[line]
        if row.kind == "stage":
            return self._stage_text(row.stage, width)
        if row.kind == "group":
            text = Text(f"   Project: {clean(row.title)}", style=self._style("group"))
            text.truncate(width, overflow="ellipsis")
            return text
        if row.kind == "option":
            return self._option_text(row.title, width)
        assert row.item is not None
        return self._item_text(row.item, width)

    def _message_lines(self, width: int) -> list[Text]:
        """The message, wrapped to the width (cached: it is drawn line by line)."""
        key = (self.empty_text, width)
        if self._message_key != key:
            text = Text(self.empty_text, style=self._style("muted"))
            self._message = list(text.wrap(self.app.console, max(width - 1, 10)))
            self._message_key = key
        return self._message

    def _style(self, name: str) -> Style:
        return self.get_component_rich_style(f"plan-list--{name}")

    def _stage_text(self, index: int, width: int) -> Text:
        assert self.plan is not None
        stage = self.plan.stages[index]
        title = f"{index + 1}. {clean(stage.title)}"
        choices = self._stage_figures(index, width) or [""]
        # The richest figures that leave the whole title room; the title is cut only when
        # even the barest ones do not (at 80 columns a long title drops the bar, then the
        # hours done, then the date, before it loses a word).
        right = next((r for r in choices if len(title) + 2 + len(r) <= width), choices[-1])
        left = Text(title, no_wrap=True, end="")
        left.truncate(max(width - len(right) - 2, 8), overflow="ellipsis", pad=True)
        text = Text(no_wrap=True, end="", style=self._style("stage"))
        text.append_text(left)
        text.append("  " + right if right else "")
        text.truncate(width, overflow="ellipsis", pad=True)
        return text

    def _stage_figures(self, index: int, width: int) -> list[str]:
        """A stage heading's figures, the fullest first, then each shorter fallback."""
        assert self.plan is not None
        if index >= len(self.stage_lines):
            return []
        stage = self.plan.stages[index]
        line = self.stage_lines[index]
        counted = line.tally
        if stage.optional and not counted.total and line.finished is None:
            return ["optional"]
        count = f"{counted.done}/{counted.counted}"
        bar = f" {bar_text(counted.fraction, 10)}" if width >= 70 else ""
        if stage.duration_months is not None and not counted.complete:
            # The degree itself: its length, not hours, is what is left.
            hours = short = f" ~{line.days_left / DAYS_PER_MONTH:.0f} months part-time"
        else:
            short = f" {counted.hours_left:.0f} h left"
            hours = f" {counted.hours_done:.0f} h done, {counted.hours_left:.0f} left"
            hours = hours if width >= 60 else short
        if line.finished is not None:
            tail = f" · ✓ {line.finished.isoformat()}"
        elif counted.complete:
            tail = " · ✓ complete"
        elif line.finish is not None:
            tail = f" · by {line.finish.isoformat()}"
        else:
            tail = ""
        figures = [
            count + bar + hours + tail,
            count + hours + tail,
            count + short + tail,
            count + short,
        ]
        return list(dict.fromkeys(figures))  # in order, without repeats

    def _item_text(self, item: TrackedItem, width: int) -> Text:
        state = self.progress.get(item.id, _UNTRACKED)
        status = state.status
        indent = "    " if item.kind == "milestone" and item.group else "  "
        text = Text(no_wrap=True, overflow="ellipsis", end="")
        text.append(indent)
        text.append(STATUS_MARKS[status], self._style(status))
        text.append(" ")
        title_style = self._style(status) if status in ("done", "skipped") else Style()
        if status == "skipped":
            title_style += Style(strike=True)
        text.append(clean(item.title), title_style)
        if state.note:
            note = " ".join(clean(state.note).split())
            text.append(f"  ✎ {note}", self._style("muted"))
        right = Text(no_wrap=True, end="")
        if (
            status in ("in-progress", "done")
            and self.plan is not None
            and missing_prerequisites(self.plan, item.id, self.progress)
        ):
            right.append("⚠ ", self._style("warning"))
        if item.custom:
            right.append("own ", self._style("muted"))
        if item.optional and not self.plan_optional(item):
            right.append("optional ", self._style("muted"))
        if item.alternatives:
            right.append(f"+{len(item.alternatives)} ", self._style("muted"))
        right.append(hours_text(item.hours) if item.hours else "", self._style("muted"))
        room = max(width - right.cell_len - 1, 8)
        text.truncate(room, overflow="ellipsis", pad=True)
        if right.cell_len:
            text.append(" ")
            text.append_text(right)
        return text

    def plan_optional(self, item: TrackedItem) -> bool:
        """True when the item's whole stage is optional (its heading says so already)."""
        if self.plan is None:
            return False
        index = self.plan.stage_index.get(item.id)
        return index is not None and self.plan.stages[index].optional

    def _option_text(self, course_id: str, width: int) -> Text:
        state = self.progress.get(course_id, _UNTRACKED)
        text = Text(no_wrap=True, overflow="ellipsis", end="", style=self._style("muted"))
        text.append("      or ")
        if state.status != "todo":
            text.append(f"{STATUS_MARKS[state.status]} ", self._style(state.status))
        text.append(clean(self.options.get(course_id, course_id)))
        text.truncate(width, overflow="ellipsis", pad=True)
        return text

    # Moving ----------------------------------------------------------------------------------

    def valid_cursor(self, row: int) -> int:
        """An item row: an alternative's row gives its item's (the slot's pick), a heading the
        next item's (or the last item's, at the end); -1 when there is no item at all."""
        if not self._item_rows:
            return -1
        row = max(0, min(row, len(self.rows) - 1))
        if self.rows[row].kind == "option":
            while self.rows[row].kind != "item":
                row -= 1
            return row
        if self.rows[row].kind != "item":
            after = bisect_left(self._item_rows, row)
            return self._item_rows[min(after, len(self._item_rows) - 1)]
        return row

    def row_lines(self, row: int) -> Region:
        # Keep the stage heading in view when moving to a stage's first item.
        top = row - 1 if row and self.rows[row - 1].kind in ("stage", "group") else row
        return Region(0, top, 1, row - top + 1)

    def cursor_changed(self) -> None:
        self._post_highlight()

    def _post_highlight(self) -> None:
        highlighted = self.highlighted
        if highlighted is not self._highlighted:
            self._highlighted = highlighted
            self.post_message(self.Highlighted(highlighted))

    def action_cursor(self, delta: int) -> None:
        """Move `delta` items (not rows)."""
        if self._item_rows:
            here = bisect_left(self._item_rows, self.cursor)
            target = max(0, min(here + delta, len(self._item_rows) - 1))
            self.move(self._item_rows[target])

    def jump_stage(self, delta: int) -> None:
        """Move to the first item of the next (1) or previous (-1) stage."""
        if not self._item_rows:
            return
        here = self.rows[self.cursor].stage
        firsts: dict[int, int] = {}
        for n in self._item_rows:
            firsts.setdefault(self.rows[n].stage, n)
        stages = sorted(firsts)
        if delta > 0:
            later = [s for s in stages if s > here]
            target = later[0] if later else stages[-1]
        else:
            earlier = [s for s in stages if s < here]
            at_start = self.cursor <= firsts.get(here, self.cursor)
            target = (earlier[-1] if earlier else stages[0]) if at_start else here
        self.move(firsts[target])

    def row_clicked(self, row: int, offset: Offset, chain: int) -> None:
        self.move(row)
        item = self.rows[row].item
        if item is not None:
            indent = 4 if item.kind == "milestone" and item.group else 2
            if indent <= offset.x <= indent + 1 or chain == 2:
                self.post_message(self.Toggled(item))
