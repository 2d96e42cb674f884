"""The deadline flow: due dates derived from the phrase, set by hand with a reason, recomputed
when the recess calendar changes, and every change written to the history once."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from commitments.models import Commitment, DeadlineChange, Recess
from commitments.services import deadlines, rederivation
from tests.factories import ActivityFactory, CommitmentFactory, UserFactory, derived_commitment

pytestmark = pytest.mark.django_db

# The promise of 27 January 2021 in the seeds: report "voor de zomer van 2021".
MADE = datetime.date(2021, 1, 27)
DAY_BEFORE_SUMMER_RECESS_2021 = datetime.date(2021, 7, 8)  # TK zomerreces 2021 starts Fri 9 July


def derived(phrase, made_on=MADE, **fields):
    return derived_commitment(phrase, made_on, **fields)


# ------------------------------------------------------------------------ the service itself


def test_unrecognised_phrase_gives_no_date_and_says_why():
    commitment = CommitmentFactory(deadline_phrase="als de maan blauw ziet", made_on=MADE)
    deadlines.derive_deadline(commitment)
    commitment.refresh_from_db()
    assert commitment.due_date is None
    assert commitment.deadline_precision == Commitment.Precision.NONE
    assert commitment.deadline_explanation.startswith("geen datum: ")
    # The factory's date was not derived: clearing it is a change, and in the history.
    assert commitment.deadline_changes.get().new_due_date is None


def test_without_a_date_made_the_activity_date_is_used_and_the_explanation_says_so():
    activity = ActivityFactory(
        date=None, date_earliest=datetime.date(2020, 10, 15), date_latest=datetime.date(2020, 11, 23)
    )
    commitment = CommitmentFactory(deadline_phrase="in januari", made_on=None, source_activity=activity, due_date=None)
    deadlines.derive_deadline(commitment)
    commitment.refresh_from_db()
    assert commitment.due_date == datetime.date(2021, 1, 31)
    assert "laatst mogelijke datum van de activiteit" in commitment.deadline_explanation


def test_apply_leaves_a_date_set_by_hand_alone():
    commitment = CommitmentFactory(
        deadline_phrase="in januari",
        made_on=MADE,
        due_date=datetime.date(2021, 5, 1),
        due_date_overridden=True,
        deadline_explanation="",
    )
    assert deadlines.derive_deadline(commitment) is None
    commitment.refresh_from_db()
    assert commitment.due_date == datetime.date(2021, 5, 1)
    assert commitment.deadline_explanation == ""
    assert not commitment.deadline_changes.exists()


# ------------------------------------------------------------------------- recess calendar


def summer_recess_2021():
    return Recess.objects.get(chamber="TK", kind="zomerreces", start=datetime.date(2021, 7, 9))


def test_changing_a_recess_rederives_derived_commitments_and_records_why():
    commitment = derived("voor het zomerreces")
    assert commitment.due_date == DAY_BEFORE_SUMMER_RECESS_2021
    recess = summer_recess_2021()
    recess.start = datetime.date(2021, 7, 2)
    rederivation.save_recess(recess)
    commitment.refresh_from_db()
    assert commitment.due_date == datetime.date(2021, 7, 1)
    entry = commitment.deadline_changes.last()
    assert entry.source == DeadlineChange.Source.RECALCULATED
    assert (entry.old_due_date, entry.new_due_date) == (DAY_BEFORE_SUMMER_RECESS_2021, datetime.date(2021, 7, 1))
    assert "reces gewijzigd: TK zomerreces 2021" in entry.reason


def test_changing_a_recess_leaves_dates_set_by_hand_and_other_anchors_alone():
    by_hand = derived("voor het zomerreces")
    deadlines.change_due_date(
        by_hand, datetime.date(2021, 6, 1), reason="afspraak met de commissie", source="handmatig"
    )
    calendar_bound = derived("eind 2021")
    eerste_kamer = derived("voor het zomerreces", chamber="EK")
    before = {c.pk: c.due_date for c in (by_hand, calendar_bound, eerste_kamer)}
    recess = summer_recess_2021()
    recess.start = datetime.date(2021, 7, 2)
    rederivation.save_recess(recess)
    for commitment in (by_hand, calendar_bound, eerste_kamer):
        commitment.refresh_from_db()
        assert commitment.due_date == before[commitment.pk]
    assert not DeadlineChange.objects.filter(source=DeadlineChange.Source.RECALCULATED).exists()


def test_deleting_a_recess_rederives_and_records_it():
    commitment = derived("voor het zomerreces")
    recess = summer_recess_2021()
    recess.start = datetime.date(2021, 7, 2)
    rederivation.save_recess(recess)
    rederivation.delete_recess(recess)
    commitment.refresh_from_db()
    # Without a row for 2021 the engine falls back to the regular pattern (Friday of ISO week 27).
    assert commitment.due_date == DAY_BEFORE_SUMMER_RECESS_2021
    assert "patroon" in commitment.deadline_explanation
    entry = commitment.deadline_changes.last()
    assert entry.source == DeadlineChange.Source.RECALCULATED
    assert (entry.old_due_date, entry.new_due_date) == (datetime.date(2021, 7, 1), DAY_BEFORE_SUMMER_RECESS_2021)
    assert "reces verwijderd: TK zomerreces 2021" in entry.reason


def test_editing_a_recess_note_changes_no_date_and_writes_nothing():
    commitment = derived("voor het zomerreces")
    recess = summer_recess_2021()
    history_before = commitment.history.count()
    recess.note = "bevestigd op de site van de Kamer"
    assert rederivation.save_recess(recess) is None
    commitment.refresh_from_db()
    assert commitment.history.count() == history_before
    assert not DeadlineChange.objects.filter(source=DeadlineChange.Source.RECALCULATED).exists()


# --------------------------------------------------------------------------- set by hand


def test_reset_deadline_keeps_old_and_new_date_who_and_why():
    user = UserFactory()
    commitment = CommitmentFactory(due_date=datetime.date(2021, 1, 31))
    deadlines.reset_deadline([commitment], datetime.date(2021, 7, 8), reason="Minister vroeg uitstel", user=user)
    commitment.refresh_from_db()
    assert commitment.due_date == datetime.date(2021, 7, 8)
    assert commitment.due_date_overridden is True
    entry = commitment.deadline_changes.get()
    assert (entry.old_due_date, entry.new_due_date, entry.changed_by, entry.reason, entry.source) == (
        datetime.date(2021, 1, 31),
        datetime.date(2021, 7, 8),
        user,
        "Minister vroeg uitstel",
        DeadlineChange.Source.OVERRIDE,
    )


def test_reset_deadline_without_reason_changes_nothing():
    commitment = CommitmentFactory(due_date=datetime.date(2021, 1, 31))
    with pytest.raises(ValidationError):
        deadlines.reset_deadline([commitment], datetime.date(2021, 7, 8), reason="  ")
    commitment.refresh_from_db()
    assert commitment.due_date == datetime.date(2021, 1, 31)
    assert not DeadlineChange.objects.exists()
