"""`mlroute advise --answers FILE`: the recommendation for an answers file, as text or JSON."""

from __future__ import annotations

import argparse
import sys
import textwrap
from pathlib import Path
from typing import Any

from mlroute.answers import EXAMPLE_ANSWERS, load_answers
from mlroute.cli import UsageError
from mlroute.commands.common import load, out, out_json
from mlroute.scoring import FOUNDATION_NAMES, PATH_NAMES, Recommendation, load_weights, score

WIDTH = 88
"""Wrap prose at this width; fits a default terminal with the indent."""


def register(subparsers: Any) -> None:
    """Add the `advise` command."""
    parser = subparsers.add_parser(
        "advise",
        help="recommend a degree or a course path from an answers file",
        description="Score an answers file: the verdict, why, the programs, your gaps and plan.",
    )
    parser.add_argument("--answers", type=Path, metavar="FILE", help="an answers TOML file")
    parser.add_argument("--format", choices=("text", "json"), default="text")
    parser.add_argument(
        "--example", action="store_true", help="print a commented answers file to start from"
    )
    parser.set_defaults(handler=_advise)


def _advise(args: argparse.Namespace) -> int:
    if args.example:
        sys.stdout.write(EXAMPLE_ANSWERS)
        return 0
    if args.answers is None:
        raise UsageError("give --answers FILE, or --example for a file to start from")
    answers = load_answers(args.answers)
    recommendation = score(answers, load().catalog, load_weights())
    if args.format == "json":
        out_json(recommendation.model_dump(mode="json"))
    else:
        out(render(recommendation))
    return 0


def _wrap(text: str, indent: str = "  ", first: str | None = None) -> str:
    return textwrap.fill(
        text,
        width=WIDTH,
        initial_indent=indent if first is None else first,
        subsequent_indent=indent,
        break_on_hyphens=False,
    )


def _points(value: float) -> str:
    return f"{abs(value):.1f}"


def render(r: Recommendation) -> str:
    """The recommendation as an advisor would say it: verdict first, then the why and the how."""
    lines: list[str] = []
    lines.append(r.verdict)
    lines.append(_wrap(r.confidence_text))
    lines.append(
        f"  (degree {r.degree_points:.1f} points, courses {r.course_points:.1f}: "
        f"margin {r.margin:.1f})"
    )

    if r.money:
        lines.append(_wrap(r.money))

    lines += ["", "Time"]
    lines += [_wrap(line) for line in r.timing]

    lines += ["", "What decided it"]
    if r.rule:
        lines.append(_wrap(f"A rule, before any weighing: {r.rule_reason}"))
        lines.append("  The weighed factors, for what they are worth:")
    by_id = {factor.id: factor for factor in r.factors}
    for number, factor_id in enumerate(r.deciding, 1):
        factor = by_id[factor_id]
        head = f"{number}. {factor.name} ({_points(factor.contribution)} toward {factor.toward})"
        lines.append(f"  {head}")
        lines.append(_wrap(factor.reason, indent="     "))
    against = [f for f in r.factors if f.toward != r.path and f.contribution != 0][:2]
    if against:
        names = ", ".join(f"{f.name.lower()} ({_points(f.contribution)})" for f in against)
        other = PATH_NAMES["courses" if r.path == "degree" else "degree"]
        lines.append(_wrap(f"Pulling the other way, toward {other}: {names}."))
    lines.append("  Every factor and its reason: mlroute advise --format json")

    lines += ["", "Programs, best first"]
    if r.programs_note:
        lines.append(_wrap(r.programs_note))
    for number, program in enumerate(r.programs, 1):
        lines.append(f"  {number}. {program.title}  [{program.id}]")
        lines.append(f"     {program.delivery} · {program.duration}")
        budget = {
            "yes": "budget covers it",
            "maybe": "budget may not cover it",
            "no": "budget cannot cover it",
            "unknown": "cost unknown",
        }[program.covers]
        lines.append(f"     score {program.score:.1f} · {program.cost} · {budget}")
        lines += [_wrap(reason, indent="       ", first="     + ") for reason in program.reasons]
        lines += [_wrap(warning, indent="       ", first="     ! ") for warning in program.warnings]

    lines += ["", "Foundation gaps"]
    if r.prerequisite_gaps:
        order = ", then ".join(FOUNDATION_NAMES.get(gap, gap) for gap in r.prerequisite_gaps)
        lines.append(_wrap(f"Study in this order: {order}."))
    else:
        lines.append("  None: all four foundations are at a solid level or better.")

    plan = r.plan
    lines += ["", f"Plan outline at {plan.hours_per_week} hours a week"]
    for number, stage in enumerate(plan.stages, 1):
        length = (
            f"about {stage.months:g} months (typical duration)"
            if stage.fixed
            else f"{stage.hours:g} h, about {stage.months:g} months"
        )
        lines.append(f"  {number}. {stage.title}: {stage.items} item(s), {length}")
    lines.append(f"  Total: about {plan.total_months:g} months.")
    lines.append(_wrap(plan.cost_comparison))
    lines += [_wrap(note) for note in plan.notes]

    lines += ["", "What would change this"]
    lines.append(_wrap(r.flip_text))
    lines += ["", _wrap(r.verify, indent="")]
    return "\n".join(lines)
