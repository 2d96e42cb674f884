"""What each export reads: plain values, not model instances, in chunks.

A row is a named tuple: the values of one `values_list` query (read through a server-side cursor
on PostgreSQL), plus what belongs to it in other tables, read once per chunk of rows (one query
each, whatever the chunk's size) and resolved to what the columns write: papers as their
citations (`Document`'s one `document_citation`), recipients and signers as (name, party).
Building model instances cost four fifths of the export's time; this reads the same values.
"""

import itertools
from collections import defaultdict, namedtuple

from django.db import connections, transaction
from django.db.models import Case, IntegerField, Value, When
from django.db.models.expressions import RawSQL

from ..models import (
    CITATION_FIELDS,
    Closure,
    Commitment,
    CommitmentRecipient,
    Document,
    Motion,
    MotionSigner,
    SignerRole,
    document_citation,
)

# Rows per chunk: the rows of one fetch from the cursor, and of one query per related table.
CHUNK_SIZE = 2000

COMMITMENT_FIELDS = (
    "id",
    "number",
    "kind",
    "text",
    "made_on",
    "bewindspersoon__name",
    "office__title",
    "ministry__abbreviation",
    "committee__name",
    "source_document_id",
    "source_activity__title",
    "dossier__number",
    "dossier__suffix",
    "deadline_phrase",
    "due_date",
    "status",
    "overdue_by",  # the `with_overdue(day)` annotation
    "due_date_overridden",
    "deadline_explanation",
    "motion_id",
    "motion__document_id",
    "motion__zaak",
)
# Resolved per chunk: the source document's and the motion's Kamerstuk's citations (None without
# one), the recipients as (member's name or None, party abbreviation or None), and the closures
# as (closed on, letter's citation), oldest first.
CommitmentRow = namedtuple(
    "CommitmentRow", (*COMMITMENT_FIELDS, "source_citation", "motion_citation", "recipients", "closures")
)

MOTION_FIELDS = (
    "id",
    "document_id",
    "document__identifier",
    "zaak",
    "title",
    "filed_on",
    "status",
    "kabinetsappreciatie",
    "dictum",
    "obligation__id",
    "obligation__status",
    "obligation__due_date",
    "seats_for",  # the `with_vote_totals()` annotations
    "seats_against",
)
# Resolved per chunk: the Kamerstuk's citation (None without one), the signers as (name, party
# abbreviation or None), indiener first, and the obligation's closures as (closed on, citation).
MotionRow = namedtuple("MotionRow", (*MOTION_FIELDS, "document_citation", "signers", "closures"))

# The indiener first, then the medeindieners in their order.
SIGNER_ORDER = (
    Case(When(role=SignerRole.INDIENER, then=Value(0)), default=Value(1), output_field=IntegerField()),
    "order",
    "pk",
)


def commitment_export_queryset(day):
    """The commitments an export starts from (its filters narrow it): overdue computed for `day`."""
    return Commitment.objects.with_overdue(day)


def motion_export_queryset():
    """The motions an export starts from, with the seats for and against of their latest vote."""
    return Motion.objects.with_vote_totals()


def commitment_rows(queryset):
    """A `CommitmentRow` for each commitment of `queryset`, in its order.

    Per chunk: one fetch, one query each for the recipients, the closures and the papers cited.
    """
    index = {name: COMMITMENT_FIELDS.index(name) for name in ("id", "source_document_id", "motion__document_id")}
    new = tuple.__new__
    for chunk, db in _chunks(queryset, COMMITMENT_FIELDS):
        ids = [values[index["id"]] for values in chunk]
        recipients = _grouped(
            _among(CommitmentRecipient.objects.using(db), "commitment_id", ids).values_list(
                "commitment_id", "person__name", "party__abbreviation"
            )
        )
        closures = _grouped(
            _among(Closure.objects.using(db), "commitment_id", ids).values_list(
                "commitment_id", "closed_on", "document_id"
            )
        )
        papers = {values[index["source_document_id"]] for values in chunk}
        papers.update(values[index["motion__document_id"]] for values in chunk)
        papers.update(document for rows in closures.values() for _closed_on, document in rows)
        cited = _citations(papers, db)
        for values in chunk:
            pk = values[index["id"]]
            yield new(
                CommitmentRow,
                (
                    *values,
                    cited.get(values[index["source_document_id"]]),
                    cited.get(values[index["motion__document_id"]]),
                    recipients.get(pk, ()),
                    [(closed_on, cited[document]) for closed_on, document in closures.get(pk, ())],
                ),
            )


def motion_rows(queryset):
    """A `MotionRow` for each motion of `queryset`, in its order.

    Per chunk: one fetch, one query each for the signers, the obligations' closures and the papers.
    """
    index = {name: MOTION_FIELDS.index(name) for name in ("id", "document_id", "obligation__id")}
    new = tuple.__new__
    for chunk, db in _chunks(queryset, MOTION_FIELDS):
        signers = _grouped(
            _among(MotionSigner.objects.using(db), "motion_id", [values[index["id"]] for values in chunk])
            .order_by(*SIGNER_ORDER)
            .values_list("motion_id", "person__name", "party__abbreviation")
        )
        obligations = [values[index["obligation__id"]] for values in chunk if values[index["obligation__id"]]]
        closures = _grouped(
            _among(Closure.objects.using(db), "commitment_id", obligations).values_list(
                "commitment_id", "closed_on", "document_id"
            )
        )
        papers = {values[index["document_id"]] for values in chunk}
        papers.update(document for rows in closures.values() for _closed_on, document in rows)
        cited = _citations(papers, db)
        for values in chunk:
            yield new(
                MotionRow,
                (
                    *values,
                    cited.get(values[index["document_id"]]),
                    signers.get(values[index["id"]], ()),
                    [
                        (closed_on, cited[document])
                        for closed_on, document in closures.get(values[index["obligation__id"]], ())
                    ],
                ),
            )


def _chunks(queryset, fields):
    """(list of value tuples, database alias) per chunk of `queryset`'s rows, read in one transaction.

    In a transaction, PostgreSQL's server-side cursor streams the rows as the query finds them
    (outside one it is declared WITH HOLD and the whole result is stored before the first row).
    """
    values = queryset.prefetch_related(None).values_list(*fields)
    with transaction.atomic(using=values.db):
        rows = values.iterator(chunk_size=CHUNK_SIZE)
        try:
            while chunk := list(itertools.islice(rows, CHUNK_SIZE)):
                yield chunk, values.db
        finally:
            rows.close()  # the cursor, before the transaction ends (also when the client goes away)


def _among(queryset, field, ids):
    """The rows of `queryset` whose `field` is one of `ids` (a chunk's: thousands).

    On PostgreSQL the ids go as one array parameter: Django's `__in` prepares and binds each id
    in Python, which took longer than writing the rows.
    """
    if connections[queryset.db].vendor == "postgresql":
        return queryset.filter(**{f"{field}__in": RawSQL("SELECT unnest(%s::integer[])", [list(ids)])})
    return queryset.filter(**{f"{field}__in": ids})


def _grouped(values_list):
    """{first value: [the rest of each row, in the query's order]}."""
    groups = defaultdict(list)
    for row in values_list:
        groups[row[0]].append(row[1:])
    return groups


def _citations(document_ids, db):
    """{document id: its citation} for the documents among `document_ids` (None is left out)."""
    document_ids.discard(None)
    papers = _among(Document.all_objects.using(db), "pk", document_ids).order_by()
    return {pk: document_citation(*parts) for pk, *parts in papers.values_list("pk", *CITATION_FIELDS)}
