"""The demo fixture (fixtures/demo.json): the five seed papers, entered faithfully and consistently.

`loaddata` calls no `save()` and runs no services, so the fixture carries values that code
would otherwise compute (Document.identifier, the obligation of each adopted motion, each
commitment's status). These tests keep those values honest, and name the chains the seeds show.
"""

import datetime

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db.models import Count

from commitments.citations import parse_citation
from commitments.models import (
    Activity,
    Closure,
    Commitment,
    CommitmentRelation,
    CommitmentStatus,
    DeadlineChange,
    Document,
    DocumentKind,
    Motion,
    Person,
    closure_date_error,
)

pytestmark = pytest.mark.django_db

D = datetime.date
ANSWERS_1139 = "ah-tk-20202021-1139"  # 004: answers to Van den Hul, 27 January 2021
SIXTH_REPORT = "28345-252"  # 002: sixth GHNT progress report, 18 June 2021
LETTER_OF_2020 = "brief-1702055-206650-j"  # 003: fourth GHNT progress report, 18 June 2020 (no number)
GENDER_REPORT = "28345-237"  # letter of 2 February 2021 sending the gendersensitivity report
FOLLOW_UP = CommitmentRelation.Kind.FOLLOW_UP
FIXTURE_MODELS = (
    "Party",
    "Person",
    "Ministry",
    "Committee",
    "Office",
    "Dossier",
    "DocumentSeries",
    "Document",
    "Activity",
    "Motion",
    "MotionSigner",
    "MotionStatusChange",
    "Commitment",
    "CommitmentRecipient",
    "CommitmentRelation",
    "Closure",
)


@pytest.fixture(autouse=True)
def demo():
    call_command("loaddata", "demo", verbosity=0)


def recipients(commitment):
    return [
        (r.person.name if r.person_id else None, r.party.abbreviation if r.party_id else None)
        for r in commitment.recipients.select_related("person", "party")
    ]


def follows(commitment, kind=FOLLOW_UP):
    """The commitments `commitment` follows up on (or supplements, repeats ...)."""
    return {r.to_commitment for r in commitment.relations_from.filter(kind=kind).select_related("to_commitment")}


def only_closure(commitment):
    closure = commitment.closures.select_related("document").get()
    return closure, closure.document


def vso():
    return Activity.objects.get(title__startswith="VSO Beleidsreactie slachtoffermonitor")


# ------------------------------------------------------------------------------ consistency


# The rows of each table, as fixtures/README.md lists them.
ROWS = {
    "Party": 7,
    "Person": 17,
    "Ministry": 4,
    "Committee": 3,
    "Office": 3,
    "Dossier": 5,
    "DocumentSeries": 2,
    "Document": 19,
    "Activity": 12,
    "Motion": 10,
    "MotionSigner": 18,
    "MotionStatusChange": 16,
    "Commitment": 55,
    "CommitmentRecipient": 27,
    "CommitmentRelation": 24,
    "Closure": 27,
}


@pytest.mark.parametrize("name", FIXTURE_MODELS)
def test_each_table_has_the_rows_the_readme_lists(name):
    assert apps.get_model("commitments", name).objects.count() == ROWS[name]


def test_commitments_are_47_toezeggingen_and_8_motion_obligations():
    assert Commitment.objects.filter(kind=Commitment.Kind.TOEZEGGING).count() == 47
    assert Commitment.objects.filter(kind=Commitment.Kind.MOTIE).count() == Motion.objects.adopted().count() == 8


def test_statuses_are_15_fulfilled_11_partly_fulfilled_and_29_open():
    counts = dict(Commitment.objects.values_list("status").annotate(n=Count("pk")).values_list("status", "n"))
    assert counts == {CommitmentStatus.VOLDAAN: 15, CommitmentStatus.DEELS_VOLDAAN: 11, CommitmentStatus.OPENSTAAND: 29}


def test_every_row_passes_model_validation():
    """What the admin would accept: choices, lengths, constraints and each model's clean()."""
    for name in FIXTURE_MODELS:
        for instance in apps.get_model("commitments", name).objects.all():
            instance.full_clean()


def test_document_identifiers_are_what_the_citation_parser_computes():
    documents = list(Document.objects.select_related("dossier"))
    for document in documents:
        if document.is_unnumbered:  # the letter of 18 June 2020: known by date and kenmerk only
            assert document.identifier == Document.unnumbered_slug(document.kenmerk)
            continue
        slug = document.as_citation().slug
        assert document.identifier == slug, document.pk
        assert parse_citation(document.citation).slug == slug
        assert parse_citation(document.identifier).slug == slug
        assert parse_citation(document.official_url).slug == slug
        document.save()  # save() recomputes the identifier from the parts: it must not move
        document.refresh_from_db()
        assert document.identifier == slug


def test_the_documents_are_the_nineteen_papers_the_readme_lists():
    assert set(Document.objects.values_list("identifier", flat=True)) == {
        "28345-228",
        GENDER_REPORT,
        "28345-239",
        "28345-240",
        "28345-246",
        "28345-247",
        "28345-248",
        "28345-249",
        SIXTH_REPORT,
        "29279-570",
        "31015-192",
        "31015-202",
        "31015-205",
        "31015-206",
        "33552-81",
        "35341-6",
        ANSWERS_1139,
        "h-ek-20162017-19-5",
        LETTER_OF_2020,
    }


def test_the_answers_of_27_january_2021_are_cited_as_aanhangsel_1139():
    assert Document.objects.get(identifier=ANSWERS_1139).citation == "Aanhangsel Handelingen II 2020/21, nr. 1139"


def test_each_status_agrees_with_its_closures():
    assert not Commitment.objects.filter(status=Commitment.Status.VERVALLEN).exists()
    for commitment in Commitment.objects.prefetch_related("closures"):
        fulfilments = {closure.fulfilment for closure in commitment.closures.all()}
        if Closure.Fulfilment.FULL in fulfilments:
            expected = Commitment.Status.VOLDAAN
        elif fulfilments:
            expected = Commitment.Status.DEELS_VOLDAAN
        else:
            expected = Commitment.Status.OPENSTAAND
        assert commitment.status == expected, commitment


def test_no_closure_predates_its_commitment():
    for closure in Closure.objects.select_related("commitment__source_activity", "document"):
        commitment = closure.commitment
        assert closure_date_error(commitment, closure.document) is None
        assert closure.closed_on == closure.document.date, closure
        activity = commitment.source_activity
        earliest = commitment.made_on or (activity and (activity.date or activity.date_earliest))
        if earliest:
            assert closure.closed_on >= earliest, closure


def test_the_fixture_leaves_deadlines_to_the_engine():
    assert not DeadlineChange.objects.exists()
    for commitment in Commitment.objects.all():
        assert commitment.due_date is None and commitment.due_date_earliest is None
        assert commitment.deadline_precision == Commitment.Precision.NONE
        assert commitment.deadline_anchor == Commitment.Anchor.NONE
        assert commitment.deadline_rule == commitment.deadline_explanation == ""
        assert not commitment.due_date_overridden


def test_bewindspersonen_hold_the_office_recorded():
    for commitment in Commitment.objects.exclude(office=None).select_related("office", "source_activity"):
        assert commitment.office.person_id == commitment.bewindspersoon_id
        assert commitment.office.ministry_id == commitment.ministry_id
        activity = commitment.source_activity
        for day in (commitment.made_on, activity and activity.date_earliest, activity and activity.date_latest):
            if day:
                assert commitment.office.covers(day), commitment
    assert {
        (o.person.name, o.title, o.ministry.abbreviation)
        for o in apps.get_model("commitments", "Office").objects.select_related("person", "ministry")
    } == {
        ("Blokhuis", "staatssecretaris van Volksgezondheid, Welzijn en Sport", "VWS"),
        ("De Jonge", "minister van Volksgezondheid, Welzijn en Sport", "VWS"),
        ("Dekker", "minister voor Rechtsbescherming", "JenV"),
    }


def test_recipients_and_signers_carry_the_fractie_the_papers_give():
    for recipient in apps.get_model("commitments", "CommitmentRecipient").objects.exclude(person=None):
        assert recipient.party_id == recipient.person.party_id
    for signer in apps.get_model("commitments", "MotionSigner").objects.all():
        assert signer.party_id == signer.person.party_id
    parties = dict(Person.objects.exclude(party=None).values_list("name", "party__abbreviation"))
    assert parties["Wörsdörfer"] == "VVD"
    assert parties["Westerveld"] == "GroenLinks"
    assert parties["Van den Hul"] == "PvdA"
    assert parties["Raemakers"] == "D66"
    assert parties["Jansen"] == "PVV"


def test_every_adopted_motion_has_exactly_one_obligation_and_no_other_does():
    for motion in Motion.objects.select_related("document"):
        assert motion.document.kind == DocumentKind.MOTIE
        history = list(motion.status_changes.order_by("pk").values_list("status", flat=True))
        assert history and history[-1] == motion.status, motion
        obligations = Commitment.objects.filter(motion=motion)
        if motion.status == Motion.Status.AANGENOMEN:
            obligation = obligations.get()
            assert obligation.kind == Commitment.Kind.MOTIE
            assert obligation.source_document_id == motion.document_id
            assert obligation.dossier_id == motion.document.dossier_id
        else:
            assert not obligations.exists(), motion


# ------------------------------------------------------------------------------- the chains


def test_answers_of_27_january_2021_promise_a_report_on_motion_205_closed_by_the_sixth_progress_report():
    answers = Document.objects.get(identifier=ANSWERS_1139)
    assert answers.date == D(2021, 1, 27)
    promise = Commitment.objects.get(source_document=answers, deadline_phrase__contains="zesde voortgangsrapportage")
    assert "voor de zomer van 2021" in promise.deadline_phrase
    assert "31 015, nr. 205" in promise.text
    assert promise.made_on == D(2021, 1, 27)
    assert promise.bewindspersoon.name == "Blokhuis"
    assert promise.office.title == "staatssecretaris van Volksgezondheid, Welzijn en Sport"
    assert recipients(promise) == [("Van den Hul", "PvdA")]

    closure, letter = only_closure(promise)
    assert letter.identifier == SIXTH_REPORT
    assert letter.date == D(2021, 6, 18)
    assert letter.series == promise.expected_series
    assert (closure.fulfilment, closure.closed_on) == (Closure.Fulfilment.FULL, D(2021, 6, 18))
    assert promise.status == Commitment.Status.VOLDAAN
    # It follows up the promise, made in the plenary debate, of a written appraisal of motion 205.
    (appraisal,) = follows(promise)
    assert appraisal.source_activity == vso()


def test_the_plenary_debate_has_no_printed_date_only_bounds():
    debate = vso()
    assert debate.kind == Activity.Kind.TWEEMINUTENDEBAT
    assert debate.date is None and debate.date_is_approximate
    # Cites the letter of 15 October 2020; the wetgevingsoverleg of 23 November 2020 is still to come.
    assert (debate.date_earliest, debate.date_latest) == (D(2020, 10, 15), D(2020, 11, 22))
    assert debate.committee is None  # plenary
    for promise in debate.commitments.all():
        assert promise.made_on is None
        assert promise.committee is None
        assert promise.bewindspersoon.name == "Blokhuis"


def test_the_debate_promises_have_the_right_recipients_and_state():
    promises = vso().commitments.all()

    january = promises.get(deadline_phrase="in januari", recipients__person__name="Wörsdörfer")
    assert "preventie" in january.text
    assert recipients(january) == [("Wörsdörfer", "VVD")]
    assert january.status == Commitment.Status.OPENSTAAND  # no later seed paper sends that letter
    raemakers = promises.get(deadline_phrase="in januari", recipients__person__name="Raemakers")
    assert follows(raemakers, CommitmentRelation.Kind.SUPPLEMENTS) == {january}

    rapporteur = promises.get(text__contains="collega Dekker")
    assert "in gesprek gaan met de Nationaal Rapporteur" in rapporteur.text
    assert rapporteur.deadline_phrase == ""
    assert recipients(rapporteur) == [("Wörsdörfer", "VVD")]
    assert rapporteur.status == Commitment.Status.OPENSTAAND

    appraisal = promises.get(text__contains="appreciatie")
    assert "OCW" in appraisal.text and "nr. 205" in appraisal.text
    assert recipients(appraisal) == [("Westerveld", "GroenLinks")]
    closure, letter = only_closure(appraisal)
    assert letter.identifier == ANSWERS_1139
    assert closure.fulfilment == Closure.Fulfilment.PARTIAL
    assert appraisal.status == Commitment.Status.DEELS_VOLDAAN
    jansen = promises.get(recipients__person__name="Jansen")
    assert follows(jansen, CommitmentRelation.Kind.SUPPLEMENTS) == {appraisal}


def test_motions_205_and_206_of_the_debate():
    motion_205 = Motion.objects.get(document__identifier="31015-205")
    assert motion_205.activity == vso()
    assert motion_205.status == Motion.Status.AANGEHOUDEN
    assert [(s.person.name, s.party.abbreviation, s.role) for s in motion_205.signers.all()] == [
        ("Westerveld", "GroenLinks", "indiener"),
        ("Wörsdörfer", "VVD", "medeindiener"),
    ]
    assert list(motion_205.status_changes.values_list("status", flat=True)) == ["ingediend", "aangehouden"]
    assert "curricula" in motion_205.dictum

    motion_206 = Motion.objects.get(document__identifier="31015-206")
    assert motion_206.activity == vso()
    assert "voor het kerstreces" in motion_206.dictum
    assert [(s.person.name, s.party.abbreviation, s.role) for s in motion_206.signers.all()] == [
        ("Wörsdörfer", "VVD", "indiener"),
    ]
    assert motion_206.kabinetsappreciatie == "Oordeel Kamer"
    assert motion_206.status == Motion.Status.INGEDIEND  # the vote is not in the seeds
    assert not Commitment.objects.filter(motion__in=[motion_205, motion_206]).exists()


def test_aware_chain_motion_570_to_the_letters_of_2020_and_2021():
    motion = Motion.objects.get(document__identifier="29279-570")
    assert motion.filed_on == D(2020, 1, 30)
    assert [(s.person.name, s.party.abbreviation) for s in motion.signers.all()] == [
        ("Buitenweg", "GroenLinks"),
        ("Kuiken", "PvdA"),
    ]
    obligation = motion.obligation
    closures = obligation.closures.select_related("document").order_by("closed_on")
    assert [(c.document.identifier, c.fulfilment) for c in closures] == [
        (LETTER_OF_2020, Closure.Fulfilment.PARTIAL),
        (SIXTH_REPORT, Closure.Fulfilment.PARTIAL),
    ]
    assert obligation.status == Commitment.Status.DEELS_VOLDAAN

    # 18 June 2020: follow-up research on Aware promised; the 2021 letter sends the final report ...
    research = Commitment.objects.get(relations_from__to_commitment=obligation, made_on=D(2020, 6, 18))
    assert "Aware" in research.text and research.bewindspersoon.name == "De Jonge"
    closure, letter = only_closure(research)
    assert (letter.identifier, closure.fulfilment) == (SIXTH_REPORT, Closure.Fulfilment.FULL)
    # ... and promises to explain the results of the talks at the next progress report.
    talks = Commitment.objects.get(relations_from__to_commitment=research)
    assert talks.source_document.identifier == SIXTH_REPORT
    assert talks.deadline_phrase == "bij de volgende voortgangsrapportage"
    assert talks.status == Commitment.Status.OPENSTAAND
    assert follows(talks) == {research, obligation}


def test_chains_in_the_progress_report_of_18_june_2020():
    # GREVIO: promised "voor het zomerreces" in the debate of 30 January 2020, put off to "in het najaar".
    grevio = Commitment.objects.get(text__contains="GREVIO", made_on=D(2020, 1, 30))
    assert grevio.deadline_phrase == "voor het zomerreces"
    assert grevio.bewindspersoon.name == "De Jonge"
    later = Commitment.objects.get(relations_from__to_commitment=grevio)
    assert (later.made_on, later.deadline_phrase) == (D(2020, 6, 18), "in het najaar")

    # Education of children in shelters: AO Onderwijs en zorg of 5 February 2020 -> "Eind 2020".
    asked = Commitment.objects.get(text__contains="Handle with Care")
    assert asked.source_activity.date == D(2020, 2, 5)
    assert asked.committee.abbreviation == "OCW"
    assert recipients(asked) == [("Van den Hul", "PvdA")]
    results = Commitment.objects.get(deadline_phrase="Eind 2020")
    research = Commitment.objects.get(recipients__person__name="Kerstens")
    assert recipients(research) == [("Kerstens", "PvdA"), ("Van den Hul", "PvdA")]
    assert follows(results) == {asked, research}

    # Eerste Kamer: promise to Strik (Handelingen I 2016/17, nr. 19, item 5) and its follow-up.
    ek = Commitment.objects.get(source_document__identifier="h-ek-20162017-19-5")
    assert ek.chamber == "EK" and ek.made_on == D(2017, 2, 21)
    assert recipients(ek) == [("Strik", "GroenLinks")]
    inform_tk = Commitment.objects.get(relations_from__to_commitment=ek)
    assert inform_tk.made_on == D(2018, 2, 7)

    # The 2020 letter has no Kamerstuk number in the seeds: it is registered by date and kenmerk, and
    # closes what it answers (GREVIO only in part: the outcomes follow "in het najaar").
    for commitment, fulfilment in (
        (grevio, "gedeeltelijk"),
        (asked, "volledig"),
        (inform_tk, "volledig"),
        (ek, "volledig"),
    ):
        closure, letter = only_closure(commitment)
        assert (letter.identifier, closure.fulfilment, closure.closed_on) == (
            LETTER_OF_2020,
            fulfilment,
            D(2020, 6, 18),
        )
        assert letter.kenmerk == "1702055-206650-J"


def test_chains_closed_or_continued_by_the_progress_report_of_18_june_2021():
    sixth = Document.objects.get(identifier=SIXTH_REPORT)
    assert sixth.closures.count() == 20  # one letter closes many promises at once

    # Gendersensitivity: promised in the answers "voor het Algemeen overleg ... van 8 februari",
    # sent on 2 February 2021, and its follow-up promised for the next progress report.
    report = Commitment.objects.get(source_document__identifier=ANSWERS_1139, deadline_phrase__contains="8 februari")
    closure, letter = only_closure(report)
    assert (letter.identifier, letter.date, closure.fulfilment) == (GENDER_REPORT, D(2021, 2, 2), "volledig")
    next_step = Commitment.objects.get(relations_from__to_commitment=report)
    assert next_step.source_document == sixth

    # The four motions adopted at the VAO of 25 February 2021: research in preparation, report end 2021.
    four = Motion.objects.filter(document__identifier__in=["28345-239", "28345-246", "28345-247", "28345-249"])
    assert {m.status for m in four} == {Motion.Status.AANGENOMEN}
    assert {m.filed_on for m in four} == {D(2021, 2, 25)}
    obligations = {m.obligation for m in four}
    assert {o.status for o in obligations} == {Commitment.Status.OPENSTAAND}
    report_end_2021 = Commitment.objects.get(deadline_phrase__contains="eind 2021")
    assert follows(report_end_2021) == obligations

    # Meldplicht for board members: Dekker's promise (33 552, nr. 81) fulfilled, with a new one.
    meldplicht = Commitment.objects.get(source_document__identifier="33552-81")
    assert meldplicht.office.title == "minister voor Rechtsbescherming"
    assert meldplicht.ministry.abbreviation == "JenV"
    assert only_closure(meldplicht)[1] == sixth and meldplicht.status == Commitment.Status.VOLDAAN
    assert Commitment.objects.get(relations_from__to_commitment=meldplicht).status == Commitment.Status.OPENSTAAND

    # Motion Van Wijngaarden/Peters on honour-related violence: carried out.
    honour = Motion.objects.get(document__identifier="35341-6").obligation
    assert only_closure(honour)[1] == sixth and honour.status == Commitment.Status.VOLDAAN

    # FGM reports (promise in the actieagenda, 28 345 nr. 228): "hiermee afgedaan".
    fgm = Commitment.objects.get(source_document__identifier="28345-228")
    assert only_closure(fgm)[0].fulfilment == Closure.Fulfilment.FULL

    # Regional approach to sexual violence, promised in 31 015 nr. 192 and detailed in nr. 202: just started.
    regional = Commitment.objects.get(source_document__identifier="31015-192")
    assert only_closure(regional)[0].fulfilment == Closure.Fulfilment.PARTIAL
    details = Commitment.objects.filter(relations_from__to_commitment=regional)
    assert {c.source_document.identifier for c in details} == {"31015-202"}
