"""Motions: found by their Kamerstuk or Zaak number, and the seats of their latest decision with votes."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from commitments.models import Motion, MotionStatus, VoteChoice
from tests.factories import DecisionFactory, MotionFactory, PersonFactory, VoteFactory

pytestmark = pytest.mark.django_db


def totals(motion):
    row = Motion.objects.with_vote_totals().get(pk=motion.pk)
    return row.seats_for, row.seats_against


def test_a_motion_without_a_kamerstuk_is_cited_and_identified_by_its_zaak_number():
    motion = MotionFactory(document=None, zaak="2024Z11440")
    assert (motion.identifier, motion.citation) == ("2024Z11440", "2024Z11440")
    assert motion.get_absolute_url() == "/moties/2024Z11440/"


@pytest.mark.parametrize("identifier", ["2024Z11440", "2024z11440"])
def test_a_motion_is_identified_by_its_zaak_number_in_any_case(identifier):
    motion = MotionFactory(document=None, zaak="2024Z11440")
    assert list(Motion.objects.identified_by(identifier)) == [motion]


def test_a_motion_is_identified_by_its_kamerstuk():
    motion = MotionFactory()
    assert list(Motion.objects.identified_by(motion.document.identifier)) == [motion]


def test_a_zaak_number_is_stored_as_the_kamer_writes_it():
    motion = MotionFactory.build(document=None, zaak=" 2024z11440 ")
    motion.clean()
    assert motion.zaak == "2024Z11440"
    motion.zaak = "Z11440"
    with pytest.raises(ValidationError):
        motion.clean()


def test_vote_totals_count_a_partys_seats_of_the_latest_decision_with_votes():
    motion = MotionFactory(without_kamerstuk=True)
    earlier = DecisionFactory(motion=motion, date=datetime.date(2024, 5, 1))
    VoteFactory(decision=earlier, seats=150)
    latest = DecisionFactory(motion=motion, date=datetime.date(2024, 6, 1))
    VoteFactory(decision=latest, seats=88)
    VoteFactory(decision=latest, seats=62, choice=VoteChoice.TEGEN)
    VoteFactory(decision=latest, seats=5, choice=VoteChoice.VOOR, mistake=True)  # still counts
    # A later step without votes (e.g. a withdrawal) does not hide the vote.
    DecisionFactory(motion=motion, date=datetime.date(2024, 7, 1), status=MotionStatus.VERVALLEN)
    assert totals(motion) == (93, 62)


def test_vote_totals_count_one_per_member_in_a_roll_call():
    decision = DecisionFactory(vote_kind="Hoofdelijk")
    for choice in (VoteChoice.VOOR, VoteChoice.VOOR, VoteChoice.TEGEN, VoteChoice.NIET_DEELGENOMEN):
        VoteFactory(decision=decision, party=None, person=PersonFactory(), choice=choice)
    assert totals(decision.motion) == (2, 1)


def test_vote_totals_are_zero_for_a_side_nobody_took_and_empty_without_votes():
    decision = DecisionFactory()
    VoteFactory(decision=decision, seats=150)
    assert totals(decision.motion) == (150, 0)
    assert totals(MotionFactory()) == (None, None)
