"""The rappel pages. Views stay thin: the lists come from `selectors.rappel`, the decisions are
written by `services.rappel.record_rappel_decisions` (one transaction)."""

import datetime

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext, ngettext
from django.views.decorators.http import require_safe

from ..auth import CHANGE_COMMITMENT, VIEW_COMMITMENT, permission_required
from ..exports.columns import RAPPEL_COLUMNS, ExportContext
from ..exports.csv import DIALECTS, csv_response
from ..exports.rows import ExportRows, prepare_commitments
from ..models import Commitment, Ministry
from ..selectors.rappel import rappel_commitments, rappel_ministries
from ..services.rappel import RappelDecision, record_rappel_decisions
from .forms import MAX_DAYS, DecisionFormSet, RappelParameters

view_required = permission_required(VIEW_COMMITMENT)
change_required = permission_required(CHANGE_COMMITMENT)


def _parameters(request):
    """(cut-off date, days ahead) from the query string, or a 400 response in Dutch."""
    form = RappelParameters(request.GET)
    if form.is_valid():
        return form.cleaned_data["peildatum"], form.cleaned_data["binnen"], None
    lines = []
    if "peildatum" in form.errors:
        lines.append(
            gettext("Invalid cut-off date (peildatum) “%(value)s”: use YYYY-MM-DD, e.g. 2026-06-30.")
            % {"value": request.GET.get("peildatum", "")}
        )
    if "binnen" in form.errors:
        lines.append(
            gettext("Invalid number of days (binnen) “%(value)s”: use a whole number from 0 to %(max)d.")
            % {"value": request.GET.get("binnen", ""), "max": MAX_DAYS}
        )
    return None, None, HttpResponseBadRequest("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


def _query(cutoff, days):
    return urlencode({"peildatum": cutoff.isoformat(), "binnen": days})


def _days_left(commitment, cutoff):
    """Days from the cut-off date to the due date, or None when overdue or without a due date."""
    if commitment.due_date is None or commitment.days_late is not None:
        return None
    return (commitment.due_date - cutoff).days


def _deadline_source(commitment):
    return gettext("set by hand") if commitment.due_date_overridden else gettext("derived from the phrase")


def _annotate(queryset, cutoff):
    rows = list(queryset)
    for row in rows:
        row.days_left = _days_left(row, cutoff)
        row.deadline_source = _deadline_source(row)
    return rows


@require_safe
@view_required
def rappel_index(request):
    cutoff, days, error = _parameters(request)
    if error:
        return error
    ministries = rappel_ministries(cutoff, days)
    return render(
        request,
        "rappel/index.html",
        {
            "cutoff": cutoff,
            "days": days,
            "until": cutoff + datetime.timedelta(days=days),
            "ministries": ministries,
            "query": _query(cutoff, days),
            "total_overdue": sum(m.overdue for m in ministries),
            "total_due_soon": sum(m.due_soon for m in ministries),
        },
    )


@require_safe
@view_required
def rappel_ministry(request, ministry):
    cutoff, days, error = _parameters(request)
    if error:
        return error
    ministry = get_object_or_404(Ministry, abbreviation=ministry)
    rows = _annotate(rappel_commitments(ministry, cutoff, days), cutoff)
    context = {
        "ministry": ministry,
        "cutoff": cutoff,
        "days": days,
        "until": cutoff + datetime.timedelta(days=days),
        "overdue": [r for r in rows if r.days_late is not None],
        "due_soon": [r for r in rows if r.days_late is None],
        "query": _query(cutoff, days),
        "can_decide": request.user.has_perm(CHANGE_COMMITMENT),
    }
    printable = request.GET.get("print") == "1"
    return render(request, "rappel/ministry_print.html" if printable else "rappel/ministry.html", context)


@require_safe
@view_required
def rappel_export(request, ministry):
    """The ministry's rappel list as CSV for Excel (UTF-8 with BOM, `;`, formulas neutralised)."""
    cutoff, days, error = _parameters(request)
    if error:
        return error
    ministry = get_object_or_404(Ministry, abbreviation=ministry)
    # The rappel goes to ministries that open it in Excel: semicolons and a BOM.
    filename = f"rappel-{ministry.abbreviation.lower()}-{cutoff.isoformat()}.csv"
    return csv_response(
        ExportRows(rappel_commitments(ministry, cutoff, days), prepare_commitments),
        RAPPEL_COLUMNS,
        DIALECTS["excel"],
        ExportContext(request, cutoff),
        filename,
    )


@change_required
def rappel_decisions(request, ministry):
    """One screen for the committee's decisions on a ministry's rappel list; all saved or none."""
    cutoff, days, error = _parameters(request)
    if error:
        return error
    ministry = get_object_or_404(Ministry, abbreviation=ministry)
    errors = []
    if request.method == "POST":
        formset = DecisionFormSet(request.POST)
        if formset.is_valid():
            try:
                entries = _record(formset, ministry, cutoff, request.user)
            except ValidationError as error:
                errors = error.messages
            else:
                messages.success(
                    request,
                    ngettext("%(count)d decision recorded.", "%(count)d decisions recorded.", len(entries))
                    % {"count": len(entries)},
                )
                return redirect(
                    f"{reverse('commitments:rappel_ministry', args=[ministry.abbreviation])}?{_query(cutoff, days)}"
                )
        # Show the rows that were posted, whether or not they are still on the list.
        posted = Commitment.objects.open().filter(
            ministry=ministry, pk__in=[pk for pk in map(_posted_pk, formset.forms) if pk]
        )
        by_pk = {row.pk: row for row in _annotate(posted.for_display(cutoff), cutoff)}
        pairs = [(form, by_pk.get(_posted_pk(form))) for form in formset.forms]
    else:
        rows = _annotate(rappel_commitments(ministry, cutoff, days), cutoff)
        formset = DecisionFormSet(initial=[{"commitment": row.pk} for row in rows])
        pairs = list(zip(formset.forms, rows, strict=True))
    return render(
        request,
        "rappel/decisions.html",
        {
            "ministry": ministry,
            "cutoff": cutoff,
            "days": days,
            "formset": formset,
            "pairs": pairs,
            "errors": errors,
            "query": _query(cutoff, days),
        },
    )


def _posted_pk(form):
    try:
        return int(form["commitment"].value())
    except (TypeError, ValueError):
        return None


def _record(formset, ministry, cutoff, user):
    chosen = [form.cleaned_data for form in formset.forms if form.cleaned_data.get("decision")]
    commitments = Commitment.objects.open().filter(ministry=ministry).in_bulk([data["commitment"] for data in chosen])
    unknown = [data["commitment"] for data in chosen if data["commitment"] not in commitments]
    if unknown:
        raise ValidationError(
            gettext("These are not open commitments of this ministry: %(ids)s.") % {"ids": ", ".join(map(str, unknown))}
        )
    decisions = [
        RappelDecision(
            commitments[data["commitment"]],
            data["decision"],
            reason=data["reason"],
            new_due_date=data["new_due_date"],
            letter=data["letter"],
        )
        for data in chosen
    ]
    return record_rappel_decisions(decisions, cutoff=cutoff, user=user)
