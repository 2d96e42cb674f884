"""Closing letters in the admin, as inlines on a commitment and on a letter.

Whatever inline a clerk uses, adding, changing or removing a closure goes through the closing
service, which recomputes the commitment's status.
"""

from django.utils.translation import gettext_lazy as _

from ..models import Closure, Document
from ..services import closing
from .archived import KeepsArchivedTargets, TabularInline


def save_closures(formset) -> None:
    """Save an inline formset of closures through the closing service."""
    closures = formset.save(commit=False)
    for closure in formset.deleted_objects:
        closing.remove_closure(closure)
    for closure in closures:
        if closure.closed_on is None and isinstance(formset.instance, Document):
            # A letter added on this same page was not saved when its rows were cleaned.
            closure.closed_on = formset.instance.date
        closing.save_closure(closure)


class ClosureInline(TabularInline):
    """On a commitment: the letters that close it."""

    model = Closure
    extra = 0
    autocomplete_fields = ["document"]
    fields = ["document", "fulfilment", "closed_on", "note"]
    verbose_name_plural = _("closing letters")


class ClosedByDocumentForm(KeepsArchivedTargets):
    """A closure on the letter's own page: the date defaults to the letter's, shown right above."""

    class Meta:
        model = Closure
        fields = ["commitment", "fulfilment", "closed_on", "note"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["closed_on"].required = False
        self.fields["closed_on"].help_text = _("Empty: the letter's date.")

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("closed_on") and self.instance.document_id and self.instance.document.date:
            cleaned["closed_on"] = self.instance.closed_on = self.instance.document.date
        return cleaned


class ClosedByDocumentInline(TabularInline):
    """On a letter: the commitments it closes."""

    model = Closure
    form = ClosedByDocumentForm
    fk_name = "document"
    extra = 0
    autocomplete_fields = ["commitment"]
    fields = ["commitment", "fulfilment", "closed_on", "note"]
    verbose_name = _("commitment closed")
    verbose_name_plural = _("commitments closed by this paper")


class SavesClosuresThroughService:
    """Mixin for a ModelAdmin with a closure inline."""

    def save_formset(self, request, form, formset, change):
        if formset.model is Closure:
            save_closures(formset)
        else:
            super().save_formset(request, form, formset, change)
