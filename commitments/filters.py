"""The commitment list's filters: one FilterSet for the list page, the CSV export and the feeds."""
import django_filters
from django import forms
from django.core.validators import RegexValidator
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import Commitment, CommitmentRecipient, Committee, Ministry, Party, Person


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
    sort = django_filters.OrderingFilter(
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
        words = value.split()
        for word in words[:10]:
            recipient_match = CommitmentRecipient.objects.filter(commitment=OuterRef("pk")).filter(
                Q(person__name__icontains=word) | Q(party__abbreviation__iexact=word)
            )
            queryset = queryset.filter(
                Q(text__icontains=word)
                | Q(number__icontains=word)
                | Q(deadline_phrase__icontains=word)
                | Q(bewindspersoon__name__icontains=word)
                | Q(dossier__number=word)
                | Q(source_document__identifier__iexact=word)
                | Q(motion__document__identifier__iexact=word)
                | Exists(recipient_match)
            )
        return queryset

    def filter_overdue(self, queryset, name, value):
        return queryset.overdue(self.today) if value else queryset

    def filter_dossier(self, queryset, name, value):
        number, _sep, suffix = value.strip().replace(" ", "").partition("-")
        return queryset.filter(dossier__number=number, dossier__suffix=suffix.upper())

    def filter_member(self, queryset, name, value):
        return queryset.filter(Exists(CommitmentRecipient.objects.filter(commitment=OuterRef("pk"), person=value)))

    def filter_party(self, queryset, name, value):
        # Promised to the party itself, or to one of its members on the party's behalf.
        return queryset.filter(Exists(CommitmentRecipient.objects.filter(commitment=OuterRef("pk"), party=value)))

