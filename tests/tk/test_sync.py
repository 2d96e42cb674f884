"""sync_tk on a slice of the Kamer's open data (tests/data/tk/term-2023-slice).

The expected figures were computed from the slice's files directly (plain json over the
records, the order rule of the data's README): 47 motions that are not deleted (5 without a
Kamerstuk), 42 decisions that reach a held motion, 723 votes on those decisions, 22 motions
whose latest decision adopts them.
"""

import gzip
import io
import json
import shutil
import uuid
from pathlib import Path

import pytest
from django.core.management import call_command

from commitments.models import (
    AgendaItem,
    Commitment,
    CommitmentStatus,
    Motion,
    MotionStatus,
    MotionStatusChange,
    Person,
    SyncConflict,
    SyncState,
    Vote,
    VoteChoice,
)
from commitments.services.records import save_with_reason
from commitments.tk.sources import DirectorySource
from commitments.tk.sync import REASON, Sync

SLICE = Path(__file__).resolve().parent.parent / "data" / "tk" / "term-2023-slice"

pytestmark = pytest.mark.django_db


def sync(directory=SLICE, *args):
    out = io.StringIO()
    call_command("sync_tk", "--from", str(directory), *args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def history_counts():
    from django.apps import apps

    return {
        model._meta.label: model._default_manager.count()
        for model in apps.get_app_config("commitments").get_models()
        if model._meta.model_name.startswith("historical")
    }


def read(directory, entity):
    with gzip.open(directory / f"{entity}.jsonl.gz", "rt", encoding="utf-8") as handle:
        return [json.loads(line) for line in handle]


def write(directory, entity, records):
    with gzip.open(directory / f"{entity}.jsonl.gz", "wt", encoding="utf-8") as handle:
        handle.writelines(json.dumps(record, ensure_ascii=False) + "\n" for record in records)


@pytest.fixture
def copy_of_slice(tmp_path):
    target = tmp_path / "slice"
    shutil.copytree(SLICE, target)
    return target


def loads_every_motion_that_is_not_deleted_with_its_citation_where_derivable():
    assert Motion.objects.count() == 47
    assert Motion.objects.filter(document__isnull=True).count() == 5
    motion = Motion.objects.get(zaak="2024Z11440")
    assert motion.citation == "Kamerstuk 33997-183"
    assert motion.kabinetsappreciatie == "Oordeel Kamer"
    assert str(motion.tk_id) == "a73b3250-d957-4edb-99f6-a6cebd3e6856"
    assert motion.get_absolute_url() == "/moties/33997-183/"
    assert not Motion.all_objects.filter(tk_id="c9cc4093-7c7d-4a66-a499-636dd290382d").exists()


def an_old_motion_without_a_kamerstuk_keeps_its_zaak_number_and_raw_appraisal():
    motion = Motion.objects.get(zaak="2012Z07470")
    assert motion.document is None
    assert motion.citation == "2012Z07470"
    assert motion.kabinetsappreciatie == "Niet beschikbaar bij moties en/of amendementen vóór 1 april 2019"


def decisions_reach_their_motion_through_the_agenda_item_by_the_order_rule():
    assert MotionStatusChange.objects.count() == 42
    assert Motion.objects.get(zaak="2024Z11440").status == MotionStatus.AANGENOMEN
    # Three motions on one agenda item: the decision with order i decides the i-th Zaak.
    assert Motion.objects.get(zaak="2024Z05715").status == MotionStatus.AANGENOMEN
    assert Motion.objects.get(zaak="2024Z05713").status == MotionStatus.AANGENOMEN
    assert Motion.objects.get(zaak="2024Z05714").status == MotionStatus.VERWORPEN
    change = MotionStatusChange.objects.get(tk_id="6a687a6c-d1f5-4d27-816f-cd19b9b514e3")
    assert change.decision_as_published == "Stemmen - aangenomen"
    assert change.vote_kind == "Met handopsteken"
    assert change.date.isoformat() == "2024-06-27"  # the day of the Stemmingen activity


def an_agenda_item_mixing_a_bill_with_amendments_decides_nothing():
    summary = SyncState.objects.get(entity="Besluit").summary
    assert summary["skipped"]["agenda item mixes a bill with amendments, or its order does not name one motion"] == 2


def votes_per_party_with_seats_and_a_roll_call_per_member():
    assert Vote.objects.count() == 723
    party_votes = Vote.objects.filter(decision__tk_id="6a687a6c-d1f5-4d27-816f-cd19b9b514e3")
    assert party_votes.aggregate(seats=Vote.objects.seats(VoteChoice.VOOR))["seats"] == 130
    d66 = party_votes.get(tk_id="724080fb-d03a-46d5-9d8a-165162c04279")
    assert (d66.party.abbreviation, d66.choice, d66.seats) == ("D66", VoteChoice.VOOR, 9)
    roll_call = Vote.objects.filter(decision__tk_id="ddcf7e2e-45a4-44d6-b0df-95146dbec3c4")
    totals = roll_call.aggregate(
        voor=Vote.objects.seats(VoteChoice.VOOR),
        tegen=Vote.objects.seats(VoteChoice.TEGEN),
        niet=Vote.objects.seats(VoteChoice.NIET_DEELGENOMEN),
    )
    assert totals == {"voor": 99, "tegen": 45, "niet": 6}
    claassen = roll_call.get(tk_id="4dd3d871-9de2-4a44-b512-ded47fe94ec1")
    assert claassen.person.tk_id == uuid.UUID("510ebeb6-5625-4a9f-9853-36bcd54728e0")


def the_text_gives_the_dictum_and_the_members_who_filed_it():
    motion = Motion.objects.get(zaak="2024Z11440")
    assert motion.dictum.startswith("verzoekt de regering op 17 juli 2024 de vlag op alle regeringsgebouwen")
    signers = list(motion.signers.values_list("person__name", "role"))
    assert signers[0] == ("Paternotte", "indiener")
    assert ("Van Baarle", "medeindiener") in signers


def an_adopted_motion_gets_its_obligation_dated_by_the_term_in_its_dictum():
    assert Commitment.objects.filter(motion__isnull=False).count() == 22
    obligation = Commitment.objects.get(motion__zaak="2024Z05713")
    assert obligation.deadline_phrase == "voor 1 juli"
    assert obligation.due_date.isoformat() == "2024-06-30"
    assert obligation.made_on == obligation.motion.status_changes.get().date


def every_change_is_in_the_history_with_the_open_data_reason():
    motion = Motion.objects.get(zaak="2024Z11440")
    reasons = set(motion.history.values_list("history_change_reason", flat=True))
    assert reasons == {REASON}
    assert Person.history.filter(history_change_reason=REASON).count() == 321


# One load of the slice serves several checks (each load costs seconds): the checks above are
# plain functions, called by the two tests below.


def test_motions_papers_texts_and_history_are_as_computed_from_the_files():
    sync()
    loads_every_motion_that_is_not_deleted_with_its_citation_where_derivable()
    an_old_motion_without_a_kamerstuk_keeps_its_zaak_number_and_raw_appraisal()
    the_text_gives_the_dictum_and_the_members_who_filed_it()
    every_change_is_in_the_history_with_the_open_data_reason()


def test_decisions_votes_and_obligations_are_as_computed_from_the_files():
    sync()
    decisions_reach_their_motion_through_the_agenda_item_by_the_order_rule()
    an_agenda_item_mixing_a_bill_with_amendments_decides_nothing()
    votes_per_party_with_seats_and_a_roll_call_per_member()
    an_adopted_motion_gets_its_obligation_dated_by_the_term_in_its_dictum()


def test_a_second_run_of_the_same_input_changes_nothing(client):
    sync()
    before_export = client.get("/moties/export.csv").getvalue()
    before = history_counts()
    output = sync()
    assert history_counts() == before
    assert client.get("/moties/export.csv").getvalue() == before_export
    assert "created      0  updated      0" in output.split("Zaak")[1].splitlines()[0].replace("  ", " ", 0)
    assert SyncState.objects.get(entity="Zaak").summary["unchanged"] == 47


def test_a_later_set_updates_adds_and_deletes_as_its_records_say(copy_of_slice):
    sync(copy_of_slice)
    zaken = read(copy_of_slice, "Zaak")
    later = "2025-06-01T10:00:00.0000000Z"
    changed = next(z for z in zaken if z["Nummer"] == "2024Z05714")
    changed.update(Kabinetsappreciatie="Ontijdig", ApiGewijzigdOp=later)
    gone = next(z for z in zaken if z["Nummer"] == "2024Z05713")
    tombstone = dict.fromkeys(gone) | {"Id": gone["Id"], "Verwijderd": True, "ApiGewijzigdOp": later}
    new = dict(changed, Id=str(uuid.uuid4()), Nummer="2025Z99999", Onderwerp="Motie van het lid Nieuw", Document=None)
    zaken = [z for z in zaken if z["Id"] != gone["Id"]] + [tombstone, new]
    write(copy_of_slice, "Zaak", zaken)

    sync(copy_of_slice, "--entities", "Zaak")

    assert Motion.objects.get(zaak="2024Z05714").kabinetsappreciatie == "Ontijdig"
    assert Motion.objects.get(zaak="2025Z99999").title == "Motie van het lid Nieuw"
    archived = Motion.all_objects.get(zaak="2024Z05713")
    assert archived.is_archived and archived.archive_reason == f"{REASON}: verwijderd"
    # Archived, not erased: its adopted obligation and its course stay.
    assert archived.status_changes.count() == 1
    summary = SyncState.objects.get(entity="Zaak").summary
    assert (summary["created"], summary["updated"], summary["deleted"]) == (1, 1, 1)


def test_the_griffies_edit_wins_and_the_conflict_is_listed(copy_of_slice):
    sync(copy_of_slice)
    motion = Motion.objects.get(zaak="2024Z05714")
    motion.title = "Motie-Bikker over kinderopvang (titel van de griffie)"
    save_with_reason(motion, "titel verduidelijkt")
    zaken = read(copy_of_slice, "Zaak")
    record = next(z for z in zaken if z["Nummer"] == "2024Z05714")
    record.update(
        Onderwerp="Gewijzigd onderwerp", Kabinetsappreciatie="Ontraden", ApiGewijzigdOp="2025-06-01T10:00:00Z"
    )
    write(copy_of_slice, "Zaak", zaken)

    sync(copy_of_slice, "--entities", "Zaak")

    motion.refresh_from_db()
    assert motion.title == "Motie-Bikker over kinderopvang (titel van de griffie)"
    assert motion.kabinetsappreciatie == "Ontraden"  # a field the clerk left alone follows the Kamer
    conflict = SyncConflict.objects.get(tk_id=motion.tk_id)
    assert (conflict.field, conflict.kamer_value) == ("title", "Gewijzigd onderwerp")
    assert conflict.local_value == motion.title
    assert conflict.admin_url == f"/admin/commitments/motion/{motion.pk}/change/"


def test_a_malformed_record_is_reported_with_its_id_and_skipped(copy_of_slice):
    zaken = read(copy_of_slice, "Zaak")
    bad = next(z for z in zaken if z["Nummer"] == "2024Z05714")
    bad["GestartOp"] = "not a date"
    write(copy_of_slice, "Zaak", zaken)
    with gzip.open(copy_of_slice / "Persoon.jsonl.gz", "at", encoding="utf-8") as handle:
        handle.write("{this is not json\n")

    sync(copy_of_slice)

    assert Motion.objects.count() == 46
    assert not Motion.objects.filter(zaak="2024Z05714").exists()
    malformed = SyncState.objects.get(entity="Zaak").summary["malformed"]
    assert malformed == [f"{bad['Id']}: 'not a date' is not a date"]
    assert SyncState.objects.get(entity="Persoon").summary["skipped"]["malformed or refused record"] == 1


class Killed(Exception):
    pass


class DiesAfterFirstPage(DirectorySource):
    """A source whose run is killed after the first page of Stemming."""

    def pages(self, entity, since):
        for number, page in enumerate(super().pages(entity, since)):
            if entity == "Stemming" and number == 1:
                raise Killed
            yield page


def test_a_run_killed_halfway_leaves_whole_pages_and_the_next_run_completes_it():
    with pytest.raises(Killed):
        Sync(DiesAfterFirstPage(SLICE, page_size=500)).run()
    first_page_votes = Vote.objects.count()
    assert 0 < first_page_votes < 723
    assert SyncState.objects.get(entity="Stemming").cursor is not None

    Sync(DirectorySource(SLICE, page_size=500)).run()

    assert Vote.objects.count() == 723
    assert Motion.objects.count() == 47


def test_a_dry_run_saves_nothing():
    output = sync(SLICE, "--dry-run")
    assert "Dry run (nothing saved)" in output
    assert Motion.all_objects.count() == 0
    assert AgendaItem.objects.count() == 0
    assert not SyncState.objects.exists()


def test_unknown_entities_are_refused():
    from django.core.management import CommandError

    with pytest.raises(CommandError, match="Unknown entities: Motie"):
        sync(SLICE, "--entities", "Motie")


def test_since_reads_only_what_changed_after_it():
    sync(SLICE, "--entities", "Fractie,Persoon", "--since", "2025-01-01T00:00:00Z")
    changed_after = [
        record
        for record in read(SLICE, "Persoon")
        if record["ApiGewijzigdOp"] > "2025-01-01" and not record["Verwijderd"]
    ]
    assert Person.objects.count() == len(changed_after) > 0


def test_a_later_vote_that_undoes_the_adoption_lets_the_obligation_lapse(copy_of_slice):
    sync(copy_of_slice)
    obligation = Commitment.objects.get(motion__zaak="2024Z05713")
    besluiten = read(copy_of_slice, "Besluit")
    first = next(b for b in besluiten if b["Id"] == "d96ecf41-e86a-439d-8e97-6bab13e87a7e")
    revote = dict(
        first,
        Id=str(uuid.uuid4()),
        BesluitSoort="Stemmen - verworpen",
        GewijzigdOp="2024-12-01T12:00:00+01:00",
        ApiGewijzigdOp="2025-06-01T10:00:00Z",
    )
    write(copy_of_slice, "Besluit", [*besluiten, revote])  # on the same agenda item, so the same day: the later decides

    sync(copy_of_slice, "--entities", "Besluit")

    assert Motion.objects.get(zaak="2024Z05713").status == MotionStatus.VERWORPEN
    obligation.refresh_from_db()
    assert obligation.status == CommitmentStatus.VERVALLEN
    assert obligation.status_note.endswith("bij een latere stemming niet aangenomen")
