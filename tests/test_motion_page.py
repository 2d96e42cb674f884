"""The motion page, /moties/<identifier>/: a Kamerstuk or a Zaak number, the course with its votes."""

import datetime
import uuid

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from commitments.models import MotionStatus, VoteChoice
from commitments.services import motions as motion_services
from tests.factories import (
    CommitmentFactory,
    DecisionFactory,
    MotionFactory,
    PartyFactory,
    PersonFactory,
    VoteFactory,
)

pytestmark = pytest.mark.django_db


def page(client, motion):
    response = client.get(motion.get_absolute_url())
    assert response.status_code == 200
    return response.content.decode()


@pytest.fixture
def zaak_motion():
    return MotionFactory(document=None, zaak="2024Z11440", title="Motie van het lid Dassen over wachtlijsten")


@pytest.mark.parametrize("path", ["/moties/2024Z11440/", "/moties/2024z11440/"])
def test_a_motion_without_a_kamerstuk_is_found_by_its_zaak_number_in_any_case(client, zaak_motion, path):
    response = client.get(path)
    assert response.status_code == 200
    assert response.context["motion"] == zaak_motion
    assert "<h1>2024Z11440: Motie van het lid Dassen over wachtlijsten</h1>" in response.content.decode()


def test_an_unknown_zaak_number_is_404(client, zaak_motion):
    assert client.get("/moties/2024Z99999/").status_code == 404


def test_the_page_links_the_kamers_page_and_the_open_data_record(client, zaak_motion):
    zaak_motion.tk_id = uuid.UUID("3f0e3b4e-0000-4000-8000-000000000001")
    zaak_motion.save()
    html = page(client, zaak_motion)
    assert 'href="https://www.tweedekamer.nl/kamerstukken/moties/detail?id=2024Z11440"' in html
    assert f'href="https://gegevensmagazijn.tweedekamer.nl/OData/v4/2.0/Zaak({zaak_motion.tk_id})"' in html


def test_an_adopted_motion_without_a_kamerstuk_has_its_obligation(client, zaak_motion):
    motion_services.record_motion_status(zaak_motion, MotionStatus.AANGENOMEN, date=datetime.date(2024, 6, 11))
    obligation = zaak_motion.obligation
    assert obligation.get_absolute_url() in page(client, zaak_motion)
    # and the obligation's own page names the motion by its Zaak number
    assert '<a href="/moties/2024Z11440/">2024Z11440</a>' in client.get(obligation.get_absolute_url()).content.decode()


def test_the_course_shows_each_decision_as_published_with_the_kind_of_vote(client, zaak_motion):
    DecisionFactory(
        motion=zaak_motion,
        status=MotionStatus.AANGENOMEN,
        date=datetime.date(2024, 6, 11),
        decision_as_published="Stemmen - aangenomen",
        vote_kind="Met handopsteken",
    )
    html = page(client, zaak_motion)
    assert "11 juni 2024: aangenomen" in html
    assert "Stemmen - aangenomen" in html
    assert "Met handopsteken" in html


def test_party_votes_are_drawn_per_party_with_totals_and_mistakes_marked(client, zaak_motion):
    decision = DecisionFactory(motion=zaak_motion)
    VoteFactory(decision=decision, party=PartyFactory(abbreviation="VVD"), seats=24)
    VoteFactory(decision=decision, party=PartyFactory(abbreviation="PVV"), seats=37, choice=VoteChoice.TEGEN)
    VoteFactory(decision=decision, party=PartyFactory(abbreviation="SGP"), seats=3, mistake=True)
    html = page(client, zaak_motion)
    assert "voor 24 – tegen 0" in html
    assert "voor 0 – tegen 37" in html
    assert 'SGP <span class="mistake">(vergissing)</span>' in html
    assert "voor 27 – tegen 37" in html  # the total counts the mistaken vote, as the Kamer does


def test_a_roll_call_lists_the_members_per_choice(client, zaak_motion):
    decision = DecisionFactory(motion=zaak_motion, vote_kind="Hoofdelijk")
    d66 = PartyFactory(abbreviation="D66")
    for name, choice in (("Paternotte", VoteChoice.VOOR), ("Sneller", VoteChoice.TEGEN), ("Jetten", VoteChoice.VOOR)):
        VoteFactory(decision=decision, party=None, person=PersonFactory(name=name, party=d66), choice=choice)
    response = client.get(zaak_motion.get_absolute_url())
    ((_, votes),) = response.context["course"]
    assert [(label, [v.actor_name for v in members]) for label, members in votes.roll_call] == [
        ("voor", ["Jetten", "Paternotte"]),
        ("tegen", ["Sneller"]),
    ]
    assert (votes.parties[0].party, votes.parties[0].seats_for, votes.parties[0].seats_against) == ("D66", 2, 1)
    assert "Hoofdelijke stemming" in response.content.decode()


def test_other_pages_cite_a_motion_without_a_kamerstuk_by_its_zaak_number(client, zaak_motion):
    signer = PersonFactory()
    zaak_motion.signers.create(person=signer)
    assert '<a href="/moties/2024Z11440/">2024Z11440</a>' in client.get(signer.get_absolute_url()).content.decode()
    about = CommitmentFactory()
    about.motions_concerned.add(zaak_motion)
    assert client.get(about.get_absolute_url()).status_code == 200


def _decision_with_votes(motion, parties, members):
    decision = DecisionFactory(motion=motion)
    for n in range(parties):
        VoteFactory(decision=decision, party=PartyFactory(), seats=n + 1)
    for _ in range(members):
        VoteFactory(decision=decision, party=None, person=PersonFactory())


def _queries(client, motion):
    client.get(motion.get_absolute_url())
    with CaptureQueriesContext(connection) as captured:
        assert client.get(motion.get_absolute_url()).status_code == 200
    return len(captured)


# The motion with its signers, course, votes and replaced motions (prefetched); the obligation and
# the commitments about it with what their rows show. Pinned: no query per decision or per vote.
MOTION_PAGE_QUERIES = 9


def test_the_motion_page_costs_the_same_queries_for_few_and_many_votes(client, zaak_motion):
    _decision_with_votes(zaak_motion, parties=2, members=1)
    few = _queries(client, zaak_motion)
    for _ in range(3):
        _decision_with_votes(zaak_motion, parties=15, members=40)
    assert _queries(client, zaak_motion) == few == MOTION_PAGE_QUERIES
