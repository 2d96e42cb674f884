"""`cached()`: a value is reused only for the same data, day and language."""

import datetime

import pytest
from django.utils import translation

from commitments.models import Commitment
from commitments.selectors.cached import cached
from tests.factories import CommitmentFactory

pytestmark = pytest.mark.django_db

DAY = datetime.date(2026, 11, 27)


class Counter:
    """A computation that says how often it ran."""

    def __init__(self):
        self.calls = 0

    def __call__(self):
        self.calls += 1
        return Commitment.objects.count()


def test_the_same_data_and_day_compute_once():
    CommitmentFactory()
    compute = Counter()
    assert [cached("count", compute, today=DAY) for _ in range(3)] == [1, 1, 1]
    assert compute.calls == 1


def test_a_write_computes_again():
    CommitmentFactory()
    compute = Counter()
    assert cached("count", compute, today=DAY) == 1
    CommitmentFactory()
    assert cached("count", compute, today=DAY) == 2


def test_another_day_computes_again():
    compute = Counter()
    cached("count", compute, today=DAY)
    cached("count", compute, today=DAY + datetime.timedelta(days=1))
    assert compute.calls == 2


def test_names_key_parts_and_languages_are_kept_apart():
    compute = Counter()
    cached("count", compute, today=DAY)
    cached("other", compute, today=DAY)
    cached("count", compute, "M1", today=DAY)
    with translation.override("en"):
        cached("count", compute, today=DAY)
    assert compute.calls == 4


def test_no_version_computes_every_time():
    compute = Counter()
    cached("count", compute, today=DAY, version=None)
    cached("count", compute, today=DAY, version=None)
    assert compute.calls == 2


def test_a_long_key_is_hashed_and_still_kept_apart():
    compute = Counter()
    cached("count", compute, "x" * 300, today=DAY)
    cached("count", compute, "x" * 300, today=DAY)
    cached("count", compute, "y" * 300, today=DAY)
    assert compute.calls == 2
