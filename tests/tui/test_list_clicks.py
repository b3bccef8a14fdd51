"""A click on a row of each line-drawn list lands on that row, inside the list's border and
padding and after it has scrolled (`LineList` maps the mouse for all four)."""

from __future__ import annotations

from pathlib import Path

from textual.geometry import Offset
from textual.message import Message
from textual.widget import Widget

from mlroute.tui.widgets.catalog_list import CatalogList
from mlroute.tui.widgets.choice_list import ChoiceList
from mlroute.tui.widgets.plan_list import PlanList
from mlroute.tui.widgets.question_list import QuestionList

from .catalog_helpers import FakeSession, bundled, catalog_app, ready
from .catalog_helpers import settle as settle_catalog
from .helpers import advisor, app, loaded
from .plan_helpers import courses, plan_app, plan_screen, saved, settle, write_progress


def inside(widget: Widget, x: int, line: int) -> Offset:
    """The offset, from the widget's outer corner, of column `x` of the `line`-th line shown
    (both counted inside the border and the padding)."""
    return widget.content_region.offset - widget.region.offset + Offset(x, line)


async def test_a_click_on_a_catalog_row_selects_that_row(tmp_path: Path) -> None:
    async with catalog_app(FakeSession(bundled()), tmp_path).run_test(size=(100, 32)) as pilot:
        screen = await ready(pilot)
        listing = screen.query_one(CatalogList)
        assert listing.index is not None and len(listing.rows) > 20
        listing.scroll_to(y=5, animate=False, immediate=True)
        await pilot.pause()
        wanted = listing.index.ids[listing.rows[5 + 3]]  # the fourth row shown
        assert listing.visible_ids[3] == wanted
        await pilot.click(listing, offset=inside(listing, 4, 3))
        await settle_catalog(pilot)
        assert listing.highlighted == wanted and screen.current == wanted


async def test_a_click_on_an_answer_highlights_that_answer() -> None:
    posted: list[ChoiceList.Selected] = []

    def hook(message: Message) -> None:
        # The hook sees a message at each node it bubbles through: count each once.
        if isinstance(message, ChoiceList.Selected) and all(m is not message for m in posted):
            posted.append(message)

    async with app().run_test(size=(100, 32), message_hook=hook) as pilot:
        await loaded(pilot)
        choices = advisor(pilot).query_one("#answer", ChoiceList)
        lines = [choices.render_line(y).text for y in range(choices.content_region.height)]
        # Each answer's first line carries its ○ or ● (after the ▸ of the highlighted one).
        starts = [n for n, text in enumerate(lines) if text.lstrip(" ▸")[:1] in ("○", "●")]
        assert len(starts) > 3 and choices.highlighted != 2
        await pilot.click(choices, offset=inside(choices, 6, starts[2]))  # the third answer
        await pilot.pause()
        assert choices.highlighted == 2 and posted == []
        await pilot.click(choices, offset=inside(choices, 6, starts[2]))  # again: chosen
        await pilot.pause()
        assert [message.index for message in posted] == [2]


async def test_a_click_on_a_question_goes_to_that_question() -> None:
    the_app = app()
    async with the_app.run_test(size=(100, 32)) as pilot:
        await loaded(pilot)
        screen = advisor(pilot)
        sidebar = screen.query_one(QuestionList)
        await pilot.click(sidebar, offset=inside(sidebar, 3, 4))
        await pilot.pause()
        assert screen.index == 4 and sidebar.highlighted == 4


async def test_a_click_on_a_plan_item_puts_the_cursor_on_that_item() -> None:
    write_progress(courses)
    async with plan_app().run_test(size=(100, 32)) as pilot:
        screen = await plan_screen(pilot)
        plan_list = screen.query_one(PlanList)
        items = [n for n, row in enumerate(plan_list.rows) if row.kind == "item"]
        row = items[3]
        item = plan_list.rows[row].item
        assert item is not None and plan_list.highlighted != item
        line = row - round(plan_list.scroll_offset.y)
        await pilot.click(plan_list, offset=inside(plan_list, 20, line))  # the title, not the mark
        await settle(pilot)
        assert plan_list.highlighted == item
        assert saved().status(item.id) == "todo"  # moved to, not ticked
