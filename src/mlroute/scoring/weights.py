"""The scoring table (`data/scoring.toml`): factor weights and wording, thresholds, program points.

The numbers and sentences are a curator's to tune; what each factor reads and which way it
pulls is fixed in `mlroute.scoring.factors`, and the guide's precedence rules in
`mlroute.scoring.rules`, so no edit here can turn a reason around.
"""

from __future__ import annotations

import string
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from mlroute import paths
from mlroute.catalog.models import Program
from mlroute.limits import MAX_MONTHS_TO_GOAL, MAX_PACE
from mlroute.scoring.factors import FACTORS, PLACEHOLDERS, FactorId, Toward
from mlroute.tomlfile import TomlFileError, read_toml, validation_problems

Signal = Literal["strong", "moderate", "varies"]
"""How much a credential carries in hiring, as the catalog says."""


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


def placeholders(template: str) -> set[str]:
    """The `{names}` a template uses."""
    return {name for _, name, _, _ in string.Formatter().parse(template) if name is not None}


class FactorWeight(_Frozen):
    """One factor as the scoring table describes it."""

    id: FactorId
    """Which rule this is."""
    name: str = Field(min_length=1)
    """Display name."""
    toward: Toward
    """Which side it pulls toward; must match the rule's fixed direction."""
    weight: float = Field(ge=0, le=100)
    """Points when the factor applies fully."""
    reason: str = Field(min_length=1)
    """Why it pulls, as a template, in our words."""
    reason_zero: str = Field(min_length=1)
    """Why it does not pull for this person, as a template."""

    @model_validator(mode="after")
    def _consistent(self) -> FactorWeight:
        expected = FACTORS[self.id].toward
        if self.toward != expected:
            raise ValueError(
                f"factor {self.id!r} pulls toward {expected!r}; its direction is fixed by its rule"
            )
        allowed = PLACEHOLDERS[self.id]
        for template in (self.reason, self.reason_zero):
            unknown = placeholders(template) - allowed
            if unknown:
                names = ", ".join(sorted(unknown))
                offered = ", ".join(sorted(allowed)) or "none"
                raise ValueError(f"unknown placeholder(s) {names}; this factor offers: {offered}")
        return self


class ConfidenceBands(_Frozen):
    """Margins that separate low, medium and high confidence, and how each is said."""

    low_below: float = Field(gt=0)
    """A margin under this is low confidence."""
    high_from: float = Field(gt=0)
    """A margin of at least this is high confidence."""
    low: str = Field(min_length=1)
    """Sentence for low confidence; may use {margin} and {winner}."""
    medium: str = Field(min_length=1)
    """Sentence for medium confidence."""
    high: str = Field(min_length=1)
    """Sentence for high confidence."""
    ruled: str = Field(min_length=1)
    """Sentence when one of the guide's rules decides the path; may use {winner}."""

    @model_validator(mode="after")
    def _ordered(self) -> ConfidenceBands:
        if self.high_from < self.low_below:
            raise ValueError("high_from must be at least low_below")
        for template in (self.low, self.medium, self.high, self.ruled):
            unknown = placeholders(template) - {"margin", "winner"}
            if unknown:
                raise ValueError(f"unknown placeholder(s) {', '.join(sorted(unknown))}")
        return self


class Thresholds(_Frozen):
    """Numbers the rules use besides the weights."""

    two_year_months: float = Field(ge=1, le=MAX_MONTHS_TO_GOAL)
    """The length of a "two-year program" the guide says courses can beat: a goal sooner than
    this is in a hurry."""
    fast_months: float = Field(ge=1, le=MAX_MONTHS_TO_GOAL)
    """A goal this close pulls fully toward courses."""
    full_time_hours: int = Field(ge=1, le=MAX_PACE)
    """Hours a week from which a person could follow a full-time program."""

    @model_validator(mode="after")
    def _ordered(self) -> Thresholds:
        if self.fast_months > self.two_year_months:
            raise ValueError("fast_months must not be above two_year_months")
        return self


class ProgramWeights(_Frozen):
    """Points for ranking programs."""

    signal_strong: float
    """A strong hiring signal."""
    signal_moderate: float
    """A moderate hiring signal."""
    signal_varies: float
    """A signal that varies (certificates)."""
    brand: float = Field(ge=0)
    """Brand recognition, times the person's importance and the program's trait."""
    research: float = Field(ge=0)
    """Research access, likewise."""
    cost: float = Field(ge=0)
    """Cheapness, times how little brand and research matter to the person."""
    region: float = Field(ge=0)
    """A local edge where the person is based."""
    cannot_cover: float = Field(le=0)
    """The budget is below the lowest figure."""
    might_not_cover: float = Field(le=0)
    """The budget covers the lowest figure but maybe not the whole cost."""
    cost_unknown: float = Field(le=0)
    """The catalog has no cost figure."""
    ineligible: float = Field(le=0)
    """A quantitative bachelor's is required and missing."""
    missing_coursework: float = Field(le=0)
    """Expected foundation coursework is below a solid level (once per program)."""
    certificate_under_filter: float = Field(le=0)
    """A certificate, when the target employers filter on a graduate degree."""
    too_long: float = Field(le=0)
    """The program's shortest duration is longer than the person's deadline."""
    full_time_only: float = Field(le=0)
    """Only full-time study, for a person with part-time hours."""
    in_person_away: float = Field(le=0)
    """Only in person, away from where the person is based."""


class Traits(_Frozen):
    """How a program scores on brand recognition and research access."""

    brand: float = Field(ge=0, le=1)
    """0 to 1."""
    research: float = Field(ge=0, le=1)
    """0 to 1."""


class Weights(_Frozen):
    """The whole scoring table (`data/scoring.toml`)."""

    schema_version: Literal[2]
    """Format version."""
    confidence: ConfidenceBands
    """Confidence bands."""
    thresholds: Thresholds
    """Rule thresholds."""
    factors: tuple[FactorWeight, ...]
    """Every factor, each once."""
    programs: ProgramWeights
    """Program ranking points."""
    program_traits: dict[str, Traits] = {}
    """Traits by program id."""
    default_traits: dict[Signal, Traits]
    """Traits for programs not listed, by signal."""

    @field_validator("factors")
    @classmethod
    def _every_factor_once(cls, factors: tuple[FactorWeight, ...]) -> tuple[FactorWeight, ...]:
        ids = [factor.id for factor in factors]
        repeated = sorted({i for i in ids if ids.count(i) > 1})
        missing = [i for i in FACTORS if i not in ids]
        if repeated:
            raise ValueError(f"factor(s) listed more than once: {', '.join(repeated)}")
        if missing:
            raise ValueError(f"factor(s) missing: {', '.join(missing)}")
        return factors

    @field_validator("default_traits")
    @classmethod
    def _every_signal(cls, traits: dict[Signal, Traits]) -> dict[Signal, Traits]:
        missing = [s for s in ("strong", "moderate", "varies") if s not in traits]
        if missing:
            raise ValueError(f"missing signal(s): {', '.join(missing)}")
        return traits

    def traits(self, program: Program) -> Traits:
        """A program's traits: its own entry, or the default for its signal."""
        return self.program_traits.get(program.id) or self.default_traits[program.signal]


def weights_path() -> Path:
    """The bundled scoring table."""
    return paths.bundled_data_dir() / "scoring.toml"


def load_weights(path: Path | None = None) -> Weights:
    """Read and validate a scoring table (the bundled one by default).

    Raises TomlFileError with every problem located as FILE:LINE: field.
    """
    path = path or weights_path()
    text, data = read_toml(path)
    try:
        return Weights.model_validate(data)
    except ValidationError as error:
        raise TomlFileError(validation_problems(error, str(path), text)) from None
