from django.contrib import admin, messages
from django.utils.translation import ngettext

from ..models import DeadlineRederivation, Recess
from ..services import rederivation
from .audit import AuditedHistoryAdmin
from .opendata import ReadOnlyAdmin


@admin.register(Recess)
class RecessAdmin(AuditedHistoryAdmin):
    """The recess calendar: a change of dates re-derives the due dates anchored to it."""

    list_display = ["chamber", "kind", "start", "end", "confidence", "note"]
    list_filter = ["chamber", "kind", "confidence"]
    search_fields = ["kind", "note"]
    date_hierarchy = "start"

    def save_model(self, request, obj, form, change):
        self._report(request, rederivation.save_recess(obj, user=request.user))

    def delete_model(self, request, obj):
        self._report(request, rederivation.delete_recess(obj, user=request.user))

    def delete_queryset(self, request, queryset):
        for recess in queryset:
            self._report(request, rederivation.delete_recess(recess, user=request.user))

    def _report(self, request, job: DeadlineRederivation | None):
        """Tell the clerk what the edit did to the due dates: done, or queued (and how many)."""
        if job is None:
            return
        count = job.estimated or 0
        if job.is_finished:
            message = ngettext(
                "%(count)d commitment may depend on this recess; its due date was derived again "
                "(%(moved)d due dates changed).",
                "%(count)d commitments may depend on this recess; their due dates were derived again "
                "(%(moved)d due dates changed).",
                count,
            ) % {"count": count, "moved": job.moved}
        else:
            message = ngettext(
                "%(count)d commitment may depend on this recess; its due date is being derived again in "
                "the background (re-derivation %(job)d).",
                "%(count)d commitments may depend on this recess; their due dates are being derived again in "
                "the background (re-derivation %(job)d).",
                count,
            ) % {"count": count, "job": job.pk}
        self.message_user(request, message, messages.SUCCESS if job.is_finished else messages.INFO)


@admin.register(DeadlineRederivation)
class DeadlineRederivationAdmin(ReadOnlyAdmin):
    """What a recess edit or `rederive_deadlines` re-derived, or is re-deriving: read-only."""

    list_display = ["pk", "reason", "requested_at", "requested_by", "estimated", "examined", "moved", "finished_at"]
    list_filter = [("finished_at", admin.EmptyFieldListFilter)]
    fields = [
        "reason",
        "requested_at",
        "requested_by",
        "chamber",
        "every_phrase",
        "period_start",
        "period_end",
        "estimated",
        "examined",
        "moved",
        "updated",
        "last_pk",
        "started_at",
        "progress_at",
        "finished_at",
        "error",
    ]
    readonly_fields = fields
    list_select_related = ["requested_by"]
