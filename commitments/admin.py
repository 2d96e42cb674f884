"""The griffie's daily tool: registering papers, motions and commitments, and closing them."""
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.template.response import TemplateResponse
from django.utils import timezone
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from . import services
from .forms import CloseWithLetterForm, CommitmentAdminForm, DocumentAdminForm, MarkLapsedForm, ResetDeadlineForm
from .selectors_deadlines import commitments_waiting_for
from .models import (
    Activity,
    Closure,
    Commitment,
    CommitmentRecipient,
    CommitmentRelation,
    Committee,
    DeadlineChange,
    Document,
    DocumentSeries,
    Dossier,
    Ministry,
    Motion,
    MotionSigner,
    MotionStatusChange,
    Office,
    Party,
    Person,
    Recess,
)


class OverdueFilter(admin.SimpleListFilter):
    """Overdue or not, by the one rule in `CommitmentQuerySet.overdue`."""

    title = _("overdue")
    parameter_name = "overdue"

    def lookups(self, request, model_admin):
        return [("yes", _("Overdue")), ("no", _("Not overdue"))]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.overdue()
        if self.value() == "no":
            return queryset.not_overdue()
        return queryset


@admin.register(Party)
class PartyAdmin(SimpleHistoryAdmin):
    list_display = ["abbreviation", "name"]
    search_fields = ["abbreviation", "name"]


@admin.register(Person)
class PersonAdmin(SimpleHistoryAdmin):
    list_display = ["name", "full_name", "party"]
    list_filter = ["party"]
    list_select_related = ["party"]
    search_fields = ["name", "full_name"]
    autocomplete_fields = ["party"]


@admin.register(Ministry)
class MinistryAdmin(SimpleHistoryAdmin):
    list_display = ["abbreviation", "name"]
    search_fields = ["abbreviation", "name"]


@admin.register(Committee)
class CommitteeAdmin(SimpleHistoryAdmin):
    list_display = ["name", "abbreviation"]
    search_fields = ["name", "abbreviation"]


@admin.register(Office)
class OfficeAdmin(SimpleHistoryAdmin):
    list_display = ["person", "title", "function", "ministry", "start", "end"]
    list_filter = ["function", "ministry"]
    list_select_related = ["person", "ministry"]
    search_fields = ["person__name", "title", "ministry__abbreviation"]
    autocomplete_fields = ["person", "ministry"]


@admin.register(Dossier)
class DossierAdmin(SimpleHistoryAdmin):
    list_display = ["slug", "title"]
    search_fields = ["number", "title"]


@admin.register(DocumentSeries)
class DocumentSeriesAdmin(SimpleHistoryAdmin):
    search_fields = ["name"]


class ClosureInline(admin.TabularInline):
    model = Closure
    extra = 0
    autocomplete_fields = ["document"]
    fields = ["document", "fulfilment", "closed_on", "note"]
    verbose_name_plural = _("closing letters")


class ClosedByDocumentInline(admin.TabularInline):
    """On a letter: the commitments it closes."""

    model = Closure
    fk_name = "document"
    extra = 0
    autocomplete_fields = ["commitment"]
    fields = ["commitment", "fulfilment", "closed_on", "note"]
    verbose_name_plural = _("commitments closed by this paper")


@admin.register(Document)
class DocumentAdmin(SimpleHistoryAdmin):
    form = DocumentAdminForm
    list_display = ["identifier", "title", "kind", "date", "chamber"]
    list_filter = ["kind", "chamber", "citation_kind", "series"]
    list_select_related = ["dossier"]
    search_fields = ["identifier", "title", "dossier__number", "dossier__title"]
    date_hierarchy = "date"
    autocomplete_fields = ["series", "ministry"]
    readonly_fields = ["identifier", "official_link", "waiting_commitments"]
    inlines = [ClosedByDocumentInline]
    show_full_result_count = False

    @admin.display(description=_("official publication"))
    def official_link(self, obj):
        from django.utils.html import format_html

        return format_html('<a href="{0}" rel="noopener">{0}</a>', obj.official_url) if obj.pk else "-"

    @admin.display(description=_("commitments waiting for this series"))
    def waiting_commitments(self, obj):
        links = _waiting_commitment_links(obj) if obj.pk else []
        return format_html_join(mark_safe("<br>"), "{}", ((link,) for link in links)) if links else "-"

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        links = _waiting_commitment_links(obj)
        if links:
            self.message_user(
                request,
                format_html(
                    "{} {}",
                    ngettext(
                        "%(count)d commitment waits for a paper of %(series)s:",
                        "%(count)d commitments wait for a paper of %(series)s:",
                        len(links),
                    ) % {"count": len(links), "series": obj.series},
                    format_html_join(", ", "{}", ((link,) for link in links)),
                ),
                messages.INFO,
            )

    def save_formset(self, request, form, formset, change):
        # Closing through the letter's page goes through the same service as the action.
        if formset.model is Closure:
            _save_closures_through_service(formset)
        else:
            super().save_formset(request, form, formset, change)


def _waiting_commitment_links(document):
    """Links to the admin pages of the commitments waiting for a paper of the document's series."""
    return [
        format_html('<a href="{}">{}</a>', reverse("admin:commitments_commitment_change", args=[c.pk]), c)
        for c in commitments_waiting_for(document)
    ]


@admin.register(Activity)
class ActivityAdmin(SimpleHistoryAdmin):
    list_display = ["title", "kind", "date", "date_earliest", "date_latest", "committee"]
    list_filter = ["kind", "chamber", "committee"]
    list_select_related = ["committee"]
    search_fields = ["title", "dossier__number"]
    date_hierarchy = "date"
    autocomplete_fields = ["committee", "dossier", "report"]


class MotionSignerInline(admin.TabularInline):
    model = MotionSigner
    extra = 0
    autocomplete_fields = ["person", "party"]


class MotionStatusChangeInline(admin.TabularInline):
    model = MotionStatusChange
    extra = 0
    verbose_name_plural = _("course (status history)")


@admin.register(Motion)
class MotionAdmin(SimpleHistoryAdmin):
    list_display = ["document", "title", "status", "kabinetsappreciatie", "filed_on"]
    list_filter = ["status", "kabinetsappreciatie", "committee"]
    list_select_related = ["document__dossier"]
    search_fields = ["document__identifier", "title", "dictum", "signers__person__name"]
    date_hierarchy = "filed_on"
    autocomplete_fields = ["document", "activity", "replaced_by", "committee"]
    readonly_fields = ["status"]
    inlines = [MotionSignerInline, MotionStatusChangeInline]
    show_full_result_count = False

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        # The status follows the latest step of the course; adoption creates the obligation.
        services.sync_motion_status(form.instance)


class RecipientInline(admin.TabularInline):
    model = CommitmentRecipient
    extra = 0
    autocomplete_fields = ["person", "party"]


class RelationInline(admin.TabularInline):
    model = CommitmentRelation
    fk_name = "from_commitment"
    extra = 0
    autocomplete_fields = ["to_commitment"]


class DeadlineChangeInline(admin.TabularInline):
    """The deadline history is written by the services, never edited by hand."""

    model = DeadlineChange
    extra = 0
    can_delete = False
    fields = ["changed_at", "changed_by", "old_due_date", "new_due_date", "phrase", "source", "reason"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


def _save_closures_through_service(formset):
    """Save closure inline rows, applying status changes with `services.close_with_letter`."""
    closures = formset.save(commit=False)
    for obj in formset.deleted_objects:
        obj.delete()
    for closure in closures:
        services.close_with_letter(
            [closure.commitment], closure.document, closure.fulfilment, closed_on=closure.closed_on, note=closure.note
        )
    formset.save_m2m()


@admin.register(Commitment)
class CommitmentAdmin(SimpleHistoryAdmin):
    form = CommitmentAdminForm
    list_display = [
        "label", "short_text", "kind", "status", "due_date", "overdue_flag", "ministry", "bewindspersoon",
        "committee_or_plenary", "made_on",
    ]
    list_display_links = ["label", "short_text"]
    list_filter = [
        "status", OverdueFilter, "kind", "chamber", "ministry", "committee",
        ("bewindspersoon", admin.RelatedOnlyFieldListFilter), ("dossier", admin.RelatedOnlyFieldListFilter),
        "deadline_precision", "due_date_overridden",
    ]
    list_select_related = ["ministry", "committee", "bewindspersoon"]
    # The fields are searched by CommitmentQuerySet.search (see get_search_results).
    search_fields = ["text"]
    search_help_text = _("Searches text, number, deadline phrase, bewindspersoon, members and parties promised to, "
                         "dossier and Kamerstuk.")
    date_hierarchy = "made_on"
    autocomplete_fields = [
        "source_activity", "source_document", "motion", "bewindspersoon", "office", "ministry", "committee",
        "dossier", "expected_series", "expected_activity",
    ]
    readonly_fields = ["status", "deadline_precision", "deadline_anchor", "deadline_rule", "deadline_explanation",
                       "due_date_overridden", "created_at", "updated_at"]
    fieldsets = [
        (None, {"fields": ["number", "kind", "motion", "chamber", "text", "made_on", "status", "status_note"]}),
        (_("Source and responsibility"), {"fields": [
            "source_activity", "source_document", "bewindspersoon", "office", "ministry", "committee", "dossier",
        ]}),
        (_("Deadline"), {"fields": [
            "deadline_phrase", "due_date", "deadline_reason", "due_date_earliest", "deadline_precision",
            "deadline_anchor", "deadline_rule", "deadline_explanation", "due_date_overridden", "expected_series",
            "expected_activity", "expected_event_date",
        ]}),
        (_("Record"), {"fields": ["created_at", "updated_at"], "classes": ["collapse"]}),
    ]
    inlines = [RecipientInline, ClosureInline, DeadlineChangeInline, RelationInline]
    actions = ["close_with_letter", "reset_deadline", "mark_lapsed", "rederive_from_phrase"]
    list_per_page = 50
    show_full_result_count = False
    ordering = ["-made_on", "-pk"]

    def get_queryset(self, request):
        return super().get_queryset(request).with_overdue(timezone.localdate())

    def get_search_results(self, request, queryset, search_term):
        # One search for the admin and the public list; no DISTINCT needed.
        return (queryset.search(search_term) if search_term else queryset), False

    @admin.display(description=_("number"), ordering="number")
    def label(self, obj):
        return obj.number or f"#{obj.pk}"

    @admin.display(description=_("text"))
    def short_text(self, obj):
        return obj.text if len(obj.text) <= 90 else obj.text[:87] + "…"

    @admin.display(description=_("overdue"), boolean=True, ordering="due_date")
    def overdue_flag(self, obj):
        return obj.is_overdue

    @admin.display(description=_("committee"), ordering="committee__name")
    def committee_or_plenary(self, obj):
        return obj.committee or _("Plenary")

    # The fields a derived due date depends on: changing one derives it again.
    derivation_fields = {"deadline_phrase", "made_on", "chamber", "source_activity"}

    def save_model(self, request, obj, form, change):
        """Derive the due date from the phrase; a date typed by the clerk overrides it, with history."""
        by_hand = "due_date" in form.changed_data
        clerk_date = obj.due_date
        if by_hand:
            obj.due_date = form.initial.get("due_date") if change else None
        super().save_model(request, obj, form, change)
        if not change or self.derivation_fields & set(form.changed_data):
            if obj.due_date_overridden and not by_hand:
                self.message_user(request, _(
                    "The due date was set by hand and stays; use the action “Derive the due date from the phrase "
                    "again” to follow the phrase."
                ), messages.WARNING)
            else:
                services.apply_deadline_phrase(obj, user=request.user)
                if obj.deadline_explanation and not by_hand:
                    self.message_user(
                        request, _("Due date derived: %(explanation)s") % {"explanation": obj.deadline_explanation}
                    )
        if by_hand:
            services.change_due_date(
                obj, clerk_date, reason=form.cleaned_data["deadline_reason"] or gettext("entered at registration"),
                source=DeadlineChange.Source.OVERRIDE, user=request.user,
            )

    def save_formset(self, request, form, formset, change):
        if formset.model is Closure:
            _save_closures_through_service(formset)
        else:
            super().save_formset(request, form, formset, change)

    # --- actions with an intermediate page -------------------------------------------------

    def _action_page(self, request, queryset, form, title, apply):
        """Show `form` for the selection; on a valid POST run `apply(form)`."""
        if "apply" in request.POST and form.is_valid():
            try:
                changed = apply(form)
            except ValidationError as error:
                for message in error.messages:
                    self.message_user(request, message, messages.ERROR)
                return None
            self.message_user(
                request,
                ngettext("%(count)d commitment changed.", "%(count)d commitments changed.", len(changed))
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
            "media": self.media + form.media,
        }
        return TemplateResponse(request, "admin/commitments/commitment/action_form.html", context)

    def _bound(self, form_class, request, queryset):
        initial = {"_selected_action": [str(pk) for pk in queryset.values_list("pk", flat=True)]}
        return form_class(request.POST if "apply" in request.POST else None, initial=initial)

    @admin.action(description=_("Close selected commitments with a letter"), permissions=["change"])
    def close_with_letter(self, request, queryset):
        form = self._bound(CloseWithLetterForm, request, queryset)
        return self._action_page(
            request, queryset, form, _("Close with a letter"),
            lambda f: services.close_with_letter(
                queryset, f.cleaned_data["letter"], f.cleaned_data["fulfilment"],
                closed_on=f.cleaned_data["closed_on"], note=f.cleaned_data["note"],
            ),
        )

    @admin.action(description=_("Set a new due date (with a reason)"), permissions=["change"])
    def reset_deadline(self, request, queryset):
        form = self._bound(ResetDeadlineForm, request, queryset)
        return self._action_page(
            request, queryset, form, _("Set a new due date"),
            lambda f: services.reset_deadline(
                queryset, f.cleaned_data["new_due_date"], reason=f.cleaned_data["reason"], user=request.user
            ),
        )

    @admin.action(description=_("Derive the due date from the phrase again"), permissions=["change"])
    def rederive_from_phrase(self, request, queryset):
        entries = services.rederive_from_phrase(queryset.select_related("source_activity"), user=request.user)
        self.message_user(
            request,
            ngettext("%(count)d due date changed or released.", "%(count)d due dates changed or released.",
                     len(entries)) % {"count": len(entries)},
            messages.SUCCESS,
        )

    @admin.action(description=_("Mark selected commitments lapsed (with a reason)"), permissions=["change"])
    def mark_lapsed(self, request, queryset):
        form = self._bound(MarkLapsedForm, request, queryset)
        return self._action_page(
            request, queryset, form, _("Mark lapsed"),
            lambda f: services.mark_lapsed(queryset, reason=f.cleaned_data["reason"]),
        )


@admin.register(Recess)
class RecessAdmin(SimpleHistoryAdmin):
    list_display = ["chamber", "kind", "start", "end", "confidence", "note"]
    list_filter = ["chamber", "kind", "confidence"]
    search_fields = ["kind", "note"]
    date_hierarchy = "start"

