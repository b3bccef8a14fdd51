"""`mlroute progress`: show, change, undo, export and import the user's progress, headlessly."""

from __future__ import annotations

import argparse
import difflib
import functools
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from mlroute import store
from mlroute.catalog.models import Catalog, Kind
from mlroute.cli import UsageError
from mlroute.commands.common import load, out, out_json
from mlroute.store import LoadOutcome, Progress, ProgressStore, StoreError

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

    sub.add_parser("undo", help="revert the last change").set_defaults(handler=_undo)
    sub.add_parser("redo", help="re-apply the last undone change").set_defaults(handler=_redo)

    export = sub.add_parser("export", help="write a portable backup of your progress")
    export.add_argument("file", type=Path)
    export.set_defaults(handler=_export)

    imp = sub.add_parser("import", help="replace your progress with a backup (undoable)")
    imp.add_argument("file", type=Path)
    imp.set_defaults(handler=_import)

    sub.add_parser("path", help="print where the progress file is").set_defaults(handler=_path)


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
    out(str(ProgressStore().path))
    return 0


# Show --------------------------------------------------------------------------------------


def _percent(done: int, total: int) -> int | None:
    return round(100 * done / total) if total else None


def summary(catalog: Catalog, progress: Progress) -> dict[str, Any]:
    """Per-stage and overall counts, and every tracked item, as plain data.

    A stage's items are its courses, its projects' milestones and the custom items placed in
    it; skipped items are left out of its total.
    """
    known = titles(catalog, progress)
    stages = []
    all_done = all_total = 0
    for stage in catalog.stages_in_order():
        ids = list(stage.courses)
        for project_id in stage.projects:
            project = catalog.by_id.get(project_id)
            ids += [m.id for m in getattr(project, "milestones", ())]
        ids += [i for i, item in progress.custom_items.items() if item.stage == stage.id]
        counted = [i for i in ids if progress.status(i) != "skipped"]
        done = sum(progress.status(i) == "done" for i in counted)
        all_done += done
        all_total += len(counted)
        stages.append(
            {
                "id": stage.id,
                "order": stage.order,
                "title": stage.title,
                "done": done,
                "total": len(counted),
                "percent": _percent(done, len(counted)),
                "items": ids,
            }
        )
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
        "stages": stages,
        "overall": {"done": all_done, "total": all_total, "percent": _percent(all_done, all_total)},
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
    pace = f"{data['hours_per_week']} h/week" if data["hours_per_week"] else "not set"
    out(f"Path: {chosen}; pace: {pace}")
    out()
    width = max([len(s["title"]) for s in data["stages"]] + [7])
    for stage in data["stages"]:
        label = f"{stage['order']}. {stage['title']}"
        out(f"{label:<{width + 3}}  {_fraction(stage['done'], stage['total'], stage['percent'])}")
    overall = data["overall"]
    line = _fraction(overall["done"], overall["total"], overall["percent"])
    out(f"{'Overall':<{width + 3}}  {line}")
    if data["items"]:
        out()
        out("Tracked items:")
        id_width = max(len(item["id"]) for item in data["items"])
        for item in data["items"]:
            when = (item["changed"] or "")[:10]
            note = f"  - {item['note']}" if item["note"] else ""
            mark = "" if item["known"] else "  (not in the catalog; kept)"
            out(f"  {item['id']:<{id_width}}  {item['status']:<11}  {when:<10}{note}{mark}")
