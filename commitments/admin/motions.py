from django.contrib import admin
from django.db.models import F
from django.utils.translation import gettext_lazy as _

from ..models import KabinetsAppreciatie, Motion, MotionSigner, MotionStatusChange
from ..models.search import search_motions
from ..services import motions
from .archived import TabularInline
from .audit import ArchivesInsteadOfDeleting, AuditedHistoryAdmin
from .changelists import BigTableAdmin
from .opendata import open_data_link


class MotionSignerInline(TabularInline):
    model = MotionSigner
    extra = 0
    autocomplete_fields = ["person", "party"]


class MotionStatusChangeInline(TabularInline):
    model = MotionStatusChange
    extra = 0
    fields = ["status", "date", "note", "decision_as_published", "vote_kind"]
    verbose_name_plural = _("course (status history)")


class KabinetsAppreciatieFilter(admin.SimpleListFilter):
    """The usual appraisals (the field keeps any published text): Django's filter for a field
    without choices lists its values with a DISTINCT over every motion."""

    title = _("government appraisal")
    parameter_name = "kabinetsappreciatie"

    def lookups(self, request, model_admin):
        return KabinetsAppreciatie.choices

    def queryset(self, request, queryset):
        return queryset.filter(kabinetsappreciatie=self.value()) if self.value() else queryset


@admin.register(Motion)
class MotionAdmin(BigTableAdmin, ArchivesInsteadOfDeleting, AuditedHistoryAdmin):
    list_display = ["citation", "title", "status", "kabinetsappreciatie", "filed_on"]
    list_filter = ["status", KabinetsAppreciatieFilter, "committee"]
    list_select_related = ["document__dossier"]
    # The fields are searched by `search_motions`, as on the public motions page (see get_search_results).
    search_fields = ["title"]
    search_help_text = _("Searches title, dictum, Zaak number and Kamerstuk.")
    # Newest first, as the motion_newest_first index (filed_on desc nulls last, id desc) reads them.
    ordering = [F("filed_on").desc(nulls_last=True), "-pk"]
    sortable_by: list[str] = []
    date_hierarchy = "filed_on"
    autocomplete_fields = ["document", "activity", "replaced_by", "committee"]
    # The open-data provenance is the sync's to write: shown, never edited.
    readonly_fields = ["status", "tk_id", "tk_changed_at", "open_data_record"]

    @admin.display(description=_("citation"), ordering="document__identifier")
    def citation(self, obj):
        return obj.citation

    @admin.display(description=_("record in the open data"))
    def open_data_record(self, obj):
        return open_data_link(obj)

    inlines = [MotionSignerInline, MotionStatusChangeInline]
    actions = ["archive_selected", "restore_selected"]

    def get_queryset(self, request):
        # A motion is shown by its citation, which names its paper's dossier (the autocomplete too).
        return super().get_queryset(request).select_related("document__dossier")

    def search_rows(self, request, queryset, search_term):
        # One motion search for the admin and the public motions page; no DISTINCT needed.
        return (search_motions(queryset, search_term) if search_term else queryset), False

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        # The status follows the latest step of the course; adoption creates the obligation.
        motions.sync_motion_status(form.instance)
