"""The read API: the list's filters and rows, pagination, links, conditional GET, query counts."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from commitments.models import CommitmentStatus, Fulfilment, MotionStatus, MotionStatusChange
from commitments.services import closing
from tests.factories import (
    CommitmentFactory,
    CommitteeFactory,
    DocumentFactory,
    MinistryFactory,
    MotionFactory,
    OfficeFactory,
    PersonFactory,
    RecipientFactory,
)

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 11, 27)


@pytest.fixture(autouse=True)
def frozen_today(monkeypatch):
    monkeypatch.setattr("commitments.clock.today", lambda: TODAY)


def _all_ids(client, url):
    """Every id of a paginated list, following the `next` links."""
    ids, pages = [], 0
    while url:
        response = client.get(url)
        assert response.status_code == 200, response.content
        body = response.json()
        ids += [row["id"] for row in body["results"]]
        url, pages = body["next"], pages + 1
    return ids, pages


@pytest.fixture
def varied_commitments():
    vws = OfficeFactory(ministry=MinistryFactory(abbreviation="VWS"))
    committee = CommitteeFactory(abbreviation="VWS")
    rows = [
        CommitmentFactory(office=vws, committee=committee, due_date=TODAY - datetime.timedelta(days=10)),
        CommitmentFactory(office=vws, committee=committee, due_date=TODAY + datetime.timedelta(days=5)),
        CommitmentFactory(office=vws, committee=None, source_activity=None, due_date=None),
        CommitmentFactory(due_date=TODAY - datetime.timedelta(days=3), text="Jeugdzorg rapport"),
        CommitmentFactory(due_date=TODAY - datetime.timedelta(days=3), status=CommitmentStatus.VOLDAAN),
        CommitmentFactory(due_date=None, made_on=None),
    ]
    RecipientFactory(commitment=rows[0])
    return rows


LIST_QUERIES = [
    "",
    "overdue=true",
    "overdue=false&sort=-due_date",
    "status=open&ministry=VWS",
    "committee=plenair",
    "committee=VWS&sort=-days_late",
    "q=jeugdzorg",
    "status=voldaan&status=openstaand&sort=made_on",
    "due_after=2026-11-20&due_before=2026-12-31",
]


@pytest.mark.parametrize("query", LIST_QUERIES)
def test_commitment_filters_give_the_same_rows_in_the_same_order_as_the_list_page(client, varied_commitments, query):
    page = client.get(f"/toezeggingen/?{query}")
    assert page.status_code == 200
    expected = [row.pk for row in page.context["page_obj"].object_list]
    ids, _ = _all_ids(client, f"/api/v1/commitments/?{query}&page_size=2")
    assert ids == expected


def test_an_invalid_filter_value_is_a_400_with_the_field_named(client, varied_commitments):
    response = client.get("/api/v1/commitments/?status=bogus&ministry=NOPE")
    assert response.status_code == 400
    assert set(response.json()) >= {"status", "ministry"}


def test_an_unknown_parameter_is_refused_not_ignored(client, varied_commitments):
    response = client.get("/api/v1/commitments/?ministery=VWS")
    assert response.status_code == 400


def test_motion_filters_are_the_exports(client):
    kept = MotionFactory(status=MotionStatus.AANGENOMEN)
    MotionFactory(status=MotionStatus.VERWORPEN)
    response = client.get("/api/v1/motions/?status=aangenomen")
    assert [row["identifier"] for row in response.json()["results"]] == [kept.document.identifier]
    assert client.get("/api/v1/motions/?status=bogus").status_code == 400


def test_pages_follow_each_other_without_repeating_or_skipping_rows(client):
    made = [CommitmentFactory(due_date=TODAY + datetime.timedelta(days=n % 3) if n % 4 else None) for n in range(11)]
    ids, pages = _all_ids(client, "/api/v1/commitments/?page_size=3")
    assert sorted(ids) == sorted(c.pk for c in made)
    assert len(ids) == len(set(ids)) and pages == 4


def test_a_row_added_between_pages_does_not_shift_the_next_page(client):
    first = [CommitmentFactory(due_date=TODAY + datetime.timedelta(days=n)) for n in range(4)]
    body = client.get("/api/v1/commitments/?page_size=2").json()
    CommitmentFactory(due_date=TODAY - datetime.timedelta(days=1))  # sorts before every row seen
    second = client.get(body["next"]).json()
    assert [row["id"] for row in second["results"]] == [first[2].pk, first[3].pk]


@pytest.mark.parametrize("query", ["cursor=bogus", "page_size=0", "page_size=201", "page_size=x"])
def test_a_bad_cursor_or_page_size_is_a_400(client, query):
    CommitmentFactory()
    assert client.get(f"/api/v1/commitments/?{query}").status_code == 400


def test_a_commitment_links_to_its_related_resources(client):
    commitment = CommitmentFactory(dossier=DocumentFactory().dossier)
    RecipientFactory(commitment=commitment)
    row = client.get(f"/api/v1/commitments/{commitment.pk}/").json()
    for link in (row["ministry"]["url"], row["committee"]["url"], row["dossier"]["url"], row["bewindspersoon"]["url"]):
        assert client.get(link).status_code == 200, link
    assert client.get(row["recipients"][0]["person"]["url"]).status_code == 200
    assert row["html_url"].endswith(f"/toezeggingen/{commitment.pk}/")
    dossier = client.get(row["dossier"]["url"]).json()
    assert [r["id"] for r in client.get(dossier["commitments"]).json()["results"]] == [commitment.pk]


def test_a_motion_shows_its_course_and_obligation(client):
    motion = MotionFactory(status=MotionStatus.AANGENOMEN)
    MotionStatusChange.objects.create(motion=motion, status=MotionStatus.INGEDIEND, date=TODAY)
    MotionStatusChange.objects.create(motion=motion, status=MotionStatus.AANGENOMEN, date=TODAY)
    obligation = CommitmentFactory(kind="motie", motion=motion)
    row = client.get(f"/api/v1/motions/{motion.document.identifier}/").json()
    assert [step["status"] for step in row["course"]] == [MotionStatus.INGEDIEND, MotionStatus.AANGENOMEN]
    assert row["obligation"]["id"] == obligation.pk
    assert client.get(row["obligation"]["url"]).json()["motion"]["identifier"] == motion.document.identifier


@pytest.mark.parametrize(
    "url",
    ["/api/v1/documents/", "/api/v1/dossiers/", "/api/v1/persons/", "/api/v1/ministries/", "/api/v1/committees/"],
)
def test_every_other_resource_lists_and_links_to_its_detail(client, url):
    CommitmentFactory(source_document=DocumentFactory())
    rows = client.get(url).json()["results"]
    assert rows
    assert client.get(rows[0]["url"]).status_code == 200


def _commitments(count, **fields):
    for _ in range(count):
        commitment = CommitmentFactory(**fields)
        RecipientFactory(commitment=commitment)
        closing.close_with_letter([commitment], DocumentFactory(), Fulfilment.PARTIAL)


def _vws_commitments(count):
    _commitments(count, office=OfficeFactory(ministry=MinistryFactory(abbreviation="VWS")))


def _motions(count):
    for _ in range(count):
        motion = MotionFactory()
        MotionStatusChange.objects.create(motion=motion, status=MotionStatus.INGEDIEND, date=TODAY)
        CommitmentFactory(kind="motie", motion=motion)


def _people(count):
    for _ in range(count):
        OfficeFactory(person=PersonFactory())


# Queries per page, whatever its size: the rows, then one per prefetched relation.
QUERY_BUDGETS = [
    ("/api/v1/commitments/", _commitments, 3),  # rows, recipients, closures
    ("/api/v1/commitments/?ministry=VWS&sort=-days_late", _vws_commitments, 4),  # + the ministry's validation
    ("/api/v1/motions/", _motions, 3),  # rows, signers, course
    ("/api/v1/documents/", _commitments, 1),
    ("/api/v1/dossiers/", _commitments, 1),
    ("/api/v1/persons/", _people, 2),  # rows, offices
    ("/api/v1/ministries/", _people, 1),
    ("/api/v1/committees/", _commitments, 1),
]


@pytest.mark.parametrize(("url", "make", "budget"), QUERY_BUDGETS)
def test_a_page_costs_a_fixed_number_of_queries_whatever_its_size(client, url, make, budget):
    MinistryFactory(abbreviation="VWS")
    for size in (2, 12):
        make(size)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200
        assert len(response.json()["results"]) >= size
        # The request's transaction (ATOMIC_REQUESTS) adds a savepoint and its release.
        sql = [q["sql"] for q in queries.captured_queries if "SAVEPOINT" not in q["sql"]]
        assert len(sql) == budget, sql


def test_an_unchanged_page_is_answered_304_by_etag(client, varied_commitments):
    first = client.get("/api/v1/commitments/")
    etag = first.headers["ETag"]
    assert first.headers["Last-Modified"]
    assert client.get("/api/v1/commitments/", headers={"if-none-match": etag}).status_code == 304
    varied_commitments[0].text = "Anders"
    varied_commitments[0].save()
    assert client.get("/api/v1/commitments/", headers={"if-none-match": etag}).status_code == 200


def test_an_unchanged_commitment_is_answered_304_by_last_modified(client):
    commitment = CommitmentFactory()
    first = client.get(f"/api/v1/commitments/{commitment.pk}/")
    since = first.headers["Last-Modified"]
    assert client.get(f"/api/v1/commitments/{commitment.pk}/", headers={"if-modified-since": since}).status_code == 304


@pytest.mark.parametrize("identifier", ["2024Z11440", "2024z11440"])
def test_a_motion_without_a_kamerstuk_is_read_by_its_zaak_number(client, identifier):
    motion = MotionFactory(document=None, zaak="2024Z11440")
    MotionStatusChange.objects.create(
        motion=motion, status=MotionStatus.AANGENOMEN, date=TODAY, decision_as_published="Stemmen - aangenomen"
    )
    row = client.get(f"/api/v1/motions/{identifier}/").json()
    assert (row["id"], row["identifier"], row["citation"], row["zaak"]) == (
        motion.pk,
        "2024Z11440",
        "2024Z11440",
        "2024Z11440",
    )
    assert row["document"] is None and row["dossier"] is None
    assert row["url"].endswith("/api/v1/motions/2024Z11440/")
    assert row["html_url"].endswith("/moties/2024Z11440/")
    assert row["course"][0]["decision_as_published"] == "Stemmen - aangenomen"
    assert client.get("/api/v1/motions/2024Z99999/").status_code == 404


def test_the_motion_list_searches_and_lists_motions_without_a_kamerstuk(client):
    motion = MotionFactory(document=None, zaak="2024Z11440")
    MotionFactory()
    rows = client.get("/api/v1/motions/?q=2024Z11440").json()["results"]
    assert [row["id"] for row in rows] == [motion.pk]
    assert len(client.get("/api/v1/motions/").json()["results"]) == 2
