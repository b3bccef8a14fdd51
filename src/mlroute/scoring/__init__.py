"""Scoring, pure: answers + catalog + weights -> an explained degree-or-courses recommendation.

The rooms: `rules` (the guide's rules, which decide before any weighing), `factors` (what each
weighed reason reads and how much it applies), `weights` (the table in `data/scoring.toml`),
`programs` (ranking programs for a person), `flip` (what would switch the verdict), `recommend`
(putting it together), `explain` (the verdict's sentences: how sure, how long, how much, what
would change it) and `words` (how answers are named in sentences). Nothing here does I/O
except `load_weights`, and nothing imports Textual.
"""

from __future__ import annotations

from mlroute.scoring.factors import FACTORS, PLACEHOLDERS, FactorId, Toward
from mlroute.scoring.flip import Change, Flip, change_text
from mlroute.scoring.programs import ProgramResult
from mlroute.scoring.recommend import (
    VERIFY,
    Confidence,
    FactorResult,
    Recommendation,
    net_score,
    path_for,
    score,
)
from mlroute.scoring.rules import PATH_RULES, PathRule, path_of
from mlroute.scoring.weights import Weights, load_weights, weights_path
from mlroute.scoring.words import EMPLOYERS, FOUNDATION_NAMES, GOALS, LEVELS, PATH_NAMES

__all__ = [
    "EMPLOYERS",
    "FACTORS",
    "FOUNDATION_NAMES",
    "GOALS",
    "LEVELS",
    "PATH_NAMES",
    "PATH_RULES",
    "PLACEHOLDERS",
    "VERIFY",
    "Change",
    "Confidence",
    "FactorId",
    "FactorResult",
    "Flip",
    "PathRule",
    "ProgramResult",
    "Recommendation",
    "Toward",
    "Weights",
    "change_text",
    "load_weights",
    "net_score",
    "path_for",
    "path_of",
    "score",
    "weights_path",
]
