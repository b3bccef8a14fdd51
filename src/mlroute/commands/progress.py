"""`mlroute progress`: show, change, undo, export and import the user's progress, headlessly."""

from __future__ import annotations

import argparse
import difflib
import functools
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from mlroute import store
from mlroute.catalog.models import Catalog, Kind
from mlroute.cli import UsageError
from mlroute.commands.common import load, out, out_json
from mlroute.session import answer_problems, answers_of
from mlroute.slot_choices import choose_option, slot_choices
from mlroute.slots import slot_id
from mlroute.store import LoadOutcome, Progress, ProgressStore, StoreError
from mlroute.timeline import Tally, Timeline, TrackedPlan, pace_of, timeline, tracked_plan

TRACKABLE: tuple[Kind, ...] = ("course", "foundation", "project", "program")
"""Catalog kinds an item of progress can be about (project milestones too)."""


def register(subparsers: Any) -> None:
    """Add the `progress` command."""
    parser = subparsers.add_parser(
        "progress",
        help="show or change your progress (statuses, notes), undo, export, import",
        description="Your progress is kept in one TOML file; `mlroute progress path` shows it.",
        epilog="Exit status: 0 done, 1 nothing done or could not save, 2 bad command or file.",
    )
    sub = parser.add_subparsers(dest="action", metavar="ACTION", required=True)

    show = sub.add_parser("show", help="done/total per stage and overall, and tracked items")
    show.add_argument("--format", choices=("text", "json"), default="text")
    show.set_defaults(handler=_show)

    change = sub.add_parser("set", help="set an item's status (and note)")
    change.add_argument("id", help="a course, foundation, project milestone or custom item id")
    change.add_argument("status", choices=store.STATUSES)
    change.add_argument("--note", help="replace the item's note ('' clears it)")
    change.set_defaults(handler=_set)

    tick = sub.add_parser("tick", help="mark an item done")
    tick.add_argument("id")
    tick.set_defaults(handler=_set, status="done", note=None)

    untick = sub.add_parser("untick", help="mark an item todo again")
    untick.add_argument("id")
    untick.set_defaults(handler=_set, status="todo", note=None)

    pick = sub.add_parser(
        "choose",
        help="choose which course fills a place in the plan that offers alternatives",
        description="`mlroute progress show` lists each place (slot) with its options. "
        "Progress is kept by course, so nothing done is lost by choosing another option.",
    )
    pick.add_argument("slot", help="the slot's id, as `show` lists it")
    pick.add_argument(
        "course", nargs="?", help="one of the slot's courses; leave it out to let the plan pick"
    )
    pick.set_defaults(handler=_choose)

    sub.add_parser("undo", help="revert the last change").set_defaults(handler=_undo)
    sub.add_parser("redo", help="re-apply the last undone change").set_defaults(handler=_redo)

    export = sub.add_parser("export", help="write a portable backup of your progress")
    export.add_argument("file", type=Path)
    export.set_defaults(handler=_export)

    imp = sub.add_parser("import", help="replace your progress with a backup (undoable)")
    imp.add_argument("file", type=Path)
    imp.set_defaults(handler=_import)

    where = sub.add_parser("path", help="print where the progress file is")
    where.add_argument("--format", choices=("text", "json"), default="text")
    where.set_defaults(handler=_path)


# Loading -----------------------------------------------------------------------------------


def _open() -> tuple[ProgressStore, Progress]:
    """Load the progress, telling stderr what happened; refuse a file that cannot be used."""
    progress_store = ProgressStore()
    progress, report = progress_store.load()
    for message in report.messages:
        print(f"mlroute: {message}", file=sys.stderr)
    if report.outcome in (LoadOutcome.REFUSED_NEWER, LoadOutcome.UNREADABLE):
        raise _Failed()
    return progress_store, progress


class _Failed(Exception):
    """Already explained on stderr; exit 1."""


Handler = Callable[[argparse.Namespace], int]


def _handled(action: Handler) -> Handler:
    """Turn a store failure into a message on stderr and exit status 1."""

    @functools.wraps(action)
    def run(args: argparse.Namespace) -> int:
        try:
            return action(args)
        except _Failed:
            return 1
        except StoreError as error:
            print(f"mlroute progress: {error}", file=sys.stderr)
            return 1

    return run


def _save(progress_store: ProgressStore, progress: Progress) -> Progress:
    result = progress_store.save(progress)
    for message in result.messages:
        print(f"mlroute: {message}", file=sys.stderr)
    return result.progress


# Ids ---------------------------------------------------------------------------------------


def titles(catalog: Catalog, progress: Progress) -> dict[str, str]:
    """Every id progress can be kept for, with its title: trackable catalog entries,
    project milestones and the user's custom items."""
    known: dict[str, str] = {}
    for kind in TRACKABLE:
        for entry in catalog.entries(kind):
            known[entry.id] = str(getattr(entry, "title", entry.id))
    for milestone_id, (project, milestone) in catalog.milestones.items():
        known[milestone_id] = f"{project.title}: {milestone.title}"
    for item_id, item in progress.custom_items.items():
        known[item_id] = item.title
    return known


def _check_id(item_id: str, known: dict[str, str], progress: Progress) -> None:
    if item_id in known or item_id in progress.items:
        return
    candidates = sorted({*known, *progress.items})
    close = difflib.get_close_matches(item_id, candidates, n=5, cutoff=0.6)
    close += [c for c in candidates if item_id in c and c not in close][: 5 - len(close)]
    hint = f"; did you mean: {', '.join(close)}?" if close else "; `mlroute catalog list` lists ids"
    raise UsageError(f"unknown id {item_id!r}{hint}")


# Actions -----------------------------------------------------------------------------------


@_handled
def _set(args: argparse.Namespace) -> int:
    progress_store, progress = _open()
    catalog = load().catalog
    _check_id(args.id, titles(catalog, progress), progress)
    before = progress.item(args.id)
    try:
        changed = store.set_status(progress, args.id, args.status, note=args.note)
    except ValueError as error:
        raise UsageError(str(error)) from None
    if changed is progress:
        out(f"{args.id} is already {args.status}; nothing changed.")
        return 0
    _save(progress_store, changed)
    was = f" (was {before.status})" if before.status != args.status else ""
    out(f"{args.id}: {args.status}{was}" + (" - note saved" if args.note is not None else ""))
    return 0


@_handled
def _undo(args: argparse.Namespace) -> int:
    progress_store, progress = _open()
    if not progress.can_undo:
        print("mlroute progress: nothing to undo", file=sys.stderr)
        return 1
    summary = progress.history[-1].summary
    _save(progress_store, store.undo(progress))
    out(f"Undone: {summary}")
    return 0


@_handled
def _redo(args: argparse.Namespace) -> int:
    progress_store, progress = _open()
    if not progress.can_redo:
        print("mlroute progress: nothing to redo", file=sys.stderr)
        return 1
    summary = progress.redo[-1].summary
    _save(progress_store, store.redo(progress))
    out(f"Redone: {summary}")
    return 0


@_handled
def _export(args: argparse.Namespace) -> int:
    progress_store, progress = _open()
    progress_store.export(progress, args.file)
    out(f"Exported {_tracked(len(progress.items))} to {args.file}")
    return 0


@_handled
def _import(args: argparse.Namespace) -> int:
    progress_store, progress = _open()
    result, kept = progress_store.import_file(args.file, progress)
    out(f"Imported {args.file} ({_tracked(len(result.progress.items))}).")
    if kept is not None:
        out(f"The previous progress is kept at {kept}.")
    out("`mlroute progress undo` reverts the import.")
    return 0


def _tracked(count: int) -> str:
    return f"{count} tracked item" + ("" if count == 1 else "s")


def _path(args: argparse.Namespace) -> int:
    path = ProgressStore().path
    if args.format == "json":
        out_json({"path": str(path), "exists": path.is_file()})
    else:
        out(str(path))
    return 0


# Choose ------------------------------------------------------------------------------------


def slot_options(catalog: Catalog) -> dict[str, list[str]]:
    """Every slot in the catalog with its courses' ids, in the catalog's order."""
    options: dict[str, list[str]] = {}
    for course in catalog.courses:
        options.setdefault(slot_id(course), []).append(course.id)
    return options


@_handled
def _choose(args: argparse.Namespace) -> int:
    progress_store, progress = _open()
    catalog = load().catalog
    options = slot_options(catalog)
    if args.slot not in options:
        close = difflib.get_close_matches(args.slot, sorted(options), n=5, cutoff=0.6)
        hint = f"; did you mean: {', '.join(close)}?" if close else "; `show` lists them"
        raise UsageError(f"unknown slot {args.slot!r}{hint}")
    if args.course is not None and args.course not in options[args.slot]:
        raise UsageError(
            f"{args.course!r} is not an option for {args.slot}; its options: "
            + ", ".join(options[args.slot])
        )
    before = slot_choices(progress).get(args.slot)
    changed = choose_option(progress, args.slot, args.course)
    if changed is progress:
        out(f"{args.slot}: nothing changed.")
        return 0
    _save(progress_store, changed)
    if args.course is None:
        out(f"{args.slot}: your choice ({before}) is forgotten; the plan picks again.")
    else:
        was = f" (was {before})" if before else ""
        out(f"{args.slot}: {args.course}{was}. Progress on every option is kept.")
    return 0


# Show --------------------------------------------------------------------------------------


def _percent(done: int, total: int) -> int | None:
    return round(100 * done / total) if total else None


NO_PATH = "No plan yet: no path is chosen (start `mlroute`, open the Plan with F4 and press p)."
NO_ANSWERS = "No plan yet: the answers are incomplete (start `mlroute` and finish them, F2)."


def _plan(catalog: Catalog, progress: Progress, today: date) -> tuple[TrackedPlan, Timeline] | str:
    """The plan and its timeline, exactly as the Plan screen builds them; or why there is none."""
    answers = answers_of(progress)
    if progress.path is None:
        return NO_PATH
    if answers is None:
        problems = answer_problems(progress)
        if problems:
            return (
                f"No plan yet: a saved answer is not one the questionnaire allows "
                f"({problems[0]}); start `mlroute` and answer it again (F2)."
            )
        return NO_ANSWERS
    try:
        plan = tracked_plan(catalog, progress, answers)
    except ValueError:
        return f"No plan: the program {progress.program!r} is no longer in the catalog."
    line = timeline(
        plan,
        progress,
        hours_per_week=pace_of(progress, answers),
        months_to_goal=answers.months_to_goal,
        today=today,
    )
    return plan, line


def _tally(counted: Tally) -> dict[str, Any]:
    return {
        "done": counted.done,
        "total": counted.counted,
        "percent": _percent(counted.done, counted.counted),
        "hours_done": round(counted.hours_done, 1),
        "hours_left": round(counted.hours_left, 1),
    }


def summary(catalog: Catalog, progress: Progress, today: date | None = None) -> dict[str, Any]:
    """The plan's per-stage and overall counts, hours and finish date, each slot's pick, and
    every tracked item, as plain data.

    The plan is the Plan screen's (`tracked_plan`), so both count the same items: the total
    leaves out skipped items and optional ones not started. Without a plan (no path chosen,
    answers incomplete) `stages` is empty, `overall` None and `problem` says why.
    """
    known = titles(catalog, progress)
    built = _plan(catalog, progress, today or date.today())
    stages: list[dict[str, Any]] = []
    slots: list[dict[str, Any]] = []
    overall: dict[str, Any] | None = None
    extra: dict[str, Any] = {"problem": built if isinstance(built, str) else None}
    if not isinstance(built, str):
        plan, line = built
        for index, (stage, stage_line) in enumerate(zip(plan.stages, line.stages, strict=True)):
            stages.append(
                {
                    "id": stage.id,
                    "order": index + 1,
                    "title": stage.title,
                    **_tally(stage_line.tally),
                    "finish": stage_line.finish.isoformat() if stage_line.finish else None,
                    "optional": stage.optional,
                    "items": [item.id for item in stage.items],
                }
            )
            slots += [
                {
                    "slot": item.slot,
                    "stage": stage.id,
                    "picked": item.id,
                    "alternatives": list(item.alternatives),
                    "why": item.why,
                }
                for item in stage.items
                if item.alternatives
            ]
        overall = _tally(line.overall)
        extra |= {
            "pace": line.pace.text(),
            "finish": line.finish.isoformat() if line.finish else None,
            "target": line.target.isoformat() if line.target else None,
            "standing": line.standing(),
        }
    items = [
        {
            "id": item_id,
            "status": item.status,
            "changed": item.changed.isoformat() if item.changed is not None else None,
            "note": item.note,
            "title": known.get(item_id),
            "known": item_id in known,
        }
        for item_id, item in sorted(progress.items.items())
    ]
    return {
        "file": str(ProgressStore().path),
        "path": progress.path,
        "program": progress.program,
        "hours_per_week": progress.hours_per_week,
        **extra,
        "stages": stages,
        "overall": overall,
        "slots": slots,
        "choices": slot_choices(progress),
        "items": items,
        "custom_items": [
            {"id": i, "title": c.title, "stage": c.stage, "hours": c.hours}
            for i, c in sorted(progress.custom_items.items())
        ],
        "unknown_ids": list(store.unknown_ids(progress, known)),
    }


@_handled
def _show(args: argparse.Namespace) -> int:
    progress = _open()[1]
    data = summary(load().catalog, progress)
    if args.format == "json":
        out_json(data)
    else:
        _print_summary(data)
    return 0


def _fraction(done: int, total: int, percent: int | None) -> str:
    shown = "-" if percent is None else f"{percent}%"
    return f"{done:>3}/{total:<3} {shown:>4}"


def _print_summary(data: dict[str, Any]) -> None:
    out(f"Progress file: {data['file']}")
    chosen = data["path"] or "not chosen"
    if data["program"]:
        chosen += f" ({data['program']})"
    out(f"Path: {chosen}; pace: {data.get('pace') or 'not set'}")
    overall = data["overall"]
    if overall is None:
        out(data["problem"])
    else:
        out(
            f"{overall['done']} of {overall['total']} done ({overall['percent'] or 0}%) · "
            f"{overall['hours_done']:.0f} h done, {overall['hours_left']:.0f} h left"
        )
        finish = data["finish"] or "not within a century"
        out(f"Finish {finish} · {data['standing']}")
        out()
        width = max([len(s["title"]) for s in data["stages"]] + [7])
        for stage in data["stages"]:
            label = f"{stage['order']}. {stage['title']}"
            if stage["optional"] and not stage["total"]:
                out(f"{label:<{width + 3}}  optional for your goal, not started")
                continue
            line = _fraction(stage["done"], stage["total"], stage["percent"])
            tail = " (optional)" if stage["optional"] else ""
            out(f"{label:<{width + 3}}  {line}  {stage['hours_left']:>5.0f} h left{tail}")
        line = _fraction(overall["done"], overall["total"], overall["percent"])
        out(f"{'Overall':<{width + 3}}  {line}  {overall['hours_left']:>5.0f} h left")
    if data["slots"]:
        out()
        out("Places with alternatives (`mlroute progress choose SLOT COURSE`):")
        for slot in data["slots"]:
            others = ", ".join(slot["alternatives"])
            out(f"  {slot['slot']}: {slot['picked']} (or {others})")
            if slot["why"]:
                out(f"      {slot['why']}")
    if data["items"]:
        out()
        out("Tracked items:")
        id_width = max(len(item["id"]) for item in data["items"])
        for item in data["items"]:
            when = (item["changed"] or "")[:10]
            note = f"  - {item['note']}" if item["note"] else ""
            mark = "" if item["known"] else "  (not in the catalog; kept)"
            out(f"  {item['id']:<{id_width}}  {item['status']:<11}  {when:<10}{note}{mark}")
