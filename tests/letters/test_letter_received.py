""" "Brief ontvangen": register a letter and close what it answers on one admin screen."""

import datetime

import pytest
from django.urls import reverse

from commitments.models import Closure, Commitment, Document, DocumentKind
from tests.factories import CommitmentFactory, DocumentFactory, DossierFactory, MotionFactory

pytestmark = pytest.mark.django_db

URL = reverse("admin:commitments_document_letter_received")
D = datetime.date


@pytest.fixture
def dossier():
    return DossierFactory(number="28345", title="Aanpak huiselijk geweld")


@pytest.fixture
def open_ones(dossier):
    motion = MotionFactory(
        document=DocumentFactory(dossier=dossier, ondernummer="240", kind=DocumentKind.MOTIE, date=D(2021, 2, 25))
    )
    obligation = CommitmentFactory(
        kind=Commitment.Kind.MOTIE,
        motion=motion,
        text="Chat bij niet-overheidsorganisaties ondersteunen.",
        made_on=D(2021, 3, 1),
        due_date=D(2021, 6, 1),
        dossier=dossier,
    )
    meldcode = CommitmentFactory(text="Inzicht bieden in het gebruik van de app Meldcode.", made_on=D(2021, 2, 18))
    unrelated = CommitmentFactory(text="Iets over de landbouw en stikstof.", made_on=D(2021, 2, 18))
    return obligation, meldcode, unrelated


def letter_data(**extra):
    return {
        "citation_text": "Kamerstuk 28 345, nr. 252",
        "date": "2021-06-18",
        "title": "Zesde voortgangsrapportage",
        "kind": DocumentKind.BRIEF_REGERING,
        "kenmerk": "",
        "text": "",
        **extra,
    }


def test_the_screen_proposes_ranked_commitments_with_reasons(griffie_client, open_ones):
    obligation, meldcode, unrelated = open_ones
    text = "Met deze brief informeer ik u over motie 28 345, nr. 240 en over de app Meldcode: het gebruik groeit."
    response = griffie_client.post(URL, letter_data(text=text, propose="1"))
    assert response.status_code == 200
    ranked = [p.commitment for p, _value in response.context["proposals"]]
    assert ranked[:2] == [obligation, meldcode]
    assert unrelated not in ranked
    html = response.content.decode()
    assert "28345-240" in html  # the reason: the motion is cited
    assert not Document.objects.filter(identifier="28345-252").exists()  # nothing saved yet


def test_one_save_registers_the_letter_and_closes_the_ticked_ones_on_its_date(griffie_client, open_ones):
    obligation, meldcode, unrelated = open_ones
    data = letter_data(text="motie 28 345, nr. 240; app Meldcode", save="1")
    data[f"fulfil_{obligation.pk}"] = "volledig"
    data[f"fulfil_{meldcode.pk}"] = "gedeeltelijk"
    response = griffie_client.post(URL, data)
    letter = Document.objects.get(identifier="28345-252")
    assert response.status_code == 302 and response.url == reverse(
        "admin:commitments_document_change", args=[letter.pk]
    )
    obligation.refresh_from_db(), meldcode.refresh_from_db(), unrelated.refresh_from_db()
    assert (obligation.status, meldcode.status, unrelated.status) == ("voldaan", "deels voldaan", "openstaand")
    assert set(Closure.objects.values_list("closed_on", flat=True)) == {D(2021, 6, 18)}


def test_a_refused_save_keeps_the_letter_the_choices_and_the_note_and_saves_nothing(griffie_client, open_ones):
    obligation, _meldcode, _unrelated = open_ones
    late = CommitmentFactory(text="Na de brief gedaan.", made_on=D(2021, 7, 1))
    data = letter_data(
        text="motie 28 345, nr. 240", save="1", note="zie paragraaf 5", extra=[late.pk], extra_fulfilment="volledig"
    )
    data[f"fulfil_{obligation.pk}"] = "volledig"
    response = griffie_client.post(URL, data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "kan die niet afdoen" in html
    assert 'value="zie paragraaf 5"' in html and 'value="Kamerstuk 28 345, nr. 252"' in html
    assert '<option value="volledig" selected>' in html
    assert not Document.objects.filter(identifier="28345-252").exists()
    assert not Closure.objects.exists()


def test_a_letter_without_a_number_closes_by_date_and_kenmerk_and_keeps_its_links_when_numbered(
    griffie_client, open_ones, dossier
):
    _obligation, meldcode, _unrelated = open_ones
    data = letter_data(citation_text="", kenmerk="1702055-206650-J", save="1")
    data[f"fulfil_{meldcode.pk}"] = "volledig"
    griffie_client.post(URL, data)
    letter = Document.objects.get(kenmerk="1702055-206650-J")
    assert letter.identifier == "brief-1702055-206650-j" and letter.official_url == ""
    assert "1702055-206650-J" in letter.citation
    assert Closure.objects.get(commitment=meldcode).document == letter

    # The number becomes known: same letter, new identity, the closure stays.
    griffie_client.post(
        URL, letter_data(kenmerk="1702055-206650-J", citation_text="Kamerstuk 28345, nr. 299", save="1")
    )
    letter.refresh_from_db()
    assert letter.identifier == "28345-299" and Document.objects.count() == 2  # and the motion paper
    assert Closure.objects.get(commitment=meldcode).document_id == letter.pk


def test_the_document_changelist_links_the_screen(griffie_client):
    html = griffie_client.get(reverse("admin:commitments_document_changelist")).content.decode()
    assert URL in html


def test_committee_staff_may_not_use_the_screen(staff_client):
    assert staff_client.get(URL).status_code == 403


def _pdf_with_text(text):
    """A one-page PDF showing `text` (hand-written objects; pypdf reads it back)."""
    stream = f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET".encode("latin-1")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out, offsets = b"%PDF-1.4\n", []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return out


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("brief.pdf", _pdf_with_text("Over de app Meldcode: het gebruik groeit.")),
        (
            "brief.xml",
            b"<kamerstuk><tekst><al>Over de app Meldcode: het gebruik groeit.</al></tekst></kamerstuk>",
        ),
    ],
)
def test_an_uploaded_pdf_or_official_xml_improves_the_proposals(griffie_client, open_ones, name, content):
    from django.core.files.uploadedfile import SimpleUploadedFile

    _obligation, meldcode, _unrelated = open_ones
    data = letter_data(propose="1", upload=SimpleUploadedFile(name, content))
    response = griffie_client.post(URL, data)
    ranked = [p.commitment for p, _value in response.context["proposals"]]
    assert ranked and ranked[0] == meldcode


def test_an_unreadable_upload_is_refused_with_a_reason(griffie_client, dossier):
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = griffie_client.post(URL, letter_data(propose="1", upload=SimpleUploadedFile("x.pdf", b"%PDF-broken")))
    assert response.status_code == 200
    html = response.content.decode()
    assert "kon niet worden gelezen" in html or "geen leesbare tekst" in html
