"""The commitment list's filters: one FilterSet for the list page, the CSV export and the feeds."""
import django_filters
from django import forms
from django.core.validators import RegexValidator
from django.db.models import Exists, F, OuterRef
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import Commitment, CommitmentRecipient, Committee, Ministry, Party, Person


class NullsLastOrderingFilter(django_filters.OrderingFilter):
    """Sort with empty values last in both directions, on every database, and stably (pk last).

    PostgreSQL puts NULL first when sorting descending and SQLite puts it first ascending;
    commitments without a due date (or not overdue) belong at the end either way.
    """

    def get_ordering_value(self, param):
        descending = param.startswith("-")
        field = F(self.param_map.get(param.lstrip("-"), param.lstrip("-")))
        return field.desc(nulls_last=True) if descending else field.asc(nulls_last=True)

    def filter(self, qs, value):
        if value in ([], (), {}, "", None):
            return qs
        return qs.order_by(*[self.get_ordering_value(param) for param in value], "pk")


class CommitmentFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="filter_text")
    status = django_filters.MultipleChoiceFilter(
        label=_("Status"), choices=Commitment.Status.choices, widget=forms.CheckboxSelectMultiple
    )
    overdue = django_filters.BooleanFilter(
        label=_("Overdue only"), method="filter_overdue", widget=forms.CheckboxInput
    )
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=Commitment.Kind.choices, empty_label=_("all"))
    due_after = django_filters.DateFilter(
        label=_("Due from"), field_name="due_date", lookup_expr="gte", widget=forms.DateInput(attrs={"type": "date"})
    )
    due_before = django_filters.DateFilter(
        label=_("Due until"), field_name="due_date", lookup_expr="lte", widget=forms.DateInput(attrs={"type": "date"})
    )
    made_after = django_filters.DateFilter(
        label=_("Made from"), field_name="made_on", lookup_expr="gte", widget=forms.DateInput(attrs={"type": "date"})
    )
    made_before = django_filters.DateFilter(
        label=_("Made until"), field_name="made_on", lookup_expr="lte", widget=forms.DateInput(attrs={"type": "date"})
    )
    ministry = django_filters.ModelChoiceFilter(
        label=_("Ministry"), queryset=Ministry.objects.all(), to_field_name="abbreviation", empty_label=_("all")
    )
    bewindspersoon = django_filters.ModelChoiceFilter(
        label=_("Bewindspersoon"), queryset=Person.objects.filter(offices__isnull=False).distinct(),
        empty_label=_("all"),
    )
    committee = django_filters.ModelChoiceFilter(
        label=_("Committee"), queryset=Committee.objects.all(), to_field_name="abbreviation",
        empty_label=_("all"), null_label=_("Plenary"), null_value="plenair",
    )
    dossier = django_filters.CharFilter(
        label=_("Dossier"), method="filter_dossier",
        validators=[RegexValidator(r"^\s*\d+(\s*-\s*[A-Za-z]+)?\s*$", _("Enter a dossier number such as 31015 or 36200-XVI."))],
    )
    member = django_filters.ModelChoiceFilter(
        label=_("Promised to (member)"), queryset=Person.objects.all(), method="filter_member", empty_label=_("all")
    )
    party = django_filters.ModelChoiceFilter(
        label=_("Promised to (party)"), queryset=Party.objects.all(), to_field_name="abbreviation",
        method="filter_party", empty_label=_("all"),
    )
    closed_after = django_filters.DateFilter(
        label=_("Fulfilled from"), method="filter_closed_after", widget=forms.DateInput(attrs={"type": "date"})
    )
    sort = NullsLastOrderingFilter(
        label=_("Sort by"),
        fields=(("due_date", "due_date"), ("days_overdue", "days_overdue"), ("made_on", "made_on")),
        field_labels={"due_date": _("due date"), "days_overdue": _("days overdue"), "made_on": _("date made")},
        empty_label=None,
    )

    class Meta:
        model = Commitment
        fields = []

    def __init__(self, data=None, *args, today=None, **kwargs):
        self.today = today or timezone.localdate()
        super().__init__(data, *args, **kwargs)

    def filter_text(self, queryset, name, value):
        return queryset.search(value)

    def filter_overdue(self, queryset, name, value):
        return queryset.overdue(self.today) if value else queryset

    def filter_closed_after(self, queryset, name, value):
        return queryset.fulfilled_since(value)

    def filter_dossier(self, queryset, name, value):
        number, _sep, suffix = value.strip().replace(" ", "").partition("-")
        return queryset.filter(dossier__number=number, dossier__suffix=suffix.upper())

    def filter_member(self, queryset, name, value):
        return queryset.filter(Exists(CommitmentRecipient.objects.filter(commitment=OuterRef("pk"), person=value)))

    def filter_party(self, queryset, name, value):
        # Promised to the party itself, or to one of its members on the party's behalf.
        return queryset.filter(Exists(CommitmentRecipient.objects.filter(commitment=OuterRef("pk"), party=value)))


def invalid_filter_response(filterset):
    """A text 400 listing the form's errors when `filterset` is invalid, else None.

    A bare `FilterSet.qs` silently drops invalid values and returns every row; exports and
    feeds must refuse instead.
    """
    # Imported here to keep this shared module's import block untouched by parallel work.
    from django.http import HttpResponseBadRequest
    from django.utils.translation import gettext

    if filterset.is_valid():
        return None
    lines = [gettext("These filter values are not valid:")]
    for name, messages in filterset.errors.items():
        field = filterset.form.fields.get(name)
        label = field.label if field is not None and field.label else name
        lines.extend(f"- {label} ({name}): {message}" for message in messages)
    return HttpResponseBadRequest("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


def bound_filter_or_error(request, queryset, today=None):
    """Bind `CommitmentFilter` to `request.GET`; return `(filterset, error_response)`.

    `error_response` is None when every value is valid (then use `filterset.qs`), else a
    text 400 listing the form's errors. The filterset is returned either way, so an HTML
    page can render the errors itself instead.
    """
    filterset = CommitmentFilter(request.GET, queryset=queryset, request=request, today=today)
    return filterset, invalid_filter_response(filterset)
