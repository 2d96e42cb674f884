"""Motions in the admin: recording the course adopts a motion and creates its obligation."""

import pytest
from django.urls import reverse

from commitments.models import Commitment, Motion
from tests.factories import MotionFactory

pytestmark = pytest.mark.django_db


def test_adopting_a_motion_in_the_admin_creates_its_obligation(griffie_client):
    motion = MotionFactory()
    url = reverse("admin:commitments_motion_change", args=[motion.pk])
    data = {
        "document": motion.document_id,
        "title": motion.title,
        "dictum": motion.dictum,
        "activity": "",
        "filed_on": "2020-11-12",
        "kabinetsappreciatie": "Oordeel Kamer",
        "replaced_by": "",
        "committee": "",
        "signers-TOTAL_FORMS": "0",
        "signers-INITIAL_FORMS": "0",
        "status_changes-TOTAL_FORMS": "1",
        "status_changes-INITIAL_FORMS": "0",
        "status_changes-0-status": "aangenomen",
        "status_changes-0-date": "2020-11-17",
        "status_changes-0-note": "",
    }
    response = griffie_client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    motion.refresh_from_db()
    assert motion.status == Motion.Status.AANGENOMEN
    assert motion.obligation.kind == Commitment.Kind.MOTIE
