"""Which open commitments wait for a paper of a series (event deadlines)."""

import datetime

import pytest

from commitments.models import DocumentSeries
from commitments.selectors.waiting import commitments_waiting_for
from tests.factories import CommitmentFactory, DocumentFactory

pytestmark = pytest.mark.django_db
PAPER_DAY = datetime.date(2021, 6, 18)


@pytest.fixture
def series():
    return DocumentSeries.objects.create(name="Voortgangsrapportage Geweld hoort nergens thuis")


def waiting(series, **fields):
    fields.setdefault("made_on", datetime.date(2021, 1, 27))
    return CommitmentFactory(
        expected_series=series, due_date=None, deadline_phrase="bij de volgende rapportage", **fields
    )


def test_a_paper_of_the_series_lists_the_open_commitments_waiting_for_it(series):
    first, second = waiting(series), waiting(series, partly_fulfilled=True, partly_fulfilled__on=PAPER_DAY)
    assert list(commitments_waiting_for(DocumentFactory(series=series, date=PAPER_DAY))) == [first, second]


def test_fulfilled_and_lapsed_commitments_wait_no_longer(series):
    waiting(series, fulfilled=True, fulfilled__on=PAPER_DAY)
    waiting(series, lapsed=True)
    assert list(commitments_waiting_for(DocumentFactory(series=series, date=PAPER_DAY))) == []


def test_a_paper_older_than_the_promise_is_not_the_one_it_waits_for(series):
    waiting(series, made_on=datetime.date(2021, 7, 1))
    assert list(commitments_waiting_for(DocumentFactory(series=series, date=PAPER_DAY))) == []


def test_a_paper_without_a_series_has_nobody_waiting(series):
    waiting(series)
    assert list(commitments_waiting_for(DocumentFactory(series=None, date=PAPER_DAY))) == []
