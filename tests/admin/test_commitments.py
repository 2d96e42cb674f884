"""The griffie's admin: every page answers, actions close and reset, groups limit who edits."""
import datetime

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from commitments.auth import COMMISSIESTAF, GRIFFIE
from commitments.models import (
    Closure,
    Commitment,
    CommitmentRecipient,
    DeadlineChange,
    Document,
    Motion,
)
from tests.factories import (
    ActivityFactory,
    CommitmentFactory,
    DocumentFactory,
    DossierFactory,
    MotionFactory,
    OfficeFactory,
    PersonFactory,
    RecipientFactory,
)

pytestmark = pytest.mark.django_db

ADMIN_MODELS = [
    "party", "person", "ministry", "committee", "office", "dossier", "documentseries", "document",
    "activity", "motion", "commitment", "recess",
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


def test_commitment_search_finds_text_number_and_member(griffie_client):
    commitment = CommitmentFactory(number="TZ202101-042", text="Gesprek met de Nationaal Rapporteur")
    member = PersonFactory(name="Wörsdörfer")
    CommitmentRecipient.objects.create(commitment=commitment, person=member, party=member.party)
    CommitmentFactory(text="Iets anders")
    url = reverse("admin:commitments_commitment_changelist")
    for query in ["Rapporteur", "TZ202101-042", "Wörsdörfer"]:
        response = griffie_client.get(url, {"q": query})
        assert list(response.context["cl"].result_list) == [commitment], query


def test_overdue_filter_in_changelist_uses_the_overdue_rule(griffie_client):
    late = CommitmentFactory(due_date=datetime.date(2020, 1, 1))
    CommitmentFactory(due_date=datetime.date(2099, 1, 1))
    response = griffie_client.get(reverse("admin:commitments_commitment_changelist"), {"overdue": "yes"})
    assert list(response.context["cl"].result_list) == [late]


def _run_action(client, action, commitments, **fields):
    data = {"action": action, "_selected_action": [c.pk for c in commitments], "apply": "1", **fields}
    return client.post(reverse("admin:commitments_commitment_changelist"), data, follow=True)


def test_close_action_shows_a_form_first(griffie_client):
    commitment = CommitmentFactory()
    response = griffie_client.post(
        reverse("admin:commitments_commitment_changelist"),
        {"action": "close_with_letter", "_selected_action": [commitment.pk]},
    )
    assert response.status_code == 200
    assert 'name="letter"' in response.content.decode()


def test_close_action_closes_many_with_one_letter(griffie_client):
    commitments = CommitmentFactory.create_batch(3, made_on=datetime.date(2021, 1, 1))
    letter = DocumentFactory(date=datetime.date(2021, 6, 18))
    response = _run_action(
        griffie_client, "close_with_letter", commitments, letter=letter.pk, fulfilment="gedeeltelijk"
    )
    assert response.status_code == 200
    assert Commitment.objects.filter(status="deels voldaan").count() == 3
    assert Closure.objects.filter(document=letter, fulfilment="gedeeltelijk").count() == 3


def test_close_action_with_a_letter_predating_the_commitment_explains_and_changes_nothing(griffie_client):
    commitment = CommitmentFactory(made_on=datetime.date(2021, 7, 1))
    letter = DocumentFactory(date=datetime.date(2021, 6, 18))
    response = _run_action(griffie_client, "close_with_letter", [commitment], letter=letter.pk, fulfilment="volledig")
    assert "kan die niet afdoen" in response.content.decode()
    assert not Closure.objects.exists()


def test_reset_deadline_action_records_reason_and_user(griffie_client):
    commitment = CommitmentFactory(due_date=datetime.date(2021, 1, 31))
    _run_action(griffie_client, "reset_deadline", [commitment], new_due_date="2021-07-08", reason="Rappel EK")
    entry = DeadlineChange.objects.get()
    assert (entry.new_due_date, entry.reason, entry.changed_by) == (
        datetime.date(2021, 7, 8), "Rappel EK", griffie_client.user
    )


def test_reset_deadline_action_without_reason_shows_the_form_again(griffie_client):
    commitment = CommitmentFactory(due_date=datetime.date(2021, 1, 31))
    response = _run_action(griffie_client, "reset_deadline", [commitment], new_due_date="2021-07-08", reason="")
    assert response.status_code == 200
    assert "Dit veld is verplicht" in response.content.decode()
    assert not DeadlineChange.objects.exists()


def test_mark_lapsed_action(griffie_client):
    commitment = CommitmentFactory()
    _run_action(griffie_client, "mark_lapsed", [commitment], reason="Ingehaald door nieuw beleid")
    commitment.refresh_from_db()
    assert commitment.status == "vervallen"
    assert commitment.status_note == "Ingehaald door nieuw beleid"


def _commitment_form_data(commitment, **changes):
    data = {
        "number": commitment.number, "kind": commitment.kind, "chamber": commitment.chamber,
        "text": commitment.text, "made_on": commitment.made_on.isoformat() if commitment.made_on else "",
        "status_note": "", "source_activity": commitment.source_activity_id or "", "source_document": "",
        "bewindspersoon": commitment.bewindspersoon_id, "office": commitment.office_id,
        "ministry": commitment.ministry_id, "committee": commitment.committee_id or "", "dossier": "",
        "deadline_phrase": commitment.deadline_phrase,
        "due_date": commitment.due_date.isoformat() if commitment.due_date else "",
        "deadline_reason": "", "due_date_earliest": "", "expected_series": "", "expected_activity": "",
        "expected_event_date": "", "motion": "",
    }
    for prefix in ["recipients", "closures", "deadline_changes", "relations_from"]:
        data.update({f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0"})
    data.update(changes)
    return data


def test_changing_the_due_date_by_hand_needs_a_reason(griffie_client):
    commitment = CommitmentFactory(due_date=datetime.date(2021, 1, 31), made_on=datetime.date(2020, 11, 1))
    url = reverse("admin:commitments_commitment_change", args=[commitment.pk])
    response = griffie_client.post(url, _commitment_form_data(commitment, due_date="2021-03-01"))
    assert response.status_code == 200
    assert "Geef een reden voor de nieuwe deadline" in response.content.decode()
    commitment.refresh_from_db()
    assert commitment.due_date == datetime.date(2021, 1, 31)


def test_office_must_be_held_on_the_day_the_commitment_was_made(griffie_client):
    office = OfficeFactory(start=datetime.date(2022, 1, 10))
    commitment = CommitmentFactory(made_on=datetime.date(2020, 11, 1), office=office)
    url = reverse("admin:commitments_commitment_change", args=[commitment.pk])
    response = griffie_client.post(url, _commitment_form_data(commitment, text="Nieuwe tekst"))
    assert response.status_code == 200
    assert "niet bekleed" in response.content.decode()


def test_document_is_registered_from_its_citation(griffie_client):
    DossierFactory(number="31015", title="Kindermishandeling")
    response = griffie_client.post(
        reverse("admin:commitments_document_add"),
        {
            "citation_text": "Kamerstukken II 2020/21, 31 015, nr. 205", "kind": "motie", "title": "Motie Westerveld",
            "date": "2020-11-12", "series": "", "ministry": "",
            "closures-TOTAL_FORMS": "0", "closures-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    document = Document.objects.get()
    assert (document.identifier, document.vergaderjaar, document.citation) == (
        "31015-205", "2020-2021", "Kamerstuk 31015-205"
    )
    assert document.official_url == "https://zoek.officielebekendmakingen.nl/kst-31015-205.html"


def test_document_with_an_unreadable_citation_is_refused_in_dutch(griffie_client):
    response = griffie_client.post(
        reverse("admin:commitments_document_add"),
        {"citation_text": "hallo wereld", "kind": "overig", "title": "x", "closures-TOTAL_FORMS": "0",
         "closures-INITIAL_FORMS": "0"},
    )
    assert response.status_code == 200
    assert "geen herkenbare verwijzing" in response.content.decode()
    assert not Document.objects.exists()


def test_adopting_a_motion_in_the_admin_creates_its_obligation(griffie_client):
    motion = MotionFactory()
    url = reverse("admin:commitments_motion_change", args=[motion.pk])
    data = {
        "document": motion.document_id, "title": motion.title, "dictum": motion.dictum, "activity": "",
        "filed_on": "2020-11-12", "kabinetsappreciatie": "Oordeel Kamer", "replaced_by": "", "committee": "",
        "signers-TOTAL_FORMS": "0", "signers-INITIAL_FORMS": "0",
        "status_changes-TOTAL_FORMS": "1", "status_changes-INITIAL_FORMS": "0",
        "status_changes-0-status": "aangenomen", "status_changes-0-date": "2020-11-17", "status_changes-0-note": "",
    }
    response = griffie_client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    motion.refresh_from_db()
    assert motion.status == Motion.Status.AANGENOMEN
    assert motion.obligation.kind == Commitment.Kind.MOTIE


def test_history_records_who_changed_what(griffie_client):
    commitment = CommitmentFactory()
    _run_action(griffie_client, "mark_lapsed", [commitment], reason="Vervallen na verkiezingen")
    latest = commitment.history.first()
    assert latest.status == "vervallen"
    assert latest.history_user == griffie_client.user
    page = griffie_client.get(reverse("admin:commitments_commitment_history", args=[commitment.pk]))
    assert griffie_client.user.username in page.content.decode()


def test_commissiestaf_may_view_but_not_change(staff_client):
    commitment = CommitmentFactory()
    change_url = reverse("admin:commitments_commitment_change", args=[commitment.pk])
    assert staff_client.get(reverse("admin:commitments_commitment_changelist")).status_code == 200
    assert staff_client.get(change_url).status_code == 200
    assert staff_client.post(change_url, _commitment_form_data(commitment, text="x")).status_code == 403
    assert staff_client.get(reverse("admin:commitments_commitment_add")).status_code == 403
    response = staff_client.post(
        reverse("admin:commitments_commitment_changelist"),
        {"action": "mark_lapsed", "_selected_action": [commitment.pk], "apply": "1", "reason": "x"},
    )
    commitment.refresh_from_db()
    assert commitment.status == Commitment.Status.OPENSTAAND
    assert response.status_code in (200, 302, 403)


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


def test_commitment_changelist_query_count_does_not_grow_with_rows(griffie_client, django_assert_max_num_queries):
    url = reverse("admin:commitments_commitment_changelist")
    CommitmentFactory.create_batch(3)
    griffie_client.get(url)  # warm caches (content types, session)
    with django_assert_max_num_queries(20) as few:
        griffie_client.get(url)
    CommitmentFactory.create_batch(47)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = griffie_client.get(url)
    assert len(response.context["cl"].result_list) == 50
