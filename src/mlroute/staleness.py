"""When a catalog entry's facts are due for re-checking: calendar months back from a date.

Pure and light (the standard library's `date` only), so the command line can parse its
arguments and the catalog index can filter without importing anything more.
"""

from __future__ import annotations

import calendar
from datetime import date

DUE_MONTHS = 12
"""An entry last verified longer ago than this is due for checking (`mlroute catalog stale`,
the Catalog screen's "Due for checking" filter, the detail's "verify" note)."""

OUT_OF_DATE_MONTHS = 24
"""An entry last verified longer ago than this may be out of date, and its detail says so."""


def months_before(day: date, months: int) -> date:
    """The same day of the month `months` calendar months before `day`.

    When that month is shorter, its last day: a month before 31 March is 28 or 29 February.
    """
    if months < 0:
        raise ValueError(f"months must not be negative, not {months}")
    index = day.year * 12 + day.month - 1 - months
    year, month = divmod(index, 12)
    month += 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def is_due(last_verified: date, today: date, months: int = DUE_MONTHS) -> bool:
    """Whether facts last verified on `last_verified` are older than `months` months today."""
    return last_verified < months_before(today, months)
