"""The decision report: a Markdown record of the answers, the verdict and its reasons."""

from __future__ import annotations

from datetime import date

from mlroute.catalog.models import Catalog, Program
from mlroute.questions import QUESTIONS, Value
from mlroute.scoring import Recommendation
from mlroute.text import clean


def _md(text: str) -> str:
    """Catalog or user text made inert for Markdown tables and lines."""
    return clean(text).replace("|", "\\|").replace("\n", " ")


def decision_report(
    answers: dict[str, Value], recommendation: Recommendation, catalog: Catalog, today: date
) -> str:
    """The report as Markdown; pure, so it can be tested and written atomically elsewhere."""
    rec = recommendation
    lines = [
        "# mlroute decision report",
        "",
        f"Made on {today.isoformat()} by mlroute from your answers and its offline catalog.",
        "",
        "## Verdict",
        "",
        f"**{_md(rec.verdict)}**",
        "",
        f"Confidence: {rec.confidence}. {_md(rec.confidence_text)}",
        "",
        f"Points toward the degree: {rec.degree_points:.1f}; toward courses: "
        f"{rec.course_points:.1f}; margin {rec.margin:.1f}.",
        "",
        *([f"A rule decided it: {_md(rec.rule_reason)}", ""] if rec.rule_reason else []),
        *([_md(rec.money), ""] if rec.money else []),
        "## Time",
        "",
        *[f"- {_md(line)}" for line in rec.timing],
        "",
        "## What would change it",
        "",
        _md(rec.flip_text),
        "",
        "## The factors",
        "",
        "| Factor | Toward | Points | Why |",
        "|---|---|---:|---|",
    ]
    for factor in rec.factors:
        if factor.contribution:
            lines.append(
                f"| {_md(factor.name)} | {factor.toward} | {abs(factor.contribution):.1f} "
                f"| {_md(factor.reason)} |"
            )
    lines += ["", "## Programs, best first", ""]
    lines += ["| # | Program | Cost | Within budget | Warnings |", "|---:|---|---|---|---|"]
    for rank, program in enumerate(rec.programs, 1):
        warnings = "; ".join(_md(w) for w in program.warnings) or "none"
        lines.append(
            f"| {rank} | {_md(program.title)} | {_md(program.cost)} | {program.covers} "
            f"| {warnings} |"
        )
    gaps = [catalog.by_id[g] for g in rec.prerequisite_gaps if g in catalog.by_id]
    lines += ["", "## Foundations to fill first", ""]
    lines += [f"- {_md(getattr(g, 'title', g.id))}" for g in gaps] or ["- none: all solid"]
    outline = rec.plan
    lines += [
        "",
        f"## Plan outline ({outline.path} path, {outline.hours_per_week} hours a week)",
        "",
        "| Stage | Items | Hours | Months |",
        "|---|---:|---:|---:|",
    ]
    for stage in outline.stages:
        lines.append(
            f"| {_md(stage.title)} | {stage.items} | {stage.hours:.0f} | {stage.months:.1f} |"
        )
    lines += [
        "",
        f"In all about {outline.total_hours:.0f} hours, {outline.total_months:.1f} months.",
        "",
        _md(outline.cost_comparison),
        "",
    ]
    lines += [f"- {_md(note)}" for note in outline.notes]
    lines += ["", "## Your answers", "", "| Question | Answer |", "|---|---|"]
    for question in QUESTIONS:
        if question.field in answers:
            value = question.label_of(answers[question.field])
            lines.append(f"| {_md(question.prompt)} | {_md(value)} |")
    lines += ["", "## Assumptions and sources", ""]
    lines += [_program_assumption(entry) for entry in catalog.programs]
    lines += [
        "",
        "Course hours are estimates; costs and durations change.",
        "",
        _md(rec.verify),
        "",
    ]
    return "\n".join(lines)


def _program_assumption(program: Program) -> str:
    cost = program.cost_usd
    if cost is None:
        cost_text = "cost not known"
    else:
        high = f"${cost.max:,}" if cost.max is not None else "more"
        cost_text = f"${cost.min:,} to {high}" + (" (estimate)" if cost.estimate else "")
    years = program.duration_years
    return (
        f"- {_md(program.title)}: {cost_text}; {years.min:g} to {years.max:g} years; "
        f"source: {_md(program.source)}, last verified {program.last_verified.isoformat()}."
    )
