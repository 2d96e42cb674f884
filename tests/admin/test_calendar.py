"""The recess calendar in the admin: a change of dates re-derives anchored due dates, a note does not."""

import datetime
import threading

import pytest
from django.urls import reverse

from commitments.models import DeadlineChange, DeadlineRederivation, Recess
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


def test_the_clerk_is_told_how_many_commitments_were_derived_again(griffie_client, summer_2021):
    derived_commitment("voor het zomerreces", MADE)
    url = reverse("admin:commitments_recess_change", args=[summer_2021.pk])
    response = griffie_client.post(url, form_data(griffie_client, url, start="2021-07-02"), follow=True)
    job = DeadlineRederivation.objects.get()
    assert (job.estimated, job.moved, job.is_finished) == (1, 1, True)
    assert "1 toezegging kan van dit reces afhangen; de termijn is opnieuw afgeleid (1 termijnen gewijzigd)." in (
        response.content.decode()
    )


@pytest.mark.django_db(transaction=True)
def test_a_large_edit_is_derived_again_in_the_background_after_the_save(griffie_client, settings):
    settings.TRACKER_REDERIVE_INLINE_LIMIT = 0
    settings.TRACKER_REDERIVE_IN_BACKGROUND = True
    anchored = derived_commitment("voor het zomerreces", MADE)
    summer_2021 = Recess.objects.get(chamber="TK", kind="zomerreces", start=datetime.date(2021, 7, 9))
    url = reverse("admin:commitments_recess_change", args=[summer_2021.pk])
    response = griffie_client.post(url, form_data(griffie_client, url, start="2021-07-02"), follow=True)
    job = DeadlineRederivation.objects.get()
    assert f"wordt op de achtergrond opnieuw afgeleid (herberekening {job.pk})" in response.content.decode()
    for thread in threading.enumerate():
        if thread.name == "rederive-deadlines":
            thread.join()
    job.refresh_from_db()
    assert (job.moved, job.is_finished) == (1, True)
    anchored.refresh_from_db()
    assert anchored.due_date == datetime.date(2021, 7, 1)
    assert anchored.deadline_changes.latest("pk").changed_by == griffie_client.user


def test_the_clerk_can_read_what_a_re_derivation_did(griffie_client, summer_2021):
    derived_commitment("voor het zomerreces", MADE)
    edit(griffie_client, summer_2021, start="2021-07-02")
    job = DeadlineRederivation.objects.get()
    page = griffie_client.get(reverse("admin:commitments_deadlinerederivation_change", args=[job.pk]))
    assert page.status_code == 200
    assert "reces gewijzigd: TK zomerreces 2021" in page.content.decode()
    assert (
        griffie_client.post(
            reverse("admin:commitments_deadlinerederivation_delete", args=[job.pk]), {"post": "yes"}
        ).status_code
        == 403
    )
