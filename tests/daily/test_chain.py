"""The chain: motion ↔ the commitments about it, paper ↔ what it promised and answered; the indexes."""

import pytest
from django.core.management import call_command
from django.urls import reverse

from tests.daily.helpers import commitment, days, frozen_today  # noqa: F401
from tests.factories import CommitteeFactory, DossierFactory, MinistryFactory, OfficeFactory, PersonFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_today")]


@pytest.fixture
def demo():
    call_command("loaddata", "demo", verbosity=0)


def test_motion_205_lists_the_commitments_about_its_appraisal_and_execution(client, demo):
    response = client.get(reverse("commitments:motion", args=["31015-205"]))
    about = list(response.context["about"])
    assert len(about) == 4
    assert any("appreciatie" in c.text for c in about) and any("uitvoering geven" in c.text for c in about)
    assert "Geen toezegging gaat over deze motie" not in response.content.decode()


def test_the_paper_of_motion_205_shows_the_commitments_about_it(client, demo):
    response = client.get(reverse("commitments:document", args=["31015-205"]))
    assert len(list(response.context["about"])) == 4
    assert "Nothing was promised" not in response.content.decode()


def test_the_letter_of_18_june_2020_has_its_own_page_with_what_it_answered_and_promised(client, demo):
    response = client.get(reverse("commitments:document", args=["brief-1702055-206650-j"]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "1702055-206650-J" in html and "nog niet genummerd" in html
    assert len(list(response.context["closed"])) == 5
    assert len(list(response.context["promised"])) >= 3  # the promises it makes (through its activity)


def test_a_dossier_links_its_motions_their_execution_and_its_feeds(client, demo):
    html = client.get(reverse("commitments:dossier", args=["28345"])).content.decode()
    assert reverse("commitments:motion", args=["28345-240"]) in html
    assert "uitvoering" in html
    for name in ("changes_atom", "deadlines_ics", "commitment_export", "motion_export"):
        assert reverse(f"commitments:{name}") + "?dossier=28345" in html


def test_lists_and_body_pages_link_their_feeds(client):
    ministry = MinistryFactory(abbreviation="VWS")
    assert (
        reverse("commitments:changes_atom") + "?ministry=VWS"
        in client.get(ministry.get_absolute_url()).content.decode()
    )
    html = client.get(reverse("commitments:commitment_list") + "?overdue=true").content.decode()
    assert 'id="export-atom"' in html and reverse("commitments:changes_atom") + "?overdue=true" in html
    assert 'rel="alternate" type="application/atom+xml"' in client.get("/").content.decode()


@pytest.mark.parametrize("name", ["dossier_index", "ministry_index", "committee_index", "person_index"])
def test_the_index_pages_are_linked_from_every_page_and_list_everything(client, demo, name):
    assert reverse(f"commitments:{name}") in client.get("/").content.decode()
    response = client.get(reverse(f"commitments:{name}"))
    assert response.status_code == 200
    html = response.content.decode()
    expected = {
        "dossier_index": "/dossiers/31015/",
        "ministry_index": "/ministeries/VWS/",
        "committee_index": "/commissies/",
        "person_index": "Blokhuis",
    }[name]
    assert expected in html


def _make(count):
    for n in range(count):
        dossier = DossierFactory()
        ministry = MinistryFactory()
        committee = CommitteeFactory()
        office = OfficeFactory(ministry=ministry, person=PersonFactory())
        commitment(dossier=dossier, office=office, committee=committee, due_date=days(-n - 1))


@pytest.mark.parametrize("name", ["dossier_index", "ministry_index", "committee_index", "person_index"])
def test_index_pages_keep_a_fixed_number_of_queries(client, name, django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    url = reverse(f"commitments:{name}")
    _make(2)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    _make(20)
    with CaptureQueriesContext(connection) as many:
        client.get(url)
    assert len(few) == len(many)


def test_a_dossier_has_a_timeline_of_papers_promises_and_answers(client, demo):
    response = client.get(reverse("commitments:dossier", args=["28345"]))
    timeline = response.context["timeline"]
    kinds = {event.kind for event in timeline}
    assert kinds == {"paper", "made", "answered"}
    assert [e.date for e in timeline] == sorted((e.date for e in timeline), reverse=True)
    assert 'id="dossier-timeline"' in response.content.decode()
