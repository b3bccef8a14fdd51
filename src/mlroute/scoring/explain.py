"""The recommendation's sentences: how sure it is, how long each path takes against the
person's months, what the money falls short by, and what would change the verdict.

Pure: each builds its words from what `score` has already worked out.
"""

from __future__ import annotations

import math
from typing import Literal

from mlroute.answers import Answers
from mlroute.limits import MAX_PACE, WEEKS_PER_MONTH
from mlroute.plan import Outline, PathName
from mlroute.scoring.flip import MAX_CHANGES, Flip
from mlroute.scoring.programs import ProgramResult
from mlroute.scoring.rules import PathRule
from mlroute.scoring.weights import Weights
from mlroute.scoring.words import PATH_NAMES, other, usd

Confidence = Literal["low", "medium", "high"]
"""How sure the verdict is, from the margin (high when a rule decides)."""


def confidence_of(
    margin: float, path: PathName, rule: PathRule | None, weights: Weights
) -> tuple[Confidence, str]:
    """How sure the verdict is, and that in a sentence, from the margin and the bands."""
    bands = weights.confidence
    winner = "the degree" if path == "degree" else "the course path"
    if rule is not None:
        return "high", bands.ruled.format(margin=f"{margin:.1f}", winner=winner)
    level: Confidence = (
        "low" if margin < bands.low_below else "high" if margin >= bands.high_from else "medium"
    )
    template = {"low": bands.low, "medium": bands.medium, "high": bands.high}[level]
    return level, template.format(margin=f"{margin:.1f}", winner=winner)


def timing_of(
    answers: Answers, courses: Outline, degree: Outline | None, lead: ProgramResult | None
) -> tuple[tuple[str, ...], tuple[PathName, ...]]:
    """Each path's length at the person's pace against their months, and the paths that miss
    them (with the hours or the goal date that would make them fit)."""
    months, hours = answers.months_to_goal, answers.hours_per_week
    lines: list[str] = []
    misses: list[PathName] = []
    # Compared as said: "about 12 months" is inside a goal of 12, whatever the decimals.
    length = courses.total_months
    if round(length) <= months:
        lines.append(
            f"At {hours} hours a week the course path takes about {length:.0f} months, inside "
            f"your {months}."
        )
    else:
        misses.append("courses")
        needed = math.ceil(courses.total_hours / (months * WEEKS_PER_MONTH))
        more = f"about {needed} hours a week, or " if needed <= MAX_PACE else ""
        lines.append(
            f"At {hours} hours a week the course path takes about {length:.0f} months, not "
            f"{months}: it would take {more}a goal about {math.ceil(length)} months away."
        )
    if degree is not None and lead is not None:
        length = degree.total_months
        if round(length) <= months:
            lines.append(
                f"The degree path with {lead.short_title} takes about {length:.0f} months "
                f"(preparation included), inside your {months}."
            )
        else:
            misses.append("degree")
            lines.append(
                f"The degree path with {lead.short_title} takes about {length:.0f} months "
                f"(preparation included; the program alone runs {lead.duration}), not {months}."
            )
    return tuple(lines), tuple(misses)


def money_text(path: PathName, lead: ProgramResult | None, budget: int) -> str:
    """On the degree path, what the budget falls short of the first program by, and how to
    close it; empty when it does not."""
    if path != "degree" or lead is None or lead.shortfall_usd is None:
        return ""
    return (
        f"{lead.short_title} costs {lead.cost}, and your {usd(budget)} leaves you at least "
        f"{usd(lead.shortfall_usd)} short. Ways to close it: save toward it, ask your employer "
        "about tuition support, and study the foundations while you do, since admission looks "
        "for them anyway."
    )


def flip_sentence(
    path: PathName,
    flips: tuple[Flip, ...],
    rule: PathRule | None,
    carried: list[str],
    confidence: Confidence,
) -> str:
    """What would change the verdict, in words: what carries it, then the cheapest practical
    flip, else the cheapest change of direction."""
    target = PATH_NAMES[other(path)]
    parts: list[str] = []
    if rule is not None:
        parts.append("This verdict follows one of the guide's rules rather than a weighing.")
    elif confidence == "high" and carried:
        names = ", ".join(carried[:-1]) + (" and " if len(carried) > 1 else "") + carried[-1]
        parts.append(f"The verdict rests mostly on {names}.")
    if not flips:
        parts.append(f"No change of your answers that we tried makes {target} win.")
        return " ".join(parts)
    first = flips[0]
    if first.kind == "practical":
        parts.append(f"Within your control: if {first.text}, {target} would win.")
    else:
        parts.append(
            f"No change within your control (of up to {MAX_CHANGES} answers) tips it; it would "
            f"take a different goal or situation: if {first.text}, {target} would win."
        )
    if len(flips) > 1:
        parts.append(f"A different goal or situation would also do it: if {flips[1].text}.")
    return " ".join(parts)
