"""A record that points to an archived paper, motion or commitment can still be edited in the
admin: its current target stays a valid choice, while archived rows are not accepted anew."""

import pytest
from django.contrib import admin
from django.urls import reverse

from commitments.admin.archived import KeepsArchivedTargets
from commitments.models import Closure, Commitment, Motion
from commitments.services import archive
from tests.admin.form_data import form_data
from tests.factories import CommitmentFactory, DocumentFactory, MotionFactory

pytestmark = pytest.mark.django_db


def change_url(record):
    return reverse(f"admin:commitments_{record._meta.model_name}_change", args=[record.pk])


def save_unchanged(client, record):
    """Post the change form exactly as the page shows it, as a browser would."""
    return client.post(change_url(record), form_data(client, change_url(record)))


def test_commitment_whose_source_document_is_archived_saves_unchanged(griffie_client):
    document = DocumentFactory()
    commitment = CommitmentFactory(source_document=document)
    archive.archive([document], reason="Dubbel geregistreerd", user=griffie_client.user)

    response = save_unchanged(griffie_client, commitment)

    assert response.status_code == 302, response.context["adminform"].form.errors
    commitment.refresh_from_db()
    assert commitment.source_document_id == document.pk


def test_commitment_concerning_an_archived_motion_keeps_it(griffie_client):
    motion = MotionFactory()
    commitment = CommitmentFactory()
    commitment.motions_concerned.add(motion)
    archive.archive([motion], reason="Ingetrokken", user=griffie_client.user)

    response = save_unchanged(griffie_client, commitment)

    assert response.status_code == 302, response.context["adminform"].form.errors
    assert list(Commitment.objects.get(pk=commitment.pk).motions_concerned(manager="all_objects").all()) == [motion]


def test_closing_letter_that_was_archived_stays_on_the_commitment(griffie_client):
    commitment = CommitmentFactory(fulfilled=True)
    letter = commitment.closures.get().document
    archive.archive([letter], reason="Verkeerd stuk", user=griffie_client.user)

    response = save_unchanged(griffie_client, commitment)

    assert response.status_code == 302, response.context["inline_admin_formsets"][1].formset.errors
    assert list(Closure.objects.filter(commitment=commitment).values_list("document", flat=True)) == [letter.pk]


def test_motion_whose_document_is_archived_saves_unchanged(griffie_client):
    motion = MotionFactory()
    archive.archive([motion.document], reason="Dubbel", user=griffie_client.user)

    response = save_unchanged(griffie_client, motion)

    assert response.status_code == 302, response.context["adminform"].form.errors
    assert Motion.all_objects.get(pk=motion.pk).document_id == motion.document_id


def test_an_archived_document_is_not_accepted_as_a_new_choice(griffie_client):
    commitment = CommitmentFactory()
    document = DocumentFactory()
    archive.archive([document], reason="Dubbel geregistreerd", user=griffie_client.user)

    data = form_data(griffie_client, change_url(commitment), source_document=str(document.pk))
    response = griffie_client.post(change_url(commitment), data)

    assert response.status_code == 200
    assert "source_document" in response.context["adminform"].form.errors
    commitment.refresh_from_db()
    assert commitment.source_document_id is None


def test_every_admin_form_and_inline_keeps_archived_targets():
    """The rule lives in one form class; every change form of the admin is built on it."""
    forms = []
    for model_admin in admin.site._registry.values():
        if model_admin.model._meta.app_label != "commitments":
            continue
        forms.append((type(model_admin).__name__, model_admin.form))
        forms += [(inline.__name__, inline.form) for inline in model_admin.inlines]
    assert [name for name, form in forms if not issubclass(form, KeepsArchivedTargets)] == []


def test_autocomplete_does_not_offer_archived_documents(griffie_client):
    kept, archived = DocumentFactory(title="Brief over jeugdzorg"), DocumentFactory(title="Brief over jeugdzorg")
    archive.archive([archived], reason="Dubbel geregistreerd", user=griffie_client.user)
    params = {
        "app_label": "commitments",
        "model_name": "commitment",
        "field_name": "source_document",
        "term": "jeugdzorg",
    }

    response = griffie_client.get(reverse("admin:autocomplete"), params)

    assert [int(result["id"]) for result in response.json()["results"]] == [kept.pk]
