"""Forms for the griffie's admin screens: registering papers and commitments, and the actions."""

from django import forms
from django.contrib import admin
from django.contrib.admin.widgets import AdminDateWidget, AutocompleteSelect
from django.utils.translation import gettext_lazy as _

from .. import citations, clock
from ..models import Closure, Commitment, Document, Dossier, Fulfilment
from .archived import KeepsArchivedTargets


class DocumentAdminForm(KeepsArchivedTargets):
    """A document is identified by typing its citation as written; one parser reads it."""

    citation_text = forms.CharField(
        label=_("Citation"),
        max_length=200,
        required=False,
        help_text=_(
            "As written, e.g. 'Kamerstuk 31 015, nr. 192', 'Handelingen II 2020/21, nr. 19, item 8', "
            "'Aanhangsel Handelingen II 2020/21, nr. 1139' or 'Kamerstukken I 2019/20, 33268, F'. "
            "Empty for a letter without a number yet: give its date and kenmerk. Adding the number later "
            "keeps every link."
        ),
    )

    class Meta:
        model = Document
        fields = ["citation_text", "kenmerk", "kind", "title", "date", "series", "ministry"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and not self.instance.is_unnumbered:
            self.fields["citation_text"].initial = self.instance.citation

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("citation_text") and not (cleaned.get("kenmerk") and cleaned.get("date")):
            raise forms.ValidationError(
                _("Give the citation, or the date and kenmerk of a letter that has no number yet.")
            )
        if not cleaned.get("citation_text") and cleaned.get("kenmerk"):
            duplicate = (
                Document.objects.filter(identifier=Document.unnumbered_slug(cleaned["kenmerk"]))
                .exclude(pk=self.instance.pk)
                .exists()
            )
            if duplicate:
                self.add_error("kenmerk", _("A letter with this kenmerk is already registered."))
        return cleaned

    def clean_citation_text(self):
        text = self.cleaned_data["citation_text"]
        if not text.strip():
            return ""
        try:
            parsed = citations.parse_citation(text)
        except citations.CitationError as error:
            raise forms.ValidationError(str(error)) from error
        dossier = None
        if parsed.dossier_number:
            dossier = Dossier.objects.filter(number=parsed.dossier_number, suffix=parsed.dossier_suffix).first()
            if dossier is None:
                raise forms.ValidationError(
                    _("Dossier %(dossier)s is not registered yet. Add the dossier first."),
                    params={"dossier": parsed.dossier_slug},
                )
        duplicate = Document.all_objects.filter(identifier=parsed.slug).exclude(pk=self.instance.pk).first()
        if duplicate:
            raise forms.ValidationError(_("%(citation)s is already registered."), params={"citation": parsed.citation})
        self.parsed_citation, self.parsed_dossier = parsed, dossier
        return text

    def _post_clean(self):
        parsed = getattr(self, "parsed_citation", None)
        if parsed is not None:
            self.instance.citation_kind = parsed.kind
            self.instance.chamber = parsed.chamber
            self.instance.dossier = self.parsed_dossier
            self.instance.ondernummer = parsed.ondernummer
            self.instance.vergaderjaar = parsed.vergaderjaar or self.instance.vergaderjaar
            self.instance.number = parsed.number
            self.instance.item = parsed.item
        elif not self.cleaned_data.get("citation_text") and self.cleaned_data.get("kenmerk"):
            self.instance.citation_kind = Document.CitationKind.BRIEF
        super()._post_clean()


class OptionalModelMultipleChoiceField(forms.ModelMultipleChoiceField):
    """A multiple choice that reads an empty value ("") as nothing chosen, not as an invalid pk."""

    def clean(self, value):
        return super().clean([item for item in (value or []) if item != ""])


class CommitmentAdminForm(KeepsArchivedTargets):
    """Changing a due date by hand needs a reason; it lands in the deadline history."""

    deadline_reason = forms.CharField(
        label=_("Reason for the due date change"),
        required=False,
        max_length=500,
        help_text=_("Required when you change the due date of an existing commitment."),
    )

    class Meta:
        model = Commitment
        fields = "__all__"  # noqa: DJ007 - the admin's fieldsets choose what is shown
        field_classes = {"motions_concerned": OptionalModelMultipleChoiceField}

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk and "due_date" in self.changed_data and not cleaned.get("deadline_reason", "").strip():
            self.add_error("deadline_reason", _("Give a reason for the new due date."))
        return cleaned


class ActionForm(forms.Form):
    """Base for the intermediate pages of admin actions: carries the selection through."""

    _selected_action = forms.CharField(widget=forms.MultipleHiddenInput)


class CloseWithLetterForm(ActionForm):
    letter = forms.ModelChoiceField(
        label=_("Letter"),
        queryset=Document.objects.all(),
        widget=AutocompleteSelect(Closure._meta.get_field("document"), admin.site),
    )
    fulfilment = forms.ChoiceField(label=_("Fulfils"), choices=Fulfilment.choices)
    closed_on = forms.DateField(
        label=_("Date"),
        required=False,
        widget=AdminDateWidget,
        help_text=_("Empty: the letter's date."),
        validators=[clock.validate_date_in_range],
    )
    note = forms.CharField(label=_("Note"), required=False, max_length=500)


class ResetDeadlineForm(ActionForm):
    new_due_date = forms.DateField(
        label=_("New due date"), widget=AdminDateWidget, validators=[clock.validate_date_in_range]
    )
    reason = forms.CharField(label=_("Reason"), max_length=500)


class MarkLapsedForm(ActionForm):
    reason = forms.CharField(label=_("Reason"), max_length=500)
