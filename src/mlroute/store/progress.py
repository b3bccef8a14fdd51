"""The progress values: `Progress` and its parts, as frozen pydantic models.

Also the types of what they hold (statuses, ids, answers, dates). Changing a `Progress` is the
job of `changes`; writing and reading it, of `fileformat`.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from math import isfinite
from typing import Annotated, Any, Final, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    PlainValidator,
    Strict,
    field_validator,
    model_validator,
)

SCHEMA_VERSION: Final = 1
"""The file format this mlroute writes. Bump it with a migration in `MIGRATIONS`."""

MAX_HISTORY = 100
"""How many changes `undo` (and `redo`) can walk back; older ones are dropped."""


Status = Literal["todo", "in-progress", "done", "skipped"]
"""Where an item stands. An item the file does not mention is `todo`."""

STATUSES: tuple[Status, ...] = ("todo", "in-progress", "done", "skipped")

PathChoice = Literal["degree", "courses"]
"""The route the user chose: an online master's degree, or the structured course path."""


def _encodable(text: str) -> str:
    # Lone surrogates (e.g. undecodable bytes in argv) cannot be written as UTF-8.
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        raise ValueError("contains characters that cannot be saved as UTF-8") from None
    return text


Text = Annotated[str, AfterValidator(_encodable)]
"""Any text that can be written to the file."""

MAX_ID_LENGTH = 120
"""The longest item id the file holds: catalog ids are at most 80 characters, and a custom
item's is `custom-`, up to 60 of its title's, and a number."""

ItemId = Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9_.-]*$", max_length=MAX_ID_LENGTH)]
"""A catalog id (course, foundation, project, milestone, program) or a custom item's id."""


def _answer_scalar(value: Any) -> bool:
    if isinstance(value, float):
        return isfinite(value)
    if isinstance(value, str):
        _encodable(value)
        return True
    if isinstance(value, bool) or (isinstance(value, date) and not isinstance(value, datetime)):
        return True
    return isinstance(value, int) and -(2**63) <= value < 2**63


def _answer_value(value: Any) -> Any:
    if _answer_scalar(value):
        return value
    if isinstance(value, list | tuple) and all(_answer_scalar(v) for v in value):
        return list(value)
    if isinstance(value, dict) and all(
        isinstance(k, str) and _answer_scalar(k) and _answer_scalar(v) for k, v in value.items()
    ):
        return value
    raise ValueError(
        "must be text, a whole or finite number, true/false or a date (no time); "
        "or a list or table of those"
    )


AnswerValue = Annotated[Any, AfterValidator(_answer_value)]
"""One saved answer: a scalar, a list of scalars, or a table of scalars (`foundations`)."""


def _aware(value: datetime) -> datetime:
    """Give a local time this machine's offset, and a seconds-precise offset (which TOML
    cannot write) the UTC one, so that every datetime compares with every other."""
    if value.tzinfo is None:
        try:
            return value.astimezone()
        except (OverflowError, ValueError, OSError):  # out of the platform's range
            return value.replace(tzinfo=UTC)
    offset = value.utcoffset()
    if offset is not None and offset.seconds % 60:
        return value.astimezone(UTC)
    return value


def _when(value: Any) -> datetime | date:
    # TOML has native dates and datetimes; a string here is a mistake, not a format.
    if isinstance(value, datetime):
        return _aware(value)
    if isinstance(value, date):
        return value
    raise ValueError("must be a date or a date and time, e.g. 2026-01-05 or 2026-01-05T10:00:00")


When = Annotated[datetime | date, PlainValidator(_when)]
"""A date, or a date and time with its UTC offset (a local time gets this machine's)."""

Hours = Annotated[int, Strict(), Field(ge=0, le=100_000)]


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class ItemProgress(_Frozen):
    """Where one tracked item stands."""

    status: Status = "todo"
    """todo, in-progress, done or skipped."""
    changed: When | None = None
    """When the status was last set (local time, with its offset); None if never recorded."""
    note: Text = ""
    """The user's note; empty for none."""


class CustomItem(_Frozen):
    """An item the user added to their plan themselves."""

    title: Annotated[Text, Field(min_length=1)]
    """What to do."""
    stage: Annotated[str, Field(max_length=MAX_ID_LENGTH)] = ""
    """The stage id it belongs to; empty for none."""
    hours: Hours = 0
    """Estimated hours; 0 when unknown."""


Pace = Annotated[int, Strict(), Field(ge=1, le=168)]
"""Study hours per week."""


_ABSENT_KEY = r"^((items|custom_items|slots)\.[a-z0-9][a-z0-9_.-]*|path|program|hours_per_week)$"

OLD_SLOTS_KEY: Final = "plan_slots"
"""Where slot choices were kept before they had a table of their own: an answers subtable.
A file that still has it is read as if it were `slots` (see `Progress._old_slots`)."""


class Snapshot(_Frozen):
    """The parts of a `Progress` one change touched, as they were before or after it.

    Keys are `items.ID`, `custom_items.ID`, `slots.ID`, `answers`, `path`, `program`,
    `hours_per_week`; a key in `absent` had no value (an untracked item, no path chosen).
    """

    items: dict[ItemId, ItemProgress] = {}
    """Touched items that were tracked."""
    custom_items: dict[ItemId, CustomItem] = {}
    """Touched custom items that existed."""
    slots: dict[ItemId, ItemId] = {}
    """Touched slots that had a chosen course (slot id -> course id)."""
    answers: dict[Text, AnswerValue] | None = None
    """The whole answers table, when the change touched it (only an import does)."""
    path: PathChoice | None = None
    """The chosen path, when touched and set."""
    program: ItemId | None = None
    """The chosen program, when touched and set."""
    hours_per_week: Pace | None = None
    """The pace, when touched and set."""
    absent: tuple[Annotated[str, Field(pattern=_ABSENT_KEY)], ...] = ()
    """Touched keys that had no value."""


class Change(_Frozen):
    """One undoable change: what it touched, before and after."""

    at: datetime
    """When it was made (microseconds kept: with `summary` it identifies the change)."""
    summary: Text
    """What it did, in a few words, e.g. `course-a: done`."""
    before: Snapshot
    """The touched keys before the change; `undo` restores these."""
    after: Snapshot
    """The touched keys after the change; `redo` restores these."""

    @field_validator("at", mode="plain")
    @classmethod
    def _at_aware(cls, value: Any) -> datetime:
        if not isinstance(value, datetime):
            raise ValueError("must be a date and time, e.g. 2026-01-05T10:00:00+01:00")
        return _aware(value)


class Progress(_Frozen):
    """Everything the user has told mlroute, as saved in `progress.toml`."""

    schema_version: Literal[1] = SCHEMA_VERSION
    """The file format; older files are migrated on load, newer ones refused."""
    path: PathChoice | None = None
    """The chosen route, if any."""
    program: ItemId | None = None
    """The chosen degree program's catalog id, if any."""
    hours_per_week: Pace | None = None
    """The user's pace."""
    answers: dict[Text, AnswerValue] = {}
    """Questionnaire answers as given, possibly partial; `foundations` is a subtable.
    Checking them against the questions is the questionnaire's job, not the store's."""
    items: dict[ItemId, ItemProgress] = {}
    """Tracked items by id. Ids the catalog no longer has are kept (see `unknown_ids`)."""
    custom_items: dict[ItemId, CustomItem] = {}
    """Items the user added, by id; their progress is in `items` like any other."""
    slots: dict[ItemId, ItemId] = {}
    """The user's own pick for a slot of the plan (slot id -> course id), made with `c` on the
    Plan screen or `mlroute progress choose`; a slot not here is picked by the plan."""
    history: tuple[Change, ...] = ()
    """Recent changes, oldest first, at most `MAX_HISTORY`: what `undo` reverts."""
    redo: tuple[Change, ...] = ()
    """Undone changes, most recent last: what `redo` re-applies. Any new change clears it."""

    @model_validator(mode="before")
    @classmethod
    def _old_slots(cls, data: Any) -> Any:
        # Files written before `slots` existed kept the choices in the answers; read them
        # from there (a choice in `slots` wins), so that the next save moves them.
        if not isinstance(data, dict):
            return data
        answers = data.get("answers")
        if not isinstance(answers, dict) or OLD_SLOTS_KEY not in answers:
            return data
        old = answers[OLD_SLOTS_KEY]
        data = {**data, "answers": {k: v for k, v in answers.items() if k != OLD_SLOTS_KEY}}
        if isinstance(old, dict):
            slots = data.get("slots")
            data["slots"] = {**old, **slots} if isinstance(slots, dict) else slots or old
        return data

    def item(self, item_id: str) -> ItemProgress:
        """The item's progress; an untracked item is `todo` with no date."""
        return self.items.get(item_id) or _UNTRACKED

    def status(self, item_id: str) -> Status:
        """The item's status; `todo` when untracked."""
        return self.item(item_id).status

    @property
    def can_undo(self) -> bool:
        """True when there is a change to undo."""
        return bool(self.history)

    @property
    def can_redo(self) -> bool:
        """True when there is an undone change to redo."""
        return bool(self.redo)


_UNTRACKED = ItemProgress()
_SCALARS = ("answers", "path", "program", "hours_per_week")
_TABLES = ("items", "custom_items", "slots")
_NOTHING = Snapshot()
