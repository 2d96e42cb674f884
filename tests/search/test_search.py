"""What search finds: accents folded, citations and register numbers in every form, odd input.

Runs on the database the suite runs on (SQLite by default, PostgreSQL in CI); the PostgreSQL
search document is kept by triggers, tested at the end.
"""

import pytest
from django.db import connection
from django.urls import reverse

from commitments.models import Commitment, CommitmentRecipient, Document, Motion, Person
from commitments.models.search import fold, search_motions
from tests.factories import (
    CommitmentFactory,
    DocumentFactory,
    DossierFactory,
    MotionFactory,
    PersonFactory,
    RecipientFactory,
)

pytestmark = pytest.mark.django_db

only_postgresql = pytest.mark.skipif(
    "connection.vendor != 'postgresql'", reason="the search document and its triggers are PostgreSQL's"
)


def found(text):
    return set(Commitment.objects.search(text))


def test_fold_lowers_and_strips_accents():
    assert fold("Wörsdörfer") == "worsdorfer"
    assert fold("Coördinatie ÉÉN") == "coordinatie een"
    assert fold("²") == "2"


def test_every_word_must_match():
    both = CommitmentFactory(text="Brief over jeugdzorg en wachtlijsten")
    CommitmentFactory(text="Brief over wachtlijsten")
    assert found("jeugdzorg wachtlijsten") == {both}


@pytest.mark.parametrize("query", ["Worsdorfer", "worsdörfer", "WÖRSDÖRFER", "Wörsdörfer"])
def test_a_member_is_found_with_or_without_accents(query):
    promised = CommitmentFactory(text="Gesprek met de Nationaal Rapporteur")
    RecipientFactory(commitment=promised, person=PersonFactory(name="Wörsdörfer"))
    CommitmentFactory(text="Iets anders")
    assert found(query) == {promised}


def test_accents_in_the_text_are_folded_too():
    coordination = CommitmentFactory(text="De coördinatie van het beleid")
    assert found("coordinatie") == {coordination}
    assert found("coördinatie") == {coordination}


def test_bewindspersoon_and_party_are_found():
    promised = CommitmentFactory()
    RecipientFactory(commitment=promised, person=PersonFactory(name="Kerstens"))
    assert promised in found(promised.bewindspersoon.name)
    assert found(promised.recipients.get().party.abbreviation) == {promised}


@pytest.mark.parametrize(
    "query", ["Kamerstuk 31015-205", "Kamerstuk 31 015, nr. 205", "31 015 nr. 205", "31015-205", "kst-31015-205"]
)
def test_a_kamerstuk_citation_finds_the_commitment_made_in_it(query):
    dossier = DossierFactory(number="31015")
    made_in = CommitmentFactory(source_document=DocumentFactory(dossier=dossier, ondernummer="205"))
    CommitmentFactory(source_document=DocumentFactory(dossier=dossier, ondernummer="2051"))
    CommitmentFactory(text="Onderwerp 31015 en 205 in de tekst")
    assert found(query) == {made_in}


@pytest.mark.parametrize("number", ["TZ202412-116", "tz202412-116", "2024Z11440"])
def test_a_register_number_finds_its_record_only(number):
    record = CommitmentFactory(number=number.upper())
    CommitmentFactory(number=number.upper() + "0")
    assert found(number) == {record}


@pytest.mark.parametrize("query", ["31 015", "31015"])
def test_a_dossier_number_finds_the_dossier_commitments(query):
    in_dossier = CommitmentFactory(dossier=DossierFactory(number="31015"))
    CommitmentFactory(dossier=DossierFactory(number="32015"))
    assert found(query) == {in_dossier}


def test_a_number_finds_the_commitment_with_that_id():
    commitment = CommitmentFactory()
    assert commitment in found(str(commitment.pk))


@pytest.mark.parametrize(
    "query", ["²", "%", "_", "'", '"', "\\", "x" * 5000, "1" * 40, "  ", "-", "&|!", "(", ":*", "a\x00b"]
)
def test_odd_input_never_crashes_the_list(client, query):
    CommitmentFactory()
    response = client.get(reverse("commitments:commitment_list"), {"q": query})
    # A NUL character is refused by the form (400); everything else is searched.
    assert response.status_code == (400 if "\x00" in query else 200)


def test_a_nul_character_is_searched_as_a_space():
    commitment = CommitmentFactory(text="alpha beta")
    assert found("alpha\x00beta") == {commitment}


def test_like_wildcards_are_literal():
    CommitmentFactory(text="Honderd procent")
    assert found("%") == set()
    assert found("_") == set()


@only_postgresql
def test_dutch_stemming_finds_other_forms_of_a_word():
    informs = CommitmentFactory(text="De minister zal de Kamer informeren over de voortgang")
    assert found("informeert") == {informs} or found("voortgangen") == {informs}


@only_postgresql
def test_search_document_follows_a_renamed_member_and_a_removed_recipient():
    promised = CommitmentFactory()
    recipient = RecipientFactory(commitment=promised, person=PersonFactory(name="Oudenaam"))
    Person.objects.filter(pk=recipient.person_id).update(name="Nieuwenaam")
    assert found("Nieuwenaam") == {promised}
    assert found("Oudenaam") == set()
    CommitmentRecipient.objects.filter(pk=recipient.pk).delete()
    assert found("Nieuwenaam") == set()


@only_postgresql
def test_search_document_follows_an_edited_text():
    commitment = CommitmentFactory(text="eerste versie")
    commitment.text = "tweede versie"
    commitment.save()
    assert found("tweede") == {commitment}
    assert found("eerste") == set()
    assert connection.vendor == "postgresql"


def found_motions(text):
    return set(search_motions(Motion.objects.all(), text))


@only_postgresql
def test_motion_search_document_follows_an_edited_dictum_and_a_renumbered_kamerstuk():
    motion = MotionFactory(dictum="verzoekt de regering een eerste versie te sturen")
    motion.dictum = "verzoekt de regering een tweede versie te sturen"
    motion.save()
    assert found_motions("tweede") == {motion}
    assert found_motions("eerste") == set()
    Document.objects.filter(pk=motion.document_id).update(identifier="kst-99999-7")
    assert found_motions("kst-99999-7") == {motion}


@only_postgresql
def test_motion_search_matches_an_identifier_whole_not_a_part_of_it():
    motion = MotionFactory(document=None, zaak="2024Z11440", dictum="verzoekt de regering")
    assert found_motions("2024z11440") == {motion}
    assert found_motions("2024Z114") == set()
