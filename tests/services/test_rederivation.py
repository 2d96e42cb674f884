"""Re-deriving due dates in bulk after a recess edit: exactly the commitments whose due date
moves are written, in batches whatever their size, in a fixed number of queries per batch."""

import datetime
import itertools

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from commitments.models import Commitment, DeadlineChange, DeadlineRederivation, Recess
from commitments.services import deadlines, rederivation
from tests.factories import UserFactory, copies_of, derived_commitment

pytestmark = pytest.mark.django_db

MADE = datetime.date(2021, 1, 27)
DAY_BEFORE_SUMMER_RECESS_2021 = datetime.date(2021, 7, 8)


def summer_recess_2021():
    return Recess.objects.get(chamber="TK", kind="zomerreces", start=datetime.date(2021, 7, 9))


def history_rows():
    return Commitment.history.count()


def edit_summer_recess_2021(**changes):
    recess = summer_recess_2021()
    for name, value in changes.items():
        setattr(recess, name, value)
    return rederivation.save_recess(recess)


def test_a_recess_edit_writes_only_the_commitments_whose_due_date_moves():
    moves = derived_commitment("voor het zomerreces", MADE)
    other_year = derived_commitment("voor het zomerreces", datetime.date(2018, 1, 10))
    other_anchor = derived_commitment("eind 2021", MADE)
    other_chamber = derived_commitment("voor het zomerreces", MADE, chamber="EK")
    by_hand = derived_commitment("voor het zomerreces", MADE)
    deadlines.change_due_date(by_hand, datetime.date(2021, 6, 1), reason="afspraak met de commissie")
    untouched = [other_year, other_anchor, other_chamber, by_hand]
    history_before = {c.pk: c.history.count() for c in [moves, *untouched]}

    edit_summer_recess_2021(start=datetime.date(2021, 7, 2))

    moves.refresh_from_db()
    assert moves.due_date == datetime.date(2021, 7, 1)
    assert moves.deadline_changes.get(source=DeadlineChange.Source.RECALCULATED).old_due_date == (
        DAY_BEFORE_SUMMER_RECESS_2021
    )
    assert DeadlineChange.objects.filter(source=DeadlineChange.Source.RECALCULATED).count() == 1
    assert {c.pk: c.history.count() for c in untouched} == {c.pk: history_before[c.pk] for c in untouched}
    assert moves.history.count() == history_before[moves.pk] + 1
    by_hand.refresh_from_db()
    assert by_hand.due_date == datetime.date(2021, 6, 1)


def test_the_history_row_of_a_moved_due_date_carries_the_reason_and_the_clerk():
    moved = derived_commitment("voor het zomerreces", MADE)
    clerk = UserFactory(username="griffier")
    recess = summer_recess_2021()
    recess.start = datetime.date(2021, 7, 2)
    rederivation.save_recess(recess, user=clerk)
    row = moved.history.latest()
    assert row.history_change_reason.startswith("termijn: reces gewijzigd: TK zomerreces 2021")
    assert row.history_user == clerk
    assert row.due_date == datetime.date(2021, 7, 1)
    assert moved.deadline_changes.latest("pk").changed_by == clerk


def test_a_recess_edit_that_moves_no_due_date_writes_no_history():
    derived_commitment("voor het zomerreces", MADE)
    before = history_rows()
    # The end of the summer recess: "voor het zomerreces" depends only on its start.
    job = edit_summer_recess_2021(end=datetime.date(2021, 9, 7))
    assert job.is_finished and job.examined == 1
    assert (job.moved, job.updated) == (0, 0)
    assert history_rows() == before
    assert not DeadlineChange.objects.filter(source=DeadlineChange.Source.RECALCULATED).exists()


def test_a_changed_explanation_without_a_new_due_date_is_one_history_row_and_no_deadline_change():
    after_summer = derived_commitment("na de zomer", MADE)  # due 30 September, earliest the first sitting day
    before = after_summer.history.count()
    job = edit_summer_recess_2021(end=datetime.date(2021, 9, 13))
    after_summer.refresh_from_db()
    assert after_summer.due_date == datetime.date(2021, 9, 30)
    assert after_summer.due_date_earliest == datetime.date(2021, 9, 14)
    assert after_summer.history.count() == before + 1
    assert (job.moved, job.updated) == (0, 1)
    assert not after_summer.deadline_changes.filter(source=DeadlineChange.Source.RECALCULATED).exists()


# Phrases that read the recess calendar, each said on many days around the edited recesses.
RECESS_PHRASES = [
    "voor het zomerreces",
    "voor de zomer",
    "in de zomer",
    "na de zomer",
    "direct na het zomerreces",
    "voor het reces",
    "voor het kerstreces",
    "na het kerstreces",
    "voor de zomer van 2022",
    "voor de zomer van volgend jaar",
    "voor het herfstreces",
    "voor het verkiezingsreces",
]
SAID_ON = [datetime.date(2019, 11, 1) + datetime.timedelta(days=23 * i) for i in range(60)]  # to mid-2023


@pytest.mark.parametrize(
    "edit",
    [
        pytest.param(lambda: edit_summer_recess_2021(start=datetime.date(2021, 6, 25)), id="summer-earlier"),
        pytest.param(
            lambda: rederivation.save_recess(
                Recess(
                    chamber="TK",
                    kind="verkiezingsreces",
                    start=datetime.date(2021, 10, 8),
                    end=datetime.date(2021, 10, 25),
                    confidence="verified",
                )
            ),
            id="election-recess-added",
        ),
        pytest.param(lambda: rederivation.delete_recess(summer_recess_2021()), id="summer-deleted"),
    ],
)
def test_the_commitments_a_recess_edit_reads_include_every_one_whose_due_date_it_moves(edit):
    template = derived_commitment(RECESS_PHRASES[0], SAID_ON[0])
    grid = list(itertools.product(RECESS_PHRASES, SAID_ON))
    copies_of(template, len(grid) - 1)
    commitments = list(Commitment.objects.order_by("pk"))
    for commitment, (phrase, said) in zip(commitments, grid, strict=True):
        commitment.deadline_phrase, commitment.made_on = phrase, said
    Commitment.objects.bulk_update(commitments, ["deadline_phrase", "made_on"])
    rederivation.run(rederivation.queue("eerste afleiding", every_phrase=True))
    job = edit()
    assert job.is_finished and job.updated > 0
    assert job.examined < Commitment.objects.derived_from_recess().count()  # narrowed, not everything
    # A full re-derivation afterwards finds nothing the edit's own left behind.
    full = rederivation.queue("controle", every_phrase=True)
    rederivation.run(full)
    assert (full.moved, full.updated) == (0, 0)


def test_small_batches_give_the_same_result_as_one():
    template = derived_commitment("voor het zomerreces", MADE)
    copies_of(template, 11, vary=lambda i: {"made_on": MADE + datetime.timedelta(days=20 * i)})
    Commitment.objects.update(due_date=datetime.date(2020, 1, 1))  # all drifted

    def outcome(batch_size):
        job = rederivation.queue("controle")
        rederivation.run(job, batch_size=batch_size)
        return job

    one = outcome(1000)
    dates = dict(Commitment.objects.values_list("pk", "due_date"))
    Commitment.objects.update(due_date=datetime.date(2020, 1, 1))
    small = outcome(5)
    assert dict(Commitment.objects.values_list("pk", "due_date")) == dates
    assert (small.examined, small.moved, small.updated) == (one.examined, one.moved, one.updated) == (12, 12, 12)


@pytest.mark.skipif(
    "connection.vendor != 'postgresql'",
    reason="SQLite allows 999 variables per statement: Django splits the bulk inserts by the row count",
)
@pytest.mark.parametrize("count", [5, 500])
def test_a_batch_takes_the_same_number_of_queries_for_5_and_500_moved_due_dates(count):
    template = derived_commitment("voor het zomerreces", MADE)
    copies_of(template, count - 1)
    recess = summer_recess_2021()
    recess.start = datetime.date(2021, 7, 2)
    recess.save()
    job = rederivation.queue("controle")
    with CaptureQueriesContext(connection) as queries:
        rederivation.run(job, batch_size=1000)
    assert job.moved == count
    # started_at; in the batch's savepoint: the rows, the calendar, the rows to write (locked),
    # their update and its history rows, the deadline-history entries and theirs, the progress.
    assert len(queries.captured_queries) == 11


def test_a_large_edit_is_queued_and_left_for_the_worker_when_the_limit_is_lower(settings):
    settings.TRACKER_REDERIVE_INLINE_LIMIT = 0
    moves = derived_commitment("voor het zomerreces", MADE)
    job = edit_summer_recess_2021(start=datetime.date(2021, 7, 2))
    assert (job.estimated, job.is_finished) == (1, False)
    moves.refresh_from_db()
    assert moves.due_date == DAY_BEFORE_SUMMER_RECESS_2021  # not yet: the worker runs after the commit
    assert rederivation.process_pending() is True
    moves.refresh_from_db()
    assert moves.due_date == datetime.date(2021, 7, 1)
    job.refresh_from_db()
    assert (job.examined, job.moved, job.is_finished) == (1, 1, True)
    assert not rederivation.pending().exists()


def test_an_interrupted_run_goes_on_after_the_last_batch_it_finished():
    template = derived_commitment("voor het zomerreces", MADE)
    copies_of(template, 5)
    Commitment.objects.update(due_date=datetime.date(2020, 1, 1))
    job = rederivation.queue("controle")

    class Stopped(Exception):
        pass

    def stop(current):
        raise Stopped

    with pytest.raises(Stopped):
        rederivation.run(job, batch_size=2, progress=stop)
    job = DeadlineRederivation.objects.get(pk=job.pk)
    assert (job.examined, job.moved, job.is_finished) == (2, 2, False)
    assert job.error == "Stopped: "
    rederivation.process_pending(batch_size=2)
    job.refresh_from_db()
    assert (job.examined, job.moved, job.is_finished, job.error) == (6, 6, True, "")
    assert set(Commitment.objects.values_list("due_date", flat=True)) == {DAY_BEFORE_SUMMER_RECESS_2021}
    assert DeadlineChange.objects.filter(source=DeadlineChange.Source.RECALCULATED).count() == 6
