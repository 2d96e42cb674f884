"""The audit trail: history on every model the griffie edits, a reason on every change, nothing
erased by a delete, admin actions in the admin log, and scripts that say who ran them."""

import datetime
from io import StringIO

import pytest
from django.apps import apps
from django.contrib.admin.models import LogEntry
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db.models import ProtectedError
from django.urls import reverse

from commitments.models import (
    Commitment,
    CommitmentRecipient,
    CommitmentRelation,
    DeadlineChange,
    Document,
    Motion,
    MotionSigner,
    MotionStatusChange,
)
from commitments.services import archive, deadlines
from tests.factories import CommitmentFactory, DocumentFactory, MotionFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "model", [CommitmentRecipient, CommitmentRelation, MotionSigner, MotionStatusChange, DeadlineChange]
)
def test_records_edited_inline_and_the_deadline_history_have_their_own_history(model):
    assert hasattr(model, "history")


# Not records the griffie keeps: what a user follows and subscribes to, the digests sent, the
# search documents the database derives from each commitment and motion, the open-data sync's own
# bookkeeping (its cursor and summary per entity, the conflicts it lists, the agenda items it links by),
# and the progress of a re-derivation of due dates (the changes it makes are in each commitment's history).
NOT_THE_GRIFFIES = {
    "DataVersion",  # written by the database's triggers only
    "CommitmentFigures",  # a read-only view over the commitments
    "DeadlineRederivation",
    "Follow",
    "Subscription",
    "DigestDelivery",
    "CommitmentSearch",
    "MotionSearch",
    "SyncState",
    "SyncConflict",
    "AgendaItem",
    # An export's temporary tables (EXPORT_TABLES)
    "ExportCitation",
    "ExportRecipients",
    "ExportLetters",
    "ExportSigners",
}


def test_every_model_the_griffie_edits_keeps_history():
    models = [
        m
        for m in apps.get_app_config("commitments").get_models()
        if not m.__name__.startswith("Historical") and m.__name__ not in NOT_THE_GRIFFIES
    ]
    assert [m.__name__ for m in models if not hasattr(m, "history")] == []


def test_a_commitment_with_deadline_history_cannot_be_deleted():
    commitment = CommitmentFactory(due_date=datetime.date(2030, 1, 1))
    deadlines.change_due_date(commitment, datetime.date(2030, 3, 1), reason="uitstel")
    with pytest.raises(ProtectedError):
        commitment.delete()


@pytest.mark.parametrize("model", ["commitment", "motion", "document"])
def test_the_admin_archives_instead_of_deleting(griffie_client, model):
    obj = {"commitment": CommitmentFactory, "motion": MotionFactory, "document": DocumentFactory}[model]()
    response = griffie_client.get(reverse(f"admin:commitments_{model}_delete", args=[obj.pk]))
    assert response.status_code == 403
    changelist = reverse(f"admin:commitments_{model}_changelist")
    response = griffie_client.post(changelist, {"action": "archive_selected", "_selected_action": [obj.pk]})
    assert response.status_code == 200  # the form asking for a reason
    response = griffie_client.post(
        changelist,
        {"action": "archive_selected", "_selected_action": [obj.pk], "apply": "1", "reason": "dubbel ingevoerd"},
    )
    assert response.status_code == 302
    model_class = type(obj)
    archived = model_class.all_objects.get(pk=obj.pk)
    assert archived.archived_at is not None
    assert archived.archived_by == griffie_client.user
    assert archived.archive_reason == "dubbel ingevoerd"
    assert not model_class.objects.filter(pk=obj.pk).exists()
    assert archived.history.latest().history_change_reason == "gearchiveerd: dubbel ingevoerd"
    assert LogEntry.objects.filter(object_id=str(obj.pk), change_message__contains="dubbel ingevoerd").exists()
    # The admin still lists it.
    assert griffie_client.get(changelist, {"archived": "yes"}).status_code == 200


def test_an_archived_commitment_keeps_its_deadline_history_and_leaves_the_public_pages(client):
    commitment = CommitmentFactory(due_date=datetime.date(2030, 1, 1), text="Gearchiveerde toezegging")
    deadlines.change_due_date(commitment, datetime.date(2030, 3, 1), reason="uitstel")
    archive.archive([commitment], reason="dubbel")
    assert DeadlineChange.objects.filter(commitment=commitment).exists()
    assert client.get(commitment.get_absolute_url()).status_code == 404
    assert "Gearchiveerde toezegging" not in client.get(reverse("commitments:commitment_list")).content.decode()
    export = client.get(reverse("commitments:commitment_export"))
    assert "Gearchiveerde toezegging" not in b"".join(export.streaming_content).decode("utf-8-sig")


def test_an_archived_motion_and_document_leave_the_public_pages(client):
    motion = MotionFactory()
    archive.archive([motion], reason="dubbel")
    assert client.get(motion.get_absolute_url()).status_code == 404
    document = DocumentFactory()
    archive.archive([document], reason="dubbel")
    assert client.get(document.get_absolute_url()).status_code == 404
    assert Motion.all_objects.filter(pk=motion.pk).exists() and Document.all_objects.filter(pk=document.pk).exists()


def test_archiving_needs_a_reason():
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        archive.archive([CommitmentFactory()], reason=" ")


def test_restoring_brings_it_back_with_a_reason():
    commitment = CommitmentFactory()
    archive.archive([commitment], reason="per abuis")
    archive.restore([commitment], reason="toch nodig")
    assert Commitment.objects.filter(pk=commitment.pk).exists()
    assert commitment.history.latest().history_change_reason == "uit archief teruggezet: toch nodig"


def test_a_save_in_the_admin_records_its_reason_and_author(griffie_client):
    motion = MotionFactory(title="Oude titel")
    url = reverse("admin:commitments_party_add")
    griffie_client.post(url, {"abbreviation": "XYZ", "name": "Partij XYZ"})
    from commitments.models import Party

    party = Party.objects.get(abbreviation="XYZ")
    record = party.history.latest()
    assert record.history_change_reason == "aangemaakt in beheer"
    assert record.history_user == griffie_client.user
    assert motion.history.exists()


def test_every_history_row_written_by_the_services_has_a_reason():
    commitment = CommitmentFactory(deadline_phrase="voor de zomer", made_on=datetime.date(2030, 1, 10))
    deadlines.derive_deadline(commitment)
    deadlines.change_due_date(commitment, datetime.date(2030, 9, 1), reason="uitstel")
    # The factory's own first save is not a service; every later row has its reason.
    rows = list(commitment.history.exclude(history_id=commitment.history.earliest().history_id))
    rows += [h for e in commitment.deadline_changes.all() for h in e.history.all()]
    assert len(rows) >= 3
    assert [r for r in rows if not r.history_change_reason] == []


def test_admin_actions_write_an_admin_log_entry(griffie_client):
    commitment = CommitmentFactory(due_date=datetime.date(2030, 1, 1))
    response = griffie_client.post(
        reverse("admin:commitments_commitment_changelist"),
        {
            "action": "reset_deadline",
            "_selected_action": [commitment.pk],
            "apply": "1",
            "new_due_date": "2030-05-01",
            "reason": "nieuwe planning",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    entry = LogEntry.objects.get(object_id=str(commitment.pk), content_type__model="commitment")
    assert entry.user == griffie_client.user
    assert "nieuwe planning" in entry.change_message


def test_load_demo_does_not_reset_the_demo_accounts_password():
    call_command("load_demo", stdout=StringIO())
    account = get_user_model().objects.get(username="griffie")
    account.set_password("een-eigen-wachtwoord-2026")
    account.save()
    call_command("load_demo", stdout=StringIO())
    account.refresh_from_db()
    assert account.check_password("een-eigen-wachtwoord-2026")


def test_load_demo_records_the_demo_account_as_author_of_the_derived_dates():
    Commitment.objects.all().delete()
    call_command("load_demo", stdout=StringIO())
    assert DeadlineChange.objects.exists()
    assert not DeadlineChange.objects.filter(changed_by__isnull=True).exists()


def test_rederive_deadlines_records_who_ran_it():
    user = UserFactory(username="beheerder")
    commitment = CommitmentFactory(deadline_phrase="voor de zomer", made_on=datetime.date(2030, 1, 10))
    commitment.due_date = None
    commitment.save()
    call_command("rederive_deadlines", "--all", "--by", "beheerder", "--reason", "controle", stdout=StringIO())
    entry = DeadlineChange.objects.get(commitment=commitment)
    assert entry.changed_by == user
    assert commitment.history.latest().history_user == user
