"""What each CSV export writes, column by column, defined once.

A column is a header and its cell: an SQL expression over the export's rows, built for the
context (what is the same for the whole file: the request, for absolute URLs, and the day the
figures are computed for). One query then selects every cell, so PostgreSQL can write the file
itself (COPY, `csv`) and SQLite's rows go to Python's csv writer as they come: the same cells.

Text cells go through `text()`: a cell a spreadsheet would run as a formula gets a leading quote,
and an empty text is NULL (PostgreSQL's CSV writes an empty string as `""`, Python's as nothing).
What joins several rows (recipients, signers, closing letters) or needs Python (a paper's
citation, which speaks the reader's language) is computed per export into temporary tables
(`rows`, `models.exports`) the cells read as relations.
The rappel's columns are commitment columns plus a few of its own.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property

from django.db.models import Case, CharField, F, TextField, Value, When
from django.db.models.expressions import Func
from django.db.models.functions import Cast, Coalesce, Concat, Left, NullIf
from django.db.models.lookups import In
from django.http import HttpRequest

from ..models import Commitment, DeadlineSource, Dossier, Motion, days_late_expression
from .csv import FORMULA_PREFIXES

PLENARY = "Plenair"
SEPARATOR = "; "

# Identifiers (ids, Zaak numbers, paper slugs) stand in a URL as they are: no quoting needed.
_PLACEHOLDER = "918273645"


@dataclass(frozen=True)
class ExportContext:
    request: HttpRequest
    # The day "overdue" and "days late" are computed for: today, or the rappel's cut-off.
    day: datetime.date

    def absolute_url(self, obj) -> str:
        return self.request.build_absolute_uri(obj.get_absolute_url())

    @cached_property
    def commitment_url(self) -> tuple[str, str]:
        """A commitment's absolute URL around its id: (before, after)."""
        return self._around_placeholder(Commitment(pk=int(_PLACEHOLDER)))

    @cached_property
    def motion_url(self) -> tuple[str, str]:
        """A motion's absolute URL around its identifier: (before, after)."""
        return self._around_placeholder(Motion(zaak=_PLACEHOLDER))

    def _around_placeholder(self, obj) -> tuple[str, str]:
        # The absolute URL of one object, once per file (the models' get_absolute_url decides it),
        # split around its key: each row's URL is then a concatenation in SQL, not a reverse().
        prefix, _placeholder, suffix = self.absolute_url(obj).rpartition(_PLACEHOLDER)
        return prefix, suffix


@dataclass(frozen=True)
class Column:
    header: str
    cell: Callable[[ExportContext], Func | F | Value | Case]


def text_column(header: str, path: str) -> Column:
    """A column writing a text field (`path`, across relations) as it is, through `text()`."""
    return Column(header, lambda context: text(F(path)))


def select(columns: list[Column], *headers: str) -> list[Column]:
    """The columns named `headers`, in that order (a KeyError names a header that does not exist)."""
    by_header = {column.header: column for column in columns}
    return [by_header[header] for header in headers]


def cells(columns: list[Column], context: ExportContext) -> dict:
    """{alias: expression} of the columns' cells, in their order (aliases that name no field)."""
    return {f"export_cell_{index}": column.cell(context) for index, column in enumerate(columns)}


# ------------------------------------------------------------------ cell formats (SQL)


def text(expression):
    """A text cell: a leading quote before a formula prefix (OWASP "CSV injection"); NULL when empty.

    Only text is neutralised: numbers are written as numbers (dagen_te_laat is never negative).
    """
    neutralised = Case(
        When(In(Left(expression, 1), list(FORMULA_PREFIXES)), then=Concat(Value("'"), expression)),
        default=expression,
        output_field=TextField(),
    )
    return NullIf(neutralised, Value(""), output_field=TextField())


class IsoDate(Func):
    """A date as ISO text, 2026-11-22 (NULL stays NULL)."""

    output_field = CharField()
    template = "to_char(%(expressions)s, 'YYYY-MM-DD')"

    def as_sqlite(self, compiler, connection, **extra):
        return self.as_sql(compiler, connection, template="%(expressions)s", **extra)  # stored as ISO text


def _url(around: tuple[str, str], key):
    before, after = around
    return Concat(Value(before), Cast(key, CharField()), Value(after), output_field=CharField())


def member_label(person: str, party: str):
    """A member as the Kamer writes one: "Wörsdörfer (VVD)", or the name alone without a party
    (`person` and `party`: paths to the Person and the Party)."""
    name = F(f"{person}__name")
    return Case(
        When(**{f"{party}__isnull": True}, then=name),
        default=Concat(name, Value(" ("), F(f"{party}__abbreviation"), Value(")")),
        output_field=TextField(),
    )


def recipient_label(person: str, party: str):
    """ "Name (Fractie)" for a member, the abbreviation alone for a party."""
    return Case(
        When(**{f"{person}__isnull": True}, then=F(f"{party}__abbreviation")),
        default=member_label(person, party),
        output_field=TextField(),
    )


# ------------------------------------------------------------------ commitments


def _commitment_number():
    # A motion obligation rarely has its own register number: the motion's Kamerstuk identifies it.
    return Case(
        When(
            number="",
            motion__isnull=False,
            then=Motion.paper_else_zaak_expression(F("motion__document__export_citation__citation"), F("motion__zaak")),
        ),
        default=F("number"),
        output_field=CharField(),
    )


def _source():
    """Where a commitment was made: the document's citation, else the activity's title."""
    return Coalesce(
        F("source_document__export_citation__citation"), F("source_activity__title"), output_field=TextField()
    )


COMMITMENT_COLUMNS = [
    Column("id", lambda context: F("id")),
    Column("nummer", lambda context: text(_commitment_number())),
    text_column("soort", "kind"),
    text_column("tekst", "text"),
    Column("datum", lambda context: IsoDate("made_on")),
    # Names of related rows: empty without one.
    text_column("bewindspersoon", "bewindspersoon__name"),
    text_column("functie", "office__title"),
    text_column("ministerie", "ministry__abbreviation"),
    Column("commissie", lambda context: text(Coalesce(F("committee__name"), Value(PLENARY)))),
    text_column("toegezegd_aan", "export_recipients__labels"),
    Column("bron", lambda context: text(_source())),
    Column("dossier", lambda context: text(Dossier.slug_expression("dossier"))),
    text_column("termijn", "deadline_phrase"),
    Column("deadline", lambda context: IsoDate("due_date")),
    text_column("status", "status"),
    # Empty when not overdue on the context's day.
    Column("dagen_te_laat", lambda context: days_late_expression(context.day)),
    text_column("afgedaan_met", "export_letters__labels"),
    Column("afgedaan_op", lambda context: IsoDate("export_letters__last_closed_on")),
    Column("url", lambda context: _url(context.commitment_url, F("id"))),
]


# The rappel list for a ministry: commitment columns, the deadline's origin, and the cut-off.
RAPPEL_COLUMNS = [
    *select(
        COMMITMENT_COLUMNS,
        "id",
        "nummer",
        "ministerie",
        "bewindspersoon",
        "tekst",
        "datum",
        "bron",
        "termijn",
        "deadline",
    ),
    Column(
        "herkomst_deadline",
        lambda context: text(
            Case(
                When(due_date_overridden=True, then=Value(DeadlineSource.OVERRIDE.value)),
                default=Value(DeadlineSource.DERIVED.value),
                output_field=CharField(),
            )
        ),
    ),
    text_column("toelichting_deadline", "deadline_explanation"),
    *select(COMMITMENT_COLUMNS, "status"),
    Column("peildatum", lambda context: Value(context.day.isoformat(), output_field=CharField())),
    *select(COMMITMENT_COLUMNS, "dagen_te_laat", "url"),
]


# ---------------------------------------------------------------------- motions


def _of_obligation(path: str):
    # Empty without an obligation to carry the motion out (the join then gives NULL).
    return F(f"obligation__{path}")


MOTION_COLUMNS = [
    Column("id", lambda context: F("id")),
    Column(
        "nummer",
        lambda context: text(Motion.paper_else_zaak_expression(F("document__export_citation__citation"), F("zaak"))),
    ),
    text_column("titel", "title"),
    text_column("indieners", "export_signers__labels"),
    Column("datum", lambda context: IsoDate("filed_on")),
    text_column("status", "status"),
    text_column("kabinetsappreciatie", "kabinetsappreciatie"),
    text_column("dictum", "dictum"),
    Column("uitvoering_status", lambda context: text(_of_obligation("status"))),
    Column("deadline", lambda context: IsoDate(_of_obligation("due_date"))),
    Column("afgedaan_met", lambda context: text(_of_obligation("export_letters__labels"))),
    Column(
        "url",
        lambda context: _url(
            context.motion_url, Motion.paper_else_zaak_expression(F("document__identifier"), F("zaak"))
        ),
    ),
    text_column("zaak", "zaak"),
    # `MotionQuerySet.with_vote_totals()`: the latest decision with votes; empty (None) without.
    Column("stemmen_voor", lambda context: F("seats_for")),
    Column("stemmen_tegen", lambda context: F("seats_against")),
]
