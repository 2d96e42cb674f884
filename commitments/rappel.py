"""The half-yearly rappel: per ministry, what is overdue or due soon on a cut-off date, and the
committee's decisions afterwards.

Views stay thin: the lists come from `selectors_deadlines`, the decisions are written by
`services.record_rappel_decisions` (one transaction, each decision a deadline-history entry).
Reading the lists needs `commitments.view_commitment` (griffie and Commissiestaf); recording
decisions needs `commitments.change_commitment` (griffie).
"""
import datetime
import functools

from django import forms
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.forms import formset_factory
from django.http import HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from . import citations, services
from .exports import DIALECTS, csv_response, source_label
from .models import Commitment, Document, Ministry
from .selectors_deadlines import RAPPEL_DEFAULT_DAYS, rappel_commitments, rappel_ministries

MAX_DAYS = 366


# ------------------------------------------------------------------------ request parameters


class RappelParameters(forms.Form):
    """`?peildatum=YYYY-MM-DD` (default today) and `?binnen=N` days (default 60)."""

    peildatum = forms.DateField(required=False, input_formats=["%Y-%m-%d"])
    binnen = forms.IntegerField(required=False, min_value=0, max_value=MAX_DAYS)

    def clean_peildatum(self):
        return self.cleaned_data["peildatum"] or timezone.localdate()

    def clean_binnen(self):
        days = self.cleaned_data["binnen"]
        return RAPPEL_DEFAULT_DAYS if days is None else days


def _parameters(request):
    """(cut-off date, days ahead) from the query string, or a 400 response in Dutch."""
    form = RappelParameters(request.GET)
    if form.is_valid():
        return form.cleaned_data["peildatum"], form.cleaned_data["binnen"], None
    messages_ = []
    if "peildatum" in form.errors:
        messages_.append(gettext("Invalid cut-off date (peildatum) “%(value)s”: use YYYY-MM-DD, e.g. 2026-06-30.")
                         % {"value": request.GET.get("peildatum", "")})
    if "binnen" in form.errors:
        messages_.append(gettext("Invalid number of days (binnen) “%(value)s”: use a whole number from 0 to %(max)d.")
                         % {"value": request.GET.get("binnen", ""), "max": MAX_DAYS})
    return None, None, HttpResponseBadRequest("\n".join(messages_) + "\n", content_type="text/plain; charset=utf-8")


def _query(cutoff, days):
    return urlencode({"peildatum": cutoff.isoformat(), "binnen": days})


def _permission_required(permission):
    """Anonymous visitors go to the login page; signed-in users without `permission` get 403."""

    def decorator(view):
        @functools.wraps(view)
        def wrapped(request, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not request.user.has_perm(permission):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


view_required = _permission_required("commitments.view_commitment")
change_required = _permission_required("commitments.change_commitment")


# ------------------------------------------------------------------------------------- rows


def days_late(commitment):
    """Whole days late on the cut-off date, or None when not overdue then (`with_overdue(cutoff)`)."""
    return commitment.days_overdue.days if commitment.days_overdue is not None else None


def days_left(commitment, cutoff):
    """Days from the cut-off date to the due date, or None when overdue."""
    return (commitment.due_date - cutoff).days if commitment.days_overdue is None else None


def _deadline_source(commitment):
    return gettext("set by hand") if commitment.due_date_overridden else gettext("derived from the phrase")


def _rows(ministry, cutoff, days):
    return _annotate(rappel_commitments(ministry, cutoff, days), cutoff)


def _annotate(queryset, cutoff):
    rows = list(queryset)
    for row in rows:
        row.days_late = days_late(row)
        row.days_left = days_left(row, cutoff)
        row.deadline_source = _deadline_source(row)
    return rows


# ------------------------------------------------------------------------------------ pages


@view_required
def rappel_index(request):
    cutoff, days, error = _parameters(request)
    if error:
        return error
    ministries = rappel_ministries(cutoff, days)
    return render(request, "rappel/index.html", {
        "cutoff": cutoff, "days": days, "until": cutoff + datetime.timedelta(days=days),
        "ministries": ministries, "query": _query(cutoff, days),
        "total_overdue": sum(m.overdue for m in ministries), "total_due_soon": sum(m.due_soon for m in ministries),
    })


@view_required
def rappel_ministry(request, ministry):
    cutoff, days, error = _parameters(request)
    if error:
        return error
    ministry = get_object_or_404(Ministry, abbreviation=ministry)
    rows = _rows(ministry, cutoff, days)
    context = {
        "ministry": ministry, "cutoff": cutoff, "days": days, "until": cutoff + datetime.timedelta(days=days),
        "overdue": [r for r in rows if r.days_late is not None],
        "due_soon": [r for r in rows if r.days_late is None],
        "query": _query(cutoff, days),
        "can_decide": request.user.has_perm("commitments.change_commitment"),
    }
    printable = request.GET.get("print") == "1"
    return render(request, "rappel/ministry_print.html" if printable else "rappel/ministry.html", context)


# The rappel export's columns, in order: (header, getter(commitment, cutoff, request)).
RAPPEL_COLUMNS = [
    ("id", lambda c, cutoff, request: c.pk),
    ("nummer", lambda c, cutoff, request: c.number),
    ("ministerie", lambda c, cutoff, request: c.ministry.abbreviation if c.ministry_id else ""),
    ("bewindspersoon", lambda c, cutoff, request: c.bewindspersoon.name if c.bewindspersoon_id else ""),
    ("tekst", lambda c, cutoff, request: c.text),
    ("datum", lambda c, cutoff, request: c.made_on.isoformat() if c.made_on else ""),
    ("bron", lambda c, cutoff, request: source_label(c)),
    ("termijn", lambda c, cutoff, request: c.deadline_phrase),
    ("deadline", lambda c, cutoff, request: c.due_date.isoformat() if c.due_date else ""),
    ("herkomst_deadline", lambda c, cutoff, request: "handmatig" if c.due_date_overridden else "afgeleid"),
    ("toelichting_deadline", lambda c, cutoff, request: c.deadline_explanation),
    ("status", lambda c, cutoff, request: c.status),
    ("peildatum", lambda c, cutoff, request: cutoff.isoformat()),
    ("dagen_te_laat", lambda c, cutoff, request: days_late(c)),
    ("url", lambda c, cutoff, request: request.build_absolute_uri(c.get_absolute_url())),
]


@view_required
def rappel_export(request, ministry):
    """The ministry's rappel list as CSV for Excel (UTF-8 with BOM, `;`, formulas neutralised)."""
    cutoff, days, error = _parameters(request)
    if error:
        return error
    ministry = get_object_or_404(Ministry, abbreviation=ministry)
    # The rappel goes to ministries that open it in Excel: semicolons and a BOM.
    columns = [(name, functools.partial(_with_cutoff, get, cutoff)) for name, get in RAPPEL_COLUMNS]
    filename = f"rappel-{ministry.abbreviation.lower()}-{cutoff.isoformat()}.csv"
    return csv_response(rappel_commitments(ministry, cutoff, days), columns, DIALECTS["excel"], request, filename)


def _with_cutoff(get, cutoff, commitment, request):
    return get(commitment, cutoff, request)


# -------------------------------------------------------------------------------- decisions


class DecisionForm(forms.Form):
    """One row of the decision screen: the committee's decision about one commitment."""

    DECISIONS = [
        ("", _("— no decision —")),
        (services.RappelDecision.FULFILLED, _("fulfilled (closing letter)")),
        (services.RappelDecision.PARTLY_FULFILLED, _("partly fulfilled, new due date")),
        (services.RappelDecision.OPEN, _("still open, new due date")),
        (services.RappelDecision.EXPLANATION, _("explanation asked")),
    ]

    commitment = forms.IntegerField(widget=forms.HiddenInput)
    decision = forms.ChoiceField(label=_("Decision"), choices=DECISIONS, required=False)
    new_due_date = forms.DateField(
        label=_("New due date"), required=False, widget=forms.DateInput(attrs={"type": "date"}),
        input_formats=["%Y-%m-%d", "%d-%m-%Y"],
    )
    # The hint ("Citation, e.g. …") is in the column header, once for all rows.
    letter = forms.CharField(label=_("Closing letter"), required=False, max_length=200)
    reason = forms.CharField(label=_("Reason"), required=False, max_length=300)

    def clean_letter(self):
        text = self.cleaned_data["letter"].strip()
        if not text:
            return None
        try:
            parsed = citations.parse_citation(text)
        except citations.CitationError as error:
            raise forms.ValidationError(str(error)) from error
        letter = Document.objects.filter(identifier=parsed.slug).first()
        if letter is None:
            raise forms.ValidationError(
                _("%(citation)s is not registered yet. Register the letter first."),
                params={"citation": parsed.citation},
            )
        return letter

    def clean(self):
        cleaned = super().clean()
        kind = cleaned.get("decision")
        if not kind:
            return cleaned
        decision = services.RappelDecision(
            None, kind, reason=cleaned.get("reason"), new_due_date=cleaned.get("new_due_date"),
            letter=cleaned.get("letter"),
        )
        if "letter" in self.errors or "new_due_date" in self.errors:
            return cleaned
        for message in decision.errors():
            self.add_error(None, message)
        return cleaned


class BaseDecisionFormSet(forms.BaseFormSet):
    def clean(self):
        if any(self.errors):
            return
        if not any(form.cleaned_data.get("decision") for form in self.forms):
            raise forms.ValidationError(_("Choose a decision for at least one commitment."))


DecisionFormSet = formset_factory(DecisionForm, formset=BaseDecisionFormSet, extra=0)


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
                messages.success(request, ngettext(
                    "%(count)d decision recorded.", "%(count)d decisions recorded.", len(entries)
                ) % {"count": len(entries)})
                return redirect(f"{reverse('commitments:rappel_ministry', args=[ministry.abbreviation])}?"
                                f"{_query(cutoff, days)}")
        # Show the rows that were posted, whether or not they are still on the list.
        posted = Commitment.objects.open().filter(
            ministry=ministry, pk__in=[pk for pk in map(_posted_pk, formset.forms) if pk]
        )
        by_pk = {row.pk: row for row in _annotate(posted.for_display(cutoff), cutoff)}
        pairs = [(form, by_pk.get(_posted_pk(form))) for form in formset.forms]
    else:
        rows = _rows(ministry, cutoff, days)
        formset = DecisionFormSet(initial=[{"commitment": row.pk} for row in rows])
        pairs = list(zip(formset.forms, rows))
    return render(request, "rappel/decisions.html", {
        "ministry": ministry, "cutoff": cutoff, "days": days, "formset": formset, "pairs": pairs,
        "errors": errors, "query": _query(cutoff, days),
    })


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
            gettext("These are not open commitments of this ministry: %(ids)s.")
            % {"ids": ", ".join(map(str, unknown))}
        )
    decisions = [
        services.RappelDecision(
            commitments[data["commitment"]], data["decision"], reason=data["reason"],
            new_due_date=data["new_due_date"], letter=data["letter"],
        )
        for data in chosen
    ]
    return services.record_rappel_decisions(decisions, cutoff=cutoff, user=user)
