"""The audit trail in the admin: history that can be read but not reverted, a reason on every
save, an admin log entry for every action, and archiving instead of deleting.

django-simple-history's history form view saves on POST with view permission alone, and a
"Revert" there would bypass the services (a due date moved without its deadline history, a
commitment reopened while its closing letter stands). Here history is read-only for everyone:
changes go through the change form and the actions, which go through the services.
"""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from simple_history.admin import SimpleHistoryAdmin

from ..services import archive
from ..services.records import delete_with_reason, save_with_reason
from .archived import KeepsArchivedTargets


def admin_reason(form, change: bool) -> str:
    """The history reason of a save in the admin: which fields the clerk changed (a Dutch record)."""
    if not change:
        return "aangemaakt in beheer"
    changed = ", ".join(form.changed_data) if form is not None else ""
    return f"gewijzigd in beheer: {changed}" if changed else "opgeslagen in beheer"


def log_action(request, objects, message: str) -> None:
    """One admin log entry per object an action changed (the admin's own record of who did what)."""
    objects = list(objects)
    if not objects:
        return
    content_type = ContentType.objects.get_for_model(type(objects[0]), for_concrete_model=False)
    LogEntry.objects.bulk_create(
        [
            LogEntry(
                user_id=request.user.pk,
                content_type=content_type,
                object_id=str(obj.pk),
                object_repr=str(obj)[:200],
                action_flag=CHANGE,
                change_message=message,
            )
            for obj in objects
        ]
    )


class AuditedHistoryAdmin(SimpleHistoryAdmin):
    """A ModelAdmin whose history is viewable, never writable, and whose saves carry a reason."""

    form = KeepsArchivedTargets

    def revert_disabled(self, request, obj=None):
        return True

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        # Read-only for every role: a POST here would save (or restore a deleted record) outside
        # the services, with view permission alone.
        if request.method not in ("GET", "HEAD"):
            raise PermissionDenied
        return super().history_form_view(request, object_id, version_id, extra_context)

    def save_model(self, request, obj, form, change):
        obj._change_reason = admin_reason(form, change)
        super().save_model(request, obj, form, change)

    def delete_model(self, request, obj):
        delete_with_reason(obj, "verwijderd in beheer", user=request.user)

    def delete_queryset(self, request, queryset):
        for obj in queryset:
            delete_with_reason(obj, "verwijderd in beheer", user=request.user)

    def save_formset(self, request, form, formset, change):
        """Inline rows are saved one by one, each with a reason in its own history."""
        instances = formset.save(commit=False)
        for obj in formset.deleted_objects:
            delete_with_reason(obj, f"verwijderd in beheer (bij {form.instance})", user=request.user)
        for obj in instances:
            reason = "gewijzigd in beheer" if obj.pk else "toegevoegd in beheer"
            save_with_reason(obj, f"{reason} (bij {form.instance})", user=request.user)
        formset.save_m2m()


class ArchiveForm(forms.Form):
    _selected_action = forms.CharField(widget=forms.MultipleHiddenInput)
    reason = forms.CharField(label=_("Reason"), max_length=500)


class YesNoFilter(admin.SimpleListFilter):
    """A yes/no list filter over two queryset methods: the rule itself stays on the queryset."""

    # Each subclass names its two choices and the queryset method behind each.
    yes_label: str
    no_label: str
    yes_method: str
    no_method: str

    def lookups(self, request, model_admin):
        return [("yes", self.yes_label), ("no", self.no_label)]

    def queryset(self, request, queryset):
        method = {"yes": self.yes_method, "no": self.no_method}.get(self.value())
        return getattr(queryset, method)() if method else queryset


class ArchivedFilter(YesNoFilter):
    title = _("archived")
    parameter_name = "archived"
    yes_label, yes_method = _("Archived"), "archived"
    no_label, no_method = _("Not archived"), "active"


class ArchivesInsteadOfDeleting:
    """Mixin for the admin of an archivable model: no delete; archive (and restore) with a reason.

    The admin shows archived rows too (`all_objects`); the public pages do not.
    """

    def get_queryset(self, request):
        # The autocomplete of another record's link offers active rows only: an archived record
        # is not chosen anew (a link it already has stays valid, see KeepsArchivedTargets).
        if getattr(request.resolver_match, "url_name", None) == "autocomplete":
            return super().get_queryset(request)
        queryset = self.model.all_objects.get_queryset()
        ordering = self.get_ordering(request)
        return queryset.order_by(*ordering) if ordering else queryset

    def get_list_filter(self, request):
        return [*super().get_list_filter(request), ArchivedFilter]

    def get_actions(self, request):
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)
        return actions

    def has_delete_permission(self, request, obj=None):
        return False

    def get_readonly_fields(self, request, obj=None):
        return [*super().get_readonly_fields(request, obj), "archived_at", "archived_by", "archive_reason"]

    def _archive_page(self, request, queryset, title, apply, log_message):
        form = ArchiveForm(
            request.POST if "apply" in request.POST else None,
            initial={"_selected_action": [str(pk) for pk in queryset.values_list("pk", flat=True)]},
        )
        if "apply" in request.POST and form.is_valid():
            try:
                changed = apply(queryset, reason=form.cleaned_data["reason"], user=request.user)
            except ValidationError as error:
                for message in error.messages:
                    self.message_user(request, message, messages.ERROR)
                return None
            log_action(request, changed, f"{log_message}: {form.cleaned_data['reason']}")
            self.message_user(
                request,
                ngettext("%(count)d record changed.", "%(count)d records changed.", len(changed))
                % {"count": len(changed)},
                messages.SUCCESS,
            )
            return None
        context = {
            **self.admin_site.each_context(request),
            "title": title,
            "form": form,
            "queryset": queryset,
            "opts": self.model._meta,
            "action": request.POST.get("action"),
        }
        return TemplateResponse(request, "admin/commitments/archive_form.html", context)

    @admin.action(description=_("Archive selected records (with a reason)"), permissions=["change"])
    def archive_selected(self, request, queryset):
        return self._archive_page(request, queryset, _("Archive"), archive.archive, "gearchiveerd")

    @admin.action(description=_("Restore selected records from the archive (with a reason)"), permissions=["change"])
    def restore_selected(self, request, queryset):
        return self._archive_page(request, queryset, _("Restore from the archive"), archive.restore, "teruggezet")
