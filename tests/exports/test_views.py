"""The CSV exports: columns, filters, dialects, formula neutralisation, streaming, query counts."""
import csv
import datetime
import io

import pytest
from django.db import connection
from django.http import StreamingHttpResponse
from django.test.utils import CaptureQueriesContext

from commitments.exports import columns
from commitments.exports import csv as exports
from commitments.models import Closure, Commitment, DocumentKind, Motion, MotionSigner

from tests import factories

TODAY = datetime.date(2026, 11, 22)
COMMITMENT_URL = "/toezeggingen/export.csv"
MOTION_URL = "/moties/export.csv"

COMMITMENT_HEADER = [
    "id", "nummer", "soort", "tekst", "datum", "bewindspersoon", "functie", "ministerie", "commissie",
    "toegezegd_aan", "bron", "dossier", "termijn", "deadline", "status", "dagen_te_laat", "afgedaan_met",
    "afgedaan_op", "url",
]
MOTION_HEADER = [
    "id", "nummer", "titel", "indieners", "datum", "status", "kabinetsappreciatie", "dictum",
    "uitvoering_status", "deadline", "afgedaan_met", "url",
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
    return [dict(zip(header, row)) for row in data]


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
        status=Commitment.Status.DEELS_VOLDAAN,
    )
    vvd = factories.PartyFactory(abbreviation="VVD")
    factories.RecipientFactory(commitment=commitment, person=factories.PersonFactory(name="Wörsdörfer", party=vvd))
    factories.RecipientFactory(commitment=commitment, person=None, party=factories.PartyFactory(abbreviation="GL"))
    Closure.objects.create(
        commitment=commitment, document=kamerstuk(dossier, 210), fulfilment=Closure.Fulfilment.PARTIAL,
        closed_on=datetime.date(2021, 6, 18),
    )
    Closure.objects.create(
        commitment=commitment, document=kamerstuk(dossier, 192), fulfilment=Closure.Fulfilment.PARTIAL,
        closed_on=datetime.date(2021, 1, 27),
    )
    return commitment


# ----------------------------------------------------------------- commitments


def test_columns_are_defined_once_in_this_order():
    assert [column.header for column in columns.COMMITMENT_COLUMNS] == COMMITMENT_HEADER
    assert [column.header for column in columns.MOTION_COLUMNS] == MOTION_HEADER


def test_documentation_lists_every_column_in_order():
    from pathlib import Path

    text = (Path(__file__).resolve().parents[2] / "README.md").read_text()
    for section, columns in (("Toezeggingen", COMMITMENT_HEADER), ("Moties", MOTION_HEADER)):
        part = text.split(f"### {section}", 1)[1].split("\n#", 1)[0]
        documented = [line.split("`")[1] for line in part.splitlines() if line.startswith("- `")]
        assert documented == columns, section


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
        committee=None, source_activity__title="Plenair debat Kindermishandeling", made_on=None, due_date=None,
        deadline_phrase="", number="",
    )
    row = by_id(rows_of(client.get(COMMITMENT_URL)))[commitment.pk]
    assert row["commissie"] == "Plenair"
    assert row["bron"] == "Plenair debat Kindermishandeling"
    assert row["datum"] == row["deadline"] == row["termijn"] == row["nummer"] == ""
    assert row["dagen_te_laat"] == row["afgedaan_met"] == row["afgedaan_op"] == row["toegezegd_aan"] == ""


def test_commitment_not_overdue_has_empty_days_late(client):
    on_time = factories.CommitmentFactory(due_date=TODAY)
    fulfilled_late = factories.CommitmentFactory(due_date=TODAY - datetime.timedelta(days=5), status="voldaan")
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
            office__ministry=vws, status="voldaan", due_date=datetime.date(2026, 11, 1),
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
    text = f"{first}HYPERLINK(\"http://evil.example\";\"klik\")"
    commitment = factories.CommitmentFactory(text=text, deadline_phrase=f"{first}1+1")
    for query, delimiter in (("", ","), ("?dialect=excel", ";")):
        row = by_id(rows_of(client.get(COMMITMENT_URL + query), delimiter=delimiter))[commitment.pk]
        assert row["tekst"] == "'" + text
        assert row["termijn"] == f"'{first}1+1"


def test_harmless_cells_and_numbers_are_left_alone():
    assert exports.neutralise("De staatssecretaris = bewindspersoon") == "De staatssecretaris = bewindspersoon"
    assert exports.neutralise("2026-11-22") == "2026-11-22"
    assert exports.neutralise(21) == 21
    assert exports.neutralise(None) == ""
    assert exports.neutralise("-3") == "'-3"  # text is text: only numbers are written unquoted


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
    for commitment in factories.CommitmentFactory.create_batch(count, source_document=factories.DocumentFactory()):
        factories.RecipientFactory(commitment=commitment)
        Closure.objects.create(
            commitment=commitment, document=factories.DocumentFactory(), closed_on=TODAY,
            fulfilment=Closure.Fulfilment.PARTIAL,
        )


def _count_commitment_export_queries(client, query=""):
    with CaptureQueriesContext(connection) as captured:
        rows = rows_of(client.get(COMMITMENT_URL + query))
    return len(captured), len(rows) - 1


# Main query + two prefetches (recipients, closures), plus the savepoint of ATOMIC_REQUESTS,
# plus one lookup per model-choice filter that is given (here: the ministry).
MAX_COMMITMENT_EXPORT_QUERIES = 7


@pytest.mark.parametrize("count", [5, 50])
def test_query_count_does_not_grow_with_rows(client, django_assert_max_num_queries, count):
    _commitments_with_relations(count)
    factories.MinistryFactory(abbreviation="VWS")
    with django_assert_max_num_queries(MAX_COMMITMENT_EXPORT_QUERIES):
        # A streaming response runs its queries while it is consumed: consume it here.
        rows = rows_of(client.get(COMMITMENT_URL))
        assert len(rows) == count + 1
    with django_assert_max_num_queries(MAX_COMMITMENT_EXPORT_QUERIES):
        rows_of(client.get(f"{COMMITMENT_URL}?ministry=VWS&overdue=true&dialect=excel"))


def test_same_number_of_queries_for_5_and_50_rows(client):
    _commitments_with_relations(5)
    few, rows = _count_commitment_export_queries(client)
    assert rows == 5
    _commitments_with_relations(45)
    many, rows = _count_commitment_export_queries(client)
    assert rows == 50
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
        status=Motion.Status.AANGENOMEN,
        kabinetsappreciatie="Oordeel Kamer",
    )
    # Created co-signer first, to show the indiener still leads.
    MotionSigner.objects.create(
        motion=motion, person=factories.PersonFactory(name="Wörsdörfer"), party=factories.PartyFactory(abbreviation="VVD"),
        role=MotionSigner.Role.MEDEINDIENER, order=0,
    )
    MotionSigner.objects.create(
        motion=motion, person=factories.PersonFactory(name="Westerveld"), party=factories.PartyFactory(abbreviation="GL"),
        role=MotionSigner.Role.INDIENER, order=0,
    )
    obligation = factories.CommitmentFactory(
        kind=Commitment.Kind.MOTIE, motion=motion, due_date=datetime.date(2021, 7, 2), status="voldaan"
    )
    Closure.objects.create(
        commitment=obligation, document=kamerstuk(dossier, 213), closed_on=datetime.date(2021, 6, 18)
    )
    return motion


def test_motion_header_and_every_column(client, motion_205):
    rows = rows_of(client.get(MOTION_URL))
    assert rows[0] == MOTION_HEADER
    assert as_dicts(rows) == [{
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
    }]


def test_motion_without_obligation_has_empty_execution_columns(client):
    motion = factories.MotionFactory(status=Motion.Status.AANGEHOUDEN, filed_on=None)
    row = by_id(rows_of(client.get(MOTION_URL)))[motion.pk]
    assert row["uitvoering_status"] == row["deadline"] == row["afgedaan_met"] == row["datum"] == ""
    assert row["status"] == "aangehouden"


def test_motion_filters(client, motion_205):
    other = factories.MotionFactory(status=Motion.Status.VERWORPEN)
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


@pytest.mark.parametrize("count", [5, 50])
def test_motion_export_query_count_does_not_grow(client, django_assert_max_num_queries, count):
    for motion in factories.MotionFactory.create_batch(count, status=Motion.Status.AANGENOMEN):
        MotionSigner.objects.create(motion=motion, person=factories.PersonFactory(), party=factories.PartyFactory())
        obligation = factories.CommitmentFactory(kind=Commitment.Kind.MOTIE, motion=motion)
        Closure.objects.create(commitment=obligation, document=factories.DocumentFactory(), closed_on=TODAY)
    # Main query + signers + closures of the obligations, plus the request's savepoint.
    with django_assert_max_num_queries(5):
        rows = rows_of(client.get(MOTION_URL))
        assert len(rows) == count + 1
        assert all(row["afgedaan_met"] for row in as_dicts(rows))


def test_sorting_by_days_overdue_works_while_streaming(client):
    later = factories.CommitmentFactory(due_date=datetime.date(2026, 11, 20))
    earlier = factories.CommitmentFactory(due_date=datetime.date(2026, 10, 1))
    rows = as_dicts(rows_of(client.get(f"{COMMITMENT_URL}?sort=-days_overdue")))
    assert [int(row["id"]) for row in rows] == [earlier.pk, later.pk]
    assert [row["dagen_te_laat"] for row in rows] == ["52", "2"]


