"""The overdue rule, at its boundaries. It lives in one place: CommitmentQuerySet.overdue()."""
import datetime

import pytest

from commitments.models import Commitment
from tests.factories import CommitmentFactory

TODAY = datetime.date(2026, 11, 23)
pytestmark = pytest.mark.django_db


def overdue_ids():
    return set(Commitment.objects.overdue(TODAY).values_list("pk", flat=True))


def test_open_commitment_due_yesterday_is_overdue():
    commitment = CommitmentFactory(due_date=TODAY - datetime.timedelta(days=1))
    assert overdue_ids() == {commitment.pk}


def test_open_commitment_due_today_is_not_overdue():
    CommitmentFactory(due_date=TODAY)
    assert overdue_ids() == set()


def test_commitment_without_due_date_is_never_overdue():
    CommitmentFactory(due_date=None, deadline_phrase="op korte termijn")
    assert overdue_ids() == set()


def test_partly_fulfilled_commitment_past_due_is_overdue():
    commitment = CommitmentFactory(due_date=TODAY - datetime.timedelta(days=10), status=Commitment.Status.DEELS_VOLDAAN)
    assert overdue_ids() == {commitment.pk}


@pytest.mark.parametrize("status", [Commitment.Status.VOLDAAN, Commitment.Status.VERVALLEN])
def test_fulfilled_or_lapsed_commitment_past_due_is_not_overdue(status):
    CommitmentFactory(due_date=TODAY - datetime.timedelta(days=10), status=status)
    assert overdue_ids() == set()


def test_annotation_agrees_with_filter_and_counts_days_late():
    late = CommitmentFactory(due_date=TODAY - datetime.timedelta(days=12))
    on_time = CommitmentFactory(due_date=TODAY)
    rows = {c.pk: c for c in Commitment.objects.with_overdue(TODAY)}
    assert rows[late.pk].is_overdue is True
    assert rows[late.pk].days_late == 12
    assert rows[on_time.pk].is_overdue is False
    assert rows[on_time.pk].days_late is None


def test_not_overdue_is_the_complement_of_overdue():
    CommitmentFactory(due_date=TODAY - datetime.timedelta(days=1))
    CommitmentFactory(due_date=None)
    CommitmentFactory(due_date=TODAY + datetime.timedelta(days=3))
    assert Commitment.objects.overdue(TODAY).count() + Commitment.objects.not_overdue(TODAY).count() == 3


def test_due_within_counts_from_today_inclusive():
    inside = CommitmentFactory(due_date=TODAY + datetime.timedelta(days=30))
    CommitmentFactory(due_date=TODAY + datetime.timedelta(days=31))
    CommitmentFactory(due_date=TODAY - datetime.timedelta(days=1))
    assert set(Commitment.objects.due_within(30, TODAY).values_list("pk", flat=True)) == {inside.pk}
