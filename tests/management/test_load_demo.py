"""`manage.py load_demo`: the demo fixture, loaded once into an empty tracker, with derived due dates."""

import datetime
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from commitments.models import Closure, Commitment, DeadlineChange

pytestmark = pytest.mark.django_db

# The promise of 27 January 2021 in the seeds: report "voor de zomer van 2021".
MADE = datetime.date(2021, 1, 27)
DAY_BEFORE_SUMMER_RECESS_2021 = datetime.date(2021, 7, 8)


@pytest.fixture
def loaded():
    out = StringIO()
    call_command("load_demo", stdout=out)
    return out


def summer_promise():
    return Commitment.objects.get(deadline_phrase__icontains="voor de zomer van 2021", made_on=MADE)


def test_load_demo_loads_every_commitment_and_closure_of_the_fixture(loaded):
    # fixtures/README.md: 55 commitments (47 toezeggingen + 8 motion obligations), 27 closures.
    assert (Commitment.objects.count(), Closure.objects.count()) == (55, 27)


def test_load_demo_gives_every_commitment_an_explanation_of_its_deadline(loaded):
    assert not Commitment.objects.filter(deadline_explanation="").exists()


def test_load_demo_derives_the_summer_2021_promise_to_the_day_before_the_recess(loaded):
    assert summer_promise().due_date == DAY_BEFORE_SUMMER_RECESS_2021


def test_load_demo_records_each_derived_date_in_the_history(loaded):
    assert summer_promise().deadline_changes.get().source == DeadlineChange.Source.DERIVED


def test_load_demo_derived_dates_make_the_sixth_report_on_time(loaded):
    summer = Commitment.objects.with_fulfilled_on().get(pk=summer_promise().pk)
    assert summer.fulfilled_on == datetime.date(2021, 6, 18)
    assert Commitment.objects.fulfilled_on_time().filter(pk=summer.pk).exists()


def test_load_demo_creates_the_griffie_demo_user(loaded):
    assert get_user_model().objects.filter(username="griffie", is_staff=True).exists()


def test_load_demo_does_not_load_into_a_tracker_with_commitments(loaded):
    out = StringIO()
    call_command("load_demo", stdout=out)
    assert "not loaded again" in out.getvalue()
    assert Commitment.objects.count() == 55
