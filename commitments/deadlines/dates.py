"""Date arithmetic for due dates: month ends, adding months, the first occurrence after a day."""

from __future__ import annotations

import calendar as _calendar
from collections.abc import Callable
from datetime import date, timedelta

# --------------------------------------------------------------------------------------------
# Date arithmetic
# --------------------------------------------------------------------------------------------

ONE_DAY = timedelta(days=1)


def last_day(year: int, month: int) -> date:
    return date(year, month, _calendar.monthrange(year, month)[1])


def add_months(day: date, months: int) -> date:
    """``day`` plus ``months`` calendar months, clamped to the end of a shorter month.

    31 January + 1 month is 28 (or 29) February.
    """
    index = day.year * 12 + (day.month - 1) + months
    year, month = divmod(index, 12)
    month += 1
    return date(year, month, min(day.day, _calendar.monthrange(year, month)[1]))


def first_due(made: date, due_in_year: Callable[[int], date], years: int = 2) -> tuple[int, date]:
    """(year, due) for the first year from ``made.year`` whose due date is not before ``made``.

    Raises ValueError when there is none (near year 9999); the caller drops the match.
    """
    for year in range(made.year, made.year + years):
        try:
            due = due_in_year(year)
        except ValueError:
            continue  # e.g. 29 February in a common year
        if due >= made:
            return year, due
    raise ValueError("geen volgende keer binnen het bereik van de kalender")
