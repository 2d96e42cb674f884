"""Toezegging → Commitment, on the four published sample records (tests/data/tk/toezeggingen)."""

import datetime
import io
from pathlib import Path

import pytest
from django.core.management import call_command

from commitments.models import Commitment, CommitmentStatus, Ministry, SyncConflict
from commitments.tk.sync import REASON

TOEZEGGINGEN = Path(__file__).resolve().parent.parent / "data" / "tk" / "toezeggingen"

pytestmark = pytest.mark.django_db


def sync():
    call_command("sync_tk", "--from", str(TOEZEGGINGEN), "--entities", "Toezegging", stdout=io.StringIO())


def test_a_toezegging_becomes_a_commitment_with_the_registers_number_status_and_bewindspersoon():
    Ministry.objects.create(abbreviation="EZK", name="Economische Zaken en Klimaat")
    sync()
    assert Commitment.objects.filter(tk_id__isnull=False).count() == 4
    herbert = Commitment.objects.get(number="TZ202603-130")
    assert herbert.status == CommitmentStatus.OPENSTAAND
    assert herbert.bewindspersoon.name == "Herbert"
    assert herbert.bewindspersoon.full_name == "H.G. Herbert"
    assert herbert.ministry.abbreviation == "EZK"
    assert herbert.office.function == "minister"
    assert herbert.made_on == datetime.date(2026, 3, 19)
    assert herbert.history.get().history_change_reason == f"termijn: {REASON}"
    # "Afgedaan" is the register's word for fulfilled.
    assert Commitment.objects.get(number="TZ202504-057").status == CommitmentStatus.VOLDAAN


def test_the_no_date_sentinel_is_no_date_and_the_term_is_derived_from_the_text():
    sync()
    herbert = Commitment.objects.get(number="TZ202603-130")
    assert herbert.deadline_phrase == "voor de zomer"
    assert herbert.due_date is not None and herbert.due_date.year == 2026
    assert not herbert.due_date_overridden
    assert herbert.deadline_changes.count() == 1


def test_a_commitment_the_griffie_registered_is_adopted_and_its_text_stays():
    griffie = Commitment.objects.create(
        number="TZ202412-116", text="De minister stuurt in maart 2025 …, aldus de griffie."
    )
    sync()
    griffie.refresh_from_db()
    assert str(griffie.tk_id) == "79a2206a-0000-4000-8000-000000000116"
    assert griffie.text == "De minister stuurt in maart 2025 …, aldus de griffie."
    assert SyncConflict.objects.get(tk_id=griffie.tk_id, field="text").kamer_value.startswith("De minister stuurt")
    assert Commitment.objects.filter(number="TZ202412-116").count() == 1


def test_a_second_run_writes_nothing():
    sync()
    rows = Commitment.history.count()
    sync()
    assert Commitment.history.count() == rows


def test_the_closing_letters_and_the_party_it_was_promised_to(tmp_path):
    import gzip
    import json
    import uuid

    from commitments.models import CitationKind, Document, Party

    Document.objects.create(
        citation_kind=CitationKind.DOCUMENTNUMMER,
        document_number="2026D01234",
        title="Brief",
        date=datetime.date(2026, 5, 1),
    )
    party = Party.objects.create(abbreviation="GL-PvdA", tk_id=uuid.uuid4())
    with gzip.open(TOEZEGGINGEN / "Toezegging.jsonl.gz", "rt", encoding="utf-8") as handle:
        record = json.loads(handle.readline())
    record.update(
        Status="Voldaan", kamerbriefNakoming=["2026D01234", "2026D99999"], toegezegdAanFractie=str(party.tk_id)
    )
    with gzip.open(tmp_path / "Toezegging.jsonl.gz", "wt", encoding="utf-8") as handle:
        handle.write(json.dumps(record) + "\n")

    call_command("sync_tk", "--from", str(tmp_path), "--entities", "Toezegging", stdout=io.StringIO())

    commitment = Commitment.objects.get(number="TZ202603-130")
    assert list(commitment.closures.values_list("document__document_number", "fulfilment")) == [
        ("2026D01234", "volledig")
    ]
    assert commitment.status == CommitmentStatus.VOLDAAN
    assert list(commitment.recipients.values_list("party__abbreviation", flat=True)) == ["GL-PvdA"]
