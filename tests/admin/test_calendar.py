"""The recess calendar in the admin: a change of dates re-derives anchored due dates, a note does not."""

import datetime

import pytest
from django.urls import reverse

from commitments.models import DeadlineChange, Recess
from tests.admin.form_data import form_data
from tests.factories import derived_commitment

pytestmark = pytest.mark.django_db

MADE = datetime.date(2021, 1, 27)


@pytest.fixture
def summer_2021():
    return Recess.objects.get(chamber="TK", kind="zomerreces", start=datetime.date(2021, 7, 9))


def edit(client, recess, **changes):
    url = reverse("admin:commitments_recess_change", args=[recess.pk])
    response = client.post(url, form_data(client, url, **changes))
    assert response.status_code == 302, response.content.decode()[:3000]


def test_editing_only_the_note_of_a_recess_saves_no_anchored_commitment(griffie_client, summer_2021):
    anchored = derived_commitment("voor het zomerreces", MADE)
    saved_before = anchored.history.count()
    edit(griffie_client, summer_2021, note="bevestigd op de site van de Kamer")
    assert anchored.history.count() == saved_before
    assert not DeadlineChange.objects.filter(source=DeadlineChange.Source.RECALCULATED).exists()


def test_moving_a_recess_in_the_admin_rederives_the_anchored_due_date(griffie_client, summer_2021):
    anchored = derived_commitment("voor het zomerreces", MADE)
    edit(griffie_client, summer_2021, start="2021-07-02")
    anchored.refresh_from_db()
    assert anchored.due_date == datetime.date(2021, 7, 1)
