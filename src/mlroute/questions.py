"""The questionnaire as plain data: each answers-file field, how to ask it and why we ask.

Deliberately free of pydantic and Textual so the TUI's first screen can paint from it before
anything heavy is imported, and built of `NamedTuple`s rather than dataclasses, which take
several times longer to create at import. `mlroute.answers` validates what the questions
collect.
"""

from __future__ import annotations

from typing import Literal, NamedTuple

from mlroute.limits import DEFAULT_MONTHS_TO_GOAL, DEFAULT_PACE, MAX_MONTHS_TO_GOAL, MAX_PACE

Value = str | int | bool
"""A single answer value as it appears in the answers file."""


class Choice(NamedTuple):
    """One allowed value of a multiple-choice question."""

    value: str | int
    """The value written to the answers file."""
    label: str
    """What the user sees."""


class Question(NamedTuple):
    """One question of the questionnaire, mapped to one answers-file field."""

    field: str
    """The answers-file key; dotted for foundations, e.g. `foundations.calculus`."""
    topic: str
    """The group it belongs to, shown above the question."""
    prompt: str
    """The question."""
    why: str
    """Why we ask: which part of the guide's reasoning the answer feeds."""
    kind: Literal["choice", "number", "switch", "level"]
    """The widget: options, a validated number, a yes/no switch, a 0-3 foundation scale."""
    default: Value
    """The value offered before the user answers."""
    choices: tuple[Choice, ...] = ()
    """Allowed values for `choice` and `level` questions."""
    minimum: int | None = None
    """Smallest allowed number."""
    maximum: int | None = None
    """Largest allowed number."""
    unit: str = ""
    """Unit shown after a number, e.g. "USD"."""

    def label_of(self, value: Value) -> str:
        """The label for a value, for showing an answer."""
        if self.kind == "switch":
            return "yes" if value else "no"
        for choice in self.choices:
            if choice.value == value:
                return choice.label
        return f"{value:,} {self.unit}".strip() if isinstance(value, int) else str(value)

    def check(self, value: object) -> str | None:
        """A plain-words problem with `value`, or None when it is allowed."""
        if self.kind == "switch":
            return None if isinstance(value, bool) else "answer yes or no"
        if self.kind == "number":
            if isinstance(value, bool) or not isinstance(value, int):
                return "enter a whole number"
            if self.minimum is not None and value < self.minimum:
                return f"must be at least {self.minimum:,}"
            if self.maximum is not None and value > self.maximum:
                return f"must be at most {self.maximum:,}"
            if value > MAX_NUMBER:
                return "is too large to save"
            return None
        if any(choice.value == value for choice in self.choices):
            return None
        return "choose one of: " + ", ".join(str(choice.value) for choice in self.choices)

    @property
    def range_text(self) -> str:
        """The allowed range of a number question, for the hint under the input."""
        if self.kind != "number":
            return ""
        if self.maximum is None:
            return f"{self.minimum:,} or more {self.unit}".strip()
        return f"{self.minimum:,} to {self.maximum:,} {self.unit}".strip()


MAX_NUMBER = 2**63 - 1
"""The largest whole number an answer can be: the most a TOML file (and so the progress
file) holds. A question without a maximum (the budget) still stops here."""


def _scale(low: str, high: str) -> tuple[Choice, ...]:
    middle = ("a little", "somewhat", "quite a lot")
    return (
        Choice(1, f"1 · {low}"),
        *(Choice(i + 2, f"{i + 2} · {m}") for i, m in enumerate(middle)),
        Choice(5, f"5 · {high}"),
    )


LEVELS = (
    Choice(0, "0 · none yet"),
    Choice(1, "1 · basic: I have seen it"),
    Choice(2, "2 · solid: I can use it"),
    Choice(3, "3 · strong: I could teach it"),
)
"""The 0-3 scale for foundations; below 2 is a gap."""


def _foundation(key: str, name: str, why: str) -> Question:
    return Question(
        field=f"foundations.{key}",
        topic="Foundations",
        prompt=f"How strong is your {name}?",
        why=why,
        kind="level",
        default=1,
        choices=LEVELS,
    )


QUESTIONS: tuple[Question, ...] = (
    Question(
        "goal",
        "Your goal",
        "What kind of work do you want to do?",
        "Research roles and academia-adjacent work lean on graduate credentials; most "
        "engineering and data science hiring looks at what you can build.",
        "choice",
        "ml-engineering",
        (
            Choice("ml-engineering", "ML engineering: build and ship models"),
            Choice("data-science", "Data science: analyse data, model, communicate"),
            Choice("applied-research", "Applied research in industry"),
            Choice("research", "Research at a top lab"),
            Choice("academia-adjacent", "Academia-adjacent industry roles"),
        ),
    ),
    Question(
        "plans_phd",
        "Your goal",
        "Do you plan to do a PhD, or a research career, later?",
        "A master's gives access to advisors and labs that self-study cannot easily replace.",
        "switch",
        False,
    ),
    Question(
        "credential_required",
        "Your target employers",
        "Do your target employers filter applicants on a graduate degree?",
        "Where the degree is a hard filter, nothing else gets you past it: this decides the path.",
        "choice",
        "unsure",
        (
            Choice("yes", "Yes, they require or strongly prefer one"),
            Choice("no", "No, they hire on skills and experience"),
            Choice("unsure", "I am not sure yet"),
        ),
    ),
    Question(
        "career_stage",
        "Your target employers",
        "At what level will you be hired?",
        "Entry-level hiring at large companies often screens on education; mid and senior "
        "hiring runs on portfolio and experience.",
        "choice",
        "entry",
        (
            Choice("entry", "Entry level"),
            Choice("mid", "Mid level"),
            Choice("senior", "Senior"),
        ),
    ),
    Question(
        "employer_type",
        "Your target employers",
        "Which kind of employer are you aiming at?",
        "Large enterprises, defense contractors and research labs often filter on degree "
        "level; mid-size companies and startups are more flexible.",
        "choice",
        "mid-size",
        (
            Choice("big-tech", "Big tech"),
            Choice("large-enterprise", "Large enterprise"),
            Choice("defense", "Defense contractor"),
            Choice("research-lab", "Research lab"),
            Choice("academia", "Academia"),
            Choice("mid-size", "Mid-size company"),
            Choice("startup", "Startup"),
        ),
    ),
    Question(
        "budget_usd",
        "Time and money",
        "What is the most you can spend in total, in US dollars?",
        "Degrees cost from under $10,000 (OMSCS) to $20,000 and more; most courses are "
        "cheap or free to audit.",
        "number",
        5000,
        minimum=0,
        unit="USD",
    ),
    Question(
        "hours_per_week",
        "Time and money",
        "How many hours a week can you study?",
        "Your pace turns course hours into months, and tells whether a full-time program "
        "could fit alongside your life; a degree's own length is set by the program.",
        "number",
        DEFAULT_PACE,
        minimum=1,
        maximum=MAX_PACE,
        unit="hours a week",
    ),
    Question(
        "months_to_goal",
        "Time and money",
        "In how many months do you want to be job-ready?",
        "Part-time master's degrees take 1.5 to 3 years; a focused course path can take "
        "6 to 12 months.",
        "number",
        DEFAULT_MONTHS_TO_GOAL,
        minimum=1,
        maximum=MAX_MONTHS_TO_GOAL,
        unit="months",
    ),
    Question(
        "wants_structure",
        "How you learn",
        "How much do deadlines and grades help you keep going?",
        "A formal program's structure and accountability is one of the degree's real advantages.",
        "choice",
        3,
        _scale("not at all", "I need them"),
    ),
    Question(
        "employed_technical",
        "Where you are now",
        "Do you already work in a technical role?",
        "People already in technical jobs usually need specific skills, which courses "
        "deliver faster.",
        "switch",
        False,
    ),
    Question(
        "need",
        "Where you are now",
        "Do you need specific skills, or a broad curriculum?",
        "Specific skills favour targeted courses; a broad curriculum is what a degree imposes.",
        "choice",
        "specific-skills",
        (
            Choice("specific-skills", "Specific skills for the work I want"),
            Choice("broad-curriculum", "A broad, complete curriculum"),
        ),
    ),
    Question(
        "wants_portfolio",
        "How you learn",
        "Do you want to build portfolio projects that show applied ability?",
        "End-to-end projects are what demonstrates competency to most hiring managers.",
        "switch",
        True,
    ),
    Question(
        "quant_bachelor",
        "Where you are now",
        "Is your bachelor's degree in a quantitative subject, such as CS, engineering or math?",
        "Formal programs generally require one; without it, degree programs carry a warning.",
        "switch",
        True,
    ),
    Question(
        "region",
        "Where you are now",
        "Where are you based, or hoping to work?",
        "UW's MSDS has an edge with Pacific Northwest and Seattle-area employers.",
        "choice",
        "other",
        (
            Choice("pacific-northwest", "Pacific Northwest / Seattle area"),
            Choice("other", "Elsewhere"),
        ),
    ),
    Question(
        "brand_importance",
        "What matters to you",
        "How much does the credential's brand recognition matter to you?",
        "If brand matters more than cost, programs such as CMU's are worth their price.",
        "choice",
        2,
        _scale("not at all", "a great deal"),
    ),
    Question(
        "research_access_importance",
        "What matters to you",
        "How much do advisors, labs and research exposure matter to you?",
        "Research access is hard to replicate through self-study, and varies by program.",
        "choice",
        2,
        _scale("not at all", "a great deal"),
    ),
    _foundation(
        "linear_algebra",
        "linear algebra",
        "Vectors, matrices and decompositions are the language of ML; programs expect it.",
    ),
    _foundation(
        "probability_statistics",
        "probability and statistics",
        "Models are statistical claims; programs expect probability coursework.",
    ),
    _foundation(
        "calculus",
        "calculus",
        "Training is optimisation, and optimisation is calculus.",
    ),
    _foundation(
        "python",
        "Python",
        "The tools of the field are in Python; everything else builds on it.",
    ),
)
"""Every question, in the order asked."""

SHORT: dict[str, str] = {
    "goal": "Goal",
    "plans_phd": "PhD plans",
    "credential_required": "Degree filter",
    "career_stage": "Hiring level",
    "employer_type": "Employer",
    "budget_usd": "Budget",
    "hours_per_week": "Hours a week",
    "months_to_goal": "Months to goal",
    "wants_structure": "Structure",
    "employed_technical": "Technical job",
    "need": "Skills or breadth",
    "wants_portfolio": "Portfolio",
    "quant_bachelor": "Quant bachelor's",
    "region": "Region",
    "brand_importance": "Brand",
    "research_access_importance": "Research access",
    "foundations.linear_algebra": "Linear algebra",
    "foundations.probability_statistics": "Prob. & stats",
    "foundations.calculus": "Calculus",
    "foundations.python": "Python",
}
"""A short name for each field, for lists and the what-if panel."""

BY_FIELD: dict[str, Question] = {question.field: question for question in QUESTIONS}
"""Questions by answers-file field."""


def flatten(answers: dict[str, object]) -> dict[str, Value]:
    """Answers-file shape (`foundations` as a subtable) to flat dotted fields; keys that are
    no question's are dropped."""
    flat: dict[str, Value] = {}
    for key, value in answers.items():
        if isinstance(value, dict):
            for sub, inner in value.items():
                if f"{key}.{sub}" in BY_FIELD and isinstance(inner, str | int | bool):
                    flat[f"{key}.{sub}"] = inner
        elif key in BY_FIELD and isinstance(value, str | int | bool):
            flat[key] = value
    return flat


def nest(flat: dict[str, Value]) -> dict[str, object]:
    """Flat dotted fields to the answers-file shape, with `schema_version` first."""
    nested: dict[str, object] = {"schema_version": 1}
    foundations: dict[str, Value] = {}
    for key, value in flat.items():
        if key.startswith("foundations."):
            foundations[key.split(".", 1)[1]] = value
        else:
            nested[key] = value
    if foundations:
        nested["foundations"] = foundations
    return nested


def parse_whole(text: str) -> tuple[int | None, str | None]:
    """A whole number as typed (commas and underscores between digits allowed), or what is
    wrong with it in words: a decimal point or any other character is named, never dropped."""
    bare = text.strip().replace(",", "").replace("_", "")
    if not bare:
        return None, "enter a whole number"
    if "." in bare:
        whole = bare.split(".", 1)[0] or "0"
        return None, f"whole numbers only, no decimal point (e.g. {whole})"
    digits = bare[1:] if bare[0] in "+-" else bare
    wrong = next((c for c in digits if not ("0" <= c <= "9")), None)
    if wrong is not None or not digits:
        shown = wrong if wrong is not None and wrong.isprintable() else "that"
        return None, f"“{shown}” is not a digit: enter a whole number"
    return int(bare), None
