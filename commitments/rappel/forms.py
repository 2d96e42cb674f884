"""The rappel's forms: the query parameters, and one row of the decision screen."""

from django import forms
from django.forms import formset_factory
from django.utils.translation import gettext_lazy as _

from .. import citations, clock
from ..models import Document, RappelOutcome
from ..selectors.rappel import RAPPEL_DEFAULT_DAYS
from ..services.rappel import RappelDecision

MAX_DAYS = 366


class RappelParameters(forms.Form):
    """`?peildatum=YYYY-MM-DD` (default today) and `?binnen=N` days (default 60)."""

    peildatum = forms.DateField(required=False, input_formats=["%Y-%m-%d"], validators=[clock.validate_date_in_range])
    binnen = forms.IntegerField(required=False, min_value=0, max_value=MAX_DAYS)

    def clean_peildatum(self):
        return self.cleaned_data["peildatum"] or clock.today()

    def clean_binnen(self):
        days = self.cleaned_data["binnen"]
        return RAPPEL_DEFAULT_DAYS if days is None else days


class DecisionForm(forms.Form):
    """One row of the decision screen: the committee's decision about one commitment."""

    commitment = forms.IntegerField(widget=forms.HiddenInput)
    decision = forms.ChoiceField(
        label=_("Decision"), choices=[("", _("— no decision —")), *RappelOutcome.choices], required=False
    )
    new_due_date = forms.DateField(
        label=_("New due date"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        input_formats=["%Y-%m-%d", "%d-%m-%Y"],
        validators=[clock.validate_date_in_range],
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
        outcome = cleaned.get("decision")
        if not outcome or "letter" in self.errors or "new_due_date" in self.errors:
            return cleaned
        decision = RappelDecision(
            None,
            outcome,
            reason=cleaned.get("reason"),
            new_due_date=cleaned.get("new_due_date"),
            letter=cleaned.get("letter"),
        )
        for message in decision.errors():
            self.add_error(None, message)
        return cleaned


class BaseDecisionFormSet(forms.BaseFormSet):
    def clean(self):
        if any(self.errors):
            return
        chosen = [form.cleaned_data["commitment"] for form in self.forms if form.cleaned_data.get("decision")]
        if not chosen:
            raise forms.ValidationError(_("Choose a decision for at least one commitment."))
        if len(chosen) != len(set(chosen)):
            raise forms.ValidationError(_("A commitment appears twice; give one decision per commitment."))


DecisionFormSet = formset_factory(DecisionForm, formset=BaseDecisionFormSet, extra=0)
