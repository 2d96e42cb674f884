"""A motion's course through the Kamer, and the obligation an adopted motion creates."""

import datetime

import pytest

from commitments.models import Commitment, Motion
from commitments.services import motions
from tests.factories import MotionFactory

pytestmark = pytest.mark.django_db
ADOPTED_ON = datetime.date(2020, 12, 1)


def test_a_held_motion_has_no_obligation():
    motion = MotionFactory()
    motions.record_motion_status(motion, Motion.Status.AANGEHOUDEN, date=datetime.date(2020, 11, 12))
    assert not Commitment.objects.filter(motion=motion).exists()


def test_adopting_a_motion_creates_its_execution_obligation():
    motion = MotionFactory()
    motions.record_motion_status(motion, Motion.Status.AANGENOMEN, date=ADOPTED_ON)
    obligation = Commitment.objects.get(motion=motion)
    assert (obligation.kind, obligation.text, obligation.made_on) == (Commitment.Kind.MOTIE, motion.dictum, ADOPTED_ON)


def test_syncing_an_adopted_motion_does_not_create_a_second_obligation():
    motion = MotionFactory()
    motions.record_motion_status(motion, Motion.Status.AANGENOMEN, date=ADOPTED_ON)
    motions.sync_motion_status(motion)
    assert Commitment.objects.filter(motion=motion).count() == 1


def test_each_step_of_the_course_is_kept_in_order():
    motion = MotionFactory()
    motions.record_motion_status(motion, Motion.Status.AANGEHOUDEN, date=datetime.date(2020, 11, 12))
    motions.record_motion_status(motion, Motion.Status.AANGENOMEN, date=ADOPTED_ON)
    assert list(motion.status_changes.values_list("status", flat=True)) == ["aangehouden", "aangenomen"]


def test_sync_takes_the_status_of_the_latest_step():
    motion = MotionFactory()
    motion.status_changes.create(status=Motion.Status.INGEDIEND, date=datetime.date(2020, 11, 12))
    motion.status_changes.create(status=Motion.Status.VERWORPEN, date=datetime.date(2020, 11, 17))
    motions.sync_motion_status(motion)
    motion.refresh_from_db()
    assert motion.status == Motion.Status.VERWORPEN
