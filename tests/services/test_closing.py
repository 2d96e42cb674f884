"""The closing flow: letters that fulfil commitments, the status that follows from them, lapsing."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from commitments.models import Closure, Commitment
from commitments.services import closing
from tests.factories import CommitmentFactory, DocumentFactory

pytestmark = pytest.mark.django_db
MADE = datetime.date(2020, 11, 10)


def letter_on(day):
    return DocumentFactory(date=day)


def test_full_closure_fulfils_the_commitment():
    commitment = CommitmentFactory(made_on=MADE)
    closing.close_with_letter([commitment], letter_on(datetime.date(2021, 6, 18)), Closure.Fulfilment.FULL)
    commitment.refresh_from_db()
    assert commitment.status == Commitment.Status.VOLDAAN


def test_closure_records_the_letter_and_is_dated_by_it():
    commitment = CommitmentFactory(made_on=MADE)
    letter = letter_on(datetime.date(2021, 6, 18))
    closing.close_with_letter([commitment], letter, Closure.Fulfilment.FULL)
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


def test_mark_lapsed_keeps_the_reason():
    commitment = CommitmentFactory()
    closing.mark_lapsed([commitment], reason="Kabinet demissionair; onderwerp controversieel verklaard")
    commitment.refresh_from_db()
    assert commitment.status == Commitment.Status.VERVALLEN
    assert commitment.status_note.startswith("Kabinet demissionair")


def test_removing_the_only_letter_reopens_the_commitment():
    commitment = CommitmentFactory(made_on=MADE, fulfilled=True)
    closing.remove_closure(commitment.closures.get())
    commitment.refresh_from_db()
    assert commitment.status == Commitment.Status.OPENSTAAND


def test_removing_a_letter_records_why_in_the_history():
    commitment = CommitmentFactory(made_on=MADE, fulfilled=True)
    letter = commitment.closures.get().document
    closing.remove_closure(commitment.closures.get(), reason="verkeerde brief")
    assert (
        commitment.history.first().history_change_reason
        == f"afdoening door {letter.citation} verwijderd: verkeerde brief"
    )


def test_removing_the_full_letter_leaves_the_partial_one_deciding():
    commitment = CommitmentFactory(made_on=MADE, partly_fulfilled=True, partly_fulfilled__on=datetime.date(2021, 1, 1))
    closing.close_with_letter([commitment], letter_on(datetime.date(2021, 2, 1)), Closure.Fulfilment.FULL)
    closing.remove_closure(commitment.closures.get(fulfilment=Closure.Fulfilment.FULL))
    commitment.refresh_from_db()
    assert commitment.status == Commitment.Status.DEELS_VOLDAAN


def test_a_lapsed_commitment_stays_lapsed_when_a_letter_is_removed():
    commitment = CommitmentFactory(made_on=MADE, partly_fulfilled=True, partly_fulfilled__on=datetime.date(2021, 1, 1))
    closing.mark_lapsed([commitment], reason="Onderwerp controversieel verklaard")
    closing.remove_closure(commitment.closures.get())
    commitment.refresh_from_db()
    assert commitment.status == Commitment.Status.VERVALLEN


def test_mark_lapsed_without_a_reason_is_refused():
    commitment = CommitmentFactory()
    with pytest.raises(ValidationError):
        closing.mark_lapsed([commitment], reason=" ")
    commitment.refresh_from_db()
    assert commitment.status == Commitment.Status.OPENSTAAND
