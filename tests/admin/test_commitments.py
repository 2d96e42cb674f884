"""The commitment admin: search and filters, the actions (close, reset, lapse), the change form
with its deadline rules, the closure inline, and the history of who changed what."""

import datetime

import pytest
from django.urls import reverse

from commitments.models import Closure, Commitment, DeadlineChange
from commitments.services import deadlines
from tests.admin.form_data import form_data
from tests.factories import (
    ActivityFactory,
    CommitmentFactory,
    DocumentFactory,
    OfficeFactory,
    PersonFactory,
    RecipientFactory,
    derived_commitment,
)

pytestmark = pytest.mark.django_db

# The promise of 27 January 2021 in the seeds: report "voor de zomer van 2021".
MADE = datetime.date(2021, 1, 27)
DAY_BEFORE_SUMMER_RECESS_2021 = datetime.date(2021, 7, 8)  # TK zomerreces 2021 starts Fri 9 July


def derived(phrase, made_on=MADE, **fields):
    return derived_commitment(phrase, made_on, **fields)


def change_url(commitment):
    return reverse("admin:commitments_commitment_change", args=[commitment.pk])


# ------------------------------------------------------------------------- changelist and actions


@pytest.mark.parametrize("query", ["Rapporteur", "TZ202101-042", "Wörsdörfer"])
def test_commitment_search_finds_text_number_and_member(griffie_client, query):
    commitment = CommitmentFactory(number="TZ202101-042", text="Gesprek met de Nationaal Rapporteur")
    RecipientFactory(commitment=commitment, person=PersonFactory(name="Wörsdörfer"))
    CommitmentFactory(text="Iets anders")
    response = griffie_client.get(reverse("admin:commitments_commitment_changelist"), {"q": query})
    assert list(response.context["cl"].result_list) == [commitment]


@pytest.mark.parametrize(("value", "expected"), [("yes", "late"), ("no", "later")])
def test_overdue_filter_in_changelist_uses_the_overdue_rule(griffie_client, value, expected):
    rows = {
        "late": CommitmentFactory(due_date=datetime.date(2020, 1, 1)),
        "later": CommitmentFactory(due_date=datetime.date(2099, 1, 1)),
    }
    response = griffie_client.get(reverse("admin:commitments_commitment_changelist"), {"overdue": value})
    assert list(response.context["cl"].result_list) == [rows[expected]]


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
        datetime.date(2021, 7, 8),
        "Rappel EK",
        griffie_client.user,
    )


def test_reset_deadline_action_without_reason_shows_the_form_again(griffie_client):
    commitment = CommitmentFactory(due_date=datetime.date(2021, 1, 31))
    response = _run_action(griffie_client, "reset_deadline", [commitment], new_due_date="2021-07-08", reason="")
    assert response.status_code == 200
    assert "Dit veld is verplicht" in response.content.decode()
    assert not DeadlineChange.objects.exists()


def test_mark_lapsed_action_lapses_with_the_reason(griffie_client):
    commitment = CommitmentFactory()
    _run_action(griffie_client, "mark_lapsed", [commitment], reason="Ingehaald door nieuw beleid")
    commitment.refresh_from_db()
    assert commitment.status == "vervallen"
    assert commitment.status_note == "Ingehaald door nieuw beleid"


def _commitment_form_data(commitment, **changes):
    data = {
        "number": commitment.number,
        "kind": commitment.kind,
        "chamber": commitment.chamber,
        "text": commitment.text,
        "made_on": commitment.made_on.isoformat() if commitment.made_on else "",
        "status_note": "",
        "source_activity": commitment.source_activity_id or "",
        "source_document": "",
        "bewindspersoon": commitment.bewindspersoon_id,
        "office": commitment.office_id,
        "ministry": commitment.ministry_id,
        "committee": commitment.committee_id or "",
        "dossier": "",
        "deadline_phrase": commitment.deadline_phrase,
        "due_date": commitment.due_date.isoformat() if commitment.due_date else "",
        "deadline_reason": "",
        "due_date_earliest": "",
        "expected_series": "",
        "expected_activity": "",
        "expected_event_date": "",
        "motion": "",
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


def test_history_records_who_changed_what(griffie_client):
    commitment = CommitmentFactory()
    _run_action(griffie_client, "mark_lapsed", [commitment], reason="Vervallen na verkiezingen")
    latest = commitment.history.first()
    assert latest.status == "vervallen"
    assert latest.history_user == griffie_client.user
    page = griffie_client.get(reverse("admin:commitments_commitment_history", args=[commitment.pk]))
    assert griffie_client.user.username in page.content.decode()


# ------------------------------------------------------------------------------------ deadlines


def test_entering_a_phrase_in_the_admin_derives_the_due_date_and_shows_the_explanation(griffie_client):
    activity = ActivityFactory()
    commitment = CommitmentFactory(deadline_phrase="", due_date=None, made_on=MADE, source_activity=activity)
    url = change_url(commitment)
    response = griffie_client.post(
        url, form_data(griffie_client, url, deadline_phrase="voor de zomer van 2021"), follow=True
    )
    assert response.status_code == 200
    commitment.refresh_from_db()
    assert commitment.due_date == DAY_BEFORE_SUMMER_RECESS_2021
    assert commitment.deadline_precision == "day"
    assert commitment.deadline_anchor == "recess"
    assert "zomerreces" in commitment.deadline_explanation
    assert not commitment.due_date_overridden
    page = griffie_client.get(url).content.decode()
    assert commitment.deadline_explanation in page
    entry = commitment.deadline_changes.get()
    assert (entry.source, entry.old_due_date, entry.new_due_date) == ("afgeleid", None, DAY_BEFORE_SUMMER_RECESS_2021)
    assert entry.changed_by == griffie_client.user
    assert entry.phrase == "voor de zomer van 2021"


def test_adding_a_commitment_in_the_admin_derives_its_due_date(griffie_client):
    url = reverse("admin:commitments_commitment_add")
    data = form_data(
        griffie_client,
        url,
        deadline_phrase="in januari",
        made_on="2020-11-20",
        number="TZ202011-999",
        text="De staatssecretaris informeert de Kamer.",
    )
    response = griffie_client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    added = Commitment.objects.get(number="TZ202011-999")
    assert added.due_date == datetime.date(2021, 1, 31)
    assert added.deadline_changes.get().source == DeadlineChange.Source.DERIVED


def test_changing_the_phrase_derives_again_with_a_history_entry(griffie_client):
    commitment = derived("in januari", made_on=datetime.date(2020, 11, 20))
    url = change_url(commitment)
    griffie_client.post(url, form_data(griffie_client, url, deadline_phrase="eind 2021"))
    commitment.refresh_from_db()
    assert commitment.due_date == datetime.date(2021, 12, 31)
    latest = commitment.deadline_changes.last()
    assert (latest.old_due_date, latest.new_due_date, latest.phrase) == (
        datetime.date(2021, 1, 31),
        datetime.date(2021, 12, 31),
        "eind 2021",
    )


def test_the_clerk_overrides_the_derived_date_with_a_reason(griffie_client):
    commitment = derived("voor de zomer van 2021")
    url = change_url(commitment)
    response = griffie_client.post(
        url,
        form_data(
            griffie_client, url, due_date="2021-09-30", deadline_reason="Minister vraagt uitstel tot na de zomer"
        ),
    )
    assert response.status_code == 302
    commitment.refresh_from_db()
    assert commitment.due_date == datetime.date(2021, 9, 30)
    assert commitment.due_date_overridden
    override = commitment.deadline_changes.last()
    assert override.source == DeadlineChange.Source.OVERRIDE
    assert (override.old_due_date, override.new_due_date) == (DAY_BEFORE_SUMMER_RECESS_2021, datetime.date(2021, 9, 30))
    assert override.changed_by == griffie_client.user
    assert override.reason == "Minister vraagt uitstel tot na de zomer"
    assert override.changed_at is not None


def test_overriding_without_a_reason_is_refused_in_dutch(griffie_client):
    commitment = derived("voor de zomer van 2021")
    url = change_url(commitment)
    response = griffie_client.post(url, form_data(griffie_client, url, due_date="2021-09-30"))
    assert response.status_code == 200
    assert "Geef een reden voor de nieuwe deadline" in response.content.decode()
    commitment.refresh_from_db()
    assert commitment.due_date == DAY_BEFORE_SUMMER_RECESS_2021
    assert commitment.deadline_changes.count() == 1


def test_a_date_set_by_hand_stands_when_the_phrase_changes(griffie_client):
    commitment = derived("voor de zomer van 2021")
    deadlines.change_due_date(commitment, datetime.date(2021, 9, 30), reason="uitstel", source="handmatig")
    url = change_url(commitment)
    response = griffie_client.post(url, form_data(griffie_client, url, deadline_phrase="eind 2021"), follow=True)
    commitment.refresh_from_db()
    assert commitment.due_date == datetime.date(2021, 9, 30)
    assert "met de hand gezet" in response.content.decode()


def test_rederive_action_releases_the_override_and_records_it(griffie_client):
    commitment = derived("voor de zomer van 2021")
    deadlines.change_due_date(commitment, datetime.date(2021, 9, 30), reason="uitstel", source="handmatig")
    griffie_client.post(
        reverse("admin:commitments_commitment_changelist"),
        {"action": "rederive_from_phrase", "_selected_action": [commitment.pk]},
    )
    commitment.refresh_from_db()
    assert commitment.due_date == DAY_BEFORE_SUMMER_RECESS_2021
    assert not commitment.due_date_overridden
    latest = commitment.deadline_changes.last()
    assert (latest.source, latest.old_due_date, latest.new_due_date) == (
        "afgeleid",
        datetime.date(2021, 9, 30),
        DAY_BEFORE_SUMMER_RECESS_2021,
    )
    assert latest.changed_by == griffie_client.user
    assert "handmatige datum losgelaten" in latest.reason


def test_every_due_date_change_is_in_the_history_with_who_when_and_why(griffie_client):
    commitment = derived("in januari", made_on=datetime.date(2020, 11, 20))
    deadlines.change_due_date(
        commitment, datetime.date(2021, 2, 28), reason="uitstel gevraagd", source="uitstel", user=griffie_client.user
    )
    history = list(commitment.deadline_changes.values_list("source", "old_due_date", "new_due_date", "reason"))
    assert history == [
        ("afgeleid", None, datetime.date(2021, 1, 31), commitment.deadline_explanation),
        ("uitstel", datetime.date(2021, 1, 31), datetime.date(2021, 2, 28), "uitstel gevraagd"),
    ]
    page = griffie_client.get(change_url(commitment)).content.decode()
    assert "uitstel gevraagd" in page and "griffier" in page


def test_adding_a_commitment_with_a_phrase_and_a_typed_date_saves_it_once(griffie_client):
    url = reverse("admin:commitments_commitment_add")
    data = form_data(
        griffie_client,
        url,
        deadline_phrase="in januari",
        due_date="2021-02-15",
        made_on="2020-11-20",
        number="TZ202011-998",
        text="De staatssecretaris informeert de Kamer.",
        deadline_reason="Afgesproken in het debat",
    )
    response = griffie_client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    added = Commitment.objects.get(number="TZ202011-998")
    assert added.history.count() == 1


def test_adding_a_commitment_with_a_phrase_and_a_typed_date_writes_one_deadline_change(griffie_client):
    url = reverse("admin:commitments_commitment_add")
    data = form_data(
        griffie_client,
        url,
        deadline_phrase="in januari",
        due_date="2021-02-15",
        made_on="2020-11-20",
        number="TZ202011-998",
        text="De staatssecretaris informeert de Kamer.",
        deadline_reason="Afgesproken in het debat",
    )
    griffie_client.post(url, data)
    added = Commitment.objects.get(number="TZ202011-998")
    assert DeadlineChange.objects.filter(commitment=added).count() == 1
    assert added.due_date == datetime.date(2021, 2, 15)


# ------------------------------------------------------------------------------ closure inline


@pytest.fixture
def fulfilled_by_letter():
    """A commitment fulfilled by one letter, through the closing service."""
    return CommitmentFactory(
        made_on=datetime.date(2021, 1, 1), fulfilled=True, fulfilled__on=datetime.date(2021, 6, 18)
    )


def remove_closure_in_the_inline(client, commitment):
    url = change_url(commitment)
    data = form_data(client, url)
    assert data["closures-TOTAL_FORMS"] == "1"
    data["closures-0-DELETE"] = "on"
    return client.post(url, data)


def test_removing_the_closing_letter_in_the_inline_reopens_the_commitment(griffie_client, fulfilled_by_letter):
    response = remove_closure_in_the_inline(griffie_client, fulfilled_by_letter)
    assert response.status_code == 302, response.content.decode()[:3000]
    fulfilled_by_letter.refresh_from_db()
    assert (fulfilled_by_letter.status, fulfilled_by_letter.closures.count()) == (Commitment.Status.OPENSTAAND, 0)


def test_removing_the_closing_letter_in_the_inline_records_why_in_the_history(griffie_client, fulfilled_by_letter):
    letter = fulfilled_by_letter.closures.get().document
    remove_closure_in_the_inline(griffie_client, fulfilled_by_letter)
    reopened = fulfilled_by_letter.history.filter(status=Commitment.Status.OPENSTAAND).latest("history_date")
    assert reopened.history_change_reason == f"afdoening door {letter.citation} verwijderd"
