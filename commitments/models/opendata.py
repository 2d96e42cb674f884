"""Where a record came from in the Tweede Kamer's open data, and the state of the sync.

A record the sync wrote keeps the Kamer's Id (`tk_id`), its `ApiGewijzigdOp` (`tk_changed_at`)
and the values the sync last wrote (`tk_values`). That last part is how the griffie's edits win:
a field whose value differs from what the sync wrote was changed by a clerk, and a later sync
leaves it alone and lists the conflict (`SyncConflict`) instead of overwriting it.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

ODATA_URL = "https://gegevensmagazijn.tweedekamer.nl/OData/v4/2.0/"


class FromOpenData(models.Model):
    """The fields of a record that may come from the Kamer's open data (see the module doc)."""

    # The OData entity the record comes from ("Zaak", "Document", …): its page URL is built from it.
    tk_entity = ""

    tk_id = models.UUIDField(_("Tweede Kamer open data id"), null=True, blank=True, unique=True, editable=False)
    tk_changed_at = models.DateTimeField(_("changed in the open data at"), null=True, blank=True, editable=False)
    tk_values = models.JSONField(default=dict, blank=True, editable=False)

    class Meta:
        abstract = True

    @property
    def is_from_open_data(self) -> bool:
        return self.tk_id is not None

    @property
    def tk_record_url(self) -> str:
        """The record itself in the Kamer's open data (always resolvable from its Id)."""
        return f"{ODATA_URL}{self.tk_entity}({self.tk_id})" if self.tk_id else ""


class OpenDataHistory:
    """Fields no history row needs: the sync's own bookkeeping (for `HistoricalRecords`)."""

    excluded = ["tk_values"]


class AgendaItem(models.Model):
    """An Agendapunt of the Kamer: the only path from a decision (Besluit) to its motion (Zaak).

    Kept as published (the Zaken it lists, in order), because a decision may arrive in a later
    sync than its agenda item. Not shown anywhere; the sync reads it to link decisions.
    """

    tk_id = models.UUIDField(unique=True)
    tk_changed_at = models.DateTimeField(null=True, blank=True)
    activity_tk_id = models.UUIDField(null=True, blank=True)
    subject = models.CharField(max_length=500, blank=True)
    # [[zaak id, zaak soort], …] in the order the Kamer lists them.
    cases = models.JSONField(default=list, blank=True)

    class Meta:
        verbose_name = _("agenda item (open data)")
        verbose_name_plural = _("agenda items (open data)")

    def __str__(self):
        return self.subject or str(self.tk_id)


class SyncState(models.Model):
    """One row per entity of the Kamer's open data: how far the sync got, and its last run."""

    entity = models.CharField(_("entity"), max_length=40, unique=True)
    # The greatest ApiGewijzigdOp committed: the next incremental run asks for what changed after it.
    cursor = models.DateTimeField(_("changed up to"), null=True, blank=True)
    source = models.CharField(_("source"), max_length=300, blank=True)
    started_at = models.DateTimeField(_("last run started"), null=True, blank=True)
    finished_at = models.DateTimeField(_("last run finished"), null=True, blank=True)
    summary = models.JSONField(_("summary"), default=dict, blank=True)

    class Meta:
        ordering = ["entity"]
        verbose_name = _("open data sync")
        verbose_name_plural = _("open data syncs")

    def __str__(self):
        return self.entity


class SyncConflict(models.Model):
    """A field a clerk changed that the Kamer's open data now says otherwise: the clerk's value stays."""

    entity = models.CharField(_("entity"), max_length=40)
    tk_id = models.UUIDField(_("Tweede Kamer open data id"))
    record = models.CharField(_("record"), max_length=300)
    admin_url = models.CharField(max_length=300, blank=True)
    field = models.CharField(_("field"), max_length=60)
    local_value = models.TextField(_("value kept (griffie)"), blank=True)
    kamer_value = models.TextField(_("value in the open data"), blank=True)
    seen_at = models.DateTimeField(_("last seen"))

    class Meta:
        ordering = ["-seen_at", "entity", "record"]
        verbose_name = _("sync conflict")
        verbose_name_plural = _("sync conflicts")
        constraints = [models.UniqueConstraint(fields=["tk_id", "field"], name="sync_conflict_once_per_field")]

    def __str__(self):
        return f"{self.record}: {self.field}"
