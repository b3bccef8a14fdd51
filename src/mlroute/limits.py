"""Limits and planning figures that several modules share, each defined once, here.

A figure used by one module only stays in that module; one that two modules must agree on
(the questionnaire and the plan, the scoring thresholds and the answers they compare with)
lives here, so that they cannot drift apart. Headless: imports nothing.
"""

from __future__ import annotations

WEEKS_PER_MONTH = 52 / 12
"""Average weeks in a month, for turning hours a week into months and back. The plan, the
slot picker, the catalog's fit filter and the recommendation's timing all convert with it, so
a course is the same number of months long wherever it is shown."""

DEFAULT_PACE = 10
"""Study hours a week the questionnaire offers first, and that the plan and the catalog assume
until the user has said theirs: a modest part-time pace beside a job."""

MAX_PACE = 80
"""The most study hours a week the questionnaire takes, and so the plan's pace (one setting):
above 80 a pace stops being a plan anyone keeps. The scoring's full-time threshold must lie
inside it, and a suggestion to study more is only made up to it. (The progress file itself
reads up to 168, the hours in a week, so that a hand-edited 100 is not called damage.)"""

DEFAULT_MONTHS_TO_GOAL = 12
"""Months to job-ready the questionnaire offers first, and that the catalog's fit filter
assumes when the answer is missing: a focused course path takes about 6 to 12 months."""

MAX_MONTHS_TO_GOAL = 120
"""The furthest goal the questionnaire takes, in months (ten years); the scoring's month
thresholds must lie inside it, or no answer could reach them."""

GAP_BELOW = 2
"""A foundation below this level (2, "solid") is a gap the plan fills before the courses
that need it, the scoring counts against readiness, and a prerequisite is not yet met."""

NOTE_MAX = 2000
"""The longest note on a plan item, in characters: a few paragraphs. The Plan screen's note
dialog counts toward it and refuses a paste that would pass it; `set_note` and `set_status`
refuse a longer note, so `mlroute progress set --note` says the same. A longer note already
in a hand-edited file still loads: it is shown, never cut."""
