from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.template.response import TemplateResponse
from django.templatetags.static import static
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from .. import clock
from ..models import Commitment, CommitmentRecipient, CommitmentRelation, DeadlineChange
from ..services import closing, deadlines
from .archived import TabularInline
from .audit import ArchivesInsteadOfDeleting, AuditedHistoryAdmin, YesNoFilter, log_action
from .changelists import BigTableAdmin, RelatedWithRowsFilter
from .closures import ClosureInline, SavesClosuresThroughService
from .forms import CloseWithLetterForm, CommitmentAdminForm, MarkLapsedForm, ResetDeadlineForm


class OverdueFilter(YesNoFilter):
    """Overdue or not, by the one rule in `CommitmentQuerySet.overdue`."""

    title = _("overdue")
    parameter_name = "overdue"
    yes_label, yes_method = _("Overdue"), "overdue"
    no_label, no_method = _("Not overdue"), "not_overdue"


class RecipientInline(TabularInline):
    model = CommitmentRecipient
    extra = 0
    autocomplete_fields = ["person", "party"]


class RelationInline(TabularInline):
    model = CommitmentRelation
    fk_name = "from_commitment"
    extra = 0
    autocomplete_fields = ["to_commitment"]


class DeadlineChangeInline(TabularInline):
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


@admin.register(Commitment)
class CommitmentAdmin(BigTableAdmin, ArchivesInsteadOfDeleting, SavesClosuresThroughService, AuditedHistoryAdmin):
    form = CommitmentAdminForm
    list_display = [
        "label",
        "short_text",
        "kind",
        "status",
        "due_date",
        "overdue_flag",
        "ministry",
        "bewindspersoon",
        "committee_or_plenary",
        "made_on",
    ]
    list_display_links = ["label", "short_text"]
    # No dossier filter: thousands of dossiers make a sidebar no one reads (and a page of MBs); the
    # search finds a dossier's commitments by its number.
    list_filter = [
        "status",
        OverdueFilter,
        "kind",
        "chamber",
        "ministry",
        "committee",
        ("bewindspersoon", RelatedWithRowsFilter),
        "deadline_precision",
        "due_date_overridden",
    ]
    list_select_related = ["ministry", "committee", "bewindspersoon"]
    # The fields are searched by CommitmentQuerySet.search (see get_search_results).
    search_fields = ["text"]
    search_help_text = _(
        "Searches text, number, deadline phrase, bewindspersoon, members and parties promised to, "
        "dossier and Kamerstuk."
    )
    date_hierarchy = "made_on"
    autocomplete_fields = [
        "source_activity",
        "source_document",
        "motion",
        "motions_concerned",
        "bewindspersoon",
        "office",
        "ministry",
        "committee",
        "dossier",
        "expected_series",
        "expected_activity",
    ]
    readonly_fields = [
        "status",
        "deadline_precision",
        "deadline_anchor",
        "deadline_rule",
        "deadline_explanation",
        "due_date_overridden",
        "created_at",
        "updated_at",
    ]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "number",
                    "kind",
                    "motion",
                    "motions_concerned",
                    "chamber",
                    "text",
                    "made_on",
                    "status",
                    "status_note",
                ]
            },
        ),
        (
            _("Source and responsibility"),
            {
                "fields": [
                    "source_activity",
                    "source_document",
                    "bewindspersoon",
                    "office",
                    "ministry",
                    "committee",
                    "dossier",
                ]
            },
        ),
        (
            _("Deadline"),
            {
                "fields": [
                    "deadline_phrase",
                    "due_date",
                    "deadline_reason",
                    "due_date_earliest",
                    "deadline_precision",
                    "deadline_anchor",
                    "deadline_rule",
                    "deadline_explanation",
                    "due_date_overridden",
                    "expected_series",
                    "expected_activity",
                    "expected_event_date",
                ]
            },
        ),
        (
            _("Record"),
            {
                "fields": ["created_at", "updated_at", "archived_at", "archived_by", "archive_reason"],
                "classes": ["collapse"],
            },
        ),
    ]
    inlines = [RecipientInline, ClosureInline, DeadlineChangeInline, RelationInline]
    actions = [
        "close_with_letter",
        "reset_deadline",
        "mark_lapsed",
        "rederive_from_phrase",
        "archive_selected",
        "restore_selected",
    ]
    list_per_page = 50
    # Newest first, read from the (made_on, id) index; the columns sort only where an index reads
    # them in order (a sort by ministry or status would sort every row of the filtered list).
    ordering = ["-made_on", "-pk"]
    sortable_by = ["label", "due_date", "overdue_flag", "made_on"]

    def get_queryset(self, request):
        # The closures of the page's rows are read in one query (for "fulfilled late"): the
        # `with_fulfilled_on` subquery ran for every row a page skips (10,000 of them on the last).
        return super().get_queryset(request).with_overdue(clock.today()).prefetch_related("closures")

    def search_rows(self, request, queryset, search_term):
        # One search for the admin and the public list (CommitmentQuerySet.search); no DISTINCT needed.
        return (queryset.search(search_term) if search_term else queryset), False

    @admin.display(description=_("number"), ordering="number")
    def label(self, obj):
        return obj.number or f"#{obj.pk}"

    @admin.display(description=_("text"))
    def short_text(self, obj):
        return obj.text if len(obj.text) <= 90 else obj.text[:87] + "…"

    @admin.display(description=_("overdue"), ordering="due_date")
    def overdue_flag(self, obj):
        """Red ✗ with the days for a late one, green ✓ for one on time, nothing without a due date.

        (A boolean column showed a green ✓ for "late: yes", the wrong way round.)
        """
        days = obj.late_days
        if days is not None:
            label = (
                ngettext("%(days)d day late", "%(days)d days late", days) % {"days": days}
                if obj.is_overdue
                else _("fulfilled late")
            )
            return format_html('<img src="{}" alt="{}"> {}', static("admin/img/icon-no.svg"), _("late"), label)
        if obj.due_date is None or obj.status == obj.Status.VERVALLEN:
            return "–"
        return format_html('<img src="{}" alt="{}">', static("admin/img/icon-yes.svg"), _("on time"))

    @admin.display(description=_("committee"), ordering="committee__name")
    def committee_or_plenary(self, obj):
        return obj.committee or _("Plenary")

    # The fields a derived due date depends on: changing one derives it again.
    derivation_fields = {"deadline_phrase", "made_on", "chamber", "source_activity"}

    def save_model(self, request, obj, form, change):
        """Save through the deadline flow: derive from the phrase, or take the date the clerk typed."""
        by_hand = "due_date" in form.changed_data
        clerk_date = obj.due_date
        # The stored date, so the deadline history records old beside new.
        obj.due_date = form.initial.get("due_date") if change else None
        derive = not change or bool(self.derivation_fields & set(form.changed_data))
        if derive and obj.due_date_overridden and not by_hand:
            self.message_user(
                request,
                _(
                    "The due date was set by hand and stays; use the action “Derive the due date from the phrase "
                    "again” to follow the phrase."
                ),
                messages.WARNING,
            )
        deadlines.save_with_deadline(
            obj,
            user=request.user,
            by_hand=by_hand,
            due_date=clerk_date,
            derive=derive,
            reason=form.cleaned_data.get("deadline_reason", ""),
        )
        if derive and not by_hand and not obj.due_date_overridden and obj.deadline_explanation:
            self.message_user(
                request, _("Due date derived: %(explanation)s") % {"explanation": obj.deadline_explanation}
            )

    # --- actions with an intermediate page -------------------------------------------------

    def _action_page(self, request, queryset, form, title, apply):
        """Show `form` for the selection; on a valid POST run `apply(form)`, and log it.

        A refused change shows the same page again with the reasons, keeping the selection and
        everything typed (it used to return to the list and lose them).
        """
        errors: list[str] = []
        if "apply" in request.POST and form.is_valid():
            try:
                changed = apply(form)
            except ValidationError as error:
                errors = error.messages
                changed = None
            if changed is None:
                return self._render_action_page(request, queryset, form, title, errors)
            # One entry per selected commitment (`changed` may hold deadline-history entries).
            log_action(request, queryset, f"{title}: {form.cleaned_data.get('reason') or ''}".rstrip(": "))
            self.message_user(
                request,
                ngettext("%(count)d commitment changed.", "%(count)d commitments changed.", len(changed))
                % {"count": len(changed)},
                messages.SUCCESS,
            )
            return None
        return self._render_action_page(request, queryset, form, title, errors)

    def _render_action_page(self, request, queryset, form, title, errors):
        context = {
            **self.admin_site.each_context(request),
            "title": title,
            "form": form,
            "queryset": queryset,
            "opts": self.model._meta,
            "action": request.POST.get("action"),
            "errors": errors,
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
            request,
            queryset,
            form,
            _("Close with a letter"),
            lambda f: closing.close_with_letter(
                queryset,
                f.cleaned_data["letter"],
                f.cleaned_data["fulfilment"],
                closed_on=f.cleaned_data["closed_on"],
                note=f.cleaned_data["note"],
                user=request.user,
            ),
        )

    @admin.action(description=_("Set a new due date (with a reason)"), permissions=["change"])
    def reset_deadline(self, request, queryset):
        form = self._bound(ResetDeadlineForm, request, queryset)
        return self._action_page(
            request,
            queryset,
            form,
            _("Set a new due date"),
            lambda f: deadlines.reset_deadline(
                queryset, f.cleaned_data["new_due_date"], reason=f.cleaned_data["reason"], user=request.user
            ),
        )

    @admin.action(description=_("Derive the due date from the phrase again"), permissions=["change"])
    def rederive_from_phrase(self, request, queryset):
        entries = deadlines.release_overrides(queryset.select_related("source_activity"), user=request.user)
        log_action(request, [entry.commitment for entry in entries], "termijn opnieuw afgeleid uit de zinsnede")
        self.message_user(
            request,
            ngettext(
                "%(count)d due date changed or released.", "%(count)d due dates changed or released.", len(entries)
            )
            % {"count": len(entries)},
            messages.SUCCESS,
        )

    @admin.action(description=_("Mark selected commitments lapsed (with a reason)"), permissions=["change"])
    def mark_lapsed(self, request, queryset):
        form = self._bound(MarkLapsedForm, request, queryset)
        return self._action_page(
            request,
            queryset,
            form,
            _("Mark lapsed"),
            lambda f: closing.mark_lapsed(queryset, reason=f.cleaned_data["reason"], user=request.user),
        )
