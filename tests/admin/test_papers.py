"""Papers in the admin: registered from their citation, and the commitments waiting for a series."""

import datetime

import pytest
from django.urls import reverse

from commitments.models import Document, DocumentSeries
from tests.factories import DossierFactory, derived_commitment

pytestmark = pytest.mark.django_db
MADE = datetime.date(2021, 1, 27)


def derived(phrase, **fields):
    return derived_commitment(phrase, MADE, **fields)


def test_document_is_registered_from_its_citation(griffie_client):
    DossierFactory(number="31015", title="Kindermishandeling")
    response = griffie_client.post(
        reverse("admin:commitments_document_add"),
        {
            "citation_text": "Kamerstukken II 2020/21, 31 015, nr. 205",
            "kind": "motie",
            "title": "Motie Westerveld",
            "date": "2020-11-12",
            "series": "",
            "ministry": "",
            "closures-TOTAL_FORMS": "0",
            "closures-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    document = Document.objects.get()
    assert (document.identifier, document.vergaderjaar, document.citation) == (
        "31015-205",
        "2020-2021",
        "Kamerstuk 31015-205",
    )
    assert document.official_url == "https://zoek.officielebekendmakingen.nl/kst-31015-205.html"


def test_document_with_an_unreadable_citation_is_refused_in_dutch(griffie_client):
    response = griffie_client.post(
        reverse("admin:commitments_document_add"),
        {
            "citation_text": "hallo wereld",
            "kind": "overig",
            "title": "x",
            "closures-TOTAL_FORMS": "0",
            "closures-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 200
    assert "geen herkenbare verwijzing" in response.content.decode()
    assert not Document.objects.exists()


@pytest.fixture
def series_and_waiting():
    """A series, one open commitment waiting for it, one waiting for nothing named, one lapsed."""
    series = DocumentSeries.objects.create(name="Voortgangsrapportage Geweld hoort nergens thuis")
    waiting = derived("bij de volgende voortgangsrapportage", expected_series=series, number="TZ202101-010")
    derived("bij de volgende voortgangsrapportage", number="TZ202101-011")
    derived("bij de volgende voortgangsrapportage", expected_series=series, number="TZ202101-012", lapsed=True)
    DossierFactory(number="31015")
    return series, waiting


def register_paper_of(client, series):
    return client.post(
        reverse("admin:commitments_document_add"),
        {
            "citation_text": "Kamerstuk 31 015, nr. 260",
            "kind": "brief regering",
            "title": "Zesde voortgangsrapportage",
            "date": "2021-06-18",
            "series": series.pk,
            "ministry": "",
            "closures-TOTAL_FORMS": "0",
            "closures-INITIAL_FORMS": "0",
        },
        follow=True,
    )


def test_registering_a_paper_of_the_series_lists_the_open_commitments_waiting_for_it(
    griffie_client, series_and_waiting
):
    series, waiting = series_and_waiting
    page = register_paper_of(griffie_client, series).content.decode()
    assert "1 toezegging wacht op een stuk uit Voortgangsrapportage" in page
    assert reverse("admin:commitments_commitment_change", args=[waiting.pk]) in page
    assert "TZ202101-011" not in page and "TZ202101-012" not in page


def test_the_change_page_of_a_paper_lists_the_commitments_waiting_for_its_series(griffie_client, series_and_waiting):
    series, waiting = series_and_waiting
    register_paper_of(griffie_client, series)
    document = Document.objects.get(identifier="31015-260")
    change_page = griffie_client.get(reverse("admin:commitments_document_change", args=[document.pk])).content.decode()
    assert "Toezeggingen die op deze reeks wachten" in change_page
    assert reverse("admin:commitments_commitment_change", args=[waiting.pk]) in change_page
