"""The exports' bytes for tricky rows, pinned as literal CSV text: several recipients and closing
letters, every kind of citation, formula cells, empty dates, both dialects, the rappel. The
export reads values instead of model instances; these say the file did not change by a byte."""

import csv
import datetime
import io
import threading

import pytest
from django.db import DEFAULT_DB_ALIAS, connection, connections
from django.db.models import QuerySet
from django.test.utils import CaptureQueriesContext

from commitments.exports import csv as export_csv
from commitments.exports import rows as export_rows
from commitments.models import Closure, Commitment, DocumentKind, Motion, MotionSigner, VoteChoice
from tests import factories

TODAY = datetime.date(2026, 11, 22)
COMMITMENT_URL = "/toezeggingen/export.csv"
MOTION_URL = "/moties/export.csv"

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def today(frozen_today):
    return frozen_today(TODAY)


def body_of(response):
    assert response.status_code == 200
    return b"".join(response.streaming_content)


def papers():
    """One paper of each citation kind."""
    suffixed = factories.DossierFactory(number="36200", suffix="XVI")
    return {
        "suffixed": factories.DocumentFactory(dossier=suffixed, ondernummer="22"),
        "ek": factories.DocumentFactory(
            chamber="EK", dossier=factories.DossierFactory(number="33268"), ondernummer="F"
        ),
        "handelingen": factories.DocumentFactory(
            citation_kind="handelingen", dossier=None, ondernummer="", vergaderjaar="2020-2021", number="19", item="8"
        ),
        "aanhangsel": factories.DocumentFactory(
            citation_kind="aanhangsel", dossier=None, ondernummer="", vergaderjaar="2021-2022", number="1139"
        ),
        "letter": factories.DocumentFactory(
            citation_kind="brief",
            dossier=None,
            ondernummer="",
            kenmerk="1702055-206650-J",
            date=datetime.date(2021, 3, 5),
        ),
        "documentnummer": factories.DocumentFactory(
            citation_kind="documentnummer", dossier=None, ondernummer="", document_number="2024D27368"
        ),
    }


def close(commitment, paper, day):
    Closure.objects.create(commitment=commitment, document=paper, fulfilment=Closure.Fulfilment.PARTIAL, closed_on=day)


@pytest.fixture
def tricky():
    """A plenary commitment with everything at once, and two motion obligations without a number."""
    paper = papers()
    vws = factories.MinistryFactory(abbreviation="VWS")
    office = factories.OfficeFactory(ministry=vws, title="minister van VWS", person__name="De Jonge")
    commitment = factories.CommitmentFactory(
        number="TZ202011-042",
        text='=SUM(A1:A9) "zo"',
        made_on=None,
        office=office,
        committee=None,
        source_activity=None,
        source_document=paper["handelingen"],
        dossier=paper["suffixed"].dossier,
        deadline_phrase="voor de zomer; of later",
        due_date=datetime.date(2026, 11, 1),
        status=Commitment.Status.DEELS_VOLDAAN,
    )
    vvd = factories.PartyFactory(abbreviation="VVD")
    factories.RecipientFactory(commitment=commitment, person=factories.PersonFactory(name="Wörsdörfer", party=vvd))
    factories.RecipientFactory(commitment=commitment, person=factories.PersonFactory(name="Omtzigt", party=None))
    factories.RecipientFactory(commitment=commitment, person=None, party=factories.PartyFactory(abbreviation="GL"))
    close(commitment, paper["documentnummer"], datetime.date(2024, 6, 1))
    close(commitment, paper["letter"], datetime.date(2021, 3, 5))
    close(commitment, paper["ek"], datetime.date(2022, 1, 10))

    motion = factories.MotionFactory(
        document=factories.DocumentFactory(
            dossier=factories.DossierFactory(number="31015"), ondernummer="205", kind=DocumentKind.MOTIE
        )
    )
    by_kamerstuk = factories.CommitmentFactory(
        kind=Commitment.Kind.MOTIE,
        motion=motion,
        number="",
        text="-uitvoeren",
        office=office,
        committee__name="vaste commissie voor VWS",
        source_activity__title="Stemmingen, 17 november",
        deadline_phrase="",
        made_on=datetime.date(2020, 11, 17),
        due_date=datetime.date(2026, 12, 1),
    )
    close(by_kamerstuk, paper["aanhangsel"], datetime.date(2021, 1, 4))
    by_zaak = factories.CommitmentFactory(
        kind=Commitment.Kind.MOTIE,
        motion=factories.MotionFactory(without_kamerstuk=True, zaak="2024Z11440"),
        number="",
        text="+1",
        office=office,
        committee=None,
        source_activity=None,
        deadline_phrase="\tzo snel mogelijk",
        made_on=datetime.date(2024, 6, 11),
        due_date=None,
    )
    return commitment, by_kamerstuk, by_zaak


def test_tricky_commitments_in_the_default_dialect(client, tricky):
    commitment, by_kamerstuk, by_zaak = tricky
    body = body_of(client.get(f"{COMMITMENT_URL}?sort=due_date"))
    assert body.decode() == (
        "id,nummer,soort,tekst,datum,bewindspersoon,functie,ministerie,commissie,toegezegd_aan,bron,dossier,"
        "termijn,deadline,status,dagen_te_laat,afgedaan_met,afgedaan_op,url\r\n"
        f'{commitment.pk},TZ202011-042,toezegging,"\'=SUM(A1:A9) ""zo""",,De Jonge,minister van VWS,VWS,Plenair,'
        'Wörsdörfer (VVD); Omtzigt; GL,"Handelingen II 2020/21, nr. 19, item 8",36200-XVI,voor de zomer; of later,'
        "2026-11-01,deels voldaan,21,"
        "Brief van 5 maart 2021 (kenmerk 1702055-206650-J); Kamerstuk I 33268-F; Kamerdocument 2024D27368,"
        f"2024-06-01,http://testserver/toezeggingen/{commitment.pk}/\r\n"
        f"{by_kamerstuk.pk},Kamerstuk 31015-205,motie,'-uitvoeren,2020-11-17,De Jonge,minister van VWS,VWS,"
        'vaste commissie voor VWS,,"Stemmingen, 17 november",,,2026-12-01,openstaand,,'
        '"Aanhangsel Handelingen II 2021/22, nr. 1139",2021-01-04,'
        f"http://testserver/toezeggingen/{by_kamerstuk.pk}/\r\n"
        f"{by_zaak.pk},2024Z11440,motie,'+1,2024-06-11,De Jonge,minister van VWS,VWS,Plenair,,,,'\tzo snel mogelijk,,"
        f"openstaand,,,,http://testserver/toezeggingen/{by_zaak.pk}/\r\n"
    )


def test_tricky_commitment_in_the_excel_dialect(client, tricky):
    commitment, _by_kamerstuk, _by_zaak = tricky
    body = body_of(client.get(f"{COMMITMENT_URL}?dialect=excel&kind=toezegging"))
    assert body.decode("utf-8") == (
        "\ufeffid;nummer;soort;tekst;datum;bewindspersoon;functie;ministerie;commissie;toegezegd_aan;bron;dossier;"
        "termijn;deadline;status;dagen_te_laat;afgedaan_met;afgedaan_op;url\r\n"
        f'{commitment.pk};TZ202011-042;toezegging;"\'=SUM(A1:A9) ""zo""";;De Jonge;minister van VWS;VWS;Plenair;'
        '"Wörsdörfer (VVD); Omtzigt; GL";Handelingen II 2020/21, nr. 19, item 8;36200-XVI;"voor de zomer; of later";'
        "2026-11-01;deels voldaan;21;"
        '"Brief van 5 maart 2021 (kenmerk 1702055-206650-J); Kamerstuk I 33268-F; Kamerdocument 2024D27368";'
        f"2024-06-01;http://testserver/toezeggingen/{commitment.pk}/\r\n"
    )


def test_the_rappel_export_of_the_tricky_commitment(admin_client, tricky):
    commitment, by_kamerstuk, _by_zaak = tricky
    body = body_of(admin_client.get("/rappel/VWS/export.csv?peildatum=2026-11-15&binnen=30"))
    assert body.decode("utf-8") == (
        "\ufeffid;nummer;ministerie;bewindspersoon;tekst;datum;bron;termijn;deadline;herkomst_deadline;"
        "toelichting_deadline;status;peildatum;dagen_te_laat;url\r\n"
        f'{commitment.pk};TZ202011-042;VWS;De Jonge;"\'=SUM(A1:A9) ""zo""";;Handelingen II 2020/21, nr. 19, item 8;'
        '"voor de zomer; of later";2026-11-01;afgeleid;;deels voldaan;2026-11-15;14;'
        f"http://testserver/toezeggingen/{commitment.pk}/\r\n"
        f"{by_kamerstuk.pk};Kamerstuk 31015-205;VWS;De Jonge;'-uitvoeren;2020-11-17;Stemmingen, 17 november;;"
        "2026-12-01;afgeleid;;openstaand;2026-11-15;;"
        f"http://testserver/toezeggingen/{by_kamerstuk.pk}/\r\n"
    )


@pytest.fixture
def motions():
    """A Kamerstuk motion with signers, an obligation with two (partial) closing letters and votes;
    an Eerste Kamer motion; a motion known by its Zaak number only."""
    paper = papers()
    adopted = factories.MotionFactory(
        document=factories.DocumentFactory(
            dossier=factories.DossierFactory(number="31015"), ondernummer="205", kind=DocumentKind.MOTIE
        ),
        zaak="2020Z21212",
        title="Motie van het lid Westerveld c.s.",
        dictum='verzoekt de regering, "snel" te handelen;\nen gaat over tot de orde van de dag.',
        filed_on=datetime.date(2020, 11, 12),
        adopted=True,
        adopted__on=datetime.date(2020, 11, 17),
        kabinetsappreciatie="Oordeel Kamer",
    )
    MotionSigner.objects.create(
        motion=adopted,
        person=factories.PersonFactory(name="Wörsdörfer"),
        party=factories.PartyFactory(abbreviation="VVD"),
        role=MotionSigner.Role.MEDEINDIENER,
    )
    MotionSigner.objects.create(
        motion=adopted, person=factories.PersonFactory(name="Westerveld"), party=None, role=MotionSigner.Role.INDIENER
    )
    obligation = adopted.obligation
    obligation.due_date = datetime.date(2021, 7, 2)
    obligation.save()
    close(obligation, paper["aanhangsel"], datetime.date(2021, 6, 18))
    close(obligation, paper["suffixed"], datetime.date(2021, 2, 1))
    decision = adopted.status_changes.get()
    factories.VoteFactory(decision=decision, seats=88)
    factories.VoteFactory(decision=decision, seats=62, choice=VoteChoice.TEGEN)
    senate = factories.MotionFactory(
        document=factories.DocumentFactory(
            chamber="EK", dossier=factories.DossierFactory(number="33268"), ondernummer="G", kind=DocumentKind.MOTIE
        ),
        title="@Motie Eerste Kamer",
        dictum="",
        filed_on=datetime.date(2019, 5, 6),
        course=[Motion.Status.AANGEHOUDEN],
        course__on=datetime.date(2019, 5, 7),
        kabinetsappreciatie="-",
    )
    zaak_only = factories.MotionFactory(
        without_kamerstuk=True, zaak="2024Z11440", title="Motie zonder Kamerstuk", dictum="", filed_on=None
    )
    return adopted, senate, zaak_only


def test_motions_in_both_dialects(client, motions):
    adopted, senate, _zaak_only = motions
    header = (
        "id,nummer,titel,indieners,datum,status,kabinetsappreciatie,dictum,uitvoering_status,deadline,afgedaan_met,"
        "url,zaak,stemmen_voor,stemmen_tegen\r\n"
    )
    body = body_of(client.get(f"{MOTION_URL}?filed_after=2000-01-01"))
    assert body.decode() == header + (
        f"{adopted.pk},Kamerstuk 31015-205,Motie van het lid Westerveld c.s.,Westerveld; Wörsdörfer (VVD),2020-11-12,"
        'aangenomen,Oordeel Kamer,"verzoekt de regering, ""snel"" te handelen;\nen gaat over tot de orde van de dag.",'
        'openstaand,2021-07-02,"Kamerstuk 36200-XVI-22; Aanhangsel Handelingen II 2021/22, nr. 1139",'
        "http://testserver/moties/31015-205/,2020Z21212,88,62\r\n"
        f"{senate.pk},Kamerstuk I 33268-G,'@Motie Eerste Kamer,,2019-05-06,aangehouden,'-,,,,,"
        "http://testserver/moties/ek-33268-G/,,,\r\n"
    )
    excel = body_of(client.get(f"{MOTION_URL}?filed_after=2000-01-01&dialect=excel&status=aangenomen"))
    assert excel.decode("utf-8") == "\ufeff" + header.replace(",", ";") + (
        f'{adopted.pk};Kamerstuk 31015-205;Motie van het lid Westerveld c.s.;"Westerveld; Wörsdörfer (VVD)";2020-11-12;'
        'aangenomen;Oordeel Kamer;"verzoekt de regering, ""snel"" te handelen;\nen gaat over tot de orde van de dag.";'
        'openstaand;2021-07-02;"Kamerstuk 36200-XVI-22; Aanhangsel Handelingen II 2021/22, nr. 1139";'
        "http://testserver/moties/31015-205/;2020Z21212;88;62\r\n"
    )


def test_a_motion_known_by_its_zaak_number(client, motions):
    _adopted, _senate, zaak_only = motions
    body = body_of(client.get(f"{MOTION_URL}?q=2024Z11440"))
    assert body.decode().splitlines()[1:] == [
        f"{zaak_only.pk},2024Z11440,Motie zonder Kamerstuk,,,ingediend,,,,,,http://testserver/moties/2024Z11440/,2024Z11440,,"
    ]


# ------------------------------------------------------------- chunks and errors


def _count(client, url):
    with CaptureQueriesContext(connection) as captured:
        lines = body_of(client.get(url)).count(b"\r\n") - 1
    return len(captured), lines


def test_papers_are_cited_in_batches_each_row_with_its_own(client, monkeypatch):
    """The citations go into the export's temporary table in batches: more papers than a batch
    still give each row its own citation."""
    monkeypatch.setattr(export_rows, "BATCH_SIZE", 2)
    papers = [factories.DocumentFactory(dossier__number="36200", ondernummer=str(n)) for n in range(1, 6)]
    for number, paper in enumerate(papers, start=1):
        commitment = factories.CommitmentFactory(number=f"TZ-{number}", source_document=paper)
        close(commitment, papers[-number], TODAY)
    rows = list(csv.DictReader(io.StringIO(body_of(client.get(f"{COMMITMENT_URL}?sort=due_date")).decode())))
    by_number = {row["nummer"]: row for row in rows}
    assert len(by_number) == 5
    for number in range(1, 6):
        assert by_number[f"TZ-{number}"]["bron"] == f"Kamerstuk 36200-{number}"
        assert by_number[f"TZ-{number}"]["afgedaan_met"] == f"Kamerstuk 36200-{6 - number}"


def test_the_rappel_export_costs_the_same_queries_for_5_and_500_rows(admin_client):
    vws = factories.MinistryFactory(abbreviation="VWS")
    for commitment in factories.CommitmentFactory.create_batch(5, office__ministry=vws, due_date=TODAY):
        factories.RecipientFactory(commitment=commitment)
        close(commitment, factories.DocumentFactory(), TODAY)
    url = f"/rappel/VWS/export.csv?peildatum={TODAY.isoformat()}"
    few, lines = _count(admin_client, url)
    assert lines == 5
    factories.copies_of(Commitment.objects.last(), 495)
    many, lines = _count(admin_client, url)
    assert lines == 500
    assert few == many


def _break_after_rows(monkeypatch, rows):
    """The database goes away after `rows` rows have been read, where each backend reads them."""
    if connection.vendor == "postgresql":
        real_write = export_csv._Blocks.write
        written = []

        def write(self, line):
            written.append(line)
            if len(written) > rows:
                raise ConnectionError("the database went away")
            real_write(self, line)

        monkeypatch.setattr(export_csv._Blocks, "write", write)
    else:
        real_iterator = QuerySet.iterator

        def iterator(self, *args, **kwargs):
            for number, row in enumerate(real_iterator(self, *args, **kwargs)):
                if number == rows:
                    raise ConnectionError("the database went away")
                yield row

        monkeypatch.setattr(QuerySet, "iterator", iterator)


def test_an_error_midway_is_raised_not_a_file_that_looks_complete(client, monkeypatch):
    """The server breaks the connection on an error (the chunked body never ends): the stream must
    raise it, after the rows already sent, instead of ending the file; the transaction is rolled
    back and the connection can be used again."""
    monkeypatch.setattr(export_csv, "BLOCK_SIZE", 1)  # a block per line
    factories.CommitmentFactory.create_batch(5)
    _break_after_rows(monkeypatch, 2)
    response = client.get(COMMITMENT_URL)
    received = []
    with pytest.raises(ConnectionError):
        for block in response.streaming_content:
            received.append(block)
    assert b"".join(received).count(b"\r\n") == 3  # the header and the two rows read
    monkeypatch.undo()
    assert Commitment.objects.count() == 5
    assert body_of(client.get(COMMITMENT_URL)).count(b"\r\n") == 6


def test_a_client_that_goes_away_stops_the_export(client, monkeypatch):
    """The server closes the response when the client goes away midway: the query stops and the
    transaction ends, so the connection serves the next request."""
    monkeypatch.setattr(export_csv, "BLOCK_SIZE", 1)  # a block per line
    factories.CommitmentFactory.create_batch(30)  # more lines than the blocks handed over wait for
    response = client.get(COMMITMENT_URL)
    content = iter(response.streaming_content)
    assert next(content).startswith(b"id,nummer,")
    assert next(content).count(b"\r\n") == 1  # the first row: the export is under way
    # As the server does; the test's database connection stays open (the server would close a
    # connection left in a transaction: this one must not be).
    monkeypatch.setattr(type(connections[DEFAULT_DB_ALIAS]), "close_if_unusable_or_obsolete", lambda self: None)
    response.close()
    assert not [thread for thread in threading.enumerate() if thread.name == "csv-copy"]
    assert not connection.needs_rollback
    assert Commitment.objects.count() == 30
    assert body_of(client.get(COMMITMENT_URL)).count(b"\r\n") == 31
