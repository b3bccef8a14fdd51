"""Any catalog entry as Markdown for the detail pane and the reader. Pure text, no Textual.

Catalog text is data: plain fields are cleaned of control characters and every Markdown
punctuation mark is escaped, so a title such as `[bold red]` or `# x` shows literally. FAQ
answers and article bodies are Markdown by design; they are cleaned, and numeric character
references (which could spell a control character) are shown literally too.
Links to other entries are written as `#<id>`; the reader turns them into navigation.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from mlroute.catalog.models import (
    Catalog,
    Course,
    Entry,
    Faq,
    Foundation,
    HoursRange,
    Program,
    Project,
    Stage,
    UsdRange,
)
from mlroute.catalog_index import Pace, delivery_text, usd_range, weeks_at
from mlroute.limits import DEFAULT_PACE, GAP_BELOW
from mlroute.links import is_web_page
from mlroute.staleness import DUE_MONTHS, OUT_OF_DATE_MONTHS, is_due
from mlroute.text import clean
from mlroute.tui.marks import STATUS_MARKS, STATUS_NAMES

if TYPE_CHECKING:
    from mlroute.store import Status

STATUS_WORDS: dict[Status, str] = {s: f"{STATUS_MARKS[s]} {STATUS_NAMES[s]}" for s in STATUS_MARKS}
"""A tracked status in words, with its symbol."""


UNTRACKED = "· not in your plan"
"""What an untracked entry's status reads as."""

LEVEL_WORDS = {0: "none yet", 1: "basic", 2: "solid", 3: "strong"}
"""The questionnaire's foundation levels in words."""

_INLINE = re.compile(r"([\\`*_\[\]<>&|~#])")
"""Characters that start Markdown inline syntax anywhere in a line (and `#` for headings)."""
_LINE_START = re.compile(r"^([+\-=])|^(\d+)([.)])")
"""Block markers that only count at the start of a line: list items, setext underlines."""
_NUMERIC_REFERENCE = re.compile(r"&(#[0-9]+;?|#[xX][0-9a-fA-F]+;?)")


def md_escape(text: str) -> str:
    """Plain catalog text as Markdown that renders exactly that text, on one line."""
    escaped = _INLINE.sub(r"\\\1", " ".join(clean(text).split()))
    return _LINE_START.sub(_escape_marker, escaped)


def _escape_marker(found: re.Match[str]) -> str:
    if found.group(1):
        return "\\" + found.group(1)
    return f"{found.group(2)}\\{found.group(3)}"


def md_paragraphs(text: str) -> str:
    """Plain multi-line text as escaped Markdown paragraphs (blank lines separate them)."""
    paragraphs = re.split(r"\n\s*\n", clean(text))
    return "\n\n".join(md_escape(p) for p in paragraphs if p.strip())


def problem_markdown(title: str, problem: str) -> str:
    """A page saying why there is nothing to show: the title, then each line of `problem`."""
    lines = "\n\n".join(md_escape(line) for line in problem.splitlines() if line.strip())
    return f"# {md_escape(title)}\n\n{lines}\n"


def md_body(markdown: str) -> str:
    """Catalog Markdown (an answer or article) made safe to render."""
    return _NUMERIC_REFERENCE.sub(r"&amp;\1", clean(markdown)).strip()


def link(entry_id: str, text: str) -> str:
    """A Markdown link to another entry."""
    return f"[{md_escape(text)}](#{entry_id})"


@dataclass(frozen=True)
class EntryContext:
    """What the detail depends on besides the entry: the user's progress, answers and date."""

    status_of: Callable[[str], Status | None] = lambda _id: None
    """An entry's progress status, or None when it is not tracked."""
    answers: Mapping[str, str | int | bool] = field(default_factory=dict)
    """The user's saved answers, flat."""
    today: date = field(default_factory=date.today)
    """Today, for the "verify current details" note."""
    key_hints: bool = True
    """Mention the catalog screen's keys (o to open a page, p for prerequisites)."""

    @property
    def pace(self) -> Pace | None:
        """The user's pace, when they have answered it."""
        from mlroute.catalog_index import answers_pace

        return answers_pace(dict(self.answers))

    def status_words(self, entry_id: str) -> str:
        """The entry's status in words."""
        status = self.status_of(entry_id)
        return STATUS_WORDS[status] if status else UNTRACKED


def title_of(entry: Entry) -> str:
    """An entry's display title (a FAQ's question)."""
    return clean(entry.question if isinstance(entry, Faq) else entry.title)


def entry_markdown(catalog: Catalog, entry_id: str, context: EntryContext) -> str:
    """The whole detail of one entry, as Markdown."""
    entry = catalog.by_id.get(entry_id)
    if entry is None:
        return f"# Not found\n\nThere is no catalog entry with the id `{md_escape(entry_id)}`."
    if isinstance(entry, Course):
        parts = _course(catalog, entry, context)
    elif isinstance(entry, Program):
        parts = _program(entry, context)
    elif isinstance(entry, Stage):
        parts = _stage(catalog, entry, context)
    elif isinstance(entry, Foundation):
        parts = _foundation(catalog, entry, context)
    elif isinstance(entry, Project):
        parts = _project(catalog, entry, context)
    elif isinstance(entry, Faq):
        parts = [
            f"# {md_escape(entry.question)}",
            autolink(md_body(entry.answer), catalog, entry.related),
        ]
        parts += _related(catalog, entry.related)
    else:
        parts = [
            f"# {md_escape(entry.title)}",
            autolink(md_body(entry.body), catalog, entry.related),
        ]
        parts += _related(catalog, entry.related)
    if is_stale(entry, context.today):
        # Up top, where it is seen before any figure is trusted.
        parts.insert(2 if parts[1].startswith("*") else 1, _stale_note(entry, context.today))
    parts += _source(entry)
    return "\n\n".join(part for part in parts if part) + "\n"


def is_stale(entry: Entry, today: date) -> bool:
    """Whether the entry was last verified more than `DUE_MONTHS` months before `today`."""
    return is_due(entry.last_verified, today, DUE_MONTHS)


# Links between entries ---------------------------------------------------------------------

_PROTECTED = re.compile(r"```.*?```|`[^`\n]*`|\[[^\]\n]*\]\([^)\n]*\)|^#.*$", re.S | re.M)
"""Code, existing links and headings: never linked inside."""

_ACRONYM = re.compile(r"\(([A-Z][A-Za-z]{1,9})\)")


def aliases(entry: Entry) -> list[str]:
    """Names an entry goes by in prose: its title, acronyms in it, a program's short tags."""
    title = title_of(entry)
    names = [title, *_ACRONYM.findall(title)]
    if isinstance(entry, Program):
        names += [tag.upper() for tag in entry.tags if tag.isalpha() and 2 <= len(tag) <= 6]
    return [name for name in dict.fromkeys(names) if len(name) >= 2 and "]" not in name]


def autolink(markdown: str, catalog: Catalog, related: Iterable[str]) -> str:
    """Link the first mention of each related entry in the text to that entry.

    Acronyms match exactly, other names in any case, and only as whole words outside code,
    headings and existing links.
    """
    for entry_id in related:
        entry = catalog.by_id.get(entry_id)
        if entry is None:
            continue
        for alias in sorted(aliases(entry), key=len, reverse=True):
            flags = 0 if alias.isupper() else re.IGNORECASE
            pattern = re.compile(rf"(?<![\w#\[\\])({re.escape(alias)})(?![\w\]])", flags)
            linked = _link_first(markdown, pattern, entry_id)
            if linked is not None:
                markdown = linked
                break
    return markdown


def _link_first(markdown: str, pattern: re.Pattern[str], entry_id: str) -> str | None:
    position = 0
    for protected in [*_PROTECTED.finditer(markdown), None]:
        end = protected.start() if protected is not None else len(markdown)
        found = pattern.search(markdown, position, end)
        if found is not None:
            start, stop = found.span(1)
            return f"{markdown[:start]}[{found.group(1)}](#{entry_id}){markdown[stop:]}"
        if protected is None:
            return None
        position = protected.end()
    return None


# Kinds -------------------------------------------------------------------------------------


def _course(catalog: Catalog, course: Course, context: EntryContext) -> list[str]:
    # What decides whether to take it now comes first; the finer details after.
    facts = [
        f"- **Your status:** {context.status_words(course.id)}",
        f"- **Estimated hours:** {_hours(course.hours, context)}",
        f"- **Stage:** {_stage_link(catalog, course.stage)}",
    ]
    if course.foundation:
        facts.append(f"- **Teaches the foundation:** {_entry_link(catalog, course.foundation)}")
    parts = [
        f"# {md_escape(course.title)}",
        f"*Course · {md_escape(course.provider)}*",
        "\n".join(facts),
        "## Prerequisites",
        _prerequisites(catalog, course.prerequisites, context),
        "## About it",
        md_paragraphs(course.description),
        f"- **Cost:** {_course_cost(course, context)}",
    ]
    if course.topics:
        parts[-1] += f"\n- **Topics:** {', '.join(md_escape(t) for t in course.topics)}"
    parts += _page(course.url, context)
    return parts


def _program(program: Program, context: EntryContext) -> list[str]:
    kind = "Degree" if program.kind == "degree" else "Certificate"
    cost = "not published in our sources" if not program.cost_known else "unknown"
    if program.cost_usd is not None:
        cost = _usd(program.cost_usd)
        budget = context.answers.get("budget_usd")
        if isinstance(budget, int) and not isinstance(budget, bool):
            fits = program.cost_usd.min <= budget
            cost += (
                f" · ✓ within your budget of ${budget:,}"
                if fits
                else f" · ✗ above your budget of ${budget:,}"
            )
    years = program.duration_years
    duration = f"{years.min:g}–{years.max:g} years" + (" (estimate)" if years.estimate else "")
    if years.note:
        duration += f". {md_escape(years.note)}"
    facts = [
        f"- **Institution:** {md_escape(program.institution)}",
        f"- **Cost:** {cost}",
        f"- **Duration:** {duration}",
        f"- **Ways to take it:** {md_escape(delivery_text(program.delivery))}",
        f"- **Format:** {md_escape(program.format)}",
        f"- **Hiring signal:** {md_escape(program.signal)}",
        f"- **Your status:** {context.status_words(program.id)}",
    ]
    parts = [f"# {md_escape(program.title)}", f"*{kind}*", md_paragraphs(program.suits)]
    parts.append("\n".join(facts))
    for heading, items in (
        ("Admission", program.admission),
        ("Strengths", program.strengths),
        ("Tradeoffs", program.tradeoffs),
    ):
        if items:
            parts.append(f"## {heading}")
            parts.append("\n".join(f"- {md_escape(item)}" for item in items))
    parts.append(f"> {md_escape(program.verify_note)}")
    parts += _page(program.url, context)
    return parts


def _stage(catalog: Catalog, stage: Stage, context: EntryContext) -> list[str]:
    total = len(catalog.stages)
    courses = [catalog.by_id[c] for c in stage.courses if c in catalog.by_id]
    hours = [c.hours for c in courses if isinstance(c, Course)]
    hours += [p.hours for p in catalog.projects if p.id in stage.projects]
    parts = [
        f"# {md_escape(stage.title)}",
        f"*Stage {stage.order} of {total}*",
        md_paragraphs(stage.summary),
    ]
    if hours:
        combined = HoursRange(min=sum(h.min for h in hours), max=sum(h.max for h in hours))
        parts.append(f"- **Estimated hours:** {_hours(combined, context)}")
    if stage.courses:
        parts.append("## Courses, in order")
        parts.append(_linked_list(catalog, stage.courses, context))
    if stage.projects:
        parts.append("## Projects")
        parts.append(_linked_list(catalog, stage.projects, context))
    return parts


def _foundation(catalog: Catalog, foundation: Foundation, context: EntryContext) -> list[str]:
    level = context.answers.get(f"foundations.{foundation.id}")
    facts = [f"- **Your status:** {context.status_words(foundation.id)}"]
    if isinstance(level, int) and not isinstance(level, bool):
        facts.append(f"- **Your level (from your answers):** {LEVEL_WORDS.get(level, level)}")
    parts = [
        f"# {md_escape(foundation.title)}",
        f"*Foundation {foundation.order} of {len(catalog.foundations)}*",
        md_paragraphs(foundation.description),
        "## Why it matters",
        md_paragraphs(foundation.why),
        "\n".join(facts),
    ]
    teaching = [c.id for c in catalog.courses if c.foundation == foundation.id]
    if teaching:
        parts.append("## Courses that teach it")
        parts.append(_linked_list(catalog, teaching, context))
    return parts


def _project(catalog: Catalog, project: Project, context: EntryContext) -> list[str]:
    parts = [
        f"# {md_escape(project.title)}",
        "*Portfolio project*",
        md_paragraphs(project.summary),
        "\n".join(
            [
                f"- **Estimated hours:** {_hours(project.hours, context)}",
                f"- **Data:** {md_escape(project.data)}",
                f"- **Stage:** {_stage_link(catalog, project.stage)}",
                f"- **Your status:** {context.status_words(project.id)}",
            ]
        ),
    ]
    if project.skills:
        parts.append(f"**Shows:** {', '.join(md_escape(s) for s in project.skills)}")
    parts.append("## Milestones")
    parts.append(
        "\n".join(
            f"{number}. {md_escape(m.title)} · {context.status_words(m.id)}"
            for number, m in enumerate(project.milestones, 1)
        )
    )
    return parts


# Pieces ------------------------------------------------------------------------------------


def _hours(hours: HoursRange, context: EntryContext) -> str:
    pace = context.pace
    per_week = pace.hours_per_week if pace is not None else DEFAULT_PACE
    low, high = weeks_at(hours, per_week)
    weeks = f"{low}–{high} weeks" if low != high else f"{low} week{'s' if low != 1 else ''}"
    estimate = " (estimate)" if hours.estimate else ""
    text = f"{hours.min}–{hours.max} h{estimate}, about **{weeks}** "
    if pace is not None:
        return text + f"at your pace of {per_week} h a week"
    return text + f"at {per_week} h a week (answer the questionnaire to use your own pace)"


def _usd(cost: UsdRange) -> str:
    text = usd_range(cost) + (" (estimate)" if cost.estimate else "")
    return text + (f". {md_escape(cost.note)}" if cost.note else "")


def _course_cost(course: Course, context: EntryContext) -> str:
    certificate = course.cost.certificate_usd
    if course.cost.audit_free:
        text = "free to audit"
        if certificate is not None:
            text += f"; a certificate or full access costs {_usd(certificate)}"
        return text
    return f"paid: {_usd(certificate)}" if certificate is not None else "paid (price not known)"


def _entry_link(catalog: Catalog, entry_id: str) -> str:
    entry = catalog.by_id.get(entry_id)
    return link(entry_id, title_of(entry)) if entry is not None else md_escape(entry_id)


def _stage_link(catalog: Catalog, stage_id: str) -> str:
    stage = catalog.by_id.get(stage_id)
    if not isinstance(stage, Stage):
        return md_escape(stage_id)
    total = len(catalog.stages)
    return link(stage_id, f"Stage {stage.order} of {total}: {clean(stage.title)}")


def _linked_list(catalog: Catalog, ids: Iterable[str], context: EntryContext) -> str:
    return "\n".join(
        f"- {_entry_link(catalog, entry_id)} · {context.status_words(entry_id)}" for entry_id in ids
    )


def prerequisite_met(entry_id: str, context: EntryContext) -> tuple[bool, str]:
    """Whether a prerequisite is met, and why: done in the plan, or a solid foundation."""
    status = context.status_of(entry_id)
    if status == "done":
        return True, "done"
    level = context.answers.get(f"foundations.{entry_id}")
    if isinstance(level, int) and not isinstance(level, bool) and level >= GAP_BELOW:
        return True, f"your level: {LEVEL_WORDS.get(level, level)}"
    return False, STATUS_NAMES[status] if status else "not started"


def _prerequisites(catalog: Catalog, ids: tuple[str, ...], context: EntryContext) -> str:
    if not ids:
        return "None: you can start this straight away."
    lines = []
    for entry_id in ids:
        met, why = prerequisite_met(entry_id, context)
        mark = "✓ met" if met else "✗ not yet"
        lines.append(f"- {mark}: {_entry_link(catalog, entry_id)} ({md_escape(why)})")
    met_count = sum(prerequisite_met(entry_id, context)[0] for entry_id in ids)
    hint = " Press **p** to jump to one." if context.key_hints else ""
    lines.append(f"\n{met_count} of {len(ids)} met.{hint}")
    return "\n".join(lines)


def _page(url: str, context: EntryContext) -> list[str]:
    if not url:
        return []
    web = is_web_page(url)
    hint = " (press **o** to open it in your browser)" if context.key_hints and web else ""
    return [f"**Page:** {md_escape(url)}{hint}"]


def _related(catalog: Catalog, ids: tuple[str, ...]) -> list[str]:
    if not ids:
        return []
    return ["## See also", "\n".join(f"- {_entry_link(catalog, i)}" for i in ids)]


def _source(entry: Entry) -> list[str]:
    return [
        "## Source",
        f"{md_escape(entry.source)} · last verified {entry.last_verified.isoformat()}",
    ]


def _stale_note(entry: Entry, today: date) -> str:
    checked = entry.last_verified.isoformat()
    if is_due(entry.last_verified, today, OUT_OF_DATE_MONTHS):
        return (
            "> ⚠ **May be out of date:** these facts were last checked more than "
            f"{OUT_OF_DATE_MONTHS // 12} years ago ({checked}). Verify current details with the "
            "provider before relying on them."
        )
    return (
        "> ⚠ **Verify current details with the provider:** this entry was last checked "
        f"more than a year ago ({checked})."
    )
