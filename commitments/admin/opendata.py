"""The Kamer's open data in the admin: what the sync did, what it left to the griffie, and the votes.

The sync owns these records: the admin shows them, read-only, to staff who may view them, and no
one adds, changes or deletes them here (whatever their group's permissions say).
"""

from django.contrib import admin
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from ..models import FromOpenData, Motion, SyncConflict, SyncState, Vote
from ..models.search import search_motions
from .archived import KeepsArchivedTargets
from .audit import AuditedHistoryAdmin
from .changelists import BigTableAdmin, RelatedWithRowsFilter

# The counts of a sync run's summary, in the order the admin shows them.
SUMMARY_COUNTS = [
    ("created", _("created")),
    ("updated", _("updated")),
    ("unchanged", _("unchanged")),
    ("deleted", _("deleted")),
    ("conflicts", _("conflicts")),
]


def open_data_link(obj: FromOpenData):
    """The record in the Kamer's open data, as a link ("-" for a record the griffie made)."""
    url = obj.tk_record_url if obj.pk else ""
    return format_html('<a href="{0}" rel="noopener">{0}</a>', url) if url else "-"


class ReadOnlyAdmin(admin.ModelAdmin):
    """Viewable with view permission, never written through the admin (the sync writes them)."""

    form = KeepsArchivedTargets  # the admin's one form base (read-only here, but shown through it)

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(SyncState)
class SyncStateAdmin(ReadOnlyAdmin):
    list_display = ["entity", "cursor", "started_at", "finished_at", "summary_line"]
    fields = ["entity", "cursor", "source", "started_at", "finished_at", "summary_table"]
    readonly_fields = fields

    @admin.display(description=_("last run"))
    def summary_line(self, obj):
        summary = obj.summary or {}
        parts = [f"{label} {summary.get(key, 0)}" for key, label in SUMMARY_COUNTS]
        skipped = sum((summary.get("skipped") or {}).values())
        parts.insert(4, f"{gettext('skipped')} {skipped}")
        return ", ".join(parts)

    @admin.display(description=_("summary of the last run"))
    def summary_table(self, obj):
        summary = obj.summary or {}
        rows = [(label, summary.get(key, 0)) for key, label in SUMMARY_COUNTS]
        skipped = summary.get("skipped") or {}
        rows.insert(4, (gettext("skipped"), sum(skipped.values())))
        rows[5:5] = [
            (format_html("&nbsp;&nbsp;{}: {}", gettext("skipped"), reason), n) for reason, n in skipped.items()
        ]
        body = format_html_join("", "<tr><th scope='row'>{}</th><td>{}</td></tr>", rows)
        return format_html('<table class="sync-summary"><tbody>{}</tbody></table>', body)


@admin.register(SyncConflict)
class SyncConflictAdmin(ReadOnlyAdmin):
    list_display = ["record_link", "entity", "field", "local_value", "kamer_value", "seen_at"]
    list_filter = ["entity"]
    search_fields = ["record", "field"]
    fields = ["entity", "tk_id", "record_link", "field", "local_value", "kamer_value", "seen_at"]
    readonly_fields = fields
    date_hierarchy = "seen_at"

    @admin.display(description=_("record"), ordering="record")
    def record_link(self, obj):
        # admin_url is written by the sync (a path in this admin); the text is escaped.
        return format_html('<a href="{}">{}</a>', obj.admin_url, obj.record) if obj.admin_url else obj.record


@admin.register(Vote)
class VoteAdmin(BigTableAdmin, ReadOnlyAdmin, AuditedHistoryAdmin):
    # The sync's changes to a vote are in its history (read-only, like every history here).

    list_display = ["actor_name", "party_name", "choice", "seats", "mistake", "decision"]
    list_filter = ["choice", "mistake", ("party", RelatedWithRowsFilter)]
    list_select_related = ["decision__motion__document__dossier"]
    # The motion voted on, found by `search_motions` (see get_search_results): millions of votes
    # are not scanned for a name.
    search_fields = ["decision__motion__title"]
    search_help_text = _("Searches the motion voted on: title, dictum, Zaak number and Kamerstuk.")
    # Newest first by the primary key: the published order (seats, name) would sort every vote.
    ordering = ["-pk"]
    sortable_by: list[str] = []
    fields = [
        "decision",
        "actor_name",
        "party",
        "party_name",
        "person",
        "choice",
        "seats",
        "mistake",
        "tk_id",
        "tk_changed_at",
        "open_data_record",
    ]
    readonly_fields = fields

    def search_rows(self, request, queryset, search_term):
        if not search_term:
            return queryset, False
        return queryset.filter(decision__motion__in=search_motions(Motion.all_objects.all(), search_term)), False

    @admin.display(description=_("record in the open data"))
    def open_data_record(self, obj):
        return open_data_link(obj)
