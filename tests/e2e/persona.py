"""The persona both end-to-end tests type, and the typing itself, for a terminal or a page."""

from __future__ import annotations

from collections.abc import Callable

# Answers typed for the persona: an employed engineer with little money and time.
# Each entry is what to press on that question before Enter (nothing: take the default).
PERSONA: list[list[str]] = [
    [],  # goal: ML engineering (default)
    [],  # PhD: no
    ["Up"],  # degree filter: no (from "not sure", the default, which is listed last)
    ["Down"],  # hiring level: mid
    ["Down", "Down"],  # employer: startup (from mid-size)
    ["C-u", "3000"],  # budget
    [],  # hours a week: 10
    ["C-u", "9"],  # months to goal
    ["Up"],  # structure: 2
    ["Space"],  # technical job: yes
    [],  # specific skills
    [],  # portfolio: yes
    [],  # quant bachelor's: yes
    [],  # region: elsewhere
    [],  # brand: 2
    ["Up"],  # research access: 1
    ["Down"],  # linear algebra: 2
    ["Down"],  # probability: 2
    [],  # calculus: 1
    ["Down", "Down"],  # python: 3
]


def answer_questionnaire(
    wait_for: Callable[[str], object],
    press: Callable[[str], object],
    type_: Callable[[str], object],
) -> None:
    """Answer all 20 questions as PERSONA says, waiting for each screen as a person would."""
    for number, keys in enumerate(PERSONA, 1):
        wait_for(f"question {number} of 20")
        for key in keys:
            if key == "C-u":  # clear a number: wait until the input says it is empty
                press(key)
                wait_for("enter a whole number")
            elif key.isdigit():
                type_(key)
                wait_for(f"▊  {key} ")
            else:
                press(key)
        press("Enter")
