"""What each export reads: one query of cells over the rows its filters select.

The cells are SQL (`columns`). What Python writes for those rows, a paper's citation
(`document_citation`) and the labels of recipients, signers and closing letters, is computed
first, in one pass over each related table, into temporary tables the cells join
(`models.exports`). They are created inside the export's transaction and dropped at its end; a
failure rolls them back with everything else.
"""

import io
import itertools
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager

from django.db import connections, transaction
from django.db.models import Case, F, IntegerField, QuerySet, Value, When

from ..models import (
    CITATION_FIELDS,
    EXPORT_TABLES,
    Closure,
    Commitment,
    CommitmentRecipient,
    Document,
    ExportCitation,
    ExportLetters,
    ExportRecipients,
    ExportSigners,
    Motion,
    MotionSigner,
    SignerRole,
    document_citation,
)
from .columns import SEPARATOR, Column, ExportContext, cells, member_label, recipient_label

# Rows per fetch of the papers' citation fields, and per batch of citations loaded.
BATCH_SIZE = 5000

# The indiener first, then the medeindieners in their order (then by id).
INDIENER_FIRST = Case(When(role=SignerRole.INDIENER, then=Value(0)), default=Value(1), output_field=IntegerField())


def commitment_export_queryset(day):
    """The commitments an export starts from (its filters narrow it): overdue computed for `day`."""
    return Commitment.objects.with_overdue(day)


def motion_export_queryset():
    """The motions an export starts from, with the seats for and against of their latest vote."""
    return Motion.objects.with_vote_totals()


class ExportRows:
    """The rows of one export: `queryset` (filtered and ordered), and how to prepare what its
    cells read besides its own columns (`prepare_commitments`, `prepare_motions`)."""

    def __init__(self, queryset: QuerySet, prepare: Callable[[QuerySet], None]):
        self.queryset = queryset.prefetch_related(None)
        self.prepare = prepare

    @property
    def db(self) -> str:
        return self.queryset.db

    @contextmanager
    def cells(self, columns: list[Column], context: ExportContext) -> Iterator[QuerySet]:
        """In one transaction: the temporary tables filled, then the query of the cells (a
        `values_list` of `columns`, in the queryset's order). The tables are dropped after."""
        with transaction.atomic(using=self.db):
            with connections[self.db].cursor() as cursor:
                if cursor.db.vendor == "postgresql":
                    # For this transaction only: the labels are grouped by sorting their rows (half
                    # a million at a million commitments) in memory, not on disk; the papers' rows
                    # are read through a cursor, which PostgreSQL would otherwise plan for its first
                    # rows (nested loops) rather than for all of them; compiling the queries to
                    # machine code (JIT) costs more than it saves on these.
                    cursor.execute("SET LOCAL work_mem = '64MB'")
                    cursor.execute("SET LOCAL cursor_tuple_fraction = 1.0")
                    cursor.execute("SET LOCAL jit = off")
                for model in EXPORT_TABLES:
                    cursor.execute(f"DROP TABLE IF EXISTS {model._meta.db_table}")
                    cursor.execute(_create_temporary_table(model, connections[self.db]))
            self.prepare(self.queryset)
            selected = cells(columns, context)
            yield self.queryset.annotate(**selected).values_list(*selected)
            # On an error the transaction's rollback drops them (DDL is transactional in both).
            with connections[self.db].cursor() as cursor:
                for model in EXPORT_TABLES:
                    cursor.execute(f"DROP TABLE {model._meta.db_table}")


def prepare_commitments(queryset: QuerySet) -> None:
    """Citations of the papers the commitments cite; their recipients and closing letters."""
    db = queryset.db
    chosen = queryset.order_by().values("pk")
    closures = Closure.objects.using(db).filter(commitment__in=chosen)
    _cite(
        [
            queryset.order_by().values("source_document"),
            queryset.order_by().values("motion__document"),
            closures.values("document"),
        ],
        db,
    )
    recipients = CommitmentRecipient.objects.using(db).filter(commitment__in=chosen)
    labelled = recipients.values("commitment_id", "id", label=recipient_label("person", "party"))
    _join_into(ExportRecipients, labelled, "commitment_id", ("id",))
    _letters_into(closures)


def prepare_motions(queryset: QuerySet) -> None:
    """Citations of the motions' Kamerstukken and closing letters; signers; their obligations' letters."""
    db = queryset.db
    chosen = queryset.order_by().values("pk")
    closures = Closure.objects.using(db).filter(commitment__motion__in=chosen)
    _cite([queryset.order_by().values("document"), closures.values("document")], db)
    signers = MotionSigner.objects.using(db).filter(motion__in=chosen).annotate(indiener_first=INDIENER_FIRST)
    labelled = signers.values("motion_id", "indiener_first", "order", "id", label=member_label("person", "party"))
    _join_into(ExportSigners, labelled, "motion_id", ("indiener_first", "order", "id"))
    _letters_into(closures)


def _letters_into(closures: QuerySet) -> None:
    """`ExportLetters`: per commitment, its closing letters' citations oldest first, the last date."""
    letters = closures.values("commitment_id", "closed_on", "id", label=F("document__export_citation__citation"))
    _join_into(ExportLetters, letters, "commitment_id", ("closed_on", "id"), greatest="closed_on")


def _join_into(model, labelled: QuerySet, key: str, order: tuple[str, ...], greatest: str | None = None) -> None:
    """Fill `model`'s table from `labelled` (values: `key`, the fields in `order`, `label`): one
    row per key, its labels joined by SEPARATOR in that order (and the greatest `greatest`)."""
    connection = connections[labelled.db]
    quote = connection.ops.quote_name
    sql, params = labelled.order_by().query.get_compiler(using=labelled.db).as_sql()
    in_order = ", ".join(quote(name) for name in order)
    if connection.vendor == "postgresql":
        joined = f"string_agg(labelled.label, %s ORDER BY {in_order})"
    else:
        # SQLite before 3.44 has no ORDER BY in an aggregate: group_concat joins in the order the
        # rows come, which the subquery sets.
        joined = "group_concat(labelled.label, %s)"
        sql = f"{sql} ORDER BY {quote(key)}, {in_order}"
    select = [quote(key), joined] + ([f"MAX({quote(greatest)})"] if greatest else [])
    columns = ", ".join(quote(field.column) for field in model._meta.local_fields)
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {quote(model._meta.db_table)} ({columns}) "
            f"SELECT {', '.join(select)} FROM ({sql}) labelled WHERE labelled.label IS NOT NULL GROUP BY {quote(key)}",
            [SEPARATOR, *params],
        )
        _analyze(cursor, model)


def _cite(papers: list[QuerySet], db: str) -> None:
    """{document id: its citation} for the documents among `papers` (subqueries of document ids),
    also loaded into `ExportCitation`.

    One query per subquery: PostgreSQL joins each with the documents by hashing; their OR, or their
    UNION, cost seconds at a million commitments (subplans per document, a sort of every id).
    """
    cited: dict[int, str] = {}
    for ids in papers:
        rows = Document.all_objects.using(db).filter(pk__in=ids).order_by().values_list("pk", *CITATION_FIELDS)
        for pk, *parts in rows.iterator(chunk_size=BATCH_SIZE):
            if pk not in cited:
                cited[pk] = document_citation(*parts)
    _load(ExportCitation, ("document_id", "citation"), cited.items(), db)


# ---------------------------------------------------------------- temporary tables


def _create_temporary_table(model, connection) -> str:
    quote = connection.ops.quote_name
    columns = ", ".join(
        f"{quote(field.column)} {field.db_type(connection)}{' PRIMARY KEY' if field.primary_key else ''}"
        for field in model._meta.local_fields
    )
    return f"CREATE TEMPORARY TABLE {quote(model._meta.db_table)} ({columns})"


def _load(model, columns: tuple[str, ...], rows: Iterable[tuple], db: str) -> None:
    """Insert `rows` into a temporary table, in batches (COPY on PostgreSQL)."""
    connection = connections[db]
    table = model._meta.db_table
    with connection.cursor() as cursor:
        for batch in _batched(rows):
            if connection.vendor == "postgresql":
                text = "".join("\t".join(map(_copy_value, row)) + "\n" for row in batch)
                cursor.copy_expert(f"COPY {table} ({', '.join(columns)}) FROM STDIN", io.StringIO(text))
            else:
                placeholders = ", ".join(["%s"] * len(columns))
                cursor.executemany(f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({placeholders})", batch)
        _analyze(cursor, model)


def _analyze(cursor, model) -> None:
    if cursor.db.vendor == "postgresql":
        # Autovacuum never analyses a temporary table: without this the planner guesses its size.
        cursor.execute(f"ANALYZE {model._meta.db_table}")


def _batched(rows: Iterable[tuple]) -> Iterator[list[tuple]]:
    iterator = iter(rows)
    while batch := list(itertools.islice(iterator, BATCH_SIZE)):
        yield batch


_COPY_ESCAPES = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})


def _copy_value(value) -> str:
    """A value in COPY's text format: NULL as \\N, backslash and control characters escaped."""
    if value is None:
        return "\\N"
    return str(value).translate(_COPY_ESCAPES)
