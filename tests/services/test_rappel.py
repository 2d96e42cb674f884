"""Recording the committee's decisions after a rappel: all of them or none, once per commitment."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from commitments.models import Commitment, DeadlineChange
from commitments.services.rappel import RappelDecision, record_rappel_decisions
from tests.factories import CommitmentFactory, UserFactory

pytestmark = pytest.mark.django_db
CUTOFF = datetime.date(2026, 6, 30)
DUE = datetime.date(2026, 5, 31)


@pytest.fixture
def late():
    return CommitmentFactory(made_on=datetime.date(2025, 11, 20), due_date=DUE)


def postpone(commitment, to, reason="uitstel akkoord"):
    return RappelDecision(commitment=commitment, outcome="openstaand", new_due_date=to, reason=reason)


def test_a_new_due_date_is_recorded_as_a_rappel_entry_by_the_user(late):
    user = UserFactory()
    record_rappel_decisions([postpone(late, datetime.date(2026, 9, 1))], cutoff=CUTOFF, user=user)
    entry = late.deadline_changes.get()
    assert (entry.source, entry.new_due_date, entry.changed_by) == (
        DeadlineChange.Source.RAPPEL,
        datetime.date(2026, 9, 1),
        user,
    )


def test_the_reason_names_the_cutoff_and_the_outcome(late):
    record_rappel_decisions([postpone(late, datetime.date(2026, 9, 1))], cutoff=CUTOFF)
    assert late.deadline_changes.get().reason == "rappel (peildatum 30-06-2026): openstaand: uitstel akkoord"


def test_the_same_commitment_twice_is_refused_and_nothing_is_saved(late):
    with pytest.raises(ValidationError) as error:
        record_rappel_decisions(
            [postpone(late, datetime.date(2026, 9, 1)), postpone(late, datetime.date(2026, 12, 1))], cutoff=CUTOFF
        )
    assert "twee besluiten" in " ".join(error.value.messages)
    late.refresh_from_db()
    assert (late.due_date, late.deadline_changes.count()) == (DUE, 0)


def test_one_invalid_decision_saves_none_of_them(late):
    other = CommitmentFactory(due_date=DUE)
    with pytest.raises(ValidationError):
        record_rappel_decisions([postpone(other, datetime.date(2026, 9, 1)), postpone(late, None)], cutoff=CUTOFF)
    assert not DeadlineChange.objects.exists()
    other.refresh_from_db()
    assert other.due_date == DUE


def test_a_fulfilled_decision_needs_a_letter(late):
    decision = RappelDecision(commitment=late, outcome="voldaan", reason="brief komt")
    with pytest.raises(ValidationError):
        record_rappel_decisions([decision], cutoff=CUTOFF)
    late.refresh_from_db()
    assert late.status == Commitment.Status.OPENSTAAND
