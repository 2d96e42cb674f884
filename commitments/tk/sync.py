"""The sync: the Kamer's records into ours, page by page, in bulk, with the griffie's edits winning.

Rules, each in one place here:
- Records are upserted by the Kamer's Id. A record whose `ApiGewijzigdOp` is not newer than the
  one stored is unchanged (a second run of the same input writes nothing).
- A field a clerk changed (its value differs from what the sync last wrote, `tk_values`) is kept;
  the Kamer's new value is listed as a `SyncConflict`.
- Tombstones (`Verwijderd: true`) archive commitments, motions and papers (nothing is erased),
  and delete the Kamer's own detail (a decision, a vote) unless a griffie record still points to it.
- Every page is one transaction, with the entity's cursor: a run killed halfway resumes from the
  last page committed, and never leaves half a page. A record the mapping cannot read, or the
  database refuses, is reported with its Id and skipped.
- Every change is in the history with the reason "Tweede Kamer open data".
"""

from __future__ import annotations

import datetime
import logging
import re
import uuid
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import DatabaseError, connection, models, reset_queries, transaction
from django.db.models import ProtectedError
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from .. import citations, clock
from ..deadlines import RecessCalendar
from ..deadlines.motion import dictum_span, motion_from_xml
from ..models import (
    Activity,
    AgendaItem,
    CitationKind,
    Commitment,
    CommitmentKind,
    CommitmentRecipient,
    CommitmentRelation,
    CommitmentStatus,
    Committee,
    Document,
    Dossier,
    Fulfilment,
    Ministry,
    Motion,
    MotionSigner,
    MotionStatus,
    MotionStatusChange,
    Office,
    Party,
    Person,
    RelationKind,
    SignerRole,
    SyncConflict,
    SyncState,
    Vote,
)
from ..selectors.calendar import calendar_from_database
from ..services.archive import archive
from ..services.closing import close_with_letter, mark_lapsed
from ..services.deadlines import save_with_deadline, term_named_in
from ..services.motions import ensure_motion_obligations
from ..services.records import save_with_reason
from . import mapping
from .mapping import Malformed
from .sources import ENTITIES, PUBLICATIONS, UNAVAILABLE, Page, Record, Source

logger = logging.getLogger(__name__)

REASON = "Tweede Kamer open data"
DELETED = f"{REASON}: verwijderd"
_MISSING = object()
_MALFORMED_SHOWN = 20


@dataclass
class Summary:
    """What one entity's run did: counts, and why records were skipped."""

    created: int = 0
    updated: int = 0
    unchanged: int = 0
    deleted: int = 0
    conflicts: int = 0
    skipped: Counter[str] = field(default_factory=Counter)
    malformed: list[str] = field(default_factory=list)
    seen: int = 0

    def skip(self, reason: str, count: int = 1) -> None:
        self.skipped[reason] += count

    def reject(self, tk_id: Any, reason: str) -> None:
        self.skip("malformed or refused record")
        if len(self.malformed) < _MALFORMED_SHOWN:
            self.malformed.append(f"{tk_id}: {reason}")
        logger.warning("sync_tk skipped record %s: %s", tk_id, reason)

    def add(self, other: Summary) -> None:
        for name in ("created", "updated", "unchanged", "deleted", "conflicts", "seen"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.skipped.update(other.skipped)
        self.malformed = (self.malformed + other.malformed)[:_MALFORMED_SHOWN]

    def as_dict(self) -> dict[str, Any]:
        return {
            "seen": self.seen,
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "deleted": self.deleted,
            "conflicts": self.conflicts,
            "skipped": dict(sorted(self.skipped.items(), key=lambda item: -item[1])),
            "malformed": self.malformed,
        }


@dataclass
class Incoming:
    """One record mapped to our fields: upserted by `tk_id`, or adopted by a natural key."""

    tk_id: uuid.UUID
    changed_at: datetime.datetime | None
    fields: dict[str, Any]
    natural: list[tuple[str, Any]] = field(default_factory=list)


def _json(value: Any) -> Any:
    if isinstance(value, datetime.date | datetime.datetime):
        return value.isoformat()
    if isinstance(value, uuid.UUID | Decimal):
        return str(value)
    return value


class Table:
    """Bulk upserts of one model, by the rules of the module doc."""

    def __init__(self, model: type[models.Model], entity: str, *, history: bool = True):
        self.model = model
        self.entity = entity
        self.history = history
        self.manager = model._base_manager  # archived rows too: they are still the Kamer's records

    def upsert(self, items: list[Incoming], summary: Summary) -> dict[uuid.UUID, Any]:
        items = list({item.tk_id: item for item in items}.values())  # a page may repeat a record
        existing: dict[Any, Any] = self.manager.in_bulk([item.tk_id for item in items], field_name="tk_id")
        adopted = self._adoptable([item for item in items if item.tk_id not in existing])
        creates: list[Any] = []
        updates: list[Any] = []
        bookkeeping: list[Any] = []
        conflicts: list[tuple[Any, str, Any, Any]] = []
        changed_fields: set[str] = set()
        result: dict[uuid.UUID, Any] = {}
        for item in items:
            obj: Any = existing.get(item.tk_id)
            if obj is None:
                obj = next((adopted[key] for key in item.natural if key in adopted), None)
                if obj is not None:
                    for key in item.natural:
                        adopted.pop(key, None)
                    obj.tk_id = item.tk_id
            if obj is None:
                obj = self.model(**item.fields, tk_id=item.tk_id, tk_changed_at=item.changed_at)
                obj.tk_values = {name: _json(value) for name, value in item.fields.items()}
                creates.append(obj)
                result[item.tk_id] = obj
                continue
            result[item.tk_id] = obj
            if item.changed_at is not None and obj.tk_changed_at is not None and item.changed_at <= obj.tk_changed_at:
                summary.unchanged += 1
                continue
            before = (obj.tk_values, obj.tk_changed_at)
            changed = self._apply(obj, item, conflicts)
            if item.changed_at is not None:
                obj.tk_changed_at = item.changed_at
            if changed:
                changed_fields.update(changed)
                updates.append(obj)
            else:
                summary.unchanged += 1
                if (obj.tk_values, obj.tk_changed_at) != before:
                    bookkeeping.append(obj)
        self._write(creates, updates, changed_fields, bookkeeping)
        summary.created += len(creates)
        summary.updated += len(updates)
        summary.conflicts += self._record_conflicts(conflicts)
        return result

    def _adoptable(self, items: list[Incoming]) -> dict[tuple[str, Any], Any]:
        """Records the griffie made before the sync knew them, found by a natural key."""
        found: dict[tuple[str, Any], Any] = {}
        by_field: dict[str, set[Any]] = {}
        for item in items:
            for name, value in item.natural:
                if value not in (None, ""):
                    by_field.setdefault(name, set()).add(value)
        for name, values in by_field.items():
            for obj in self.manager.filter(**{f"{name}__in": values, "tk_id__isnull": True}):
                found[(name, getattr(obj, name))] = obj
        return found

    def _apply(self, obj: Any, item: Incoming, conflicts: list[tuple[Any, str, Any, Any]]) -> list[str]:
        """Set the Kamer's values on `obj`, except where a clerk changed the field; the fields changed."""
        changed = []
        values = dict(obj.tk_values or {})
        for name, new in item.fields.items():
            current, new_json = _json(getattr(obj, name)), _json(new)
            last = values.get(name, _MISSING)
            values[name] = new_json
            if current == new_json:
                continue
            # Changed by a clerk since the sync last wrote it, or filled in by the griffie before the
            # sync knew the field: the clerk's value stays.
            clerk_changed = current not in (None, "", []) if last is _MISSING else current != last
            if clerk_changed:
                conflicts.append((obj, name, current, new_json))
                continue
            setattr(obj, name, new)
            changed.append(name)
        obj.tk_values = values
        return changed

    def _write(self, creates: list[Any], updates: list[Any], changed: set[str], bookkeeping: list[Any]) -> None:
        tk_fields = ["tk_id", "tk_changed_at", "tk_values"]
        if hasattr(self.model, "updated_at"):
            now = timezone.now()
            for obj in updates:
                obj.updated_at = now
            changed = changed | {"updated_at"}
        if self.history:
            if creates:
                bulk_create_with_history(creates, self.model, batch_size=500, default_change_reason=REASON)
            if updates:
                bulk_update_with_history(
                    updates,
                    self.model,
                    sorted(changed) + tk_fields,
                    batch_size=500,
                    default_change_reason=REASON,
                    manager=self.manager,
                )
        else:
            if creates:
                self.model._default_manager.bulk_create(creates, batch_size=500)
            if updates:
                self.manager.bulk_update(updates, sorted(changed) + tk_fields, batch_size=500)
        if bookkeeping:
            self.manager.bulk_update(bookkeeping, tk_fields, batch_size=500)

    def _record_conflicts(self, conflicts: list[tuple[Any, str, Any, Any]]) -> int:
        now = timezone.now()
        for obj, name, local, kamer in conflicts:
            meta = self.model._meta
            SyncConflict.objects.update_or_create(
                tk_id=obj.tk_id,
                field=name,
                defaults={
                    "entity": self.entity,
                    "record": mapping.text(str(obj), 300),
                    "admin_url": reverse(f"admin:{meta.app_label}_{meta.model_name}_change", args=[obj.pk]),
                    "local_value": "" if local is None else str(local),
                    "kamer_value": "" if kamer is None else str(kamer),
                    "seen_at": now,
                },
            )
        return len(conflicts)

    def remove(self, tk_ids: list[uuid.UUID], summary: Summary) -> list[Any]:
        """A tombstone: archive what can be archived, delete the rest unless something points to it."""
        removed, found = [], 0
        obj: Any
        for obj in self.manager.filter(tk_id__in=tk_ids):
            found += 1
            if hasattr(obj, "archived_at"):
                if obj.archived_at is None:
                    archive([obj], reason=DELETED)
                    removed.append(obj)
                else:
                    summary.unchanged += 1
                continue
            try:
                with transaction.atomic():
                    obj._change_reason = DELETED
                    obj.delete()
            except ProtectedError:
                summary.skip("deleted by the Kamer, kept: a griffie record points to it")
                continue
            removed.append(obj)
        summary.deleted += len(removed)
        summary.skip("deleted by the Kamer, never held here", len(tk_ids) - found)
        return removed


class Sync:
    """One run of the sync over a source (see the module doc)."""

    def __init__(
        self,
        source: Source,
        *,
        dry_run: bool = False,
        calendar: RecessCalendar | None = None,
        progress: Callable[[str, int], None] | None = None,
    ):
        self.source = source
        self.dry_run = dry_run
        self.calendar = calendar
        self.progress = progress or (lambda entity, count: None)
        self.publication_owner: dict[str, uuid.UUID] = {}
        self._parties: dict[str, int] = {}
        self._committees: dict[str, int] = {}
        self._dossiers: dict[tuple[str, str], int] = {}
        self.tables = {
            "Fractie": Table(Party, "Fractie"),
            "Persoon": Table(Person, "Persoon"),
            "Activiteit": Table(Activity, "Activiteit"),
            "Document": Table(Document, "Document"),
            "Zaak": Table(Motion, "Zaak"),
            "Besluit": Table(MotionStatusChange, "Besluit"),
            "Stemming": Table(Vote, "Stemming"),
        }

    # -- the run

    def run(self, entities: Iterable[str] | None = None, since: datetime.datetime | None = None) -> dict[str, Summary]:
        wanted = [entity for entity in ENTITIES if entities is None or entity in set(entities)]
        if self.calendar is None:
            self.calendar = calendar_from_database()
        self.recess_calendar: RecessCalendar = self.calendar
        if not self.dry_run:
            summaries = {entity: self._run_entity(entity, since) for entity in wanted}
            self._refresh_statistics(summaries)
            return summaries
        with transaction.atomic():
            summaries = {entity: self._run_entity(entity, since) for entity in wanted}
            transaction.set_rollback(True)
        return summaries

    def _refresh_statistics(self, summaries: dict[str, Summary]) -> None:
        """After a large load, PostgreSQL's planner statistics (autovacuum may be off or late): without
        them the pages would plan for empty tables."""
        if connection.vendor != "postgresql":
            return
        changed = [
            self._STORED_AS[entity]
            for entity, summary in summaries.items()
            if entity in self._STORED_AS and summary.created + summary.updated + summary.deleted >= 1000
        ]
        with connection.cursor() as cursor:
            for model in changed:
                cursor.execute(f"ANALYZE {connection.ops.quote_name(model._meta.db_table)}")

    def _run_entity(self, entity: str, since: datetime.datetime | None) -> Summary:
        state, _ = SyncState.objects.get_or_create(entity=entity)
        state.started_at, state.source = timezone.now(), mapping.text(self.source.description, 300)
        state.save(update_fields=["started_at", "source"])
        summary = Summary()
        if since is None and self.source.incremental:
            since = state.cursor
        for page in self._pages(entity, since):
            page_summary = Summary()
            try:
                with transaction.atomic():
                    self._handle(entity, page, page_summary)
                    self._advance(state, page)
            except DatabaseError:
                # One bad record must not cost the page: each record alone, the refused ones skipped.
                page_summary = Summary()
                for record in page:
                    one = Summary()
                    try:
                        with transaction.atomic():
                            self._handle(entity, [record], one)
                            self._advance(state, [record])
                    except DatabaseError as error:
                        one = Summary()
                        one.reject(record.get("Id") or record.get("DocumentPublicatie_Id"), f"refused: {error}")
                    page_summary.add(one)
            summary.add(page_summary)
            reset_queries()  # with DEBUG on, Django would keep every bulk statement of the run
            self.progress(entity, summary.seen)
        state.finished_at, state.summary = timezone.now(), summary.as_dict()
        state.save(update_fields=["finished_at", "summary"])
        return summary

    def _pages(self, entity: str, since: datetime.datetime | None) -> Iterator[Page]:
        if entity != PUBLICATIONS:
            yield from self.source.pages(entity, since)
            return
        page: Page = []
        for publication_id, xml in self.source.publications(list(self.publication_owner)):
            page.append({"DocumentPublicatie_Id": publication_id, "xml": xml})
            if len(page) >= 500:
                yield page
                page = []
        if page:
            yield page

    def _advance(self, state: SyncState, page: Page) -> None:
        moments = [moment for moment in (_changed_at_or_none(record) for record in page) if moment is not None]
        if moments and (state.cursor is None or max(moments) > state.cursor):
            state.cursor = max(moments)
            state.save(update_fields=["cursor"])

    def _handle(self, entity: str, page: Page, summary: Summary) -> None:
        summary.seen += len(page)
        handler = getattr(self, f"_{entity.lower()}", None)
        if handler is None:
            summary.skip(f"{entity}: not used by the tracker", len(page))
            return
        if entity == PUBLICATIONS:
            handler(page, summary)
            return
        if entity == "Zaak":
            self._note_publications(page)
        page = self._drop_unchanged(entity, page, summary)
        live, tombstones = [], []
        for record in page:
            if "__malformed__" in record:
                summary.reject("?", record["__malformed__"])
            elif record.get("Verwijderd") is True:
                tombstones.append(record)
            else:
                live.append(record)
        if tombstones:
            self._tombstones(entity, tombstones, summary)
        if live:
            handler(live, summary)

    _STORED_AS = {
        "Fractie": Party,
        "Persoon": Person,
        "Activiteit": Activity,
        "Document": Document,
        "Zaak": Motion,
        "Agendapunt": AgendaItem,
        "Besluit": MotionStatusChange,
        "Stemming": Vote,
        "Toezegging": Commitment,
    }

    def _drop_unchanged(self, entity: str, page: Page, summary: Summary) -> Page:
        """Records whose stored version is as new as theirs: counted unchanged, not read any further
        (so a second run of the same input costs little more than reading it)."""
        model = self._STORED_AS.get(entity)
        if model is None:
            return page
        ids = [str(record["Id"]).lower() for record in page if _is_uuid(record.get("Id"))]
        stored = {
            str(tk_id): moment
            for tk_id, moment in model._base_manager.filter(tk_id__in=ids).values_list("tk_id", "tk_changed_at")
        }
        kept = []
        for record in page:
            known = stored.get(str(record.get("Id")).lower())
            moment = _changed_at_or_none(record) if known is not None else None
            if moment is not None and known is not None and moment <= known:
                summary.unchanged += 1
            else:
                kept.append(record)
        return kept

    def _note_publications(self, records: Page) -> None:
        """Which motion each text (an XML DocumentPublicatie under a motion's paper) belongs to."""
        for record in records:
            if record.get("Soort") != "Motie" or record.get("Verwijderd"):
                continue
            for paper in record.get("Document") or []:
                if not isinstance(paper, dict):
                    continue
                for publication in (paper.get("HuidigeDocumentVersie") or {}).get("DocumentPublicatie") or []:
                    is_xml = (
                        str(publication.get("FileName", "")).endswith(".xml")
                        or publication.get("DocumentType") == "Xml"
                    )
                    if is_xml and _is_uuid(record.get("Id")):
                        self.publication_owner[str(publication.get("Id"))] = uuid.UUID(str(record["Id"]))

    def _map(self, records: Page, summary: Summary, mapper: Callable[[Record], Incoming | None]) -> list[Incoming]:
        items = []
        for record in records:
            try:
                item = mapper(record)
            except (Malformed, ValidationError, citations.CitationError, KeyError, TypeError, ValueError) as error:
                summary.reject(record.get("Id"), str(error))
                continue
            if item is not None:
                items.append(item)
        return items

    def _tombstones(self, entity: str, records: Page, summary: Summary) -> None:
        ids = []
        for record in records:
            try:
                ids.append(mapping.record_id(record))
            except Malformed as error:
                summary.reject(record.get("Id"), str(error))
        if entity == "Agendapunt":
            summary.deleted += AgendaItem.objects.filter(tk_id__in=ids).delete()[1].get(AgendaItem._meta.label, 0)
            return
        if entity == "Toezegging":
            table = Table(Commitment, "Toezegging")
        elif entity in self.tables:
            table = self.tables[entity]
        else:
            summary.skip(f"{entity}: deletion of a record the tracker does not keep", len(ids))
            return
        decisions = set()
        if entity == "Besluit":
            decisions = set(MotionStatusChange.objects.filter(tk_id__in=ids).values_list("motion_id", flat=True))
        if table.remove(ids, summary) and decisions:
            self._settle_motions(decisions)

    # -- people and bodies

    def _fractie(self, records: Page, summary: Summary) -> None:
        def item(record: Record) -> Incoming:
            abbreviation = mapping.text(record.get("Afkorting") or record.get("NaamNL"), 40)
            if not abbreviation:
                raise Malformed("party without an abbreviation or name")
            fields: dict[str, Any] = {"abbreviation": abbreviation, "name": mapping.text(record.get("NaamNL"), 200)}
            if record.get("AantalZetels") is not None:
                fields["seats"] = int(record["AantalZetels"])
            return Incoming(
                mapping.record_id(record), mapping.changed_at(record), fields, [("abbreviation", abbreviation)]
            )

        parties = self.tables["Fractie"].upsert(self._map(records, summary, item), summary)
        self._parties.update({party.abbreviation: party.pk for party in parties.values()})

    def party_id(self, label: Any) -> int | None:
        """Our party for a label as the Kamer writes it ("D66"), made when the Kamer has no record of it here."""
        label = mapping.text(label, 40)
        if not label:
            return None
        return _found_or_made(
            self._parties,
            label,
            lambda: Party.objects.filter(abbreviation=label).first(),
            lambda: Party(abbreviation=label, name=label),
        )

    def _persoon(self, records: Page, summary: Summary) -> None:
        def item(record: Record) -> Incoming:
            name, full_name = mapping.person_names(record)
            fields: dict[str, Any] = {"name": name, "full_name": full_name}
            if record.get("Fractielabel"):
                fields["party_id"] = self.party_id(record["Fractielabel"])
            return Incoming(mapping.record_id(record), mapping.changed_at(record), fields)

        self.tables["Persoon"].upsert(self._map(records, summary, item), summary)

    def _fractiezetelpersoon(self, records: Page, summary: Summary) -> None:
        """A seat held now sets the member's current party, where the record links member and party."""
        for record in records:
            person_id = mapping.optional_uuid(record.get("Persoon_Id"))
            seat: dict[str, Any] = record.get("FractieZetel") or {}
            if not isinstance(seat, dict):
                seat = {}
            party_id = mapping.optional_uuid(record.get("Fractie_Id") or seat.get("Fractie_Id"))
            if person_id is None or party_id is None:
                summary.skip("seat without a link to its member and party")
                continue
            if record.get("TotEnMet"):
                summary.skip("seat no longer held")
                continue
            person = Person.objects.filter(tk_id=person_id).first()
            party = Party.objects.filter(tk_id=party_id).first()
            if person is None or party is None:
                summary.skip("member or party not held")
            elif person.party_id == party.pk:
                summary.unchanged += 1
            else:
                person.party = party
                save_with_reason(person, REASON)
                summary.updated += 1

    # -- activities and papers

    def committee_id(self, abbreviation: str, name: str) -> int:
        return _found_or_made(
            self._committees,
            abbreviation,
            lambda: (
                Committee.objects.filter(abbreviation=abbreviation).first()
                or Committee.objects.filter(name=name).first()
            ),
            lambda: Committee(abbreviation=abbreviation, name=name),
        )

    def _activiteit(self, records: Page, summary: Summary) -> None:
        def item(record: Record) -> Incoming:
            day, earliest, latest = mapping.activity_dates(record)
            for value in (day, earliest, latest):
                clock.validate_date_in_range(value)
            committee = mapping.committee_of(record)
            fields = {
                "kind": mapping.activity_kind(record.get("Soort")),
                "kind_as_published": mapping.text(record.get("Soort"), 100),
                "title": mapping.text(record.get("Onderwerp") or record.get("Soort") or record.get("Nummer"), 500),
                "chamber": mapping.chamber_of(record.get("Kamer") or "Tweede Kamer"),
                "date": day,
                "date_earliest": earliest,
                "date_latest": latest,
                "committee_id": self.committee_id(*committee) if committee else None,
                "number": mapping.text(record.get("Nummer"), 20),
            }
            return Incoming(mapping.record_id(record), mapping.changed_at(record), fields)

        self.tables["Activiteit"].upsert(self._map(records, summary, item), summary)

    def dossier_id(self, number: str, suffix: str, title: str) -> int:
        return _found_or_made(
            self._dossiers,
            (number, suffix),
            lambda: Dossier.objects.filter(number=number, suffix=suffix).first(),
            lambda: Dossier(number=number, suffix=suffix, title=title or f"{number} {suffix}".strip()),
        )

    def _document_item(self, record: Record, taken: dict[str, uuid.UUID]) -> Incoming:
        tk_id = mapping.record_id(record)
        number = mapping.text(record.get("DocumentNummer"), 20)
        date = mapping.local_date(record.get("Datum"))
        clock.validate_date_in_range(date)
        fields: dict[str, Any] = {
            "document_number": number or None,
            "kind": mapping.document_kind(record.get("Soort")),
            "kind_as_published": mapping.text(record.get("Soort"), 100),
            "title": mapping.text(record.get("Onderwerp") or record.get("Titel") or number, 500),
            "date": date,
            "vergaderjaar": mapping.text(record.get("Vergaderjaar"), 9),
            "chamber": mapping.chamber_of(record.get("Kamer")),
        }
        kst = mapping.split_kst(mapping.kst_identifier(record))
        citation = None
        if kst is not None:
            try:
                citation = citations.Citation.kamerstuk(kst[0], kst[1], chamber=fields["chamber"])
            except citations.CitationError:
                citation = None
        # A Kamerstuk citation another record of the Kamer already holds (a paper and its annex):
        # this one is known by its document number.
        if citation is not None and taken.get(citation.slug, tk_id) == tk_id:
            fields.update(
                citation_kind=CitationKind.KAMERSTUK,
                dossier_id=self.dossier_id(
                    citation.dossier_number, citation.dossier_suffix, mapping.text(record.get("Titel"), 300)
                ),
                ondernummer=citation.ondernummer,
                identifier=citation.slug,
            )
        elif number:
            fields.update(citation_kind=CitationKind.DOCUMENTNUMMER, dossier_id=None, ondernummer="")
            fields["identifier"] = slugify(number)
        else:
            raise Malformed("paper without a kst identifier or a DocumentNummer")
        taken[fields["identifier"]] = tk_id
        return Incoming(tk_id, mapping.changed_at(record), fields, [("identifier", fields["identifier"])])

    def _documents(self, records: Page, summary: Summary) -> dict[uuid.UUID, Document]:
        # Which identifiers other records of the Kamer hold already (one query for the page).
        slugs = set()
        for record in records:
            kst = mapping.split_kst(mapping.kst_identifier(record))
            if kst:
                slugs.add(f"{kst[0]}-{kst[1]}")
        taken = {
            identifier: tk_id
            for identifier, tk_id in Document.all_objects.filter(identifier__in=slugs).values_list(
                "identifier", "tk_id"
            )
            if tk_id is not None
        }
        items = self._map(records, summary, lambda record: self._document_item(record, taken))
        return self.tables["Document"].upsert(items, summary)

    def _document(self, records: Page, summary: Summary) -> None:
        self._documents(records, summary)

    # -- motions, their texts, decisions and votes

    def _zaak(self, records: Page, summary: Summary) -> None:
        motions = [record for record in records if record.get("Soort") == "Motie"]
        for soort, count in Counter(str(r.get("Soort")) for r in records if r.get("Soort") != "Motie").items():
            summary.skip(f"Zaak of kind {soort}: not a motion", count)
        papers_of: dict[str, list[Record]] = {}
        for record in motions:
            papers = [d for d in record.get("Document") or [] if isinstance(d, dict) and not d.get("Verwijderd")]
            papers_of[str(record.get("Id"))] = papers
        nested = [paper for papers in papers_of.values() for paper in papers]
        documents = self._documents(nested, Summary()) if nested else {}
        linked = dict(
            Motion.all_objects.filter(document__in=[d.pk for d in documents.values()]).values_list(
                "document_id", "tk_id"
            )
        )

        def item(record: Record) -> Incoming:
            tk_id = mapping.record_id(record)
            number = mapping.text(record.get("Nummer"), 20)
            if not number:
                raise Malformed("motion without a Zaak number")
            filed_on = mapping.local_date(record.get("GestartOp"))
            clock.validate_date_in_range(filed_on)
            fields: dict[str, Any] = {
                "zaak": number,
                "title": mapping.text(record.get("Onderwerp") or record.get("Titel") or number, 500),
                "kabinetsappreciatie": mapping.text(record.get("Kabinetsappreciatie"), 100),
                "filed_on": filed_on,
            }
            natural: list[tuple[str, Any]] = [("zaak", number)]
            paper = self._motion_paper(record, papers_of.get(str(record.get("Id")), []), documents)
            if paper is not None and linked.get(paper.pk, tk_id) in (tk_id, None):
                fields["document_id"] = paper.pk
                linked[paper.pk] = tk_id
                natural.append(("document_id", paper.pk))
            return Incoming(tk_id, mapping.changed_at(record), fields, natural)

        self.tables["Zaak"].upsert(self._map(motions, summary, item), summary)

    @staticmethod
    def _motion_paper(record: Record, papers: list[Record], documents: dict[uuid.UUID, Document]) -> Document | None:
        """The motion's own paper among the Zaak's documents: the one with its number, else the latest motion paper."""
        candidates = [paper for paper in papers if mapping.is_motion_paper(paper)]
        candidates.sort(
            key=lambda paper: (paper.get("Volgnummer") == record.get("Volgnummer"), paper.get("Datum") or "")
        )
        for paper in reversed(candidates):
            document = documents.get(uuid.UUID(str(paper["Id"])))
            if document is not None and document.pk is not None:
                return document
        return None

    def _documentpublicatie(self, records: Page, summary: Summary) -> None:
        """Motion texts: the dictum, and the members who filed the motion (named under its text)."""
        owners = {str(key): value for key, value in self.publication_owner.items()}
        motions_by_tk = Motion.all_objects.in_bulk(
            [owners[r["DocumentPublicatie_Id"]] for r in records if r["DocumentPublicatie_Id"] in owners],
            field_name="tk_id",
        )
        parsed = []
        for record in records:
            if record["xml"].startswith(UNAVAILABLE):
                summary.skip("motion text not available from the source")
                continue
            try:
                text = motion_from_xml(record["xml"])
            except ValueError as error:
                summary.reject(record["DocumentPublicatie_Id"], str(error))
                continue
            parsed.append((record, text))
        by_identifier = {
            motion.document.identifier: motion  # type: ignore[union-attr]
            for motion in Motion.all_objects.select_related("document").filter(
                document__identifier__in=[_slug_of(text.identifier) for _, text in parsed]
            )
        }
        people = _people_by_name()
        items, signers = [], []
        for record, text in parsed:
            motion = motions_by_tk.get(owners.get(record["DocumentPublicatie_Id"])) or by_identifier.get(
                _slug_of(text.identifier)
            )
            if motion is None or motion.tk_id is None:
                summary.skip("text whose motion the data does not link (no paper of a motion held here)")
                continue
            span = dictum_span(text.text)
            dictum = text.text[span[0] : span[1]].strip() if span else ""
            items.append(Incoming(motion.tk_id, None, {"dictum": dictum}))
            signers.append((motion, _signer_names(text.paragraphs)))
        self.tables["Zaak"].upsert(items, summary)
        self._sign(signers, people, summary)

    def _sign(self, signers: list[tuple[Motion, list[str]]], people: dict[str, Person], summary: Summary) -> None:
        have = set(
            MotionSigner.objects.filter(motion__in=[motion for motion, _ in signers]).values_list(
                "motion_id", "person_id"
            )
        )
        new = []
        for motion, names in signers:
            order = 0
            for name in names:
                person = people.get(name.casefold())
                if person is None:
                    summary.skip("signer not matched to a member")
                    continue
                if (motion.pk, person.pk) in have:
                    continue
                have.add((motion.pk, person.pk))
                role = SignerRole.INDIENER if order == 0 else SignerRole.MEDEINDIENER
                new.append(MotionSigner(motion=motion, person=person, party_id=person.party_id, role=role, order=order))
                order += 1
        if new:
            bulk_create_with_history(new, MotionSigner, batch_size=500, default_change_reason=REASON)

    def _agendapunt(self, records: Page, summary: Summary) -> None:
        """Agenda items as published: the link from a decision to the Zaken it decides."""
        incoming = {}
        for record in records:
            try:
                tk_id = mapping.record_id(record)
                cases = record.get("Zaak")
                activity = mapping.optional_uuid(record.get("Activiteit_Id"))
            except Malformed as error:
                summary.reject(record.get("Id"), str(error))
                continue
            if not isinstance(cases, list) and activity is None:
                summary.skip("agenda item without its Zaken or activity")
                continue
            incoming[tk_id] = (record, cases, activity)
        existing = AgendaItem.objects.in_bulk(list(incoming), field_name="tk_id")
        creates: list[AgendaItem] = []
        updates: list[AgendaItem] = []
        for tk_id, (record, cases, activity) in incoming.items():
            moment = mapping.changed_at(record)
            item = existing.get(tk_id) or AgendaItem(tk_id=tk_id)
            if item.pk and item.tk_changed_at and moment and moment <= item.tk_changed_at:
                summary.unchanged += 1
                continue
            item.tk_changed_at = moment
            item.subject = mapping.text(record.get("Onderwerp"), 500)
            item.activity_tk_id = activity or item.activity_tk_id
            if isinstance(cases, list):
                item.cases = [
                    [str(case.get("Id")), str(case.get("Soort") or "")] for case in cases if isinstance(case, dict)
                ]
            (updates if item.pk else creates).append(item)
        AgendaItem.objects.bulk_create(creates, batch_size=1000)
        AgendaItem.objects.bulk_update(
            updates, ["tk_changed_at", "subject", "activity_tk_id", "cases"], batch_size=1000
        )
        summary.created += len(creates)
        summary.updated += len(updates)

    def _besluit(self, records: Page, summary: Summary) -> None:
        agenda = AgendaItem.objects.in_bulk(
            [r["Agendapunt_Id"] for r in records if _is_uuid(r.get("Agendapunt_Id"))], field_name="tk_id"
        )
        agenda = {str(key): value for key, value in agenda.items()}
        activity_dates = dict(
            Activity.objects.filter(
                tk_id__in=[i.activity_tk_id for i in agenda.values() if i.activity_tk_id]
            ).values_list("tk_id", "date")
        )
        decided: dict[str, str] = {}
        for record in records:
            status = mapping.decision_status(record.get("BesluitSoort"))
            if status is None:
                summary.skip("not a decision on a vote")
                continue
            cases = record.get("Zaak")
            item = agenda.get(str(record.get("Agendapunt_Id")))
            if isinstance(cases, list) and cases:  # the live API's expansion
                case = mapping.decided_case(
                    [[str(c.get("Id")), str(c.get("Soort") or "")] for c in cases],
                    record.get("AgendapuntZaakBesluitVolgorde"),
                )
            elif not record.get("Agendapunt_Id"):
                summary.skip("no Agendapunt: cannot be linked to its motion")
                continue
            elif item is None:
                summary.skip("its Agendapunt is not held")
                continue
            else:
                case = mapping.decided_case(item.cases, record.get("AgendapuntZaakBesluitVolgorde"))
            if case is None:
                summary.skip("agenda item mixes a bill with amendments, or its order does not name one motion")
                continue
            decided[str(record.get("Id"))] = case
        motions = {
            str(key): value
            for key, value in Motion.all_objects.in_bulk(
                [c for c in decided.values() if _is_uuid(c)], field_name="tk_id"
            ).items()
        }

        def item_of(record: Record) -> Incoming | None:
            case = decided.get(str(record.get("Id")))
            if case is None:
                return None
            motion = motions.get(case)
            if motion is None:
                summary.skip("its Zaak is not a motion held here")
                return None
            agenda_item = agenda.get(str(record.get("Agendapunt_Id")))
            day = activity_dates.get(agenda_item.activity_tk_id) if agenda_item is not None else None
            day = day or mapping.local_date(record.get("GewijzigdOp"))
            fields = {
                "motion_id": motion.pk,
                "status": mapping.decision_status(record.get("BesluitSoort")),
                "date": day,
                "note": mapping.text(record.get("BesluitTekst"), 500),
                "decision_as_published": mapping.text(record.get("BesluitSoort"), 200),
                "vote_kind": mapping.text(record.get("StemmingsSoort"), 40),
            }
            return Incoming(mapping.record_id(record), mapping.changed_at(record), fields)

        changes = self.tables["Besluit"].upsert(self._map(records, summary, item_of), summary)
        self._settle_motions({change.motion_id for change in changes.values()})

    def _settle_motions(self, motion_ids: set[int]) -> None:
        """Each motion's status from the latest step of its course; an adopted motion gets its obligation."""
        if not motion_ids:
            return
        latest: dict[int, tuple[str, datetime.date | None]] = {}
        for motion_id, status, day in (
            MotionStatusChange.objects.filter(motion_id__in=motion_ids)
            .order_by("motion_id", *MotionStatusChange.LATEST_FIRST)
            .values_list("motion_id", "status", "date")
        ):
            latest.setdefault(motion_id, (status, day))
        changed = []
        motions = Motion.all_objects.select_related("document__dossier", "document__ministry").in_bulk(motion_ids)
        for motion in motions.values():
            status = latest.get(motion.pk, (MotionStatus.INGEDIEND, None))[0]
            if motion.status != status:
                motion.status = status
                changed.append(motion)
        if changed:
            bulk_update_with_history(
                changed, Motion, ["status"], batch_size=500, default_change_reason=REASON, manager=Motion.all_objects
            )
        adopted = [m for m in motions.values() if m.status == MotionStatus.AANGENOMEN]
        with_obligation = set(Commitment.all_objects.filter(motion__in=adopted).values_list("motion_id", flat=True))
        # A later decision undid the adoption (a second vote): its obligation lapses, with the reason.
        undone = Commitment.objects.filter(
            motion__in=[m for m in motions.values() if m.status != MotionStatus.AANGENOMEN],
            status__in=CommitmentStatus.open_values(),
        )
        if undone:
            mark_lapsed(undone, reason=f"{REASON}: de motie is bij een latere stemming niet aangenomen")
        ensure_motion_obligations(
            [(motion, latest[motion.pk][1]) for motion in adopted if motion.pk not in with_obligation],
            reason=f"{REASON}: motie aangenomen",
            calendar=self.recess_calendar,
        )

    def _stemming(self, records: Page, summary: Summary) -> None:
        decisions = {
            str(key): value
            for key, value in MotionStatusChange.objects.in_bulk(
                [r["Besluit_Id"] for r in records if _is_uuid(r.get("Besluit_Id"))], field_name="tk_id"
            ).items()
        }
        parties = {
            str(key): value
            for key, value in Party.objects.filter(
                tk_id__in=[r["Fractie_Id"] for r in records if _is_uuid(r.get("Fractie_Id"))]
            ).values_list("tk_id", "pk")
        }
        people = {
            str(key): value
            for key, value in Person.objects.filter(
                tk_id__in=[r["Persoon_Id"] for r in records if _is_uuid(r.get("Persoon_Id"))]
            ).values_list("tk_id", "pk")
        }

        def item(record: Record) -> Incoming | None:
            if not record.get("Besluit_Id"):
                summary.skip("vote without its Besluit_Id")
                return None
            decision = decisions.get(str(record["Besluit_Id"]))
            if decision is None:
                summary.skip("its decision is not linked to a motion held here")
                return None
            # A roll call has one record per member: it carries one seat (FractieGrootte is the party's size).
            by_member = bool(record.get("Persoon_Id") or record.get("SidActorLid"))
            seats = 1 if by_member else record.get("FractieGrootte")
            fields = {
                "decision_id": decision.pk,
                "party_id": parties.get(str(record.get("Fractie_Id"))) or self.party_id(record.get("ActorFractie")),
                "person_id": people.get(str(record.get("Persoon_Id"))),
                "actor_name": mapping.text(record.get("ActorNaam") or record.get("ActorFractie"), 200),
                "party_name": mapping.text(record.get("ActorFractie"), 100),
                "choice": mapping.vote_choice(record.get("Soort")),
                "seats": int(seats) if seats is not None else None,
                "mistake": bool(record.get("Vergissing")),
            }
            return Incoming(mapping.record_id(record), mapping.changed_at(record), fields)

        self.tables["Stemming"].upsert(self._map(records, summary, item), summary)

    # -- toezeggingen

    def _toezegging(self, records: Page, summary: Summary) -> None:
        for record in records:
            try:
                with transaction.atomic():
                    self._one_toezegging(record, summary)
            except (Malformed, ValidationError, KeyError, TypeError, ValueError) as error:
                summary.reject(record.get("Id"), str(error))

    def _one_toezegging(self, record: Record, summary: Summary) -> None:
        tk_id = mapping.record_id(record)
        moment = mapping.changed_at(record)
        commitment = Commitment.all_objects.filter(tk_id=tk_id).first()
        if commitment is not None and moment and commitment.tk_changed_at and moment <= commitment.tk_changed_at:
            summary.unchanged += 1
            return
        made_on = mapping.local_date(record.get("Aanmaakdatum"))
        due = mapping.local_date(record.get("DatumNakoming"))
        for value in (made_on, due):
            clock.validate_date_in_range(value)
        person, ministry = self._bewindspersoon(record)
        fields: dict[str, Any] = {
            "number": mapping.text(record.get("Nummer"), 30),
            "text": " ".join(str(record.get("Tekst") or "").split()),
            "status": mapping.commitment_status(record.get("Status")),
            "made_on": made_on,
            "bewindspersoon_id": person.pk if person else None,
            "ministry_id": ministry.pk if ministry else None,
            "source_activity_id": self._activity_of(record),
        }
        if not fields["text"]:
            raise Malformed("toezegging without a text")
        if person is not None and ministry is not None:
            fields["office_id"] = self._office(person, ministry, record.get("Functie"), made_on)
        if commitment is None:
            commitment = Commitment.all_objects.filter(number=fields["number"], tk_id__isnull=True).first()
        if commitment is None:
            commitment = Commitment(kind=CommitmentKind.TOEZEGGING, tk_id=tk_id, tk_changed_at=moment, **fields)
            commitment.tk_values = {name: _json(value) for name, value in fields.items()}
            if due is None:
                commitment.deadline_phrase = term_named_in(
                    commitment.text, made_on, commitment.chamber, self.recess_calendar
                )
                save_with_deadline(commitment, reason=REASON, calendar=self.calendar)
            else:
                # The register's own date: kept as the Kamer records it (no phrase decides it).
                commitment.due_date = due
                save_with_reason(commitment, REASON)
            summary.created += 1
        else:
            conflicts: list[tuple[Any, str, Any, Any]] = []
            commitment.tk_id = tk_id
            changed = Table(Commitment, "Toezegging")._apply(commitment, Incoming(tk_id, moment, fields), conflicts)
            commitment.tk_changed_at = moment
            if due is not None and commitment.due_date != due and not commitment.due_date_overridden:
                commitment.due_date = due
                changed.append("due_date")
            save_with_reason(commitment, REASON)
            summary.conflicts += Table(Commitment, "Toezegging")._record_conflicts(conflicts)
            if changed:
                summary.updated += 1
            else:
                summary.unchanged += 1
        self._relations(commitment, record)
        self._recipients(commitment, record)
        self._closing_letters(commitment, record, summary)

    @staticmethod
    def _recipients(commitment: Commitment, record: Record) -> None:
        """The member or party the promise was made to (`toegezegdAanPersoon` / `toegezegdAanFractie`)."""
        for keys, model, field_name in (
            (("toegezegdAanPersoon", "ToegezegdAanPersoon_Id", "Persoon_Id"), Person, "person"),
            (("toegezegdAanFractie", "ToegezegdAanFractie_Id", "Fractie_Id"), Party, "party"),
        ):
            value = next((record[key] for key in keys if record.get(key)), None)
            if not _is_uuid(value):
                continue
            target = model.objects.filter(tk_id=value).first()
            if target is None or commitment.recipients.filter(**{field_name: target}).exists():
                continue
            save_with_reason(CommitmentRecipient(commitment=commitment, **{field_name: target}), REASON)

    @staticmethod
    def _closing_letters(commitment: Commitment, record: Record, summary: Summary) -> None:
        """`kamerbriefNakoming` (the live feed may repeat it): the letters that fulfilled the promise."""
        value = record.get("kamerbriefNakoming") or record.get("KamerbriefNakoming")
        numbers = value if isinstance(value, list) else [value] if value else []
        status = CommitmentStatus.from_register(str(record.get("Status") or ""))
        fulfilment = {
            CommitmentStatus.VOLDAAN: Fulfilment.FULL,
            CommitmentStatus.DEELS_VOLDAAN: Fulfilment.PARTIAL,
        }.get(status or CommitmentStatus.OPENSTAAND)
        for number in numbers:
            letter = Document.objects.filter(document_number=str(number)).first()
            if letter is None or fulfilment is None:
                summary.skip("closing letter not held here, or the register does not call it fulfilled")
                continue
            if not commitment.closures.filter(document=letter).exists() and letter.date is not None:
                close_with_letter([commitment], letter, fulfilment, note=REASON)

    def _bewindspersoon(self, record: Record) -> tuple[Person | None, Ministry | None]:
        name, full_name = mapping.name_from_register(record.get("Naam"))
        person = None
        if name:
            person = Person.objects.filter(name__iexact=name).first()
            if person is None:
                person = Person(name=name, full_name=full_name)
                save_with_reason(person, REASON)
        wanted = str(record.get("Ministerie") or "") or mapping.ministry_name(record.get("Functie"))
        ministry = None
        if wanted:
            ministry = (
                Ministry.objects.filter(abbreviation__iexact=wanted).first()
                or Ministry.objects.filter(name__iexact=wanted).first()
                or Ministry.objects.filter(name__icontains=wanted).first()
            )
        return person, ministry

    @staticmethod
    def _office(person: Person, ministry: Ministry, functie: Any, made_on: datetime.date | None) -> int | None:
        function = mapping.office_function(functie)
        if function is None:
            return None
        office = Office.objects.filter(person=person, ministry=ministry, function=function).first()
        if office is None:
            office = Office(person=person, ministry=ministry, function=function, title=mapping.text(functie, 200))
            save_with_reason(office, REASON)
        return office.pk

    @staticmethod
    def _activity_of(record: Record) -> int | None:
        activity_id = mapping.optional_uuid(record.get("Activiteit_Id"))
        query = Activity.objects.filter(tk_id=activity_id) if activity_id else None
        if query is None and record.get("ActiviteitNummer"):
            query = Activity.objects.filter(number=str(record["ActiviteitNummer"]))
        found = query.values_list("pk", flat=True).first() if query is not None else None
        return found

    @staticmethod
    def _relations(commitment: Commitment, record: Record) -> None:
        for key, kind in (
            ("isAanvullingOp", RelationKind.SUPPLEMENTS),
            ("isHerhalingVan", RelationKind.REPEATS),
            ("isWijzigingVan", RelationKind.CHANGES),
        ):
            value = record.get(key) or record.get(f"{key[0].upper()}{key[1:]}_Id")
            if not value:
                continue
            other = (
                Commitment.all_objects.filter(tk_id=value).first()
                if _is_uuid(value)
                else Commitment.all_objects.filter(number=str(value)).first()
            )
            if other is None or other.pk == commitment.pk:
                continue
            if not CommitmentRelation.objects.filter(from_commitment=commitment, to_commitment=other).exists():
                save_with_reason(CommitmentRelation(from_commitment=commitment, to_commitment=other, kind=kind), REASON)


def _found_or_made(cache: dict[Any, int], key: Any, find: Callable[[], Any], make: Callable[[], Any]) -> int:
    """The pk of a body the Kamer's records name (a party, committee, dossier): found, or made once."""
    if key not in cache:
        found = find()
        if found is None:
            found = make()
            save_with_reason(found, REASON)
        cache[key] = found.pk
    return cache[key]


def _changed_at_or_none(record: Record) -> datetime.datetime | None:
    try:
        return mapping.changed_at(record)
    except Malformed:
        return None


_UUID = re.compile(r"[0-9a-fA-F]{8}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{12}")


def _is_uuid(value: Any) -> bool:
    """Whether `value` is an Id (a regular expression: the sync asks this of every record)."""
    return isinstance(value, str | uuid.UUID) and _UUID.fullmatch(str(value)) is not None


def _slug_of(identifier: str) -> str:
    """`kst-33997-183` → `33997-183` (our Kamerstuk identifier)."""
    return identifier[4:] if identifier.lower().startswith("kst-") else identifier


def _people_by_name() -> dict[str, Person]:
    """Members by the name the papers write under a motion; a name two members share matches neither."""
    found: dict[str, Person] = {}
    shared = set()
    for person in Person.objects.all():
        key = person.name.casefold()
        if key in found:
            shared.add(key)
        found[key] = person
    return {key: person for key, person in found.items() if key not in shared}


_CLOSING = ("en gaat over tot de orde van de dag",)


def _signer_names(paragraphs: tuple[str, ...]) -> list[str]:
    """The names under a motion's text: the paragraphs after "en gaat over tot de orde van de dag"."""
    for index, paragraph in enumerate(paragraphs):
        if any(closing in paragraph.lower() for closing in _CLOSING):
            return [" ".join(name.split()) for name in paragraphs[index + 1 :] if 0 < len(name) <= 80]
    return []
