"""The list filters: one FilterSet per list, shared by its page, its CSV export and its feeds.

Every FilterSet here is strict: an unknown parameter or an invalid value makes the form
invalid, and callers answer 400 with the form's errors (never silently every row).
"""

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Exists, F, OuterRef, Q
from django.forms.utils import flatatt
from django.http import HttpResponseBadRequest
from django.utils.choices import BaseChoiceIterator
from django.utils.html import conditional_escape, escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

from . import citations, clock
from .models import (
    PLENARY,
    SOONEST_DUE_FIRST_SORTED,
    Commitment,
    CommitmentKind,
    CommitmentRecipient,
    CommitmentStatus,
    Committee,
    Document,
    DocumentKind,
    Dossier,
    KabinetsAppreciatie,
    Ministry,
    Motion,
    MotionSigner,
    MotionStatus,
    Party,
    Person,
)
from .models.search import search_motions
from .selectors.cached import cached

# The status filter's value for "open or partly fulfilled" (`CommitmentQuerySet.open`).
OPEN = "open"


class ChoicesFromTheData(BaseChoiceIterator):
    """A select's choices that a function reads from the database (the appraisals the motions carry).

    A filter form draws these, like its model choices (ministries, people), once per data version
    (see `StrictFilterForm`); read on its own (outside such a form), the function is called once.
    """

    def __init__(self, func):
        self.func = func
        self.choices = None

    def __iter__(self):
        if self.choices is None:
            self.choices = list(self.func())
        yield from self.choices


class PlainSelect(forms.Select):
    """A single select drawn in Python: the same HTML as Django's template-drawn `Select`, without
    rendering two templates per option (the list's filter form has about 300 options: 20 ms)."""

    def render(self, name, value, attrs=None, renderer=None):
        selected = self.format_value(value)
        has_selected = False
        options = []
        for option_value, label in self.choices:
            option_value = "" if option_value is None else str(option_value)
            # As Django's Select: only the first option with the value is selected.
            mark = not has_selected and option_value in selected
            has_selected |= mark
            selected_attribute = " selected" if mark else ""
            options.append(
                f'<option value="{escape(option_value)}"{selected_attribute}>{conditional_escape(label)}</option>'
            )
        final_attrs = flatatt(self.build_attrs(self.attrs, attrs))
        return mark_safe(f'<select name="{escape(name)}"{final_attrs}>{"".join(options)}</select>')


class DrawnChoices(BaseChoiceIterator):
    """One select's choices from its form's `FormChoices`."""

    def __init__(self, form_choices, name):
        self.form_choices = form_choices
        self.name = name

    def __iter__(self):
        yield from self.form_choices[self.name]


class FormChoices:
    """The choices a filter form's selects read from the database (ministries, people, parties,
    appraisals), drawn once per data version and language (`selectors.cached`) when the form is
    first drawn: one read of the version instead of a query per select, and nothing for a form that
    is only validated (exports, feeds, the API)."""

    def __init__(self, form, sources):
        self.key = f"filter-choices:{type(form).__name__}"
        self.sources = sources  # {field name: its choices as the field gives them}
        self.drawn = None

    def __getitem__(self, name):
        if self.drawn is None:
            self.drawn = cached(self.key, self._draw, today=clock.today())
        return self.drawn[name]

    def _draw(self):
        drawn = {}
        for name, choices in self.sources.items():
            # Plain strings that pickle; the labels escaped once here rather than on every request.
            drawn[name] = [("" if value is None else str(value), escape(str(label))) for value, label in choices]
        return drawn


class StrictFilterForm(forms.Form):
    """A filter form that refuses parameters it does not know.

    Its single selects are `PlainSelect`s, and those whose choices come from the database are drawn
    once per data version (`FormChoices`).
    """

    # Parameters read elsewhere than the filters (e.g. `page`), set per FilterSet.
    allowed_extra: tuple[str, ...] = ()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        sources = {}
        for name, field in self.fields.items():
            widget = field.widget
            if type(widget) is not forms.Select:
                continue
            if isinstance(field, forms.ModelChoiceField):
                sources[name] = field.choices
            elif isinstance(widget.choices, ChoicesFromTheData):
                sources[name] = widget.choices
            plain = PlainSelect(attrs=widget.attrs)
            plain.choices = widget.choices
            plain.is_required = widget.is_required
            field.widget = plain
        form_choices = FormChoices(self, sources)
        for name in sources:
            self.fields[name].widget.choices = DrawnChoices(form_choices, name)

    def clean(self):
        cleaned = super().clean()
        unknown = sorted(set(self.data) - set(self.fields) - set(self.allowed_extra))
        if unknown:
            raise ValidationError(
                _("Unknown parameter(s): %(names)s."), code="unknown", params={"names": ", ".join(unknown)}
            )
        return cleaned


class StrictFilterSet(django_filters.FilterSet):
    """A FilterSet whose form refuses unknown parameters (see `StrictFilterForm`)."""

    extra_parameters: tuple[str, ...] = ()

    class Meta:
        form = StrictFilterForm

    def get_form_class(self):
        form_class = super().get_form_class()
        form_class.allowed_extra = self.extra_parameters
        return form_class


class StrictBooleanField(forms.Field):
    """Yes, no or empty; anything else is an error (a bare BooleanField reads "bogus" as yes)."""

    widget = forms.Select(choices=[("", _("all")), ("true", _("yes")), ("false", _("no"))])
    TRUE = frozenset(("true", "1", "on", "yes", "ja"))
    FALSE = frozenset(("false", "0", "off", "no", "nee"))
    default_error_messages = {"invalid": _("Use true or false.")}

    def to_python(self, value):
        text = str(value or "").strip().lower()
        if not text:
            return None
        if text in self.TRUE:
            return True
        if text in self.FALSE:
            return False
        raise ValidationError(self.error_messages["invalid"], code="invalid")


class StrictBooleanFilter(django_filters.Filter):
    field_class = StrictBooleanField


def validate_dossier(value: str) -> None:
    """A dossier as the Kamer writes it ("31015", "31 015", "36200-XVI", "36 200 XVI"): the one parser."""
    try:
        citations.parse_dossier(value)
    except citations.CitationError as error:
        raise ValidationError(str(error)) from None


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


class CommitmentSortFilter(NullsLastOrderingFilter):
    """The list's sort; with the overdue filter on, days late is read as the due date.

    Among overdue rows, most days late first is soonest due first (and fewest days late, latest
    due first), with the same ties: that order is an index on PostgreSQL, while days late is a
    CASE on today's date that sorts every overdue row.
    """

    OVERDUE_EQUIVALENT = {"-days_late": "due_date", "days_late": "-due_date"}

    def filter(self, qs, value):
        if value and self.parent.form.cleaned_data.get("overdue") is True:
            value = [self.OVERDUE_EQUIVALENT.get(param, param) for param in value]
        return super().filter(qs, value)


def _date_filter(label, field_name, lookup_expr, **kwargs):
    return django_filters.DateFilter(
        label=label,
        field_name=field_name,
        lookup_expr=lookup_expr,
        widget=forms.DateInput(attrs={"type": "date"}),
        validators=[clock.validate_date_in_range],
        **kwargs,
    )


class CommitmentFilter(StrictFilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="filter_text")
    status = django_filters.MultipleChoiceFilter(
        label=_("Status"),
        choices=[(OPEN, _("open or partly fulfilled")), *CommitmentStatus.choices],
        widget=forms.CheckboxSelectMultiple,
        method="filter_status",
    )
    overdue = StrictBooleanFilter(label=_("Overdue"), method="filter_overdue")
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=CommitmentKind.choices, empty_label=_("all"))
    due_after = _date_filter(_("Due from"), "due_date", "gte")
    due_before = _date_filter(_("Due until"), "due_date", "lte")
    made_after = _date_filter(_("Made from"), "made_on", "gte")
    made_before = _date_filter(_("Made until"), "made_on", "lte")
    ministry = django_filters.ModelChoiceFilter(
        label=_("Ministry"), queryset=Ministry.objects.all(), to_field_name="abbreviation", empty_label=_("all")
    )
    responsible_ministry = django_filters.ModelChoiceFilter(
        label=_("Answering for it now (ministry)"),
        # The method decides the rows; field_name tells the API schema the value is a ministry.
        field_name="ministry",
        queryset=Ministry.objects.all(),
        to_field_name="abbreviation",
        empty_label=_("all"),
        method="filter_responsible_ministry",
    )
    bewindspersoon = django_filters.ModelChoiceFilter(
        label=_("Bewindspersoon"),
        queryset=Person.objects.filter(offices__isnull=False).distinct(),
        empty_label=_("all"),
    )
    committee = django_filters.ModelChoiceFilter(
        label=_("Committee"),
        queryset=Committee.objects.all(),
        to_field_name="abbreviation",
        empty_label=_("all"),
        null_label=_("Plenary"),
        null_value=PLENARY,
    )
    dossier = django_filters.CharFilter(label=_("Dossier"), method="filter_dossier", validators=[validate_dossier])
    member = django_filters.ModelChoiceFilter(
        label=_("Promised to (member)"), queryset=Person.objects.all(), method="filter_member", empty_label=_("all")
    )
    party = django_filters.ModelChoiceFilter(
        label=_("Promised to (party)"),
        queryset=Party.objects.all(),
        to_field_name="abbreviation",
        method="filter_party",
        empty_label=_("all"),
    )
    closed_after = django_filters.DateFilter(
        label=_("Fulfilled from"),
        method="filter_closed_after",
        widget=forms.DateInput(attrs={"type": "date"}),
        validators=[clock.validate_date_in_range],
    )
    sort = CommitmentSortFilter(
        label=_("Sort by"),
        fields=(("due_date", "due_date"), ("overdue_by", "days_late"), ("made_on", "made_on")),
        field_labels={"due_date": _("due date"), "overdue_by": _("days late"), "made_on": _("date made")},
        empty_label=None,
    )

    # Links made before "days_late" was the one name of the quantity keep working.
    LEGACY_SORT = {"days_overdue": "days_late", "-days_overdue": "-days_late"}

    class Meta(StrictFilterSet.Meta):
        model = Commitment
        fields = []

    def __init__(self, data=None, *args, today=None, **kwargs):
        self.today = today or clock.today()
        if hasattr(data, "getlist") and any(value in self.LEGACY_SORT for value in data.getlist("sort")):
            data = data.copy()
            data.setlist("sort", [self.LEGACY_SORT.get(value, value) for value in data.getlist("sort")])
        super().__init__(data, *args, **kwargs)

    def filter_text(self, queryset, name, value):
        return queryset.search(value)

    def order_in_parts(self):
        """The rows of `qs` in its order as parts an index reads in order, for `ListPaginator`; None
        unless the sort is by days late and the overdue filter is not set.

        Then the order is the overdue rows by days late (by due date: the `(due_date, id)` indexes),
        then every other row by id (they have no days late, see `NullsLastOrderingFilter`). A page is
        sorted from the first rows of each part instead of sorting every row by a CASE on today's
        date (800 ms at a million rows).
        """
        data = self.form.cleaned_data
        sort = data.get("sort") or []
        if len(sort) != 1 or sort[0] not in CommitmentSortFilter.OVERDUE_EQUIVALENT or data.get("overdue") is not None:
            return None
        most_late_first = sort[0].startswith("-")
        due_date = F("due_date").asc() if most_late_first else F("due_date").desc(nulls_last=True)
        return [self.qs.overdue(self.today).order_by(due_date, "pk"), self.qs.not_overdue(self.today).order_by("pk")]

    def filter_responsible_ministry(self, queryset, name, value):
        return queryset.answered_for_by(value)

    def _statuses(self):
        """The statuses the status filter asks for (empty: any)."""
        statuses = set()
        for value in self.form.cleaned_data.get("status") or ():
            statuses.update(CommitmentStatus.open_values() if value == OPEN else [value])
        return statuses

    def filter_status(self, queryset, name, values):
        return queryset.filter(status__in=sorted(self._statuses()))

    @extend_schema_field(OpenApiTypes.BOOL)  # the type in the API's schema
    def filter_overdue(self, queryset, name, value):
        if value is None:
            return queryset
        if value:
            return queryset.overdue(self.today)
        if self._statuses() and self._statuses() <= set(CommitmentStatus.open_values()):
            # The same rows, as a range of the due date an index answers (see `open_not_overdue`).
            return queryset.open_not_overdue(self.today).order_by(*SOONEST_DUE_FIRST_SORTED)
        return queryset.not_overdue(self.today)

    # The filters below select rows spread thinly over the due dates: sorted, not walked (a `sort`
    # chosen in the URL still applies after them).
    def filter_closed_after(self, queryset, name, value):
        return queryset.fulfilled_since(value).order_by(*SOONEST_DUE_FIRST_SORTED)

    def filter_dossier(self, queryset, name, value):
        number, suffix = citations.parse_dossier(value)
        return queryset.filter(dossier__number=number, dossier__suffix=suffix)

    @extend_schema_field(OpenApiTypes.INT)  # the type in the API's schema
    def filter_member(self, queryset, name, value):
        recipients = CommitmentRecipient.objects.filter(commitment=OuterRef("pk"), person=value)
        return queryset.filter(Exists(recipients)).order_by(*SOONEST_DUE_FIRST_SORTED)

    @extend_schema_field(OpenApiTypes.STR)  # the type in the API's schema
    def filter_party(self, queryset, name, value):
        # Promised to the party itself, or to one of its members on the party's behalf.
        return queryset.filter(Exists(CommitmentRecipient.objects.filter(commitment=OuterRef("pk"), party=value)))


class CommitmentListFilter(CommitmentFilter):
    """The list page's filters: the same, plus the page number."""

    extra_parameters = ("page",)


def appraisal_choices():
    """The appraisals to choose from: the known ones, then every other value the motions carry
    (the field keeps the Kamer's raw values, e.g. 'Niet beschikbaar bij gewijzigde moties …')."""
    known = list(KabinetsAppreciatie.values)
    present = (
        Motion.objects.exclude(kabinetsappreciatie__in=["", *known])
        .order_by("kabinetsappreciatie")
        .values_list("kabinetsappreciatie", flat=True)
        .distinct()
    )
    return [("", _("all")), *[(value, value) for value in [*known, *present]]]


class MotionFilter(StrictFilterSet):
    """Filters of the motion list and export. Dossiers and citations are read by the one parser."""

    q = django_filters.CharFilter(label=_("Search"), method="filter_text")
    # No DISTINCT: the status is the motion's own column (DISTINCT over the list's annotations costs
    # a sort of every matching motion).
    status = django_filters.MultipleChoiceFilter(label=_("Status"), choices=MotionStatus.choices, distinct=False)
    # Matched exactly, whatever the value: the Kamer publishes more than the known appraisals.
    appreciatie = django_filters.CharFilter(
        label=_("Government appraisal"),
        field_name="kabinetsappreciatie",
        lookup_expr="exact",
        # Read when the form is drawn (once per data version), not by the export.
        widget=forms.Select(choices=ChoicesFromTheData(appraisal_choices)),
    )
    party = django_filters.ModelChoiceFilter(
        label=_("Filed by (party)"),
        queryset=Party.objects.all(),
        to_field_name="abbreviation",
        method="filter_party",
        empty_label=_("all"),
    )
    dossier = django_filters.CharFilter(label=_("Dossier"), method="filter_dossier", validators=[validate_dossier])
    filed_after = _date_filter(_("Filed from"), "filed_on", "gte")
    filed_before = _date_filter(_("Filed until"), "filed_on", "lte")

    class Meta(StrictFilterSet.Meta):
        model = Motion
        fields = []

    def filter_text(self, queryset, name, value):
        return search_motions(queryset, value)

    def filter_dossier(self, queryset, name, value):
        number, suffix = citations.parse_dossier(value)
        return queryset.filter(document__dossier__number=number, document__dossier__suffix=suffix)

    @extend_schema_field(OpenApiTypes.STR)  # the type in the API's schema
    def filter_party(self, queryset, name, value):
        # A signer's party on the motion, or, when the motion does not say, the member's party.
        signers = MotionSigner.objects.filter(motion=OuterRef("pk")).filter(
            Q(party=value) | Q(party__isnull=True, person__party=value)
        )
        return queryset.filter(Exists(signers))


class MotionListFilter(MotionFilter):
    """The motions index: the export's filters, plus the page number."""

    extra_parameters = ("page",)


class DocumentFilter(StrictFilterSet):
    """Filters of the papers (the API's documents): kind, dossier, date."""

    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=DocumentKind.choices, empty_label=_("all"))
    dossier = django_filters.CharFilter(label=_("Dossier"), method="filter_dossier", validators=[validate_dossier])
    date_after = _date_filter(_("Dated from"), "date", "gte")
    date_before = _date_filter(_("Dated until"), "date", "lte")

    class Meta(StrictFilterSet.Meta):
        model = Document
        fields = []

    def filter_dossier(self, queryset, name, value):
        number, suffix = citations.parse_dossier(value)
        return queryset.filter(dossier__number=number, dossier__suffix=suffix)


class NameFilter(StrictFilterSet):
    """A name or title contains `q` (dossiers, people, ministries, committees)."""

    q = django_filters.CharFilter(label=_("Search"), method="filter_name")
    name_fields: tuple[str, ...] = ("name",)

    def filter_name(self, queryset, name, value):
        condition = Q()
        for field in self.name_fields:
            condition |= Q(**{f"{field}__icontains": value})
        return queryset.filter(condition)


class DossierFilter(NameFilter):
    name_fields = ("title", "number")

    class Meta(StrictFilterSet.Meta):
        model = Dossier
        fields = []


class PersonFilter(NameFilter):
    name_fields = ("name", "full_name")

    class Meta(StrictFilterSet.Meta):
        model = Person
        fields = []


class MinistryFilter(NameFilter):
    name_fields = ("name", "abbreviation")

    class Meta(StrictFilterSet.Meta):
        model = Ministry
        fields = []


class CommitteeFilter(NameFilter):
    name_fields = ("name", "abbreviation")

    class Meta(StrictFilterSet.Meta):
        model = Committee
        fields = []


def invalid_filter_response(filterset):
    """A text 400 listing the form's errors when `filterset` is invalid, else None.

    A bare `FilterSet.qs` silently drops invalid values and returns every row; exports and
    feeds must refuse instead.
    """
    if filterset.is_valid():
        return None
    lines = [gettext("These filter values are not valid:")]
    for name, messages in filterset.errors.items():
        field = filterset.form.fields.get(name)
        if field is None:
            lines.extend(f"- {message}" for message in messages)
            continue
        label = field.label or name
        lines.extend(f"- {label} ({name}): {message}" for message in messages)
    return HttpResponseBadRequest("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


def bind_filter(filter_class, request, queryset, **kwargs):
    """Bind `filter_class` to `request.GET`; return `(filterset, error_response)`.

    `error_response` is None when every value is valid (then use `filterset.qs`), else a text
    400 listing the form's errors. The filterset is returned either way, so an HTML page can
    render the errors itself instead.
    """
    filterset = filter_class(request.GET, queryset=queryset, request=request, **kwargs)
    return filterset, invalid_filter_response(filterset)
