"""The Plan mode: the chosen path's stages and items, ticked off, with a timeline and exports.

The screen owns no progress of its own: it renders `session.progress`, applies each change
through `Session.update` (in memory, on the event loop) and saves it with `Session.flush` in a
thread worker. The plan's shape is rebuilt only when the path, program, answers or custom items
change; a status change recomputes the tallies and the timeline and repaints the rows on
screen, so a keypress costs the same in a plan of thirty items or of thousands.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.reactive import var
from textual.widgets import Header, Static

from mlroute.slot_choices import choose_option
from mlroute.store import (
    Change,
    CustomItem,
    Progress,
    Status,
    add_custom_item,
    choose,
    custom_item_id,
    read_progress_file,
    redo,
    remove_custom_item,
    replace_all,
    reset,
    set_note,
    set_pace,
    set_status,
    undo,
)
from mlroute.text import clean
from mlroute.timeline import (
    Timeline,
    TrackedItem,
    TrackedPlan,
    missing_prerequisites,
    pace_of,
    plan_shape,
    timeline,
    tracked_plan,
)
from mlroute.tomlfile import TomlFileError
from mlroute.tui.commands import Command, bindings
from mlroute.tui.marks import LEGEND, STATUS_MARKS
from mlroute.tui.screens.base import ModeScreen
from mlroute.tui.widgets.keybar import KeyBar
from mlroute.tui.widgets.plan_list import (
    STATUS_WORDS,
    PlanList,
    bar_text,
    hours_text,
)

if TYPE_CHECKING:
    from mlroute.answers import Answers
    from mlroute.session import Session
    from mlroute.store import StoreError
    from mlroute.tui.widgets.plan_dialogs import PathOption

NO_PATH = (
    "No plan chosen yet. Answer the questionnaire (F2) and press u on the recommendation, "
    "or press p to choose a path here."
)
NO_ANSWERS = (
    "Your plan depends on your answers (which foundations you already have): finish the "
    "questionnaire (F2) first."
)

PlanKey = tuple[object, ...]


class PlanScreen(ModeScreen):
    """Track the plan: tick items off, see the timeline, export and import."""

    TITLE = "Plan"
    CSS_PATH = "plan.tcss"

    COMMANDS_LIST: ClassVar[tuple[Command, ...]] = (
        Command(
            "space,enter", "tick", "Done", "Tick the item done (again: to do)", key_display="space"
        ),
        Command(
            "i", "start", "Started", "Mark the item in progress (again: to do)", key_display="i"
        ),
        Command("s", "skip", "Skip", "Mark the item skipped (again: to do)", key_display="s"),
        Command("n", "note", "Note", "Write or clear the item's note", key_display="n"),
        Command(
            "u,ctrl+z",
            "undo",
            "Undo",
            "Undo the last change (again: the one before)",
            key_display="u",
        ),
        Command("r,ctrl+y", "redo", "Redo", "Redo what you undid", key_display="r", spare=True),
        Command(
            "p",
            "switch_path",
            "Path",
            "Switch path or program; shared progress is kept",
            key_display="p",
            spare=True,
        ),
        Command("a", "add_item", "Add", "Add an item of your own to the plan", key_display="a"),
        Command(
            "e", "export_markdown", "Export", "Write the plan to a Markdown file", key_display="e"
        ),
        Command(
            "c",
            "swap_option",
            "Swap",
            "Choose another option for this place in the plan (progress is kept)",
            key_display="c",
        ),
        Command("delete", "remove_item", "Remove", "Remove one of your own items", show=False),
        Command(
            "x",
            "reset_stage",
            "Reset stage",
            "Set the stage's items back to to do (asks)",
            show=False,
            key_display="x",
        ),
        Command(
            "X,shift+x",
            "reset_plan",
            "Reset plan",
            "Set every item back to to do (asks)",
            show=False,
            key_display="X",
        ),
        Command("h", "pace", "Pace", "Set your hours a week", show=False, key_display="h"),
        Command(
            "b",
            "backup",
            "Backup",
            "Export your progress to a portable backup file",
            show=False,
            key_display="b",
        ),
        Command(
            "o",
            "import_backup",
            "Import",
            "Replace your progress with a backup (asks)",
            show=False,
            key_display="o",
        ),
        Command("ctrl+s", "save", "Save", "Try saving again after an error", show=False),
        Command(
            "right_square_bracket",
            "stage(1)",
            "Next stage",
            "Jump to the next stage",
            show=False,
            key_display="]",
        ),
        Command(
            "left_square_bracket",
            "stage(-1)",
            "Previous stage",
            "Jump to this stage's start, then the previous stage",
            show=False,
            key_display="[",
        ),
    )
    """This screen's commands, for the footer, the palette and the help screen. Letters keep
    their case in `key_display`: x and X do different things. Redo and Path are spare: at 80
    columns the footer keeps Export and Swap instead."""

    BINDINGS: ClassVar = bindings(COMMANDS_LIST)

    progress: var[Progress | None] = var(None, init=False, always_update=True)
    """The progress on screen: the session's, taken after every change."""

    today: var[date | None] = var(None, init=False)
    """The date the timeline counts from; None for the clock's (tests pin it)."""

    def __init__(self) -> None:
        super().__init__()
        self.plan: TrackedPlan | None = None
        """The plan on screen, with the user's own items."""
        self.line: Timeline | None = None
        """The timeline on screen."""
        self.answers: Answers | None = None
        """The validated answers the plan was built from."""
        self._plan_key: PlanKey | None = None
        self._problem = ""
        self._revision = 0
        self._said = ""
        self._unsaved: str | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="plan-summary")
        yield PlanList(id="plan-list")
        yield Static(id="plan-detail")
        yield Static(id="plan-status")
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one(PlanList).focus()
        if self.session is not None:
            self.progress = self.session.progress
        elif self.load_problem is not None:
            self._show_load_problem(self.load_problem)
        else:
            self.query_one("#plan-summary", Static).update("Loading your plan…")

    def watch_load_problem(self, problem: str | None) -> None:
        if problem is not None and self.is_mounted:
            self._show_load_problem(problem)

    def _show_load_problem(self, problem: str) -> None:
        self.query_one("#plan-summary", Static).update(Text(problem))
        self.query_one(PlanList).show_message("No plan: mlroute's own data could not load.")

    def watch_session(self, session: Session | None) -> None:
        if session is not None and self.is_mounted:
            self.progress = session.progress

    def on_screen_resume(self) -> None:
        # Other modes change progress too (the recommendation's "Use this plan", the catalog's
        # "done"): show whatever the session holds now.
        if self.session is not None and self.session.progress is not self.progress:
            self.progress = self.session.progress
        elif self.progress is not None:
            self._show(self.progress)  # the date may have changed

    def watch_progress(self, progress: Progress | None) -> None:
        if progress is not None:
            self._show(progress)

    def on_resize(self) -> None:
        if self.plan is not None and self.line is not None:
            self.query_one("#plan-summary", Static).update(self._summary_text(self.plan, self.line))

    def watch_today(self) -> None:
        if self.progress is not None:
            self._show(self.progress)

    # Rendering -------------------------------------------------------------------------------

    def _today(self) -> date:
        return self.today or date.today()

    def _plan_for(self, progress: Progress) -> tuple[TrackedPlan | None, str]:
        """The plan for this progress, rebuilt only when its shape can have changed."""
        key: PlanKey = (
            progress.path,
            progress.program,
            progress.hours_per_week,
            id(progress.answers),
            id(progress.custom_items),
            id(progress.slots),
            plan_shape(self.plan, progress) if self.plan is not None else None,
        )
        if key != self._plan_key:
            self.plan, self._problem = self._build(progress)
            # The key as this plan sees it: the shape's part depends on the plan itself.
            shape = plan_shape(self.plan, progress) if self.plan is not None else None
            self._plan_key = (*key[:-1], shape)
        return self.plan, self._problem

    def _build(self, progress: Progress) -> tuple[TrackedPlan | None, str]:
        session = self.session
        assert session is not None
        self.answers = session.answers()
        if progress.path is None:
            return None, NO_PATH
        if self.answers is None:
            from mlroute.session import answer_problems

            problems = answer_problems(progress)
            if problems:
                return None, (
                    f"A saved answer is not one the questionnaire allows ({problems[0]}): "
                    "answer it again in the questionnaire (F2)."
                )
            return None, NO_ANSWERS
        try:
            return tracked_plan(session.catalog, progress, self.answers), ""
        except ValueError:
            return None, (
                f"The program {progress.program!r} is no longer in the catalog: press p to "
                "choose a path or program."
            )

    def _pace(self, progress: Progress) -> int:
        return pace_of(progress, self.answers)

    def _options(self, plan: TrackedPlan) -> dict[str, str]:
        """How each alternative in the plan reads on its row."""
        session = self.session
        if session is None:
            return {}
        from mlroute.catalog.models import Course
        from mlroute.slots import option_text

        texts: dict[str, str] = {}
        for item in plan.items():
            for other in item.alternatives:
                course = session.catalog.by_id.get(other)
                if isinstance(course, Course):
                    texts[other] = f"{course.title} · {option_text(course)} · {course.provider}"
        return texts

    def _show(self, progress: Progress) -> None:
        plan_list = self.query_one(PlanList)
        summary = self.query_one("#plan-summary", Static)
        plan, problem = self._plan_for(progress)
        if plan is None:
            self.line = None
            plan_list.show_message(problem)
            summary.update(Text("No plan yet", style="bold"))
            return
        self.line = line = timeline(
            plan,
            progress,
            hours_per_week=self._pace(progress),
            months_to_goal=self.answers.months_to_goal if self.answers is not None else None,
            today=self._today(),
        )
        if plan is not plan_list.plan:
            plan_list.show_plan(plan, self._options(plan))
        plan_list.show_progress(progress.items, line.stages)
        summary.update(self._summary_text(plan, line))
        self._show_detail(plan_list.highlighted)

    def _summary_text(self, plan: TrackedPlan, line: Timeline) -> Text:
        overall = line.overall
        width = self.size.width or 100
        text = Text(no_wrap=True, overflow="ellipsis")
        text.append("Course path" if plan.path == "courses" else "Degree path", style="bold")
        text.append(
            f" · {overall.done} of {overall.counted} done ({round(overall.fraction * 100)}%) "
        )
        text.append(bar_text(overall.fraction, 12 if width >= 90 else 6))
        text.append(f" · {overall.hours_done:.0f} h done, {overall.hours_left:.0f} h left")
        if plan.path == "degree" and plan.program_title:
            text.append(f" · {clean(plan.program_title)}")
        text.append("\n")
        second = self._timeline_text(line, short=False)
        if second.cell_len > width - 2:
            second = self._timeline_text(line, short=True)
        text.append_text(second)
        return text

    @staticmethod
    def _timeline_text(line: Timeline, *, short: bool) -> Text:
        finish = line.finish.isoformat() if line.finish else "not within a century"
        text = Text()
        text.append(f"Finish {finish}", style="bold")
        text.append(f" at {line.pace.text(short=short)}")
        if line.target is not None:
            mark = "▲" if (line.slack_days or 0) >= 0 else "▼"
            text.append(f" · {mark} {line.standing(short=short)}")
        return text

    def _show_detail(self, item: TrackedItem | None) -> None:
        detail = self.query_one("#plan-detail", Static)
        plan, progress = self.plan, self.progress
        if item is None or plan is None or progress is None:
            detail.update(Text(LEGEND, style="dim"))
            return
        state = progress.item(item.id)
        text = Text(no_wrap=True, overflow="ellipsis")
        status = state.status
        text.append(f"{STATUS_MARKS[status]} {STATUS_WORDS[status]}", style="bold")
        if state.changed is not None and status != "todo":
            word = "since" if status == "in-progress" else "on"
            text.append(f" {word} {_day(state.changed)}")
        facts: list[str] = ["your own item" if item.custom else item.kind]
        if item.hours:
            facts.append(hours_text(item.hours))
        if item.group_title:
            facts.append(clean(item.group_title))
        if item.detail:
            facts.append(clean(item.detail))
        text.append(" · " + " · ".join(facts) + "\n", style="dim")
        text.append(clean(item.title) + "\n", style="bold")
        missing = missing_prerequisites(plan, item.id, progress.items)
        if missing:
            names = ", ".join(clean(m.title) for m in missing)
            word = "Missing first" if status in ("done", "in-progress") else "Do first"
            text.append(f"⚠ {word}: {names}", style="bold" if word.startswith("M") else "")
            if item.why:
                text.append(f" · {clean(item.why)}", style="dim")
            text.append("\n")
        elif item.why or item.alternatives:
            why = clean(item.why) if item.why else ""
            if item.alternatives:
                count = len(item.alternatives)
                why += f"{' · ' if why else ''}c swaps ({count} other option{'s' * (count > 1)})"
            text.append(f"» {why}\n", style="dim")
        else:
            text.append("\n")
        if state.note:
            # The note's own lines are kept here (the row shows it on one line).
            lines = (" ".join(line.split()) for line in clean(state.note).splitlines())
            text.append("✎ " + "\n  ".join(line for line in lines if line), style="italic")
        else:
            text.append("✎ no note (n writes one)", style="dim")
        detail.update(text)

    @on(PlanList.Highlighted)
    def _highlighted(self, event: PlanList.Highlighted) -> None:
        self._show_detail(event.item)

    def _status(self, text: Text | str) -> None:
        self.query_one("#plan-status", Static).update(text)

    # Changing --------------------------------------------------------------------------------

    def _ready(self) -> Session | None:
        if self.session is None:
            self.notify("Still loading your plan; try again in a moment.")
        return self.session

    def _current(self) -> TrackedItem | None:
        if self._ready() is None:
            return None
        item = self.query_one(PlanList).highlighted
        if item is None:
            self.notify("No item here: choose a plan first (p).")
        return item

    def _change(self, change: Callable[[Progress], Progress], said: str) -> bool:
        """Apply a change in memory, show it, and save it in a worker. False if nothing
        changed."""
        session = self.session
        if session is None:
            return False
        before = session.progress
        after = session.update(change)
        if after is before:
            return False
        self._revision += 1
        self._said = said
        self.progress = after
        self._status(Text(f"{said} · saving…", style="dim"))
        self._save(session, self._revision)
        return True

    @work(thread=True, exclusive=True, group="plan-save")
    def _save(self, session: Session, revision: int) -> None:
        problem = session.flush()
        self.app.call_from_thread(self._saved, session, revision, problem)

    def _saved(self, session: Session, revision: int, problem: str | None) -> None:
        if session.unsaved:
            self._status(Text(f"⚠ NOT SAVED: {self._said}. {session.unsaved}", style="bold"))
            if session.unsaved != self._unsaved:  # say it once, not on every keypress
                self.notify(session.unsaved, title="Not saved", severity="error", timeout=10)
            self._unsaved = session.unsaved
        else:
            self._unsaved = None
            if problem:  # another mlroute's changes were merged in
                self.notify(problem, title="Merged with another mlroute", timeout=8)
            if revision == self._revision:
                hint = "r redoes" if self._said.startswith("↶") else "u undoes"
                if self._said.startswith("⇄"):
                    hint = "c swaps again"
                self._status(Text(f"✓ Saved · {self._said} ({hint})", style="dim"))
        if session.progress is not self.progress:
            self.progress = session.progress

    def _set(self, item: TrackedItem, status: Status) -> None:
        said = f"{STATUS_MARKS[status]} {STATUS_WORDS[status]}: {clean(item.title)}"
        if not self._change(lambda p: set_status(p, item.id, status), said):
            return
        if status in ("in-progress", "done") and self.plan is not None:
            progress = self.progress
            missing = missing_prerequisites(self.plan, item.id, progress.items if progress else {})
            if missing:
                names = ", ".join(clean(m.title) for m in missing)
                self.notify(f"Not done yet: {names}", title="⚠ Prerequisites", severity="warning")

    def _toggle(self, status: Status) -> None:
        item = self._current()
        if item is None or self.progress is None:
            return
        current = self.progress.status(item.id)
        self._set(item, "todo" if current == status else status)

    def action_tick(self) -> None:
        self._toggle("done")

    def action_start(self) -> None:
        self._toggle("in-progress")

    def action_skip(self) -> None:
        self._toggle("skipped")

    @on(PlanList.Toggled)
    def _toggled(self, event: PlanList.Toggled) -> None:
        self.action_tick()

    def action_undo(self) -> None:
        session = self._ready()
        if session is None:
            return
        if not session.progress.can_undo:
            self.notify("Nothing to undo.")
            return
        summary = self._readable(session.progress.history[-1])
        self._change(undo, f"↶ Undone: {summary}")

    def action_redo(self) -> None:
        session = self._ready()
        if session is None:
            return
        if not session.progress.can_redo:
            self.notify("Nothing to redo.")
            return
        summary = self._readable(session.progress.redo[-1])
        self._change(redo, f"↷ Redone: {summary}")

    def _readable(self, change: Change) -> str:
        """A change's summary with item ids replaced by their titles."""
        titles = {i: c.title for i, c in change.before.custom_items.items()}
        titles.update({i: c.title for i, c in change.after.custom_items.items()})
        words = []
        for word in change.summary.split(" "):
            bare = word.rstrip(":,")
            item = self.plan.by_id.get(bare) if self.plan is not None else None
            title = item.title if item is not None else titles.get(bare)
            words.append(word.replace(bare, f"“{title}”") if title else word)
        return clean(" ".join(words))

    def action_save(self) -> None:
        session = self._ready()
        if session is not None:
            session.update(lambda p: p)  # queue the progress again for the worker to write
            self._revision += 1
            self._said = "saved again"
            self._save(session, self._revision)

    def action_stage(self, delta: int) -> None:
        self.query_one(PlanList).jump_stage(delta)

    # Dialogs ---------------------------------------------------------------------------------

    @work(exclusive=True, group="plan-dialog")
    async def action_note(self) -> None:
        item = self._current()
        if item is None or self.progress is None:
            return
        from mlroute.tui.widgets.plan_dialogs import NoteScreen

        old = self.progress.item(item.id).note
        note = await self.app.push_screen_wait(NoteScreen(item.title, old))
        if note is not None and note != old:
            said = f"✎ Note {'cleared' if not note else 'saved'}: {clean(item.title)}"
            self._change(lambda p: set_note(p, item.id, note), said)

    @work(exclusive=True, group="plan-dialog")
    async def action_swap_option(self) -> None:
        item = self._current()
        plan, session = self.plan, self.session
        if item is None or plan is None or session is None:
            return
        pick = self._pick_of(item)
        if pick is None:
            self.notify("This item has no alternatives to swap it for.")
            return
        from mlroute.catalog.models import Course
        from mlroute.slots import option_text
        from mlroute.tui.widgets.plan_dialogs import OptionChoice, SwapOptionScreen

        progress = session.progress
        choices = []
        for course_id in (pick.id, *pick.alternatives):
            course = session.catalog.by_id.get(course_id)
            if isinstance(course, Course):
                choices.append(
                    OptionChoice(
                        course_id,
                        course.title,
                        f"{option_text(course)} · {course.provider}",
                        progress.status(course_id),
                    )
                )
        chosen = await self.app.push_screen_wait(SwapOptionScreen(pick.why, choices))
        if chosen is None or chosen == pick.id:
            return
        title = next(c.title for c in choices if c.id == chosen)
        said = f"⇄ {clean(title)} instead of {clean(pick.title)}"
        if self._change(lambda p: choose_option(p, pick.slot, chosen), said):
            self.query_one(PlanList).move_to(chosen)

    def _pick_of(self, item: TrackedItem) -> TrackedItem | None:
        """The slot's pick for an item: the item itself when picked among alternatives, or the
        pick of the slot an alternative the user worked on belongs to."""
        if item.alternatives:
            return item
        if self.plan is None or not item.slot or item.kind != "course":
            return None
        stage = self.plan.stages[self.plan.stage_index[item.id]]
        return next((i for i in stage.items if i.slot == item.slot and i.alternatives), None)

    @work(exclusive=True, group="plan-dialog")
    async def action_add_item(self) -> None:
        if self._ready() is None:
            return
        plan = self.plan
        if plan is None:
            self.notify("Choose a plan first (p).")
            return
        from mlroute.timeline import CUSTOM_STAGE_ID
        from mlroute.tui.widgets.plan_dialogs import CustomItemScreen

        stages = [(s.id, s.title) for s in plan.stages if s.id != CUSTOM_STAGE_ID]
        current = self.query_one(PlanList).highlighted
        stage = current.stage_id if current is not None else ""
        new = await self.app.push_screen_wait(
            CustomItemScreen(stages, stage if stage != CUSTOM_STAGE_ID else "")
        )
        if new is None or self.session is None:
            return
        item_id = custom_item_id(self.session.progress, new.title)
        item = CustomItem(title=new.title, stage=new.stage, hours=new.hours)
        if self._change(lambda p: add_custom_item(p, item_id, item), f"+ Added: {new.title}"):
            self.query_one(PlanList).move_to(item_id)

    def action_remove_item(self) -> None:
        item = self._current()
        if item is None:
            return
        if not item.custom:
            self.notify("Only your own items can be removed; skip (s) a planned one instead.")
            return
        self._change(lambda p: remove_custom_item(p, item.id), f"Removed: {clean(item.title)}")

    @work(exclusive=True, group="plan-dialog")
    async def action_reset_stage(self) -> None:
        item = self._current()
        plan = self.plan
        if item is None or plan is None:
            return
        stage = plan.stages[plan.stage_index[item.id]]
        await self._reset([i.id for i in stage.items], f"the stage “{clean(stage.title)}”")

    @work(exclusive=True, group="plan-dialog")
    async def action_reset_plan(self) -> None:
        if self._ready() is None:
            return
        if self.plan is None:
            self.notify("Choose a plan first (p).")
            return
        await self._reset(list(self.plan.by_id), "the whole plan")

    async def _reset(self, ids: list[str], what: str) -> None:
        progress = self.progress
        if progress is None:
            return
        started = sum(1 for i in ids if progress.status(i) != "todo")
        if not started:
            self.notify(f"Nothing to reset in {what}: every item is to do.")
            return
        from mlroute.tui.screens.dialogs import ConfirmScreen

        plural = "s" if started != 1 else ""
        confirmed = await self.app.push_screen_wait(
            ConfirmScreen(
                f"Reset {what}?",
                f"{started} item{plural} go back to to do. Notes are kept. "
                "Undo (u) brings everything back.",
                yes="Reset",
            )
        )
        if confirmed:
            self._change(lambda p: reset(p, ids, summary=f"reset {what}"), f"Reset {what}")

    def _path_options(self, session: Session) -> list[PathOption]:
        from mlroute.tui.widgets.plan_dialogs import PathOption

        options = [PathOption("courses", None, "Course path: foundations, stages, projects")]
        for program in session.catalog.programs:
            kind = "Degree" if program.kind == "degree" else "Certificate"
            options.append(PathOption("degree", program.id, f"{kind}: {program.title}"))
        return options

    @work(exclusive=True, group="plan-dialog")
    async def action_switch_path(self) -> None:
        session = self._ready()
        if session is None:
            return
        from mlroute.tui.widgets.plan_dialogs import ChoosePathScreen

        options = self._path_options(session)
        progress = session.progress
        current = next(
            (
                n
                for n, o in enumerate(options)
                if o.path == progress.path
                and (o.path == "courses" or o.program == progress.program)
            ),
            None,
        )
        chosen = await self.app.push_screen_wait(ChoosePathScreen(options, current))
        if chosen is None:
            return
        label = "the course path" if chosen.path == "courses" else clean(chosen.label)

        def switch(progress: Progress) -> Progress:
            return choose(progress, chosen.path, chosen.program)

        if not await self._confirm_setting_aside(switch, f"Switch to {label}?", "Switch"):
            return
        changed = self._change(switch, f"Switched to {label}")
        if changed and self.line is not None:
            kept = self.line.overall.done
            self._said = f"{self._said} ({kept} item{'s' if kept != 1 else ''} already done)"
            self._status(Text(f"{self._said} · saving…", style="dim"))

    async def _confirm_setting_aside(
        self, change: Callable[[Progress], Progress], title: str, yes: str
    ) -> bool:
        """True when `change` sets none of the user's work aside, or they say go ahead after
        being told which items it would (the change is undoable with u)."""
        items = self.session.sets_aside(change) if self.session is not None else ()
        if not items:
            return True
        from mlroute.tui.screens.dialogs import go_ahead_setting_aside

        return await go_ahead_setting_aside(self, items, title, yes, "u takes the change back.")

    @work(exclusive=True, group="plan-dialog")
    async def action_pace(self) -> None:
        if self._ready() is None or self.progress is None:
            return
        from mlroute.tui.widgets.plan_dialogs import PaceScreen

        hours = await self.app.push_screen_wait(PaceScreen(self._pace(self.progress)))
        if hours is None:
            return

        def pace(progress: Progress) -> Progress:
            return set_pace(progress, hours)

        if await self._confirm_setting_aside(pace, f"Study {hours} hours a week?", "Change it"):
            self._change(pace, f"Pace: {hours} hours a week")

    # Export and import -----------------------------------------------------------------------

    @work(exclusive=True, group="plan-dialog")
    async def action_export_markdown(self) -> None:
        if self._ready() is None:
            return
        plan, line, progress = self.plan, self.line, self.progress
        if plan is None or line is None or progress is None:
            self.notify("Choose a plan first (p).")
            return
        from mlroute.plan_export import plan_markdown
        from mlroute.tui.screens.dialogs import PathScreen

        today = self._today()
        default = Path.cwd() / f"mlroute-plan-{today.isoformat()}.md"
        if self.app.is_web:
            # In a browser (mlroute serve) the file belongs on the reader's machine: a download.
            text = plan_markdown(plan, progress.items, line, today=today)
            self._deliver_markdown(default.name, text)
            return
        path = await self.app.push_screen_wait(
            PathScreen("Export the plan as Markdown to", default, "Export")
        )
        if path is not None:
            text = plan_markdown(plan, progress.items, line, today=today)
            self._write_markdown(path, text)

    def _deliver_markdown(self, name: str, text: str) -> None:
        from io import StringIO

        self.app.deliver_text(StringIO(text), save_filename=name, mime_type="text/markdown")
        self._status(Text(f"✓ Plan offered as a download: {name}", "dim"))

    @work(thread=True, group="plan-export")
    def _write_markdown(self, path: Path, text: str) -> None:
        from mlroute.atomic import write_atomic

        try:
            write_atomic(path, text.encode())
        except OSError as error:
            message = f"Could not write {path}: {error.strerror or error}"
            self.app.call_from_thread(self.notify, message, severity="error", timeout=10)
        else:
            self.app.call_from_thread(self._status, Text(f"✓ Plan written to {path}", "dim"))

    @work(exclusive=True, group="plan-dialog")
    async def action_backup(self) -> None:
        session = self._ready()
        if session is None:
            return
        from mlroute.tui.screens.dialogs import PathScreen

        default = Path.cwd() / f"mlroute-progress-{self._today().isoformat()}.toml"
        path = await self.app.push_screen_wait(
            PathScreen("Export your progress (a portable backup) to", default, "Export")
        )
        if path is not None:
            self._write_backup(session, session.progress, path)

    @work(thread=True, group="plan-export")
    def _write_backup(self, session: Session, progress: Progress, path: Path) -> None:
        from mlroute.store import StoreError

        try:
            session.store.export(progress, path)
        except StoreError as error:
            self.app.call_from_thread(self._store_error, error)
        else:
            self.app.call_from_thread(self._status, Text(f"✓ Backup written to {path}", "dim"))

    def _store_error(self, error: StoreError) -> None:
        self.notify(str(error), title="Not exported", severity="error", timeout=10)

    @work(exclusive=True, group="plan-dialog")
    async def action_import_backup(self) -> None:
        if self._ready() is None:
            return
        from mlroute.tui.screens.dialogs import PathScreen

        default = Path.cwd() / f"mlroute-progress-{self._today().isoformat()}.toml"
        path = await self.app.push_screen_wait(PathScreen("Import a backup from", default, "Read"))
        if path is not None:
            self._read_backup(path)

    @work(thread=True, group="plan-import")
    def _read_backup(self, path: Path) -> None:
        try:
            imported = read_progress_file(path)
        except TomlFileError as error:
            problems = "\n".join(str(problem) for problem in error.problems[:5])
            self.app.call_from_thread(
                self.notify, problems, title="Not imported", severity="error", timeout=12
            )
            return
        self.app.call_from_thread(self._confirm_import, path, imported)

    def _confirm_import(self, path: Path, imported: Progress) -> None:
        from mlroute.tui.screens.dialogs import ConfirmScreen

        def answered(confirmed: bool | None) -> None:
            if confirmed:
                self._change(
                    lambda p: replace_all(p, imported, summary=f"import {path.name}"),
                    f"Imported {path.name}",
                )

        tracked = len(imported.items)
        self.app.push_screen(
            ConfirmScreen(
                f"Import {path.name}?",
                f"Your progress, answers and path are replaced by the backup's "
                f"({tracked} tracked item{'s' if tracked != 1 else ''}). Undo (u) brings "
                "yours back.",
                yes="Import",
            ),
            answered,
        )


def _day(when: datetime | date) -> str:
    return (when.date() if isinstance(when, datetime) else when).isoformat()
