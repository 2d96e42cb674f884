"""Input found by fuzzing that ended in a 500 (about 22,000 requests, 73 errors, 3 causes), each
pinned here; `test_fuzz.py` keeps looking for more."""

import datetime

import icalendar
import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from commitments import clock
from commitments.models import Commitment, DeadlineChange, RappelOutcome
from commitments.services import deadlines
from tests.factories import CommitmentFactory, MinistryFactory, UserFactory

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 11, 22)


@pytest.fixture(autouse=True)
def frozen_today(monkeypatch):
    monkeypatch.setattr(clock, "today", lambda: TODAY)


@pytest.fixture
def superuser_client(client):
    user = UserFactory(username="beheer", is_superuser=True)
    user.save()  # the factory sets the password after its save
    client.force_login(user)
    return client


@pytest.mark.parametrize(
    "url",
    [
        "/toezeggingen/",
        "/toezeggingen/export.csv",
        "/toezeggingen/deadlines.ics",
        "/toezeggingen/feed.atom",
        "/admin/commitments/commitment/",
    ],
)
@pytest.mark.parametrize("q", ["²", "٣٤", "𝟙𝟚", "1" * 40])
def test_digits_that_int_refuses_do_not_crash_search(superuser_client, url, q):
    CommitmentFactory(text="Een toezegging")
    response = superuser_client.get(url, {"q": q})
    assert response.status_code in (200, 400)


@pytest.mark.parametrize(
    "path",
    [
        "/moties/%00/",
        "/kamerstukken/31015-%00/",
        "/ministeries/%00/",
        "/commissies/%00/",
        "/dossiers/%00/",
        "/rappel/%00/",
        "/rappel/%00/export.csv",
        "/rappel/%00/besluiten/",
        "/toezeggingen/?q=%00",
        "/admin/commitments/commitment/?q=%00",
    ],
)
def test_a_nul_character_in_the_path_or_a_parameter_is_refused(superuser_client, path):
    response = superuser_client.get(path)
    assert response.status_code == 400
    assert "NUL" in response.content.decode()


def test_a_nul_character_in_a_posted_form_is_refused(superuser_client):
    response = superuser_client.post("/admin/commitments/party/add/", {"abbreviation": "X\x00", "name": "n"})
    assert response.status_code == 400


@pytest.mark.parametrize("peildatum", ["9999-12-31", "0001-01-01", "2500-01-01"])
def test_a_cut_off_date_out_of_range_is_a_400(staff_client, peildatum):
    response = staff_client.get(reverse("commitments:rappel_index"), {"peildatum": peildatum})
    assert response.status_code == 400


@pytest.mark.parametrize("due_before", ["9999-12-31", "0001-01-01"])
def test_a_filter_date_out_of_range_is_a_400(client, due_before):
    assert client.get(reverse("commitments:commitment_list"), {"due_before": due_before}).status_code == 400
    assert client.get(reverse("commitments:deadlines_ics"), {"due_before": due_before}).status_code == 400


def test_a_due_date_in_year_9999_cannot_be_set():
    commitment = CommitmentFactory(due_date=datetime.date(2027, 1, 1))
    with pytest.raises(ValidationError):
        deadlines.change_due_date(commitment, datetime.date(9999, 12, 31), reason="typfout")
    commitment.refresh_from_db()
    assert commitment.due_date == datetime.date(2027, 1, 1)


def test_the_admin_action_refuses_a_due_date_in_year_9999(griffie_client):
    commitment = CommitmentFactory(due_date=datetime.date(2027, 1, 1))
    response = griffie_client.post(
        reverse("admin:commitments_commitment_changelist"),
        {
            "action": "reset_deadline",
            "_selected_action": [commitment.pk],
            "apply": "1",
            "new_due_date": "9999-12-31",
            "reason": "typfout",
        },
    )
    assert response.status_code == 200  # the form again, with the error
    commitment.refresh_from_db()
    assert commitment.due_date == datetime.date(2027, 1, 1)
    assert not DeadlineChange.objects.filter(commitment=commitment).exists()


def test_an_old_row_due_on_the_last_representable_day_does_not_break_the_calendar_feed(client):
    CommitmentFactory(due_date=datetime.date(2027, 1, 1), text="Gewoon")
    late = CommitmentFactory(text="Ver weg")
    Commitment.objects.filter(pk=late.pk).update(due_date=datetime.date(9999, 12, 31))  # as stored before the check
    response = client.get(reverse("commitments:deadlines_ics"))
    assert response.status_code == 200
    assert len(icalendar.Calendar.from_ical(response.content).walk("VEVENT")) == 2
    assert client.get(reverse("commitments:changes_atom")).status_code == 200


def test_a_rappel_decision_for_a_commitment_without_a_due_date_does_not_crash(griffie_client):
    ministry = MinistryFactory(abbreviation="VWS")
    undated = CommitmentFactory(ministry=ministry, due_date=None)
    url = reverse("commitments:rappel_decisions", args=["VWS"])
    response = griffie_client.post(
        url + "?peildatum=2026-11-22",
        {
            "form-TOTAL_FORMS": "1",
            "form-INITIAL_FORMS": "1",
            "form-0-commitment": str(undated.pk),
            "form-0-decision": RappelOutcome.OPEN,
            "form-0-new_due_date": "",
            "form-0-reason": "nog niet klaar",
        },
    )
    assert response.status_code == 200  # the screen again: a new due date is needed


def test_the_same_commitment_twice_in_one_rappel_post_is_refused(griffie_client):
    ministry = MinistryFactory(abbreviation="VWS")
    commitment = CommitmentFactory(ministry=ministry, due_date=datetime.date(2026, 1, 1))
    row = {"decision": RappelOutcome.OPEN, "new_due_date": "2027-03-01", "reason": "uitstel"}
    data = {"form-TOTAL_FORMS": "2", "form-INITIAL_FORMS": "2"}
    for index in range(2):
        data[f"form-{index}-commitment"] = str(commitment.pk)
        data.update({f"form-{index}-{key}": value for key, value in row.items()})
    response = griffie_client.post(
        reverse("commitments:rappel_decisions", args=["VWS"]) + "?peildatum=2026-11-22", data
    )
    assert response.status_code == 200
    assert not DeadlineChange.objects.filter(commitment=commitment).exists()
