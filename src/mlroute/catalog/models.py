"""The catalog's data model: programs, courses, foundations, stages, projects, FAQ and articles.

Every entry and value is frozen and forbids unknown keys, so a typo in a curator's TOML is an
error with a line number rather than a silently ignored field.

Entries and their values are pydantic dataclasses with slots, validated exactly like models:
a catalog may hold 100,000 courses, and a `BaseModel` instance carries an attribute dict and a
set of the fields given besides its values (about 2.3 KB of bookkeeping per course with its
hours and cost, against 0.4 KB slotted). `Catalog`, one per file, is the model.

Values that repeat across thousands of courses (providers, stage ids, sources, dates, costs,
hours) are shared: a parsed file makes a new object for every occurrence, and validation keeps
one per distinct value instead. They are immutable, so sharing them is invisible.
"""

from __future__ import annotations

import dataclasses
import operator
import sys
from collections.abc import Hashable, Mapping
from datetime import date
from functools import cached_property
from typing import Annotated, Any, Literal, Self, TypeVar, cast

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    model_validator,
)
from pydantic.dataclasses import dataclass

_V = TypeVar("_V", bound=Hashable)

_SHARED: dict[tuple[type, Hashable], Hashable] = {}
"""One instance of each distinct shared value seen, by type and value."""


def _shared(value: _V) -> _V:
    """The instance of `value` already seen, or `value` itself from now on."""
    return cast(_V, _SHARED.setdefault((type(value), value), value))


Shared = AfterValidator(_shared)
"""Validated values that compare equal become one object (immutable values only)."""

Interned = AfterValidator(sys.intern)
"""Validated strings that are equal become one object."""

Id = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9_.-]*$", max_length=80)]
"""A catalog id: lowercase letters, digits, `_`, `-`, `.`; unique across every kind."""

Text = Annotated[str, StringConstraints(min_length=1)]
"""Non-empty text, shown to the user literally (never as markup)."""

FoundationId = Literal["linear_algebra", "probability_statistics", "calculus", "python"]
"""The four foundations the guide calls non-negotiable."""

FOUNDATION_IDS: tuple[FoundationId, ...] = (
    "linear_algebra",
    "probability_statistics",
    "calculus",
    "python",
)


STRICT = ConfigDict(extra="forbid")
"""Unknown keys are errors, for entries, their values and the catalog alike."""


@dataclass(frozen=True, slots=True, kw_only=True, config=STRICT)
class Sourced:
    """An entry whose facts come from somewhere and were checked on some date."""

    id: Id
    """Unique id across the whole catalog, used by progress, prerequisites and links."""
    source: Annotated[Text, Interned]
    """Where the facts come from: the guide's section, or the provider's page."""
    last_verified: Annotated[date, Shared]
    """When a person last checked the facts against the source."""


@dataclass(frozen=True, slots=True, kw_only=True, config=STRICT)
class UsdRange:
    """A cost in US dollars, as a range."""

    min: int = Field(ge=0)
    """Lowest cost in USD."""
    max: int | None = Field(default=None, ge=0)
    """Highest cost in USD; omitted for an open-ended figure such as "$20,000+"."""
    estimate: bool = False
    """True when the figure is an estimate rather than a published price."""
    note: str = ""
    """What the figure covers or where it comes from."""

    @model_validator(mode="after")
    def _ordered(self) -> UsdRange:
        if self.max is not None and self.min > self.max:
            raise ValueError(f"min ({self.min}) is greater than max ({self.max})")
        return self


@dataclass(frozen=True, slots=True, kw_only=True, config=STRICT)
class HoursRange:
    """Study time in hours, as a range."""

    min: int = Field(ge=1)
    """Fewest hours a learner typically needs."""
    max: int = Field(ge=1)
    """Most hours a learner typically needs."""
    estimate: bool = True
    """True unless the provider publishes the figure; most are estimates."""

    @model_validator(mode="after")
    def _ordered(self) -> HoursRange:
        if self.min > self.max:
            raise ValueError(f"min ({self.min}) is greater than max ({self.max})")
        return self

    @property
    def mid(self) -> float:
        """The middle of the range, used for plan estimates."""
        return (self.min + self.max) / 2


@dataclass(frozen=True, slots=True, kw_only=True, config=STRICT)
class YearsRange:
    """A duration in years, as a range."""

    min: float = Field(gt=0)
    """Shortest typical duration."""
    max: float = Field(gt=0)
    """Longest typical duration."""
    estimate: bool = False
    """True when the figure is an estimate rather than the program's own."""
    note: str = ""
    """Where the figure comes from, when it is not simply the program's stated length."""

    @model_validator(mode="after")
    def _ordered(self) -> YearsRange:
        if self.min > self.max:
            raise ValueError(f"min ({self.min}) is greater than max ({self.max})")
        return self


@dataclass(frozen=True, slots=True, kw_only=True, config=STRICT)
class Foundation(Sourced):
    """A mathematical or programming foundation the guide says cannot be skipped."""

    id: FoundationId
    """One of the four foundation ids."""
    title: Text
    """Display name, e.g. "Linear algebra"."""
    order: int = Field(ge=1)
    """Position in the recommended study order (1 first)."""
    description: Text
    """What the foundation covers."""
    why: Text
    """Why machine learning needs it."""


@dataclass(frozen=True, slots=True, kw_only=True, config=STRICT)
class Selectivity:
    """How hard a program is to get into, as far as the source says."""

    applications_per_year: int | None = Field(default=None, ge=0)
    """Applications received in a year, if published."""
    acceptance_rate_below: float | None = Field(default=None, gt=0, le=1)
    """An upper bound on the acceptance rate (0.3 means below 30%), if known."""
    scope: str = ""
    """What the figures describe (the whole program, one track)."""
    rate_scope: str = ""
    """What the acceptance rate covers, in a few words that can follow it in a sentence
    ("on the ML track"); empty when it is the whole program's."""
    estimate: bool = False
    """True when the figures are estimates or reported second-hand."""


Delivery = Literal[
    "online-part-time",
    "online-full-time",
    "in-person-part-time",
    "in-person-full-time",
]
"""One way a program can be taken: online or in person, part-time or full-time."""

PART_TIME_DELIVERY: frozenset[Delivery] = frozenset({"online-part-time", "in-person-part-time"})
"""The deliveries that fit alongside a job."""


@dataclass(frozen=True, slots=True, kw_only=True, config=STRICT)
class Program(Sourced):
    """An online master's degree or graduate certificate."""

    title: Text
    """Display name."""
    short_title: Text | None = None
    """A name short enough for a table column (about 20 cells), e.g. "Georgia Tech OMSCS"."""
    institution: Text
    """The university or platform behind it."""
    kind: Literal["degree", "certificate"]
    """A full master's degree, or a professional certificate."""
    cost_usd: UsdRange | None = None
    """Total cost, when a figure is known."""
    cost_known: bool = True
    """False when the source gives no figure; the advisor then says so instead of guessing."""
    duration_years: YearsRange
    """Typical time to finish as the program's own page states it (for a full-time program,
    the full-time length; for a part-time one, the part-time length)."""
    delivery: tuple[Delivery, ...] = Field(min_length=1)
    """The ways the program can be taken, per its own page: a program with neither
    `online-part-time` nor `in-person-part-time` cannot be studied alongside a full-time job."""
    format: Text
    """How it is delivered, described in a sentence or two (`delivery` is the checkable part)."""
    admission: tuple[Text, ...] = ()
    """Admission requirements, each as a checklist item."""
    requires_quant_bachelor: bool = True
    """Whether admission generally needs a bachelor's in a quantitative field."""
    required_foundations: tuple[FoundationId, ...] = ()
    """Foundations admission expects coursework in."""
    strengths: tuple[Text, ...] = ()
    """What it does well."""
    tradeoffs: tuple[Text, ...] = ()
    """What it costs the learner besides money."""
    suits: Text
    """Who it suits, in a sentence."""
    selectivity: Selectivity | None = None
    """Admission figures, where the source gives them."""
    regions: tuple[str, ...] = ()
    """Regions where it has a local edge, e.g. `pacific-northwest`."""
    signal: Literal["strong", "moderate", "varies"]
    """How much weight the credential carries in ML hiring, per the source."""
    verify_note: Text
    """A reminder to confirm the current details with the program."""
    url: str = ""
    """The program's page."""
    tags: tuple[str, ...] = ()
    """Search terms."""
    guide_named: bool = False
    """True for the programs the guide names itself (its facts then come from the guide)."""

    @property
    def part_time(self) -> bool:
        """Whether any delivery fits alongside a job (online or in person, part-time)."""
        return not PART_TIME_DELIVERY.isdisjoint(self.delivery)

    @model_validator(mode="after")
    def _cost_consistent(self) -> Program:
        if self.cost_known and self.cost_usd is None:
            raise ValueError("cost_usd is required unless cost_known = false")
        return self


@dataclass(frozen=True, slots=True, kw_only=True, config=STRICT)
class CourseCost:
    """What a course costs."""

    audit_free: bool
    """Whether the material can be studied for free (auditing)."""
    certificate_usd: UsdRange | None = None
    """What a certificate or full access costs, when known."""


@dataclass(frozen=True, slots=True, kw_only=True, config=STRICT)
class Course(Sourced):
    """A course that covers part of a masters-level curriculum."""

    title: Text
    """Display name."""
    provider: Annotated[Text, Interned]
    """Who teaches or hosts it."""
    stage: Annotated[Id, Interned]
    """The curriculum stage it belongs to."""
    foundation: FoundationId | None = None
    """The foundation it teaches, for foundation courses."""
    slot: Annotated[Id, Interned] | None = None
    """Courses of one stage that share a slot are alternatives for the same place in the plan,
    which picks one of them; None means the course is a slot of its own. A foundation course's
    slot defaults to its foundation."""
    topics: tuple[Annotated[Text, Interned], ...] = ()
    """What it covers, as search terms."""
    hours: Annotated[HoursRange, Shared]
    """Estimated study hours."""
    cost: Annotated[CourseCost, Shared]
    """Cost and audit option."""
    prerequisites: tuple[Annotated[Id, Interned], ...] = ()
    """Course or foundation ids to have done first."""
    description: Text
    """What it teaches and when to take it."""
    url: str = ""
    """The course page."""
    guide_named: bool = False
    """True for the courses the guide names itself."""

    @model_validator(mode="after")
    def _foundation_slot(self) -> Course:
        # Filled in here rather than by readers, so that every reader sees the same slot.
        if self.slot is None and self.foundation is not None:
            object.__setattr__(self, "slot", self.foundation)
        return self


@dataclass(frozen=True, slots=True, kw_only=True, config=STRICT)
class Stage(Sourced):
    """One stage of the five-stage, masters-equivalent sequence."""

    order: int = Field(ge=1)
    """Position in the sequence (1 first)."""
    title: Text
    """Display name."""
    summary: Text
    """What the stage is for."""
    courses: tuple[Id, ...] = ()
    """Course ids, in the order to take them."""
    projects: tuple[Id, ...] = ()
    """Portfolio project ids (the last stage)."""


@dataclass(frozen=True, slots=True, kw_only=True, config=STRICT)
class Milestone:
    """A step of a portfolio project that a user can tick off."""

    id: Id
    """Unique across the catalog, e.g. `project-churn.deploy`."""
    title: Text
    """What to do."""
    hours: HoursRange | None = None
    """Estimated hours, if known."""


@dataclass(frozen=True, slots=True, kw_only=True, config=STRICT)
class Project(Sourced):
    """An end-to-end portfolio project."""

    title: Text
    """Display name."""
    stage: Id
    """The stage it belongs to."""
    summary: Text
    """What to build and why it impresses."""
    data: Text
    """Where real data for it can come from."""
    skills: tuple[Text, ...] = ()
    """What it demonstrates."""
    hours: HoursRange
    """Estimated total hours."""
    milestones: tuple[Milestone, ...] = Field(min_length=1)
    """Steps to tick off, in order."""


@dataclass(frozen=True, slots=True, kw_only=True, config=STRICT)
class Faq(Sourced):
    """A question the guide answers."""

    question: Text
    """The question as a reader would ask it."""
    answer: Text
    """The answer, in Markdown."""
    tags: tuple[str, ...] = ()
    """Search terms."""
    related: tuple[Id, ...] = ()
    """Catalog ids the answer mentions, shown as links."""


@dataclass(frozen=True, slots=True, kw_only=True, config=STRICT)
class Article(Sourced):
    """A guide article: one of the guide's sections, rewritten."""

    title: Text
    """Display name."""
    body: Text
    """The article, in Markdown."""
    tags: tuple[str, ...] = ()
    """Search terms."""
    related: tuple[Id, ...] = ()
    """Catalog ids the article mentions, shown as links."""


Kind = Literal["foundation", "program", "course", "stage", "project", "faq", "article"]
"""The kinds of catalog entry."""

KIND_FIELDS: dict[Kind, str] = {
    "foundation": "foundations",
    "program": "programs",
    "course": "courses",
    "stage": "stages",
    "project": "projects",
    "faq": "faq",
    "article": "articles",
}
"""Each kind and the top-level TOML array that holds it."""

Entry = Foundation | Program | Course | Stage | Project | Faq | Article
"""Any catalog entry."""


class Catalog(BaseModel):
    """A whole catalog file: the bundled one, or a user overlay (where every part is optional)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    schema_version: Literal[1] = 1
    """Format version of the catalog file."""
    foundations: tuple[Foundation, ...] = ()
    """The four foundations."""
    programs: tuple[Program, ...] = ()
    """Degree and certificate programs."""
    courses: tuple[Course, ...] = ()
    """Courses."""
    stages: tuple[Stage, ...] = ()
    """Curriculum stages."""
    projects: tuple[Project, ...] = ()
    """Portfolio projects."""
    faq: tuple[Faq, ...] = ()
    """FAQ entries."""
    articles: tuple[Article, ...] = ()
    """Guide articles."""

    def entries(self, kind: Kind) -> tuple[Entry, ...]:
        """All entries of one kind."""
        entries: tuple[Entry, ...] = getattr(self, KIND_FIELDS[kind])
        return entries

    def counts(self) -> dict[Kind, int]:
        """How many entries of each kind."""
        return {kind: len(self.entries(kind)) for kind in KIND_FIELDS}

    def model_copy(self, *, update: Mapping[str, Any] | None = None, deep: bool = False) -> Self:
        """Copy without the cached lookups, which would describe the old entries."""
        copy = super().model_copy(update=update, deep=deep)
        for name in _CACHED:
            copy.__dict__.pop(name, None)
        return copy

    @cached_property
    def by_id(self) -> dict[str, Entry]:
        """Every entry by id (the last one wins if ids repeat; the loader rejects repeats)."""
        return {entry.id: entry for kind in KIND_FIELDS for entry in self.entries(kind)}

    @cached_property
    def milestones(self) -> dict[str, tuple[Project, Milestone]]:
        """Every project milestone by id, with its project."""
        return {m.id: (p, m) for p in self.projects for m in p.milestones}

    @cached_property
    def kinds(self) -> dict[str, Kind]:
        """The kind of every entry, by id."""
        return {entry.id: kind for kind in KIND_FIELDS for entry in self.entries(kind)}

    def kind_of(self, entry_id: str) -> Kind | None:
        """The kind of the entry with this id, or None."""
        return self.kinds.get(entry_id)

    def stages_in_order(self) -> tuple[Stage, ...]:
        """The curriculum stages sorted by their order."""
        return tuple(sorted(self.stages, key=lambda stage: stage.order))


_CACHED = ("by_id", "milestones", "kinds")
"""Catalog's cached properties."""


def _quick_pickling(cls: type) -> None:
    """Give a frozen slotted dataclass a `__getstate__`/`__setstate__` that know its fields.

    The standard ones look the fields up again for every object, which was half the time of
    reading the catalog cache.
    """
    names = tuple(field.name for field in dataclasses.fields(cls))
    get_values = operator.attrgetter(*names)
    set_value = object.__setattr__

    def getstate(self: object) -> tuple[object, ...]:
        values = get_values(self)
        return values if len(names) > 1 else (values,)

    def setstate(self: object, state: tuple[object, ...]) -> None:
        for name, value in zip(names, state, strict=True):
            set_value(self, name, value)

    setattr(cls, "__getstate__", getstate)  # noqa: B010 (mypy refuses assigning to a method)
    setattr(cls, "__setstate__", setstate)  # noqa: B010


for _class in tuple(vars().values()):
    if isinstance(_class, type) and dataclasses.is_dataclass(_class):
        _quick_pickling(_class)
del _class
