"""The plan as Markdown, pure: checkboxes for the items, dates, notes, and the timeline.

Catalog text and the user's own text (titles, notes) are cleaned of control characters and
have Markdown's special characters escaped, so a note can never turn into a link or markup.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date, datetime

from mlroute.slots import LISTED_FIRST
from mlroute.store import ItemProgress
from mlroute.text import clean
from mlroute.timeline import Timeline, TrackedItem, TrackedPlan

_SPECIAL = re.compile(r"([\\`*_{}\[\]<>()#+!|~])")

PATH_TITLES = {"courses": "the course path", "degree": "the degree path"}
"""How each path reads in a heading."""


def md(text: str) -> str:
    """User or catalog text as literal Markdown on one line."""
    return _SPECIAL.sub(r"\\\1", " ".join(clean(text).split()))


def _hours(hours: float) -> str:
    return f"{hours:.1f}".removesuffix(".0")


def _when(value: datetime | date | None) -> str:
    if isinstance(value, datetime):
        return value.date().isoformat()
    return value.isoformat() if value is not None else ""


def _item_lines(item: TrackedItem, state: ItemProgress | None) -> list[str]:
    status = state.status if state is not None else "todo"
    when = _when(state.changed) if state is not None else ""
    title = md(item.title)
    box = "[x]" if status == "done" else "[ ]"
    if status == "skipped":
        title = f"~~{title}~~"
    parts = [f"- {box} {title}"]
    if item.hours:
        parts.append(f" ({_hours(item.hours)} h)")
    label = {"done": "done", "in-progress": "in progress since", "skipped": "skipped"}.get(status)
    if label is not None:
        parts.append(f" — {label} {when}".rstrip() if when else f" — {label}")
    if item.custom:
        parts.append(" · your own item")
    if item.optional:
        parts.append(" · optional")
    lines = ["".join(parts)]
    if item.why and (item.optional or not item.why.startswith(LISTED_FIRST)):
        lines.append(f"  - Why here: {md(item.why)}")
    if state is not None and state.note.strip():
        lines.append(f"  - Note: {md(state.note)}")
    return lines


def plan_markdown(
    plan: TrackedPlan,
    progress: Mapping[str, ItemProgress],
    line: Timeline,
    *,
    today: date,
) -> str:
    """The plan as a Markdown document: a summary with the timeline, then each stage with
    its items as checkboxes (done ticked, skipped struck through), dates and notes."""
    overall = line.overall
    heading = f"# My ML plan: {PATH_TITLES[plan.path]}"
    if plan.path == "degree" and plan.program_title:
        heading += f", {md(plan.program_title)}"
    out = [heading, "", f"Exported by mlroute on {today.isoformat()}.", ""]
    percent = round(overall.fraction * 100)
    summary = f"- Progress: {overall.done} of {overall.counted} items done ({percent}%)"
    if overall.in_progress:
        summary += f", {overall.in_progress} in progress"
    if overall.skipped:
        summary += f", {overall.skipped} skipped"
    out.append(summary)
    out.append(
        f"- Hours: {_hours(overall.hours_done)} done, {_hours(overall.hours_left)} left (estimates)"
    )
    out.append(f"- Pace: {line.pace.text()}")
    finish = line.finish.isoformat() if line.finish else "more than a century away"
    out.append(f"- Projected finish: {finish}")
    if line.target is not None:
        out.append(f"- Against your target: {line.standing()}")
    for number, (stage, stage_line) in enumerate(zip(plan.stages, line.stages, strict=True), 1):
        counted = stage_line.tally
        optional = " (optional)" if stage.optional else ""
        out += ["", f"## {number}. {md(stage.title)}{optional}", ""]
        if stage_line.finished is not None:
            when = f"finished {stage_line.finished.isoformat()}"
        elif stage_line.finish is not None:
            when = f"projected finish {stage_line.finish.isoformat()}"
        else:
            when = "no projected finish"
        out.append(
            f"{counted.done} of {counted.counted} done · {_hours(counted.hours_done)} h done, "
            f"{_hours(counted.hours_left)} h left · {when}"
        )
        out.append("")
        group = ""
        for item in stage.items:
            if item.kind == "milestone" and item.group != group:
                out += ["", f"**Project: {md(item.group_title)}**", ""]
            group = item.group if item.kind == "milestone" else ""
            out += _item_lines(item, progress.get(item.id))
    out.append("")
    return "\n".join(out)
