"""Calendar months back from a date, and when an entry is due for checking."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mlroute.staleness import DUE_MONTHS, OUT_OF_DATE_MONTHS, is_due, months_before


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (date(2026, 12, 3), 12, date(2025, 12, 3)),
        (date(2026, 12, 3), 0, date(2026, 12, 3)),
        (date(2026, 1, 15), 1, date(2025, 12, 15)),
        (date(2026, 3, 31), 1, date(2026, 2, 28)),  # February is shorter: its last day
        (date(2024, 3, 31), 1, date(2024, 2, 29)),
        (date(2026, 5, 31), 3, date(2026, 2, 28)),
        (date(2026, 12, 3), 24, date(2024, 12, 3)),
        (date(2026, 12, 3), 100, date(2018, 8, 3)),
    ],
)
def test_months_before(day: date, months: int, expected: date) -> None:
    assert months_before(day, months) == expected


def test_months_before_refuses_negative_months() -> None:
    with pytest.raises(ValueError, match="negative"):
        months_before(date(2026, 12, 3), -1)


def test_due_is_strictly_older_than_the_months() -> None:
    today = date(2026, 12, 3)
    assert not is_due(date(2025, 12, 3), today)  # exactly twelve months: not yet
    assert is_due(date(2025, 12, 2), today)
    assert not is_due(today, today, 0)
    assert is_due(today - timedelta(days=1), today, 0)
    assert DUE_MONTHS == 12 and OUT_OF_DATE_MONTHS == 24


@given(st.dates(min_value=date(1900, 1, 1)), st.integers(min_value=0, max_value=600))
def test_months_before_goes_back_by_whole_months(day: date, months: int) -> None:
    earlier = months_before(day, months)
    assert (day.year - earlier.year) * 12 + day.month - earlier.month == months
    assert earlier.day <= day.day
    assert earlier <= day
