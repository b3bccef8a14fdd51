"""The answers file: what a person told the advisor, validated strictly, with located errors.

The questions themselves (wording, "why we ask", widgets) live in `mlroute.questions`, which
stays free of pydantic so the TUI's first screen can paint from it; this module re-exports them
as `QUESTIONS` and owns the model they fill in.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Annotated, Any, Literal, get_args, get_origin

from annotated_types import Ge, Le
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from mlroute.questions import QUESTIONS, Choice, Question
from mlroute.tomlfile import Problem, TomlFileError, parse, read_toml, validation_problems

__all__ = [
    "ALLOWED",
    "EXAMPLE_ANSWERS",
    "FIELDS",
    "QUESTIONS",
    "RANGES",
    "Answers",
    "Choice",
    "FoundationLevels",
    "Question",
    "answers_from_text",
    "dumps_answers",
    "example_answers",
    "flat",
    "load_answers",
    "with_changes",
]

Goal = Literal[
    "research", "ml-engineering", "data-science", "applied-research", "academia-adjacent"
]
"""The kind of work the person is aiming at."""
CredentialRequired = Literal["yes", "no", "unsure"]
"""Whether the target employers filter on a graduate degree."""
CareerStage = Literal["entry", "mid", "senior"]
"""The level the person will be hired at."""
EmployerType = Literal[
    "big-tech", "large-enterprise", "defense", "research-lab", "academia", "mid-size", "startup"
]
"""The kind of employer the person is aiming at."""
Need = Literal["specific-skills", "broad-curriculum"]
"""Targeted skills, or a whole curriculum."""
Region = Literal["pacific-northwest", "other"]
"""Where the person is based or wants to work."""

Level = Annotated[int, Field(ge=0, le=3)]
"""A foundation level: 0 none, 1 basic, 2 solid, 3 strong."""
Scale = Annotated[int, Field(ge=1, le=5)]
"""A 1 (not at all) to 5 (a great deal) scale."""

_STRICT = ConfigDict(frozen=True, extra="forbid", strict=True)


def _bounds(field: str) -> Any:
    """The number question's own range as the model's: one set of limits for the
    questionnaire, the answers file, `advise` and the saved answers (`RANGES` reads them)."""
    question = next(q for q in QUESTIONS if q.field == field)
    return Field(ge=question.minimum, le=question.maximum)


class FoundationLevels(BaseModel):
    """How strong the person is in each of the four foundations."""

    model_config = _STRICT

    linear_algebra: Level
    """Linear algebra, 0-3."""
    probability_statistics: Level
    """Probability and statistics, 0-3."""
    calculus: Level
    """Calculus for optimization, 0-3."""
    python: Level
    """Python proficiency, 0-3."""


class Answers(BaseModel):
    """Everything the advisor needs to know, as saved by the questionnaire.

    Strict: a TOML `"5"` is not a number and `1` is not `true`, so a typo is an error with a
    line number rather than a silent guess.
    """

    model_config = _STRICT

    schema_version: Literal[1]
    """Format version of the answers file."""
    goal: Goal
    """The kind of work the person wants to do."""
    plans_phd: bool
    """Whether a PhD or research career is planned."""
    credential_required: CredentialRequired
    """Whether the target employers filter on a graduate degree."""
    career_stage: CareerStage
    """The level the person will be hired at."""
    employer_type: EmployerType
    """The kind of employer the person is aiming at."""
    budget_usd: int = _bounds("budget_usd")
    """The most the person can spend in total, in US dollars."""
    hours_per_week: int = _bounds("hours_per_week")
    """Study hours a week."""
    months_to_goal: int = _bounds("months_to_goal")
    """How soon the person wants to be job-ready, in months."""
    wants_structure: Scale
    """How much deadlines and grades help the person keep going, 1-5."""
    employed_technical: bool
    """Whether the person already works in a technical role."""
    need: Need
    """Specific skills, or a broad curriculum."""
    wants_portfolio: bool
    """Whether the person wants portfolio projects that show applied ability."""
    quant_bachelor: bool
    """Whether the person holds a bachelor's in CS, engineering, math or a related field."""
    region: Region
    """Where the person is based, or wants to work."""
    brand_importance: Scale
    """Weight on the credential's brand recognition, 1-5."""
    research_access_importance: Scale
    """Weight on advisors, labs and research exposure, 1-5."""
    foundations: FoundationLevels
    """Foundation levels, 0-3 each."""

    @field_validator("schema_version", mode="before")
    @classmethod
    def _exactly_one(cls, value: object) -> object:
        # Literal[1] alone would accept `true` and `1.0`, which compare equal to 1.
        if type(value) is not int:
            raise ValueError("must be the integer 1")
        return value


FIELDS: tuple[str, ...] = tuple(
    [name for name in Answers.model_fields if name not in ("schema_version", "foundations")]
    + [f"foundations.{name}" for name in FoundationLevels.model_fields]
)
"""Every answers-file field a person answers, in file order; dotted for foundations."""


def _field_info(field: str) -> Any:
    if field.startswith("foundations."):
        return FoundationLevels.model_fields[field.split(".", 1)[1]]
    return Answers.model_fields[field]


def _allowed(field: str) -> tuple[Any, ...] | None:
    annotation = _field_info(field).annotation
    if annotation is bool:
        return (False, True)
    if get_origin(annotation) is Literal:
        return get_args(annotation)
    return None


def _range(field: str) -> tuple[int, int | None]:
    low, high = 0, None
    for item in _field_info(field).metadata:
        if isinstance(item, Ge):
            low = int(item.ge)  # type: ignore[call-overload]
        elif isinstance(item, Le):
            high = int(item.le)  # type: ignore[call-overload]
    return low, high


ALLOWED: dict[str, tuple[Any, ...]] = {
    field: values for field in FIELDS if (values := _allowed(field)) is not None
}
"""The allowed values of every yes/no and multiple-choice field, in declaration order."""

RANGES: dict[str, tuple[int, int | None]] = {
    field: _range(field) for field in FIELDS if field not in ALLOWED
}
"""`(lowest, highest)` for every whole-number field; highest is None when unbounded."""


def flat(answers: Answers) -> dict[str, Any]:
    """The answers as `{field: value}` with dotted foundation keys, in `FIELDS` order."""
    values: dict[str, Any] = dict(answers)
    levels = values.pop("foundations")
    del values["schema_version"]
    for name, level in levels:
        values[f"foundations.{name}"] = level
    return values


def with_changes(answers: Answers, changes: Mapping[str, Any]) -> Answers:
    """A new Answers with some fields changed (dotted names for foundations), validated.

    Raises KeyError for a field that does not exist and pydantic's ValidationError for a value
    that is not allowed; the original is never modified.
    """
    data = answers.model_dump()
    for field, value in changes.items():
        if field.startswith("foundations."):
            name = field.split(".", 1)[1]
            if name not in FoundationLevels.model_fields:
                raise KeyError(field)
            data["foundations"][name] = value
        elif field in Answers.model_fields and field not in ("schema_version", "foundations"):
            data[field] = value
        else:
            raise KeyError(field)
    return Answers.model_validate(data)


def _problems(error: ValidationError, name: str, text: str) -> list[Problem]:
    problems = validation_problems(error, name, text)
    # A missing top-level key has no line of its own; the top-level table it belongs in starts
    # on line 1, just as a missing foundation is reported on the `[foundations]` header.
    return [
        Problem(p.file, 1, p.path, p.message)
        if p.line is None and p.path and "." not in p.path
        else p
        for p in problems
    ]


def _validate(data: Mapping[str, Any], name: str, text: str) -> Answers:
    try:
        return Answers.model_validate(data)
    except ValidationError as error:
        raise TomlFileError(_problems(error, name, text)) from None


def answers_from_text(text: str, name: str = "<answers>") -> Answers:
    """Parse and validate answers-file text; `name` is used in error messages."""
    if not text.strip():
        raise TomlFileError([Problem(name, None, "", "file is empty")])
    return _validate(parse(text, name), name, text)


def load_answers(path: Path | str) -> Answers:
    """Read an answers file; raises TomlFileError listing every problem as FILE:LINE: field."""
    path = Path(path)
    text, data = read_toml(path)
    return _validate(data, str(path), text)


def _toml_value(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    return '"' + str(value).replace("\\", "\\\\").replace('"', '\\"') + '"'


def dumps_answers(answers: Answers) -> str:
    """The answers as TOML text that `load_answers` reads back to an equal value."""
    import tomli_w  # deferred: only saving needs it

    return tomli_w.dumps(answers.model_dump())


def _commented(answers: Answers) -> str:
    """Answers as TOML with each question and its allowed values as comments."""
    by_field = {question.field: question for question in QUESTIONS}
    values = flat(answers)
    lines = [
        "# mlroute answers file: edit the values, then run",
        "#   mlroute advise --answers FILE",
        "# Every field is required. Comments say what each one means and which values it takes.",
        "",
        "schema_version = 1",
    ]
    in_foundations = False
    for field in FIELDS:
        if field.startswith("foundations.") and not in_foundations:
            in_foundations = True
            lines += ["", "# Foundations: 0 none yet, 1 basic, 2 solid, 3 strong.", "[foundations]"]
        question = by_field.get(field)
        lines.append("")
        if question is not None:
            lines.append(f"# {question.prompt}")
            lines.append(f"# Why: {question.why}")
            if question.choices and question.kind != "level":
                allowed = ", ".join(_toml_value(choice.value) for choice in question.choices)
                lines.append(f"# One of: {allowed}")
            elif field in RANGES:
                low, high = RANGES[field]
                span = f"at least {low}" if high is None else f"{low} to {high}"
                unit = f" ({question.unit})" if question.unit else ""
                lines.append(f"# A whole number, {span}{unit}.")
            elif question.kind == "switch":
                lines.append("# true or false")
        key = field.split(".", 1)[1] if in_foundations else field
        lines.append(f"{key} = {_toml_value(values[field])}")
    return "\n".join(lines) + "\n"


_EXAMPLE = {
    "schema_version": 1,
    "goal": "ml-engineering",
    "plans_phd": False,
    "credential_required": "no",
    "career_stage": "mid",
    "employer_type": "startup",
    "budget_usd": 3000,
    "hours_per_week": 10,
    "months_to_goal": 9,
    "wants_structure": 2,
    "employed_technical": True,
    "need": "specific-skills",
    "wants_portfolio": True,
    "quant_bachelor": True,
    "region": "other",
    "brand_importance": 2,
    "research_access_importance": 1,
    "foundations": {
        "linear_algebra": 2,
        "probability_statistics": 2,
        "calculus": 1,
        "python": 3,
    },
}


def example_answers() -> Answers:
    """The example persona: an employed engineer who wants specific ML skills on a budget."""
    return Answers.model_validate(_EXAMPLE)


EXAMPLE_ANSWERS: str = _commented(example_answers())
"""A commented answers file to start from (`mlroute advise --example`)."""
