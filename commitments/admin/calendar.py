from django.contrib import admin

from ..models import Recess
from ..services import deadlines
from .audit import AuditedHistoryAdmin


@admin.register(Recess)
class RecessAdmin(AuditedHistoryAdmin):
    """The recess calendar: a change of dates re-derives the due dates anchored to it."""

    list_display = ["chamber", "kind", "start", "end", "confidence", "note"]
    list_filter = ["chamber", "kind", "confidence"]
    search_fields = ["kind", "note"]
    date_hierarchy = "start"

    def save_model(self, request, obj, form, change):
        deadlines.save_recess(obj, user=request.user)

    def delete_model(self, request, obj):
        deadlines.delete_recess(obj, user=request.user)

    def delete_queryset(self, request, queryset):
        for recess in queryset:
            deadlines.delete_recess(recess, user=request.user)
