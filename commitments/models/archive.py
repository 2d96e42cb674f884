"""Archiving instead of deleting: a commitment, motion or paper is withdrawn from the public
pages but never erased, so its history (and a commitment's deadline history) stays.

The rule "archived rows are not shown" lives here once: `ArchivableQuerySet.active()`, applied
by the default manager (`objects`) that every page, export, feed and service reads through.
`all_objects` sees archived rows too (the admin, and lookups that must find them).
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ArchivableQuerySet(models.QuerySet):
    def active(self):
        """Rows that are not archived (what the public sees)."""
        return self.filter(archived_at__isnull=True)

    def archived(self):
        return self.filter(archived_at__isnull=False)


class ActiveManager(models.Manager):
    """The default manager of an archivable model: archived rows are left out."""

    def get_queryset(self):
        return super().get_queryset().active()


class Archivable(models.Model):
    """Fields of a record that can be archived (with who, when and why) instead of deleted."""

    archived_at = models.DateTimeField(_("archived at"), null=True, blank=True, editable=False)
    archived_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("archived by"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    archive_reason = models.CharField(_("reason for archiving"), max_length=500, blank=True, editable=False)

    class Meta:
        abstract = True

    @property
    def is_archived(self) -> bool:
        return self.archived_at is not None
