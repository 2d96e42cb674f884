"""CSV exports of commitments and motions, for analysts and spreadsheets.

Both exports take the same filter parameters as the pages they mirror, answer 400 on an
invalid value (never "every row"), stream every matching row in constant memory and a fixed
number of queries, and neutralise cells a spreadsheet would run as a formula.

The columns are defined once, in `COMMITMENT_COLUMNS` and `MOTION_COLUMNS`;
the README describes them and the tests check it against these lists.
"""
import csv
from dataclasses import dataclass

import django_filters
from django.core.exceptions import ValidationError
from django.db.models import Case, IntegerField, Prefetch, Value, When
from django.http import HttpResponseBadRequest, StreamingHttpResponse
from django.utils.http import content_disposition_header
from django.utils.text import slugify
from django.utils.translation import gettext, gettext_lazy as _

from . import selectors
from .citations import CitationError, parse_dossier
from .filters import bound_filter_or_error, invalid_filter_response
from .models import Closure, Commitment, CommitmentRecipient, Motion, MotionSigner
from .querysets import ROW_RELATIONS

# Rows fetched per query; with prefetches, each chunk costs one query per prefetch.
CHUNK_SIZE = 2000

# A cell starting with one of these is run as a formula by Excel or LibreOffice (OWASP "CSV
# injection"). Such a cell gets a leading single quote. Only text is neutralised: numbers are
# written as numbers (dagen_te_laat is never negative), and so are dates (ISO, start with a digit).
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")

PLENARY = "Plenair"
SEPARATOR = "; "


@dataclass(frozen=True)
class Dialect:
    delimiter: str
    bom: bool


DIALECTS = {
    # RFC 4180: comma, UTF-8 without BOM, CRLF line ends (the csv module's default).
    "rfc4180": Dialect(delimiter=",", bom=False),
    # Excel with Dutch regional settings expects semicolons, and a BOM to read UTF-8.
    "excel": Dialect(delimiter=";", bom=True),
}
DEFAULT_DIALECT = "rfc4180"


def neutralise(value):
    """A cell value safe for spreadsheets: None -> "", dangerous text gets a leading quote."""
    if value is None:
        return ""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


# ------------------------------------------------------------------ cell formats


def _iso(day):
    return day.isoformat() if day else ""


def _joined(values):
    return SEPARATOR.join(value for value in values if value)


def _member(person, party):
    """A member as the Kamer writes one: "Wörsdörfer (VVD)", or the name alone without a party."""
    return f"{person.name} ({party.abbreviation})" if party is not None else person.name


def recipient_label(recipient):
    """"Name (Fractie)" for a member, the abbreviation alone for a party."""
    if recipient.person_id:
        return _member(recipient.person, recipient.party if recipient.party_id else None)
    return recipient.party.abbreviation


def _closures(commitment):
    """Closing letters, from the export's plain-list prefetch when there is one."""
    closures = getattr(commitment, "closure_list", None)
    return closures if closures is not None else list(commitment.closures.all())


def _recipients(commitment):
    recipients = getattr(commitment, "recipient_list", None)
    return recipients if recipients is not None else list(commitment.recipients.all())


def _citation_fields(prefix):
    """The columns Document.citation reads, under `prefix` (a relation path to a Document)."""
    return [
        f"{prefix}__{name}"
        for name in ("citation_kind", "chamber", "ondernummer", "vergaderjaar", "number", "item",
                     "dossier__number", "dossier__suffix")
    ]


def commitment_export_rows(queryset, today):
    """`queryset` with exactly what the CSV columns read: only those columns, related rows in plain
    lists (`to_attr`, no related manager per row). About twice as fast as the list pages' query."""
    return (
        queryset.with_overdue(today)
        .select_related(*ROW_RELATIONS)
        .only(
            "number", "kind", "text", "made_on", "status", "deadline_phrase", "due_date",
            "bewindspersoon__name", "office__title", "ministry__abbreviation", "committee__name",
            "dossier__number", "dossier__suffix", "source_activity__title",
            *_citation_fields("source_document"), *_citation_fields("motion__document"),
        )
        .prefetch_related(
            Prefetch(
                "recipients",
                queryset=CommitmentRecipient.objects.select_related("person", "party").only(
                    "commitment_id", "person__name", "party__abbreviation"
                ),
                to_attr="recipient_list",
            ),
            Prefetch(
                "closures",
                queryset=Closure.objects.select_related("document__dossier").only(
                    "commitment_id", "closed_on", *_citation_fields("document")
                ),
                to_attr="closure_list",
            ),
        )
    )


def _closing_letters(commitment):
    return _joined(closure.document.citation for closure in _closures(commitment))


def _last_closed_on(commitment):
    closures = _closures(commitment)  # prefetched, ordered by closed_on
    return _iso(closures[-1].closed_on) if closures else ""


def _commitment_number(commitment):
    # A motion obligation rarely has its own register number: the motion's Kamerstuk identifies it.
    if not commitment.number and commitment.motion_id:
        return commitment.motion.document.citation
    return commitment.number


def source_label(commitment):
    """Where a commitment was made: the document's citation, else the activity's title."""
    if commitment.source_document_id:
        return commitment.source_document.citation
    if commitment.source_activity_id:
        return commitment.source_activity.title
    return ""


def _days_overdue(commitment):
    # Annotated by CommitmentQuerySet.with_overdue (a timedelta, or None when not overdue).
    return commitment.days_overdue.days if commitment.days_overdue is not None else ""


# The commitment export's columns, in order: (header, getter(commitment, request)).
COMMITMENT_COLUMNS = [
    ("id", lambda c, request: c.pk),
    ("nummer", lambda c, request: _commitment_number(c)),
    ("soort", lambda c, request: c.kind),
    ("tekst", lambda c, request: c.text),
    ("datum", lambda c, request: _iso(c.made_on)),
    ("bewindspersoon", lambda c, request: c.bewindspersoon.name if c.bewindspersoon_id else ""),
    ("functie", lambda c, request: c.office.title if c.office_id else ""),
    ("ministerie", lambda c, request: c.ministry.abbreviation if c.ministry_id else ""),
    ("commissie", lambda c, request: c.committee.name if c.committee_id else PLENARY),
    ("toegezegd_aan", lambda c, request: _joined(recipient_label(r) for r in _recipients(c))),
    ("bron", lambda c, request: source_label(c)),
    ("dossier", lambda c, request: c.dossier.slug if c.dossier_id else ""),
    ("termijn", lambda c, request: c.deadline_phrase),
    ("deadline", lambda c, request: _iso(c.due_date)),
    ("status", lambda c, request: c.status),
    ("dagen_te_laat", lambda c, request: _days_overdue(c)),
    ("afgedaan_met", lambda c, request: _closing_letters(c)),
    ("afgedaan_op", lambda c, request: _last_closed_on(c)),
    ("url", lambda c, request: request.build_absolute_uri(c.get_absolute_url())),
]


def _obligation(motion):
    try:
        return motion.obligation  # select_related: no query, also when there is none
    except Commitment.DoesNotExist:
        return None


def _signers(motion):
    return _joined(_member(s.person, s.party if s.party_id else None) for s in motion.signers.all())


def _obligation_value(getter):
    def get(motion, request):
        obligation = _obligation(motion)
        return getter(obligation) if obligation is not None else ""

    return get


# The motion export's columns, in order: (header, getter(motion, request)).
MOTION_COLUMNS = [
    ("id", lambda m, request: m.pk),
    ("nummer", lambda m, request: m.document.citation),
    ("titel", lambda m, request: m.title),
    ("indieners", lambda m, request: _signers(m)),
    ("datum", lambda m, request: _iso(m.filed_on)),
    ("status", lambda m, request: m.status),
    ("kabinetsappreciatie", lambda m, request: m.kabinetsappreciatie),
    ("dictum", lambda m, request: m.dictum),
    ("uitvoering_status", _obligation_value(lambda o: o.status)),
    ("deadline", _obligation_value(lambda o: _iso(o.due_date))),
    ("afgedaan_met", _obligation_value(_closing_letters)),
    ("url", lambda m, request: request.build_absolute_uri(m.get_absolute_url())),
]


# ------------------------------------------------------------------- streaming


class _Echo:
    """A file-like object whose write() returns the line, so csv.writer can feed a generator."""

    def write(self, value):
        return value


def _csv_lines(rows, columns, dialect, request):
    writer = csv.writer(_Echo(), delimiter=dialect.delimiter)
    header = writer.writerow([name for name, _get in columns])
    yield (("\ufeff" + header) if dialect.bom else header).encode("utf-8")
    for row in rows:
        yield writer.writerow([neutralise(get(row, request)) for _name, get in columns]).encode("utf-8")


def _dialect_or_error(request):
    name = request.GET.get("dialect") or DEFAULT_DIALECT
    if name in DIALECTS:
        return DIALECTS[name], None
    message = gettext('Unknown CSV dialect "%(dialect)s"; use one of: %(choices)s.') % {
        "dialect": name,
        "choices": ", ".join(DIALECTS),
    }
    return None, HttpResponseBadRequest(message + "\n", content_type="text/plain; charset=utf-8")


def csv_response(rows, columns, dialect, request, filename):
    """A streaming CSV download of `rows`, one column per (header, getter(row, request)) pair."""
    response = StreamingHttpResponse(
        _csv_lines(rows, columns, dialect, request), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = content_disposition_header(True, filename)
    return response


def commitment_export_filename(filterset, today):
    """What and when: "toezeggingen-vws-te-laat-2026-11-22.csv" (ministry and overdue when filtered)."""
    data = filterset.form.cleaned_data
    parts = ["toezeggingen"]
    if data.get("ministry"):
        parts.append(slugify(data["ministry"].abbreviation))
    if data.get("overdue"):
        parts.append("te-laat")
    parts.append(today.isoformat())
    return "-".join(parts) + ".csv"


def commitments_csv(request):
    """Every commitment matching the list's filters (CommitmentFilter), as CSV."""
    dialect, error = _dialect_or_error(request)
    if error:
        return error
    today = selectors.today()
    filterset, error = bound_filter_or_error(request, commitment_export_rows(Commitment.objects.all(), today), today)
    if error:
        return error
    rows = filterset.qs.iterator(chunk_size=CHUNK_SIZE)
    return csv_response(rows, COMMITMENT_COLUMNS, dialect, request, commitment_export_filename(filterset, today))


# ---------------------------------------------------------------------- motions


def _validate_dossier(value):
    try:
        parse_dossier(value)
    except CitationError as error:
        raise ValidationError(str(error)) from None


class MotionExportFilter(django_filters.FilterSet):
    """Filters of the motion export. Dossiers are read by the one citation parser."""

    status = django_filters.MultipleChoiceFilter(label=_("Status"), choices=Motion.Status.choices)
    dossier = django_filters.CharFilter(label=_("Dossier"), method="filter_dossier", validators=[_validate_dossier])
    filed_after = django_filters.DateFilter(label=_("Filed from"), field_name="filed_on", lookup_expr="gte")
    filed_before = django_filters.DateFilter(label=_("Filed until"), field_name="filed_on", lookup_expr="lte")

    class Meta:
        model = Motion
        fields = []

    def filter_dossier(self, queryset, name, value):
        number, suffix = parse_dossier(value)
        return queryset.filter(document__dossier__number=number, document__dossier__suffix=suffix)


def motions_for_export():
    """Motions with what each row needs, in three queries per chunk."""
    signers = MotionSigner.objects.select_related("person", "party").order_by(
        Case(When(role=MotionSigner.Role.INDIENER, then=Value(0)), default=Value(1), output_field=IntegerField()),
        "order",
        "pk",
    )
    return Motion.objects.select_related("document__dossier", "obligation").prefetch_related(
        Prefetch("signers", queryset=signers),
        Prefetch("obligation__closures", queryset=Closure.objects.select_related("document__dossier")),
    )


def motions_csv(request):
    """Every motion matching `status`, `dossier`, `filed_after`, `filed_before`, as CSV."""
    dialect, error = _dialect_or_error(request)
    if error:
        return error
    filterset = MotionExportFilter(request.GET, queryset=motions_for_export(), request=request)
    error = invalid_filter_response(filterset)
    if error:
        return error
    dossier = filterset.form.cleaned_data.get("dossier")
    parts = ["moties", "-".join(filter(None, parse_dossier(dossier))) if dossier else "", selectors.today().isoformat()]
    filename = "-".join(filter(None, parts)) + ".csv"
    rows = filterset.qs.iterator(chunk_size=CHUNK_SIZE)
    return csv_response(rows, MOTION_COLUMNS, dialect, request, filename)
