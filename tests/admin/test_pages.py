"""The admin's pages: every page answers, the two groups, who may reach and change what,
and a changelist whose query count does not grow with the rows."""

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from commitments.auth import COMMISSIESTAF, GRIFFIE
from commitments.models import Commitment
from tests.admin.form_data import form_data
from tests.factories import ActivityFactory, CommitmentFactory, MotionFactory, RecipientFactory, copies_of

pytestmark = pytest.mark.django_db

ADMIN_MODELS = [
    "party",
    "person",
    "ministry",
    "committee",
    "office",
    "dossier",
    "documentseries",
    "document",
    "activity",
    "motion",
    "commitment",
    "recess",
]


@pytest.fixture
def some_rows():
    commitment = CommitmentFactory(number="TZ202011-001")
    RecipientFactory(commitment=commitment)
    motion = MotionFactory()
    ActivityFactory()
    return commitment, motion


def test_both_groups_exist_after_migrate():
    griffie = Group.objects.get(name=GRIFFIE)
    staff = Group.objects.get(name=COMMISSIESTAF)
    assert griffie.permissions.filter(codename="change_commitment").exists()
    assert staff.permissions.filter(codename="view_commitment").exists()
    assert not staff.permissions.exclude(codename__startswith="view_").exists()


@pytest.mark.parametrize("model", ADMIN_MODELS)
def test_every_changelist_search_and_add_page_answers(griffie_client, some_rows, model):
    changelist = reverse(f"admin:commitments_{model}_changelist")
    assert griffie_client.get(changelist).status_code == 200
    assert griffie_client.get(changelist, {"q": "31015"}).status_code == 200
    assert griffie_client.get(reverse(f"admin:commitments_{model}_add")).status_code == 200


def test_change_and_history_pages_answer(griffie_client, some_rows):
    commitment, motion = some_rows
    for obj, name in [(commitment, "commitment"), (motion, "motion"), (motion.document, "document")]:
        assert griffie_client.get(reverse(f"admin:commitments_{name}_change", args=[obj.pk])).status_code == 200
        assert griffie_client.get(reverse(f"admin:commitments_{name}_history", args=[obj.pk])).status_code == 200


def test_commissiestaf_may_view_the_changelist_and_a_change_page(staff_client):
    commitment = CommitmentFactory()
    assert staff_client.get(reverse("admin:commitments_commitment_changelist")).status_code == 200
    assert staff_client.get(reverse("admin:commitments_commitment_change", args=[commitment.pk])).status_code == 200


def test_commissiestaf_may_not_save_a_change(staff_client):
    commitment = CommitmentFactory()
    url = reverse("admin:commitments_commitment_change", args=[commitment.pk])
    assert staff_client.post(url, form_data(staff_client, url, text="x")).status_code == 403
    commitment.refresh_from_db()
    assert commitment.text != "x"


def test_commissiestaf_may_not_add(staff_client):
    assert staff_client.get(reverse("admin:commitments_commitment_add")).status_code == 403


def test_commissiestaf_is_not_offered_the_actions(staff_client):
    CommitmentFactory()
    page = staff_client.get(reverse("admin:commitments_commitment_changelist")).content.decode()
    assert 'value="mark_lapsed"' not in page


def test_commissiestaf_posting_an_action_changes_nothing(staff_client):
    commitment = CommitmentFactory()
    response = staff_client.post(
        reverse("admin:commitments_commitment_changelist"),
        {"action": "mark_lapsed", "_selected_action": [commitment.pk], "apply": "1", "reason": "x"},
    )
    assert response.status_code == 200  # the changelist again: the action is not one of theirs
    commitment.refresh_from_db()
    assert commitment.status == Commitment.Status.OPENSTAAND


def test_anonymous_users_cannot_reach_the_admin(client):
    commitment = CommitmentFactory()
    for url in [
        reverse("admin:index"),
        reverse("admin:commitments_commitment_changelist"),
        reverse("admin:commitments_commitment_change", args=[commitment.pk]),
    ]:
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("admin:login"))


def changelist_queries(client, url):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured), len(response.context["cl"].result_list)


def test_commitment_changelist_query_count_does_not_grow_with_rows(griffie_client):
    url = reverse("admin:commitments_commitment_changelist")
    CommitmentFactory.create_batch(5)
    griffie_client.get(url)  # warm caches (content types, session)
    few, shown = changelist_queries(griffie_client, url)
    assert shown == 5
    copies_of(CommitmentFactory(), 494)
    many, shown = changelist_queries(griffie_client, url)
    assert shown == 50  # one full changelist page (list_per_page) of 500 rows
    assert few == many
