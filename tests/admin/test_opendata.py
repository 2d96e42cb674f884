"""The open data in the admin: the sync's state and conflicts, the votes (read-only), a motion's provenance."""

import uuid

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone

from commitments.auth import COMMISSIESTAF, GRIFFIE
from commitments.models import Motion, SyncConflict, SyncState, Vote
from tests.factories import MotionFactory, UserFactory, VoteFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def superuser_client(client):
    user = UserFactory(username="root", is_superuser=True)
    user.save()  # the password the factory set, or the session would not hold
    client.force_login(user)
    return client


def test_the_sync_page_shows_each_entitys_last_run_readably(superuser_client):
    state = SyncState.objects.create(
        entity="Zaak",
        source="https://gegevensmagazijn.tweedekamer.nl/OData/v4/2.0/",
        started_at=timezone.now(),
        finished_at=timezone.now(),
        summary={
            "created": 12,
            "updated": 3,
            "unchanged": 40,
            "deleted": 1,
            "skipped": {"no dossier": 2},
            "conflicts": 1,
        },
    )
    listing = superuser_client.get(reverse("admin:commitments_syncstate_changelist")).content.decode()
    assert "aangemaakt 12, bijgewerkt 3, ongewijzigd 40, verwijderd 1, overgeslagen 2, conflicten 1" in listing
    detail = superuser_client.get(reverse("admin:commitments_syncstate_change", args=[state.pk])).content.decode()
    assert "overgeslagen: no dossier" in detail
    assert "<td>12</td>" in detail


def test_a_conflict_links_the_record_it_is_about_and_filters_by_entity(superuser_client):
    motion = MotionFactory(without_kamerstuk=True)
    SyncConflict.objects.create(
        entity="Zaak",
        tk_id=uuid.uuid4(),
        record=str(motion),
        admin_url=reverse("admin:commitments_motion_change", args=[motion.pk]),
        field="title",
        local_value="Titel van de griffie",
        kamer_value="Titel van de Kamer",
        seen_at=timezone.now(),
    )
    url = reverse("admin:commitments_syncconflict_changelist")
    html = superuser_client.get(f"{url}?entity=Zaak").content.decode()
    assert f'href="/admin/commitments/motion/{motion.pk}/change/"' in html
    assert "Titel van de griffie" in html and "Titel van de Kamer" in html
    assert "Titel van de griffie" not in superuser_client.get(f"{url}?entity=Besluit").content.decode()


@pytest.mark.parametrize("model", [Vote, SyncState, SyncConflict])
def test_nobody_adds_changes_or_deletes_what_the_sync_owns(superuser_client, model):
    VoteFactory()
    SyncState.objects.create(entity="Stemming")
    SyncConflict.objects.create(entity="Zaak", tk_id=uuid.uuid4(), record="r", field="f", seen_at=timezone.now())
    obj = model.objects.get()
    info = f"admin:commitments_{model._meta.model_name}"
    assert superuser_client.get(reverse(f"{info}_add")).status_code == 403
    assert superuser_client.post(reverse(f"{info}_change", args=[obj.pk]), {}).status_code == 403
    assert superuser_client.post(reverse(f"{info}_delete", args=[obj.pk]), {"post": "yes"}).status_code == 403
    assert superuser_client.get(reverse(f"{info}_change", args=[obj.pk])).status_code == 200
    assert model.objects.count() == 1


def test_the_groups_may_only_view_what_the_sync_owns():
    for name in (GRIFFIE, COMMISSIESTAF):
        codenames = set(
            Group.objects.get(name=name)
            .permissions.filter(content_type__model__in=["vote", "syncstate", "syncconflict"])
            .values_list("codename", flat=True)
        )
        assert codenames == {"view_vote", "view_syncstate", "view_syncconflict"}


def test_commissiestaf_reads_the_votes(client):
    VoteFactory()
    client.force_login(UserFactory(username="staf", groups=[COMMISSIESTAF]))
    assert client.get(reverse("admin:commitments_vote_changelist")).status_code == 200


def test_a_motion_without_a_kamerstuk_is_edited_by_its_zaak_and_shows_its_provenance(griffie_client):
    motion = MotionFactory(document=None, zaak="2024Z11440", tk_id=uuid.uuid4())
    url = reverse("admin:commitments_motion_change", args=[motion.pk])
    html = griffie_client.get(url).content.decode()
    assert f"https://gegevensmagazijn.tweedekamer.nl/OData/v4/2.0/Zaak({motion.tk_id})" in html
    assert 'name="zaak"' in html
    data = {
        "document": "",
        "zaak": "2024z11441",
        "title": motion.title,
        "dictum": motion.dictum,
        "activity": "",
        "filed_on": "2024-06-04",
        "kabinetsappreciatie": "Ontijdig",
        "replaced_by": "",
        "committee": "",
        "signers-TOTAL_FORMS": "0",
        "signers-INITIAL_FORMS": "0",
        "status_changes-TOTAL_FORMS": "0",
        "status_changes-INITIAL_FORMS": "0",
    }
    response = griffie_client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    motion.refresh_from_db()
    assert (motion.zaak, motion.kabinetsappreciatie) == ("2024Z11441", "Ontijdig")
    data["zaak"] = ""
    assert griffie_client.post(url, data).status_code == 200  # neither a Kamerstuk nor a Zaak: refused
    assert Motion.objects.get(pk=motion.pk).zaak == "2024Z11441"


def test_the_motion_changelist_cites_motions_without_a_kamerstuk(griffie_client):
    MotionFactory(document=None, zaak="2024Z11440")
    html = griffie_client.get(reverse("admin:commitments_motion_changelist") + "?q=2024Z11440").content.decode()
    assert "2024Z11440" in html
