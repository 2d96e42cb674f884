"""`manage.py rederive_deadlines`: recompute every derived due date, with a reason in the history."""

import datetime
from io import StringIO

import pytest
from django.core.management import call_command

from commitments.models import Commitment, DeadlineChange, DeadlineRederivation, Recess
from commitments.services import deadlines, rederivation
from tests.factories import copies_of, derived_commitment

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


def test_a_second_run_changes_nothing_and_writes_no_history(drifted):
    call_command("rederive_deadlines", stdout=StringIO())
    history, entries = Commitment.history.count(), DeadlineChange.objects.count()
    out = StringIO()
    call_command("rederive_deadlines", stdout=out)
    assert "0 due date(s) changed." in out.getvalue()
    assert (Commitment.history.count(), DeadlineChange.objects.count()) == (history, entries)


def test_a_date_set_by_hand_is_left_alone(drifted):
    deadlines.change_due_date(drifted, datetime.date(2021, 6, 1), reason="afspraak met de commissie")
    call_command("rederive_deadlines", "--all", stdout=StringIO())
    drifted.refresh_from_db()
    assert drifted.due_date == datetime.date(2021, 6, 1)


def test_runs_in_batches_and_says_how_far_it_got(drifted):
    copies_of(drifted, 4)
    Commitment.objects.update(due_date=datetime.date(2021, 6, 1))
    out = StringIO()
    call_command("rederive_deadlines", "--batch-size", "2", stdout=out)
    assert set(Commitment.objects.values_list("due_date", flat=True)) == {DAY_BEFORE_SUMMER_RECESS_2021}
    job = DeadlineRederivation.objects.get()
    assert f"#{job.pk}: 4 of ~5 read, 4 due date(s) changed" in out.getvalue()
    assert "5 due date(s) changed." in out.getvalue()


def test_an_interrupted_run_is_resumed_by_the_next(drifted):
    copies_of(drifted, 3)
    Commitment.objects.update(due_date=datetime.date(2021, 6, 1))
    job = rederivation.queue("controle na import")
    job.last_pk = Commitment.objects.order_by("pk").values_list("pk", flat=True)[1]
    job.examined = 2
    job.save()
    out = StringIO()
    call_command("rederive_deadlines", stdout=out)
    assert f"Resuming #{job.pk} after id {job.last_pk}" in out.getvalue()
    job.refresh_from_db()
    assert (job.examined, job.moved, job.is_finished) == (4, 2, True)


def test_pending_runs_what_a_recess_edit_queued(drifted, settings):
    settings.TRACKER_REDERIVE_INLINE_LIMIT = 0
    recess = Recess.objects.get(chamber="TK", kind="zomerreces", start=datetime.date(2021, 7, 9))
    recess.start = datetime.date(2021, 7, 2)
    job = rederivation.save_recess(recess)
    assert not job.is_finished
    call_command("rederive_deadlines", "--pending", stdout=StringIO())
    job.refresh_from_db()
    drifted.refresh_from_db()
    assert job.is_finished
    assert drifted.due_date == datetime.date(2021, 7, 1)
    assert DeadlineRederivation.objects.count() == 1  # --pending queues no run of its own
