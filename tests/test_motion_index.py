"""The motions index, /moties/: every motion, filtered like the motions export, paginated."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from commitments.models import (
    CitationKind,
    Document,
    DocumentKind,
    Motion,
    MotionSigner,
    MotionStatus,
    MotionStatusChange,
    Vote,
    VoteChoice,
)
from tests.factories import (
    DecisionFactory,
    DossierFactory,
    MotionFactory,
    PartyFactory,
    PersonFactory,
    VoteFactory,
)

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
    """`count` motions with a signer each, in bulk (the rows the index shows, without history): half
    with a Kamerstuk, half known by their Zaak number only with a decision and party votes."""
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
        Motion(
            document=document if n % 2 else None,
            zaak=None if n % 2 else f"2024Z{n:05d}",
            title=f"Motie {document.ondernummer}",
            dictum="verzoekt de regering",
        )
        for n, document in enumerate(documents, start=start)
    )
    signer = PersonFactory()
    MotionSigner.objects.bulk_create(MotionSigner(motion=motion, person=signer, order=0) for motion in motions)
    decisions = MotionStatusChange.objects.bulk_create(
        MotionStatusChange(motion=motion, status=MotionStatus.AANGENOMEN, decision_as_published="Stemmen - aangenomen")
        for motion in motions
        if motion.zaak
    )
    party = PartyFactory(abbreviation="BULK")
    Vote.objects.bulk_create(
        Vote(decision=decision, party=party, actor_name="BULK", choice=choice, seats=seats)
        for decision in decisions
        for choice, seats in ((VoteChoice.VOOR, 88), (VoteChoice.TEGEN, 62))
    )


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


# The index: the request's savepoint and its release, the count (bounded), the data version (the
# filter's selects, the appraisals present and the parties, are drawn once per version), the page's
# ids, its rows with their vote totals, the signers. Pinned, so a query per row cannot creep in unseen.
INDEX_QUERIES = 7


def test_the_index_costs_a_pinned_number_of_queries(client):
    MotionFactory(adopted=True)
    _motions_in_bulk(30, start=1)
    assert _queries(client) == INDEX_QUERIES


# ---------------------------------------------------------------------- motions without a Kamerstuk


def test_a_motion_without_a_kamerstuk_is_listed_by_its_zaak_number(client):
    motion = MotionFactory(document=None, zaak="2024Z11440", title="Motie van het lid Dassen")
    page = client.get(URL).content.decode()
    assert '<a href="/moties/2024Z11440/">2024Z11440</a> Motie van het lid Dassen' in page
    assert listed(client) == [motion.pk]


def test_each_row_shows_the_status_date_appraisal_and_the_seats_of_the_latest_vote(client):
    motion = MotionFactory(without_kamerstuk=True, kabinetsappreciatie="Ontijdig", status=MotionStatus.AANGENOMEN)
    decision = DecisionFactory(motion=motion, date="2024-06-11")
    VoteFactory(decision=decision, seats=88)
    VoteFactory(decision=decision, seats=62, choice=VoteChoice.TEGEN)
    page = client.get(URL).content.decode()
    assert "voor 88 – tegen 62" in page
    assert '<time datetime="2024-06-11">' in page
    assert "<td>Ontijdig</td>" in page
    assert 'class="vote-for"' in page


# ---------------------------------------------------------------------- filters


def test_the_index_filters_by_the_appraisal_as_published(client):
    raw = "Niet beschikbaar bij gewijzigde moties en/of amendementen"
    late = MotionFactory(kabinetsappreciatie="Ontijdig")
    unavailable = MotionFactory(kabinetsappreciatie=raw)
    MotionFactory(kabinetsappreciatie="Oordeel Kamer")
    assert listed(client, "appreciatie=Ontijdig") == [late.pk]
    assert listed(client, f"appreciatie={raw}") == [unavailable.pk]


def test_the_appraisal_choices_are_the_known_ones_and_those_present(client):
    MotionFactory(kabinetsappreciatie="Niet beschikbaar")
    page = client.get(URL).content.decode()
    assert '<option value="Oordeel Kamer">' in page
    assert '<option value="Niet beschikbaar">' in page


def test_the_index_filters_by_the_party_of_a_signer_or_else_of_the_member(client):
    vvd, gl = PartyFactory(abbreviation="VVD"), PartyFactory(abbreviation="GL")
    signed_as_vvd = MotionFactory()
    MotionSigner.objects.create(motion=signed_as_vvd, person=PersonFactory(party=gl), party=vvd)
    member_of_vvd = MotionFactory()
    MotionSigner.objects.create(motion=member_of_vvd, person=PersonFactory(party=vvd), party=None)
    signed_as_gl = MotionFactory()
    MotionSigner.objects.create(motion=signed_as_gl, person=PersonFactory(party=vvd), party=gl)
    assert set(listed(client, "party=VVD")) == {signed_as_vvd.pk, member_of_vvd.pk}
    assert client.get(f"{URL}?party=NOPE").status_code == 400


@pytest.mark.parametrize("query", ["Kamerstuk 33997-183", "33 997 nr. 183", "kst-33997-183", "33997-183"])
def test_a_citation_in_any_form_finds_its_motion_first(client, query):
    cited = MotionFactory(
        document__dossier=DossierFactory(number="33997"), document__ondernummer="183", filed_on="2020-01-01"
    )
    # A newer motion whose dictum mentions the number is found too, but after it.
    mentions = MotionFactory(dictum="verzoekt de regering, gelet op 33997-183 …", filed_on="2024-01-01")
    MotionFactory(filed_on="2024-01-02")
    assert listed(client, f"q={query}")[0] == cited.pk
    assert set(listed(client, "q=33997-183")) == {cited.pk, mentions.pk}


@pytest.mark.parametrize("query", ["2024Z11440", "2024z11440"])
def test_a_zaak_number_finds_its_motion(client, query):
    motion = MotionFactory(document=None, zaak="2024Z11440")
    MotionFactory(without_kamerstuk=True)
    assert listed(client, f"q={query}") == [motion.pk]


def test_search_needs_every_word_in_the_title_or_dictum_accents_aside(client):
    motion = MotionFactory(
        title="Motie van het lid Wörsdörfer", dictum="verzoekt de regering de jeugdzorg te versterken"
    )
    MotionFactory(title="Motie van het lid Westerveld", dictum="verzoekt de regering de jeugdzorg te versterken")
    assert listed(client, "q=worsdorfer jeugdzorg") == [motion.pk]
