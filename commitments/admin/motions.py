from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from ..models import Motion, MotionSigner, MotionStatusChange
from ..services import motions
from .archived import TabularInline
from .audit import ArchivesInsteadOfDeleting, AuditedHistoryAdmin


class MotionSignerInline(TabularInline):
    model = MotionSigner
    extra = 0
    autocomplete_fields = ["person", "party"]


class MotionStatusChangeInline(TabularInline):
    model = MotionStatusChange
    extra = 0
    verbose_name_plural = _("course (status history)")


@admin.register(Motion)
class MotionAdmin(ArchivesInsteadOfDeleting, AuditedHistoryAdmin):
    list_display = ["document", "title", "status", "kabinetsappreciatie", "filed_on"]
    list_filter = ["status", "kabinetsappreciatie", "committee"]
    list_select_related = ["document__dossier"]
    search_fields = ["document__identifier", "title", "dictum", "signers__person__name"]
    date_hierarchy = "filed_on"
    autocomplete_fields = ["document", "activity", "replaced_by", "committee"]
    readonly_fields = ["status"]
    inlines = [MotionSignerInline, MotionStatusChangeInline]
    show_full_result_count = False
    actions = ["archive_selected", "restore_selected"]

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        # The status follows the latest step of the course; adoption creates the obligation.
        motions.sync_motion_status(form.instance)
