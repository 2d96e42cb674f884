"""Shared helpers of the deadline tests.

Expected dates are worked out by hand from docs/DEADLINES.md and the recess calendar in
commitments/data/recesses.csv (e.g. the TK zomerreces 2021 starts on Friday 9 July, so "voor de
zomer" is due on Thursday 8 July).
"""

from datetime import date
from pathlib import Path

from commitments.deadlines import DeadlineResult, RecessCalendar, default_calendar, derive_due_date

ROOT = Path(__file__).resolve().parents[2]
CALENDAR = default_calendar()
D = date.fromisoformat


def derive(phrase: str, made_on: str, chamber: str = "TK", calendar: RecessCalendar = CALENDAR) -> DeadlineResult:
    return derive_due_date(phrase, D(made_on), chamber, calendar)


def assert_due(
    phrase: str,
    made_on: str,
    due: str,
    rule: str | None = None,
    chamber: str = "TK",
    earliest: str | None = None,
) -> DeadlineResult:
    result = derive(phrase, made_on, chamber)
    assert result.due_date == D(due), result
    if rule is not None:
        assert result.rule == rule, result
    if earliest is not None:
        assert result.earliest_date == D(earliest), result
    return result
