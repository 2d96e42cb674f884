"""Shared helpers of the daily-use tests: a frozen today and short ways to make rows."""

import datetime

import pytest

from commitments import clock
from commitments.models import Closure, Commitment
from commitments.services import closing
from tests.factories import CommitmentFactory, DocumentFactory

TODAY = datetime.date(2026, 11, 27)


def days(n):
    return TODAY + datetime.timedelta(days=n)


@pytest.fixture
def frozen_today(monkeypatch):
    monkeypatch.setattr(clock, "today", lambda: TODAY)
    return TODAY


def commitment(**kwargs):
    kwargs.setdefault("made_on", days(-4000))
    kwargs.setdefault("due_date", days(30))
    return CommitmentFactory(**kwargs)


def close(c, when, fulfilment=Closure.Fulfilment.FULL, letter=None):
    """Close `c` with a letter dated `when`, through the closing service (as the admin does)."""
    letter = letter or DocumentFactory(date=when)
    closing.close_with_letter([c], letter, fulfilment)
    c.refresh_from_db()
    return letter


__all__ = ["TODAY", "Commitment", "close", "commitment", "days", "frozen_today"]
