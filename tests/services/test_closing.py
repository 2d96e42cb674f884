"""State changes: closing with letters, new due dates, lapsing, a motion's course."""
import datetime

import pytest
from django.core.exceptions import ValidationError

from commitments.services import closing, deadlines, motions
from commitments.models import Closure, Commitment, DeadlineChange, Motion
from tests.factories import CommitmentFactory, DocumentFactory, MotionFactory, UserFactory

pytestmark = pytest.mark.django_db
MADE = datetime.date(2020, 11, 10)


def letter_on(day):
    return DocumentFactory(date=day)


def test_full_closure_fulfils_the_commitment():
    commitment = CommitmentFactory(made_on=MADE)
    letter = letter_on(datetime.date(2021, 6, 18))
    closing.close_with_letter([commitment], letter, Closure.Fulfilment.FULL)
    commitment.refresh_from_db()
    assert commitment.status == Commitment.Status.VOLDAAN
    closure = commitment.closures.get()
    assert (closure.document, closure.fulfilment, closure.closed_on) == (letter, "volledig", letter.date)


def test_partial_closure_leaves_the_commitment_partly_fulfilled():
    commitment = CommitmentFactory(made_on=MADE)
    closing.close_with_letter([commitment], letter_on(datetime.date(2021, 1, 27)), Closure.Fulfilment.PARTIAL)
    commitment.refresh_from_db()
    assert commitment.status == Commitment.Status.DEELS_VOLDAAN


def test_one_letter_closes_many_commitments_at_once():
    commitments = CommitmentFactory.create_batch(4, made_on=MADE)
    letter = letter_on(datetime.date(2021, 6, 18))
    closing.close_with_letter(Commitment.objects.filter(pk__in=[c.pk for c in commitments]), letter, "volledig")
    assert Commitment.objects.filter(status="voldaan").count() == 4
    assert letter.closures.count() == 4


def test_letter_older_than_a_commitment_closes_none_of_the_selection():
    fine = CommitmentFactory(made_on=MADE)
    too_late = CommitmentFactory(made_on=datetime.date(2021, 7, 1))
    letter = letter_on(datetime.date(2021, 6, 18))
    with pytest.raises(ValidationError) as error:
        closing.close_with_letter([fine, too_late], letter, "volledig")
    assert "kan die niet afdoen" in " ".join(error.value.messages)
    assert Closure.objects.count() == 0
    fine.refresh_from_db()
    assert fine.status == Commitment.Status.OPENSTAAND


def test_later_partial_letter_does_not_reopen_a_fulfilled_commitment():
    commitment = CommitmentFactory(made_on=MADE)
    closing.close_with_letter([commitment], letter_on(datetime.date(2021, 1, 1)), "volledig")
    closing.close_with_letter([commitment], letter_on(datetime.date(2021, 2, 1)), "gedeeltelijk")
    commitment.refresh_from_db()
    assert commitment.status == Commitment.Status.VOLDAAN
    assert commitment.closures.count() == 2


def test_closing_with_an_unknown_fulfilment_is_refused():
    with pytest.raises(ValidationError):
        closing.close_with_letter([CommitmentFactory(made_on=MADE)], letter_on(MADE), "half")


def test_reset_deadline_keeps_old_and_new_date_who_and_why():
    user = UserFactory()
    commitment = CommitmentFactory(due_date=datetime.date(2021, 1, 31))
    deadlines.reset_deadline([commitment], datetime.date(2021, 7, 8), reason="Minister vroeg uitstel", user=user)
    commitment.refresh_from_db()
    assert commitment.due_date == datetime.date(2021, 7, 8)
    assert commitment.due_date_overridden is True
    entry = commitment.deadline_changes.get()
    assert (entry.old_due_date, entry.new_due_date, entry.changed_by, entry.reason, entry.source) == (
        datetime.date(2021, 1, 31), datetime.date(2021, 7, 8), user, "Minister vroeg uitstel",
        DeadlineChange.Source.OVERRIDE,
    )


def test_reset_deadline_without_reason_changes_nothing():
    commitment = CommitmentFactory(due_date=datetime.date(2021, 1, 31))
    with pytest.raises(ValidationError):
        deadlines.reset_deadline([commitment], datetime.date(2021, 7, 8), reason="  ")
    commitment.refresh_from_db()
    assert commitment.due_date == datetime.date(2021, 1, 31)
    assert not DeadlineChange.objects.exists()


def test_mark_lapsed_keeps_the_reason():
    commitment = CommitmentFactory()
    closing.mark_lapsed([commitment], reason="Kabinet demissionair; onderwerp controversieel verklaard")
    commitment.refresh_from_db()
    assert commitment.status == Commitment.Status.VERVALLEN
    assert commitment.status_note.startswith("Kabinet demissionair")


def test_adopting_a_motion_creates_its_execution_obligation_once():
    motion = MotionFactory()
    motions.record_motion_status(motion, Motion.Status.AANGEHOUDEN, date=datetime.date(2020, 11, 12))
    assert not Commitment.objects.filter(motion=motion).exists()
    motions.record_motion_status(motion, Motion.Status.AANGENOMEN, date=datetime.date(2020, 12, 1))
    motions.sync_motion_status(motion)
    obligation = Commitment.objects.get(motion=motion)
    assert obligation.kind == Commitment.Kind.MOTIE
    assert obligation.text == motion.dictum
    assert obligation.made_on == datetime.date(2020, 12, 1)
    assert list(motion.status_changes.values_list("status", flat=True)) == ["aangehouden", "aangenomen"]
