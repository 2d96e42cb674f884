"""The history form view (django-simple-history) is read-only for every role.

Before: a Commissiestaf user (view permission only) could POST a history entry's form and change
the record, the recess calendar included, or restore a deleted one; a griffie "Revert" moved a
due date back with no deadline history and could reopen a commitment that still had its letter.
"""

import datetime

import pytest
from django.urls import reverse

from commitments.models import Commitment, DeadlineChange, Recess
from commitments.services import deadlines, rederivation
from tests.factories import CommitmentFactory

pytestmark = pytest.mark.django_db


def _recess():
    recess = Recess(chamber="TK", kind="zomerreces", start=datetime.date(2031, 7, 4), end=datetime.date(2031, 8, 31))
    recess.confidence = Recess.Confidence.VERIFIED
    rederivation.save_recess(recess)
    return recess


def _history_form_url(model, obj, history_id):
    return reverse(f"admin:commitments_{model}_simple_history", args=[obj.pk, history_id])


def _recess_form(recess, **changes):
    data = {
        "chamber": recess.chamber,
        "kind": recess.kind,
        "start": recess.start.isoformat(),
        "end": recess.end.isoformat(),
        "confidence": recess.confidence,
        "note": "",
    }
    return {**data, **changes}


def test_view_only_user_cannot_change_the_recess_calendar_through_its_history(staff_client):
    recess = _recess()
    url = _history_form_url("recess", recess, recess.history.latest().history_id)
    response = staff_client.post(url, _recess_form(recess, end="2031-12-31"))
    assert response.status_code == 403
    recess.refresh_from_db()
    assert recess.end == datetime.date(2031, 8, 31)


def test_view_only_user_cannot_restore_a_deleted_record_through_its_history(staff_client):
    recess = _recess()
    history_id = recess.history.latest().history_id
    pk = recess.pk
    rederivation.delete_recess(recess)
    response = staff_client.post(
        reverse("admin:commitments_recess_simple_history", args=[pk, history_id]), _recess_form(recess)
    )
    assert response.status_code == 403
    assert not Recess.objects.filter(pk=pk).exists()


def test_view_only_user_may_still_read_a_history_entry(staff_client):
    commitment = CommitmentFactory()
    response = staff_client.get(_history_form_url("commitment", commitment, commitment.history.latest().history_id))
    assert response.status_code == 200


def test_griffie_cannot_revert_a_due_date_around_the_deadline_history(griffie_client):
    commitment = CommitmentFactory(due_date=datetime.date(2030, 1, 1))
    first = commitment.history.earliest().history_id
    deadlines.change_due_date(commitment, datetime.date(2030, 6, 1), reason="uitstel gevraagd")
    entries = DeadlineChange.objects.count()
    response = griffie_client.post(
        _history_form_url("commitment", commitment, first),
        {"text": commitment.text, "kind": commitment.kind, "chamber": commitment.chamber, "due_date": "2030-01-01"},
    )
    assert response.status_code == 403
    commitment.refresh_from_db()
    assert commitment.due_date == datetime.date(2030, 6, 1)
    assert commitment.due_date_overridden
    assert DeadlineChange.objects.count() == entries


def test_the_history_page_offers_no_revert(griffie_client):
    commitment = CommitmentFactory()
    response = griffie_client.get(_history_form_url("commitment", commitment, commitment.history.latest().history_id))
    assert response.status_code == 200
    assert 'name="_save"' not in response.content.decode()
    assert Commitment.objects.filter(pk=commitment.pk).exists()
