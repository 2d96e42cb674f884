"""The motions index, /moties/: every motion, filtered like the motions export, paginated."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from commitments.models import CitationKind, Document, DocumentKind, Motion, MotionSigner, MotionStatus
from tests.factories import DossierFactory, MotionFactory, PersonFactory

pytestmark = pytest.mark.django_db

URL = reverse("commitments:motion_index")


def listed(client, query=""):
    response = client.get(f"{URL}?{query}")
    assert response.status_code == 200
    return [motion.pk for motion in response.context["page_obj"].object_list]


def test_the_index_lists_every_motion_newest_first(client):
    older = MotionFactory(filed_on="2024-01-10")
    newer = MotionFactory(filed_on="2024-03-05")
    assert listed(client) == [newer.pk, older.pk]


def test_an_adopted_motion_links_its_execution(client):
    motion = MotionFactory(adopted=True)
    page = client.get(URL).content.decode()
    assert motion.obligation.get_absolute_url() in page


def test_the_index_filters_by_status(client):
    adopted = MotionFactory(adopted=True)
    MotionFactory()
    assert listed(client, f"status={MotionStatus.AANGENOMEN}") == [adopted.pk]


def test_the_index_filters_by_a_dossier_as_the_kamer_writes_it(client):
    in_dossier = MotionFactory(document__dossier=DossierFactory(number="31015"))
    MotionFactory(document__dossier=DossierFactory(number="36200", suffix="XVI"))
    assert listed(client, "dossier=31+015") == [in_dossier.pk]


@pytest.mark.parametrize("query", ["status=bogus", "filed_after=2024-02-30", "dossier=abc", "ministry=VWS"])
def test_an_invalid_or_unknown_parameter_is_400_with_the_errors(client, query):
    MotionFactory()
    response = client.get(f"{URL}?{query}")
    assert response.status_code == 400
    assert response.context["page_obj"] is None
    assert 'id="filter-errors"' in response.content.decode()


def test_the_export_link_keeps_the_selection(client):
    MotionFactory(adopted=True)
    page = client.get(f"{URL}?status={MotionStatus.AANGENOMEN}&page=1").content.decode()
    assert f'href="{reverse("commitments:motion_export")}?status={MotionStatus.AANGENOMEN}"' in page


def test_every_page_links_the_index(client):
    assert f'href="{URL}"' in client.get(reverse("commitments:dashboard")).content.decode()


def _motions_in_bulk(count, start):
    """`count` motions with a signer each, in bulk (the rows the index shows, without history)."""
    dossier = DossierFactory(number="40000")
    documents = Document.objects.bulk_create(
        Document(
            identifier=f"40000-{n}",
            citation_kind=CitationKind.KAMERSTUK,
            dossier=dossier,
            ondernummer=str(n),
            kind=DocumentKind.MOTIE,
            title="Motie",
        )
        for n in range(start, start + count)
    )
    motions = Motion.objects.bulk_create(
        Motion(document=document, title=f"Motie {document.ondernummer}", dictum="verzoekt de regering")
        for document in documents
    )
    signer = PersonFactory()
    MotionSigner.objects.bulk_create(MotionSigner(motion=motion, person=signer, order=0) for motion in motions)


def _queries(client):
    client.get(URL)  # warm per-process caches alike for both runs
    with CaptureQueriesContext(connection) as captured:
        assert client.get(URL).status_code == 200
    return len(captured)


def test_the_index_costs_the_same_queries_for_5_and_500_motions(client):
    MotionFactory(adopted=True)  # one with an execution obligation, built as users build it
    _motions_in_bulk(4, start=1)
    few = _queries(client)
    _motions_in_bulk(495, start=5)
    assert Motion.objects.count() == 500
    assert _queries(client) == few
