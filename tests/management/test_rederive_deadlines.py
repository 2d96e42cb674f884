"""`manage.py rederive_deadlines`: recompute every derived due date, with a reason in the history."""

import datetime
from io import StringIO

import pytest
from django.core.management import call_command

from commitments.models import Commitment
from tests.factories import derived_commitment

pytestmark = pytest.mark.django_db

MADE = datetime.date(2021, 1, 27)
DAY_BEFORE_SUMMER_RECESS_2021 = datetime.date(2021, 7, 8)


@pytest.fixture
def drifted():
    """A derived commitment whose stored date no longer matches its phrase."""
    commitment = derived_commitment("voor het zomerreces", MADE)
    Commitment.objects.filter(pk=commitment.pk).update(due_date=datetime.date(2021, 6, 1))
    return commitment


def test_rederive_deadlines_recomputes_a_drifted_due_date(drifted):
    call_command("rederive_deadlines", "--reason", "controle na import", stdout=StringIO())
    drifted.refresh_from_db()
    assert drifted.due_date == DAY_BEFORE_SUMMER_RECESS_2021


def test_rederive_deadlines_records_the_reason_given(drifted):
    call_command("rederive_deadlines", "--reason", "controle na import", stdout=StringIO())
    assert drifted.deadline_changes.last().reason == "controle na import"


def test_rederive_deadlines_reports_how_many_dates_changed(drifted):
    out = StringIO()
    call_command("rederive_deadlines", "--reason", "controle na import", stdout=out)
    assert "1 due date(s) changed." in out.getvalue()
