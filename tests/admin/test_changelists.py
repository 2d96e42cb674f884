"""The admin's changelists over big tables: a fixed number of queries, a bounded count, filters
that read their lookup tables, a date hierarchy from the first and last date, one search."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from commitments.admin.changelists import BoundedCountPaginator
from commitments.admin.commitments import CommitmentAdmin
from commitments.models import Document, DocumentKind, Motion, Vote
from tests.factories import (
    CommitmentFactory,
    DecisionFactory,
    DocumentFactory,
    DossierFactory,
    MotionFactory,
    PersonFactory,
    UserFactory,
    VoteFactory,
    copies_of,
)

pytestmark = pytest.mark.django_db

COMMITMENTS = "admin:commitments_commitment_changelist"


@pytest.fixture
def superuser_client(client):
    user = UserFactory(username="root", is_superuser=True)
    user.save()  # the password the factory set, or the session would not hold
    client.force_login(user)
    return client


@pytest.fixture
def small_bound(monkeypatch):
    """Count no further than 10 rows, 5 to a page: "more than 10" with a dozen rows."""
    monkeypatch.setattr(BoundedCountPaginator, "bound", 10)
    monkeypatch.setattr(CommitmentAdmin, "list_per_page", 5)
    return 10


def get(client, url, params=None):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, params or {})
    assert response.status_code == 200
    return response, len(captured)


def commitments(count, start=datetime.date(2019, 3, 1)):
    """`count` commitments, one a week from `start` (a few over several years at 500)."""
    template = CommitmentFactory(made_on=start, due_date=start + datetime.timedelta(days=90))
    copies_of(template, count - 1, vary=lambda i: {"made_on": start + datetime.timedelta(days=7 * (i + 1))})
    return template


def motions(count):
    """`count` motions with their Kamerstuk (bulk, as the sync writes them)."""
    template = MotionFactory()
    documents = []
    for n in range(count - 1):
        document = Document(
            citation_kind=Document.CitationKind.KAMERSTUK,
            chamber=template.document.chamber,
            dossier=template.document.dossier,
            ondernummer=str(500 + n),
            kind=DocumentKind.MOTIE,
            title=f"Motie {n}",
            date=template.filed_on,
        )
        document.identifier = document.own_identifier()
        documents.append(document)
    Document.objects.bulk_create(documents)
    Motion.objects.bulk_create(
        Motion(
            document=document, title=f"Motie van het lid Lid{n}", dictum="verzoekt de regering", filed_on=document.date
        )
        for n, document in enumerate(documents)
    )
    return template


def votes(count):
    template = VoteFactory()
    Vote.objects.bulk_create(
        Vote(decision=template.decision, party=template.party, actor_name=f"Fractie {n}", choice="Voor", seats=1)
        for n in range(count - 1)
    )
    return template


COMMITMENT_VARIANTS = [
    {},
    {"q": "onderwerp"},
    {"q": "TZ202011-001"},
    {"status__exact": "openstaand"},
    {"overdue": "yes"},
    {"archived": "no"},
    {"made_on__year": "2019"},
    {"made_on__year": "2019", "made_on__month": "3"},
    {"made_on__year": "2019", "made_on__month": "3", "made_on__day": "1"},
    {"p": "2"},
    {"o": "5"},
]


@pytest.mark.parametrize("params", COMMITMENT_VARIANTS, ids=lambda p: "&".join(f"{k}={v}" for k, v in p.items()))
def test_the_commitment_changelist_runs_as_many_queries_at_500_rows_as_at_5(griffie_client, params):
    url = reverse(COMMITMENTS)
    template = commitments(5)
    griffie_client.get(url)  # content types, session
    _, few = get(griffie_client, url, params)
    copies_of(template, 495, vary=lambda i: {"made_on": template.made_on + datetime.timedelta(days=7 * i)})
    _, many = get(griffie_client, url, params)
    assert few == many


@pytest.mark.parametrize(
    ("model", "build", "params"),
    [
        ("motion", motions, {}),
        ("motion", motions, {"q": "Lid"}),
        ("motion", motions, {"status__exact": "ingediend"}),
        ("document", lambda n: DocumentFactory.create_batch(n), {}),
        ("document", lambda n: DocumentFactory.create_batch(n), {"q": "brief"}),
        ("vote", votes, {}),
        ("vote", votes, {"q": "Lid"}),
    ],
)
def test_the_other_big_changelists_run_as_many_queries_at_500_rows_as_at_5(superuser_client, model, build, params):
    url = reverse(f"admin:commitments_{model}_changelist")
    build(5)
    superuser_client.get(url)
    few_response, few = get(superuser_client, url, params)
    build(495)
    many_response, many = get(superuser_client, url, params)
    assert few == many
    assert len(many_response.context["cl"].result_list) > len(few_response.context["cl"].result_list)


def test_a_count_past_the_bound_reads_more_than_the_bound(griffie_client, small_bound):
    commitments(12)
    response, _ = get(griffie_client, reverse(COMMITMENTS))
    page = response.content.decode()
    assert "meer dan 10 toezeggingen" in page
    assert "?all=" not in page  # no "show all" of an uncounted list
    assert "Alle toezeggingen selecteren (meer dan 10)" in page
    assert response.context["cl"].result_count == 10
    assert response.context["cl"].paginator.count_is_exact is False


def test_the_count_is_exact_up_to_the_bound(griffie_client, small_bound):
    commitments(10)
    response, _ = get(griffie_client, reverse(COMMITMENTS))
    page = response.content.decode()
    assert "meer dan" not in page
    assert re.search(r"\b10 toezeggingen\b", page)
    assert response.context["cl"].paginator.count_is_exact is True


def test_the_count_of_a_search_past_the_bound_reads_more_than_the_bound(griffie_client, small_bound):
    commitments(12)
    response, _ = get(griffie_client, reverse(COMMITMENTS), {"q": "onderwerp"})
    assert "meer dan 10 resultaten" in response.content.decode()


def test_the_pages_past_the_bound_end_with_an_ellipsis_and_a_later_page_shows_the_last_one(griffie_client, small_bound):
    first = commitments(12)
    response, _ = get(griffie_client, reverse(COMMITMENTS), {"p": "7"})
    cl = response.context["cl"]
    assert cl.page_num == 2  # 10 rows counted, 5 to a page
    assert list(cl.paginator.get_elided_page_range(cl.page_num))[-1] == cl.paginator.ELLIPSIS
    page = response.content.decode()
    assert '<span class="this-page">2</span>' in page
    # Newest first: the second page holds the 6th to 10th newest; the oldest two are past the bound.
    shown = {c.pk for c in cl.result_list}
    assert len(shown) == 5
    assert first.pk not in shown


def test_a_page_past_the_rows_of_an_exact_count_is_refused_as_before(griffie_client, small_bound):
    commitments(8)
    response = griffie_client.get(reverse(COMMITMENTS), {"p": "7"})
    assert response.status_code == 302
    assert "e=1" in response["Location"]


def test_the_date_hierarchy_offers_the_years_from_the_first_to_the_last_date(griffie_client):
    CommitmentFactory(made_on=datetime.date(2019, 5, 2))
    CommitmentFactory(made_on=datetime.date(2021, 2, 3))
    response, _ = get(griffie_client, reverse(COMMITMENTS))
    page = response.content.decode()
    for year in ("2019", "2020", "2021"):
        assert f"made_on__year={year}" in page
    assert "made_on__year=2018" not in page and "made_on__year=2022" not in page


def test_the_date_hierarchy_of_a_year_offers_its_months_from_the_first_to_the_last(griffie_client):
    CommitmentFactory(made_on=datetime.date(2019, 5, 2))
    CommitmentFactory(made_on=datetime.date(2019, 7, 30))
    CommitmentFactory(made_on=datetime.date(2020, 1, 3))
    response, _ = get(griffie_client, reverse(COMMITMENTS), {"made_on__year": "2019"})
    page = response.content.decode()
    assert [int(m) for m in re.findall(r"made_on__month=(\d+)", page)] == [5, 6, 7]


def test_the_date_hierarchy_of_a_month_offers_the_days_with_commitments(griffie_client):
    CommitmentFactory(made_on=datetime.date(2019, 5, 2))
    CommitmentFactory(made_on=datetime.date(2019, 5, 20))
    response, _ = get(griffie_client, reverse(COMMITMENTS), {"made_on__year": "2019", "made_on__month": "5"})
    page = response.content.decode()
    assert sorted(int(d) for d in re.findall(r"made_on__day=(\d+)", page)) == [2, 20]


def test_the_bewindspersoon_filter_lists_only_people_with_commitments(griffie_client):
    commitment = CommitmentFactory()
    PersonFactory(name="Zonder Toezegging")
    page = griffie_client.get(reverse(COMMITMENTS)).content.decode()
    assert f"bewindspersoon__id__exact={commitment.bewindspersoon_id}" in page
    assert "Zonder Toezegging" not in page


def test_facet_counts_are_not_offered_on_a_big_changelist(griffie_client):
    CommitmentFactory()
    response, _ = get(griffie_client, reverse(COMMITMENTS), {"_facets": "True"})
    assert response.context["cl"].add_facets is False


def test_the_commitment_search_is_the_projects_search(griffie_client):
    wanted = CommitmentFactory(number="TZ202011-001")
    CommitmentFactory(number="TZ202011-002")
    response, _ = get(griffie_client, reverse(COMMITMENTS), {"q": "tz202011-001"})
    assert [c.pk for c in response.context["cl"].result_list] == [wanted.pk]


def test_the_motion_search_is_the_motion_pages_search(superuser_client):
    wanted = MotionFactory(title="Motie over de Waddenzee")
    MotionFactory(title="Motie over de Noordzee")
    url = reverse("admin:commitments_motion_changelist")
    for query in ("wadden", wanted.document.citation):
        response, _ = get(superuser_client, url, {"q": query})
        assert [m.pk for m in response.context["cl"].result_list] == [wanted.pk], query


def test_votes_are_found_by_the_motion_voted_on(superuser_client):
    wanted = VoteFactory(decision=DecisionFactory(motion=MotionFactory(title="Motie over de Waddenzee")))
    VoteFactory()
    response, _ = get(superuser_client, reverse("admin:commitments_vote_changelist"), {"q": "Waddenzee"})
    assert [v.pk for v in response.context["cl"].result_list] == [wanted.pk]


def test_commitments_sort_only_by_columns_an_index_reads_in_order(griffie_client):
    CommitmentFactory()
    page = griffie_client.get(reverse(COMMITMENTS)).content.decode()
    sortable = set(re.findall(r'<th scope="col" class="sortable[^"]*column-(\w+)', page))
    assert sortable == {"label", "due_date", "overdue_flag", "made_on"}


def test_a_search_that_matches_few_rows_runs_once_a_page(griffie_client):
    wanted = CommitmentFactory(text="De minister zegt toe de Kamer te informeren over de Waddenzee.")
    CommitmentFactory()
    with CaptureQueriesContext(connection) as captured:
        response = griffie_client.get(reverse(COMMITMENTS), {"q": "waddenzee"})
    assert [c.pk for c in response.context["cl"].result_list] == [wanted.pk]
    # The search reads the search table on PostgreSQL and folds the fields on SQLite.
    searching = [q for q in captured if "commitmentsearch" in q["sql"] or "tz_fold" in q["sql"]]
    assert len(searching) == 1


def test_papers_are_found_by_identifier_title_or_dossier(superuser_client):
    wanted = DocumentFactory(dossier=DossierFactory(number="36600", title="Visserij"), title="Brief over quota")
    DocumentFactory(title="Brief over iets anders")
    url = reverse("admin:commitments_document_changelist")
    for query in ("visserij", "36600", "quota", wanted.identifier, '"over quota"'):
        response, _ = get(superuser_client, url, {"q": query})
        assert [d.pk for d in response.context["cl"].result_list] == [wanted.pk], query


@pytest.mark.parametrize(
    ("model", "field", "build"), [("closure", "document", DocumentFactory), ("commitment", "motion", MotionFactory)]
)
def test_the_autocomplete_of_papers_and_motions_runs_as_many_queries_for_30_as_for_3(
    superuser_client, model, field, build
):
    params = {"app_label": "commitments", "model_name": model, "field_name": field, "term": ""}
    build.create_batch(3)
    superuser_client.get("/admin/autocomplete/", params)
    _, few = get(superuser_client, "/admin/autocomplete/", params)
    build.create_batch(27)
    response, many = get(superuser_client, "/admin/autocomplete/", params)
    assert len(response.json()["results"]) == 20  # one page
    assert few == many
