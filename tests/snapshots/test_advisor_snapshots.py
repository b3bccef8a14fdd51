"""SVG snapshots of the Advisor mode at 100x32."""

from __future__ import annotations

from tests.tui.helpers import advisor, answer, app, loaded, persona, save_answers

from .conftest import Snapshot

SIZE = (100, 32)


async def test_first_question(snapshot: Snapshot) -> None:
    """The first question: the sidebar of all 20 questions, "question 1 of 20", "0 answered (0%)",
    the goal choices with ○ markers, the why-we-ask line, and Next/Back/Result in the footer."""
    the_app = app()
    async with the_app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        snapshot(the_app, "advisor-first-question")


async def test_mid_questionnaire(snapshot: Snapshot) -> None:
    """Question 6 (the budget) after five answers: ✓ beside the first five in the sidebar,
    "5 answered (25%)" beside the progress bar, the number input with its allowed range."""
    the_app = app()
    async with the_app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        for value in ("data-science", False, "no", "mid", "startup"):
            await answer(pilot, value)
        assert advisor(pilot).index == 5
        snapshot(the_app, "advisor-mid-questionnaire")


async def test_recommendation_courses(snapshot: Snapshot) -> None:
    """The employed engineer: "✔ COURSES" with its confidence, the factor bars pulling right
    (→ courses), time and money (each path's months at 10 hours a week against 9), the
    programs titled "if you later want a credential" with budget and format, and the what-if
    panel of every answer."""
    save_answers(persona("engineer-courses"))
    the_app = app()
    async with the_app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        snapshot(the_app, "recommendation-courses")


async def test_recommendation_degree(snapshot: Snapshot) -> None:
    """The defense-contractor candidate: "✔ DEGREE" naming OMSCS first, the high confidence of
    a rule and the rule's reason (§) under it, degree screening as the longest bar toward the
    degree, the time each path takes against the 30 months, and the budget marks and formats
    in the programs table."""
    save_answers(persona("defense-degree"))
    the_app = app()
    async with the_app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        snapshot(the_app, "recommendation-degree")
