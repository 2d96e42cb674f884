"""The CSV exports over HTTP: every column of a row, the list's filters, dialects, formula
neutralisation, file names, streaming and query counts."""

import csv
import datetime
import io

import pytest
from django.db import connection
from django.http import StreamingHttpResponse
from django.test.utils import CaptureQueriesContext

from commitments.models import Closure, Commitment, DocumentKind, Motion, MotionSigner, VoteChoice
from commitments.services import closing, deadlines
from tests import factories

TODAY = datetime.date(2026, 11, 22)
COMMITMENT_URL = "/toezeggingen/export.csv"
MOTION_URL = "/moties/export.csv"

COMMITMENT_HEADER = [
    "id",
    "nummer",
    "soort",
    "tekst",
    "datum",
    "bewindspersoon",
    "functie",
    "ministerie",
    "commissie",
    "toegezegd_aan",
    "bron",
    "dossier",
    "termijn",
    "deadline",
    "status",
    "dagen_te_laat",
    "afgedaan_met",
    "afgedaan_op",
    "url",
]
MOTION_HEADER = [
    "id",
    "nummer",
    "titel",
    "indieners",
    "datum",
    "status",
    "kabinetsappreciatie",
    "dictum",
    "uitvoering_status",
    "deadline",
    "afgedaan_met",
    "url",
    "zaak",
    "stemmen_voor",
    "stemmen_tegen",
]

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def today(frozen_today):
    return frozen_today(TODAY)


def body_of(response):
    assert isinstance(response, StreamingHttpResponse)
    return b"".join(response.streaming_content)


def rows_of(response, delimiter=","):
    text = body_of(response).decode("utf-8-sig" if delimiter == ";" else "utf-8")
    return list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))


def as_dicts(rows):
    header, *data = rows
    return [dict(zip(header, row, strict=True)) for row in data]


def by_id(rows):
    return {int(row["id"]): row for row in as_dicts(rows)}


def kamerstuk(dossier, ondernummer, kind=DocumentKind.BRIEF_REGERING, day=None):
    return factories.DocumentFactory(dossier=dossier, ondernummer=str(ondernummer), kind=kind, date=day)


@pytest.fixture
def vws_commitment():
    """The commitment to Wörsdörfer from the seeds: partly fulfilled, now overdue."""
    vws = factories.MinistryFactory(abbreviation="VWS", name="Volksgezondheid, Welzijn en Sport")
    dossier = factories.DossierFactory(number="31015", title="Kindermishandeling")
    blokhuis = factories.PersonFactory(name="Blokhuis", party=None)
    office = factories.OfficeFactory(person=blokhuis, ministry=vws, title="staatssecretaris van VWS")
    committee = factories.CommitteeFactory(abbreviation="VWS", name="vaste commissie voor VWS")
    commitment = factories.CommitmentFactory(
        number="TZ202011-042",
        text="De Kamer in januari informeren over verdere stappen op preventie.",
        made_on=datetime.date(2020, 11, 5),
        office=office,
        committee=committee,
        dossier=dossier,
        source_document=kamerstuk(dossier, 202),
        deadline_phrase="in januari",
        due_date=datetime.date(2026, 11, 1),
    )
    vvd = factories.PartyFactory(abbreviation="VVD")
    factories.RecipientFactory(commitment=commitment, person=factories.PersonFactory(name="Wörsdörfer", party=vvd))
    factories.RecipientFactory(commitment=commitment, person=None, party=factories.PartyFactory(abbreviation="GL"))
    for number, day in ((210, datetime.date(2021, 6, 18)), (192, datetime.date(2021, 1, 27))):
        closing.close_with_letter([commitment], kamerstuk(dossier, number, day=day), Closure.Fulfilment.PARTIAL)
    return commitment


# ----------------------------------------------------------------- commitments


def test_header_row_is_exact(client):
    rows = rows_of(client.get(COMMITMENT_URL))
    assert rows == [COMMITMENT_HEADER]


def test_every_column_of_a_commitment(client, vws_commitment):
    rows = rows_of(client.get(COMMITMENT_URL))
    assert rows[0] == COMMITMENT_HEADER
    row = as_dicts(rows)[0]
    assert row == {
        "id": str(vws_commitment.pk),
        "nummer": "TZ202011-042",
        "soort": "toezegging",
        "tekst": "De Kamer in januari informeren over verdere stappen op preventie.",
        "datum": "2020-11-05",
        "bewindspersoon": "Blokhuis",
        "functie": "staatssecretaris van VWS",
        "ministerie": "VWS",
        "commissie": "vaste commissie voor VWS",
        "toegezegd_aan": "Wörsdörfer (VVD); GL",
        "bron": "Kamerstuk 31015-202",
        "dossier": "31015",
        "termijn": "in januari",
        "deadline": "2026-11-01",
        "status": "deels voldaan",
        "dagen_te_laat": "21",
        "afgedaan_met": "Kamerstuk 31015-192; Kamerstuk 31015-210",
        "afgedaan_op": "2021-06-18",
        "url": f"http://testserver/toezeggingen/{vws_commitment.pk}/",
    }


def test_plenary_commitment_without_document_or_dates(client):
    commitment = factories.CommitmentFactory(
        committee=None,
        source_activity__title="Plenair debat Kindermishandeling",
        made_on=None,
        due_date=None,
        deadline_phrase="",
        number="",
    )
    row = by_id(rows_of(client.get(COMMITMENT_URL)))[commitment.pk]
    assert row["commissie"] == "Plenair"
    assert row["bron"] == "Plenair debat Kindermishandeling"
    assert row["datum"] == row["deadline"] == row["termijn"] == row["nummer"] == ""
    assert row["dagen_te_laat"] == row["afgedaan_met"] == row["afgedaan_op"] == row["toegezegd_aan"] == ""


def test_commitment_not_overdue_has_empty_days_late(client):
    on_time = factories.CommitmentFactory(due_date=TODAY)
    fulfilled_late = factories.CommitmentFactory(due_date=TODAY - datetime.timedelta(days=5), fulfilled=True)
    rows = by_id(rows_of(client.get(COMMITMENT_URL)))
    assert rows[on_time.pk]["dagen_te_laat"] == ""
    assert rows[fulfilled_late.pk]["dagen_te_laat"] == ""
    assert rows[fulfilled_late.pk]["status"] == "voldaan"


def test_motion_obligation_is_numbered_by_its_motion(client):
    dossier = factories.DossierFactory(number="31015")
    motion = factories.MotionFactory(document=kamerstuk(dossier, 205, kind=DocumentKind.MOTIE))
    obligation = factories.CommitmentFactory(kind=Commitment.Kind.MOTIE, motion=motion, number="")
    row = by_id(rows_of(client.get(COMMITMENT_URL)))[obligation.pk]
    assert row["soort"] == "motie"
    assert row["nummer"] == "Kamerstuk 31015-205"


def test_the_obligation_of_a_motion_without_a_kamerstuk_is_numbered_by_its_zaak(client):
    motion = factories.MotionFactory(document=None, zaak="2024Z11440")
    obligation = factories.CommitmentFactory(kind=Commitment.Kind.MOTIE, motion=motion, number="")
    with CaptureQueriesContext(connection) as captured:
        row = by_id(rows_of(client.get(COMMITMENT_URL)))[obligation.pk]
    assert row["nummer"] == "2024Z11440"
    # Read with the row, not one query per row for a deferred field.
    assert not [q for q in captured.captured_queries if 'FROM "commitments_motion"' in q["sql"]]


def test_exports_every_matching_row_not_a_page(client):
    factories.CommitmentFactory.create_batch(120)
    rows = rows_of(client.get(COMMITMENT_URL))
    assert len(rows) == 121


@pytest.mark.parametrize(
    "query, expected",
    [
        ("overdue=true", {"late"}),
        ("ministry=VWS", {"late", "fulfilled"}),
        ("status=voldaan", {"fulfilled"}),
        ("status=openstaand&status=deels+voldaan", {"late", "open"}),
        ("dossier=31015", {"fulfilled"}),
        ("due_before=2026-11-10", {"late", "fulfilled"}),
        ("q=zwembad", {"open"}),
        ("", {"late", "fulfilled", "open"}),
    ],
)
def test_filters_of_the_list_apply(client, query, expected):
    vws = factories.MinistryFactory(abbreviation="VWS")
    jenv = factories.MinistryFactory(abbreviation="JenV")
    made = {
        "late": factories.CommitmentFactory(office__ministry=vws, due_date=datetime.date(2026, 11, 1)),
        "fulfilled": factories.CommitmentFactory(
            office__ministry=vws,
            fulfilled=True,
            due_date=datetime.date(2026, 11, 1),
            dossier=factories.DossierFactory(number="31015"),
        ),
        "open": factories.CommitmentFactory(
            office__ministry=jenv, due_date=datetime.date(2027, 1, 1), text="Over het zwembad."
        ),
    }
    ids = set(by_id(rows_of(client.get(f"{COMMITMENT_URL}?{query}"))))
    assert ids == {made[name].pk for name in expected}


@pytest.mark.parametrize(
    "query, field",
    [
        ("status=bogus", "status"),
        ("due_after=2026-13-45", "due_after"),
        ("made_before=gisteren", "made_before"),
        ("ministry=NOPE", "ministry"),
        ("dossier=kindermishandeling", "dossier"),
        ("committee=NOPE", "committee"),
        ("sort=tekst", "sort"),
    ],
)
def test_invalid_filter_is_400_with_the_errors_not_every_row(client, query, field):
    factories.CommitmentFactory()
    response = client.get(f"{COMMITMENT_URL}?{query}")
    assert response.status_code == 400
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    text = response.content.decode()
    assert text.startswith("Deze filterwaarden zijn ongeldig:")
    assert f"({field}):" in text
    assert "id,nummer" not in text


def test_unknown_dialect_is_400(client):
    response = client.get(f"{COMMITMENT_URL}?dialect=libreoffice")
    assert response.status_code == 400
    assert "(dialect): Selecteer een geldige keuze. libreoffice" in response.content.decode()


def test_default_dialect_is_rfc4180(client, vws_commitment):
    response = client.get(COMMITMENT_URL)
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    body = body_of(response)
    assert not body.startswith(b"\xef\xbb\xbf")
    assert body.startswith(b"id,nummer,soort,")
    assert body.count(b"\r\n") == 2
    assert "Wörsdörfer (VVD)".encode() in body


def test_excel_dialect_is_semicolons_with_bom(client, vws_commitment):
    response = client.get(f"{COMMITMENT_URL}?dialect=excel")
    body = body_of(response)
    assert body.startswith(b"\xef\xbb\xbfid;nummer;soort;")
    rows = list(csv.reader(io.StringIO(body.decode("utf-8-sig"), newline=""), delimiter=";"))
    assert rows[0] == COMMITMENT_HEADER
    row = as_dicts(rows)[0]
    assert row["toegezegd_aan"] == "Wörsdörfer (VVD); GL"  # the joining "; " is quoted, not split
    assert row["dagen_te_laat"] == "21"


def test_excel_dialect_can_be_combined_with_filters(client, vws_commitment):
    factories.CommitmentFactory()
    rows = rows_of(client.get(f"{COMMITMENT_URL}?dialect=excel&ministry=VWS"), delimiter=";")
    assert [int(row["id"]) for row in as_dicts(rows)] == [vws_commitment.pk]


@pytest.mark.parametrize("first", ["=", "+", "-", "@", "\t", "\r"])
def test_formula_cells_are_neutralised(client, first):
    text = f'{first}HYPERLINK("http://evil.example";"klik")'
    commitment = factories.CommitmentFactory(text=text, deadline_phrase=f"{first}1+1")
    for query, delimiter in (("", ","), ("?dialect=excel", ";")):
        row = by_id(rows_of(client.get(COMMITMENT_URL + query), delimiter=delimiter))[commitment.pk]
        assert row["tekst"] == "'" + text
        assert row["termijn"] == f"'{first}1+1"


@pytest.mark.parametrize(
    "query, filename",
    [
        ("", "toezeggingen-2026-11-22.csv"),
        ("?overdue=true", "toezeggingen-te-laat-2026-11-22.csv"),
        ("?overdue=false", "toezeggingen-2026-11-22.csv"),
        ("?ministry=JenV&overdue=true&dialect=excel", "toezeggingen-jenv-te-laat-2026-11-22.csv"),
    ],
)
def test_file_name_says_what_and_when(client, query, filename):
    factories.MinistryFactory(abbreviation="JenV")
    response = client.get(COMMITMENT_URL + query)
    assert response["Content-Disposition"] == f'attachment; filename="{filename}"'


def test_response_streams(client):
    response = client.get(COMMITMENT_URL)
    assert response.streaming
    assert isinstance(response, StreamingHttpResponse)


def _commitments_with_relations(count):
    for commitment in factories.CommitmentFactory.create_batch(
        count, source_document=factories.DocumentFactory(), partly_fulfilled=True
    ):
        factories.RecipientFactory(commitment=commitment)


def _count_commitment_export_queries(client, query=""):
    with CaptureQueriesContext(connection) as captured:
        rows = rows_of(client.get(COMMITMENT_URL + query))
    return len(captured), len(rows) - 1


def test_same_number_of_queries_for_5_and_500_rows(client):
    _commitments_with_relations(5)
    few, rows = _count_commitment_export_queries(client)
    assert rows == 5
    factories.copies_of(Commitment.objects.last(), 495)
    many, rows = _count_commitment_export_queries(client)
    assert rows == 500
    assert few == many


def test_same_number_of_queries_for_5_and_500_rows_with_filters_and_the_excel_dialect(client):
    factories.MinistryFactory(abbreviation="VWS")
    query = "?ministry=VWS&overdue=false&dialect=excel"

    def count():
        with CaptureQueriesContext(connection) as captured:
            rows = rows_of(client.get(COMMITMENT_URL + query), delimiter=";")
        return len(captured), len(rows) - 1

    for commitment in factories.CommitmentFactory.create_batch(5, office__ministry__abbreviation="VWS"):
        factories.RecipientFactory(commitment=commitment)
    few, rows = count()
    assert rows == 5
    factories.copies_of(Commitment.objects.last(), 495)
    many, rows = count()
    assert rows == 500
    assert few == many


# ---------------------------------------------------------------------- motions


@pytest.fixture
def motion_205():
    dossier = factories.DossierFactory(number="31015")
    motion = factories.MotionFactory(
        document=kamerstuk(dossier, 205, kind=DocumentKind.MOTIE),
        title="Motie van het lid Westerveld c.s.",
        dictum="verzoekt de regering, in overleg met OCW een schriftelijke appreciatie te geven,",
        filed_on=datetime.date(2020, 11, 12),
        adopted=True,
        adopted__on=datetime.date(2020, 11, 17),
        kabinetsappreciatie="Oordeel Kamer",
    )
    # Created co-signer first, to show the indiener still leads.
    MotionSigner.objects.create(
        motion=motion,
        person=factories.PersonFactory(name="Wörsdörfer"),
        party=factories.PartyFactory(abbreviation="VVD"),
        role=MotionSigner.Role.MEDEINDIENER,
        order=0,
    )
    MotionSigner.objects.create(
        motion=motion,
        person=factories.PersonFactory(name="Westerveld"),
        party=factories.PartyFactory(abbreviation="GL"),
        role=MotionSigner.Role.INDIENER,
        order=0,
    )
    obligation = motion.obligation
    deadlines.change_due_date(obligation, datetime.date(2021, 7, 2), reason="voor het zomerreces")
    closing.close_with_letter(
        [obligation], kamerstuk(dossier, 213, day=datetime.date(2021, 6, 18)), Closure.Fulfilment.FULL
    )
    return motion


def test_motion_header_and_every_column(client, motion_205):
    rows = rows_of(client.get(MOTION_URL))
    assert rows[0] == MOTION_HEADER
    assert as_dicts(rows) == [
        {
            "id": str(motion_205.pk),
            "nummer": "Kamerstuk 31015-205",
            "titel": "Motie van het lid Westerveld c.s.",
            "indieners": "Westerveld (GL); Wörsdörfer (VVD)",
            "datum": "2020-11-12",
            "status": "aangenomen",
            "kabinetsappreciatie": "Oordeel Kamer",
            "dictum": "verzoekt de regering, in overleg met OCW een schriftelijke appreciatie te geven,",
            "uitvoering_status": "voldaan",
            "deadline": "2021-07-02",
            "afgedaan_met": "Kamerstuk 31015-213",
            "url": "http://testserver/moties/31015-205/",
            "zaak": "",
            "stemmen_voor": "",
            "stemmen_tegen": "",
        }
    ]


def test_a_motion_without_a_kamerstuk_is_numbered_by_its_zaak_with_its_votes(client):
    motion = factories.MotionFactory(document=None, zaak="2024Z11440")
    earlier = factories.DecisionFactory(motion=motion, date=datetime.date(2024, 6, 4))
    factories.VoteFactory(decision=earlier, seats=150)
    latest = factories.DecisionFactory(motion=motion, date=datetime.date(2024, 6, 11))
    factories.VoteFactory(decision=latest, seats=88)
    factories.VoteFactory(decision=latest, seats=62, choice=VoteChoice.TEGEN)
    row = by_id(rows_of(client.get(MOTION_URL)))[motion.pk]
    assert (row["nummer"], row["zaak"], row["url"]) == (
        "2024Z11440",
        "2024Z11440",
        "http://testserver/moties/2024Z11440/",
    )
    assert (row["stemmen_voor"], row["stemmen_tegen"]) == ("88", "62")


def test_the_motion_export_takes_the_lists_new_filters(client):
    found = factories.MotionFactory(document=None, zaak="2024Z11440", kabinetsappreciatie="Ontijdig")
    factories.MotionFactory(kabinetsappreciatie="Ontijdig")
    assert set(by_id(rows_of(client.get(f"{MOTION_URL}?q=2024z11440&appreciatie=Ontijdig")))) == {found.pk}
    assert client.get(f"{MOTION_URL}?party=NOPE").status_code == 400


def test_motion_without_obligation_has_empty_execution_columns(client):
    motion = factories.MotionFactory(
        course=[Motion.Status.AANGEHOUDEN], course__on=datetime.date(2020, 11, 12), filed_on=None
    )
    row = by_id(rows_of(client.get(MOTION_URL)))[motion.pk]
    assert row["uitvoering_status"] == row["deadline"] == row["afgedaan_met"] == row["datum"] == ""
    assert row["status"] == "aangehouden"


def test_motion_filters(client, motion_205):
    other = factories.MotionFactory(course=[Motion.Status.VERWORPEN])
    assert set(by_id(rows_of(client.get(f"{MOTION_URL}?status=aangenomen")))) == {motion_205.pk}
    assert set(by_id(rows_of(client.get(f"{MOTION_URL}?status=verworpen")))) == {other.pk}
    assert set(by_id(rows_of(client.get(f"{MOTION_URL}?dossier=31 015")))) == {motion_205.pk}
    assert set(by_id(rows_of(client.get(f"{MOTION_URL}?filed_before=2021-01-01")))) == {motion_205.pk}
    assert set(by_id(rows_of(client.get(MOTION_URL)))) == {motion_205.pk, other.pk}


@pytest.mark.parametrize(
    "query, field",
    [("status=bogus", "status"), ("dossier=kindermishandeling", "dossier"), ("filed_after=2020-02-30", "filed_after")],
)
def test_motion_invalid_filter_is_400(client, motion_205, query, field):
    response = client.get(f"{MOTION_URL}?{query}")
    assert response.status_code == 400
    assert f"({field}):" in response.content.decode()


def test_motion_unknown_dialect_is_400(client):
    assert client.get(f"{MOTION_URL}?dialect=tsv").status_code == 400


def test_motion_export_dialects_file_name_and_neutralisation(client, motion_205):
    motion_205.title = "=cmd|' /C calc'!A0"
    motion_205.save()
    response = client.get(f"{MOTION_URL}?dialect=excel&dossier=31015")
    assert response["Content-Disposition"] == 'attachment; filename="moties-31015-2026-11-22.csv"'
    row = as_dicts(rows_of(response, delimiter=";"))[0]
    assert row["titel"] == "'=cmd|' /C calc'!A0"
    assert row["indieners"] == "Westerveld (GL); Wörsdörfer (VVD)"


def _adopted_motions_with_relations(count):
    for n, motion in enumerate(factories.MotionFactory.create_batch(count, adopted=True)):
        MotionSigner.objects.create(motion=motion, person=factories.PersonFactory(), party=factories.PartyFactory())
        closing.close_with_letter([motion.obligation], factories.DocumentFactory(), Closure.Fulfilment.FULL)
        if n % 2:  # half of them with the votes of their decision
            decision = motion.status_changes.get()
            factories.VoteFactory(decision=decision, seats=88)
            factories.VoteFactory(decision=decision, seats=62, choice=VoteChoice.TEGEN)


def _count_motion_export_queries(client):
    # A streaming response runs its queries while it is consumed: consume it here.
    with CaptureQueriesContext(connection) as captured:
        rows = rows_of(client.get(MOTION_URL))
    assert all(row["afgedaan_met"] for row in as_dicts(rows))
    return len(captured), len(rows) - 1


def test_motion_export_costs_the_same_queries_for_5_and_200_motions(client):
    _adopted_motions_with_relations(5)
    few, rows = _count_motion_export_queries(client)
    assert rows == 5
    _adopted_motions_with_relations(195)
    many, rows = _count_motion_export_queries(client)
    assert rows == 200
    assert few == many


def test_sorting_by_days_overdue_works_while_streaming(client):
    later = factories.CommitmentFactory(due_date=datetime.date(2026, 11, 20))
    earlier = factories.CommitmentFactory(due_date=datetime.date(2026, 10, 1))
    rows = as_dicts(rows_of(client.get(f"{COMMITMENT_URL}?sort=-days_overdue")))
    assert [int(row["id"]) for row in rows] == [earlier.pk, later.pk]
    assert [row["dagen_te_laat"] for row in rows] == ["52", "2"]
