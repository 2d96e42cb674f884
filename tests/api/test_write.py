"""Writes for integrations: register a letter and close commitments with it (griffie, token)."""

import datetime

import pytest
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from commitments.auth import COMMISSIESTAF, GRIFFIE
from commitments.models import Closure, CommitmentStatus, Document, DocumentKind, Fulfilment
from tests.factories import CommitmentFactory, DocumentFactory, DossierFactory, MinistryFactory, UserFactory

pytestmark = pytest.mark.django_db


def _client(groups):
    client = APIClient()
    user = UserFactory(username=f"api-{'-'.join(groups)}", groups=groups)
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=user).key}")
    client.user = user
    return client


@pytest.fixture
def griffie_api():
    return _client([GRIFFIE])


def test_the_griffie_registers_a_letter_by_its_citation(griffie_api):
    DossierFactory(number="31015")
    MinistryFactory(abbreviation="VWS")
    response = griffie_api.post(
        "/api/v1/letters/",
        {"citation": "Kamerstuk 31 015, nr. 210", "title": "Voortgangsbrief", "date": "2021-06-18", "ministry": "VWS"},
        format="json",
    )
    assert response.status_code == 201, response.json()
    letter = Document.objects.get(identifier=response.json()["identifier"])
    assert (letter.dossier.number, letter.ondernummer, letter.ministry.abbreviation) == ("31015", "210", "VWS")
    record = letter.history.get()
    assert (record.history_user, record.history_change_reason) == (griffie_api.user, "geregistreerd via de API")


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"citation": "geen verwijzing", "title": "x"}, "citation"),
        ({"citation": "Kamerstuk 99999, nr. 1", "title": "x"}, "citation"),  # unknown dossier
        ({"citation": "Kamerstuk 31015, nr. 210"}, "title"),
        ({"citation": "Kamerstuk 31015, nr. 210", "title": "x", "date": "gisteren"}, "date"),
        ({"citation": "Kamerstuk 31015, nr. 210", "title": "x", "ministry": "NOPE"}, "ministry"),
    ],
)
def test_a_bad_letter_is_a_400_with_field_errors_and_nothing_saved(griffie_api, body, field):
    DossierFactory(number="31015")
    response = griffie_api.post("/api/v1/letters/", body, format="json")
    assert response.status_code == 400
    assert field in response.json()
    assert not Document.objects.exists()


def test_the_griffie_closes_commitments_with_a_letter_through_the_service(griffie_api):
    commitments = [CommitmentFactory(made_on=datetime.date(2021, 1, 1)) for _ in range(2)]
    letter = DocumentFactory(date=datetime.date(2021, 6, 18))
    response = griffie_api.post(
        f"/api/v1/letters/{letter.identifier}/closures/",
        {"commitments": [c.pk for c in commitments], "fulfilment": Fulfilment.FULL, "note": "par. 3"},
        format="json",
    )
    assert response.status_code == 201, response.json()
    assert [row["status"] for row in response.json()["commitments"]] == [CommitmentStatus.VOLDAAN] * 2
    for commitment in commitments:
        commitment.refresh_from_db()
        latest = commitment.history.first()
        assert latest.history_change_reason.startswith(f"afgedaan met {letter.citation}")
        assert latest.history_user == griffie_api.user
    assert Closure.objects.filter(document=letter, note="par. 3").count() == 2


def test_a_letter_predating_one_commitment_closes_none_and_says_why(griffie_api):
    fine = CommitmentFactory(made_on=datetime.date(2021, 1, 1))
    later = CommitmentFactory(made_on=datetime.date(2021, 7, 1))
    letter = DocumentFactory(date=datetime.date(2021, 6, 18))
    response = griffie_api.post(
        f"/api/v1/letters/{letter.identifier}/closures/",
        {"commitments": [fine.pk, later.pk], "fulfilment": Fulfilment.FULL},
        format="json",
    )
    assert response.status_code == 400
    assert "non_field_errors" in response.json()
    assert not Closure.objects.exists()
    fine.refresh_from_db()
    assert fine.status == CommitmentStatus.OPENSTAAND


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"commitments": [], "fulfilment": Fulfilment.FULL}, "commitments"),
        ({"commitments": [999999], "fulfilment": Fulfilment.FULL}, "commitments"),
        ({"commitments": ["x"], "fulfilment": "helemaal"}, "fulfilment"),
        ({"fulfilment": Fulfilment.FULL, "closed_on": "nope"}, "closed_on"),
    ],
)
def test_a_bad_closing_is_a_400_with_field_errors(griffie_api, body, field):
    CommitmentFactory()
    letter = DocumentFactory()
    response = griffie_api.post(f"/api/v1/letters/{letter.identifier}/closures/", body, format="json")
    assert response.status_code == 400
    assert field in response.json()
    assert not Closure.objects.exists()


def test_a_motion_is_not_a_letter_that_closes(griffie_api):
    motion_paper = DocumentFactory(kind=DocumentKind.MOTIE)
    response = griffie_api.post(
        f"/api/v1/letters/{motion_paper.identifier}/closures/",
        {"commitments": [CommitmentFactory().pk], "fulfilment": Fulfilment.FULL},
        format="json",
    )
    assert response.status_code == 404


def test_committee_staff_may_not_write():
    staff = _client([COMMISSIESTAF])
    letter = DocumentFactory()
    response = staff.post(
        f"/api/v1/letters/{letter.identifier}/closures/",
        {"commitments": [CommitmentFactory().pk], "fulfilment": Fulfilment.FULL},
        format="json",
    )
    assert response.status_code == 403
    assert not Closure.objects.exists()


def test_writes_need_a_token_not_a_session(griffie_client):
    DossierFactory(number="31015")
    response = griffie_client.post(
        "/api/v1/letters/", {"citation": "Kamerstuk 31015, nr. 210", "title": "x"}, content_type="application/json"
    )
    assert response.status_code == 401
    assert not Document.objects.exists()
