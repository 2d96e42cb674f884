"""The subscribe form: a list selection is its query string, checked by the list's own FilterSet."""

from django import forms
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from ..filters import CommitmentFilter
from ..models import Commitment, DigestFrequency, SubscriptionKind

# Parameters that choose how the list is shown, not which rows: not part of a selection.
NOT_SELECTION = ("page", "sort")


def normalised_selection(query: str) -> str:
    """The query string without page and sort, its parameters in a fixed order."""
    data = QueryDict(query, mutable=True)
    for name in NOT_SELECTION:
        data.pop(name, None)
    ordered = QueryDict(mutable=True)
    for name in sorted(data):
        ordered.setlist(name, sorted(value for value in data.getlist(name) if value != ""))
    return ordered.urlencode()


def selection_filter(query: str, queryset=None, today=None) -> CommitmentFilter:
    """The list's FilterSet bound to a stored selection."""
    queryset = Commitment.objects.all() if queryset is None else queryset
    return CommitmentFilter(QueryDict(query), queryset=queryset, today=today)


class SubscribeForm(forms.Form):
    kind = forms.ChoiceField(label=_("What"), choices=SubscriptionKind.choices, initial=SubscriptionKind.SELECTION)
    query = forms.CharField(label=_("Selection"), required=False, max_length=1000, widget=forms.HiddenInput)
    frequency = forms.ChoiceField(label=_("How often"), choices=DigestFrequency.choices, initial=DigestFrequency.WEEKLY)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("kind") == SubscriptionKind.SELECTION:
            query = normalised_selection(cleaned.get("query") or "")
            filterset = selection_filter(query)
            if not filterset.is_valid():
                errors = [message for messages in filterset.errors.values() for message in messages]
                raise forms.ValidationError(errors)
            cleaned["query"] = query
        else:
            cleaned["query"] = ""
        return cleaned
