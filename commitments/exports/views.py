"""The public CSV exports: every row matching the list's filters, streamed.

Each export's form is its list's FilterSet plus `dialect`, so one form answers every invalid
or unknown parameter with one 400 (never "every row").
"""

import django_filters
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe

from .. import citations, clock
from ..filters import CommitmentFilter, MotionFilter, bind_filter
from .columns import COMMITMENT_COLUMNS, MOTION_COLUMNS, ExportContext
from .csv import DEFAULT_DIALECT, DIALECTS, csv_response
from .rows import ExportRows, commitment_export_queryset, motion_export_queryset, prepare_commitments, prepare_motions


def _dialect_filter():
    return django_filters.ChoiceFilter(
        label=_("CSV dialect"), choices=[(name, name) for name in DIALECTS], method=lambda qs, name, value: qs
    )


class CommitmentExportFilter(CommitmentFilter):
    dialect = _dialect_filter()


class MotionExportFilter(MotionFilter):
    dialect = _dialect_filter()


def _dialect(filterset):
    return DIALECTS[filterset.form.cleaned_data.get("dialect") or DEFAULT_DIALECT]


def commitment_export_filename(filterset, day) -> str:
    """What and when: "toezeggingen-vws-te-laat-2026-11-22.csv" (ministry and overdue when filtered)."""
    data = filterset.form.cleaned_data
    parts = ["toezeggingen"]
    if data.get("ministry"):
        parts.append(slugify(data["ministry"].abbreviation))
    if data.get("overdue"):
        parts.append("te-laat")
    parts.append(day.isoformat())
    return "-".join(parts) + ".csv"


def motion_export_filename(filterset, day) -> str:
    """ "moties-31015-2026-11-22.csv" (the dossier when filtered)."""
    dossier = filterset.form.cleaned_data.get("dossier")
    parts = ["moties", "-".join(filter(None, citations.parse_dossier(dossier))) if dossier else "", day.isoformat()]
    return "-".join(filter(None, parts)) + ".csv"


def _stream(request, filterset, prepare, columns, day, filename):
    """Every row `filterset` selects (what its cells read besides prepared by `prepare`), streamed as
    CSV in the dialect it names."""
    rows = ExportRows(filterset.qs, prepare)
    return csv_response(rows, columns, _dialect(filterset), ExportContext(request, day), filename)


@require_safe
def commitments_csv(request):
    """Every commitment matching the list's filters (CommitmentFilter), as CSV."""
    today = clock.today()
    filterset, error = bind_filter(CommitmentExportFilter, request, commitment_export_queryset(today), today=today)
    if error:
        return error
    return _stream(
        request, filterset, prepare_commitments, COMMITMENT_COLUMNS, today, commitment_export_filename(filterset, today)
    )


@require_safe
def motions_csv(request):
    """Every motion matching the motion list's filters (MotionFilter), as CSV."""
    today = clock.today()
    filterset, error = bind_filter(MotionExportFilter, request, motion_export_queryset())
    if error:
        return error
    return _stream(request, filterset, prepare_motions, MOTION_COLUMNS, today, motion_export_filename(filterset, today))
