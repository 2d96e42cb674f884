from django.contrib import admin, messages
from django.db.models import Q
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeData, mark_safe
from django.utils.text import smart_split, unescape_string_literal
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from ..models import Activity, Document, DocumentSeries, Dossier
from ..selectors.waiting import commitments_waiting_for
from .audit import ArchivesInsteadOfDeleting, AuditedHistoryAdmin
from .changelists import BigTableAdmin
from .closures import ClosedByDocumentInline, SavesClosuresThroughService
from .forms import DocumentAdminForm
from .letters import LetterReceivedView


@admin.register(Dossier)
class DossierAdmin(AuditedHistoryAdmin):
    list_display = ["slug", "title"]
    search_fields = ["number", "title"]


@admin.register(DocumentSeries)
class DocumentSeriesAdmin(AuditedHistoryAdmin):
    search_fields = ["name"]


def _waiting_commitment_links(document):
    """Links to the admin pages of the commitments waiting for a paper of the document's series."""
    return [
        format_html('<a href="{}">{}</a>', reverse("admin:commitments_commitment_change", args=[c.pk]), c)
        for c in commitments_waiting_for(document)
    ]


@admin.register(Document)
class DocumentAdmin(BigTableAdmin, ArchivesInsteadOfDeleting, SavesClosuresThroughService, AuditedHistoryAdmin):
    form = DocumentAdminForm
    list_display = ["identifier", "title", "kind", "date", "chamber"]
    list_filter = ["kind", "chamber", "citation_kind", "series"]
    list_select_related = ["dossier"]
    # Searched by search_rows: the identifier, the title, and the dossier's number and title.
    search_fields = ["identifier", "title"]
    date_hierarchy = "date"
    autocomplete_fields = ["series", "ministry"]
    readonly_fields = ["identifier", "official_link", "waiting_commitments"]
    inlines = [ClosedByDocumentInline]
    actions = ["archive_selected", "restore_selected"]

    def get_queryset(self, request):
        # A paper is shown by its citation, which names its dossier (the autocomplete too).
        return super().get_queryset(request).select_related("dossier")

    def search_rows(self, request, queryset, search_term):
        """Papers with every word in their identifier, their title or their dossier's number or title.

        The dossiers are read first (a small table): an OR that reaches into the joined dossier
        would scan every paper, while the identifier and the title have trigram indexes
        (migration 0009) and the dossier its foreign key's.
        """
        # Words as Django's admin search splits them ("quoted phrases" stay whole).
        words = [
            unescape_string_literal(w) if w[0] in "\"'" and len(w) > 1 and w[0] == w[-1] else w
            for w in smart_split(search_term)
        ]
        if not words:
            return queryset, False
        either = Q()
        for word in words:
            either |= Q(number__icontains=word) | Q(title__icontains=word)
        dossiers = list(Dossier.objects.filter(either).values_list("pk", "number", "title"))
        condition = Q()
        for word in words:
            folded = word.casefold()
            in_dossiers = [
                pk for pk, number, title in dossiers if folded in number.casefold() or folded in title.casefold()
            ]
            condition &= Q(identifier__icontains=word) | Q(title__icontains=word) | Q(dossier__in=in_dossiers)
        return queryset.filter(condition), False

    def get_urls(self):
        letter_received = self.admin_site.admin_view(LetterReceivedView(self))
        return [
            path("brief-ontvangen/", letter_received, name="commitments_document_letter_received"),
            *super().get_urls(),
        ]

    def message_user(self, request, message, *args, **kwargs):
        # Django's Dutch messages say "De {name} …"; a stuk is "het" (the save message said "De stuk").
        if isinstance(message, str) and message.startswith(f"De {Document._meta.verbose_name} "):
            message = mark_safe("Het " + message[3:]) if isinstance(message, SafeData) else "Het " + message[3:]
        super().message_user(request, message, *args, **kwargs)

    @admin.display(description=_("official publication"))
    def official_link(self, obj):
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
                    )
                    % {"count": len(links), "series": obj.series},
                    format_html_join(", ", "{}", ((link,) for link in links)),
                ),
                messages.INFO,
            )


@admin.register(Activity)
class ActivityAdmin(BigTableAdmin, AuditedHistoryAdmin):
    list_display = ["title", "kind", "date", "date_earliest", "date_latest", "committee"]
    list_filter = ["kind", "chamber", "committee"]
    list_select_related = ["committee"]
    search_fields = ["title", "dossier__number"]
    date_hierarchy = "date"
    autocomplete_fields = ["committee", "dossier", "report"]
